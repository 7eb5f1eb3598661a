package io.github.bpf4j.verifier;

import java.util.List;

/**
 * Why a program was rejected.
 *
 * @param pc          the instruction where the check failed (-1 when not tied to one)
 * @param instruction that instruction in the LLVM syntax the assembler reads, or empty
 * @param message     the first error line, with the kernel's text where the kernel has one
 * @param path        the branch decisions on the path that reached it, e.g. {@code "3 -> 6"}
 * @param explanation one plain sentence for a learner: what is wrong and the fix to try
 */
public record VerifierError(int pc, String instruction, String message, List<String> path, String explanation) {
    public VerifierError {
        path = List.copyOf(path);
    }
}
