package io.github.bpf4j.vm;

/**
 * The arithmetic of eBPF in one place (RFC 9669 section 4): every engine calls these, so a fix
 * here fixes all of them. 32-bit operations take and return the low 32 bits zero-extended.
 */
public final class Semantics {
    private Semantics() {}

    /** Unsigned 64-bit division; division by zero gives 0. */
    public static long udiv64(long a, long b) {
        return b == 0 ? 0 : Long.divideUnsigned(a, b);
    }

    /** Unsigned 64-bit modulo; modulo by zero leaves the dividend. */
    public static long umod64(long a, long b) {
        return b == 0 ? a : Long.remainderUnsigned(a, b);
    }

    /** Signed 64-bit division; by zero gives 0, LLONG_MIN / -1 gives LLONG_MIN. */
    public static long sdiv64(long a, long b) {
        if (b == 0) {
            return 0;
        }
        return b == -1 ? -a : a / b;
    }

    /** Signed 64-bit modulo (sign of the dividend); by zero leaves the dividend, by -1 gives 0. */
    public static long smod64(long a, long b) {
        if (b == 0) {
            return a;
        }
        return b == -1 ? 0 : a % b;
    }

    public static long udiv32(long a, long b) {
        int y = (int) b;
        return y == 0 ? 0 : Integer.toUnsignedLong(Integer.divideUnsigned((int) a, y));
    }

    public static long umod32(long a, long b) {
        int y = (int) b;
        return y == 0 ? a & 0xffff_ffffL : Integer.toUnsignedLong(Integer.remainderUnsigned((int) a, y));
    }

    public static long sdiv32(long a, long b) {
        int x = (int) a;
        int y = (int) b;
        if (y == 0) {
            return 0;
        }
        return Integer.toUnsignedLong(y == -1 ? -x : x / y);
    }

    public static long smod32(long a, long b) {
        int x = (int) a;
        int y = (int) b;
        if (y == 0) {
            return Integer.toUnsignedLong(x);
        }
        return Integer.toUnsignedLong(y == -1 ? 0 : x % y);
    }

    /** Byte swaps of the low 16/32/64 bits; the result is zero-extended. */
    public static long bswap16(long v) {
        return Short.reverseBytes((short) v) & 0xffffL;
    }

    public static long bswap32(long v) {
        return Integer.reverseBytes((int) v) & 0xffff_ffffL;
    }

    public static long bswap64(long v) {
        return Long.reverseBytes(v);
    }

    /** {@code le16/32/64} on a little-endian machine: truncate to the width, zero-extend. */
    public static long truncate(long v, int bits) {
        return bits == 64 ? v : v & ((1L << bits) - 1);
    }

    /** {@code be16/32/64}: to big-endian, i.e. a byte swap of the low {@code bits}. */
    public static long toBigEndian(long v, int bits) {
        return switch (bits) {
            case 16 -> bswap16(v);
            case 32 -> bswap32(v);
            default -> bswap64(v);
        };
    }

    /** Sign extension of the low {@code bits} (8, 16 or 32) to 64 bits. */
    public static long signExtend(long v, int bits) {
        int shift = 64 - bits;
        return v << shift >> shift;
    }

    /** The result of a 32-bit ALU op: low 32 bits, zero-extended. */
    public static long zext32(long v) {
        return v & 0xffff_ffffL;
    }

    /** Shifts: the amount is masked to 63 (64-bit) or 31 (32-bit). */
    public static long lsh64(long a, long b) {
        return a << b;
    }

    public static long rsh64(long a, long b) {
        return a >>> b;
    }

    public static long arsh64(long a, long b) {
        return a >> b;
    }

    public static long lsh32(long a, long b) {
        return zext32((int) a << (int) b);
    }

    public static long rsh32(long a, long b) {
        return zext32((int) a >>> (int) b);
    }

    public static long arsh32(long a, long b) {
        return zext32((int) a >> (int) b);
    }

    /**
     * An atomic read-modify-write at {@code address} (RFC 9669 section 5.3). Returns the new
     * value of the register the instruction writes ({@code src}, or r0 for cmpxchg), or
     * {@code src} unchanged when the operation does not fetch.
     *
     * @param size 4 or 8
     * @param r0   the value of r0 (compared by cmpxchg)
     */
    public static long atomic(Memory memory, long address, int size, int op, long src, long r0, int pc) {
        boolean wide = size == 8;
        long old = wide ? memory.load64(address, pc) : memory.load32(address, pc);
        long operand = wide ? src : zext32(src);
        long result;
        switch (op & ~Opcodes.ATOMIC_FETCH) {
            case Opcodes.ATOMIC_ADD -> result = old + operand;
            case Opcodes.ATOMIC_OR -> result = old | operand;
            case Opcodes.ATOMIC_AND -> result = old & operand;
            case Opcodes.ATOMIC_XOR -> result = old ^ operand;
            case Opcodes.ATOMIC_XCHG & ~Opcodes.ATOMIC_FETCH -> result = operand;
            default -> { // cmpxchg
                long expected = wide ? r0 : zext32(r0);
                if (old == expected) {
                    store(memory, address, wide, operand, pc);
                }
                return old;
            }
        }
        store(memory, address, wide, result, pc);
        return (op & Opcodes.ATOMIC_FETCH) != 0 ? old : src;
    }

    private static void store(Memory memory, long address, boolean wide, long value, int pc) {
        if (wide) {
            memory.store64(address, value, pc);
        } else {
            memory.store32(address, value, pc);
        }
    }
}
