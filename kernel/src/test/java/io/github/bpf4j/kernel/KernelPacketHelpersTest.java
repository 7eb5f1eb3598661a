package io.github.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bpf4j.testdata.ElfObjectCases;
import io.github.bpf4j.vm.Assembler;
import io.github.bpf4j.vm.Engine;
import io.github.bpf4j.vm.Engines;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramType;
import io.github.bpf4j.vm.RunInput;
import io.github.bpf4j.vm.RunResult;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packet-changing and checksum helpers (skb_store_bytes, l3/l4_csum_replace, csum_diff,
 * skb_pull_data, redirect) run on the kernel and on the interpreter: r0 and the packet after the
 * run must agree, including the error returns for bad flags, sizes and offsets.
 */
class KernelPacketHelpersTest {
    /** A TCP frame with IP checksum 0x1234 at 24 and TCP checksum 0xabcd at 50 (as bytes in the frame). */
    static byte[] frame() {
        byte[] f = ElfObjectCases.ipv4(60, 6, 10, 0, 0, 2, 80);
        f[24] = 0x12;
        f[25] = 0x34;
        f[50] = (byte) 0xab;
        f[51] = (byte) 0xcd;
        return f;
    }

    static String storeBytes(int offset, int len, long flags) {
        return "stdw [r10-8], 0x6300000a\nstdw [r10-16], 0x11223344\nmov r3, r10\nadd r3, -16\n"
                + "mov r2, " + offset + "\nmov r4, " + len + "\nlddw r5, " + flags + "\ncall 9\nexit";
    }

    static String csumReplace(int helper, long offset, long from, long to, long flags) {
        return "lddw r2, " + offset + "\nlddw r3, " + from + "\nlddw r4, " + to + "\nlddw r5, " + flags
                + "\ncall " + helper + "\nexit";
    }

    /** csum_diff over the stack: from = 8 bytes at r10-16, to = 24 bytes at r10-40. */
    static String csumDiff(int fromSize, int toSize, long seed) {
        return "stdw [r10-16], 0x7f000001\nstdw [r10-8], 0x12345678\n"
                + "lddw r1, 0x0a000002c0a80001\nstxdw [r10-40], r1\nlddw r1, 0xfffefdfc01020304\nstxdw [r10-32], r1\n"
                + "lddw r1, 0x45000028abcd0000\nstxdw [r10-24], r1\n"
                + "mov r1, r10\nadd r1, -16\nmov r2, " + fromSize + "\nmov r3, r10\nadd r3, -40\nmov r4, " + toSize
                + "\nlddw r5, " + seed + "\n" + (fromSize == 0 ? "mov r1, 0\n" : "") + (toSize == 0 ? "mov r3, 0\n" : "")
                + "call 28\nexit";
    }

    /** csum_diff of 256 and 260 bytes of the same initialized stack: 516 in all. */
    static String largeCsumDiff() {
        StringBuilder asm = new StringBuilder();
        for (int at = -512; at < -248; at += 8) {
            asm.append("stdw [r10").append(at).append("], ").append(0x01020304 * (at + 600)).append('\n');
        }
        return asm + "mov r1, r10\nadd r1, -512\nmov r2, 256\nmov r3, r10\nadd r3, -512\nmov r4, 260\n"
                + "mov r5, 0\ncall 28\nexit";
    }

