package io.github.bpf4j.kernel;

import io.github.bpf4j.testdata.Corpus;
import io.github.bpf4j.vm.BpfException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** The conformance suite and the corpus for kernel tests: skipped when missing, failed when CI=true. */
final class CaseFiles {
    private CaseFiles() {}

    static List<Path> conformanceTests() {
        return Corpus.dataFiles(find(Corpus::conformanceDir, "the conformance suite").resolve("tests"));
    }

    static List<Path> corpusExecutionCases() {
        find(Corpus::corpusDir, "the corpus");
        return Corpus.executionCases();
    }

    private static Path find(Supplier<Path> locate, String what) {
        try {
            return locate.get();
        } catch (BpfException e) {
            if (Corpus.strict()) {
                Assertions.fail("CI=true and " + what + " is missing: " + e.getMessage());
            }
            Assumptions.abort(what + " is missing: " + e.getMessage());
            throw e;
        }
    }
}
