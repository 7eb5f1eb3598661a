package io.github.bpf4j.verifier;

import static io.github.bpf4j.vm.Opcodes.*;

import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.Program;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Path-sensitive exploration, as the kernel's do_check: one path at a time in depth-first order,
 * the other side of each undecided branch pushed on a stack, states remembered at prune points
 * and a path pruned when an explored state covers it. Checks (what must hold before an
 * instruction) throw a {@link Rejection}; transfer updates the path's state.
 */
final class Explorer {
    static final int COMPLEXITY_LIMIT_INSNS = 1_000_000;
    static final int COMPLEXITY_LIMIT_JMP_SEQ = 8192;
    static final int MAX_CALL_FRAMES = 8;
    static final int MAX_VAR_OFF = 1 << 29;
    static final int MAX_PACKET_OFF = 0xffff;

    private final Program program;
    private final ProgramStructure ps;
    private final VerifierOptions options;
    private final ProgramContext context;
    private final boolean allowPtrLeaks;
    private final boolean allowUninitStack;
    private final boolean bypassSpec;
    final VerifierLog log;
    private final StateComparison comparison;
    private final Precision precision;
    final FactsBuilder facts;

    private final Deque<VerifierState> stack = new ArrayDeque<>();
    @SuppressWarnings("unchecked")
    private final List<Checkpoint>[] explored;
    private VerifierState cur;
    private int insnIdx;
    private int prevInsnIdx;
    private int idGen;

    int insnProcessed;
    private int prevInsnProcessed;
    private int jmpsProcessed;
    private int prevJmpsProcessed;
    int totalStates;
    int peakStates;
    private int liveStates;
    int maxStatesPerInsn;
    final int[] stackDepth;
    /** The source operand of an ALU instruction with an immediate, reused (no allocation per instruction). */
    private final RegState immediate = new RegState();
    /** Instructions a speculative path may not reach (the kernel's nospec barriers). */
    private final boolean[] nospec;

    @SuppressWarnings("unchecked")
    Explorer(Program program, ProgramStructure ps, VerifierOptions options, ProgramContext context, VerifierLog log) {
        this.program = program;
        this.ps = ps;
        this.options = options;
        this.context = context;
        this.allowPtrLeaks = !options.unprivileged();
        this.allowUninitStack = !options.unprivileged();
        this.bypassSpec = !options.unprivileged();
        this.log = log;
        this.comparison = new StateComparison(allowUninitStack);
        this.precision = new Precision(ps);
        this.explored = new List[ps.length];
        this.stackDepth = new int[ps.subprogStarts.length];
        this.nospec = new boolean[ps.length];
        this.facts = new FactsBuilder(ps.length);
    }

    /** The branch decisions of the path being explored. */
    List<String> currentPath() {
        return cur == null ? List.of() : BranchPath.describe(cur.path);
    }

    /** Explores every path; returns normally when all are safe. */
    void run() {
        cur = new VerifierState();
        FrameState main = new FrameState(0);
        main.regs[10] = RegState.stackPointer(0);
        context.initRegisters(main);
        cur.frames.add(main);
        insnIdx = 0;
        prevInsnIdx = -1;
        // Checkpoint heuristics count from the last checkpoint; the kernel verifies a raw program
        // after its 8-instruction prologue (2 jumps, one jump point), so start from there.
        int[] entry = context.entryCounts();
        prevInsnProcessed = -entry[0];
        prevJmpsProcessed = -entry[1];
        cur.jmpHistoryCnt = entry[2];
        log.initialState(cur);
        while (true) {
            boolean pathEnded = step();
            if (pathEnded) {
                precision.updateBranchCounts(cur.parent);
                if (stack.isEmpty()) {
                    return;
                }
                cur = stack.pop();
                prevInsnIdx = cur.lastInsn;
                insnIdx = cur.pendingInsn;
                log.popped(cur, prevInsnIdx, insnIdx);
            }
        }
    }

    /** Processes one instruction of the current path; true when the path ended. */
    private boolean step() {
        if (++insnProcessed > COMPLEXITY_LIMIT_INSNS) {
            throw new Rejection(insnIdx, "BPF program is too large. Processed " + insnProcessed + " insn");
        }
        cur.lastInsn = prevInsnIdx;
        if (ps.prunePoint[insnIdx]) {
            if (isStateVisited(insnIdx)) {
                facts.pruned(insnIdx);
                log.safe(prevInsnIdx, insnIdx);
                return true;
            }
        }
        int pc = insnIdx;
        if (ps.jmpPoint[pc]) {
            cur.jmpHistoryCnt++;
        }
        cur.history.add(pc);
        cur.historyStack.add(0);
        if (log.enabled()) {
            log.instruction(pc, io.github.bpf4j.vm.Disassembler.instruction(program, pc, io.github.bpf4j.vm.Disassembler.Syntax.KERNEL));
        }
        Instruction insn = ps.insns[pc];
        if (cur.speculative && nospec[pc]) {
            return true;
        }
        boolean ended;
        try {
            ended = execute(pc, insn);
        } catch (Rejection r) {
            if (!cur.speculative || !r.recoverableWithBarrier()) {
                throw r;
            }
            nospec[pc] = true; // the kernel puts a speculation barrier here and ends the path
            return true;
        }
        if (!ended) {
            log.afterInstruction(cur);
            prevInsnIdx = pc;
        }
        return ended;
    }

    private boolean execute(int pc, Instruction insn) {
        int cls = insn.cls();
        switch (cls) {
            case CLS_ALU, CLS_ALU64 -> {
                checkAlu(pc, insn);
                insnIdx = pc + 1;
            }
            case CLS_LDX -> {
                checkRegRead(insn.src());
                checkRegWrite(insn.dst());
                checkMemAccess(pc, insn.src(), insn.offset(), sizeBytes(insn.opcode()), false, insn.dst(),
                        mode(insn.opcode()) == MODE_MEMSX, false);
                insnIdx = pc + 1;
            }
            case CLS_STX -> {
                if (mode(insn.opcode()) == MODE_ATOMIC) {
                    checkAtomic(pc, insn);
                } else {
                    checkRegRead(insn.src());
                    checkRegRead(insn.dst());
                    checkMemAccess(pc, insn.dst(), insn.offset(), sizeBytes(insn.opcode()), true, insn.src(), false, false);
                }
                insnIdx = pc + 1;
            }
            case CLS_ST -> {
                checkRegRead(insn.dst());
                checkMemAccess(pc, insn.dst(), insn.offset(), sizeBytes(insn.opcode()), true, -1, false, false);
                insnIdx = pc + 1;
            }
            case CLS_LD -> {
                if (!insn.isLddw()) {
                    checkLdAbs(pc, insn);
                    insnIdx = pc + 1;
                    return false;
                }
                checkRegWrite(insn.dst());
                if (insn.src() == PSEUDO_MAP_FD || insn.src() == PSEUDO_MAP_VALUE) {
                    loadMapReference(pc, insn);
                } else if (insn.src() == PSEUDO_FUNC) {
                    RegState func = RegState.pointer(RegType.PTR_TO_FUNC, 0);
                    func.range = ps.subprogOf[pc + insn.imm() + 1];
                    cur.reg(insn.dst()).copyFrom(func);
                } else if (insn.src() != PSEUDO_IMM64) {
                    throw new Rejection(pc, "lddw with src " + insn.src() + " (functions, map indexes) is not supported yet");
                } else {
                    cur.reg(insn.dst()).markKnown(program.lddwValue(pc));
                }
                facts.register(pc, cur.reg(insn.dst()));
                insnIdx = pc + 2;
            }
            default -> {
                jmpsProcessed++;
                return checkJump(pc, insn);
            }
        }
        return false;
    }

    /**
     * LD_ABS/LD_IND: a packet load through the skb in r6 that ends the program when out of
     * bounds; r1..r5 are clobbered and r0 holds the loaded value (kernel: check_ld_abs).
     */
    private void checkLdAbs(int pc, Instruction insn) {
        if (!context.ldAbsAllowed()) {
            throw new Rejection(pc, "BPF_LD_[ABS|IND] instructions not allowed for this program type");
        }
        RegState r6 = checkRegRead(6);
        if (cur.refs.size() > 0) {
            throw new Rejection(pc, "Unreleased reference id=" + cur.refs.get(0) + " alloc_insn=" + cur.refs.get(1));
        }
        if (r6.type != RegType.PTR_TO_CTX) {
            throw new Rejection(pc, "at the time of BPF_LD_ABS|IND R6 != pointer to skb");
        }
        if (mode(insn.opcode()) == MODE_IND) {
            checkRegRead(insn.src());
        }
        checkCtxPointerOffset(pc, 6, r6);
        FrameState f = cur.cur();
        for (int r = 0; r <= 5; r++) {
            f.regs[r].markNotInit();
            log.scratchReg(r);
        }
        f.regs[0].markUnknown();
        facts.register(pc, f.regs[0]);
    }

    // ---- registers ----

    private RegState checkRegRead(int regno) {
        log.scratchReg(regno);
        RegState r = cur.reg(regno);
        if (r.type == RegType.NOT_INIT) {
            throw new Rejection(insnIdx, "R" + regno + " !read_ok");
        }
        return r;
    }

    private RegState checkRegWrite(int regno) {
        log.scratchReg(regno);
        if (regno == 10) {
            throw new Rejection(insnIdx, "frame pointer is read only");
        }
        return cur.reg(regno);
    }

    private boolean isPointerValue(RegState r) {
        return !allowPtrLeaks && r.type.isPointer();
    }

    // ---- ALU ----

    private static final String[] ALU_NAMES = {"+=", "-=", "*=", "/=", "|=", "&=", "<<=", ">>=", "neg", "%=", "^=", "=",
        "s>>=", "endian"};

    private void checkAlu(int pc, Instruction insn) {
        int op = op(insn.opcode());
        boolean alu64 = insn.cls() == CLS_ALU64;
        boolean regSrc = source(insn.opcode()) == SRC_X;
        int dst = insn.dst();
        if (op == END || op == NEG) {
            RegState d = checkRegRead(dst);
            if (isPointerValue(d)) {
                throw new Rejection(pc, "R" + dst + " pointer arithmetic prohibited");
            }
            checkRegWrite(dst);
            if (op == NEG && d.type == RegType.SCALAR) {
                d.id = 0;
                ScalarArithmetic.apply(d, d, NEG, !alu64);
            } else {
                d.markUnknown();
            }
            facts.register(pc, d);
            return;
        }
        if (op == MOV) {
            checkMov(pc, insn, alu64, regSrc);
            facts.register(pc, cur.reg(dst));
            return;
        }
        if (regSrc) {
            checkRegRead(insn.src());
        }
        checkRegRead(dst);
        if ((op == DIV || op == MOD) && !regSrc && insn.imm() == 0) {
            throw new Rejection(pc, "div by zero");
        }
        if ((op == LSH || op == RSH || op == ARSH) && !regSrc) {
            int size = alu64 ? 64 : 32;
            if (insn.imm() < 0 || insn.imm() >= size) {
                throw new Rejection(pc, "invalid shift " + insn.imm());
            }
        }
        checkRegWrite(dst);
        adjustRegMinMax(pc, insn, op, alu64, regSrc);
        facts.register(pc, cur.reg(dst));
    }

