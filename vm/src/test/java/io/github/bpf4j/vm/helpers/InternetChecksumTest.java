package io.github.bpf4j.vm.helpers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The checksum arithmetic against the RFCs' own worked examples (values byte-swapped: little-endian words). */
class InternetChecksumTest {
    @Test
    void rfc1071SectionThreeExampleSum() {
        // 00 01 f2 03 f4 f5 f6 f7: the big-endian sum is 0xddf2, so the little-endian one is 0xf2dd
        byte[] data = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
        assertEquals(0xf2dd, InternetChecksum.fold16(InternetChecksum.partial(data, 0)));
        assertEquals(~0xf2dd & 0xffff, InternetChecksum.fold(InternetChecksum.partial(data, 0)));
    }

    @Test
    void rfc1624SectionFourExampleGivesZeroNotMinusZero() {
        // HC = 0xdd2f, m = 0x5555 -> m' = 0x3285: eqn. 3 gives HC' = 0x0000 (eqn. 2 gave 0xffff)
        assertEquals(0x0000, InternetChecksum.replace(0x2fdd, 0x5555, 0x8532));
    }

    @Test
    void replacingByTheDifferenceIsReplacingTheValue() {
        long diff = InternetChecksum.sub(0x8532, 0x5555);
        assertEquals(0x0000, InternetChecksum.replaceByDiff(0x2fdd, diff));
    }

    @Test
    void carriesWrapAround() {
        assertEquals(2, InternetChecksum.add(0xffff_ffffL, 2)); // 0xffffffff is minus zero
        assertEquals(1, InternetChecksum.add(0x8000_0000L, 0x8000_0000L));
        assertEquals(0xffff_fffeL, InternetChecksum.sub(0, 1));
    }
}
