package io.github.bpf4j.verifier;

/**
 * The read-only context of tracing programs: a kprobe's {@code struct pt_regs} (168 bytes on
 * x86-64; kernel: kprobe_prog_is_valid_access) or a tracepoint's record (kernel:
 * tp_prog_is_valid_access; its real layout is checked when the program is attached). Any aligned
 * read of 1, 2, 4 or 8 bytes the type allows is an unknown scalar. The kernel refuses these types
 * to a loader without CAP_PERFMON before verifying them.
 *
 * @param tracepoint a tracepoint record: its first 8 bytes (the common fields) are not readable,
 *                   reads may start up to PERF_MAX_TRACE_SIZE (8192), and negative offsets pass,
 *                   because the kernel compares the offset with sizeof(void *) as unsigned
 */
record TracingContext(boolean tracepoint) implements ProgramContext {
    static final TracingContext KPROBE = new TracingContext(false);
    static final TracingContext TRACEPOINT = new TracingContext(true);
    private static final int PT_REGS_SIZE = 168;
    private static final int PERF_MAX_TRACE_SIZE = 8192;

    @Override
    public RegState contextAccess(int pc, int regno, int off, int accessSize, boolean write) {
        boolean valid = tracepoint
                ? !(off >= 0 && off < 8) && off < PERF_MAX_TRACE_SIZE
                : off >= 0 && off + accessSize <= PT_REGS_SIZE;
        if (!valid || write || off % accessSize != 0) {
            throw new Rejection(pc, "invalid bpf_context access off=" + off + " size=" + accessSize);
        }
        return RegState.unknownScalar();
    }

    @Override
    public boolean packetWritable() {
        return false;
    }

    @Override
    public boolean needsPerfmon() {
        return true;
    }
}
