package io.github.bpf4j.verifier;

import io.github.bpf4j.vm.ProgramFacts;
import java.util.Optional;

/**
 * The outcome of verifying a program: accepted or the first error, the statistics, the log and,
 * when accepted, the facts engines may use.
 */
public final class Verdict {
    private final VerifierError error;
    private final Statistics statistics;
    private final String log;
    private final VerifiedFacts facts;

    Verdict(VerifierError error, Statistics statistics, String log, VerifiedFacts facts) {
        this.error = error;
        this.statistics = statistics;
        this.log = log;
        this.facts = facts;
    }

    public boolean accepted() {
        return error == null;
    }

    /** The first error, when rejected. */
    public Optional<VerifierError> error() {
        return Optional.ofNullable(error);
    }

    public Statistics statistics() {
        return statistics;
    }

    /** The log at the requested level (empty at level 0). */
    public String log() {
        return log;
    }

    /** The facts of an accepted program; {@link ProgramFacts#NONE} when rejected. */
    public ProgramFacts facts() {
        return facts != null ? facts : ProgramFacts.NONE;
    }

    /**
     * One JSON object: {@code accepted}, {@code message}, {@code pc}, {@code instruction},
     * {@code path}, {@code explanation}, {@code insns_processed}, {@code peak_states},
     * {@code total_states}, {@code max_states_per_insn}, {@code stack_depth}.
     */
    public String toJson() {
        StringBuilder b = new StringBuilder("{");
        b.append("\"accepted\":").append(accepted());
        b.append(",\"message\":").append(error == null ? "null" : quote(error.message()));
        b.append(",\"pc\":").append(error == null || error.pc() < 0 ? "null" : Integer.toString(error.pc()));
        b.append(",\"instruction\":").append(error == null ? "null" : quote(error.instruction()));
        b.append(",\"path\":[");
        if (error != null) {
            for (int i = 0; i < error.path().size(); i++) {
                b.append(i == 0 ? "" : ",").append(quote(error.path().get(i)));
            }
        }
        b.append("],\"explanation\":").append(error == null ? "null" : quote(error.explanation()));
        b.append(",\"insns_processed\":").append(statistics.insnsProcessed());
        b.append(",\"peak_states\":").append(statistics.peakStates());
        b.append(",\"total_states\":").append(statistics.totalStates());
        b.append(",\"max_states_per_insn\":").append(statistics.maxStatesPerInsn());
        b.append(",\"stack_depth\":[");
        int[] depths = statistics.stackDepths();
        for (int i = 0; i < depths.length; i++) {
            b.append(i == 0 ? "" : ",").append(depths[i]);
        }
        return b.append("]}").toString();
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
