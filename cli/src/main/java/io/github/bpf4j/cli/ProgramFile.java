package io.github.bpf4j.cli;

import io.github.bpf4j.testdata.DataCase;
import io.github.bpf4j.vm.Assembler;
import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.HexText;
import io.github.bpf4j.vm.MalformedProgramException;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A program read from a file whose extension says its format: {@code .bin} raw slots,
 * {@code .hex} hex text, {@code .s}/{@code .asm} assembly, {@code .data} a test case (which may
 * also carry the input memory).
 *
 * @param program the program
 * @param memory  the input memory the file itself supplies (a {@code .data} case), or null
 */
record ProgramFile(Program program, byte[] memory) {

    static ProgramFile read(Path path, ProgramType type) {
        String name = path.getFileName().toString();
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        ProgramFile file = switch (ext) {
            case "bin" -> new ProgramFile(Program.fromBytes(bytes(path)), null);
            case "hex" -> new ProgramFile(Program.fromBytes(HexText.parse(text(path), path.toString())), null);
            case "s", "asm" -> new ProgramFile(assemble(path), null);
            case "data" -> {
                DataCase c = DataCase.read(path);
                yield new ProgramFile(c.program(), c.memory());
            }
            case "o" -> new ProgramFile(soleProgram(path), null);
            default -> throw new BpfException(path + ": unknown program format '." + ext
                    + "' (expected .bin, .hex, .s, .asm, .data or .o)");
        };
        return type == ProgramType.RAW ? file
                : new ProgramFile(file.program().with(type, List.of()), file.memory());
    }

    /** The one program of an object file (run picks others with --section). */
    private static Program soleProgram(Path path) {
        var object = io.github.bpf4j.vm.elf.ElfReader.read(path);
        if (object.programs().size() != 1) {
            throw new BpfException(path + ": the object holds " + object.programs().size()
                    + " programs; run takes --section to pick one");
        }
        return object.programs().get(0).program();
    }

    private static Program assemble(Path path) {
        try {
            return Assembler.assembleProgram(text(path));
        } catch (MalformedProgramException e) {
            throw e.slot() >= 0 ? new MalformedProgramException(path + ": " + e.getMessage(), e.slot())
                    : new MalformedProgramException(path + ":" + e.getMessage());
        }
    }

    static byte[] bytes(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new BpfException(path + ": no such file");
        } catch (IOException e) {
            throw new BpfException(path + ": cannot read: " + e.getMessage());
        }
    }

    static String text(Path path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }
}
