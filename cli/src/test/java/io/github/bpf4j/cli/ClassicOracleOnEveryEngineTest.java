package io.github.bpf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.testdata.Corpus;
import io.github.bpf4j.vm.Engine;
import io.github.bpf4j.vm.Engines;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.classic.ClassicProgram;
import io.github.bpf4j.vm.pcap.CapturedPacket;
import io.github.bpf4j.vm.pcap.PcapReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * libpcap's verdicts (recorded by testdata/tools/classic, never by bpf4j) for every tcpdump
 * filter of the corpus over every captured packet, on every engine: the classic interpreter,
 * and the filter translated to eBPF on the interpreter, the JIT and the Linux kernel.
 */
class ClassicOracleOnEveryEngineTest {
    private static final Path DIR = Corpus.corpusDir().resolve("classic");

    private static List<String[]> rows(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                rows.add(line.trim().split("\\s+"));
            }
        }
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> everyEngineGivesLibpcapsVerdicts() throws IOException {
        Map<String, List<CapturedPacket>> captures = new HashMap<>();
        try (Stream<Path> files = Files.list(DIR.resolve("captures"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".pcap") || f.toString().endsWith(".pcapng")).toList()) {
                captures.put(p.getFileName().toString(), PcapReader.read(p));
            }
        }
        List<String> accepted = new ArrayList<>();
        for (String[] row : rows(DIR.resolve("filters.kernel"))) {
            if (row[1].equals("accept")) {
                accepted.add(row[0]);
            }
        }
        assertTrue(accepted.size() >= 50, "only " + accepted.size() + " filters");
        return Stream.of("classic", "interpreter", "jit", "kernel").map(engineName -> DynamicTest.dynamicTest(engineName, () -> {
            Engine engine = engineName.equals("classic") ? null : Engines.byName(engineName);
            if (engine != null && !engine.isAvailable()) {
                Assumptions.assumeFalse(Corpus.strict(), engine.unavailableReason());
                Assumptions.abort(engine.unavailableReason());
            }
            List<String> mismatches = new ArrayList<>();
            int checked = 0;
            for (String name : accepted) {
                ClassicProgram classic = ClassicProgram.read(DIR.resolve("filters/" + name + ".ddd"));
                try (PacketFilter filter = engine == null ? PacketFilter.classic(classic)
                        : PacketFilter.translated(classic, engine, LoadOptions.defaults())) {
                    for (String[] row : rows(DIR.resolve("filters/" + name + ".expected"))) {
                        CapturedPacket packet = captures.get(row[0]).get(Integer.parseInt(row[1]));
                        if (engine != null && packet.originalLength() != packet.capturedLength() && classic.usesMetadata()) {
                            continue; // ld len: the wire length to libpcap, the buffer's length to a socket filter
                        }
                        long got = filter.apply(packet);
                        checked++;
                        if (got != Long.parseLong(row[2])) {
                            mismatches.add(name + " " + row[0] + "#" + row[1] + ": expected " + row[2] + ", got " + got);
                        }
                    }
                }
            }
            assertTrue(checked > 10_000, "only " + checked + " runs");
            assertEquals(List.of(), mismatches.stream().limit(20).toList(), engineName);
        }));
    }
}
