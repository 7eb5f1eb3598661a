package io.github.bpf4j.jit;

import io.github.bpf4j.verifier.Verdict;
import io.github.bpf4j.verifier.Verifier;
import io.github.bpf4j.verifier.VerifierOptions;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramFacts;

/** Verifies programs for the JIT's tests, as {@code bpf4j run} does before loading. */
final class VerifiedLoads {
    private VerifiedLoads() {}

    /**
     * The facts of {@code program} verified (privileged) for a run on {@code memory}, or
     * {@link ProgramFacts#NONE} when the verifier rejects it or does not know its type.
     */
    static ProgramFacts facts(Program program, byte[] memory) {
        if (!Verifier.supports(program.type())) {
            return ProgramFacts.NONE;
        }
        int size = memory == null ? 0 : memory.length;
        Verdict verdict = Verifier.verify(program, new VerifierOptions(program.type(), size, 0, false));
        return verdict.facts();
    }
}
