package io.github.bpf4j.verifier;

import static io.github.bpf4j.vm.Opcodes.*;

/**
 * Conditional jumps on scalars: whether a branch is decided by what is known
 * (kernel: is_branch_taken) and what each side learns (kernel: regs_refine_cond_op).
 */
final class BranchLogic {
    /** Internal opcode for "jset is false" (the kernel writes it BPF_JSET | BPF_X). */
    static final int JSET_FALSE = 0x100;

    private BranchLogic() {}

    /** 1 taken, 0 not taken, -1 unknown. */
    static int isBranchTaken(RegState r1, RegState r2, int op, boolean is32) {
        if (r1.type == RegType.PTR_TO_PACKET_END || r2.type == RegType.PTR_TO_PACKET_END
                || (r1.type.isPacket() && r2.type.isPacket())) {
            return -1;
        }
        if (r1.type.isPointer() || r2.type.isPointer()) {
            if (!r2.isConst(is32)) {
                op = flip(op);
                RegState t = r1;
                r1 = r2;
                r2 = t;
            }
            if (!r2.isConst(is32) || !r1.type.provenNotNull()) {
                return -1;
            }
            if (r2.constValue(is32) != 0) {
                return -1;
            }
            return switch (op) {
                case JEQ -> 0;
                case JNE -> 1;
                default -> -1;
            };
        }
        return scalarTaken(r1, r2, op, is32);
    }

    private static int scalarTaken(RegState r1, RegState r2, int op, boolean is32) {
        Tnum t1 = is32 ? r1.varOff.subreg() : r1.varOff;
        Tnum t2 = is32 ? r2.varOff.subreg() : r2.varOff;
        long umin1 = is32 ? r1.u32min & RegState.U32_MAX : r1.umin;
        long umax1 = is32 ? r1.u32max & RegState.U32_MAX : r1.umax;
        long smin1 = is32 ? r1.s32min : r1.smin;
        long smax1 = is32 ? r1.s32max : r1.smax;
        long umin2 = is32 ? r2.u32min & RegState.U32_MAX : r2.umin;
        long umax2 = is32 ? r2.u32max & RegState.U32_MAX : r2.umax;
        long smin2 = is32 ? r2.s32min : r2.smin;
        long smax2 = is32 ? r2.s32max : r2.smax;
        switch (op) {
            case JEQ, JNE -> {
                int differs = op == JEQ ? 0 : 1;
                if (t1.isConst() && t2.isConst()) {
                    return (t1.value() == t2.value()) == (op == JEQ) ? 1 : 0;
                }
                if (ugt(umin1, umax2) || ugt(umin2, umax1)) {
                    return differs;
                }
                if (smin1 > smax2 || smax1 < smin2) {
                    return differs;
                }
                if (!is32) {
                    if (Integer.compareUnsigned(r1.u32min, r2.u32max) > 0 || Integer.compareUnsigned(r1.u32max, r2.u32min) < 0) {
                        return differs;
                    }
                    if (r1.s32min > r2.s32max || r1.s32max < r2.s32min) {
                        return differs;
                    }
                }
                return -1;
            }
            case JSET -> {
                if (!r2.isConst(is32)) {
                    Tnum t = t1;
                    t1 = t2;
                    t2 = t;
                    RegState r = r1;
                    r1 = r2;
                    r2 = r;
                }
                if (!r2.isConst(is32)) {
                    return -1;
                }
                if (((~t1.mask() & t1.value()) & t2.value()) != 0) {
                    return 1;
                }
                if (((t1.mask() | t1.value()) & t2.value()) == 0) {
                    return 0;
                }
                return -1;
            }
            case JGT -> {
                return ugt(umin1, umax2) ? 1 : !ugt(umax1, umin2) ? 0 : -1;
            }
            case JSGT -> {
                return smin1 > smax2 ? 1 : smax1 <= smin2 ? 0 : -1;
            }
            case JLT -> {
                return ugt(umin2, umax1) ? 1 : !ugt(umax2, umin1) ? 0 : -1;
            }
            case JSLT -> {
                return smax1 < smin2 ? 1 : smin1 >= smax2 ? 0 : -1;
            }
            case JGE -> {
                return !ugt(umax2, umin1) ? 1 : ugt(umin2, umax1) ? 0 : -1;
            }
            case JSGE -> {
                return smin1 >= smax2 ? 1 : smax1 < smin2 ? 0 : -1;
            }
            case JLE -> {
                return !ugt(umax1, umin2) ? 1 : ugt(umin1, umax2) ? 0 : -1;
            }
            case JSLE -> {
                return smax1 <= smin2 ? 1 : smin1 > smax2 ? 0 : -1;
            }
            default -> {
                return -1;
            }
        }
    }

    private static boolean ugt(long a, long b) {
        return Long.compareUnsigned(a, b) > 0;
    }

    /** The condition that holds on the fall-through side. */
    static int reverse(int op) {
        return switch (op) {
            case JEQ -> JNE;
            case JNE -> JEQ;
            case JGT -> JLE;
            case JLE -> JGT;
            case JGE -> JLT;
            case JLT -> JGE;
            case JSGT -> JSLE;
            case JSLE -> JSGT;
            case JSGE -> JSLT;
            case JSLT -> JSGE;
            case JSET -> JSET_FALSE;
            default -> op;
        };
    }

