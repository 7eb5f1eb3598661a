package io.github.bpf4j.vm.maps;

import io.github.bpf4j.vm.MapSpec;
import java.util.Arrays;

/**
 * {@code BPF_MAP_TYPE_ARRAY} and {@code PERCPU_ARRAY}: {@code max_entries} zero-initialised
 * values under 4-byte indexes, laid out in the slab as the kernel does (each value rounded up to
 * 8 bytes, per-CPU copies side by side). Elements cannot be deleted.
 */
final class ArrayMap extends AbstractMap {
    private final int cpus;
    /** Bytes of one CPU's copy of a value. */
    private final int elementSize;
    private final byte[] slab;

    ArrayMap(MapSpec spec, int cpus) {
        super(spec);
        this.cpus = MapType.isPerCpu(spec.type()) ? cpus : 1;
        this.elementSize = roundUp8(valueSize);
        this.slab = new byte[Math.multiplyExact(Math.multiplyExact(elementSize, this.cpus), maxEntries)];
    }

    /** A CPU beyond the map's count wraps around (the task's CPU is set apart from the map's). */
    private int offset(long index, int cpu) {
        return (int) (index * elementSize * cpus) + cpu % cpus * elementSize;
    }

    @Override
    public byte[] values() {
        return slab;
    }

    @Override
    public int lookupOffset(byte[] key, int keyOffset, int cpu) {
        long index = index(key, keyOffset);
        return index < maxEntries ? offset(index, cpu) : -1;
    }

    @Override
    public int update(byte[] key, int keyOffset, byte[] value, int valueOffset, long flags, int cpu) {
        if (updateFlagsError(flags) < 0) {
            return -Errno.EINVAL;
        }
        long index = index(key, keyOffset);
        if (index >= maxEntries) {
            return -Errno.E2BIG;
        }
        if ((flags & 3) == BPF_NOEXIST) {
            return -Errno.EEXIST; // every element of an array exists
        }
        System.arraycopy(value, valueOffset, slab, offset(index, cpu), valueSize);
        return 0;
    }

    @Override
    public int delete(byte[] key, int keyOffset) {
        return -Errno.EINVAL;
    }

    @Override
    public byte[] lookup(byte[] key) {
        checkKey(key);
        long index = index(key, 0);
        if (index >= maxEntries) {
            return null;
        }
        if (cpus == 1 && !MapType.isPerCpu(spec.type())) {
            int at = offset(index, 0);
            return Arrays.copyOfRange(slab, at, at + valueSize);
        }
        int at = offset(index, 0);
        return Arrays.copyOfRange(slab, at, at + elementSize * cpus);
    }

    @Override
    public void update(byte[] key, byte[] value, long flags) {
        checkKey(key);
        if (!MapType.isPerCpu(spec.type())) {
            checkSize("value", value, valueSize);
            check(update(key, 0, value, 0, flags, 0), "update");
            return;
        }
        checkSize("value", value, elementSize * cpus);
        for (int cpu = 0; cpu < cpus; cpu++) {
            check(update(key, 0, value, cpu * elementSize, flags, cpu), "update");
        }
    }

    @Override
    public byte[] nextKey(byte[] key) {
        if (key != null) {
            checkKey(key);
        }
        return nextIndex(key, maxEntries);
    }
}
