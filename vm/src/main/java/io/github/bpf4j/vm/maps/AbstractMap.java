package io.github.bpf4j.vm.maps;

import io.github.bpf4j.vm.MapSpec;

/** Java-side operations built on the engine side, and the checks every map shares. */
abstract class AbstractMap implements BpfMap {
    final MapSpec spec;
    final int keySize;
    final int valueSize;
    final int maxEntries;

    AbstractMap(MapSpec spec) {
        this.spec = spec;
        this.keySize = spec.keySize();
        this.valueSize = spec.valueSize();
        this.maxEntries = spec.maxEntries();
    }

    @Override
    public MapSpec spec() {
        return spec;
    }

    MapException error(int errno, String detail) {
        return new MapException(spec.name(), errno, detail);
    }

    void checkKey(byte[] key) {
        checkSize("key", key, keySize);
    }

    void checkSize(String what, byte[] bytes, int size) {
        if (bytes == null || bytes.length != size) {
            throw error(Errno.EINVAL, what + " has " + (bytes == null ? "no" : bytes.length)
                    + " bytes, the map's " + what + " size is " + size);
        }
    }

    /** The value size seen from Java: one 8-byte-aligned copy per CPU for per-CPU maps. */
    int javaValueSize() {
        return valueSize;
    }

    /** Throws the errno of a negative result. */
    void check(int result, String what) {
        if (result < 0) {
            throw error(-result, what);
        }
    }

    static int updateFlagsError(long flags) {
        return flags < 0 || (flags & ~4L) > BPF_EXIST ? -Errno.EINVAL : 0;
    }

    @Override
    public void delete(byte[] key) {
        checkKey(key);
        check(delete(key, 0), "delete");
    }

    static int roundUp8(int n) {
        return (n + 7) & ~7;
    }

    /** Little-endian u32 index at {@code key[offset..]}. */
    static long index(byte[] key, int offset) {
        return (key[offset] & 0xffL) | (key[offset + 1] & 0xffL) << 8 | (key[offset + 2] & 0xffL) << 16
                | (key[offset + 3] & 0xffL) << 24;
    }

    static byte[] indexKey(long index) {
        return new byte[] {(byte) index, (byte) (index >> 8), (byte) (index >> 16), (byte) (index >> 24)};
    }

    /** get_next_key of an array: 0 after a missing or out-of-range key, null after the last. */
    static byte[] nextIndex(byte[] key, int maxEntries) {
        long next = 0;
        if (key != null) {
            long index = index(key, 0);
            next = index >= maxEntries ? 0 : index + 1;
        }
        return next < maxEntries ? indexKey(next) : null;
    }
}
