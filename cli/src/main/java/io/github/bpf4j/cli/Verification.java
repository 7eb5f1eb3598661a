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
        VerifierOptions options = new VerifierOptions(program.type(), memory == null ? 0 : memory.length, 1, false);
        Verdict verdict = Verifier.verify(program, options);
        if (!verdict.accepted()) {
            VerifierError e = verdict.error().orElseThrow();
            throw new VerifierException(describe(e) + " (--no-verify runs it anyway)", verdict.log());
        }
        return verdict.facts();
    }

    /** One line: where and what. */
    static String describe(VerifierError e) {
        String where = e.pc() < 0 ? "" : "pc " + e.pc() + (e.instruction().isEmpty() ? "" : " (" + e.instruction() + ")") + ": ";
        return "verifier rejected the program: " + where + e.message();
    }
}
