package io.github.bpf4j.testdata;

import io.github.bpf4j.vm.Engine;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import io.github.bpf4j.vm.RunInput;
import io.github.bpf4j.vm.RunResult;
import io.github.bpf4j.vm.TaskContext;
import io.github.bpf4j.vm.maps.PerfEventArrayMap;
import io.github.bpf4j.vm.elf.ElfObject;
import io.github.bpf4j.vm.elf.ElfReader;
import io.github.bpf4j.vm.elf.LoadedObject;
import io.github.bpf4j.vm.maps.BpfMap;
import io.github.bpf4j.vm.maps.RingBufferMap;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The clang-compiled objects of {@code corpus/elf} with what each must do: r0, packets and map
 * contents that follow from the C sources, and that the kernel engine's live test confirms for
 * the xdp, tc and socket programs. Every engine's tests run {@link #all()}; a mismatch is an
 * {@link AssertionError} naming the case and the value.
 */
public final class ElfObjectCases {
    static final int XDP_DROP = 1, XDP_PASS = 2, XDP_TX = 3;

    /**
     * One object and its checks.
     *
     * @param kernel whether the kernel's {@code BPF_PROG_TEST_RUN} can run it (xdp, tc, socket)
     * @param programs the programs to load, empty for all (an object may also hold programs
     *        the verifier rejects)
     */
    public record Case(String name, String object, boolean kernel, List<String> programs,
                       Consumer<LoadedObject> check) {
        Case(String name, String object, boolean kernel, Consumer<LoadedObject> check) {
            this(name, object, kernel, List.of(), check);
        }

        /** The object read from the corpus, with only {@link #programs} when given. */
        public ElfObject elf() {
            ElfObject o = ElfReader.read(path(object));
            return programs.isEmpty() ? o : o.only(programs);
        }

        /** Loads the object into {@code engine} (with {@link #TASK}) and runs the checks. */
        public void run(Engine engine) {
            try (LoadedObject o = elf().load(engine, LoadOptions.defaults().withTask(TASK))) {
                check.accept(o);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The task the helpers report. */
    public static final TaskContext TASK = new TaskContext(1234, 5678, 1000, 100, "bpf4j-test", 0);

    private ElfObjectCases() {}

    /** The path of an object in the corpus ({@code bpf4j.corpus.dir}/elf). */
    public static Path path(String object) {
        String dir = System.getProperty("bpf4j.corpus.dir");
        if (dir == null) {
            throw new IllegalStateException("system property bpf4j.corpus.dir is not set");
        }
        return Path.of(dir, "elf", object);
    }

    public static List<Case> all() {
        return List.of(
                new Case("packet counter per protocol", "packet_counter.o", true, ElfObjectCases::packetCounter),
                new Case("XDP firewall", "xdp_firewall.o", true, ElfObjectCases::firewall),
                new Case("log2 latency histogram", "latency_hist.o", false, ElfObjectCases::histogram),
                new Case("ringbuf event stream", "ringbuf_events.o", false, ElfObjectCases::ringbuf),
                new Case("tail-call dispatcher", "tail_calls.o", true, ElfObjectCases::tailCalls),
                new Case("global variables", "globals.o", true, ElfObjectCases::globals),
                new Case("bpf_loop", "loop_sum.o", true, ElfObjectCases::loop),
                new Case("socket filter with LD_ABS", "ld_abs_filter.o", true, ElfObjectCases::ldAbs),
                new Case("task, memory, string, queue, iteration and perf helpers", "helpers.o", false,
                        ElfObjectCases::helpers),
                new Case("connect4 load balancing on bpf_sock_addr", "connect4_lb.o", false,
                        ElfObjectCases::connect4),
                new Case("__sk_buff fields of a tc program", "skb_fields.o", true, ElfObjectCases::skbFields),
                new Case("DNAT and decapsulation with the checksum and packet-changing helpers",
                        "packet_rewrite.o", true, List.of("dnat", "decap"), ElfObjectCases::packetRewrite),
                new Case("CO-RE field offsets on xdp_md", "core_xdp.o", true,
                        o -> run(o, "core_len", ipv4(60, 6, 10, 0, 0, 2, 80), 60 + 1000))); // ingress_ifindex 1 (lo)
    }

    static void expect(long expected, long actual, String what) {
        if (expected != actual) {
            throw new AssertionError(what + ": expected " + expected + " but was " + actual);
        }
    }

    static long run(LoadedObject o, String program, byte[] packet, long expectedR0) {
        RunResult r = o.program(program).runOn(RunInput.packet(packet));
        expect(expectedR0, r.r0(), program + " r0");
        return r.r0();
    }

    static void packetCounter(LoadedObject o) {
        run(o, "count_packets", ipv4(60, 6, 10, 0, 0, 2, 80), XDP_PASS);
        run(o, "count_packets", ipv4(80, 17, 10, 0, 0, 2, 53), XDP_PASS);
        run(o, "count_packets", ipv4(90, 17, 10, 0, 0, 2, 53), XDP_PASS);
        run(o, "count_packets", ethernet(60, 0x0806), XDP_PASS);
        BpfMap counts = o.map("per_protocol");
        expect(1, u64(counts.lookup(u32(6)), 0), "tcp packets");
        expect(60, u64(counts.lookup(u32(6)), 8), "tcp bytes");
        expect(2, u64(counts.lookup(u32(17)), 0), "udp packets");
        expect(170, u64(counts.lookup(u32(17)), 8), "udp bytes");
        expect(0, u64(counts.lookup(u32(1)), 0), "icmp packets");
    }

    static void firewall(LoadedObject o) {
        o.map("blocklist").update(new byte[] {8, 0, 0, 0, 10, 0, 0, 0}, u32(1), 0);
        o.map("blocklist").update(new byte[] {24, 0, 0, 0, (byte) 192, (byte) 168, 7, 0}, u32(2), 0);
        run(o, "firewall", ipv4(60, 6, 10, 1, 2, 3, 80), XDP_DROP);
        run(o, "firewall", ipv4(60, 6, 10, 9, 9, 9, 80), XDP_DROP);
        run(o, "firewall", ipv4(60, 6, 192, 168, 7, 200, 80), XDP_DROP);
        run(o, "firewall", ipv4(60, 6, 192, 168, 8, 1, 80), XDP_PASS);
        expect(2, u64(o.map("drops").lookup(u32(1)), 0), "drops of rule 1");
        expect(1, u64(o.map("drops").lookup(u32(2)), 0), "drops of rule 2");
    }

    static void histogram(LoadedObject o) {
        LoadedProgram p = o.program("record");
        for (long v : new long[] {0, 1, 5, 6, 1000, 1L << 40}) {
            byte[] regs = new byte[21 * 8];
            ByteBuffer.wrap(regs).order(ByteOrder.LITTLE_ENDIAN).putLong(14 * 8, v); // x86-64 pt_regs.di
            expect(0, p.runOn(RunInput.context(regs)).r0(), "record r0");
        }
        long[] expected = new long[65];
        expected[0] = 1; // 0
        expected[1] = 1; // 1 in [1, 2)
        expected[3] = 2; // 5 and 6 in [4, 8)
        expected[10] = 1; // 1000 in [512, 1024)
        expected[41] = 1; // 2^40
        for (int i = 0; i < 65; i++) {
            expect(expected[i], u64(o.map("hist").lookup(u32(i)), 0), "bucket " + i);
        }
    }

    static void ringbuf(LoadedObject o) {
        run(o, "emit", ipv4(60, 6, 10, 0, 0, 2, 80), XDP_PASS);
        List<byte[]> records = ((RingBufferMap) o.map("events")).poll();
        expect(2, records.size(), "records");
        ByteBuffer event = ByteBuffer.wrap(records.get(0)).order(ByteOrder.LITTLE_ENDIAN);
        expect(60, event.getInt(0), "event length");
        expect(0x0800, event.getShort(4), "event EtherType");
        expect(0x02, u32le(records.get(1)), "first four bytes of the packet");
    }

    static void tailCalls(LoadedObject o) {
        run(o, "dispatch", ipv4(60, 6, 1, 2, 3, 4, 80), XDP_PASS); // empty prog_array: falls through
        o.setTailCall("handlers", 0, "handle_ipv4");
        o.setTailCall("handlers", 1, "handle_ipv6");
        run(o, "dispatch", ipv4(60, 6, 1, 2, 3, 4, 80), XDP_TX);
        run(o, "dispatch", ethernet(60, 0x86dd), XDP_DROP);
        run(o, "dispatch", ethernet(60, 0x0806), XDP_PASS);
        BpfMap seen = o.map("seen");
        expect(1, u64(seen.lookup(u32(0)), 0), "ipv4 handled");
        expect(1, u64(seen.lookup(u32(1)), 0), "ipv6 handled");
        expect(2, u64(seen.lookup(u32(3)), 0), "fell through");
    }

    static void globals(LoadedObject o) {
        run(o, "filter", ethernet(100, 0x0800), 86); // a socket filter's skb->len starts past Ethernet
        run(o, "filter", ethernet(70, 0x0800), 0);
        byte[] bss = o.map(".bss").lookup(new byte[4]);
        expect(1, u64(bss, 0), "accepted");
        text("reject\0", ByteBuffer.wrap(bss), 8, 7, "last_verdict");
        expect(8, u64(o.map(".data").lookup(new byte[4]), 0), "rejected (7 + 1)");
        expect(60, u32le(o.map(".rodata").lookup(new byte[4])), "min_length");
    }

    static void loop(LoadedObject o) {
        byte[] packet = ethernet(60, 0x0800);
        run(o, "sum_bytes", packet, 16);
        long sum = 0;
        for (int i = 0; i < 16; i++) {
            sum += packet[i] & 0xff;
        }
        expect(sum, u64(o.map("sums").lookup(new byte[4]), 0), "sum of the first 16 bytes");
    }

    static void ldAbs(LoadedObject o) {
        run(o, "http_only", ipv4(60, 6, 10, 0, 0, 2, 80), 60 - 14);
        run(o, "http_only", ipv4(60, 6, 10, 0, 0, 2, 443), 0);
        run(o, "http_only", ipv4(60, 17, 10, 0, 0, 2, 80), 0);
        run(o, "http_only", ethernet(60, 0x86dd), 0);
    }

    static void helpers(LoadedObject o) {
        for (int i = 0; i < 4; i++) {
            o.map("numbers").update(u32(i), ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(i + 1).array(), 0);
        }
        byte[] ctx = "ABCDEFGHhello\0xyz".getBytes(StandardCharsets.US_ASCII);
        expect(0, o.program("helpers").runOn(RunInput.context(ctx)).r0(), "helpers r0");
        ByteBuffer r = ByteBuffer.wrap(o.map("results").lookup(new byte[4])).order(ByteOrder.LITTLE_ENDIAN);
        expect(5678L << 32 | 1234, r.getLong(0), "get_current_pid_tgid");
        expect(100L << 32 | 1000, r.getLong(8), "get_current_uid_gid");
        text("bpf4j-test\0\0\0\0\0\0", r, 16, 16, "get_current_comm");
        text("ABCDEFGH", r, 32, 8, "probe_read_kernel");
        expect(6, r.getLong(40), "probe_read_kernel_str length, NUL included");
        text("hello\0", r, 48, 6, "probe_read_kernel_str");
        text("n=42 text=hello\0", r, 64, 16, "snprintf");
        expect(16, r.getLong(96), "snprintf length, NUL included");
        expect(0, r.getLong(104), "strncmp equal");
        expect(-1, r.getLong(112), "strncmp less");
        expect(10, r.getInt(120), "first pop");
        expect(20, r.getInt(124), "second pop");
        expect(30, r.getInt(128), "third pop");
        expect(10, r.getInt(132), "peek");
        expect(-2, r.getLong(136), "pop of an empty queue (ENOENT)");
        expect(10, r.getLong(144), "for_each_map_elem sum");
        expect(4, r.getLong(152), "for_each_map_elem visits");
        expect(0, r.getLong(160), "perf_event_output");
        List<PerfEventArrayMap.Sample> samples = ((PerfEventArrayMap) o.map("samples")).poll();
        expect(1, samples.size(), "perf samples");
        expect(0, samples.get(0).index(), "perf sample CPU");
        expect(5678L << 32 | 1234, u64(samples.get(0).data(), 0), "perf sample data");
    }

    static void skbFields(LoadedObject o) {
        byte[] frame = ipv4(60, 6, 10, 0, 0, 2, 80);
        run(o, "skb_fields", frame, 60);
        long[] expected = {60, 3, 0x0008, 1, 60, 0}; // pkt_type 3: not to lo's address; protocol as __be16
        String[] names = {"len", "pkt_type", "protocol", "ifindex", "data_end - data", "vlan_present"};
        for (int i = 0; i < expected.length; i++) {
            expect(expected[i], u64(o.map("fields").lookup(u32(i)), 0), names[i]);
        }
        java.util.Arrays.fill(frame, 0, 6, (byte) 0xff);
        run(o, "skb_fields", frame, 60);
        expect(2, u64(o.map("fields").lookup(u32(1)), 0), "pkt_type of ff:ff:ff:ff:ff:ff on lo (multicast)");
        java.util.Arrays.fill(frame, 0, 6, (byte) 0);
        run(o, "skb_fields", frame, 60);
        expect(0, u64(o.map("fields").lookup(u32(1)), 0), "pkt_type to lo's own address (host)");
    }

    static final int TC_ACT_OK = 0, TC_ACT_REDIRECT = 7;

    /**
     * dnat rewrites a mapped IPv4 destination with l3/l4_csum_replace and skb_store_bytes, then
     * redirects; the expected frames carry checksums computed from scratch (RFC 1071), which the
     * incremental updates must reproduce. skb->mark gets bpf_get_hash_recalc, whose kernel value
     * depends on a per-boot random seed, so the context is not checked.
     */
    static void packetRewrite(LoadedObject o) {
        o.map("nat").update(new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 0, 99}, 0);
        byte[] tcp = withChecksums(ipv4(60, 6, 192, 168, 1, 7, 80));
        byte[] translated = tcp.clone();
        translated[33] = 99;
        translated = withChecksums(translated);
        expect(0x6300000a, u32le(java.util.Arrays.copyOfRange(translated, 30, 34)), "new daddr 10.0.0.99");
        expectPacket(o, "dnat", tcp, TC_ACT_REDIRECT, translated, "dnat of TCP to 10.0.0.1");
        byte[] udp = withChecksums(ipv4(60, 17, 192, 168, 1, 7, 53));
        byte[] udpTranslated = udp.clone();
        udpTranslated[33] = 99;
        udpTranslated[24] = 0;
        udpTranslated[25] = 0;
        putBe16(udpTranslated, 24, internetChecksum(udpTranslated, 14, 20)); // UDP checksum: not touched
        expectPacket(o, "dnat", udp, TC_ACT_REDIRECT, udpTranslated, "dnat of UDP to 10.0.0.1");
        byte[] other = tcp.clone();
        other[33] = 2;
        other = withChecksums(other);
        expectPacket(o, "dnat", other, TC_ACT_OK, other, "dnat of a daddr not in the map");

        // decap: a 4-byte tag after the Ethernet header goes, so does the last 4 bytes; the IP
        // checksum field gets (__u16) bpf_csum_diff over the header: its folded ones'-complement sum.
        byte[] inner = ipv4(60, 17, 10, 0, 0, 2, 53);
        byte[] tagged = new byte[64];
        System.arraycopy(inner, 0, tagged, 0, 14);
        tagged[14] = (byte) 0xde;
        tagged[15] = (byte) 0xad;
        tagged[16] = (byte) 0xbe;
        tagged[17] = (byte) 0xef;
        System.arraycopy(inner, 14, tagged, 18, 46);
        byte[] decapped = java.util.Arrays.copyOf(inner, 56);
        putBe16(decapped, 24, ~internetChecksum(inner, 14, 20) & 0xffff);
        expectPacket(o, "decap", tagged, XDP_PASS, decapped, "decap");
    }

    static void expectPacket(LoadedObject o, String program, byte[] in, long r0, byte[] out, String what) {
        RunResult r = o.program(program).runOn(RunInput.packet(in));
        expect(r0, r.r0(), what + " r0");
        if (!java.util.Arrays.equals(out, r.memory())) {
            throw new AssertionError(what + ": expected packet " + java.util.HexFormat.of().formatHex(out)
                    + " but was " + (r.memory() == null ? "none" : java.util.HexFormat.of().formatHex(r.memory())));
        }
    }

    /** The frame with correct IPv4 header and TCP/UDP checksums (RFC 791, 793, 768). */
    static byte[] withChecksums(byte[] frame) {
        byte[] f = frame.clone();
        putBe16(f, 24, 0);
        putBe16(f, 24, internetChecksum(f, 14, 20));
        int protocol = f[23] & 0xff;
        int l4 = 34, length = f.length - l4;
        int check = protocol == 6 ? l4 + 16 : l4 + 6;
        if (protocol == 17) {
            putBe16(f, l4 + 4, length);
        }
        putBe16(f, check, 0);
        byte[] pseudo = new byte[12 + length];
        System.arraycopy(f, 26, pseudo, 0, 8);
        pseudo[9] = (byte) protocol;
        putBe16(pseudo, 10, length);
        System.arraycopy(f, l4, pseudo, 12, length);
        putBe16(f, check, internetChecksum(pseudo, 0, pseudo.length));
        return f;
    }

    /** RFC 1071: the complement of the ones'-complement sum of big-endian 16-bit words. */
    static int internetChecksum(byte[] b, int offset, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            sum += (b[offset + i] & 0xff) << 8 | (i + 1 < length ? b[offset + i + 1] & 0xff : 0);
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) ~sum & 0xffff;
    }

    static void putBe16(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >> 8);
        b[offset + 1] = (byte) value;
    }

