package io.github.bpf4j.vm;

/** A run-time fault of a program: what went wrong, at which pc, at which address. */
public final class BpfFault extends BpfException {
    /** What kind of fault; engines must agree on it for the same program and input. */
    public enum Kind {
        /** Load or store outside any region the program may touch. */
        OUT_OF_BOUNDS,
        /** Access through the null region (address below 2^32). */
        NULL_POINTER,
        /** Write to read-only memory. */
        READ_ONLY,
        /** Call of a helper number nobody registered. */
        UNKNOWN_HELPER,
        /** More nested calls than the 8 frames allowed. */
        CALL_DEPTH,
        /** Execution reached past the last instruction. */
        FELL_OFF_END,
        /** The instruction budget ran out. */
        BUDGET_EXHAUSTED,
        /** A helper rejected its arguments. */
        HELPER_ERROR
    }

    private final Kind kind;
    private final int pc;
    private final long address;

    public BpfFault(Kind kind, int pc, long address, String detail) {
        super(describe(kind, pc, address, detail));
        this.kind = kind;
        this.pc = pc;
        this.address = address;
    }

    private static String describe(Kind kind, int pc, long address, String detail) {
        return switch (kind) {
            case OUT_OF_BOUNDS, NULL_POINTER, READ_ONLY ->
                String.format("pc %d: %s at address 0x%x%s", pc, text(kind), address,
                        detail.isEmpty() ? "" : " (" + detail + ")");
            default -> String.format("pc %d: %s%s", pc, text(kind), detail.isEmpty() ? "" : ": " + detail);
        };
    }

    private static String text(Kind kind) {
        return kind.name().toLowerCase().replace('_', ' ');
    }

    public Kind kind() {
        return kind;
    }

    public int pc() {
        return pc;
    }

    /** The faulting address, or 0 when the fault is not a memory access. */
    public long address() {
        return address;
    }
}
