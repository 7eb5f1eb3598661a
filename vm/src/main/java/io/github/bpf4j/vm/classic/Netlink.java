package io.github.bpf4j.vm.classic;

/**
 * The netlink attribute searches behind {@code ld #nla} and {@code ld #nlan}: attributes are
 * {@code struct nlattr} (16-bit length, 16-bit type, host byte order, 4-byte aligned), and the
 * result is the offset of the found attribute in the packet, or 0.
 */
final class Netlink {
    private static final int HEADER = 4;
    /** Type bits without NLA_F_NESTED and NLA_F_NET_BYTEORDER. */
    private static final int TYPE_MASK = 0x3fff;

    private Netlink() {}

    /** The first attribute of type {@code type} in the stream starting at offset {@code a}. */
    static int findAttribute(byte[] pkt, int a, int type) {
        if (pkt.length < HEADER || Integer.compareUnsigned(a, pkt.length - HEADER) > 0) {
            return 0;
        }
        return find(pkt, a, pkt.length - a, type);
    }

    /** The first attribute of type {@code type} nested in the attribute at offset {@code a}. */
    static int findNestedAttribute(byte[] pkt, int a, int type) {
        if (pkt.length < HEADER || Integer.compareUnsigned(a, pkt.length - HEADER) > 0) {
            return 0;
        }
        int len = u16(pkt, a);
        if (len > pkt.length - a) {
            return 0;
        }
        return find(pkt, a + HEADER, len - HEADER, type);
    }

    private static int find(byte[] pkt, int start, int remaining, int type) {
        int pos = start;
        int rem = remaining;
        while (rem >= HEADER) {
            int len = u16(pkt, pos);
            if (len < HEADER || len > rem) {
                return 0;
            }
            if ((u16(pkt, pos + 2) & TYPE_MASK) == type) {
                return pos;
            }
            int aligned = (len + 3) & ~3;
            rem -= aligned;
            pos += aligned;
        }
        return 0;
    }

    private static int u16(byte[] pkt, int i) {
        return (pkt[i] & 0xff) | (pkt[i + 1] & 0xff) << 8;
    }
}
