package io.github.bpf4j.verifier;

import static io.github.bpf4j.vm.Opcodes.*;

import io.github.bpf4j.vm.Instruction;

/**
 * Precision tracking (kernel: mark_chain_precision). Scalars start imprecise, and an explored
 * state with an imprecise scalar covers any scalar there. When a scalar's exact value starts to
 * matter (a decided branch, pointer arithmetic, a zero store), the path is walked backwards to
 * find the registers and stack slots it came from, and those are marked precise in the
 * remembered states along the path. Where the walk crosses a call or exit it gives up and marks
 * every scalar precise: less pruning, never unsound.
 */
final class Precision {
    private final ProgramStructure ps;

    Precision(ProgramStructure ps) {
        this.ps = ps;
    }

    /** The history entry for an access to stack slot {@code spi} of frame {@code frameno}. */
    static int stackRef(int frameno, int spi) {
        return 1 + frameno * FrameState.SLOTS + spi;
    }

    /** Registers and stack slots still to be traced, per frame. */
    private static final class Backtrack {
        final int[] regs = new int[Explorer.MAX_CALL_FRAMES];
        final long[] slots = new long[Explorer.MAX_CALL_FRAMES];
        final int frame;
        /** Frames in use: bits can only be set in frames 0..frames-1. */
        final int frames;

        Backtrack(int frame, int frames) {
            this.frame = frame;
            this.frames = frames;
        }

        boolean empty() {
            for (int i = 0; i < frames; i++) {
                if (regs[i] != 0 || slots[i] != 0) {
                    return false;
                }
            }
            return true;
        }

        boolean isReg(int r) {
            return (regs[frame] & (1 << r)) != 0;
        }

        void setReg(int r) {
            regs[frame] |= 1 << r;
        }

        void clearReg(int r) {
            regs[frame] &= ~(1 << r);
        }
    }

    private enum Step { CONTINUE, DONE, GIVE_UP }

    void markChainPrecision(VerifierState cur, int frame, int regno) {
        markChainPrecision(cur, frame, regno, false);
    }

    /**
     * As above; {@code fromBefore} starts from the state before the current instruction, as the
     * kernel's backtracking does (it skips the instruction being verified): used where that
     * instruction is a helper call or exit that would otherwise end the walk.
     */
    void markChainPrecision(VerifierState cur, int frame, int regno, boolean fromBefore) {
        if (cur.frames.get(frame).regs[regno].type != RegType.SCALAR) {
            return;
        }
        Backtrack bt = new Backtrack(frame, cur.frames.size());
        bt.setReg(regno);
        trace(cur, bt, fromBefore ? 1 : 0);
    }

    /** Marks stack slot {@code spi} of frame {@code frame} precise along the path (a constant the verifier relies on). */
    void markSlotPrecision(VerifierState cur, int frame, int spi) {
        Backtrack bt = new Backtrack(cur.curframe(), cur.frames.size());
        bt.slots[frame] |= 1L << spi;
        trace(cur, bt, 0);
    }

    /** After pruning: what the covering state needed precise must be precise on this path too. */
    void propagatePrecision(VerifierState old, VerifierState cur) {
        Backtrack bt = new Backtrack(cur.curframe(), Math.max(cur.frames.size(), old.frames.size()));
        for (int fr = 0; fr < old.frames.size(); fr++) {
            FrameState f = old.frames.get(fr);
            for (int r = 0; r < 11; r++) {
                if (f.regs[r].type == RegType.SCALAR && f.regs[r].precise) {
                    bt.regs[fr] |= 1 << r;
                }
            }
            for (int spi = 0; spi < f.allocatedStack / 8; spi++) {
                if (f.isSpilledScalar(spi) && f.spilled[spi].precise) {
                    bt.slots[fr] |= 1L << spi;
                }
            }
        }
        if (!bt.empty()) {
            trace(cur, bt, 0);
        }
    }

    /** Walks back from the path's last instruction, leaving out the {@code skip} last ones. */
    private void trace(VerifierState cur, Backtrack bt, int skip) {
        Step s = walk(cur.history, cur.historyStack, bt, cur.history.size() - 1 - skip, -1);
        for (Checkpoint cp = cur.parent; cp != null && s == Step.CONTINUE; cp = cp.parent) {
            mark(cp.state, bt);
            if (bt.empty()) {
                return;
            }
            s = walk(cp.history, cp.historyStack, bt, cp.history.size() - 1, cp.insn);
        }
        if (s == Step.GIVE_UP) {
            markAllScalarsPrecise(cur);
        }
    }

    /** {@code next} is the pc that followed the segment's last instruction (-1 when none did yet). */
    private Step walk(IntList history, IntList historyStack, Backtrack bt, int from, int next) {
        for (int i = from; i >= 0; i--) {
            int subsequent = i + 1 < history.size() ? history.get(i + 1) : next;
            if (!backtrackInsn(history.get(i), historyStack.get(i), bt, subsequent)) {
                return Step.GIVE_UP;
            }
            if (bt.empty()) {
                return Step.DONE;
            }
        }
        return Step.CONTINUE;
    }

