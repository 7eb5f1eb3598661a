package io.github.bpf4j.jit;

import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.Program;

import java.util.List;

/** Terse instruction constructors for tests, named after the opcode bytes. */
final class Insns {
    private Insns() {}

    static Instruction i(int opcode, int dst, int src, int offset, int imm) {
        return new Instruction(opcode, dst, src, offset, imm);
    }

    static Instruction movImm(int dst, int imm) {
        return i(0xb7, dst, 0, 0, imm);
    }

    static Instruction movReg(int dst, int src) {
        return i(0xbf, dst, src, 0, 0);
    }

    static Instruction addImm(int dst, int imm) {
        return i(0x07, dst, 0, 0, imm);
    }

    static Instruction addReg(int dst, int src) {
        return i(0x0f, dst, src, 0, 0);
    }

    static Instruction exit() {
        return i(0x95, 0, 0, 0, 0);
    }

    static Instruction ja(int offset) {
        return i(0x05, 0, 0, offset, 0);
    }

    static Instruction call(int helper) {
        return i(0x85, 0, 0, 0, helper);
    }

    static Instruction callLocal(int imm) {
        return i(0x85, 0, 1, 0, imm);
    }

    /** The two slots of lddw. */
    static List<Instruction> lddw(int dst, int src, long value) {
        return List.of(i(0x18, dst, src, 0, (int) value), i(0, 0, 0, 0, (int) (value >>> 32)));
    }

    static Program program(Object... parts) {
        List<Instruction> list = new java.util.ArrayList<>();
        for (Object p : parts) {
            if (p instanceof Instruction insn) {
                list.add(insn);
            } else {
                @SuppressWarnings("unchecked")
                List<Instruction> many = (List<Instruction>) p;
                list.addAll(many);
            }
        }
        return Program.of(list);
    }
}
