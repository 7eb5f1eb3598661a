package io.github.bpf4j.jit;

import static io.github.bpf4j.vm.Opcodes.*;

import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.Memory;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramFacts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * How a program maps onto JVM methods. A subprogram whose control flow stays inside it and
 * whose code fits one method becomes one <em>inline</em> method with the registers in locals.
 * Everything else (large subprograms, and unverified control flow that jumps or falls between
 * subprograms) is cut into <em>chunks</em>: methods over a pc range that enter at a listed pc,
 * keep the registers in locals while inside and hand them over in a {@code long[]} when
 * control leaves, returning the pc to continue at.
 */
final class CodeLayout {
    /** Estimated bytecode per chunk; real sizes are checked after generation. */
    static final int DEFAULT_CHUNK_BYTES = 6_000;

    final Program program;
    final Instruction[] insns;
    final boolean[] upperHalf;
    final int[] subStarts;
    final int[] subEnds;
    final boolean[] inline;
    /** Pcs that some jump targets. */
    final BitSet jumpTargets = new BitSet();
    final int[] chunkStarts;
    final int[] chunkEnds;
    /** Pcs where control enters a chunk from outside it. */
    final BitSet chunkEntries = new BitSet();
    final boolean budgeted;
    /** What the verifier proved; {@link ProgramFacts#NONE} for unverified programs. */
    final ProgramFacts facts;
    /** No instruction writes r10, so in every frame it is that frame's stack pointer. */
    final boolean r10Fixed;
    /**
     * Per subprogram, bit i set when its 8-byte stack slot at r10 - 8 * (i + 1) lives in a
     * {@code long} local instead of the frame's array (see {@link #localSlots}).
     */
    final long[] slotsInLocals;
    /**
     * Per subprogram: its frame array is never read or written, so it need not be zeroed on entry
     * (whatever an earlier call left there is unobservable): no instruction names r10, or every
     * one that does is a whole access of a slot held in a local.
     */
    final boolean[] frameUnseen;

    /**
     * @param extraStart a pc that must start a subprogram too (a callx target in the middle of
     *                   one, see {@link JitRun#callStray}), or -1
     */
    CodeLayout(Program program, ProgramFacts facts, boolean budgeted, int chunkBytes, BitSet forcedChunked,
               int extraStart) {
        this.program = program;
        this.facts = facts;
        this.budgeted = budgeted;
        int n = program.length();
        insns = new Instruction[n];
        upperHalf = new boolean[n];
        for (int pc = 0; pc < n; pc++) {
            insns[pc] = program.instruction(pc);
            if (insns[pc].isLddw()) {
                upperHalf[pc + 1] = true;
                insns[pc + 1] = program.instruction(pc + 1);
                pc++;
            }
        }
        subStarts = withStart(program.subprogramStarts(), extraStart);
        r10Fixed = noWriteToR10();
        subEnds = new int[subStarts.length];
        for (int i = 0; i < subStarts.length; i++) {
            subEnds[i] = i + 1 < subStarts.length ? subStarts[i + 1] : n;
        }
        inline = new boolean[subStarts.length];
        Arrays.fill(inline, true);
        for (int i = 0; i < subStarts.length; i++) {
            if (forcedChunked.get(i) || estimate(subStarts[i], subEnds[i]) > chunkBytes) {
                inline[i] = false;
            }
        }
        int from = 0;
        for (int pc = 0; pc < n; pc = next(pc)) {
            if (from + 1 < subStarts.length && pc >= subStarts[from + 1]) {
                from++;
            }
            Instruction insn = insns[pc];
            boolean jump = isJump(insn);
            if (jump) {
                int target = jumpTarget(insn, pc);
                jumpTargets.set(target);
                crossEdge(from, target, n);
            }
            if (!jump || (insn.opcode() != JA_OP && insn.opcode() != GOTOL_OP)) {
                if (insn.opcode() != EXIT_OP) {
                    crossEdge(from, next(pc), n);
                }
            }
        }
        List<int[]> chunks = new ArrayList<>();
        for (int i = 0; i < subStarts.length; i++) {
            if (!inline[i]) {
                cut(subStarts[i], subEnds[i], chunkBytes, chunks);
            }
        }
        chunkStarts = chunks.stream().mapToInt(c -> c[0]).toArray();
        chunkEnds = chunks.stream().mapToInt(c -> c[1]).toArray();
        for (int c = 0; c < chunkStarts.length; c++) {
            chunkEntries.set(chunkStarts[c]);
            for (int pc = chunkStarts[c]; pc < chunkEnds[c]; pc = next(pc)) {
                for (int t : successors(pc)) {
                    if (t < n && (t < chunkStarts[c] || t >= chunkEnds[c])) {
                        chunkEntries.set(t);
                    }
                }
            }
        }
        for (int i = 0; i < subStarts.length; i++) {
            if (!inline[i]) {
                chunkEntries.set(subStarts[i]);
            }
        }
        slotsInLocals = new long[subStarts.length];
        for (int i = 0; i < subStarts.length; i++) {
            if (inline[i] && r10Fixed) {
                slotsInLocals[i] = localSlots(subStarts[i], subEnds[i], facts.privateStackSlots(subStarts[i]));
            }
        }
        frameUnseen = new boolean[subStarts.length];
        for (int i = 0; i < subStarts.length; i++) {
            frameUnseen[i] = inline[i] && onlySlotsInLocalsNameR10(subStarts[i], subEnds[i], slotsInLocals[i]);
        }
    }

