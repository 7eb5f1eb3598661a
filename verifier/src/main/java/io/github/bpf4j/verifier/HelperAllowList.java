package io.github.bpf4j.verifier;

import io.github.bpf4j.vm.ProgramType;

/**
 * Which helper numbers a program type may call: the kernel's get_func_proto answers for
 * socket_filter (sk_filter_func_proto), sched_cls/sched_act (tc_cls_act_func_proto), cgroup_skb
 * (cg_skb_func_proto), kprobe and tracepoint (kprobe_prog_func_proto, tp_prog_func_proto: the same
 * list) and xdp (xdp_func_proto), each on top of the base helpers every type gets. Taken from Linux 6.18 by
 * loading a call of every helper number as each type: a call the type may not make is rejected
 * with "program of this type cannot use helper", any other outcome means the type may call it.
 * Without CAP_PERFMON the kernel withholds the tracing and printing helpers from every type.
 */
final class HelperAllowList {
    private static final boolean[] SOCKET_FILTER = set(1, 2, 3, 5, 6, 7, 8, 12, 14, 15, 16, 17, 22, 25, 26, 35, 37,
            42, 46, 47, 55, 68, 80, 87, 88, 89, 93, 94, 105, 106, 109, 112, 113, 114, 115, 117, 118, 120, 122, 123,
            125, 130, 131, 132, 133, 134, 136, 137, 138, 139, 140, 141, 148, 149, 153, 154, 156, 157, 158, 160, 164,
            165, 169, 170, 171, 172, 175, 176, 177, 178, 180, 181, 182, 191, 194, 195, 196, 197, 198, 199, 200, 201,
            202, 203, 208, 209, 210, 211);
    private static final boolean[] TC = set(1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
            22, 23, 24, 25, 26, 28, 29, 30, 31, 32, 33, 34, 35, 37, 38, 39, 40, 41, 42, 43, 46, 47, 48, 50, 55, 66, 68,
            69, 79, 80, 83, 84, 85, 86, 87, 88, 89, 93, 94, 95, 96, 97, 98, 99, 100, 105, 106, 107, 108, 109, 110,
            112, 113, 114, 115, 117, 118, 120, 122, 123, 124, 125, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139,
            140, 141, 148, 149, 151, 152, 153, 154, 155, 156, 157, 158, 160, 163, 164, 165, 169, 170, 171, 172, 175,
            176, 177, 178, 180, 181, 182, 191, 192, 194, 195, 196, 197, 198, 199, 200, 201, 202, 203, 204, 205, 206,
            207, 208, 209, 210, 211);
    private static final boolean[] XDP = set(1, 2, 3, 5, 6, 7, 8, 12, 14, 15, 16, 17, 22, 23, 25, 28, 35, 37, 42, 44,
            51, 54, 55, 65, 69, 80, 84, 85, 86, 87, 88, 89, 93, 94, 99, 100, 105, 106, 109, 110, 112, 113, 114, 115,
            117, 118, 120, 123, 125, 130, 131, 132, 133, 134, 136, 137, 138, 139, 140, 141, 148, 149, 153, 154, 156,
            157, 158, 160, 163, 164, 165, 169, 170, 171, 172, 175, 176, 177, 178, 180, 181, 182, 188, 189, 190, 191,
            194, 195, 196, 197, 198, 199, 200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211);
    private static final boolean[] CGROUP_SKB = set(1, 2, 3, 5, 6, 7, 8, 12, 14, 15, 16, 17, 22, 25, 26, 35, 37, 42,
            46, 47, 55, 68, 79, 80, 81, 83, 84, 85, 86, 87, 88, 89, 93, 94, 95, 96, 97, 98, 99, 105, 106, 107, 108, 109,
            112, 113, 114, 115, 117, 118, 120, 122, 123, 125, 128, 129, 130, 131, 132, 133, 134, 136, 137, 138, 139,
            140, 141, 148, 149, 153, 154, 156, 157, 158, 160, 164, 165, 169, 170, 171, 172, 175, 176, 177, 178, 180,
            181, 182, 191, 194, 195, 196, 197, 198, 199, 200, 201, 202, 203, 208, 209, 210, 211);
    private static final boolean[] TRACING = set(1, 2, 3, 4, 5, 6, 7, 8, 12, 14, 15, 16, 17, 22, 25, 27, 35, 37, 42,
            45, 55, 67, 80, 87, 88, 89, 93, 94, 105, 106, 109, 112, 113, 114, 115, 117, 118, 120, 123, 125, 130, 131,
            132, 133, 134, 141, 148, 149, 153, 154, 156, 157, 158, 164, 165, 169, 170, 171, 172, 173, 174, 175, 176,
            177, 180, 181, 182, 191, 194, 195, 197, 198, 199, 200, 201, 202, 203, 208, 209, 210, 211);
    /** Helpers only a loader with CAP_PERFMON gets (trace_printk, probe_read_*, get_current_task, snprintf, ...). */
    private static final boolean[] PERFMON_ONLY = set(6, 16, 22, 35, 55, 109, 112, 113, 114, 115, 117, 136, 137, 138,
            139, 140, 141, 148, 149, 158, 165, 175, 176, 177, 178, 180, 191, 196);

    private HelperAllowList() {}

    /** Whether a program of {@code type} may call helper {@code id} (0 <= id < FUNC_MAX_ID). */
    static boolean allows(ProgramType type, int id, boolean unprivileged) {
        boolean[] set = switch (type) {
            case SOCKET_FILTER -> SOCKET_FILTER;
            case SCHED_CLS, SCHED_ACT -> TC;
            case CGROUP_SKB -> CGROUP_SKB;
            case KPROBE, TRACEPOINT -> TRACING;
            default -> XDP; // raw programs are loaded as XDP
        };
        return set[id] && !(unprivileged && PERFMON_ONLY[id]);
    }

    private static boolean[] set(int... ids) {
        boolean[] s = new boolean[HelperPrototypes.FUNC_MAX_ID];
        for (int id : ids) {
            s[id] = true;
        }
        return s;
    }
}
