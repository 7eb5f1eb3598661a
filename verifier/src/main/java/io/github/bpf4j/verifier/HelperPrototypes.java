package io.github.bpf4j.verifier;

import io.github.bpf4j.verifier.HelperPrototype.Arg;
import io.github.bpf4j.verifier.HelperPrototype.Returns;
import io.github.bpf4j.vm.KernelHelperNames;
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
            packetHelper(1, Returns.MAP_VALUE_OR_NULL, Arg.MAP_PTR, Arg.MAP_KEY),
            packetHelper(2, Returns.INTEGER, Arg.MAP_PTR, Arg.MAP_KEY, Arg.MAP_VALUE, Arg.ANYTHING),
            packetHelper(3, Returns.INTEGER, Arg.MAP_PTR, Arg.MAP_KEY),
            helper(4, Returns.INTEGER, Arg.MEM_UNINIT, Arg.SIZE_OR_ZERO, Arg.ANYTHING),
            helper(5, Returns.INTEGER),
            helper(6, Returns.INTEGER, Arg.MEM_READ, Arg.SIZE), // the varargs are not checked
            helper(7, Returns.INTEGER),
            helper(8, Returns.INTEGER),
            helper(9, Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.MEM_READ, Arg.SIZE, Arg.ANYTHING),
            helper(10, Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.ANYTHING, Arg.ANYTHING,
                    Arg.ANYTHING),
            helper(11, Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.ANYTHING, Arg.ANYTHING,
                    Arg.ANYTHING),
            helper(12, Returns.VOID, Arg.CTX, Arg.MAP_PTR, Arg.ANYTHING),
            helper(13, Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.ANYTHING),
            helper(14, Returns.INTEGER),
            helper(15, Returns.INTEGER),
            helper(16, Returns.INTEGER, Arg.MEM_UNINIT, Arg.SIZE),
            helper(17, Returns.INTEGER, Arg.CTX),
            helper(18, Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.ANYTHING),
            helper(19, Returns.INTEGER, Arg.CTX),
            helper(20, Returns.INTEGER, Arg.CTX, Arg.MEM_UNINIT, Arg.SIZE, Arg.ANYTHING),
            helper(21, Returns.INTEGER, Arg.CTX, Arg.MEM_READ, Arg.SIZE, Arg.ANYTHING),
            helper(23, Returns.INTEGER, Arg.ANYTHING, Arg.ANYTHING),
            helper(24, Returns.INTEGER, Arg.CTX),
            helper(25, Returns.INTEGER, Arg.CTX, Arg.MAP_PTR, Arg.ANYTHING, Arg.MEM_READ,
                    Arg.SIZE_OR_ZERO),
            helper(26, Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.MEM_UNINIT, Arg.SIZE),
            packetHelper(28, Returns.INTEGER, Arg.MEM_READ_OR_NULL, Arg.SIZE_OR_ZERO,
                    Arg.MEM_READ_OR_NULL, Arg.SIZE_OR_ZERO, Arg.ANYTHING),
            helper(31, Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.ANYTHING),
            helper(32, Returns.INTEGER, Arg.CTX, Arg.ANYTHING),
            helper(33, Returns.INTEGER, Arg.CTX, Arg.MAP_PTR, Arg.ANYTHING),
            helper(34, Returns.INTEGER, Arg.CTX),
            helper(38, Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.ANYTHING),
            helper(39, Returns.INTEGER, Arg.CTX, Arg.ANYTHING),
            helper(40, Returns.INTEGER, Arg.CTX, Arg.ANYTHING),
            helper(41, Returns.VOID, Arg.CTX),
            helper(42, Returns.INTEGER),
            helper(43, Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.ANYTHING),
            helper(44, Returns.INTEGER, Arg.CTX, Arg.ANYTHING),
            helper(45, Returns.INTEGER, Arg.MEM_UNINIT, Arg.SIZE_OR_ZERO, Arg.ANYTHING),
            helper(46, Returns.INTEGER, Arg.CTX),
            helper(47, Returns.INTEGER, Arg.CTX),
            helper(48, Returns.INTEGER, Arg.CTX, Arg.ANYTHING),
            helper(50, Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.ANYTHING, Arg.ANYTHING),
            helper(51, Returns.INTEGER, Arg.MAP_PTR, Arg.ANYTHING, Arg.ANYTHING),
            helper(54, Returns.INTEGER, Arg.CTX, Arg.ANYTHING),
            helper(65, Returns.INTEGER, Arg.CTX, Arg.ANYTHING),
            helper(68, Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.MEM_UNINIT, Arg.SIZE,
                    Arg.ANYTHING),
            helper(69, Returns.INTEGER, Arg.CTX, Arg.MEM_READ_WRITE, Arg.SIZE, Arg.ANYTHING),
            helper(79, Returns.INTEGER, Arg.CTX),
            helper(83, Returns.INTEGER, Arg.CTX, Arg.ANYTHING),
            helper(97, Returns.INTEGER, Arg.CTX),
            packetHelper(84, Returns.SOCKET_OR_NULL, Arg.CTX, Arg.MEM_READ, Arg.SIZE, Arg.ANYTHING,
                    Arg.ANYTHING),
            packetHelper(85, Returns.SOCKET_OR_NULL, Arg.CTX, Arg.MEM_READ, Arg.SIZE, Arg.ANYTHING,
                    Arg.ANYTHING),
            helper(86, Returns.INTEGER, Arg.RELEASE_SOCK),
            packetHelper(99, Returns.SOCK_COMMON_OR_NULL, Arg.CTX, Arg.MEM_READ, Arg.SIZE,
                    Arg.ANYTHING, Arg.ANYTHING),
            packetHelper(87, Returns.INTEGER, Arg.MAP_PTR, Arg.MAP_VALUE, Arg.ANYTHING),
            helper(88, Returns.INTEGER, Arg.MAP_PTR, Arg.MAP_VALUE_UNINIT),
            helper(89, Returns.INTEGER, Arg.MAP_PTR, Arg.MAP_VALUE_UNINIT),
            helper(112, Returns.INTEGER, Arg.MEM_UNINIT, Arg.SIZE_OR_ZERO, Arg.ANYTHING),
            helper(113, Returns.INTEGER, Arg.MEM_UNINIT, Arg.SIZE_OR_ZERO, Arg.ANYTHING),
            helper(114, Returns.INTEGER, Arg.MEM_UNINIT, Arg.SIZE_OR_ZERO, Arg.ANYTHING),
            helper(115, Returns.INTEGER, Arg.MEM_UNINIT, Arg.SIZE_OR_ZERO, Arg.ANYTHING),
            helper(125, Returns.INTEGER),
            helper(130, Returns.INTEGER, Arg.MAP_PTR, Arg.MEM_READ, Arg.SIZE_OR_ZERO, Arg.ANYTHING),
            helper(131, Returns.RINGBUF_MEM_OR_NULL, Arg.MAP_PTR, Arg.ALLOC_SIZE, Arg.ANYTHING),
            helper(132, Returns.VOID, Arg.RELEASE_RINGBUF_MEM, Arg.ANYTHING),
            helper(133, Returns.VOID, Arg.RELEASE_RINGBUF_MEM, Arg.ANYTHING),
            helper(134, Returns.INTEGER, Arg.MAP_PTR, Arg.ANYTHING),
            helper(135, Returns.INTEGER, Arg.CTX, Arg.ANYTHING),
            helper(152, Returns.INTEGER, Arg.ANYTHING, Arg.MEM_READ_OR_NULL, Arg.SIZE_OR_ZERO,
                    Arg.ANYTHING),
            helper(155, Returns.INTEGER, Arg.ANYTHING, Arg.ANYTHING),
            helper(164, Returns.INTEGER, Arg.MAP_PTR, Arg.FUNC, Arg.STACK_OR_NULL, Arg.ANYTHING),
            helper(165, Returns.INTEGER, Arg.MEM_UNINIT, Arg.SIZE_OR_ZERO, Arg.CONST_STR,
                    Arg.MEM_READ_OR_NULL, Arg.SIZE_OR_ZERO),
            helper(181, Returns.INTEGER, Arg.ANYTHING, Arg.FUNC, Arg.STACK_OR_NULL, Arg.ANYTHING),
            helper(182, Returns.INTEGER, Arg.MEM_READ, Arg.SIZE, Arg.CONST_STR),
            helper(188, Returns.INTEGER, Arg.CTX),
            helper(189, Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.MEM_UNINIT, Arg.SIZE),
            helper(190, Returns.INTEGER, Arg.CTX, Arg.ANYTHING, Arg.MEM_READ, Arg.SIZE));

    private static Map.Entry<Integer, HelperPrototype> helper(int id, Returns returns, Arg... args) {
        return Map.entry(id, new HelperPrototype(id, KernelHelperNames.name(id), List.of(args), returns, false));
    }

    /** A helper that may be given packet memory (the kernel's pkt_access). */
    private static Map.Entry<Integer, HelperPrototype> packetHelper(int id, Returns returns, Arg... args) {
        return Map.entry(id, new HelperPrototype(id, KernelHelperNames.name(id), List.of(args), returns, true));
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
     * The name the kernel prints for a helper number (its log says e.g. bpf_ktime_get_ns#5);
     * {@code unknown} for numbers Linux does not define.
     */
    static String name(int id) {
        return KernelHelperNames.name(id);
    }
}
