package io.github.bpf4j.verifier;

/**
 * The abstract value of one register or spilled stack slot: its type, and for scalars (and the
 * variable part of pointers) a tnum plus signed/unsigned 64- and 32-bit bounds that
 * {@link #sync()} keeps consistent with each other (the kernel's reg_bounds_sync idea).
 */
final class RegState {
    static final long S32_MIN = Integer.MIN_VALUE;
    static final long S32_MAX = Integer.MAX_VALUE;
    static final long U32_MAX = 0xffff_ffffL;

    RegType type = RegType.NOT_INIT;
    /** Fixed offset of a pointer. */
    int off;
    /**
     * Proven packet range (bytes from the packet start), or memory / map key / map value size, or
     * the subprogram index of a function pointer (PTR_TO_FUNC).
     */
    int range;
    /** Frame a stack pointer points into. */
    int frameno;
    /** Identity shared by copies (scalars: linked registers; pointers: same object). */
    int id;
    boolean precise;
    /** The map a map pointer or map value pointer refers to, else null. */
    io.github.bpf4j.vm.MapSpec map;
    /** The reference (acquired by a helper, to be released) this pointer is, or 0. */
    int refObjId;
    Tnum varOff = Tnum.UNKNOWN;
    long smin = Long.MIN_VALUE;
    long smax = Long.MAX_VALUE;
    long umin = 0;
    long umax = -1L;
    int s32min = Integer.MIN_VALUE;
    int s32max = Integer.MAX_VALUE;
    int u32min = 0;
    int u32max = -1;

    RegState copy() {
        RegState r = new RegState();
        r.copyFrom(this);
        return r;
    }

    void copyFrom(RegState o) {
        type = o.type;
        off = o.off;
        range = o.range;
        frameno = o.frameno;
        id = o.id;
        precise = o.precise;
        map = o.map;
        refObjId = o.refObjId;
        varOff = o.varOff;
        smin = o.smin;
        smax = o.smax;
        umin = o.umin;
        umax = o.umax;
        s32min = o.s32min;
        s32max = o.s32max;
        u32min = o.u32min;
        u32max = o.u32max;
    }

    static RegState notInit() {
        return new RegState();
    }

    static RegState unknownScalar() {
        RegState r = new RegState();
        r.type = RegType.SCALAR;
        return r;
    }

    static RegState known(long v) {
        RegState r = new RegState();
        r.type = RegType.SCALAR;
        r.markKnown(v);
        return r;
    }

    static RegState pointer(RegType type, int off) {
        RegState r = new RegState();
        r.type = type;
        r.markKnownBounds(0);
        r.off = off;
        return r;
    }

    static RegState stackPointer(int frameno) {
        RegState r = pointer(RegType.PTR_TO_STACK, 0);
        r.frameno = frameno;
        return r;
    }

    void markUnknown() {
        type = RegType.SCALAR;
        off = 0;
        range = 0;
        frameno = 0;
        id = 0;
        precise = false;
        map = null;
        refObjId = 0;
        markUnbounded();
    }

    void markNotInit() {
        markUnknown();
        type = RegType.NOT_INIT;
    }

    void markUnbounded() {
        varOff = Tnum.UNKNOWN;
        mark64Unbounded();
        mark32Unbounded();
    }

    void mark64Unbounded() {
        smin = Long.MIN_VALUE;
        smax = Long.MAX_VALUE;
        umin = 0;
        umax = -1L;
    }

    void mark32Unbounded() {
        s32min = Integer.MIN_VALUE;
        s32max = Integer.MAX_VALUE;
        u32min = 0;
        u32max = -1;
    }

    /** A known scalar constant (clears everything else). */
    void markKnown(long v) {
        type = RegType.SCALAR;
        off = 0;
        range = 0;
        id = 0;
        frameno = 0;
        map = null;
        refObjId = 0;
        markKnownBounds(v);
    }

    private void markKnownBounds(long v) {
        varOff = Tnum.constant(v);
        smin = smax = v;
        umin = umax = v;
        s32min = s32max = (int) v;
        u32min = u32max = (int) v;
    }

    void markKnown32(long v) {
        varOff = varOff.withSubreg(Tnum.constant(v));
        s32min = s32max = (int) v;
        u32min = u32max = (int) v;
    }

    boolean isConst() {
        return type == RegType.SCALAR && varOff.isConst();
    }

    boolean isConst(boolean is32) {
        return type == RegType.SCALAR && (is32 ? varOff.subregIsConst() : varOff.isConst());
    }

    long constValue(boolean is32) {
        return is32 ? varOff.value() & U32_MAX : varOff.value();
    }

