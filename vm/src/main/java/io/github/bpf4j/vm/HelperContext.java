package io.github.bpf4j.vm;

/** What a helper may see of the running program: its memory and the pc of the call. */
public interface HelperContext {
    Memory memory();

    int pc();
}
