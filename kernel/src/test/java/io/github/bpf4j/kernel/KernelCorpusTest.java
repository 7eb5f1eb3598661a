package io.github.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.testdata.CaseRunner;
import io.github.bpf4j.testdata.DataCase;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.VerifierException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The project's execution corpus on the kernel engine. A case marked
 * {@code # kernel: cannot run: REASON} must be rejected by the kernel's verifier (it is then
 * skipped, with the kernel's message); every other case must give the expected r0 (and memory).
 */
class KernelCorpusTest {
    private static final Pattern CANNOT_RUN = Pattern.compile("#\\s*kernel:\\s*cannot run:\\s*(.*)");

    @TestFactory
    Stream<DynamicTest> corpusOnTheKernel() {
        KernelRequirement.requireKernel();
        return CaseFiles.corpusExecutionCases().stream().map(file -> DynamicTest.dynamicTest(
                file.getFileName().toString(), file.toUri(), () -> {
                    DataCase c = DataCase.read(file);
                    Matcher cannotRun = CANNOT_RUN.matcher(c.source());
                    if (cannotRun.find()) {
                        byte[] memory = c.memory();
                        // loading with the memory's size runs the kernel's verifier now
                        VerifierException e = assertThrows(VerifierException.class, () -> KernelRequirement.ENGINE
                                .load(c.program(), LoadOptions.defaults(), memory == null ? 0 : memory.length)
                                .close(), file + " is marked 'kernel: cannot run' but the kernel accepts it");
                        Assumptions.abort("the kernel cannot run " + file.getFileName() + " ("
                                + cannotRun.group(1).strip() + "): " + e.getMessage());
                    }
                    CaseRunner.Outcome outcome = CaseRunner.run(KernelRequirement.ENGINE, c);
                    assertTrue(outcome.passed(), file + ": " + outcome.detail());
                }));
    }
}
