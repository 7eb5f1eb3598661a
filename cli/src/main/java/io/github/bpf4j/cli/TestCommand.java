package io.github.bpf4j.cli;

import io.github.bpf4j.testdata.CaseRunner;
import io.github.bpf4j.testdata.Corpus;
import io.github.bpf4j.testdata.DataCase;
import io.github.bpf4j.verifier.Verdict;
import io.github.bpf4j.verifier.Verifier;
import io.github.bpf4j.verifier.VerifierOptions;
import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bpf4j test FILE.data|DIR}: runs test cases and counts passes and failures. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run .data test cases (a file or every .data file under a directory); ends with 'N passed, N failed'.")
final class TestCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.data|DIR", arity = "1..*")
    List<Path> paths;

    @Mixin
    EngineOption engine;

    @Option(names = "--verify", description = "Verify each program before running it.")
    boolean verify;

    @Option(names = {"-v", "--list"}, description = "Print every case, not only failures.")
    boolean list;

    @Spec
    CommandSpec spec;

    /** A failed outcome when the verifier rejects the case's program, null to go on and run it. */
    private static CaseRunner.Outcome verifyFirst(DataCase c) {
        Program program = c.program();
        byte[] mem = c.memory();
        Verdict v = Verifier.verify(program, new VerifierOptions(program.type(), mem == null ? 0 : mem.length, 0, false));
        if (v.accepted()) {
            return null;
        }
        String why = Verification.describe(v.error().orElseThrow());
        return new CaseRunner.Outcome(c.expectedError() != null, why);
    }

    @Override
    public Integer call() {
        Engine e = engine.engine();
        var out = spec.commandLine().getOut();
        int passed = 0;
        int failed = 0;
        for (Path path : paths) {
            List<Path> files = Files.isDirectory(path) ? Corpus.dataFiles(path) : List.of(path);
            if (!Files.exists(path)) {
                throw new BpfException(path + ": no such file or directory");
            }
            for (Path f : files) {
                CaseRunner.Outcome outcome;
                try {
                    DataCase c = DataCase.read(f);
                    outcome = verify ? verifyFirst(c) : null;
                    if (outcome == null) {
                        outcome = CaseRunner.run(e, c);
                    }
                } catch (BpfException ex) {
                    outcome = new CaseRunner.Outcome(false, ex.getMessage());
                }
                if (outcome.passed()) {
                    passed++;
                } else {
                    failed++;
                }
                if (list || !outcome.passed()) {
                    out.printf("%s %s: %s%n", outcome.passed() ? "PASS" : "FAIL", f, outcome.detail());
                }
            }
        }
        out.printf("%d passed, %d failed%n", passed, failed);
        out.flush();
        return failed == 0 ? Main.OK : Main.FAILED;
    }
}
