package io.github.bpf4j.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.bpf4j.vm.Program;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every verifier corpus case gets the kernel's verdict and first message from our verifier. */
class CorpusTest {

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesTheKernel() {
        return VerifierCase.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            assertNotNull(c.verdict(), "case has no recorded verdict");
            Program program = c.program();
            Verdict v = assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                    Verifier.verify(program, new VerifierOptions(program.type(), c.memSize(), 0, c.unprivileged())));
            String verdict = v.accepted() ? "accept" : "reject";
            assertEquals(c.verdict(), verdict, () -> "verdict; our log:\n" + v.log());
            if (!v.accepted()) {
                assertEquals(c.message(), v.error().orElseThrow().message(), () -> "message; our log:\n" + v.log());
            }
        }));
    }
}
