package io.github.bpf4j.verifier;

import java.util.Arrays;

/**
 * One call frame: r0..r10 and the frame's stack. A stack byte at {@code fp + o} (o in -512..-1)
 * is slot {@code -o - 1}: slot index {@code spi = slot / 8} and byte {@code slot % 8}, as the
 * kernel numbers them, so a spilled register lives in {@code spilled[spi]}.
 */
final class FrameState {
    static final int MAX_STACK = 512;
    static final int SLOTS = MAX_STACK / 8;

    static final byte INVALID = 0;
    static final byte SPILL = 1;
    static final byte MISC = 2;
    static final byte ZERO = 3;
    private static final char[] TYPE_CHARS = {'?', 'r', 'm', '0'};

    final RegState[] regs = new RegState[11];
    final byte[] slotTypes = new byte[MAX_STACK];
    final RegState[] spilled = new RegState[SLOTS];
    int allocatedStack;
    /** The pc of the call that created this frame (-1 for the main frame). */
    int callsite = -1;
    final int frameno;
    /** Index of the subprogram this frame runs. */
    int subprog;
    /** A callback's frame (bpf_loop, bpf_for_each_map_elem): it returns to the calling helper. */
    boolean inCallback;
    /** Callback iterations since this frame last called a callback helper (kernel: callback_depth). */
    int callbackDepth;

    FrameState(int frameno) {
        this(frameno, false);
        for (int i = 0; i < regs.length; i++) {
            regs[i] = RegState.notInit();
        }
    }

    /** A frame whose registers the caller fills in (copying states is the explorer's hot path). */
    private FrameState(int frameno, boolean unused) {
        this.frameno = frameno;
    }

    FrameState copy() {
        FrameState f = new FrameState(frameno, false);
        for (int i = 0; i < regs.length; i++) {
            f.regs[i] = regs[i].copy();
        }
        int used = allocatedStack;
        System.arraycopy(slotTypes, 0, f.slotTypes, 0, used);
        for (int spi = 0; spi < used / 8; spi++) {
            if (spilled[spi] != null) {
                f.spilled[spi] = spilled[spi].copy();
            }
        }
        f.allocatedStack = allocatedStack;
        f.callsite = callsite;
        f.subprog = subprog;
        f.inCallback = inCallback;
        f.callbackDepth = callbackDepth;
        return f;
    }

    byte type(int spi, int j) {
        return slotTypes[spi * 8 + j];
    }

    /** Whether the stack byte at {@code off} (negative, from the frame pointer) was written. */
    boolean isWritten(int off) {
        int slot = -off - 1;
        return slot < allocatedStack && type(slot / 8, slot % 8) != INVALID;
    }

    void setType(int spi, int j, byte t) {
        slotTypes[spi * 8 + j] = t;
    }

    /** True when the slot holds a spilled register (its lowest-address byte is a spill byte). */
    boolean isSpill(int spi) {
        return type(spi, 7) == SPILL;
    }

    boolean isSpilledScalar(int spi) {
        return isSpill(spi) && spilled[spi] != null && spilled[spi].type == RegType.SCALAR;
    }

    RegState spilledReg(int spi) {
        if (spilled[spi] == null) {
            spilled[spi] = RegState.notInit();
        }
        return spilled[spi];
    }

    void growStack(int size) {
        int rounded = (size + 7) / 8 * 8;
        if (rounded > allocatedStack) {
            allocatedStack = rounded;
        }
    }

    String slotTypeString(int spi) {
        char[] c = new char[8];
        for (int j = 0; j < 8; j++) {
            c[j] = TYPE_CHARS[type(spi, j)];
        }
        return new String(c);
    }

    boolean slotValid(int spi) {
        for (int j = 0; j < 8; j++) {
            if (type(spi, j) != INVALID) {
                return true;
            }
        }
        return false;
    }

    void clearSlot(int spi) {
        Arrays.fill(slotTypes, spi * 8, spi * 8 + 8, INVALID);
        spilled[spi] = null;
    }
}
