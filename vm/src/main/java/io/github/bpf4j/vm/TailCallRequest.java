package io.github.bpf4j.vm;

/**
 * Thrown by {@code bpf_tail_call} when it succeeds: the engine's run loop catches it and runs
 * {@link #target()} (a program it loaded, from a prog_array) on the same context and packet,
 * which never returns to the caller, as in the kernel. Not an error; engines must not let it
 * escape {@link LoadedProgram#run}.
 */
public final class TailCallRequest extends RuntimeException {
    private final transient Object target;
    private final long context;
    private final int pc;

    public TailCallRequest(Object target, long context, int pc) {
        super("tail call", null, false, false);
        this.target = target;
        this.context = context;
        this.pc = pc;
    }

    /** The pc of the {@code bpf_tail_call}. */
    public int pc() {
        return pc;
    }

    /** The loaded program to continue with. */
    public Object target() {
        return target;
    }

    /** r1 for the target: the caller's context pointer. */
    public long context() {
        return context;
    }
}
