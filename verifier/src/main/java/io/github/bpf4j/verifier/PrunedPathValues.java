package io.github.bpf4j.verifier;

import static io.github.bpf4j.vm.Opcodes.*;

import io.github.bpf4j.vm.Instruction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Which registers may hold, on a path the verifier pruned, a value its explored states do not
 * describe. Pruning cuts a path where an explored state covers it, but that cover ignores the
 * ranges of imprecise scalars (and of spilled ones), so from a prune point on any register may
 * hold such a value ("unexplored"). A register is explored again once it is written from
 * constants, from a load that is not from the stack (pointers are compared exactly when pruning,
 * so the loaded value's range depends on the access alone), from a helper's return, or from
 * explored registers. A compare of two registers refines both (and every register linked to
 * them) by the other's range, so one unexplored operand makes every register unexplored.
 *
 * <p>Across subprograms the pruned state's other frames differ too, so whatever crosses a call
 * boundary on such a path is unexplored: a callee's entry, the instruction after every call of a
 * subprogram that returns on one, and after every helper call when a callback returns on one.
 *
 * <p>A fact about a register's value at some pc holds on pruned paths too when the register is
 * explored there on every pruned path reaching it.
 */
final class PrunedPathValues {
    private static final int ALL = (1 << 11) - 1;

    private final ProgramStructure ps;
    private final String[] accessType;
    /** Per pc: bit r set when register r may be unexplored on entry; -1 when no pruned path reaches pc. */
    private final int[] unexplored;
    private final ArrayDeque<Integer> work = new ArrayDeque<>();

    /**
     * @param accessType per pc, the kernel's name of the pointer type a load or store accessed
     *                   on every visit ({@code "fp"} for the stack, {@code "mixed"} if several)
     */
    PrunedPathValues(ProgramStructure ps, String[] accessType, BitSet prunedAt) {
        this.ps = ps;
        this.accessType = accessType;
        unexplored = new int[accessType.length];
        Arrays.fill(unexplored, -1);
        int subprograms = ps.subprogStarts.length;
        List<List<Integer>> returnSites = new ArrayList<>();
        for (int i = 0; i < subprograms; i++) {
            returnSites.add(new ArrayList<>());
        }
        List<Integer> afterHelperCalls = new ArrayList<>();
        boolean[] callback = new boolean[subprograms];
        for (int pc = 0; pc < accessType.length; pc = ps.program.instruction(pc).isLddw() ? pc + 2 : pc + 1) {
            Instruction insn = ps.program.instruction(pc);
            if (insn.opcode() == CALL_OP && insn.src() == CALL_LOCAL) {
                returnSites.get(subprogramOf(pc + insn.imm() + 1)).add(pc + 1);
            } else if (insn.opcode() == CALL_OP) {
                afterHelperCalls.add(pc + 1);
            } else if (insn.isLddw() && insn.src() == PSEUDO_FUNC) {
                callback[subprogramOf(pc + insn.imm() + 1)] = true;
            }
        }
        prunedAt.stream().forEach(pc -> reach(pc, ALL));
        while (!work.isEmpty()) {
            int pc = work.pop();
            Instruction insn = ps.program.instruction(pc);
            int out = transfer(pc, unexplored[pc]);
            reach(ps.firstSuccessor(pc), out);
            reach(ps.secondSuccessor(pc), out);
            if (insn.opcode() == CALL_OP && insn.src() == CALL_LOCAL) {
                reach(pc + insn.imm() + 1, ALL);
            } else if (insn.opcode() == EXIT_OP) {
                int sub = subprogramOf(pc);
                returnSites.get(sub).forEach(site -> reach(site, ALL));
                if (callback[sub]) {
                    afterHelperCalls.forEach(site -> reach(site, ALL));
                }
            }
        }
    }

    /** Merges {@code mask} into what may be unexplored on entry to pc, and revisits pc if that grew. */
    private void reach(int pc, int mask) {
        if (pc < 0 || pc >= unexplored.length) {
            return;
        }
        int merged = unexplored[pc] < 0 ? mask : unexplored[pc] | mask;
        if (merged != unexplored[pc]) {
            unexplored[pc] = merged;
            work.push(pc);
        }
    }

    private int subprogramOf(int pc) {
        int i = Arrays.binarySearch(ps.subprogStarts, pc);
        return Math.max(0, i >= 0 ? i : -i - 2);
    }

    /** Whether register {@code reg} holds an explored value on entry to pc on every pruned path. */
    boolean explored(int pc, int reg) {
        return unexplored[pc] < 0 || (unexplored[pc] >>> reg & 1) == 0;
    }

    private int transfer(int pc, int in) {
        Instruction insn = ps.program.instruction(pc);
        int cls = insn.cls();
        int dst = 1 << insn.dst();
        int src = 1 << insn.src();
        boolean regSource = (insn.opcode() & SRC_X) != 0;
        switch (cls) {
            case CLS_ALU, CLS_ALU64 -> {
                int op = insn.opcode() & 0xf0;
                boolean fromDst = op != MOV;
                boolean fromSrc = regSource && op != NEG && op != END;
                boolean unexploredResult = (fromDst && (in & dst) != 0) || (fromSrc && (in & src) != 0);
                return unexploredResult ? in | dst : in & ~dst;
            }
            case CLS_LD -> {
                if (insn.isLddw()) {
                    return in & ~dst;
                }
                return in & ~0x3f; // LD_ABS/LD_IND: r0 loaded from the packet, r1-r5 clobbered
            }
            case CLS_LDX -> {
                return fromStack(pc) ? in | dst : in & ~dst;
            }
            case CLS_STX -> {
                if (mode(insn.opcode()) != MODE_ATOMIC) {
                    return in;
                }
                int imm = insn.imm();
                int loaded = imm == ATOMIC_CMPXCHG ? 1 : imm == ATOMIC_LOAD_ACQ ? dst
                        : (imm & ATOMIC_FETCH) != 0 ? src : 0;
                return fromStack(pc) ? in | loaded : in & ~loaded;
            }
            case CLS_JMP, CLS_JMP32 -> {
                int code = insn.opcode();
                if (code == CALL_OP) {
                    // a helper's r0 may depend on its arguments; r1-r5 are clobbered
                    boolean args = (in & 0x3e) != 0;
                    return (in & ~0x3f) | (args ? 1 : 0);
                }
                int op = code & 0xf0;
                boolean compare = cls == CLS_JMP32 || (op != JA && op != EXIT && op != JCOND);
                if (compare && regSource && (in & (dst | src)) != 0) {
                    return ALL;
                }
                return in;
            }
            default -> {
                return in;
            }
        }
    }

    private boolean fromStack(int pc) {
        return accessType[pc] == null || accessType[pc].equals("fp") || accessType[pc].equals("mixed");
    }
}
