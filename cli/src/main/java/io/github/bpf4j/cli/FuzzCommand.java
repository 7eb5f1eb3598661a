package io.github.bpf4j.cli;

import io.github.bpf4j.testdata.DifferentialFuzzer;
import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Engine;
import io.github.bpf4j.vm.Engines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bpf4j fuzz}: differential fuzzing of engines with seeded random programs. */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = {"Run seeded random programs on several engines and report where they disagree.",
                "Every disagreement is minimised and written as a .data case ready for the corpus."})
final class FuzzCommand implements Callable<Integer> {
    @Option(names = "--engines", defaultValue = "interpreter,jit,kernel", split = ",",
            description = "Engines to compare (default: ${DEFAULT-VALUE}; unavailable ones are left out with a note).")
    List<String> engineNames;

    @Option(names = "--mode", defaultValue = "exec",
            description = "exec: compare what engines compute; verifier: compare our verifier's verdicts with the kernel's on programs mixing valid and invalid patterns. Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--generator", defaultValue = "verifiable",
            description = "verifiable (programs the kernel's verifier accepts) or unverified (anything the decoder accepts, run with a budget; not for the kernel). Default: ${DEFAULT-VALUE}.")
    String generator;

    @Option(names = "--seed", defaultValue = "1", description = "First seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--count", defaultValue = "1000", description = "Programs to run (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seconds", description = "Stop after this many seconds, whatever the count.")
    Double seconds;

    @Option(names = "--facts", description = "exec mode: load every program with the facts our verifier proves for it "
            + "(as run does), so that a wrong fact shows as the JIT disagreeing with the other engines.")
    boolean facts;

    @Option(names = "--out", defaultValue = "fuzz-findings",
            description = "Directory for the .data cases of disagreements (default: ${DEFAULT-VALUE}).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var print = spec.commandLine().getOut();
        long deadline = seconds == null ? 0 : System.nanoTime() + (long) (seconds * 1e9);
        if (mode.equals("verifier")) {
            return verifierMode(print, deadline);
        } else if (!mode.equals("exec")) {
            throw new BpfException("unknown mode '" + mode + "' (exec or verifier)");
        }
        DifferentialFuzzer.Generator gen = switch (generator.toLowerCase(Locale.ROOT)) {
            case "verifiable" -> DifferentialFuzzer.Generator.VERIFIABLE;
            case "unverified" -> DifferentialFuzzer.Generator.UNVERIFIED;
            default -> throw new BpfException("unknown generator '" + generator + "' (verifiable or unverified)");
        };
        List<Engine> engines = new ArrayList<>();
        for (String name : engineNames) {
            Engine e = Engines.byName(name.trim());
            if (!e.isAvailable()) {
                print.printf("note: engine %s left out: %s%n", e.name(), e.unavailableReason());
            } else if (gen == DifferentialFuzzer.Generator.UNVERIFIED && e.name().equals("kernel")) {
                print.println("note: engine kernel left out: unverified programs call a helper the kernel lacks");
            } else {
                engines.add(e);
            }
        }
        DifferentialFuzzer fuzzer = new DifferentialFuzzer(engines, gen);
        if (facts) {
            fuzzer = fuzzer.withFacts(Verification::factsOrNone);
        }
        DifferentialFuzzer.Report report = fuzzer.run(seed, count, deadline);
        print.printf("%d programs (seeds %d..%d) on %s%n", report.programs(), seed, seed + report.programs() - 1,
                String.join(", ", engines.stream().map(Engine::name).toList()));
        report.outcomes().forEach((outcome, n) -> print.printf("  %-28s %d%n", outcome, n));
        if (!report.disagreements().isEmpty()) {
            for (Path p : DifferentialFuzzer.write(report.disagreements(), out)) {
                print.println("disagreement written to " + p);
            }
        }
        print.printf("%d disagreements%n", report.disagreements().size());
        print.flush();
        return report.disagreements().isEmpty() ? Main.OK : Main.FAILED;
    }

    private int verifierMode(java.io.PrintWriter print, long deadline) {
        VerifierFuzzer.Report report = new VerifierFuzzer().run(seed, count, deadline);
        print.printf("%d programs (seeds from %d), verified by bpf4j and by the kernel; the kernel accepted %d (%.0f%%)%n",
                report.programs(), seed, report.kernelAccepts(), 100.0 * report.kernelAccepts() / Math.max(1, report.programs()));
        report.outcomes().forEach((outcome, n) -> print.printf("  %-32s %d%n", outcome, n));
        print.printf("%d distinct kernel messages (numbers elided)%n", report.distinctKernelMessages());
        for (Path p : VerifierFuzzer.write(report.disagreements(), out)) {
            print.println("disagreement written to " + p);
        }
        print.printf("%d disagreements%n", report.disagreements().size());
        print.flush();
        return report.disagreements().isEmpty() ? Main.OK : Main.FAILED;
    }
}
