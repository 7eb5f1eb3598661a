package io.github.bpf4j.vm;

import java.util.Locale;

/** What a program is attached to, which decides its context and helpers. */
public enum ProgramType {
    /** ubpf/bpf_conformance style: r1 = input memory, r2 = its length. Runs as XDP in the kernel. */
    RAW(-1),
    SOCKET_FILTER(1),
    KPROBE(2),
    SCHED_CLS(3),
    SCHED_ACT(4),
    TRACEPOINT(5),
    XDP(6),
    PERF_EVENT(7),
    CGROUP_SKB(8),
    CGROUP_SOCK(9),
    SOCK_OPS(13),
    CGROUP_SOCK_ADDR(18);

    private final int kernelId;

    ProgramType(int kernelId) {
        this.kernelId = kernelId;
    }

    /** The kernel's {@code enum bpf_prog_type} value, or -1 for {@link #RAW}. */
    public int kernelId() {
        return kernelId;
    }

    /** The name used on the command line and in ELF section prefixes, e.g. {@code sched_cls}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a command-line name such as {@code xdp} or {@code socket_filter}. */
    public static ProgramType parse(String name) {
        for (ProgramType t : values()) {
            if (t.cliName().equals(name.toLowerCase(Locale.ROOT).replace('-', '_'))) {
                return t;
            }
        }
        throw new BpfException("unknown program type '" + name + "'");
    }
}
