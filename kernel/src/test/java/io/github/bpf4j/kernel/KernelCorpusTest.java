package io.github.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.testdata.CaseRunner;
import io.github.bpf4j.testdata.DataCase;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.VerifierException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The project's execution corpus on the kernel engine. A case the kernel's verifier rejects is
 * skipped with the kernel's reason; every other case must give the expected r0 (and memory).
 */
class KernelCorpusTest {
    @TestFactory
    Stream<DynamicTest> corpusOnTheKernel() {
        KernelRequirement.requireKernel();
        return CaseFiles.corpusExecutionCases().stream().map(file -> DynamicTest.dynamicTest(
                file.getFileName().toString(), file.toUri(), () -> {
                    DataCase c = DataCase.read(file);
                    byte[] memory = c.memory();
                    try {
                        // loading with the memory's size runs the kernel's verifier now
                        KernelRequirement.ENGINE.load(c.program(), LoadOptions.defaults(),
                                memory == null ? 0 : memory.length).close();
                    } catch (VerifierException e) {
                        Assumptions.abort("the kernel cannot run " + file.getFileName() + ": " + e.getMessage());
                    }
                    CaseRunner.Outcome outcome = CaseRunner.run(KernelRequirement.ENGINE, c);
                    assertTrue(outcome.passed(), file + ": " + outcome.detail());
                }));
    }
}
