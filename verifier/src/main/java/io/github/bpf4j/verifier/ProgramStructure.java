package io.github.bpf4j.verifier;

import static io.github.bpf4j.vm.Opcodes.*;

import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.Program;
import java.util.Arrays;

/**
 * What the verifier learns before exploring paths: subprogram boundaries, the structural checks
 * (jumps leaving their subprogram, last instruction, unreachable code), the prune points, and a
 * static liveness analysis of registers and stack slots that decides what pruning may ignore.
 */
final class ProgramStructure {
    final Program program;
    final int length;
    final Instruction[] insns;
    private final boolean[] secondHalf;
    final int[] subprogStarts;
    final int[] subprogOf;
    final boolean[] prunePoint;
    /** Calls of helpers that call a callback (bpf_loop, bpf_for_each_map_elem): always checkpointed. */
    final boolean[] callsCallback;
    /** Where a path joins non-linearly (jump targets, returns from calls): recorded in its history. */
    final boolean[] jmpPoint;
    /** Registers r0..r9 live before each pc (bit i = ri). */
    final int[] liveRegs;
    /** Stack slots (bit spi) live before each pc; all live where the frame's stack escapes. */
    final long[] liveStack;
    private boolean[] escapes = new boolean[0];

    private ProgramStructure(Program program) {
        this.program = program;
        this.length = program.length();
        this.insns = new Instruction[length];
        this.secondHalf = new boolean[length];
        // Programs repeat instructions (r0 = 0, exit, the same ALU step): decoded ones are shared
        // through a small direct-mapped cache, so a large program holds few objects.
        Instruction[] decoded = new Instruction[DECODE_CACHE];
        for (int pc = 0; pc < length; pc++) {
            insns[pc] = decode(program.slot(pc), decoded);
            if (insns[pc].isLddw() && pc + 1 < length) {
                insns[pc + 1] = program.instruction(pc + 1);
                secondHalf[++pc] = true;
            }
        }
        this.subprogStarts = program.subprogramStarts();
        this.subprogOf = new int[length];
        int s = 0;
        for (int pc = 0; pc < length; pc++) {
            while (s + 1 < subprogStarts.length && subprogStarts[s + 1] <= pc) {
                s++;
            }
            subprogOf[pc] = s;
        }
        this.prunePoint = new boolean[length];
        this.callsCallback = new boolean[length];
        this.jmpPoint = new boolean[length];
        this.liveRegs = new int[length];
        this.liveStack = new long[length];
    }

    private static final int DECODE_CACHE = 1024;

    private static Instruction decode(long slot, Instruction[] cache) {
        int i = (int) (slot ^ slot >>> 32 ^ slot >>> 16) & (DECODE_CACHE - 1);
        Instruction insn = cache[i];
        if (insn == null || insn.toSlot() != slot) {
            insn = Instruction.fromSlot(slot);
            cache[i] = insn;
        }
        return insn;
    }

    static ProgramStructure analyse(Program program) {
        ProgramStructure ps = new ProgramStructure(program);
        ps.checkSubprograms();
        ps.checkCfg();
        ps.computeLiveness();
        return ps;
    }

    int subprogEnd(int subprog) {
        return subprog + 1 < subprogStarts.length ? subprogStarts[subprog + 1] : length;
    }

    boolean isLddwSecondHalf(int pc) {
        return secondHalf[pc];
    }

    private void checkSubprograms() {
        int sub = 0;
        int end = subprogEnd(0);
        for (int pc = 0; pc < length; pc++) {
            Instruction insn = insns[pc];
            int code = insn.opcode();
            int cls = insn.cls();
            boolean jump = (cls == CLS_JMP || cls == CLS_JMP32) && op(code) != EXIT && op(code) != CALL
                    && !isLddwSecondHalf(pc);
            if (jump) {
                int target = code == GOTOL_OP ? pc + insn.imm() + 1 : pc + insn.offset() + 1;
                if (target < subprogStarts[sub] || target >= end) {
                    throw new Rejection(pc, "jump out of range from insn " + pc + " to " + target);
                }
            }
            // subprograms have no BTF here, so the kernel cannot check their abnormal exits
            if (sub > 0 && cls == CLS_LD && !insn.isLddw() && !isLddwSecondHalf(pc)) {
                throw new Rejection(pc, "LD_ABS is not allowed in subprogs without BTF");
            }
            if (sub > 0 && code == CALL_OP && insn.src() == CALL_HELPER && insn.imm() == 12 && !isLddwSecondHalf(pc)) {
                throw new Rejection(pc, "tail_call is not allowed in subprogs without BTF");
            }
            if (pc == end - 1) {
                if (code != EXIT_OP && code != GOTOL_OP && code != JA_OP || isLddwSecondHalf(pc)) {
                    throw new Rejection(pc, "last insn is not an exit or jmp");
                }
                sub++;
                end = subprogEnd(sub);
            }
        }
    }

