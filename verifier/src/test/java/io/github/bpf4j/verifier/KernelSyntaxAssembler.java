package io.github.bpf4j.verifier;

import static io.github.bpf4j.vm.Opcodes.*;

import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.MalformedProgramException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small assembler for the kernel (LLVM) syntax the verifier corpus is written in, used by the
 * tests until the shared {@code io.github.bpf4j.vm.Assembler} lands on main. Labels ({@code name:})
 * and relative targets ({@code +3}, {@code pc-2}) are both accepted.
 */
final class KernelSyntaxAssembler {
    private static final String REG = "([rw])(\\d+)";
    private static final String NUM = "(-?(?:0x[0-9a-fA-F]+|\\d+))";
    private static final Pattern P_LABEL = Pattern.compile("([A-Za-z_.][\\w.]*):");
    private static final Pattern P_LDDW = Pattern.compile("r(\\d+) = " + NUM + " ll");
    private static final Pattern P_LOAD = Pattern.compile(REG + " = \\*\\(([us])(8|16|32|64) \\*\\)\\(r(\\d+) ?([+-]) ?(\\d+)\\)");
    private static final Pattern P_STORE = Pattern.compile("\\*\\(u(8|16|32|64) \\*\\)\\(r(\\d+) ?([+-]) ?(\\d+)\\) = (?:([rw])(\\d+)|" + NUM + ")");
    private static final Pattern P_ATOMIC = Pattern.compile("lock \\*\\(u(32|64) \\*\\)\\(r(\\d+) ?([+-]) ?(\\d+)\\) ([+|&^])= [rw](\\d+)");
    private static final Pattern P_NEG = Pattern.compile(REG + " = -[rw](\\d+)");
    private static final Pattern P_END = Pattern.compile(REG + " = (be|le|bswap)(16|32|64) [rw](\\d+)");
    private static final Pattern P_MOVSX = Pattern.compile(REG + " = \\(s(8|16|32)\\)[rw](\\d+)");
    private static final Pattern P_ALU = Pattern.compile(REG + " (s/|s%|s>>|<<|>>|[-+*/%|&^]|)= (?:([rw])(\\d+)|" + NUM + ")");
    private static final Pattern P_JCC = Pattern.compile("if " + REG + " (==|!=|s>=|s<=|s>|s<|>=|<=|>|<|&) (?:[rw](\\d+)|" + NUM + ") goto (.+)");
    private static final Pattern P_GOTO = Pattern.compile("(goto|gotol) (.+)");
    private static final Pattern P_CALL = Pattern.compile("call (.+)");

    private record Pending(int index, String target, boolean inImm) {}

    private KernelSyntaxAssembler() {}

