package io.github.bpf4j.cli;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.BpfFault;
import io.github.bpf4j.vm.MalformedProgramException;
import io.github.bpf4j.vm.VerifierException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code bpf4j} command. */
@Command(name = "bpf4j", mixinStandardHelpOptions = true, version = "bpf4j 0.1.0",
        description = "A pure-Java eBPF virtual machine: run, assemble, disassemble and test eBPF programs.",
        subcommands = {RunCommand.class, AsmCommand.class, DisasmCommand.class, TestCommand.class,
                BenchCommand.class, ConformancePluginCommand.class, FuzzCommand.class, VerifyCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    /** Exit codes (DESIGN.md): 0 success, 1 rejected/faulted/failed, 2 usage or input error. */
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    static boolean verbose;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(Main::handle);
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("bpf4j: " + e.getMessage());
            e.getCommandLine().getErr().println("try '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help'");
            return USAGE;
        });
        return cli.execute(args);
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (verbose) {
            e.printStackTrace(err);
        }
        err.println("bpf4j: " + (e instanceof BpfException ? "" : "internal error: ") + e.getMessage());
        err.flush();
        return exitCode(e);
    }

    /** The documented exit code of an error. */
    static int exitCode(Exception e) {
        if (e instanceof MalformedProgramException m) {
            return m.slot() >= 0 ? FAILED : USAGE;
        }
        if (e instanceof BpfFault || e instanceof VerifierException) {
            return FAILED;
        }
        if (e instanceof BpfException) {
            return USAGE;
        }
        return FAILED;
    }
}
