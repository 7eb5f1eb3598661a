package io.github.bpf4j.jit;

import static org.objectweb.asm.Opcodes.*;

import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramFacts;

import java.io.PrintWriter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;
import org.objectweb.asm.util.TraceClassVisitor;

/**
 * Translates a {@link Program} into the bytes of one JVM class: a static method per subprogram
 * ({@code fn_PC}), chunk methods for what had to be split ({@code chunk_N} and the
 * {@code dispatch} methods that route a pc to its chunk), {@code callx} dispatch, and
 * {@link CompiledCode#run} as the entry. Every method stays below HotSpot's 8,000-byte limit.
 */
public final class JitCompiler {
    /** HotSpot does not compile methods with more bytecode than this (-XX:HugeMethodLimit). */
    static final int METHOD_LIMIT = 8_000;
    /** Above this many slots constants come from per-method tables, not the constant pool. */
    static final int TABLE_CONSTANTS_ABOVE = 8_000;
    static final String CLASS_NAME = "io/github/bpf4j/jit/CompiledBpf";
    static final String CALLX = "callIndirect";
    static final String CHUNK_STARTS = "CS";
    static final String CHUNK_ENDS = "CE";
    private static final int GROUP = 256;
    /** Bounds for every generated method: the deepest stack is a call (rt, r0..r9, target, pc, depth). */
    static final int MAX_STACK = 32;
    static final int MAX_LOCALS = 34;

    private JitCompiler() {}

    /** The generated class file and what it needs at definition time. */
    record Compiled(byte[] bytes, long[][] constantTables, CodeLayout layout, int directAccesses,
                    int specialisedAccesses, int specialisedCompares) {}

    /** A defined class: its lookup (full access) and its one instance. */
    record Defined(MethodHandles.Lookup lookup, CompiledCode code) {}

    /**
     * Defines the class as a hidden class of this package. Its static initializer reads the class
     * data, an {@code Object[]}: the constant tables, a slot for the one instance it creates, and
     * the chunk table (starts, ends).
     */
    static Defined define(Compiled compiled) {
        Object[] classData = {compiled.constantTables(), null, compiled.layout().chunkStarts,
            compiled.layout().chunkEnds};
        try {
            MethodHandles.Lookup lookup =
                    MethodHandles.lookup().defineHiddenClassWithClassData(compiled.bytes(), classData, true);
            return new Defined(lookup, (CompiledCode) classData[1]);
        } catch (IllegalAccessException e) {
            throw new AssertionError("this package's own lookup defines classes in it", e);
        }
    }

    /** The static method {@code name} with {@code descriptor} of a defined class. */
    static MethodHandle method(Defined defined, String name, String descriptor) {
        try {
            return defined.lookup().findStatic(defined.lookup().lookupClass(), name,
                    MethodType.fromMethodDescriptorString(descriptor, JitCompiler.class.getClassLoader()));
        } catch (IllegalAccessException | NoSuchMethodException e) {
            throw new AssertionError("generated classes declare " + name + descriptor, e);
        }
    }

    /**
     * The bytecode generated for {@code program} (loaded without budget), as text: what
     * {@code bpf4j disasm --jvm} prints.
     */
    public static String bytecodeText(Program program) {
        return bytecodeText(program, LoadOptions.defaults());
    }

    /**
     * The bytecode generated for {@code program} loaded with {@code options}; the facts in them
     * are used if they were proven for this program (and its input size, which is not checked here).
     */
    public static String bytecodeText(Program program, LoadOptions options) {
        StringWriter text = new StringWriter();
        LoadOptions vetted = options.withFacts(usableFacts(program, options.facts()));
        new ClassReader(compile(program, vetted).bytes())
                .accept(new TraceClassVisitor(new PrintWriter(text)), ClassReader.SKIP_FRAMES);
        return text.toString();
    }

    /** {@code facts} if they were proven for {@code program}, else none: facts of another program would lie. */
    static ProgramFacts usableFacts(Program program, ProgramFacts facts) {
        return facts.provenFor(program) ? facts : ProgramFacts.NONE;
    }

    static String functionName(int pc) {
        return "fn_" + pc;
    }

