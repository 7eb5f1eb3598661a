package io.github.bpf4j.vm.elf;

import static io.github.bpf4j.vm.elf.TestPackets.*;
import static org.junit.jupiter.api.Assertions.*;

import io.github.bpf4j.vm.Engine;
import io.github.bpf4j.vm.Interpreter;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.RunInput;
import io.github.bpf4j.vm.RunResult;
import io.github.bpf4j.vm.maps.BpfMap;
import io.github.bpf4j.vm.maps.ProgArrayMap;
import io.github.bpf4j.vm.maps.RingBufferMap;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The clang-compiled objects of testdata/corpus/elf on an engine; expected values follow from the
 * C sources (and for xdp, tc and socket programs the kernel engine's test checks them live).
 * Engine modules run the same cases by extending this class.
 */
public class ElfObjectsTest {
    static final int XDP_ABORTED = 0, XDP_DROP = 1, XDP_PASS = 2, XDP_TX = 3;

    protected Engine engine() {
        return new Interpreter();
    }

    LoadedObject load(String file) {
        return ElfReader.read(object(file)).load(engine(), LoadOptions.defaults());
    }

    @Test
    void packetCounterCountsPerProtocol() {
        try (LoadedObject o = load("packet_counter.o")) {
            var p = o.program("xdp");
            assertEquals(XDP_PASS, p.runOn(RunInput.packet(ipv4(60, 6, 10, 0, 0, 2, 80))).r0());
            assertEquals(XDP_PASS, p.runOn(RunInput.packet(ipv4(80, 17, 10, 0, 0, 2, 53))).r0());
            assertEquals(XDP_PASS, p.runOn(RunInput.packet(ipv4(90, 17, 10, 0, 0, 2, 53))).r0());
            assertEquals(XDP_PASS, p.runOn(RunInput.packet(ethernet(60, 0x0806))).r0());
            BpfMap counts = o.map("per_protocol");
            byte[] tcp = counts.lookup(u32(6));
            byte[] udp = counts.lookup(u32(17));
            assertEquals(1, u64(tcp, 0));
            assertEquals(60, u64(tcp, 8));
            assertEquals(2, u64(udp, 0));
            assertEquals(170, u64(udp, 8));
        }
    }

    @Test
    void firewallDropsBlockedPrefixes() {
        try (LoadedObject o = load("xdp_firewall.o")) {
            o.map("blocklist").update(new byte[] {8, 0, 0, 0, 10, 0, 0, 0}, u32(1), 0);
            o.map("blocklist").update(new byte[] {24, 0, 0, 0, (byte) 192, (byte) 168, 7, 0}, u32(2), 0);
            var p = o.program("firewall");
            assertEquals(XDP_DROP, p.runOn(RunInput.packet(ipv4(60, 6, 10, 1, 2, 3, 80))).r0());
            assertEquals(XDP_DROP, p.runOn(RunInput.packet(ipv4(60, 6, 10, 9, 9, 9, 80))).r0());
            assertEquals(XDP_DROP, p.runOn(RunInput.packet(ipv4(60, 6, 192, 168, 7, 200, 80))).r0());
            assertEquals(XDP_PASS, p.runOn(RunInput.packet(ipv4(60, 6, 192, 168, 8, 1, 80))).r0());
            assertEquals(2, u64(o.map("drops").lookup(u32(1)), 0));
            assertEquals(1, u64(o.map("drops").lookup(u32(2)), 0));
        }
    }

    @Test
    void latencyHistogramUsesLog2Buckets() {
        try (LoadedObject o = load("latency_hist.o")) {
            var p = o.program("record");
            for (long v : new long[] {0, 1, 5, 6, 1000, 1L << 40}) {
                byte[] regs = new byte[21 * 8];
                ByteBuffer.wrap(regs).order(ByteOrder.LITTLE_ENDIAN).putLong(14 * 8, v); // pt_regs.di
                assertEquals(0, p.runOn(RunInput.context(regs)).r0());
            }
            BpfMap hist = o.map("hist");
            long[] expected = new long[65];
            expected[0] = 1; // 0
            expected[1] = 1; // 1
            expected[3] = 2; // 5, 6 in [4, 8)
            expected[10] = 1; // 1000 in [512, 1024)
            expected[41] = 1; // 2^40
            for (int i = 0; i < 65; i++) {
                assertEquals(expected[i], u64(hist.lookup(u32(i)), 0), "bucket " + i);
            }
        }
    }

    @Test
    void ringbufEventsArriveInOrder() {
        try (LoadedObject o = load("ringbuf_events.o")) {
            byte[] packet = ipv4(60, 6, 10, 0, 0, 2, 80);
            assertEquals(XDP_PASS, o.program("emit").runOn(RunInput.packet(packet)).r0());
            List<byte[]> records = ((RingBufferMap) o.map("events")).poll();
            assertEquals(2, records.size());
            ByteBuffer event = ByteBuffer.wrap(records.get(0)).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(60, event.getInt(0));
            assertEquals(0x0800, event.getShort(4));
            assertArrayEquals(new byte[] {2, 0, 0, 0}, records.get(1));
        }
    }

    @Test
    void tailCallDispatcher() {
        try (LoadedObject o = load("tail_calls.o")) {
            var dispatch = o.program("dispatch");
            assertEquals(XDP_PASS, dispatch.runOn(RunInput.packet(ipv4(60, 6, 1, 2, 3, 4, 80))).r0());
            ProgArrayMap handlers = (ProgArrayMap) o.map("handlers");
            handlers.set(0, o.program("handle_ipv4"));
            handlers.set(1, o.program("handle_ipv6"));
            assertEquals(XDP_TX, dispatch.runOn(RunInput.packet(ipv4(60, 6, 1, 2, 3, 4, 80))).r0());
            assertEquals(XDP_DROP, dispatch.runOn(RunInput.packet(ethernet(60, 0x86dd))).r0());
            assertEquals(XDP_PASS, dispatch.runOn(RunInput.packet(ethernet(60, 0x0806))).r0());
            BpfMap seen = o.map("seen");
            assertEquals(1, u64(seen.lookup(u32(0)), 0));
            assertEquals(1, u64(seen.lookup(u32(1)), 0));
            assertEquals(2, u64(seen.lookup(u32(3)), 0));
        }
    }

    @Test
    void globalVariablesLiveInDataSectionMaps() {
        try (LoadedObject o = load("globals.o")) {
            var filter = o.program("filter");
            assertEquals(86, filter.runOn(RunInput.packet(ethernet(100, 0x0800))).r0()); // skb->len past Ethernet
            assertEquals(0, filter.runOn(RunInput.packet(ethernet(70, 0x0800))).r0());
            byte[] bss = o.map(".bss").lookup(new byte[4]);
            assertEquals(1, u64(bss, 0)); // accepted
            assertEquals("reject", new String(bss, 8, 6, StandardCharsets.US_ASCII));
            assertEquals(8, u64(o.map(".data").lookup(new byte[4]), 0)); // rejected = 7 + 1
            assertEquals(60, ByteBuffer.wrap(o.map(".rodata").lookup(new byte[4])).order(ByteOrder.LITTLE_ENDIAN).getInt());
        }
    }

    @Test
    void bpfLoopSumsPacketBytes() {
        try (LoadedObject o = load("loop_sum.o")) {
            byte[] packet = ethernet(60, 0x0800);
            RunResult r = o.program("sum_bytes").runOn(RunInput.packet(packet));
            assertEquals(16, r.r0());
            long sum = 0;
            for (int i = 0; i < 16; i++) {
                sum += packet[i] & 0xff;
            }
            assertEquals(sum, u64(o.map("sums").lookup(new byte[4]), 0));
        }
    }

    @Test
    void ldAbsSocketFilterAcceptsHttp() {
        try (LoadedObject o = load("ld_abs_filter.o")) {
            var p = o.program("http_only");
            assertEquals(60 - 14, p.runOn(RunInput.packet(ipv4(60, 6, 10, 0, 0, 2, 80))).r0());
            assertEquals(0, p.runOn(RunInput.packet(ipv4(60, 6, 10, 0, 0, 2, 443))).r0());
            assertEquals(0, p.runOn(RunInput.packet(ipv4(60, 17, 10, 0, 0, 2, 80))).r0());
            assertEquals(0, p.runOn(RunInput.packet(ethernet(60, 0x86dd))).r0());
        }
    }

    @Test
    void traceAndSourceLines() {
        ElfObject object = ElfReader.read(object("globals.o"));
        ElfProgram filter = object.program("socket");
        assertEquals("GPL", object.license());
        assertEquals("./globals.c", filter.sourceLine(0).file());
        assertTrue(filter.sourceLine(0).text().contains("int filter(struct __sk_buff *skb)"));
        List<String> names = new ArrayList<>();
        object.programs().forEach(p -> names.add(p.toString()));
        assertEquals(List.of("socket/filter"), names);
    }
}
