package io.github.bpf4j.vm;

import java.util.List;

/**
 * What one assembly line produces: one instruction (two slots for lddw), possibly still waiting
 * for a label's pc.
 *
 * @param slots the instruction's slots
 * @param label the label the first slot refers to, or null
 */
record AsmStatement(List<Instruction> slots, LabelRef label) {

    /** Which field of the first slot receives {@code target - pc - 1}. */
    enum Field { OFFSET, IMM }

    /** A reference to a label, resolved once every line has been read. */
    record LabelRef(AsmToken name, Field field) {}

    /** A jump or call target as written: a relative number, or a label. */
    record Target(long relative, AsmToken label) {
        static Target read(AsmLine line, AsmLine.Width width) {
            if (line.peek().kind() == AsmToken.Kind.WORD && !AsmLine.looksLikeRegister(line.peek())) {
                return new Target(0, line.next());
            }
            if (!line.atNumber()) {
                throw line.error(line.peek(), "expected a jump target (+N, -N or a label), found "
                        + line.peek().describe());
            }
            return new Target(line.number(width), null);
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
        LabelRef ref = target.label() == null ? null : new LabelRef(target.label(), field);
        return new AsmStatement(List.of(new Instruction(opcode, dst, src, (int) offset, (int) value)), ref);
    }

    static AsmStatement lddw(int dst, int src, long value) {
        return new AsmStatement(List.of(
                new Instruction(Opcodes.LDDW, dst, src, 0, (int) value),
                new Instruction(0, 0, 0, 0, (int) (value >>> 32))), null);
    }
}
