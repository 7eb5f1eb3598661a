package io.github.bpf4j.vm.maps;

/** The kernel's {@code enum bpf_map_type} numbers of the map types bpf4j implements. */
public final class MapType {
    public static final int HASH = 1;
    public static final int ARRAY = 2;
    public static final int PROG_ARRAY = 3;
    public static final int PERF_EVENT_ARRAY = 4;
    public static final int PERCPU_HASH = 5;
    public static final int PERCPU_ARRAY = 6;
    public static final int LRU_HASH = 9;
    public static final int LRU_PERCPU_HASH = 10;
    public static final int LPM_TRIE = 11;
    public static final int ARRAY_OF_MAPS = 12;
    public static final int HASH_OF_MAPS = 13;
    public static final int QUEUE = 22;
    public static final int STACK = 23;
    public static final int RINGBUF = 27;

    private MapType() {}

    /** The kernel's name without the prefix, e.g. {@code percpu_hash}, or {@code type N}. */
    public static String name(int type) {
        return switch (type) {
            case HASH -> "hash";
            case ARRAY -> "array";
            case PROG_ARRAY -> "prog_array";
            case PERF_EVENT_ARRAY -> "perf_event_array";
            case PERCPU_HASH -> "percpu_hash";
            case PERCPU_ARRAY -> "percpu_array";
            case LRU_HASH -> "lru_hash";
            case LRU_PERCPU_HASH -> "lru_percpu_hash";
            case LPM_TRIE -> "lpm_trie";
            case ARRAY_OF_MAPS -> "array_of_maps";
            case HASH_OF_MAPS -> "hash_of_maps";
            case QUEUE -> "queue";
            case STACK -> "stack";
            case RINGBUF -> "ringbuf";
            default -> "type " + type;
        };
    }

    /** Whether values hold one copy per CPU. */
    public static boolean isPerCpu(int type) {
        return type == PERCPU_HASH || type == PERCPU_ARRAY || type == LRU_PERCPU_HASH;
    }
}