    /**
     * The private slots (see {@link ProgramFacts#privateStackSlots}) of the subprogram [start, end)
     * that every access touching them reaches as a whole: a plain 8-byte load or store at exactly
     * the slot's offset from r10. No pointer to a private slot's frame exists, so nothing else can
     * read or write it, and a local (zero at entry, like the frame) holds its value exactly.
     */
    private long localSlots(int start, int end, long privateSlots) {
        if (privateSlots == 0) {
            return 0;
        }
        long whole = 0;
        long partial = 0;
        for (int pc = start; pc < end; pc = next(pc)) {
            Instruction insn = insns[pc];
            int cls = insn.cls();
            boolean load = cls == CLS_LDX && insn.src() == 10;
            boolean store = (cls == CLS_ST || cls == CLS_STX) && insn.dst() == 10;
            if (!load && !store) {
                continue;
            }
            int size = sizeBytes(insn.opcode());
            int offset = insn.offset();
            boolean plain = mode(insn.opcode()) == MODE_MEM && size == 8 && offset < 0 && offset % 8 == 0
                    && offset >= -Memory.STACK_SIZE;
            if (plain) {
                whole |= 1L << (-offset / 8 - 1);
            } else {
                for (int b = Math.max(offset, -Memory.STACK_SIZE); b < Math.min(offset + size, 0); b++) {
                    partial |= 1L << ((-b - 1) / 8);
                }
            }
        }
        return whole & ~partial & privateSlots;
    }

    /**
     * Every instruction in [start, end) with 10 in a register field (whatever its opcode makes of
     * it) is a plain 8-byte load or store of one of {@code inLocals} at a constant r10 offset.
     */
    private boolean onlySlotsInLocalsNameR10(int start, int end, long inLocals) {
        for (int pc = start; pc < end; pc = next(pc)) {
            Instruction insn = insns[pc];
            if (insn.dst() != 10 && insn.src() != 10) {
                continue;
            }
            int cls = insn.cls();
            boolean load = cls == CLS_LDX && insn.src() == 10 && insn.dst() != 10;
            boolean store = (cls == CLS_ST || (cls == CLS_STX && insn.src() != 10)) && insn.dst() == 10;
            int offset = insn.offset();
            boolean whole = mode(insn.opcode()) == MODE_MEM && sizeBytes(insn.opcode()) == 8 && offset < 0
                    && offset % 8 == 0 && offset >= -Memory.STACK_SIZE;
            if (!(load || store) || !whole || (inLocals >>> (-offset / 8 - 1) & 1) == 0) {
                return false;
            }
        }
        return true;
    }

    private boolean noWriteToR10() {
        for (int pc = 0; pc < insns.length; pc = next(pc)) {
            Instruction insn = insns[pc];
            int cls = insn.cls();
            boolean writesDst = cls == CLS_ALU || cls == CLS_ALU64 || cls == CLS_LDX || insn.isLddw()
                    || (cls == CLS_STX && mode(insn.opcode()) == MODE_ATOMIC && insn.imm() == ATOMIC_LOAD_ACQ);
            boolean writesSrc = cls == CLS_STX && mode(insn.opcode()) == MODE_ATOMIC
                    && (insn.imm() & ATOMIC_FETCH) != 0 && insn.imm() != ATOMIC_CMPXCHG;
            if ((writesDst && insn.dst() == 10) || (writesSrc && insn.src() == 10)) {
                return false;
            }
        }
        return true;
    }

