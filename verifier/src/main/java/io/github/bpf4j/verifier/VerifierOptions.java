package io.github.bpf4j.verifier;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.ProgramType;

/**
 * How to verify a program.
 *
 * @param type         the program type (decides the context and the helpers allowed)
 * @param memSize      for {@link ProgramType#RAW}: the size in bytes of the memory r1 points to
 * @param logLevel     0 no log, 1 the log of the path that failed (or the last one), 2 every
 *                     processed instruction with its register and stack state
 * @param unprivileged apply the rules the kernel applies to a loader without CAP_PERFMON:
 *                     no pointer leaks or pointer comparisons, no uninitialised stack reads,
 *                     no variable-offset stack access
 */
public record VerifierOptions(ProgramType type, int memSize, int logLevel, boolean unprivileged) {
    public VerifierOptions {
        if (type == null) {
            throw new BpfException("type is null");
        }
        if (memSize < 0) {
            throw new BpfException("memSize is negative: " + memSize);
        }
        if (logLevel < 0 || logLevel > 2) {
            throw new BpfException("logLevel must be 0, 1 or 2, is " + logLevel);
        }
    }

    /** Raw type, no memory, no log, privileged. */
    public static VerifierOptions defaults() {
        return new VerifierOptions(ProgramType.RAW, 0, 0, false);
    }

    public VerifierOptions withMemSize(int size) {
        return new VerifierOptions(type, size, logLevel, unprivileged);
    }

    public VerifierOptions withLogLevel(int level) {
        return new VerifierOptions(type, memSize, level, unprivileged);
    }

    public VerifierOptions withUnprivileged(boolean value) {
        return new VerifierOptions(type, memSize, logLevel, value);
    }
}