    static Compiled compile(Program program, LoadOptions options) {
        return compile(program, options, CodeLayout.DEFAULT_CHUNK_BYTES, -1);
    }

    /**
     * Compiles with chunks of about {@code chunkBytes} of bytecode (tests use small ones) and, if
     * {@code extraStart >= 0}, a subprogram method starting there too.
     */
    static Compiled compile(Program program, LoadOptions options, int chunkBytes, int extraStart) {
        boolean budgeted = options.instructionBudget() != LoadOptions.UNLIMITED;
        BitSet forcedChunked = new BitSet();
        while (true) {
            CodeLayout layout = new CodeLayout(program, options.facts(), budgeted, chunkBytes, forcedChunked,
                    extraStart);
            Compiled compiled = tryCompile(layout, forcedChunked);
            if (compiled != null) {
                return compiled;
            }
            chunkBytes = chunkBytes * 2 / 3; // some method came out too large: cut finer
        }
    }

    /** Generates the class, or returns null when a method exceeded the limit. */
    private static Compiled tryCompile(CodeLayout layout, BitSet forcedChunked) {
        boolean tables = layout.program.length() > TABLE_CONSTANTS_ABOVE;
        // Frames and maximums are declared by the generator (computing them took half the time).
        ClassWriter cw = new ClassWriter(0);
        cw.visit(V17, ACC_FINAL | ACC_SUPER, CLASS_NAME, null, "java/lang/Object",
                new String[] {Type.getInternalName(CompiledCode.class)});
        cw.visitSource("program.bpf", null);
        List<long[]> constantTables = new ArrayList<>();
        boolean fits = true;
        int directAccesses = 0;
        int specialised = 0;
        int compares = 0;
        int[] starts = layout.subStarts;
        for (int i = 0; i < starts.length; i++) {
            MethodVisitor mv = cw.visitMethod(ACC_STATIC, functionName(starts[i]), RangeEmitter.FN_DESC, null, null);
            mv.visitCode();
            if (layout.inline[i]) {
                RangeEmitter emitter = new RangeEmitter(layout, CLASS_NAME, mv, false, starts[i], layout.subEnds[i],
                        tables ? constantTables.size() : -1);
                constantTables.add(emitter.emit());
                directAccesses += emitter.directAccesses();
                specialised += emitter.specialisedAccesses();
                compares += emitter.specialisedCompares();
                mv.visitMaxs(MAX_STACK, emitter.maxLocals());
                mv.visitEnd();
                if (emitter.codeSize() >= METHOD_LIMIT) {
                    forcedChunked.set(i);
                    fits = false;
                }
            } else {
                chunkedFunction(mv, starts[i]);
            }
        }
        for (int c = 0; c < layout.chunkStarts.length; c++) {
            MethodVisitor mv = cw.visitMethod(ACC_STATIC, "chunk_" + c, RangeEmitter.CHUNK_DESC, null, null);
            mv.visitCode();
            RangeEmitter emitter = new RangeEmitter(layout, CLASS_NAME, mv, true, layout.chunkStarts[c],
                    layout.chunkEnds[c], tables ? constantTables.size() : -1);
            constantTables.add(emitter.emit());
            directAccesses += emitter.directAccesses();
            specialised += emitter.specialisedAccesses();
            compares += emitter.specialisedCompares();
            mv.visitMaxs(MAX_STACK, emitter.maxLocals());
            mv.visitEnd();
            if (emitter.codeSize() >= METHOD_LIMIT) {
                fits = false;
            }
        }
        if (!fits) {
            return null;
        }
        if (layout.chunkStarts.length > 0) {
            dispatchers(cw, layout.chunkStarts.length);
        }
        callIndirect(cw, starts);
        entry(cw, tables);
        cw.visitEnd();
        return new Compiled(cw.toByteArray(), tables ? constantTables.toArray(new long[0][]) : null, layout,
                directAccesses, specialised, compares);
    }

