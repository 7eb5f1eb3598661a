package io.github.bpf4j.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.testdata.CaseRunner;
import io.github.bpf4j.testdata.Corpus;
import io.github.bpf4j.testdata.DataCase;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The bpf_conformance suite and the project's corpus on the JIT, unverified, raw type. */
class JitConformanceTest {
    private static List<Path> conformanceTests() {
        return Corpus.dataFiles(Corpus.conformanceDir().resolve("tests"));
    }

    @Test
    void suiteHasAllItsTests() {
        assertEquals(313, conformanceTests().size());
    }

    @TestFactory
    Stream<DynamicTest> conformance() {
        return cases(conformanceTests());
    }

    @TestFactory
    Stream<DynamicTest> corpus() {
        return cases(Corpus.executionCases());
    }

    private static Stream<DynamicTest> cases(List<Path> files) {
        JitEngine engine = new JitEngine();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), f.toUri(), () -> {
            CaseRunner.Outcome outcome = CaseRunner.run(engine, DataCase.read(f));
            assertTrue(outcome.passed(), f + ": " + outcome.detail());
        }));
    }
}
