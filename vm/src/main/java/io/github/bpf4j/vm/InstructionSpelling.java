package io.github.bpf4j.vm;

import static io.github.bpf4j.vm.Opcodes.*;

/**
 * How one assembly syntax writes each kind of instruction. {@link #text} works out which kind
 * an encoding is (the same for every syntax); subclasses only spell it. Registers, sizes in bits
 * (8, 16, 32, 64) and fields arrive decoded.
 */
abstract class InstructionSpelling {

    /** The text of a valid instruction; {@code constant} is the 64-bit value of an lddw. */
    String text(Instruction insn, long constant) {
        int opcode = insn.opcode();
        int dst = insn.dst();
        int src = insn.src();
        int off = insn.offset();
        int imm = insn.imm();
        int bits = Opcodes.sizeBytes(opcode) * 8;
        switch (insn.cls()) {
            case CLS_ALU, CLS_ALU64: {
                boolean is64 = insn.cls() == CLS_ALU64;
                boolean reg = source(opcode) == SRC_X;
                return switch (op(opcode)) {
                    case NEG -> neg(is64, dst);
                    case END -> byteSwap(is64 ? "bswap" : reg ? "be" : "le", imm, dst);
                    case MOV -> reg && off != 0 ? movsx(is64, off, dst, src) : alu(is64, MOV, false, dst, reg, src, imm);
                    default -> alu(is64, op(opcode), off == 1, dst, reg, src, imm);
                };
            }
            case CLS_JMP, CLS_JMP32: {
                boolean is32 = insn.cls() == CLS_JMP32;
                return switch (op(opcode)) {
                    case JA -> is32 ? gotol(imm) : goTo(off);
                    case CALL -> opcode == CALLX_OP ? callx(dst, imm) : call(src, imm);
                    case EXIT -> "exit";
                    case JCOND -> mayGoto(off);
                    default -> conditional(is32, op(opcode), dst, source(opcode) == SRC_X, src, imm, off);
                };
            }
            case CLS_LD:
                if (opcode == LDDW) {
                    return src == PSEUDO_IMM64 ? lddw(dst, constant) : pseudoLddw(dst, src, constant);
                }
                return packetLoad(bits, mode(opcode) == MODE_IND, src, imm);
            case CLS_LDX:
                return load(bits, mode(opcode) == MODE_MEMSX, dst, src, off);
            case CLS_ST:
                return storeImm(bits, dst, off, imm);
            default:
                if (mode(opcode) == MODE_MEM) {
                    return store(bits, dst, off, src);
                }
                return switch (imm) {
                    case ATOMIC_LOAD_ACQ -> loadAcquire(bits, dst, src, off);
                    case ATOMIC_STORE_REL -> storeRelease(bits, dst, off, src);
                    case ATOMIC_XCHG -> xchg(bits, dst, off, src);
                    case ATOMIC_CMPXCHG -> cmpxchg(bits, dst, off, src);
                    default -> atomic(bits, atomicName(imm & ~ATOMIC_FETCH), (imm & ATOMIC_FETCH) != 0, dst, off, src);
                };
        }
    }

    private static String atomicName(int op) {
        return switch (op) {
            case ATOMIC_ADD -> "add";
            case ATOMIC_OR -> "or";
            case ATOMIC_AND -> "and";
            default -> "xor";
        };
    }

    /** {@code +3}, {@code +0}, {@code -2}. */
    static String signed(long n) {
        return n < 0 ? Long.toString(n) : "+" + n;
    }

    /** {@code 0x1f}, {@code -0x1}: hexadecimal of the signed value, as llvm-objdump prints lddw constants. */
    static String signedHex(long n) {
        return n < 0 ? "-0x" + Long.toHexString(-n) : "0x" + Long.toHexString(n);
    }

    /** The constant of a pseudo lddw: unsigned decimal when only the first slot holds it (as LLVM prints it), else 64-bit hex. */
    static String pseudoConstant(long constant) {
        return (constant >>> 32) == 0 ? Long.toString(constant) : "0x" + Long.toHexString(constant);
    }

    /** An ALU operation other than neg, byte swap and movsx; {@code signed} marks sdiv/smod. */
    abstract String alu(boolean is64, int op, boolean signed, int dst, boolean regSource, int src, int imm);

    abstract String neg(boolean is64, int dst);

    abstract String movsx(boolean is64, int fromBits, int dst, int src);

    /** {@code kind} is {@code le}, {@code be} (ALU class) or {@code bswap} (ALU64). */
    abstract String byteSwap(String kind, int bits, int dst);

    abstract String lddw(int dst, long constant);

    abstract String pseudoLddw(int dst, int pseudoSource, long constant);

    /** Legacy packet load: LD_ABS ({@code indirect} false, src unused) or LD_IND. */
    abstract String packetLoad(int bits, boolean indirect, int src, int imm);

    abstract String load(int bits, boolean signExtend, int dst, int src, int offset);

    abstract String storeImm(int bits, int dst, int offset, int imm);

    abstract String store(int bits, int dst, int offset, int src);

    /** add/or/and/xor, with or without fetch. */
    abstract String atomic(int bits, String name, boolean fetch, int dst, int offset, int src);

    abstract String xchg(int bits, int dst, int offset, int src);

    abstract String cmpxchg(int bits, int dst, int offset, int src);

    abstract String loadAcquire(int bits, int dst, int src, int offset);

    abstract String storeRelease(int bits, int dst, int offset, int src);

    abstract String conditional(boolean is32, int op, int dst, boolean regSource, int src, int imm, int offset);

    abstract String goTo(int offset);

    abstract String gotol(int imm);

    abstract String mayGoto(int offset);

    /** {@code kind} is the call's src field: helper, local (bpf-to-bpf) or kfunc. */
    abstract String call(int kind, int imm);

    /** {@code imm} non-zero: the older encoding with the register number in imm. */
    abstract String callx(int dst, int imm);
}
