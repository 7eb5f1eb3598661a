package io.github.bpf4j.vm;

/**
 * The outcome of one run.
 *
 * @param r0           the program's return value, all 64 bits
 * @param instructions instructions executed, or -1 when the engine cannot know (the kernel)
 * @param memory       the input memory after the run (the program may write it); empty if none
 * @param context      the context after the run (a program may write some fields, such as
 *                     {@code bpf_sock_addr.user_ip4}), or null for the raw type or when the
 *                     engine cannot give it back
 */
public record RunResult(long r0, long instructions, byte[] memory, byte[] context) {
    public static final long UNKNOWN = -1;

    public RunResult(long r0, long instructions, byte[] memory) {
        this(r0, instructions, memory, null);
    }
}
