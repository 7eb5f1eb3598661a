package io.github.bpf4j.vm.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.vm.MalformedProgramException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker against the kernel's verdicts (checker.expected, from classic_accept.c) and its messages. */
class CheckerTest {

    private static String verdict(Runnable check) {
        try {
            check.run();
            return "accept";
        } catch (MalformedProgramException e) {
            return "EINVAL";
        }
    }

    @Test
    void acceptsAndRejectsExactlyWhatTheKernelDoes() {
        List<String> mismatches = new ArrayList<>();
        List<String[]> rows = ClassicCorpus.rows(ClassicCorpus.dir().resolve("checker.expected"));
        for (String[] row : rows) {
            String text = ClassicCorpus.read(ClassicCorpus.dir().resolve("checker/" + row[0] + ".ddd"));
            List<ClassicInstruction> insns = DecimalParser.parse(text, row[0]);
            ClassicInstruction[] array = insns.toArray(new ClassicInstruction[0]);
            String socket = verdict(() -> ClassicChecker.check(array));
            String seccomp = verdict(() -> ClassicChecker.checkSeccomp(array));
            if (!socket.equals(row[1]) || !seccomp.equals(row[2])) {
                mismatches.add(row[0] + ": kernel " + row[1] + "/" + row[2] + ", checker " + socket + "/" + seccomp);
            }
        }
        assertTrue(rows.size() >= 50);
        assertEquals(List.of(), mismatches);
    }

    private static String error(String asm) {
        return assertThrows(MalformedProgramException.class,
                () -> ClassicProgram.parse(asm, ClassicFormat.BPF_ASM, "f.cbpf")).getMessage();
    }

    private static String errorDecimal(String ddd) {
        return assertThrows(MalformedProgramException.class,
                () -> ClassicProgram.parse(ddd, ClassicFormat.DECIMAL, "f.ddd")).getMessage();
    }

    @Test
    void messagesNameTheInstruction() {
        assertEquals("f.cbpf: instruction 1: division by constant zero", error("ld [0]\ndiv #0\nret a\n"));
        assertEquals("f.cbpf: instruction 1: modulo by constant zero", error("ld [0]\nmod #0\nret a\n"));
        assertEquals("f.cbpf: instruction 0: scratch index 16 is outside M[0..15]", error("st M[16]\nret a\n"));
        assertEquals("f.cbpf: instruction 1: shift by 32, must be below 32", error("ld [0]\nlsh #32\nret a\n"));
        assertEquals("f.cbpf: instruction 0: reads M[2] before a store to it on some path", error("ld M[2]\nret a\n"));
        assertEquals("f.cbpf: instruction 1: the last instruction must be a ret", error("ld [0]\ntax\n"));
        assertEquals("f.cbpf: instruction 0: unknown opcode 0x0e", error("ret x\n"));
        assertEquals("f.ddd: instruction 1: ja +4294967295 jumps to 4294967297, past the last instruction 2"
                + " (classic jumps only go forward)",
                errorDecimal("3\n0 0 0 0\n5 0 0 4294967295\n6 0 0 0\n"));
        assertEquals("f.ddd: instruction 0: jump to 3 is past the last instruction 1", errorDecimal("2\n21 2 0 0\n6 0 0 0\n"));
        assertEquals("f.ddd: instruction 0: unknown ancillary load at SKF_AD_OFF+0x40",
                errorDecimal("2\n32 0 0 4294963264\n6 0 0 0\n"));
        assertEquals("classic program has 4097 instructions, must have 1..4096",
                assertThrows(MalformedProgramException.class, () -> ClassicProgram.of(
                        java.util.Collections.nCopies(4097, ClassicInstruction.of(0x06, 0)))).getMessage());
    }

    @Test
    void seccompRulesNameTheInstruction() {
        ClassicProgram halfword = ClassicProgram.parse("ldh [0]\nret a\n", ClassicFormat.BPF_ASM, "s");
        assertEquals("instruction 0: opcode 0x28 (ldh) is not allowed in seccomp filters",
                assertThrows(MalformedProgramException.class, halfword::checkSeccomp).getMessage());
        ClassicProgram misaligned = ClassicProgram.parse("ld [6]\nret a\n", ClassicFormat.BPF_ASM, "s");
        assertEquals("instruction 0: seccomp load at offset 6 is not a 32-bit aligned offset inside seccomp_data (0..60)",
                assertThrows(MalformedProgramException.class, misaligned::checkSeccomp).getMessage());
    }
}
