package io.github.bpf4j.benchmarks;

import io.github.bpf4j.jit.JitProgram;
import io.github.bpf4j.vm.Engines;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One run of a workload on a bpf4j engine, input from the packet so nothing folds to a constant.
 * Workloads load with the verifier's facts (see {@link WorkloadFacts}), as {@code bpf4j run} loads
 * a verified program; the JIT's setup prints how many accesses it specialised on them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineBenchmark {
    @Param({"sum_squares", "parser", "fnv1a", "branches", "muldiv", "empty"})
    public String workload;

    @Param({"interpreter", "jit"})
    public String engine;

    /** Load with the verifier's facts; {@code -p facts=false} measures the engines without. */
    @Param({"true"})
    public boolean facts;

    private LoadedProgram loaded;
    private byte[] packet;

    @Setup
    public void load() {
        LoadOptions options = facts ? WorkloadFacts.options(workload) : LoadOptions.defaults();
        loaded = Engines.byName(engine).load(Workloads.program(workload), options);
        packet = Workloads.packet();
        if (loaded instanceof JitProgram jit) {
            System.out.println();
            System.out.println(WorkloadFacts.header());
            System.out.println(WorkloadFacts.line(workload, jit));
        }
    }

    @TearDown
    public void close() {
        loaded.close();
    }

    @Benchmark
    public long run() {
        return loaded.run(packet).r0();
    }
}
