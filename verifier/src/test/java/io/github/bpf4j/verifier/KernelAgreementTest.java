package io.github.bpf4j.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bpf4j.vm.ProgramType;
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
            boolean raw = c.type() == ProgramType.RAW;
            KernelLoader.Result r = raw ? KernelLoader.loadRaw(c.slots(), c.memSize(), c.unprivileged(), c.maps())
                    : KernelLoader.loadTyped(c.slots(), c.type(), c.unprivileged(), c.maps());
            String verdict = r.accepted() ? "accept" : "reject";
            String message = r.accepted() ? null : KernelMessages.firstError(r.log(), raw ? KernelLoader.PROLOGUE : 0);
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