    /**
     * A subprogram that lives in chunks: sets up its frame in a register array and runs chunks
     * until one returns -1 (exit, r0 in the array).
     */
    private static void chunkedFunction(MethodVisitor mv, int start) {
        int depth = 21;
        int regs = 22;
        int pc = 23;
        mv.visitIntInsn(BIPUSH, 11);
        mv.visitIntInsn(NEWARRAY, T_LONG);
        mv.visitVarInsn(ASTORE, regs);
        for (int i = 0; i <= 9; i++) {
            mv.visitVarInsn(ALOAD, regs);
            mv.visitIntInsn(BIPUSH, i);
            mv.visitVarInsn(LLOAD, 1 + 2 * i);
            mv.visitInsn(LASTORE);
        }
        mv.visitVarInsn(ALOAD, regs);
        mv.visitIntInsn(BIPUSH, 10);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, RangeEmitter.RT, "memory", "L" + RangeEmitter.MEMORY + ";");
        mv.visitVarInsn(ILOAD, depth);
        mv.visitMethodInsn(INVOKEVIRTUAL, RangeEmitter.MEMORY, "enterFrame", "(I)J", false);
        mv.visitInsn(LASTORE);
        mv.visitLdcInsn(start);
        mv.visitVarInsn(ISTORE, pc);
        Label loop = new Label();
        mv.visitLabel(loop);
        Object[] locals = {RangeEmitter.RT, LONG, LONG, LONG, LONG, LONG, LONG, LONG, LONG, LONG, LONG, INTEGER,
            "[J", INTEGER};
        mv.visitFrame(F_NEW, locals.length, locals, 0, null);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, regs);
        mv.visitVarInsn(ILOAD, pc);
        mv.visitVarInsn(ILOAD, depth);
        mv.visitMethodInsn(INVOKESTATIC, CLASS_NAME, "dispatch", RangeEmitter.CHUNK_DESC, false);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ISTORE, pc);
        mv.visitJumpInsn(IFGE, loop);
        mv.visitVarInsn(ALOAD, regs);
        mv.visitInsn(ICONST_0);
        mv.visitInsn(LALOAD);
        mv.visitInsn(LRETURN);
        mv.visitMaxs(MAX_STACK, MAX_LOCALS);
        mv.visitEnd();
    }

    /** {@code dispatch(rt, regs, pc, depth)}: finds the chunk of pc and runs it, in groups of 256. */
    private static void dispatchers(ClassWriter cw, int chunks) {
        int groups = (chunks + GROUP - 1) / GROUP;
        String groupDesc = "(" + RangeEmitter.RT_DESC + "[JIII)I";
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, "dispatch", RangeEmitter.CHUNK_DESC, null, null);
        mv.visitCode();
        mv.visitFieldInsn(GETSTATIC, CLASS_NAME, CHUNK_STARTS, "[I");
        mv.visitFieldInsn(GETSTATIC, CLASS_NAME, CHUNK_ENDS, "[I");
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ILOAD, 2);
        mv.visitMethodInsn(INVOKESTATIC, RangeEmitter.RT, "chunkOf", "([I[I" + RangeEmitter.RT_DESC + "I)I", false);
        mv.visitVarInsn(ISTORE, 4);
        Label[] cases = switchHead(mv, groups, () -> {
            mv.visitVarInsn(ILOAD, 4);
            mv.visitIntInsn(BIPUSH, 8);
            mv.visitInsn(ISHR);
        });
        Object[] locals = {RangeEmitter.RT, "[J", INTEGER, INTEGER, INTEGER};
        for (int g = 0; g < groups; g++) {
            mv.visitLabel(cases[g]);
            mv.visitFrame(F_NEW, locals.length, locals, 0, null);
            for (int v = 0; v <= 4; v++) {
                mv.visitVarInsn(v == 0 || v == 1 ? ALOAD : ILOAD, v);
            }
            mv.visitMethodInsn(INVOKESTATIC, CLASS_NAME, "dispatch_" + g, groupDesc, false);
            mv.visitInsn(IRETURN);
        }
        mv.visitMaxs(MAX_STACK, MAX_LOCALS);
        mv.visitEnd();
        for (int g = 0; g < groups; g++) {
            int first = g * GROUP;
            int count = Math.min(GROUP, chunks - first);
            MethodVisitor gv = cw.visitMethod(ACC_STATIC, "dispatch_" + g, groupDesc, null, null);
            gv.visitCode();
            Label[] chunkCases = switchHead(gv, count, () -> {
                gv.visitVarInsn(ILOAD, 4);
                gv.visitIntInsn(SIPUSH, GROUP - 1);
                gv.visitInsn(IAND);
            });
            for (int c = 0; c < count; c++) {
                gv.visitLabel(chunkCases[c]);
                gv.visitFrame(F_NEW, locals.length, locals, 0, null);
                for (int v = 0; v <= 3; v++) {
                    gv.visitVarInsn(v == 0 || v == 1 ? ALOAD : ILOAD, v);
                }
                gv.visitMethodInsn(INVOKESTATIC, CLASS_NAME, "chunk_" + (first + c), RangeEmitter.CHUNK_DESC, false);
                gv.visitInsn(IRETURN);
            }
            gv.visitMaxs(MAX_STACK, MAX_LOCALS);
            gv.visitEnd();
        }
    }

    /** Emits {@code key; tableswitch 0..n-1} whose default is case 0 (keys are always in range). */
    private static Label[] switchHead(MethodVisitor mv, int n, Runnable key) {
        Label[] cases = new Label[n];
        for (int i = 0; i < n; i++) {
            cases[i] = new Label();
        }
        key.run();
        mv.visitTableSwitchInsn(0, n - 1, cases[0], cases);
        return cases;
    }

    /**
     * {@code callIndirect(rt, target, pc, depth, r0..r9)}: a function pointer made by lddw
     * (region 0x7ffffffe, offset = pc) calls that subprogram (or, when the pointer was forged to
     * point elsewhere, {@link JitRun#callStray}); any other value is a helper number.
     */
    private static void callIndirect(ClassWriter cw, int[] starts) {
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, CALLX, RangeEmitter.CALLX_DESC, null, null);
        mv.visitCode();
        Label helper = new Label();
        Label stray = new Label();
        mv.visitVarInsn(LLOAD, 1);
        mv.visitIntInsn(BIPUSH, 32);
        mv.visitInsn(LUSHR);
        mv.visitLdcInsn((long) JitRun.FUNCTION_REGION);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, helper);
        mv.visitVarInsn(LLOAD, 1);
        mv.visitInsn(L2I);
        Label[] cases = new Label[starts.length];
        for (int i = 0; i < starts.length; i++) {
            cases[i] = new Label();
        }
        mv.visitLookupSwitchInsn(stray, starts, cases);
        Object[] locals = {RangeEmitter.RT, LONG, INTEGER, INTEGER, LONG, LONG, LONG, LONG, LONG, LONG, LONG, LONG,
            LONG, LONG};
        for (int i = 0; i < starts.length; i++) {
            mv.visitLabel(cases[i]);
            mv.visitFrame(F_NEW, locals.length, locals, 0, null);
            mv.visitVarInsn(ALOAD, 0);
            for (int r = 0; r <= 9; r++) {
                mv.visitVarInsn(LLOAD, 5 + 2 * r);
            }
            mv.visitVarInsn(ILOAD, 4);
            mv.visitVarInsn(ILOAD, 3);
            mv.visitMethodInsn(INVOKESTATIC, RangeEmitter.RT, "nextDepth", "(II)I", false);
            mv.visitMethodInsn(INVOKESTATIC, CLASS_NAME, functionName(starts[i]), RangeEmitter.FN_DESC, false);
            mv.visitInsn(LRETURN);
        }
        mv.visitLabel(stray);
        mv.visitFrame(F_NEW, locals.length, locals, 0, null);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(LLOAD, 1);
        mv.visitVarInsn(ILOAD, 3);
        mv.visitVarInsn(ILOAD, 4);
        for (int r = 0; r <= 9; r++) {
            mv.visitVarInsn(LLOAD, 5 + 2 * r);
        }
        mv.visitMethodInsn(INVOKESTATIC, RangeEmitter.RT, "callStray", RangeEmitter.CALLX_DESC, false);
        mv.visitInsn(LRETURN);
        mv.visitLabel(helper);
        mv.visitFrame(F_NEW, locals.length, locals, 0, null);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ILOAD, 4);
        mv.visitFieldInsn(PUTFIELD, RangeEmitter.RT, "depth", "I");
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(LLOAD, 1);
        mv.visitVarInsn(ILOAD, 3);
        for (int r = 1; r <= 5; r++) {
            mv.visitVarInsn(LLOAD, 5 + 2 * r);
        }
        mv.visitMethodInsn(INVOKESTATIC, RangeEmitter.RT, "callHelper", "(" + RangeEmitter.RT_DESC + "JIJJJJJ)J", false);
        mv.visitInsn(LRETURN);
        mv.visitMaxs(MAX_STACK, MAX_LOCALS);
        mv.visitEnd();
    }

    /**
     * The constructor, {@link CompiledCode#run}, and a static initializer that takes the class
     * data (see {@link #define}).
     */
    private static void entry(ClassWriter cw, boolean tables) {
        if (tables) {
            cw.visitField(ACC_STATIC, RangeEmitter.CONSTANTS_FIELD, "[[J", null, null).visitEnd();
        }
        cw.visitField(ACC_STATIC | ACC_FINAL, CHUNK_STARTS, "[I", null, null).visitEnd();
        cw.visitField(ACC_STATIC | ACC_FINAL, CHUNK_ENDS, "[I", null, null).visitEnd();
        MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(1, 1);
        init.visitEnd();

        MethodVisitor clinit = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
        clinit.visitCode();
        clinit.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup",
                "()Ljava/lang/invoke/MethodHandles$Lookup;", false);
        clinit.visitLdcInsn("_");
        clinit.visitLdcInsn(Type.getType(Object[].class));
        clinit.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "classData",
                "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)Ljava/lang/Object;", false);
        clinit.visitTypeInsn(CHECKCAST, "[Ljava/lang/Object;");
        clinit.visitVarInsn(ASTORE, 0);
        if (tables) {
            clinit.visitVarInsn(ALOAD, 0);
            clinit.visitInsn(ICONST_0);
            clinit.visitInsn(AALOAD);
            clinit.visitTypeInsn(CHECKCAST, "[[J");
            clinit.visitFieldInsn(PUTSTATIC, CLASS_NAME, RangeEmitter.CONSTANTS_FIELD, "[[J");
        }
        for (int i = 2; i <= 3; i++) {
            clinit.visitVarInsn(ALOAD, 0);
            clinit.visitInsn(ICONST_0 + i);
            clinit.visitInsn(AALOAD);
            clinit.visitTypeInsn(CHECKCAST, "[I");
            clinit.visitFieldInsn(PUTSTATIC, CLASS_NAME, i == 2 ? CHUNK_STARTS : CHUNK_ENDS, "[I");
        }
        clinit.visitVarInsn(ALOAD, 0);
        clinit.visitInsn(ICONST_1);
        clinit.visitTypeInsn(NEW, CLASS_NAME);
        clinit.visitInsn(DUP);
        clinit.visitMethodInsn(INVOKESPECIAL, CLASS_NAME, "<init>", "()V", false);
        clinit.visitInsn(AASTORE);
        clinit.visitInsn(RETURN);
        clinit.visitMaxs(4, 1);
        clinit.visitEnd();

        MethodVisitor run = cw.visitMethod(ACC_PUBLIC, "run", "(" + RangeEmitter.RT_DESC + "JJ)J", null, null);
        run.visitCode();
        run.visitVarInsn(ALOAD, 1);
        run.visitInsn(LCONST_0);
        run.visitVarInsn(LLOAD, 2);
        run.visitVarInsn(LLOAD, 4);
        for (int i = 3; i <= 9; i++) {
            run.visitInsn(LCONST_0);
        }
        run.visitInsn(ICONST_0);
        run.visitMethodInsn(INVOKESTATIC, CLASS_NAME, functionName(0), RangeEmitter.FN_DESC, false);
        run.visitInsn(LRETURN);
        run.visitMaxs(MAX_STACK, 6);
        run.visitEnd();
    }
}
