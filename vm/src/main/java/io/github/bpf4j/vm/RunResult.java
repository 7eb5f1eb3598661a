package io.github.bpf4j.vm;

/**
 * The outcome of one run.
 *
 * @param r0           the program's return value, all 64 bits
 * @param instructions instructions executed, or -1 when the engine cannot know (the kernel)
 * @param memory       the input memory after the run (the program may write it); empty if none
 */
public record RunResult(long r0, long instructions, byte[] memory) {
    public static final long UNKNOWN = -1;
}