    boolean isNullConst() {
        return type == RegType.SCALAR && varOff.isConst() && varOff.value() == 0;
    }

    /** Width in bits of the widest value this scalar can hold (kernel: get_reg_width). */
    int width() {
        return 64 - Long.numberOfLeadingZeros(umax);
    }

    // ---- bounds synchronisation (kernel: reg_bounds_sync and friends) ----

    void sync() {
        updateBounds();
        deduceBounds();
        deduceBounds();
        deduceBounds();
        boundOffset();
        updateBounds();
    }

    void updateBounds() {
        update32Bounds();
        update64Bounds();
    }

    void update32Bounds() {
        int tv = (int) varOff.value();
        int tm = (int) varOff.mask();
        s32min = Math.max(s32min, tv | (tm & Integer.MIN_VALUE));
        s32max = Math.min(s32max, tv | (tm & Integer.MAX_VALUE));
        u32min = umax32(u32min, tv);
        u32max = umin32(u32max, tv | tm);
    }

    void update64Bounds() {
        smin = Math.max(smin, varOff.value() | (varOff.mask() & Long.MIN_VALUE));
        smax = Math.min(smax, varOff.value() | (varOff.mask() & Long.MAX_VALUE));
        umin = umax64(umin, varOff.value());
        umax = umin64(umax, varOff.value() | varOff.mask());
    }

    private void deduceBounds() {
        deduce32();
        deduce64();
        deduceMixed();
    }

    private void deduce32() {
        if ((umin >>> 32) == (umax >>> 32)) {
            u32min = umax32(u32min, (int) umin);
            u32max = umin32(u32max, (int) umax);
            if ((int) umin <= (int) umax) {
                s32min = Math.max(s32min, (int) umin);
                s32max = Math.min(s32max, (int) umax);
            }
        }
        if ((smin >> 32) == (smax >> 32)) {
            if (Integer.compareUnsigned((int) smin, (int) smax) <= 0) {
                u32min = umax32(u32min, (int) smin);
                u32max = umin32(u32max, (int) smax);
            }
            if ((int) smin <= (int) smax) {
                s32min = Math.max(s32min, (int) smin);
                s32max = Math.min(s32max, (int) smax);
            }
        }
        if ((int) (umin >>> 32) + 1 == (int) (umax >>> 32) && (int) umin < 0 && (int) umax >= 0) {
            s32min = Math.max(s32min, (int) umin);
            s32max = Math.min(s32max, (int) umax);
        }
        if ((int) (smin >> 32) + 1 == (int) (smax >> 32) && (int) smin < 0 && (int) smax >= 0) {
            s32min = Math.max(s32min, (int) smin);
            s32max = Math.min(s32max, (int) smax);
        }
        if (u32min <= u32max) { // as signed: the unsigned range does not cross the sign bit
            s32min = Math.max(s32min, u32min);
            s32max = Math.min(s32max, u32max);
        }
        if (Integer.compareUnsigned(s32min, s32max) <= 0) {
            u32min = umax32(s32min, u32min);
            u32max = umin32(s32max, u32max);
        }
    }

    private void deduce64() {
        if (umin <= umax) { // as signed
            smin = Math.max(smin, umin);
            smax = Math.min(smax, umax);
        }
        if (Long.compareUnsigned(smin, smax) <= 0) {
            umin = umax64(smin, umin);
            umax = umin64(smax, umax);
        } else {
            if (Long.compareUnsigned(umax, smin) < 0) {
                smin = umin;
                umax = umin64(umax, smax);
            } else if (Long.compareUnsigned(smax, umin) < 0) {
                smax = umax;
                umin = umax64(umin, smin);
            }
        }
    }

    private void deduceMixed() {
        long newUmin = (umin & ~U32_MAX) | (u32min & U32_MAX);
        long newUmax = (umax & ~U32_MAX) | (u32max & U32_MAX);
        umin = umax64(umin, newUmin);
        umax = umin64(umax, newUmax);
        long newSmin = (smin & ~U32_MAX) | (u32min & U32_MAX);
        long newSmax = (smax & ~U32_MAX) | (u32max & U32_MAX);
        smin = Math.max(smin, newSmin);
        smax = Math.min(smax, newSmax);
        if (s32min >= 0 && smin >= S32_MIN && smax <= S32_MAX) {
            smin = s32min;
            smax = s32max;
            umin = s32min;
            umax = s32max;
            long rangeMask = Tnum.rangeMask(smin, smax);
            long m = varOff.mask() & rangeMask;
            long v = (varOff.value() | (smin & ~rangeMask)) & ~m;
            if (v != varOff.value() || m != varOff.mask()) {
                varOff = new Tnum(v, m);
            }
        }
    }

