package io.github.bpf4j.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Loads every verifier corpus case into the running kernel and requires the verdict and first
 * message the case records: the corpus expectations are the kernel's, checked live. With
 * {@code -Dbpf4j.record=true} it writes the kernel's verdict and message into the cases instead.
 */
class KernelAgreementTest {

    @TestFactory
    Stream<DynamicTest> everyCaseGetsTheKernelsVerdict() {
        KernelLoader.assumeAvailable();
        boolean record = Boolean.getBoolean("bpf4j.record");
        List<VerifierCase> cases = VerifierCase.all();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            KernelLoader.Result r = KernelLoader.loadCase(c, 1);
            String verdict = r.accepted() ? "accept" : "reject";
            String message = r.accepted() ? null : KernelMessages.firstError(r.log(), KernelLoader.prologue(c));
            if (record) {
                try {
                    Files.writeString(c.file(), c.withExpectation(verdict, message));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
                return;
            }
            assertEquals(c.verdict(), verdict, () -> "kernel verdict; log:\n" + r.log());
            if (!r.accepted()) {
                assertEquals(c.message(), message, () -> "kernel message; log:\n" + r.log());
            }
        }));
    }
}
