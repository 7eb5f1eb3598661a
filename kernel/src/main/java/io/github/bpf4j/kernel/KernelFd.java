package io.github.bpf4j.kernel;

import io.github.bpf4j.vm.BpfException;

/** A file descriptor the engine owns: closed once, and a clear error when used after that. */
final class KernelFd implements AutoCloseable {
    private final String what;
    private int fd;

    KernelFd(String what, int fd) {
        this.what = what;
        this.fd = fd;
    }

    /** The descriptor; a {@link BpfException} if it was closed. */
    int get() {
        if (fd < 0) {
            throw new BpfException(what + " is closed");
        }
        return fd;
    }

    boolean isOpen() {
        return fd >= 0;
    }

    @Override
    public void close() {
        if (fd >= 0) {
            int open = fd;
            fd = -1;
            Bpf.close(open);
        }
    }
}
