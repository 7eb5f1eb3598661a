package io.github.bpf4j.verifier;

import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.Opcodes;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/** Collects {@link VerifiedFacts} over every path the explorer walks. */
final class FactsBuilder {
    private final String[] accessType;
    private final boolean[] inBounds;
    private final RegisterRanges ranges;
    /** Per unsigned conditional jump: 0 unseen, 1 both operands non-negative on every visit so far, 2 not. */
    private final byte[] unsignedCompares;
    /** Where a path was pruned: what it would have run from there was never visited. */
    private final BitSet prunedAt = new BitSet();

    FactsBuilder(int length) {
        accessType = new String[length];
        inBounds = new boolean[length];
        ranges = new RegisterRanges(length);
        unsignedCompares = new byte[length];
    }

    /** A visit of the unsigned comparison at pc, seeing both operands non-negative (signed) or not. */
    void unsignedCompare(int pc, boolean bothNonNegative) {
        if (unsignedCompares[pc] != 2) {
            unsignedCompares[pc] = (byte) (bothNonNegative ? 1 : 2);
        }
    }

    void pruned(int pc) {
        prunedAt.set(pc);
    }

    /**
     * The unsigned comparisons whose operands were non-negative on every path. A pruned path
     * was cut where an explored state covered it, but that cover ignores the ranges of imprecise
     * scalars, so an operand that may still hold such a value where the comparison runs
     * ({@link PrunedPathValues}) proves nothing.
     */
    private boolean[] signedCompares(ProgramStructure ps) {
        boolean[] signed = new boolean[unsignedCompares.length];
        for (int pc = 0; pc < signed.length; pc++) {
            signed[pc] = unsignedCompares[pc] == 1;
        }
        if (prunedAt.isEmpty()) {
            return signed;
        }
        PrunedPathValues values = new PrunedPathValues(ps, accessType, prunedAt);
        for (int pc = 0; pc < signed.length; pc++) {
            if (signed[pc]) {
                Instruction insn = ps.program.instruction(pc);
                boolean regSource = (insn.opcode() & Opcodes.SRC_X) != 0;
                signed[pc] = values.explored(pc, insn.dst()) && (!regSource || values.explored(pc, insn.src()));
            }
        }
        return signed;
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
        return new VerifiedFacts(accesses, ranges, privateSlots, signedCompares(ps), ps.program, options);
    }
}
