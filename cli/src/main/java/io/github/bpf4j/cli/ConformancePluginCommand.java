package io.github.bpf4j.cli;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Engine;
import io.github.bpf4j.vm.Engines;
import io.github.bpf4j.vm.HexText;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.RunResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bpf4j conformance-plugin}: the plugin protocol of bpf_conformance's runner. The runner
 * execs {@code PLUGIN [MEMHEX] [OPTIONS…] [--elf]} (each of those may be one argument holding
 * several space-separated words), writes the program as hex text on stdin and reads r0 in hex
 * from stdout; on error the plugin prints one line on stdout and exits non-zero.
 */
@Command(name = "conformance-plugin", mixinStandardHelpOptions = true,
        description = {"Run one program the way bpf_conformance's runner expects: program as hex on stdin, "
                + "input memory as hex in the first argument, options like --engine=jit; prints r0 in hex.",
                "Runs unverified, raw program type."})
final class ConformancePluginCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "ARG", description = "[MEMHEX] [OPTIONS…] [--elf]")
    List<String> arguments = new ArrayList<>();

    @Unmatched
    List<String> unmatched = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try {
            String engineName = "interpreter";
            StringBuilder memHex = new StringBuilder();
            List<String> words = new ArrayList<>();
            for (String arg : arguments) {
                words.addAll(List.of(arg.trim().split("\\s+")));
            }
            for (String arg : unmatched) {
                words.addAll(List.of(arg.trim().split("\\s+")));
            }
            for (String word : words) {
                if (word.isEmpty()) {
                    continue;
                }
                if (word.startsWith("--engine=")) {
                    engineName = word.substring("--engine=".length());
                } else if (word.equals("--elf")) {
                    throw new BpfException("ELF input is not supported by this version");
                } else if (word.startsWith("--")) {
                    throw new BpfException("unknown plugin option '" + word + "'");
                } else {
                    memHex.append(word).append(' ');
                }
            }
            Engine engine = Engines.byName(engineName);
            byte[] memory = HexText.parse(memHex.toString(), "memory argument");
            Program program = Program.fromBytes(HexText.parse(readStdin(), "stdin"));
            RunResult result;
            try (LoadedProgram loaded = engine.load(program, LoadOptions.defaults())) {
                result = loaded.run(memory);
            }
            out.printf("%x%n", result.r0());
            out.flush();
            return Main.OK;
        } catch (BpfException e) {
            out.println(e.getMessage());
            out.flush();
            return Main.exitCode(e);
        }
    }

    private static String readStdin() {
        try {
            InputStream in = System.in;
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new BpfException("cannot read the program from stdin: " + e.getMessage());
        }
    }
}
