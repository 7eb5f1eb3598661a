package io.github.bpf4j.kernel;

import io.github.bpf4j.vm.BpfException;

/** A bpf(2) command the kernel refused, with the errno it returned. */
public class BpfSyscallException extends BpfException {
    private final int errno;

    BpfSyscallException(String what, int errno) {
        super(what + " failed: " + Errno.name(errno));
        this.errno = errno;
    }

    /** The errno value, e.g. 22 for {@code EINVAL}. */
    public int errno() {
        return errno;
    }

    /** The errno's name, e.g. {@code EINVAL}. */
    public String errnoName() {
        return Errno.name(errno);
    }
}
