package io.github.bpf4j.verifier;

import io.github.bpf4j.vm.MapSpec;

/**
 * Helpers that call a subprogram of the program (bpf_loop, bpf_for_each_map_elem), as the kernel
 * verifies them: the callback's frame is set up with the arguments the helper passes, its body is
 * explored as another path, and its exit returns to the helper call, which may call it again until
 * the states converge (kernel: push_callback_call, set_loop_callback_state,
 * map_set_for_each_callback_args, prepare_func_exit).
 */
final class Callbacks {
    static final int FOR_EACH_MAP_ELEM = 164;
    static final int LOOP = 181;
    /** What a callback may return: 0 to continue, 1 to stop. */
    static final int RETURN_MIN = 0;
    static final int RETURN_MAX = 1;

    private Callbacks() {}

    static boolean callsCallback(int helperId) {
        return helperId == FOR_EACH_MAP_ELEM || helperId == LOOP;
    }

    /**
     * The callback's frame for a call of {@code helperId} at {@code callsite} from {@code caller}:
     * bpf_loop passes (index, ctx), bpf_for_each_map_elem (map, key, value, ctx).
     */
    static FrameState calleeFrame(int pc, int helperId, FrameState caller, int frameno, int callsite, int subprog) {
        FrameState callee = new FrameState(frameno);
        callee.callsite = callsite;
        callee.subprog = subprog;
        callee.inCallback = true;
        callee.regs[10] = RegState.stackPointer(frameno);
        if (helperId == LOOP) {
            callee.regs[1] = RegState.unknownScalar();
            callee.regs[2] = caller.regs[3].copy();
        } else {
            MapSpec map = caller.regs[1].map;
            if (!MapHelperRules.supportsForEach(map)) {
                throw new Rejection(pc, "callback function not allowed for map");
            }
            callee.regs[1] = caller.regs[1].copy();
            callee.regs[2] = mapPointer(RegType.PTR_TO_MAP_KEY, map, map.keySize());
            callee.regs[3] = mapPointer(RegType.PTR_TO_MAP_VALUE, map, map.valueSize());
            callee.regs[4] = caller.regs[3].copy();
        }
        return callee;
    }

    private static RegState mapPointer(RegType type, MapSpec map, int size) {
        RegState r = RegState.pointer(type, 0);
        r.map = map;
        r.range = size;
        return r;
    }

    /** A callback returns a number in [0, 1] (kernel: prepare_func_exit, verbose_invalid_scalar). */
    static void checkReturn(int pc, RegState r0) {
        if (r0.type != RegType.SCALAR) {
            throw new Rejection(pc, "R0 not a scalar value");
        }
        if (r0.smin >= RETURN_MIN && r0.smax <= RETURN_MAX) {
            return;
        }
        StringBuilder m = new StringBuilder("At callback return the register R0 has");
        boolean unknown = true;
        if (r0.smin > Long.MIN_VALUE) {
            m.append(" smin=").append(r0.smin);
            unknown = false;
        }
        if (r0.smax < Long.MAX_VALUE) {
            m.append(" smax=").append(r0.smax);
            unknown = false;
        }
        if (unknown) {
            m.append(" unknown scalar value");
        }
        m.append(" should have been in [").append(RETURN_MIN).append(", ").append(RETURN_MAX).append("]");
        throw new Rejection(pc, m.toString());
    }
}
