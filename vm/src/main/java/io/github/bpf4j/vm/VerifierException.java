package io.github.bpf4j.vm;

/** A program a verifier (ours or the kernel's) rejected; carries the verifier's log. */
public class VerifierException extends BpfException {
    private final String log;

    public VerifierException(String message, String log) {
        super(message);
        this.log = log;
    }

    /** The full verifier log, possibly empty. */
    public String log() {
        return log;
    }
}
