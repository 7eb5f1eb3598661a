package io.github.bpf4j.jit;

import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramEnvironment;
import io.github.bpf4j.vm.ProgramFacts;
import io.github.bpf4j.vm.RunInput;
import io.github.bpf4j.vm.RunResult;
import io.github.bpf4j.vm.maps.BpfMap;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * A program compiled into a hidden class, with the runtime state its runs share.
 *
 * <p>With the verifier's facts the class is specialised on them. Facts proven for the raw type
 * hold only for input of the length they were verified with: a run on other input uses a second
 * class compiled without facts (on first need), where every access is checked.
 */
public final class JitProgram implements LoadedProgram {
    private final JitRun rt;
    private final int chunkBytes;
    private final Variant main;
    /** The input length {@link #main} needs, or -1 when it runs on any input. */
    private final int boundInputSize;
    /** The unspecialised class, for runs {@link #main} cannot take; made on first need. */
    private Variant checked;

    /** One compiled class of the program and what it reports. */
    private record Variant(CompiledCode code, MethodHandle callIndirect, int methods, int directAccesses,
                           int specialisedAccesses, int specialisedCompares) {
        static Variant compile(Program resolved, LoadOptions options, int chunkBytes) {
            JitCompiler.Compiled compiled = JitCompiler.compile(resolved, options, chunkBytes, -1);
            CodeLayout layout = compiled.layout();
            JitCompiler.Defined defined = JitCompiler.define(compiled);
            return new Variant(defined.code(), JitCompiler.method(defined, JitCompiler.CALLX, RangeEmitter.CALLX_DESC),
                    layout.subStarts.length + layout.chunkStarts.length, compiled.directAccesses(),
                    compiled.specialisedAccesses(), compiled.specialisedCompares());
        }
    }

    private JitProgram(JitRun rt, int chunkBytes, Variant main, int boundInputSize) {
        this.rt = rt;
        this.chunkBytes = chunkBytes;
        this.main = main;
        this.boundInputSize = boundInputSize;
        rt.callIndirect = main.callIndirect();
    }

    static JitProgram load(Program program, LoadOptions options) {
        return load(program, options, CodeLayout.DEFAULT_CHUNK_BYTES);
    }

    static JitProgram load(Program program, LoadOptions options, int chunkBytes) {
        ProgramEnvironment environment = ProgramEnvironment.create(program, options);
        Program resolved = environment.resolvedProgram();
        ProgramFacts facts = JitCompiler.usableFacts(program, options.facts());
        LoadOptions unspecialised = options.withFacts(ProgramFacts.NONE);
        JitRun rt = new JitRun(environment, resolved, unspecialised, chunkBytes);
        Variant main = Variant.compile(resolved, options.withFacts(facts), chunkBytes);
        // any fact may rest on the raw type's input length (r2 is that length)
        int bound = main.specialisedAccesses() + main.specialisedCompares() > 0 ? facts.provenInputSize() : -1;
        return new JitProgram(rt, chunkBytes, main, bound);
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
        Variant variant = variantFor(rt.memory.input().length);
        rt.count = 0;
        rt.callbackCount = 0;
        rt.mayGoto = JitRun.MAY_GOTO_BUDGET;
        try {
            return variant.code().run(rt, r1, r2);
        } catch (JitRun.ProgramExit exit) {
            return 0;
        }
    }

    /**
     * The class to run on input of {@code length} bytes: the specialised one where its facts hold.
     * Raw-type facts are proven for a pointer to exactly that many bytes; an empty input makes r1
     * null instead, which no facts describe.
     */
    private Variant variantFor(int length) {
        if (boundInputSize < 0 || (length == boundInputSize && length > 0)) {
            rt.callIndirect = main.callIndirect();
            return main;
        }
        if (checked == null) {
            checked = Variant.compile(rt.program, rt.options(), chunkBytes);
        }
        rt.callIndirect = checked.callIndirect();
        return checked;
    }

    @Override
    public List<BpfMap> programMaps() {
        return rt.environment.maps().subList(0, rt.program.maps().size());
    }

    /**
     * Loads and stores compiled to go straight to their memory because the verifier's facts
     * proved where they land: packet accesses indexing the packet array, stack accesses through a
     * pointer indexing the frame's array (after a cheap check that it is this frame), and whole
     * accesses of private stack slots held in locals. 0 without facts.
     */
    public int specialisedAccesses() {
        return main.specialisedAccesses();
    }

    /** Unsigned jumps compiled as signed compares because the verifier proved both operands non-negative. */
    public int specialisedCompares() {
        return main.specialisedCompares();
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
        return main.directAccesses();
    }

    /** Number of JVM methods the program's code was split into (subprograms and chunks). */
    public int methodCount() {
        return main.methods();
    }

    @Override
    public void close() {
        // nothing held outside the heap
    }
}
