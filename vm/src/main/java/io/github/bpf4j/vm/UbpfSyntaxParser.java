package io.github.bpf4j.vm;

import static io.github.bpf4j.vm.Opcodes.*;

import io.github.bpf4j.vm.AsmLine.Register;
import io.github.bpf4j.vm.AsmLine.Width;
import io.github.bpf4j.vm.AsmStatement.Field;
import io.github.bpf4j.vm.AsmStatement.Target;
import java.util.Map;

/**
 * The ubpf / bpf_conformance syntax: {@code mnemonic operand, operand}, registers {@code %rN} or
 * {@code rN}, memory operands {@code [%rN+off]}, jump targets {@code +N}, {@code -N} or a label.
 * Beyond what bpf_conformance's assembler reads: {@code ldxs{b,h,w}} and {@code movsx*} (v4),
 * {@code ja32}/{@code gotol}, {@code may_goto}, {@code call %rN} (callx) and {@code callx N} (its
 * older imm encoding), {@code call runtime N} or {@code call kfunc N}, {@code ldabs{b,h,w} imm},
 * {@code ldind{b,h,w} src, imm}, {@code ld_pseudo dst, SRC, CONSTANT} (lddw with a pseudo source,
 * as LLVM writes it), and load-acquire/store-release as {@code lock ldxw dst, [src+off]} and
 * {@code lock stxw [dst+off], src}.
 */
final class UbpfSyntaxParser {
    private UbpfSyntaxParser() {}

    static final Map<String, Integer> ALU_OPS = Map.ofEntries(
            Map.entry("add", ADD), Map.entry("sub", SUB), Map.entry("mul", MUL), Map.entry("div", DIV),
            Map.entry("sdiv", DIV), Map.entry("or", OR), Map.entry("and", AND), Map.entry("lsh", LSH),
            Map.entry("rsh", RSH), Map.entry("mod", MOD), Map.entry("smod", MOD), Map.entry("xor", XOR),
            Map.entry("mov", MOV), Map.entry("arsh", ARSH));

    static final Map<String, Integer> JUMP_OPS = Map.ofEntries(
            Map.entry("jeq", JEQ), Map.entry("jgt", JGT), Map.entry("jge", JGE), Map.entry("jset", JSET),
            Map.entry("jne", JNE), Map.entry("jsgt", JSGT), Map.entry("jsge", JSGE), Map.entry("jlt", JLT),
            Map.entry("jle", JLE), Map.entry("jslt", JSLT), Map.entry("jsle", JSLE));

    static final Map<String, Integer> ATOMIC_OPS = Map.of(
            "add", ATOMIC_ADD, "or", ATOMIC_OR, "and", ATOMIC_AND, "xor", ATOMIC_XOR,
            "xchg", ATOMIC_XCHG, "cmpxchg", ATOMIC_CMPXCHG);

    /** Load/store size suffixes. */
    static final Map<String, Integer> SIZES = Map.of("b", SIZE_B, "h", SIZE_H, "w", SIZE_W, "dw", SIZE_DW);

    /** Parses the instruction at the line's cursor (labels already consumed). */
    static AsmStatement parse(AsmLine line) {
        AsmToken mnemonicToken = line.expectWord("a mnemonic");
        String m = mnemonicToken.text();
        AsmStatement statement = instruction(line, mnemonicToken, m);
        line.expectEnd();
        return statement;
    }

