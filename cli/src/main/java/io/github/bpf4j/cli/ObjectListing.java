package io.github.bpf4j.cli;

import io.github.bpf4j.vm.Disassembler;
import io.github.bpf4j.vm.elf.ElfObject;
import io.github.bpf4j.vm.elf.ElfProgram;
import io.github.bpf4j.vm.elf.ElfReader;
import io.github.bpf4j.vm.elf.SourceLine;
import java.nio.file.Path;

/**
 * {@code bpf4j disasm prog.o}: every program of the object, its instructions interleaved with the
 * source lines BTF line info names (as {@code llvm-objdump -S} does), after linking.
 */
final class ObjectListing {
    private ObjectListing() {}

    static String listing(Path path, Disassembler.Syntax syntax) {
        ElfObject object = ElfReader.read(path);
        StringBuilder out = new StringBuilder();
        for (ElfProgram p : object.programs()) {
            out.append(p).append(" (").append(p.program().type().cliName()).append("):\n");
            String[] lines = Disassembler.disassemble(p.program(), syntax).split("\n");
            SourceLine last = null;
            for (String line : lines) {
                int colon = line.indexOf(':');
                String pc = colon > 0 ? line.substring(0, colon).strip() : "";
                SourceLine source = pc.matches("[0-9]+") ? p.sourceLines().get(Integer.parseInt(pc)) : null;
                if (source != null && !source.equals(last)) {
                    out.append("; ").append(source).append('\n');
                    last = source;
                }
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }
}
