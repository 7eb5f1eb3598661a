package io.github.bpf4j.verifier;

import io.github.bpf4j.vm.ProgramFacts;
import java.util.Map;
import java.util.Optional;

/**
 * The facts of a program this verifier accepted, for engines to exploit: per memory access the
 * pointer type and whether it is proven in bounds, the range of each instruction's destination
 * register, and the stack slots (per subprogram) whose address never escapes.
 */
public final class VerifiedFacts extends ProgramFacts {
    private final Map<Integer, MemoryAccessFact> accesses;
    private final RegisterRanges ranges;
    private final long[] privateStackSlots;

    VerifiedFacts(Map<Integer, MemoryAccessFact> accesses, RegisterRanges ranges, long[] privateStackSlots) {
        this.accesses = Map.copyOf(accesses);
        this.ranges = ranges;
        this.privateStackSlots = privateStackSlots.clone();
    }

    @Override
    public boolean verified() {
        return true;
    }

    /** The access at {@code pc}, if it is a load or store the verifier reached. */
    public Optional<MemoryAccessFact> access(int pc) {
        return Optional.ofNullable(accesses.get(pc));
    }

    public Map<Integer, MemoryAccessFact> accesses() {
        return accesses;
    }

    /** The range of the register written at {@code pc}. */
    public Optional<RegisterRange> range(int pc) {
        return ranges.at(pc);
    }

    /**
     * Bit {@code spi} set when the 8-byte stack slot at {@code fp - 8 * (spi + 1)} of subprogram
     * {@code subprog} is only ever accessed directly through r10 (its address never escapes),
     * so an engine may keep it in a local.
     */
    public long privateStackSlots(int subprog) {
        return subprog < privateStackSlots.length ? privateStackSlots[subprog] : 0;
    }
}
