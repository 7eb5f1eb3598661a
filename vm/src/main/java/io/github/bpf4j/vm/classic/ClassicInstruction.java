package io.github.bpf4j.vm.classic;

import io.github.bpf4j.vm.MalformedProgramException;

/**
 * One classic BPF instruction, {@code struct sock_filter}: a 16-bit opcode, two 8-bit forward
 * jump offsets and a 32-bit constant.
 *
 * @param code the opcode, 0..0xffff
 * @param jt   instructions to skip when a conditional jump is taken, 0..255
 * @param jf   instructions to skip when it is not, 0..255
 * @param k    the constant (an offset, immediate, scratch index or return value), as 32 bits
 */
public record ClassicInstruction(int code, int jt, int jf, int k) {

    public ClassicInstruction {
        if ((code & ~0xffff) != 0) {
            throw new MalformedProgramException("classic opcode " + code + " is outside 0..65535");
        }
        if ((jt & ~0xff) != 0 || (jf & ~0xff) != 0) {
            throw new MalformedProgramException("classic jump offsets must be 0..255, are jt " + jt + " jf " + jf);
        }
    }

    /** An instruction that uses no jump offsets. */
    public static ClassicInstruction of(int code, int k) {
        return new ClassicInstruction(code, 0, 0, k);
    }

    /** The constant as an unsigned value. */
    public long unsignedK() {
        return Integer.toUnsignedLong(k);
    }
}
