package io.github.bpf4j.vm.pcap;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.MalformedProgramException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads capture files: classic pcap (all four magic numbers: microsecond or nanosecond
 * timestamps, either byte order) and pcapng (section header, interface description, enhanced,
 * simple and obsolete packet blocks, either byte order; other blocks are skipped). A bad magic
 * number, a truncated or inconsistent record is one {@link MalformedProgramException} naming
 * the file and the byte offset.
 */
public final class PcapReader {
    private static final int PCAP_MICROS = 0xa1b2c3d4;
    private static final int PCAP_NANOS = 0xa1b23c4d;
    private static final int PCAPNG_SHB = 0x0A0D0D0A;
    private static final int PCAPNG_BOM = 0x1A2B3C4D;
    /** Larger records are rejected as corrupt (libpcap uses 256 KiB by default; allow jumbo captures). */
    private static final int MAX_RECORD = 16 << 20;

    private final ByteBuffer buf;
    private final String source;

    private PcapReader(byte[] bytes, String source) {
        this.buf = ByteBuffer.wrap(bytes);
        this.source = source;
    }

    /** Reads every packet of a pcap or pcapng file. */
    public static List<CapturedPacket> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BpfException(file + ": no such file");
        } catch (IOException e) {
            throw new BpfException(file + ": cannot read: " + e.getMessage());
        }
        return read(bytes, file.toString());
    }

    /** Reads every packet of capture file contents; {@code source} names them in errors. */
    public static List<CapturedPacket> read(byte[] bytes, String source) {
        PcapReader r = new PcapReader(bytes, source);
        if (bytes.length < 4) {
            throw r.error(0, "file is " + bytes.length + " bytes, too short for a pcap or pcapng header");
        }
        int magic = r.buf.order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (magic == PCAPNG_SHB) {
            return r.readPcapng();
        }
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            int m = r.buf.order(order).getInt(0);
            if (m == PCAP_MICROS || m == PCAP_NANOS) {
                return r.readPcap(m == PCAP_NANOS);
            }
        }
        throw r.error(0, String.format("bad magic number 0x%08x: not a pcap (a1b2c3d4, a1b23c4d) or pcapng (0a0d0d0a) file",
                magic));
    }

    private List<CapturedPacket> readPcap(boolean nanos) {
        need(0, 24, "the pcap file header");
        int linkType = buf.getInt(20) & 0x0fff_ffff;
        List<CapturedPacket> packets = new ArrayList<>();
        int pos = 24;
        while (pos < buf.limit()) {
            int index = packets.size();
            need(pos, 16, "the header of packet " + index);
            long seconds = Integer.toUnsignedLong(buf.getInt(pos));
            long fraction = Integer.toUnsignedLong(buf.getInt(pos + 4));
            long captured = Integer.toUnsignedLong(buf.getInt(pos + 8));
            long original = Integer.toUnsignedLong(buf.getInt(pos + 12));
            if (fraction >= (nanos ? 1_000_000_000L : 1_000_000L)) {
                throw error(pos + 4, "packet " + index + ": timestamp fraction " + fraction + " is not below one second");
            }
            if (captured > MAX_RECORD) {
                throw error(pos + 8, "packet " + index + ": captured length " + captured + " is implausibly large");
            }
            need(pos + 16, (int) captured, "the " + captured + " captured bytes of packet " + index);
            byte[] data = new byte[(int) captured];
            buf.get(pos + 16, data);
            packets.add(new CapturedPacket(index, seconds, (int) (nanos ? fraction : fraction * 1000), clampLength(original),
                    linkType, data));
            pos += 16 + (int) captured;
        }
        return packets;
    }

    private record Interface(int linkType, int snapLength, long unitsPerSecond, long offsetSeconds) {}

    private List<CapturedPacket> readPcapng() {
        List<CapturedPacket> packets = new ArrayList<>();
        List<Interface> interfaces = new ArrayList<>();
        int pos = 0;
        ByteOrder order = ByteOrder.BIG_ENDIAN;
        while (pos < buf.limit()) {
            need(pos, 8, "a block header");
            // The section header's type reads the same in both byte orders; its byte-order magic sets the section's.
            if (buf.order(ByteOrder.BIG_ENDIAN).getInt(pos) == PCAPNG_SHB) {
                need(pos, 12, "the section header block");
                int bom = buf.getInt(pos + 8);
                if (bom == PCAPNG_BOM) {
                    order = ByteOrder.BIG_ENDIAN;
                } else if (Integer.reverseBytes(bom) == PCAPNG_BOM) {
                    order = ByteOrder.LITTLE_ENDIAN;
                } else {
                    throw error(pos + 8, String.format("bad byte-order magic 0x%08x in the section header block", bom));
                }
                interfaces.clear();
            }
            buf.order(order);
            int type = buf.getInt(pos);
            long total = Integer.toUnsignedLong(buf.getInt(pos + 4));
            if (total < 12 || total % 4 != 0 || total > MAX_RECORD) {
                throw error(pos + 4, "block of type 0x" + Integer.toHexString(type) + " has length " + total
                        + " (must be a multiple of 4, at least 12)");
            }
            need(pos, (int) total, "the " + total + "-byte block of type 0x" + Integer.toHexString(type));
            int end = pos + (int) total;
            if (Integer.toUnsignedLong(buf.getInt(end - 4)) != total) {
                throw error(end - 4, "block of type 0x" + Integer.toHexString(type) + " ends with length "
                        + Integer.toUnsignedLong(buf.getInt(end - 4)) + ", not the " + total + " it starts with");
            }
            int body = pos + 8;
            int bodyEnd = end - 4;
            switch (type) {
                case 1 -> interfaces.add(readInterface(body, bodyEnd));
                case 6, 2 -> packets.add(readPacketBlock(type, body, bodyEnd, interfaces, packets.size()));
                case 3 -> {
                    field(body, bodyEnd, 4, "simple packet block");
                    if (interfaces.isEmpty()) {
                        throw error(pos, "simple packet block before any interface description block");
                    }
                    Interface iface = interfaces.get(0);
                    long original = Integer.toUnsignedLong(buf.getInt(body));
                    long captured = Math.min(original, bodyEnd - body - 4L);
                    if (iface.snapLength() > 0) {
                        captured = Math.min(captured, iface.snapLength());
                    }
                    byte[] data = new byte[(int) captured];
                    buf.get(body + 4, data);
                    packets.add(new CapturedPacket(packets.size(), 0, 0, clampLength(original), iface.linkType(), data));
                }
                default -> { } // section header (handled above), statistics, name resolution, custom: skipped
            }
            pos = end;
        }
        return packets;
    }

    private Interface readInterface(int body, int end) {
        field(body, end, 8, "interface description block");
        int linkType = Short.toUnsignedInt(buf.getShort(body));
        int snap = buf.getInt(body + 4);
        long units = 1_000_000;
        long offset = 0;
        int opt = body + 8;
        while (opt + 4 <= end) {
            int code = Short.toUnsignedInt(buf.getShort(opt));
            int len = Short.toUnsignedInt(buf.getShort(opt + 2));
            if (code == 0) {
                break;
            }
            field(opt + 4, end, len, "option " + code + " of the interface description block");
            if (code == 9 && len >= 1) { // if_tsresol
                int v = buf.get(opt + 4) & 0xff;
                int exp = v & 0x7f;
                if ((v & 0x80) == 0 ? exp > 18 : exp > 62) {
                    throw error(opt + 4, "timestamp resolution 0x" + Integer.toHexString(v) + " is too fine");
                }
                units = (v & 0x80) == 0 ? BigInteger.TEN.pow(exp).longValueExact() : 1L << exp;
            } else if (code == 14 && len >= 8) { // if_tsoffset
                offset = buf.getLong(opt + 4);
            }
            opt += 4 + ((len + 3) & ~3);
        }
        return new Interface(linkType, snap, units, offset);
    }

    private CapturedPacket readPacketBlock(int type, int body, int end, List<Interface> interfaces, int index) {
        field(body, end, 20, "packet block");
        int ifaceId = type == 6 ? buf.getInt(body) : Short.toUnsignedInt(buf.getShort(body));
        if (ifaceId < 0 || ifaceId >= interfaces.size()) {
            throw error(body, "packet " + index + " names interface " + Integer.toUnsignedString(ifaceId) + ", but "
                    + interfaces.size() + " are described");
        }
        Interface iface = interfaces.get(ifaceId);
        long ts = (Integer.toUnsignedLong(buf.getInt(body + 4)) << 32) | Integer.toUnsignedLong(buf.getInt(body + 8));
        long captured = Integer.toUnsignedLong(buf.getInt(body + 12));
        long original = Integer.toUnsignedLong(buf.getInt(body + 16));
        if (captured > end - body - 20L) {
            throw error(body + 12, "packet " + index + ": captured length " + captured + " exceeds its block ("
                    + (end - body - 20) + " bytes of data)");
        }
        byte[] data = new byte[(int) captured];
        buf.get(body + 20, data);
        long units = iface.unitsPerSecond();
        long seconds = Long.divideUnsigned(ts, units) + iface.offsetSeconds();
        long rest = Long.remainderUnsigned(ts, units);
        long nanos = BigInteger.valueOf(rest).multiply(BigInteger.valueOf(1_000_000_000L))
                .divide(BigInteger.valueOf(units)).longValue();
        return new CapturedPacket(index, seconds, (int) nanos, clampLength(original), iface.linkType(), data);
    }

    private static int clampLength(long original) {
        return (int) Math.min(original, Integer.MAX_VALUE);
    }

    /** Requires {@code length} bytes of the file from {@code pos}. */
    private void need(int pos, int length, String what) {
        if ((long) pos + length > buf.limit()) {
            throw error(pos, "truncated: " + what + " needs " + length + " bytes, " + (buf.limit() - pos) + " remain");
        }
    }

    /** Requires {@code length} bytes of a block body from {@code pos} before {@code end}. */
    private void field(int pos, int end, int length, String what) {
        if ((long) pos + length > end) {
            throw error(pos, what + " is shorter than its fields (" + length + " bytes needed, " + (end - pos) + " in the block)");
        }
    }

    private MalformedProgramException error(long offset, String what) {
        return new MalformedProgramException(source + ": byte offset " + offset + ": " + what);
    }
}
