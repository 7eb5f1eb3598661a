package io.github.bpf4j.vm.helpers;

/**
 * The Internet checksum arithmetic (RFC 1071, incremental update as RFC 1624) the kernel's
 * checksum helpers use, on 32-bit ones'-complement partial sums held in the low bits of a long.
 * Words are read in the machine's little-endian order, as the kernel does on x86; the
 * ones'-complement sum does not depend on the byte order as long as it is the same throughout.
 */
final class InternetChecksum {
    private InternetChecksum() {}

    /** a + b with the carry out of bit 31 added back in. */
    static long add(long a, long b) {
        long sum = (a & 0xffff_ffffL) + (b & 0xffff_ffffL);
        return (sum + (sum >>> 32)) & 0xffff_ffffL;
    }

    static long sub(long a, long b) {
        return add(a, ~b);
    }

    /** The 32-bit sum folded to 16 bits, not complemented. */
    static int fold16(long sum) {
        long s = (sum & 0xffff) + ((sum >>> 16) & 0xffff);
        s = (s & 0xffff) + (s >>> 16);
        return (int) s;
    }

    /** The 32-bit sum folded and complemented: a checksum field's value. */
    static int fold(long sum) {
        return ~fold16(sum) & 0xffff;
    }

    /**
     * The seeded sum of the bytes as little-endian 16-bit words, a last odd byte as the low
     * byte of a word: csum_partial up to the representation of ones'-complement zero.
     */
    static long partial(byte[] data, long seed) {
        long sum = seed & 0xffff_ffffL;
        for (int i = 0; i < data.length; i += 2) {
            int w = data[i] & 0xff;
            if (i + 1 < data.length) {
                w |= (data[i + 1] & 0xff) << 8;
            }
            sum = add(sum, w);
        }
        return sum;
    }

    /** The checksum field after a 32-bit (or 16-bit) value it covers changed from {@code from} to {@code to}. */
    static int replace(int field, long from, long to) {
        return fold(add(sub(~(long) field & 0xffff_ffffL, from), to));
    }

    /** The checksum field after adding a precomputed difference. */
    static int replaceByDiff(int field, long diff) {
        return fold(add(diff, ~(long) field & 0xffff_ffffL));
    }
}
