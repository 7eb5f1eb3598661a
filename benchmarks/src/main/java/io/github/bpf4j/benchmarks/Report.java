package io.github.bpf4j.benchmarks;

import io.github.bpf4j.kernel.KernelEngine;
import io.github.bpf4j.vm.Interpreter;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the engine benchmarks and the kernel's with JMH, in one run, and prints ns per executed
 * instruction of each workload net of the empty program's cost, per engine, with the ratio to
 * the kernel's native JIT. Usage:
 * {@code java -jar benchmarks/target/benchmarks.jar [engine,engine…] [--quick]}.
 */
public final class Report {
    private Report() {}

    public static void main(String[] args) throws RunnerException {
        String engines = args.length > 0 && !args[0].startsWith("--") ? args[0] : "interpreter,jit";
        boolean quick = List.of(args).contains("--quick");
        boolean kernel = new KernelEngine().isAvailable();
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(EngineBenchmark.class.getSimpleName())
                .param("engine", engines.split(","));
        if (!kernel) {
            System.out.println("kernel engine unavailable: " + new KernelEngine().unavailableReason());
        }
        if (quick) {
            options.warmupIterations(2).measurementIterations(3)
                    .warmupTime(TimeValue.milliseconds(500)).measurementTime(TimeValue.milliseconds(500));
        } else {
            // HotSpot's code for a program differs a little from one JVM to the next: average two
            options.forks(2);
        }
        Map<String, Double> ns = new HashMap<>();
        for (RunResult r : new Runner(options.build()).run()) {
            var params = r.getParams();
            ns.put(params.getParam("engine") + "/" + params.getParam("workload"), r.getPrimaryResult().getScore());
        }
        if (kernel) {
            // The kernel's own duration per run (BPF_PROG_TEST_RUN with a repeat count), which
            // leaves out the syscall and the time the test run was scheduled out.
            for (String w : Workloads.MEASURED) {
                ns.put("kernel/" + w, KernelTiming.nanosPerRun(w));
            }
            ns.put("kernel/" + Workloads.EMPTY, KernelTiming.nanosPerRun(Workloads.EMPTY));
        }
        List<String> names = new ArrayList<>(List.of(engines.split(",")));
        if (kernel) {
            names.add("kernel");
        }
        Map<String, Map<String, Double>> perInsn = new LinkedHashMap<>();
        System.out.printf("%n%-12s %-12s %10s %8s %10s %10s%n", "engine", "workload", "ns/run", "insns", "ns/insn", "x kernel");
        for (String engine : names) {
            double empty = ns.get(engine + "/" + Workloads.EMPTY);
            Map<String, Double> row = new LinkedHashMap<>();
            for (String w : Workloads.MEASURED) {
                long insns = instructions(w);
                row.put(w, Math.max(1e-3, (ns.get(engine + "/" + w) - empty) / insns));
            }
            perInsn.put(engine, row);
        }
        for (String engine : names) {
            List<Double> ratios = new ArrayList<>();
            for (String w : Workloads.MEASURED) {
                double v = perInsn.get(engine).get(w);
                String ratio = "";
                if (kernel && resolvable(ns.get("kernel/" + w) - ns.get("kernel/" + Workloads.EMPTY))) {
                    double r = v / perInsn.get("kernel").get(w);
                    ratios.add(r);
                    ratio = String.format("%.2f", r);
                } else if (kernel) {
                    ratio = "n/a";
                }
                System.out.printf("%-12s %-12s %10.1f %8d %10.3f %10s%n", engine, w, ns.get(engine + "/" + w),
                        instructions(w), v, ratio);
            }
            String geo = ratios.isEmpty() ? "" : String.format("%.2f", geomean(ratios));
            System.out.printf("%-12s %-12s %10.1f %8s %10.3f %10s  (empty program; geometric means of the ratios shown)%n", engine, "empty",
                    ns.get(engine + "/" + Workloads.EMPTY), "", geomean(new ArrayList<>(perInsn.get(engine).values())), geo);
        }
    }

    /**
     * The kernel reports whole nanoseconds per run, which {@link KernelTiming} averages to a
     * fraction of one: a workload that costs it less than this more than the empty program
     * cannot be told apart from it, and gets no ratio.
     */
    private static boolean resolvable(double kernelNetNanos) {
        return kernelNetNanos >= 2;
    }

    private static double geomean(List<Double> values) {
        return Math.exp(values.stream().mapToDouble(Math::log).average().orElse(0));
    }

    /** Instructions one run of a workload executes (counted by the interpreter). */
    static long instructions(String workload) {
        try (LoadedProgram p = new Interpreter().load(Workloads.program(workload), LoadOptions.defaults())) {
            return p.run(Workloads.packet()).instructions();
        }
    }
}
