package io.github.bpf4j.benchmarks;

import io.github.bpf4j.jit.JitEngine;
import io.github.bpf4j.vm.Assembler;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import io.github.bpf4j.vm.Program;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JIT's compile latency: {@link JitEngine#load} of a 10,000-instruction program (bytecode
 * generation, hidden class definition with the JVM's verification, runtime state), unverified as
 * {@code bpf4j run --no-verify} loads it. One operation is 1,000 instructions, so the score is
 * ns per 1,000 instructions:
 * {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main CompileLatencyBenchmark}.
 *
 * <p>JMH measures elapsed time, which on a shared machine counts other processes' time too;
 * {@link #main} measures the loading thread's CPU time instead (class definition and its
 * verification run on that thread; the JVM's GC and compiler threads are not counted):
 * {@code java -cp benchmarks/target/benchmarks.jar io.github.bpf4j.benchmarks.CompileLatencyBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CompileLatencyBenchmark {
    static final int INSTRUCTIONS = 10_000;

    private Program program;
    private final JitEngine jit = new JitEngine();

    @Setup
    public void build() {
        program = program(INSTRUCTIONS);
    }

    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS / 1000)
    public LoadedProgram load() {
        try (LoadedProgram loaded = jit.load(program, LoadOptions.defaults())) {
            return loaded;
        }
    }

    /** Prints the loading thread's CPU time per 1,000 instructions, per round of 50 loads after warm-up. */
    public static void main(String[] args) {
        CompileLatencyBenchmark b = new CompileLatencyBenchmark();
        b.build();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int loads = 50;
        for (int round = 0; round < 16; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < loads; i++) {
                b.load();
            }
            double perThousand = (threads.getCurrentThreadCpuTime() - start) / (double) loads / (INSTRUCTIONS / 1000);
            System.out.printf("%s round %2d: %,9.0f ns CPU per 1,000 instructions%n", round < 6 ? "warm-up" : "measure",
                    round, perThousand);
        }
    }

    /**
     * {@code n} instructions in the workloads' mix: packet loads at constant offsets, ALU,
     * a forward compare-and-branch, a stack store and load, in blocks of ten.
     */
    static Program program(int n) {
        StringBuilder s = new StringBuilder("r0 = 0\nr6 = r1\n");
        int i = 2;
        for (; i + 10 < n; i += 10) {
            s.append("r3 = *(u8 *)(r6 + ").append(i % 64).append(")\n")
                    .append("r0 += r3\n")
                    .append("r0 *= 7\n")
                    .append("if r3 > 0x7f goto +2\n")
                    .append("w0 ^= 0x55\n")
                    .append("*(u64 *)(r10 - 8) = r0\n")
                    .append("r4 = *(u64 *)(r10 - 8)\n")
                    .append("r4 >>= 3\n")
                    .append("r0 -= r4\n")
                    .append("r0 &= 0xffff\n");
        }
        for (; i + 1 < n; i++) {
            s.append("r0 += 1\n");
        }
        return Assembler.assembleProgram(s.append("exit\n").toString());
    }
}