    private void checkMov(int pc, Instruction insn, boolean alu64, boolean regSrc) {
        int dst = insn.dst();
        if (regSrc) {
            checkRegRead(insn.src());
        }
        checkRegWrite(dst);
        RegState d = cur.reg(dst);
        if (!regSrc) {
            d.markUnknown();
            d.markKnown(alu64 ? insn.imm() : insn.imm() & RegState.U32_MAX);
            return;
        }
        RegState s = cur.reg(insn.src());
        if (alu64) {
            if (insn.offset() == 0) {
                assignScalarId(s);
                d.copyFrom(s);
            } else if (isPointerValue(s)) {
                throw new Rejection(pc, "R" + insn.src() + " sign-extension part of pointer");
            } else if (s.type == RegType.SCALAR) {
                copySignExtended(d, s, insn.offset());
            } else {
                d.markUnknown();
            }
            return;
        }
        if (isPointerValue(s)) {
            throw new Rejection(pc, "R" + insn.src() + " partial copy of pointer");
        }
        if (s.type == RegType.SCALAR) {
            if (insn.offset() == 0) {
                boolean fits = s.width() <= 32;
                if (fits) {
                    assignScalarId(s);
                }
                d.copyFrom(s);
                if (!fits) {
                    d.id = 0;
                }
            } else {
                copySignExtended(d, s, insn.offset());
                d.mark64Unbounded();
            }
        } else {
            d.markUnknown();
        }
        d.zext32to64();
        d.sync();
    }

    /** d = (s8/s16/s32) s; the copy stays linked to s only when no sign extension can happen. */
    private void copySignExtended(RegState d, RegState s, int bits) {
        boolean noSext = Long.compareUnsigned(s.umax, 1L << (bits - 1)) < 0;
        if (noSext) {
            assignScalarId(s);
        }
        d.copyFrom(s);
        if (!noSext) {
            d.id = 0;
        }
        d.coerceToSizeSx(bits / 8);
    }

    private void assignScalarId(RegState s) {
        if (s.type == RegType.SCALAR && s.id == 0 && !s.varOff.isConst()) {
            s.id = ++idGen;
        }
    }

    private void adjustRegMinMax(int pc, Instruction insn, int op, boolean alu64, boolean regSrc) {
        RegState dst = cur.reg(insn.dst());
        RegState ptr = dst.type != RegType.SCALAR ? dst : null;
        RegState src;
        if (regSrc) {
            src = cur.reg(insn.src());
            if (src.type != RegType.SCALAR) {
                if (dst.type != RegType.SCALAR) {
                    if (op == SUB && allowPtrLeaks) {
                        dst.markUnknown();
                        return;
                    }
                    throw new Rejection(pc, "R" + insn.dst() + " pointer " + ALU_NAMES[op >> 4] + " pointer prohibited");
                }
                precision.markChainPrecision(cur, cur.curframe(), insn.dst());
                adjustPtrMinMax(pc, insn, op, alu64, regSrc, src, dst);
                return;
            } else if (ptr != null) {
                precision.markChainPrecision(cur, cur.curframe(), insn.src());
                adjustPtrMinMax(pc, insn, op, alu64, regSrc, ptr, src);
                return;
            }
        } else {
            src = immediate;
            src.markKnown(insn.imm());
            if (ptr != null) {
                adjustPtrMinMax(pc, insn, op, alu64, regSrc, ptr, src);
                return;
            }
        }
        // apply() writes dst while reading src: copy src only when it is the same register
        ScalarArithmetic.apply(dst, src == dst ? src.copy() : src, op, !alu64);
        dst.id = 0;
    }

    private void adjustPtrMinMax(int pc, Instruction insn, int op, boolean alu64, boolean regSrc, RegState ptrReg,
            RegState offReg) {
        int dstno = insn.dst();
        RegState dst = cur.reg(dstno);
        boolean known = offReg.varOff.isConst();
        long sminVal = offReg.smin;
        long smaxVal = offReg.smax;
        long uminVal = offReg.umin;
        long umaxVal = offReg.umax;
        if ((known && (sminVal != smaxVal || uminVal != umaxVal)) || sminVal > smaxVal
                || Long.compareUnsigned(uminVal, umaxVal) > 0) {
            dst.markUnknown();
            return;
        }
        if (!alu64) {
            if (op == SUB && allowPtrLeaks) {
                dst.markUnknown();
                return;
            }
            throw new Rejection(pc, "R" + dstno + " 32-bit pointer arithmetic prohibited");
        }
        if (ptrReg.type.maybeNull()) {
            throw new Rejection(pc, "R" + dstno + " pointer arithmetic on " + ptrReg.type.kernelName
                    + " prohibited, null-check it first");
        }
        switch (ptrReg.type) {
            case PTR_TO_CTX, PTR_TO_MAP_VALUE, PTR_TO_STACK, PTR_TO_PACKET, PTR_TO_PACKET_META, PTR_TO_MEM,
                    PTR_TO_RINGBUF_MEM, PTR_TO_MAP_KEY -> { }
            case CONST_PTR_TO_MAP -> {
                if (!(known && sminVal == 0 && op == ADD)) {
                    throw new Rejection(pc, "R" + dstno + " pointer arithmetic on " + ptrReg.type.kernelName + " prohibited");
                }
            }
            default -> throw new Rejection(pc, "R" + dstno + " pointer arithmetic on " + ptrReg.type.kernelName + " prohibited");
        }
        checkRegSaneOffset(pc, offReg, ptrReg.type);
        checkRegSaneOffset(pc, ptrReg, ptrReg.type);
        if (!bypassSpec && regSrc && (op == ADD || op == SUB)) {
            if (!offReg.varOff.isConst() && (offReg.smin < 0) != (offReg.smax < 0)) {
                int offRegno = ptrReg == dst ? insn.src() : dstno;
                throw new Rejection(pc, "R" + offRegno + " has unknown scalar with mixed signed bounds, pointer arithmetic with it prohibited for !root");
            }
            if (ptrReg.type != RegType.PTR_TO_STACK && ptrReg.type != RegType.PTR_TO_MAP_VALUE) {
                throw new Rejection(pc, "R" + dstno + " has pointer with unsupported alu operation, pointer arithmetic with it prohibited for !root");
            }
        }
        RegState ptr = ptrReg.copy();
        RegState result = ptr.copy();
        result.mark32Unbounded();
        switch (op) {
            case ADD -> {
                long sum = (long) ptr.off + sminVal;
                if (known && sum == (int) sum) {
                    result.off = (int) sum;
                    break;
                }
                if (ScalarArithmetic.addOverflows(ptr.smin, sminVal) || ScalarArithmetic.addOverflows(ptr.smax, smaxVal)) {
                    result.smin = Long.MIN_VALUE;
                    result.smax = Long.MAX_VALUE;
                } else {
                    result.smin = ptr.smin + sminVal;
                    result.smax = ptr.smax + smaxVal;
                }
                long lo = ptr.umin + uminVal;
                long hi = ptr.umax + umaxVal;
                if (Long.compareUnsigned(lo, ptr.umin) < 0 || Long.compareUnsigned(hi, ptr.umax) < 0) {
                    result.umin = 0;
                    result.umax = -1L;
                } else {
                    result.umin = lo;
                    result.umax = hi;
                }
                result.varOff = ptr.varOff.add(offReg.varOff);
                if (ptr.type.isPacket()) {
                    result.id = ++idGen;
                    result.range = 0;
                }
            }
            case SUB -> {
                if (dst == offReg) {
                    throw new Rejection(pc, "R" + dstno + " tried to subtract pointer from scalar");
                }
                if (ptr.type == RegType.PTR_TO_STACK) {
                    throw new Rejection(pc, "R" + dstno + " subtraction from stack pointer prohibited");
                }
                long diff = (long) ptr.off - sminVal;
                if (known && diff == (int) diff) {
                    result.off = (int) diff;
                    break;
                }
                if (ScalarArithmetic.subOverflows(ptr.smin, smaxVal) || ScalarArithmetic.subOverflows(ptr.smax, sminVal)) {
                    result.smin = Long.MIN_VALUE;
                    result.smax = Long.MAX_VALUE;
                } else {
                    result.smin = ptr.smin - smaxVal;
                    result.smax = ptr.smax - sminVal;
                }
                if (Long.compareUnsigned(ptr.umin, umaxVal) < 0) {
                    result.umin = 0;
                    result.umax = -1L;
                } else {
                    result.umin = ptr.umin - umaxVal;
                    result.umax = ptr.umax - uminVal;
                }
                result.varOff = ptr.varOff.sub(offReg.varOff);
                if (ptr.type.isPacket()) {
                    result.id = ++idGen;
                    if (sminVal < 0) {
                        result.range = 0;
                    }
                }
            }
            case AND, OR, XOR -> throw new Rejection(pc, "R" + dstno + " bitwise operator " + ALU_NAMES[op >> 4]
                    + " on pointer prohibited");
            default -> throw new Rejection(pc, "R" + dstno + " pointer arithmetic with " + ALU_NAMES[op >> 4]
                    + " operator prohibited");
        }
        checkRegSaneOffset(pc, result, ptr.type);
        result.sync();
        if (!bypassSpec && result.type == RegType.PTR_TO_STACK) {
            if (!result.varOff.isConst()) {
                throw new Rejection(pc, "R" + dstno + " variable stack access prohibited for !root, var_off="
                        + result.varOff + " off=" + result.off);
            }
            long off = result.off + result.varOff.value();
            if (off >= 0 || off < -FrameState.MAX_STACK) {
                throw new Rejection(pc, "R" + dstno + " stack pointer arithmetic goes out of range, prohibited for !root; off=" + off);
            }
        }
        dst.copyFrom(result);
    }

    /**
     * lddw of a map (CONST_PTR_TO_MAP) or of a map value (PTR_TO_MAP_VALUE at the second slot's
     * imm); imm is the map's index in {@link Program#maps()}.
     */
    private void loadMapReference(int pc, Instruction insn) {
        int index = insn.imm();
        if (index < 0 || index >= program.maps().size()) {
            throw new Rejection(pc, "fd " + index + " is not pointing to valid bpf_map");
        }
        io.github.bpf4j.vm.MapSpec map = program.maps().get(index);
        RegState d = cur.reg(insn.dst());
        if (insn.src() == PSEUDO_MAP_FD) {
            d.copyFrom(RegState.pointer(RegType.CONST_PTR_TO_MAP, 0));
        } else {
            int off = program.instruction(pc + 1).imm();
            if (!MapHelperRules.hasDirectValueAccess(map)) {
                throw new Rejection(pc, "no direct value access support for this map type");
            }
            // only a single-element array has one value to point into
            if (map.maxEntries() != 1 || off < 0 || off >= map.valueSize()) {
                throw new Rejection(pc, "invalid access to map value pointer, value_size=" + map.valueSize() + " off=" + off);
            }
            d.copyFrom(RegState.pointer(RegType.PTR_TO_MAP_VALUE, off));
            d.range = map.valueSize();
        }
        d.map = map;
    }

