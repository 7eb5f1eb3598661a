package io.github.bpf4j.verifier;

import java.util.List;

/**
 * What the verifier knows about a helper: its kernel number and name, the kind of each argument
 * it reads (r1..rN), what it returns, and whether it may be given packet memory (the kernel's
 * pkt_access).
 */
record HelperPrototype(int id, String name, List<Arg> args, Returns returns, boolean packetAccess) {
    enum Returns {
        INTEGER, VOID, MAP_VALUE_OR_NULL, RINGBUF_MEM_OR_NULL,
        /** RET_PTR_TO_SOCKET_OR_NULL of an acquiring lookup: a reference to release. */
        SOCKET_OR_NULL,
        /** RET_PTR_TO_SOCK_COMMON_OR_NULL of an acquiring lookup (bpf_skc_lookup_tcp). */
        SOCK_COMMON_OR_NULL
    }

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
        /** ARG_PTR_TO_MAP_VALUE | MEM_UNINIT | MEM_WRITE: memory of the map's value size the helper fills. */
        MAP_VALUE_UNINIT,
        /** ARG_CONST_ALLOC_SIZE_OR_ZERO: a known constant size to allocate. */
        ALLOC_SIZE,
        /** ARG_PTR_TO_RINGBUF_MEM | OBJ_RELEASE: a reserved ringbuf record, released by the call. */
        RELEASE_RINGBUF_MEM,
        /** ARG_PTR_TO_BTF_ID_SOCK_COMMON | OBJ_RELEASE: a socket reference, released by the call. */
        RELEASE_SOCK,
        /** ARG_PTR_TO_CTX: the program's context, unmoved. */
        CTX,
        /** ARG_PTR_TO_MEM | MEM_RDONLY: initialised memory the helper reads; the next argument is its size. */
        MEM_READ,
        /** ARG_PTR_TO_MEM | PTR_MAYBE_NULL | MEM_RDONLY: as MEM_READ, or the constant 0 with a size of 0. */
        MEM_READ_OR_NULL,
        /** ARG_PTR_TO_CONST_STR: a NUL-terminated string at a constant offset in a frozen read-only map. */
        CONST_STR,
        /**
         * ARG_PTR_TO_MEM without MEM_RDONLY: initialised memory the helper reads and writes back
         * (bpf_fib_lookup's parameters); the next argument is its size.
         */
        MEM_READ_WRITE,
        /** ARG_PTR_TO_UNINIT_MEM: memory the helper writes; the next argument is its size. */
        MEM_UNINIT,
        /** ARG_CONST_SIZE: the size of the memory argument before it, above 0. */
        SIZE,
        /** ARG_CONST_SIZE_OR_ZERO: the size of the memory argument before it, 0 allowed. */
        SIZE_OR_ZERO,
        /** ARG_PTR_TO_FUNC: a subprogram from an lddw with BPF_PSEUDO_FUNC (a callback). */
        FUNC,
        /** ARG_PTR_TO_STACK_OR_NULL: a stack pointer or the constant 0 (a callback's context). */
        STACK_OR_NULL
    }

    int argCount() {
        return args.size();
    }
}
