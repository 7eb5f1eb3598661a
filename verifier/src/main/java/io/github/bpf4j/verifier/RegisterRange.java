package io.github.bpf4j.verifier;

/**
 * The values the destination register of an instruction can hold afterwards, over every path:
 * signed and unsigned 64-bit bounds.
 */
public record RegisterRange(int pc, long smin, long smax, long umin, long umax) {
    /** True when the register holds one known value on every path. */
    public boolean isConstant() {
        return smin == smax;
    }
}
