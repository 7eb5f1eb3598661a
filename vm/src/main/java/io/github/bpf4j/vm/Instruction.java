package io.github.bpf4j.vm;

/**
 * One 8-byte instruction slot, field by field. An {@code lddw} takes two slots: the second
 * one has opcode 0 and carries the upper 32 bits of the constant in {@code imm}.
 *
 * @param opcode the opcode byte
 * @param dst    destination register field (0..15 as encoded; valid programs use 0..10)
 * @param src    source register field (0..15 as encoded)
 * @param offset signed 16-bit offset
 * @param imm    signed 32-bit immediate
 */
public record Instruction(int opcode, int dst, int src, short offset, int imm) {

    public Instruction {
        if ((opcode & ~0xff) != 0 || (dst & ~0xf) != 0 || (src & ~0xf) != 0) {
            throw new IllegalArgumentException("field out of range");
        }
    }

    public Instruction(int opcode, int dst, int src, int offset, int imm) {
        this(opcode, dst, src, (short) offset, imm);
    }

    /** Decodes one slot stored as a little-endian 64-bit value. */
    public static Instruction fromSlot(long slot) {
        return new Instruction((int) slot & 0xff, (int) (slot >>> 8) & 0xf, (int) (slot >>> 12) & 0xf,
                (short) (slot >>> 16), (int) (slot >>> 32));
    }

    /** Encodes this instruction as its little-endian 64-bit slot value. */
    public long toSlot() {
        return (opcode & 0xffL) | (long) dst << 8 | (long) src << 12 | (offset & 0xffffL) << 16
                | (long) imm << 32;
    }

    public int cls() {
        return opcode & 0x07;
    }

    /** True for the first slot of a 64-bit immediate load. */
    public boolean isLddw() {
        return opcode == Opcodes.LDDW;
    }
}
