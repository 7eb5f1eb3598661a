package io.github.bpf4j.verifier;

import io.github.bpf4j.testdata.DataCase;
import io.github.bpf4j.vm.Assembler;
import io.github.bpf4j.vm.Encoder;
import io.github.bpf4j.vm.MapSpec;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One verifier corpus case, read by the shared {@link DataCase}: {@code -- asm} (kernel syntax),
 * optional {@code -- type} (a program type; raw by default), {@code -- mem-size}, {@code -- maps} and
 * {@code -- unprivileged}, and the kernel's {@code -- verdict} (accept|reject) and first error
 * {@code -- message}.
 */
record VerifierCase(Path file, String asm, ProgramType type, int memSize, boolean unprivileged, List<MapSpec> maps,
        String verdict, String message) {

    static Path corpusDir() {
        String dir = System.getProperty("bpf4j.corpus.dir");
        if (dir == null) {
            throw new IllegalStateException("system property bpf4j.corpus.dir is not set");
        }
        return Path.of(dir, "verifier");
    }

    static List<VerifierCase> all() {
        try (Stream<Path> files = Files.walk(corpusDir())) {
            return files.filter(p -> p.toString().endsWith(".data")).sorted().map(VerifierCase::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static VerifierCase read(Path file) {
        DataCase c = DataCase.read(file);
        String memSize = c.section("mem-size");
        String type = body(c.section("type"));
        return new VerifierCase(file, c.section("asm"), type == null ? ProgramType.RAW : ProgramType.parse(type),
                memSize == null ? 0 : Integer.parseInt(memSize.trim()),
                c.has("unprivileged"), maps(c.section("maps")), body(c.section("verdict")), body(c.section("message")));
    }

    /**
     * The {@code -- maps} section: one map a line, {@code TYPE KEY_SIZE VALUE_SIZE MAX_ENTRIES} with
     * TYPE {@code hash}, {@code array} or {@code ringbuf}; an lddw map reference's imm is the index of its line.
     */
    private static List<MapSpec> maps(String text) {
        String lines = body(text);
        if (lines == null) {
            return List.of();
        }
        List<MapSpec> out = new ArrayList<>();
        for (String l : lines.split("\n")) {
            String[] f = l.split("\\s+");
            int type = switch (f[0]) {
                case "hash" -> 1;
                case "array" -> 2;
                case "ringbuf" -> 27;
                default -> throw new IllegalArgumentException("unknown map type '" + f[0] + "' in " + l);
            };
            out.add(new MapSpec("m" + out.size(), type, Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                    Integer.parseInt(f[3]), 0));
        }
        return out;
    }

    /** The case as a program of its type (raw unless {@code -- type} says otherwise) with its maps. */
    Program program() {
        return Program.of(type, slots(), maps);
    }

    /** The non-blank, non-comment lines of a section, or null. */
    private static String body(String text) {
        if (text == null) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String l : text.split("\n")) {
            if (!l.isBlank() && !l.trim().startsWith("#")) {
                kept.add(l.trim());
            }
        }
        return kept.isEmpty() ? null : String.join("\n", kept);
    }

    String name() {
        return corpusDir().relativize(file).toString();
    }

    long[] slots() {
        return Encoder.encode(Assembler.assemble(asm));
    }

    /** The file with its verdict and message replaced (used only when recording from the kernel). */
    String withExpectation(String newVerdict, String newMessage) {
        StringBuilder out = new StringBuilder();
        try {
            boolean skip = false;
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("-- verdict") || line.startsWith("-- message")) {
                    skip = true;
                    continue;
                }
                if (line.startsWith("-- ")) {
                    skip = false;
                }
                if (!skip) {
                    out.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        while (out.length() > 1 && out.charAt(out.length() - 1) == '\n' && out.charAt(out.length() - 2) == '\n') {
            out.setLength(out.length() - 1);
        }
        out.append("-- verdict\n").append(newVerdict).append('\n');
        if (newMessage != null) {
            out.append("-- message\n").append(newMessage).append('\n');
        }
        return out.toString();
    }
}
