package io.github.bpf4j.verifier;

import static io.github.bpf4j.vm.Opcodes.*;

/**
 * The abstract transfer of ALU operations on scalars (kernel: adjust_scalar_min_max_vals):
 * tnum and the four ranges are computed per operation, then synchronised.
 */
final class ScalarArithmetic {
    private ScalarArithmetic() {}

    /** dst = dst op src on scalars; {@code src} is not modified. */
    static void apply(RegState dst, RegState src, int op, boolean alu32) {
        if (!safeToCompute(src, op, alu32)) {
            dst.markUnknown();
            return;
        }
        switch (op) {
            case ADD -> {
                add32(dst, src);
                add64(dst, src);
                dst.varOff = dst.varOff.add(src.varOff);
            }
            case SUB -> {
                sub32(dst, src);
                sub64(dst, src);
                dst.varOff = dst.varOff.sub(src.varOff);
            }
            case NEG -> {
                RegState old = dst.copy();
                dst.markKnown(0);
                sub32(dst, old);
                sub64(dst, old);
                dst.varOff = old.varOff.neg();
            }
            case MUL -> {
                dst.varOff = dst.varOff.mul(src.varOff);
                mul32(dst, src);
                mul64(dst, src);
            }
            case AND -> {
                dst.varOff = dst.varOff.and(src.varOff);
                bitwise32(dst, src, AND);
                bitwise64(dst, src, AND);
            }
            case OR -> {
                dst.varOff = dst.varOff.or(src.varOff);
                bitwise32(dst, src, OR);
                bitwise64(dst, src, OR);
            }
            case XOR -> {
                dst.varOff = dst.varOff.xor(src.varOff);
                bitwise32(dst, src, XOR);
                bitwise64(dst, src, XOR);
            }
            case LSH -> {
                if (alu32) {
                    lsh32(dst, src);
                } else {
                    lsh64(dst, src);
                }
            }
            case RSH -> {
                if (alu32) {
                    rsh32(dst, src);
                } else {
                    rsh64(dst, src);
                }
            }
            case ARSH -> {
                if (alu32) {
                    arsh32(dst, src);
                } else {
                    arsh64(dst, src);
                }
            }
            default -> { }
        }
        if (alu32) {
            dst.zext32to64();
        }
        dst.sync();
    }

    private static boolean safeToCompute(RegState src, int op, boolean alu32) {
        boolean srcConst = alu32
                ? src.varOff.subregIsConst() && src.s32min == src.s32max && src.u32min == src.u32max
                : src.varOff.isConst() && src.smin == src.smax && src.umin == src.umax;
        return switch (op) {
            case ADD, SUB, NEG, AND, XOR, OR, MUL -> true;
            case LSH, RSH, ARSH -> srcConst && Long.compareUnsigned(src.umax, alu32 ? 32 : 64) < 0;
            default -> false;
        };
    }

    private static void add32(RegState d, RegState s) {
        long lo = (long) d.s32min + s.s32min;
        long hi = (long) d.s32max + s.s32max;
        if (lo != (int) lo || hi != (int) hi) {
            d.s32min = Integer.MIN_VALUE;
            d.s32max = Integer.MAX_VALUE;
        } else {
            d.s32min = (int) lo;
            d.s32max = (int) hi;
        }
        long ulo = (d.u32min & RegState.U32_MAX) + (s.u32min & RegState.U32_MAX);
        long uhi = (d.u32max & RegState.U32_MAX) + (s.u32max & RegState.U32_MAX);
        if ((ulo >>> 32) != (uhi >>> 32)) {
            d.u32min = 0;
            d.u32max = -1;
        } else {
            d.u32min = (int) ulo;
            d.u32max = (int) uhi;
        }
    }

    private static void add64(RegState d, RegState s) {
        long lo = d.smin + s.smin;
        long hi = d.smax + s.smax;
        if (addOverflows(d.smin, s.smin) || addOverflows(d.smax, s.smax)) {
            d.smin = Long.MIN_VALUE;
            d.smax = Long.MAX_VALUE;
        } else {
            d.smin = lo;
            d.smax = hi;
        }
        long ulo = d.umin + s.umin;
        long uhi = d.umax + s.umax;
        boolean loCarry = Long.compareUnsigned(ulo, d.umin) < 0;
        boolean hiCarry = Long.compareUnsigned(uhi, d.umax) < 0;
        if (loCarry != hiCarry) {
            d.umin = 0;
            d.umax = -1L;
        } else {
            d.umin = ulo;
            d.umax = uhi;
        }
    }

