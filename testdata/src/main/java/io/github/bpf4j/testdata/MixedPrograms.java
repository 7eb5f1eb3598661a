package io.github.bpf4j.testdata;

import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random raw-type programs that mix safe and unsafe patterns: memory and stack accesses
 * at random offsets (some out of bounds, some uninitialised), random ALU on scalars and
 * pointers, forward branches on loaded values, counted loops with random bounds, and helper 5.
 * About a third of them are accepted; those must then never fault. The verifier tests and
 * {@code bpf4j fuzz --mode verifier} use them to compare verdicts with the kernel's.
 */
public final class MixedPrograms {
    /** A program and the memory size to verify it for. */
    public record Case(Program program, int memSize) {}

    private static final int[] SCALARS = {0, 3, 4, 5, 6, 7};
    private final Random random;
    private final List<Instruction> out = new ArrayList<>();
    private final int memSize;

    private MixedPrograms(long seed) {
        random = new Random(seed);
        memSize = random.nextInt(10) == 0 ? 0 : 8 + random.nextInt(32);
    }

    /** The program for {@code seed}; the same seed always gives the same program. */
    public static Case generate(long seed) {
        MixedPrograms g = new MixedPrograms(seed);
        return new Case(g.build(), g.memSize);
    }

    private void emit(int opcode, int dst, int src, int off, int imm) {
        out.add(new Instruction(opcode, dst, src, off, imm));
    }

    private int scalar() {
        return SCALARS[random.nextInt(SCALARS.length)];
    }

    private Program build() {
        for (int r : SCALARS) {
            if (random.nextInt(30) != 0) {
                emit(0xb7, r, 0, 0, random.nextInt(41) - 20);
            }
        }
        int n = 3 + random.nextInt(10);
        for (int i = 0; i < n; i++) {
            piece();
        }
        if (random.nextInt(10) != 0) {
            emit(0xbf, 0, scalar(), 0, 0);
        }
        emit(0x95, 0, 0, 0, 0);
        return Program.of(out);
    }

    private int memOffset(int size) {
        return random.nextInt(14) == 0 ? random.nextInt(memSize + 8) - 4 : random.nextInt(Math.max(1, memSize - size + 1));
    }

    private int stackOffset(int size) {
        return random.nextInt(14) == 0 ? -8 * (random.nextInt(66)) : -size * (1 + random.nextInt(512 / size));
    }

    private void piece() {
        int[] sizes = {0x18, 0x00, 0x08, 0x10};
        int[] bytes = {8, 4, 2, 1};
        int s = random.nextInt(4);
        if (random.nextInt(40) == 0) {
            rareMistake();
            return;
        }
        switch (random.nextInt(12)) {
            case 0, 1 -> emit(0x61 & ~0x18 | sizes[s], scalar(), 1, memOffset(bytes[s]), 0); // load from memory
            case 2 -> emit(0x63 & ~0x18 | sizes[s], 1, scalar(), memOffset(bytes[s]), 0); // store to memory
            case 3 -> emit(0x63 & ~0x18 | sizes[s], 10, scalar(), stackOffset(bytes[s]), 0); // store to stack
            case 4 -> emit(0x61 & ~0x18 | sizes[s], scalar(), 10, stackOffset(bytes[s]), 0); // load from stack
            case 5, 6 -> {
                int[] ops = {0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x90, 0xa0, 0xc0};
                int op = ops[random.nextInt(ops.length)];
                int cls = random.nextBoolean() ? 0x07 : 0x04;
                if (random.nextBoolean()) {
                    emit(cls | op | 0x08, scalar(), scalar(), 0, 0);
                } else {
                    int imm = (op == 0x60 || op == 0x70 || op == 0xc0) ? random.nextInt(cls == 0x07 ? 64 : 32)
                            : random.nextInt(2001) - 1000;
                    if ((op == 0x30 || op == 0x90) && imm == 0) {
                        imm = 7;
                    }
                    emit(cls | op, scalar(), 0, 0, imm);
                }
            }
            case 7 -> { // pointer arithmetic on a copy of the memory pointer, then an access
                int p = 8;
                emit(0xbf, p, 1, 0, 0);
                if (random.nextInt(5) != 0) {
                    emit(0x07, p, 0, 0, random.nextInt(memSize + 2));
                } else {
                    int r = scalar();
                    emit(0x57, r, 0, 0, random.nextInt(16));
                    emit(0x0f, p, r, 0, 0);
                }
                emit(0x71, scalar(), p, 0, 0);
            }
            case 8 -> { // forward branch over a few pieces
                int before = out.size();
                emit(0x25 + 0x10 * random.nextInt(2), scalar(), 0, 0, random.nextInt(64));
                int start = out.size();
                piece();
                out.set(before, withOffset(out.get(before), out.size() - start));
            }
            case 9 -> { // counted loop
                int counter = 9;
                int bound = 1 + random.nextInt(random.nextInt(10) == 0 ? 300 : 12);
                emit(0xb7, counter, 0, 0, 0);
                int top = out.size();
                piece();
                emit(0x07, counter, 0, 0, 1);
                emit(0xa5, counter, 0, top - out.size() - 1, bound);
            }
            case 10 -> emit(0x85, 0, 0, 0, 5);
            default -> { // stack pointer arithmetic then an access
                int p = 8;
                emit(0xbf, p, 10, 0, 0);
                emit(0x07, p, 0, 0, -8 * (1 + random.nextInt(64)));
                emit(0x7a, p, 0, random.nextInt(3) * 8 - 8, 1);
            }
        }
    }

    /** One of the errors a learner makes, each with its own kernel message. */
    private void rareMistake() {
        switch (random.nextInt(8)) {
            case 0 -> emit(0xb7, 10, 0, 0, 0); // r10 = 0
            case 1 -> emit(0x37, scalar(), 0, 0, 0); // r /= 0
            case 2 -> emit(0x67, scalar(), 0, 0, 64); // r <<= 64
            case 3 -> emit(0x7a, 10, 0, -8 * (65 + random.nextInt(3)), 0); // below the stack
            case 4 -> {
                emit(0xbf, 8, 10, 0, 0);
                emit(0x27, 8, 0, 0, 2); // pointer *= 2
            }
            case 5 -> emit(0x85, 0, 0, 0, 1000 + random.nextInt(100)); // no such helper
            case 6 -> emit(0xbf, scalar(), 9, 0, 0); // r = r9 (set only by loops)
            default -> emit(0x7b, 10, scalar(), -8 * random.nextInt(4) - 4, 0); // misaligned store
        }
    }

    private static Instruction withOffset(Instruction i, int off) {
        return new Instruction(i.opcode(), i.dst(), i.src(), off, i.imm());
    }
}
