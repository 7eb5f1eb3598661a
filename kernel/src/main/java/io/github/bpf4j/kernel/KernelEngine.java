package io.github.bpf4j.kernel;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Engine;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramType;
import io.github.bpf4j.vm.VerifierException;
import java.util.List;

/**
 * The engine named {@code kernel}: runs programs in Linux through bpf(2). The kernel's verifier
 * checks every program (a rejection is a {@link VerifierException} with its log); the kernel's
 * own helpers are called, so {@link LoadOptions#helpers()} and the instruction budget (a
 * verified program always ends) do not apply. Raw programs run as XDP, see
 * {@link KernelLoadedProgram}.
 */
public final class KernelEngine implements Engine {
    @Override
    public String name() {
        return "kernel";
    }

    @Override
    public boolean isAvailable() {
        return KernelAvailability.REASON.isEmpty();
    }

    /** Why bpf(2) cannot be used here (not Linux, EPERM and why, no syscall), or empty. */
    @Override
    public String unavailableReason() {
        return KernelAvailability.REASON;
    }

    @Override
    public KernelLoadedProgram load(Program program, LoadOptions options) {
        return load(program, options, -1);
    }

    /**
     * Loads a program; a raw one is verified now for memory of {@code memorySize} bytes (or at
     * its first run when {@code memorySize} is negative).
     */
    public KernelLoadedProgram load(Program program, LoadOptions options, int memorySize) {
        requireAvailable();
        return KernelLoadedProgram.load(program, memorySize, KernelProgram.LOG_NONE, options.maps());
    }

    /** A map in the kernel (global data written in); close it when no program needs it any more. */
    @Override
    public KernelBpfMap createMap(io.github.bpf4j.vm.MapSpec spec) {
        requireAvailable();
        return KernelBpfMap.create(spec);
    }

    /**
     * Asks the kernel's verifier about a program and returns its log (a raw program is checked
     * inside its XDP wrapper with {@code memorySize} bytes of memory); releases everything after.
     *
     * @param logLevel {@link KernelProgram#LOG_BASIC} or {@link KernelProgram#LOG_VERBOSE}
     * @throws VerifierException when the kernel rejects the program
     */
    public String verifierLog(Program program, int memorySize, int logLevel) {
        requireAvailable();
        if (logLevel != KernelProgram.LOG_BASIC && logLevel != KernelProgram.LOG_VERBOSE) {
            throw new BpfException("verifier log level must be 1 or 2, is " + logLevel);
        }
        try (KernelLoadedProgram loaded = KernelLoadedProgram.load(program, Math.max(0, memorySize), logLevel)) {
            return loaded.kernelProgram(Math.max(0, memorySize)).log();
        }
    }

    /**
     * Loads a program once with {@link KernelProgram#LOG_STATS} and returns what the kernel's
     * verifier says it cost (a raw program is checked inside its XDP wrapper with
     * {@code memorySize} bytes of memory, so the wrapper's few instructions count too); releases
     * everything after.
     *
     * @throws VerifierException when the kernel rejects the program
     */
    public KernelVerifierStatistics verifierStatistics(Program program, int memorySize) {
        requireAvailable();
        try (KernelLoadedProgram loaded = KernelLoadedProgram.load(program, Math.max(0, memorySize),
                KernelProgram.LOG_STATS)) {
            return KernelVerifierStatistics.parse(loaded.kernelProgram(Math.max(0, memorySize)).log());
        }
    }

    /**
     * The kernel's time per run of a program that only returns 0, loaded as {@code type} (a raw
     * one inside its XDP wrapper) and run {@code repeat} times on {@code input}: the fixed cost
     * of a {@code BPF_PROG_TEST_RUN} repetition, to set beside {@link KernelLoadedProgram#nanosPerRun}.
     */
    public long emptyProgramNanosPerRun(ProgramType type, byte[] input, int repeat) {
        requireAvailable();
        Program empty = Program.of(type, KernelAvailability.returnZero(), List.of());
        try (KernelLoadedProgram loaded = KernelLoadedProgram.load(empty, -1, KernelProgram.LOG_NONE)) {
            return loaded.nanosPerRun(input, repeat);
        }
    }

    private void requireAvailable() {
        if (!isAvailable()) {
            throw new BpfException("the kernel engine is not available: " + unavailableReason());
        }
    }
}
