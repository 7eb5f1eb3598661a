package io.github.bpf4j.vm;

/**
 * How an engine loads a program.
 *
 * @param facts             what the verifier proved, or {@link ProgramFacts#NONE}
 * @param helpers           the helpers calls resolve to
 * @param instructionBudget a run faults with {@link BpfFault.Kind#BUDGET_EXHAUSTED} when it
 *                          would execute more instructions than this; {@link #UNLIMITED} for none
 */
public record LoadOptions(ProgramFacts facts, Helpers helpers, long instructionBudget) {
    public static final long UNLIMITED = Long.MAX_VALUE;

    public LoadOptions {
        if (instructionBudget <= 0) {
            throw new BpfException("instruction budget must be positive, is " + instructionBudget);
        }
    }

    public static LoadOptions defaults() {
        return new LoadOptions(ProgramFacts.NONE, Helpers.standard(), UNLIMITED);
    }

    public LoadOptions withBudget(long budget) {
        return new LoadOptions(facts, helpers, budget);
    }

    public LoadOptions withHelpers(Helpers newHelpers) {
        return new LoadOptions(facts, newHelpers, instructionBudget);
    }

    public LoadOptions withFacts(ProgramFacts newFacts) {
        return new LoadOptions(newFacts, helpers, instructionBudget);
    }
}
