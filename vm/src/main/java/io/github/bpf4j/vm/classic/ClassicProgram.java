package io.github.bpf4j.vm.classic;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.MalformedProgramException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * An immutable classic BPF program that passed the kernel's and libpcap's checks (forward jumps
 * in range, ends with {@code ret}, scratch indexes 0..15 written before read, no division by a
 * constant zero, known opcodes, 1..4096 instructions).
 */
public final class ClassicProgram {
    private final ClassicInstruction[] insns;
    // Flattened fields for the interpreter's loop.
    final int[] codes;
    final int[] jts;
    final int[] jfs;
    final int[] ks;

    private ClassicProgram(ClassicInstruction[] insns) {
        ClassicChecker.check(insns);
        this.insns = insns;
        int n = insns.length;
        codes = new int[n];
        jts = new int[n];
        jfs = new int[n];
        ks = new int[n];
        for (int i = 0; i < n; i++) {
            codes[i] = insns[i].code();
            jts[i] = insns[i].jt();
            jfs[i] = insns[i].jf();
            ks[i] = insns[i].k();
        }
    }

    /** Checks and wraps instructions; throws {@link MalformedProgramException} naming the bad one. */
    public static ClassicProgram of(List<ClassicInstruction> instructions) {
        return new ClassicProgram(instructions.toArray(new ClassicInstruction[0]));
    }

    public static ClassicProgram of(ClassicInstruction... instructions) {
        return new ClassicProgram(instructions.clone());
    }

    /**
     * Reads a filter file, choosing the format by extension: {@code .ddd} ({@code tcpdump -ddd}
     * decimal, or bpf_asm's comma-separated output), {@code .dd} ({@code tcpdump -dd} C array),
     * {@code .cbpf} (any of the text formats, recognised by content: {@code tcpdump -d} listing,
     * bpf_asm source, decimal or C array). Errors name the file, line and column.
     */
    public static ClassicProgram read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        ClassicFormat format = ClassicFormat.byExtension(name);
        if (format == null) {
            throw new BpfException(file + ": not a classic filter file (extensions: .ddd, .dd, .cbpf)");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BpfException(file + ": no such file");
        } catch (IOException e) {
            throw new BpfException(file + ": cannot read: " + e.getMessage());
        }
        return parse(text, format, file.toString());
    }

    /** True when the file name has a classic filter extension ({@code .ddd}, {@code .dd}, {@code .cbpf}). */
    public static boolean isClassicFile(Path file) {
        return file.getFileName() != null && ClassicFormat.byExtension(file.getFileName().toString()) != null;
    }

    /** Parses text in the given format; {@code source} names it in errors. */
    public static ClassicProgram parse(String text, ClassicFormat format, String source) {
        ClassicFormat actual = format == ClassicFormat.ANY ? ClassicFormat.detect(text) : format;
        List<ClassicInstruction> list = switch (actual) {
            case DECIMAL -> DecimalParser.parse(text, source);
            case C_ARRAY -> CArrayParser.parse(text, source);
            case LISTING -> ListingParser.parse(text, source);
            default -> AsmParser.parse(text, source);
        };
        try {
            return of(list);
        } catch (MalformedProgramException e) {
            throw new MalformedProgramException(source + ": " + e.getMessage());
        }
    }

    public int length() {
        return insns.length;
    }

    public ClassicInstruction instruction(int index) {
        return insns[index];
    }

    public List<ClassicInstruction> instructions() {
        return List.of(insns);
    }

    /**
     * Checks the additional seccomp rules (only aligned 32-bit loads inside {@code seccomp_data},
     * no packet loads, no {@code mod}); throws {@link MalformedProgramException} naming the instruction.
     */
    public ClassicProgram checkSeccomp() {
        ClassicChecker.checkSeccomp(insns);
        return this;
    }

    /** True when some instruction reads packet metadata (an ancillary load, {@code ld len}, {@code ldx len}). */
    public boolean usesMetadata() {
        for (int code : codes) {
            if (code == 0x80 || code == 0x81) {
                return true;
            }
        }
        for (int i = 0; i < insns.length; i++) {
            if (ClassicOpcodes.cls(codes[i]) == ClassicOpcodes.LD && ClassicOpcodes.mode(codes[i]) == ClassicOpcodes.ABS
                    && Ancillary.inArea(ks[i])) {
                return true;
            }
        }
        return false;
    }

    /** {@code tcpdump -ddd} form: the count, then {@code code jt jf k} in decimal, one per line. */
    public String toDecimal() {
        StringBuilder sb = new StringBuilder().append(insns.length).append('\n');
        for (ClassicInstruction i : insns) {
            sb.append(i.code()).append(' ').append(i.jt()).append(' ').append(i.jf()).append(' ')
                    .append(i.unsignedK()).append('\n');
        }
        return sb.toString();
    }

    /** {@code tcpdump -dd} form: {@code { 0x28, 0, 0, 0x0000000c },} per line. */
    public String toCArray() {
        StringBuilder sb = new StringBuilder();
        for (ClassicInstruction i : insns) {
            sb.append(String.format("{ 0x%x, %d, %d, 0x%08x },", i.code(), i.jt(), i.jf(), i.k())).append('\n');
        }
        return sb.toString();
    }

    /** The {@code tcpdump -d} listing. */
    @Override
    public String toString() {
        return ClassicDisassembler.format(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassicProgram other && java.util.Arrays.equals(insns, other.insns);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(insns);
    }
}
