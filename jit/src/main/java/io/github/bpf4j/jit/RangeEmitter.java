package io.github.bpf4j.jit;

import static io.github.bpf4j.vm.Opcodes.*;
import static org.objectweb.asm.Opcodes.AALOAD;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.ATHROW;
import static org.objectweb.asm.Opcodes.DUP2;
import static org.objectweb.asm.Opcodes.F_FULL;
import static org.objectweb.asm.Opcodes.F_SAME;
import static org.objectweb.asm.Opcodes.F_SAME1;
import static org.objectweb.asm.Opcodes.INTEGER;
import static org.objectweb.asm.Opcodes.LONG;
import static org.objectweb.asm.Opcodes.TOP;
import static org.objectweb.asm.Opcodes.GETFIELD;
import static org.objectweb.asm.Opcodes.GETSTATIC;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.I2B;
import static org.objectweb.asm.Opcodes.I2L;
import static org.objectweb.asm.Opcodes.I2S;
import static org.objectweb.asm.Opcodes.IADD;
import static org.objectweb.asm.Opcodes.IAND;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFGE;
import static org.objectweb.asm.Opcodes.IFGT;
import static org.objectweb.asm.Opcodes.IFLE;
import static org.objectweb.asm.Opcodes.IFLT;
import static org.objectweb.asm.Opcodes.IFNE;
import static org.objectweb.asm.Opcodes.IF_ICMPEQ;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.IMUL;
import static org.objectweb.asm.Opcodes.INEG;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.IOR;
import static org.objectweb.asm.Opcodes.IRETURN;
import static org.objectweb.asm.Opcodes.ISHL;
import static org.objectweb.asm.Opcodes.ISHR;
import static org.objectweb.asm.Opcodes.ISUB;
import static org.objectweb.asm.Opcodes.IUSHR;
import static org.objectweb.asm.Opcodes.IXOR;
import static org.objectweb.asm.Opcodes.L2I;
import static org.objectweb.asm.Opcodes.LADD;
import static org.objectweb.asm.Opcodes.LALOAD;
import static org.objectweb.asm.Opcodes.LAND;
import static org.objectweb.asm.Opcodes.LASTORE;
import static org.objectweb.asm.Opcodes.LCMP;
import static org.objectweb.asm.Opcodes.LCONST_0;
import static org.objectweb.asm.Opcodes.LLOAD;
import static org.objectweb.asm.Opcodes.LNEG;
import static org.objectweb.asm.Opcodes.LRETURN;
import static org.objectweb.asm.Opcodes.LSTORE;
import static org.objectweb.asm.Opcodes.PUTFIELD;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.Memory;
import io.github.bpf4j.vm.ProgramFacts;
import io.github.bpf4j.vm.ProgramType;

