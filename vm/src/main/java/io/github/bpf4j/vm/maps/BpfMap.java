package io.github.bpf4j.vm.maps;

import io.github.bpf4j.vm.MapSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A map with the kernel's semantics, shared by a program and Java. From Java, keys and values
 * are byte arrays of the spec's sizes (for per-CPU maps a value is one 8-byte-aligned copy per
 * CPU, as with bpf(2)); a refusal is a {@link MapException} carrying the kernel's errno.
 *
 * <p>The methods taking a buffer and an offset are the engines' side: a program's key lives in
 * its memory, and a value it looks up lives in {@link #values()}, the map's one slab, so the
 * pointer a lookup returns writes the map itself. Keys and the map's structure live elsewhere
 * and are never addressable by a program.
 */
public interface BpfMap extends AutoCloseable {
    /** Update flag: create the element or replace it. */
    long BPF_ANY = 0;
    /** Update flag: create the element only if it does not exist. */
    long BPF_NOEXIST = 1;
    /** Update flag: replace the element only if it exists. */
    long BPF_EXIST = 2;

    MapSpec spec();

    /** The value under {@code key}, or null when there is none. */
    byte[] lookup(byte[] key);

    /** Stores {@code value} under {@code key} as {@code flags} says. */
    void update(byte[] key, byte[] value, long flags);

    /** Removes the element under {@code key}; {@link Errno#ENOENT} when there is none. */
    void delete(byte[] key);

    /**
     * The key after {@code key} in the map's iteration order; {@code null} (or a key not in the
     * map) asks for the first one. Null after the last.
     */
    byte[] nextKey(byte[] key);

    /** All keys in iteration order. */
    default List<byte[]> keys() {
        List<byte[]> keys = new ArrayList<>();
        for (byte[] k = nextKey(null); k != null; k = nextKey(k)) {
            keys.add(k);
        }
        return keys;
    }

    /** Releases what the map holds outside the heap (a kernel map's file descriptor); idempotent. */
    @Override
    default void close() {
    }

    // ---- engine side ----

    // Maps whose values a program never points into (ringbuf, perf events, prog and map arrays,
    // queues, kernel maps) keep the defaults: no slab, no lookup, EOPNOTSUPP.

    /** The slab holding every value a program can point into; the same array for the map's life. */
    default byte[] values() {
        return new byte[0];
    }

    /**
     * Where in {@link #values()} the value of the key at {@code key[keyOffset..]} starts, for
     * CPU {@code cpu}; -1 when there is none (or the map has no values a program may point to).
     */
    default int lookupOffset(byte[] key, int keyOffset, int cpu) {
        return -1;
    }

    /**
     * A program's update: the key and value are read from the given arrays (a per-CPU map
     * sets only CPU {@code cpu}'s copy). Returns 0 or a negative errno.
     */
    default int update(byte[] key, int keyOffset, byte[] value, int valueOffset, long flags, int cpu) {
        return -Errno.EOPNOTSUPP;
    }

    /** A program's delete: 0 or a negative errno. */
    default int delete(byte[] key, int keyOffset) {
        return -Errno.EOPNOTSUPP;
    }
}