    private static void sub32(RegState d, RegState s) {
        long lo = (long) d.s32min - s.s32max;
        long hi = (long) d.s32max - s.s32min;
        if (lo != (int) lo || hi != (int) hi) {
            d.s32min = Integer.MIN_VALUE;
            d.s32max = Integer.MAX_VALUE;
        } else {
            d.s32min = (int) lo;
            d.s32max = (int) hi;
        }
        long ulo = (d.u32min & RegState.U32_MAX) - (s.u32max & RegState.U32_MAX);
        long uhi = (d.u32max & RegState.U32_MAX) - (s.u32min & RegState.U32_MAX);
        if ((ulo < 0) != (uhi < 0)) {
            d.u32min = 0;
            d.u32max = -1;
        } else {
            d.u32min = (int) ulo;
            d.u32max = (int) uhi;
        }
    }

    private static void sub64(RegState d, RegState s) {
        if (subOverflows(d.smin, s.smax) || subOverflows(d.smax, s.smin)) {
            d.smin = Long.MIN_VALUE;
            d.smax = Long.MAX_VALUE;
        } else {
            long lo = d.smin - s.smax;
            d.smax = d.smax - s.smin;
            d.smin = lo;
        }
        boolean loBorrow = Long.compareUnsigned(d.umin, s.umax) < 0;
        boolean hiBorrow = Long.compareUnsigned(d.umax, s.umin) < 0;
        if (loBorrow != hiBorrow) {
            d.umin = 0;
            d.umax = -1L;
        } else {
            long lo = d.umin - s.umax;
            d.umax = d.umax - s.umin;
            d.umin = lo;
        }
    }

