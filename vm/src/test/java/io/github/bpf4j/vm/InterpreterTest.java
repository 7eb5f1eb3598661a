package io.github.bpf4j.vm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Interpreter behaviour the corpus cannot state: faults, budgets, frames, memory write-back. */
class InterpreterTest {
    private static Instruction i(int opcode, int dst, int src, int off, int imm) {
        return new Instruction(opcode, dst, src, off, imm);
    }

    private static final Instruction EXIT = i(0x95, 0, 0, 0, 0);

    private static RunResult run(byte[] input, Instruction... insns) {
        return run(LoadOptions.defaults(), input, insns);
    }

    private static RunResult run(LoadOptions options, byte[] input, Instruction... insns) {
        try (LoadedProgram p = new Interpreter().load(Program.of(List.of(insns)), options)) {
            return p.run(input);
        }
    }

    @Test
    void returnsR0AndCountsInstructions() {
        RunResult r = run(null, i(0xb7, 0, 0, 0, 7), i(0x07, 0, 0, 0, -9), EXIT);
        assertEquals(-2L, r.r0());
        assertEquals(3, r.instructions());
    }

    @Test
    void inputIsACopyAndWritesAreReturned() {
        byte[] input = {1, 2, 3, 4};
        // *(u8 *)(r1 + 2) = 0x7f; r0 = r2
        RunResult r = run(input, i(0x72, 1, 0, 2, 0x7f), i(0xbf, 0, 2, 0, 0), EXIT);
        assertEquals(4, r.r0());
        assertArrayEquals(new byte[] {1, 2, 0x7f, 4}, r.memory());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, input);
    }

    @Test
    void noInputMeansNullR1() {
        RunResult r = run(null, i(0xbf, 0, 1, 0, 0), EXIT);
        assertEquals(0, r.r0());
    }

    @Test
    void outOfBoundsLoadFaultsWithPcAndAddress() {
        BpfFault f = assertThrows(BpfFault.class,
                () -> run(new byte[4], i(0xb7, 0, 0, 0, 0), i(0x61, 0, 1, 1, 0), EXIT));
        assertEquals(BpfFault.Kind.OUT_OF_BOUNDS, f.kind());
        assertEquals(1, f.pc());
        assertEquals(Memory.pointer(Memory.INPUT_REGION, 1), f.address());
    }

    @Test
    void nullDereferenceFaults() {
        BpfFault f = assertThrows(BpfFault.class, () -> run(null, i(0x79, 0, 1, 0, 0), EXIT));
        assertEquals(BpfFault.Kind.NULL_POINTER, f.kind());
        assertEquals(0, f.pc());
    }

    @Test
    void stackBelowFrameFaults() {
        // *(u64 *)(r10 - 520) = 0
        BpfFault f = assertThrows(BpfFault.class, () -> run(null, i(0x7a, 10, 0, -520, 0), EXIT));
        assertEquals(BpfFault.Kind.OUT_OF_BOUNDS, f.kind());
    }

    @Test
    void infiniteLoopStopsAtTheBudget() {
        BpfFault f = assertThrows(BpfFault.class,
                () -> run(LoadOptions.defaults().withBudget(1000), null, i(0x07, 0, 0, 0, 1), i(0x05, 0, 0, -2, 0), EXIT));
        assertEquals(BpfFault.Kind.BUDGET_EXHAUSTED, f.kind());
        assertEquals(0, f.pc()); // instruction 1001 is the add at pc 0
    }

    @Test
    void fusedPairsCountAndStopLikeSingleInstructions() {
        // r0 = 0; loop: r0 += 1; if r0 < 10 goto loop; exit -- the add and the jump run as one dispatch
        Instruction[] loop = {i(0xb7, 0, 0, 0, 0), i(0x07, 0, 0, 0, 1), i(0xa5, 0, 0, -2, 10), EXIT};
        RunResult r = run(null, loop);
        assertEquals(10, r.r0());
        assertEquals(1 + 2 * 10 + 1, r.instructions());
        // a budget that ends between the add and its jump faults at the jump
        BpfFault f = assertThrows(BpfFault.class, () -> run(LoadOptions.defaults().withBudget(4), null, loop));
        assertEquals(BpfFault.Kind.BUDGET_EXHAUSTED, f.kind());
        assertEquals(2, f.pc());
        // load then test: r0 = 1; r2 = *(u8 *)(r1 + 0); if r2 > 5 goto +1; r0 = 2; exit
        Instruction[] test = {i(0xb7, 0, 0, 0, 1), i(0x71, 2, 1, 0, 0), i(0x25, 2, 0, 1, 5), i(0xb7, 0, 0, 0, 2), EXIT};
        assertEquals(1, run(new byte[] {9}, test).r0());
        assertEquals(2, run(new byte[] {5}, test).r0());
        assertEquals(5, run(new byte[] {5}, test).instructions());
        // copy then operate: r1 = 6; r2 = 7; r0 = r1; r0 *= r2; r3 = r0; r3 >>= 1; r0 += r3; exit
        Instruction[] copy = {i(0xb7, 1, 0, 0, 6), i(0xb7, 2, 0, 0, 7), i(0xbf, 0, 1, 0, 0), i(0x2f, 0, 2, 0, 0),
            i(0xbf, 3, 0, 0, 0), i(0x77, 3, 0, 0, 1), i(0x0f, 0, 3, 0, 0), EXIT};
        assertEquals(42 + 21, run(null, copy).r0());
        BpfFault f2 = assertThrows(BpfFault.class, () -> run(LoadOptions.defaults().withBudget(3), null, copy));
        assertEquals(3, f2.pc());
    }

    @Test
    void unknownHelperFaults() {
        BpfFault f = assertThrows(BpfFault.class, () -> run(null, i(0x85, 0, 0, 0, 9999), EXIT));
        assertEquals(BpfFault.Kind.UNKNOWN_HELPER, f.kind());
    }

    @Test
    void userHelperSeesArgumentsAndMemory() {
        Helpers helpers = Helpers.standard().with(1000, "sum", (a, b, c, d, e, ctx) -> a + b + ctx.memory().load8(c, ctx.pc()));
        // r1 = 1; r2 = 2; r3 = r10 - 8; *(u8 *)(r3) = 5; call 1000
        RunResult r = run(LoadOptions.defaults().withHelpers(helpers), null,
                i(0xb7, 1, 0, 0, 1), i(0xb7, 2, 0, 0, 2), i(0xbf, 3, 10, 0, 0), i(0x07, 3, 0, 0, -8),
                i(0x72, 3, 0, 0, 5), i(0x85, 0, 0, 0, 1000), EXIT);
        assertEquals(8, r.r0());
    }

    @Test
    void recursionDeeperThanEightFramesFaults() {
        // f: call f (forever)
        BpfFault f = assertThrows(BpfFault.class, () -> run(null, i(0x85, 0, 1, 0, -1), EXIT));
        assertEquals(BpfFault.Kind.CALL_DEPTH, f.kind());
        assertEquals(0, f.pc());
    }

    @Test
    void callsHaveSeparateZeroedStackFrames() {
        // main: *(u64*)(r10-8) = 42; call sub; r0 += *(u64*)(r10-8); exit
        // sub:  r0 = *(u64*)(r10-8) (0, a fresh frame); *(u64*)(r10-8) = 7; exit
        RunResult r = run(null,
                i(0x7a, 10, 0, -8, 42), i(0x85, 0, 1, 0, 3), i(0x79, 1, 10, -8, 0), i(0x0f, 0, 1, 0, 0), EXIT,
                i(0x79, 0, 10, -8, 0), i(0x7a, 10, 0, -8, 7), EXIT);
        assertEquals(42, r.r0());
    }

    @Test
    void fallingOffTheEndFaults() {
        // if r0 == 1 goto -1 as the last instruction: r0 is 0, so it falls through past the end
        BpfFault f = assertThrows(BpfFault.class, () -> run(null, i(0x15, 0, 0, -1, 1)));
        assertEquals(BpfFault.Kind.FELL_OFF_END, f.kind());
        assertEquals(1, f.pc());
    }

    @Test
    void packetLoadOutOfBoundsReturnsZero() {
        // r0 = 5; r0 = *(u16 *)skb[2]; exit  -- on 3 bytes: out of bounds ends with r0 = 0
        RunResult r = run(new byte[] {1, 2, 3}, i(0xb7, 0, 0, 0, 5), i(0x28, 0, 0, 0, 2), EXIT);
        assertEquals(0, r.r0());
        RunResult ok = run(new byte[] {1, 2, 3, 4}, i(0x28, 0, 0, 0, 2), EXIT);
        assertEquals(0x0304, ok.r0());
    }

    @Test
    void closedProgramCannotRun() {
        LoadedProgram p = new Interpreter().load(Program.of(List.of(EXIT)), LoadOptions.defaults());
        p.close();
        assertThrows(BpfException.class, () -> p.run(null));
    }
    /**
     * Every frame starts zeroed: the main frame on a second run, a callee's frame after an
     * earlier call at the same depth wrote it (a program that never names r10 skips the zeroing,
     * as nothing could read the frame).
     */
    @Test
    void framesStartZeroedOnEveryRunAndCall() {
        Program p = Assembler.assembleProgram("""
                r6 = *(u64 *)(r10 - 8)
                r1 = 0x55
                *(u64 *)(r10 - 8) = r1
                call stack
                r6 += r0
                call stack
                r6 += r0
                r0 = r6
                exit
                stack:
                r0 = *(u64 *)(r10 - 16)
                r1 = 7
                *(u64 *)(r10 - 16) = r1
                exit
                """);
        try (LoadedProgram loaded = new Interpreter().load(p, LoadOptions.defaults())) {
            assertEquals(0, loaded.run(null).r0());
            assertEquals(0, loaded.run(null).r0());
        }
    }
}
