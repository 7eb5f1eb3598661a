package io.github.bpf4j.vm;

import static io.github.bpf4j.vm.Opcodes.*;

/**
 * Prints a program as text the {@link Assembler} reads back to the same slots.
 *
 * <p>{@link Syntax#LLVM}, the default, prints what {@code llvm-objdump-19 -d --mcpu=v4
 * --no-print-imm-hex --no-show-raw-insn} prints (without its {@code <.text+0x..>} jump
 * annotations), with these changes (LLVM 19's text would not tell those instructions apart):
 * an {@code lddw} constant is hexadecimal as in llvm-objdump's default mode
 * ({@code r0 = 0x1122334455667788 ll}, {@code r0 = -0x1 ll}), a bpf-to-bpf
 * call is {@code call pc+N} as the kernel verifier log writes it, and a kfunc call is
 * {@code call kfunc N}; a load-acquire or store-release prints as LLVM 20 does. {@link Syntax#UBPF} prints the ubpf / bpf_conformance spelling.
 * Jumps and calls print their relative offsets ({@code goto +3}).
 */
public final class Disassembler {
    /** Which assembly syntax to print. */
    public enum Syntax {
        /** The kernel / LLVM syntax: {@code r0 = 1}, {@code if r1 > 2 goto +3}. */
        LLVM,
        /** The ubpf / bpf_conformance syntax: {@code mov %r0, 1}, {@code jgt %r1, 2, +3}. */
        UBPF
    }

    private Disassembler() {}

    /** Every instruction in the LLVM syntax, one line each ({@code pc:\ttext}, pc right-aligned). */
    public static String disassemble(Program program) {
        return disassemble(program, Syntax.LLVM);
    }

    /** Every instruction, one line each: the pc right-aligned as llvm-objdump prints it, a colon, a tab, the text. */
    public static String disassemble(Program program, Syntax syntax) {
        StringBuilder sb = new StringBuilder();
        for (int pc = 0; pc < program.length(); pc++) {
            sb.append(String.format("%8d:\t", pc)).append(instruction(program, pc, syntax)).append('\n');
            if (program.instruction(pc).isLddw()) {
                pc++;
            }
        }
        return sb.toString();
    }

    /**
     * The text of the instruction at {@code pc} (without the pc). An {@code lddw} prints at its
     * first slot, with its whole 64-bit constant.
     *
     * @throws IllegalArgumentException if pc is outside the program or is the second slot of an lddw
     */
    public static String instruction(Program program, int pc, Syntax syntax) {
        if (pc < 0 || pc >= program.length()) {
            throw new IllegalArgumentException("pc " + pc + " is outside the program (0.." + (program.length() - 1) + ")");
        }
        // A slot whose predecessor has opcode lddw is always a second slot: second slots have opcode 0.
        if (pc > 0 && program.instruction(pc - 1).isLddw()) {
            throw new IllegalArgumentException("pc " + pc + " is the second slot of the lddw at " + (pc - 1));
        }
        Instruction insn = program.instruction(pc);
        return text(insn, insn.isLddw() ? program.lddwValue(pc) : 0, syntax);
    }

    /** The text of one instruction; {@code constant} is the 64-bit value of an lddw (ignored otherwise). */
    static String text(Instruction insn, long constant, Syntax syntax) {
        return syntax == Syntax.UBPF ? UbpfText.of(insn, constant) : LlvmText.of(insn, constant);
    }

    /** {@code 0x1f}, {@code -0x1}: hexadecimal of the signed value, as llvm-objdump prints lddw constants. */
    static String signedHex(long n) {
        return n < 0 ? "-0x" + Long.toHexString(-n) : "0x" + Long.toHexString(n);
    }

    /** {@code +3}, {@code +0}, {@code -2}. */
    static String signed(long n) {
        return n < 0 ? Long.toString(n) : "+" + n;
    }

    /** The kernel / LLVM spelling. */
    static final class LlvmText {
        private LlvmText() {}

        private static final String[] ALU = new String[16];
        private static final String[] JUMP = new String[16];
        private static final String[] TYPE = new String[4];

