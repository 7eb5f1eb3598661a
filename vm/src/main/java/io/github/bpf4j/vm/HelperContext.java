package io.github.bpf4j.vm;

/**
 * What a helper may see of the running program: its memory, the pc of the call, the
 * environment built at load (maps, task, trace output), and a way back into the program for
 * helpers that take a callback ({@code bpf_loop}, {@code for_each_map_elem}).
 */
public interface HelperContext {
    Memory memory();

    int pc();

    /** Maps, context and settings of the running program. */
    default ProgramEnvironment environment() {
        throw new BpfFault(BpfFault.Kind.HELPER_ERROR, pc(), 0, "this engine gives helpers no environment");
    }

    /**
     * Calls the subprogram that {@code function} (a pointer made by {@code lddw} with
     * {@code BPF_PSEUDO_FUNC}) points to with r1..r5 and returns its r0; the callback runs in a
     * new frame above the helper's caller, so pointers into the caller's stack stay valid.
     */
    default long callFunction(long function, long r1, long r2, long r3, long r4, long r5) {
        throw new BpfFault(BpfFault.Kind.HELPER_ERROR, pc(), 0, "this engine cannot call back into the program");
    }
}
