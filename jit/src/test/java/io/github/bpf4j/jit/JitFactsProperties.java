package io.github.bpf4j.jit;

import io.github.bpf4j.testdata.MixedPrograms;
import io.github.bpf4j.testdata.PrunedComparePrograms;
import io.github.bpf4j.testdata.RandomPrograms;
import io.github.bpf4j.testdata.VerifiablePrograms;
import io.github.bpf4j.vm.Helpers;
import io.github.bpf4j.vm.Interpreter;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramFacts;
import io.github.bpf4j.vm.ProgramType;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * Random programs the verifier accepts give the same outcome on the JIT loaded with the
 * verifier's facts as on the interpreter: r0, instruction count, memory, or fault and pc; also on
 * memory of another size than the one they were verified for, where the facts do not hold.
 */
class JitFactsProperties {
    /** Helper 5 (ktime_get_ns) made deterministic, so that both engines see the same value. */
    private static final LoadOptions OPTIONS = LoadOptions.defaults()
            .withHelpers(Helpers.standard().with(5, "ktime_get_ns", (a, b, c, d, e, ctx) -> 0x1234_5678L))
            .withBudget(1_000_000);

    @Property(tries = 500)
    void verifiableProgramsAgreeWithFacts(@ForAll long seed) {
        RandomPrograms.Case c = VerifiablePrograms.generate(seed);
        ProgramFacts facts = VerifiedLoads.facts(c.program(), c.input());
        Statistics.label("accepted").collect(facts.verified());
        if (!facts.verified()) {
            return;
        }
        compare(c, facts, seed);
        Statistics.label("accepted").coverage(check -> check.check(true).percentage(p -> p > 90));
    }

    @Property(tries = 1500)
    void mixedProgramsAgreeWithFactsOnAnySize(@ForAll long seed) {
        MixedPrograms.Case generated = MixedPrograms.generate(seed);
        Random random = new Random(seed);
        // an xdp run needs at least an Ethernet header; the raw type takes any size, 0 included
        int least = generated.program().type() == ProgramType.RAW ? 0 : 14;
        byte[] verifiedFor = new byte[Math.max(least, generated.memSize())];
        random.nextBytes(verifiedFor);
        ProgramFacts facts = VerifiedLoads.facts(generated.program(), verifiedFor);
        Statistics.label("accepted").collect(facts.verified());
        if (!facts.verified()) {
            return;
        }
        compare(new RandomPrograms.Case(generated.program(), verifiedFor), facts, seed);
        byte[] other = new byte[least + (random.nextInt(4) == 0 ? 0 : random.nextInt(48))];
        random.nextBytes(other);
        compare(new RandomPrograms.Case(generated.program(), other), facts, seed);
        Statistics.label("accepted").coverage(check -> check.check(true).percentage(p -> p > 20));
    }

    /**
     * Values that differ between the sides of a diamond the verifier prunes reach unsigned
     * compares (directly, through the stack, through a call's result); the compares the facts
     * call signed must answer as the interpreter's unsigned ones on every 8-byte input.
     */
    @Property(tries = 400)
    void comparesAfterPrunedPathsAgreeWithFacts(@ForAll long seed) {
        Program program = PrunedComparePrograms.generate(seed);
        Random random = new Random(seed);
        byte[] verifiedFor = new byte[PrunedComparePrograms.MEM_SIZE];
        random.nextBytes(verifiedFor);
        ProgramFacts facts = VerifiedLoads.facts(program, verifiedFor);
        Statistics.label("accepted").collect(facts.verified());
        if (!facts.verified()) {
            return;
        }
        try (JitProgram jit = JitProgram.load(program, OPTIONS.withFacts(facts))) {
            Statistics.label("signed compares").collect(jit.specialisedCompares() > 0);
        }
        byte[] zeros = new byte[PrunedComparePrograms.MEM_SIZE];
        byte[] ones = zeros.clone();
        Arrays.fill(ones, (byte) 0xff);
        byte[] other = zeros.clone();
        random.nextBytes(other);
        for (byte[] input : List.of(verifiedFor, zeros, ones, other)) {
            compare(new RandomPrograms.Case(program, input), facts, seed);
        }
        Statistics.label("accepted").coverage(check -> check.check(true).percentage(p -> p > 90));
        Statistics.label("signed compares").coverage(check -> check.check(true).percentage(p -> p > 30));
    }

    private static void compare(RandomPrograms.Case c, ProgramFacts facts, long seed) {
        JitMatchesInterpreterProperties.Outcome expected =
                JitMatchesInterpreterProperties.outcome(new Interpreter(), c, OPTIONS);
        try (JitProgram jit = JitProgram.load(c.program(), OPTIONS.withFacts(facts));
             JitProgram chunked = JitProgram.load(c.program(), OPTIONS.withFacts(facts), 100)) {
            Statistics.label("specialised").collect(jit.specialisedAccesses() > 0);
            JitMatchesInterpreterProperties.assertSame(expected, JitMatchesInterpreterProperties.run(jit, c), seed);
            // cut into chunks of a few instructions: the packet array is a local of each chunk
            JitMatchesInterpreterProperties.assertSame(expected, JitMatchesInterpreterProperties.run(chunked, c), seed);
        }
    }
}
