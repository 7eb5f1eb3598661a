package io.github.bpf4j.benchmarks;

import io.github.bpf4j.kernel.KernelEngine;
import io.github.bpf4j.kernel.KernelLoadedProgram;
import io.github.bpf4j.vm.LoadOptions;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The same workloads in the Linux kernel (its native JIT), timed by JMH around
 * {@code BPF_PROG_TEST_RUN} with {@value #REPEAT} repetitions per call, so one operation is one
 * run and the syscall's own cost is spread over the repetitions.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBenchmark {
    static final int REPEAT = 10_000;

    @Param({"sum_squares", "parser", "fnv1a", "branches", "muldiv", "empty"})
    public String workload;

    private KernelLoadedProgram loaded;
    private byte[] packet;

    @Setup
    public void load() {
        KernelEngine kernel = new KernelEngine();
        if (!kernel.isAvailable()) {
            throw new IllegalStateException("kernel engine unavailable: " + kernel.unavailableReason());
        }
        packet = Workloads.packet();
        loaded = kernel.load(Workloads.program(workload), LoadOptions.defaults(), packet.length);
    }

    @TearDown
    public void close() {
        loaded.close();
    }

    /** Returns the kernel's own ns per run, which {@link Report} prints beside JMH's. */
    @Benchmark
    @OperationsPerInvocation(REPEAT)
    public long run() {
        return loaded.nanosPerRun(packet, REPEAT);
    }
}
