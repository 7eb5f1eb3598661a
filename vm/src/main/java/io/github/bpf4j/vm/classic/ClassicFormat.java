package io.github.bpf4j.vm.classic;

import java.util.Locale;

/** The text forms of a classic program. */
public enum ClassicFormat {
    /** {@code tcpdump -ddd}: a count, then {@code code jt jf k} per line; also bpf_asm's {@code n,c t f k,...}. */
    DECIMAL,
    /** {@code tcpdump -dd}: {@code { 0x28, 0, 0, 0x0000000c },} per line. */
    C_ARRAY,
    /** {@code tcpdump -d}: {@code (000) ldh [12]} per line, jumps to absolute line numbers. */
    LISTING,
    /** The kernel's bpf_asm source: {@code ldh [12]}, {@code jeq #0x800, L1, L2}, labels. */
    BPF_ASM,
    /** Recognise by content. */
    ANY;

    static ClassicFormat byExtension(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".ddd")) {
            return DECIMAL;
        }
        if (lower.endsWith(".dd")) {
            return C_ARRAY;
        }
        if (lower.endsWith(".cbpf")) {
            return ANY;
        }
        return null;
    }

    /** Guesses the format from the first meaningful line. */
    static ClassicFormat detect(String text) {
        for (String line : text.split("\n", -1)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith(";") || t.startsWith("#") || t.startsWith("//") || t.startsWith("/*")) {
                continue;
            }
            if (t.startsWith("(")) {
                return LISTING;
            }
            if (t.startsWith("{")) {
                return C_ARRAY;
            }
            if (Character.isDigit(t.charAt(0))) {
                return DECIMAL;
            }
            return BPF_ASM;
        }
        return BPF_ASM;
    }
}
