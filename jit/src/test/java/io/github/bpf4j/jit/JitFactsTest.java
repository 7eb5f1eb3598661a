package io.github.bpf4j.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.vm.Assembler;
import io.github.bpf4j.vm.BpfFault;
import io.github.bpf4j.vm.Interpreter;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramFacts;
import io.github.bpf4j.vm.ProgramType;
import io.github.bpf4j.vm.RunResult;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What the JIT makes of the verifier's facts, and that it stays safe where they do not hold. */
class JitFactsTest {
    private static final Program PACKET_SUM = Assembler.assembleProgram("""
            r0 = *(u8 *)(r1 + 0)
            r3 = *(u16 *)(r1 + 2)
            r0 += r3
            r3 = *(u32 *)(r1 + 4)
            r0 += r3
            *(u8 *)(r1 + 1) = r0
            exit
            """);

    private static LoadOptions withFacts(Program program, byte[] memory) {
        ProgramFacts facts = VerifiedLoads.facts(program, memory);
        assertTrue(facts.verified());
        return LoadOptions.defaults().withFacts(facts);
    }

    private static RunResult run(LoadedProgram loaded, byte[] memory) {
        return loaded.run(memory == null ? null : memory.clone());
    }

    @Test
    void provenPacketAccessesIndexThePacketArray() {
        byte[] memory = {1, 2, 3, 4, 5, 6, 7, 8};
        LoadOptions options = withFacts(PACKET_SUM, memory);
        try (JitProgram jit = JitProgram.load(PACKET_SUM, options)) {
            assertEquals(4, jit.specialisedAccesses());
            RunResult expected = run(new Interpreter().load(PACKET_SUM, LoadOptions.defaults()), memory);
            RunResult actual = run(jit, memory);
            assertEquals(expected.r0(), actual.r0());
            assertTrue(Arrays.equals(expected.memory(), actual.memory()));
        }
        String text = JitCompiler.bytecodeText(PACKET_SUM, options);
        assertTrue(text.contains("JitRun.packetLoad8 ([BJII)J"), text);
        assertTrue(text.contains("JitRun.packetStore8 ([BJIJI)V"), text);
        assertFalse(text.contains("io/github/bpf4j/vm/Memory.load"), text);
        assertFalse(text.contains("io/github/bpf4j/vm/Memory.store"), text);
        String unverified = JitCompiler.bytecodeText(PACKET_SUM, LoadOptions.defaults());
        assertTrue(unverified.contains("io/github/bpf4j/vm/Memory.load8 (JI)J"), unverified);
        assertFalse(unverified.contains("packetLoad"), unverified);
    }

    @Test
    void noFactsNoSpecialisation() {
        try (JitProgram jit = JitProgram.load(PACKET_SUM, LoadOptions.defaults())) {
            assertEquals(0, jit.specialisedAccesses());
        }
    }

    @Test
    void factsOfAnotherProgramAreIgnored() {
        Program other = Assembler.assembleProgram("r0 = *(u8 *)(r1 + 0)\nexit");
        LoadOptions foreign = withFacts(other, new byte[8]);
        try (JitProgram jit = JitProgram.load(PACKET_SUM, foreign)) {
            assertEquals(0, jit.specialisedAccesses());
            BpfFault fault = assertThrows(BpfFault.class, () -> jit.run(new byte[2]));
            assertEquals(1, fault.pc());
        }
    }

    /**
     * Facts proven for 8 bytes of memory, run on fewer, more and none: the same outcome as the
     * interpreter, faults included (run on the unspecialised class).
     */
    @Test
    void memoryOfAnotherSizeStaysChecked() {
        LoadOptions options = withFacts(PACKET_SUM, new byte[8]);
        try (JitProgram jit = JitProgram.load(PACKET_SUM, options);
             LoadedProgram interpreter = new Interpreter().load(PACKET_SUM, LoadOptions.defaults())) {
            assertEquals(4, jit.specialisedAccesses());
            for (int size : new int[] {8, 3, 6, 16, 8, 0}) {
                byte[] memory = new byte[size];
                Arrays.fill(memory, (byte) 0x31);
                String expected = outcome(interpreter, memory);
                assertEquals(expected, outcome(jit, memory), size + " bytes");
                if (size < 8) {
                    assertTrue(expected.startsWith("fault"), expected);
                }
            }
            assertEquals(JitCompiler.bytecodeText(PACKET_SUM, LoadOptions.defaults()),
                    JitCompiler.bytecodeText(PACKET_SUM, options.withFacts(ProgramFacts.NONE)));
        }
    }

