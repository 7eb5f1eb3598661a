package io.github.bpf4j.kernel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the kernel verifier's log. */
final class KernelLog {
    private KernelLog() {}

    /** A log line about an instruction starts with its index: {@code 19: (67) r0 <<= 68}. */
    private static final Pattern INSTRUCTION_LINE = Pattern.compile("^(\\d+): ");

    /**
     * The one-line message of a rejection: where (the last instruction the log shows, in the
     * program's own pcs when the program sits {@code programStart} slots into a wrapper), the
     * errno and the kernel's reason.
     *
     * @param context appended as is, e.g. how a raw program was wrapped; may be empty
     */
    static String rejection(String errnoName, String log, int programStart, String context) {
        int insn = lastInstruction(log);
        String where;
        if (insn < 0) {
            where = "";
        } else if (insn >= programStart) {
            where = " at pc " + (insn - programStart);
        } else {
            where = " in the wrapper at insn " + insn;
        }
        return "kernel verifier rejected the program" + where + " (" + errnoName + "): "
                + lastMeaningfulLine(log) + context;
    }

    /**
     * The line that says why the program was rejected: the last line that is not blank and not
     * one of the statistics lines the kernel appends after its verdict.
     */
    static String lastMeaningfulLine(String log) {
        String[] lines = log.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (!line.isEmpty() && !isStatistics(line)) {
                return line;
            }
        }
        return "(empty log)";
    }

    /** The index of the last instruction the log talks about, or -1. */
    static int lastInstruction(String log) {
        String[] lines = log.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            Matcher m = INSTRUCTION_LINE.matcher(lines[i]);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return -1;
    }

    private static boolean isStatistics(String line) {
        return line.startsWith("processed ") || line.startsWith("verification time")
                || line.startsWith("stack depth") || line.startsWith("mark_precise");
    }
}
