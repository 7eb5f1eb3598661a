package io.github.bpf4j.vm.classic;

import static io.github.bpf4j.vm.classic.ClassicOpcodes.*;

import io.github.bpf4j.vm.classic.TextLexer.Kind;
import io.github.bpf4j.vm.classic.TextLexer.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the kernel's bpf_asm syntax (tools/bpf): {@code ldh [12]}, {@code jeq #0x800, ok, drop},
 * {@code ret #65535}, labels ({@code ok:}), the extensions ({@code ld #proto}, {@code ld len}),
 * {@code ;} and C comments. Jumps go to labels and only forward.
 */
final class AsmParser {
    private record Pending(int insn, Token label, char field) {}

    private final TokenCursor in;
    private final String source;
    private final List<int[]> insns = new ArrayList<>(); // code, jt, jf, k
    private final Map<String, Integer> labels = new HashMap<>();
    private final List<Pending> pending = new ArrayList<>();

    private AsmParser(String text, String source) {
        this.in = new TokenCursor(TextLexer.tokens(text, source, true), source);
        this.source = source;
    }

    static List<ClassicInstruction> parse(String text, String source) {
        return new AsmParser(text, source).run();
    }

    private List<ClassicInstruction> run() {
        while (true) {
            in.skipNewlines();
            Token t = in.peek();
            if (t.kind() == Kind.END) {
                break;
            }
            if (t.kind() == Kind.WORD && in.peek(1).is(":")) {
                String key = t.text().toLowerCase(Locale.ROOT);
                if (labels.containsKey(key)) {
                    throw in.error(t, "label '" + t.text() + "' is defined twice");
                }
                labels.put(key, insns.size());
                in.next();
                in.next();
                continue;
            }
            instruction();
            Token after = in.peek();
            if (after.kind() != Kind.NEWLINE && after.kind() != Kind.END) {
                throw in.error(after, "unexpected " + after.describe() + " after the instruction");
            }
        }
        if (insns.isEmpty()) {
            throw in.error(in.peek(), "no instructions");
        }
        for (Pending p : pending) {
            Integer target = labels.get(p.label().text().toLowerCase(Locale.ROOT));
            if (target == null) {
                throw in.error(p.label(), "no such label '" + p.label().text() + "'");
            }
            int delta = target - p.insn() - 1;
            if (delta < 0) {
                throw in.error(p.label(), "jump from instruction " + p.insn() + " to label '" + p.label().text()
                        + "' (instruction " + target + ") goes backward; classic BPF jumps only forward");
            }
            if (p.field() != 'k' && delta > 255) {
                throw in.error(p.label(), "jump from instruction " + p.insn() + " to label '" + p.label().text()
                        + "' skips " + delta + " instructions, more than the 255 a conditional jump can");
            }
            insns.get(p.insn())[p.field() == 't' ? 1 : p.field() == 'f' ? 2 : 3] = delta;
        }
        List<ClassicInstruction> out = new ArrayList<>();
        for (int[] i : insns) {
            out.add(new ClassicInstruction(i[0], i[1], i[2], i[3]));
        }
        return out;
    }

    private void emit(int code, int k) {
        insns.add(new int[] {code, 0, 0, k});
    }

    private void instruction() {
        Token opToken = in.peek();
        String op = in.word().toLowerCase(Locale.ROOT);
        switch (op) {
            case "ldb" -> packetLoad(B, opToken);
            case "ldh" -> packetLoad(H, opToken);
            case "ld" -> {
                if (in.peek().is("#") && in.peek(1).kind() == Kind.NUMBER) {
                    in.next();
                    emit(LD | IMM, in.number());
                } else if (acceptLen()) {
                    emit(LD | W | LEN, 0);
                } else if (in.peek().is("M")) {
                    emit(LD | MEM, in.scratch());
                } else {
                    packetLoad(W, opToken);
                }
            }
            case "ldi" -> emit(LD | IMM, immediate());
            case "ldxi" -> emit(LDX | IMM, immediate());
            case "ldx" -> {
                if (in.peek().is("#") && in.peek(1).kind() == Kind.NUMBER) {
                    in.next();
                    emit(LDX | IMM, in.number());
                } else if (acceptLen()) {
                    emit(LDX | W | LEN, 0);
                } else if (in.peek().is("M")) {
                    emit(LDX | MEM, in.scratch());
                } else {
                    emit(LDX | B | MSH, in.headerLength());
                }
            }
            case "ldxb" -> emit(LDX | B | MSH, in.headerLength());
            case "st" -> emit(ST, in.scratch());
            case "stx" -> emit(STX, in.scratch());
            case "jmp", "ja" -> {
                emit(JMP | JA, 0);
                pending.add(new Pending(insns.size() - 1, label(), 'k'));
            }
            case "jeq" -> jump(JEQ, false);
            case "jgt" -> jump(JGT, false);
            case "jge" -> jump(JGE, false);
            case "jset" -> jump(JSET, false);
            case "jneq", "jne" -> jump(JEQ, true);
            case "jlt" -> jump(JGE, true);
            case "jle" -> jump(JGT, true);
            case "add" -> alu(ADD);
            case "sub" -> alu(SUB);
            case "mul" -> alu(MUL);
            case "div" -> alu(DIV);
            case "mod" -> alu(MOD);
            case "and" -> alu(AND);
            case "or" -> alu(OR);
            case "xor" -> alu(XOR);
            case "lsh" -> alu(LSH);
            case "rsh" -> alu(RSH);
            case "neg" -> emit(ALU | NEG, 0);
            case "tax" -> emit(MISC | TAX, 0);
            case "txa" -> emit(MISC | TXA, 0);
            case "ret" -> {
                if (in.acceptRegister("a")) {
                    emit(RET | A, 0);
                } else if (in.acceptRegister("x")) {
                    emit(RET | X, 0);
                } else {
                    emit(RET | K, immediate());
                }
            }
            default -> throw in.error(opToken, "unknown instruction '" + opToken.text() + "'");
        }
    }

    /** {@code [k]}, {@code [x + k]} or an extension name ({@code #proto}, {@code vlan_tci}, ...). */
    private void packetLoad(int size, Token opToken) {
        if (in.accept("[")) {
            if (in.acceptRegister("x")) {
                int k = in.plusOffset();
                in.expect("]");
                emit(LD | size | IND, k);
            } else {
                int k = in.number();
                in.expect("]");
                emit(LD | size | ABS, k);
            }
            return;
        }
        in.accept("#");
        Token t = in.next();
        Ancillary a = t.kind() == Kind.WORD ? Ancillary.byAsmName(t.text().toLowerCase(Locale.ROOT)) : null;
        if (a == null) {
            throw in.error(t, "expected [k], [x + k] or an extension (proto, type, ifidx, nla, nlan, mark, queue, hatype, "
                    + "rxhash, cpu, vlan_tci, vlan_avail, vlan_tpid, poff, rand) after '" + opToken.text() + "', found "
                    + t.describe());
        }
        emit(LD | size | ABS, a.k());
    }

    private boolean acceptLen() {
        if (in.peek().is("len") || in.peek().is("pktlen")) {
            in.next();
            return true;
        }
        if (in.peek().is("#") && (in.peek(1).is("len") || in.peek(1).is("pktlen"))) {
            in.next();
            in.next();
            return true;
        }
        return false;
    }

    private int immediate() {
        in.accept("#");
        return in.number();
    }

    private void alu(int op) {
        if (in.acceptRegister("x")) {
            emit(ALU | op | X, 0);
        } else {
            in.expect("#");
            emit(ALU | op | K, in.number());
        }
    }

    /** {@code jxx #k|x, Lt[, Lf]}; the inverted forms take one label, the false branch. */
    private void jump(int op, boolean inverted) {
        if (in.acceptRegister("x")) {
            emit(JMP | op | X, 0);
        } else {
            in.expect("#");
            emit(JMP | op | K, in.number());
        }
        int at = insns.size() - 1;
        in.expect(",");
        Token first = label();
        pending.add(new Pending(at, first, inverted ? 'f' : 't'));
        if (!inverted && in.accept(",")) {
            pending.add(new Pending(at, label(), 'f'));
        }
    }

    private Token label() {
        Token t = in.next();
        if (t.kind() != Kind.WORD) {
            throw in.error(t, "expected a label, found " + t.describe());
        }
        return t;
    }
}
