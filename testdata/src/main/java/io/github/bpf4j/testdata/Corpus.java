package io.github.bpf4j.testdata;

import io.github.bpf4j.vm.BpfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the test cases are: the project's own corpus ({@code testdata/corpus}) and the public
 * bpf_conformance suite beside the project. Tests find both through system properties the root
 * POM sets ({@code bpf4j.corpus.dir}, {@code bpf4j.conformance.dir}).
 */
public final class Corpus {
    private Corpus() {}

    /** The project's corpus directory. */
    public static Path corpusDir() {
        return directory("bpf4j.corpus.dir", "testdata/corpus");
    }

    /**
     * The bpf_conformance directory (with {@code tests/} and {@code negative/}). Missing, it is a
     * {@link BpfException} — tests turn that into a skip, or a failure when {@code CI=true}.
     */
    public static Path conformanceDir() {
        return directory("bpf4j.conformance.dir", "../shared/conformance");
    }

    /** True when the CI environment asks for missing prerequisites to fail, not skip. */
    public static boolean strict() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static Path directory(String property, String fallback) {
        String value = System.getProperty(property);
        Path dir = Path.of(value != null ? value : fallback).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new BpfException("directory " + dir + " (" + property + ") does not exist");
        }
        return dir;
    }

    /** Every {@code .data} file under {@code dir}, recursively, sorted by path. */
    public static List<Path> dataFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".data")).sorted().toList();
        } catch (IOException e) {
            throw new BpfException("cannot list " + dir + ": " + e.getMessage());
        }
    }

    /** The execution cases of the project's corpus: every {@code .data} file outside verifier/ and classic/. */
    public static List<Path> executionCases() {
        Path dir = corpusDir();
        return dataFiles(dir).stream()
                .filter(p -> !dir.relativize(p).startsWith("verifier") && !dir.relativize(p).startsWith("classic"))
                .toList();
    }
}
