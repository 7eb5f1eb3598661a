package io.github.bpf4j.kernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** The two libc functions the engine needs: the raw system call and close(2). */
interface LibC extends Library {
    /** Loaded on first use only, so merely naming the engine never touches native code. */
    final class Holder {
        private Holder() {}

        static final LibC INSTANCE = Native.load("c", LibC.class);
    }

    /** {@code syscall(2)} is variadic; JNA passes the arguments the way C varargs expect. */
    long syscall(long number, Object... args) throws LastErrorException;

    int close(int fd) throws LastErrorException;
}
