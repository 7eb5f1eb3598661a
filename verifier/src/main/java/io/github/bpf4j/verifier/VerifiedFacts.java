package io.github.bpf4j.verifier;

import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramFacts;
import io.github.bpf4j.vm.ProgramType;
import java.util.Arrays;
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
    private final int[] subprogramStarts;
    /** What the facts were proven for: the program's slots, its type and (raw type) memory size. */
    private final long[] slots;
    private final ProgramType type;
    private final int inputSize;
    /** {@link #unsignedCompareIsSigned} by pc. */
    private final boolean[] signedCompares;
    /** {@link #provenAccess} by pc, from {@link #accesses}. */
    private final Region[] proven;

    VerifiedFacts(Map<Integer, MemoryAccessFact> accesses, RegisterRanges ranges, long[] privateStackSlots,
                  boolean[] signedCompares, Program program, VerifierOptions options) {
        this.signedCompares = signedCompares.clone();
        this.accesses = Map.copyOf(accesses);
        this.ranges = ranges;
        this.privateStackSlots = privateStackSlots.clone();
        this.subprogramStarts = program.subprogramStarts();
        this.slots = program.slots();
        this.type = options.type();
        this.inputSize = type == ProgramType.RAW ? options.memSize() : -1;
        this.proven = new Region[slots.length];
        Arrays.fill(proven, Region.NONE);
        for (MemoryAccessFact a : accesses.values()) {
            if (a.inBounds()) {
                proven[a.pc()] = switch (a.pointerType()) {
                    case "fp" -> Region.STACK;
                    case "pkt" -> Region.PACKET;
                    default -> Region.NONE;
                };
            }
        }
    }

    @Override
    public boolean verified() {
        return true;
    }

    /** The program's slots and type, and the verifier's type: engines trust no facts of another program. */
    @Override
    public boolean provenFor(Program program) {
        return program.type() == type && Arrays.equals(slots, program.slots());
    }

    /** The raw type's memory size the program was verified for; -1 for other types. */
    @Override
    public int provenInputSize() {
        return inputSize;
    }

    /** {@code fp} accesses prove {@link Region#STACK}, {@code pkt} ones {@link Region#PACKET}. */
    @Override
    public Region provenAccess(int pc) {
        return pc >= 0 && pc < proven.length ? proven[pc] : Region.NONE;
    }

    /** Unsigned jumps whose operands were non-negative (signed, of the jump's width) on every path. */
    @Override
    public boolean unsignedCompareIsSigned(int pc) {
        return pc >= 0 && pc < signedCompares.length && signedCompares[pc];
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
     * Bit {@code spi} set when the 8-byte stack slot at {@code fp - 8 * (spi + 1)} of the
     * subprogram starting at {@code subprogramStart} is only ever accessed directly through r10
     * (the subprogram never reads r10 as a value, so no pointer to its frame exists), so an
     * engine may keep it in a local.
     */
    @Override
    public long privateStackSlots(int subprogramStart) {
        int s = Arrays.binarySearch(subprogramStarts, subprogramStart);
        return s >= 0 && s < privateStackSlots.length ? privateStackSlots[s] : 0;
    }
}