    private static AsmStatement instruction(AsmLine line, AsmToken mt, String m) {
        switch (m) {
            case "exit":
                return AsmStatement.of(EXIT_OP, 0, 0, 0, 0);
            case "ja":
                return AsmStatement.jump(JA_OP, 0, 0, 0, Target.read(line, Width.OFFSET), Field.OFFSET);
            case "ja32":
            case "gotol":
                return AsmStatement.jump(GOTOL_OP, 0, 0, 0, Target.read(line, Width.IMM32), Field.IMM);
            case "may_goto":
                return AsmStatement.jump(MAY_GOTO_OP, 0, 0, 0, Target.read(line, Width.OFFSET), Field.OFFSET);
            case "call":
                return call(line);
            case "callx":
                return callx(line);
            case "lddw":
                return lddw(line);
            case "ld_pseudo":
                return ldPseudo(line);
            case "lock":
                return lock(line);
            case "neg":
            case "neg32":
                return AsmStatement.of((m.endsWith("32") ? CLS_ALU : CLS_ALU64) | NEG, reg(line), 0, 0, 0);
            default:
                break;
        }
        boolean is32 = m.endsWith("32");
        String base = is32 ? m.substring(0, m.length() - 2) : m;
        Integer aluOp = ALU_OPS.get(base);
        if (aluOp != null) {
            return alu(line, is32 ? CLS_ALU : CLS_ALU64, aluOp, base.equals("sdiv") || base.equals("smod") ? 1 : 0);
        }
        Integer jumpOp = JUMP_OPS.get(base);
        if (jumpOp != null) {
            return conditionalJump(line, is32 ? CLS_JMP32 : CLS_JMP, jumpOp);
        }
        AsmStatement other = byteSwapOrMovsx(line, m);
        if (other == null) {
            other = loadStore(line, m);
        }
        if (other == null) {
            throw line.error(mt, "unknown mnemonic '" + m + "'");
        }
        return other;
    }

    private static int reg(AsmLine line) {
        return line.register(false).number();
    }

    private static void comma(AsmLine line) {
        line.expect(",");
    }

    private static AsmStatement alu(AsmLine line, int cls, int op, int offset) {
        int dst = reg(line);
        comma(line);
        if (line.atRegister()) {
            return AsmStatement.of(cls | op | SRC_X, dst, reg(line), offset, 0);
        }
        return AsmStatement.of(cls | op | SRC_K, dst, 0, offset, line.number(Width.IMM32));
    }

    private static AsmStatement conditionalJump(AsmLine line, int cls, int op) {
        int dst = reg(line);
        comma(line);
        int src = 0;
        long imm = 0;
        int source = SRC_K;
        if (line.atRegister()) {
            src = reg(line);
            source = SRC_X;
        } else {
            imm = line.number(Width.IMM32);
        }
        comma(line);
        return AsmStatement.jump(cls | op | source, dst, src, imm, Target.read(line, Width.OFFSET), Field.OFFSET);
    }

    private static AsmStatement call(AsmLine line) {
        if (line.atRegister()) {
            return AsmStatement.of(CALLX_OP, reg(line), 0, 0, 0);
        }
        if (line.accept("local")) {
            return AsmStatement.jump(CALL_OP, 0, CALL_LOCAL, 0, Target.read(line, Width.IMM32), Field.IMM);
        }
        if (line.accept("helper")) {
            return AsmStatement.of(CALL_OP, 0, CALL_HELPER, 0, line.number(Width.IMM32));
        }
        if (line.accept("runtime") || line.accept("kfunc")) {
            return AsmStatement.of(CALL_OP, 0, CALL_KFUNC, 0, line.number(Width.IMM32));
        }
        if (line.peek().kind() == AsmToken.Kind.WORD && line.peek(1).is("#")) {
            return namedHelperCall(line);
        }
        if (line.peek().kind() == AsmToken.Kind.WORD) {
            // A label: a bpf-to-bpf call.
            return AsmStatement.jump(CALL_OP, 0, CALL_LOCAL, 0, Target.read(line, Width.IMM32), Field.IMM);
        }
        return AsmStatement.of(CALL_OP, 0, CALL_HELPER, 0, line.number(Width.IMM32));
    }

    /** The kernel log's {@code call bpf_ktime_get_ns#5}: the number decides, the name must agree with it. */
    private static AsmStatement namedHelperCall(AsmLine line) {
        AsmToken name = line.next();
        line.expect("#");
        AsmToken at = line.peek();
        long id = line.number(Width.IMM32);
        if (!KernelHelperNames.name((int) id).equals(name.text())) {
            throw line.error(name, "helper " + id + " is " + KernelHelperNames.name((int) id) + ", not " + name.text());
        }
        return AsmStatement.of(CALL_OP, 0, CALL_HELPER, 0, id);
    }

