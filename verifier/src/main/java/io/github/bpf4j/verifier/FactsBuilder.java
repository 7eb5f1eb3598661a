package io.github.bpf4j.verifier;

import java.util.HashMap;
import java.util.Map;

/** Collects {@link VerifiedFacts} over every path the explorer walks. */
final class FactsBuilder {
    private final String[] accessType;
    private final boolean[] inBounds;
    private final RegisterRanges ranges;

    FactsBuilder(int length) {
        accessType = new String[length];
        inBounds = new boolean[length];
        ranges = new RegisterRanges(length);
    }

    void access(int pc, RegType type, boolean proven) {
        String name = type.kernelName;
        if (accessType[pc] == null) {
            accessType[pc] = name;
            inBounds[pc] = proven;
        } else {
            if (!accessType[pc].equals(name)) {
                accessType[pc] = "mixed";
            }
            inBounds[pc] &= proven;
        }
    }

    void register(int pc, RegState r) {
        if (r.type != RegType.SCALAR) {
            return;
        }
        ranges.widen(pc, r);
    }

    VerifiedFacts build(ProgramStructure ps, VerifierOptions options) {
        Map<Integer, MemoryAccessFact> accesses = new HashMap<>();
        for (int pc = 0; pc < accessType.length; pc++) {
            if (accessType[pc] != null) {
                accesses.put(pc, new MemoryAccessFact(pc, accessType[pc], inBounds[pc]));
            }
        }
        long[] privateSlots = new long[ps.subprogStarts.length];
        for (int s = 0; s < privateSlots.length; s++) {
            privateSlots[s] = ps.stackEscapes(s) ? 0 : -1L;
        }
        return new VerifiedFacts(accesses, ranges, privateSlots, ps.program, options);
    }
}