        static {
            ALU[ADD >> 4] = "+=";
            ALU[SUB >> 4] = "-=";
            ALU[MUL >> 4] = "*=";
            ALU[DIV >> 4] = "/=";
            ALU[OR >> 4] = "|=";
            ALU[AND >> 4] = "&=";
            ALU[LSH >> 4] = "<<=";
            ALU[RSH >> 4] = ">>=";
            ALU[MOD >> 4] = "%=";
            ALU[XOR >> 4] = "^=";
            ALU[MOV >> 4] = "=";
            ALU[ARSH >> 4] = "s>>=";
            JUMP[JEQ >> 4] = "==";
            JUMP[JGT >> 4] = ">";
            JUMP[JGE >> 4] = ">=";
            JUMP[JSET >> 4] = "&";
            JUMP[JNE >> 4] = "!=";
            JUMP[JSGT >> 4] = "s>";
            JUMP[JSGE >> 4] = "s>=";
            JUMP[JLT >> 4] = "<";
            JUMP[JLE >> 4] = "<=";
            JUMP[JSLT >> 4] = "s<";
            JUMP[JSLE >> 4] = "s<=";
            TYPE[SIZE_W >> 3] = "32";
            TYPE[SIZE_H >> 3] = "16";
            TYPE[SIZE_B >> 3] = "8";
            TYPE[SIZE_DW >> 3] = "64";
        }

        static String of(Instruction insn, long constant) {
            int opcode = insn.opcode();
            return switch (insn.cls()) {
                case CLS_ALU, CLS_ALU64 -> alu(insn);
                case CLS_JMP, CLS_JMP32 -> jump(insn);
                case CLS_LD -> opcode == LDDW ? lddw(insn, constant) : packetLoad(insn);
                case CLS_LDX -> {
                    boolean sx = mode(opcode) == MODE_MEMSX;
                    String dst = (sx || size(opcode) == SIZE_DW ? "r" : "w") + insn.dst();
                    yield dst + " = *(" + type(opcode, sx) + " *)" + address(insn.src(), insn.offset());
                }
                case CLS_ST -> "*(" + type(opcode, false) + " *)" + address(insn.dst(), insn.offset()) + " = " + insn.imm();
                default -> mode(opcode) == MODE_ATOMIC ? atomic(insn)
                        : "*(" + type(opcode, false) + " *)" + address(insn.dst(), insn.offset()) + " = " + sized(insn.src(), opcode);
            };
        }

        private static String type(int opcode, boolean signed) {
            return (signed ? "s" : "u") + TYPE[size(opcode) >> 3];
        }

        /** The register as an access of this size moves it: {@code rN} for 64 bits, {@code wN} below. */
        private static String sized(int reg, int opcode) {
            return (size(opcode) == SIZE_DW ? "r" : "w") + reg;
        }

        private static String address(int reg, int offset) {
            return "(r" + reg + (offset < 0 ? " - " + -offset : " + " + offset) + ")";
        }

        private static String alu(Instruction insn) {
            int opcode = insn.opcode();
            boolean is64 = insn.cls() == CLS_ALU64;
            String r = is64 ? "r" : "w";
            String dst = r + insn.dst();
            int op = op(opcode);
            boolean reg = source(opcode) == SRC_X;
            if (op == NEG) {
                return dst + " = -" + dst;
            }
            if (op == END) {
                String name = is64 ? "bswap" : reg ? "be" : "le";
                return "r" + insn.dst() + " = " + name + insn.imm() + " r" + insn.dst();
            }
            if (op == MOV && reg && insn.offset() != 0) {
                return dst + " = (s" + insn.offset() + ")" + r + insn.src();
            }
            String symbol = ALU[op >> 4];
            if ((op == DIV || op == MOD) && insn.offset() == 1) {
                symbol = "s" + symbol;
            }
            return dst + " " + symbol + " " + (reg ? r + insn.src() : Integer.toString(insn.imm()));
        }

        private static String jump(Instruction insn) {
            int opcode = insn.opcode();
            boolean is32 = insn.cls() == CLS_JMP32;
            switch (op(opcode)) {
                case JA:
                    return is32 ? "gotol " + signed(insn.imm()) : "goto " + signed(insn.offset());
                case CALL:
                    if (opcode == CALLX_OP) {
                        return insn.imm() != 0 ? "callx " + insn.imm() : "callx r" + insn.dst();
                    }
                    return switch (insn.src()) {
                        case CALL_LOCAL -> "call pc" + signed(insn.imm());
                        case CALL_KFUNC -> "call kfunc " + insn.imm();
                        default -> "call " + insn.imm();
                    };
                case EXIT:
                    return "exit";
                case JCOND:
                    return "may_goto " + signed(insn.offset());
                default:
                    String r = is32 ? "w" : "r";
                    String rhs = source(opcode) == SRC_X ? r + insn.src() : Integer.toString(insn.imm());
                    return "if " + r + insn.dst() + " " + JUMP[op(opcode) >> 4] + " " + rhs + " goto " + signed(insn.offset());
            }
        }

