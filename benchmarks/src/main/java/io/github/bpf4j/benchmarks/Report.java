package io.github.bpf4j.benchmarks;

import io.github.bpf4j.vm.Interpreter;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the engine benchmarks with JMH and prints ns per executed instruction of each workload,
 * net of the empty program's call overhead, per engine and as ratios.
 * Usage: {@code java -jar benchmarks/target/benchmarks.jar [engine,engine…]}.
 */
public final class Report {
    private Report() {}

    public static void main(String[] args) throws RunnerException {
        String engines = args.length > 0 ? args[0] : "interpreter";
        Options options = new OptionsBuilder()
                .include(EngineBenchmark.class.getSimpleName())
                .param("engine", engines.split(","))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> ns = new HashMap<>();
        for (RunResult r : results) {
            var params = r.getParams();
            ns.put(params.getParam("engine") + "/" + params.getParam("workload"), r.getPrimaryResult().getScore());
        }
        System.out.printf("%n%-12s %-12s %10s %10s %12s%n", "engine", "workload", "ns/run", "insns", "ns/insn");
        for (String engine : engines.split(",")) {
            List<Double> perInsn = new ArrayList<>();
            double empty = ns.get(engine + "/" + Workloads.EMPTY);
            for (String w : Workloads.MEASURED) {
                long insns = instructions(w);
                double net = (ns.get(engine + "/" + w) - empty) / insns;
                perInsn.add(net);
                System.out.printf("%-12s %-12s %10.1f %10d %12.3f%n", engine, w, ns.get(engine + "/" + w), insns, net);
            }
            double geo = Math.exp(perInsn.stream().mapToDouble(Math::log).average().orElse(0));
            System.out.printf("%-12s %-12s %10.1f %10s %12.3f (geometric mean)%n", engine, "empty", empty, "", geo);
        }
    }

    /** Instructions one run of a workload executes (counted by the interpreter). */
    static long instructions(String workload) {
        try (LoadedProgram p = new Interpreter().load(Workloads.program(workload), LoadOptions.defaults())) {
            return p.run(Workloads.packet()).instructions();
        }
    }
}