    private void checkRegSaneOffset(int pc, RegState reg, RegType type) {
        boolean known = reg.varOff.isConst();
        long val = reg.varOff.value();
        String name = type.kernelName;
        if (known && (val >= MAX_VAR_OFF || val <= -MAX_VAR_OFF)) {
            throw new Rejection(pc, "math between " + name + " pointer and " + val + " is not allowed");
        }
        if (reg.off >= MAX_VAR_OFF || reg.off <= -MAX_VAR_OFF) {
            throw new Rejection(pc, name + " pointer offset " + reg.off + " is not allowed");
        }
        if (reg.smin == Long.MIN_VALUE) {
            throw new Rejection(pc, "math between " + name + " pointer and register with unbounded min value is not allowed");
        }
        if (reg.smin >= MAX_VAR_OFF || reg.smin <= -MAX_VAR_OFF) {
            throw new Rejection(pc, "value " + reg.smin + " makes " + name + " pointer be out of bounds");
        }
    }

    // ---- memory ----

    /**
     * Checks a load (write == false) into {@code valueReg} or a store from {@code valueReg} (-1 for
     * an immediate store) through {@code regno + off}.
     */
    private void checkMemAccess(int pc, int regno, int off, int size, boolean write, int valueReg, boolean signExt,
            boolean atomic) {
        RegState reg = cur.reg(regno);
        if (reg.type == RegType.PTR_TO_STACK) {
            checkStackAlignment(pc, reg, off, size);
        } else if (atomic && size > 1) {
            checkStrictAlignment(pc, reg, off, size);
        }
        int total = off + reg.off;
        switch (reg.type) {
            case PTR_TO_STACK -> {
                FrameState frame = cur.frames.get(reg.frameno);
                checkStackBounds(pc, regno, reg, total, size, write, frame);
                if (write) {
                    stackWrite(pc, regno, reg, total, size, valueReg, frame);
                } else {
                    stackRead(pc, regno, reg, total, size, valueReg, frame);
                }
                facts.access(pc, RegType.PTR_TO_STACK, true);
            }
            case PTR_TO_PACKET, PTR_TO_PACKET_META -> {
                if (write && !context.packetWritable()) {
                    throw new Rejection(pc, "cannot write into packet");
                }
                if (write && valueReg >= 0 && isPointerValue(cur.reg(valueReg))) {
                    throw new Rejection(pc, "R" + valueReg + " leaks addr into packet");
                }
                checkPacketAccess(pc, regno, reg, total, size);
                if (!write && valueReg >= 0) {
                    cur.reg(valueReg).markUnknown();
                }
                facts.access(pc, RegType.PTR_TO_PACKET, true);
            }
            case PTR_TO_CTX -> {
                if (write && valueReg >= 0 && isPointerValue(cur.reg(valueReg))) {
                    throw new Rejection(pc, "R" + valueReg + " leaks addr into ctx");
                }
                checkCtxPointerOffset(pc, regno, reg);
                RegState loaded = context.contextAccess(pc, regno, total, size, write);
                if (loaded.type.maybeNull()) {
                    loaded.id = ++idGen;
                }
                if (!write && valueReg >= 0) {
                    cur.reg(valueReg).copyFrom(loaded);
                }
                facts.access(pc, RegType.PTR_TO_CTX, true);
            }
            case PTR_TO_MAP_VALUE -> {
                if (write && valueReg >= 0 && isPointerValue(cur.reg(valueReg))) {
                    throw new Rejection(pc, "R" + valueReg + " leaks addr into map");
                }
                MapHelperRules.checkAccessType(pc, reg.map, total, size, write);
                checkMapValueAccess(pc, regno, reg, total, size);
                if (!write && valueReg >= 0) {
                    cur.reg(valueReg).markUnknown();
                }
                facts.access(pc, RegType.PTR_TO_MAP_VALUE, true);
            }
            case PTR_TO_MAP_KEY -> {
                if (write) {
                    throw new Rejection(pc, "write to change key R" + regno + " not allowed");
                }
                checkMemRegionAccess(pc, regno, reg, total, size, "map key, key_size=");
                if (valueReg >= 0) {
                    cur.reg(valueReg).markUnknown();
                }
                facts.access(pc, RegType.PTR_TO_MAP_KEY, true);
            }
            case PTR_TO_RINGBUF_MEM -> {
                if (write && valueReg >= 0 && isPointerValue(cur.reg(valueReg))) {
                    throw new Rejection(pc, "R" + valueReg + " leaks addr into mem");
                }
                checkMemRegionAccess(pc, regno, reg, total, size, "memory, mem_size=");
                if (!write && valueReg >= 0) {
                    cur.reg(valueReg).markUnknown();
                }
                facts.access(pc, RegType.PTR_TO_MEM, true);
            }
            case PTR_TO_SOCK_COMMON, PTR_TO_SOCKET -> throw new Rejection(pc, "R" + regno
                    + " access through a " + reg.type.kernelName + " pointer is not supported by the verifier yet");
            default -> throw new Rejection(pc, "R" + regno + " invalid mem access '" + reg.type.kernelName + "'");
        }
        if (!write && valueReg >= 0 && size < 8 && cur.reg(valueReg).type == RegType.SCALAR) {
            if (signExt) {
                cur.reg(valueReg).coerceToSizeSx(size);
            } else {
                cur.reg(valueReg).coerceToSize(size);
            }
        }
        if (!write && valueReg >= 0) {
            facts.register(pc, cur.reg(valueReg));
        }
    }

    private void checkStackAlignment(int pc, RegState reg, int off, int size) {
        if (size == 1) {
            return;
        }
        Tnum regOff = reg.varOff.add(Tnum.constant(reg.off + (long) off));
        if (!regOff.isAligned(size)) {
            String var = reg.varOff.isConst() ? Long.toString(reg.varOff.value()) : reg.varOff.toString();
            throw new Rejection(pc, "misaligned stack access off " + var + "+" + reg.off + "+" + off + " size " + size);
        }
    }

    /**
     * Atomics must be aligned on every architecture (kernel: check_ptr_alignment with
     * strict_alignment_once); packets are checked as if they started 2 bytes into a word.
     */
    private static void checkStrictAlignment(int pc, RegState reg, int off, int size) {
        boolean packet = reg.type.isPacket();
        int ipAlign = packet ? 2 : 0;
        if (reg.varOff.add(Tnum.constant(ipAlign + reg.off + (long) off)).isAligned(size)) {
            return;
        }
        String var = reg.varOff.isConst() ? Long.toString(reg.varOff.value()) : reg.varOff.toString();
        if (packet) {
            throw new Rejection(pc, "misaligned packet access off " + ipAlign + "+" + var + "+" + reg.off + "+" + off
                    + " size " + size);
        }
        String desc = switch (reg.type) {
            case PTR_TO_MAP_VALUE -> "value ";
            case PTR_TO_CTX -> "context ";
            default -> "";
        };
        throw new Rejection(pc, "misaligned " + desc + "access off " + var + "+" + reg.off + "+" + off + " size " + size);
    }

    private void checkStackBounds(int pc, int regno, RegState reg, int off, int size, boolean write, FrameState frame) {
        String what = write ? " write to" : " read from";
        long minOff;
        long maxOff;
        if (reg.varOff.isConst()) {
            minOff = reg.varOff.value() + off;
            maxOff = minOff + size;
        } else {
            if (reg.smax >= MAX_VAR_OFF || reg.smin <= -MAX_VAR_OFF) {
                throw new Rejection(pc, "invalid unbounded variable-offset" + what + " stack R" + regno);
            }
            minOff = reg.smin + off;
            maxOff = reg.smax + off + size;
        }
        long minValid = write || allowUninitStack ? -FrameState.MAX_STACK : -frame.allocatedStack;
        boolean bad = minOff < minValid || minOff > -1 || maxOff > 0;
        if (bad) {
            if (reg.varOff.isConst()) {
                throw new Rejection(pc, "invalid" + what + " stack R" + regno + " off=" + off + " size=" + size);
            }
            throw new Rejection(pc, "invalid variable-offset" + what + " stack R" + regno + " var_off=" + reg.varOff
                    + " off=" + off + " size=" + size);
        }
        frame.growStack((int) -minOff);
        int sub = frame.subprog;
        stackDepth[sub] = Math.max(stackDepth[sub], frame.allocatedStack);
    }

    private void stackWrite(int pc, int regno, RegState ptr, int off, int size, int valueReg, FrameState frame) {
        if (!ptr.varOff.isConst()) {
            stackWriteVarOff(pc, ptr, off, size, valueReg, frame);
            return;
        }
        off += (int) ptr.varOff.value();
        int slot = -off - 1;
        int spi = slot / 8;
        log.scratchSlot(spi);
        cur.historyStack.set(cur.historyStack.size() - 1, Precision.stackRef(frame.frameno, spi));
        if (!allowPtrLeaks && frame.isSpill(spi) && frame.spilled[spi] != null
                && frame.spilled[spi].type != RegType.SCALAR && size != 8) {
            throw new Rejection(pc, "attempt to corrupt spilled pointer on stack");
        }
        RegState value = valueReg >= 0 ? cur.reg(valueReg) : null;
        boolean aligned = off % 8 == 0;
        if (value != null && aligned && value.type == RegType.SCALAR) {
            boolean fits = value.width() <= 8 * size;
            if (fits) {
                assignScalarId(value);
            }
            saveRegister(frame, spi, value, size);
            cur.jmpHistoryCnt++;
            if (!fits) {
                frame.spilled[spi].id = 0;
            }
        } else if (value == null && aligned && isStoreImmediate(ps.insns[pc])) {
            RegState imm = RegState.known(ps.insns[pc].imm());
            saveRegister(frame, spi, imm, size);
            cur.jmpHistoryCnt++;
        } else if (value != null && value.type.isPointer()) {
            if (size != 8) {
                throw new Rejection(pc, "invalid size of register spill");
            }
            if (frame != cur.cur() && value.type == RegType.PTR_TO_STACK) {
                throw new Rejection(pc, "cannot spill pointers to stack into stack frame of the caller");
            }
            saveRegister(frame, spi, value, size);
            cur.jmpHistoryCnt++;
        } else {
            byte type = FrameState.MISC;
            frame.spilledReg(spi).markNotInit();
            if (frame.isSpill(spi) || anySpillByte(frame, spi)) {
                for (int j = 0; j < 8; j++) {
                    if (frame.type(spi, j) == FrameState.SPILL) {
                        frame.setType(spi, j, FrameState.MISC);
                    }
                }
            }
            boolean zero = (value != null && value.isNullConst())
                    || (value == null && isStoreImmediate(ps.insns[pc]) && ps.insns[pc].imm() == 0);
            if (zero) {
                if (value != null) {
                    precision.markChainPrecision(cur, cur.curframe(), valueReg);
                }
                type = FrameState.ZERO;
            }
            for (int i = 0; i < size; i++) {
                frame.setType(spi, (slot - i) % 8, type);
            }
        }
    }

