package io.github.bpf4j.verifier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.vm.Program;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Our level-2 log against the kernel's: every processed-instruction line we print
 * ({@code 12: (0f) r2 += r0 ; R0=... R2=...}) should appear verbatim in the kernel's log of the
 * same case (its pcs shifted back past the raw prologue), so the two can be read side by side.
 */
class LogAgreementTest {
    private static final Pattern INSN = Pattern.compile("^(\\d+): (\\(.*)$");
    private static final Pattern STATE = Pattern.compile("^\\d+:( R.*)$");

    /** Padding before the state depends on the pc's width, which the prologue changes. */
    private static String normal(String line) {
        return line.replaceAll(" +", " ");
    }

    @Test
    void instructionLinesMatchTheKernels() {
        KernelLoader.assumeAvailable();
        int ours = 0;
        int found = 0;
        StringBuilder missing = new StringBuilder();
        for (VerifierCase c : VerifierCase.all()) {
            if (c.unprivileged() || c.slots().length > 1000) {
                continue;
            }
            Program program = c.program();
            VerifierOptions options = new VerifierOptions(program.type(), c.memSize(), 0, false);
            if (Verifier.verify(program, options).statistics().insnsProcessed() > 5000) {
                continue; // long loops: the same lines many times, and logs of megabytes
            }
            KernelLoader.Result k = KernelLoader.loadCase(c, 2);
            int prologue = KernelLoader.prologue(c);
            if (k.log().contains("processed 1000001") || k.log().length() > 4_000_000) {
                continue;
            }
            Set<String> kernelLines = new HashSet<>();
            String[] lines = k.log().split("\n");
            for (int i = 0; i < lines.length; i++) {
                Matcher m = INSN.matcher(lines[i]);
                if (m.matches() && Integer.parseInt(m.group(1)) >= prologue) {
                    String text = m.group(2);
                    if (!text.contains(";")) {
                        // the kernel's own precision and loop logs can split "insn ; state" over
                        // two lines: the state follows as "N: state" before the next instruction
                        for (int j = i + 1; j < lines.length && !INSN.matcher(lines[j]).matches(); j++) {
                            Matcher state = STATE.matcher(lines[j]);
                            if (state.matches()) {
                                text = text + " ;" + state.group(1);
                                break;
                            }
                        }
                    }
                    kernelLines.add(normal((Integer.parseInt(m.group(1)) - prologue) + ": " + text));
                }
            }
            Verdict v = Verifier.verify(program, options.withLogLevel(2));
            for (String line : v.log().split("\n")) {
                if (INSN.matcher(line).matches()) {
                    ours++;
                    if (kernelLines.contains(normal(line))) {
                        found++;
                    } else if (missing.length() < 3000) {
                        missing.append(c.name()).append(": ").append(line).append('\n');
                    }
                }
            }
        }
        System.out.printf("log lines: %d of our %d instruction lines appear verbatim in the kernel's log (%.1f%%)%n", found, ours,
                100.0 * found / ours);
        System.out.println(missing);
        assertTrue(found * 100 >= ours * 95, "fewer than 95% of our log lines match the kernel's");
    }
}
