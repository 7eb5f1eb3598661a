package io.github.bpf4j.cli;

import io.github.bpf4j.vm.Engine;
import io.github.bpf4j.vm.Engines;
import io.github.bpf4j.vm.ProgramType;
import picocli.CommandLine.Option;

/** Options every running subcommand shares: the engine and the program type. */
final class EngineOption {
    static final String DEFAULT_ENGINE = "jit";

    @Option(names = "--engine",
            description = "Engine: jit (default), interpreter or kernel; for classic filters also classic (their default).")
    String engine;

    @Option(names = "--type", defaultValue = "raw",
            description = "Program type: raw, socket_filter, sched_cls, xdp, ... (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--budget", description = "Stop a run after this many instructions (fault).")
    Long budget;

    Engine engine() {
        return Engines.byName(name());
    }

    /** The engine's name, the default when none was given. */
    String name() {
        return engine == null ? DEFAULT_ENGINE : engine;
    }

    ProgramType type() {
        return ProgramType.parse(type);
    }
}
