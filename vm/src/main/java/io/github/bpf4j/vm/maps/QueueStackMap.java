package io.github.bpf4j.vm.maps;

import io.github.bpf4j.vm.MapSpec;
import java.util.Arrays;

/**
 * {@code BPF_MAP_TYPE_QUEUE} (first in, first out) and {@code STACK} (last in, first out):
 * keyless maps a program reaches only through push, pop and peek, which copy values; nothing
 * in them is addressable. Pushing onto a full map fails with {@link Errno#E2BIG} unless the
 * flag is {@link #BPF_EXIST}, which drops the oldest value.
 */
public final class QueueStackMap extends AbstractMap {
    private final boolean stack;
    private final byte[] ring;
    /** Position of the oldest value and the number held. */
    private int head;
    private int count;

    QueueStackMap(MapSpec spec) {
        super(spec);
        this.stack = spec.type() == MapType.STACK;
        this.ring = new byte[Math.multiplyExact(valueSize, maxEntries)];
    }

    /** Adds a value (from {@code value[offset..]}); 0 or a negative errno. */
    public int push(byte[] value, int offset, long flags) {
        if (flags != BPF_ANY && flags != BPF_EXIST) {
            return -Errno.EINVAL;
        }
        if (count == maxEntries) {
            if (flags != BPF_EXIST) {
                return -Errno.E2BIG;
            }
            head = (head + 1) % maxEntries;
            count--;
        }
        int at = (head + count) % maxEntries;
        System.arraycopy(value, offset, ring, at * valueSize, valueSize);
        count++;
        return 0;
    }

    /** Copies the next value into {@code into[offset..]}, removing it when {@code remove}; 0 or -ENOENT. */
    public int take(byte[] into, int offset, boolean remove) {
        if (count == 0) {
            return -Errno.ENOENT;
        }
        int at = stack ? (head + count - 1) % maxEntries : head;
        System.arraycopy(ring, at * valueSize, into, offset, valueSize);
        if (remove) {
            if (!stack) {
                head = (head + 1) % maxEntries;
            }
            count--;
        }
        return 0;
    }

    /** Removes and returns the next value, or null when empty. */
    public byte[] pop() {
        byte[] value = new byte[valueSize];
        return take(value, 0, true) == 0 ? value : null;
    }

    /** Pushes a value; see {@link #push(byte[], int, long)}. */
    public void push(byte[] value, long flags) {
        checkSize("value", value, valueSize);
        check(push(value, 0, flags), "push");
    }

    /** Java's lookup is the kernel's: a peek at the next value. */
    @Override
    public byte[] lookup(byte[] key) {
        byte[] value = new byte[valueSize];
        return take(value, 0, false) == 0 ? value : null;
    }

    @Override
    public void update(byte[] key, byte[] value, long flags) {
        push(value, flags);
    }

    @Override
    public byte[] nextKey(byte[] key) {
        throw error(Errno.EINVAL, "queue and stack maps have no keys");
    }

    @Override
    public void delete(byte[] key) {
        throw error(Errno.EINVAL, "queue and stack maps have no keys: pop instead");
    }

    @Override
    public int update(byte[] key, int keyOffset, byte[] value, int valueOffset, long flags, int cpu) {
        return push(value, valueOffset, flags);
    }

    /** Values held. */
    public int size() {
        return count;
    }
}