    /**
     * The tnum narrowed by the 64-bit unsigned range, its low half by the 32-bit one (kernel:
     * __reg_bound_offset); on primitives, a new tnum only when something was learnt.
     */
    void boundOffset() {
        long rangeMask = Tnum.rangeMask(umin, umax);
        long v64 = varOff.value() | (umin & ~rangeMask);
        long m64 = varOff.mask() & rangeMask;
        v64 &= ~m64;
        long range32Mask = Tnum.rangeMask(u32min & U32_MAX, u32max & U32_MAX);
        long v32 = (v64 & U32_MAX) | (u32min & U32_MAX & ~range32Mask);
        long m32 = m64 & U32_MAX & range32Mask;
        v32 &= ~m32;
        long v = (v64 & ~U32_MAX) | v32;
        long m = ((m64 & ~U32_MAX) | m32) & ~v;
        if (v != varOff.value() || m != varOff.mask()) {
            varOff = new Tnum(v, m);
        }
    }

    /** After a 32-bit operation: the upper half becomes zero (kernel: zext_32_to_64). */
    void zext32to64() {
        varOff = varOff.subreg();
        umin = u32min & U32_MAX;
        umax = u32max & U32_MAX;
        if (s32min >= 0 && s32max >= 0) {
            smin = s32min;
            smax = s32max;
        } else {
            smin = 0;
            smax = U32_MAX;
        }
    }

    /** Truncation to {@code size} bytes as a zero-extending load does. */
    void coerceToSize(int size) {
        varOff = varOff.cast(size);
        long mask = size >= 8 ? -1L : (1L << (size * 8)) - 1;
        if ((umin & ~mask) == (umax & ~mask)) {
            umin &= mask;
            umax &= mask;
        } else {
            umin = 0;
            umax = mask;
        }
        smin = umin;
        smax = umax;
        if (size < 4) {
            mark32Unbounded();
        }
        sync();
    }

    /** Sign extension of the low {@code size} bytes (movsx, ldsx). */
    void coerceToSizeSx(int size) {
        long bits = size * 8L;
        long lo = -(1L << (bits - 1));
        long hi = (1L << (bits - 1)) - 1;
        if (varOff.isConst()) {
            markKnownBounds(signExtend(varOff.value(), size));
            return;
        }
        long sminT = signExtend(smin, size);
        long smaxT = signExtend(smax, size);
        boolean fits = size < 8 && smin >= lo && smax <= hi;
        varOff = Tnum.UNKNOWN;
        mark64Unbounded();
        mark32Unbounded();
        if (fits) {
            smin = sminT;
            smax = smaxT;
        } else {
            smin = lo;
            smax = hi;
        }
        if (size < 4 || fits) {
            s32min = (int) smin;
            s32max = (int) smax;
        }
        sync();
    }

    static long signExtend(long v, int size) {
        int shift = 64 - size * 8;
        return v << shift >> shift;
    }

    /** Whether the 32- and 64-bit bounds and the tnum describe at least one value. */
    boolean boundsSane() {
        return Long.compareUnsigned(umin, umax) <= 0 && smin <= smax && s32min <= s32max
                && Integer.compareUnsigned(u32min, u32max) <= 0;
    }

    static long umax64(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }

    static long umin64(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? a : b;
    }

    static int umax32(int a, int b) {
        return Integer.compareUnsigned(a, b) >= 0 ? a : b;
    }

    static int umin32(int a, int b) {
        return Integer.compareUnsigned(a, b) <= 0 ? a : b;
    }

    /** Field-by-field equality (kernel: regs_exact without the id map). */
    boolean sameAs(RegState o) {
        return type == o.type && off == o.off && range == o.range && frameno == o.frameno && map == o.map && refObjId == o.refObjId
                && varOff.equals(o.varOff) && smin == o.smin && smax == o.smax && umin == o.umin
                && umax == o.umax && s32min == o.s32min && s32max == o.s32max && u32min == o.u32min
                && u32max == o.u32max;
    }

    /** Every value of {@code cur} satisfies the ranges of this (kernel: range_within). */
    boolean rangeWithin(RegState cur) {
        return Long.compareUnsigned(umin, cur.umin) <= 0 && Long.compareUnsigned(umax, cur.umax) >= 0
                && smin <= cur.smin && smax >= cur.smax
                && Integer.compareUnsigned(u32min, cur.u32min) <= 0 && Integer.compareUnsigned(u32max, cur.u32max) >= 0
                && s32min <= cur.s32min && s32max >= cur.s32max;
    }
}
