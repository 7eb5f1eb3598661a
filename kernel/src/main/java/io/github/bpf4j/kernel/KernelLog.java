package io.github.bpf4j.kernel;

/** Reading the kernel verifier's log. */
final class KernelLog {
    private KernelLog() {}

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

    private static boolean isStatistics(String line) {
        return line.startsWith("processed ") || line.startsWith("verification time")
                || line.startsWith("stack depth") || line.startsWith("mark_precise");
    }
}
