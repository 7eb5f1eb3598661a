package io.github.bpf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.testdata.DataCase;
import io.github.bpf4j.testdata.DifferentialFuzzer;
import io.github.bpf4j.vm.Engine;
import io.github.bpf4j.vm.Engines;
import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.Interpreter;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The differential fuzzer: engines agree on fixed seeds, and a planted bug is found. */
class FuzzTest {
    /** The interpreter with a planted bug: 64-bit arithmetic right shifts run as logical ones. */
    static final class ShiftBugEngine implements Engine {
        @Override
        public String name() {
            return "buggy";
        }

        @Override
        public LoadedProgram load(Program program, LoadOptions options) {
            List<Instruction> insns = new ArrayList<>();
            for (Instruction i : program.instructions()) {
                int op = i.opcode() == 0xc7 ? 0x77 : i.opcode() == 0xcf ? 0x7f : i.opcode();
                insns.add(new Instruction(op, i.dst(), i.src(), i.offset(), i.imm()));
            }
            return new Interpreter().load(Program.of(insns), options);
        }
    }

    @Test
    void interpreterAndJitAgreeOnUnverifiedPrograms() {
        DifferentialFuzzer.Report report = new DifferentialFuzzer(
                List.of(new Interpreter(), Engines.byName("jit")), DifferentialFuzzer.Generator.UNVERIFIED)
                .run(20261129, 400, 0);
        assertEquals(400, report.programs());
        assertTrue(report.disagreements().isEmpty(), () -> report.disagreements().get(0).toDataCase());
    }

    @Test
    void enginesAgreeWithTheKernelOnVerifiablePrograms() {
        Engine kernel = Engines.byName("kernel");
        if (!kernel.isAvailable()) {
            Assumptions.assumeFalse("true".equals(System.getenv("CI")) , kernel.unavailableReason());
            Assumptions.abort("kernel engine unavailable: " + kernel.unavailableReason());
        }
        DifferentialFuzzer.Report report = new DifferentialFuzzer(
                List.of(new Interpreter(), Engines.byName("jit"), kernel), DifferentialFuzzer.Generator.VERIFIABLE)
                .run(7, 200, 0);
        assertTrue(report.disagreements().isEmpty(), () -> report.disagreements().get(0).toDataCase());
        int agreed = report.outcomes().getOrDefault("agree", 0);
        // The generator is meant to pass the kernel's verifier: most programs must run there.
        assertTrue(agreed >= 180, "only " + agreed + " of 200 ran on the kernel: " + report.outcomes());
    }

    /**
     * With --facts the JIT runs specialised on our verifier's facts: it agrees with the
     * interpreter on verified programs; facts that call every unsigned compare signed (a planted
     * verifier bug) make it disagree, and the written case says the facts were used.
     */
    @Test
    void factsAreFuzzedThroughTheJit() {
        List<Engine> engines = List.of(new Interpreter(), Engines.byName("jit"));
        DifferentialFuzzer.Report sound = new DifferentialFuzzer(engines, DifferentialFuzzer.Generator.VERIFIABLE)
                .withFacts(Verification::factsOrNone).run(3, 300, 0);
        assertTrue(sound.disagreements().isEmpty(), () -> sound.disagreements().get(0).toDataCase());
        DifferentialFuzzer.Report lying = new DifferentialFuzzer(engines, DifferentialFuzzer.Generator.VERIFIABLE)
                .withFacts(FuzzTest::everyCompareSigned).run(3, 300, 0);
        assertFalse(lying.disagreements().isEmpty(), "wrong facts went unnoticed: " + lying.outcomes());
        assertTrue(lying.disagreements().get(0).toDataCase().startsWith("# Found by bpf4j fuzz --facts, seed "));
    }

    /** The verifier's facts, except that every unsigned compare is claimed to see non-negative operands. */
    private static ProgramFacts everyCompareSigned(Program program, byte[] input) {
        ProgramFacts real = Verification.factsOrNone(program, input);
        return new ProgramFacts() {
            @Override
            public boolean verified() {
                return real.verified();
            }

            @Override
            public boolean provenFor(Program p) {
                return real.provenFor(p);
            }

            @Override
            public int provenInputSize() {
                return real.provenInputSize();
            }

            @Override
            public boolean unsignedCompareIsSigned(int pc) {
                return true;
            }
        };
    }

    @Test
    void findsAPlantedBugAndWritesAMinimalCase(@TempDir Path dir) {
        DifferentialFuzzer.Report report = new DifferentialFuzzer(
                List.of(new Interpreter(), new ShiftBugEngine()), DifferentialFuzzer.Generator.VERIFIABLE)
                .run(1, 200, 0);
        assertFalse(report.disagreements().isEmpty(), "planted bug not found in 200 programs: " + report.outcomes());
        DifferentialFuzzer.Disagreement first = report.disagreements().get(0);
        long arsh = first.program().instructions().stream().filter(i -> i.opcode() == 0xc7 || i.opcode() == 0xcf).count();
        assertTrue(arsh >= 1, "the minimised program lost the arsh");
        List<Path> files = DifferentialFuzzer.write(List.of(first), dir);
        DataCase c = DataCase.read(files.get(0));
        // The written case is valid: the correct engine passes it, the buggy one fails it.
        assertTrue(io.github.bpf4j.testdata.CaseRunner.run(new Interpreter(), c).passed());
        assertFalse(io.github.bpf4j.testdata.CaseRunner.run(new ShiftBugEngine(), c).passed());
        assertTrue(Files.exists(files.get(0)));
    }

    @Test
    void verifierModeGetsTheKernelsVerdicts(@TempDir Path dir) {
        Engine kernel = Engines.byName("kernel");
        if (!kernel.isAvailable()) {
            Assumptions.assumeFalse("true".equals(System.getenv("CI")), kernel.unavailableReason());
            Assumptions.abort("kernel engine unavailable: " + kernel.unavailableReason());
        }
        CliTest.Result r = CliTest.bpf4j("fuzz", "--mode", "verifier", "--count", "300", "--seed", "11",
                "--out", dir.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().strip().endsWith("0 disagreements"), r.out());
        // the generator is neither trivially accepted nor trivially rejected by the kernel
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("the kernel accepted \\d+ \\((\\d+)%\\)").matcher(r.out());
        assertTrue(m.find(), r.out());
        int rate = Integer.parseInt(m.group(1));
        assertTrue(rate >= 20 && rate <= 70, "kernel accept rate " + rate + "%");
    }

    @Test
    void fuzzCommandReportsCounts() {
        CliTest.Result r = CliTest.bpf4j("fuzz", "--engines", "interpreter,jit", "--count", "50", "--seed", "3");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("50 programs"), r.out());
        assertTrue(r.out().strip().endsWith("0 disagreements"), r.out());
    }
}
