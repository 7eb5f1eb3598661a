package io.github.bpf4j.verifier;

import java.util.Optional;

/**
 * Per pc, the bounds of the destination register over every path that reached it, in flat
 * arrays (a program of a million instructions would otherwise need a million objects).
 */
final class RegisterRanges {
    private final boolean[] present;
    private final long[] smin;
    private final long[] smax;
    private final long[] umin;
    private final long[] umax;

    RegisterRanges(int length) {
        present = new boolean[length];
        smin = new long[length];
        smax = new long[length];
        umin = new long[length];
        umax = new long[length];
    }

    /** Widens the range at {@code pc} to hold the scalar {@code r}'s values too. */
    void widen(int pc, RegState r) {
        if (!present[pc]) {
            present[pc] = true;
            smin[pc] = r.smin;
            smax[pc] = r.smax;
            umin[pc] = r.umin;
            umax[pc] = r.umax;
        } else {
            smin[pc] = Math.min(smin[pc], r.smin);
            smax[pc] = Math.max(smax[pc], r.smax);
            umin[pc] = RegState.umin64(umin[pc], r.umin);
            umax[pc] = RegState.umax64(umax[pc], r.umax);
        }
    }

    Optional<RegisterRange> at(int pc) {
        if (pc < 0 || pc >= present.length || !present[pc]) {
            return Optional.empty();
        }
        return Optional.of(new RegisterRange(pc, smin[pc], smax[pc], umin[pc], umax[pc]));
    }
}
