package io.github.bpf4j.cli;

import io.github.bpf4j.kernel.KernelEngine;
import io.github.bpf4j.testdata.DataCase;
import io.github.bpf4j.verifier.Verdict;
import io.github.bpf4j.verifier.Verifier;
import io.github.bpf4j.verifier.VerifierError;
import io.github.bpf4j.verifier.VerifierOptions;
import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramType;
import io.github.bpf4j.vm.VerifierException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bpf4j verify PROGRAM…}: the static verifier's verdict, statistics and log. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify programs as the Linux kernel's verifier would (root rules unless --unprivileged).",
                "Prints the verdict, the first error with the path that reached it, and statistics; "
                        + "with several programs and --json, one JSON line each, in order."})
final class VerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PROGRAM", arity = "1..*", description = "Program files: .bin, .hex, .s/.asm, .data, .o.")
    List<Path> programs;

    @Option(names = "--type", defaultValue = "raw", description = "Program type (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--mem-size", description = "Raw type: bytes r1 points to (default: the .data case's memory, else 0).")
    Integer memSize;

    @Option(names = "--log-level", defaultValue = "0",
            description = "0 none, 1 the failing path, 2 every processed instruction with its state (default: ${DEFAULT-VALUE}).")
    int logLevel;

    @Option(names = "--unprivileged", description = "Apply the rules the kernel applies to unprivileged loaders.")
    boolean unprivileged;

    @Option(names = "--json", description = "One JSON object per program.")
    boolean json;

    @Option(names = "--compare", description = "Also ask the kernel's verifier and print both verdicts side by side.")
    boolean compare;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean allAccepted = true;
        for (Path path : programs) {
            // A verifier case (.data) may name its own type, memory size and privilege.
            DataCase c = path.toString().endsWith(".data") ? DataCase.read(path) : null;
            String caseType = c == null ? null : c.value("type");
            ProgramFile file = ProgramFile.read(path, ProgramType.parse(caseType != null && !caseType.isEmpty() ? caseType : type));
            Program program = c != null ? c.typedProgram() : file.program();
            String caseSize = c == null ? null : c.value("mem-size");
            int size = memSize != null ? memSize
                    : caseSize != null && !caseSize.isEmpty() ? Integer.parseInt(caseSize)
                    : file.memory() != null ? file.memory().length : 0;
            boolean strict = unprivileged || (c != null && c.has("unprivileged"));
            VerifierOptions options = new VerifierOptions(program.type(), size, logLevel, strict);
            Verdict verdict = Verifier.verify(program, options);
            allAccepted &= verdict.accepted();
            if (json) {
                out.println(verdict.toJson());
            } else {
                if (programs.size() > 1) {
                    out.println("== " + path);
                }
                if (logLevel > 0) {
                    out.print(verdict.log());
                }
                print(out, verdict);
            }
            if (compare) {
                compareWithKernel(out, program, size, verdict);
            }
        }
        out.flush();
        return allAccepted ? Main.OK : Main.FAILED;
    }

    private static void print(PrintWriter out, Verdict verdict) {
        var s = verdict.statistics();
        if (verdict.accepted()) {
            out.printf("accepted: %d instructions processed, %d states (peak %d), stack depth %s%n",
                    s.insnsProcessed(), s.totalStates(), s.peakStates(), depths(s.stackDepths()));
            return;
        }
        VerifierError e = verdict.error().orElseThrow();
        out.println("rejected" + (e.pc() >= 0 ? " at pc " + e.pc() : "") + ": " + e.message());
        if (!e.instruction().isEmpty()) {
            out.println("  " + e.pc() + ": " + e.instruction());
        }
        if (!e.path().isEmpty()) {
            out.println("  path: " + String.join(", ", e.path()));
        }
        out.println("  " + e.explanation());
        out.printf("  %d instructions processed%n", s.insnsProcessed());
    }

    private static String depths(int[] depths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < depths.length; i++) {
            b.append(i == 0 ? "" : "+").append(depths[i]);
        }
        return b.length() == 0 ? "0" : b.toString();
    }

    private static final Pattern KERNEL_REJECTION = Pattern.compile("at pc (-?\\d+) \\((\\w+)\\): (.*?)(?: \\(raw program.*)?$");
    private static final Pattern PROCESSED = Pattern.compile("processed (\\d+) insns");

    /** Our verdict and the kernel's, side by side. */
    private static void compareWithKernel(PrintWriter out, Program program, int memSize, Verdict ours) {
        KernelEngine kernel = new KernelEngine();
        if (!kernel.isAvailable()) {
            throw new BpfException("--compare needs the kernel: " + kernel.unavailableReason());
        }
        String verdict;
        String message = "";
        String pc = "";
        String log;
        try {
            log = kernel.verifierLog(program, memSize, 1);
            verdict = "accepted";
        } catch (VerifierException e) {
            log = e.log();
            verdict = "rejected";
            Matcher m = KERNEL_REJECTION.matcher(e.getMessage());
            if (m.find()) {
                pc = m.group(1);
                message = m.group(3);
            } else {
                message = e.getMessage();
            }
        }
        Matcher processed = PROCESSED.matcher(log == null ? "" : log);
        String kernelInsns = processed.find() ? processed.group(1) : "?";
        VerifierError e = ours.error().orElse(null);
        String row = "  %-18s %-40s %s%n";
        out.printf(row, "", "bpf4j", "kernel");
        out.printf(row, "verdict", ours.accepted() ? "accepted" : "rejected", verdict);
        out.printf(row, "message", e == null ? "" : e.message(), message);
        out.printf(row, "pc", e == null || e.pc() < 0 ? "" : Integer.toString(e.pc()), pc);
        out.printf(row, "insns processed", ours.statistics().insnsProcessed(), kernelInsns);
        boolean sameVerdict = ours.accepted() == verdict.equals("accepted")
                && (ours.accepted() || Integer.toString(e.pc()).equals(pc));
        boolean sameMessage = ours.accepted() || e.message().equals(message) || log.contains(e.message());
        out.println(!sameVerdict ? "  the verdicts DIFFER"
                : sameMessage ? "  the verdicts agree" : "  the verdicts agree; the messages differ");
        if (program.type() == ProgramType.RAW) {
            out.println("  (the kernel's count includes the wrapper that runs a raw program as XDP)");
        }
    }
}
