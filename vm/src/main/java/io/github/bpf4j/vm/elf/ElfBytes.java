package io.github.bpf4j.vm.elf;

import io.github.bpf4j.vm.MalformedProgramException;
import java.nio.charset.StandardCharsets;

/** Bounds-checked little-endian reads from an object file; a read past the end names the offset. */
final class ElfBytes {
    private final byte[] bytes;
    private final String file;

    ElfBytes(byte[] bytes, String file) {
        this.bytes = bytes;
        this.file = file;
    }

    int length() {
        return bytes.length;
    }

    String file() {
        return file;
    }

    MalformedProgramException error(long offset, String what) {
        return new MalformedProgramException(String.format("%s: %s (at offset 0x%x)", file, what, offset));
    }

    void require(long offset, long size, String what) {
        if (offset < 0 || size < 0 || offset > bytes.length || size > bytes.length - offset) {
            throw error(offset, what + " of " + size + " bytes runs past the end of the " + bytes.length + "-byte file");
        }
    }

    int u8(long offset) {
        require(offset, 1, "field");
        return bytes[(int) offset] & 0xff;
    }

    int u16(long offset) {
        require(offset, 2, "field");
        int at = (int) offset;
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8;
    }

    long u32(long offset) {
        require(offset, 4, "field");
        int at = (int) offset;
        return (bytes[at] & 0xffL) | (bytes[at + 1] & 0xffL) << 8 | (bytes[at + 2] & 0xffL) << 16
                | (bytes[at + 3] & 0xffL) << 24;
    }

    long u64(long offset) {
        return u32(offset) | u32(offset + 4) << 32;
    }

    /** A u32 that must fit an int (sizes, offsets, counts). */
    int size(long offset, String what) {
        long v = u32(offset);
        if (v > Integer.MAX_VALUE) {
            throw error(offset, what + " " + v + " is too large");
        }
        return (int) v;
    }

    /** A u64 offset or size that must fit an int. */
    int size64(long offset, String what) {
        long v = u64(offset);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw error(offset, what + " " + Long.toUnsignedString(v) + " is too large");
        }
        return (int) v;
    }

    byte[] slice(long offset, long size, String what) {
        require(offset, size, what);
        byte[] out = new byte[(int) size];
        System.arraycopy(bytes, (int) offset, out, 0, (int) size);
        return out;
    }

    /** The NUL-terminated string at {@code offset} within {@code [start, end)}. */
    String string(long start, long end, long offset, String what) {
        long at = start + offset;
        if (offset < 0 || at >= end) {
            throw error(at, what + " name offset " + offset + " is outside its string table");
        }
        int e = (int) at;
        while (e < end && bytes[e] != 0) {
            e++;
        }
        if (e >= end) {
            throw error(at, what + " name is not NUL-terminated");
        }
        return new String(bytes, (int) at, e - (int) at, StandardCharsets.UTF_8);
    }
}
