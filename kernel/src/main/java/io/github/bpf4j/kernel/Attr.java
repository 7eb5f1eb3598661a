package io.github.bpf4j.kernel;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * A zeroed {@code union bpf_attr} (or any other kernel struct) in native memory, written field
 * by field at the UAPI offsets; the offsets live with the command that uses them.
 */
final class Attr implements AutoCloseable {
    private final Memory memory;

    Attr() {
        this(Bpf.ATTR_SIZE);
    }

    Attr(int size) {
        memory = new Memory(size);
        memory.clear();
    }

    Attr u32(long offset, int value) {
        memory.setInt(offset, value);
        return this;
    }

    Attr u64(long offset, long value) {
        memory.setLong(offset, value);
        return this;
    }

    /** Stores the address of {@code buffer} (0 for null) in a {@code __aligned_u64} field. */
    Attr pointer(long offset, NativeBuffer buffer) {
        memory.setLong(offset, buffer == null ? 0 : Pointer.nativeValue(buffer.memory()));
        return this;
    }

    int u32(long offset) {
        return memory.getInt(offset);
    }

    long u64(long offset) {
        return memory.getLong(offset);
    }

    Memory memory() {
        return memory;
    }

    @Override
    public void close() {
        memory.close();
    }
}
