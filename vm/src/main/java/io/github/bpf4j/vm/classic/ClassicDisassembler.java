package io.github.bpf4j.vm.classic;

import java.util.List;

/**
 * Prints classic programs exactly as {@code tcpdump -d} does (libpcap's {@code bpf_image}):
 * {@code (000) ldh      [12]}, jumps with absolute targets. One deliberate difference:
 * libpcap 1.10 prints {@code ldx len} (0x81, which the kernel accepts) as {@code unimp 0x81};
 * this prints {@code ldx #pktlen} so the listing reads back.
 */
public final class ClassicDisassembler {
    private ClassicDisassembler() {}

    /** The whole listing, one line per instruction, each ending in a newline. */
    public static String format(ClassicProgram program) {
        return format(program.instructions());
    }

    /** The listing of instructions that need not form a valid program. */
    public static String format(List<ClassicInstruction> instructions) {
        StringBuilder sb = new StringBuilder();
        for (int pc = 0; pc < instructions.size(); pc++) {
            sb.append(line(instructions.get(pc), pc)).append('\n');
        }
        return sb.toString();
    }

    /** One line of the listing for the instruction at {@code pc}. */
    public static String line(ClassicInstruction insn, int pc) {
        int code = insn.code();
        int k = insn.k();
        String op;
        String operand;
        switch (code) {
            case 0x00 -> { op = "ld"; operand = hex(k); }
            case 0x20, 0x28, 0x30 -> {
                op = loadName(code);
                Ancillary a = Ancillary.of(k);
                operand = a != null ? "[" + a.imageName + "]" : "[" + k + "]";
            }
            case 0x40, 0x48, 0x50 -> { op = loadName(code); operand = "[x + " + k + "]"; }
            case 0x60 -> { op = "ld"; operand = "M[" + k + "]"; }
            case 0x80 -> { op = "ld"; operand = "#pktlen"; }
            case 0x01 -> { op = "ldx"; operand = hex(k); }
            case 0x61 -> { op = "ldx"; operand = "M[" + k + "]"; }
            case 0x81 -> { op = "ldx"; operand = "#pktlen"; }
            case 0xb1 -> { op = "ldxb"; operand = "4*([" + k + "]&0xf)"; }
            case 0x02 -> { op = "st"; operand = "M[" + k + "]"; }
            case 0x03 -> { op = "stx"; operand = "M[" + k + "]"; }
            case 0x05 -> { op = "ja"; operand = Integer.toString(pc + 1 + k); }
            case 0x06 -> { op = "ret"; operand = "#" + k; }
            case 0x16 -> { op = "ret"; operand = ""; }
            case 0x07 -> { op = "tax"; operand = ""; }
            case 0x87 -> { op = "txa"; operand = ""; }
            case 0x84 -> { op = "neg"; operand = ""; }
            default -> {
                if (!ClassicOpcodes.known(code)) {
                    op = "unimp";
                    operand = String.format("0x%x", code);
                } else if (ClassicOpcodes.cls(code) == ClassicOpcodes.ALU) {
                    op = mnemonic(code);
                    operand = ClassicOpcodes.src(code) == ClassicOpcodes.X ? "x" : aluOperand(code, k);
                } else {
                    op = mnemonic(code);
                    operand = ClassicOpcodes.src(code) == ClassicOpcodes.X ? "x" : hex(k);
                    return String.format("(%03d) %-8s %-16s jt %d\tjf %d", pc, op, operand,
                            pc + 1 + insn.jt(), pc + 1 + insn.jf());
                }
            }
        }
        return String.format("(%03d) %-8s %s", pc, op, operand);
    }

    private static String hex(int k) {
        return "#0x" + Integer.toHexString(k);
    }

    /** libpcap prints and, or and xor constants in hex, the other operations' in signed decimal. */
    private static String aluOperand(int code, int k) {
        return switch (ClassicOpcodes.op(code)) {
            case ClassicOpcodes.AND, ClassicOpcodes.OR, ClassicOpcodes.XOR -> hex(k);
            default -> "#" + k;
        };
    }

    private static String loadName(int code) {
        return switch (ClassicOpcodes.size(code)) {
            case ClassicOpcodes.H -> "ldh";
            case ClassicOpcodes.B -> "ldb";
            default -> "ld";
        };
    }

    /** The operation's name without operands ({@code jeq}, {@code ldh}, {@code ret}, ...). */
    static String mnemonic(int code) {
        switch (ClassicOpcodes.cls(code)) {
            case ClassicOpcodes.LD:
                return ClassicOpcodes.mode(code) == ClassicOpcodes.ABS || ClassicOpcodes.mode(code) == ClassicOpcodes.IND
                        ? loadName(code) : "ld";
            case ClassicOpcodes.LDX:
                return code == 0xb1 ? "ldxb" : "ldx";
            case ClassicOpcodes.ST:
                return "st";
            case ClassicOpcodes.STX:
                return "stx";
            case ClassicOpcodes.ALU:
                return switch (ClassicOpcodes.op(code)) {
                    case ClassicOpcodes.ADD -> "add";
                    case ClassicOpcodes.SUB -> "sub";
                    case ClassicOpcodes.MUL -> "mul";
                    case ClassicOpcodes.DIV -> "div";
                    case ClassicOpcodes.OR -> "or";
                    case ClassicOpcodes.AND -> "and";
                    case ClassicOpcodes.LSH -> "lsh";
                    case ClassicOpcodes.RSH -> "rsh";
                    case ClassicOpcodes.NEG -> "neg";
                    case ClassicOpcodes.MOD -> "mod";
                    case ClassicOpcodes.XOR -> "xor";
                    default -> "unimp";
                };
            case ClassicOpcodes.JMP:
                return switch (ClassicOpcodes.op(code)) {
                    case ClassicOpcodes.JA -> "ja";
                    case ClassicOpcodes.JEQ -> "jeq";
                    case ClassicOpcodes.JGT -> "jgt";
                    case ClassicOpcodes.JGE -> "jge";
                    case ClassicOpcodes.JSET -> "jset";
                    default -> "unimp";
                };
            case ClassicOpcodes.RET:
                return "ret";
            default:
                return code == 0x07 ? "tax" : code == 0x87 ? "txa" : "unimp";
        }
    }
}
