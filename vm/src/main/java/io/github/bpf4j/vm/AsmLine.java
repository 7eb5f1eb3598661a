package io.github.bpf4j.vm;

import java.util.List;

/**
 * A cursor over the tokens of one assembly line, with the operand readers both syntaxes share.
 * Every error it raises names the line and the column of the offending token.
 */
final class AsmLine {
    /** A register operand: its number and whether it was written as a 32-bit {@code wN}. */
    record Register(int number, boolean narrow, AsmToken token) {}

    private final List<AsmToken> tokens;
    private final int lineNo;
    private int pos;
    private int annotatedOpcode = -1;

    AsmLine(List<AsmToken> tokens, int lineNo) {
        this.tokens = tokens;
        this.lineNo = lineNo;
    }

    int lineNo() {
        return lineNo;
    }

    /** The opcode the kernel log wrote before the instruction ({@code (18) r1 = 0x5}), or -1. */
    int annotatedOpcode() {
        return annotatedOpcode;
    }

    void annotatedOpcode(int opcode) {
        annotatedOpcode = opcode;
    }

    AsmToken peek() {
        return tokens.get(pos);
    }

    AsmToken peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    AsmToken next() {
        AsmToken t = tokens.get(pos);
        if (t.kind() != AsmToken.Kind.END) {
            pos++;
        }
        return t;
    }

    boolean atEnd() {
        return peek().kind() == AsmToken.Kind.END;
    }

    /** Consumes the token if it is this symbol or word. */
    boolean accept(String text) {
        if (peek().is(text)) {
            pos++;
            return true;
        }
        return false;
    }

    AsmToken expect(String text) {
        AsmToken t = peek();
        if (!t.is(text)) {
            throw error(t, "expected '" + text + "', found " + t.describe());
        }
        return next();
    }

    AsmToken expectWord(String what) {
        AsmToken t = peek();
        if (t.kind() != AsmToken.Kind.WORD) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
        return next();
    }

    void expectEnd() {
        if (!atEnd()) {
            throw error(peek(), "unexpected " + peek().describe() + " after the end of the instruction");
        }
    }

    MalformedProgramException error(AsmToken at, String message) {
        return AsmErrors.at(lineNo, at.column(), message);
    }

    // ---- registers

    /** True if the token is spelled like a register ({@code r3}, {@code %r3}, {@code w3}, {@code %r50}). */
    static boolean looksLikeRegister(AsmToken t) {
        if (t.kind() != AsmToken.Kind.WORD) {
            return false;
        }
        String s = t.text().startsWith("%") ? t.text().substring(1) : t.text();
        if (s.length() < 2 || (s.charAt(0) != 'r' && s.charAt(0) != 'w')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    boolean atRegister() {
        return looksLikeRegister(peek());
    }

    /** Reads a register: {@code rN} or {@code %rN}, or {@code wN} when {@code allowNarrow}. */
    Register register(boolean allowNarrow) {
        AsmToken t = peek();
        if (!looksLikeRegister(t)) {
            throw error(t, "expected a register, found " + t.describe());
        }
        String s = t.text().startsWith("%") ? t.text().substring(1) : t.text();
        boolean narrow = s.charAt(0) == 'w';
        String digits = s.substring(1);
        if (digits.length() > 2 || Integer.parseInt(digits) > 10 || (digits.length() > 1 && digits.charAt(0) == '0')) {
            throw error(t, "invalid register " + t.text() + ": registers are r0..r10");
        }
        if (narrow && (!allowNarrow || t.text().startsWith("%"))) {
            throw error(t, "invalid register " + t.text() + (allowNarrow ? "" : ": a 64-bit register rN is needed here"));
        }
        next();
        return new Register(Integer.parseInt(digits), narrow, t);
    }

    // ---- numbers

    /** How wide a numeric field is, and so which values it accepts. */
    enum Width {
        /** 16-bit signed offset. */
        OFFSET(16),
        /** 32-bit immediate: decimal -2^31..2^31-1, hexadecimal up to 0xffffffff (a bit pattern). */
        IMM32(32),
        /** 64-bit constant of lddw: decimal -2^63..2^64-1, hexadecimal up to 16 digits. */
        IMM64(64);

        final int bits;

        Width(int bits) {
            this.bits = bits;
        }
    }

    boolean atNumber() {
        AsmToken t = peek();
        return t.kind() == AsmToken.Kind.NUMBER
                || ((t.is("-") || t.is("+")) && peek(1).kind() == AsmToken.Kind.NUMBER);
    }

    /** Reads an optionally signed number that must fit the width; the result is sign- or zero-extended to 64 bits. */
    long number(Width width) {
        AsmToken first = peek();
        boolean negative = false;
        if (first.is("-") || first.is("+")) {
            negative = first.is("-");
            next();
        }
        AsmToken t = peek();
        if (t.kind() != AsmToken.Kind.NUMBER) {
            throw error(t, "expected a number, found " + t.describe());
        }
        next();
        return checkedValue(first, t, negative, width);
    }

    private long checkedValue(AsmToken first, AsmToken t, boolean negative, Width width) {
        String text = t.text();
        boolean hex = text.length() > 2 && (text.startsWith("0x") || text.startsWith("0X"));
        String digits = hex ? text.substring(2) : text;
        int radix = hex ? 16 : 10;
        // Magnitude as an unsigned 64-bit value; 'overflow' once it passes 2^64-1.
        long magnitude = 0;
        boolean overflow = false;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), radix);
            if (d < 0) {
                throw error(t, "invalid number '" + text + "'");
            }
            long next = magnitude * radix + d;
            if (Long.compareUnsigned(magnitude, Long.divideUnsigned(-1L, radix)) > 0
                    || Long.compareUnsigned(next, magnitude * radix) < 0) {
                overflow = true;
            }
            magnitude = next;
        }
        String range = rangeText(width, hex);
        if (overflow) {
            throw error(first, "number " + (negative ? "-" : "") + text + " is out of range " + range);
        }
        long value = negative ? -magnitude : magnitude;
        boolean ok;
        if (width == Width.IMM64) {
            // Negative magnitudes up to 2^63; positive ones up to 2^64-1.
            ok = !negative || Long.compareUnsigned(magnitude, Long.MIN_VALUE) <= 0;
        } else {
            long min = -(1L << (width.bits - 1));
            long maxSigned = (1L << (width.bits - 1)) - 1;
            long max = hex && width == Width.IMM32 ? (1L << width.bits) - 1 : maxSigned;
            ok = Long.compareUnsigned(magnitude, 1L << 62) < 0 && value >= min && value <= max;
        }
        if (!ok) {
            throw error(first, "number " + (negative ? "-" : "") + text + " is out of range " + range);
        }
        return value;
    }

    private static String rangeText(Width width, boolean hex) {
        return switch (width) {
            case OFFSET -> "for a 16-bit offset (-32768..32767)";
            case IMM32 -> hex ? "for a 32-bit immediate (-0x80000000..0xffffffff)"
                    : "for a 32-bit immediate (-2147483648..2147483647)";
            case IMM64 -> "for a 64-bit constant";
        };
    }
}
