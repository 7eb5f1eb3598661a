package io.github.bpf4j.vm;

/**
 * A program or input file that cannot be read: a bad encoding (with the slot), an assembler
 * error (with line and column), bad hex text, a truncated file.
 */
public class MalformedProgramException extends BpfException {
    public MalformedProgramException(String message) {
        super(message);
    }
}
