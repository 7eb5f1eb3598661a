package io.github.bpf4j.vm.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/**
 * Interpreter semantics the corpus does not reach: ancillary fields from the metadata, netlink
 * attribute search (net/netlink: 4-byte aligned {@code struct nlattr}, host byte order), the
 * seeded random source, division by an X of zero, and metadata defaults from eth_type_trans.
 */
class ClassicInterpreterTest {

    private static ClassicProgram asm(String text) {
        return ClassicProgram.parse(text, ClassicFormat.BPF_ASM, "t");
    }

    private static final byte[] FRAME = new byte[60];

    static {
        FRAME[12] = 0x08;
        FRAME[13] = 0x06;
    }

    @Test
    void ancillaryLoadsReadTheMetadata() {
        PacketMetadata m = new PacketMetadata(1500, 0x86dd, 2, 7, 0xcafe, 3, 772, 0x12345678, 5, 0xe00a, true, 0x88a8,
                34, 0, 14);
        String[] fields = {"proto", "type", "ifidx", "mark", "queue", "hatype", "rxhash", "cpu", "vlan_tci", "vlan_avail",
                "vlan_tpid", "poff", "len"};
        long[] expected = {0x86dd, 2, 7, 0xcafe, 3, 772, 0x12345678, 5, 0xe00a, 1, 0x88a8, 34, 1500};
        for (int i = 0; i < fields.length; i++) {
            assertEquals(expected[i], ClassicInterpreter.run(asm("ld #" + fields[i] + "\nret a\n"), FRAME, m), fields[i]);
        }
        // ldh/ldb of an ancillary field read the whole value, as the kernel's conversion does.
        assertEquals(0x12345678L, ClassicInterpreter.run(asm("ldb #rxhash\nret a\n"), FRAME, m));
        assertEquals(0x20 ^ 0x07L, ClassicInterpreter.run(ClassicProgram.of(ClassicInstruction.of(0x00, 0x20),
                ClassicInstruction.of(0x01, 0x07), ClassicInstruction.of(0x20, -0x1000 + 40), ClassicInstruction.of(0x16, 0)),
                FRAME, m));
    }

    @Test
    void ethernetMetadataFollowsEthTypeTrans() {
        byte[] broadcast = FRAME.clone();
        for (int i = 0; i < 6; i++) {
            broadcast[i] = (byte) 0xff;
        }
        byte[] multicast = FRAME.clone();
        multicast[0] = 0x01;
        byte[] llc = FRAME.clone();
        llc[12] = 0x00;
        llc[13] = 0x2e;
        assertEquals(0x0806, PacketMetadata.ethernet(FRAME).protocol());
        assertEquals(PacketMetadata.PACKET_HOST, PacketMetadata.ethernet(FRAME).pktType());
        assertEquals(PacketMetadata.PACKET_BROADCAST, PacketMetadata.ethernet(broadcast).pktType());
        assertEquals(PacketMetadata.PACKET_MULTICAST, PacketMetadata.ethernet(multicast).pktType());
        assertEquals(0x0004, PacketMetadata.ethernet(llc).protocol()); // ETH_P_802_2
        assertEquals(60, PacketMetadata.ethernet(FRAME).length());
    }

    /** Attributes: {len 8, type 1, 4 bytes}, {len 5, type 2 (padded to 8)}, {len 12, type 3 nested: {len 8, type 9}}. */
    private static final byte[] NETLINK = {
        8, 0, 1, 0, 1, 2, 3, 4,
        5, 0, 2, 0, 9, 0, 0, 0,
        12, 0, 3, (byte) 0x80, 8, 0, 9, 0, 7, 7, 7, 7,
    };

    @Test
    void netlinkAttributeSearch() {
        PacketMetadata m = PacketMetadata.ethernet(NETLINK);
        // nla: A = offset of the attribute stream, X = type; the result is the attribute's offset or 0.
        assertEquals(8, ClassicInterpreter.run(asm("ldx #2\nld #0\nld #nla\nret a\n"), NETLINK, m));
        assertEquals(16, ClassicInterpreter.run(asm("ldx #3\nld #0\nld #nla\nret a\n"), NETLINK, m)); // NLA_F_NESTED masked
        assertEquals(0, ClassicInterpreter.run(asm("ldx #9\nld #0\nld #nla\nret a\n"), NETLINK, m));
        assertEquals(0, ClassicInterpreter.run(asm("ldx #1\nld #100\nld #nla\nret a\n"), NETLINK, m));
        // nlan: A = offset of the enclosing attribute.
        assertEquals(20, ClassicInterpreter.run(asm("ldx #9\nld #16\nld #nlan\nret a\n"), NETLINK, m));
        assertEquals(0, ClassicInterpreter.run(asm("ldx #1\nld #16\nld #nlan\nret a\n"), NETLINK, m));
    }

    @Test
    void randomComesFromTheSeededSource() {
        ClassicProgram p = asm("ld rand\nret a\n");
        PacketMetadata m = PacketMetadata.ethernet(FRAME);
        ClassicInterpreter a = new ClassicInterpreter(42);
        ClassicInterpreter b = new ClassicInterpreter(42);
        long first = a.filter(p, FRAME, m);
        assertEquals(first, b.filter(p, FRAME, m));
        assertNotEquals(first, a.filter(p, FRAME, m));
    }

    @Test
    void divisionAndModuloByAnXOfZeroDropThePacket() {
        assertEquals(0, ClassicInterpreter.run(asm("ld #10\nldx #0\ndiv x\nret #99\n"), FRAME));
        assertEquals(0, ClassicInterpreter.run(asm("ld #10\nldx #0\nmod x\nret #99\n"), FRAME));
        assertEquals(5, ClassicInterpreter.run(asm("ld #10\nldx #2\ndiv x\nret a\n"), FRAME));
    }

    @Test
    void arithmeticIsUnsigned32Bit() {
        assertEquals(0xffffffffL, ClassicInterpreter.run(asm("ld #0\nsub #1\nret a\n"), FRAME));
        assertEquals(0x7fffffffL, ClassicInterpreter.run(asm("ld #-1\nrsh #1\nret a\n"), FRAME));
        assertEquals(0x0fffffffL, ClassicInterpreter.run(asm("ld #-1\ndiv #16\nret a\n"), FRAME));
        assertEquals(1, ClassicInterpreter.run(asm("ld #-1\njgt #0x7fffffff, y, n\ny: ret #1\nn: ret #2\n"), FRAME));
        // Shifts by X use its low five bits, as the kernel's 32-bit eBPF shifts do.
        assertEquals(2, ClassicInterpreter.run(asm("ld #1\nldx #33\nlsh x\nret a\n"), FRAME));
    }
}
