package io.github.bpf4j.verifier;

import java.util.ArrayList;
import java.util.List;

/** The abstract machine state of one explored path: its call frames and where it came from. */
final class VerifierState {
    final List<FrameState> frames = new ArrayList<>();
    /** The checkpoint this path last passed (for precision marking and branch counting). */
    Checkpoint parent;
    /** Pcs executed since {@link #parent}, with the stack slot each accessed (for backtracking). */
    IntList history = new IntList();
    IntList historyStack = new IntList();
    /** First pc of the current segment (the parent checkpoint's pc, or 0). */
    int firstInsn;
    int lastInsn = -1;
    /** Branch decisions that led here, e.g. "3 -> 6", for error reports. */
    BranchPath path;
    /** Log length when this path was pushed (a level-1 log is reset to it on pop). */
    int logMark;
    /** For a pushed path: the pc it resumes at. */
    int pendingInsn;
    /** Entries of the kernel's jump history since the parent checkpoint (jump points, spills, fills). */
    int jmpHistoryCnt;
    /**
     * A path the CPU may take only speculatively (the side of a decided branch that cannot run):
     * explored without CAP_PERFMON, as the kernel does against Spectre v1; an error on it ends the
     * path (the kernel then inserts a barrier) instead of rejecting the program.
     */
    boolean speculative;
    /** How many may_goto fall-throughs this path has taken (kernel: may_goto_depth). */
    int mayGotoDepth;
    /** Callback bodies entered on this path (kernel: callback_unroll_depth). */
    int callbackUnrollDepth;
    /** References held on this path: pairs of (id, pc of the acquiring call). */
    IntList refs = new IntList();

    FrameState cur() {
        return frames.get(frames.size() - 1);
    }

    int curframe() {
        return frames.size() - 1;
    }

    RegState reg(int r) {
        return cur().regs[r];
    }

    VerifierState copy() {
        VerifierState s = new VerifierState();
        for (FrameState f : frames) {
            s.frames.add(f.copy());
        }
        s.parent = parent;
        s.history = history.copy();
        s.historyStack = historyStack.copy();
        s.firstInsn = firstInsn;
        s.lastInsn = lastInsn;
        s.path = path;
        s.pendingInsn = pendingInsn;
        s.jmpHistoryCnt = jmpHistoryCnt;
        s.speculative = speculative;
        s.mayGotoDepth = mayGotoDepth;
        s.callbackUnrollDepth = callbackUnrollDepth;
        s.refs = refs.copy();
        return s;
    }

    /** A frozen copy for the explored-state list (without path bookkeeping). */
    VerifierState snapshot() {
        VerifierState s = new VerifierState();
        for (FrameState f : frames) {
            s.frames.add(f.copy());
        }
        s.firstInsn = firstInsn;
        s.lastInsn = lastInsn;
        s.speculative = speculative;
        s.mayGotoDepth = mayGotoDepth;
        s.callbackUnrollDepth = callbackUnrollDepth;
        s.refs = refs.copy();
        return s;
    }
}
