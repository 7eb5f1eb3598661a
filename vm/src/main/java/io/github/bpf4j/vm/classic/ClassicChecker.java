package io.github.bpf4j.vm.classic;

import static io.github.bpf4j.vm.classic.ClassicOpcodes.*;

import io.github.bpf4j.vm.MalformedProgramException;
import java.util.Arrays;

/**
 * The rules the kernel ({@code bpf_check_classic} and {@code check_load_and_stores} in
 * net/core/filter.c) and libpcap ({@code bpf_validate}) apply before running a classic program,
 * and the stricter ones of seccomp ({@code seccomp_check_filter}). Errors name the instruction.
 */
final class ClassicChecker {
    /** {@code sizeof(struct seccomp_data)}. */
    static final int SECCOMP_DATA_SIZE = 64;

    private ClassicChecker() {}

    /** Checks a socket filter; throws {@link MalformedProgramException} at the first problem. */
    static void check(ClassicInstruction[] insns) {
        int n = insns.length;
        if (n == 0 || n > MAXINSNS) {
            throw new MalformedProgramException("classic program has " + n + " instructions, must have 1.." + MAXINSNS);
        }
        for (int pc = 0; pc < n; pc++) {
            ClassicInstruction insn = insns[pc];
            int code = insn.code();
            int k = insn.k();
            if (!known(code)) {
                throw error(pc, String.format("unknown opcode 0x%02x", code));
            }
            switch (cls(code)) {
                case ALU -> {
                    if (src(code) == K && (op(code) == DIV || op(code) == MOD) && k == 0) {
                        throw error(pc, (op(code) == DIV ? "division" : "modulo") + " by constant zero");
                    }
                    if (src(code) == K && (op(code) == LSH || op(code) == RSH) && Integer.compareUnsigned(k, 32) >= 0) {
                        throw error(pc, "shift by " + Integer.toUnsignedString(k) + ", must be below 32");
                    }
                }
                case ST, STX -> scratch(pc, k);
                case LD, LDX -> {
                    if (mode(code) == MEM) {
                        scratch(pc, k);
                    } else if (cls(code) == LD && mode(code) == ABS && Ancillary.inArea(k) && Ancillary.of(k) == null) {
                        throw error(pc, String.format("unknown ancillary load at SKF_AD_OFF+0x%x",
                                k - SKF_AD_OFF));
                    }
                }
                case JMP -> jumps(pc, insn, n);
                default -> { }
            }
        }
        int last = insns[n - 1].code();
        if (cls(last) != RET) {
            throw error(n - 1, "the last instruction must be a ret");
        }
        checkScratchInitialised(insns);
    }

    private static void scratch(int pc, int k) {
        if (Integer.compareUnsigned(k, MEMWORDS) >= 0) {
            throw error(pc, "scratch index " + Integer.toUnsignedString(k) + " is outside M[0..15]");
        }
    }

    private static void jumps(int pc, ClassicInstruction insn, int n) {
        int last = n - 1;
        if (op(insn.code()) == JA) {
            long target = pc + 1L + insn.unsignedK();
            if (target > last) {
                throw error(pc, "ja +" + insn.unsignedK() + " jumps to " + target + ", past the last instruction "
                        + last + (insn.k() < 0 ? " (classic jumps only go forward)" : ""));
            }
            return;
        }
        int jt = pc + 1 + insn.jt();
        int jf = pc + 1 + insn.jf();
        if (jt > last || jf > last) {
            throw error(pc, "jump to " + (jt > last ? jt : jf) + " is past the last instruction " + last);
        }
    }

    /**
     * Every path must store a scratch word before loading it. As in the kernel, a linear pass
     * carries the set of written words; a jump target keeps only the words written on every
     * edge that reaches it.
     */
    private static void checkScratchInitialised(ClassicInstruction[] insns) {
        int n = insns.length;
        int[] atTarget = new int[n];
        Arrays.fill(atTarget, 0xffff);
        int valid = 0;
        for (int pc = 0; pc < n; pc++) {
            valid &= atTarget[pc];
            ClassicInstruction insn = insns[pc];
            int code = insn.code();
            if (code == ST || code == STX) {
                valid |= 1 << insn.k();
            } else if (code == (LD | MEM) || code == (LDX | MEM)) {
                if ((valid & (1 << insn.k())) == 0) {
                    throw error(pc, "reads M[" + insn.k() + "] before a store to it on some path");
                }
            } else if (code == (JMP | JA)) {
                atTarget[pc + 1 + insn.k()] &= valid;
                valid = 0xffff;
            } else if (isConditionalJump(code)) {
                atTarget[pc + 1 + insn.jt()] &= valid;
                atTarget[pc + 1 + insn.jf()] &= valid;
                valid = 0xffff;
            }
        }
    }

    /** The additional seccomp rules: only 32-bit aligned loads inside {@code seccomp_data}, no packet access. */
    static void checkSeccomp(ClassicInstruction[] insns) {
        check(insns);
        for (int pc = 0; pc < insns.length; pc++) {
            ClassicInstruction insn = insns[pc];
            int code = insn.code();
            if (code == (LD | W | ABS)) {
                if (Integer.compareUnsigned(insn.k(), SECCOMP_DATA_SIZE) >= 0 || (insn.k() & 3) != 0) {
                    throw error(pc, "seccomp load at offset " + Integer.toUnsignedString(insn.k())
                            + " is not a 32-bit aligned offset inside seccomp_data (0..60)");
                }
                continue;
            }
            boolean allowed = switch (cls(code)) {
                case LD -> code == (LD | IMM) || code == (LD | MEM) || code == (LD | W | LEN);
                case LDX -> code == (LDX | IMM) || code == (LDX | MEM) || code == (LDX | W | LEN);
                case ALU -> op(code) != MOD;
                default -> true;
            };
            if (!allowed) {
                throw error(pc, String.format("opcode 0x%02x (%s) is not allowed in seccomp filters",
                        code, ClassicDisassembler.mnemonic(code)));
            }
        }
    }

    static MalformedProgramException error(int pc, String what) {
        return new MalformedProgramException("instruction " + pc + ": " + what);
    }
}