    /**
     * The first successor within the subprogram (a call's callee is not one): the next
     * instruction, or an unconditional jump's target; -1 after exit. No allocation: the
     * liveness fixed point asks for every pc several times.
     */
    int firstSuccessor(int pc) {
        Instruction insn = insns[pc];
        int code = insn.opcode();
        if (insn.isLddw()) {
            return pc + 2;
        }
        int cls = insn.cls();
        if (cls != CLS_JMP && cls != CLS_JMP32) {
            return pc + 1;
        }
        if (code == EXIT_OP) {
            return -1;
        }
        if (code == JA_OP) {
            return pc + insn.offset() + 1;
        }
        if (code == GOTOL_OP) {
            return pc + insn.imm() + 1;
        }
        return pc + 1;
    }

    /** A conditional jump's target (its second successor), else -1. */
    int secondSuccessor(int pc) {
        Instruction insn = insns[pc];
        int cls = insn.cls();
        if (insn.isLddw() || (cls != CLS_JMP && cls != CLS_JMP32)) {
            return -1;
        }
        int code = insn.opcode();
        if (code == EXIT_OP || code == CALL_OP || code == CALLX_OP || code == JA_OP || code == GOTOL_OP) {
            return -1;
        }
        return pc + insn.offset() + 1;
    }

    private void checkCfg() {
        boolean[] seen = new boolean[length];
        IntList work = new IntList();
        work.add(0);
        seen[0] = true;
        while (work.size() > 0) {
            int pc = work.pop();
            Instruction insn = insns[pc];
            int code = insn.opcode();
            int first = firstSuccessor(pc);
            int second = secondSuccessor(pc);
            if (code == CALL_OP && insn.src() == CALL_LOCAL) {
                prunePoint[pc + 1] = true;
                jmpPoint[pc + 1] = true;
                prunePoint[pc] = true;
                int target = pc + insn.imm() + 1;
                visit(target, seen, work);
            } else if (insn.isLddw() && insn.src() == PSEUDO_FUNC) {
                // a function reference is visited like a call (kernel: visit_func_call_insn)
                prunePoint[pc + 2] = true;
                jmpPoint[pc + 2] = true;
                prunePoint[pc] = true;
                visit(pc + insn.imm() + 1, seen, work);
            } else if (code == CALL_OP) {
                prunePoint[pc + 1] = true;
                if (insn.src() == CALL_HELPER && Callbacks.callsCallback(insn.imm())) {
                    callsCallback[pc] = true;
                    prunePoint[pc] = true;
                    jmpPoint[pc] = true;
                }
            } else if (code == JA_OP || code == GOTOL_OP) {
                prunePoint[first] = true;
                jmpPoint[first] = true;
            } else if (second >= 0) {
                prunePoint[pc] = true;
                prunePoint[second] = true;
                jmpPoint[second] = true;
            }
            if (first >= 0) {
                visit(first, seen, work);
            }
            if (second >= 0) {
                visit(second, seen, work);
            }
        }
        for (int pc = 0; pc < length; pc++) {
            if (!seen[pc]) {
                throw new Rejection(pc, "unreachable insn " + pc);
            }
            if (insns[pc].isLddw()) {
                pc++;
            }
        }
    }

    private static void visit(int pc, boolean[] seen, IntList work) {
        if (!seen[pc]) {
            seen[pc] = true;
            work.add(pc);
        }
    }

    // ---- liveness ----

    private static final int CALLER_SAVED = 0b111111;
    private static final int ARGS = 0b111110;

    private int uses(Instruction insn) {
        int code = insn.opcode();
        int dst = 1 << insn.dst();
        int src = 1 << insn.src();
        switch (insn.cls()) {
            case CLS_ALU, CLS_ALU64 -> {
                int u = op(code) == MOV ? 0 : dst;
                if (source(code) == SRC_X && op(code) != END && op(code) != NEG) {
                    u |= src;
                }
                return u;
            }
            case CLS_LDX -> {
                return src;
            }
            case CLS_ST -> {
                return dst;
            }
            case CLS_STX -> {
                int u = dst | src;
                if (mode(code) == MODE_ATOMIC && insn.imm() == ATOMIC_CMPXCHG) {
                    u |= 1;
                }
                return u;
            }
            case CLS_LD -> {
                if (insn.isLddw()) {
                    return 0;
                }
                return (1 << 6) | (mode(code) == MODE_IND ? src : 0);
            }
            default -> {
                if (code == EXIT_OP) {
                    return 1;
                }
                if (code == CALL_OP) {
                    return insn.src() == CALL_LOCAL ? ARGS : HelperPrototypes.argumentMask(insn.imm());
                }
                if (code == CALLX_OP) {
                    return ARGS | dst;
                }
                if (code == JA_OP || code == GOTOL_OP || code == MAY_GOTO_OP) {
                    return 0;
                }
                return dst | (source(code) == SRC_X ? src : 0);
            }
        }
    }