    static long[] assemble(String source) {
        List<Instruction> out = new ArrayList<>();
        Map<String, Integer> labels = new HashMap<>();
        List<Pending> pending = new ArrayList<>();
        String[] lines = source.split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = strip(lines[n]);
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = P_LABEL.matcher(line);
            if (m.matches()) {
                labels.put(m.group(1), out.size());
                continue;
            }
            try {
                one(line, out, pending);
            } catch (MalformedProgramException e) {
                throw new MalformedProgramException("line " + (n + 1) + ": " + e.getMessage() + ": " + line);
            }
        }
        for (Pending p : pending) {
            Integer target = labels.get(p.target());
            if (target == null) {
                throw new MalformedProgramException("unknown label " + p.target());
            }
            Instruction i = out.get(p.index());
            int rel = target - p.index() - 1;
            out.set(p.index(), p.inImm() ? new Instruction(i.opcode(), i.dst(), i.src(), i.offset(), rel)
                    : new Instruction(i.opcode(), i.dst(), i.src(), rel, i.imm()));
        }
        long[] slots = new long[out.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = out.get(i).toSlot();
        }
        return slots;
    }

    private static String strip(String line) {
        for (String c : new String[] {"#", "//", ";"}) {
            int i = line.indexOf(c);
            if (i >= 0) {
                line = line.substring(0, i);
            }
        }
        line = line.trim().replaceAll("\\s+", " ");
        // "N: insn" prefixes as in kernel logs are allowed and ignored.
        return line.replaceFirst("^\\d+: ", "");
    }

    private static void one(String line, List<Instruction> out, List<Pending> pending) {
        Matcher m;
        if (line.equals("exit")) {
            out.add(new Instruction(EXIT_OP, 0, 0, 0, 0));
        } else if ((m = P_LDDW.matcher(line)).matches()) {
            long v = parse(m.group(2));
            out.add(new Instruction(LDDW, reg(m.group(1)), 0, 0, (int) v));
            out.add(new Instruction(0, 0, 0, 0, (int) (v >>> 32)));
        } else if ((m = P_LOAD.matcher(line)).matches()) {
            int mode = m.group(3).equals("s") ? MODE_MEMSX : MODE_MEM;
            out.add(new Instruction(CLS_LDX | mode | size(m.group(4)), reg(m.group(2)), reg(m.group(5)),
                    offset(m.group(6), m.group(7)), 0));
        } else if ((m = P_ATOMIC.matcher(line)).matches()) {
            int op = switch (m.group(5)) {
                case "+" -> ATOMIC_ADD;
                case "|" -> ATOMIC_OR;
                case "&" -> ATOMIC_AND;
                default -> ATOMIC_XOR;
            };
            out.add(new Instruction(CLS_STX | MODE_ATOMIC | size(m.group(1)), reg(m.group(2)), reg(m.group(6)),
                    offset(m.group(3), m.group(4)), op));
        } else if ((m = P_STORE.matcher(line)).matches()) {
            int dst = reg(m.group(2));
            short off = offset(m.group(3), m.group(4));
            if (m.group(5) != null) {
                out.add(new Instruction(CLS_STX | MODE_MEM | size(m.group(1)), dst, reg(m.group(6)), off, 0));
            } else {
                out.add(new Instruction(CLS_ST | MODE_MEM | size(m.group(1)), dst, 0, off, imm(m.group(7))));
            }
        } else if ((m = P_NEG.matcher(line)).matches()) {
            out.add(new Instruction(cls(m.group(1)) | NEG, reg(m.group(2)), 0, 0, 0));
        } else if ((m = P_END.matcher(line)).matches()) {
            int bits = Integer.parseInt(m.group(4));
            if (m.group(3).equals("bswap")) {
                out.add(new Instruction(CLS_ALU64 | END, reg(m.group(2)), 0, 0, bits));
            } else {
                out.add(new Instruction(CLS_ALU | END | (m.group(3).equals("be") ? SRC_X : 0), reg(m.group(2)), 0, 0, bits));
            }
        } else if ((m = P_MOVSX.matcher(line)).matches()) {
            out.add(new Instruction(cls(m.group(1)) | MOV | SRC_X, reg(m.group(2)), reg(m.group(4)),
                    Integer.parseInt(m.group(3)), 0));
        } else if ((m = P_ALU.matcher(line)).matches()) {
            String sym = m.group(3);
            int op;
            int off = 0;
            switch (sym) {
                case "" -> op = MOV;
                case "+" -> op = ADD;
                case "-" -> op = SUB;
                case "*" -> op = MUL;
                case "/" -> op = DIV;
                case "s/" -> { op = DIV; off = 1; }
                case "%" -> op = MOD;
                case "s%" -> { op = MOD; off = 1; }
                case "|" -> op = OR;
                case "&" -> op = AND;
                case "^" -> op = XOR;
                case "<<" -> op = LSH;
                case ">>" -> op = RSH;
                default -> op = ARSH;
            }
            int dst = reg(m.group(2));
            if (m.group(4) != null) {
                out.add(new Instruction(cls(m.group(1)) | op | SRC_X, dst, reg(m.group(5)), off, 0));
            } else {
                out.add(new Instruction(cls(m.group(1)) | op, dst, 0, off, imm(m.group(6))));
            }
        } else if ((m = P_JCC.matcher(line)).matches()) {
            int op = switch (m.group(3)) {
                case "==" -> JEQ;
                case "!=" -> JNE;
                case ">" -> JGT;
                case ">=" -> JGE;
                case "<" -> JLT;
                case "<=" -> JLE;
                case "s>" -> JSGT;
                case "s>=" -> JSGE;
                case "s<" -> JSLT;
                case "s<=" -> JSLE;
                default -> JSET;
            };
            int cls = m.group(1).equals("w") ? CLS_JMP32 : CLS_JMP;
            int dst = reg(m.group(2));
            Instruction insn = m.group(4) != null
                    ? new Instruction(cls | op | SRC_X, dst, reg(m.group(4)), 0, 0)
                    : new Instruction(cls | op, dst, 0, 0, imm(m.group(5)));
            target(m.group(6), insn, false, out, pending);
        } else if ((m = P_GOTO.matcher(line)).matches()) {
            boolean gotol = m.group(1).equals("gotol");
            target(m.group(2), new Instruction(gotol ? GOTOL_OP : JA_OP, 0, 0, 0, 0), gotol, out, pending);
        } else if ((m = P_CALL.matcher(line)).matches()) {
            String t = m.group(1);
            if (t.matches("-?\\d+")) {
                out.add(new Instruction(CALL_OP, 0, CALL_HELPER, 0, Integer.parseInt(t)));
            } else {
                target(t, new Instruction(CALL_OP, 0, CALL_LOCAL, 0, 0), true, out, pending);
            }
        } else {
            throw new MalformedProgramException("cannot parse");
        }
    }

    private static void target(String t, Instruction insn, boolean inImm, List<Instruction> out, List<Pending> pending) {
        String rel = t.startsWith("pc") ? t.substring(2) : t;
        if (rel.matches("[+-]\\d+")) {
            int v = Integer.parseInt(rel.startsWith("+") ? rel.substring(1) : rel);
            out.add(inImm ? new Instruction(insn.opcode(), insn.dst(), insn.src(), insn.offset(), v)
                    : new Instruction(insn.opcode(), insn.dst(), insn.src(), v, insn.imm()));
        } else {
            pending.add(new Pending(out.size(), t, inImm));
            out.add(insn);
        }
    }

    private static int cls(String prefix) {
        return prefix.equals("w") ? CLS_ALU : CLS_ALU64;
    }

    private static int reg(String digits) {
        int r = Integer.parseInt(digits);
        if (r > 10) {
            throw new MalformedProgramException("no register r" + r);
        }
        return r;
    }

    private static int size(String bits) {
        return switch (bits) {
            case "8" -> SIZE_B;
            case "16" -> SIZE_H;
            case "32" -> SIZE_W;
            default -> SIZE_DW;
        };
    }

    private static short offset(String sign, String digits) {
        int v = Integer.parseInt(digits);
        return (short) (sign.equals("-") ? -v : v);
    }

    private static long parse(String s) {
        boolean neg = s.startsWith("-");
        String body = neg ? s.substring(1) : s;
        long v = body.startsWith("0x") ? Long.parseUnsignedLong(body.substring(2), 16) : Long.parseUnsignedLong(body);
        return neg ? -v : v;
    }

    private static int imm(String s) {
        long v = parse(s);
        if (v < Integer.MIN_VALUE || v > 0xffff_ffffL) {
            throw new MalformedProgramException("immediate out of range");
        }
        return (int) v;
    }
}
