package io.github.bpf4j.vm.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.vm.MalformedProgramException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader against what libpcap reads from the same files (captures.expected, from the oracle's --list). */
class PcapReaderTest {
    private static Path captures() {
        return Path.of(System.getProperty("bpf4j.corpus.dir"), "classic", "captures");
    }

    @Test
    void readsEveryCaptureAsLibpcapDoes() throws IOException {
        Path expected = captures().resolveSibling("captures.expected");
        int rows = 0;
        String current = null;
        List<CapturedPacket> packets = null;
        for (String line : Files.readAllLines(expected)) {
            String[] f = line.trim().split("\\s+");
            if (!f[0].equals(current)) {
                if (packets != null) {
                    assertEquals(countRows(expected, current), packets.size(), current);
                }
                current = f[0];
                packets = PcapReader.read(captures().resolve(current));
            }
            CapturedPacket p = packets.get(Integer.parseInt(f[1]));
            String where = current + "#" + f[1];
            assertEquals(Long.parseLong(f[2]), p.epochSeconds(), where);
            assertEquals(Integer.parseInt(f[3]), p.nanos(), where);
            assertEquals(Integer.parseInt(f[4]), p.capturedLength(), where);
            assertEquals(Integer.parseInt(f[5]), p.originalLength(), where);
            assertEquals(CapturedPacket.LINKTYPE_ETHERNET, p.linkType(), where);
            rows++;
        }
        assertTrue(rows > 150, "rows " + rows);
    }

    private static long countRows(Path expected, String capture) throws IOException {
        return Files.readAllLines(expected).stream().filter(l -> l.startsWith(capture + " ")).count();
    }

    @Test
    void allFourEncodingsOfTheSyntheticCaptureHoldTheSameBytes() {
        List<CapturedPacket> reference = PcapReader.read(captures().resolve("synthetic.pcap"));
        for (String name : List.of("synthetic-be-nsec.pcap", "synthetic.pcapng", "synthetic-be-spb.pcapng")) {
            List<CapturedPacket> other = PcapReader.read(captures().resolve(name));
            assertEquals(reference.size(), other.size(), name);
            for (int i = 0; i < reference.size(); i++) {
                assertArrayEquals(reference.get(i).data(), other.get(i).data(), name + "#" + i);
            }
        }
    }

    @Test
    void badMagicNamesOffsetZero() {
        byte[] bytes = new byte[40];
        bytes[0] = 0x12;
        MalformedProgramException e = assertThrows(MalformedProgramException.class, () -> PcapReader.read(bytes, "x.pcap"));
        assertEquals("x.pcap: byte offset 0: bad magic number 0x12000000: not a pcap (a1b2c3d4, a1b23c4d) or pcapng (0a0d0d0a) file",
                e.getMessage());
    }

    @Test
    void truncatedPacketDataNamesTheRecordOffset() throws IOException {
        byte[] whole = Files.readAllBytes(captures().resolve("synthetic.pcap"));
        // header 24 + first record (16 + 54) = 94; cut inside the second record's data
        byte[] cut = Arrays.copyOf(whole, 94 + 16 + 10);
        MalformedProgramException e = assertThrows(MalformedProgramException.class, () -> PcapReader.read(cut, "cut.pcap"));
        assertEquals("cut.pcap: byte offset 110: truncated: the 54 captured bytes of packet 1 needs 54 bytes, 10 remain",
                e.getMessage());
        byte[] header = Arrays.copyOf(whole, 94 + 7);
        e = assertThrows(MalformedProgramException.class, () -> PcapReader.read(header, "h.pcap"));
        assertEquals("h.pcap: byte offset 94: truncated: the header of packet 1 needs 16 bytes, 7 remain", e.getMessage());
    }

    @Test
    void truncatedPcapngBlockNamesItsOffset() throws IOException {
        byte[] whole = Files.readAllBytes(captures().resolve("synthetic.pcapng"));
        byte[] cut = Arrays.copyOf(whole, whole.length - 6);
        MalformedProgramException e = assertThrows(MalformedProgramException.class, () -> PcapReader.read(cut, "c.pcapng"));
        assertTrue(e.getMessage().startsWith("c.pcapng: byte offset "), e.getMessage());
        assertTrue(e.getMessage().contains("truncated: the "), e.getMessage());
        byte[] badBom = whole.clone();
        badBom[8] = 0;
        e = assertThrows(MalformedProgramException.class, () -> PcapReader.read(badBom, "b.pcapng"));
        assertTrue(e.getMessage().startsWith("b.pcapng: byte offset 8: bad byte-order magic"), e.getMessage());
    }
}
