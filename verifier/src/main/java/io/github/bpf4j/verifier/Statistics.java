package io.github.bpf4j.verifier;

/**
 * What verification cost, counted as the kernel counts it.
 *
 * @param insnsProcessed   instructions processed over all paths (limit 1,000,000)
 * @param peakStates       most explored states remembered at once
 * @param totalStates      explored states remembered in total
 * @param maxStatesPerInsn most states remembered at one instruction
 * @param stackDepths      per subprogram, the deepest stack use in bytes
 */
public record Statistics(int insnsProcessed, int peakStates, int totalStates, int maxStatesPerInsn, int[] stackDepths) {
    public Statistics {
        stackDepths = stackDepths.clone();
    }

    @Override
    public int[] stackDepths() {
        return stackDepths.clone();
    }
}
