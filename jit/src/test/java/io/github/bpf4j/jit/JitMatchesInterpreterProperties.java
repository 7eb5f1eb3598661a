package io.github.bpf4j.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bpf4j.testdata.RandomPrograms;
import io.github.bpf4j.vm.BpfFault;
import io.github.bpf4j.vm.Engine;
import io.github.bpf4j.vm.Interpreter;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import io.github.bpf4j.vm.RunResult;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Random unverified programs give the same outcome on the interpreter and the JIT. */
class JitMatchesInterpreterProperties {
    private static final LoadOptions OPTIONS =
            LoadOptions.defaults().withHelpers(RandomPrograms.helpers()).withBudget(20_000);

    /** r0, instruction count and memory after the run, or the fault's kind and pc. */
    record Outcome(RunResult result, BpfFault fault) {}

    static Outcome outcome(Engine engine, RandomPrograms.Case c, LoadOptions options) {
        try (LoadedProgram loaded = engine.load(c.program(), options)) {
            return run(loaded, c);
        }
    }

    static Outcome run(LoadedProgram loaded, RandomPrograms.Case c) {
        try {
            return new Outcome(loaded.run(c.input()), null);
        } catch (BpfFault f) {
            return new Outcome(null, f);
        }
    }

    static void assertSame(Outcome expected, Outcome actual, long seed) {
        String where = "seed " + seed;
        if (expected.fault() != null || actual.fault() != null) {
            assertEquals(describe(expected), describe(actual), where);
            return;
        }
        assertEquals(expected.result().r0(), actual.result().r0(), where + ": r0");
        assertEquals(expected.result().instructions(), actual.result().instructions(), where + ": instructions");
        assertArrayEquals(expected.result().memory(), actual.result().memory(), where + ": memory");
    }

    private static String describe(Outcome o) {
        return o.fault() != null ? o.fault().kind() + " at pc " + o.fault().pc() : "r0 = " + o.result().r0();
    }

    @Property(tries = 2000)
    void sameOutcomeWithBudget(@ForAll long seed) {
        RandomPrograms.Case c = RandomPrograms.generate(seed);
        assertSame(outcome(new Interpreter(), c, OPTIONS), outcome(new JitEngine(), c, OPTIONS), seed);
    }

    /** Chunks of a few instructions: every jump between them goes through the dispatcher. */
    @Property(tries = 1000)
    void sameOutcomeWhenCutIntoTinyChunks(@ForAll long seed) {
        RandomPrograms.Case c = RandomPrograms.generate(seed);
        try (LoadedProgram jit = JitProgram.load(c.program(), OPTIONS, 100)) {
            assertSame(outcome(new Interpreter(), c, OPTIONS), run(jit, c), seed);
        }
    }

    @Property(tries = 300)
    void sameOutcomeWithoutBudgetWhenTheProgramEnds(@ForAll long seed) {
        RandomPrograms.Case c = RandomPrograms.generate(seed);
        Outcome reference = outcome(new Interpreter(), c, OPTIONS);
        if (reference.fault() != null && reference.fault().kind() == BpfFault.Kind.BUDGET_EXHAUSTED) {
            return; // would run (nearly) forever without one
        }
        LoadOptions unlimited = OPTIONS.withBudget(LoadOptions.UNLIMITED);
        assertSame(reference, outcome(new JitEngine(), c, unlimited), seed);
    }
}
