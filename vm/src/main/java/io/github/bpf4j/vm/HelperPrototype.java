package io.github.bpf4j.vm;

import java.util.List;

/**
 * What a helper takes and returns, in the kernel's terms ({@code struct bpf_func_proto}), for
 * the verifier to check calls against.
 */
public record HelperPrototype(String name, Return returns, List<Arg> args) {
    /** Argument kinds ({@code enum bpf_arg_type}). */
    public enum Arg {
        /** Any scalar or pointer. */
        ANYTHING,
        /** A map, from an lddw map reference. */
        CONST_MAP_PTR,
        /** Memory holding a key of the map argument's key size. */
        PTR_TO_MAP_KEY,
        /** Memory holding a value of the map argument's value size. */
        PTR_TO_MAP_VALUE,
        /** Initialized memory the helper reads; its size is the next argument. */
        PTR_TO_MEM,
        /** Memory the helper writes; its size is the next argument. */
        PTR_TO_UNINIT_MEM,
        /** The size of the preceding memory argument, above 0. */
        CONST_SIZE,
        /** The size of the preceding memory argument, 0 allowed. */
        CONST_SIZE_OR_ZERO,
        /** The program's context. */
        PTR_TO_CTX,
        /** A subprogram, from an lddw function reference. */
        PTR_TO_FUNC,
        /** Stack memory or null, passed to a callback. */
        PTR_TO_STACK_OR_NULL,
        /** A ringbuf record from bpf_ringbuf_reserve, released by the call. */
        PTR_TO_ALLOC_MEM,
        /** A constant allocation size. */
        CONST_ALLOC_SIZE_OR_ZERO,
        /** A NUL-terminated string in read-only map memory. */
        PTR_TO_CONST_STR
    }

    /** Return kinds ({@code enum bpf_return_type}). */
    public enum Return {
        INTEGER,
        VOID,
        PTR_TO_MAP_VALUE_OR_NULL,
        /** A ringbuf record of the size argument's bytes, or null; must be released. */
        PTR_TO_ALLOC_MEM_OR_NULL
    }

    public HelperPrototype {
        if (args.size() > 5) {
            throw new BpfException("helper " + name + " takes " + args.size() + " arguments, at most 5 are possible");
        }
        args = List.copyOf(args);
    }

    public static HelperPrototype of(String name, Return returns, Arg... args) {
        return new HelperPrototype(name, returns, List.of(args));
    }

    /** A helper whose arguments are five of anything, returning an integer. */
    public static HelperPrototype anything(String name) {
        return of(name, Return.INTEGER, Arg.ANYTHING, Arg.ANYTHING, Arg.ANYTHING, Arg.ANYTHING, Arg.ANYTHING);
    }
}