    /** {@code callx N}: the older callx encoding with the register number in imm. */
    static AsmStatement callx(AsmLine line) {
        if (line.atRegister()) {
            return AsmStatement.of(CALLX_OP, line.register(true).number(), 0, 0, 0);
        }
        AsmToken at = line.peek();
        long n = line.number(Width.IMM32);
        if (n < 0 || n > 10) {
            throw line.error(at, "callx register number must be 0..10, is " + n);
        }
        return AsmStatement.of(CALLX_OP, 0, 0, 0, n);
    }

    private static AsmStatement lddw(AsmLine line) {
        int dst = reg(line);
        comma(line);
        return AsmStatement.lddw(dst, PSEUDO_IMM64, line.number(Width.IMM64));
    }

    /** {@code ld_pseudo dst, SRC, CONSTANT}: lddw with a pseudo source (map fd, map value, ...), as LLVM writes it. */
    static AsmStatement ldPseudo(AsmLine line) {
        int dst = line.register(false).number();
        comma(line);
        AsmToken srcToken = line.peek();
        long src = line.number(Width.IMM32);
        if (src < 0 || src > PSEUDO_MAP_IDX_VALUE) {
            throw line.error(srcToken, "pseudo source must be 0.." + PSEUDO_MAP_IDX_VALUE + ", is " + src);
        }
        comma(line);
        AsmToken at = line.peek();
        AsmToken digits = at.kind() == AsmToken.Kind.NUMBER ? at : line.peek(1);
        boolean hex = digits.text().startsWith("0x") || digits.text().startsWith("0X");
        long value = line.number(Width.IMM64);
        // As LLVM reads it, a decimal that fits in 32 bits (a map fd, a relative function offset)
        // goes into the first slot alone; hexadecimal is the whole 64-bit constant of both slots.
        if (!hex && value == (int) value) {
            value &= 0xffff_ffffL;
        }
        AsmStatement.TargetRef target = src == PSEUDO_FUNC ? new AsmStatement.TargetRef(at, false, Field.IMM) : null;
        return AsmStatement.lddw(dst, (int) src, value, target);
    }

    /** {@code lock [fetch] OP[32] [dst+off], src}, and the load-acquire/store-release forms {@code lock ldxw}/{@code lock stxw}. */
    private static AsmStatement lock(AsmLine line) {
        if (line.atEnd()) {
            throw line.error(line.peek(), "lock needs an operation: lock [fetch] add|or|and|xor|xchg|cmpxchg [dst+off], src");
        }
        boolean fetch = line.accept("fetch");
        AsmToken opToken = line.expectWord("an atomic operation (add, or, and, xor, xchg, cmpxchg)");
        String op = opToken.text();
        if (!fetch && (op.startsWith("ldx") || op.startsWith("stx"))) {
            Integer size = SIZES.get(op.substring(3));
            if (size != null) {
                return orderedLoadStore(line, op.startsWith("ldx"), size);
            }
        }
        boolean is32 = op.endsWith("32");
        Integer code = ATOMIC_OPS.get(is32 ? op.substring(0, op.length() - 2) : op);
        if (code == null) {
            throw line.error(opToken, "unknown atomic operation '" + op + "'");
        }
        if (fetch) {
            code |= ATOMIC_FETCH;
        }
        Mem mem = memory(line);
        comma(line);
        int src = reg(line);
        return AsmStatement.of(CLS_STX | MODE_ATOMIC | (is32 ? SIZE_W : SIZE_DW), mem.reg, src, mem.offset, code);
    }

    private static AsmStatement orderedLoadStore(AsmLine line, boolean load, int size) {
        int opcode = CLS_STX | MODE_ATOMIC | size;
        if (load) {
            int dst = reg(line);
            comma(line);
            Mem mem = memory(line);
            return AsmStatement.of(opcode, dst, mem.reg, mem.offset, ATOMIC_LOAD_ACQ);
        }
        Mem mem = memory(line);
        comma(line);
        return AsmStatement.of(opcode, mem.reg, reg(line), mem.offset, ATOMIC_STORE_REL);
    }

