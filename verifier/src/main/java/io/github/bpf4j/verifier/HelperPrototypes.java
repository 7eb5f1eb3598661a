package io.github.bpf4j.verifier;

import io.github.bpf4j.vm.ProgramType;
import io.github.bpf4j.verifier.HelperPrototype.Arg;
import java.util.List;
import java.util.Map;

/**
 * The helper prototypes the verifier checks calls against, per program type. The extension
 * point for the maps-and-helpers issue: add prototypes (and argument kinds) here.
 */
final class HelperPrototypes {
    /** The kernel's __BPF_FUNC_MAX_ID on 6.18: numbers at or above it are "invalid func". */
    static final int FUNC_MAX_ID = 212;

    private static final Map<Integer, HelperPrototype> ALL = Map.of(
            1, new HelperPrototype(1, "bpf_map_lookup_elem", List.of(Arg.MAP_PTR, Arg.MAP_KEY),
                    HelperPrototype.Returns.MAP_VALUE_OR_NULL),
            2, new HelperPrototype(2, "bpf_map_update_elem",
                    List.of(Arg.MAP_PTR, Arg.MAP_KEY, Arg.MAP_VALUE, Arg.ANYTHING), HelperPrototype.Returns.INTEGER),
            3, new HelperPrototype(3, "bpf_map_delete_elem", List.of(Arg.MAP_PTR, Arg.MAP_KEY),
                    HelperPrototype.Returns.INTEGER),
            5, new HelperPrototype(5, "bpf_ktime_get_ns", List.of(), HelperPrototype.Returns.INTEGER),
            7, new HelperPrototype(7, "bpf_get_prandom_u32", List.of(), HelperPrototype.Returns.INTEGER),
            8, new HelperPrototype(8, "bpf_get_smp_processor_id", List.of(), HelperPrototype.Returns.INTEGER),
            42, new HelperPrototype(42, "bpf_get_numa_node_id", List.of(), HelperPrototype.Returns.INTEGER),
            125, new HelperPrototype(125, "bpf_ktime_get_boot_ns", List.of(), HelperPrototype.Returns.INTEGER));

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
