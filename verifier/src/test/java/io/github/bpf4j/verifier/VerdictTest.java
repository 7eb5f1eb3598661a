package io.github.bpf4j.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.vm.Assembler;
import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramFacts;
import io.github.bpf4j.vm.ProgramType;
import org.junit.jupiter.api.Test;

/** The public API: what a verdict carries for the CLI and for engines. */
class VerdictTest {

    @Test
    void acceptedProgramCarriesFactsAndStatistics() {
        Program p = Assembler.assembleProgram("""
                r0 = *(u32 *)(r1 +4)
                *(u64 *)(r10 -8) = r0
                r0 &= 0xff
                exit
                """);
        Verdict v = Verifier.verify(p, VerifierOptions.defaults().withMemSize(8));
        assertTrue(v.accepted());
        assertTrue(v.facts().verified());
        VerifiedFacts facts = (VerifiedFacts) v.facts();
        assertEquals(new MemoryAccessFact(0, "pkt", true), facts.access(0).orElseThrow());
        assertEquals(new MemoryAccessFact(1, "fp", true), facts.access(1).orElseThrow());
        RegisterRange masked = facts.range(2).orElseThrow();
        assertEquals(0, masked.umin());
        assertEquals(0xff, masked.umax());
        assertEquals(-1L, facts.privateStackSlots(0));
        assertEquals(4, v.statistics().insnsProcessed());
        assertEquals(8, v.statistics().stackDepths()[0]);
        assertTrue(v.toJson().startsWith("{\"accepted\":true,\"message\":null,\"pc\":null"));
        assertTrue(v.toJson().contains("\"insns_processed\":4"));
    }

    @Test
    void rejectionCarriesPcPathExplanationAndLog() {
        Program p = Assembler.assembleProgram("""
                r3 = *(u8 *)(r1 +0)
                if r3 > 10 goto +1
                r4 = 1
                r0 = r4
                exit
                """);
        Verdict v = Verifier.verify(p, VerifierOptions.defaults().withMemSize(1).withLogLevel(1));
        assertFalse(v.accepted());
        VerifierError e = v.error().orElseThrow();
        assertEquals(3, e.pc());
        assertEquals("R4 !read_ok", e.message());
        assertEquals("r0 = r4", e.instruction());
        assertEquals(java.util.List.of("1 -> 3"), e.path());
        assertFalse(e.explanation().isEmpty());
        assertEquals(ProgramFacts.NONE, v.facts());
        assertTrue(v.log().contains("3: (bf) r0 = r4\nR4 !read_ok\n"), v.log());
        assertTrue(v.log().endsWith("; " + e.explanation() + "\n"), v.log());
        assertTrue(v.toJson().contains("\"message\":\"R4 !read_ok\",\"pc\":3"), v.toJson());
    }

    @Test
    void levelTwoLogsEveryInstructionWithItsState() {
        Program p = Assembler.assembleProgram("r0 = 0\nexit\n");
        Verdict v = Verifier.verify(p, VerifierOptions.defaults().withLogLevel(2));
        assertTrue(v.log().contains("0: (b7) r0 = 0                        ; R0=0\n1: (95) exit\n"), v.log());
        assertEquals("", Verifier.verify(p, VerifierOptions.defaults()).log().replaceAll("processed.*\n", ""));
    }

    @Test
    void typesWithoutAContextModelAreRejectedWithAReason() {
        Program p = Assembler.assembleProgram("r0 = 0\nexit\n").with(ProgramType.PERF_EVENT, java.util.List.of());
        Verdict v = Verifier.verify(p, new VerifierOptions(ProgramType.PERF_EVENT, 0, 0, false));
        assertEquals("program type perf_event is not supported by the verifier yet", v.error().orElseThrow().message());
        assertTrue(Verifier.supports(ProgramType.XDP) && Verifier.supports(ProgramType.RAW));
        assertTrue(Verifier.supports(ProgramType.SOCKET_FILTER) && Verifier.supports(ProgramType.SCHED_CLS));
        assertFalse(Verifier.supports(ProgramType.PERF_EVENT));
    }

    @Test
    void tracingTypesNeedCapPerfmon() {
        Program p = Assembler.assembleProgram("r0 = 0\nexit\n").with(ProgramType.KPROBE, java.util.List.of());
        assertTrue(Verifier.verify(p, new VerifierOptions(ProgramType.KPROBE, 0, 0, false)).accepted());
        Verdict v = Verifier.verify(p, new VerifierOptions(ProgramType.KPROBE, 0, 0, true));
        assertEquals("program type kprobe needs CAP_PERFMON: the kernel refuses to load it (EPERM) before verifying it",
                v.error().orElseThrow().message());
    }

    @Test
    void badOptionsAreBpfExceptions() {
        org.junit.jupiter.api.Assertions.assertThrows(BpfException.class,
                () -> new VerifierOptions(ProgramType.RAW, -1, 0, false));
    }
}
