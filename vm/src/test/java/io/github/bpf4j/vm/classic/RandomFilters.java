package io.github.bpf4j.vm.classic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random classic filters that pass the checker: every opcode except ancillary and
 * length loads (the raw eBPF interpreter has no {@code __sk_buff} yet), forward jumps, scratch
 * words initialised by a prologue, packet offsets that sometimes run past the packet.
 */
final class RandomFilters {
    private static final int[] ALU_OPS = {0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x90, 0xa0};
    private static final int[] JUMP_OPS = {0x10, 0x20, 0x30, 0x40};

    private RandomFilters() {}

    static ClassicProgram generate(long seed) {
        return generate(seed, false);
    }

    /** With {@code lengthLoads}, also {@code ld len} and {@code ldx len} (which read the metadata). */
    static ClassicProgram generate(long seed, boolean lengthLoads) {
        Random rnd = new Random(seed);
        List<ClassicInstruction> out = new ArrayList<>();
        for (int m = 0; m < 16; m++) {
            out.add(ClassicInstruction.of(0x00, rnd.nextInt()));
            out.add(ClassicInstruction.of(0x02, m));
        }
        out.add(ClassicInstruction.of(0x00, 0));
        int body = 1 + rnd.nextInt(40);
        int total = out.size() + body + 1;
        while (out.size() < total - 1) {
            int pc = out.size();
            int remaining = total - 1 - pc; // instructions after this one, the final ret included
            out.add(lengthLoads && rnd.nextInt(12) == 0 ? ClassicInstruction.of(rnd.nextBoolean() ? 0x80 : 0x81, 0)
                    : random(rnd, remaining));
        }
        out.add(ClassicInstruction.of(0x16, 0));
        return ClassicProgram.of(out);
    }

    private static ClassicInstruction random(Random rnd, int ahead) {
        int kind = rnd.nextInt(14);
        return switch (kind) {
            case 0 -> ClassicInstruction.of(rnd.nextBoolean() ? 0x00 : 0x01, interesting(rnd));
            case 1 -> ClassicInstruction.of(new int[] {0x20, 0x28, 0x30}[rnd.nextInt(3)], rnd.nextInt(70));
            case 2 -> ClassicInstruction.of(new int[] {0x40, 0x48, 0x50}[rnd.nextInt(3)], rnd.nextInt(40));
            case 3 -> ClassicInstruction.of(0xb1, rnd.nextInt(60));
            case 4 -> ClassicInstruction.of(new int[] {0x60, 0x61, 0x02, 0x03}[rnd.nextInt(4)], rnd.nextInt(16));
            case 5, 6 -> {
                int op = ALU_OPS[rnd.nextInt(ALU_OPS.length)];
                int k = interesting(rnd);
                if (op == 0x60 || op == 0x70) {
                    k = rnd.nextInt(32);
                } else if ((op == 0x30 || op == 0x90) && k == 0) {
                    k = 3;
                }
                yield ClassicInstruction.of(0x04 | op, k);
            }
            case 7 -> ClassicInstruction.of(0x0c | ALU_OPS[rnd.nextInt(ALU_OPS.length)], 0);
            case 8 -> ClassicInstruction.of(new int[] {0x84, 0x07, 0x87}[rnd.nextInt(3)], 0);
            case 9 -> ClassicInstruction.of(0x05, rnd.nextInt(ahead));
            case 10, 11, 12 -> new ClassicInstruction(0x05 | JUMP_OPS[rnd.nextInt(4)] | (rnd.nextBoolean() ? 0x08 : 0),
                    rnd.nextInt(Math.min(ahead, 256)), rnd.nextInt(Math.min(ahead, 256)), interesting(rnd));
            default -> rnd.nextInt(4) == 0 ? ClassicInstruction.of(0x06, interesting(rnd)) : ClassicInstruction.of(0x87, 0);
        };
    }

    /** Constants that hit edge cases more often than uniform ones would. */
    private static int interesting(Random rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> 0;
            case 1 -> rnd.nextInt(16);
            case 2 -> 0x800;
            case 3 -> -1 - rnd.nextInt(4);
            case 4 -> 0x8000_0000 + rnd.nextInt(4);
            default -> rnd.nextInt();
        };
    }

    static byte[] packet(long seed) {
        return packet(seed, 0);
    }

    /** A random packet of at least {@code minLength} bytes. */
    static byte[] packet(long seed, int minLength) {
        Random rnd = new Random(seed ^ 0x5DEECE66DL);
        byte[] p = new byte[minLength + rnd.nextInt(90)];
        rnd.nextBytes(p);
        return p;
    }
}
