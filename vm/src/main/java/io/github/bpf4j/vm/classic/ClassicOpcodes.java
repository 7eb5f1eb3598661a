package io.github.bpf4j.vm.classic;

/** The classic opcode fields ({@code linux/bpf_common.h}, {@code linux/filter.h}). */
final class ClassicOpcodes {
    private ClassicOpcodes() {}

    static final int LD = 0x00;
    static final int LDX = 0x01;
    static final int ST = 0x02;
    static final int STX = 0x03;
    static final int ALU = 0x04;
    static final int JMP = 0x05;
    static final int RET = 0x06;
    static final int MISC = 0x07;

    static final int W = 0x00;
    static final int H = 0x08;
    static final int B = 0x10;

    static final int IMM = 0x00;
    static final int ABS = 0x20;
    static final int IND = 0x40;
    static final int MEM = 0x60;
    static final int LEN = 0x80;
    static final int MSH = 0xa0;

    static final int ADD = 0x00;
    static final int SUB = 0x10;
    static final int MUL = 0x20;
    static final int DIV = 0x30;
    static final int OR = 0x40;
    static final int AND = 0x50;
    static final int LSH = 0x60;
    static final int RSH = 0x70;
    static final int NEG = 0x80;
    static final int MOD = 0x90;
    static final int XOR = 0xa0;

    static final int JA = 0x00;
    static final int JEQ = 0x10;
    static final int JGT = 0x20;
    static final int JGE = 0x30;
    static final int JSET = 0x40;

    static final int K = 0x00;
    static final int X = 0x08;
    /** RET's source field: the accumulator. */
    static final int A = 0x10;

    static final int TAX = 0x00;
    static final int TXA = 0x80;

    /** Scratch memory words, {@code BPF_MEMWORDS}. */
    static final int MEMWORDS = 16;
    /** The kernel's and libpcap's limit on program length, {@code BPF_MAXINSNS}. */
    static final int MAXINSNS = 4096;

    /** Negative offsets with special meaning ({@code SKF_*_OFF}), as signed 32-bit values. */
    static final int SKF_AD_OFF = -0x1000;
    static final int SKF_NET_OFF = -0x100000;
    static final int SKF_LL_OFF = -0x200000;

    static int cls(int code) {
        return code & 0x07;
    }

    static int size(int code) {
        return code & 0x18;
    }

    static int mode(int code) {
        return code & 0xe0;
    }

    static int op(int code) {
        return code & 0xf0;
    }

    static int src(int code) {
        return code & 0x08;
    }

    static int sizeBytes(int code) {
        return switch (size(code)) {
            case W -> 4;
            case H -> 2;
            default -> 1;
        };
    }

    /** True for the opcodes the kernel accepts ({@code chk_code_allowed} in net/core/filter.c). */
    static boolean known(int code) {
        switch (cls(code)) {
            case LD:
                return code == (LD | IMM) || code == (LD | W | LEN) || code == (LD | MEM)
                        || ((mode(code) == ABS || mode(code) == IND) && size(code) != 0x18 && (code & ~0xf8) == 0);
            case LDX:
                return code == (LDX | IMM) || code == (LDX | MEM) || code == (LDX | W | LEN) || code == (LDX | B | MSH);
            case ST:
            case STX:
                return code == cls(code);
            case ALU:
                if (code == (ALU | NEG)) {
                    return true;
                }
                return code <= 0xff && op(code) <= XOR && op(code) != NEG;
            case JMP:
                if (code == (JMP | JA)) {
                    return true;
                }
                return code <= 0xff && op(code) >= JEQ && op(code) <= JSET;
            case RET:
                return code == (RET | K) || code == (RET | A);
            default:
                return code == (MISC | TAX) || code == (MISC | TXA);
        }
    }

    /** True for the conditional jumps (they use jt and jf). */
    static boolean isConditionalJump(int code) {
        return cls(code) == JMP && op(code) != JA;
    }
}