    /** The same condition with its operands swapped. */
    static int flip(int op) {
        return switch (op) {
            case JGT -> JLT;
            case JLT -> JGT;
            case JGE -> JLE;
            case JLE -> JGE;
            case JSGT -> JSLT;
            case JSLT -> JSGT;
            case JSGE -> JSLE;
            case JSLE -> JSGE;
            default -> op;
        };
    }

    /** The two registers ordered so the second is a constant, or null when neither is. */
    private static RegState[] constantSecond(RegState r1, RegState r2, boolean is32) {
        if (r2.isConst(is32)) {
            return new RegState[] {r1, r2};
        }
        return r1.isConst(is32) ? new RegState[] {r2, r1} : null;
    }

    /** Narrows r1 and r2 (both scalars) to the values for which {@code r1 op r2} holds. */
    static void refine(RegState r1, RegState r2, int op, boolean is32) {
        switch (op) {
            case JEQ -> {
                if (is32) {
                    r1.u32min = RegState.umax32(r1.u32min, r2.u32min);
                    r1.u32max = RegState.umin32(r1.u32max, r2.u32max);
                    r1.s32min = Math.max(r1.s32min, r2.s32min);
                    r1.s32max = Math.min(r1.s32max, r2.s32max);
                    r2.u32min = r1.u32min;
                    r2.u32max = r1.u32max;
                    r2.s32min = r1.s32min;
                    r2.s32max = r1.s32max;
                    Tnum t = r1.varOff.subreg().intersect(r2.varOff.subreg());
                    r1.varOff = r1.varOff.withSubreg(t);
                    r2.varOff = r2.varOff.withSubreg(t);
                } else {
                    r1.umin = RegState.umax64(r1.umin, r2.umin);
                    r1.umax = RegState.umin64(r1.umax, r2.umax);
                    r1.smin = Math.max(r1.smin, r2.smin);
                    r1.smax = Math.min(r1.smax, r2.smax);
                    r2.umin = r1.umin;
                    r2.umax = r1.umax;
                    r2.smin = r1.smin;
                    r2.smax = r1.smax;
                    r1.varOff = r1.varOff.intersect(r2.varOff);
                    r2.varOff = r1.varOff;
                }
            }
            case JNE -> {
                RegState[] pair = constantSecond(r1, r2, is32);
                if (pair == null) {
                    return;
                }
                r1 = pair[0];
                long val = pair[1].constValue(is32);
                if (is32) {
                    if (r1.u32min == (int) val) {
                        r1.u32min++;
                    }
                    if (r1.u32max == (int) val) {
                        r1.u32max--;
                    }
                    if (r1.s32min == (int) val) {
                        r1.s32min++;
                    }
                    if (r1.s32max == (int) val) {
                        r1.s32max--;
                    }
                } else {
                    if (r1.umin == val) {
                        r1.umin++;
                    }
                    if (r1.umax == val) {
                        r1.umax--;
                    }
                    if (r1.smin == val) {
                        r1.smin++;
                    }
                    if (r1.smax == val) {
                        r1.smax--;
                    }
                }
            }
            case JSET, JSET_FALSE -> {
                RegState[] pair = constantSecond(r1, r2, is32);
                if (pair == null) {
                    return;
                }
                r1 = pair[0];
                long val = pair[1].constValue(is32);
                if (op == JSET) {
                    if (Long.bitCount(val) != 1) {
                        return;
                    }
                    r1.varOff = is32 ? r1.varOff.withSubreg(r1.varOff.subreg().or(Tnum.constant(val)))
                            : r1.varOff.or(Tnum.constant(val));
                } else {
                    r1.varOff = is32 ? r1.varOff.withSubreg(r1.varOff.subreg().and(Tnum.constant(~val)))
                            : r1.varOff.and(Tnum.constant(~val));
                }
            }
            case JLE, JLT -> {
                int d = op == JLT ? 1 : 0; // strictly less: one below the other's maximum
                if (is32) {
                    r1.u32max = RegState.umin32(r1.u32max, r2.u32max - d);
                    r2.u32min = RegState.umax32(r1.u32min + d, r2.u32min);
                } else {
                    r1.umax = RegState.umin64(r1.umax, r2.umax - d);
                    r2.umin = RegState.umax64(r1.umin + d, r2.umin);
                }
            }
            case JSLE, JSLT -> {
                int d = op == JSLT ? 1 : 0;
                if (is32) {
                    r1.s32max = Math.min(r1.s32max, r2.s32max - d);
                    r2.s32min = Math.max(r1.s32min + d, r2.s32min);
                } else {
                    r1.smax = Math.min(r1.smax, r2.smax - d);
                    r2.smin = Math.max(r1.smin + d, r2.smin);
                }
            }
            case JGE, JGT, JSGE, JSGT -> refine(r2, r1, flip(op), is32);
            default -> { }
        }
    }
}
