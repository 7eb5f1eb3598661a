package io.github.bpf4j.testdata;

import io.github.bpf4j.vm.BpfException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Finds the bpf_conformance suite for tests: skip when missing, fail when CI=true. */
final class Conformance {
    private Conformance() {}

    static Path dir() {
        try {
            return Corpus.conformanceDir();
        } catch (BpfException e) {
            if (Corpus.strict()) {
                Assertions.fail("CI=true and the conformance suite is missing: " + e.getMessage());
            }
            Assumptions.abort("conformance suite missing: " + e.getMessage());
            throw e;
        }
    }

    static List<Path> tests() {
        return Corpus.dataFiles(dir().resolve("tests"));
    }
}
