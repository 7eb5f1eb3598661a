package io.github.bpf4j.cli;

import io.github.bpf4j.kernel.KernelEngine;
import io.github.bpf4j.testdata.MixedPrograms;
import io.github.bpf4j.verifier.Verdict;
import io.github.bpf4j.verifier.Verifier;
import io.github.bpf4j.verifier.VerifierError;
import io.github.bpf4j.verifier.VerifierOptions;
import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Disassembler;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramType;
import io.github.bpf4j.vm.VerifierException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.github.bpf4j.vm.MapSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bpf4j fuzz --mode verifier}: random programs that mix valid and invalid patterns
 * ({@link MixedPrograms}) get our verifier's verdict and the kernel's; every program on which the
 * verdicts differ is written as a verifier case whose expectation is the kernel's.
 */
final class VerifierFuzzer {
    private static final Pattern KERNEL_REJECTION = Pattern.compile("at pc (-?\\d+) \\((\\w+)\\): (.*?)(?: \\(raw program.*)?$");

    /** A program the two verifiers judge differently. */
    record Disagreement(long seed, Program program, int memSize, boolean kernelAccepts, String kernelMessage,
                        String ours) {}

    /** Counts per outcome, the disagreements, and how often the kernel accepted. */
    record Report(Map<String, Integer> outcomes, List<Disagreement> disagreements, int programs, int kernelAccepts,
                  int distinctKernelMessages) {}

    private final KernelEngine kernel = new KernelEngine();

    VerifierFuzzer() {
        if (!kernel.isAvailable()) {
            throw new BpfException("verifier fuzzing compares with the kernel, which is unavailable: "
                    + kernel.unavailableReason());
        }
    }

    Report run(long seed, int count, long deadlineNanos) {
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        List<Disagreement> found = new ArrayList<>();
        int programs = 0;
        int kernelAccepts = 0;
        Set<String> kernelMessages = new HashSet<>();
        for (long s = seed; programs < count; s++) {
            if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos > 0) {
                break;
            }
            MixedPrograms.Case c;
            try {
                c = MixedPrograms.generate(s);
            } catch (BpfException e) {
                continue; // the generator made something the decoder rejects; not a verifier question
            }
            programs++;
            boolean kernelAccepted = true;
            String kernelMessage = null;
            String kernelLog = "";
            try {
                kernel.verifierLog(c.program(), c.memSize(), 1);
            } catch (VerifierException e) {
                kernelAccepted = false;
                kernelLog = e.log() == null ? "" : e.log();
                Matcher m = KERNEL_REJECTION.matcher(e.getMessage());
                kernelMessage = m.find() ? m.group(3) : e.getMessage();
                kernelMessages.add(kernelMessage.replaceAll("\\d+", "N"));
            }
            Verdict ours = Verifier.verify(c.program(), new VerifierOptions(c.program().type(), c.memSize(), 0, false));
            String outcome;
            if (kernelAccepted) {
                kernelAccepts++;
                outcome = ours.accepted() ? "both accept" : "kernel accepts, bpf4j rejects";
            } else if (ours.accepted()) {
                outcome = "bpf4j accepts, kernel rejects";
            } else {
                VerifierError e = ours.error().orElseThrow();
                // the kernel may explain in several lines; ours is its first, the engine reports its last
                boolean same = e.message().equals(kernelMessage) || kernelLog.contains(e.message() + "\n");
                outcome = same ? "both reject, same message" : "both reject, messages differ";
            }
            outcomes.merge(outcome, 1, Integer::sum);
            if (outcome.contains(",") && !outcome.startsWith("both")) {
                found.add(new Disagreement(s, c.program(), c.memSize(), kernelAccepted, kernelMessage,
                        ours.accepted() ? "accept" : ours.error().orElseThrow().message()));
            }
        }
        return new Report(outcomes, found, programs, kernelAccepts, kernelMessages.size());
    }

    /** Writes each disagreement as a verifier case ({@code -- verdict}/{@code -- message} are the kernel's). */
    static List<Path> write(List<Disagreement> disagreements, Path dir) {
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Disagreement d : disagreements) {
                StringBuilder sb = new StringBuilder();
                sb.append("# Found by bpf4j fuzz --mode verifier, seed ").append(d.seed())
                        .append(". bpf4j said: ").append(d.ours()).append('\n');
                sb.append("-- asm\n");
                for (String line : Disassembler.disassemble(d.program(), Disassembler.Syntax.LLVM).split("\n")) {
                    sb.append(line.replaceFirst("^\\s*\\d+:\\s*", "")).append('\n');
                }
                if (d.program().type() == ProgramType.RAW) {
                    sb.append("-- mem-size\n").append(d.memSize()).append('\n');
                } else {
                    sb.append("-- type\n").append(d.program().type().cliName()).append('\n');
                }
                if (!d.program().maps().isEmpty()) {
                    sb.append("-- maps\n");
                    for (MapSpec m : d.program().maps()) {
                        sb.append(m.type() == 2 ? "array" : m.type() == 27 ? "ringbuf" : "hash").append(' ')
                                .append(m.keySize()).append(' ').append(m.valueSize()).append(' ')
                                .append(m.maxEntries()).append('\n');
                    }
                }
                sb.append("-- verdict\n").append(d.kernelAccepts() ? "accept" : "reject").append('\n');
                if (!d.kernelAccepts()) {
                    sb.append("-- message\n").append(d.kernelMessage()).append('\n');
                }
                Path file = dir.resolve("verifier-fuzz-" + d.seed() + ".data");
                Files.writeString(file, sb.toString());
                files.add(file);
            }
        } catch (IOException e) {
            throw new BpfException("cannot write to " + dir + ": " + e.getMessage());
        }
        return files;
    }
}
