package io.github.bpf4j.vm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assembles eBPF source text in either common syntax, chosen line by line:
 * <ul>
 *   <li>the ubpf / bpf_conformance one: {@code mov %r0, 1}, {@code ldxw r0, [r1+4]},
 *       {@code jeq r1, 0x1, +2}, {@code lock fetch add [r10-8], r1}, {@code call local f};</li>
 *   <li>the kernel / LLVM one, as {@code llvm-objdump -d} prints it: {@code r0 = 1},
 *       {@code if r1 > 2 goto +3}, {@code *(u32 *)(r10 - 4) = r1}, {@code r0 = be16 r0},
 *       {@code lock *(u64 *)(r10 - 8) += r1}.</li>
 * </ul>
 * The kernel verifier log's notation ({@code 3: (15) if r1 == 0x2 goto pc+3},
 * {@code (85) call bpf_ktime_get_ns#5}) is read as well, so a listing in any
 * {@link Disassembler.Syntax} assembles back to the same slots. A line may start with a pc as
 * llvm-objdump and the kernel print it ({@code 12:}, checked against the slot it lands on), the
 * kernel's opcode ({@code (b7)}, checked against the instruction) and labels ({@code name:}).
 * Comments start with {@code #}, {@code ;} or {@code //}. As in bpf_conformance, {@code exit}
 * used as a jump target means the first {@code exit} instruction unless a label of that name
 * exists. Errors are {@link MalformedProgramException}s reading {@code LINE:COL: message}.
 */
public final class Assembler {
    private Assembler() {}

    /** The instructions of the source, one entry per slot (lddw takes two). */
    public static List<Instruction> assemble(String source) {
        Run run = new Run();
        run.assemble(source);
        return List.copyOf(run.slots);
    }

    /**
     * The source as a raw-type {@link Program}. Beyond {@link #assemble}, it rejects an empty
     * program, one longer than {@link Decoder#MAX_SLOTS}, and jumps or calls whose target is
     * outside the program or inside an lddw, naming the line and column where the target is written.
     */
    public static Program assembleProgram(String source) {
        Run run = new Run();
        run.assemble(source);
        if (run.slots.isEmpty()) {
            throw AsmErrors.at(1, 1, "no instructions");
        }
        if (run.lineBeyondLimit > 0) {
            throw AsmErrors.at(run.lineBeyondLimit, 1, "the program passes the limit of " + Decoder.MAX_SLOTS
                    + " slots here (" + run.slots.size() + " in all)");
        }
        run.checkTargets();
        return Program.of(run.slots);
    }

    /** One assembly: the slots so far, the labels, and the targets written on each line. */
    private static final class Run {
        private final List<Instruction> slots = new ArrayList<>();
        private final Map<String, Integer> labels = new HashMap<>();
        private final Map<Integer, AsmStatement.TargetRef> targets = new TreeMap<>();
        private final Map<Integer, Integer> lineOfSlot = new HashMap<>();
        private int firstExit = -1;
        /** The line whose instruction took the program past {@link Decoder#MAX_SLOTS}, or 0. */
        private int lineBeyondLimit;

        void assemble(String source) {
            String[] lines = source.split("\r\n|\r|\n", -1);
            for (int i = 0; i < lines.length; i++) {
                line(lines[i], i + 1);
            }
            for (Map.Entry<Integer, AsmStatement.TargetRef> e : targets.entrySet()) {
                if (e.getValue().label()) {
                    resolve(e.getKey(), e.getValue());
                }
            }
        }

        private void line(String text, int lineNo) {
            AsmLine line = new AsmLine(AsmLexer.tokens(withoutComment(text), lineNo), lineNo);
            if (line.peek().kind() == AsmToken.Kind.NUMBER && line.peek(1).is(":")) {
                AsmToken pc = line.peek();
                long value = line.number(AsmLine.Width.IMM64);
                line.expect(":");
                if (value != slots.size()) {
                    throw line.error(pc, "pc " + pc.text() + " does not match the instruction's slot " + slots.size());
                }
            }
            while (line.peek().kind() == AsmToken.Kind.WORD && line.peek(1).is(":")) {
                AsmToken name = line.next();
                line.next();
                if (labels.putIfAbsent(name.text(), slots.size()) != null) {
                    throw line.error(name, "label '" + name.text() + "' is already defined");
                }
            }
            if (line.atEnd()) {
                return;
            }
            AsmToken annotation = opcodeAnnotation(line);
            AsmStatement statement = LlvmSyntaxParser.claims(line)
                    ? LlvmSyntaxParser.parse(line) : UbpfSyntaxParser.parse(line);
            int pc = slots.size();
            Instruction first = statement.slots().get(0);
            if (annotation != null && Integer.parseInt(annotation.text(), 16) != first.opcode()) {
                throw line.error(annotation, "opcode (" + annotation.text() + ") does not match the instruction, whose opcode is "
                        + String.format("%02x", first.opcode()));
            }
            if (first.opcode() == Opcodes.EXIT_OP && firstExit < 0) {
                firstExit = pc;
            }
            if (statement.target() != null) {
                targets.put(pc, statement.target());
                lineOfSlot.put(pc, lineNo);
            }
            slots.addAll(statement.slots());
            if (slots.size() > Decoder.MAX_SLOTS && lineBeyondLimit == 0) {
                lineBeyondLimit = lineNo;
            }
        }

        /**
         * The kernel log writes the opcode before the instruction, {@code (b7) r0 = 1}: read it
         * (to check it against the instruction) and tell the line parser (an lddw then needs no
         * {@code ll}).
         */
        private static AsmToken opcodeAnnotation(AsmLine line) {
            AsmToken hex = line.peek(1);
            boolean twoHexDigits = hex.text().length() == 2 && Character.digit(hex.text().charAt(0), 16) >= 0
                    && Character.digit(hex.text().charAt(1), 16) >= 0 && hex.kind() != AsmToken.Kind.SYMBOL;
            if (!line.peek().is("(") || !twoHexDigits || !line.peek(2).is(")") || line.peek(3).kind() == AsmToken.Kind.END) {
                return null;
            }
            line.next();
            line.next();
            line.next();
            line.annotatedOpcode(Integer.parseInt(hex.text(), 16));
            return hex;
        }

        private void resolve(int pc, AsmStatement.TargetRef ref) {
            AsmToken name = ref.at();
            Integer target = labels.get(name.text());
            if (target == null && name.text().equals("exit") && firstExit >= 0) {
                target = firstExit;
            }
            if (target == null) {
                throw error(pc, ref, "unknown label '" + name.text() + "'");
            }
            long relative = (long) target - pc - 1;
            Instruction insn = slots.get(pc);
            if (ref.field() == AsmStatement.Field.OFFSET) {
                if (relative < Short.MIN_VALUE || relative > Short.MAX_VALUE) {
                    throw error(pc, ref, "label '" + name.text() + "' is " + relative
                            + " slots away, beyond a 16-bit jump offset (gotol reaches further)");
                }
                insn = new Instruction(insn.opcode(), insn.dst(), insn.src(), (int) relative, insn.imm());
            } else {
                insn = new Instruction(insn.opcode(), insn.dst(), insn.src(), insn.offset(), (int) relative);
            }
            slots.set(pc, insn);
        }

        /** Every jump and call lands on the first slot of an instruction of the program. */
        void checkTargets() {
            for (Map.Entry<Integer, AsmStatement.TargetRef> e : targets.entrySet()) {
                int pc = e.getKey();
                Instruction insn = slots.get(pc);
                long relative = e.getValue().field() == AsmStatement.Field.OFFSET ? insn.offset() : insn.imm();
                long target = pc + relative + 1;
                if (target < 0 || target >= slots.size()) {
                    throw error(pc, e.getValue(), "target " + InstructionSpelling.signed(relative) + " lands on slot " + target
                            + ", outside the program (0.." + (slots.size() - 1) + ")");
                }
                if (target > 0 && slots.get((int) target - 1).isLddw()) {
                    throw error(pc, e.getValue(), "target " + InstructionSpelling.signed(relative) + " lands on slot " + target
                            + ", the second half of an lddw");
                }
            }
        }

        private MalformedProgramException error(int pc, AsmStatement.TargetRef ref, String message) {
            return AsmErrors.at(lineOfSlot.get(pc), ref.at().column(), message);
        }
    }

    /**
     * The line without its comment ({@code #}, {@code ;} or {@code //} to the end of the line). A
     * {@code #} between a name and a number is not a comment but the kernel log's helper number
     * ({@code call bpf_ktime_get_ns#5}).
     */
    static String withoutComment(String line) {
        int end = line.length();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean helperNumber = c == '#' && i > 0 && i + 1 < line.length()
                    && (Character.isLetterOrDigit(line.charAt(i - 1)) || line.charAt(i - 1) == '_')
                    && (Character.isDigit(line.charAt(i + 1)) || line.charAt(i + 1) == '-');
            if ((c == '#' && !helperNumber) || c == ';' || (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/')) {
                end = i;
                break;
            }
        }
        return line.substring(0, end);
    }
}
