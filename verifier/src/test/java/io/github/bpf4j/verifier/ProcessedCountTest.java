package io.github.bpf4j.verifier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.vm.Program;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Processed-instruction counts against the kernel's (its BPF_LOG_STATS line, less the raw
 * prologue's 8 instructions) on every accepted loop case of the corpus: within 10%.
 */
class ProcessedCountTest {
    private static final Pattern PROCESSED = Pattern.compile("processed (\\d+) insns.* total_states (\\d+)");

    @Test
    void loopCountsStayNearTheKernels() {
        KernelLoader.assumeAvailable();
        StringBuilder report = new StringBuilder();
        int far = 0;
        int compared = 0;
        for (VerifierCase c : VerifierCase.all()) {
            if (!"accept".equals(c.verdict()) || c.unprivileged()) {
                continue;
            }
            KernelLoader.Result k = KernelLoader.loadCase(c, 4);
            Matcher m = PROCESSED.matcher(k.log());
            if (!m.find()) {
                continue;
            }
            int kernel = Integer.parseInt(m.group(1)) - KernelLoader.prologue(c);
            Program program = c.program();
            Verdict ours = Verifier.verify(program, new VerifierOptions(program.type(), c.memSize(), 0, false));
            int mine = ours.statistics().insnsProcessed();
            compared++;
            boolean loop = c.name().startsWith("loops/");
            boolean near = Math.abs(mine - kernel) <= Math.max(2, kernel / 10);
            if (!near || loop) {
                far += loop && !near ? 1 : 0;
                report.append(String.format("%-45s insns kernel %8d ours %8d   states kernel %6s ours %6d%n", c.name(),
                        kernel, mine, m.group(2), ours.statistics().totalStates()));
            }
        }
        System.out.println("processed counts compared on " + compared + " cases; loops and cases differing by more than 10%:\n" + report);
        assertTrue(far == 0, "loop cases whose processed count is not within 10% of the kernel's:\n" + report);
    }
}
