package io.github.bpf4j.verifier;

/**
 * What the verifier knows about a helper: its kernel number and name, how many arguments it
 * reads (r1..rN) and what it returns. Argument kinds and return types beyond scalars (map
 * pointers, packet memory, references) are what the maps and helpers issue adds here.
 */
record HelperPrototype(int id, String name, int argCount, Returns returns) {
    enum Returns { INTEGER, VOID }
}