    /** One instruction backwards ({@code subsequent} ran after it); false when the walk cannot follow it. */
    private boolean backtrackInsn(int pc, int stackRef, Backtrack bt, int subsequent) {
        Instruction insn = ps.insns[pc];
        int code = insn.opcode();
        int dreg = insn.dst();
        int sreg = insn.src();
        switch (insn.cls()) {
            case CLS_ALU, CLS_ALU64 -> {
                if (!bt.isReg(dreg)) {
                    return true;
                }
                int op = op(code);
                if (op == END || op == NEG) {
                    return true;
                }
                if (op == MOV) {
                    bt.clearReg(dreg);
                    if (source(code) == SRC_X && sreg != 10) {
                        bt.setReg(sreg);
                    }
                } else if (source(code) == SRC_X && sreg != 10) {
                    bt.setReg(sreg);
                }
                return true;
            }
            case CLS_LDX -> {
                if (!bt.isReg(dreg)) {
                    return true;
                }
                bt.clearReg(dreg);
                if (stackRef != 0) {
                    setSlot(bt, stackRef);
                }
                return true;
            }
            case CLS_ST, CLS_STX -> {
                if (mode(code) == MODE_ATOMIC && insn.imm() == ATOMIC_LOAD_ACQ) {
                    if (bt.isReg(dreg)) { // a load, as LDX
                        bt.clearReg(dreg);
                        if (stackRef != 0) {
                            setSlot(bt, stackRef);
                        }
                    }
                    return true;
                }
                if (bt.isReg(dreg)) {
                    return false;
                }
                if (stackRef == 0 || !isSlot(bt, stackRef)) {
                    return true;
                }
                if (mode(code) == MODE_ATOMIC && insn.imm() != ATOMIC_STORE_REL) {
                    return false;
                }
                clearSlot(bt, stackRef);
                if (insn.cls() == CLS_STX) {
                    bt.setReg(sreg);
                }
                return true;
            }
            case CLS_LD -> {
                if (!insn.isLddw() && bt.isReg(dreg)) {
                    bt.clearReg(dreg);
                    return false; // the kernel does not follow LD_ABS/LD_IND back: all scalars become precise
                }
                bt.clearReg(dreg);
                return true;
            }
            default -> {
                if (code == EXIT_OP && isCallbackExit(subsequent)) {
                    // a callback returned to its helper call: the caller's r0..r5 come from
                    // the helper, and whatever else is still wanted cannot be followed here
                    for (int r = 0; r <= 5; r++) {
                        bt.clearReg(r);
                    }
                    return bt.empty();
                }
                if (code == EXIT_OP || (code == CALL_OP && sreg == CALL_LOCAL) || code == CALLX_OP) {
                    return false;
                }
                if (code == CALL_OP) {
                    bt.clearReg(0);
                    for (int r = 1; r <= 5; r++) {
                        bt.clearReg(r);
                    }
                    return true;
                }
                if (code == JA_OP || code == GOTOL_OP) {
                    return true;
                }
                if (source(code) == SRC_X && (bt.isReg(dreg) || bt.isReg(sreg))) {
                    bt.setReg(dreg);
                    bt.setReg(sreg);
                }
                return true;
            }
        }
    }

    /** An exit followed by a callback-calling helper call that is not a subprogram's return point. */
    private boolean isCallbackExit(int subsequent) {
        if (subsequent < 0 || !ps.callsCallback[subsequent]) {
            return false;
        }
        Instruction before = subsequent > 0 ? ps.insns[subsequent - 1] : null;
        return before == null || before.opcode() != CALL_OP || before.src() != CALL_LOCAL;
    }

    private static void setSlot(Backtrack bt, int ref) {
        int fr = (ref - 1) / FrameState.SLOTS;
        bt.slots[fr] |= 1L << ((ref - 1) % FrameState.SLOTS);
    }

    private static boolean isSlot(Backtrack bt, int ref) {
        int fr = (ref - 1) / FrameState.SLOTS;
        return (bt.slots[fr] & (1L << ((ref - 1) % FrameState.SLOTS))) != 0;
    }

    private static void clearSlot(Backtrack bt, int ref) {
        int fr = (ref - 1) / FrameState.SLOTS;
        bt.slots[fr] &= ~(1L << ((ref - 1) % FrameState.SLOTS));
    }

    private static void mark(VerifierState st, Backtrack bt) {
        for (int fr = 0; fr < bt.frames; fr++) {
            if (fr >= st.frames.size()) {
                bt.regs[fr] = 0;
                bt.slots[fr] = 0;
                continue;
            }
            FrameState f = st.frames.get(fr);
            for (int r = 0; r < 11; r++) {
                if ((bt.regs[fr] & (1 << r)) == 0) {
                    continue;
                }
                RegState reg = f.regs[r];
                if (reg.type != RegType.SCALAR || reg.precise) {
                    bt.regs[fr] &= ~(1 << r);
                } else {
                    reg.precise = true;
                }
            }
            for (int spi = 0; spi < FrameState.SLOTS; spi++) {
                if ((bt.slots[fr] & (1L << spi)) == 0) {
                    continue;
                }
                if (spi >= f.allocatedStack / 8 || !f.isSpilledScalar(spi) || f.spilled[spi].precise) {
                    bt.slots[fr] &= ~(1L << spi);
                } else {
                    f.spilled[spi].precise = true;
                }
            }
        }
    }

    private static void markAllScalarsPrecise(VerifierState cur) {
        for (Checkpoint cp = cur.parent; cp != null; cp = cp.parent) {
            setAllPrecise(cp.state, true);
        }
    }

    static void markAllScalarsImprecise(VerifierState st) {
        setAllPrecise(st, false);
    }

    private static void setAllPrecise(VerifierState st, boolean value) {
        for (FrameState f : st.frames) {
            for (RegState r : f.regs) {
                if (r.type == RegType.SCALAR) {
                    r.precise = value;
                }
            }
            for (int spi = 0; spi < f.allocatedStack / 8; spi++) {
                if (f.isSpilledScalar(spi)) {
                    f.spilled[spi].precise = value;
                }
            }
        }
    }

    /** A path ended: its checkpoints have one unfinished path fewer. */
    void updateBranchCounts(Checkpoint c) {
        for (; c != null; c = c.parent) {
            if (--c.branches > 0) {
                break;
            }
        }
    }
}
