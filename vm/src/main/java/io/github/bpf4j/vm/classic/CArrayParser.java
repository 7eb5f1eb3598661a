package io.github.bpf4j.vm.classic;

import io.github.bpf4j.vm.classic.TextLexer.Kind;
import io.github.bpf4j.vm.classic.TextLexer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code tcpdump -dd} (and {@code bpf_asm -c}) output: one {@code { code, jt, jf, k },}
 * group per instruction. Text outside the groups (a C declaration around them) is ignored.
 */
final class CArrayParser {
    private CArrayParser() {}

    static List<ClassicInstruction> parse(String text, String source) {
        List<Token> tokens = new ArrayList<>();
        for (Token t : TextLexer.tokens(text, source, true)) {
            if (t.kind() != Kind.NEWLINE) {
                tokens.add(t);
            }
        }
        List<ClassicInstruction> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).is("{") || tokens.get(i + 1).kind() != Kind.NUMBER) {
                continue;
            }
            long[] f = new long[4];
            int at = i + 1;
            for (int j = 0; j < 4; j++) {
                Token t = tokens.get(at);
                if (t.kind() != Kind.NUMBER) {
                    throw TextLexer.error(source, t, "instruction " + out.size() + ": expected 4 numbers in { code, jt, jf, k }, found "
                            + t.describe());
                }
                f[j] = t.value();
                at++;
                Token sep = tokens.get(at);
                if (j < 3 && !sep.is(",")) {
                    throw TextLexer.error(source, sep, "instruction " + out.size() + ": expected ',' after field " + (j + 1)
                            + ", found " + sep.describe());
                }
                if (j < 3) {
                    at++;
                }
            }
            Token close = tokens.get(at);
            if (!close.is("}")) {
                throw TextLexer.error(source, close, "instruction " + out.size() + ": expected '}', found " + close.describe());
            }
            if (f[0] > 0xffff || f[1] > 0xff || f[2] > 0xff) {
                throw TextLexer.error(source, tokens.get(i), "instruction " + out.size()
                        + ": code must be 0..65535 and jt, jf 0..255");
            }
            out.add(new ClassicInstruction((int) f[0], (int) f[1], (int) f[2], (int) f[3]));
            i = at;
        }
        if (out.isEmpty()) {
            throw TextLexer.error(source, tokens.get(tokens.size() - 1), "no { code, jt, jf, k } instruction found");
        }
        return out;
    }
}
