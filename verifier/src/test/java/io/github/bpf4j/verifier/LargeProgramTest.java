package io.github.bpf4j.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.Program;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The limits at full size: a program of 1,000,000 slots verifies (the kernel processes every
 * straight-line instruction once), and long runs of lddw are fine.
 */
class LargeProgramTest {

    @Test
    void millionSlotStraightLineProgramIsAccepted() {
        List<Instruction> insns = new ArrayList<>();
        insns.add(new Instruction(0xb7, 0, 0, 0, 0));
        while (insns.size() < 1_000_000 - 1) {
            insns.add(new Instruction(0x07, 0, 0, 0, 1));
        }
        insns.add(new Instruction(0x95, 0, 0, 0, 0));
        Verdict v = Verifier.verify(Program.of(insns), VerifierOptions.defaults());
        assertTrue(v.accepted(), () -> v.error().toString());
        assertEquals(1_000_000, v.statistics().insnsProcessed());
    }

    @Test
    void longRunOfLddwIsAccepted() {
        List<Instruction> insns = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            insns.add(new Instruction(0x18, 0, 0, 0, i));
            insns.add(new Instruction(0, 0, 0, 0, 1));
        }
        insns.add(new Instruction(0x95, 0, 0, 0, 0));
        Verdict v = Verifier.verify(Program.of(insns), VerifierOptions.defaults());
        assertTrue(v.accepted(), () -> v.error().toString());
        assertEquals(200_001, v.statistics().insnsProcessed());
    }
}
