package io.github.bpf4j.vm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Reads the {@code -- asm} section of the bpf_conformance {@code .data} files. */
final class ConformanceAsm {
    /** Section names of the .data format; any other {@code -- } line belongs to the section it is in. */
    private static final Set<String> SECTIONS = Set.of("asm", "raw", "mem", "result", "error", "c", "no register offset");

    private ConformanceAsm() {}

    static Path dir(String sub) {
        String base = System.getProperty("bpf4j.conformance.dir");
        Path dir = base == null ? null : Path.of(base, sub);
        boolean present = dir != null && Files.isDirectory(dir);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("conformance suite missing: " + dir);
        }
        assumeTrue(present, "conformance suite not found: " + dir);
        return dir;
    }

    static List<Path> files(String sub, String glob) {
        Path dir = dir(sub);
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> dir.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of the file's asm section (lines after {@code -- asm} up to the next known section). */
    static String asm(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder sb = new StringBuilder();
        boolean inAsm = false;
        for (String line : lines) {
            if (line.startsWith("-- ") && SECTIONS.contains(line.substring(3).trim())) {
                inAsm = line.substring(3).trim().equals("asm");
                continue;
            }
            if (inAsm) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }
}
