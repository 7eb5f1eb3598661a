package io.github.bpf4j.vm;

import static io.github.bpf4j.vm.Opcodes.*;

/** The ubpf / bpf_conformance syntax: {@code mov %r0, 1}, {@code ldxw %r0, [%r1+4]}, {@code jgt %r1, 2, +3}. */
final class UbpfSpelling extends InstructionSpelling {
    private static final String[] ALU = new String[16];
    private static final String[] CONDITIONS = new String[16];

    static {
        UbpfSyntaxParser.ALU_OPS.forEach((name, op) -> {
            if (!name.equals("sdiv") && !name.equals("smod")) {
                ALU[op >> 4] = name;
            }
        });
        UbpfSyntaxParser.JUMP_OPS.forEach((name, op) -> CONDITIONS[op >> 4] = name);
    }

    private static String suffix(boolean is64) {
        return is64 ? "" : "32";
    }

    private static String size(int bits) {
        return switch (bits) {
            case 8 -> "b";
            case 16 -> "h";
            case 32 -> "w";
            default -> "dw";
        };
    }

    private static String memory(int reg, int offset) {
        return "[%r" + reg + (offset == 0 ? "" : offset < 0 ? "-" + -offset : "+" + offset) + "]";
    }

    @Override
    String alu(boolean is64, int op, boolean signed, int dst, boolean regSource, int src, int imm) {
        return (signed ? "s" : "") + ALU[op >> 4] + suffix(is64) + " %r" + dst + ", "
                + (regSource ? "%r" + src : Integer.toString(imm));
    }

    @Override
    String neg(boolean is64, int dst) {
        return "neg" + suffix(is64) + " %r" + dst;
    }

    @Override
    String movsx(boolean is64, int fromBits, int dst, int src) {
        return "movsx" + fromBits + (is64 ? "64" : "32") + " %r" + dst + ", %r" + src;
    }

    @Override
    String byteSwap(String kind, int bits, int dst) {
        return (kind.equals("bswap") ? "swap" : kind) + bits + " %r" + dst;
    }

    @Override
    String lddw(int dst, long constant) {
        return "lddw %r" + dst + ", " + signedHex(constant);
    }

    @Override
    String pseudoLddw(int dst, int pseudoSource, long constant) {
        return "ld_pseudo %r" + dst + ", " + pseudoSource + ", " + pseudoConstant(constant);
    }

    @Override
    String packetLoad(int bits, boolean indirect, int src, int imm) {
        return indirect ? "ldind" + size(bits) + " %r" + src + ", " + imm : "ldabs" + size(bits) + " " + imm;
    }

    @Override
    String load(int bits, boolean signExtend, int dst, int src, int offset) {
        return (signExtend ? "ldxs" : "ldx") + size(bits) + " %r" + dst + ", " + memory(src, offset);
    }

    @Override
    String storeImm(int bits, int dst, int offset, int imm) {
        return "st" + size(bits) + " " + memory(dst, offset) + ", " + imm;
    }

    @Override
    String store(int bits, int dst, int offset, int src) {
        return "stx" + size(bits) + " " + memory(dst, offset) + ", %r" + src;
    }

    private static String lock(String name, int bits, int dst, int offset, int src) {
        return "lock " + name + (bits == 32 ? "32" : "") + " " + memory(dst, offset) + ", %r" + src;
    }

    @Override
    String atomic(int bits, String name, boolean fetch, int dst, int offset, int src) {
        return lock((fetch ? "fetch " : "") + name, bits, dst, offset, src);
    }

    @Override
    String xchg(int bits, int dst, int offset, int src) {
        return lock("xchg", bits, dst, offset, src);
    }

    @Override
    String cmpxchg(int bits, int dst, int offset, int src) {
        return lock("cmpxchg", bits, dst, offset, src);
    }

    @Override
    String loadAcquire(int bits, int dst, int src, int offset) {
        return "lock ldx" + size(bits) + " %r" + dst + ", " + memory(src, offset);
    }

    @Override
    String storeRelease(int bits, int dst, int offset, int src) {
        return "lock stx" + size(bits) + " " + memory(dst, offset) + ", %r" + src;
    }

    @Override
    String conditional(boolean is32, int op, int dst, boolean regSource, int src, int imm, int offset) {
        return CONDITIONS[op >> 4] + suffix(!is32) + " %r" + dst + ", " + (regSource ? "%r" + src : Integer.toString(imm))
                + ", " + signed(offset);
    }

    @Override
    String goTo(int offset) {
        return "ja " + signed(offset);
    }

    @Override
    String gotol(int imm) {
        return "ja32 " + signed(imm);
    }

    @Override
    String mayGoto(int offset) {
        return "may_goto " + signed(offset);
    }

    @Override
    String call(int kind, int imm) {
        return switch (kind) {
            case CALL_LOCAL -> "call local " + signed(imm);
            case CALL_KFUNC -> "call runtime " + imm;
            default -> "call " + imm;
        };
    }

    @Override
    String callx(int dst, int imm) {
        return imm != 0 ? "callx " + imm : "call %r" + dst;
    }
}
