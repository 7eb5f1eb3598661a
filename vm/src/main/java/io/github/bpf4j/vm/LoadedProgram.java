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

    /** Releases what the engine holds (kernel file descriptors); idempotent. */
    @Override
    void close();
}