        private static String lddw(Instruction insn, long constant) {
            if (insn.src() == PSEUDO_IMM64) {
                return "r" + insn.dst() + " = " + signedHex(constant) + " ll";
            }
            return "ld_pseudo\tr" + insn.dst() + ", " + insn.src() + ", " + pseudoConstant(constant);
        }

        private static String packetLoad(Instruction insn) {
            String type = "u" + TYPE[size(insn.opcode()) >> 3];
            if (mode(insn.opcode()) == MODE_ABS) {
                return "r0 = *(" + type + " *)skb[" + insn.imm() + "]";
            }
            String index = insn.imm() == 0 ? "" : insn.imm() < 0 ? " - " + -(long) insn.imm() : " + " + insn.imm();
            return "r0 = *(" + type + " *)skb[r" + insn.src() + index + "]";
        }

        private static String atomic(Instruction insn) {
            int opcode = insn.opcode();
            String type = type(opcode, false);
            String mem = "(" + type + " *)" + address(insn.dst(), insn.offset());
            String src = sized(insn.src(), opcode);
            String bare = "r" + insn.dst() + (insn.offset() < 0 ? " - " + -insn.offset() : " + " + insn.offset());
            String suffix = size(opcode) == SIZE_DW ? "_64" : "32_32";
            int imm = insn.imm();
            switch (imm) {
                case ATOMIC_LOAD_ACQ:
                    return sized(insn.dst(), opcode) + " = load_acquire((" + type + " *)" + address(insn.src(), insn.offset()) + ")";
                case ATOMIC_STORE_REL:
                    return "store_release(" + mem + ", " + src + ")";
                case ATOMIC_XCHG:
                    return src + " = xchg" + suffix + "(" + bare + ", " + src + ")";
                case ATOMIC_CMPXCHG:
                    return sized(0, opcode) + " = cmpxchg" + suffix + "(" + bare + ", " + sized(0, opcode) + ", " + src + ")";
                default:
                    break;
            }
            String name = switch (imm & ~ATOMIC_FETCH) {
                case ATOMIC_ADD -> "add";
                case ATOMIC_OR -> "or";
                case ATOMIC_AND -> "and";
                default -> "xor";
            };
            if ((imm & ATOMIC_FETCH) != 0) {
                return src + " = atomic_fetch_" + name + "(" + mem + ", " + src + ")";
            }
            String symbol = switch (name) {
                case "add" -> "+=";
                case "or" -> "|=";
                case "and" -> "&=";
                default -> "^=";
            };
            return "lock *" + mem + " " + symbol + " " + src;
        }
    }

    /** The constant of a pseudo lddw: unsigned decimal when only the first slot holds it (as LLVM prints it), else 64-bit hex. */
    static String pseudoConstant(long constant) {
        return (constant >>> 32) == 0 ? Long.toString(constant) : "0x" + Long.toHexString(constant);
    }

    /** The ubpf / bpf_conformance spelling. */
    static final class UbpfText {
        private UbpfText() {}

        private static final String[] ALU = new String[16];
        private static final String[] JUMP = new String[16];
        private static final String[] SIZE = new String[4];

        static {
            UbpfSyntaxParser.ALU_OPS.forEach((name, op) -> {
                if (!name.equals("sdiv") && !name.equals("smod")) {
                    ALU[op >> 4] = name;
                }
            });
            UbpfSyntaxParser.JUMP_OPS.forEach((name, op) -> JUMP[op >> 4] = name);
            UbpfSyntaxParser.SIZES.forEach((name, size) -> SIZE[size >> 3] = name);
        }

