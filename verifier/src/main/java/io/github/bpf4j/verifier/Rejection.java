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

    Rejection(int pc, String message, String detail) {
        super(message, "");
        this.pc = pc;
        this.detail = detail;
    }
}
