package io.github.bpf4j.cli;

import io.github.bpf4j.jit.JitCompiler;
import io.github.bpf4j.jit.JitEngine;
import io.github.bpf4j.jit.JitProgram;
import io.github.bpf4j.vm.Disassembler;
import io.github.bpf4j.vm.LoadOptions;
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

    @Option(names = "--facts", description = "With --jvm: verify the program first and show the bytecode specialised "
            + "on the verifier's facts, as run executes it (a raw program is verified for --mem-size bytes).")
    boolean facts;

    @Option(names = "--mem-size", paramLabel = "N",
            description = "With --facts: the raw program's input length (default: the .data case's memory, else 0).")
    Integer memSize;

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
        if ((facts || memSize != null) && !(jvm && facts)) {
            throw new io.github.bpf4j.vm.BpfException((facts ? "--facts needs --jvm" : "--mem-size needs --jvm --facts")
                    + " (they show the JIT's bytecode specialised on the verifier's facts)");
        }
        var out = spec.commandLine().getOut();
        if (program.getFileName().toString().endsWith(".o") && !jvm) {
            out.print(ObjectListing.listing(program, s));
        } else {
            ProgramFile file = ProgramFile.read(program, ProgramType.RAW);
            Program p = file.program();
            if (facts && jvm) {
                out.print(specialised(p, file.memory()));
            } else {
                out.print(jvm ? JitCompiler.bytecodeText(p) : Disassembler.disassemble(p, s));
            }
        }
        out.flush();
        return Main.OK;
    }

    /** The bytecode made with the verifier's facts, after a comment saying what they changed. */
    private String specialised(Program p, byte[] caseMemory) {
        int size = memSize != null ? memSize : caseMemory == null ? 0 : caseMemory.length;
        LoadOptions options = LoadOptions.defaults().withFacts(
                Verification.verifyForRun(p, new byte[size], spec.commandLine().getErr()));
        try (JitProgram jit = (JitProgram) new JitEngine().load(p, options)) {
            return "// specialised on the verifier's facts (input of " + size + " bytes): "
                    + jit.specialisedAccesses() + " loads/stores, " + jit.specialisedCompares() + " compares\n"
                    + JitCompiler.bytecodeText(p, options);
        }
    }
}
