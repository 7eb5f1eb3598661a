package io.github.bpf4j.testdata;

import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random programs written to pass the kernel's verifier, so that the kernel can run them
 * next to our engines: every register is initialised before use, memory accesses stay inside
 * the input (whose length is known) and inside stack slots written first, jumps go forward or
 * round a counted loop, divisions by a constant zero and shifts by out-of-range constants are
 * left out. What remains is the whole ALU, byte swaps, sign extension, loads and stores of every
 * size, atomics on the stack, and both jump classes.
 */
public final class VerifiablePrograms {
    /** Registers the programs compute in; r6 holds the input pointer, r7 its length. */
    private static final int[] WORK = {0, 1, 2, 3, 4, 5, 8, 9};
    private static final int[] ALU_OPS = {0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x90, 0xa0, 0xb0, 0xc0};
    private static final int[] JUMP_OPS = {0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0xa0, 0xb0, 0xc0, 0xd0};
    private static final int[] ATOMIC_OPS = {0x00, 0x40, 0x50, 0xa0, 0x01, 0x41, 0x51, 0xa1, 0xe1, 0xf1};
    /** Stack slots (8 bytes each, below r10) every program writes in its prologue. */
    private static final int SLOTS = 6;

    private final Random random;
    private final byte[] input;
    private final List<Instruction> out = new ArrayList<>();

    private VerifiablePrograms(long seed) {
        random = new Random(seed);
        input = new byte[8 + random.nextInt(57)];
        random.nextBytes(input);
    }

    /** The program and input for {@code seed}; the same seed always gives the same case. */
    public static RandomPrograms.Case generate(long seed) {
        return new VerifiablePrograms(seed).build();
    }

    private RandomPrograms.Case build() {
        emit(0xbf, 6, 1, 0, 0); // r6 = input
        emit(0xbf, 7, 2, 0, 0); // r7 = length
        for (int reg : WORK) {
            if (random.nextInt(3) == 0) {
                lddw(reg, random.nextLong());
            } else if (random.nextBoolean()) {
                load(reg);
            } else {
                emit(0xb7, reg, 0, 0, immediate());
            }
        }
        for (int slot = 1; slot <= SLOTS; slot++) {
            emit(0x7b, 10, WORK[random.nextInt(WORK.length)], -8 * slot, 0);
        }
        int length = 10 + random.nextInt(50);
        block(length);
        if (random.nextInt(4) == 0) {
            loop();
        }
        emit(0x95, 0, 0, 0, 0);
        return new RandomPrograms.Case(Program.of(out), input);
    }

    /** Straight-line code with forward jumps that stay inside the block. */
    private void block(int length) {
        int start = out.size();
        List<Integer> pendingJumps = new ArrayList<>();
        List<Integer> jumpTargets = new ArrayList<>();
        while (out.size() - start < length) {
            int pick = random.nextInt(100);
            if (pick < 50) {
                alu();
            } else if (pick < 62) {
                load(work());
            } else if (pick < 70) {
                store();
            } else if (pick < 76) {
                stack();
            } else if (pick < 82) {
                atomic();
            } else if (pick < 86) {
                lddw(work(), random.nextLong());
            } else {
                pendingJumps.add(out.size());
                jumpTargets.add(out.size() + 1 + random.nextInt(Math.max(1, length / 3)));
                out.add(null); // filled in below
            }
        }
        int end = out.size();
        for (int i = 0; i < pendingJumps.size(); i++) {
            int at = pendingJumps.get(i);
            int target = Math.min(jumpTargets.get(i), end);
            while (target < end && out.get(target) != null && isSecondSlot(target)) {
                target++;
            }
            out.set(at, conditionalJump(target - at - 1));
        }
    }

    private boolean isSecondSlot(int pc) {
        return pc > 0 && out.get(pc - 1) != null && out.get(pc - 1).isLddw();
    }

    /** A loop counted down in r7 (the length is no longer needed), around a small block. */
    private void loop() {
        emit(0xb7, 7, 0, 0, 1 + random.nextInt(20));
        int top = out.size();
        int body = 3 + random.nextInt(8);
        block(body);
        emit(0x17, 7, 0, 0, 1);
        int here = out.size();
        emit(0x55, 7, 0, top - here - 1, 0); // if r7 != 0 goto top
    }

