package io.github.bpf4j.jit;

import static io.github.bpf4j.jit.Insns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.github.bpf4j.vm.Decoder;
import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.Interpreter;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.RunResult;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Programs far beyond one JVM method: split into chunks, run completely compiled. */
class LargeProgramTest {
    /**
     * A loop run twice over {@code body} blocks of: r0 += k; *(u64 *)(r10 - 8) = r0;
     * r1 = *(u64 *)(r10 - 8); if r1 == -1 goto +1 (never taken); then a call of a subprogram at the
     * very end that adds 1000, and exit. The jump back is a {@code gotol}: its 32-bit offset
     * reaches across the whole program.
     */
    static List<Instruction> program(int blocks) {
        List<Instruction> insns = new ArrayList<>();
        insns.add(movImm(0, 0));
        insns.add(movImm(6, 2)); // loop counter
        int loopStart = insns.size();
        for (int b = 0; b < blocks; b++) {
            insns.add(addImm(0, b % 7));
            insns.add(i(0x7b, 10, 0, -8, 0));
            insns.add(i(0x79, 1, 10, -8, 0));
            insns.add(i(0x15, 1, 0, 1, -1)); // r1 never is -1
        }
        insns.add(i(0x17, 6, 0, 0, 1));
        insns.add(i(0x15, 6, 0, 1, 0)); // if r6 == 0 goto +1
        insns.add(i(0x06, 0, 0, 0, loopStart - insns.size() - 1)); // gotol loopStart
        insns.add(callLocal(1));
        insns.add(exit());
        insns.add(addImm(0, 1000));
        insns.add(exit());
        return insns;
    }

    static long expectedR0(int blocks) {
        long sum = 0;
        for (int b = 0; b < blocks; b++) {
            sum += b % 7;
        }
        return 2 * sum + 1000;
    }

    @Test
    void millionInstructionProgramCompilesAndRuns() {
        int blocks = (Decoder.MAX_SLOTS - 9) / 4;
        Program p = Program.of(program(blocks));
        assertTrue(p.length() > 999_990 && p.length() <= Decoder.MAX_SLOTS, "length " + p.length());
        long started = System.nanoTime();
        try (JitProgram jit = JitProgram.load(p, LoadOptions.defaults())) {
            long compileMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("1M slots: compiled in %d ms into %d methods%n", compileMillis, jit.methodCount());
            assertEquals(1.0, jit.compiledShare());
            assertTrue(jit.methodCount() > 100, "split into " + jit.methodCount() + " methods");
            RunResult r = jit.run(null);
            assertEquals(expectedR0(blocks), r.r0());
            assertEquals(2 + 2L * (4L * blocks + 3) - 1 + 2 + 2, r.instructions());
        }
    }

    @Test
    void mediumProgramMatchesTheInterpreterWithABudget() {
        Program p = Program.of(program(20_000));
        LoadOptions options = LoadOptions.defaults().withBudget(100_000);
        try (LoadedProgram jit = JitProgram.load(p, options); LoadedProgram interp = new Interpreter().load(p, options)) {
            var expected = assertThrows(io.github.bpf4j.vm.BpfFault.class, () -> interp.run(null));
            var actual = assertThrows(io.github.bpf4j.vm.BpfFault.class, () -> jit.run(null));
            assertEquals(expected.kind(), actual.kind());
            assertEquals(expected.pc(), actual.pc());
        }
        try (LoadedProgram jit = JitProgram.load(p, LoadOptions.defaults())) {
            assertEquals(expectedR0(20_000), jit.run(null).r0());
        }
    }
}
