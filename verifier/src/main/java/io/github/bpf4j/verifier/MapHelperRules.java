package io.github.bpf4j.verifier;

import static io.github.bpf4j.vm.maps.MapType.*;

import io.github.bpf4j.vm.MapSpec;
import java.util.Set;

/**
 * What each map type allows, as the kernel decides it: which helpers a map may be passed to and
 * which maps a helper accepts (kernel: check_map_func_compatibility), direct value access through
 * lddw, lookups that cannot fail, and which maps bpf_for_each_map_elem can walk.
 */
final class MapHelperRules {
    static final int MAP_LOOKUP_ELEM = 1;
    static final int TAIL_CALL = 12;
    static final int PERF_EVENT_OUTPUT = 25;
    static final int MAP_PUSH_ELEM = 87;
    static final int MAP_POP_ELEM = 88;
    static final int MAP_PEEK_ELEM = 89;
    static final int RINGBUF_OUTPUT = 130;
    static final int RINGBUF_RESERVE = 131;
    static final int RINGBUF_QUERY = 134;
    static final int MAP_LOOKUP_PERCPU_ELEM = 195;
    static final int SKB_UNDER_CGROUP = 33;
    static final int CURRENT_TASK_UNDER_CGROUP = 37;
    static final int REDIRECT_MAP = 51;

    /** BPF_F_RDONLY_PROG: the program may read the map but not change it. */
    static final int RDONLY_PROG = 1 << 7;
    /** BPF_F_WRONLY_PROG: the program may change the map but not read it. */
    static final int WRONLY_PROG = 1 << 8;

    private static final int BLOOM_FILTER = 30;
    private static final int CGROUP_ARRAY = 8;
    private static final int DEVMAP = 14;
    private static final int CPUMAP = 16;
    private static final int XSKMAP = 17;
    private static final int DEVMAP_HASH = 25;
    private static final Set<Integer> PERF_EVENT_HELPERS = Set.of(22, PERF_EVENT_OUTPUT, 55, 111, 121);
    private static final Set<Integer> RINGBUF_HELPERS = Set.of(RINGBUF_OUTPUT, RINGBUF_RESERVE, RINGBUF_QUERY, 198, 199, 200);
    private static final Set<Integer> QUEUE_HELPERS = Set.of(MAP_PUSH_ELEM, MAP_POP_ELEM, MAP_PEEK_ELEM);
    private static final Set<Integer> FOR_EACH_TYPES = Set.of(HASH, ARRAY, PERCPU_HASH, PERCPU_ARRAY, LRU_HASH,
            LRU_PERCPU_HASH);

    private MapHelperRules() {}

    /**
     * Rejects passing {@code map} to helper {@code proto} where either side forbids it: maps that
     * only certain helpers may use (program arrays, ring buffers, queues and stacks, maps of maps),
     * and helpers that need a certain map type.
     */
    static void checkCompatible(int pc, MapSpec map, HelperPrototype proto) {
        if (map == null) {
            return;
        }
        int type = map.type();
        int func = proto.id();
        boolean ok = switch (type) {
            case PROG_ARRAY -> func == TAIL_CALL;
            case PERF_EVENT_ARRAY -> PERF_EVENT_HELPERS.contains(func);
            case RINGBUF -> RINGBUF_HELPERS.contains(func);
            case QUEUE, STACK -> QUEUE_HELPERS.contains(func);
            case ARRAY_OF_MAPS, HASH_OF_MAPS -> func == MAP_LOOKUP_ELEM;
            case DEVMAP, DEVMAP_HASH, XSKMAP -> func == REDIRECT_MAP || func == MAP_LOOKUP_ELEM;
            case CPUMAP -> func == REDIRECT_MAP;
            case CGROUP_ARRAY -> func == SKB_UNDER_CGROUP || func == CURRENT_TASK_UNDER_CGROUP;
            default -> true;
        };
        ok &= switch (func) {
            case TAIL_CALL -> type == PROG_ARRAY;
            case RINGBUF_OUTPUT, RINGBUF_RESERVE, RINGBUF_QUERY -> type == RINGBUF;
            case MAP_POP_ELEM -> type == QUEUE || type == STACK;
            case MAP_PUSH_ELEM, MAP_PEEK_ELEM -> type == QUEUE || type == STACK || type == BLOOM_FILTER;
            case REDIRECT_MAP -> type == DEVMAP || type == DEVMAP_HASH || type == CPUMAP || type == XSKMAP;
            case SKB_UNDER_CGROUP, CURRENT_TASK_UNDER_CGROUP -> type == CGROUP_ARRAY;
            case MAP_LOOKUP_PERCPU_ELEM -> type == PERCPU_ARRAY || type == PERCPU_HASH || type == LRU_PERCPU_HASH;
            default -> !PERF_EVENT_HELPERS.contains(func) || type == PERF_EVENT_ARRAY;
        };
        if (!ok) {
            throw new Rejection(pc, "cannot pass map_type " + type + " into func " + proto.name() + "#" + func);
        }
    }

    /** Helpers that change a map, which a map the program may only read refuses (kernel: record_func_map). */
    static void checkWritable(int pc, MapSpec map, int func) {
        boolean writes = func == 2 || func == 3 || func == MAP_PUSH_ELEM || func == MAP_POP_ELEM;
        if (map != null && writes && (map.flags() & RDONLY_PROG) != 0) {
            throw new Rejection(pc, "write into map forbidden");
        }
    }

    /**
     * A load from or store to a map value the map's flags forbid the program (kernel:
     * check_map_access_type); {@code off} includes the pointer's fixed offset.
     */
    static void checkAccessType(int pc, MapSpec map, int off, int size, boolean write) {
        if (map == null) {
            return;
        }
        if (write && (map.flags() & RDONLY_PROG) != 0) {
            throw new Rejection(pc, "write into map forbidden, value_size=" + map.valueSize() + " off=" + off + " size=" + size);
        }
        if (!write && (map.flags() & WRONLY_PROG) != 0) {
            throw new Rejection(pc, "read from map forbidden, value_size=" + map.valueSize() + " off=" + off + " size=" + size);
        }
    }

    /** Whether an lddw may point into the map's value (only arrays have a value address to give). */
    static boolean hasDirectValueAccess(MapSpec map) {
        return map.type() == ARRAY;
    }

    /**
     * Whether a lookup with a constant key below max_entries cannot fail, so it returns a plain
     * map value pointer (kernel: can_elide_value_nullness).
     */
    static boolean lookupNeverFailsForConstantKey(MapSpec map) {
        return map.type() == ARRAY || map.type() == PERCPU_ARRAY;
    }

    /** Whether bpf_for_each_map_elem can walk the map (its ops have map_for_each_callback). */
    static boolean supportsForEach(MapSpec map) {
        return FOR_EACH_TYPES.contains(map.type());
    }
}
