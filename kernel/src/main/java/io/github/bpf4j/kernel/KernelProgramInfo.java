package io.github.bpf4j.kernel;

/**
 * What {@code BPF_OBJ_GET_INFO_BY_FD} says about a loaded program.
 *
 * @param type                 the kernel's program type number
 * @param id                   the kernel's program id
 * @param tag                  the program tag (hash of its instructions), 16 hex digits
 * @param xlatedBytes          size of the translated (verifier-rewritten) program in bytes
 * @param jitedBytes           size of the native code, 0 when the program is not JIT-compiled
 * @param verifiedInstructions instructions the verifier processed
 */
public record KernelProgramInfo(int type, int id, String tag, int xlatedBytes, int jitedBytes,
                                int verifiedInstructions) {
    /** Translated instructions (8-byte slots). */
    public int xlatedInstructions() {
        return xlatedBytes / 8;
    }
}
