package io.github.bpf4j.cli;

import static io.github.bpf4j.cli.CliTest.bpf4j;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.testdata.ElfObjectCases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bpf4j run prog.o}: r0, trace output, ringbuf records, maps, program choice and errors. */
class ObjectRunTest {
    @TempDir
    Path dir;

    private String packet() throws IOException {
        Path p = dir.resolve("pkt.bin");
        Files.write(p, ElfObjectCases.ipv4(60, 6, 10, 0, 0, 2, 80));
        return p.toString();
    }

    @Test
    void printsR0AndTouchedMaps() throws IOException {
        CliTest.Result r = bpf4j("run", ElfObjectCases.path("packet_counter.o").toString(), "--section", "xdp",
                "--mem-file", packet(), "--maps");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("xdp/count_packets: r0 = 0x2 (2)\n"), r.out());
        // protocol 6: one packet of 60 bytes
        assertTrue(r.out().contains("map per_protocol (array, key 4, value 16, max_entries 256):\n"
                + "  06000000: 01000000000000003c00000000000000\n"), r.out());
    }

    @Test
    void printsTraceAndRingbufOutput() throws IOException {
        CliTest.Result trace = bpf4j("run", ElfObjectCases.path("trace_len.o").toString(), "--mem-file", packet());
        assertEquals(0, trace.code(), trace.err());
        assertTrue(trace.out().contains("trace: len 46 proto 0x800\n"), trace.out());
        CliTest.Result ring = bpf4j("run", ElfObjectCases.path("ringbuf_events.o").toString(), "--mem-file", packet());
        assertTrue(ring.out().contains("ringbuf events: 3c00000000080000\nringbuf events: 02000000\n"), ring.out());
    }

    @Test
    void severalProgramsNeedASection() throws IOException {
        CliTest.Result r = bpf4j("run", ElfObjectCases.path("tail_calls.o").toString(), "--mem-file", packet());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("holds 3 programs, name one with --section (xdp/dispatch, xdp/handle_ipv4,"
                + " xdp/handle_ipv6)"), r.err());
        CliTest.Result ok = bpf4j("run", ElfObjectCases.path("tail_calls.o").toString(), "--section", "handle_ipv4",
                "--mem-file", packet(), "--engine", "jit");
        assertTrue(ok.out().startsWith("xdp/handle_ipv4: r0 = 0x3 (3)"), ok.out());
    }

    @Test
    void disassemblyShowsSourceLines() {
        CliTest.Result r = bpf4j("disasm", ElfObjectCases.path("globals.o").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("socket/filter (socket_filter):\n; ./globals.c:15:0: int filter(struct __sk_buff *skb)\n"
                + "       0:\tr6 = r1\n"), r.out());
    }

    @Test
    void corruptObjectIsOneLine() throws IOException {
        Path bad = dir.resolve("bad.o");
        Files.write(bad, new byte[] {0x7f, 'E', 'L', 'F', 2, 1});
        CliTest.Result r = bpf4j("run", bad.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
        assertTrue(r.err().contains("ELF header of 64 bytes runs past the end of the 6-byte file (at offset 0x0)"), r.err());
    }
}
