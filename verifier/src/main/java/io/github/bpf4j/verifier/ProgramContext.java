package io.github.bpf4j.verifier;

import io.github.bpf4j.vm.ProgramType;

/**
 * What a program type gives the verifier: the registers at entry, and (for types with a context
 * structure) which context fields may be read or written. The extension point for the
 * program-type contexts: raw, xdp, socket_filter, sched_cls/sched_act and cgroup_skb ({@link SkbContext}),
 * kprobe and tracepoint ({@link TracingContext}).
 */
interface ProgramContext {
    /** Sets r1..r5 of the main frame at entry (r10 is set by the verifier): r1 is the context. */
    default void initRegisters(FrameState frame) {
        frame.regs[1] = RegState.pointer(RegType.PTR_TO_CTX, 0);
    }

    /**
     * Checks a context access at {@code off} (pointer offset included) of {@code size} bytes and
     * returns the register the load produces; throws a {@link Rejection} otherwise.
     */
    RegState contextAccess(int pc, int regno, int off, int size, boolean write);

    /** Whether direct packet writes are allowed (kernel: may_access_direct_pkt_data). */
    boolean packetWritable();

    /** Whether LD_ABS/LD_IND may read the packet through the context in r6 (kernel: may_access_skb). */
    default boolean ldAbsAllowed() {
        return false;
    }

    /** Whether the kernel loads this type only for a loader with CAP_PERFMON (tracing types). */
    default boolean needsPerfmon() {
        return false;
    }

    /** The range [min, max] r0 must be in when the program exits, or null where any scalar will do. */
    default long[] returnRange() {
        return null;
    }

    /**
     * Instructions, jumps and jump-history entries the kernel has processed before the program's
     * first instruction (a prologue), which its checkpoint heuristics count.
     */
    default int[] entryCounts() {
        return new int[] {0, 0, 0};
    }

    static ProgramContext of(VerifierOptions options) {
        if (options.type() == ProgramType.RAW) {
            return new RawContext(options.memSize());
        }
        return switch (options.type()) {
            case XDP -> new XdpContext();
            case SOCKET_FILTER -> new SkbContext(SkbContext.Kind.SOCKET_FILTER);
            case SCHED_CLS, SCHED_ACT -> new SkbContext(SkbContext.Kind.TC);
            case CGROUP_SKB -> new SkbContext(SkbContext.Kind.CGROUP);
            case KPROBE -> TracingContext.KPROBE;
            case TRACEPOINT -> TracingContext.TRACEPOINT;
            default -> null;
        };
    }

    /**
     * The raw type (ubpf, bpf_conformance): r1 points to exactly memSize bytes and r2 holds the
     * constant memSize. Verified as the kernel verifies it when run as XDP behind a prologue that
     * proves the packet length: r1 is a packet pointer with that range, and there is no context.
     */
    record RawContext(int memSize) implements ProgramContext {
        @Override
        public void initRegisters(FrameState frame) {
            RegState r1 = RegState.pointer(RegType.PTR_TO_PACKET, 0);
            r1.range = memSize;
            frame.regs[1] = r1;
            frame.regs[2] = RegState.known(memSize);
        }

        @Override
        public RegState contextAccess(int pc, int regno, int off, int size, boolean write) {
            throw new Rejection(pc, "R" + regno + " invalid mem access 'ctx'");
        }

        @Override
        public boolean packetWritable() {
            return true;
        }

        @Override
        public int[] entryCounts() {
            return new int[] {8, 2, 1};
        }
    }

    /**
     * XDP: r1 points to struct xdp_md (six u32 fields, read-only); data, data_end and data_meta
     * load as packet, packet-end and packet-metadata pointers, whose range comparisons prove (kernel: xdp_is_valid_access).
     */
    record XdpContext() implements ProgramContext {
        private static final int DATA = 0;
        private static final int DATA_END = 4;
        private static final int DATA_META = 8;
        private static final int EGRESS_IFINDEX = 20;
        private static final int SIZE = 24;

        @Override
        public RegState contextAccess(int pc, int regno, int off, int size, boolean write) {
            // egress_ifindex is readable only by programs attached to a device map
            if (write || off < 0 || off >= SIZE || off % size != 0 || size != 4 || off == EGRESS_IFINDEX) {
                throw new Rejection(pc, "invalid bpf_context access off=" + off + " size=" + size);
            }
            return switch (off) {
                case DATA -> RegState.pointer(RegType.PTR_TO_PACKET, 0);
                case DATA_END -> RegState.pointer(RegType.PTR_TO_PACKET_END, 0);
                case DATA_META -> RegState.pointer(RegType.PTR_TO_PACKET_META, 0);
                default -> RegState.unknownScalar();
            };
        }

        @Override
        public boolean packetWritable() {
            return true;
        }
    }
}
