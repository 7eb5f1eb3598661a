package io.github.bpf4j.vm;

/**
 * What one run gets: the packet (or, for the raw type, the input memory) and the context bytes
 * for program types whose context the caller supplies (kprobe {@code pt_regs}, tracepoint
 * records, {@code bpf_sock_addr}, {@code bpf_sock_ops}). For packet types the context is built
 * from the packet as the kernel's test run does; given context bytes there set the fields the
 * kernel lets a test run set (mark, priority, cb, ifindex, ...), overlaid on that.
 *
 * @param packet  the packet or input memory, or null for none
 * @param context context bytes, or null for the default
 */
public record RunInput(byte[] packet, byte[] context) {
    /** A run on {@code packet} with the default context. */
    public static RunInput packet(byte[] packet) {
        return new RunInput(packet, null);
    }

    /** A run with only context bytes (tracing and socket types). */
    public static RunInput context(byte[] context) {
        return new RunInput(null, context);
    }
}
