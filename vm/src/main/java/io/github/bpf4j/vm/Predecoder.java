package io.github.bpf4j.vm;

import static io.github.bpf4j.vm.Opcodes.*;

/**
 * Turns a program into the interpreter's code: one {@code long} per slot, laid out
 * {@code op | dst << 8 | src << 12 | offset << 16 | imm << 32}. The op is the opcode byte, except
 * that instructions which share an opcode byte and differ by another field (sdiv/smod, movsx,
 * the byte swaps, local calls) get opcode bytes of their own taken from the invalid ones, so the
 * interpreter dispatches with one dense switch and never looks at a second field.
 */
final class Predecoder {
    // Internal opcodes: byte values the Decoder rejects as instructions.
    static final int SDIV32_K = 0xe4, SDIV32_X = 0xec, SMOD32_K = 0xf4, SMOD32_X = 0xfc;
    static final int SDIV64_K = 0xe7, SDIV64_X = 0xef, SMOD64_K = 0xf7, SMOD64_X = 0xff;
    static final int MOVSX32_8 = 0x86, MOVSX32_16 = 0x8e, MOVSX64_8 = 0x96, MOVSX64_16 = 0x9e, MOVSX64_32 = 0xe6;
    static final int LE16 = 0x60, LE32 = 0x68, LE64 = 0x70, BE16 = 0x78, BE32 = 0x80, BE64 = 0x88;
    static final int BSWAP16 = 0x90, BSWAP32 = 0x98, BSWAP64 = 0xa0;
    static final int CALL_LOCAL_OP = 0xf5;
    /** The second slot of an lddw; never executed. */
    static final int LDDW_HIGH = 0x00;

    /** Region tag of function pointers made by {@code lddw} with src = BPF_PSEUDO_FUNC. */
    static final int FUNCTION_REGION = 0x7fff_fffe;

    private Predecoder() {}

    static long[] predecode(Program program, ProgramEnvironment environment) {
        int n = program.length();
        long[] code = new long[n];
        for (int pc = 0; pc < n; pc++) {
            long slot = program.slot(pc);
            Instruction insn = Instruction.fromSlot(slot);
            int op = internalOpcode(insn, pc);
            code[pc] = (slot & ~0xffL) | op;
            if (insn.isLddw()) {
                long value = switch (insn.src()) {
                    case PSEUDO_IMM64 -> program.lddwValue(pc);
                    case PSEUDO_FUNC -> Memory.pointer(FUNCTION_REGION, pc + insn.imm() + 1);
                    default -> environment.lddwValue(pc);
                };
                code[pc] = (code[pc] & 0xffff_ffffL) | value << 32;
                code[pc + 1] = (value & 0xffff_ffff_0000_0000L) | LDDW_HIGH;
                pc++;
            }
        }
        return code;
    }

    private static int internalOpcode(Instruction insn, int pc) {
        int opcode = insn.opcode();
        int cls = insn.cls();
        if (cls == CLS_ALU || cls == CLS_ALU64) {
            boolean is64 = cls == CLS_ALU64;
            boolean reg = source(opcode) == SRC_X;
            switch (op(opcode)) {
                case DIV, MOD -> {
                    if (insn.offset() == 1) {
                        boolean div = op(opcode) == DIV;
                        if (is64) {
                            return div ? (reg ? SDIV64_X : SDIV64_K) : (reg ? SMOD64_X : SMOD64_K);
                        }
                        return div ? (reg ? SDIV32_X : SDIV32_K) : (reg ? SMOD32_X : SMOD32_K);
                    }
                }
                case MOV -> {
                    if (reg && insn.offset() != 0) {
                        return switch (insn.offset()) {
                            case 8 -> is64 ? MOVSX64_8 : MOVSX32_8;
                            case 16 -> is64 ? MOVSX64_16 : MOVSX32_16;
                            default -> MOVSX64_32;
                        };
                    }
                }
                case END -> {
                    int bits = insn.imm();
                    if (is64) {
                        return bits == 16 ? BSWAP16 : bits == 32 ? BSWAP32 : BSWAP64;
                    }
                    if (reg) {
                        return bits == 16 ? BE16 : bits == 32 ? BE32 : BE64;
                    }
                    return bits == 16 ? LE16 : bits == 32 ? LE32 : LE64;
                }
                default -> { }
            }
            return opcode;
        }
        if (opcode == CALL_OP) {
            if (insn.src() == CALL_LOCAL) {
                return CALL_LOCAL_OP;
            }
            if (insn.src() == CALL_KFUNC) {
                throw new BpfException("pc " + pc + ": kfunc calls are not supported");
            }
        }
        return opcode;
    }
}
