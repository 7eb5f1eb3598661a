package io.github.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.vm.Assembler;
import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Engines;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.MapSpec;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramType;
import io.github.bpf4j.vm.RunResult;
import io.github.bpf4j.vm.VerifierException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KernelEngineTest {
    private static final KernelEngine ENGINE = KernelRequirement.ENGINE;

    @BeforeEach
    void kernel() {
        KernelRequirement.requireKernel();
    }

    private static RunResult run(String asm, byte[] memory) {
        try (KernelLoadedProgram loaded = ENGINE.load(Assembler.assembleProgram(asm), LoadOptions.defaults())) {
            return loaded.run(memory);
        }
    }

    @Test
    void isRegisteredAsTheKernelEngine() {
        assertInstanceOf(KernelEngine.class, Engines.byName("kernel"));
        assertTrue(ENGINE.isAvailable());
        assertEquals("", ENGINE.unavailableReason());
    }

    @Test
    void returnsAllSixtyFourBitsOfR0() {
        assertEquals(0x8123_4567_89ab_cdefL, run("lddw r0, 0x8123456789abcdef\nexit", null).r0());
    }

    @Test
    void rawProgramSeesMemoryAndItsLength() {
        byte[] memory = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88, 0x10, 0x20};
        RunResult r = run("ldxdw r0, [r1]\nexit", memory);
        assertEquals(0x8877_6655_4433_2211L, r.r0());
        assertEquals(10, run("mov r0, r2\nexit", memory).r0());
        // r2 is the memory's length even though the XDP packet is padded to 14 bytes
        assertEquals(3, run("mov r0, r2\nexit", new byte[3]).r0());
        assertEquals(0x20, run("ldxb r0, [r1+9]\nexit", memory).r0());
    }

    @Test
    void withoutMemoryR1AndR2AreZero() {
        assertEquals(0, run("mov r0, r1\nor r0, r2\nexit", null).r0());
        assertEquals(0, run("mov r0, r1\nor r0, r2\nexit", new byte[0]).r0());
    }

    @Test
    void memoryWritesComeBackTruncatedToTheMemoryLength() {
        RunResult r = run("stb [r1+2], 0x7f\nstxh [r1], r2\nmov r0, 0\nexit", new byte[] {1, 2, 3, 4});
        assertArrayEquals(new byte[] {4, 0, 0x7f, 4}, r.memory());
    }

    @Test
    void localCallsInsideTheRawProgramKeepWorking() {
        String asm = """
                mov r6, 5
                call local func
                add r0, r6
                exit
                func:
                mov r0, 1
                lsh r0, 40
                exit
                """;
        assertEquals((1L << 40) + 5, run(asm, null).r0());
    }

    @Test
    void legacyPacketLoadsRunAsSchedClsReadingTheMemoryBigEndian() {
        byte[] packet = new byte[20];
        packet[12] = (byte) 0x88;
        packet[13] = (byte) 0xb5;
        packet[19] = 0x40;
        assertEquals(0x88b5, run("ldxh r0, [r1+12]\nbe16 r0\nmov r7, r0\nldabsh 12\nexit", packet).r0());
        assertEquals(0x40, run("mov r7, 19\nldindb r7, 0\nexit", packet).r0());
        // a packet load out of bounds ends the program with r0 = 0
        assertEquals(0, run("mov r0, 5\nldabsb 20\nmov r0, 9\nexit", packet).r0());
        // r0 keeps all 64 bits through the inlined program's exits
        assertEquals(0x1_0000_0040L, run("ldabsb 19\nlddw r1, 0x100000000\nor r0, r1\nexit", packet).r0());
        BpfException shortPacket = assertThrows(BpfException.class, () -> run("ldabsb 0\nexit", new byte[13]));
        assertEquals("a raw program with LD_ABS/LD_IND runs as sched_cls, whose test packet needs at least 14 bytes;"
                + " the memory has 13", shortPacket.getMessage());
    }

    @Test
    void theSameLoadedProgramRunsWithMemoryOfDifferentLengths() {
        try (KernelLoadedProgram loaded = ENGINE.load(Assembler.assembleProgram("mov r0, r2\nexit"),
                LoadOptions.defaults())) {
            for (int length : new int[] {0, 1, 13, 14, 15, 100, 1000, 3, 0}) {
                assertEquals(length, loaded.run(new byte[length]).r0());
            }
        }
    }

    @Test
    void readingPastTheMemoryIsTheKernelVerifiersRejection() {
        VerifierException e = assertThrows(VerifierException.class, () -> run("ldxb r0, [r1+3]\nexit", new byte[3]));
        assertTrue(e.getMessage().startsWith("kernel verifier rejected the program at pc 0 (EACCES): "), e.getMessage());
        assertTrue(e.getMessage().contains("outside of the packet"), e.getMessage());
        assertTrue(e.log().contains("invalid access to packet"), e.log());
    }

    @Test
    void callxIsRejectedWithTheKernelsReason() {
        VerifierException e = assertThrows(VerifierException.class,
                () -> run("mov r1, -1\nmov r2, 5\ncallx r2\nmov r0, 2\nexit", null));
        assertTrue(e.getMessage().contains("unknown opcode 8d"), e.getMessage());
        assertTrue(e.getMessage().contains("EINVAL"), e.getMessage());
    }

    @Test
    void shiftByOutOfRangeImmediateIsRejectedWithTheKernelsReason() {
        VerifierException e = assertThrows(VerifierException.class, () -> run("mov r0, 1\nlsh r0, 68\nexit", null));
        assertEquals("kernel verifier rejected the program at pc 1 (EINVAL): invalid shift 68 (raw program run as"
                + " xdp with 0 bytes of memory; the kernel's insn 9 is the program's pc 0)", e.getMessage());
        assertTrue(e.log().contains("invalid shift 68"));
    }

    @Test
    void rawProgramIsVerifiedAtLoadWhenTheMemorySizeIsGiven() {
        Program reads8 = Assembler.assembleProgram("ldxdw r0, [r1]\nexit");
        assertThrows(VerifierException.class, () -> ENGINE.load(reads8, LoadOptions.defaults(), 4));
        try (KernelLoadedProgram loaded = ENGINE.load(reads8, LoadOptions.defaults(), 8)) {
            assertEquals(0x0807060504030201L, loaded.run(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).r0());
        }
    }

    @Test
    void memoryLargerThanAnXdpPacketIsAClearError() {
        try (KernelLoadedProgram loaded = ENGINE.load(Assembler.assembleProgram("mov r0, r2\nexit"),
                LoadOptions.defaults())) {
            BpfException e = assertThrows(BpfException.class, () -> loaded.run(new byte[8192]));
            assertEquals("the kernel's xdp test packet holds fewer than the memory's 8192 bytes in one piece"
                    + " (at most a page less headroom and tailroom)", e.getMessage());
            BpfException tooLarge = assertThrows(BpfException.class, () -> loaded.run(new byte[70_000]));
            assertEquals("the kernel engine runs raw programs with 0..65535 bytes of memory (a packet), not 70000",
                    tooLarge.getMessage());
            assertEquals(3000, loaded.run(new byte[3000]).r0());
        }
    }

    @Test
    void nativeTypesRunWithTheir32BitReturnValue() {
        Program xdp = Assembler.assembleProgram("mov r0, 2\nexit").with(ProgramType.XDP, List.of());
        Program filter = Assembler.assembleProgram("mov r0, -1\nexit").with(ProgramType.SOCKET_FILTER, List.of());
        Program cls = Assembler.assembleProgram("lddw r0, 0x100000007\nexit").with(ProgramType.SCHED_CLS, List.of());
        byte[] packet = new byte[64];
        try (KernelLoadedProgram a = ENGINE.load(xdp, LoadOptions.defaults());
             KernelLoadedProgram b = ENGINE.load(filter, LoadOptions.defaults());
             KernelLoadedProgram c = ENGINE.load(cls, LoadOptions.defaults())) {
            assertEquals(2, a.run(packet).r0());
            assertEquals(0xffff_ffffL, b.run(packet).r0());
            assertEquals(7, c.run(packet).r0());
            assertArrayEquals(packet, a.run(packet).memory());
        }
    }

    @Test
    void testRunPassesAndReturnsTheContext() {
        // __sk_buff: mark at 8, cb[0] at 48, 192 bytes in all (linux/bpf.h)
        String asm = "ldxw r0, [r1+8]\nstw [r1+48], 0x5a5a\nexit";
        Program program = Assembler.assembleProgram(asm).with(ProgramType.SCHED_CLS, List.of());
        byte[] ctx = new byte[192];
        ctx[8] = 0x34;
        ctx[9] = 0x12;
        try (KernelLoadedProgram loaded = ENGINE.load(program, LoadOptions.defaults())) {
            KernelTestRun run = loaded.kernelProgram(0).testRun(new byte[60], 60, ctx, 192, 1);
            assertEquals(0x1234, run.retval());
            assertEquals(192, run.ctxOut().length);
            assertEquals(0x5a, run.ctxOut()[48]);
            assertEquals(0x5a, run.ctxOut()[49]);
            assertEquals(60, run.dataOut().length);
        }
    }

    @Test
    void tooShortPacketForANativeTypeIsAClearError() {
        Program xdp = Assembler.assembleProgram("mov r0, 2\nexit").with(ProgramType.XDP, List.of());
        try (KernelLoadedProgram loaded = ENGINE.load(xdp, LoadOptions.defaults())) {
            BpfException e = assertThrows(BpfException.class, () -> loaded.run(new byte[10]));
            assertTrue(e.getMessage().contains("at least 14 bytes"), e.getMessage());
        }
    }

    @Test
    void aLoadTheKernelRefusesWithoutALogNamesTheErrno() {
        // cgroup_sock_addr programs need an expected attach type, which a Program does not carry
        Program program = Assembler.assembleProgram("mov r0, 1\nexit").with(ProgramType.CGROUP_SOCK_ADDR, List.of());
        BpfSyscallException e = assertThrows(BpfSyscallException.class,
                () -> ENGINE.load(program, LoadOptions.defaults()));
        assertEquals("BPF_PROG_LOAD of 2 slots as program type 18 failed: EINVAL", e.getMessage());
    }

    @Test
    void rejectedNativeProgramCarriesTheWholeLog() {
        Program bad = Assembler.assembleProgram("exit").with(ProgramType.XDP, List.of());
        VerifierException e = assertThrows(VerifierException.class, () -> ENGINE.load(bad, LoadOptions.defaults()));
        assertEquals("kernel verifier rejected the program at pc 0 (EACCES): R0 !read_ok", e.getMessage());
        assertTrue(e.log().startsWith("0: R1=ctx() R10=fp0"), e.log());
    }

    @Test
    void runningAClosedProgramIsAClearErrorAndClosingTwiceIsFine() {
        KernelLoadedProgram loaded = ENGINE.load(Assembler.assembleProgram("mov r0, 1\nexit"), LoadOptions.defaults());
        assertEquals(1, loaded.run(null).r0());
        loaded.close();
        loaded.close();
        BpfException e = assertThrows(BpfException.class, () -> loaded.run(null));
        assertEquals("kernel program is closed", e.getMessage());
        assertThrows(BpfException.class, () -> loaded.nanosPerRun(null, 10));
    }

    @Test
    void programInfoReportsSizesAndVerifiedInstructions() {
        try (KernelLoadedProgram loaded = ENGINE.load(Assembler.assembleProgram("mov r0, 1\nadd r0, 2\nexit"),
                LoadOptions.defaults(), 0)) {
            KernelProgramInfo info = loaded.kernelProgram(0).info();
            assertEquals(ProgramType.XDP.kernelId(), info.type());
            // the wrapper's 9 slots (8 instructions: one lddw) and the program's 3, each processed once
            assertTrue(info.xlatedInstructions() >= 12, info.toString());
            assertTrue(info.verifiedInstructions() >= 11, info.toString());
            if (jitEnabled()) {
                assertTrue(info.jitedBytes() > 0, info.toString());
            }
            assertTrue(info.id() > 0);
            assertEquals(16, info.tag().length());
        }
    }

    private static boolean jitEnabled() {
        try {
            return !java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/core/bpf_jit_enable"))
                    .strip().equals("0");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void verifierLogOfAnAcceptedProgram() {
        String log = ENGINE.verifierLog(Assembler.assembleProgram("ldxb r0, [r1]\nexit"), 1, KernelProgram.LOG_BASIC);
        assertTrue(log.contains("processed"), log);
        assertThrows(VerifierException.class, () -> ENGINE.verifierLog(
                Assembler.assembleProgram("ldxb r0, [r1+1]\nexit"), 1, KernelProgram.LOG_BASIC));
    }

    @Test
    void verifierStatisticsOfALoop() {
        // r0 counts down from 10: the kernel explores each of the ten iterations
        Program loop = Assembler.assembleProgram("mov r0, 10\nloop:\nsub r0, 1\njne r0, 0, loop\nexit");
        Program xdp = Program.of(ProgramType.XDP, loop.slots(), List.of());
        KernelVerifierStatistics s = ENGINE.verifierStatistics(xdp, 0);
        assertEquals(22, s.insnsProcessed(), s.toString());
        assertTrue(s.verificationMicros() >= 0 && s.totalStates() >= 0 && s.peakStates() >= s.maxStatesPerInsn(),
                s.toString());
        assertThrows(VerifierException.class, () -> ENGINE.verifierStatistics(
                Program.of(ProgramType.XDP, Assembler.assembleProgram("exit").slots(), List.of()), 0));
    }

    @Test
    void programMapsAreCreatedAndReachableAfterTheRun() {
        // lddw r1 with BPF_PSEUDO_MAP_VALUE (src 2): imm is the index of the map in Program.maps()
        Program stores = Program.of(ProgramType.RAW, new long[] {
            0x0000_0000_0000_2118L, 0L, // r1 = &map[0] value
            0x0000_002a_0000_0172L,     // *(u8 *)(r1 + 0) = 42
            0x0000_0007_0000_00b7L,     // r0 = 7
            0x0000_0000_0000_0095L      // exit
        }, List.of(new MapSpec("counter", 2, 4, 8, 1, 0)));
        try (KernelLoadedProgram loaded = ENGINE.load(stores, LoadOptions.defaults())) {
            assertEquals(7, loaded.run(null).r0());
            assertArrayEquals(new byte[] {42, 0, 0, 0, 0, 0, 0, 0}, loaded.maps().get(0).lookup(new byte[4]));
        }
    }

    @Test
    void aMapIndexOutsideTheProgramsMapsIsAClearError() {
        Program stores = Program.of(ProgramType.RAW, new long[] {
            0x0000_0003_0000_2118L, 0L, 0x0000_0007_0000_00b7L, 0x0000_0000_0000_0095L
        }, List.of());
        BpfException e = assertThrows(BpfException.class, () -> ENGINE.load(stores, LoadOptions.defaults()));
        assertEquals("pc 0: lddw references map 3 but the program declares 0 maps", e.getMessage());
    }

    @Test
    void nanosPerRunIsTheKernelsAverage() {
        try (KernelLoadedProgram loaded = ENGINE.load(Assembler.assembleProgram("mov r0, 0\nexit"),
                LoadOptions.defaults())) {
            long ns = loaded.nanosPerRun(new byte[8], 100_000);
            assertTrue(ns > 0 && ns < 100_000, "ns per run " + ns);
            assertThrows(BpfException.class, () -> loaded.nanosPerRun(null, 0));
        }
    }

    @Test
    void aThousandIterationLoopTakesLongerThanAnEmptyProgram() {
        String loop = "mov r0, 0\nmov r3, 1000\nloop:\nadd r0, r3\nsub r3, 1\njne r3, 0, loop\nexit";
        try (KernelLoadedProgram loaded = ENGINE.load(Assembler.assembleProgram(loop), LoadOptions.defaults())) {
            assertEquals(500_500, loaded.run(null).r0());
            long empty = ENGINE.emptyProgramNanosPerRun(ProgramType.RAW, null, 100_000);
            long looping = loaded.nanosPerRun(null, 10_000);
            assertTrue(empty > 0 && looping > 10 * empty, "empty " + empty + " ns, loop " + looping + " ns");
        }
        long xdp = ENGINE.emptyProgramNanosPerRun(ProgramType.XDP, new byte[64], 100_000);
        assertTrue(xdp > 0 && xdp < 100_000, "xdp " + xdp + " ns");
    }
}
