package io.github.bpf4j.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Labels, comments, syntax detection per line, and error positions. */
class AssemblerTest {

    private static String hex(String source) {
        return AssemblerEncodingTest.hex(Assembler.assemble(source));
    }

    @Test
    void labelsResolveForwardAndBackwardInBothSyntaxes() {
        String source = """
                start:
                    mov %r0, 0        # ubpf
                loop: r0 += 1         ; kernel syntax, label on the same line
                    if r0 < 10 goto loop
                    jne %r0, 10, start   // a jump back to the first instruction
                    ja end
                    exit
                end:
                    exit
                """;
        List<Instruction> slots = Assembler.assemble(source);
        assertEquals(7, slots.size());
        assertEquals(-2, slots.get(2).offset()); // pc 2 → loop (pc 1)
        assertEquals(-4, slots.get(3).offset()); // pc 3 → start (pc 0)
        assertEquals(1, slots.get(4).offset());  // pc 4 → end (pc 6)
    }

    @Test
    void exitIsAnImplicitLabelForTheFirstExitAsInBpfConformance() {
        List<Instruction> slots = Assembler.assemble("jeq %r1, 0xb, exit\nmov32 %r0, 2\nexit\nexit\n");
        assertEquals(1, slots.get(0).offset());
    }

    @Test
    void anExplicitLabelNamedExitWins() {
        List<Instruction> slots = Assembler.assemble("ja exit\nexit\nexit:\nexit\n");
        assertEquals(1, slots.get(0).offset());
    }

    @Test
    void localCallsToLabelsPutTheRelativeTargetInImm() {
        // bpf_conformance: "call local func1"; kernel: "call func1" or "call pc+N".
        String ubpf = hex("call local f\nexit\nf:\nexit\n");
        assertEquals("8510000001000000" + "9500000000000000" + "9500000000000000", ubpf);
        assertEquals(ubpf, hex("call f\nexit\nf:\nexit\n"));
        assertEquals(ubpf, hex("call pc+1\nexit\nexit\n"));
        assertEquals(ubpf, hex("call local +1\nexit\nexit\n"));
    }

    @Test
    void gotolTakesA32BitTarget() {
        // RFC 9669 4.3.1: JA in class JMP32 uses imm as the offset. 70000 = 0x00011170.
        assertEquals("0600000070110100", hex("gotol +70000"));
        assertEquals("0600000070110100", hex("ja32 +70000"));
    }

    @Test
    void loadAcquireAndStoreReleaseAsLinuxEncodesThem() {
        // Linux include/uapi/linux/bpf.h: BPF_LOAD_ACQ 0x100 (dst = *(src + off)),
        // BPF_STORE_REL 0x110 (*(dst + off) = src), in BPF_STX | BPF_ATOMIC of each size.
        assertEquals("db21080000010000", hex("r1 = load_acquire((u64 *)(r2 + 8))"));
        assertEquals("d321fcff00010000", hex("w1 = load_acquire((u8 *)(r2 - 4))"));
        assertEquals("cb12000010010000", hex("store_release((u16 *)(r2 + 0), w1)"));
        assertEquals("db21080000010000", hex("lock ldxdw %r1, [%r2+8]"));
        assertEquals("cb12000010010000", hex("lock stxh [%r2], %r1"));
    }

    @Test
    void kernelLogAndObjdumpSpellingsAreRead() {
        assertEquals(hex("*(u64 *)(r10 - 8) = r1"), hex("*(u64 *)(r10 -8) = r1"));
        assertEquals(hex("if r1 == 2 goto +1"), hex("if r1 == 0x2 goto pc+1"));
        assertEquals(hex("goto +0"), hex("goto +0 <.text+0x28>"));
        assertEquals(hex("exit"), hex("       0:\texit"));
    }

    @Test
    void packetLoadsWithAnIndexOffset() {
        // BPF_LD | BPF_IND | BPF_H = 0x48; src = r1, imm = 2 (RFC 9669 5.5, legacy packet access).
        assertEquals("4810000002000000", hex("r0 = *(u16 *)skb[r1 + 2]"));
        assertEquals("48100000feffffff", hex("r0 = *(u16 *)skb[r1 - 2]"));
        assertEquals("4810000002000000", hex("ldindh %r1, 2"));
        assertEquals("28000000feffffff", hex("ldabsh -2"));
    }

