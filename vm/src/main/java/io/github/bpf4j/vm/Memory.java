package io.github.bpf4j.vm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The address space of one loaded program. A pointer is {@code (regionId << 32) | offset};
 * region 0 is null. Each region is a byte array accessed little-endian; every access is
 * checked against its region, so a bad one is a {@link BpfFault} naming the pc, never a JVM
 * crash, and nothing outside the regions (map structure, the JVM) is reachable.
 */
public final class Memory {
    /** Region of the input memory (raw type) or the context. */
    public static final int INPUT_REGION = 1;
    /** Region of the first stack frame; frame {@code i} is region {@code FIRST_STACK_REGION + i}. */
    public static final int FIRST_STACK_REGION = 2;
    /** Call frames, as in the kernel. */
    public static final int MAX_FRAMES = 8;
    public static final int STACK_SIZE = 512;
    /** Region ids from here on are free for maps and read-only data. */
    public static final int FIRST_FREE_REGION = FIRST_STACK_REGION + MAX_FRAMES;

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final byte[] NONE = new byte[0];

    private byte[][] regions;
    private boolean[] readOnly;
    /** The context region's bytes, whose pointer fields a 32-bit load resolves (null: none). */
    private byte[] context;
    /** Bit i set: the 32-bit context field at offset 4*i holds an offset into the packet. */
    private long contextPointerFields;

    public Memory() {
        regions = new byte[FIRST_FREE_REGION][];
        readOnly = new boolean[FIRST_FREE_REGION];
        regions[0] = NONE;
        regions[INPUT_REGION] = NONE;
        for (int i = 0; i < MAX_FRAMES; i++) {
            regions[FIRST_STACK_REGION + i] = new byte[STACK_SIZE];
        }
    }

    public static long pointer(int region, long offset) {
        return ((long) region << 32) + offset;
    }

    /** Sets the input region (a copy is the caller's business) and returns a pointer to it. */
    public long setInput(byte[] data) {
        regions[INPUT_REGION] = data == null ? NONE : data;
        return pointer(INPUT_REGION, 0);
    }

    public byte[] input() {
        return regions[INPUT_REGION];
    }

    /** Adds a region and returns its id. */
    public int addRegion(byte[] data, boolean isReadOnly) {
        int id = regions.length;
        regions = Arrays.copyOf(regions, id + 1);
        readOnly = Arrays.copyOf(readOnly, id + 1);
        regions[id] = data;
        readOnly[id] = isReadOnly;
        return id;
    }

    public byte[] region(int id) {
        return regions[id];
    }

    /** Replaces the bytes of region {@code id} (for a context or packet that changes per run). */
    public void setRegion(int id, byte[] data) {
        regions[id] = data;
    }

    /** The number of regions, null region included. */
    public int regionCount() {
        return regions.length;
    }

    /**
     * Makes region {@code id} the context: a 32-bit load at offset {@code 4*i} with bit i of
     * {@code pointerFields} set yields the full pointer to that offset of the packet (the input
     * region), as the kernel's rewrite of {@code data}/{@code data_end} loads does.
     */
    public void setContext(int id, byte[] bytes, long pointerFields) {
        regions[id] = bytes;
        context = bytes;
        contextPointerFields = pointerFields;
    }

    /**
     * The region array holding {@code size} bytes at {@code address} (offset {@code (int) address}),
     * for helpers that read or write program memory in place; a fault naming pc if not accessible.
     */
    public byte[] regionFor(long address, int size, int pc, boolean write) {
        if (size < 0) {
            throw new BpfFault(BpfFault.Kind.OUT_OF_BOUNDS, pc, address, "negative length " + size);
        }
        return write ? forWrite(address, size, pc) : forRead(address, size, pc);
    }

    /** Zeroes stack frame {@code frame} and returns its frame pointer (r10). */
    public long enterFrame(int frame) {
        Arrays.fill(regions[FIRST_STACK_REGION + frame], (byte) 0);
        return framePointer(frame);
    }

