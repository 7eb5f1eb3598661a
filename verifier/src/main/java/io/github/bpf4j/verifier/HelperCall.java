package io.github.bpf4j.verifier;

import io.github.bpf4j.vm.MapSpec;

/** What the checks of one helper call's arguments learned, for the checks after them (kernel: bpf_call_arg_meta). */
final class HelperCall {
    /** The map of the map argument, or null. */
    MapSpec map;
    /** The register of the memory argument a following size argument sizes. */
    int memRegno;
    /** Memory the helper fills (register and size), marked written after the arguments are checked. */
    int rawRegno;
    int rawSize;
    /** The ringbuf_reserve size argument. */
    int allocSize;
    /** The reference a release argument hands back, or 0. */
    int releaseId;
    /** A map key's constant value, or -1 when not known. */
    long constKey = -1;
    /** The callback subprogram of a function argument, or -1. */
    int callbackSubprog = -1;

    void rawWrite(int regno, int size, RegState ptr) {
        if (ptr.type == RegType.PTR_TO_STACK) {
            rawRegno = regno;
            rawSize = size;
        }
    }
}
