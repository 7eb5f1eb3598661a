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
            helper(9, "bpf_skb_store_bytes", Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.MEM_READ, Arg.SIZE, Arg.ANYTHING),
            helper(10, "bpf_l3_csum_replace", Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.ANYTHING, Arg.ANYTHING,
                    Arg.ANYTHING),
            helper(11, "bpf_l4_csum_replace", Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.ANYTHING, Arg.ANYTHING,
                    Arg.ANYTHING),
            helper(12, "bpf_tail_call", Returns.VOID, Arg.CTX, Arg.MAP_PTR, Arg.ANYTHING),
            helper(13, "bpf_clone_redirect", Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.ANYTHING),
            helper(14, "bpf_get_current_pid_tgid", Returns.INTEGER),
            helper(15, "bpf_get_current_uid_gid", Returns.INTEGER),
            helper(16, "bpf_get_current_comm", Returns.INTEGER, Arg.MEM_UNINIT, Arg.SIZE),
            helper(17, "bpf_get_cgroup_classid", Returns.INTEGER, Arg.CTX),
            helper(18, "bpf_skb_vlan_push", Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.ANYTHING),
            helper(19, "bpf_skb_vlan_pop", Returns.INTEGER, Arg.CTX),
            helper(20, "bpf_skb_get_tunnel_key", Returns.INTEGER, Arg.CTX, Arg.MEM_UNINIT, Arg.SIZE, Arg.ANYTHING),
            helper(21, "bpf_skb_set_tunnel_key", Returns.INTEGER, Arg.CTX, Arg.MEM_READ, Arg.SIZE, Arg.ANYTHING),
            helper(23, "bpf_redirect", Returns.INTEGER, Arg.ANYTHING, Arg.ANYTHING),
            helper(24, "bpf_get_route_realm", Returns.INTEGER, Arg.CTX),
            helper(25, "bpf_perf_event_output", Returns.INTEGER, Arg.CTX, Arg.MAP_PTR, Arg.ANYTHING, Arg.MEM_READ,
                    Arg.SIZE_OR_ZERO),
            helper(26, "bpf_skb_load_bytes", Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.MEM_UNINIT, Arg.SIZE),
            packetHelper(28, "bpf_csum_diff", Returns.INTEGER, Arg.MEM_READ_OR_NULL, Arg.SIZE_OR_ZERO,
                    Arg.MEM_READ_OR_NULL, Arg.SIZE_OR_ZERO, Arg.ANYTHING),
            helper(31, "bpf_skb_change_proto", Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.ANYTHING),
            helper(32, "bpf_skb_change_type", Returns.INTEGER, Arg.CTX, Arg.ANYTHING),
            helper(33, "bpf_skb_under_cgroup", Returns.INTEGER, Arg.CTX, Arg.MAP_PTR, Arg.ANYTHING),
            helper(34, "bpf_get_hash_recalc", Returns.INTEGER, Arg.CTX),
            helper(38, "bpf_skb_change_tail", Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.ANYTHING),
            helper(39, "bpf_skb_pull_data", Returns.INTEGER, Arg.CTX, Arg.ANYTHING),
            helper(40, "bpf_csum_update", Returns.INTEGER, Arg.CTX, Arg.ANYTHING),
            helper(41, "bpf_set_hash_invalid", Returns.VOID, Arg.CTX),
            helper(42, "bpf_get_numa_node_id", Returns.INTEGER),
            helper(43, "bpf_skb_change_head", Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.ANYTHING),
            helper(44, "bpf_xdp_adjust_head", Returns.INTEGER, Arg.CTX, Arg.ANYTHING),
            helper(45, "bpf_probe_read_str", Returns.INTEGER, Arg.MEM_UNINIT, Arg.SIZE_OR_ZERO, Arg.ANYTHING),
            helper(46, "bpf_get_socket_cookie", Returns.INTEGER, Arg.CTX),
            helper(47, "bpf_get_socket_uid", Returns.INTEGER, Arg.CTX),
            helper(48, "bpf_set_hash", Returns.INTEGER, Arg.CTX, Arg.ANYTHING),
            helper(50, "bpf_skb_adjust_room", Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.ANYTHING, Arg.ANYTHING),
            helper(51, "bpf_redirect_map", Returns.INTEGER, Arg.MAP_PTR, Arg.ANYTHING, Arg.ANYTHING),
            helper(54, "bpf_xdp_adjust_meta", Returns.INTEGER, Arg.CTX, Arg.ANYTHING),
            helper(65, "bpf_xdp_adjust_tail", Returns.INTEGER, Arg.CTX, Arg.ANYTHING),
            helper(68, "bpf_skb_load_bytes_relative", Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.MEM_UNINIT, Arg.SIZE,
                    Arg.ANYTHING),
            helper(69, "bpf_fib_lookup", Returns.INTEGER, Arg.CTX, Arg.MEM_READ_WRITE, Arg.SIZE, Arg.ANYTHING),
            helper(79, "bpf_skb_cgroup_id", Returns.INTEGER, Arg.CTX),
            helper(83, "bpf_skb_ancestor_cgroup_id", Returns.INTEGER, Arg.CTX, Arg.ANYTHING),
            helper(97, "bpf_skb_ecn_set_ce", Returns.INTEGER, Arg.CTX),
            packetHelper(84, "bpf_sk_lookup_tcp", Returns.SOCKET_OR_NULL, Arg.CTX, Arg.MEM_READ, Arg.SIZE, Arg.ANYTHING,
                    Arg.ANYTHING),
            packetHelper(85, "bpf_sk_lookup_udp", Returns.SOCKET_OR_NULL, Arg.CTX, Arg.MEM_READ, Arg.SIZE, Arg.ANYTHING,
                    Arg.ANYTHING),
            helper(86, "bpf_sk_release", Returns.INTEGER, Arg.RELEASE_SOCK),
            packetHelper(99, "bpf_skc_lookup_tcp", Returns.SOCK_COMMON_OR_NULL, Arg.CTX, Arg.MEM_READ, Arg.SIZE,
                    Arg.ANYTHING, Arg.ANYTHING),
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
            helper(135, "bpf_csum_level", Returns.INTEGER, Arg.CTX, Arg.ANYTHING),
            helper(152, "bpf_redirect_neigh", Returns.INTEGER, Arg.ANYTHING, Arg.MEM_READ_OR_NULL, Arg.SIZE_OR_ZERO,
                    Arg.ANYTHING),
            helper(155, "bpf_redirect_peer", Returns.INTEGER, Arg.ANYTHING, Arg.ANYTHING),
            helper(164, "bpf_for_each_map_elem", Returns.INTEGER, Arg.MAP_PTR, Arg.FUNC, Arg.STACK_OR_NULL, Arg.ANYTHING),
            helper(165, "bpf_snprintf", Returns.INTEGER, Arg.MEM_UNINIT, Arg.SIZE_OR_ZERO, Arg.CONST_STR,
                    Arg.MEM_READ_OR_NULL, Arg.SIZE_OR_ZERO),
            helper(181, "bpf_loop", Returns.INTEGER, Arg.ANYTHING, Arg.FUNC, Arg.STACK_OR_NULL, Arg.ANYTHING),
            helper(182, "bpf_strncmp", Returns.INTEGER, Arg.MEM_READ, Arg.SIZE, Arg.CONST_STR),
            helper(188, "bpf_xdp_get_buff_len", Returns.INTEGER, Arg.CTX),
            helper(189, "bpf_xdp_load_bytes", Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.MEM_UNINIT, Arg.SIZE),
            helper(190, "bpf_xdp_store_bytes", Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.MEM_READ, Arg.SIZE));

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
