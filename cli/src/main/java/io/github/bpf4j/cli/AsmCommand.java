package io.github.bpf4j.cli;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.HexText;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bpf4j asm FILE.s}: assembles to raw slots (or hex text on stdout). */
@Command(name = "asm", mixinStandardHelpOptions = true,
        description = "Assemble a program (ubpf or kernel syntax) into 8-byte instruction slots.")
final class AsmCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Assembly source (.s or .asm).")
    Path source;

    @Option(names = {"-o", "--output"}, description = "Write the raw slots here; without it, print hex text.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Program program = ProgramFile.read(source, ProgramType.RAW).program();
        byte[] bytes = program.toBytes();
        if (output != null) {
            try {
                Files.write(output, bytes);
            } catch (IOException e) {
                throw new BpfException(output + ": cannot write: " + e.getMessage());
            }
            return Main.OK;
        }
        var out = spec.commandLine().getOut();
        for (int i = 0; i < bytes.length; i += 8) {
            out.println(HexText.format(Arrays.copyOfRange(bytes, i, i + 8)));
        }
        out.flush();
        return Main.OK;
    }
}
