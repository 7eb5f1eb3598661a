package io.github.bpf4j.jit;

import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import io.github.bpf4j.vm.Memory;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.RunResult;

import java.lang.invoke.MethodHandles;

/** A program compiled into a hidden class, with the runtime state its runs share. */
public final class JitProgram implements LoadedProgram {
    private final CompiledCode code;
    private final JitRun rt;
    private final int methods;

    private JitProgram(CompiledCode code, JitRun rt, int methods) {
        this.code = code;
        this.rt = rt;
        this.methods = methods;
    }

    static JitProgram load(Program program, LoadOptions options) {
        return load(program, options, CodeLayout.DEFAULT_CHUNK_BYTES);
    }

    static JitProgram load(Program program, LoadOptions options, int chunkBytes) {
        JitCompiler.Compiled compiled = JitCompiler.compile(program, options, chunkBytes);
        CodeLayout layout = compiled.layout();
        Object[] classData = {compiled.constantTables(), null};
        try {
            MethodHandles.lookup().defineHiddenClassWithClassData(compiled.bytes(), classData, true);
        } catch (IllegalAccessException e) {
            throw new AssertionError("this package's own lookup defines classes in it", e);
        }
        JitRun rt = new JitRun(program, options.helpers(), options.instructionBudget(),
                layout.chunkStarts, layout.chunkEnds);
        int methods = layout.subStarts.length + layout.chunkStarts.length;
        return new JitProgram((CompiledCode) classData[1], rt, methods);
    }

    @Override
    public RunResult run(byte[] input) {
        byte[] copy = input == null ? new byte[0] : input.clone();
        Memory memory = rt.memory;
        long r1 = memory.setInput(copy);
        if (copy.length == 0) {
            r1 = 0;
        }
        rt.count = 0;
        rt.mayGoto = JitRun.MAY_GOTO_BUDGET;
        long r0;
        try {
            r0 = code.run(rt, r1, copy.length);
        } catch (JitRun.ProgramExit exit) {
            r0 = 0;
        }
        return new RunResult(r0, rt.count, memory.input());
    }

    /** Share of the program's instructions running as compiled code: always all of them. */
    public double compiledShare() {
        return 1.0;
    }

    /** Number of JVM methods the program's code was split into (subprograms and chunks). */
    public int methodCount() {
        return methods;
    }

    @Override
    public void close() {
        // nothing held outside the heap
    }
}
