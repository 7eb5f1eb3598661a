package io.github.bpf4j.verifier;

/**
 * What a register holds, with the kernel's names for the log. Map and packet types are here so
 * program-type contexts and helper prototypes (maps, packets) can produce them.
 */
enum RegType {
    NOT_INIT("?"),
    SCALAR("scalar"),
    PTR_TO_CTX("ctx"),
    PTR_TO_STACK("fp"),
    PTR_TO_PACKET("pkt"),
    PTR_TO_PACKET_META("pkt_meta"),
    PTR_TO_PACKET_END("pkt_end"),
    CONST_PTR_TO_MAP("map_ptr"),
    PTR_TO_MAP_VALUE("map_value"),
    PTR_TO_MAP_VALUE_OR_NULL("map_value_or_null"),
    /** A key bpf_for_each_map_elem passes to its callback (read-only, the map's key size). */
    PTR_TO_MAP_KEY("map_key"),
    /** A subprogram, from an lddw with BPF_PSEUDO_FUNC. */
    PTR_TO_FUNC("func"),
    PTR_TO_MEM("mem"),
    PTR_TO_RINGBUF_MEM("ringbuf_mem"),
    PTR_TO_RINGBUF_MEM_OR_NULL("ringbuf_mem_or_null"),
    /** __sk_buff->sk: the socket or null; fields behind it are not modelled yet. */
    PTR_TO_SOCK_COMMON_OR_NULL("sock_common_or_null"),
    PTR_TO_SOCK_COMMON("sock_common"),
    /** A socket from bpf_sk_lookup_tcp/udp, or null; a reference the program must release. */
    PTR_TO_SOCKET_OR_NULL("sock_or_null"),
    PTR_TO_SOCKET("sock");

    final String kernelName;

    RegType(String kernelName) {
        this.kernelName = kernelName;
    }

    boolean isPointer() {
        return this != NOT_INIT && this != SCALAR;
    }

    boolean maybeNull() {
        return this == PTR_TO_MAP_VALUE_OR_NULL || this == PTR_TO_RINGBUF_MEM_OR_NULL || this == PTR_TO_SOCK_COMMON_OR_NULL
                || this == PTR_TO_SOCKET_OR_NULL;
    }

    /** Pointers the kernel knows are never null (stack, context and packet pointers are not among them). */
    boolean provenNotNull() {
        return this == PTR_TO_MAP_VALUE || this == CONST_PTR_TO_MAP || this == PTR_TO_MEM || this == PTR_TO_RINGBUF_MEM
                || this == PTR_TO_SOCK_COMMON || this == PTR_TO_SOCKET || this == PTR_TO_MAP_KEY || this == PTR_TO_FUNC;
    }

    /** The type a null check proves this maybe-null type to be. */
    RegType notNull() {
        return switch (this) {
            case PTR_TO_RINGBUF_MEM_OR_NULL -> PTR_TO_RINGBUF_MEM;
            case PTR_TO_SOCK_COMMON_OR_NULL -> PTR_TO_SOCK_COMMON;
            case PTR_TO_SOCKET_OR_NULL -> PTR_TO_SOCKET;
            default -> PTR_TO_MAP_VALUE;
        };
    }

    boolean isPacket() {
        return this == PTR_TO_PACKET || this == PTR_TO_PACKET_META;
    }
}
