package io.github.bpf4j.vm;

import static io.github.bpf4j.vm.Predecoder.*;
import static io.github.bpf4j.vm.Superinstructions.*;

import java.util.Arrays;

/**
 * A program loaded into the interpreter. The hot loop lives in {@link #execute}; everything rare
 * (helpers, calls, atomics, legacy packet loads, faults) is out of line to keep it small enough
 * for HotSpot to compile well.
 */
final class InterpretedProgram implements LoadedProgram, HelperContext {
    /** Sentinel op after the last slot: running into it means the program fell off its end. */
    private static final int FELL_OFF_END = 0x01;
    /** The kernel's may_goto budget per run (BPF_MAX_LOOPS). */
    static final int MAY_GOTO_BUDGET = 8 * 1024 * 1024;

    private final long[] code;
    private final ProgramEnvironment environment;
    private final Memory memory;
    private final Helper[] helpers;
    private final Helpers helperNames;
    private final long budget;
    private final long[] regs = new long[11];
    /** r1..r9 and r10 of each caller, and its return pc. */
    private final long[] savedRegs = new long[Memory.MAX_FRAMES * 10];
    private final int[] returnPcs = new int[Memory.MAX_FRAMES];
    private int depth;
    /** The frame a run (or a helper's callback) started in; its exit ends {@link #execute}. */
    private int baseDepth;
    /** Instructions run by callbacks and tail-called programs in the current run. */
    private long otherInstructions;
    private int mayGoto;
    private int currentPc;
    private long executed;
    private boolean closed;
    /**
     * Some instruction names r10. Without one no pointer to a stack frame can exist, so frames
     * need not be zeroed on entry: what an earlier run left there is unobservable.
     */
    private final boolean namesR10;

    InterpretedProgram(Program program, LoadOptions options) {
        this.environment = ProgramEnvironment.create(program, options);
        this.memory = environment.memory();
        long[] predecoded = Predecoder.predecode(program, environment);
        this.code = Arrays.copyOf(predecoded, predecoded.length + 1);
        this.code[predecoded.length] = FELL_OFF_END;
        Superinstructions.fuse(code, predecoded.length);
        this.helpers = options.helpers().table();
        this.helperNames = options.helpers();
        this.budget = options.instructionBudget();
        this.namesR10 = program.instructions().stream().anyMatch(i -> i.dst() == 10 || i.src() == 10);
    }

    private long enterFrame(int frame) {
        return namesR10 ? memory.enterFrame(frame) : Memory.framePointer(frame);
    }

    @Override
    public RunResult run(byte[] input) {
        return runOn(RunInput.packet(input));
    }

    @Override
    public RunResult runOn(RunInput input) {
        if (closed) {
            throw new BpfException("program is closed");
        }
        return environment.runFollowingTailCalls(this, InterpretedProgram.class, "interpreter", input, RUNNER);
    }

    private static final ProgramEnvironment.ProgramRunner<InterpretedProgram> RUNNER = new ProgramEnvironment.ProgramRunner<>() {
        @Override
        public long execute(InterpretedProgram p, long r1, long r2) {
            p.otherInstructions = 0;
            return p.execute(0, 0, r1, r2, 0, 0, 0);
        }

        @Override
        public long instructions(InterpretedProgram p) {
            return p.executed + p.otherInstructions;
        }

        @Override
        public ProgramEnvironment environment(InterpretedProgram p) {
            return p.environment;
        }
    };

    @Override
    public java.util.List<io.github.bpf4j.vm.maps.BpfMap> programMaps() {
        return environment.maps().subList(0, environment.program().maps().size());
    }

    @Override
    public ProgramEnvironment environment() {
        return environment;
    }

