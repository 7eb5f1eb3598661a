package io.github.bpf4j.jit;

import static io.github.bpf4j.jit.Insns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.github.bpf4j.vm.BpfFault;
import io.github.bpf4j.vm.Engines;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.RunResult;

import org.junit.jupiter.api.Test;

/** Programs built from instructions, with results worked out from RFC 9669 by hand. */
class JitEngineTest {
    private static RunResult run(Program p, byte[] input) {
        try (var loaded = new JitEngine().load(p, LoadOptions.defaults())) {
            return loaded.run(input);
        }
    }

    private static BpfFault fault(Program p, LoadOptions options, byte[] input) {
        try (var loaded = new JitEngine().load(p, options)) {
            return assertThrows(BpfFault.class, () -> loaded.run(input));
        }
    }

    @Test
    void isFoundByName() {
        assertEquals("jit", Engines.byName("jit").name());
    }

    @Test
    void arithmeticAndCount() {
        Program p = program(movImm(0, 7), addImm(0, -3), i(0x27, 0, 0, 0, 5), exit());
        RunResult r = run(p, null);
        assertEquals(20, r.r0());
        assertEquals(4, r.instructions());
    }

    @Test
    void alu32ZeroExtendsAndWraps() {
        // mov32 r0, -1 ; add32 r0, 2  -> 1 ; lsh r0, 63 ; rsh32 r0, 1 (upper bits gone) -> 0
        Program p = program(i(0xb4, 0, 0, 0, -1), i(0x04, 0, 0, 0, 2), exit());
        assertEquals(1, run(p, null).r0());
        Program q = program(i(0xb4, 0, 0, 0, -1), exit());
        assertEquals(0xffff_ffffL, run(q, null).r0());
    }

    @Test
    void divisionByZeroAndSignedOverflow() {
        // r0 = 5 / 0 = 0 ; r1 = 5 % 0 = 5 ; r0 += r1
        Program p = program(movImm(0, 5), movImm(1, 5), i(0x37, 0, 0, 0, 0), i(0x97, 1, 0, 0, 0),
                addReg(0, 1), exit());
        assertEquals(5, run(p, null).r0());
        // sdiv LLONG_MIN / -1 = LLONG_MIN
        Program q = program(lddw(0, 0, Long.MIN_VALUE), i(0x37, 0, 0, 1, -1), exit());
        assertEquals(Long.MIN_VALUE, run(q, null).r0());
    }

    @Test
    void loopCountsEveryExecutedInstruction() {
        // r0 = 0; r1 = 10; loop: r0 += r1; r1 -= 1; if r1 != 0 goto loop; exit
        Program p = program(movImm(0, 0), movImm(1, 10), addReg(0, 1), i(0x17, 1, 0, 0, 1),
                i(0x55, 1, 0, -3, 0), exit());
        RunResult r = run(p, null);
        assertEquals(55, r.r0());
        assertEquals(2 + 10 * 3 + 1, r.instructions());
    }

