package io.github.bpf4j.vm.classic;

import io.github.bpf4j.vm.classic.TextLexer.Kind;
import io.github.bpf4j.vm.classic.TextLexer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code tcpdump -ddd} output (the instruction count, then {@code code jt jf k} per line)
 * and bpf_asm's default output ({@code 4,40 0 0 12,21 0 1 2048,...}): decimal numbers
 * separated by whitespace or commas.
 */
final class DecimalParser {
    private static final String[] FIELDS = {"code", "jt", "jf", "k"};
    private static final long[] MAX = {0xffff, 0xff, 0xff, 0xffff_ffffL};

    private DecimalParser() {}

    static List<ClassicInstruction> parse(String text, String source) {
        List<Token> numbers = new ArrayList<>();
        Token end = null;
        for (Token t : TextLexer.tokens(text, source, false)) {
            switch (t.kind()) {
                case NUMBER -> {
                    if (t.text().startsWith("-")) {
                        throw TextLexer.error(source, t, "negative number " + t.text() + " in decimal program text");
                    }
                    numbers.add(t);
                }
                case NEWLINE -> { }
                case END -> end = t;
                default -> {
                    if (!t.is(",")) {
                        throw TextLexer.error(source, t, "expected a decimal number, found " + t.describe());
                    }
                }
            }
        }
        if (numbers.isEmpty()) {
            throw TextLexer.error(source, end, "empty program: expected the instruction count");
        }
        Token countToken = numbers.get(0);
        long count = countToken.value();
        if (count < 1 || count > 0xffff) {
            throw TextLexer.error(source, countToken, "instruction count " + count + " is outside 1..65535");
        }
        List<ClassicInstruction> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long[] f = new long[4];
            for (int j = 0; j < 4; j++) {
                int index = 1 + i * 4 + j;
                if (index >= numbers.size()) {
                    throw TextLexer.error(source, end, "truncated: the count says " + count + " instructions, but instruction "
                            + i + " has no " + FIELDS[j] + " field");
                }
                Token t = numbers.get(index);
                if (t.value() > MAX[j]) {
                    throw TextLexer.error(source, t, FIELDS[j] + " " + t.value() + " of instruction " + i + " is above " + MAX[j]);
                }
                f[j] = t.value();
            }
            out.add(new ClassicInstruction((int) f[0], (int) f[1], (int) f[2], (int) f[3]));
        }
        if (numbers.size() > 1 + count * 4) {
            throw TextLexer.error(source, numbers.get((int) (1 + count * 4)),
                    "more numbers than the " + count + " instructions the count announces");
        }
        return out;
    }
}