    static void connect4(LoadedObject o) {
        // service 10.96.0.10:80 (ports in network order, as bpf_sock_addr holds them) -> backend 10.0.1.5:8080
        byte[] service = {10, 96, 0, 10, 0, 80, 0, 0};
        byte[] backend = {10, 0, 1, 5, 0x1f, (byte) 0x90, 0, 0};
        o.map("services").update(service, backend, 0);
        ByteBuffer ctx = ByteBuffer.allocate(72).order(ByteOrder.LITTLE_ENDIAN);
        ctx.putInt(0, 2); // user_family AF_INET
        ctx.put(4, (byte) 10).put(5, (byte) 96).put(6, (byte) 0).put(7, (byte) 10); // user_ip4
        ctx.put(24, (byte) 0).put(25, (byte) 80); // user_port 80, network order
        ctx.putInt(28, 2).putInt(32, 1).putInt(36, 6); // family, SOCK_STREAM, TCP
        RunResult r = o.program("connect4").runOn(RunInput.context(ctx.array()));
        expect(1, r.r0(), "connect4 r0 (allow)");
        ByteBuffer after = ByteBuffer.wrap(r.context()).order(ByteOrder.LITTLE_ENDIAN);
        expect(0x05_01_00_0aL, after.getInt(4) & 0xffff_ffffL, "user_ip4 rewritten to the backend");
        expect(0x90_1f, after.getInt(24), "user_port rewritten to 8080 (network order)");
        LoadedProgram p = o.program("connect4");
        ByteBuffer other = ByteBuffer.allocate(72).order(ByteOrder.LITTLE_ENDIAN);
        other.put(4, (byte) 8).put(5, (byte) 8).put(6, (byte) 8).put(7, (byte) 8).put(25, (byte) 53);
        RunResult untouched = p.runOn(RunInput.context(other.array()));
        expect(1, untouched.r0(), "connect4 to a non-service");
        expect(0x08_08_08_08L, ByteBuffer.wrap(untouched.context()).order(ByteOrder.LITTLE_ENDIAN).getInt(4) & 0xffff_ffffL,
                "user_ip4 of a non-service unchanged");
    }

