package io.github.bpf4j.vm;

/**
 * The eBPF interpreter engine ({@code interpreter}): predecodes a program once (see
 * {@link Predecoder}) and runs it with one dense switch.
 */
public final class Interpreter implements Engine {
    @Override
    public String name() {
        return "interpreter";
    }

    @Override
    public LoadedProgram load(Program program, LoadOptions options) {
        return new InterpretedProgram(program, options);
    }
}
