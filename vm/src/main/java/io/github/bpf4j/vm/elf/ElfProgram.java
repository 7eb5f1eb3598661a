package io.github.bpf4j.vm.elf;

import io.github.bpf4j.vm.Program;
import java.util.Map;

/**
 * One program of an object: its function name, the section it came from, the linked
 * {@link Program} (its {@code .text} subprograms appended, relocations applied) and, when the
 * object has BTF line info, the source line of each pc that has one.
 */
public final class ElfProgram {
    private final String name;
    private final String section;
    private final Program program;
    private final Map<Integer, SourceLine> lines;

    ElfProgram(String name, String section, Program program, Map<Integer, SourceLine> lines) {
        this.name = name;
        this.section = section;
        this.program = program;
        this.lines = Map.copyOf(lines);
    }

    public String name() {
        return name;
    }

    public String section() {
        return section;
    }

    public Program program() {
        return program;
    }

    /** The source line the instruction at {@code pc} (or the nearest one before it) came from, or null. */
    public SourceLine sourceLine(int pc) {
        for (int p = pc; p >= 0; p--) {
            SourceLine line = lines.get(p);
            if (line != null) {
                return line;
            }
        }
        return null;
    }

    /** Source lines by pc, for disassembly listings. */
    public Map<Integer, SourceLine> sourceLines() {
        return lines;
    }

    @Override
    public String toString() {
        return section + "/" + name;
    }
}