    static void text(String expected, ByteBuffer buffer, int offset, int length, String what) {
        String actual = new String(buffer.array(), offset, length, StandardCharsets.US_ASCII);
        if (!actual.equals(expected)) {
            throw new AssertionError(what + ": expected \"" + expected + "\" but was \"" + actual + "\"");
        }
    }

    /** An Ethernet + IPv4 frame: protocol, source address, TCP/UDP destination port. */
    public static byte[] ipv4(int length, int protocol, int a, int b, int c, int d, int dstPort) {
        ByteBuffer p = ByteBuffer.allocate(length).order(ByteOrder.BIG_ENDIAN);
        p.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1});
        p.putShort((short) 0x0800);
        p.put((byte) 0x45).put((byte) 0).putShort((short) (length - 14)).putShort((short) 1).putShort((short) 0);
        p.put((byte) 64).put((byte) protocol).putShort((short) 0);
        p.put((byte) a).put((byte) b).put((byte) c).put((byte) d);
        p.put(new byte[] {10, 0, 0, 1});
        p.putShort((short) 12345).putShort((short) dstPort);
        return p.array();
    }

    /** A frame with another EtherType and a counting payload. */
    public static byte[] ethernet(int length, int etherType) {
        ByteBuffer p = ByteBuffer.allocate(length).order(ByteOrder.BIG_ENDIAN);
        p.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1});
        p.putShort((short) etherType);
        for (int i = 14; i < length; i++) {
            p.put((byte) i);
        }
        return p.array();
    }

    static long u64(byte[] b, int offset) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(offset);
    }

    static long u32le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffff_ffffL;
    }

    static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
