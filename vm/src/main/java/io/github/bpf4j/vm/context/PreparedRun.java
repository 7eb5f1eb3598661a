package io.github.bpf4j.vm.context;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.ProgramType;
import io.github.bpf4j.vm.RunInput;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The memory one run starts from, built as the kernel's {@code BPF_PROG_TEST_RUN} builds it:
 * the packet region (the bytes {@code data} points into, LD_ABS reads from its start) and the
 * context bytes. After the run, {@link #packetOut()} gives the packet as the kernel's
 * {@code data_out} would.
 */
public final class PreparedRun {
    /** XDP_PACKET_HEADROOM: room before an XDP packet for {@code bpf_xdp_adjust_head}. */
    public static final int XDP_HEADROOM = 256;
    /** Room after an XDP packet for {@code bpf_xdp_adjust_tail}. */
    public static final int XDP_TAILROOM = 256;
    /** An Ethernet header, which skb types other than tc ones start after. */
    public static final int ETH_HLEN = 14;
    private static final byte[] EMPTY = new byte[0];

    private final ProgramType type;
    private final byte[] packet;
    private final byte[] context;
    private final byte[] linkHeader;

    private PreparedRun(ProgramType type, byte[] packet, byte[] context, byte[] linkHeader) {
        this.type = type;
        this.packet = packet;
        this.context = context;
        this.linkHeader = linkHeader;
    }

    /** The region a run of {@code type} starts from for {@code input}. */
    public static PreparedRun of(ProgramType type, RunInput input) {
        byte[] data = input.packet() == null ? EMPTY : input.packet();
        // the raw type, run per packet by filters, apart: small enough for the JIT to inline
        return type == ProgramType.RAW ? new PreparedRun(type, data.clone(), null, EMPTY)
                : withContext(type, data, input.context());
    }

    private static PreparedRun withContext(ProgramType type, byte[] data, byte[] given) {
        ContextLayout layout = ContextLayout.of(type);
        switch (type) {
            case XDP -> {
                requireFrame(type, data);
                byte[] region = new byte[XDP_HEADROOM + data.length + XDP_TAILROOM];
                System.arraycopy(data, 0, region, XDP_HEADROOM, data.length);
                ByteBuffer ctx = context(layout, given);
                ctx.putInt(0, XDP_HEADROOM).putInt(4, XDP_HEADROOM + data.length).putInt(8, XDP_HEADROOM);
                if (given == null) {
                    ctx.putInt(12, 1); // the test run's loopback device
                }
                return new PreparedRun(type, region, ctx.array(), EMPTY);
            }
            case SOCKET_FILTER, SCHED_CLS, SCHED_ACT, CGROUP_SKB -> {
                requireFrame(type, data);
                boolean l2 = type == ProgramType.SCHED_CLS || type == ProgramType.SCHED_ACT;
                int start = l2 ? 0 : ETH_HLEN;
                byte[] region = Arrays.copyOfRange(data, start, data.length);
                ByteBuffer ctx = context(layout, given);
                ctx.putInt(0, region.length);
                // skb->protocol is the __be16 EtherType as it lies in the frame.
                ctx.putInt(16, (data[12] & 0xff) | (data[13] & 0xff) << 8);
                ctx.putInt(76, 0).putInt(80, region.length).putInt(140, 0);
                if (ctx.getInt(40) == 0) {
                    ctx.putInt(40, 1); // the test run's loopback device
                }
                ctx.putInt(4, packetType(data));
                // The kernel's test run hands a non-L2 program's packet back with the Ethernet header zeroed.
                return new PreparedRun(type, region, ctx.array(), new byte[start]);
            }
            default -> {
                byte[] ctx = layout == null ? (given == null ? new byte[0] : given.clone())
                        : context(layout, given).array();
                return new PreparedRun(type, data.clone(), ctx, EMPTY);
            }
        }
    }

    /**
     * skb->pkt_type as eth_type_trans sets it on the test run's loopback device, whose address and
     * broadcast address are both 00:00:00:00:00:00: to it 0 (PACKET_HOST), any group address
     * (ff:ff:ff:ff:ff:ff included, as the kernel shows) 2 (PACKET_MULTICAST), else 3 (PACKET_OTHERHOST).
     */
    private static int packetType(byte[] frame) {
        boolean ours = true;
        for (int i = 0; i < 6; i++) {
            ours &= frame[i] == 0;
        }
        if (ours) {
            return 0;
        }
        return (frame[0] & 1) != 0 ? 2 : 3;
    }

    private static void requireFrame(ProgramType type, byte[] data) {
        if (data.length < ETH_HLEN) {
            throw new BpfException("a " + type.cliName() + " run needs a packet of at least " + ETH_HLEN
                    + " bytes (an Ethernet header), got " + data.length);
        }
    }

    private static ByteBuffer context(ContextLayout layout, byte[] given) {
        if (given != null && given.length > layout.size()) {
            throw new BpfException("context for " + layout.name() + " has " + given.length
                    + " bytes, the structure has " + layout.size());
        }
        byte[] bytes = new byte[layout.size()];
        if (given != null) {
            System.arraycopy(given, 0, bytes, 0, given.length);
        }
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    public ProgramType type() {
        return type;
    }

    /** The packet region (input memory for the raw type). */
    public byte[] packet() {
        return packet;
    }

    /** The context bytes, or null for the raw type. */
    public byte[] context() {
        return context;
    }

    /** The packet after a run: for XDP the bytes between {@code data} and {@code data_end}. */
    public byte[] packetOut() {
        if (type == ProgramType.XDP) {
            ByteBuffer ctx = ByteBuffer.wrap(context).order(ByteOrder.LITTLE_ENDIAN);
            return Arrays.copyOfRange(packet, ctx.getInt(0), ctx.getInt(4));
        }
        if (linkHeader.length == 0) {
            return packet;
        }
        byte[] out = Arrays.copyOf(linkHeader, linkHeader.length + packet.length);
        System.arraycopy(packet, 0, out, linkHeader.length, packet.length);
        return out;
    }
}