    private int defs(Instruction insn) {
        int code = insn.opcode();
        switch (insn.cls()) {
            case CLS_ALU, CLS_ALU64, CLS_LDX -> {
                return 1 << insn.dst();
            }
            case CLS_STX -> {
                if (mode(code) != MODE_ATOMIC) {
                    return 0;
                }
                if (insn.imm() == ATOMIC_CMPXCHG) {
                    return 1;
                }
                return (insn.imm() & ATOMIC_FETCH) != 0 || insn.imm() == ATOMIC_LOAD_ACQ ? 1 << insn.src() : 0;
            }
            case CLS_LD -> {
                return insn.isLddw() ? 1 << insn.dst() : CALLER_SAVED;
            }
            case CLS_JMP -> {
                return code == CALL_OP || code == CALLX_OP ? CALLER_SAVED : 0;
            }
            default -> {
                return 0;
            }
        }
    }

    /** Backward data flow to a fixed point, per pc: registers and fp-relative stack slots. */
    private void computeLiveness() {
        int[] use = new int[length];
        int[] def = new int[length];
        long[] stackUse = new long[length];
        long[] stackDef = new long[length];
        escapes = new boolean[subprogStarts.length];
        for (int pc = 0; pc < length; pc++) {
            Instruction insn = insns[pc];
            if (isLddwSecondHalf(pc)) {
                continue;
            }
            use[pc] = uses(insn) & 0x3ff;
            def[pc] = defs(insn) & 0x3ff;
            int cls = insn.cls();
            int code = insn.opcode();
            boolean fpBase = (cls == CLS_LDX && insn.src() == 10) || ((cls == CLS_ST || cls == CLS_STX) && insn.dst() == 10);
            if (fpBase && !(cls == CLS_STX && insn.src() == 10)) {
                long mask = slotMask(insn.offset(), sizeBytes(code));
                if (cls == CLS_LDX || (cls == CLS_STX && mode(code) == MODE_ATOMIC)) {
                    stackUse[pc] = mask;
                } else if (sizeBytes(code) == 8 && insn.offset() % 8 == 0) {
                    stackDef[pc] = mask;
                }
            } else if (readsR10AsValue(insn)) {
                escapes[subprogOf[pc]] = true;
            }
        }
        int[] in = new int[length];
        long[] stackIn = new long[length];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int pc = length - 1; pc >= 0; pc--) {
                if (isLddwSecondHalf(pc)) {
                    continue;
                }
                int out = 0;
                long stackOut = 0;
                int first = firstSuccessor(pc);
                if (first >= 0 && first < length) {
                    out = in[first];
                    stackOut = stackIn[first];
                }
                int second = secondSuccessor(pc);
                if (second >= 0 && second < length) {
                    out |= in[second];
                    stackOut |= stackIn[second];
                }
                int newIn = use[pc] | (out & ~def[pc]);
                long newStack = stackUse[pc] | (stackOut & ~stackDef[pc]);
                if (newIn != in[pc] || newStack != stackIn[pc]) {
                    in[pc] = newIn;
                    stackIn[pc] = newStack;
                    changed = true;
                }
            }
        }
        for (int pc = 0; pc < length; pc++) {
            liveRegs[pc] = in[pc];
            liveStack[pc] = escapes[subprogOf[pc]] ? -1L : stackIn[pc];
        }
        // A callee may read its callers' stacks only through pointers, which make them escape.
        if (anyEscape(escapes)) {
            Arrays.fill(liveStack, -1L);
        }
    }

    /** Whether a pointer into subprogram {@code s}'s stack is ever formed other than as a load/store base. */
    boolean stackEscapes(int s) {
        return escapes[s];
    }

    private static boolean anyEscape(boolean[] escapes) {
        for (boolean e : escapes) {
            if (e) {
                return true;
            }
        }
        return false;
    }

    private static boolean readsR10AsValue(Instruction insn) {
        int cls = insn.cls();
        int code = insn.opcode();
        if ((cls == CLS_ALU || cls == CLS_ALU64) && source(code) == SRC_X && insn.src() == 10) {
            return true;
        }
        if ((cls == CLS_ALU || cls == CLS_ALU64) && insn.dst() == 10) {
            return true;
        }
        if (cls == CLS_STX && insn.src() == 10) {
            return true;
        }
        if ((cls == CLS_JMP || cls == CLS_JMP32) && (insn.dst() == 10 || (source(code) == SRC_X && insn.src() == 10))
                && code != CALL_OP && code != EXIT_OP) {
            return true;
        }
        return false;
    }

    private static long slotMask(int off, int size) {
        long mask = 0;
        for (int b = off; b < off + size; b++) {
            if (b < 0 && b >= -FrameState.MAX_STACK) {
                mask |= 1L << ((-b - 1) / 8);
            }
        }
        return mask;
    }
}
