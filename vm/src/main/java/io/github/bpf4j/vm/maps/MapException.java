package io.github.bpf4j.vm.maps;

import io.github.bpf4j.vm.BpfException;

/** A map operation refused with the errno the kernel gives for the same case. */
public final class MapException extends BpfException {
    private final int errno;

    public MapException(String mapName, int errno, String detail) {
        super("map '" + mapName + "': " + Errno.name(errno) + (detail.isEmpty() ? "" : " (" + detail + ")"));
        this.errno = errno;
    }

    /** The positive errno, e.g. {@link Errno#ENOENT}. */
    public int errno() {
        return errno;
    }
}
