package io.github.bpf4j.kernel;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.testdata.CaseRunner;
import io.github.bpf4j.testdata.DataCase;
import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.Opcodes;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.VerifierException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The bpf_conformance suite on the kernel engine: every test the kernel runs gives the expected
 * full 64-bit r0 (and memory); the others are exactly the ones its verifier rejects by rule.
 */
class KernelConformanceTest {
    /** The suite's tests the kernel will not run, with the reason its verifier gives (Linux 6.18). */
    private static final Map<String, String> KERNEL_CANNOT_RUN = Map.ofEntries(
            entry("callx.data", "unknown opcode 8d"),
            entry("arsh32-imm-high.data", "invalid shift 48"),
            entry("arsh32-imm-neg.data", "invalid shift -16"),
            entry("arsh64-imm-high.data", "invalid shift 124"),
            entry("arsh64-imm-neg.data", "invalid shift -4"),
            entry("lsh32-imm-high.data", "invalid shift 60"),
            entry("lsh32-imm-neg.data", "invalid shift -4"),
            entry("lsh64-imm-high.data", "invalid shift 68"),
            entry("lsh64-imm-neg.data", "invalid shift -60"),
            entry("rsh32-imm-high.data", "invalid shift 40"),
            entry("rsh32-imm-neg.data", "invalid shift -24"),
            entry("rsh64-imm-high.data", "invalid shift 68"),
            entry("rsh64-imm-neg.data", "invalid shift -60"));

    @BeforeEach
    void kernel() {
        KernelRequirement.requireKernel();
    }

    @TestFactory
    Stream<DynamicTest> suiteOnTheKernel() {
        KernelRequirement.requireKernel();
        return CaseFiles.conformanceTests().stream().map(file -> {
            String name = file.getFileName().toString();
            return DynamicTest.dynamicTest(name, file.toUri(), () -> {
                DataCase c = DataCase.read(file);
                String reason = KERNEL_CANNOT_RUN.get(name);
                if (reason == null) {
                    CaseRunner.Outcome outcome = CaseRunner.run(KernelRequirement.ENGINE, c);
                    assertTrue(outcome.passed(), file + ": " + outcome.detail());
                } else {
                    VerifierException e = assertThrows(VerifierException.class, () -> {
                        try (KernelLoadedProgram loaded = KernelRequirement.ENGINE.load(c.program(),
                                LoadOptions.defaults())) {
                            loaded.run(c.memory());
                        }
                    });
                    assertTrue(e.getMessage().contains(": " + reason + " (raw program run as xdp"), e.getMessage());
                }
            });
        });
    }

    /** The list above is exactly the tests that use callx or shift by an immediate outside 0..width-1. */
    @Test
    void theTestsTheKernelCannotRunAreCallxAndOutOfRangeShiftImmediates() {
        Set<String> byRule = new TreeSet<>();
        for (Path file : CaseFiles.conformanceTests()) {
            if (usesWhatTheKernelRejects(DataCase.read(file).program())) {
                byRule.add(file.getFileName().toString());
            }
        }
        assertEquals(new TreeSet<>(KERNEL_CANNOT_RUN.keySet()), byRule);
    }

    private static boolean usesWhatTheKernelRejects(Program program) {
        for (int pc = 0; pc < program.length(); pc++) {
            Instruction insn = program.instruction(pc);
            int op = Opcodes.op(insn.opcode());
            int cls = insn.cls();
            boolean alu = cls == Opcodes.CLS_ALU || cls == Opcodes.CLS_ALU64;
            boolean shift = op == Opcodes.LSH || op == Opcodes.RSH || op == Opcodes.ARSH;
            int width = cls == Opcodes.CLS_ALU64 ? 64 : 32;
            if (insn.opcode() == Opcodes.CALLX_OP) {
                return true;
            }
            if (alu && shift && Opcodes.source(insn.opcode()) == Opcodes.SRC_K
                    && (insn.imm() < 0 || insn.imm() >= width)) {
                return true;
            }
            if (insn.isLddw()) {
                pc++;
            }
        }
        return false;
    }
}
