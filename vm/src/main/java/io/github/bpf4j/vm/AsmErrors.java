package io.github.bpf4j.vm;

/** Assembler errors: one line, {@code LINE:COL: message}, 1-based. */
final class AsmErrors {
    private AsmErrors() {}

    static MalformedProgramException at(int line, int column, String message) {
        return new MalformedProgramException(line + ":" + column + ": " + message);
    }
}
