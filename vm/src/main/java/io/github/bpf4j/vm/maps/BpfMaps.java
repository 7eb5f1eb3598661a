package io.github.bpf4j.vm.maps;

import io.github.bpf4j.vm.MapSpec;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates maps from their {@link MapSpec}s and gives each an id (for maps of maps). */
public final class BpfMaps {
    private static final AtomicInteger NEXT_ID = new AtomicInteger(1);
    private static final Map<BpfMap, Integer> IDS = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    private static final Map<Integer, WeakReference<BpfMap>> BY_ID = new ConcurrentHashMap<>();

    /** The most memory one map may take; a larger one is refused before anything is allocated. */
    static final long MAX_MAP_BYTES = Long.getLong("bpf4j.maxMapBytes", 256L << 20);

    private BpfMaps() {}

    /** A map with one CPU. */
    public static BpfMap create(MapSpec spec) {
        return create(spec, 1);
    }

    /**
     * A map as the kernel would create it for {@code spec}, with {@code cpus} copies of each value
     * for per-CPU types; a {@link MapException} with EINVAL (or E2BIG) naming the map when the
     * kernel would refuse it.
     */
    public static BpfMap create(MapSpec spec, int cpus) {
        String name = spec.name();
        if (cpus < 1) {
            throw new MapException(name, Errno.EINVAL, "CPU count must be at least 1, is " + cpus);
        }
        int type = spec.type();
        if (spec.maxEntries() <= 0 && type != MapType.PERF_EVENT_ARRAY) {
            throw new MapException(name, Errno.EINVAL, "max_entries must be positive, is " + spec.maxEntries());
        }
        if (spec.keySize() < 0 || spec.valueSize() < 0) {
            throw new MapException(name, Errno.EINVAL, "negative key or value size");
        }
        // Keys, values (8-byte aligned, per CPU) and the index of a hash table, before allocating any.
        long entries = Math.max(0, spec.maxEntries());
        long bytes = entries * (spec.keySize() + 16L + ((spec.valueSize() + 7L) & ~7L) * cpus);
        if (bytes > MAX_MAP_BYTES) {
            throw new MapException(name, Errno.E2BIG, "needs about " + bytes + " bytes, more than the "
                    + MAX_MAP_BYTES + " a map may take (system property bpf4j.maxMapBytes)");
        }
        BpfMap map = switch (type) {
            case MapType.ARRAY, MapType.PERCPU_ARRAY -> {
                requireSizes(spec, 4, true);
                yield new ArrayMap(spec, cpus);
            }
            case MapType.HASH, MapType.PERCPU_HASH, MapType.LRU_HASH, MapType.LRU_PERCPU_HASH -> {
                requireSizes(spec, -1, true);
                yield new HashTableMap(spec, cpus);
            }
            case MapType.PROG_ARRAY -> new ProgArrayMap(spec);
            case MapType.PERF_EVENT_ARRAY -> new PerfEventArrayMap(spec.maxEntries() > 0 ? spec
                    : new MapSpec(name, type, spec.keySize(), spec.valueSize(), cpus, spec.flags()));
            case MapType.LPM_TRIE -> new LpmTrieMap(spec);
            case MapType.ARRAY_OF_MAPS -> {
                requireSizes(spec, 4, true);
                yield new MapOfMaps(spec);
            }
            case MapType.HASH_OF_MAPS -> {
                requireSizes(spec, -1, true);
                yield new MapOfMaps(spec);
            }
            case MapType.QUEUE, MapType.STACK -> {
                if (spec.keySize() != 0 || spec.valueSize() == 0) {
                    throw new MapException(name, Errno.EINVAL, MapType.name(type) + " maps need key size 0 and a value");
                }
                yield new QueueStackMap(spec);
            }
            case MapType.RINGBUF -> new RingBufferMap(spec);
            default -> throw new MapException(name, Errno.EINVAL, "unknown map type " + type);
        };
        byte[] initial = spec.initialValue();
        if (initial != null) {
            if (initial.length != spec.valueSize() || type != MapType.ARRAY) {
                throw new MapException(name, Errno.EINVAL, "an initial value needs an array map and "
                        + spec.valueSize() + " bytes, has " + initial.length);
            }
            System.arraycopy(initial, 0, map.values(), 0, initial.length);
        }
        int id = NEXT_ID.getAndIncrement();
        IDS.put(map, id);
        BY_ID.put(id, new WeakReference<>(map));
        return map;
    }

    private static void requireSizes(MapSpec spec, int keySize, boolean needsValue) {
        if (keySize >= 0 ? spec.keySize() != keySize : spec.keySize() == 0) {
            throw new MapException(spec.name(), Errno.EINVAL, MapType.name(spec.type()) + " maps need key size "
                    + (keySize >= 0 ? Integer.toString(keySize) : "above 0") + ", has " + spec.keySize());
        }
        if (needsValue && spec.valueSize() == 0) {
            throw new MapException(spec.name(), Errno.EINVAL, MapType.name(spec.type()) + " maps need a value size above 0");
        }
    }

    /** The id given to a map this class created (0 for other maps). */
    public static int id(BpfMap map) {
        Integer id = IDS.get(map);
        return id == null ? 0 : id;
    }

    /** The map with this id while it is alive, or null. */
    public static BpfMap byId(int id) {
        WeakReference<BpfMap> ref = BY_ID.get(id);
        return ref == null ? null : ref.get();
    }
}
