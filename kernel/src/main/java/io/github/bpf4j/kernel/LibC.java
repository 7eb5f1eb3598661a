package io.github.bpf4j.kernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The two libc functions the engine needs, bound with JNA direct mapping (a call costs about a
 * microsecond, several times less than an interface proxy). Bound when first used, so merely
 * naming the engine never touches native code.
 */
final class LibC {
    private LibC() {}

    static {
        Native.register("c");
    }

    /** Binds the functions now; a {@link LinkageError} if JNA or libc cannot be loaded. */
    static void bind() {
        // the static initializer did the work
    }

    /**
     * {@code syscall(2)} with three arguments. It is variadic in C; calling it with fixed
     * arguments is sound where JNA runs: arm64 Linux passes both alike, and on x86-64 glibc's
     * syscall is an assembly stub that ignores the vector-register count in %al.
     */
    static native long syscall(long number, long arg1, Pointer arg2, long arg3) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;
}
