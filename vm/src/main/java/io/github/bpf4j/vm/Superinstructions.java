package io.github.bpf4j.vm;

/**
 * Fuses common instruction pairs of predecoded code into one dispatch of the interpreter: an
 * immediate add followed by a conditional jump on the same register (a loop latch), a load
 * followed by a conditional jump on the loaded value (load and test), and a register copy
 * followed by an operation on the copy (how clang computes into a fresh register). The fused op replaces the
 * first slot only; the second keeps its own instruction for the paths that jump to it. A fused
 * op counts and checks the budget for each half, so runs count exactly as unfused code does.
 */
final class Superinstructions {
    // Add immediate (64-bit), then jump if dst <cond> imm: opcode bytes the decoder rejects (ST class, IMM/ABS modes).
    static final int ADD_JEQ = 0x02, ADD_JGT = 0x0a, ADD_JGE = 0x12, ADD_JNE = 0x1a;
    static final int ADD_JLT = 0x22, ADD_JLE = 0x2a, ADD_JSGT = 0x32, ADD_JSLT = 0x3a;
    // Load of 1/2/4/8 bytes, then jump if dst <cond> imm (LDX class, IMM/ABS/IND/0xa0 modes).
    static final int LDXB_JEQ = 0x09, LDXB_JNE = 0x11, LDXB_JGT = 0x19, LDXB_JLE = 0x21;
    static final int LDXH_JEQ = 0x29, LDXH_JNE = 0x31, LDXH_JGT = 0x39, LDXH_JLE = 0x41;
    static final int LDXW_JEQ = 0x49, LDXW_JNE = 0x51, LDXW_JGT = 0x59, LDXW_JLE = 0xa1;
    static final int LDXDW_JEQ = 0xa9, LDXDW_JNE = 0xb1, LDXDW_JGT = 0xb9, LDXDW_JLE = 0xc1;
    // Register copy (64-bit), then an ALU64 op on the copy: "r5 = r4; r5 += r3" (LDX class, modes 0xc0/0xe0).
    static final int MOV_ADDX = 0xc9, MOV_ADDK = 0xd1, MOV_MULX = 0xd9, MOV_ANDK = 0xe1;
    static final int MOV_RSHK = 0xe9, MOV_LSHK = 0xf1, MOV_XORX = 0xf9;

    private Superinstructions() {}

    /** Fuses pairs in place; {@code code} is the predecoder's output. */
    static void fuse(long[] code, int length) {
        for (int pc = 0; pc + 1 < length; pc++) {
            long first = code[pc];
            long second = code[pc + 1];
            int op = (int) first & 0xff;
            if (op == Opcodes.LDDW) {
                pc++;
                continue;
            }
            int dst = (int) (first >>> 8) & 0xf;
            int jumpDst = (int) (second >>> 8) & 0xf;
            if (dst != jumpDst) {
                continue;
            }
            int fused = fused(op, (int) second & 0xff);
            if (fused >= 0) {
                code[pc] = (first & ~0xffL) | fused;
            }
        }
    }

    private static int fused(int first, int second) {
        if (first == 0xbf) {
            return switch (second) {
                case 0x0f -> MOV_ADDX;
                case 0x07 -> MOV_ADDK;
                case 0x2f -> MOV_MULX;
                case 0x57 -> MOV_ANDK;
                case 0x77 -> MOV_RSHK;
                case 0x67 -> MOV_LSHK;
                case 0xaf -> MOV_XORX;
                default -> -1;
            };
        }
        int jump = second;
        if (first == 0x07) {
            return switch (jump) {
                case 0x15 -> ADD_JEQ;
                case 0x25 -> ADD_JGT;
                case 0x35 -> ADD_JGE;
                case 0x55 -> ADD_JNE;
                case 0xa5 -> ADD_JLT;
                case 0xb5 -> ADD_JLE;
                case 0x65 -> ADD_JSGT;
                case 0xc5 -> ADD_JSLT;
                default -> -1;
            };
        }
        int[] row = switch (first) {
            case 0x71 -> new int[] {LDXB_JEQ, LDXB_JNE, LDXB_JGT, LDXB_JLE};
            case 0x69 -> new int[] {LDXH_JEQ, LDXH_JNE, LDXH_JGT, LDXH_JLE};
            case 0x61 -> new int[] {LDXW_JEQ, LDXW_JNE, LDXW_JGT, LDXW_JLE};
            case 0x79 -> new int[] {LDXDW_JEQ, LDXDW_JNE, LDXDW_JGT, LDXDW_JLE};
            default -> null;
        };
        if (row == null) {
            return -1;
        }
        return switch (jump) {
            case 0x15 -> row[0];
            case 0x55 -> row[1];
            case 0x25 -> row[2];
            case 0xb5 -> row[3];
            default -> -1;
        };
    }
}
