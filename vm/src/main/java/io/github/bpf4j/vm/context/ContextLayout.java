package io.github.bpf4j.vm.context;

import io.github.bpf4j.vm.ProgramType;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout of a program type's context, with UAPI offsets ({@code include/uapi/linux/bpf.h},
 * checked with offsetof on Linux 6.18): which fields exist, their sizes, which a program may
 * write and which are packet pointers. The verifier checks context accesses against it; engines
 * use {@link #pointerFields()} to resolve pointer loads.
 */
public final class ContextLayout {
    public static final ContextLayout SK_BUFF = new Builder("__sk_buff", 192)
            .ro("len", 0).ro("pkt_type", 4).rw("mark", 8).rw("queue_mapping", 12).ro("protocol", 16)
            .ro("vlan_present", 20).ro("vlan_tci", 24).ro("vlan_proto", 28).rw("priority", 32)
            .ro("ingress_ifindex", 36).ro("ifindex", 40).rw("tc_index", 44).field("cb", 48, 20, true, false)
            .ro("hash", 68).rw("tc_classid", 72).ptr("data", 76).ptr("data_end", 80).ro("napi_id", 84)
            .ro("family", 88).ro("remote_ip4", 92).ro("local_ip4", 96).field("remote_ip6", 100, 16, false, false)
            .field("local_ip6", 116, 16, false, false).ro("remote_port", 132).ro("local_port", 136)
            .ptr("data_meta", 140).field("flow_keys", 144, 8, false, false).field("tstamp", 152, 8, true, false)
            .ro("wire_len", 160).ro("gso_segs", 164).field("sk", 168, 8, false, false).ro("gso_size", 176)
            .field("tstamp_type", 180, 1, false, false).field("hwtstamp", 184, 8, false, false).build();
    public static final ContextLayout XDP_MD = new Builder("xdp_md", 24)
            .ptr("data", 0).ptr("data_end", 4).ptr("data_meta", 8).ro("ingress_ifindex", 12)
            .ro("rx_queue_index", 16).ro("egress_ifindex", 20).build();
    public static final ContextLayout SOCK_ADDR = new Builder("bpf_sock_addr", 72)
            .ro("user_family", 0).rw("user_ip4", 4).field("user_ip6", 8, 16, true, false).rw("user_port", 24)
            .ro("family", 28).ro("type", 32).ro("protocol", 36).rw("msg_src_ip4", 40)
            .field("msg_src_ip6", 44, 16, true, false).field("sk", 64, 8, false, false).build();
    public static final ContextLayout SOCK_OPS = sockOps();

    private final String name;
    private final int size;
    private final List<ContextField> fields;
    private final long pointerFields;

    private ContextLayout(String name, int size, List<ContextField> fields) {
        this.name = name;
        this.size = size;
        this.fields = List.copyOf(fields);
        long mask = 0;
        for (ContextField f : fields) {
            if (f.packetPointer()) {
                mask |= 1L << (f.offset() / 4);
            }
        }
        this.pointerFields = mask;
    }

    private static ContextLayout sockOps() {
        Builder b = new Builder("bpf_sock_ops", 216).ro("op", 0).field("args", 4, 16, true, false).ro("family", 20)
                .ro("remote_ip4", 24).ro("local_ip4", 28).field("remote_ip6", 32, 16, false, false)
                .field("local_ip6", 48, 16, false, false).ro("remote_port", 64).ro("local_port", 68)
                .ro("is_fullsock", 72).ro("snd_cwnd", 76).ro("srtt_us", 80).ro("bpf_sock_ops_cb_flags", 84)
                .ro("state", 88).ro("rtt_min", 92).ro("snd_ssthresh", 96).ro("rcv_nxt", 100).ro("snd_nxt", 104)
                .ro("snd_una", 108).ro("mss_cache", 112).ro("ecn_flags", 116).ro("rate_delivered", 120)
                .ro("rate_interval_us", 124).ro("packets_out", 128).ro("retrans_out", 132).ro("total_retrans", 136)
                .ro("segs_in", 140).ro("data_segs_in", 144).ro("segs_out", 148).ro("data_segs_out", 152)
                .ro("lost_out", 156).ro("sacked_out", 160).rw("sk_txhash", 164)
                .field("bytes_received", 168, 8, false, false).field("bytes_acked", 176, 8, false, false)
                .field("sk", 184, 8, false, false).field("skb_data", 192, 8, false, false)
                .field("skb_data_end", 200, 8, false, false).ro("skb_len", 208).ro("skb_tcp_flags", 212);
        return b.build();
    }

    /** The context layout of a program type, or null when the caller supplies raw bytes (raw, tracing). */
    public static ContextLayout of(ProgramType type) {
        return switch (type) {
            case SOCKET_FILTER, SCHED_CLS, SCHED_ACT, CGROUP_SKB -> SK_BUFF;
            case XDP -> XDP_MD;
            case CGROUP_SOCK_ADDR -> SOCK_ADDR;
            case SOCK_OPS -> SOCK_OPS;
            default -> null;
        };
    }

    public String name() {
        return name;
    }

    public int size() {
        return size;
    }

    public List<ContextField> fields() {
        return fields;
    }

    /** The field covering {@code offset}, or null. */
    public ContextField fieldAt(int offset) {
        for (ContextField f : fields) {
            if (offset >= f.offset() && offset < f.offset() + f.size()) {
                return f;
            }
        }
        return null;
    }

    /** Bit i set: the 4-byte field at offset 4*i is a packet pointer (see {@code Memory.setContext}). */
    public long pointerFields() {
        return pointerFields;
    }

    private static final class Builder {
        private final String name;
        private final int size;
        private final List<ContextField> fields = new ArrayList<>();

        Builder(String name, int size) {
            this.name = name;
            this.size = size;
        }

        Builder field(String field, int offset, int fieldSize, boolean writable, boolean pointer) {
            fields.add(new ContextField(field, offset, fieldSize, writable, pointer));
            return this;
        }

        Builder ro(String field, int offset) {
            return field(field, offset, 4, false, false);
        }

        Builder rw(String field, int offset) {
            return field(field, offset, 4, true, false);
        }

        Builder ptr(String field, int offset) {
            return field(field, offset, 4, false, true);
        }

        ContextLayout build() {
            return new ContextLayout(name, size, fields);
        }
    }
}
