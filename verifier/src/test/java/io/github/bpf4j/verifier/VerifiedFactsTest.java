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

    /** A counted loop: the induction variable and the bound are non-negative on every iteration. */
    static final Program COUNTED_LOOP = Assembler.assembleProgram("""
            r3 = *(u8 *)(r1 +0)
            r0 = 0
            r4 = 0
            loop:
            r5 = r4
            r5 += r3
            r0 += r5
            r4 += 1
            if r4 < 100 goto loop
            exit
            """);

    @Test
    void aCountedLoopsLatchComparesSigned() {
        ProgramFacts facts = facts(COUNTED_LOOP, 8);
        assertTrue(facts.unsignedCompareIsSigned(7));
        assertFalse(facts.unsignedCompareIsSigned(6)); // not a jump
        assertFalse(ProgramFacts.NONE.unsignedCompareIsSigned(7));
    }

    @Test
    void anOperandThatMayBeNegativeKeepsTheCompareUnsigned() {
        ProgramFacts facts = facts(Assembler.assembleProgram("""
                r0 = 0
                r4 = *(u8 *)(r1 +0)
                r4 -= 5
                if r4 < 10 goto +1
                r0 = 1
                exit
                """), 8);
        assertFalse(facts.unsignedCompareIsSigned(3));
    }

    @Test
    void jmp32UsesTheLow32BitsSignedRange() {
        assertTrue(facts(compareWith("r4 = *(u8 *)(r1 +0)", "if w4 < 10 goto +1"), 8).unsignedCompareIsSigned(2));
        // a u32 load may be negative as an s32, not as an s64
        assertFalse(facts(compareWith("r4 = *(u32 *)(r1 +0)", "if w4 < 10 goto +1"), 8).unsignedCompareIsSigned(2));
        assertTrue(facts(compareWith("r4 = *(u32 *)(r1 +0)", "if r4 < 10 goto +1"), 8).unsignedCompareIsSigned(2));
        assertFalse(facts(compareWith("r4 = *(u32 *)(r1 +0)", "if r4 < -1 goto +1"), 8).unsignedCompareIsSigned(2));
    }

    private static Program compareWith(String load, String jump) {
        return Assembler.assembleProgram("r0 = 0\n" + load + "\n" + jump + "\nr0 = 1\nexit\n");
    }

    /** The corpus case whose compare is reached by a path the verifier prunes there. */
    private static final io.github.bpf4j.testdata.DataCase PRUNED_COMPARE = io.github.bpf4j.testdata.DataCase.read(
            io.github.bpf4j.testdata.Corpus.corpusDir().resolve("ebpf/jmp/jlt_negative_on_a_pruned_path.data"));

    /**
     * The path through {@code neg} is pruned at the compare (r3 and r4 are not precise there), so
     * the compare never sees r4 = -5: it must not be reported signed.
     */
    @Test
    void aPrunedPathLeavesTheComparesItReachesUnproven() {
        Program program = PRUNED_COMPARE.program();
        Verdict v = Verifier.verify(program, VerifierOptions.defaults().withMemSize(8).withLogLevel(2));
        assertTrue(v.accepted(), v.log());
        assertTrue(v.log().contains("17: safe"), v.log()); // the premise: pruned at the compare
        assertFalse(v.facts().unsignedCompareIsSigned(17));
    }
    /** Verified with every state logged: the premise of the pruning tests is in the log. */
    private static Verdict logged(Program program) {
        Verdict v = Verifier.verify(program, VerifierOptions.defaults().withMemSize(8).withLogLevel(2));
        assertTrue(v.accepted(), v.log());
        return v;
    }

    /**
     * The path through {@code neg} is pruned where the paths join (pc 20), with -5 spilled; the
     * compare at 22 reloads it. A value loaded from the stack after a prune may be a spilled
     * imprecise scalar, so the compare, which only ever saw [0, 7], must not be reported signed.
     */
    @Test
    void aValueReloadedFromTheStackOnAPrunedPathIsUnproven() {
        Verdict v = logged(io.github.bpf4j.testdata.DataCase.read(io.github.bpf4j.testdata.Corpus.corpusDir()
                .resolve("ebpf/jmp/jlt_spilled_on_a_pruned_path.data")).program());
        assertTrue(v.log().contains("20: safe"), v.log());
        assertFalse(v.facts().unsignedCompareIsSigned(22));
    }

    /**
     * Each step's conditional increment makes the paths join with r0 differing, so the second
     * path is pruned at the next step's load; the compares after it test a byte loaded there,
     * whose range does not depend on the pruned path: they stay signed. A compare of that byte
     * against a register the pruned path may have set (r0) does not.
     */
    @Test
    void comparesOfValuesLoadedAfterAPruneStaySigned() {
        Verdict v = logged(Assembler.assembleProgram("""
                r0 = 0
                r3 = *(u8 *)(r1 +0)
                if r3 <= 0x7f goto +1
                r0 += 1
                r3 = *(u8 *)(r1 +1)
                if r3 <= 0x7f goto +1
                r0 += 1
                r3 = *(u8 *)(r1 +2)
                if r3 <= 0x7f goto +1
                r0 += 1
                r3 = *(u8 *)(r1 +3)
                if r3 > r0 goto +1
                r0 += 1
                exit
                """));
        assertTrue(v.log().contains(": safe"), v.log());
        assertTrue(v.facts().unsignedCompareIsSigned(2));
        assertTrue(v.facts().unsignedCompareIsSigned(5));
        assertTrue(v.facts().unsignedCompareIsSigned(8));
        assertFalse(v.facts().unsignedCompareIsSigned(11));
    }
    /**
     * f's path returning -5 is pruned at its exit (pc 24): the caller's compare of f's result
     * (pc 5) never saw -5 and must not be reported signed; a compare of a byte the caller loads
     * after the call does not depend on that path and stays signed.
     */
    @Test
    void aResultReturnedFromAPrunedPathIsUnproven() {
        Program program = io.github.bpf4j.testdata.DataCase.read(io.github.bpf4j.testdata.Corpus.corpusDir()
                .resolve("ebpf/call/call_result_from_a_pruned_path.data")).program();
        Verdict v = logged(program);
        assertTrue(v.log().contains("24: safe"), v.log());
        assertFalse(v.facts().unsignedCompareIsSigned(5));

        long[] slots = program.slots().clone();
        slots[3] = Assembler.assembleProgram("r4 = *(u8 *)(r6 +1)\nexit").slots()[0];
        Verdict reloaded = logged(Program.of(slots));
        assertTrue(reloaded.log().contains("24: safe"), reloaded.log());
        assertTrue(reloaded.facts().unsignedCompareIsSigned(5));
    }
}
