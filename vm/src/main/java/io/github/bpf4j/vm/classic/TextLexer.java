package io.github.bpf4j.vm.classic;

import io.github.bpf4j.vm.MalformedProgramException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits classic filter text into words, numbers and punctuation with their line and column.
 * In C and bpf_asm text ({@code comments}) it skips comments ({@code ; ...}, {@code // ...},
 * C block comments, a {@code #} in column 1) and reads 0-prefixed numbers as octal.
 */
final class TextLexer {
    enum Kind { WORD, NUMBER, PUNCT, NEWLINE, END }

    record Token(Kind kind, String text, long value, int line, int col) {
        boolean is(String s) {
            return (kind == Kind.WORD || kind == Kind.PUNCT) && text.equalsIgnoreCase(s);
        }

        String describe() {
            return switch (kind) {
                case END -> "end of input";
                case NEWLINE -> "end of line";
                default -> "'" + text + "'";
            };
        }
    }

    private final String text;
    private final String source;
    private final boolean comments;
    private int pos;
    private int line = 1;
    private int lineStart;

    private TextLexer(String text, String source, boolean comments) {
        this.text = text;
        this.source = source;
        this.comments = comments;
    }

    /** All tokens, newlines included, ending with one END token. */
    static List<Token> tokens(String text, String source, boolean comments) {
        return new TextLexer(text, source, comments).run();
    }

    private List<Token> run() {
        List<Token> out = new ArrayList<>();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            int col = pos - lineStart + 1;
            if (c == '\n') {
                out.add(new Token(Kind.NEWLINE, "\n", 0, line, col));
                pos++;
                line++;
                lineStart = pos;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (comments && (c == ';' || (c == '#' && col == 1) || text.startsWith("//", pos))) {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (comments && text.startsWith("/*", pos)) {
                int end = text.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw error(line, col, "comment is not closed");
                }
                for (int i = pos; i < end; i++) {
                    if (text.charAt(i) == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                }
                pos = end + 2;
            } else if (Character.isDigit(c) || ((c == '-' || c == '+') && pos + 1 < text.length()
                    && Character.isDigit(text.charAt(pos + 1)))) {
                out.add(number(col));
            } else if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                    pos++;
                }
                out.add(new Token(Kind.WORD, text.substring(start, pos), 0, line, col));
            } else {
                out.add(new Token(Kind.PUNCT, String.valueOf(c), 0, line, col));
                pos++;
            }
        }
        out.add(new Token(Kind.END, "", 0, line, pos - lineStart + 1));
        return out;
    }

    /**
     * Decimal (signed), 0x hex, 0b binary, and in C and bpf_asm text 0-prefixed octal; the
     * tcpdump listings' zero-padded numbers ({@code (008)}) are decimal.
     */
    private Token number(int col) {
        int start = pos;
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
            pos++;
        }
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
            pos++;
        }
        String s = text.substring(start, pos);
        String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        int radix = 10;
        String digits = body;
        if (body.length() > 2 && (body.startsWith("0x") || body.startsWith("0X"))) {
            radix = 16;
            digits = body.substring(2);
        } else if (body.length() > 2 && (body.startsWith("0b") || body.startsWith("0B"))) {
            radix = 2;
            digits = body.substring(2);
        } else if (comments && body.length() > 1 && body.startsWith("0")) {
            radix = 8;
            digits = body.substring(1);
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), radix);
            if (d < 0) {
                throw error(line, col, "bad number '" + s + "'");
            }
            value = value * radix + d;
            if (value > 0xffff_ffffL) {
                throw error(line, col, "number '" + s + "' does not fit in 32 bits");
            }
        }
        if (s.startsWith("-")) {
            if (value > 0x8000_0000L) {
                throw error(line, col, "number '" + s + "' does not fit in 32 bits");
            }
            value = -value & 0xffff_ffffL;
        }
        return new Token(Kind.NUMBER, s, value, line, col);
    }

    private MalformedProgramException error(int l, int c, String what) {
        return error(source, l, c, what);
    }

    static MalformedProgramException error(String source, int line, int col, String what) {
        return new MalformedProgramException(source + ":" + line + ":" + col + ": " + what);
    }

    static MalformedProgramException error(String source, Token at, String what) {
        return error(source, at.line(), at.col(), what);
    }
}
