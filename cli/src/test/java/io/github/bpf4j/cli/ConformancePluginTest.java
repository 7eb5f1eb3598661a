package io.github.bpf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.testdata.Corpus;
import io.github.bpf4j.testdata.DataCase;
import io.github.bpf4j.vm.HexText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The executable plugin, end to end, the way bpf_conformance's runner calls it: the wrapper
 * script exec'd with the memory as one argument of spaced hex pairs and the options as another,
 * the program as hex text on stdin, r0 in hex on stdout, exit 0 (or one line and non-zero).
 */
class ConformancePluginTest {
    record Exec(int code, String out) {}

    static Exec plugin(String stdin, String... args) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("bpf4j.root", "..")).toAbsolutePath().normalize();
        List<String> command = new ArrayList<>();
        command.add(root.resolve("bin/bpf4j-conformance-plugin").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        // Run the launcher on this test's class path instead of building the jar.
        pb.environment().put("BPF4J_CLASSPATH", System.getProperty("java.class.path"));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Exec(p.waitFor(), out);
    }

    /** The runner's encoding: two hex digits and two spaces per byte. */
    static String runnerHex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x  ", b & 0xff));
        }
        return sb.toString();
    }

    @Test
    void runsAConformanceCaseWithMemory() throws Exception {
        Path file = Corpus.conformanceDir().resolve("tests/ldxh.data");
        DataCase c = DataCase.read(file);
        Exec e = plugin(runnerHex(c.program().toBytes()) + "\n", runnerHex(c.memory()), "");
        assertEquals(0, e.code(), e.out());
        assertEquals(c.expectedResult().longValue(), Long.parseUnsignedLong(e.out().strip(), 16));
    }

    @Test
    void emptyMemoryAndEngineOption() throws Exception {
        Path file = Corpus.conformanceDir().resolve("tests/lddw.data");
        DataCase c = DataCase.read(file);
        Exec e = plugin(runnerHex(c.program().toBytes()) + "\n", "", "--engine=interpreter");
        assertEquals(0, e.code(), e.out());
        assertEquals("1122334455667788", e.out().strip());
    }

    @Test
    void badProgramIsOneLineAndNonZero() throws Exception {
        // add64 with a non-zero offset: rejected by the decoder
        Exec e = plugin("07 00 01 00 01 00 00 00 95 00 00 00 00 00 00 00\n", "", "");
        assertNotEquals(0, e.code());
        assertEquals(1, e.out().strip().split("\n").length, e.out());
        assertTrue(e.out().contains("offset"), e.out());
        Exec bad = plugin(HexText.format(new byte[] {(byte) 0x95, 0, 0}) + "\n", "", "");
        assertNotEquals(0, bad.code());
    }
}