    /**
     * A branch the verifier knows is never taken for 8 bytes (r2 is the constant 8) forges a
     * pointer into the stack; on 16 bytes it is taken. The specialised code would write the packet
     * at the forged offset and read the slot from a local: the run must not use it.
     */
    @Test
    void aPathDeadForTheVerifiedSizeRunsChecked() {
        Program forged = Assembler.assembleProgram("""
                *(u64 *)(r10 - 8) = 0
                r3 = r1
                if r2 == 8 goto +2
                r3 = 0x2000001f8 ll
                *(u64 *)(r3 + 0) = 7
                r0 = *(u64 *)(r10 - 8)
                exit
                """);
        LoadOptions options = withFacts(forged, new byte[8]);
        try (JitProgram jit = JitProgram.load(forged, options);
             LoadedProgram interpreter = new Interpreter().load(forged, LoadOptions.defaults())) {
            assertEquals(3, jit.specialisedAccesses()); // the packet store, the slot's store and load
            assertEquals(0, jit.run(new byte[8]).r0());
            assertEquals(outcome(interpreter, new byte[16]), outcome(jit, new byte[16]));
            assertEquals(7, jit.run(new byte[16]).r0());
            assertEquals(0, jit.run(new byte[8]).r0());
        }
    }

    @Test
    void privateStackSlotsLiveInLocals() {
        Program slots = Assembler.assembleProgram("""
                r0 = *(u8 *)(r1 + 0)
                *(u64 *)(r10 - 8) = r0
                *(u64 *)(r10 - 16) = 5
                *(u32 *)(r10 - 24) = r0
                r3 = *(u64 *)(r10 - 8)
                r4 = *(u64 *)(r10 - 16)
                r5 = *(u64 *)(r10 - 24)
                r0 += r3
                r0 += r4
                r0 += r5
                *(u64 *)(r10 - 512) = r0
                r0 = *(u64 *)(r10 - 512)
                exit
                """);
        byte[] memory = {9};
        LoadOptions options = withFacts(slots, memory);
        try (JitProgram jit = JitProgram.load(slots, options)) {
            // the packet load and six whole accesses of slots 0, 1 and 63; slot 2 is written in part
            assertEquals(7, jit.specialisedAccesses());
            assertEquals(9 + 9 + 5 + 9, jit.run(memory.clone()).r0());
        }
        String text = JitCompiler.bytecodeText(slots, options);
        assertEquals(1, count(text, "JitRun.stackStore"), text); // slot 2: stored and loaded in the array
        assertEquals(1, count(text, "JitRun.stackLoad"), text);
    }

    /** A pointer into the caller's frame: the frame check sends it to Memory, which finds it. */
    @Test
    void provenStackAccessThroughAPointerFindsItsFrame() {
        Program calls = Assembler.assembleProgram("""
                *(u64 *)(r10 - 8) = 3
                r1 = r10
                r1 += -8
                call pc+3
                r2 = *(u64 *)(r10 - 8)
                r0 += r2
                exit
                *(u64 *)(r10 - 16) = 40
                r2 = r10
                r2 += -16
                r3 = *(u64 *)(r2 + 0)
                r4 = *(u64 *)(r1 + 0)
                *(u64 *)(r1 + 0) = r3
                r0 = r3
                r0 += r4
                exit
                """);
        LoadOptions options = withFacts(calls, null);
        try (JitProgram jit = JitProgram.load(calls, options)) {
            assertEquals(3, jit.specialisedAccesses());
            assertEquals(40 + 3 + 40, jit.run(null).r0());
        }
        String text = JitCompiler.bytecodeText(calls, options);
        assertTrue(text.contains("JitRun.frameLoad (Lio/github/bpf4j/vm/Memory;[BJJII)J"), text);
        assertTrue(text.contains("JitRun.frameStore (Lio/github/bpf4j/vm/Memory;[BJJJII)V"), text);
    }

