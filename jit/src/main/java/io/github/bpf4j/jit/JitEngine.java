package io.github.bpf4j.jit;

import io.github.bpf4j.vm.Engine;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import io.github.bpf4j.vm.Program;

/**
 * The {@code jit} engine: compiles each program into one hidden JVM class (see
 * {@link JitCompiler}) whose methods HotSpot then compiles to machine code. Gives the same r0,
 * memory, instruction counts and faults as the interpreter.
 */
public final class JitEngine implements Engine {
    @Override
    public String name() {
        return "jit";
    }

    @Override
    public LoadedProgram load(Program program, LoadOptions options) {
        return JitProgram.load(program, options);
    }
}
