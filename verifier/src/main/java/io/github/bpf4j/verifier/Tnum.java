package io.github.bpf4j.verifier;

/**
 * A tristate number: each bit is known 0, known 1 or unknown. {@code value} holds the known
 * ones, {@code mask} the unknown bits ({@code value & mask == 0}). The same abstract domain the
 * kernel's verifier uses; every operation over-approximates the concrete one.
 */
record Tnum(long value, long mask) {
    static final Tnum UNKNOWN = new Tnum(0, -1L);
    static final Tnum ZERO = new Tnum(0, 0);

    static Tnum constant(long v) {
        return new Tnum(v, 0);
    }

    /** The smallest tnum holding every value in the unsigned range [min, max]. */
    static Tnum range(long min, long max) {
        long delta = rangeMask(min, max);
        return new Tnum(min & ~delta, delta);
    }

    /** The unknown bits of {@link #range}: those below the highest bit where min and max differ. */
    static long rangeMask(long min, long max) {
        long chi = min ^ max;
        int bits = 64 - Long.numberOfLeadingZeros(chi);
        return bits > 63 ? -1L : (1L << bits) - 1;
    }

    boolean isConst() {
        return mask == 0;
    }

    boolean isUnknown() {
        return mask == -1L;
    }

    Tnum lshift(int shift) {
        return new Tnum(value << shift, mask << shift);
    }

    Tnum rshift(int shift) {
        return new Tnum(value >>> shift, mask >>> shift);
    }

    Tnum arshift(int shift, int bitness) {
        if (bitness == 32) {
            return new Tnum(((int) value >> shift) & 0xffff_ffffL, ((int) mask >> shift) & 0xffff_ffffL);
        }
        return new Tnum(value >> shift, mask >> shift);
    }

    Tnum add(Tnum b) {
        long sm = mask + b.mask;
        long sv = value + b.value;
        long sigma = sm + sv;
        long chi = sigma ^ sv;
        long mu = chi | mask | b.mask;
        return new Tnum(sv & ~mu, mu);
    }

    Tnum sub(Tnum b) {
        long dv = value - b.value;
        long alpha = dv + mask;
        long beta = dv - b.mask;
        long chi = alpha ^ beta;
        long mu = chi | mask | b.mask;
        return new Tnum(dv & ~mu, mu);
    }

    Tnum neg() {
        return ZERO.sub(this);
    }

    Tnum and(Tnum b) {
        long alpha = value | mask;
        long beta = b.value | b.mask;
        long v = value & b.value;
        return new Tnum(v, alpha & beta & ~v);
    }

    Tnum or(Tnum b) {
        long v = value | b.value;
        long mu = mask | b.mask;
        return new Tnum(v, mu & ~v);
    }

    Tnum xor(Tnum b) {
        long v = value ^ b.value;
        long mu = mask | b.mask;
        return new Tnum(v & ~mu, mu);
    }

    /** Either value: the bits known in both and equal stay known. */
    Tnum union(Tnum b) {
        long v = value & b.value;
        long mu = (value ^ b.value) | mask | b.mask;
        return new Tnum(v & ~mu, mu);
    }

    /**
     * The kernel's tnum_mul: for each bit of this, from the lowest, add b (bit known 1) or the
     * union of adding and not adding it (bit unknown), shifting b left. On primitives (the
     * verifier multiplies often and the loop runs up to 64 times).
     */
    Tnum mul(Tnum other) {
        long av = value;
        long am = mask;
        long bv = other.value;
        long bm = other.mask;
        long accV = 0;
        long accM = 0;
        while (av != 0 || am != 0) {
            if ((av & 1) != 0 || (am & 1) != 0) {
                // sum = acc + b, as add()
                long sm = accM + bm;
                long sv = accV + bv;
                long mu = ((sm + sv) ^ sv) | accM | bm;
                long sumV = sv & ~mu;
                if ((av & 1) != 0) {
                    accV = sumV;
                    accM = mu;
                } else {
                    // union(acc, sum), as union()
                    long uMask = (accV ^ sumV) | accM | mu;
                    accV = accV & sumV & ~uMask;
                    accM = uMask;
                }
            }
            av >>>= 1;
            am >>>= 1;
            bv <<= 1;
            bm <<= 1;
        }
        return new Tnum(accV, accM);
    }

    /** Both hold: the knowledge of either. */
    Tnum intersect(Tnum b) {
        long v = value | b.value;
        long mu = mask & b.mask;
        return new Tnum(v & ~mu, mu);
    }

    /** Truncated to {@code size} bytes. */
    Tnum cast(int size) {
        if (size >= 8) {
            return this;
        }
        long m = (1L << (size * 8)) - 1;
        return new Tnum(value & m, mask & m);
    }

    boolean isAligned(long size) {
        return size == 0 || ((value | mask) & (size - 1)) == 0;
    }

    /** True when every value of {@code b} is a value of this. */
    boolean contains(Tnum b) {
        if ((b.mask & ~mask) != 0) {
            return false;
        }
        return value == (b.value & ~mask);
    }

    boolean containsValue(long v) {
        return (v & ~mask) == value;
    }

    Tnum subreg() {
        return cast(4);
    }

    Tnum clearSubreg() {
        return rshift(32).lshift(32);
    }

    Tnum withSubreg(Tnum sub) {
        return clearSubreg().or(sub.subreg());
    }

    boolean subregIsConst() {
        return (mask & 0xffff_ffffL) == 0;
    }

    /** The kernel's notation, e.g. {@code (0x0; 0xff)}. */
    @Override
    public String toString() {
        return "(0x" + Long.toHexString(value) + "; 0x" + Long.toHexString(mask) + ")";
    }
}
