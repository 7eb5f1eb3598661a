package io.github.bpf4j.vm.classic;

import static io.github.bpf4j.vm.classic.ClassicOpcodes.*;

import io.github.bpf4j.vm.classic.TextLexer.Kind;
import io.github.bpf4j.vm.classic.TextLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the {@code tcpdump -d} listing: {@code (003) jeq #0x6 jt 4 jf 15} per line, jump
 * targets as absolute instruction numbers (which must lie ahead), line numbers in order.
 */
final class ListingParser {
    private final TokenCursor in;
    private final List<ClassicInstruction> out = new ArrayList<>();

    private ListingParser(String text, String source) {
        this.in = new TokenCursor(TextLexer.tokens(text, source, false), source);
    }

    static List<ClassicInstruction> parse(String text, String source) {
        return new ListingParser(text, source).run();
    }

    private List<ClassicInstruction> run() {
        while (true) {
            in.skipNewlines();
            if (in.peek().kind() == Kind.END) {
                break;
            }
            int pc = out.size();
            in.expect("(");
            Token number = in.peek();
            if (in.number() != pc) {
                throw in.error(number, "expected instruction number " + pc + ", found " + number.text());
            }
            in.expect(")");
            out.add(instruction(pc));
            Token after = in.peek();
            if (after.kind() != Kind.NEWLINE && after.kind() != Kind.END) {
                throw in.error(after, "unexpected " + after.describe() + " after the instruction");
            }
        }
        if (out.isEmpty()) {
            throw in.error(in.peek(), "no instructions");
        }
        return out;
    }

    private ClassicInstruction instruction(int pc) {
        Token opToken = in.peek();
        String op = in.word().toLowerCase(Locale.ROOT);
        switch (op) {
            case "ld", "ldh", "ldb" -> {
                int size = op.equals("ld") ? W : op.equals("ldh") ? H : B;
                if (in.accept("#")) {
                    if (in.accept("pktlen") || in.accept("len")) {
                        return ClassicInstruction.of(LD | W | LEN, 0);
                    }
                    return ClassicInstruction.of(LD | IMM, in.number());
                }
                if (in.peek().is("M")) {
                    return ClassicInstruction.of(LD | MEM, in.scratch());
                }
                in.expect("[");
                ClassicInstruction insn;
                if (in.accept("x")) {
                    insn = ClassicInstruction.of(LD | size | IND, in.plusOffset());
                } else if (in.peek().kind() == Kind.WORD) {
                    Token name = in.next();
                    Ancillary a = Ancillary.byImageName(name.text().toLowerCase(Locale.ROOT));
                    if (a == null) {
                        throw in.error(name, "unknown ancillary field '" + name.text() + "'");
                    }
                    insn = ClassicInstruction.of(LD | size | ABS, a.k());
                } else {
                    insn = ClassicInstruction.of(LD | size | ABS, in.number());
                }
                in.expect("]");
                return insn;
            }
            case "ldx" -> {
                if (in.accept("#")) {
                    if (in.accept("pktlen") || in.accept("len")) {
                        return ClassicInstruction.of(LDX | W | LEN, 0);
                    }
                    return ClassicInstruction.of(LDX | IMM, in.number());
                }
                return ClassicInstruction.of(LDX | MEM, in.scratch());
            }
            case "ldxb" -> {
                return ClassicInstruction.of(LDX | B | MSH, in.headerLength());
            }
            case "st" -> {
                return ClassicInstruction.of(ST, in.scratch());
            }
            case "stx" -> {
                return ClassicInstruction.of(STX, in.scratch());
            }
            case "ja" -> {
                Token target = in.peek();
                return ClassicInstruction.of(JMP | JA, forward(pc, in.number(), target, Integer.MAX_VALUE));
            }
            case "jeq", "jgt", "jge", "jset" -> {
                int jop = switch (op) {
                    case "jeq" -> JEQ;
                    case "jgt" -> JGT;
                    case "jge" -> JGE;
                    default -> JSET;
                };
                int code;
                int k = 0;
                if (in.accept("x")) {
                    code = JMP | jop | X;
                } else {
                    in.expect("#");
                    code = JMP | jop | K;
                    k = in.number();
                }
                in.expect("jt");
                Token t = in.peek();
                int jt = forward(pc, in.number(), t, 255);
                in.expect("jf");
                Token f = in.peek();
                int jf = forward(pc, in.number(), f, 255);
                return new ClassicInstruction(code, jt, jf, k);
            }
            case "ret" -> {
                if (in.accept("#")) {
                    return ClassicInstruction.of(RET | K, in.number());
                }
                in.accept("a");
                return ClassicInstruction.of(RET | A, 0);
            }
            case "tax" -> {
                return ClassicInstruction.of(MISC | TAX, 0);
            }
            case "txa" -> {
                return ClassicInstruction.of(MISC | TXA, 0);
            }
            case "neg" -> {
                return ClassicInstruction.of(ALU | NEG, 0);
            }
            default -> {
                int aluOp = switch (op) {
                    case "add" -> ADD;
                    case "sub" -> SUB;
                    case "mul" -> MUL;
                    case "div" -> DIV;
                    case "mod" -> MOD;
                    case "and" -> AND;
                    case "or" -> OR;
                    case "xor" -> XOR;
                    case "lsh" -> LSH;
                    case "rsh" -> RSH;
                    default -> throw in.error(opToken, "unknown instruction '" + opToken.text() + "'");
                };
                if (in.accept("x")) {
                    return ClassicInstruction.of(ALU | aluOp | X, 0);
                }
                in.expect("#");
                return ClassicInstruction.of(ALU | aluOp | K, in.number());
            }
        }
    }

    /** The offset from pc to an absolute target, which must lie ahead within {@code max}. */
    private int forward(int pc, int target, Token at, int max) {
        long delta = (long) target - pc - 1;
        if (delta < 0) {
            throw in.error(at, "jump from instruction " + pc + " to " + target
                    + " goes backward; classic BPF jumps only forward");
        }
        if (delta > max) {
            throw in.error(at, "jump from instruction " + pc + " to " + target + " skips " + delta
                    + " instructions, more than the " + max + " a conditional jump can");
        }
        return (int) delta;
    }
}
