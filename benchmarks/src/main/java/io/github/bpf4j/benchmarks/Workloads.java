package io.github.bpf4j.benchmarks;

import io.github.bpf4j.vm.Assembler;
import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Program;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The benchmark programs (resources/workloads/*.s) and the packet they all read. */
public final class Workloads {
    /** The five measured workloads; {@link #EMPTY} is the overhead they are measured net of. */
    public static final List<String> MEASURED = List.of("sum_squares", "parser", "fnv1a", "branches", "muldiv");
    public static final String EMPTY = "empty";

    private Workloads() {}

    public static Program program(String name) {
        try (InputStream in = Workloads.class.getResourceAsStream("/workloads/" + name + ".s")) {
            if (in == null) {
                throw new BpfException("no workload " + name);
            }
            return Assembler.assembleProgram(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BpfException("cannot read workload " + name + ": " + e.getMessage());
        }
    }

    /** A 74-byte Ethernet/IPv4/TCP SYN to port 80 with 20 bytes of payload. */
    public static byte[] packet() {
        byte[] p = new byte[74];
        int[] header = {
            0x02, 0, 0, 0, 0, 0x01, 0x02, 0, 0, 0, 0, 0x02, 0x08, 0x00,           // Ethernet, IPv4
            0x45, 0, 0, 60, 0x12, 0x34, 0x40, 0, 64, 6, 0, 0,                      // IPv4, protocol TCP
            10, 0, 0, 1, 10, 0, 0, 2,                                              // addresses
            0xc3, 0x50, 0, 80, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0xff, 0xff, 0, 0, 0, 0, // TCP SYN
        };
        for (int i = 0; i < header.length; i++) {
            p[i] = (byte) header[i];
        }
        for (int i = header.length; i < p.length; i++) {
            p[i] = (byte) (i * 37 + 11);
        }
        return p;
    }
}
