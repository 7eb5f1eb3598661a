package io.github.bpf4j.verifier;

import java.util.HashMap;
import java.util.Map;

/**
 * Whether a new path state is covered by an explored one (kernel: states_equal, regsafe,
 * stacksafe). NOT_EXACT uses precision (an imprecise old scalar covers any scalar) and ranges;
 * EXACT is the infinite-loop check.
 */
final class StateComparison {
    /** RANGE_WITHIN compares every scalar by its range, precise or not (used at may_goto). */
    enum Mode { NOT_EXACT, EXACT, RANGE_WITHIN }

    private final boolean allowUninitStack;
    private final Map<Integer, Integer> idMap = new HashMap<>();
    private final Map<Integer, Integer> curToOld = new HashMap<>();
    private int tmpIdGen = 1 << 30;

    StateComparison(boolean allowUninitStack) {
        this.allowUninitStack = allowUninitStack;
    }

    boolean statesEqual(VerifierState old, VerifierState cur, Mode mode) {
        return statesEqual(old, cur, mode, -1);
    }

    /**
     * As above, comparing only the registers in {@code liveRegs} (a mask, r0 = bit 0) in the
     * current frame: the kernel compares the registers live before the instruction where the
     * states meet (func_states_equal).
     */
    boolean statesEqual(VerifierState old, VerifierState cur, Mode mode, int liveRegs) {
        idMap.clear();
        curToOld.clear();
        if (old.frames.size() != cur.frames.size() || (old.speculative && !cur.speculative)) {
            return false;
        }
        for (int i = 0; i < old.frames.size(); i++) {
            if (old.frames.get(i).callsite != cur.frames.get(i).callsite) {
                return false;
            }
        }
        // the same references held, under a consistent renaming (kernel: refsafe)
        if (old.refs.size() != cur.refs.size()) {
            return false;
        }
        for (int i = 0; i < old.refs.size(); i += 2) {
            if (!checkIds(old.refs.get(i), cur.refs.get(i))) {
                return false;
            }
        }
        for (int i = 0; i < old.frames.size(); i++) {
            int live = i == old.frames.size() - 1 ? liveRegs : -1;
            if (!funcStatesEqual(old.frames.get(i), cur.frames.get(i), mode, live)) {
                return false;
            }
        }
        return true;
    }

    /** Registers of the current frame identical (kernel: states_maybe_looping). */
    static boolean maybeLooping(VerifierState old, VerifierState cur) {
        if (old.frames.size() != cur.frames.size()) {
            return false;
        }
        FrameState fo = old.cur();
        FrameState fc = cur.cur();
        for (int i = 0; i < 11; i++) {
            if (!fo.regs[i].sameAs(fc.regs[i]) || fo.regs[i].id != fc.regs[i].id) {
                return false;
            }
        }
        return true;
    }

    private boolean funcStatesEqual(FrameState old, FrameState cur, Mode mode, int live) {
        if (old.callbackDepth > cur.callbackDepth) {
            return false;
        }
        for (int i = 0; i < 11; i++) {
            if ((live & (1 << i)) != 0 && !regsafe(old.regs[i], cur.regs[i], mode)) {
                return false;
            }
        }
        return stacksafe(old, cur, mode);
    }

    private boolean checkIds(int oldId, int curId) {
        if ((oldId == 0) != (curId == 0)) {
            return false;
        }
        if (oldId == 0) {
            return true;
        }
        Integer mapped = idMap.get(oldId);
        if (mapped != null) {
            return mapped == curId;
        }
        if (curToOld.containsKey(curId)) {
            return false;
        }
        idMap.put(oldId, curId);
        curToOld.put(curId, oldId);
        return true;
    }

    private boolean checkScalarIds(int oldId, int curId) {
        return checkIds(oldId != 0 ? oldId : ++tmpIdGen, curId != 0 ? curId : ++tmpIdGen);
    }

    boolean regsafe(RegState old, RegState cur, Mode mode) {
        if (mode == Mode.EXACT) {
            return old.sameAs(cur) && checkIds(old.id, cur.id);
        }
        if (old.type == RegType.NOT_INIT) {
            return true;
        }
        if (old.type != cur.type) {
            return false;
        }
        switch (old.type) {
            case SCALAR -> {
                if (!old.precise && mode != Mode.RANGE_WITHIN) {
                    return true;
                }
                if (!checkScalarIds(old.id, cur.id)) {
                    return false;
                }
                return old.rangeWithin(cur) && old.varOff.contains(cur.varOff);
            }
            case PTR_TO_MAP_VALUE, PTR_TO_MEM -> {
                return old.off == cur.off && old.range == cur.range && old.map == cur.map && old.rangeWithin(cur)
                        && old.varOff.contains(cur.varOff) && checkIds(old.id, cur.id);
            }
            case PTR_TO_PACKET, PTR_TO_PACKET_META -> {
                if (old.range > cur.range || old.off != cur.off || !checkIds(old.id, cur.id)) {
                    return false;
                }
                return old.rangeWithin(cur) && old.varOff.contains(cur.varOff);
            }
            case PTR_TO_STACK -> {
                return old.sameAs(cur) && checkIds(old.id, cur.id) && old.frameno == cur.frameno;
            }
            default -> {
                return old.sameAs(cur) && checkIds(old.id, cur.id);
            }
        }
    }

    private RegState scalarForStack(FrameState f, int spi) {
        if (f.isSpilledScalar(spi) && allSpill(f, spi)) {
            return f.spilled[spi];
        }
        for (int j = 0; j < 8; j++) {
            byte t = f.type(spi, j);
            if (t != FrameState.MISC && !(t == FrameState.INVALID && allowUninitStack)) {
                return null;
            }
        }
        return RegState.unknownScalar();
    }

    private static boolean allSpill(FrameState f, int spi) {
        for (int j = 0; j < 8; j++) {
            if (f.type(spi, j) != FrameState.SPILL) {
                return false;
            }
        }
        return true;
    }

    private boolean stacksafe(FrameState old, FrameState cur, Mode mode) {
        for (int i = 0; i < old.allocatedStack; i++) {
            int spi = i / 8;
            int j = i % 8;
            byte ot = old.type(spi, j);
            if (mode == Mode.EXACT && (i >= cur.allocatedStack || ot != cur.type(spi, j))) {
                return false;
            }
            if (ot == FrameState.INVALID) {
                continue;
            }
            if (allowUninitStack && ot == FrameState.MISC) {
                continue;
            }
            if (i >= cur.allocatedStack) {
                return false;
            }
            RegState oldReg = scalarForStack(old, spi);
            RegState curReg = scalarForStack(cur, spi);
            if (oldReg != null && curReg != null) {
                if (!regsafe(oldReg, curReg, mode)) {
                    return false;
                }
                i += 7 - j;
                continue;
            }
            byte ct = cur.type(spi, j);
            if (ot == FrameState.MISC && ct == FrameState.ZERO) {
                continue;
            }
            if (ot != ct) {
                return false;
            }
            if (j != 7) {
                continue;
            }
            if (ot == FrameState.SPILL && !regsafe(old.spilled[spi], cur.spilled[spi], mode)) {
                return false;
            }
        }
        return true;
    }
}
