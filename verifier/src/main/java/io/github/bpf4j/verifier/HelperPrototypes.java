package io.github.bpf4j.verifier;

import io.github.bpf4j.vm.ProgramType;
import io.github.bpf4j.verifier.HelperPrototype.Arg;
import io.github.bpf4j.verifier.HelperPrototype.Returns;
import java.util.List;
import java.util.Map;

/**
 * The helper prototypes the verifier checks calls against, per program type. The extension
 * point for the maps-and-helpers issue: add prototypes (and argument kinds) here.
 */
final class HelperPrototypes {
    /** The kernel's __BPF_FUNC_MAX_ID on 6.18: numbers at or above it are "invalid func". */
    static final int FUNC_MAX_ID = 212;

    private static final Map<Integer, HelperPrototype> ALL = Map.ofEntries(
            helper(1, "bpf_map_lookup_elem", Returns.MAP_VALUE_OR_NULL, Arg.MAP_PTR, Arg.MAP_KEY),
            helper(2, "bpf_map_update_elem", Returns.INTEGER, Arg.MAP_PTR, Arg.MAP_KEY, Arg.MAP_VALUE, Arg.ANYTHING),
            helper(3, "bpf_map_delete_elem", Returns.INTEGER, Arg.MAP_PTR, Arg.MAP_KEY),
            helper(5, "bpf_ktime_get_ns", Returns.INTEGER),
            helper(7, "bpf_get_prandom_u32", Returns.INTEGER),
            helper(8, "bpf_get_smp_processor_id", Returns.INTEGER),
            helper(42, "bpf_get_numa_node_id", Returns.INTEGER),
            helper(125, "bpf_ktime_get_boot_ns", Returns.INTEGER),
            helper(131, "bpf_ringbuf_reserve", Returns.RINGBUF_MEM_OR_NULL, Arg.MAP_PTR, Arg.ALLOC_SIZE, Arg.ANYTHING),
            helper(132, "bpf_ringbuf_submit", Returns.VOID, Arg.RELEASE_RINGBUF_MEM, Arg.ANYTHING),
            helper(133, "bpf_ringbuf_discard", Returns.VOID, Arg.RELEASE_RINGBUF_MEM, Arg.ANYTHING));

    private static Map.Entry<Integer, HelperPrototype> helper(int id, String name, Returns returns, Arg... args) {
        return Map.entry(id, new HelperPrototype(id, name, List.of(args), returns));
    }

    private HelperPrototypes() {}

    /** The prototype of helper {@code id} for programs of {@code type}, or null. */
    static HelperPrototype find(int id, ProgramType type) {
        return ALL.get(id);
    }

    /** Registers a call to helper {@code id} reads, as a bit mask (r1 = bit 1). */
    static int argumentMask(int id) {
        HelperPrototype p = ALL.get(id);
        int n = p == null ? 5 : p.argCount();
        return ((1 << (n + 1)) - 1) & ~1;
    }

    /** The name the kernel prints for a helper number (its log says e.g. bpf_ktime_get_ns#5). */
    static String name(int id) {
        HelperPrototype p = ALL.get(id);
        return p != null ? p.name() : "unknown";
    }
}