    private static void mul32(RegState d, RegState s) {
        long umaxP = (d.u32max & RegState.U32_MAX) * (s.u32max & RegState.U32_MAX);
        long uminP = (d.u32min & RegState.U32_MAX) * (s.u32min & RegState.U32_MAX);
        if ((umaxP >>> 32) != 0 || (uminP >>> 32) != 0) {
            d.u32min = 0;
            d.u32max = -1;
        } else {
            d.u32min = (int) uminP;
            d.u32max = (int) umaxP;
        }
        long[] p = {(long) d.s32min * s.s32min, (long) d.s32min * s.s32max, (long) d.s32max * s.s32min,
            (long) d.s32max * s.s32max};
        boolean overflow = false;
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (long v : p) {
            overflow |= v != (int) v;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (overflow) {
            d.s32min = Integer.MIN_VALUE;
            d.s32max = Integer.MAX_VALUE;
        } else {
            d.s32min = (int) lo;
            d.s32max = (int) hi;
        }
    }

    private static void mul64(RegState d, RegState s) {
        if (umulOverflows(d.umax, s.umax) || umulOverflows(d.umin, s.umin)) {
            d.umin = 0;
            d.umax = -1L;
        } else {
            d.umax = d.umax * s.umax;
            d.umin = d.umin * s.umin;
        }
        long a = d.smin;
        long b = d.smax;
        if (smulOverflows(a, s.smin) || smulOverflows(a, s.smax) || smulOverflows(b, s.smin)
                || smulOverflows(b, s.smax)) {
            d.smin = Long.MIN_VALUE;
            d.smax = Long.MAX_VALUE;
            return;
        }
        d.smin = Math.min(Math.min(a * s.smin, a * s.smax), Math.min(b * s.smin, b * s.smax));
        d.smax = Math.max(Math.max(a * s.smin, a * s.smax), Math.max(b * s.smin, b * s.smax));
    }

    /** Whether the signed product leaves 64 bits: its high half is not the low half's sign. */
    private static boolean smulOverflows(long a, long b) {
        return Math.multiplyHigh(a, b) != (a * b) >> 63;
    }

    private static boolean umulOverflows(long a, long b) {
        long hi = Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
        return hi != 0;
    }

    static boolean addOverflows(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0;
    }

    static boolean subOverflows(long a, long b) {
        long r = a - b;
        return ((a ^ b) & (a ^ r)) < 0;
    }

    private static void bitwise32(RegState d, RegState s, int op) {
        Tnum t = d.varOff.subreg();
        if (s.varOff.subregIsConst() && t.isConst()) {
            d.s32min = d.s32max = (int) t.value();
            d.u32min = d.u32max = (int) t.value();
            return;
        }
        switch (op) {
            case AND -> {
                d.u32min = (int) t.value();
                d.u32max = RegState.umin32(d.u32max, s.u32max);
            }
            case OR -> {
                d.u32min = RegState.umax32(d.u32min, s.u32min);
                d.u32max = (int) (t.value() | t.mask());
            }
            default -> {
                d.u32min = (int) t.value();
                d.u32max = (int) (t.value() | t.mask());
            }
        }
        if (d.u32min <= d.u32max) {
            d.s32min = d.u32min;
            d.s32max = d.u32max;
        } else {
            d.s32min = Integer.MIN_VALUE;
            d.s32max = Integer.MAX_VALUE;
        }
        d.update32Bounds();
    }

    private static void bitwise64(RegState d, RegState s, int op) {
        if (s.varOff.isConst() && d.varOff.isConst()) {
            long v = d.varOff.value();
            d.smin = d.smax = d.umin = d.umax = v;
            d.s32min = d.s32max = d.u32min = d.u32max = (int) v;
            return;
        }
        switch (op) {
            case AND -> {
                d.umin = d.varOff.value();
                d.umax = RegState.umin64(d.umax, s.umax);
            }
            case OR -> {
                d.umin = RegState.umax64(d.umin, s.umin);
                d.umax = d.varOff.value() | d.varOff.mask();
            }
            default -> {
                d.umin = d.varOff.value();
                d.umax = d.varOff.value() | d.varOff.mask();
            }
        }
        if (d.umin <= d.umax) {
            d.smin = d.umin;
            d.smax = d.umax;
        } else {
            d.smin = Long.MIN_VALUE;
            d.smax = Long.MAX_VALUE;
        }
        d.updateBounds();
    }

    private static void lsh32Bounds(RegState d, long uminVal, long umaxVal) {
        d.s32min = Integer.MIN_VALUE;
        d.s32max = Integer.MAX_VALUE;
        if (umaxVal > 31 || (d.u32max & RegState.U32_MAX) > 1L << (31 - umaxVal)) {
            d.u32min = 0;
            d.u32max = -1;
        } else {
            d.u32min <<= uminVal;
            d.u32max <<= umaxVal;
        }
    }

    private static void lsh32(RegState d, RegState s) {
        long uminVal = s.u32min & RegState.U32_MAX;
        long umaxVal = s.u32max & RegState.U32_MAX;
        Tnum sub = d.varOff.subreg();
        lsh32Bounds(d, uminVal, umaxVal);
        d.varOff = sub.lshift((int) uminVal).subreg();
        d.mark64Unbounded();
        d.update32Bounds();
    }

    private static void lsh64(RegState d, RegState s) {
        long uminVal = s.umin;
        long umaxVal = s.umax;
        if (uminVal == 32 && umaxVal == 32 && d.s32max >= 0) {
            d.smax = (long) d.s32max << 32;
        } else {
            d.smax = Long.MAX_VALUE;
        }
        if (uminVal == 32 && umaxVal == 32 && d.s32min >= 0) {
            d.smin = (long) d.s32min << 32;
        } else {
            d.smin = Long.MIN_VALUE;
        }
        if (Long.compareUnsigned(d.umax, 1L << (63 - umaxVal)) > 0) {
            d.umin = 0;
            d.umax = -1L;
        } else {
            d.umin <<= uminVal;
            d.umax <<= umaxVal;
        }
        lsh32Bounds(d, uminVal, umaxVal);
        d.varOff = d.varOff.lshift((int) uminVal);
        d.updateBounds();
    }

    private static void rsh32(RegState d, RegState s) {
        int uminVal = s.u32min;
        int umaxVal = s.u32max;
        Tnum sub = d.varOff.subreg();
        d.s32min = Integer.MIN_VALUE;
        d.s32max = Integer.MAX_VALUE;
        d.varOff = sub.rshift(uminVal);
        d.u32min >>>= umaxVal;
        d.u32max >>>= uminVal;
        d.mark64Unbounded();
        d.update32Bounds();
    }

    private static void rsh64(RegState d, RegState s) {
        int uminVal = (int) s.umin;
        int umaxVal = (int) s.umax;
        d.smin = Long.MIN_VALUE;
        d.smax = Long.MAX_VALUE;
        d.varOff = d.varOff.rshift(uminVal);
        d.umin >>>= umaxVal;
        d.umax >>>= uminVal;
        d.mark32Unbounded();
        d.updateBounds();
    }

    private static void arsh32(RegState d, RegState s) {
        int shift = s.u32min;
        d.s32min >>= shift;
        d.s32max >>= shift;
        d.varOff = d.varOff.subreg().arshift(shift, 32);
        d.u32min = 0;
        d.u32max = -1;
        d.mark64Unbounded();
        d.update32Bounds();
    }

    private static void arsh64(RegState d, RegState s) {
        int shift = (int) s.umin;
        d.smin >>= shift;
        d.smax >>= shift;
        d.varOff = d.varOff.arshift(shift, 64);
        d.umin = 0;
        d.umax = -1L;
        d.mark32Unbounded();
        d.updateBounds();
    }
}
