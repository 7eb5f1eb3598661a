package io.github.bpf4j.vm;

import java.util.ArrayList;
import java.util.List;

/** Splits one assembly line (comments already removed) into tokens, for both syntaxes. */
final class AsmLexer {
    /** Operators, longest first so that the first match is the longest one. */
    private static final String[] SYMBOLS = {
        "s>>=", "<<=", ">>=", "s/=", "s%=", "s<=", "s>=",
        "+=", "-=", "*=", "/=", "%=", "|=", "&=", "^=", "==", "!=", "<=", ">=", "s<", "s>",
        "<", ">", "=", "&", "(", ")", "[", "]", "*", ",", "+", "-", ":", "#",
    };

    private AsmLexer() {}

    /**
     * Tokens of the line, ending with an END token.
     *
     * @param line   the text of the line
     * @param lineNo its 1-based number, for error messages
     */
    static List<AsmToken> tokens(String line, int lineNo) {
        List<AsmToken> tokens = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            String symbol = symbolAt(line, i);
            if (symbol != null) {
                tokens.add(new AsmToken(AsmToken.Kind.SYMBOL, symbol, start + 1));
                i += symbol.length();
            } else if (isDigit(c)) {
                while (i < n && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new AsmToken(AsmToken.Kind.NUMBER, line.substring(start, i), start + 1));
            } else if (isWordStart(c)) {
                i++;
                while (i < n && isWordPart(line.charAt(i))) {
                    i++;
                }
                tokens.add(new AsmToken(AsmToken.Kind.WORD, line.substring(start, i), start + 1));
            } else {
                throw AsmErrors.at(lineNo, start + 1, "unexpected character " + describe(c));
            }
        }
        tokens.add(new AsmToken(AsmToken.Kind.END, "", n + 1));
        return tokens;
    }

    private static String symbolAt(String line, int i) {
        for (String s : SYMBOLS) {
            if (line.startsWith(s, i)) {
                // "s<" and friends only when 's' is not the end of a longer word (e.g. "jgts<").
                if (s.charAt(0) == 's' && i > 0 && isWordPart(line.charAt(i - 1))) {
                    continue;
                }
                return s;
            }
        }
        return null;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.' || c == '%';
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c);
    }

    /** A character as an error message can show it on one line: quoted if printable, else its code. */
    private static String describe(char c) {
        boolean printable = !Character.isISOControl(c) && Character.isDefined(c)
                && Character.getType(c) != Character.LINE_SEPARATOR && Character.getType(c) != Character.PARAGRAPH_SEPARATOR
                && !Character.isWhitespace(c) && !Character.isSurrogate(c);
        return printable ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
