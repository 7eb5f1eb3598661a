package io.github.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need bpf(2): skipped with the reason where it is not available, failed instead
 * when {@code CI=true} (CI machines must run them).
 */
final class KernelRequirement {
    private KernelRequirement() {}

    static final KernelEngine ENGINE = new KernelEngine();

    static void requireKernel() {
        if (ENGINE.isAvailable()) {
            return;
        }
        String reason = "bpf(2) is not available: " + ENGINE.unavailableReason();
        if ("true".equals(System.getenv("CI"))) {
            fail(reason + " (CI=true requires the kernel engine)");
        }
        Assumptions.abort(reason);
    }
}