    static Stream<Arguments> cases() {
        ProgramType tc = ProgramType.SCHED_CLS, xdp = ProgramType.XDP;
        return Stream.of(
                Arguments.of("store_bytes", tc, storeBytes(30, 4, 0)),
                Arguments.of("store_bytes recompute+invalidate", tc, storeBytes(30, 8, 3)),
                Arguments.of("store_bytes flag 4", tc, storeBytes(30, 4, 4)),
                Arguments.of("store_bytes to the end", tc, storeBytes(52, 8, 0)),
                Arguments.of("store_bytes past the end", tc, storeBytes(53, 8, 0)),
                Arguments.of("store_bytes offset > INT_MAX", tc, storeBytes(-4, 4, 0)),
                Arguments.of("l3 size 4", tc, csumReplace(10, 24, 0x0200000a, 0x6300000a, 4)),
                Arguments.of("l3 size 2", tc, csumReplace(10, 24, 0x0200, 0x6300, 2)),
                Arguments.of("l3 diff", tc, csumReplace(10, 24, 0, 0x12345678, 0)),
                Arguments.of("l3 diff with from", tc, csumReplace(10, 24, 1, 0x12345678, 0)),
                Arguments.of("l3 size 3", tc, csumReplace(10, 24, 1, 2, 3)),
                Arguments.of("l3 size 8", tc, csumReplace(10, 24, 1, 2, 8)),
                Arguments.of("l3 pseudo flag", tc, csumReplace(10, 24, 1, 2, 0x14)),
                Arguments.of("l3 odd offset", tc, csumReplace(10, 25, 1, 2, 4)),
                Arguments.of("l3 last field", tc, csumReplace(10, 58, 1, 2, 4)),
                Arguments.of("l3 past the end", tc, csumReplace(10, 60, 1, 2, 4)),
                Arguments.of("l3 offset 0x10000", tc, csumReplace(10, 0x10000, 1, 2, 4)),
                Arguments.of("l4 pseudo size 4", tc, csumReplace(11, 50, 0x0200000a, 0x6300000a, 0x14)),
                Arguments.of("l4 size 2", tc, csumReplace(11, 50, 0x5000, 0x9000, 2)),
                Arguments.of("l4 diff", tc, csumReplace(11, 50, 0, 0xfedcba98L, 0x10)),
                Arguments.of("l4 mangled 0, non-zero field", tc, csumReplace(11, 50, 1, 2, 0x24)),
                Arguments.of("l4 mangled 0, zero field", tc, csumReplace(11, 56, 1, 2, 0x24)),
                Arguments.of("l4 mangled 0 enforced, zero field", tc, csumReplace(11, 56, 1, 2, 0x64)),
                Arguments.of("l4 mangled 0, result 0", tc, csumReplace(11, 50, 0x3254, 0, 0x22)),
                Arguments.of("l4 result 0 unmarked", tc, csumReplace(11, 50, 0x3254, 0, 0x2)),
                Arguments.of("l4 ipv6 flag", tc, csumReplace(11, 50, 0, 0x1234, 0x90)),
                Arguments.of("l4 unknown flag", tc, csumReplace(11, 50, 1, 2, 0x104)),
                Arguments.of("l4 size 1", tc, csumReplace(11, 50, 1, 2, 1)),
                Arguments.of("l4 odd offset", tc, csumReplace(11, 51, 1, 2, 4)),
                Arguments.of("csum_diff to only", tc, csumDiff(0, 24, 0)),
                Arguments.of("csum_diff to only, seed", tc, csumDiff(0, 24, 0xffffffffL)),
                Arguments.of("csum_diff from only", tc, csumDiff(8, 0, 0)),
                Arguments.of("csum_diff from only, seed", tc, csumDiff(4, 0, 0x12345)),
                Arguments.of("csum_diff both", tc, csumDiff(8, 24, 0)),
                Arguments.of("csum_diff both, seed", tc, csumDiff(4, 8, 0xdeadbeefL)),
                Arguments.of("csum_diff neither", tc, csumDiff(0, 0, 0x12345678)),
                Arguments.of("csum_diff size not a multiple of 4", tc, csumDiff(0, 6, 0)),
                Arguments.of("csum_diff odd size", tc, csumDiff(0, 3, 0x10000)),
                Arguments.of("csum_diff odd from", tc, csumDiff(5, 0, 0)),
                Arguments.of("csum_diff odd both", tc, csumDiff(7, 9, 1)),
                Arguments.of("csum_diff 516 bytes", tc, largeCsumDiff()),
                Arguments.of("csum_diff on xdp", xdp, csumDiff(8, 24, 7)),
                Arguments.of("pull_data 0", tc, "mov r2, 0\ncall 39\nexit"),
                Arguments.of("pull_data 34", tc, "mov r2, 34\ncall 39\nexit"),
                Arguments.of("pull_data 60", tc, "mov r2, 60\ncall 39\nexit"),
                Arguments.of("pull_data 61", tc, "mov r2, 61\ncall 39\nexit"),
                Arguments.of("redirect", tc, "mov r1, 1\nmov r2, 0\ncall 23\nexit"),
                Arguments.of("redirect ingress", tc, "mov r1, 1\nmov r2, 1\ncall 23\nexit"),
                Arguments.of("redirect flag 2", tc, "mov r1, 1\nmov r2, 2\ncall 23\nexit"),
                Arguments.of("xdp redirect", xdp, "mov r1, 1\nmov r2, 0\ncall 23\nexit"),
                Arguments.of("xdp redirect flag 1", xdp, "mov r1, 1\nmov r2, 1\ncall 23\nexit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void kernelAndInterpreterAgree(String name, ProgramType type, String asm) {
        KernelRequirement.requireKernel();
        Program program = Assembler.assembleProgram(asm).with(type, List.of());
        RunResult kernel = run(KernelRequirement.ENGINE, program);
        RunResult interpreter = run(Engines.byName("interpreter"), program);
        System.out.printf("%-40s kernel r0=%d (0x%x)%n", name, kernel.r0(), kernel.r0());
        // BPF_PROG_TEST_RUN reports r0 as a u32
        assertEquals(kernel.r0(), interpreter.r0() & 0xffff_ffffL, name + ": r0");
        assertArrayEquals(kernel.memory(), interpreter.memory(), name + ": packet");
    }

    private static RunResult run(Engine engine, Program program) {
        try (LoadedProgram loaded = engine.load(program, LoadOptions.defaults())) {
            return loaded.runOn(RunInput.packet(frame()));
        }
    }
}
