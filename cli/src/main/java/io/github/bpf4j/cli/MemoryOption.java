package io.github.bpf4j.cli;

import io.github.bpf4j.vm.HexText;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The input memory of a run: {@code --mem HEX} or {@code --mem-file F}. */
final class MemoryOption {
    @Option(names = "--mem", description = "Input memory as hex text (r1 points to a copy, r2 is its length).")
    String hex;

    @Option(names = "--mem-file", description = "Input memory as a file of raw bytes.")
    Path file;

    /** The memory given on the command line, else {@code fallback} (which may be null). */
    byte[] memory(byte[] fallback) {
        if (hex != null && file != null) {
            throw new io.github.bpf4j.vm.BpfException("give --mem or --mem-file, not both");
        }
        if (hex != null) {
            return HexText.parse(hex, "--mem");
        }
        if (file != null) {
            return ProgramFile.bytes(file);
        }
        return fallback;
    }
}
