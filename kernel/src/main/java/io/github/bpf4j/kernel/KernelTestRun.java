package io.github.bpf4j.kernel;

/**
 * What one {@code BPF_PROG_TEST_RUN} returned.
 *
 * @param retval        the program's 32-bit return value (the kernel reports no more)
 * @param durationNanos the kernel's average time per repetition, in nanoseconds
 * @param dataOut       the packet after the run (up to the size asked for)
 * @param ctxOut        the context after the run (up to the size asked for)
 */
public record KernelTestRun(int retval, long durationNanos, byte[] dataOut, byte[] ctxOut) {
}
