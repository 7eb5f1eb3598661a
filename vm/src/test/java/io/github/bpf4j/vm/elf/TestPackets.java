package io.github.bpf4j.vm.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** Ethernet frames for the object tests, built field by field. */
final class TestPackets {
    private TestPackets() {}

    static Path object(String name) {
        return Path.of(System.getProperty("bpf4j.corpus.dir"), "elf", name);
    }

    /** An Ethernet + IPv4 frame of {@code length} bytes: protocol, source address, TCP/UDP destination port. */
    static byte[] ipv4(int length, int protocol, int a, int b, int c, int d, int dstPort) {
        ByteBuffer p = ByteBuffer.allocate(length).order(ByteOrder.BIG_ENDIAN);
        p.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1});
        p.putShort((short) 0x0800);
        p.put((byte) 0x45).put((byte) 0).putShort((short) (length - 14)).putShort((short) 1).putShort((short) 0);
        p.put((byte) 64).put((byte) protocol).putShort((short) 0);
        p.put((byte) a).put((byte) b).put((byte) c).put((byte) d);
        p.put(new byte[] {10, 0, 0, 1});
        p.putShort((short) 12345).putShort((short) dstPort);
        return p.array();
    }

    /** A frame with another EtherType and zero payload. */
    static byte[] ethernet(int length, int etherType) {
        ByteBuffer p = ByteBuffer.allocate(length).order(ByteOrder.BIG_ENDIAN);
        p.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1});
        p.putShort((short) etherType);
        for (int i = 14; i < length; i++) {
            p.put((byte) i);
        }
        return p.array();
    }

    static long u64(byte[] b, int offset) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(offset);
    }

    static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
