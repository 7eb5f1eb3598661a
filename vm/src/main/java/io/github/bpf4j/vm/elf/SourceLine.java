package io.github.bpf4j.vm.elf;

/** A source position from BTF line info, with the line's text as clang recorded it. */
public record SourceLine(String file, int line, int column, String text) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + (text.isEmpty() ? "" : ": " + text.strip());
    }
}
