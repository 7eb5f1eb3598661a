package io.github.bpf4j.verifier;

/**
 * The verifier's log in the kernel's notation. Level 1 keeps only the path being explored (the
 * log of a finished path is dropped when the next one starts, so a rejection shows the path that
 * failed); level 2 keeps every processed instruction and the state at every branch.
 */
final class VerifierLog {
    private static final int ALIGNMENT = 40;
    private final int level;
    private final StringBuilder text = new StringBuilder();
    private int scratchedRegs;
    private long scratchedSlots;
    private int insnLineStart = -1;

    VerifierLog(int level) {
        this.level = level;
    }

    boolean enabled() {
        return level > 0;
    }

    int mark() {
        return text.length();
    }

    void scratchReg(int r) {
        scratchedRegs |= 1 << r;
    }

    void scratchSlot(int spi) {
        scratchedSlots |= 1L << spi;
    }

    void initialState(VerifierState st) {
        if (level == 0) {
            return;
        }
        text.append("0:").append(KernelNotation.frame(st.cur(), st.curframe(), -1, -1L)).append('\n');
        clearScratch();
    }

    void instruction(int pc, String insn) {
        if (level == 0) {
            return;
        }
        insnLineStart = text.length();
        text.append(pc).append(": ").append(insn).append('\n');
    }

    void afterInstruction(VerifierState st) {
        if (level == 0) {
            return;
        }
        if (scratchedRegs != 0 || scratchedSlots != 0) {
            String state = KernelNotation.frame(st.cur(), st.curframe(), scratchedRegs, scratchedSlots);
            if (!state.isEmpty() && insnLineStart >= 0 && text.length() > 0 && text.charAt(text.length() - 1) == '\n') {
                int pos = text.length() - insnLineStart;
                text.setLength(text.length() - 1);
                int width = roundUp(Math.max(pos + 4, ALIGNMENT), 8) - pos - 1;
                text.append(" ".repeat(Math.max(1, width))).append(';').append(state).append('\n');
            }
        }
        insnLineStart = -1;
        clearScratch();
    }

    private static int roundUp(int v, int to) {
        return (v + to - 1) / to * to;
    }

    private void clearScratch() {
        scratchedRegs = 0;
        scratchedSlots = 0;
    }

    void safe(int from, int pc) {
        if (level == 0) {
            return;
        }
        if (level >= 2) {
            text.append(pc).append(": safe\n");
        }
        clearScratch();
    }

    void popped(VerifierState st, int from, int to) {
        if (level == 0) {
            return;
        }
        if (level == 1) {
            text.setLength(Math.min(text.length(), st.logMark));
            text.append(to).append(':').append(allFrames(st)).append('\n');
        } else {
            text.append("\nfrom ").append(from).append(" to ").append(to)
                    .append(st.speculative ? " (speculative execution)" : "").append(':').append(allFrames(st)).append('\n');
            text.append(to).append(':').append(allFrames(st)).append('\n');
        }
        clearScratch();
    }

    void call(VerifierState st) {
        if (level == 0) {
            return;
        }
        text.append("caller:\n").append(KernelNotation.frame(st.frames.get(st.curframe() - 1), st.curframe() - 1, -1, -1L))
                .append("\ncallee:\n").append(KernelNotation.frame(st.cur(), st.curframe(), -1, -1L)).append('\n');
        clearScratch();
    }

    void returned(VerifierState st, FrameState callee, int to) {
        if (level == 0) {
            return;
        }
        text.append("returning from callee:\n").append(KernelNotation.frame(callee, callee.frameno, -1, -1L))
                .append("\nto caller at ").append(to).append(":\n")
                .append(KernelNotation.frame(st.cur(), st.curframe(), -1, -1L)).append('\n');
        clearScratch();
    }

    private static String allFrames(VerifierState st) {
        StringBuilder b = new StringBuilder();
        for (FrameState f : st.frames) {
            b.append(KernelNotation.frame(f, st.curframe(), -1, -1L));
        }
        return b.toString();
    }

    void line(String s) {
        if (level > 0) {
            text.append(s).append('\n');
        }
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
