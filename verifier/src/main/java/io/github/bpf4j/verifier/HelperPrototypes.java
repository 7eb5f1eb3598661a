package io.github.bpf4j.verifier;

import io.github.bpf4j.verifier.HelperPrototype.Arg;
import io.github.bpf4j.verifier.HelperPrototype.Returns;
import io.github.bpf4j.vm.Disassembler;
import io.github.bpf4j.vm.Program;
import java.util.List;
import java.util.Map;

/**
 * The helper prototypes the verifier checks calls against (the kernel's bpf_func_proto of each;
 * which program types may call which helper is {@link HelperAllowList}). Add prototypes (and
 * argument kinds) here.
 */
final class HelperPrototypes {
    /** The kernel's __BPF_FUNC_MAX_ID on 6.18: numbers at or above it are "invalid func". */
    static final int FUNC_MAX_ID = 212;

    private static final Map<Integer, HelperPrototype> ALL = Map.ofEntries(
            packetHelper(1, "bpf_map_lookup_elem", Returns.MAP_VALUE_OR_NULL, Arg.MAP_PTR, Arg.MAP_KEY),
            packetHelper(2, "bpf_map_update_elem", Returns.INTEGER, Arg.MAP_PTR, Arg.MAP_KEY, Arg.MAP_VALUE, Arg.ANYTHING),
            packetHelper(3, "bpf_map_delete_elem", Returns.INTEGER, Arg.MAP_PTR, Arg.MAP_KEY),
            helper(4, "bpf_probe_read", Returns.INTEGER, Arg.MEM_UNINIT, Arg.SIZE_OR_ZERO, Arg.ANYTHING),
            helper(5, "bpf_ktime_get_ns", Returns.INTEGER),
            helper(6, "bpf_trace_printk", Returns.INTEGER, Arg.MEM_READ, Arg.SIZE), // the varargs are not checked
            helper(7, "bpf_get_prandom_u32", Returns.INTEGER),
            helper(8, "bpf_get_smp_processor_id", Returns.INTEGER),
            helper(12, "bpf_tail_call", Returns.VOID, Arg.CTX, Arg.MAP_PTR, Arg.ANYTHING),
            helper(14, "bpf_get_current_pid_tgid", Returns.INTEGER),
            helper(15, "bpf_get_current_uid_gid", Returns.INTEGER),
            helper(16, "bpf_get_current_comm", Returns.INTEGER, Arg.MEM_UNINIT, Arg.SIZE),
            helper(25, "bpf_perf_event_output", Returns.INTEGER, Arg.CTX, Arg.MAP_PTR, Arg.ANYTHING, Arg.MEM_READ,
                    Arg.SIZE_OR_ZERO),
            helper(26, "bpf_skb_load_bytes", Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.MEM_UNINIT, Arg.SIZE),
            helper(42, "bpf_get_numa_node_id", Returns.INTEGER),
            helper(45, "bpf_probe_read_str", Returns.INTEGER, Arg.MEM_UNINIT, Arg.SIZE_OR_ZERO, Arg.ANYTHING),
            packetHelper(87, "bpf_map_push_elem", Returns.INTEGER, Arg.MAP_PTR, Arg.MAP_VALUE, Arg.ANYTHING),
            helper(88, "bpf_map_pop_elem", Returns.INTEGER, Arg.MAP_PTR, Arg.MAP_VALUE_UNINIT),
            helper(89, "bpf_map_peek_elem", Returns.INTEGER, Arg.MAP_PTR, Arg.MAP_VALUE_UNINIT),
            helper(112, "bpf_probe_read_user", Returns.INTEGER, Arg.MEM_UNINIT, Arg.SIZE_OR_ZERO, Arg.ANYTHING),
            helper(113, "bpf_probe_read_kernel", Returns.INTEGER, Arg.MEM_UNINIT, Arg.SIZE_OR_ZERO, Arg.ANYTHING),
            helper(114, "bpf_probe_read_user_str", Returns.INTEGER, Arg.MEM_UNINIT, Arg.SIZE_OR_ZERO, Arg.ANYTHING),
            helper(115, "bpf_probe_read_kernel_str", Returns.INTEGER, Arg.MEM_UNINIT, Arg.SIZE_OR_ZERO, Arg.ANYTHING),
            helper(125, "bpf_ktime_get_boot_ns", Returns.INTEGER),
            helper(130, "bpf_ringbuf_output", Returns.INTEGER, Arg.MAP_PTR, Arg.MEM_READ, Arg.SIZE_OR_ZERO, Arg.ANYTHING),
            helper(131, "bpf_ringbuf_reserve", Returns.RINGBUF_MEM_OR_NULL, Arg.MAP_PTR, Arg.ALLOC_SIZE, Arg.ANYTHING),
            helper(132, "bpf_ringbuf_submit", Returns.VOID, Arg.RELEASE_RINGBUF_MEM, Arg.ANYTHING),
            helper(133, "bpf_ringbuf_discard", Returns.VOID, Arg.RELEASE_RINGBUF_MEM, Arg.ANYTHING),
            helper(134, "bpf_ringbuf_query", Returns.INTEGER, Arg.MAP_PTR, Arg.ANYTHING),
            helper(164, "bpf_for_each_map_elem", Returns.INTEGER, Arg.MAP_PTR, Arg.FUNC, Arg.STACK_OR_NULL, Arg.ANYTHING),
            helper(181, "bpf_loop", Returns.INTEGER, Arg.ANYTHING, Arg.FUNC, Arg.STACK_OR_NULL, Arg.ANYTHING));

    private static Map.Entry<Integer, HelperPrototype> helper(int id, String name, Returns returns, Arg... args) {
        return Map.entry(id, new HelperPrototype(id, name, List.of(args), returns, false));
    }

    /** A helper that may be given packet memory (the kernel's pkt_access). */
    private static Map.Entry<Integer, HelperPrototype> packetHelper(int id, String name, Returns returns, Arg... args) {
        return Map.entry(id, new HelperPrototype(id, name, List.of(args), returns, true));
    }

    private HelperPrototypes() {}

    /** The prototype of helper {@code id}, or null where the verifier does not model it yet. */
    static HelperPrototype find(int id) {
        return ALL.get(id);
    }

    /** Registers a call to helper {@code id} reads, as a bit mask (r1 = bit 1). */
    static int argumentMask(int id) {
        HelperPrototype p = ALL.get(id);
        int n = p == null ? 5 : p.argCount();
        return ((1 << (n + 1)) - 1) & ~1;
    }

    /**
     * The name the kernel prints for a helper number (its log says e.g. bpf_ktime_get_ns#5), as
     * the shared disassembler spells a call in the kernel's notation.
     */
    static String name(int id) {
        HelperPrototype p = ALL.get(id);
        if (p != null) {
            return p.name();
        }
        long call = 0x85L | (long) id << 32;
        String text = Disassembler.instruction(Program.of(call, 0x95L), 0, Disassembler.Syntax.KERNEL);
        int hash = text.lastIndexOf('#');
        return text.substring(text.lastIndexOf(' ', hash) + 1, hash);
    }
}
