package io.github.bpf4j.vm.maps;

import io.github.bpf4j.vm.LoadedProgram;

/** A prog_array's slots as Java fills them: each holds a program of the engine that will tail-call it. */
public interface ProgramSlots {
    /** Puts {@code program} (null to clear) in slot {@code index}. */
    void set(int index, LoadedProgram program);
}
