package io.github.bpf4j.verifier;

/**
 * An explored state remembered at a prune point. {@code branches} counts the paths from it that
 * are still being explored: while it is non-zero the state is an ancestor on a loop and is used
 * only for the infinite-loop check, never for pruning.
 */
final class Checkpoint {
    final int insn;
    final VerifierState state;
    final Checkpoint parent;
    /** Pcs from the parent checkpoint up to (not including) this one, with stack accesses. */
    final IntList history;
    final IntList historyStack;
    int branches = 1;
    int hits;
    int misses;
    boolean cleaned;

    Checkpoint(int insn, VerifierState state, Checkpoint parent, IntList history, IntList historyStack) {
        this.insn = insn;
        this.state = state;
        this.parent = parent;
        this.history = history;
        this.historyStack = historyStack;
    }
}
