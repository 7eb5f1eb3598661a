package io.github.bpf4j.vm.classic;

import io.github.bpf4j.vm.pcap.CapturedPacket;
import io.github.bpf4j.vm.pcap.PcapReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The oracle data in testdata/corpus/classic, written by tcpdump and libpcap (see testdata/tools/classic). */
final class ClassicCorpus {
    private ClassicCorpus() {}

    static Path dir() {
        String corpus = System.getProperty("bpf4j.corpus.dir");
        if (corpus == null) {
            throw new IllegalStateException("system property bpf4j.corpus.dir is not set");
        }
        return Path.of(corpus, "classic");
    }

    /** Names of the filters (files filters/NAME.ddd), sorted. */
    static List<String> filterNames() {
        try (Stream<Path> files = Files.list(dir().resolve("filters"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ddd"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names of the filters the kernel accepts as socket filters (filters.kernel), sorted. */
    static List<String> acceptedFilterNames() {
        return filterNames().stream().filter(ClassicCorpus::kernelAccepts).toList();
    }

    /** The kernel's verdict on attaching filter NAME as a socket filter. */
    static boolean kernelAccepts(String name) {
        for (String[] row : rows(dir().resolve("filters.kernel"))) {
            if (row[0].equals(name)) {
                return row[1].equals("accept");
            }
        }
        throw new IllegalStateException("filters.kernel has no verdict for " + name);
    }

    static Path filter(String name, String extension) {
        return dir().resolve("filters").resolve(name + extension);
    }

    /** Every capture's packets, by file name. */
    static Map<String, List<CapturedPacket>> captures() {
        Map<String, List<CapturedPacket>> all = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir().resolve("captures"))) {
            for (Path p : files.sorted().toList()) {
                all.put(p.getFileName().toString(), PcapReader.read(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** Lines of a whitespace-separated expectations file, split into fields. */
    static List<String[]> rows(Path file) {
        try {
            List<String[]> rows = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    rows.add(line.trim().split("\\s+"));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
