package io.github.bpf4j.cli;

import io.github.bpf4j.vm.Disassembler;
import io.github.bpf4j.vm.ProgramType;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bpf4j disasm PROGRAM}: prints the instructions. */
@Command(name = "disasm", mixinStandardHelpOptions = true,
        description = "Disassemble a program, in the kernel/LLVM syntax (as llvm-objdump -d prints it) or ubpf's.")
final class DisasmCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PROGRAM", description = "Program file: .bin, .hex, .s/.asm, .data or .o (with source lines).")
    Path program;

    @Option(names = "--syntax", defaultValue = "llvm", description = "llvm (default) or ubpf.")
    String syntax;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Disassembler.Syntax s = switch (syntax.toLowerCase(Locale.ROOT)) {
            case "llvm", "kernel" -> Disassembler.Syntax.LLVM;
            case "ubpf" -> Disassembler.Syntax.UBPF;
            default -> throw new io.github.bpf4j.vm.BpfException("unknown syntax '" + syntax + "' (llvm or ubpf)");
        };
        var out = spec.commandLine().getOut();
        if (program.getFileName().toString().endsWith(".o")) {
            out.print(ObjectListing.listing(program, s));
        } else {
            out.print(Disassembler.disassemble(ProgramFile.read(program, ProgramType.RAW).program(), s));
        }
        out.flush();
        return Main.OK;
    }
}
