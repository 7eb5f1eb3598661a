package io.github.bpf4j.kernel;

import com.sun.jna.Memory;
import java.util.Arrays;

/** Bytes in native memory that a bpf(2) attribute points at (keys, values, packets, logs). */
final class NativeBuffer implements AutoCloseable {
    private final Memory memory;
    private final int length;

    private NativeBuffer(int length) {
        this.length = length;
        // JNA refuses zero-sized memory; an empty buffer still needs an address.
        this.memory = new Memory(Math.max(1, length));
        memory.clear();
    }

    /** {@code length} zero bytes. */
    static NativeBuffer zeroed(int length) {
        return new NativeBuffer(length);
    }

    /** A copy of {@code bytes} followed by zeros up to {@code length}. */
    static NativeBuffer of(byte[] bytes, int length) {
        NativeBuffer buffer = new NativeBuffer(length);
        buffer.memory.write(0, bytes, 0, Math.min(bytes.length, length));
        return buffer;
    }

    static NativeBuffer of(byte[] bytes) {
        return of(bytes, bytes.length);
    }

    /** An array of 32-bit values (file descriptors). */
    static NativeBuffer ofInts(int[] values) {
        NativeBuffer buffer = new NativeBuffer(values.length * 4);
        buffer.memory.write(0, values, 0, values.length);
        return buffer;
    }

    /** A NUL-terminated string. */
    static NativeBuffer ofString(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return of(Arrays.copyOf(bytes, bytes.length + 1));
    }

    int length() {
        return length;
    }

    /** The first {@code count} bytes. */
    byte[] bytes(int count) {
        return memory.getByteArray(0, count);
    }

    byte[] bytes() {
        return bytes(length);
    }

    Memory memory() {
        return memory;
    }

    @Override
    public void close() {
        memory.close();
    }
}
