package io.github.bpf4j.vm;

import static io.github.bpf4j.vm.Opcodes.*;

/**
 * The kernel / LLVM syntax as {@code llvm-objdump-19 -d --mcpu=v4 --no-print-imm-hex} prints
 * it, except where LLVM 19's text would not say which instruction it is: a bpf-to-bpf call is
 * {@code call pc+N} (as the kernel log writes it), a kfunc call {@code call kfunc N}, an LD_IND
 * index offset is kept ({@code skb[r1 + 2]}), load-acquire and store-release are as LLVM 20
 * writes them. lddw constants are hexadecimal, as llvm-objdump prints them by default.
 */
class LlvmSpelling extends InstructionSpelling {
    private static final String[] ALU = new String[16];
    private static final String[] CONDITIONS = new String[16];

    static {
        LlvmSyntaxParser.ASSIGN_OPS.forEach((symbol, op) -> {
            if (!symbol.equals("s/=") && !symbol.equals("s%=")) {
                ALU[op >> 4] = symbol;
            }
        });
        ALU[MOV >> 4] = "=";
        LlvmSyntaxParser.CONDITIONS.forEach((symbol, op) -> CONDITIONS[op >> 4] = symbol);
    }

    /** {@code r} for a 64-bit operand, {@code w} for a 32-bit one. */
    static String reg(boolean is64, int n) {
        return (is64 ? "r" : "w") + n;
    }

    /** The register a load or store of this size moves: {@code w} below 64 bits (LLVM's v4 spelling). */
    String data(int bits, int n) {
        return reg(bits == 64, n);
    }

    String address(int reg, int offset) {
        return "(r" + reg + (offset < 0 ? " - " + -offset : " + " + offset) + ")";
    }

    static String type(int bits, boolean signed) {
        return (signed ? "s" : "u") + bits;
    }

    String typed(int bits, int reg, int offset) {
        return "(" + type(bits, false) + " *)" + address(reg, offset);
    }

    String immediate(int imm) {
        return Integer.toString(imm);
    }

    @Override
    String alu(boolean is64, int op, boolean signed, int dst, boolean regSource, int src, int imm) {
        String symbol = (signed ? "s" : "") + ALU[op >> 4];
        return reg(is64, dst) + " " + symbol + " " + (regSource ? reg(is64, src) : Integer.toString(imm));
    }

    @Override
    String neg(boolean is64, int dst) {
        return reg(is64, dst) + " = -" + reg(is64, dst);
    }

    @Override
    String movsx(boolean is64, int fromBits, int dst, int src) {
        return reg(is64, dst) + " = (s" + fromBits + ")" + reg(is64, src);
    }

    @Override
    String byteSwap(String kind, int bits, int dst) {
        return "r" + dst + " = " + kind + bits + " r" + dst;
    }

    @Override
    String lddw(int dst, long constant) {
        return "r" + dst + " = " + signedHex(constant) + " ll";
    }

    @Override
    String pseudoLddw(int dst, int pseudoSource, long constant) {
        return "ld_pseudo\tr" + dst + ", " + pseudoSource + ", " + pseudoConstant(constant);
    }

    @Override
    String packetLoad(int bits, boolean indirect, int src, int imm) {
        String index = !indirect ? Integer.toString(imm)
                : "r" + src + (imm == 0 ? "" : imm < 0 ? " - " + -(long) imm : " + " + imm);
        return "r0 = *(" + type(bits, false) + " *)skb[" + index + "]";
    }

    @Override
    String load(int bits, boolean signExtend, int dst, int src, int offset) {
        return (signExtend ? "r" + dst : data(bits, dst)) + " = *(" + type(bits, signExtend) + " *)" + address(src, offset);
    }

    @Override
    String storeImm(int bits, int dst, int offset, int imm) {
        return "*" + typed(bits, dst, offset) + " = " + imm;
    }

    @Override
    String store(int bits, int dst, int offset, int src) {
        return "*" + typed(bits, dst, offset) + " = " + data(bits, src);
    }

    @Override
    String atomic(int bits, String name, boolean fetch, int dst, int offset, int src) {
        if (fetch) {
            return data(bits, src) + " = atomic_fetch_" + name + "(" + typed(bits, dst, offset) + ", " + data(bits, src) + ")";
        }
        String symbol = switch (name) {
            case "add" -> "+=";
            case "or" -> "|=";
            case "and" -> "&=";
            default -> "^=";
        };
        return "lock *" + typed(bits, dst, offset) + " " + symbol + " " + data(bits, src);
    }

    private static String bare(int reg, int offset) {
        return "r" + reg + (offset < 0 ? " - " + -offset : " + " + offset);
    }

    @Override
    String xchg(int bits, int dst, int offset, int src) {
        String suffix = bits == 64 ? "_64" : "32_32";
        return data(bits, src) + " = xchg" + suffix + "(" + bare(dst, offset) + ", " + data(bits, src) + ")";
    }

    @Override
    String cmpxchg(int bits, int dst, int offset, int src) {
        String suffix = bits == 64 ? "_64" : "32_32";
        return data(bits, 0) + " = cmpxchg" + suffix + "(" + bare(dst, offset) + ", " + data(bits, 0) + ", "
                + data(bits, src) + ")";
    }

    @Override
    String loadAcquire(int bits, int dst, int src, int offset) {
        return data(bits, dst) + " = load_acquire(" + typed(bits, src, offset) + ")";
    }

    @Override
    String storeRelease(int bits, int dst, int offset, int src) {
        return "store_release(" + typed(bits, dst, offset) + ", " + data(bits, src) + ")";
    }

    @Override
    String conditional(boolean is32, int op, int dst, boolean regSource, int src, int imm, int offset) {
        String rhs = regSource ? reg(!is32, src) : immediate(imm);
        return "if " + reg(!is32, dst) + " " + CONDITIONS[op >> 4] + " " + rhs + " goto " + target(offset);
    }

    /** How a jump's relative target is written. */
    String target(int relative) {
        return signed(relative);
    }

    @Override
    String goTo(int offset) {
        return "goto " + target(offset);
    }

    @Override
    String gotol(int imm) {
        return "gotol " + target(imm);
    }

    @Override
    String mayGoto(int offset) {
        return "may_goto " + target(offset);
    }

    @Override
    String call(int kind, int imm) {
        return switch (kind) {
            case CALL_LOCAL -> "call pc" + signed(imm);
            case CALL_KFUNC -> "call kfunc " + imm;
            default -> "call " + imm;
        };
    }

    @Override
    String callx(int dst, int imm) {
        return imm != 0 ? "callx " + imm : "callx r" + dst;
    }
}