    @Override
    public long callFunction(long function, long a1, long a2, long a3, long a4, long a5) {
        int pc = currentPc;
        ProgramEnvironment.callbackPc(function, pc);
        int start = functionStart(function, pc);
        if (depth + 1 >= Memory.MAX_FRAMES) {
            throw new BpfFault(BpfFault.Kind.CALL_DEPTH, pc, 0, "more than " + Memory.MAX_FRAMES + " nested call frames");
        }
        long[] saved = regs.clone();
        int savedDepth = depth;
        int savedBase = baseDepth;
        long savedExecuted = executed;
        try {
            return execute(start, depth + 1, a1, a2, a3, a4, a5);
        } finally {
            otherInstructions += executed;
            System.arraycopy(saved, 0, regs, 0, saved.length);
            depth = savedDepth;
            baseDepth = savedBase;
            executed = savedExecuted;
            currentPc = pc;
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public Memory memory() {
        return memory;
    }

    @Override
    public int pc() {
        return currentPc;
    }

    /** Runs from {@code startPc} in frame {@code frame} until that frame exits; returns r0. */
    private long execute(int startPc, int frame, long r1, long r2, long r3, long r4, long r5) {
        final long[] code = this.code;
        final long[] r = this.regs;
        final Memory m = this.memory;
        final long budget = this.budget;
        Arrays.fill(r, 0);
        r[1] = r1;
        r[2] = r2;
        r[3] = r3;
        r[4] = r4;
        r[5] = r5;
        r[10] = enterFrame(frame);
        depth = frame;
        baseDepth = frame;
        if (frame == 0) {
            mayGoto = MAY_GOTO_BUDGET;
        }
        int pc = startPc;
        long count = 0;
        try {
            for (;;) {
                long insn = code[pc];
                if (++count > budget) {
                    throw budgetExhausted(pc, budget);
                }
                int dst = (int) (insn >>> 8) & 0xf;
                int src = (int) (insn >>> 12) & 0xf;
                long imm = insn >> 32;
                switch ((int) insn & 0xff) {
                    // ALU64, immediate and register
                    case 0x07 -> r[dst] += imm;
                    case 0x0f -> r[dst] += r[src];
                    case 0x17 -> r[dst] -= imm;
                    case 0x1f -> r[dst] -= r[src];
                    case 0x27 -> r[dst] *= imm;
                    case 0x2f -> r[dst] *= r[src];
                    case 0x37 -> r[dst] = Semantics.udiv64(r[dst], imm);
                    case 0x3f -> r[dst] = Semantics.udiv64(r[dst], r[src]);
                    case 0x47 -> r[dst] |= imm;
                    case 0x4f -> r[dst] |= r[src];
                    case 0x57 -> r[dst] &= imm;
                    case 0x5f -> r[dst] &= r[src];
                    case 0x67 -> r[dst] <<= imm;
                    case 0x6f -> r[dst] <<= r[src];
                    case 0x77 -> r[dst] >>>= imm;
                    case 0x7f -> r[dst] >>>= r[src];
                    case 0x87 -> r[dst] = -r[dst];
                    case 0x97 -> r[dst] = Semantics.umod64(r[dst], imm);
                    case 0x9f -> r[dst] = Semantics.umod64(r[dst], r[src]);
                    case 0xa7 -> r[dst] ^= imm;
                    case 0xaf -> r[dst] ^= r[src];
                    case 0xb7 -> r[dst] = imm;
                    case 0xbf -> r[dst] = r[src];
                    case 0xc7 -> r[dst] >>= imm;
                    case 0xcf -> r[dst] >>= r[src];
                    case SDIV64_K -> r[dst] = Semantics.sdiv64(r[dst], imm);
                    case SDIV64_X -> r[dst] = Semantics.sdiv64(r[dst], r[src]);
                    case SMOD64_K -> r[dst] = Semantics.smod64(r[dst], imm);
                    case SMOD64_X -> r[dst] = Semantics.smod64(r[dst], r[src]);
                    case MOVSX64_8 -> r[dst] = (byte) r[src];
                    case MOVSX64_16 -> r[dst] = (short) r[src];
                    case MOVSX64_32 -> r[dst] = (int) r[src];
                    // ALU32: operate on the low halves, zero-extend the result
                    case 0x04 -> r[dst] = (int) r[dst] + (int) imm & 0xffff_ffffL;
                    case 0x0c -> r[dst] = (int) r[dst] + (int) r[src] & 0xffff_ffffL;
                    case 0x14 -> r[dst] = (int) r[dst] - (int) imm & 0xffff_ffffL;
                    case 0x1c -> r[dst] = (int) r[dst] - (int) r[src] & 0xffff_ffffL;
                    case 0x24 -> r[dst] = (int) r[dst] * (int) imm & 0xffff_ffffL;
                    case 0x2c -> r[dst] = (int) r[dst] * (int) r[src] & 0xffff_ffffL;
                    case 0x34 -> r[dst] = Semantics.udiv32(r[dst], imm);
                    case 0x3c -> r[dst] = Semantics.udiv32(r[dst], r[src]);
                    case 0x44 -> r[dst] = ((int) r[dst] | (int) imm) & 0xffff_ffffL;
                    case 0x4c -> r[dst] = ((int) r[dst] | (int) r[src]) & 0xffff_ffffL;
                    case 0x54 -> r[dst] = (int) r[dst] & (int) imm & 0xffff_ffffL;
                    case 0x5c -> r[dst] = (int) r[dst] & (int) r[src] & 0xffff_ffffL;
                    case 0x64 -> r[dst] = (int) r[dst] << (int) imm & 0xffff_ffffL;
                    case 0x6c -> r[dst] = (int) r[dst] << (int) r[src] & 0xffff_ffffL;
                    case 0x74 -> r[dst] = (int) r[dst] >>> (int) imm & 0xffff_ffffL;
                    case 0x7c -> r[dst] = (int) r[dst] >>> (int) r[src] & 0xffff_ffffL;
                    case 0x84 -> r[dst] = -(int) r[dst] & 0xffff_ffffL;
                    case 0x94 -> r[dst] = Semantics.umod32(r[dst], imm);
                    case 0x9c -> r[dst] = Semantics.umod32(r[dst], r[src]);
                    case 0xa4 -> r[dst] = ((int) r[dst] ^ (int) imm) & 0xffff_ffffL;
                    case 0xac -> r[dst] = ((int) r[dst] ^ (int) r[src]) & 0xffff_ffffL;
                    case 0xb4 -> r[dst] = imm & 0xffff_ffffL;
                    case 0xbc -> r[dst] = r[src] & 0xffff_ffffL;
                    case 0xc4 -> r[dst] = (int) r[dst] >> (int) imm & 0xffff_ffffL;
                    case 0xcc -> r[dst] = (int) r[dst] >> (int) r[src] & 0xffff_ffffL;
                    case SDIV32_K -> r[dst] = Semantics.sdiv32(r[dst], imm);
                    case SDIV32_X -> r[dst] = Semantics.sdiv32(r[dst], r[src]);
                    case SMOD32_K -> r[dst] = Semantics.smod32(r[dst], imm);
                    case SMOD32_X -> r[dst] = Semantics.smod32(r[dst], r[src]);
                    case MOVSX32_8 -> r[dst] = (byte) r[src] & 0xffff_ffffL;
                    case MOVSX32_16 -> r[dst] = (short) r[src] & 0xffff_ffffL;
                    // byte order
                    case LE16 -> r[dst] &= 0xffffL;
                    case LE32 -> r[dst] &= 0xffff_ffffL;
                    case LE64 -> { }
                    case BE16, BSWAP16 -> r[dst] = Semantics.bswap16(r[dst]);
                    case BE32, BSWAP32 -> r[dst] = Semantics.bswap32(r[dst]);
                    case BE64, BSWAP64 -> r[dst] = Semantics.bswap64(r[dst]);
                    // 64-bit immediate
                    case 0x18 -> {
                        r[dst] = (insn >>> 32) | (code[pc + 1] & 0xffff_ffff_0000_0000L);
                        pc++;
                    }
                    // loads and stores
                    case 0x61 -> r[dst] = m.load32(r[src] + (short) (insn >>> 16), pc);
                    case 0x69 -> r[dst] = m.load16(r[src] + (short) (insn >>> 16), pc);
                    case 0x71 -> r[dst] = m.load8(r[src] + (short) (insn >>> 16), pc);
                    case 0x79 -> r[dst] = m.load64(r[src] + (short) (insn >>> 16), pc);
                    case 0x81 -> r[dst] = (int) m.load32(r[src] + (short) (insn >>> 16), pc);
                    case 0x89 -> r[dst] = (short) m.load16(r[src] + (short) (insn >>> 16), pc);
                    case 0x91 -> r[dst] = (byte) m.load8(r[src] + (short) (insn >>> 16), pc);
                    case 0x62 -> m.store32(r[dst] + (short) (insn >>> 16), imm, pc);
                    case 0x6a -> m.store16(r[dst] + (short) (insn >>> 16), imm, pc);
                    case 0x72 -> m.store8(r[dst] + (short) (insn >>> 16), imm, pc);
                    case 0x7a -> m.store64(r[dst] + (short) (insn >>> 16), imm, pc);
                    case 0x63 -> m.store32(r[dst] + (short) (insn >>> 16), r[src], pc);
                    case 0x6b -> m.store16(r[dst] + (short) (insn >>> 16), r[src], pc);
                    case 0x73 -> m.store8(r[dst] + (short) (insn >>> 16), r[src], pc);
                    case 0x7b -> m.store64(r[dst] + (short) (insn >>> 16), r[src], pc);
                    case 0xc3, 0xdb, 0xcb, 0xd3 -> atomic(insn, pc);
                    case 0x20, 0x28, 0x30, 0x40, 0x48, 0x50 -> {
                        if (!packetLoad(insn)) {
                            executed = count;
                            return 0; // out of bounds: the program returns 0, as in the kernel
                        }
                    }
                    // jumps
                    case 0x05 -> pc += (short) (insn >>> 16);
                    case 0x06 -> pc += (int) imm;
                    case 0x15 -> { if (r[dst] == imm) pc += (short) (insn >>> 16); }
                    case 0x1d -> { if (r[dst] == r[src]) pc += (short) (insn >>> 16); }
                    case 0x25 -> { if (Long.compareUnsigned(r[dst], imm) > 0) pc += (short) (insn >>> 16); }
                    case 0x2d -> { if (Long.compareUnsigned(r[dst], r[src]) > 0) pc += (short) (insn >>> 16); }
                    case 0x35 -> { if (Long.compareUnsigned(r[dst], imm) >= 0) pc += (short) (insn >>> 16); }
                    case 0x3d -> { if (Long.compareUnsigned(r[dst], r[src]) >= 0) pc += (short) (insn >>> 16); }
                    case 0x45 -> { if ((r[dst] & imm) != 0) pc += (short) (insn >>> 16); }
                    case 0x4d -> { if ((r[dst] & r[src]) != 0) pc += (short) (insn >>> 16); }
                    case 0x55 -> { if (r[dst] != imm) pc += (short) (insn >>> 16); }
                    case 0x5d -> { if (r[dst] != r[src]) pc += (short) (insn >>> 16); }
                    case 0x65 -> { if (r[dst] > imm) pc += (short) (insn >>> 16); }
                    case 0x6d -> { if (r[dst] > r[src]) pc += (short) (insn >>> 16); }
                    case 0x75 -> { if (r[dst] >= imm) pc += (short) (insn >>> 16); }
                    case 0x7d -> { if (r[dst] >= r[src]) pc += (short) (insn >>> 16); }
                    case 0xa5 -> { if (Long.compareUnsigned(r[dst], imm) < 0) pc += (short) (insn >>> 16); }
                    case 0xad -> { if (Long.compareUnsigned(r[dst], r[src]) < 0) pc += (short) (insn >>> 16); }
                    case 0xb5 -> { if (Long.compareUnsigned(r[dst], imm) <= 0) pc += (short) (insn >>> 16); }
                    case 0xbd -> { if (Long.compareUnsigned(r[dst], r[src]) <= 0) pc += (short) (insn >>> 16); }
                    case 0xc5 -> { if (r[dst] < imm) pc += (short) (insn >>> 16); }
                    case 0xcd -> { if (r[dst] < r[src]) pc += (short) (insn >>> 16); }
                    case 0xd5 -> { if (r[dst] <= imm) pc += (short) (insn >>> 16); }
                    case 0xdd -> { if (r[dst] <= r[src]) pc += (short) (insn >>> 16); }
                    // jumps on the low 32 bits
                    case 0x16 -> { if ((int) r[dst] == (int) imm) pc += (short) (insn >>> 16); }
                    case 0x1e -> { if ((int) r[dst] == (int) r[src]) pc += (short) (insn >>> 16); }
                    case 0x26 -> { if (Integer.compareUnsigned((int) r[dst], (int) imm) > 0) pc += (short) (insn >>> 16); }
                    case 0x2e -> { if (Integer.compareUnsigned((int) r[dst], (int) r[src]) > 0) pc += (short) (insn >>> 16); }
                    case 0x36 -> { if (Integer.compareUnsigned((int) r[dst], (int) imm) >= 0) pc += (short) (insn >>> 16); }
                    case 0x3e -> { if (Integer.compareUnsigned((int) r[dst], (int) r[src]) >= 0) pc += (short) (insn >>> 16); }
                    case 0x46 -> { if (((int) r[dst] & (int) imm) != 0) pc += (short) (insn >>> 16); }
                    case 0x4e -> { if (((int) r[dst] & (int) r[src]) != 0) pc += (short) (insn >>> 16); }
                    case 0x56 -> { if ((int) r[dst] != (int) imm) pc += (short) (insn >>> 16); }
                    case 0x5e -> { if ((int) r[dst] != (int) r[src]) pc += (short) (insn >>> 16); }
                    case 0x66 -> { if ((int) r[dst] > (int) imm) pc += (short) (insn >>> 16); }
                    case 0x6e -> { if ((int) r[dst] > (int) r[src]) pc += (short) (insn >>> 16); }
                    case 0x76 -> { if ((int) r[dst] >= (int) imm) pc += (short) (insn >>> 16); }
                    case 0x7e -> { if ((int) r[dst] >= (int) r[src]) pc += (short) (insn >>> 16); }
                    case 0xa6 -> { if (Integer.compareUnsigned((int) r[dst], (int) imm) < 0) pc += (short) (insn >>> 16); }
                    case 0xae -> { if (Integer.compareUnsigned((int) r[dst], (int) r[src]) < 0) pc += (short) (insn >>> 16); }
                    case 0xb6 -> { if (Integer.compareUnsigned((int) r[dst], (int) imm) <= 0) pc += (short) (insn >>> 16); }
                    case 0xbe -> { if (Integer.compareUnsigned((int) r[dst], (int) r[src]) <= 0) pc += (short) (insn >>> 16); }
                    case 0xc6 -> { if ((int) r[dst] < (int) imm) pc += (short) (insn >>> 16); }
                    case 0xce -> { if ((int) r[dst] < (int) r[src]) pc += (short) (insn >>> 16); }
                    case 0xd6 -> { if ((int) r[dst] <= (int) imm) pc += (short) (insn >>> 16); }
                    case 0xde -> { if ((int) r[dst] <= (int) r[src]) pc += (short) (insn >>> 16); }
                    // superinstructions (see Superinstructions): the second slot's imm and offset are read here
                    case ADD_JEQ -> {
                        long v = r[dst] += imm;
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        if (v == (next >> 32)) {
                            pc += (short) (next >>> 16);
                        }
                    }
                    case ADD_JGT -> {
                        long v = r[dst] += imm;
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        if (Long.compareUnsigned(v, (next >> 32)) > 0) {
                            pc += (short) (next >>> 16);
                        }
                    }
                    case ADD_JGE -> {
                        long v = r[dst] += imm;
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        if (Long.compareUnsigned(v, (next >> 32)) >= 0) {
                            pc += (short) (next >>> 16);
                        }
                    }
                    case ADD_JNE -> {
                        long v = r[dst] += imm;
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        if (v != (next >> 32)) {
                            pc += (short) (next >>> 16);
                        }
                    }
                    case ADD_JLT -> {
                        long v = r[dst] += imm;
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        if (Long.compareUnsigned(v, (next >> 32)) < 0) {
                            pc += (short) (next >>> 16);
                        }
                    }
                    case ADD_JLE -> {
                        long v = r[dst] += imm;
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        if (Long.compareUnsigned(v, (next >> 32)) <= 0) {
                            pc += (short) (next >>> 16);
                        }
                    }
                    case ADD_JSGT -> {
                        long v = r[dst] += imm;
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        if (v > (next >> 32)) {
                            pc += (short) (next >>> 16);
                        }
                    }
                    case ADD_JSLT -> {
                        long v = r[dst] += imm;
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        if (v < (next >> 32)) {
                            pc += (short) (next >>> 16);
                        }
                    }
                    case LDXB_JEQ -> {
                        long v = r[dst] = m.load8(r[src] + (short) (insn >>> 16), pc);
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        if (v == (next >> 32)) {
                            pc += (short) (next >>> 16);
                        }
                    }
                    case LDXB_JNE -> {
                        long v = r[dst] = m.load8(r[src] + (short) (insn >>> 16), pc);
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        if (v != (next >> 32)) {
                            pc += (short) (next >>> 16);
                        }
                    }
                    case LDXB_JGT -> {
                        long v = r[dst] = m.load8(r[src] + (short) (insn >>> 16), pc);
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        if (Long.compareUnsigned(v, (next >> 32)) > 0) {
                            pc += (short) (next >>> 16);
                        }
                    }
                    case LDXB_JLE -> {
                        long v = r[dst] = m.load8(r[src] + (short) (insn >>> 16), pc);
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        if (Long.compareUnsigned(v, (next >> 32)) <= 0) {
                            pc += (short) (next >>> 16);
                        }
                    }
                    case LDXH_JEQ -> {
                        long v = r[dst] = m.load16(r[src] + (short) (insn >>> 16), pc);
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        if (v == (next >> 32)) {
                            pc += (short) (next >>> 16);
                        }
                    }
                    case LDXH_JNE -> {
                        long v = r[dst] = m.load16(r[src] + (short) (insn >>> 16), pc);
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        if (v != (next >> 32)) {
                            pc += (short) (next >>> 16);
                        }
                    }
                    case LDXH_JGT -> {
                        long v = r[dst] = m.load16(r[src] + (short) (insn >>> 16), pc);
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        if (Long.compareUnsigned(v, (next >> 32)) > 0) {
                            pc += (short) (next >>> 16);
                        }
                    }
                    case LDXH_JLE -> {
                        long v = r[dst] = m.load16(r[src] + (short) (insn >>> 16), pc);
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        if (Long.compareUnsigned(v, (next >> 32)) <= 0) {
                            pc += (short) (next >>> 16);
                        }
                    }
                    case LDXW_JEQ -> {
                        long v = r[dst] = m.load32(r[src] + (short) (insn >>> 16), pc);
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        if (v == (next >> 32)) {
                            pc += (short) (next >>> 16);
                        }
                    }
                    case LDXW_JNE -> {
                        long v = r[dst] = m.load32(r[src] + (short) (insn >>> 16), pc);
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        if (v != (next >> 32)) {
                            pc += (short) (next >>> 16);
                        }
                    }
                    case LDXW_JGT -> {
                        long v = r[dst] = m.load32(r[src] + (short) (insn >>> 16), pc);
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        if (Long.compareUnsigned(v, (next >> 32)) > 0) {
                            pc += (short) (next >>> 16);
                        }
                    }
                    case LDXW_JLE -> {
                        long v = r[dst] = m.load32(r[src] + (short) (insn >>> 16), pc);
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        if (Long.compareUnsigned(v, (next >> 32)) <= 0) {
                            pc += (short) (next >>> 16);
                        }
                    }
                    case LDXDW_JEQ -> {
                        long v = r[dst] = m.load64(r[src] + (short) (insn >>> 16), pc);
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        if (v == (next >> 32)) {
                            pc += (short) (next >>> 16);
                        }
                    }
                    case LDXDW_JNE -> {
                        long v = r[dst] = m.load64(r[src] + (short) (insn >>> 16), pc);
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        if (v != (next >> 32)) {
                            pc += (short) (next >>> 16);
                        }
                    }
                    case LDXDW_JGT -> {
                        long v = r[dst] = m.load64(r[src] + (short) (insn >>> 16), pc);
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        if (Long.compareUnsigned(v, (next >> 32)) > 0) {
                            pc += (short) (next >>> 16);
                        }
                    }
                    case LDXDW_JLE -> {
                        long v = r[dst] = m.load64(r[src] + (short) (insn >>> 16), pc);
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        if (Long.compareUnsigned(v, (next >> 32)) <= 0) {
                            pc += (short) (next >>> 16);
                        }
                    }
                    case MOV_ADDX -> {
                        int d = dst;
                        r[d] = r[src];
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        r[d] += r[(int) (next >>> 12) & 0xf];
                    }
                    case MOV_ADDK -> {
                        int d = dst;
                        r[d] = r[src];
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        r[d] += next >> 32;
                    }
                    case MOV_MULX -> {
                        int d = dst;
                        r[d] = r[src];
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        r[d] *= r[(int) (next >>> 12) & 0xf];
                    }
                    case MOV_ANDK -> {
                        int d = dst;
                        r[d] = r[src];
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        r[d] &= next >> 32;
                    }
                    case MOV_RSHK -> {
                        int d = dst;
                        r[d] = r[src];
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        r[d] >>>= next >> 32;
                    }
                    case MOV_LSHK -> {
                        int d = dst;
                        r[d] = r[src];
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        r[d] <<= next >> 32;
                    }
                    case MOV_XORX -> {
                        int d = dst;
                        r[d] = r[src];
                        long next = code[++pc];
                        if (++count > budget) {
                            throw budgetExhausted(pc, budget);
                        }
                        r[d] ^= r[(int) (next >>> 12) & 0xf];
                    }
                    case 0xe5 -> {
                        if (mayGoto == 0) {
                            pc += (short) (insn >>> 16);
                        } else {
                            mayGoto--;
                        }
                    }
                    // calls and exit
                    case 0x85 -> r[0] = callHelper(imm, pc);
                    case 0x8d -> {
                        long target = imm != 0 ? r[(int) imm] : r[dst];
                        if ((int) (target >>> 32) == FUNCTION_REGION) {
                            pc = enterCall(pc, functionStart(target, pc) - 1);
                        } else {
                            r[0] = callHelper(target, pc);
                        }
                    }
                    case CALL_LOCAL_OP -> pc = enterCall(pc, pc + (int) imm);
                    case 0x95 -> {
                        if (depth == baseDepth) {
                            executed = count;
                            return r[0];
                        }
                        pc = leaveCall();
                    }
                    case FELL_OFF_END -> throw new BpfFault(BpfFault.Kind.FELL_OFF_END, pc, 0,
                            "execution ran past the last instruction");
                    default -> throw new IllegalStateException("predecoder produced op " + (insn & 0xff));
                }
                pc++;
            }
        } finally {
            executed = count;
        }
    }

    private static BpfFault budgetExhausted(int pc, long budget) {
        return new BpfFault(BpfFault.Kind.BUDGET_EXHAUSTED, pc, 0, "more than " + budget + " instructions");
    }

    private long callHelper(long id, int pc) {
        Helper helper = id >= 0 && id < helpers.length ? helpers[(int) id] : null;
        if (helper == null) {
            throw new BpfFault(BpfFault.Kind.UNKNOWN_HELPER, pc, 0, "no helper " + helperNames.name(id));
        }
        long[] r = regs;
        currentPc = pc;
        return helper.call(r[1], r[2], r[3], r[4], r[5], this);
    }

    /**
     * The pc a function pointer called by callx at {@code pc} points to; a fault unless it is an
     * instruction (not past the end, not the second slot of an lddw).
     */
    private int functionStart(long pointer, int pc) {
        long target = pointer & 0xffff_ffffL;
        if (target >= code.length - 1 || ((int) code[(int) target] & 0xff) == Predecoder.LDDW_HIGH) {
            throw new BpfFault(BpfFault.Kind.OUT_OF_BOUNDS, pc, pointer, "callx target is not an instruction");
        }
        return (int) target;
    }

    /** Pushes a frame for a call at {@code pc}; returns the pc before the callee's first insn. */
    private int enterCall(int pc, int targetMinusOne) {
        if (depth + 1 >= Memory.MAX_FRAMES) {
            throw new BpfFault(BpfFault.Kind.CALL_DEPTH, pc, 0,
                    "more than " + Memory.MAX_FRAMES + " nested call frames");
        }
        // The caller keeps r1..r9: callee-saved r6..r9 by the ABI, r1..r5 because every engine
        // passes arguments by value (the verifier forbids reading them after a call anyway).
        System.arraycopy(regs, 1, savedRegs, depth * 10, 10);
        returnPcs[depth] = pc;
        depth++;
        regs[10] = enterFrame(depth);
        return targetMinusOne;
    }

    private int leaveCall() {
        depth--;
        System.arraycopy(savedRegs, depth * 10, regs, 1, 10);
        return returnPcs[depth];
    }

    private void atomic(long insn, int pc) {
        long[] r = regs;
        int dst = (int) (insn >>> 8) & 0xf;
        int src = (int) (insn >>> 12) & 0xf;
        int op = (int) (insn >>> 32);
        int size = Opcodes.sizeBytes((int) insn & 0xff);
        if (op == Opcodes.ATOMIC_LOAD_ACQ) {
            r[dst] = memory.load(r[src] + (short) (insn >>> 16), size, pc);
            return;
        }
        long address = r[dst] + (short) (insn >>> 16);
        if (op == Opcodes.ATOMIC_STORE_REL) {
            memory.store(address, size, r[src], pc);
            return;
        }
        long result = Semantics.atomic(memory, address, size, op, r[src], r[0], pc);
        if (op == Opcodes.ATOMIC_CMPXCHG) {
            r[0] = size == 8 ? result : Semantics.zext32(result);
        } else if ((op & Opcodes.ATOMIC_FETCH) != 0) {
            r[src] = size == 8 ? result : Semantics.zext32(result);
        }
    }

    /** LD_ABS / LD_IND: r0 = big-endian load from the packet; false when out of bounds. */
    private boolean packetLoad(long insn) {
        long[] r = regs;
        int opcode = (int) insn & 0xff;
        int size = Opcodes.sizeBytes(opcode);
        long offset = (int) (insn >> 32);
        if (Opcodes.mode(opcode) == Opcodes.MODE_IND) {
            offset = (int) (r[(int) (insn >>> 12) & 0xf] + offset);
        }
        byte[] packet = memory.input();
        if (offset < 0 || offset + size > packet.length) {
            r[0] = 0;
            return false;
        }
        long value = 0;
        for (int i = 0; i < size; i++) {
            value = value << 8 | (packet[(int) offset + i] & 0xff);
        }
        r[0] = value;
        return true;
    }
}
