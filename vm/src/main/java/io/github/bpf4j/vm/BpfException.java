package io.github.bpf4j.vm;

/** Root of every error bpf4j raises on purpose: bad input, rejected programs, runtime faults. */
public class BpfException extends RuntimeException {
    public BpfException(String message) {
        super(message);
    }

    public BpfException(String message, Throwable cause) {
        super(message, cause);
    }
}