    private static AsmStatement byteSwapOrMovsx(AsmLine line, String m) {
        int opcode;
        int imm = 0;
        if (m.startsWith("le") || m.startsWith("be")) {
            opcode = CLS_ALU | END | (m.startsWith("be") ? SRC_X : SRC_K);
            imm = swapWidth(m.substring(2));
        } else if (m.startsWith("swap") || m.startsWith("bswap")) {
            opcode = CLS_ALU64 | END;
            imm = swapWidth(m.substring(m.indexOf("swap") + 4));
        } else {
            return movsx(line, m);
        }
        if (imm == 0) {
            return null;
        }
        return AsmStatement.of(opcode, reg(line), 0, 0, imm);
    }

    private static int swapWidth(String suffix) {
        return switch (suffix) {
            case "16" -> 16;
            case "32" -> 32;
            case "64" -> 64;
            default -> 0;
        };
    }

    /** movsx{8,16,32}{32,64}: sign-extending register moves. */
    private static AsmStatement movsx(AsmLine line, String m) {
        int cls;
        int from;
        switch (m) {
            case "movsx832" -> { cls = CLS_ALU; from = 8; }
            case "movsx1632" -> { cls = CLS_ALU; from = 16; }
            case "movsx864" -> { cls = CLS_ALU64; from = 8; }
            case "movsx1664" -> { cls = CLS_ALU64; from = 16; }
            case "movsx3264" -> { cls = CLS_ALU64; from = 32; }
            default -> { return null; }
        }
        int dst = reg(line);
        comma(line);
        return AsmStatement.of(cls | MOV | SRC_X, dst, reg(line), from, 0);
    }

    private static AsmStatement loadStore(AsmLine line, String m) {
        if (m.startsWith("ldxs") && SIZES.containsKey(m.substring(4)) && !m.equals("ldxsdw")) {
            return ldx(line, MODE_MEMSX | SIZES.get(m.substring(4)));
        }
        if (m.startsWith("ldx") && SIZES.containsKey(m.substring(3))) {
            return ldx(line, MODE_MEM | SIZES.get(m.substring(3)));
        }
        if (m.startsWith("stx") && SIZES.containsKey(m.substring(3))) {
            Mem mem = memory(line);
            comma(line);
            return AsmStatement.of(CLS_STX | MODE_MEM | SIZES.get(m.substring(3)), mem.reg, reg(line), mem.offset, 0);
        }
        if (m.startsWith("st") && SIZES.containsKey(m.substring(2))) {
            Mem mem = memory(line);
            comma(line);
            return AsmStatement.of(CLS_ST | MODE_MEM | SIZES.get(m.substring(2)), mem.reg, 0, mem.offset,
                    line.number(Width.IMM32));
        }
        if (m.startsWith("ldabs") && legacySize(m.substring(5))) {
            return AsmStatement.of(CLS_LD | MODE_ABS | SIZES.get(m.substring(5)), 0, 0, 0, line.number(Width.IMM32));
        }
        if (m.startsWith("ldind") && legacySize(m.substring(5))) {
            int src = reg(line);
            comma(line);
            return AsmStatement.of(CLS_LD | MODE_IND | SIZES.get(m.substring(5)), 0, src, 0, line.number(Width.IMM32));
        }
        return null;
    }

    private static boolean legacySize(String suffix) {
        return suffix.equals("b") || suffix.equals("h") || suffix.equals("w");
    }

    private static AsmStatement ldx(AsmLine line, int modeAndSize) {
        int dst = reg(line);
        comma(line);
        Mem mem = memory(line);
        return AsmStatement.of(CLS_LDX | modeAndSize, dst, mem.reg, mem.offset, 0);
    }

    private record Mem(int reg, long offset) {}

    /** {@code [%rN]}, {@code [%rN+off]} or {@code [%rN-off]}. */
    private static Mem memory(AsmLine line) {
        line.expect("[");
        int reg = reg(line);
        long offset = 0;
        if (line.peek().is("+") || line.peek().is("-")) {
            offset = line.number(Width.OFFSET);
        }
        line.expect("]");
        return new Mem(reg, offset);
    }
}
