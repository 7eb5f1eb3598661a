package io.github.bpf4j.cli;

import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import io.github.bpf4j.vm.RunResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bpf4j bench PROGRAM}: a quick timing for the command line. It warms up, then times
 * batches of runs; the JMH benchmarks in module benchmarks are the careful measurement.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Warm an engine up, time many runs, print ns per run and instructions per run.")
final class BenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PROGRAM")
    Path program;

    @Mixin
    EngineOption engine;

    @Mixin
    MemoryOption memory;

    @Option(names = "--seconds", defaultValue = "2", description = "Measuring time (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(names = "--no-verify", description = "Time the program without verifying it first (as run, a verified "
            + "program is loaded with the verifier's facts, which the JIT specialises on).")
    boolean noVerify;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ProgramFile file = ProgramFile.read(program, engine.type());
        byte[] input = memory.memory(file.memory());
        LoadOptions options = LoadOptions.defaults();
        if (engine.budget != null) {
            options = options.withBudget(engine.budget);
        }
        if (!noVerify) {
            options = options.withFacts(Verification.verifyForRun(file.program(), input, spec.commandLine().getErr()));
        }
        long runs = 0;
        long elapsed;
        RunResult last;
        try (LoadedProgram loaded = engine.engine().load(file.program(), options)) {
            last = loaded.run(input);
            long warmUntil = System.nanoTime() + (long) (seconds * 0.5e9);
            while (System.nanoTime() < warmUntil) {
                last = loaded.run(input);
            }
            long batch = 1;
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            long now = start;
            while (now < end) {
                for (long i = 0; i < batch; i++) {
                    last = loaded.run(input);
                }
                runs += batch;
                batch = Math.min(batch * 2, 1 << 16);
                now = System.nanoTime();
            }
            elapsed = now - start;
        }
        double nsPerRun = (double) elapsed / runs;
        var out = spec.commandLine().getOut();
        String insns = last.instructions() < 0 ? "null" : Long.toString(last.instructions());
        if (json) {
            out.printf("{\"engine\": \"%s\", \"runs\": %d, \"ns_per_run\": %.2f, \"insns_per_run\": %s}%n",
                    engine.name(), runs, nsPerRun, insns);
        } else {
            out.printf("%s: %.2f ns per run, %s instructions per run (%d runs)%n", engine.name(), nsPerRun,
                    last.instructions() < 0 ? "unknown" : insns, runs);
            if (last.instructions() > 0) {
                out.printf("%.3f ns per instruction%n", nsPerRun / last.instructions());
            }
        }
        out.flush();
        return Main.OK;
    }
}
