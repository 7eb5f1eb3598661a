package io.github.bpf4j.verifier;

import static io.github.bpf4j.vm.helpers.KernelHelpers.*;
import static io.github.bpf4j.vm.maps.MapType.*;

/**
 * Which helpers may be given which map types, checked both ways as the kernel does: a program
 * array only by tail calls, a perf event array only by perf_event_output, a ring buffer only by
 * the ringbuf helpers, queues and stacks only by push/pop/peek, and those helpers only with those
 * maps (kernel: check_map_func_compatibility).
 */
final class MapFuncCompatibility {
    private MapFuncCompatibility() {}

    static boolean compatible(int mapType, int func) {
        boolean mapSide = switch (mapType) {
            case PROG_ARRAY -> func == TAIL_CALL;
            case PERF_EVENT_ARRAY -> func == PERF_EVENT_OUTPUT;
            case RINGBUF -> func == RINGBUF_OUTPUT || func == RINGBUF_RESERVE || func == RINGBUF_QUERY;
            case QUEUE, STACK -> func == MAP_PUSH_ELEM || func == MAP_POP_ELEM || func == MAP_PEEK_ELEM;
            default -> true;
        };
        boolean funcSide = switch (func) {
            case TAIL_CALL -> mapType == PROG_ARRAY;
            case PERF_EVENT_OUTPUT -> mapType == PERF_EVENT_ARRAY;
            case RINGBUF_OUTPUT, RINGBUF_RESERVE, RINGBUF_QUERY -> mapType == RINGBUF;
            case MAP_PUSH_ELEM, MAP_POP_ELEM, MAP_PEEK_ELEM -> mapType == QUEUE || mapType == STACK;
            default -> true;
        };
        return mapSide && funcSide;
    }
}
