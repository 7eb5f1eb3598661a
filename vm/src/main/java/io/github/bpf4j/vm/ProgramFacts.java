package io.github.bpf4j.vm;

/**
 * What a verifier proved about a program, for engines to exploit. Engines may use it; none may
 * need it. {@link #NONE} is what an unverified program has: every query answers "nothing known".
 *
 * <p>Facts hold only for the program they were proven for ({@link #provenFor}) and, for the raw
 * type, only for runs whose input has the length they were proven with ({@link #provenInputSize});
 * an engine that specialises code on them must check both.
 */
public class ProgramFacts {
    /** The facts of an unverified program: nothing is known. */
    public static final ProgramFacts NONE = new ProgramFacts();

    /** The memory a load or store was proven to stay inside of, on every path reaching it. */
    public enum Region {
        /** Nothing proven (or a region engines have no fast path for: context, map values). */
        NONE,
        /** Some call frame's stack (not necessarily the current one's), in bounds. */
        STACK,
        /** The packet ({@link Memory#INPUT_REGION}: the raw type's input memory), in bounds. */
        PACKET
    }

    protected ProgramFacts() {}

    /** True when a verifier accepted the program. */
    public boolean verified() {
        return false;
    }

    /** Whether these facts were proven for exactly this program (its slots and type). */
    public boolean provenFor(Program program) {
        return false;
    }

    /**
     * The raw type's input length the facts were proven with (the verifier's declared memory
     * size), or -1 when they hold for any input (other program types, whose packet accesses are
     * proven against {@code data_end} at run time).
     */
    public int provenInputSize() {
        return -1;
    }

    /**
     * The region the load or store at {@code pc} touches on every path that reaches it, proven
     * in bounds there; {@link Region#NONE} when not proven or not a memory access.
     */
    public Region provenAccess(int pc) {
        return Region.NONE;
    }

    /**
     * Bit {@code i} set when the 8-byte stack slot at {@code r10 - 8 * (i + 1)} of the subprogram
     * starting at {@code subprogramStart} is private: no pointer to that frame is ever formed, so
     * the slot is only reached by loads and stores based directly on r10 in that subprogram.
     */
    public long privateStackSlots(int subprogramStart) {
        return 0;
    }

    /**
     * Whether the unsigned comparison at {@code pc} (a {@code jgt}, {@code jge}, {@code jlt} or
     * {@code jle}, 64- or 32-bit) was proven to see two operands that are non-negative as signed
     * values of its width on every path reaching it, so that it gives the same answer as the
     * signed comparison; false when not proven or not such a jump.
     */
    public boolean unsignedCompareIsSigned(int pc) {
        return false;
    }
}
