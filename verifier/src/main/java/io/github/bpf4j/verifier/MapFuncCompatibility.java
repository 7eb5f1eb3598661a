package io.github.bpf4j.verifier;

/**
 * Which helpers may be given which map types, checked both ways as the kernel does: a program
 * array only by tail calls, a perf event array only by perf_event_output, a ring buffer only by
 * the ringbuf helpers, queues and stacks only by push/pop/peek, and those helpers only with those
 * maps (kernel: check_map_func_compatibility).
 */
final class MapFuncCompatibility {
    static final int HASH = 1;
    static final int ARRAY = 2;
    static final int PROG_ARRAY = 3;
    static final int PERF_EVENT_ARRAY = 4;
    static final int QUEUE = 22;
    static final int STACK = 23;
    static final int RINGBUF = 27;

    private static final int TAIL_CALL = 12;
    private static final int PERF_EVENT_OUTPUT = 25;
    private static final int PUSH = 87;
    private static final int POP = 88;
    private static final int PEEK = 89;
    private static final int RINGBUF_OUTPUT = 130;
    private static final int RINGBUF_RESERVE = 131;
    private static final int RINGBUF_QUERY = 134;

    private MapFuncCompatibility() {}

    static boolean compatible(int mapType, int func) {
        boolean mapSide = switch (mapType) {
            case PROG_ARRAY -> func == TAIL_CALL;
            case PERF_EVENT_ARRAY -> func == PERF_EVENT_OUTPUT;
            case RINGBUF -> func == RINGBUF_OUTPUT || func == RINGBUF_RESERVE || func == RINGBUF_QUERY;
            case QUEUE, STACK -> func == PUSH || func == POP || func == PEEK;
            default -> true;
        };
        boolean funcSide = switch (func) {
            case TAIL_CALL -> mapType == PROG_ARRAY;
            case PERF_EVENT_OUTPUT -> mapType == PERF_EVENT_ARRAY;
            case RINGBUF_OUTPUT, RINGBUF_RESERVE, RINGBUF_QUERY -> mapType == RINGBUF;
            case PUSH, POP, PEEK -> mapType == QUEUE || mapType == STACK;
            default -> true;
        };
        return mapSide && funcSide;
    }
}
