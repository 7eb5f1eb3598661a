package io.github.bpf4j.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.vm.Interpreter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The whole bpf_conformance suite and the project's corpus on the interpreter. */
class InterpreterConformanceTest {
    @Test
    void suiteHasAllItsTests() {
        assertEquals(313, Conformance.tests().size());
    }

    @TestFactory
    Stream<DynamicTest> conformance() {
        return cases(Conformance.tests());
    }

    @TestFactory
    Stream<DynamicTest> corpus() {
        return cases(Corpus.executionCases());
    }

    static Stream<DynamicTest> cases(List<Path> files) {
        Interpreter engine = new Interpreter();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), f.toUri(), () -> {
            CaseRunner.Outcome outcome = CaseRunner.run(engine, DataCase.read(f));
            assertTrue(outcome.passed(), f + ": " + outcome.detail());
        }));
    }
}
