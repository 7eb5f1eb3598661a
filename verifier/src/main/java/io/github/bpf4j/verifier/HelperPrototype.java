package io.github.bpf4j.verifier;

import java.util.List;

/**
 * What the verifier knows about a helper: its kernel number and name, the kind of each argument
 * it reads (r1..rN) and what it returns.
 */
record HelperPrototype(int id, String name, List<Arg> args, Returns returns) {
    enum Returns { INTEGER, VOID, MAP_VALUE_OR_NULL, RINGBUF_MEM_OR_NULL }

    /** Argument kinds (the kernel's ARG_* names in the comments). */
    enum Arg {
        /** ARG_ANYTHING: any initialised value. */
        ANYTHING,
        /** ARG_CONST_MAP_PTR: a map from lddw. */
        MAP_PTR,
        /** ARG_PTR_TO_MAP_KEY: readable memory of the map's key size. */
        MAP_KEY,
        /** ARG_PTR_TO_MAP_VALUE: readable memory of the map's value size. */
        MAP_VALUE,
        /** ARG_CONST_ALLOC_SIZE_OR_ZERO: a known constant size to allocate. */
        ALLOC_SIZE,
        /** ARG_PTR_TO_RINGBUF_MEM | OBJ_RELEASE: a reserved ringbuf record, released by the call. */
        RELEASE_RINGBUF_MEM
    }

    int argCount() {
        return args.size();
    }
}
