package io.github.bpf4j.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.vm.Assembler;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramFacts;
import io.github.bpf4j.vm.ProgramFacts.Region;
import io.github.bpf4j.vm.ProgramType;
import org.junit.jupiter.api.Test;

/** The engine-neutral queries of {@link ProgramFacts} as the verifier answers them. */
class VerifiedFactsTest {
    private static final Program PROGRAM = Assembler.assembleProgram("""
            r0 = *(u32 *)(r1 +4)
            *(u64 *)(r10 -8) = r0
            r2 = r10
            r2 += -16
            *(u64 *)(r2 +0) = r0
            r0 &= 0xff
            exit
            """);

    private static ProgramFacts facts(Program p, int memSize) {
        Verdict v = Verifier.verify(p, VerifierOptions.defaults().withMemSize(memSize));
        assertTrue(v.accepted(), v.log());
        return v.facts();
    }

    @Test
    void accessesProvenOnTheirRegion() {
        ProgramFacts facts = facts(PROGRAM, 8);
        assertEquals(Region.PACKET, facts.provenAccess(0));
        assertEquals(Region.STACK, facts.provenAccess(1));
        assertEquals(Region.STACK, facts.provenAccess(4));
        assertEquals(Region.NONE, facts.provenAccess(5)); // no memory access
        assertEquals(Region.NONE, facts.provenAccess(99));
    }

    @Test
    void factsNameTheProgramTypeAndMemorySizeTheyHoldFor() {
        ProgramFacts facts = facts(PROGRAM, 8);
        assertTrue(facts.provenFor(PROGRAM));
        assertFalse(facts.provenFor(PROGRAM.with(ProgramType.XDP, PROGRAM.maps())));
        assertFalse(facts.provenFor(Assembler.assembleProgram("r0 = 0\nexit")));
        assertEquals(8, facts.provenInputSize());
        assertFalse(ProgramFacts.NONE.provenFor(PROGRAM));
        assertEquals(-1, ProgramFacts.NONE.provenInputSize());
    }

    @Test
    void aFrameWhoseAddressIsTakenHasNoPrivateSlots() {
        assertEquals(0, facts(PROGRAM, 8).privateStackSlots(0));
        Program calls = Assembler.assembleProgram("""
                r1 = 3
                call pc+3
                *(u64 *)(r10 -8) = r0
                r0 = *(u64 *)(r10 -8)
                exit
                *(u64 *)(r10 -16) = r1
                r2 = r10
                r2 += -16
                r0 = *(u64 *)(r2 +0)
                exit
                """);
        ProgramFacts facts = facts(calls, 0);
        assertEquals(-1L, facts.privateStackSlots(0));
        assertEquals(0, facts.privateStackSlots(5));
        assertEquals(0, facts.privateStackSlots(3)); // not a subprogram start
    }
}