    private static boolean anySpillByte(FrameState f, int spi) {
        for (int j = 0; j < 8; j++) {
            if (f.type(spi, j) == FrameState.SPILL) {
                return true;
            }
        }
        return false;
    }

    private void saveRegister(FrameState frame, int spi, RegState value, int size) {
        frame.spilledReg(spi).copyFrom(value);
        int i;
        for (i = 8; i > 8 - size; i--) {
            frame.setType(spi, i - 1, FrameState.SPILL);
        }
        for (; i > 0; i--) {
            byte t = frame.type(spi, i - 1);
            if (t != FrameState.ZERO && t != FrameState.INVALID) {
                frame.setType(spi, i - 1, FrameState.MISC);
            }
        }
    }

    /**
     * A BPF_ST store, whose immediate is the value written; an atomic's write has no value
     * register either, but its immediate is the operation (kernel: is_bpf_st_mem).
     */
    private static boolean isStoreImmediate(Instruction insn) {
        return insn.cls() == CLS_ST && mode(insn.opcode()) == MODE_MEM;
    }

    private void stackWriteVarOff(int pc, RegState ptr, int off, int size, int valueReg, FrameState frame) {
        long minOff = ptr.smin + off;
        long maxOff = ptr.smax + off + size;
        RegState value = valueReg >= 0 ? cur.reg(valueReg) : null;
        boolean writingZero = (value != null && value.isNullConst())
                || (value == null && isStoreImmediate(ps.insns[pc]) && ps.insns[pc].imm() == 0);
        boolean zeroUsed = false;
        for (long i = minOff; i < maxOff; i++) {
            int slot = (int) (-i - 1);
            int spi = slot / 8;
            int j = slot % 8;
            log.scratchSlot(spi);
            byte t = frame.type(spi, j);
            if (!allowPtrLeaks && t != FrameState.MISC && t != FrameState.ZERO) {
                throw new Rejection(pc, "spilled ptr in range of var-offset stack write; insn " + pc + ", ptr off: " + i);
            }
            if (writingZero && t == FrameState.SPILL && frame.isSpilledScalar(spi) && frame.spilled[spi].isNullConst()) {
                zeroUsed = true;
                continue;
            }
            frame.spilledReg(spi).markNotInit();
            byte newType = FrameState.MISC;
            if (writingZero && t == FrameState.ZERO) {
                newType = FrameState.ZERO;
                zeroUsed = true;
            }
            if (t == FrameState.INVALID && !allowUninitStack) {
                throw new Rejection(pc, "uninit stack in range of var-offset write prohibited for !root; insn " + pc + ", off: " + i);
            }
            frame.setType(spi, j, newType);
        }
        if (zeroUsed && value != null) {
            precision.markChainPrecision(cur, cur.curframe(), valueReg);
        }
    }

    private void stackRead(int pc, int regno, RegState ptr, int off, int size, int dstReg, FrameState frame) {
        boolean varOff = !ptr.varOff.isConst();
        if (dstReg < 0 && varOff) {
            throw new Rejection(pc, "variable offset stack pointer cannot be passed into helper function; var_off="
                    + ptr.varOff + " off=" + off + " size=" + size);
        }
        if (!bypassSpec && varOff) {
            throw new Rejection(pc, "R" + regno + " variable offset stack access prohibited for !root, var_off=" + ptr.varOff);
        }
        if (varOff) {
            stackReadVarOff(pc, regno, ptr, off, size, dstReg, frame);
            return;
        }
        off += (int) ptr.varOff.value();
        int slot = -off - 1;
        int spi = slot / 8;
        log.scratchSlot(spi);
        cur.historyStack.set(cur.historyStack.size() - 1, Precision.stackRef(frame.frameno, spi));
        if (frame.isSpill(spi)) {
            RegState spilledReg = frame.spilledReg(spi);
            int spillSize = 1;
            for (int i = 7; i > 0 && frame.type(spi, i - 1) == FrameState.SPILL; i--) {
                spillSize++;
            }
            if (size != 8 || spillSize != 8) {
                if (spilledReg.type != RegType.SCALAR) {
                    throw new Rejection(pc, "invalid size of register fill");
                }
                if (dstReg < 0) {
                    return;
                }
                if (size <= spillSize && narrowAccessOk(off, size, spillSize)) {
                    cur.jmpHistoryCnt++;
                    RegState d = cur.reg(dstReg);
                    d.copyFrom(spilledReg);
                    if (spilledReg.width() > size * 8) {
                        d.id = 0;
                    }
                } else {
                    int[] counts = readableBytes(pc, frame, spi, slot, off, size);
                    int spillCnt = counts[0];
                    int zeroCnt = counts[1];
                    RegState d = cur.reg(dstReg);
                    if ((spillCnt == size && spilledReg.isNullConst()) || zeroCnt == size) {
                        d.markKnown(0);
                        d.precise = false;
                    } else {
                        d.markUnknown();
                    }
                }
            } else if (dstReg >= 0) {
                cur.jmpHistoryCnt++;
                cur.reg(dstReg).copyFrom(spilledReg);
            } else if (isPointerValue(spilledReg)) {
                throw new Rejection(pc, "leaking pointer from stack off " + off);
            }
            return;
        }
        int zeros = readableBytes(pc, frame, spi, slot, off, size)[1];
        if (dstReg >= 0) {
            RegState d = cur.reg(dstReg);
            if (zeros == size) {
                d.markKnown(0);
                d.precise = false;
            } else {
                d.markUnknown();
            }
        }
    }

    /**
     * Checks that the bytes a fixed-offset stack read covers may be read, and counts the spilled
     * and the zero ones among them.
     */
    private int[] readableBytes(int pc, FrameState frame, int spi, int slot, int off, int size) {
        int spills = 0;
        int zeros = 0;
        for (int i = 0; i < size; i++) {
            byte t = frame.type(spi, (slot - i) % 8);
            if (t == FrameState.SPILL) {
                spills++;
            } else if (t == FrameState.ZERO) {
                zeros++;
            } else if (t != FrameState.MISC && !(t == FrameState.INVALID && allowUninitStack)) {
                throw new Rejection(pc, "invalid read from stack off " + off + "+" + i + " size " + size);
            }
        }
        return new int[] {spills, zeros};
    }

    /** Little-endian: a narrow fill reads the spilled value's low bytes only at the slot's start. */
    private static boolean narrowAccessOk(int off, int size, int spillSize) {
        return off % 8 == 0;
    }

    private void stackReadVarOff(int pc, int regno, RegState ptr, int off, int size, int dstReg, FrameState frame) {
        long minOff = ptr.smin + off;
        long maxOff = ptr.smax + off;
        boolean allZero = true;
        for (long i = minOff; i < maxOff + size; i++) {
            int slot = (int) (-i - 1);
            int spi = slot / 8;
            if (frame.allocatedStack <= slot) {
                allZero = false;
                continue;
            }
            byte t = frame.type(spi, slot % 8);
            if (t == FrameState.ZERO) {
                continue;
            }
            allZero = false;
            if (t == FrameState.MISC || (t == FrameState.INVALID && allowUninitStack)) {
                continue;
            }
            if (frame.isSpill(spi) && (frame.spilled[spi].type == RegType.SCALAR || allowPtrLeaks)) {
                continue;
            }
            throw new Rejection(pc, "invalid read from stack R" + regno + " var_off " + ptr.varOff + "+" + (i - minOff)
                    + " size " + size);
        }
        RegState d = cur.reg(dstReg);
        if (allZero) {
            d.markKnown(0);
        } else {
            d.markUnknown();
        }
    }

    /** A context is accessed through its unmodified pointer only (kernel: __check_ptr_off_reg). */
    private static void checkCtxPointerOffset(int pc, int regno, RegState reg) {
        if (reg.off < 0) {
            throw new Rejection(pc, "negative offset ctx ptr R" + regno + " off=" + reg.off + " disallowed");
        }
        if (reg.off != 0) {
            throw new Rejection(pc, "dereference of modified ctx ptr R" + regno + " off=" + reg.off + " disallowed");
        }
        if (!reg.varOff.isConst() || reg.varOff.value() != 0) {
            throw new Rejection(pc, "variable ctx access var_off=" + reg.varOff + " disallowed");
        }
    }

    /** Bounds of an access to a map value, over the pointer's whole variable range (kernel: check_mem_region_access). */
    private void checkMapValueAccess(int pc, int regno, RegState reg, int off, int size) {
        checkMemRegionAccess(pc, regno, reg, off, size, "map value, value_size=");
    }

    /** {@code what} names the memory in the message ("map value, value_size=", "memory, mem_size="). */
    private void checkMemRegionAccess(int pc, int regno, RegState reg, int off, int size, String what) {
        int valueSize = reg.range;
        if (reg.smin < 0 && (reg.smin == Long.MIN_VALUE || off + reg.smin != (int) (off + reg.smin) || off + reg.smin < 0)) {
            throw new Rejection(pc, "R" + regno + " min value is negative, either use unsigned index or do a if (index >=0) check.");
        }
        checkMemWindow(pc, off + reg.smin, size, valueSize, what);
        if (Long.compareUnsigned(reg.umax, MAX_VAR_OFF) >= 0) {
            throw new Rejection(pc, "R" + regno + " unbounded memory access, make sure to bounds check any such access");
        }
        checkMemWindow(pc, off + reg.umax, size, valueSize, what);
    }

    private static void checkMemWindow(int pc, long off, int size, int valueSize, String what) {
        if (off < 0 || off + size > valueSize) {
            throw new Rejection(pc, "invalid access to " + what + valueSize + " off=" + off + " size=" + size);
        }
    }

    private void checkPacketAccess(int pc, int regno, RegState reg, int off, int size) {
        if (reg.smin < 0) {
            throw new Rejection(pc, "R" + regno + " min value is negative, either use unsigned index or do a if (index >=0) check.");
        }
        if (!(off >= 0 && (long) off + size <= reg.range)) {
            throw new Rejection(pc, "invalid access to packet, off=" + off + " size=" + size + ", R" + regno + "(id="
                    + reg.id + ",off=" + off + ",r=" + reg.range + ")",
                    "R" + regno + " offset is outside of the packet");
        }
    }