    private int work() {
        return WORK[random.nextInt(WORK.length)];
    }

    private void alu() {
        boolean wide = random.nextBoolean();
        int cls = wide ? 0x07 : 0x04;
        int dst = work();
        int kind = random.nextInt(24);
        if (kind == 0) {
            emit(cls | 0x80, dst, 0, 0, 0); // neg
        } else if (kind == 1) {
            int bits = new int[] {16, 32, 64}[random.nextInt(3)];
            emit(new int[] {0xd4, 0xdc, 0xd7}[random.nextInt(3)], dst, 0, 0, bits);
        } else if (kind == 2) {
            int bits = wide ? new int[] {8, 16, 32}[random.nextInt(3)] : new int[] {8, 16}[random.nextInt(2)];
            emit(cls | 0x08 | 0xb0, dst, work(), bits, 0);
        } else {
            int op = ALU_OPS[random.nextInt(ALU_OPS.length)];
            int offset = (op == 0x30 || op == 0x90) && random.nextInt(3) == 0 ? 1 : 0;
            if (random.nextBoolean()) {
                emit(cls | 0x08 | op, dst, work(), offset, 0);
            } else {
                int imm = immediate();
                if (op == 0x60 || op == 0x70 || op == 0xc0) {
                    imm = random.nextInt(wide ? 64 : 32); // the kernel rejects out-of-range shifts
                } else if ((op == 0x30 || op == 0x90) && imm == 0) {
                    imm = 3; // and division by a constant zero
                }
                emit(cls | op, dst, 0, offset, imm);
            }
        }
    }

    private int immediate() {
        return RandomPrograms.immediate(random);
    }

    private int sizeField(int bytes) {
        return switch (bytes) {
            case 4 -> 0x00;
            case 2 -> 0x08;
            case 1 -> 0x10;
            default -> 0x18;
        };
    }

    private int randomSize() {
        return new int[] {1, 2, 4, 8}[random.nextInt(4)];
    }

    /** A load from the input (r6) at an in-bounds offset, sign-extending now and then. */
    private void load(int dst) {
        int bytes = randomSize();
        int offset = random.nextInt(input.length - bytes + 1);
        boolean signed = bytes != 8 && random.nextInt(3) == 0;
        emit((signed ? 0x81 : 0x61) | sizeField(bytes), dst, 6, offset, 0);
    }

    private void store() {
        int bytes = randomSize();
        int offset = random.nextInt(input.length - bytes + 1);
        if (random.nextBoolean()) {
            emit(0x63 | sizeField(bytes), 6, work(), offset, 0);
        } else {
            emit(0x62 | sizeField(bytes), 6, 0, offset, immediate());
        }
    }

    /** A load or store of the written stack slots. */
    private void stack() {
        int bytes = randomSize();
        int slot = 1 + random.nextInt(SLOTS);
        int offset = -8 * slot + random.nextInt(8 / bytes) * bytes;
        if (random.nextBoolean()) {
            emit(0x61 | sizeField(bytes), work(), 10, offset, 0);
        } else {
            emit(0x63 | sizeField(bytes), 10, work(), offset, 0);
        }
    }

    private void atomic() {
        boolean wide = random.nextBoolean();
        int slot = 1 + random.nextInt(SLOTS);
        int offset = -8 * slot + (wide ? 0 : 4 * random.nextInt(2));
        emit(wide ? 0xdb : 0xc3, 10, work(), offset, ATOMIC_OPS[random.nextInt(ATOMIC_OPS.length)]);
    }

    private Instruction conditionalJump(int offset) {
        int cls = random.nextBoolean() ? 0x05 : 0x06;
        int op = JUMP_OPS[random.nextInt(JUMP_OPS.length)];
        if (random.nextBoolean()) {
            return new Instruction(cls | 0x08 | op, work(), work(), offset, 0);
        }
        return new Instruction(cls | op, work(), 0, offset, immediate());
    }

    private void lddw(int dst, long value) {
        emit(0x18, dst, 0, 0, (int) value);
        emit(0x00, 0, 0, 0, (int) (value >>> 32));
    }

    private void emit(int opcode, int dst, int src, int offset, int imm) {
        out.add(new Instruction(opcode, dst, src, offset, imm));
    }
}
