package io.github.bpf4j.verifier;

/**
 * The {@code struct __sk_buff} context of socket filters, tc classifiers/actions and cgroup skb
 * programs: which offsets and sizes a program may read or write (kernel: bpf_skb_is_valid_access
 * with sk_filter_is_valid_access, tc_cls_act_is_valid_access or cg_skb_is_valid_access in front
 * of it). tc programs load {@code data}, {@code data_end} and {@code data_meta} as packet
 * pointers and may write the packet; cgroup skb programs may read it through {@code data} and
 * {@code data_end} and must return 0 or 1; socket filters see no packet pointers and reach the
 * packet through LD_ABS/LD_IND or bpf_skb_load_bytes.
 */
record SkbContext(Kind kind) implements ProgramContext {
    enum Kind { SOCKET_FILTER, TC, CGROUP }

    static final int SIZE = 192;
    private static final int MARK = 8;
    private static final int QUEUE_MAPPING = 12;
    private static final int PRIORITY = 32;
    private static final int TC_INDEX = 44;
    private static final int CB = 48;
    private static final int CB_END = 68;
    private static final int TC_CLASSID = 72;
    private static final int DATA = 76;
    private static final int DATA_END = 80;
    /** family .. local_port: socket fields only sk_skb and cgroup programs may read. */
    private static final int FAMILY = 88;
    private static final int LOCAL_PORT_END = 140;
    private static final int REMOTE_IP4 = 92;
    private static final int LOCAL_IP6_END = 132;
    private static final int DATA_META = 140;
    private static final int FLOW_KEYS = 144;
    private static final int TSTAMP = 152;
    private static final int WIRE_LEN = 160;
    private static final int SK = 168;
    private static final int TSTAMP_TYPE = 180;
    private static final int HWTSTAMP = 184;

    @Override
    public RegState contextAccess(int pc, int regno, int off, int size, boolean write) {
        RegType loaded = switch (kind) {
            case SOCKET_FILTER -> socketFilterAccess(off, size, write);
            case TC -> tcAccess(off, size, write);
            case CGROUP -> cgroupAccess(off, size, write);
        };
        if (loaded == null) {
            throw new Rejection(pc, "invalid bpf_context access off=" + off + " size=" + size);
        }
        return loaded == RegType.SCALAR ? RegState.unknownScalar() : RegState.pointer(loaded, 0);
    }

    @Override
    public boolean packetWritable() {
        return kind == Kind.TC;
    }

    @Override
    public boolean ldAbsAllowed() {
        return kind != Kind.CGROUP;
    }

    @Override
    public long[] returnRange() {
        return kind == Kind.CGROUP ? new long[] {0, 1} : null; // ingress, the attach type loads default to
    }

    /** sk_filter_is_valid_access: no packet pointers, no tc or socket fields, writes only to cb[]. */
    private static RegType socketFilterAccess(int off, int size, boolean write) {
        if (within(off, TC_CLASSID, DATA_END + 4) || within(off, FAMILY, LOCAL_PORT_END)
                || within(off, DATA_META, DATA_META + 4) || within(off, TSTAMP, WIRE_LEN + 4)
                || within(off, HWTSTAMP, SIZE)) {
            return null;
        }
        if (write && !within(off, CB, CB_END)) {
            return null;
        }
        return skbAccess(off, size, write);
    }

    /** tc_cls_act_is_valid_access: writes to mark, queue_mapping, priority, tc_index, cb[], tc_classid, tstamp. */
    private static RegType tcAccess(int off, int size, boolean write) {
        if (write && !(within(off, MARK, QUEUE_MAPPING + 4) || within(off, PRIORITY, PRIORITY + 4)
                || within(off, TC_INDEX, CB_END) || within(off, TC_CLASSID, TC_CLASSID + 4)
                || within(off, TSTAMP, TSTAMP + 8))) {
            return null;
        }
        if (within(off, FAMILY, LOCAL_PORT_END)) {
            return null;
        }
        if (off == TSTAMP_TYPE) {
            return size == 1 ? RegType.SCALAR : null;
        }
        return packetPointer(off, skbAccess(off, size, write));
    }

    /**
     * cg_skb_is_valid_access: no tc_classid, data_meta or wire_len; packet pointers to read;
     * socket fields readable; writes to mark, priority, cb[] and tstamp (with CAP_BPF, which
     * every loader here has).
     */
    private static RegType cgroupAccess(int off, int size, boolean write) {
        if (within(off, TC_CLASSID, TC_CLASSID + 4) || within(off, DATA_META, DATA_META + 4)
                || within(off, WIRE_LEN, WIRE_LEN + 4)) {
            return null;
        }
        if (write && !(within(off, MARK, MARK + 4) || within(off, PRIORITY, PRIORITY + 4) || within(off, CB, CB_END)
                || within(off, TSTAMP, TSTAMP + 8))) {
            return null;
        }
        return packetPointer(off, skbAccess(off, size, write)); // data_meta was refused above
    }

    /** A valid scalar access to data, data_end or data_meta loads a packet pointer instead. */
    private static RegType packetPointer(int off, RegType type) {
        if (type != RegType.SCALAR) {
            return type;
        }
        if (within(off, DATA, DATA + 4)) {
            return RegType.PTR_TO_PACKET;
        }
        if (within(off, DATA_END, DATA_END + 4)) {
            return RegType.PTR_TO_PACKET_END;
        }
        if (within(off, DATA_META, DATA_META + 4)) {
            return RegType.PTR_TO_PACKET_META;
        }
        return type;
    }

    /**
     * bpf_skb_is_valid_access: in bounds and aligned to the size; cb[] by any size within it;
     * pointers and addresses by 4 bytes; time stamps by 8; u32 fields written whole and read
     * by 1, 2 or 4 bytes; sk as a sock_common pointer or null. Null when not allowed.
     */
    private static RegType skbAccess(int off, int size, boolean write) {
        if (off < 0 || off >= SIZE || off % size != 0) {
            return null;
        }
        if (within(off, CB, CB_END)) {
            return off + size > CB_END ? null : RegType.SCALAR;
        }
        if (within(off, REMOTE_IP4, LOCAL_IP6_END) || within(off, DATA, DATA_END + 4) || within(off, DATA_META, DATA_META + 4)) {
            return size != 4 ? null : RegType.SCALAR;
        }
        if (within(off, FLOW_KEYS, FLOW_KEYS + 8)) {
            return null;
        }
        if (within(off, HWTSTAMP, SIZE)) {
            return write || size != 8 ? null : RegType.SCALAR;
        }
        if (within(off, TSTAMP, TSTAMP + 8)) {
            return size != 8 ? null : RegType.SCALAR;
        }
        if (within(off, SK, SK + 8)) {
            return off != SK || write || size != 8 ? null : RegType.PTR_TO_SOCK_COMMON_OR_NULL;
        }
        if (within(off, TSTAMP_TYPE, HWTSTAMP)) {
            return null;
        }
        if (write) {
            return size != 4 ? null : RegType.SCALAR;
        }
        return size > 4 ? null : RegType.SCALAR;
    }

    private static boolean within(int off, int from, int to) {
        return off >= from && off < to;
    }
}
