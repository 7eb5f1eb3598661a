package io.github.bpf4j.verifier;

import io.github.bpf4j.vm.VerifierException;

/** The first error the verifier found: where, and the kernel's message for it. */
final class Rejection extends VerifierException {
    final int pc;

    /** Further lines the kernel prints after the message. */
    final String detail;

    Rejection(int pc, String message) {
        this(pc, message, null);
    }

    /**
     * Whether a speculative path ending here may simply stop behind a barrier (the kernel's
     * EACCES/EINVAL/EPERM errors), rather than rejecting the program (limits, E2BIG).
     */
    boolean recoverableWithBarrier() {
        String m = getMessage();
        return !m.startsWith("BPF program is too large") && !m.startsWith("The sequence of")
                && !m.startsWith("the call stack of") && !m.startsWith("infinite loop detected");
    }

    Rejection(int pc, String message, String detail) {
        super(message, "");
        this.pc = pc;
        this.detail = detail;
    }
}
