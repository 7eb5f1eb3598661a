package io.github.bpf4j.vm;

import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random instructions that {@link Decoder} accepts: any opcode byte, each field drawn from the
 * values instructions use (0, registers, 8/16/32/64, atomic codes) or anything at all.
 */
final class InstructionArbitraries {
    private InstructionArbitraries() {}

    /** An instruction and, for lddw, its whole 64-bit constant. */
    record Generated(Instruction insn, long constant) {
        /** Its slots: one, or two for lddw. */
        List<Instruction> slots() {
            if (!insn.isLddw()) {
                return List.of(insn);
            }
            return List.of(new Instruction(insn.opcode(), insn.dst(), insn.src(), insn.offset(), (int) constant),
                    new Instruction(0, 0, 0, 0, (int) (constant >>> 32)));
        }
    }

    /** The opcodes of {@link #validOpcodes()}, computed once. */
    private static final List<Integer> VALID_OPCODES = List.copyOf(validOpcodes());

    static Arbitrary<Generated> validInstructions() {
        // Draw only opcodes that can be valid at all (the Decoder rejects the rest whatever the
        // fields), so each of them comes up often; the fields are then filtered by the Decoder.
        Arbitrary<Integer> opcode = Arbitraries.of(VALID_OPCODES);
        // Every field is zero half of the time, since most instructions need most fields zero.
        Arbitrary<Integer> register = zeroOrElse(Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.integers().between(1, 10)),
                Tuple.of(1, Arbitraries.integers().between(11, 15))));
        Arbitrary<Integer> offset = zeroOrElse(Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(1, 8, 16, 32)),
                Tuple.of(2, Arbitraries.integers().between(Short.MIN_VALUE, Short.MAX_VALUE))));
        Arbitrary<Long> constant = Arbitraries.longs();
        Arbitrary<Integer> anyImm = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(1, 2, 5, 10, 16, 32, 64)),
                Tuple.of(3, Arbitraries.integers()));
        // Byte swaps need 16/32/64 and atomics an operation code in imm: such opcodes get those often.
        Arbitrary<Integer> swapImm = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(16, 32, 64)), Tuple.of(1, anyImm));
        Arbitrary<Integer> atomicImm = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(0x00, 0x01, 0x40, 0x41, 0x50,
                0x51, 0xa0, 0xa1, 0xe1, 0xf1, 0x100, 0x110)), Tuple.of(1, anyImm));
        return Combinators.combine(opcode, register, register, offset, zeroOrElse(anyImm), swapImm, atomicImm, constant)
                .as((op, dst, src, off, plainImm, swap, atomic, c) -> {
                    int i = isByteSwap(op) ? swap : isAtomic(op) ? atomic : plainImm;
                    return new Generated(new Instruction(op, dst, src, off, i),
                            op == Opcodes.LDDW ? (c & ~0xffff_ffffL) | (i & 0xffff_ffffL) : 0);
                })
                .filter(g -> accepted(g.insn()));
    }

    private static boolean isByteSwap(int opcode) {
        return (Opcodes.cls(opcode) == Opcodes.CLS_ALU || Opcodes.cls(opcode) == Opcodes.CLS_ALU64)
                && Opcodes.op(opcode) == Opcodes.END;
    }

    private static boolean isAtomic(int opcode) {
        return Opcodes.cls(opcode) == Opcodes.CLS_STX && Opcodes.mode(opcode) == Opcodes.MODE_ATOMIC;
    }

    private static Arbitrary<Integer> zeroOrElse(Arbitrary<Integer> other) {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)), Tuple.of(1, other));
    }

    static boolean accepted(Instruction insn) {
        try {
            Decoder.check(insn, 0);
            return true;
        } catch (MalformedProgramException e) {
            return false;
        }
    }

    /** Every opcode byte for which some field values make a valid instruction. */
    /** A Decoder-accepted instruction with this opcode (fields found by search). */
    static Instruction validInstance(int opcode) {
        for (int dst : new int[] {1, 0, 10}) {
            for (int src : new int[] {2, 0, 10}) {
                for (int off : new int[] {3, 0, 1, 8, 16, 32}) {
                    for (int i : new int[] {5, 0, 1, 16, 32, 64, 0x01, 0x40, 0x41, 0x50, 0x51, 0xa0, 0xa1, 0xe1, 0xf1, 0x100, 0x110}) {
                        Instruction insn = new Instruction(opcode, dst, src, off, i);
                        if (accepted(insn)) {
                            return insn;
                        }
                    }
                }
            }
        }
        throw new IllegalArgumentException("no valid instruction with opcode " + opcode);
    }

    static TreeSet<Integer> validOpcodes() {
        int[] registers = {0, 1, 10};
        int[] offsets = {0, 1, 8, 16, 32};
        int[] imms = {0, 1, 16, 32, 64, 0x01, 0x40, 0x41, 0x50, 0x51, 0xa0, 0xa1, 0xe1, 0xf1, 0x100, 0x110};
        TreeSet<Integer> valid = new TreeSet<>();
        for (int op = 0; op < 256; op++) {
            search:
            for (int dst : registers) {
                for (int src : registers) {
                    for (int off : offsets) {
                        for (int i : imms) {
                            if (accepted(new Instruction(op, dst, src, off, i))) {
                                valid.add(op);
                                break search;
                            }
                        }
                    }
                }
            }
        }
        return valid;
    }

}
