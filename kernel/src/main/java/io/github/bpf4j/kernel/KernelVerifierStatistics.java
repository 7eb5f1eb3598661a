package io.github.bpf4j.kernel;

import io.github.bpf4j.vm.BpfException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the kernel's verifier reports about itself when a program is loaded with
 * {@link KernelProgram#LOG_STATS}: the lines {@code verification time N usec} and
 * {@code processed N insns (limit 1000000) max_states_per_insn N total_states N peak_states N}.
 *
 * @param verificationMicros the time the kernel spent verifying, in microseconds
 * @param insnsProcessed     instructions processed over all paths
 * @param maxStatesPerInsn   most explored states kept at one instruction
 * @param totalStates        explored states kept in total
 * @param peakStates         most explored states kept at once
 */
public record KernelVerifierStatistics(long verificationMicros, int insnsProcessed, int maxStatesPerInsn,
                                       int totalStates, int peakStates) {
    private static final Pattern TIME = Pattern.compile("verification time (\\d+) usec");
    private static final Pattern PROCESSED = Pattern.compile(
            "processed (\\d+) insns \\(limit \\d+\\) max_states_per_insn (\\d+) total_states (\\d+) peak_states (\\d+)");

    /** Reads the statistics lines of a verifier log. */
    static KernelVerifierStatistics parse(String log) {
        Matcher time = TIME.matcher(log);
        Matcher processed = PROCESSED.matcher(log);
        if (!time.find() || !processed.find()) {
            String last = KernelLog.lastMeaningfulLine(log);
            throw new BpfException("the kernel's verifier log has no statistics lines; it ends with: " + last);
        }
        return new KernelVerifierStatistics(Long.parseLong(time.group(1)), Integer.parseInt(processed.group(1)),
                Integer.parseInt(processed.group(2)), Integer.parseInt(processed.group(3)),
                Integer.parseInt(processed.group(4)));
    }
}