    private void checkAtomic(int pc, Instruction insn) {
        int imm = insn.imm();
        if (imm == ATOMIC_LOAD_ACQ || imm == ATOMIC_STORE_REL) {
            checkOrderedAccess(pc, insn, imm == ATOMIC_LOAD_ACQ);
            return;
        }
        checkRegRead(insn.src());
        RegState dst = checkRegRead(insn.dst());
        if (imm == ATOMIC_CMPXCHG) {
            RegState r0 = checkRegRead(0);
            if (isPointerValue(r0)) {
                throw new Rejection(pc, "R0 leaks addr into mem");
            }
        }
        if (isPointerValue(cur.reg(insn.src()))) {
            throw new Rejection(pc, "R" + insn.src() + " leaks addr into mem");
        }
        if (dst.type == RegType.PTR_TO_CTX || dst.type.isPacket()) {
            throw new Rejection(pc, "BPF_ATOMIC stores into R" + insn.dst() + " " + dst.type.kernelName + " is not allowed");
        }
        int loadReg = -1;
        if ((imm & ATOMIC_FETCH) != 0) {
            loadReg = imm == ATOMIC_CMPXCHG ? 0 : insn.src();
            checkRegWrite(loadReg);
        }
        int size = sizeBytes(insn.opcode());
        checkMemAccess(pc, insn.dst(), insn.offset(), size, false, -1, false, true);
        if (loadReg >= 0) {
            checkMemAccess(pc, insn.dst(), insn.offset(), size, false, loadReg, false, true);
        }
        checkMemAccess(pc, insn.dst(), insn.offset(), size, true, -1, false, true);
    }

    /**
     * Load-acquire (dst = *(src + off)) and store-release (*(dst + off) = src): checked as a
     * load or a store, then refused on the context and packets (kernel: check_atomic_load,
     * check_atomic_store). The type is looked at after the access, so a load into its own
     * address register passes, as in the kernel.
     */
    private void checkOrderedAccess(int pc, Instruction insn, boolean load) {
        int size = sizeBytes(insn.opcode());
        if (load) {
            checkRegRead(insn.src());
            checkRegWrite(insn.dst());
            checkMemAccess(pc, insn.src(), insn.offset(), size, false, insn.dst(), false, true);
        } else {
            checkRegRead(insn.src());
            checkRegRead(insn.dst());
            checkMemAccess(pc, insn.dst(), insn.offset(), size, true, insn.src(), false, true);
        }
        int regno = load ? insn.src() : insn.dst();
        RegState reg = cur.reg(regno);
        if (reg.type == RegType.PTR_TO_CTX || reg.type.isPacket()) {
            throw new Rejection(pc, "BPF_ATOMIC " + (load ? "loads from R" : "stores into R") + regno + " "
                    + reg.type.kernelName + " is not allowed");
        }
    }

    // ---- jumps, calls, exit ----

    private boolean checkJump(int pc, Instruction insn) {
        int code = insn.opcode();
        if (code == CALL_OP) {
            if (insn.src() == CALL_LOCAL) {
                checkFuncCall(pc, insn);
            } else if (insn.src() == CALL_HELPER) {
                checkHelperCall(pc, insn);
                insnIdx = pc + 1;
            } else {
                throw new Rejection(pc, "kernel function calls are not supported");
            }
            return false;
        }
        if (code == CALLX_OP) {
            throw new Rejection(pc, "unknown opcode 8d");
        }
        if (code == JA_OP) {
            insnIdx = pc + insn.offset() + 1;
            return false;
        }
        if (code == GOTOL_OP) {
            insnIdx = pc + insn.imm() + 1;
            return false;
        }
        if (code == EXIT_OP) {
            return processExit(pc);
        }
        if (code == MAY_GOTO_OP) {
            return checkMayGoto(pc, insn);
        }
        checkCondJump(pc, insn);
        return false;
    }

    /**
     * may_goto: the path continues at the target (the budget ran out) and the fall-through is
     * explored later one level deeper; scalars that changed since the previous visit of this
     * may_goto and are not precise are widened to unknown so the loop converges (kernel:
     * widen_imprecise_scalars).
     */
    private boolean checkMayGoto(int pc, Instruction insn) {
        if (insn.src() != 0 || insn.dst() != 0 || insn.imm() != 0) {
            throw new Rejection(pc, "invalid may_goto imm " + insn.imm());
        }
        VerifierState prev = previousVisit(pc, false);
        VerifierState queued = pushStack(pc + 1, pc);
        queued.mayGotoDepth = cur.mayGotoDepth + 1;
        if (prev != null) {
            widenImpreciseScalars(prev, queued);
        }
        insnIdx = pc + insn.offset() + 1;
        return false;
    }

    /**
     * The checkpoint of an earlier iteration at {@code pc} on the current path, or null (kernel:
     * find_prev_entry); {@code parentToo} when the path's own last checkpoint counts (it does on
     * a callback's return, where it was made before the callback's body).
     */
    private VerifierState previousVisit(int pc, boolean parentToo) {
        List<Checkpoint> list = explored[pc];
        if (list == null) {
            return null;
        }
        for (Checkpoint sl : list) {
            if ((parentToo || sl != cur.parent) && sl.branches > 0 && sameCallsites(sl.state, cur)) {
                return sl.state;
            }
        }
        return null;
    }

    private static void widenImpreciseScalars(VerifierState old, VerifierState cur) {
        for (int f = 0; f < Math.min(old.frames.size(), cur.frames.size()); f++) {
            FrameState fo = old.frames.get(f);
            FrameState fc = cur.frames.get(f);
            for (int r = 0; r < fo.regs.length; r++) {
                widenScalar(fo.regs[r], fc.regs[r]);
            }
            int slots = Math.min(fo.allocatedStack, fc.allocatedStack) / 8;
            for (int spi = 0; spi < slots; spi++) {
                if (fo.isSpill(spi) && fc.isSpill(spi) && fo.spilled[spi] != null && fc.spilled[spi] != null) {
                    widenScalar(fo.spilled[spi], fc.spilled[spi]);
                }
            }
        }
    }

    private static void widenScalar(RegState old, RegState cur) {
        if (old.type != RegType.SCALAR || cur.type != RegType.SCALAR || old.precise || cur.precise
                || old.sameAs(cur) && old.id == cur.id) {
            return;
        }
        cur.markUnknown();
    }

    private void checkHelperCall(int pc, Instruction insn) {
        int id = insn.imm();
        if (id < 0 || id >= HelperPrototypes.FUNC_MAX_ID) {
            throw new Rejection(pc, "invalid func unknown#" + id);
        }
        if (!HelperAllowList.allows(options.type(), id, options.unprivileged())) {
            throw new Rejection(pc, "program of this type cannot use helper " + HelperPrototypes.name(id) + "#" + id);
        }
        HelperPrototype proto = HelperPrototypes.find(id);
        if (proto == null) {
            throw new Rejection(pc, "helper " + HelperPrototypes.name(id) + "#" + id + " is not supported by the verifier yet");
        }
        HelperCall call = new HelperCall();
        for (int r = 1; r <= proto.argCount(); r++) {
            checkHelperArg(pc, proto, r, checkRegRead(r), call);
        }
        MapHelperRules.checkWritable(pc, call.map, id);
        if (id == MapHelperRules.TAIL_CALL) {
            checkTailCallKey(pc, call.map);
        }
        if (call.rawRegno > 0) {
            markHelperWritten(pc, call.rawRegno, call.rawSize);
        }
        if (call.releaseId != 0) {
            releaseReference(cur, call.releaseId);
        }
        if (call.callbackSubprog >= 0) {
            pushCallback(pc, id, call.callbackSubprog);
        }
        if (id == MapHelperRules.TAIL_CALL && cur.refs.size() > 0) {
            throw new Rejection(pc, "Unreleased reference id=" + cur.refs.get(0) + " alloc_insn=" + cur.refs.get(1));
        }
        FrameState f = cur.cur();
        for (int r = 0; r <= 5; r++) {
            f.regs[r].markNotInit();
            log.scratchReg(r);
        }
        RegType acquired = switch (proto.returns()) {
            case RINGBUF_MEM_OR_NULL -> RegType.PTR_TO_RINGBUF_MEM_OR_NULL;
            case SOCKET_OR_NULL -> RegType.PTR_TO_SOCKET_OR_NULL;
            case SOCK_COMMON_OR_NULL -> RegType.PTR_TO_SOCK_COMMON_OR_NULL;
            default -> null;
        };
        if (acquired != null) {
            RegState r0 = RegState.pointer(acquired, 0);
            r0.range = call.allocSize;
            ++idGen; // the kernel numbers the maybe-null pointer, then the reference
            r0.id = ++idGen;
            r0.refObjId = r0.id;
            cur.refs.add(r0.id);
            cur.refs.add(pc);
            f.regs[0].copyFrom(r0);
        } else if (proto.returns() == HelperPrototype.Returns.INTEGER) {
            f.regs[0].markUnknown();
        } else if (proto.returns() == HelperPrototype.Returns.MAP_VALUE_OR_NULL) {
            f.regs[0].copyFrom(lookupResult(call));
        }
        if (PacketChangingHelpers.changesPacketData(id)) {
            PacketChangingHelpers.invalidatePacketPointers(cur, allowPtrLeaks);
        }
        MapHelperRules.checkCompatible(pc, call.map, proto);
    }

    /**
     * Queues the callback's body as a path of its own, entered with the helper's arguments; the
     * current path goes on after the call. bpf_loop calls again only while fewer iterations
     * than its count were explored (kernel: push_callback_call).
     */
    private void pushCallback(int pc, int helperId, int subprog) {
        FrameState caller = cur.cur();
        if (helperId == Callbacks.LOOP) {
            precision.markChainPrecision(cur, cur.curframe(), 1, true);
            if (Long.compareUnsigned(caller.callbackDepth, caller.regs[1].umax) >= 0) {
                caller.callbackDepth = 0;
                return;
            }
        }
        if (cur.curframe() + 1 >= MAX_CALL_FRAMES) {
            throw new Rejection(pc, "the call stack of " + (cur.curframe() + 2) + " frames is too deep");
        }
        VerifierState body = pushStack(ps.subprogStarts[subprog], pc);
        FrameState callee = Callbacks.calleeFrame(pc, helperId, body.cur(), body.curframe() + 1, pc, subprog);
        body.cur().callbackDepth++;
        body.frames.add(callee);
        body.callbackUnrollDepth++;
        caller.callbackDepth = 0;
    }

