package io.github.bpf4j.vm.maps;

import io.github.bpf4j.vm.MapSpec;

/**
 * {@code BPF_MAP_TYPE_LPM_TRIE}: keys are a little-endian u32 prefix length followed by the
 * data (e.g. an IPv4 address in network order); a lookup finds the longest stored prefix that
 * matches the first {@code prefixlen} bits of the key's data. Stored as one hash table of
 * masked keys probed from the longest prefix length in use down, so a lookup costs at most one
 * probe per distinct prefix length. As in the kernel the map must be created with
 * {@code BPF_F_NO_PREALLOC}.
 */
final class LpmTrieMap extends AbstractMap {
    static final int NO_PREALLOC = 1;
    private final int dataBits;
    private final HashTableMap table;
    /** Elements stored per prefix length. */
    private final int[] perLength;

    LpmTrieMap(MapSpec spec) {
        super(spec);
        if (keySize < 5 || keySize > 4 + 256 || valueSize < 1 || (spec.flags() & NO_PREALLOC) == 0) {
            throw error(Errno.EINVAL, "an lpm_trie needs key size 5..260, a value and the BPF_F_NO_PREALLOC flag");
        }
        this.dataBits = (keySize - 4) * 8;
        this.table = new HashTableMap(new MapSpec(spec.name(), MapType.HASH, keySize, valueSize, maxEntries, 0), 1);
        this.perLength = new int[dataBits + 1];
    }

    /** The key's first 4 + prefixlen bits with the rest zeroed, or null when prefixlen is too long. */
    private byte[] masked(byte[] key, int offset, long prefixLength) {
        if (prefixLength > dataBits) {
            return null;
        }
        byte[] m = new byte[keySize];
        m[0] = (byte) prefixLength;
        m[1] = (byte) (prefixLength >> 8);
        int full = (int) prefixLength / 8;
        System.arraycopy(key, offset + 4, m, 4, full);
        int rest = (int) prefixLength % 8;
        if (rest != 0) {
            m[4 + full] = (byte) (key[offset + 4 + full] & (0xff << (8 - rest)));
        }
        return m;
    }

    @Override
    public byte[] values() {
        return table.values();
    }

    @Override
    public int lookupOffset(byte[] key, int keyOffset, int cpu) {
        long wanted = Math.min(index(key, keyOffset), dataBits);
        for (long length = wanted; length >= 0; length--) {
            if (perLength[(int) length] > 0) {
                int at = table.lookupOffset(masked(key, keyOffset, length), 0, 0);
                if (at >= 0) {
                    return at;
                }
            }
        }
        return -1;
    }

    @Override
    public int update(byte[] key, int keyOffset, byte[] value, int valueOffset, long flags, int cpu) {
        long length = index(key, keyOffset);
        byte[] m = masked(key, keyOffset, length);
        if (m == null) {
            return -Errno.EINVAL;
        }
        boolean existed = table.lookupOffset(m, 0, 0) >= 0;
        int result = table.update(m, 0, value, valueOffset, flags, 0);
        if (result == 0 && !existed) {
            perLength[(int) length]++;
        }
        return result;
    }

    @Override
    public int delete(byte[] key, int keyOffset) {
        long length = index(key, keyOffset);
        byte[] m = masked(key, keyOffset, length);
        if (m == null) {
            return -Errno.EINVAL;
        }
        int result = table.delete(m, 0);
        if (result == 0) {
            perLength[(int) length]--;
        }
        return result;
    }

    @Override
    public byte[] lookup(byte[] key) {
        checkKey(key);
        int at = lookupOffset(key, 0, 0);
        if (at < 0) {
            return null;
        }
        byte[] v = new byte[valueSize];
        System.arraycopy(values(), at, v, 0, valueSize);
        return v;
    }

    @Override
    public void update(byte[] key, byte[] value, long flags) {
        checkKey(key);
        checkSize("value", value, valueSize);
        check(update(key, 0, value, 0, flags, 0), "update");
    }

    @Override
    public byte[] nextKey(byte[] key) {
        if (key != null) {
            checkKey(key);
            byte[] m = masked(key, 0, index(key, 0));
            return table.nextKey(m == null ? null : m);
        }
        return table.nextKey(null);
    }
}