    @Test
    void inputIsPointedToByR1AndWritable() {
        // r0 = *(u32 *)(r1 + 0) ; *(u8 *)(r1 + 4) = 0x7f ; r0 += r2
        Program p = program(i(0x61, 0, 1, 0, 0), i(0x72, 1, 0, 4, 0x7f), addReg(0, 2), exit());
        RunResult r = run(p, new byte[] {1, 2, 3, 4, 5});
        assertEquals(0x04030201L + 5, r.r0());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 0x7f}, r.memory());
    }

    @Test
    void stackIsZeroedAndAddressedFromR10() {
        // *(u64 *)(r10 - 8) = r10's value ... then read back a byte of a fresh slot
        Program p = program(i(0x7a, 10, 0, -8, 0x1234), i(0x79, 0, 10, -8, 0), i(0x71, 1, 10, -16, 0),
                addReg(0, 1), exit());
        assertEquals(0x1234, run(p, null).r0());
    }

    @Test
    void outOfBoundsFaultNamesThePc() {
        Program p = program(movImm(0, 0), i(0x61, 0, 1, 0, 0), exit());
        BpfFault f = fault(p, LoadOptions.defaults(), null);
        assertEquals(BpfFault.Kind.NULL_POINTER, f.kind());
        assertEquals(1, f.pc());
        BpfFault g = fault(program(movImm(0, 0), i(0x61, 0, 1, 2, 0), exit()), LoadOptions.defaults(), new byte[4]);
        assertEquals(BpfFault.Kind.OUT_OF_BOUNDS, g.kind());
        assertEquals(1, g.pc());
    }

    @Test
    void localCallsPassR1ToR5AndKeepR6ToR9() {
        // main: r6 = 100; r1 = 2; call f; r0 += r6; exit   f: r0 = r1 * 3; r6 = 1; exit
        Program p = program(movImm(6, 100), movImm(1, 2), callLocal(2), addReg(0, 6), exit(),
                movReg(0, 1), i(0x27, 0, 0, 0, 3), movImm(6, 1), exit());
        RunResult r = run(p, null);
        assertEquals(106, r.r0());
        assertEquals(9, r.instructions());
    }

    @Test
    void recursionDeeperThanEightFramesFaults() {
        // f calls itself forever: frames 0..7 exist, the call from frame 7 faults
        Program p = program(callLocal(-1), exit());
        BpfFault f = fault(p, LoadOptions.defaults(), null);
        assertEquals(BpfFault.Kind.CALL_DEPTH, f.kind());
        assertEquals(0, f.pc());
    }

    @Test
    void helpersByNumberAndUnknownHelpers() {
        Program p = program(movImm(1, 3), call(99), exit());
        var opts = LoadOptions.defaults().withHelpers(
                io.github.bpf4j.vm.Helpers.none().with(99, "triple", (a, b, c, d, e, ctx) -> a * 3 + ctx.pc()));
        try (var loaded = new JitEngine().load(p, opts)) {
            assertEquals(10, loaded.run(null).r0());
        }
        BpfFault f = fault(p, LoadOptions.defaults(), null);
        assertEquals(BpfFault.Kind.UNKNOWN_HELPER, f.kind());
        assertEquals(1, f.pc());
    }

    @Test
    void callxCallsFunctionPointersAndHelpers() {
        // r2 = &f ; callx r2 ; r6 = r0 ; r3 = 5 ; callx r3 (ktime_get_ns) ; r0 = r6 ; exit ; f: r0 = 42 ; exit
        Program p = program(lddw(2, 4, 7), i(0x8d, 2, 0, 0, 0), movReg(6, 0), movImm(3, 5),
                i(0x8d, 3, 0, 0, 0), movReg(0, 6), exit(), movImm(0, 42), exit());
        assertEquals(42, run(p, null).r0());
    }

    @Test
    void ldAbsIsBigEndianAndEndsTheProgramOutOfBounds() {
        Program p = program(i(0x28, 0, 0, 0, 1), exit());
        assertEquals(0x0203, run(p, new byte[] {1, 2, 3}).r0());
        // out of bounds: r0 = 0 and the rest does not run
        Program q = program(movImm(0, 9), i(0x20, 0, 0, 0, 1), movImm(0, 7), exit());
        RunResult r = run(q, new byte[] {1, 2, 3});
        assertEquals(0, r.r0());
        assertEquals(2, r.instructions());
    }

    @Test
    void mayGotoFallsThroughUntilItsBudgetIsSpent() {
        // r0 = 0; loop: may_goto +2; r0 += 1; ja -3; exit
        Program p = program(movImm(0, 0), i(0xe5, 0, 0, 2, 0), addImm(0, 1), ja(-3), exit());
        RunResult r = run(p, null);
        assertEquals(JitRun.MAY_GOTO_BUDGET, r.r0());
    }

    @Test
    void budgetFaultsAtTheFirstInstructionBeyondIt() {
        // an endless loop of 3 instructions after one: budget 10 runs pcs 0,1,2,3,1,2,3,1,2,3 and faults at 1
        Program p = program(movImm(0, 0), addImm(0, 1), addImm(0, 1), ja(-3), exit());
        BpfFault f = fault(p, LoadOptions.defaults().withBudget(10), null);
        assertEquals(BpfFault.Kind.BUDGET_EXHAUSTED, f.kind());
        assertEquals(1, f.pc());
        BpfFault g = fault(p, LoadOptions.defaults().withBudget(11), null);
        assertEquals(2, g.pc());
    }

    @Test
    void budgetLeavesEarlierFaultsFirst() {
        // the load at pc 1 faults before the budget of 2 runs out at pc 2
        Program p = program(movImm(0, 0), i(0x61, 0, 0, 0, 0), movImm(0, 1), exit());
        BpfFault f = fault(p, LoadOptions.defaults().withBudget(2), null);
        assertEquals(BpfFault.Kind.NULL_POINTER, f.kind());
        try (var loaded = new JitEngine().load(program(movImm(0, 3), exit()), LoadOptions.defaults().withBudget(2))) {
            assertEquals(2, loaded.run(null).instructions());
        }
    }

    @Test
    void conditionalJumpAsLastInstructionFallsOffTheEnd() {
        Program p = program(movImm(0, 1), i(0x15, 0, 0, -2, 0));
        BpfFault f = fault(p, LoadOptions.defaults(), null);
        assertEquals(BpfFault.Kind.FELL_OFF_END, f.kind());
        assertEquals(2, f.pc());
    }
    @Test
    void callxThroughAForgedPointerRunsFromThereInANewFrame() {
        // r2 = &f; r2 += 1 (now pc 6, inside f); callx r2; exit   f (pc 5): r0 = 1; r0 += 10; exit
        Program p = program(lddw(2, 4, 4), addImm(2, 1), i(0x8d, 2, 0, 0, 0), exit(),
                movImm(0, 1), addImm(0, 10), exit());
        RunResult r = run(p, null);
        assertEquals(10, r.r0()); // r0 was 0 when the callee started at pc 6
        assertEquals(6, r.instructions());
        assertEquals(r.r0(), new io.github.bpf4j.vm.Interpreter().load(p, LoadOptions.defaults()).run(null).r0());
    }

    @Test
    void callxToNoInstructionFaults() {
        for (int forged : new int[] {2, 100}) { // the second slot of an lddw; past the end
            Program p = program(lddw(2, 4, 4), addImm(2, forged), i(0x8d, 2, 0, 0, 0), exit(),
                    movImm(0, 1), lddw(0, 0, 7), exit());
            BpfFault f = fault(p, LoadOptions.defaults(), null);
            assertEquals(BpfFault.Kind.OUT_OF_BOUNDS, f.kind());
            assertEquals(3, f.pc());
        }
    }
    @Test
    void stackAccessesThroughAnUnwrittenR10GoStraightToTheArray() {
        Program p = program(i(0x7a, 10, 0, -8, 5), i(0x79, 0, 10, -8, 0), exit());
        try (JitProgram jit = JitProgram.load(p, LoadOptions.defaults())) {
            assertEquals(2, jit.directStackAccesses());
            assertEquals(5, jit.run(null).r0());
        }
        // r10 moved: nothing is assumed, the same bytes are reached through Memory
        Program moved = program(addImm(10, -8), i(0x7a, 10, 0, 0, 5), i(0x79, 0, 10, 0, 0), exit());
        try (JitProgram jit = JitProgram.load(moved, LoadOptions.defaults())) {
            assertEquals(0, jit.directStackAccesses());
            assertEquals(5, jit.run(null).r0());
        }
        // just past the frame: not direct, and a fault at its pc
        Program past = program(movImm(0, 0), i(0x79, 0, 10, 0, 0), exit());
        try (JitProgram jit = JitProgram.load(past, LoadOptions.defaults())) {
            assertEquals(0, jit.directStackAccesses());
        }
        BpfFault f = fault(past, LoadOptions.defaults(), null);
        assertEquals(BpfFault.Kind.OUT_OF_BOUNDS, f.kind());
        assertEquals(1, f.pc());
    }
    /** bpf_loop's callback counts on its own against the budget, as in the interpreter. */
    @Test
    void callbacksCountAgainstTheBudgetOnTheirOwn() {
        java.util.List<Object> parts = new java.util.ArrayList<>(java.util.List.of(
                movImm(6, 0), addImm(6, 1), i(0xa5, 6, 0, -2, 15), // 31 instructions
                callLocal(7), // f at 11
                movImm(1, 3), lddw(2, 4, 7), movImm(3, 0), movImm(4, 0), call(181), exit(), // cb at 13
                movImm(0, 0), exit()));
        parts.add(movImm(0, 0));
        for (int k = 0; k < 8; k++) {
            parts.add(addImm(0, 0));
        }
        parts.add(exit());
        Program p = program(parts.toArray());
        LoadOptions options = LoadOptions.defaults().withBudget(40);
        RunResult expected;
        try (var interpreter = new io.github.bpf4j.vm.Interpreter().load(p, options)) {
            expected = interpreter.run(null);
        }
        try (var jit = new JitEngine().load(p, options)) {
            RunResult actual = jit.run(null);
            assertEquals(3, actual.r0()); // bpf_loop made its 3 calls
            assertEquals(expected.r0(), actual.r0());
            assertEquals(expected.instructions(), actual.instructions());
        }
    }
    /**
     * Every frame starts zeroed, as in the interpreter: the main frame on a second run, and a
     * callee's frame after an earlier call at the same depth wrote it, also when a call that
     * skips zeroing (its code never names r10) used that depth in between.
     */
    @Test
    void framesStartZeroedOnEveryRunAndCall() {
        Program p = io.github.bpf4j.vm.Assembler.assembleProgram("""
                r6 = *(u64 *)(r10 - 8)
                r1 = 0x55
                *(u64 *)(r10 - 8) = r1
                call stack
                r6 += r0
                call nostack
                call stack
                r6 += r0
                r0 = r6
                exit
                nostack:
                r0 = 1
                exit
                stack:
                r0 = *(u64 *)(r10 - 16)
                r1 = 7
                *(u64 *)(r10 - 16) = r1
                exit
                """);
        try (var loaded = new JitEngine().load(p, LoadOptions.defaults())) {
            assertEquals(0, loaded.run(null).r0());
            assertEquals(0, loaded.run(null).r0());
        }
    }
}
