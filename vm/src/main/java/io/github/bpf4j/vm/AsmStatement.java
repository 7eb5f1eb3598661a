package io.github.bpf4j.vm;

import java.util.List;

/**
 * What one assembly line produces: one instruction (two slots for lddw) and, for a jump or
 * call, where its target was written (a label still to be resolved, or a relative number).
 *
 * @param slots  the instruction's slots
 * @param target the jump or call target as written, or null
 */
record AsmStatement(List<Instruction> slots, TargetRef target) {

    /** Which field of the first slot holds {@code target - pc - 1}. */
    enum Field { OFFSET, IMM }

    /**
     * A target as written.
     *
     * @param at    its first token (the label name, or the sign or digits of the number)
     * @param label true if {@code at} is a label name whose pc is filled in once every line is read
     * @param field the field that holds it
     */
    record TargetRef(AsmToken at, boolean label, Field field) {}

    /** A jump or call target as written: a relative number ({@code +3}, {@code pc+3}), or a label. */
    record Target(long relative, AsmToken at, boolean label) {
        static Target read(AsmLine line, AsmLine.Width width) {
            if (line.peek().is("pc") && (line.peek(1).is("+") || line.peek(1).is("-"))) {
                line.next(); // the kernel log's "pc+3"
            }
            AsmToken at = line.peek();
            if (at.kind() == AsmToken.Kind.WORD && !AsmLine.looksLikeRegister(at)) {
                return new Target(0, line.next(), true);
            }
            if (!line.atNumber()) {
                throw line.error(at, "expected a jump target (+N, -N or a label), found " + at.describe());
            }
            return new Target(line.number(width), at, false);
        }
    }

    static AsmStatement of(Instruction insn) {
        return new AsmStatement(List.of(insn), null);
    }

    static AsmStatement of(int opcode, int dst, int src, long offset, long imm) {
        return of(new Instruction(opcode, dst, src, (int) offset, (int) imm));
    }

    /** An instruction whose offset or imm field is a target that may be a label. */
    static AsmStatement jump(int opcode, int dst, int src, long imm, Target target, Field field) {
        long offset = field == Field.OFFSET ? target.relative() : 0;
        long value = field == Field.IMM ? target.relative() : imm;
        return new AsmStatement(List.of(new Instruction(opcode, dst, src, (int) offset, (int) value)),
                new TargetRef(target.at(), target.label(), field));
    }

    static AsmStatement lddw(int dst, int src, long value) {
        return lddw(dst, src, value, null);
    }

    /** An lddw; {@code target} is set for a function pointer (pseudo source 4), whose imm is relative. */
    static AsmStatement lddw(int dst, int src, long value, TargetRef target) {
        return new AsmStatement(List.of(
                new Instruction(Opcodes.LDDW, dst, src, 0, (int) value),
                new Instruction(0, 0, 0, 0, (int) (value >>> 32))), target);
    }
}
