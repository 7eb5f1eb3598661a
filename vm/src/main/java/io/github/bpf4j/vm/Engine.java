package io.github.bpf4j.vm;

/**
 * The one plug-in point: something that loads a {@link Program} and runs it. Engines are
 * found with {@link java.util.ServiceLoader} (see {@link Engines}); all of them give the same
 * r0, memory and faults for the same program and input.
 */
public interface Engine {
    /** The name used on the command line: {@code interpreter}, {@code jit}, {@code kernel}. */
    String name();

    /** Whether this engine can run here; if not, {@link #unavailableReason()} says why. */
    default boolean isAvailable() {
        return true;
    }

    default String unavailableReason() {
        return "";
    }

    /**
     * Creates a map this engine's programs can use (pass it in {@link LoadOptions#withMaps}); the
     * kernel engine creates it in the kernel.
     */
    default io.github.bpf4j.vm.maps.BpfMap createMap(MapSpec spec) {
        return io.github.bpf4j.vm.maps.BpfMaps.create(spec);
    }

    /** Prepares a program to run; throws a {@link BpfException} if it cannot. */
    LoadedProgram load(Program program, LoadOptions options);
}
