package io.github.bpf4j.vm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Instructions to slots and slots to bytes: the inverse of {@link Decoder}. */
public final class Encoder {
    private Encoder() {}

    public static long[] encode(List<Instruction> instructions) {
        long[] slots = new long[instructions.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = instructions.get(i).toSlot();
        }
        return slots;
    }

    public static byte[] bytes(long[] slots) {
        ByteBuffer buffer = ByteBuffer.allocate(slots.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long s : slots) {
            buffer.putLong(s);
        }
        return buffer.array();
    }

    public static byte[] bytes(List<Instruction> instructions) {
        return bytes(encode(instructions));
    }
}
