package io.github.bpf4j.vm;

/**
 * Prints a program as text the {@link Assembler} reads back to the same slots.
 *
 * <p>{@link Syntax#LLVM}, the default, prints what {@code llvm-objdump-19 -d --mcpu=v4
 * --no-print-imm-hex --no-show-raw-insn} prints (without its {@code <.text+0x..>} jump
 * annotations), except where LLVM 19's text would not say which instruction it is: a
 * bpf-to-bpf call is {@code call pc+N} as the kernel log writes it, a kfunc call
 * {@code call kfunc N}, an LD_IND index offset is kept ({@code r0 = *(u16 *)skb[r1 + 2]}), and
 * load-acquire/store-release print as LLVM 20 does. lddw constants are hexadecimal as in
 * llvm-objdump's default mode ({@code r0 = 0x1122334455667788 ll}, {@code r0 = -0x1 ll}).
 * {@link Syntax#UBPF} prints the ubpf / bpf_conformance spelling, {@link Syntax#KERNEL} the
 * kernel verifier log's. Jumps and calls print their relative offsets ({@code goto +3}).
 */
public final class Disassembler {
    /** Which assembly syntax to print. */
    public enum Syntax {
        /** The LLVM syntax as llvm-objdump prints it: {@code r0 = 1}, {@code if r1 > 2 goto +3}. */
        LLVM(new LlvmSpelling()),
        /** The ubpf / bpf_conformance syntax: {@code mov %r0, 1}, {@code jgt %r1, 2, +3}. */
        UBPF(new UbpfSpelling()),
        /**
         * The kernel verifier log's notation, opcode first: {@code (b7) r0 = 1},
         * {@code (15) if r1 == 0x2 goto pc+3}, {@code (85) call bpf_ktime_get_ns#5}.
         */
        KERNEL(new KernelLogSpelling());

        private final InstructionSpelling spelling;

        Syntax(InstructionSpelling spelling) {
            this.spelling = spelling;
        }
    }

    private Disassembler() {}

    /** Every instruction in the LLVM syntax, one line each. */
    public static String disassemble(Program program) {
        return disassemble(program, Syntax.LLVM);
    }

    /**
     * Every instruction, one line each: the pc, a colon and the text. As llvm-objdump does, the
     * pc is right-aligned in 8 columns and followed by a tab; in the kernel syntax it is written
     * as the verifier log writes it ({@code 12: (b7) r0 = 1}).
     */
    public static String disassemble(Program program, Syntax syntax) {
        StringBuilder sb = new StringBuilder();
        for (int pc = 0; pc < program.length(); pc++) {
            String number = Integer.toString(pc);
            if (syntax == Syntax.KERNEL) {
                sb.append(number).append(": ");
            } else {
                sb.append(" ".repeat(Math.max(0, 8 - number.length()))).append(number).append(":\t");
            }
            sb.append(instruction(program, pc, syntax)).append('\n');
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

    /** The text of one valid instruction; {@code constant} is the 64-bit value of an lddw (ignored otherwise). */
    static String text(Instruction insn, long constant, Syntax syntax) {
        return syntax.spelling.text(insn, constant);
    }
}
