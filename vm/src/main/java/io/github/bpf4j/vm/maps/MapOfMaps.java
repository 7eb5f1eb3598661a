package io.github.bpf4j.vm.maps;

import io.github.bpf4j.vm.MapSpec;

/**
 * {@code BPF_MAP_TYPE_ARRAY_OF_MAPS} and {@code HASH_OF_MAPS}: values are maps. From Java a value
 * is the inner map's {@link BpfMaps#id id} (4 bytes, little-endian, as bpf(2) takes a map fd),
 * or use {@link #put}/{@link #inner}; a program's lookup yields the inner map itself, which it
 * passes to the map helpers. Inner maps must match the first one stored in type and sizes, as
 * the kernel checks them against the map's template.
 */
public final class MapOfMaps extends AbstractMap {
    /** Inner map ids, held in an array or hash map of 4-byte values. */
    private final AbstractMap ids;
    private MapSpec template;

    MapOfMaps(MapSpec spec) {
        super(spec);
        if (valueSize != 4) {
            throw error(Errno.EINVAL, "a map of maps needs value size 4, has " + valueSize);
        }
        MapSpec idSpec = new MapSpec(spec.name(), spec.type() == MapType.ARRAY_OF_MAPS ? MapType.ARRAY : MapType.HASH,
                keySize, 4, maxEntries, 0);
        this.ids = spec.type() == MapType.ARRAY_OF_MAPS ? new ArrayMap(idSpec, 1) : new HashTableMap(idSpec, 1);
    }

    /** Stores {@code map} under {@code key}. */
    public void put(byte[] key, BpfMap map, long flags) {
        checkKey(key);
        if (template != null && !compatible(template, map.spec())) {
            throw error(Errno.EINVAL, "inner map '" + map.spec().name() + "' does not match the template "
                    + MapType.name(template.type()) + " key " + template.keySize() + " value " + template.valueSize());
        }
        ids.update(key, indexKeyOf(BpfMaps.id(map)), flags);
        if (template == null) {
            template = map.spec();
        }
    }

    private static byte[] indexKeyOf(int id) {
        return indexKey(id);
    }

    private static boolean compatible(MapSpec a, MapSpec b) {
        return a.type() == b.type() && a.keySize() == b.keySize() && a.valueSize() == b.valueSize();
    }

    /** The inner map under the key at {@code key[offset..]}, or null. */
    public BpfMap inner(byte[] key, int offset) {
        int at = ids.lookupOffset(key, offset, 0);
        if (at < 0) {
            return null;
        }
        byte[] v = ids.values();
        int id = (int) index(v, at);
        return id == 0 ? null : BpfMaps.byId(id);
    }

    @Override
    public byte[] lookup(byte[] key) {
        checkKey(key);
        byte[] id = ids.lookup(key);
        return id == null || index(id, 0) == 0 ? null : id;
    }

    @Override
    public void update(byte[] key, byte[] value, long flags) {
        checkSize("value", value, 4);
        BpfMap map = BpfMaps.byId((int) index(value, 0));
        if (map == null) {
            throw error(Errno.EINVAL, "no map has id " + index(value, 0));
        }
        put(key, map, flags);
    }

    @Override
    public void delete(byte[] key) {
        checkKey(key);
        if (spec.type() == MapType.ARRAY_OF_MAPS) {
            if (index(key, 0) >= maxEntries) {
                throw error(Errno.E2BIG, "index " + index(key, 0));
            }
            ids.update(key, new byte[4], BPF_ANY);
            return;
        }
        ids.delete(key);
    }

    @Override
    public byte[] nextKey(byte[] key) {
        return ids.nextKey(key);
    }
}
