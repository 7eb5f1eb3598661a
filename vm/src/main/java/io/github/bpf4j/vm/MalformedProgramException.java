package io.github.bpf4j.vm;

/**
 * A program or input file that cannot be read: a bad encoding (with the slot), an assembler
 * error (with line and column), bad hex text, a truncated file.
 */
public class MalformedProgramException extends BpfException {
    private final int slot;

    /** An input error (syntax, hex text, file structure) that names its own position. */
    public MalformedProgramException(String message) {
        this(message, -1);
    }

    /** A bad instruction encoding at {@code slot}. */
    public MalformedProgramException(String message, int slot) {
        super(message);
        this.slot = slot;
    }

    /** The slot of a bad encoding, or -1 when the problem is the input text, not an encoding. */
    public int slot() {
        return slot;
    }
}