    /**
     * XDP proves packet accesses against data_end at run time, so its facts hold for every
     * packet: the specialised class runs on all sizes, and agrees with the interpreter.
     */
    @Test
    void xdpPacketFactsHoldForEveryPacket() {
        Program xdp = Assembler.assembleProgram("""
                r2 = *(u32 *)(r1 + 0)
                r3 = *(u32 *)(r1 + 4)
                r4 = r2
                r4 += 20
                if r4 > r3 goto +4
                r0 = *(u16 *)(r2 + 12)
                r5 = *(u32 *)(r2 + 16)
                *(u8 *)(r2 + 0) = r5
                exit
                r0 = 1
                exit
                """).with(ProgramType.XDP, List.of());
        LoadOptions options = withFacts(xdp, null);
        assertEquals(-1, options.facts().provenInputSize());
        try (JitProgram jit = JitProgram.load(xdp, options);
             LoadedProgram interpreter = new Interpreter().load(xdp, LoadOptions.defaults())) {
            assertEquals(3, jit.specialisedAccesses());
            for (int size : new int[] {14, 19, 20, 64, 1500}) {
                byte[] packet = new byte[size];
                for (int i = 0; i < size; i++) {
                    packet[i] = (byte) (i * 7 + 3);
                }
                assertEquals(outcome(interpreter, packet), outcome(jit, packet), size + " bytes");
            }
            assertEquals(1, jit.run(new byte[19]).r0()); // too short: the bounds check fails
            byte[] packet = new byte[20];
            packet[12] = 0x34;
            packet[13] = 0x12;
            assertEquals(0x1234, jit.run(packet).r0()); // a little-endian u16 load
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }

    private static String outcome(LoadedProgram loaded, byte[] memory) {
        try {
            RunResult r = loaded.run(memory.clone());
            return "r0 " + r.r0() + " insns " + r.instructions() + " memory " + Arrays.toString(r.memory());
        } catch (BpfFault f) {
            return "fault " + f.kind() + " at " + f.pc();
        }
    }

    /** A counted loop whose latch is an unsigned compare of non-negative values. */
    private static final Program COUNTED_LOOP = Assembler.assembleProgram("""
            r3 = *(u8 *)(r1 + 0)
            r0 = 0
            r4 = 0
            loop:
            r5 = r4
            r5 += r3
            r5 *= r5
            r0 += r5
            r4 += 1
            if r4 < 1000 goto loop
            w6 = w3
            if w6 <= 7 goto +1
            r0 += 1
            exit
            """);

    @Test
    void provenNonNegativeOperandsCompareSigned() {
        byte[] memory = {9, 0, 0, 0};
        LoadOptions options = withFacts(COUNTED_LOOP, memory);
        try (JitProgram jit = JitProgram.load(COUNTED_LOOP, options)) {
            assertEquals(2, jit.specialisedCompares());
            RunResult expected = run(new Interpreter().load(COUNTED_LOOP, LoadOptions.defaults()), memory);
            assertEquals(expected.r0(), run(jit, memory).r0());
        }
        String text = JitCompiler.bytecodeText(COUNTED_LOOP, options);
        assertFalse(text.contains("compareUnsigned"), text);
        String unverified = JitCompiler.bytecodeText(COUNTED_LOOP, LoadOptions.defaults());
        assertTrue(unverified.contains("java/lang/Long.compareUnsigned (JJ)I"), unverified);
        assertTrue(unverified.contains("java/lang/Integer.compareUnsigned (II)I"), unverified);
        try (JitProgram jit = JitProgram.load(COUNTED_LOOP, LoadOptions.defaults())) {
            assertEquals(0, jit.specialisedCompares());
        }
    }

    /** The corpus case whose compare is reached by a path the verifier prunes there. */
    private static final io.github.bpf4j.testdata.DataCase PRUNED_COMPARE = io.github.bpf4j.testdata.DataCase.read(
            io.github.bpf4j.testdata.Corpus.corpusDir().resolve("ebpf/jmp/jlt_negative_on_a_pruned_path.data"));

    /**
     * The verifier prunes the path setting r4 = -5 at the compare, which therefore never saw a
     * negative operand; the compare must stay unsigned: -5 is not below 0 as a u64 (RFC 9669
     * JLT), so r0 = 1, where a signed compare would jump over it.
     */
    @Test
    void aComparePrunedPathsReachStaysUnsigned() {
        Program program = PRUNED_COMPARE.program();
        byte[] memory = {0, 3, 0, 0, 0, 0, 0, 0};
        try (JitProgram jit = JitProgram.load(program, withFacts(program, memory))) {
            assertEquals(0, jit.specialisedCompares());
            assertEquals(1, run(jit, memory).r0());
        }
    }

    /**
     * The compare is signed because the verifier knew r2 = 8, the length it verified for: a
     * 2-byte input makes r4 = -3, which as a u64 is not below 10 (RFC 9669 JLT), so r0 = 1.
     */
    @Test
    void signedComparesAreBoundToTheProvenInputSize() {
        Program program = Assembler.assembleProgram("""
                r0 = 0
                r4 = r2
                r4 -= 5
                if r4 < 10 goto +1
                r0 = 1
                exit
                """);
        try (JitProgram jit = JitProgram.load(program, withFacts(program, new byte[8]))) {
            assertEquals(1, jit.specialisedCompares());
            assertEquals(0, run(jit, new byte[8]).r0());
            assertEquals(1, run(jit, new byte[2]).r0());
        }
    }
    /**
     * A frame whose only stack slot lives in a local is never zeroed (its array is untouched);
     * the local starts at zero on every run, so a read before the write still sees 0 on the second.
     */
    @Test
    void aFrameHeldInLocalsStartsZeroedOnEveryRun() {
        Program program = Assembler.assembleProgram("""
                r0 = *(u64 *)(r10 - 8)
                r1 = 5
                *(u64 *)(r10 - 8) = r1
                exit
                """);
        try (JitProgram jit = JitProgram.load(program, withFacts(program, new byte[0]))) {
            assertEquals(2, jit.specialisedAccesses());
            assertFalse(JitCompiler.bytecodeText(program, withFacts(program, new byte[0])).contains("enterFrame"));
            assertEquals(0, jit.run(null).r0());
            assertEquals(0, jit.run(null).r0());
        }
    }

    /**
     * Facts that lie (as a verifier bug would make them): every access "proven" in the packet, on
     * an 8-byte input, for a load past its end and a store before its start. The specialised code
     * must still fault at the access's pc, never leave the packet array or throw a JDK exception.
     */
    @Test
    void wrongPacketFactsFaultAtThePc() {
        Program load = Assembler.assembleProgram("""
                r0 = *(u8 *)(r1 + 7)
                r3 = *(u32 *)(r1 + 6)
                r0 = *(u64 *)(r1 + 0)
                exit
                """);
        Program store = Assembler.assembleProgram("""
                r0 = 0
                *(u16 *)(r1 - 1) = r0
                exit
                """);
        for (Program program : List.of(load, store)) {
            try (JitProgram jit = JitProgram.load(program, LoadOptions.defaults().withFacts(allInThePacket(program)))) {
                assertTrue(jit.specialisedAccesses() > 0);
                BpfFault fault = assertThrows(BpfFault.class, () -> jit.run(new byte[8]));
                assertEquals(BpfFault.Kind.OUT_OF_BOUNDS, fault.kind());
                assertEquals(1, fault.pc());
            }
        }
    }

    /** Facts for {@code program} on 8 bytes of input claiming every access stays in the packet. */
    private static ProgramFacts allInThePacket(Program program) {
        return new ProgramFacts() {
            @Override
            public boolean verified() {
                return true;
            }

            @Override
            public boolean provenFor(Program p) {
                return p == program;
            }

            @Override
            public int provenInputSize() {
                return 8;
            }

            @Override
            public Region provenAccess(int pc) {
                return Region.PACKET;
            }
        };
    }
}
