package io.github.bpf4j.cli;

import io.github.bpf4j.verifier.Verdict;
import io.github.bpf4j.verifier.Verifier;
import io.github.bpf4j.verifier.VerifierError;
import io.github.bpf4j.verifier.VerifierOptions;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramFacts;
import io.github.bpf4j.vm.VerifierException;
import java.io.PrintWriter;

/** Verification as a policy of loading: {@code run} verifies unless told not to. */
final class Verification {
    private Verification() {}

    /**
     * Verifies a program for a run on {@code memory}; returns the facts, or {@link ProgramFacts#NONE}
     * (with a warning) when the verifier does not know the program type yet.
     *
     * @throws VerifierException when the verifier rejects the program
     */
    static ProgramFacts verifyForRun(Program program, byte[] memory, PrintWriter err) {
        if (!Verifier.supports(program.type())) {
            err.println("bpf4j: warning: not verified, the verifier does not support program type "
                    + program.type().cliName() + " yet (--no-verify silences this)");
            err.flush();
            return ProgramFacts.NONE;
        }
        Verdict verdict = Verifier.verify(program, options(program, memory, 1));
        if (!verdict.accepted()) {
            VerifierError e = verdict.error().orElseThrow();
            throw new VerifierException(describe(e) + " (--no-verify runs it anyway)", verdict.log());
        }
        return verdict.facts();
    }

    /** The facts of a run of {@code program} on {@code memory}; none, quietly, if the verifier rejects it or cannot verify its type. */
    static ProgramFacts factsOrNone(Program program, byte[] memory) {
        if (!Verifier.supports(program.type())) {
            return ProgramFacts.NONE;
        }
        return Verifier.verify(program, options(program, memory, 0)).facts();
    }

    /** Privileged verification of the raw type's {@code memory} length (for other types, their context). */
    private static VerifierOptions options(Program program, byte[] memory, int logLevel) {
        return new VerifierOptions(program.type(), memory == null ? 0 : memory.length, logLevel, false);
    }

    /** One line: where and what. */
    static String describe(VerifierError e) {
        String where = e.pc() < 0 ? "" : "pc " + e.pc() + (e.instruction().isEmpty() ? "" : " (" + e.instruction() + ")") + ": ";
        return "verifier rejected the program: " + where + e.message();
    }
}
