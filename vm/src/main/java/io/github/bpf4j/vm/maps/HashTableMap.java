package io.github.bpf4j.vm.maps;

import io.github.bpf4j.vm.MapSpec;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * {@code BPF_MAP_TYPE_HASH}, {@code PERCPU_HASH}, {@code LRU_HASH} and {@code LRU_PERCPU_HASH}.
 * Open addressing over primitive arrays, sized once for {@code max_entries} as the kernel
 * preallocates: entries are numbered, their keys, hashes and values (in the slab) sit at that
 * number, and an index table of twice the capacity (linear probing, deletion by backward shift)
 * maps hashes to entry numbers. About 30 bytes per entry with 8-byte keys and values.
 *
 * <p>A full map refuses a new key with {@link Errno#E2BIG}; an LRU map instead evicts its least
 * recently used element (lookups and updates count as uses).
 */
final class HashTableMap extends AbstractMap {
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int NONE = -1;

    private final int cpus;
    private final int elementSize;
    private final int stride;
    private final byte[] keys;
    private final byte[] slab;
    private final int[] hashes;
    /** Index table: entry number + 1, 0 when empty. */
    private final int[] table;
    private final int mask;
    /** Free entries linked through this array; entries never used are counted by {@link #used}. */
    private final int[] nextFree;
    private int freeHead = NONE;
    private int used;
    private int size;
    /** Recency list of an LRU map (most recent at {@link #newest}), or null. */
    private final int[] older;
    private final int[] newer;
    private int newest = NONE;
    private int oldest = NONE;

    HashTableMap(MapSpec spec, int cpus) {
        super(spec);
        int type = spec.type();
        this.cpus = MapType.isPerCpu(type) ? cpus : 1;
        this.elementSize = roundUp8(valueSize);
        this.stride = Math.multiplyExact(elementSize, this.cpus);
        this.keys = new byte[Math.multiplyExact(keySize, maxEntries)];
        this.slab = new byte[Math.multiplyExact(stride, maxEntries)];
        this.hashes = new int[maxEntries];
        this.nextFree = new int[maxEntries];
        int capacity = Integer.highestOneBit(Math.max(2, maxEntries - 1)) << 2;
        if (capacity <= 0 || capacity > 1 << 30) {
            throw error(Errno.E2BIG, "max_entries " + maxEntries + " is too large");
        }
        this.table = new int[capacity];
        this.mask = capacity - 1;
        boolean lru = type == MapType.LRU_HASH || type == MapType.LRU_PERCPU_HASH;
        this.older = lru ? new int[maxEntries] : null;
        this.newer = lru ? new int[maxEntries] : null;
    }

    private int hash(byte[] key, int offset) {
        long h = 0x9e3779b97f4a7c15L;
        int i = 0;
        for (; i + 8 <= keySize; i += 8) {
            h = (h ^ (long) I64.get(key, offset + i)) * 0xbf58476d1ce4e5b9L;
            h ^= h >>> 31;
        }
        for (; i < keySize; i++) {
            h = (h ^ (key[offset + i] & 0xff)) * 0x94d049bb133111ebL;
        }
        h ^= h >>> 29;
        h *= 0xbf58476d1ce4e5b9L;
        return (int) (h ^ h >>> 32);
    }

    /** The entry holding the key, or NONE. */
    private int find(byte[] key, int offset, int h) {
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int e = table[i] - 1;
            if (e < 0) {
                return NONE;
            }
            if (hashes[e] == h && Arrays.equals(keys, e * keySize, e * keySize + keySize, key, offset, offset + keySize)) {
                return e;
            }
        }
    }

    private int slotOf(int entry) {
        for (int i = hashes[entry] & mask; ; i = (i + 1) & mask) {
            if (table[i] == entry + 1) {
                return i;
            }
        }
    }

    @Override
    public byte[] values() {
        return slab;
    }

    @Override
    public int lookupOffset(byte[] key, int keyOffset, int cpu) {
        int e = find(key, keyOffset, hash(key, keyOffset));
        if (e == NONE) {
            return -1;
        }
        touch(e);
        return e * stride + cpu % cpus * elementSize; // a CPU beyond the map's count wraps around
    }

    @Override
    public int update(byte[] key, int keyOffset, byte[] value, int valueOffset, long flags, int cpu) {
        int e = insert(key, keyOffset, flags);
        if (e < 0) {
            return e;
        }
        System.arraycopy(value, valueOffset, slab, e * stride + cpu % cpus * elementSize, valueSize);
        return 0;
    }

    /**
     * Finds or creates the entry for an update; a new entry's value is zeroed. Returns the entry
     * or a negative errno.
     */
    private int insert(byte[] key, int keyOffset, long flags) {
        if (updateFlagsError(flags) < 0) {
            return -Errno.EINVAL;
        }
        int h = hash(key, keyOffset);
        int e = find(key, keyOffset, h);
        long mode = flags & 3;
        if (e != NONE) {
            if (mode == BPF_NOEXIST) {
                return -Errno.EEXIST;
            }
            touch(e);
            return e;
        }
        if (mode == BPF_EXIST) {
            return -Errno.ENOENT;
        }
        if (size == maxEntries) {
            if (older == null) {
                return -Errno.E2BIG;
            }
            remove(oldest);
        }
        e = allocate();
        System.arraycopy(key, keyOffset, keys, e * keySize, keySize);
        Arrays.fill(slab, e * stride, e * stride + stride, (byte) 0);
        hashes[e] = h;
        int i = h & mask;
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = e + 1;
        size++;
        if (older != null) {
            link(e);
        }
        return e;
    }

    private int allocate() {
        if (freeHead != NONE) {
            int e = freeHead;
            freeHead = nextFree[e];
            return e;
        }
        return used++;
    }

    @Override
    public int delete(byte[] key, int keyOffset) {
        int e = find(key, keyOffset, hash(key, keyOffset));
        if (e == NONE) {
            return -Errno.ENOENT;
        }
        remove(e);
        return 0;
    }

    private void remove(int entry) {
        int hole = slotOf(entry);
        // Backward-shift deletion: move later members of the probe run into the hole.
        for (int j = (hole + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
            int home = hashes[table[j] - 1] & mask;
            boolean between = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!between) {
                table[hole] = table[j];
                hole = j;
            }
        }
        table[hole] = 0;
        nextFree[entry] = freeHead;
        freeHead = entry;
        size--;
        if (older != null) {
            unlink(entry);
        }
    }

    private void touch(int e) {
        if (older != null && newest != e) {
            unlink(e);
            link(e);
        }
    }

    private void link(int e) {
        older[e] = newest;
        newer[e] = NONE;
        if (newest != NONE) {
            newer[newest] = e;
        }
        newest = e;
        if (oldest == NONE) {
            oldest = e;
        }
    }

    private void unlink(int e) {
        if (older[e] != NONE) {
            newer[older[e]] = newer[e];
        } else {
            oldest = newer[e];
        }
        if (newer[e] != NONE) {
            older[newer[e]] = older[e];
        } else {
            newest = older[e];
        }
    }

    /** Elements in the map. */
    int size() {
        return size;
    }

    @Override
    int javaValueSize() {
        return MapType.isPerCpu(spec.type()) ? stride : valueSize;
    }

    @Override
    public byte[] lookup(byte[] key) {
        checkKey(key);
        int e = find(key, 0, hash(key, 0));
        if (e == NONE) {
            return null;
        }
        return Arrays.copyOfRange(slab, e * stride, e * stride + javaValueSize());
    }

    @Override
    public void update(byte[] key, byte[] value, long flags) {
        checkKey(key);
        checkSize("value", value, javaValueSize());
        int e = insert(key, 0, flags);
        check(e, "update");
        System.arraycopy(value, 0, slab, e * stride, value.length);
    }

    @Override
    public byte[] nextKey(byte[] key) {
        int from = 0;
        if (key != null) {
            checkKey(key);
            int e = find(key, 0, hash(key, 0));
            if (e != NONE) {
                from = slotOf(e) + 1;
            }
        }
        for (int i = from; i < table.length; i++) {
            int e = table[i] - 1;
            if (e >= 0) {
                return Arrays.copyOfRange(keys, e * keySize, e * keySize + keySize);
            }
        }
        return null;
    }
}