import java.util.ArrayList;
import java.util.List;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Emits the bytecode of one method covering the pc range [start, end): either a whole inline
 * subprogram (registers r1-r5 arrive as parameters, r0 is returned) or a chunk (registers arrive
 * and leave in a {@code long[]}, the method returns the pc to continue at, or -1 on exit).
 *
 * <p>Counting: each straight-line segment adds its instruction count on entry (see
 * {@link CodeLayout#endsSegment}); with a budget it also compares with it and, when over,
 * calls out to find the exact pc.
 */
final class RangeEmitter {
    static final String RT = "io/github/bpf4j/jit/JitRun";
    static final String RT_DESC = "L" + RT + ";";
    static final String MEMORY = "io/github/bpf4j/vm/Memory";
    static final String SEMANTICS = "io/github/bpf4j/vm/Semantics";
    static final String FAULT_DESC = "Lio/github/bpf4j/vm/BpfFault;";
    /**
     * A subprogram: (rt, r0..r9, depth) -> r0. The callee sees all of the caller's registers but
     * r10, as with one shared register file; the caller keeps its own r1..r9 (passed by value).
     */
    static final String FN_DESC = "(" + RT_DESC + "JJJJJJJJJJI)J";
    /** A chunk: (rt, regs, entry pc, depth) -> next pc or -1. */
    static final String CHUNK_DESC = "(" + RT_DESC + "[JII)I";
    /** callx: (rt, target, pc, depth, r0..r9) -> r0. */
    static final String CALLX_DESC = "(" + RT_DESC + "JIIJJJJJJJJJJ)J";
    static final String CONSTANTS_FIELD = "K";

    private final CodeLayout layout;
    private final String className;
    private final MethodVisitor mv;
    private final boolean chunk;
    private final int start;
    private final int end;
    private final Label[] labels;
    private final int[] regSlot = new int[11];
    private final int countSlot;
    private final int budgetSlot;
    private final int memSlot;
    private final int depthSlot;
    /** The local holding this frame's stack array, when {@link CodeLayout#r10Fixed}. */
    private final int stackSlot;
    /** The local holding the packet array, when some access here is proven to hit the packet. */
    private final int packetSlot;
    private final boolean usesPacket;
    /** Stack slots (bit i: r10 - 8 * (i + 1)) held in locals, see {@link CodeLayout#slotsInLocals}. */
    private final long slotsInLocals;
    /** The first local of the stack slots held in locals; slot i is at {@code firstSlotLocal + 2 * i}. */
    private final int firstSlotLocal;
    private final int maxLocals;
    /** Loads and stores that went straight to the frame's stack array. */
    private int directAccesses;
    /** Loads and stores specialised on the verifier's facts. */
    private int specialisedAccesses;
    /** Unsigned jumps compiled as signed compares on the verifier's facts. */
    private int specialisedCompares;
    private final Constants k;
    private final List<Runnable> stubs = new ArrayList<>();
    private Label spill;
    private final Label endLabel = new Label();
    /** The locals every frame of this method declares (all are set by the prologue). */
    private final Object[] frameLocals;
    /** Whether the last instruction emitted never falls through (a return, goto or throw). */
    private boolean afterTransfer;
    private boolean fullFrameDone;

    /**
     * @param tableIndex index of this method's constant table in the class's table array, or -1
     *                   when constants are {@code ldc}
     */
    RangeEmitter(CodeLayout layout, String className, MethodVisitor mv, boolean chunk, int start, int end,
                 int tableIndex) {
        this.layout = layout;
        this.className = className;
        this.mv = mv;
        this.chunk = chunk;
        this.start = start;
        this.end = end;
        int next;
        if (chunk) { // (rt 0, regs 1, entry 2, depth 3)
            depthSlot = 3;
            for (int i = 0; i <= 10; i++) {
                regSlot[i] = 4 + 2 * i;
            }
            next = 26;
        } else { // (rt 0, r0 1, r1 3, ..., r9 19, depth 21)
            for (int i = 0; i <= 9; i++) {
                regSlot[i] = 1 + 2 * i;
            }
            depthSlot = 21;
            regSlot[10] = 22;
            next = 24;
        }
        countSlot = next;
        budgetSlot = next + 2;
        memSlot = next + 4;
        stackSlot = next + 5;
        int tableSlot = next + 6;
        packetSlot = next + 7;
        firstSlotLocal = next + 8;
        usesPacket = provesPacket(layout, start, end);
        slotsInLocals = chunk ? 0 : layout.slotsInLocals[layout.subprogramOf(start)];
        maxLocals = Math.max(JitCompiler.MAX_LOCALS,
                slotsInLocals != 0 ? firstSlotLocal + 2 * slotCount() : usesPacket ? packetSlot + 1 : 0);
        k = new Constants(mv, tableIndex < 0 ? -1 : tableSlot);
        frameLocals = frameLocals(tableIndex >= 0);
        labels = new Label[end - start];
        for (int pc = start; pc < end; pc++) {
            if (layout.jumpTargets.get(pc) || (chunk && layout.chunkEntries.get(pc))) {
                labels[pc - start] = new Label();
            }
        }
        if (tableIndex >= 0) {
            mv.visitFieldInsn(GETSTATIC, className, CONSTANTS_FIELD, "[[J");
            k.pushInt(tableIndex);
            mv.visitInsn(AALOAD);
            mv.visitVarInsn(ASTORE, tableSlot);
        }
    }

    /**
     * The frame's locals, one entry per value (a long is one entry for two slots): rt, the
     * parameters, r10 (inline) or r0..r10 (chunk), count, budget (TOP when unused), memory, and
     * the constant table when there is one.
     */
    private Object[] frameLocals(boolean table) {
        List<Object> locals = new ArrayList<>();
        locals.add(RT);
        if (chunk) {
            locals.add("[J");
            locals.add(INTEGER);
            locals.add(INTEGER);
            for (int i = 0; i <= 10; i++) {
                locals.add(LONG);
            }
        } else {
            for (int i = 0; i <= 9; i++) {
                locals.add(LONG);
            }
            locals.add(INTEGER);
            locals.add(LONG);
        }
        locals.add(LONG);
        if (layout.budgeted) {
            locals.add(LONG);
        } else {
            locals.add(TOP);
            locals.add(TOP);
        }
        locals.add(MEMORY);
        boolean extra = usesPacket || slotsInLocals != 0;
        if (layout.r10Fixed || table || extra) {
            locals.add(layout.r10Fixed ? "[B" : TOP);
        }
        if (table || extra) {
            locals.add(table ? "[J" : TOP);
        }
        if (extra) {
            locals.add(usesPacket ? "[B" : TOP);
        }
        for (int i = 0; i < slotCount(); i++) {
            if ((slotsInLocals >>> i & 1) != 0) {
                locals.add(LONG);
            } else {
                locals.add(TOP);
                locals.add(TOP);
            }
        }
        return locals.toArray();
    }

    /** Stack slots up to the last one held in a local (locals are reserved for all of them). */
    private int slotCount() {
        return 64 - Long.numberOfLeadingZeros(slotsInLocals);
    }

    /** Whether the verifier proved some load or store in [start, end) to hit the packet. */
    private static boolean provesPacket(CodeLayout layout, int start, int end) {
        for (int pc = start; pc < end; pc = layout.next(pc)) {
            if (layout.facts.provenAccess(pc) == ProgramFacts.Region.PACKET) {
                return true;
            }
        }
        return false;
    }

    /** The locals this method needs, valid from construction. */
    int maxLocals() {
        return maxLocals;
    }

    /**
     * Declares the frame at a branch target (the class is written without computing frames).
     * Every frame has the same locals, so after the first full one they are "same" frames.
     */
    private void frame() {
        if (fullFrameDone) {
            mv.visitFrame(F_SAME, 0, null, 0, null);
        } else {
            mv.visitFrame(F_FULL, frameLocals.length, frameLocals, 0, null);
            fullFrameDone = true;
        }
    }

    /** The frame of the spill stub: the same locals and the pc to return on the stack. */
    private void frameWithPc() {
        Object[] stack = {INTEGER};
        if (fullFrameDone) {
            mv.visitFrame(F_SAME1, 0, null, 1, stack);
        } else {
            mv.visitFrame(F_FULL, frameLocals.length, frameLocals, 1, stack);
            fullFrameDone = true;
        }
    }

    /** Emits the whole method body; returns its constant table. */
    long[] emit() {
        prologue();
        Label bodyStart = new Label();
        mv.visitLabel(bodyStart);
        boolean newSegment = true;
        int pc = start;
        Instruction last = null;
        while (pc < end) {
            Instruction insn = layout.insns[pc];
            Label label = labels[pc - start];
            if (label == null) {
                label = new Label();
            }
            mv.visitLabel(label);
            if (labels[pc - start] != null || afterTransfer) {
                frame();
            }
            afterTransfer = false;
            mv.visitLineNumber(pc, label); // stack traces and the text show eBPF pcs as lines
            if (newSegment || labels[pc - start] != null) {
                countSegment(pc);
            }
            instruction(insn, pc);
            newSegment = layout.endsSegment(insn);
            last = insn;
            pc = layout.next(pc);
        }
        if (last != null && fallsThrough(last)) {
            leaveTo(end); // only chunks fall out of their range (the layout guarantees it)
        }
        for (Runnable stub : stubs) {
            stub.run();
        }
        mv.visitLabel(endLabel);
        for (int i = 0; i <= 10; i++) { // names for the text and debuggers
            mv.visitLocalVariable("r" + i, "J", null, bodyStart, endLabel, regSlot[i]);
        }
        mv.visitLocalVariable("count", "J", null, bodyStart, endLabel, countSlot);
        return k.table();
    }

    /** Bytes of code emitted, valid once the method is written. */
    int codeSize() {
        return endLabel.getOffset();
    }

    private static boolean fallsThrough(Instruction insn) {
        return insn.opcode() != EXIT_OP && insn.opcode() != JA_OP && insn.opcode() != GOTOL_OP;
    }

    private void prologue() {
        rt();
        mv.visitFieldInsn(GETFIELD, RT, "memory", "L" + MEMORY + ";");
        mv.visitVarInsn(ASTORE, memSlot);
        if (layout.r10Fixed) { // this frame's stack array, the region r10 points into
            mv.visitVarInsn(ALOAD, memSlot);
            mv.visitVarInsn(ILOAD, depthSlot);
            k.pushInt(Memory.FIRST_STACK_REGION);
            mv.visitInsn(IADD);
            mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "region", "(I)[B", false);
            mv.visitVarInsn(ASTORE, stackSlot);
        }
        if (usesPacket) { // the packet is set before the run and stays for all of it
            mv.visitVarInsn(ALOAD, memSlot);
            mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "input", "()[B", false);
            mv.visitVarInsn(ASTORE, packetSlot);
        }
        for (int i = 0; i < slotCount(); i++) {
            if ((slotsInLocals >>> i & 1) != 0) { // the frame starts zeroed
                mv.visitInsn(LCONST_0);
                mv.visitVarInsn(LSTORE, firstSlotLocal + 2 * i);
            }
        }
        rt();
        mv.visitFieldInsn(GETFIELD, RT, "count", "J");
        mv.visitVarInsn(LSTORE, countSlot);
        if (layout.budgeted) {
            rt();
            mv.visitFieldInsn(GETFIELD, RT, "budget", "J");
            mv.visitVarInsn(LSTORE, budgetSlot);
        }
        if (chunk) {
            for (int i = 0; i <= 10; i++) {
                mv.visitVarInsn(ALOAD, 1);
                k.pushInt(i);
                mv.visitInsn(LALOAD);
                store(i);
            }
            List<Integer> entries = new ArrayList<>();
            for (int pc = layout.chunkEntries.nextSetBit(start); pc >= 0 && pc < end;
                 pc = layout.chunkEntries.nextSetBit(pc + 1)) {
                entries.add(pc);
            }
            int[] keys = entries.stream().mapToInt(Integer::intValue).toArray();
            Label[] targets = new Label[keys.length];
            for (int i = 0; i < keys.length; i++) {
                targets[i] = labels[keys[i] - start];
            }
            spill = new Label();
            mv.visitVarInsn(ILOAD, 2);
            mv.visitLookupSwitchInsn(labels[0], keys, targets);
            stubs.add(this::spillStub);
        } else if (layout.frameUnseen[layout.subprogramOf(start)]) {
            mv.visitInsn(LCONST_0); // never read: nothing names r10
            store(10);
        } else {
            mv.visitVarInsn(ALOAD, memSlot);
            mv.visitVarInsn(ILOAD, depthSlot);
            mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "enterFrame", "(I)J", false);
            store(10);
        }
    }

    /** Stack: [int pc]. Hands the registers and count back and returns the pc. */
    private void spillStub() {
        mv.visitLabel(spill);
        frameWithPc();
        for (int i = 0; i <= 10; i++) {
            mv.visitVarInsn(ALOAD, 1);
            k.pushInt(i);
            load(i);
            mv.visitInsn(LASTORE);
        }
        syncCount();
        mv.visitInsn(IRETURN);
    }

    private void leaveTo(int pc) {
        k.pushInt(pc);
        mv.visitJumpInsn(GOTO, spill);
        afterTransfer = true;
    }

    // ---- counting ----

    private void countSegment(int pc) {
        int length = 0;
        int p = pc;
        while (p < end) {
            length++;
            Instruction insn = layout.insns[p];
            p = layout.next(p);
            if (layout.endsSegment(insn) || (p < end && labels[p - start] != null)) {
                break;
            }
        }
        mv.visitVarInsn(LLOAD, countSlot);
        k.pushLong(length);
        mv.visitInsn(LADD);
        if (!layout.budgeted) {
            mv.visitVarInsn(LSTORE, countSlot);
            return;
        }
        mv.visitInsn(DUP2);
        mv.visitVarInsn(LSTORE, countSlot);
        mv.visitVarInsn(LLOAD, budgetSlot);
        mv.visitInsn(LCMP);
        Label over = new Label();
        mv.visitJumpInsn(IFGT, over);
        int segmentLength = length;
        stubs.add(() -> {
            mv.visitLabel(over);
            frame();
            rt();
            k.pushInt(pc);
            mv.visitVarInsn(LLOAD, countSlot);
            k.pushInt(segmentLength);
            mv.visitMethodInsn(INVOKESTATIC, RT, "budgetExhausted", "(" + RT_DESC + "IJI)" + FAULT_DESC, false);
            mv.visitInsn(ATHROW);
        });
    }

    /** Stores the count local back into the runtime, before a call or on leaving. */
    private void syncCount() {
        rt();
        mv.visitVarInsn(LLOAD, countSlot);
        mv.visitFieldInsn(PUTFIELD, RT, "count", "J");
    }

    private void reloadCount() {
        rt();
        mv.visitFieldInsn(GETFIELD, RT, "count", "J");
        mv.visitVarInsn(LSTORE, countSlot);
    }

    // ---- instructions ----

    private void instruction(Instruction insn, int pc) {
        switch (insn.cls()) {
            case CLS_ALU64, CLS_ALU -> alu(insn);
            case CLS_JMP, CLS_JMP32 -> jump(insn, pc);
            case CLS_LD -> ld(insn, pc);
            case CLS_LDX -> ldx(insn, pc);
            case CLS_ST -> st(insn, pc);
            default -> stx(insn, pc);
        }
    }

    private void alu(Instruction insn) {
        boolean wide = insn.cls() == CLS_ALU64;
        boolean reg = source(insn.opcode()) == SRC_X;
        int op = op(insn.opcode());
        int dst = insn.dst();
        switch (op) {
            case MOV -> mov(insn, wide, reg);
            case NEG -> {
                load(dst);
                if (wide) {
                    mv.visitInsn(LNEG);
                } else {
                    mv.visitInsn(L2I);
                    mv.visitInsn(INEG);
                    zeroExtend();
                }
                store(dst);
            }
            case END -> endian(insn, wide, reg);
            case DIV, MOD -> {
                load(dst);
                if (reg) {
                    load(insn.src());
                } else {
                    k.pushLong(insn.imm());
                }
                String name = (insn.offset() == 1 ? "s" : "u") + (op == DIV ? "div" : "mod") + (wide ? "64" : "32");
                mv.visitMethodInsn(INVOKESTATIC, SEMANTICS, name, "(JJ)J", false);
                store(dst);
            }
            default -> {
                boolean shift = op == LSH || op == RSH || op == ARSH;
                load(dst);
                if (!wide) {
                    mv.visitInsn(L2I);
                }
                if (reg) {
                    load(insn.src());
                    if (!wide || shift) {
                        mv.visitInsn(L2I);
                    }
                } else if (!wide || shift) {
                    k.pushInt(insn.imm());
                } else {
                    k.pushLong(insn.imm());
                }
                mv.visitInsn(wide ? intOp(op) + 1 : intOp(op)); // each long op follows its int twin
                if (!wide) {
                    zeroExtend();
                }
                store(dst);
            }
        }
    }

    /** The JVM int operation of an ALU op; the JVM numbers each long one right after it (LADD = IADD + 1). */
    private static int intOp(int op) {
        return switch (op) {
            case ADD -> IADD;
            case SUB -> ISUB;
            case MUL -> IMUL;
            case OR -> IOR;
            case AND -> IAND;
            case XOR -> IXOR;
            case LSH -> ISHL;
            case RSH -> IUSHR;
            default -> ISHR;
        };
    }

    private void mov(Instruction insn, boolean wide, boolean reg) {
        if (!reg) {
            k.pushLong(wide ? insn.imm() : insn.imm() & 0xffff_ffffL);
        } else {
            load(insn.src());
            int bits = insn.offset();
            if (bits != 0 || !wide) {
                mv.visitInsn(L2I);
                if (bits == 8) {
                    mv.visitInsn(I2B);
                } else if (bits == 16) {
                    mv.visitInsn(I2S);
                }
                if (wide) {
                    mv.visitInsn(I2L);
                } else {
                    zeroExtend();
                }
            }
        }
        store(insn.dst());
    }

    private void endian(Instruction insn, boolean wide, boolean toBig) {
        int bits = insn.imm();
        load(insn.dst());
        if (wide || toBig) {
            mv.visitMethodInsn(INVOKESTATIC, SEMANTICS, "bswap" + bits, "(J)J", false);
        } else if (bits == 16) {
            k.pushLong(0xffff);
            mv.visitInsn(LAND);
        } else if (bits == 32) {
            mv.visitInsn(L2I);
            zeroExtend();
        }
        store(insn.dst());
    }

    private void jump(Instruction insn, int pc) {
        int opcode = insn.opcode();
        int op = op(opcode);
        if (opcode == CALL_OP) {
            call(insn, pc);
            return;
        }
        if (opcode == CALLX_OP) {
            callx(insn, pc);
            return;
        }
        if (opcode == EXIT_OP) {
            exit();
            return;
        }
        int target = CodeLayout.jumpTarget(insn, pc);
        if (op == JA) {
            jumpTo(GOTO, target);
            return;
        }
        if (opcode == MAY_GOTO_OP) {
            rt();
            mv.visitMethodInsn(INVOKESTATIC, RT, "mayGoto", "(" + RT_DESC + ")Z", false);
            jumpTo(IFNE, target);
            return;
        }
        boolean reg = source(opcode) == SRC_X;
        boolean wide = insn.cls() == CLS_JMP;
        boolean signed = signedCompare(op, pc);
        load(insn.dst());
        if (wide) {
            if (reg) {
                load(insn.src());
            } else {
                k.pushLong(insn.imm());
            }
            switch (op) {
                case JSET -> {
                    mv.visitInsn(LAND);
                    mv.visitInsn(LCONST_0);
                    mv.visitInsn(LCMP);
                }
                case JGT, JGE, JLT, JLE -> {
                    if (signed) {
                        mv.visitInsn(LCMP);
                    } else {
                        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
                    }
                }
                default -> mv.visitInsn(LCMP);
            }
            jumpTo(compareToZero(op), target);
        } else {
            mv.visitInsn(L2I);
            if (reg) {
                load(insn.src());
                mv.visitInsn(L2I);
            } else {
                k.pushInt(insn.imm());
            }
            switch (op) {
                case JSET -> {
                    mv.visitInsn(IAND);
                    jumpTo(IFNE, target);
                }
                case JGT, JGE, JLT, JLE -> {
                    if (signed) {
                        jumpTo(compareInts(op), target);
                    } else {
                        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "compareUnsigned", "(II)I", false);
                        jumpTo(compareToZero(op), target);
                    }
                }
                default -> jumpTo(compareInts(op), target);
            }
        }
    }

    /**
     * Whether the unsigned jump at pc may compare signed: the verifier proved both operands
     * non-negative there (a plain signed compare of an induction variable is what lets HotSpot
     * see a counted loop).
     */
    private boolean signedCompare(int op, int pc) {
        if ((op != JGT && op != JGE && op != JLT && op != JLE) || !layout.facts.unsignedCompareIsSigned(pc)) {
            return false;
        }
        specialisedCompares++;
        return true;
    }

    /** The JVM branch testing a compare result (-1, 0, 1) against zero. */
    private static int compareToZero(int op) {
        return switch (op) {
            case JEQ -> IFEQ;
            case JNE, JSET -> IFNE;
            case JGT, JSGT -> IFGT;
            case JGE, JSGE -> IFGE;
            case JLT, JSLT -> IFLT;
            default -> IFLE;
        };
    }

    /** Comparing two ints: the JVM numbers IF_ICMPxx six after IFxx (IF_ICMPEQ = IFEQ + 6). */
    private static int compareInts(int op) {
        return compareToZero(op) + IF_ICMPEQ - IFEQ;
    }

    private void jumpTo(int jvmOpcode, int target) {
        if (target >= start && target < end) {
            mv.visitJumpInsn(jvmOpcode, labels[target - start]);
            afterTransfer = jvmOpcode == GOTO;
        } else if (jvmOpcode == GOTO) {
            leaveTo(target);
        } else {
            Label away = new Label();
            mv.visitJumpInsn(jvmOpcode, away);
            stubs.add(() -> {
                mv.visitLabel(away);
                frame();
                leaveTo(target);
            });
        }
    }

    private void exit() {
        syncCount();
        if (chunk) {
            mv.visitVarInsn(ALOAD, 1);
            mv.visitInsn(org.objectweb.asm.Opcodes.ICONST_0);
            load(0);
            mv.visitInsn(LASTORE);
            mv.visitInsn(org.objectweb.asm.Opcodes.ICONST_M1);
            mv.visitInsn(IRETURN);
        } else {
            load(0);
            mv.visitInsn(LRETURN);
        }
        afterTransfer = true;
    }

    private void call(Instruction insn, int pc) {
        if (insn.src() == CALL_HELPER) {
            rt();
            mv.visitVarInsn(ILOAD, depthSlot);
            mv.visitFieldInsn(PUTFIELD, RT, "depth", "I");
            rt();
            k.pushLong(insn.imm());
            k.pushInt(pc);
            for (int i = 1; i <= 5; i++) {
                load(i);
            }
            mv.visitMethodInsn(INVOKESTATIC, RT, "callHelper", "(" + RT_DESC + "JIJJJJJ)J", false);
            store(0);
            return;
        }
        if (insn.src() != CALL_LOCAL) {
            throw new BpfException("pc " + pc + ": kfunc calls are not supported");
        }
        syncCount();
        rt();
        loadArguments();
        mv.visitVarInsn(ILOAD, depthSlot);
        k.pushInt(pc);
        mv.visitMethodInsn(INVOKESTATIC, RT, "nextDepth", "(II)I", false);
        mv.visitMethodInsn(INVOKESTATIC, className, JitCompiler.functionName(pc + insn.imm() + 1), FN_DESC, false);
        store(0);
        reloadCount();
    }

    private void callx(Instruction insn, int pc) {
        int reg = insn.imm() != 0 ? insn.imm() : insn.dst();
        syncCount();
        rt();
        load(reg);
        k.pushInt(pc);
        mv.visitVarInsn(ILOAD, depthSlot);
        loadArguments();
        mv.visitMethodInsn(INVOKESTATIC, className, JitCompiler.CALLX, CALLX_DESC, false);
        store(0);
        reloadCount();
    }

    /** r0..r9, what a local call hands to its callee. */
    private void loadArguments() {
        for (int i = 0; i <= 9; i++) {
            load(i);
        }
    }

    private void ld(Instruction insn, int pc) {
        if (insn.isLddw()) {
            long value = switch (insn.src()) {
                case PSEUDO_IMM64 -> layout.program.lddwValue(pc);
                case PSEUDO_FUNC -> Memory.pointer(JitRun.FUNCTION_REGION, pc + insn.imm() + 1);
                default -> throw new BpfException("pc " + pc + ": lddw with src " + insn.src()
                        + " refers to a map; maps are not supported yet");
            };
            k.pushLong(value);
            store(insn.dst());
            return;
        }
        ProgramType type = layout.program.type();
        if (type != ProgramType.RAW && type != ProgramType.SOCKET_FILTER && type != ProgramType.SCHED_CLS
                && type != ProgramType.SCHED_ACT && type != ProgramType.CGROUP_SKB) {
            throw new BpfException("pc " + pc + ": LD_ABS/LD_IND need a raw or socket_filter program, not "
                    + type.cliName());
        }
        rt();
        k.pushLong(insn.imm());
        if (mode(insn.opcode()) == MODE_IND) { // the offset wraps at 32 bits, signed
            load(insn.src());
            mv.visitInsn(LADD);
            mv.visitInsn(L2I);
            mv.visitInsn(I2L);
        }
        k.pushInt(sizeBytes(insn.opcode()));
        mv.visitVarInsn(LLOAD, countSlot); // the segment ends here, so this is the exact count
        mv.visitMethodInsn(INVOKESTATIC, RT, "loadPacket", "(" + RT_DESC + "JIJ)J", false);
        store(0);
    }

    /**
     * Pushes the value of a load of {@code size} bytes at {@code base + offset}, zero-extended.
     * Every memory access goes through this method or {@link #storeMemory}, which pick the
     * cheapest safe path: a private stack slot's local; this frame's array for r10 plus a constant
     * inside the frame (safe without facts where r10 is never written); with {@link CodeLayout#facts},
     * the packet array for an access proven to hit the packet, or this frame's array after a frame
     * check for one proven to hit some stack. Everything else goes through
     * {@link io.github.bpf4j.vm.Memory}, which checks the region and names the pc.
     */
    private void loadMemory(int size, int base, int offset, int pc) {
        int local = slotLocal(size, base, offset);
        if (local >= 0) {
            mv.visitVarInsn(LLOAD, local);
            return;
        }
        int at = stackIndex(size, base, offset);
        if (at >= 0) {
            mv.visitVarInsn(ALOAD, stackSlot);
            k.pushInt(at);
            mv.visitMethodInsn(INVOKESTATIC, RT, "stackLoad" + size * 8, "([BI)J", false);
            return;
        }
        switch (proven(pc)) {
            case PACKET -> {
                mv.visitVarInsn(ALOAD, packetSlot);
                load(base);
                k.pushInt(offset);
                k.pushInt(pc);
                mv.visitMethodInsn(INVOKESTATIC, RT, "packetLoad" + size * 8, "([BJII)J", false);
            }
            case STACK -> {
                frameAccessHead(base, offset);
                k.pushInt(size);
                k.pushInt(pc);
                mv.visitMethodInsn(INVOKESTATIC, RT, "frameLoad", "(L" + MEMORY + ";[BJJII)J", false);
            }
            default -> {
                address(base, offset);
                k.pushInt(pc);
                mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "load" + size * 8, "(JI)J", false);
            }
        }
    }

    /** Stores {@code size} bytes at {@code base + offset}; {@code value} pushes a long. */
    private void storeMemory(int size, int base, int offset, Runnable value, int pc) {
        int local = slotLocal(size, base, offset);
        if (local >= 0) {
            value.run();
            mv.visitVarInsn(LSTORE, local);
            return;
        }
        int at = stackIndex(size, base, offset);
        if (at >= 0) {
            mv.visitVarInsn(ALOAD, stackSlot);
            k.pushInt(at);
            value.run();
            mv.visitMethodInsn(INVOKESTATIC, RT, "stackStore" + size * 8, "([BIJ)V", false);
            return;
        }
        switch (proven(pc)) {
            case PACKET -> {
                mv.visitVarInsn(ALOAD, packetSlot);
                load(base);
                k.pushInt(offset);
                value.run();
                k.pushInt(pc);
                mv.visitMethodInsn(INVOKESTATIC, RT, "packetStore" + size * 8, "([BJIJI)V", false);
            }
            case STACK -> {
                frameAccessHead(base, offset);
                value.run();
                k.pushInt(size);
                k.pushInt(pc);
                mv.visitMethodInsn(INVOKESTATIC, RT, "frameStore", "(L" + MEMORY + ";[BJJJII)V", false);
            }
            default -> {
                address(base, offset);
                value.run();
                k.pushInt(pc);
                mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "store" + size * 8, "(JJI)V", false);
            }
        }
    }

    /**
     * The region the verifier proved the access at pc to hit, where this method can use it: the
     * packet array is in a local, and a stack access needs this frame's array and r10 to check
     * whether the pointer is into this frame (it may point into a caller's).
     */
    private ProgramFacts.Region proven(int pc) {
        ProgramFacts.Region region = layout.facts.provenAccess(pc);
        if (region == ProgramFacts.Region.STACK && !layout.r10Fixed) {
            return ProgramFacts.Region.NONE;
        }
        if (region != ProgramFacts.Region.NONE) {
            specialisedAccesses++;
        }
        return region;
    }

    /** Pushes memory, this frame's stack array, r10 and the address, for a frame access. */
    private void frameAccessHead(int base, int offset) {
        mv.visitVarInsn(ALOAD, memSlot);
        mv.visitVarInsn(ALOAD, stackSlot);
        load(10);
        load(base);
        if (offset != 0) {
            k.pushLong(offset);
            mv.visitInsn(LADD);
        }
    }

    /** The local holding the stack slot this access reads or writes whole, or -1. */
    private int slotLocal(int size, int base, int offset) {
        if (base != 10 || size != 8 || offset >= 0 || offset % 8 != 0 || offset < -Memory.STACK_SIZE) {
            return -1;
        }
        int slot = -offset / 8 - 1;
        if ((slotsInLocals >>> slot & 1) == 0) {
            return -1;
        }
        specialisedAccesses++;
        return firstSlotLocal + 2 * slot;
    }

    /**
     * The index into this frame's stack array of an access through r10 that stays inside the
     * frame, or -1. Where no instruction writes r10 it always holds this frame's pointer, so such
     * an access needs no region lookup and cannot fault, verified or not.
     */
    private int stackIndex(int size, int base, int offset) {
        int at = Memory.STACK_SIZE + offset;
        if (!layout.r10Fixed || base != 10 || at < 0 || at + size > Memory.STACK_SIZE) {
            return -1;
        }
        directAccesses++;
        return at;
    }

    /** Loads and stores that went straight to the stack array, valid after {@link #emit}. */
    int directAccesses() {
        return directAccesses;
    }

    /** Loads and stores specialised on the verifier's facts, valid after {@link #emit}. */
    int specialisedAccesses() {
        return specialisedAccesses;
    }

    /** Unsigned jumps compiled as signed compares on the verifier's facts, valid after {@link #emit}. */
    int specialisedCompares() {
        return specialisedCompares;
    }

    private void address(int base, int offset) {
        mv.visitVarInsn(ALOAD, memSlot);
        load(base);
        if (offset != 0) {
            k.pushLong(offset);
            mv.visitInsn(LADD);
        }
    }

    private void ldx(Instruction insn, int pc) {
        int size = sizeBytes(insn.opcode());
        loadMemory(size, insn.src(), insn.offset(), pc);
        if (mode(insn.opcode()) == MODE_MEMSX) {
            mv.visitInsn(L2I);
            if (size == 1) {
                mv.visitInsn(I2B);
            } else if (size == 2) {
                mv.visitInsn(I2S);
            }
            mv.visitInsn(I2L);
        }
        store(insn.dst());
    }

    private void st(Instruction insn, int pc) {
        storeMemory(sizeBytes(insn.opcode()), insn.dst(), insn.offset(), () -> k.pushLong(insn.imm()), pc);
    }

    private void stx(Instruction insn, int pc) {
        int size = sizeBytes(insn.opcode());
        int imm = insn.imm();
        if (mode(insn.opcode()) == MODE_MEM || imm == ATOMIC_STORE_REL) {
            storeMemory(size, insn.dst(), insn.offset(), () -> load(insn.src()), pc);
            return;
        }
        if (imm == ATOMIC_LOAD_ACQ) { // dst = *(src + off)
            loadMemory(size, insn.src(), insn.offset(), pc);
            store(insn.dst());
            return;
        }
        address(insn.dst(), insn.offset());
        k.pushInt(size);
        k.pushInt(imm);
        load(insn.src());
        load(0);
        k.pushInt(pc);
        mv.visitMethodInsn(INVOKESTATIC, SEMANTICS, "atomic", "(L" + MEMORY + ";JIIJJI)J", false);
        store(imm == ATOMIC_CMPXCHG ? 0 : insn.src());
    }

    // ---- locals ----

    private void rt() {
        mv.visitVarInsn(ALOAD, 0);
    }

    private void load(int reg) {
        mv.visitVarInsn(LLOAD, regSlot[reg]);
    }

    private void store(int reg) {
        mv.visitVarInsn(LSTORE, regSlot[reg]);
    }

    private void zeroExtend() {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "toUnsignedLong", "(I)J", false);
    }
}