    /** The frame pointer (r10) of stack frame {@code frame}, for code that cannot reach the frame's bytes. */
    public static long framePointer(int frame) {
        return pointer(FIRST_STACK_REGION + frame, STACK_SIZE);
    }

    private byte[] forRead(long address, int size, int pc) {
        int id = (int) (address >>> 32);
        long offset = address & 0xffff_ffffL;
        byte[][] rs = regions;
        if (id < 0 || id >= rs.length || offset + size > rs[id].length) {
            throw fault(address, size, pc, false);
        }
        return rs[id];
    }

    private byte[] forWrite(long address, int size, int pc) {
        int id = (int) (address >>> 32);
        long offset = address & 0xffff_ffffL;
        byte[][] rs = regions;
        if (id < 0 || id >= rs.length || offset + size > rs[id].length || readOnly[id]) {
            throw fault(address, size, pc, true);
        }
        return rs[id];
    }

    private BpfFault fault(long address, int size, int pc, boolean write) {
        int id = (int) (address >>> 32);
        String what = (write ? "write" : "read") + " of " + size + " bytes";
        if (id == 0) {
            return new BpfFault(BpfFault.Kind.NULL_POINTER, pc, address, what);
        }
        if (write && id > 0 && id < regions.length && readOnly[id]
                && (address & 0xffff_ffffL) + size <= regions[id].length) {
            return new BpfFault(BpfFault.Kind.READ_ONLY, pc, address, what);
        }
        return new BpfFault(BpfFault.Kind.OUT_OF_BOUNDS, pc, address, what);
    }

    public long load8(long address, int pc) {
        return forRead(address, 1, pc)[(int) address] & 0xffL;
    }

    public long load16(long address, int pc) {
        return (short) I16.get(forRead(address, 2, pc), (int) address) & 0xffffL;
    }

    public long load32(long address, int pc) {
        byte[] r = forRead(address, 4, pc);
        long value = (int) I32.get(r, (int) address) & 0xffff_ffffL;
        if (r == context) {
            int offset = (int) address;
            if ((offset & 3) == 0 && offset < 256 && (contextPointerFields >>> (offset >> 2) & 1) != 0) {
                return pointer(INPUT_REGION, value);
            }
        }
        return value;
    }

    public long load64(long address, int pc) {
        return (long) I64.get(forRead(address, 8, pc), (int) address);
    }

    /** Loads 1, 2, 4 or 8 bytes, zero-extended. */
    public long load(long address, int size, int pc) {
        return switch (size) {
            case 1 -> load8(address, pc);
            case 2 -> load16(address, pc);
            case 4 -> load32(address, pc);
            default -> load64(address, pc);
        };
    }

    public void store8(long address, long value, int pc) {
        forWrite(address, 1, pc)[(int) address] = (byte) value;
    }

    public void store16(long address, long value, int pc) {
        I16.set(forWrite(address, 2, pc), (int) address, (short) value);
    }

    public void store32(long address, long value, int pc) {
        I32.set(forWrite(address, 4, pc), (int) address, (int) value);
    }

    public void store64(long address, long value, int pc) {
        I64.set(forWrite(address, 8, pc), (int) address, value);
    }

    /** Stores the low 1, 2, 4 or 8 bytes of value. */
    public void store(long address, int size, long value, int pc) {
        switch (size) {
            case 1 -> store8(address, value, pc);
            case 2 -> store16(address, value, pc);
            case 4 -> store32(address, value, pc);
            default -> store64(address, value, pc);
        }
    }

    /** Copies {@code length} bytes out of program memory (for helpers). */
    public byte[] read(long address, int length, int pc) {
        if (length < 0) {
            throw new BpfFault(BpfFault.Kind.OUT_OF_BOUNDS, pc, address, "negative length " + length);
        }
        byte[] r = forRead(address, length, pc);
        int offset = (int) address;
        return Arrays.copyOfRange(r, offset, offset + length);
    }

    /** Copies bytes into program memory (for helpers). */
    public void write(long address, byte[] data, int pc) {
        byte[] r = forWrite(address, data.length, pc);
        System.arraycopy(data, 0, r, (int) address, data.length);
    }
}
