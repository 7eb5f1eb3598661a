package io.github.bpf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bpf4j command in-process: outputs and exit codes, good input and bad. */
class CliTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    static Result bpf4j(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static void assertOneErrorLine(Result r, int code, String contains) {
        assertEquals(code, r.code(), r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, "expected one line, got: " + r.err());
        assertTrue(lines[0].contains(contains), lines[0]);
        assertFalse(r.err().contains("\tat "), "stack trace: " + r.err());
    }

    @Test
    void runPrintsR0() throws IOException {
        Result r = bpf4j("run", file("a.s", "r0 = 6\nr0 *= 7\nexit\n").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("r0 = 0x2a (42)"), r.out());
        assertTrue(r.out().contains("instructions: 3"), r.out());
    }

    @Test
    void runJsonWithMemory() throws IOException {
        Result r = bpf4j("run", file("m.s", "mov %r0, %r2\nexit\n").toString(), "--mem", "01 02 0x03", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("{\"r0\": \"0x3\", \"insns\": 2, \"engine\": \"jit\"}", r.out().strip());
    }

    @Test
    void hexAndBinProgramsAndAsmOutput() throws IOException {
        Path bin = dir.resolve("p.bin");
        assertEquals(0, bpf4j("asm", file("p.s", "r0 = 5\nexit\n").toString(), "-o", bin.toString()).code());
        assertEquals(16, Files.size(bin));
        Result hex = bpf4j("asm", dir.resolve("p.s").toString());
        assertEquals("b7 00 00 00 05 00 00 00\n95 00 00 00 00 00 00 00", hex.out().strip());
        Path hexFile = file("p.hex", "# r0 = 5\n0xb7 0x00 00 00 05 00 00 00,\n95 00 00 00 00 00 00 00\n");
        assertTrue(bpf4j("run", hexFile.toString()).out().contains("r0 = 0x5"));
        assertTrue(bpf4j("run", bin.toString()).out().contains("r0 = 0x5"));
    }

    @Test
    void disassemblesInBothSyntaxes() throws IOException {
        Path p = file("d.s", "r0 = 5\nif r0 > 2 goto +1\nr0 += 1\nexit\n");
        Result llvm = bpf4j("disasm", p.toString());
        assertEquals(0, llvm.code(), llvm.err());
        assertTrue(llvm.out().contains("if r0 > 0x2 goto +0x1") || llvm.out().contains("if r0 > 2 goto +1"), llvm.out());
        Result ubpf = bpf4j("disasm", p.toString(), "--syntax", "ubpf");
        assertTrue(ubpf.out().contains("jgt"), ubpf.out());
    }

    /** --jvm --facts verifies first and shows the packet loads and compares it specialised. */
    @Test
    void jvmBytecodeWithTheVerifiersFacts() throws IOException {
        Path p = file("f.s", "r0 = 0\nr3 = *(u8 *)(r1 + 3)\nif r3 < 100 goto +1\nr0 = 1\nexit\n");
        Result plain = bpf4j("disasm", "--jvm", p.toString());
        assertEquals(0, plain.code(), plain.err());
        assertTrue(plain.out().contains("Memory.load8"), plain.out());
        assertFalse(plain.out().contains("packetLoad8"), plain.out());
        Result specialised = bpf4j("disasm", "--jvm", "--facts", "--mem-size", "8", p.toString());
        assertEquals(0, specialised.code(), specialised.err());
        assertTrue(specialised.out().startsWith(
                "// specialised on the verifier's facts (input of 8 bytes): 1 loads/stores, 1 compares\n"),
                specialised.out());
        assertTrue(specialised.out().contains("JitRun.packetLoad8"), specialised.out());
        assertFalse(specialised.out().contains("compareUnsigned"), specialised.out());
        assertOneErrorLine(bpf4j("disasm", "--facts", p.toString()), 2, "--facts needs --jvm");
        assertOneErrorLine(bpf4j("disasm", "--jvm", "--mem-size", "8", p.toString()), 2, "--mem-size needs --jvm --facts");
        // 3 bytes of input: the load is out of bounds, so the verifier rejects the program
        assertOneErrorLine(bpf4j("disasm", "--jvm", "--facts", "--mem-size", "3", p.toString()), 1, "invalid access to packet");
    }

    @Test
    void missingFileIsAnInputError() {
        assertOneErrorLine(bpf4j("run", dir.resolve("nope.s").toString()), 2, "no such file");
    }

    @Test
    void assemblerErrorHasLineAndColumn() throws IOException {
        Path p = file("bad.s", "r0 = 1\nfrobnicate r0\nexit\n");
        assertOneErrorLine(bpf4j("run", p.toString()), 2, p + ":2:");
    }

    @Test
    void oddHexIsAnInputError() throws IOException {
        assertOneErrorLine(bpf4j("run", file("bad.hex", "b7 0\n").toString()), 2, "bad.hex:1:");
        assertOneErrorLine(bpf4j("run", file("ok.s", "exit\n").toString(), "--mem", "zz"), 2, "--mem");
    }

    @Test
    void truncatedBinaryIsAnInputError() throws IOException {
        Path p = dir.resolve("t.bin");
        Files.write(p, new byte[] {(byte) 0xb7, 0, 0, 0, 5, 0, 0, 0, (byte) 0x95, 0, 0});
        assertOneErrorLine(bpf4j("run", p.toString()), 2, "not a multiple of 8");
    }

    @Test
    void malformedEncodingIsARejection() throws IOException {
        // add64 r0, 1 with a non-zero offset field
        assertOneErrorLine(bpf4j("run", file("u.hex", "07 00 01 00 01 00 00 00 95 00 00 00 00 00 00 00").toString()),
                1, "slot 0");
    }

    @Test
    void jumpPastTheEndIsARejection() throws IOException {
        // in assembly it is an input error with line and column; in a binary, a rejected encoding
        assertOneErrorLine(bpf4j("run", file("j.s", "goto +5\nexit\n").toString()), 2, "j.s:1:6:");
        assertOneErrorLine(bpf4j("run", file("j.hex", "05 00 05 00 00 00 00 00 95 00 00 00 00 00 00 00").toString()),
                1, "out of range");
    }

    @Test
    void faultsAreOneLineWithPc() throws IOException {
        assertOneErrorLine(bpf4j("run", "--no-verify", file("f.s", "r0 = *(u64 *)(r1 + 0)\nexit\n").toString()), 1, "pc 0");
        assertOneErrorLine(bpf4j("run", "--no-verify", file("o.s", "r0 = *(u32 *)(r1 + 2)\nexit\n").toString(),
                "--mem", "01 02 03"), 1, "pc 0: out of bounds");
    }

    @Test
    void infiniteLoopStopsUnderABudget() throws IOException {
        assertOneErrorLine(bpf4j("run", "--no-verify", file("l.s", "l: goto l\nexit\n").toString(), "--budget", "100000"),
                1, "budget");
    }

    @Test
    void divisionByZeroIsDefinedNotAFault() throws IOException {
        Result r = bpf4j("run", file("z.s", "r0 = 7\nr1 = 0\nr0 /= r1\nexit\n").toString());
        assertTrue(r.out().contains("r0 = 0x0"), r.out() + r.err());
    }

    @Test
    void unknownEngineAndOptionAreUsageErrors() throws IOException {
        Path p = file("e.s", "exit\n");
        assertOneErrorLine(bpf4j("run", p.toString(), "--engine", "warp"), 2, "unknown engine 'warp'");
        assertEquals(2, bpf4j("run", p.toString(), "--frobnicate").code());
    }

    @Test
    void testCommandCountsPassesAndFailures() throws IOException {
        file("pass.data", "-- asm\nr0 = 3\nexit\n-- result\n0x3\n");
        file("fail.data", "-- asm\nr0 = 3\nexit\n-- result\n4\n");
        Result r = bpf4j("test", dir.toString());
        assertEquals(1, r.code());
        String[] lines = r.out().strip().split("\n");
        assertEquals("1 passed, 1 failed", lines[lines.length - 1]);
    }

    @Test
    void classicFilterOverACaptureOnEveryEngine() {
        Path corpus = io.github.bpf4j.testdata.Corpus.corpusDir().resolve("classic");
        String filter = corpus.resolve("filters/tcp-dst-port-80.ddd").toString();
        String capture = corpus.resolve("captures/synthetic.pcapng").toString();
        // libpcap's bpf_filter keeps 6 of the capture's packets (filters/tcp-dst-port-80.expected)
        for (String engine : new String[] {"classic", "interpreter", "jit"}) {
            Result r = bpf4j("run", filter, "--pcap", capture, "--count", "--engine", engine);
            assertEquals(0, r.code(), r.err());
            assertEquals("6", r.out().strip(), engine);
        }
        Result listed = bpf4j("run", filter, "--pcap", capture);
        assertTrue(listed.out().strip().endsWith("6 of 39 packets matched"), listed.out());
        Result one = bpf4j("run", filter, "--mem", "00 00 00 00 00 00 00 00 00 00 00 00 08 06");
        assertEquals("r0 = 0x0 (0): drop", one.out().strip());
    }

    @Test
    void badCaptureIsOneLine() throws IOException {
        Path corpus = io.github.bpf4j.testdata.Corpus.corpusDir().resolve("classic");
        assertOneErrorLine(bpf4j("run", corpus.resolve("filters/tcp-dst-port-80.ddd").toString(), "--pcap",
                file("bad.pcap", "not a capture at all").toString()), 2, "bad.pcap");
    }

    @Test
    void runVerifiesFirst() throws IOException {
        Path p = file("v.s", "r0 = *(u32 *)(r1 + 2)\nexit\n");
        assertOneErrorLine(bpf4j("run", p.toString(), "--mem", "01 02 03"), 1, "pc 0");
        Result ok = bpf4j("run", p.toString(), "--mem", "01 02 03 04 05 06");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("r0 = 0x6050403"), ok.out());
    }

    @Test
    void verifyPrintsVerdictsAndJsonLines() throws IOException {
        Path good = file("good.s", "r0 = 0\nexit\n");
        Path bad = file("bad.s", "r0 = r3\nexit\n");
        Result accepted = bpf4j("verify", good.toString());
        assertEquals(0, accepted.code(), accepted.err());
        assertTrue(accepted.out().startsWith("accepted: 2 instructions processed"), accepted.out());
        Result rejected = bpf4j("verify", bad.toString());
        assertEquals(1, rejected.code());
        assertTrue(rejected.out().contains("rejected at pc 0: R3 !read_ok"), rejected.out());
        Result json = bpf4j("verify", "--json", good.toString(), bad.toString());
        String[] lines = json.out().strip().split("\n");
        assertEquals(2, lines.length, json.out());
        assertTrue(lines[0].startsWith("{\"accepted\":true,\"message\":null,\"pc\":null"), lines[0]);
        assertTrue(lines[1].contains("\"accepted\":false") && lines[1].contains("\"pc\":0")
                && lines[1].contains("\"insns_processed\":1"), lines[1]);
        Result log = bpf4j("verify", "--log-level", "2", good.toString());
        assertTrue(log.out().contains("0: (b7) r0 = 0"), log.out());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : new String[] {"run", "asm", "disasm", "test", "bench", "conformance-plugin", "fuzz", "verify"}) {
            Result r = bpf4j(sub, "--help");
            assertEquals(0, r.code(), sub);
            assertTrue(r.out().contains("Usage:"), sub + ": " + r.out());
        }
    }

    @Test
    void benchPrintsJson() throws IOException {
        Result r = bpf4j("bench", file("b.s", "r0 = 1\nexit\n").toString(), "--seconds", "0.2", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s)\\{\"engine\": \"jit\", \"runs\": \\d+, \"ns_per_run\": [0-9.]+, \"insns_per_run\": 2}\\s*"),
                r.out());
    }
    /** bench verifies first, as run does: a program the verifier rejects is timed only with --no-verify. */
    @Test
    void benchVerifiesLikeRun() throws IOException {
        Path uninitialised = file("u.s", "r0 = r5\nexit\n");
        assertOneErrorLine(bpf4j("bench", uninitialised.toString(), "--seconds", "0.1"), 1, "R5 !read_ok");
        Result r = bpf4j("bench", uninitialised.toString(), "--seconds", "0.1", "--no-verify");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ns per run"), r.out());
    }
}