    /**
     * A map lookup's r0: a map value pointer, null-checked first unless an array is looked up with
     * a constant key below max_entries (kernel: can_elide_value_nullness).
     */
    private RegState lookupResult(HelperCall call) {
        boolean neverNull = call.constKey >= 0 && call.constKey < call.map.maxEntries()
                && MapHelperRules.lookupNeverFailsForConstantKey(call.map);
        RegState r0 = RegState.pointer(neverNull ? RegType.PTR_TO_MAP_VALUE : RegType.PTR_TO_MAP_VALUE_OR_NULL, 0);
        r0.map = call.map;
        r0.range = call.map.valueSize();
        if (!neverNull) {
            r0.id = ++idGen;
        }
        return r0;
    }

    /** One argument, in the kernel's order of checks (kernel: check_func_arg). */
    private void checkHelperArg(int pc, HelperPrototype proto, int r, RegState arg, HelperCall call) {
        HelperPrototype.Arg kind = proto.args().get(r - 1);
        if (kind == HelperPrototype.Arg.ANYTHING) {
            if (isPointerValue(arg)) {
                throw new Rejection(pc, "R" + r + " leaks addr into helper function");
            }
            return;
        }
        if (arg.type.isPacket() && !proto.packetAccess()) {
            throw new Rejection(pc, "helper access to the packet is not allowed");
        }
        switch (kind) {
            case MAP_PTR -> {
                expectType(pc, r, arg, RegType.CONST_PTR_TO_MAP, "map_ptr");
                call.map = arg.map;
            }
            case ALLOC_SIZE -> {
                expectType(pc, r, arg, RegType.SCALAR, "scalar");
                if (!arg.isConst()) {
                    throw new Rejection(pc, "R" + r + " is not a known constant'");
                }
                call.allocSize = (int) arg.varOff.value();
            }
            case RELEASE_SOCK -> call.releaseId = SocketReferences.checkRelease(pc, r, arg);
            case RELEASE_RINGBUF_MEM -> {
                expectType(pc, r, arg, RegType.PTR_TO_RINGBUF_MEM, "ringbuf_mem");
                call.releaseId = arg.refObjId;
            }
            case CTX -> {
                expectType(pc, r, arg, RegType.PTR_TO_CTX, "ctx");
                checkCtxPointerOffset(pc, r, arg);
            }
            case MAP_KEY -> {
                checkHelperMemory(pc, r, arg, call.map.keySize(), false, false, true);
                if (MapHelperRules.lookupNeverFailsForConstantKey(call.map)) {
                    call.constKey = constantMapKey(arg, call.map.keySize());
                }
            }
            case MAP_VALUE -> checkHelperMemory(pc, r, arg, call.map.valueSize(), false, false, true);
            case MAP_VALUE_UNINIT -> {
                checkHelperMemory(pc, r, arg, call.map.valueSize(), true, false, false);
                call.rawWrite(r, call.map.valueSize(), arg);
            }
            case MEM_READ, MEM_READ_WRITE, MEM_UNINIT -> {
                expectMemory(pc, r, arg);
                call.memRegno = r;
            }
            case MEM_READ_OR_NULL -> {
                if (!(arg.type == RegType.SCALAR && arg.isNullConst())) {
                    expectMemory(pc, r, arg);
                }
                call.memRegno = r;
            }
            case CONST_STR -> {
                expectType(pc, r, arg, RegType.PTR_TO_MAP_VALUE, "map_value");
                ConstantStrings.check(pc, r, arg);
            }
            case SIZE, SIZE_OR_ZERO -> {
                expectType(pc, r, arg, RegType.SCALAR, "scalar");
                HelperPrototype.Arg mem = proto.args().get(r - 2);
                checkMemSize(pc, r, arg, call, mem, kind == HelperPrototype.Arg.SIZE_OR_ZERO);
            }
            case FUNC -> {
                expectType(pc, r, arg, RegType.PTR_TO_FUNC, "func");
                call.callbackSubprog = arg.range;
            }
            case STACK_OR_NULL -> {
                if (!(arg.type == RegType.SCALAR && arg.isNullConst())) {
                    expectType(pc, r, arg, RegType.PTR_TO_STACK, "fp");
                }
            }
            default -> throw new IllegalStateException("argument kind " + kind);
        }
    }

    private static void expectType(int pc, int r, RegState arg, RegType type, String expected) {
        if (arg.type != type) {
            throw new Rejection(pc, "R" + r + " type=" + arg.type.kernelName + " expected=" + expected);
        }
    }

    private static final String MEMORY_TYPES = "fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_";

    /** Pointer types a helper may read or write memory through (kernel: mem_types). */
    private static void expectMemory(int pc, int r, RegState arg) {
        switch (arg.type) {
            case PTR_TO_STACK, PTR_TO_PACKET, PTR_TO_PACKET_META, PTR_TO_MAP_KEY, PTR_TO_MAP_VALUE, PTR_TO_MEM,
                    PTR_TO_RINGBUF_MEM -> { }
            default -> throw new Rejection(pc, "R" + r + " type=" + arg.type.kernelName + " expected=" + MEMORY_TYPES);
        }
    }

    /**
     * A size argument: a non-negative scalar bounded below 2^29 (above 0 unless zero is allowed);
     * the preceding memory argument must hold its largest value (kernel: check_mem_size_reg).
     */
    private void checkMemSize(int pc, int r, RegState size, HelperCall call, HelperPrototype.Arg memKind,
            boolean zeroOk) {
        boolean fills = memKind == HelperPrototype.Arg.MEM_UNINIT;
        boolean write = fills || memKind == HelperPrototype.Arg.MEM_READ_WRITE;
        if (size.smin < 0) {
            throw new Rejection(pc, "R" + r + " min value is negative, either use unsigned or 'var &= const'");
        }
        if (size.umin == 0 && !zeroOk) {
            throw new Rejection(pc, "R" + r + " invalid zero-sized read: u64=[" + size.umin + "," + size.umax + "]");
        }
        if (Long.compareUnsigned(size.umax, MAX_VAR_OFF) >= 0) {
            throw new Rejection(pc, "R" + r + " unbounded memory access, use 'var &= const' or 'if (var < const)'");
        }
        int mem = call.memRegno;
        RegState memReg = cur.reg(mem);
        if (memReg.type == RegType.SCALAR) {
            // a maybe-null memory argument given null: only with a size of 0 (kernel: check_helper_mem_access)
            if (!(zeroOk && size.umax == 0)) {
                throw new Rejection(pc, "R" + mem + " type=scalar expected=fp");
            }
            precision.markChainPrecision(cur, cur.curframe(), r, true);
            return;
        }
        // a size known only by its bounds must find the memory initialised (kernel: meta = NULL)
        boolean raw = fills && size.varOff.isConst();
        checkHelperMemory(pc, mem, memReg, (int) size.umax, write, zeroOk, !raw);
        if (raw) {
            call.rawWrite(mem, (int) size.umax, memReg);
        }
        precision.markChainPrecision(cur, cur.curframe(), r, true);
    }

    /** bpf_tail_call's map must be a program array; a constant index becomes precise (kernel: record_func_key). */
    private void checkTailCallKey(int pc, io.github.bpf4j.vm.MapSpec map) {
        if (map == null || map.type() != io.github.bpf4j.vm.maps.MapType.PROG_ARRAY) {
            throw new Rejection(pc, "expected prog array map for tail call");
        }
        RegState key = cur.reg(3);
        if (key.type == RegType.SCALAR && key.isConst() && Long.compareUnsigned(key.varOff.value(), map.maxEntries()) < 0) {
            precision.markChainPrecision(cur, cur.curframe(), 3, true);
        }
    }

    /**
     * The constant a map key on the stack holds (zero bytes, or a spilled constant of exactly the
     * key's size), or -1 (kernel: get_constant_map_key); the slot becomes precise.
     */
    private long constantMapKey(RegState key, int keySize) {
        if (key.type != RegType.PTR_TO_STACK || !key.varOff.isConst()) {
            return -1;
        }
        FrameState frame = cur.frames.get(key.frameno);
        long stackOff = key.off + key.varOff.value();
        int slot = (int) (-stackOff - 1);
        int spi = slot / 8;
        int off = slot % 8;
        if (spi >= frame.allocatedStack / 8) {
            return -1;
        }
        int zeros = 0;
        for (int i = off; i >= 0 && frame.type(spi, i) == FrameState.ZERO; i--) {
            zeros++;
        }
        if (zeros >= keySize) {
            return 0;
        }
        if (!frame.isSpilledScalar(spi)) {
            return -1;
        }
        int spillSize = 0;
        for (int i = off; i >= 0 && frame.type(spi, i) == FrameState.SPILL; i--) {
            spillSize++;
        }
        RegState value = frame.spilled[spi];
        if (spillSize != keySize || !value.varOff.isConst()) {
            return -1;
        }
        precision.markSlotPrecision(cur, key.frameno, spi);
        return value.varOff.value();
    }

    /**
     * The bytes a helper wrote through an uninitialised-memory argument: on the stack they become
     * written (STACK_MISC), byte by byte as the kernel simulates it.
     */
    private void markHelperWritten(int pc, int regno, int size) {
        RegState ptr = cur.reg(regno);
        if (ptr.type != RegType.PTR_TO_STACK || !ptr.varOff.isConst()) {
            return;
        }
        FrameState frame = cur.frames.get(ptr.frameno);
        int start = (int) (ptr.off + ptr.varOff.value());
        for (int i = 0; i < size; i++) {
            int slot = -(start + i) - 1;
            int spi = slot / 8;
            log.scratchSlot(spi);
            if (!allowPtrLeaks && frame.isSpill(spi) && frame.spilled[spi] != null
                    && frame.spilled[spi].type != RegType.SCALAR) {
                throw new Rejection(pc, "attempt to corrupt spilled pointer on stack");
            }
            frame.spilledReg(spi).markNotInit();
            if (anySpillByte(frame, spi)) {
                for (int j = 0; j < 8; j++) {
                    if (frame.type(spi, j) != FrameState.INVALID) {
                        frame.setType(spi, j, FrameState.MISC);
                    }
                }
            }
            frame.setType(spi, slot % 8, FrameState.MISC);
        }
    }

    /**
     * Drops reference {@code id} from the path; every copy of the released pointer becomes
     * unusable (kernel: release_reference).
     */
    private void releaseReference(VerifierState st, int id) {
        dropReference(st, id);
        for (FrameState f : st.frames) {
            for (RegState r : f.regs) {
                if (r.refObjId == id) {
                    invalidate(r);
                }
            }
            for (int spi = 0; spi < f.allocatedStack / 8; spi++) {
                if (f.spilled[spi] != null && f.spilled[spi].refObjId == id) {
                    invalidate(f.spilled[spi]);
                }
            }
        }
    }

    /** Forgets reference {@code id} without touching the registers (kernel: release_reference_nomark). */
    private static void dropReference(VerifierState st, int id) {
        IntList kept = new IntList();
        for (int i = 0; i < st.refs.size(); i += 2) {
            if (st.refs.get(i) != id) {
                kept.add(st.refs.get(i));
                kept.add(st.refs.get(i + 1));
            }
        }
        st.refs = kept;
    }

