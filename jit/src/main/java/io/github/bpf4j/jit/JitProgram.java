package io.github.bpf4j.jit;

import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramEnvironment;
import io.github.bpf4j.vm.RunInput;
import io.github.bpf4j.vm.RunResult;
import io.github.bpf4j.vm.maps.BpfMap;
import java.util.List;

/** A program compiled into a hidden class, with the runtime state its runs share. */
public final class JitProgram implements LoadedProgram {
    private final CompiledCode code;
    private final JitRun rt;
    private final int methods;
    private final int directAccesses;

    private JitProgram(CompiledCode code, JitRun rt, int methods, int directAccesses) {
        this.code = code;
        this.rt = rt;
        this.methods = methods;
        this.directAccesses = directAccesses;
    }

    static JitProgram load(Program program, LoadOptions options) {
        return load(program, options, CodeLayout.DEFAULT_CHUNK_BYTES);
    }

    static JitProgram load(Program program, LoadOptions options, int chunkBytes) {
        ProgramEnvironment environment = ProgramEnvironment.create(program, options);
        Program resolved = environment.resolvedProgram();
        JitCompiler.Compiled compiled = JitCompiler.compile(resolved, options, chunkBytes, -1);
        CodeLayout layout = compiled.layout();
        JitRun rt = new JitRun(environment, resolved, options, chunkBytes);
        JitCompiler.Defined defined = JitCompiler.define(compiled);
        rt.callIndirect = JitCompiler.method(defined, JitCompiler.CALLX, RangeEmitter.CALLX_DESC);
        int methods = layout.subStarts.length + layout.chunkStarts.length;
        return new JitProgram(defined.code(), rt, methods, compiled.directAccesses());
    }

    @Override
    public RunResult run(byte[] input) {
        return runOn(RunInput.packet(input));
    }

    @Override
    public RunResult runOn(RunInput input) {
        return rt.environment.runFollowingTailCalls(this, JitProgram.class, "jit", input, RUNNER);
    }

    private static final ProgramEnvironment.ProgramRunner<JitProgram> RUNNER = new ProgramEnvironment.ProgramRunner<>() {
        @Override
        public long execute(JitProgram p, long r1, long r2) {
            return p.execute(r1, r2);
        }

        @Override
        public long instructions(JitProgram p) {
            return p.rt.count + p.rt.callbackCount;
        }

        @Override
        public ProgramEnvironment environment(JitProgram p) {
            return p.rt.environment;
        }
    };

    private long execute(long r1, long r2) {
        rt.count = 0;
        rt.callbackCount = 0;
        rt.mayGoto = JitRun.MAY_GOTO_BUDGET;
        try {
            return code.run(rt, r1, r2);
        } catch (JitRun.ProgramExit exit) {
            return 0;
        }
    }

    @Override
    public List<BpfMap> programMaps() {
        return rt.environment.maps().subList(0, rt.program.maps().size());
    }

    /** Share of the program's instructions running as compiled code: always all of them. */
    public double compiledShare() {
        return 1.0;
    }

    /**
     * Loads and stores compiled to index the frame's stack array directly (through r10 with a
     * constant offset inside the frame, in a program that never writes r10) instead of going
     * through {@link io.github.bpf4j.vm.Memory}.
     */
    public int directStackAccesses() {
        return directAccesses;
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