    @Test
    void callxForms() {
        assertEquals("8d02000000000000", hex("call %r2"));
        assertEquals("8d02000000000000", hex("callx r2"));
        // The older encoding with the register number in imm.
        assertEquals("8d00000002000000", hex("callx 2"));
    }

    @Test
    void kfuncCalls() {
        assertEquals("8520000007000000", hex("call kfunc 7"));
        assertEquals("8520000007000000", hex("call runtime 7"));
    }

    @Test
    void pseudoLddwKeepsTheSecondSlot() {
        // BPF_PSEUDO_MAP_VALUE: map fd 5 in the first imm, value offset 8 in the second.
        assertEquals("1821000005000000" + "0000000008000000", hex("ld_pseudo r1, 2, 0x800000005"));
        assertEquals("1821000005000000" + "0000000000000000", hex("ld_pseudo %r1, 2, 5"));
    }

    @Test
    void pcAnnotationMustMatch() {
        MalformedProgramException e = assertThrows(MalformedProgramException.class,
                () -> Assembler.assemble("0: r0 = 1 ll\n1: exit\n"));
        assertEquals("2:1: pc 1 does not match the instruction's slot 2", e.getMessage());
    }

    /** Source (lines separated by \n) and the exact error. */
    private static final String[][] ERRORS = {
        {"mov %r0, 1\nfoo %r0", "2:1: unknown mnemonic 'foo'"},
        {"ja nowhere", "1:4: unknown label 'nowhere'"},
        {"exit\nx:\nx: exit", "3:1: label 'x' is already defined"},
        {"ja +1", "1:4: target +1 lands on slot 2, outside the program (0..0)"},
        {"ja +1\nlddw %r0, 1\nexit", "1:4: target +1 lands on slot 2, the second half of an lddw"},
        {"ldxw %r0, [%r1+70000]", "1:15: number 70000 is out of range for a 16-bit offset (-32768..32767)"},
        {"mov %r0, %r11", "1:10: invalid register %r11: registers are r0..r10"},
        {"w0 += r1", "1:7: register r1 does not match the width of w0 (use w1)"},
        {"r0 = *(u64 *)(r1 + 0) = 3", "1:23: unexpected '=' after the end of the instruction"},
        {"r0 = 0x1ffffffff", "1:6: number 0x1ffffffff is out of range for a 32-bit immediate (-0x80000000..0xffffffff)"},
        {"r1 = atomic_fetch_add((u64 *)(r10 - 8), r2)", "1:41: operand must be the destination register r1"},
        {"r1 = cmpxchg_64(r10 - 8, r0, r2)", "1:1: cmpxchg compares with and returns into r0"},
        {"lock *(u8 *)(r1 + 0) += w2", "1:8: atomic operations work on u32 or u64"},
        {"mov %r0, 1 $", "1:12: unexpected character '$'"},
        {"r0 = (s32)w1", "1:11: register w1 does not match the width of r0 (use r1)"},
        {"w0 = (s32)w1", "1:7: (s32) needs 64-bit registers"},
        {"if r1 ~ 3 goto +1", "1:7: unexpected character '~'"},
        {"if r1 = 3 goto +1", "1:7: expected a comparison (==, !=, >, >=, <, <=, s>, s>=, s<, s<=, &), found '='"},
        {"lock", "1:5: lock needs an operation: lock [fetch] add|or|and|xor|xchg|cmpxchg [dst+off], src"},
    };

    @TestFactory
    Stream<DynamicTest> errorsNameLineAndColumn() {
        return Arrays.stream(ERRORS).map(c -> DynamicTest.dynamicTest(c[0], () -> {
            MalformedProgramException e = assertThrows(MalformedProgramException.class,
                    () -> Assembler.assembleProgram(c[0]));
            assertEquals(c[1], e.getMessage());
        }));
    }

    @Test
    void anEmptyProgramIsAnError() {
        assertEquals(List.of(), Assembler.assemble("# nothing\n\n"));
        MalformedProgramException e = assertThrows(MalformedProgramException.class,
                () -> Assembler.assembleProgram("# nothing\n"));
        assertEquals("1:1: no instructions", e.getMessage());
    }
}
