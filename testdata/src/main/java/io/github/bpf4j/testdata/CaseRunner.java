package io.github.bpf4j.testdata;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Engine;
import io.github.bpf4j.vm.HexText;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.RunResult;
import java.util.Arrays;

/** Runs one {@link DataCase} on an engine and says whether the engine gave the expected answer. */
public final class CaseRunner {
    /** Budget for corpus runs, so that a wrong jump never hangs a test. */
    public static final long DEFAULT_BUDGET = 100_000_000L;

    private CaseRunner() {}

    /**
     * The outcome of a case.
     *
     * @param passed whether the engine matched the expectation
     * @param detail what happened (r0, or the error), for reports
     */
    public record Outcome(boolean passed, String detail) {}

    public static Outcome run(Engine engine, DataCase c) {
        return run(engine, c, LoadOptions.defaults().withBudget(DEFAULT_BUDGET));
    }

    public static Outcome run(Engine engine, DataCase c, LoadOptions options) {
        String expectedError = c.expectedError();
        Long expected = c.expectedResult();
        RunResult result;
        try {
            Program program = c.program();
            try (LoadedProgram loaded = engine.load(program, options)) {
                result = loaded.run(c.memory());
            }
        } catch (BpfException e) {
            if (expectedError != null) {
                return new Outcome(true, "error as expected: " + e.getMessage());
            }
            return new Outcome(false, "unexpected error: " + e.getMessage());
        }
        if (expected == null) {
            return new Outcome(false, String.format("expected error '%s', got r0 = 0x%x", expectedError, result.r0()));
        }
        if (result.r0() != expected) {
            return new Outcome(false, String.format("expected r0 = 0x%x, got 0x%x", expected, result.r0()));
        }
        byte[] after = c.memoryAfter();
        if (after != null && !Arrays.equals(after, result.memory())) {
            return new Outcome(false, "memory after the run differs: expected " + HexText.format(after)
                    + ", got " + HexText.format(result.memory()));
        }
        return new Outcome(true, String.format("r0 = 0x%x", result.r0()));
    }
}