    private void invalidate(RegState r) {
        if (allowPtrLeaks) {
            r.markUnknown();
        } else {
            r.markNotInit();
        }
    }

    /**
     * A helper argument pointing to {@code size} bytes the helper reads (or, {@code write}, fills):
     * stack, packet, map key, map value or ringbuf memory (kernel: check_helper_mem_access). Stack
     * bytes must have been written first unless {@code initialised} is false (memory the helper
     * fills whole).
     */
    private void checkHelperMemory(int pc, int regno, RegState arg, int size, boolean write, boolean zeroOk,
            boolean initialised) {
        switch (arg.type) {
            case PTR_TO_STACK -> {
                if (!arg.varOff.isConst()) {
                    // root may pass a variable offset: the whole range must be in the frame
                    checkStackBounds(pc, regno, arg, arg.off, size, write, cur.frames.get(arg.frameno));
                    if (!bypassSpec) {
                        throw new Rejection(pc, "R" + regno + " variable offset stack access prohibited for !root, var_off="
                                + arg.varOff);
                    }
                    return;
                }
                if (size == 0 && !zeroOk) {
                    throw new Rejection(pc, "invalid zero-sized read");
                }
                long off = arg.off + arg.varOff.value();
                FrameState frame = cur.frames.get(arg.frameno);
                int minValid = write || allowUninitStack ? -FrameState.MAX_STACK : -frame.allocatedStack;
                if (off < minValid || off >= 0 || off + size > 0) {
                    throw new Rejection(pc, "invalid " + (write ? "write to" : "read from") + " stack R" + regno
                            + " off=" + off + " size=" + size);
                }
                frame.growStack((int) -off);
                stackDepth[frame.subprog] = Math.max(stackDepth[frame.subprog], frame.allocatedStack);
                if (initialised) {
                    checkStackInitialised(pc, regno, frame, (int) off, size);
                }
            }
            case PTR_TO_PACKET, PTR_TO_PACKET_META -> checkPacketAccess(pc, regno, arg, arg.off, size);
            case PTR_TO_MAP_VALUE -> {
                MapHelperRules.checkAccessType(pc, arg.map, arg.off, size, write);
                checkMapValueAccess(pc, regno, arg, arg.off, size);
            }
            case PTR_TO_MAP_KEY -> checkMemRegionAccess(pc, regno, arg, arg.off, size, "map key, key_size=");
            case PTR_TO_RINGBUF_MEM -> checkMemRegionAccess(pc, regno, arg, arg.off, size, "memory, mem_size=");
            default -> throw new Rejection(pc, "R" + regno + " type=" + arg.type.kernelName + " expected=" + MEMORY_TYPES);
        }
    }

    /**
     * Without CAP_PERFMON every stack byte a helper reads must have been written; a slot holding
     * a spilled scalar counts as written whole (kernel: check_stack_range_initialized).
     */
    private void checkStackInitialised(int pc, int regno, FrameState frame, int off, int size) {
        if (allowUninitStack) {
            return;
        }
        for (int i = off; i < off + size; i++) {
            int spi = (-i - 1) / 8;
            boolean spilledScalar = frame.isSpill(spi) && frame.spilled[spi] != null
                    && (frame.spilled[spi].type == RegType.SCALAR || allowPtrLeaks);
            if (!spilledScalar && !frame.isWritten(i)) {
                throw new Rejection(pc, "invalid read from stack R" + regno + " off " + off + "+" + (i - off) + " size " + size);
            }
        }
    }

    private void checkFuncCall(int pc, Instruction insn) {
        if (cur.curframe() + 1 >= MAX_CALL_FRAMES) {
            throw new Rejection(pc, "the call stack of " + (cur.curframe() + 2) + " frames is too deep");
        }
        int target = pc + insn.imm() + 1;
        FrameState caller = cur.cur();
        FrameState callee = new FrameState(cur.curframe() + 1);
        callee.callsite = pc;
        callee.subprog = ps.subprogOf[target];
        for (int r = 1; r <= 5; r++) {
            callee.regs[r].copyFrom(caller.regs[r]);
        }
        callee.regs[10] = RegState.stackPointer(callee.frameno);
        for (int r = 0; r <= 5; r++) {
            caller.regs[r].markNotInit();
            log.scratchReg(r);
        }
        cur.frames.add(callee);
        log.call(cur);
        insnIdx = target;
    }

    private boolean processExit(int pc) {
        if (cur.curframe() > 0) {
            FrameState callee = cur.cur();
            RegState r0 = callee.regs[0];
            if (r0.type == RegType.PTR_TO_STACK) {
                throw new Rejection(pc, "cannot return stack pointer to the caller");
            }
            if (callee.inCallback) {
                return exitCallback(pc, callee);
            }
            cur.frames.remove(cur.frames.size() - 1);
            FrameState caller = cur.cur();
            caller.regs[0].copyFrom(r0);
            prevInsnIdx = pc;
            insnIdx = callee.callsite + 1;
            log.returned(cur, callee, insnIdx);
            return false;
        }
        if (cur.refs.size() > 0) {
            throw new Rejection(pc, "Unreleased reference id=" + cur.refs.get(0) + " alloc_insn=" + cur.refs.get(1));
        }
        RegState r0 = checkRegRead(0);
        if (isPointerValue(r0)) {
            throw new Rejection(pc, "R0 leaks addr as return value");
        }
        long[] range = context.returnRange();
        if (range != null) {
            checkReturnRange(pc, r0, range);
        }
        return true;
    }

    /** r0 within the type's return range at the main program's exit (kernel: check_return_code). */
    private void checkReturnRange(int pc, RegState r0, long[] range) {
        if (r0.type != RegType.SCALAR) {
            throw new Rejection(pc, "At program exit the register R0 is not a known value (" + r0.type.kernelName + ")");
        }
        precision.markChainPrecision(cur, 0, 0, true);
        if (r0.smin >= range[0] && r0.smax <= range[1]) {
            return;
        }
        StringBuilder m = new StringBuilder("At program exit the register R0 has");
        if (r0.smin > Long.MIN_VALUE) {
            m.append(" smin=").append(r0.smin);
        }
        if (r0.smax < Long.MAX_VALUE) {
            m.append(" smax=").append(r0.smax);
        }
        if (r0.smin == Long.MIN_VALUE && r0.smax == Long.MAX_VALUE) {
            m.append(" unknown scalar value");
        }
        throw new Rejection(pc, m.append(" should have been in [").append(range[0]).append(", ").append(range[1]).append("]").toString());
    }

    /**
     * A callback's exit: r0 must be 0 or 1, and the path returns to the helper call, which may
     * call the callback again; scalars the previous visit saw differently and that nothing
     * needs precise are widened so the iterations converge (kernel: prepare_func_exit).
     */
    private boolean exitCallback(int pc, FrameState callee) {
        RegState r0 = callee.regs[0];
        if (r0.type != RegType.SCALAR) {
            throw new Rejection(pc, "R0 not a scalar value");
        }
        precision.markChainPrecision(cur, cur.curframe(), 0, true);
        Callbacks.checkReturn(pc, r0);
        cur.frames.remove(cur.frames.size() - 1);
        prevInsnIdx = pc;
        insnIdx = callee.callsite;
        VerifierState prev = previousVisit(insnIdx, true);
        if (prev != null) {
            widenImpreciseScalars(prev, cur);
        }
        log.returned(cur, callee, insnIdx);
        return false;
    }

    private void checkCondJump(int pc, Instruction insn) {
        int op = op(insn.opcode());
        boolean is32 = insn.cls() == CLS_JMP32;
        boolean regSrc = source(insn.opcode()) == SRC_X;
        RegState dst = checkRegRead(insn.dst());
        RegState src;
        if (regSrc) {
            src = checkRegRead(insn.src());
            if (!(dst.type.isPacket() || dst.type == RegType.PTR_TO_PACKET_END)
                    || !(src.type.isPacket() || src.type == RegType.PTR_TO_PACKET_END)) {
                if (isPointerValue(src)) {
                    throw new Rejection(pc, "R" + insn.src() + " pointer comparison prohibited");
                }
            }
        } else {
            src = RegState.known(insn.imm());
        }
        if (op == JGT || op == JGE || op == JLT || op == JLE) {
            facts.unsignedCompare(pc, !cur.speculative && dst.type == RegType.SCALAR && src.type == RegType.SCALAR
                    && (is32 ? dst.s32min >= 0 && src.s32min >= 0 : dst.smin >= 0 && src.smin >= 0));
        }
        int pred = BranchLogic.isBranchTaken(dst, src, op, is32);
        if (pred >= 0) {
            if (!dst.type.isPointer()) {
                precision.markChainPrecision(cur, cur.curframe(), insn.dst());
            }
            if (regSrc && !src.type.isPointer()) {
                precision.markChainPrecision(cur, cur.curframe(), insn.src());
            }
        }
        int target = pc + insn.offset() + 1;
        if (pred >= 0 && !bypassSpec) {
            // the side that cannot run may still run speculatively: explore it with the
            // compared registers unknown (kernel: sanitize_speculative_path)
            VerifierState spec = pushStack(pred == 1 ? pc + 1 : target, pc);
            spec.speculative = true;
            spec.reg(insn.dst()).markUnknown();
            if (regSrc) {
                spec.reg(insn.src()).markUnknown();
            }
        }
        if (pred == 1) {
            insnIdx = target;
            return;
        }
        if (pred == 0) {
            insnIdx = pc + 1;
            return;
        }
        VerifierState other = pushStack(target, pc);
        other.path = BranchPath.then(other.path, pc, target);
        cur.path = BranchPath.then(cur.path, pc, pc + 1);
        RegState otherDst = other.reg(insn.dst());
        RegState otherSrc = regSrc ? other.reg(insn.src()) : src.copy();
        if (dst.type == RegType.SCALAR && src.type == RegType.SCALAR) {
            RegState fallSrc = regSrc ? src : src.copy();
            BranchLogic.refine(dst, fallSrc, BranchLogic.reverse(op), is32);
            dst.sync();
            fallSrc.sync();
            BranchLogic.refine(otherDst, otherSrc, op, is32);
            otherDst.sync();
            otherSrc.sync();
            if (regSrc && src.id != 0) {
                syncLinked(cur, src);
                syncLinked(other, otherSrc);
            }
            if (dst.id != 0) {
                syncLinked(cur, dst);
                syncLinked(other, otherDst);
            }
        }
        if (!regSrc && insn.imm() == 0 && !is32 && (op == JEQ || op == JNE) && dst.type.maybeNull()) {
            boolean nullWhenTaken = op == JEQ;
            markPtrOrNull(other, dst.id, nullWhenTaken);
            markPtrOrNull(cur, dst.id, !nullWhenTaken);
        } else if (!matchPacketPointers(insn, op, dst, regSrc ? src : null, other) && isPointerValue(dst)) {
            throw new Rejection(pc, "R" + insn.dst() + " pointer comparison prohibited");
        }
        insnIdx = pc + 1;
    }

