package io.github.bpf4j.vm;

/** The eBPF opcode byte, field by field, as RFC 9669 numbers it (plus the Linux additions). */
public final class Opcodes {
    private Opcodes() {}

    // Instruction classes (low three bits).
    public static final int CLS_LD = 0x00;
    public static final int CLS_LDX = 0x01;
    public static final int CLS_ST = 0x02;
    public static final int CLS_STX = 0x03;
    public static final int CLS_ALU = 0x04;
    public static final int CLS_JMP = 0x05;
    public static final int CLS_JMP32 = 0x06;
    public static final int CLS_ALU64 = 0x07;

    // Source bit of ALU and JMP classes.
    public static final int SRC_K = 0x00;
    public static final int SRC_X = 0x08;

    // ALU operations (high four bits).
    public static final int ADD = 0x00;
    public static final int SUB = 0x10;
    public static final int MUL = 0x20;
    public static final int DIV = 0x30;
    public static final int OR = 0x40;
    public static final int AND = 0x50;
    public static final int LSH = 0x60;
    public static final int RSH = 0x70;
    public static final int NEG = 0x80;
    public static final int MOD = 0x90;
    public static final int XOR = 0xa0;
    public static final int MOV = 0xb0;
    public static final int ARSH = 0xc0;
    public static final int END = 0xd0;

    // Jump operations (high four bits).
    public static final int JA = 0x00;
    public static final int JEQ = 0x10;
    public static final int JGT = 0x20;
    public static final int JGE = 0x30;
    public static final int JSET = 0x40;
    public static final int JNE = 0x50;
    public static final int JSGT = 0x60;
    public static final int JSGE = 0x70;
    public static final int CALL = 0x80;
    public static final int EXIT = 0x90;
    public static final int JLT = 0xa0;
    public static final int JLE = 0xb0;
    public static final int JSLT = 0xc0;
    public static final int JSLE = 0xd0;
    /** Linux: {@code may_goto}, a jump taken once a per-program loop budget runs out. */
    public static final int JCOND = 0xe0;

    // Size field of load/store classes.
    public static final int SIZE_W = 0x00;
    public static final int SIZE_H = 0x08;
    public static final int SIZE_B = 0x10;
    public static final int SIZE_DW = 0x18;

    // Mode field of load/store classes.
    public static final int MODE_IMM = 0x00;
    public static final int MODE_ABS = 0x20;
    public static final int MODE_IND = 0x40;
    public static final int MODE_MEM = 0x60;
    public static final int MODE_MEMSX = 0x80;
    public static final int MODE_ATOMIC = 0xc0;

    // Atomic operations (imm field of MODE_ATOMIC stores).
    public static final int ATOMIC_FETCH = 0x01;
    public static final int ATOMIC_ADD = 0x00;
    public static final int ATOMIC_OR = 0x40;
    public static final int ATOMIC_AND = 0x50;
    public static final int ATOMIC_XOR = 0xa0;
    public static final int ATOMIC_XCHG = 0xe0 | ATOMIC_FETCH;
    public static final int ATOMIC_CMPXCHG = 0xf0 | ATOMIC_FETCH;
    /** Linux: load-acquire (an LDX-like read with acquire ordering). */
    public static final int ATOMIC_LOAD_ACQ = 0x100;
    /** Linux: store-release (an STX-like write with release ordering). */
    public static final int ATOMIC_STORE_REL = 0x110;

    // Source field of the 64-bit immediate load (lddw).
    public static final int PSEUDO_IMM64 = 0;
    public static final int PSEUDO_MAP_FD = 1;
    public static final int PSEUDO_MAP_VALUE = 2;
    public static final int PSEUDO_BTF_ID = 3;
    public static final int PSEUDO_FUNC = 4;
    public static final int PSEUDO_MAP_IDX = 5;
    public static final int PSEUDO_MAP_IDX_VALUE = 6;

    // Source field of call.
    public static final int CALL_HELPER = 0;
    public static final int CALL_LOCAL = 1;
    public static final int CALL_KFUNC = 2;

    // Whole opcodes that are referred to by name.
    public static final int LDDW = CLS_LD | MODE_IMM | SIZE_DW; // 0x18
    public static final int CALL_OP = CLS_JMP | CALL;           // 0x85
    public static final int CALLX_OP = CLS_JMP | CALL | SRC_X;  // 0x8d
    public static final int EXIT_OP = CLS_JMP | EXIT;           // 0x95
    public static final int JA_OP = CLS_JMP | JA;               // 0x05
    public static final int GOTOL_OP = CLS_JMP32 | JA;          // 0x06
    public static final int MAY_GOTO_OP = CLS_JMP | JCOND;      // 0xe5

    public static int cls(int opcode) {
        return opcode & 0x07;
    }

    public static int op(int opcode) {
        return opcode & 0xf0;
    }

    public static int source(int opcode) {
        return opcode & 0x08;
    }

    public static int size(int opcode) {
        return opcode & 0x18;
    }

    public static int mode(int opcode) {
        return opcode & 0xe0;
    }

    /** Bytes accessed by a load/store of this size field. */
    public static int sizeBytes(int opcode) {
        return switch (size(opcode)) {
            case SIZE_W -> 4;
            case SIZE_H -> 2;
            case SIZE_B -> 1;
            default -> 8;
        };
    }
}
