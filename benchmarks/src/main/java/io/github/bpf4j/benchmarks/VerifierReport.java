package io.github.bpf4j.benchmarks;

import io.github.bpf4j.kernel.KernelEngine;
import io.github.bpf4j.kernel.KernelVerifierStatistics;
import io.github.bpf4j.verifier.Verifier;
import io.github.bpf4j.verifier.VerifierOptions;
import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Program;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Verification time of our verifier (JMH average) against the kernel's own (the median of
 * several loads with {@code BPF_LOG_STATS}), per {@link VerifierWorkloads workload}, with both
 * processed-instruction counts. Run from the repository root:
 * {@code java -cp benchmarks/target/benchmarks.jar io.github.bpf4j.benchmarks.VerifierReport [--quick]}.
 */
public final class VerifierReport {
    private static final int KERNEL_LOADS = 9;

    private VerifierReport() {}

    public static void main(String[] args) throws RunnerException {
        boolean quick = List.of(args).contains("--quick");
        KernelEngine kernel = new KernelEngine();
        if (!kernel.isAvailable()) {
            throw new BpfException("the report compares with the kernel, which is unavailable: "
                    + kernel.unavailableReason());
        }
        Map<String, String> skipped = new TreeMap<>();
        List<String> workloads = VerifierWorkloads.all(skipped);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(VerifierBenchmark.class.getSimpleName())
                .param("workload", workloads.toArray(String[]::new))
                .jvmArgsAppend("-Dbpf4j.corpus.dir=" + VerifierWorkloads.elfDir().getParent().toAbsolutePath());
        if (quick) {
            options.warmupIterations(2).measurementIterations(3)
                    .warmupTime(TimeValue.seconds(1)).measurementTime(TimeValue.seconds(1));
        }
        Map<String, Double> ourMillis = new HashMap<>();
        for (RunResult r : new Runner(options.build()).run()) {
            ourMillis.put(r.getParams().getParam("workload"), r.getPrimaryResult().getScore());
        }
        System.out.printf("%n%-18s %10s %12s %8s %12s %12s%n", "workload", "ours ms", "kernel usec", "x kernel",
                "ours insns", "kernel insns");
        for (String w : workloads) {
            Program program = VerifierWorkloads.program(w);
            int ourInsns = Verifier.verify(program, new VerifierOptions(program.type(), 0, 0, false))
                    .statistics().insnsProcessed();
            long[] micros = new long[KERNEL_LOADS];
            int kernelInsns = 0;
            for (int i = 0; i < KERNEL_LOADS; i++) {
                KernelVerifierStatistics s = kernel.verifierStatistics(program, 0);
                micros[i] = s.verificationMicros();
                kernelInsns = s.insnsProcessed();
            }
            Arrays.sort(micros);
            long median = micros[KERNEL_LOADS / 2];
            double ours = ourMillis.get(w);
            System.out.printf("%-18s %10.3f %12d %8.2f %12d %12d%n", w, ours, median,
                    ours * 1000 / Math.max(1, median), ourInsns, kernelInsns);
        }
        skipped.forEach((name, why) -> System.out.printf("%-18s skipped: %s%n", name, why));
    }
}
