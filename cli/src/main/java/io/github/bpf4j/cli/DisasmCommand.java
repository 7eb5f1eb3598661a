package io.github.bpf4j.cli;

import io.github.bpf4j.jit.JitCompiler;
import io.github.bpf4j.vm.Disassembler;
import io.github.bpf4j.vm.Program;
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
        description = "Disassemble a program (LLVM, kernel-log or ubpf syntax), or show the JVM bytecode the JIT makes of it.")
final class DisasmCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PROGRAM", description = "Program file: .bin, .hex, .s/.asm, .data or .o (with source lines).")
    Path program;

    @Option(names = "--syntax", defaultValue = "llvm",
            description = "llvm (default, as llvm-objdump -d prints it), kernel (as the verifier log prints it) or ubpf.")
    String syntax;

    @Option(names = "--jvm", description = "Print the JVM bytecode the JIT generates for the program instead.")
    boolean jvm;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Disassembler.Syntax s = switch (syntax.toLowerCase(Locale.ROOT)) {
            case "llvm" -> Disassembler.Syntax.LLVM;
            case "kernel" -> Disassembler.Syntax.KERNEL;
            case "ubpf" -> Disassembler.Syntax.UBPF;
            default -> throw new io.github.bpf4j.vm.BpfException("unknown syntax '" + syntax + "' (llvm or ubpf)");
        };
        var out = spec.commandLine().getOut();
        if (program.getFileName().toString().endsWith(".o") && !jvm) {
            out.print(ObjectListing.listing(program, s));
        } else {
            Program p = ProgramFile.read(program, ProgramType.RAW).program();
            out.print(jvm ? JitCompiler.bytecodeText(p) : Disassembler.disassemble(p, s));
        }
        out.flush();
        return Main.OK;
    }
}