    private static int[] withStart(int[] starts, int extra) {
        if (extra < 0 || Arrays.binarySearch(starts, extra) >= 0) {
            return starts;
        }
        int[] all = Arrays.copyOf(starts, starts.length + 1);
        all[starts.length] = extra;
        Arrays.sort(all);
        return all;
    }

    /** Control from subprogram {@code from} to {@code target}: leaving it needs chunks on both sides. */
    private void crossEdge(int from, int target, int n) {
        if (target >= n) {
            inline[from] = false; // falls off the end: chunks report it
        } else if (target < subStarts[from] || target >= subEnds[from]) {
            inline[from] = false;
            inline[subprogramOf(target)] = false;
        }
    }

    /** Cuts [start, end) into chunks of at most {@code chunkBytes} estimated bytecode. */
    private void cut(int start, int end, int chunkBytes, List<int[]> chunks) {
        int chunkStart = start;
        int bytes = 0;
        for (int pc = start; pc < end; pc = next(pc)) {
            int cost = cost(insns[pc]);
            if (bytes + cost > chunkBytes && pc > chunkStart) {
                chunks.add(new int[] {chunkStart, pc});
                chunkStart = pc;
                bytes = 0;
            }
            bytes += cost;
        }
        chunks.add(new int[] {chunkStart, end});
    }

    int subprogramOf(int pc) {
        int i = Arrays.binarySearch(subStarts, pc);
        return i >= 0 ? i : -i - 2;
    }

    int chunkOf(int pc) {
        int i = Arrays.binarySearch(chunkStarts, pc);
        return i >= 0 ? i : -i - 2;
    }

    int next(int pc) {
        return pc + (insns[pc].isLddw() ? 2 : 1);
    }

    private int estimate(int start, int end) {
        int bytes = 0;
        for (int pc = start; pc < end; pc = next(pc)) {
            bytes += cost(insns[pc]);
        }
        return bytes;
    }

    /** A rough upper bound of the bytecode one instruction turns into, counting its segment check. */
    private int cost(Instruction insn) {
        int base = switch (insn.cls()) {
            case CLS_LDX, CLS_ST, CLS_STX -> 24;
            case CLS_JMP, CLS_JMP32 -> op(insn.opcode()) == CALL ? 40 : 16;
            case CLS_LD -> 22;
            default -> 16;
        };
        return base + (budgeted ? 26 : 8);
    }

    static boolean isJump(Instruction insn) {
        int cls = insn.cls();
        if (cls != CLS_JMP && cls != CLS_JMP32) {
            return false;
        }
        int op = op(insn.opcode());
        return op != CALL && op != EXIT;
    }

    /** The pc a jump goes to when taken. */
    static int jumpTarget(Instruction insn, int pc) {
        return insn.opcode() == GOTOL_OP ? pc + insn.imm() + 1 : pc + insn.offset() + 1;
    }

    /** Where control can go after the instruction at pc, within the same frame. */
    int[] successors(int pc) {
        Instruction insn = insns[pc];
        if (insn.opcode() == EXIT_OP) {
            return new int[0];
        }
        if (isJump(insn)) {
            int target = jumpTarget(insn, pc);
            if (insn.opcode() == JA_OP || insn.opcode() == GOTOL_OP) {
                return new int[] {target};
            }
            return new int[] {target, pc + 1};
        }
        return new int[] {next(pc)};
    }

    /**
     * Whether the counting segment ends after this instruction. Control flow always ends one;
     * with a budget, so does every instruction that can fault, so that when a segment's count
     * runs over the budget no instruction before the one over it could have faulted first.
     */
    boolean endsSegment(Instruction insn) {
        int cls = insn.cls();
        if (cls == CLS_JMP || cls == CLS_JMP32) {
            return true;
        }
        if (cls == CLS_LD && !insn.isLddw()) {
            return true; // LD_ABS/LD_IND may end the program
        }
        return budgeted && (cls == CLS_LDX || cls == CLS_ST || cls == CLS_STX);
    }
}