    /**
     * After a null check, every register and spilled slot of the path holding the same
     * maybe-null pointer becomes the known 0 or the non-null pointer (kernel: mark_ptr_or_null_regs).
     */
    private static void markPtrOrNull(VerifierState st, int id, boolean isNull) {
        if (isNull) {
            dropReference(st, id); // a null record holds nothing to release
        }
        for (FrameState f : st.frames) {
            for (RegState r : f.regs) {
                markPtrOrNull(r, id, isNull);
            }
            for (int spi = 0; spi < f.allocatedStack / 8; spi++) {
                if (f.spilled[spi] != null) {
                    markPtrOrNull(f.spilled[spi], id, isNull);
                }
            }
        }
    }

    private static void markPtrOrNull(RegState r, int id, boolean isNull) {
        if (!r.type.maybeNull() || r.id != id) {
            return;
        }
        if (isNull) {
            r.markKnown(0);
        } else if (r.type == RegType.PTR_TO_MAP_VALUE_OR_NULL && r.map != null && r.map.inner() != null) {
            // a map of maps' element is an inner map (kernel: mark_ptr_not_null_reg)
            io.github.bpf4j.vm.MapSpec inner = r.map.inner();
            r.copyFrom(RegState.pointer(RegType.CONST_PTR_TO_MAP, 0));
            r.map = inner;
        } else {
            r.type = r.type.notNull();
        }
    }

    /** Copies the refined value to every register of the path with the same scalar id. */
    private static void syncLinked(VerifierState st, RegState known) {
        for (FrameState f : st.frames) {
            for (RegState r : f.regs) {
                if (r != known && r.type == RegType.SCALAR && r.id == known.id) {
                    r.copyFrom(known);
                }
            }
            for (int spi = 0; spi < f.allocatedStack / 8; spi++) {
                if (f.isSpilledScalar(spi) && f.spilled[spi].id == known.id) {
                    boolean p = f.spilled[spi].precise;
                    f.spilled[spi].copyFrom(known);
                    f.spilled[spi].precise |= p;
                }
            }
        }
    }

    /** Packet pointer against packet end: proves a range on one side (kernel: try_match_pkt_pointers). */
    private boolean matchPacketPointers(Instruction insn, int op, RegState dst, RegState src, VerifierState other) {
        if (src == null || insn.cls() == CLS_JMP32) {
            return false;
        }
        RegState pkt;
        int cmp = op;
        // data against data_end, or data_meta against data (the metadata ends where the data starts)
        if (dst.type == RegType.PTR_TO_PACKET && src.type == RegType.PTR_TO_PACKET_END
                || dst.type == RegType.PTR_TO_PACKET_META && isInitialPacketPointer(src)) {
            pkt = dst;
        } else if (dst.type == RegType.PTR_TO_PACKET_END && src.type == RegType.PTR_TO_PACKET
                || isInitialPacketPointer(dst) && src.type == RegType.PTR_TO_PACKET_META) {
            pkt = src; // pkt_end > pkt is pkt < pkt_end
            cmp = switch (op) {
                case JGT -> JLT;
                case JLT -> JGT;
                case JGE -> JLE;
                case JLE -> JGE;
                default -> op;
            };
        } else {
            return false;
        }
        switch (cmp) {
            case JGT -> findGoodPacketPointers(cur, pkt, false);   // falls through when pkt <= pkt_end
            case JLT -> findGoodPacketPointers(other, pkt, true);  // jumps when pkt < pkt_end
            case JGE -> findGoodPacketPointers(cur, pkt, true);
            case JLE -> findGoodPacketPointers(other, pkt, false);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** data itself, unmoved (kernel: reg_is_init_pkt_pointer). */
    private static boolean isInitialPacketPointer(RegState r) {
        return r.type == RegType.PTR_TO_PACKET && r.off == 0 && r.varOff.isConst() && r.varOff.value() == 0;
    }

    /**
     * On the side where {@code pkt} is proven within the packet, every packet pointer of the path
     * with its id gets the range up to pkt's offset (kernel: find_good_pkt_pointers).
     */
    private static void findGoodPacketPointers(VerifierState st, RegState pkt, boolean rightOpen) {
        if (pkt.off < 0 || (pkt.off == 0 && rightOpen)) {
            return;
        }
        if (Long.compareUnsigned(pkt.umax, MAX_PACKET_OFF) > 0 || pkt.umax + pkt.off > MAX_PACKET_OFF) {
            return;
        }
        int newRange = pkt.off + (rightOpen ? 1 : 0);
        for (FrameState f : st.frames) {
            for (RegState r : f.regs) {
                widenPacketRange(r, pkt.type, pkt.id, newRange);
            }
            for (int spi = 0; spi < f.allocatedStack / 8; spi++) {
                if (f.spilled[spi] != null) {
                    widenPacketRange(f.spilled[spi], pkt.type, pkt.id, newRange);
                }
            }
        }
    }


    private static void widenPacketRange(RegState r, RegType type, int id, int range) {
        if (r.type == type && r.id == id) {
            r.range = Math.max(r.range, range);
        }
    }

    private VerifierState pushStack(int target, int from) {
        VerifierState copy = cur.copy();
        copy.pendingInsn = target;
        copy.lastInsn = from;
        copy.logMark = log.mark();
        if (copy.parent != null) {
            copy.parent.branches++;
        }
        stack.push(copy);
        if (stack.size() > COMPLEXITY_LIMIT_JMP_SEQ) {
            throw new Rejection(from, "The sequence of " + stack.size() + " jumps is too complex.");
        }
        return copy;
    }

    // ---- pruning ----

    private boolean isStateVisited(int pc) {
        // a long jump history forces a checkpoint (the kernel keeps histories short this way)
        boolean mayGoto = ps.insns[pc].opcode() == MAY_GOTO_OP;
        boolean callsCallback = ps.callsCallback[pc];
        boolean force = cur.jmpHistoryCnt > 40 || mayGoto || callsCallback;
        boolean addNew = force || jmpsProcessed - prevJmpsProcessed >= 2 && insnProcessed - prevInsnProcessed >= 8;
        List<Checkpoint> list = explored[pc];
        if (list == null) {
            list = new ArrayList<>();
            explored[pc] = list;
        }
        int count = 0;
        for (int i = 0; i < list.size(); i++) {
            Checkpoint sl = list.get(i);
            if (!sameCallsites(sl.state, cur)) {
                continue;
            }
            count++;
            if (sl.branches > 0) {
                // another iteration of a may_goto loop that covers no new values ends here
                if (mayGoto && sl.state.mayGotoDepth != cur.mayGotoDepth
                        && comparison.statesEqual(sl.state, cur, StateComparison.Mode.RANGE_WITHIN, ps.liveRegs[pc] | 1 << 10)) {
                    sl.hits++;
                    precision.propagatePrecision(sl.state, cur);
                    return true;
                }
                // a callback's next iteration that covers no new values ends here
                if (callsCallback) {
                    if (comparison.statesEqual(sl.state, cur, StateComparison.Mode.RANGE_WITHIN, ps.liveRegs[pc] | 1 << 10)) {
                        sl.hits++;
                        precision.propagatePrecision(sl.state, cur);
                        return true;
                    }
                } else if (sl.state.mayGotoDepth == cur.mayGotoDepth && sl.state.callbackUnrollDepth == cur.callbackUnrollDepth
                        && StateComparison.maybeLooping(sl.state, cur)
                        && comparison.statesEqual(sl.state, cur, StateComparison.Mode.EXACT)) {
                    throw new Rejection(pc, "infinite loop detected at insn " + pc);
                }
                // in a loop, different iterations rarely help pruning: add states less often
                if (!force && jmpsProcessed - prevJmpsProcessed < 20 && insnProcessed - prevInsnProcessed < 100) {
                    addNew = false;
                }
            } else {
                cleanLiveStates(sl);
                if (comparison.statesEqual(sl.state, cur, StateComparison.Mode.NOT_EXACT)) {
                    sl.hits++;
                    precision.propagatePrecision(sl.state, cur);
                    return true;
                }
            }
            // a state that keeps missing is unlikely to help: forget it (the kernel's heuristic);
            // a may_goto checkpoint still being explored gets more chances (iterations converge late)
            if (addNew) {
                sl.misses++;
            }
            int chances = mayGoto && sl.branches > 0 ? 64 : 3;
            if (sl.misses > sl.hits * chances + chances) {
                list.remove(i--);
                liveStates--;
            }
        }
        maxStatesPerInsn = Math.max(maxStatesPerInsn, count);
        if (!addNew) {
            return false;
        }
        Checkpoint cp = new Checkpoint(pc, cur.snapshot(), cur.parent, cur.history, cur.historyStack);
        cp.state.firstInsn = cur.firstInsn;
        totalStates++;
        liveStates++;
        peakStates = Math.max(peakStates, liveStates);
        prevJmpsProcessed = jmpsProcessed;
        prevInsnProcessed = insnProcessed;
        cur.parent = cp;
        cur.history = new IntList();
        cur.historyStack = new IntList();
        cur.firstInsn = pc;
        cur.jmpHistoryCnt = 0;
        Precision.markAllScalarsImprecise(cur);
        list.add(0, cp);
        return false;
    }

    private static boolean sameCallsites(VerifierState a, VerifierState b) {
        if (a.frames.size() != b.frames.size()) {
            return false;
        }
        for (int i = 0; i < a.frames.size(); i++) {
            if (a.frames.get(i).callsite != b.frames.get(i).callsite) {
                return false;
            }
        }
        return true;
    }

    /** Forgets, in a finished explored state, what no later instruction reads. */
    private void cleanLiveStates(Checkpoint sl) {
        if (sl.cleaned) {
            return;
        }
        sl.cleaned = true;
        List<FrameState> frames = sl.state.frames;
        for (int i = 0; i < frames.size(); i++) {
            FrameState f = frames.get(i);
            // a callback returns to the helper call itself, which reads the arguments again
            FrameState callee = i == frames.size() - 1 ? null : frames.get(i + 1);
            int at = callee == null ? sl.insn : callee.inCallback ? callee.callsite : callee.callsite + 1;
            int live = ps.liveRegs[at];
            for (int r = 0; r < 10; r++) {
                if ((live & (1 << r)) == 0) {
                    f.regs[r].markNotInit();
                }
            }
            long liveSlots = ps.liveStack[at];
            for (int spi = 0; spi < f.allocatedStack / 8; spi++) {
                if ((liveSlots & (1L << spi)) == 0) {
                    f.clearSlot(spi);
                }
            }
        }
    }
}
