package io.github.bpf4j.verifier;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the first error message out of a kernel verifier log, with prologue pcs shifted back. */
final class KernelMessages {
    private static final Pattern INSN_LINE = Pattern.compile("^\\d+: \\(.*");
    private static final Pattern SAME_LINE = Pattern.compile(" (infinite loop detected at insn \\d+)$");
    /** A few kernel messages lack their newline, so the statistics line follows on the same line. */
    private static final Pattern GLUED_STATS = Pattern.compile("(?<=.)processed \\d+ insns \\(limit.*$");
    private static final Pattern PC_REF = Pattern.compile("(insn |from insn | to )(\\d+)");

    private KernelMessages() {}

    static String firstError(String log, int prologue) {
        String[] lines = log.split("\n");
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            if (INSN_LINE.matcher(lines[i]).matches()) {
                start = i + 1;
            }
        }
        // The kernel sometimes prints the message on the line of the instruction that failed.
        if (start > 0) {
            Matcher same = SAME_LINE.matcher(lines[start - 1]);
            if (same.find()) {
                return shift(same.group(1), prologue);
            }
        }
        for (int i = start; i < lines.length; i++) {
            String l = lines[i].trim();
            if (l.isEmpty() || l.startsWith(";") || l.startsWith("processed ") || l.startsWith("verification time")) {
                continue;
            }
            return shift(GLUED_STATS.matcher(l).replaceFirst(""), prologue);
        }
        return null;
    }

    private static String shift(String message, int prologue) {
        if (message.startsWith("BPF program is too large")) {
            return message;
        }
        Matcher m = PC_REF.matcher(message);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, m.group(1) + (Integer.parseInt(m.group(2)) - prologue));
        }
        m.appendTail(b);
        return b.toString();
    }
}
