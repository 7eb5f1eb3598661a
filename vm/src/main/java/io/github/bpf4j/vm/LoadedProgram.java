package io.github.bpf4j.vm;

/** A program loaded into an engine, ready to run many times. Not thread-safe. */
public interface LoadedProgram extends AutoCloseable {
    /**
     * Runs once. For the raw type r1 points to a copy of {@code input} (r1 = 0 when it is null or
     * empty) and r2 is its length.
     *
     * @throws BpfFault when the program faults
     */
    RunResult run(byte[] input);

    /**
     * Runs once on a packet and context (see {@link RunInput}); r1 is the context pointer for
     * program types with a context. Engines that only run raw programs accept packets only.
     */
    default RunResult runOn(RunInput input) {
        if (input.context() != null) {
            throw new BpfException("this engine cannot run with context bytes");
        }
        return run(input.packet());
    }

    /** The maps the program runs with, in {@link Program#maps()} order (empty when it has none). */
    default java.util.List<io.github.bpf4j.vm.maps.BpfMap> programMaps() {
        return java.util.List.of();
    }

    /** Releases what the engine holds (kernel file descriptors); idempotent. */
    @Override
    void close();
}
