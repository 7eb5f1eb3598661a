package io.github.bpf4j.vm;

/**
 * One token of an assembly line.
 *
 * @param kind   what the token is
 * @param text   its text as written ({@code %r1}, {@code 0x10}, {@code s>>=})
 * @param column 1-based column where it starts
 */
record AsmToken(Kind kind, String text, int column) {
    enum Kind {
        /** A name: mnemonic, register ({@code r1}, {@code %r1}, {@code w1}), label, keyword. */
        WORD,
        /** An unsigned decimal or {@code 0x} hexadecimal literal; signs are separate tokens. */
        NUMBER,
        /** Punctuation or an operator ({@code ,}, {@code [}, {@code +=}, {@code s<}, ...). */
        SYMBOL,
        /** The end of the line (its column is one past the last character). */
        END
    }

    boolean is(String symbolOrWord) {
        return kind != Kind.END && kind != Kind.NUMBER && text.equals(symbolOrWord);
    }

    String describe() {
        return kind == Kind.END ? "end of line" : "'" + text + "'";
    }
}
