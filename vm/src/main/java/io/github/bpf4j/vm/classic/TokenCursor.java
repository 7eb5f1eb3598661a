package io.github.bpf4j.vm.classic;

import io.github.bpf4j.vm.MalformedProgramException;
import io.github.bpf4j.vm.classic.TextLexer.Kind;
import io.github.bpf4j.vm.classic.TextLexer.Token;
import java.util.List;

/** Walks a token list for the two text parsers, with errors that name line and column. */
final class TokenCursor {
    private final List<Token> tokens;
    private final String source;
    private int index;

    TokenCursor(List<Token> tokens, String source) {
        this.tokens = tokens;
        this.source = source;
    }

    Token peek() {
        return tokens.get(index);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(index);
        if (t.kind() != Kind.END) {
            index++;
        }
        return t;
    }

    boolean accept(String s) {
        if (peek().is(s)) {
            next();
            return true;
        }
        return false;
    }

    void expect(String s) {
        Token t = next();
        if (!t.is(s)) {
            throw error(t, "expected '" + s + "', found " + t.describe());
        }
    }

    int number() {
        Token t = next();
        if (t.kind() != Kind.NUMBER) {
            throw error(t, "expected a number, found " + t.describe());
        }
        return (int) t.value();
    }

    String word() {
        Token t = next();
        if (t.kind() != Kind.WORD) {
            throw error(t, "expected a name, found " + t.describe());
        }
        return t.text();
    }

    /** Accepts {@code x} or {@code %x} (or {@code a}, {@code %a}). */
    boolean acceptRegister(String name) {
        if (peek().is(name)) {
            next();
            return true;
        }
        if (peek().is("%") && peek(1).is(name)) {
            next();
            next();
            return true;
        }
        return false;
    }

    /** The {@code + k} after {@code x} in {@code [x + k]}; {@code [x+4]} lexes as x and the number +4. */
    int plusOffset() {
        Token t = peek();
        if (t.kind() == Kind.NUMBER && t.text().startsWith("+")) {
            next();
            return (int) t.value();
        }
        expect("+");
        return number();
    }

    /** {@code M[k]}: a scratch word. */
    int scratch() {
        expect("M");
        expect("[");
        int k = number();
        expect("]");
        return k;
    }

    /** {@code 4*([k]&0xf)}, the IP header length load; returns k. */
    int headerLength() {
        Token four = peek();
        if (number() != 4) {
            throw error(four, "expected 4*([k]&0xf)");
        }
        expect("*");
        expect("(");
        expect("[");
        int k = number();
        expect("]");
        expect("&");
        Token mask = peek();
        if (number() != 0xf) {
            throw error(mask, "expected 0xf in 4*([k]&0xf)");
        }
        expect(")");
        return k;
    }

    void skipNewlines() {
        while (peek().kind() == Kind.NEWLINE) {
            next();
        }
    }

    MalformedProgramException error(Token at, String what) {
        return TextLexer.error(source, at, what);
    }
}
