package io.github.bpf4j.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.testdata.CaseRunner;
import io.github.bpf4j.testdata.Corpus;
import io.github.bpf4j.testdata.DataCase;
import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.ProgramFacts;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The bpf_conformance suite and the project's corpus on the JIT, unverified, raw type; and the
 * cases the verifier accepts again, loaded with its facts.
 */
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

    /** The cases the verifier accepts, loaded with its facts: the specialised code agrees too. */
    @TestFactory
    Stream<DynamicTest> conformanceVerified() {
        return verifiedCases(conformanceTests());
    }

    @TestFactory
    Stream<DynamicTest> corpusVerified() {
        return verifiedCases(Corpus.executionCases());
    }

    /** Enough cases are verified and specialised for the two factories above to mean something. */
    @Test
    void verifiedCasesAreSpecialised() {
        int verified = 0;
        int specialised = 0;
        int accesses = 0;
        for (Path f : conformanceTests()) {
            DataCase c = DataCase.read(f);
            ProgramFacts facts = facts(c);
            if (facts.verified()) {
                verified++;
                try (JitProgram jit = JitProgram.load(c.program(), LoadOptions.defaults().withFacts(facts))) {
                    specialised += jit.specialisedAccesses() > 0 ? 1 : 0;
                    accesses += jit.specialisedAccesses();
                }
            }
        }
        assertTrue(verified >= 100, verified + " conformance cases verified");
        assertTrue(specialised >= 30, specialised + " of them specialised, " + accesses + " accesses");
    }

    /** The case's facts, or none when it is malformed or the verifier rejects it. */
    private static ProgramFacts facts(DataCase c) {
        if (!c.hasProgram() || c.expectedResult() == null) {
            return ProgramFacts.NONE;
        }
        try {
            return VerifiedLoads.facts(c.program(), c.memory());
        } catch (BpfException malformed) {
            return ProgramFacts.NONE;
        }
    }

    private static Stream<DynamicTest> verifiedCases(List<Path> files) {
        JitEngine engine = new JitEngine();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), f.toUri(), () -> {
            DataCase c = DataCase.read(f);
            ProgramFacts facts = facts(c);
            Assumptions.assumeTrue(facts.verified(), "not accepted by the verifier");
            LoadOptions options = LoadOptions.defaults().withBudget(CaseRunner.DEFAULT_BUDGET).withFacts(facts);
            CaseRunner.Outcome outcome = CaseRunner.run(engine, c, options);
            assertTrue(outcome.passed(), f + ": " + outcome.detail());
        }));
    }

    private static Stream<DynamicTest> cases(List<Path> files) {
        JitEngine engine = new JitEngine();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), f.toUri(), () -> {
            CaseRunner.Outcome outcome = CaseRunner.run(engine, DataCase.read(f));
            assertTrue(outcome.passed(), f + ": " + outcome.detail());
        }));
    }
}