        static String of(Instruction insn, long constant) {
            int opcode = insn.opcode();
            String size = SIZE[size(opcode) >> 3];
            return switch (insn.cls()) {
                case CLS_ALU, CLS_ALU64 -> alu(insn);
                case CLS_JMP, CLS_JMP32 -> jump(insn);
                case CLS_LD -> {
                    if (opcode == LDDW) {
                        yield insn.src() == PSEUDO_IMM64 ? "lddw %r" + insn.dst() + ", " + signedHex(constant)
                                : "ld_pseudo %r" + insn.dst() + ", " + insn.src() + ", " + pseudoConstant(constant);
                    }
                    yield mode(opcode) == MODE_ABS ? "ldabs" + size + " " + insn.imm()
                            : "ldind" + size + " %r" + insn.src() + ", " + insn.imm();
                }
                case CLS_LDX -> (mode(opcode) == MODE_MEMSX ? "ldxs" : "ldx") + size + " %r" + insn.dst() + ", "
                        + memory(insn.src(), insn.offset());
                case CLS_ST -> "st" + size + " " + memory(insn.dst(), insn.offset()) + ", " + insn.imm();
                default -> mode(opcode) == MODE_ATOMIC ? atomic(insn, size)
                        : "stx" + size + " " + memory(insn.dst(), insn.offset()) + ", %r" + insn.src();
            };
        }

        private static String memory(int reg, int offset) {
            return "[%r" + reg + (offset == 0 ? "" : offset < 0 ? "-" + -offset : "+" + offset) + "]";
        }

        private static String alu(Instruction insn) {
            int opcode = insn.opcode();
            String suffix = insn.cls() == CLS_ALU64 ? "" : "32";
            int op = op(opcode);
            boolean reg = source(opcode) == SRC_X;
            String dst = "%r" + insn.dst();
            if (op == NEG) {
                return "neg" + suffix + " " + dst;
            }
            if (op == END) {
                String name = insn.cls() == CLS_ALU64 ? "swap" : reg ? "be" : "le";
                return name + insn.imm() + " " + dst;
            }
            if (op == MOV && reg && insn.offset() != 0) {
                return "movsx" + insn.offset() + (suffix.isEmpty() ? "64" : "32") + " " + dst + ", %r" + insn.src();
            }
            String name = ALU[op >> 4];
            if ((op == DIV || op == MOD) && insn.offset() == 1) {
                name = "s" + name;
            }
            return name + suffix + " " + dst + ", " + (reg ? "%r" + insn.src() : Integer.toString(insn.imm()));
        }

        private static String jump(Instruction insn) {
            int opcode = insn.opcode();
            boolean is32 = insn.cls() == CLS_JMP32;
            switch (op(opcode)) {
                case JA:
                    return is32 ? "ja32 " + signed(insn.imm()) : "ja " + signed(insn.offset());
                case CALL:
                    if (opcode == CALLX_OP) {
                        return insn.imm() != 0 ? "callx " + insn.imm() : "call %r" + insn.dst();
                    }
                    return switch (insn.src()) {
                        case CALL_LOCAL -> "call local " + signed(insn.imm());
                        case CALL_KFUNC -> "call runtime " + insn.imm();
                        default -> "call " + insn.imm();
                    };
                case EXIT:
                    return "exit";
                case JCOND:
                    return "may_goto " + signed(insn.offset());
                default:
                    String rhs = source(opcode) == SRC_X ? "%r" + insn.src() : Integer.toString(insn.imm());
                    return JUMP[op(opcode) >> 4] + (is32 ? "32" : "") + " %r" + insn.dst() + ", " + rhs + ", "
                            + signed(insn.offset());
            }
        }

        private static String atomic(Instruction insn, String size) {
            String mem = memory(insn.dst(), insn.offset());
            String src = "%r" + insn.src();
            switch (insn.imm()) {
                case ATOMIC_LOAD_ACQ:
                    return "lock ldx" + size + " %r" + insn.dst() + ", " + memory(insn.src(), insn.offset());
                case ATOMIC_STORE_REL:
                    return "lock stx" + size + " " + mem + ", " + src;
                default:
                    break;
            }
            String suffix = size(insn.opcode()) == SIZE_W ? "32" : "";
            String name = switch (insn.imm()) {
                case ATOMIC_XCHG -> "xchg";
                case ATOMIC_CMPXCHG -> "cmpxchg";
                default -> ((insn.imm() & ATOMIC_FETCH) != 0 ? "fetch " : "") + switch (insn.imm() & ~ATOMIC_FETCH) {
                    case ATOMIC_ADD -> "add";
                    case ATOMIC_OR -> "or";
                    case ATOMIC_AND -> "and";
                    default -> "xor";
                };
            };
            return "lock " + name + suffix + " " + mem + ", " + src;
        }
    }
}
