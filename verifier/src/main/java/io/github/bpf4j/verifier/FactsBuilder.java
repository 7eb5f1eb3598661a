package io.github.bpf4j.verifier;

import java.util.HashMap;
import java.util.Map;

/** Collects {@link VerifiedFacts} over every path the explorer walks. */
final class FactsBuilder {
    private final String[] accessType;
    private final boolean[] inBounds;
    private final long[][] ranges;

    FactsBuilder(int length) {
        accessType = new String[length];
        inBounds = new boolean[length];
        ranges = new long[length][];
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
        long[] b = ranges[pc];
        if (b == null) {
            ranges[pc] = new long[] {r.smin, r.smax, r.umin, r.umax};
        } else {
            b[0] = Math.min(b[0], r.smin);
            b[1] = Math.max(b[1], r.smax);
            b[2] = RegState.umin64(b[2], r.umin);
            b[3] = RegState.umax64(b[3], r.umax);
        }
    }

    VerifiedFacts build(ProgramStructure ps, VerifierOptions options) {
        Map<Integer, MemoryAccessFact> accesses = new HashMap<>();
        for (int pc = 0; pc < accessType.length; pc++) {
            if (accessType[pc] != null) {
                accesses.put(pc, new MemoryAccessFact(pc, accessType[pc], inBounds[pc]));
            }
        }
        Map<Integer, RegisterRange> out = new HashMap<>();
        for (int pc = 0; pc < ranges.length; pc++) {
            long[] b = ranges[pc];
            if (b != null) {
                out.put(pc, new RegisterRange(pc, b[0], b[1], b[2], b[3]));
            }
        }
        long[] privateSlots = new long[ps.subprogStarts.length];
        for (int s = 0; s < privateSlots.length; s++) {
            privateSlots[s] = ps.stackEscapes(s) ? 0 : -1L;
        }
        return new VerifiedFacts(accesses, out, privateSlots, ps.program, options);
    }
}
