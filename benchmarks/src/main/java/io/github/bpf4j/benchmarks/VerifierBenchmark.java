package io.github.bpf4j.benchmarks;

import io.github.bpf4j.verifier.Verdict;
import io.github.bpf4j.verifier.Verifier;
import io.github.bpf4j.verifier.VerifierOptions;
import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Program;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Verifier#verify} on the {@link VerifierWorkloads}, privileged and without a log (as the
 * kernel verifies when asked only for its statistics). {@link VerifierReport} sets the
 * workloads to the corpus objects found at run time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VerifierBenchmark {
    @Param({VerifierWorkloads.STRAIGHT_LINE, VerifierWorkloads.LOOP, "xdp_firewall.o"})
    public String workload;

    private Program program;
    private VerifierOptions options;

    @Setup
    public void build() {
        program = VerifierWorkloads.program(workload);
        options = new VerifierOptions(program.type(), 0, 0, false);
        Verdict v = Verifier.verify(program, options);
        if (!v.accepted()) {
            throw new BpfException(workload + " is rejected: " + v.error().orElseThrow().message());
        }
    }

    @Benchmark
    public Verdict verify() {
        return Verifier.verify(program, options);
    }
}
