package io.github.bpf4j.vm.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.MalformedProgramException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bpf_asm syntax against the examples and outputs in the kernel's
 * Documentation/networking/filter.rst, file recognition, and bad input.
 */
class FormatsTest {

    private static ClassicProgram asm(String text) {
        return ClassicProgram.parse(text, ClassicFormat.BPF_ASM, "f.cbpf");
    }

    private static ClassicProgram decimal(String text) {
        return ClassicProgram.parse(text, ClassicFormat.DECIMAL, "f.ddd");
    }

    @Test
    void arpExampleAssemblesAsDocumented() {
        ClassicProgram p = asm("ldh [12]\njne #0x806, drop\nret #-1\ndrop: ret #0\n");
        // "$ ./bpf_asm foo" prints:
        assertEquals(decimal("4,40 0 0 12,21 0 1 2054,6 0 0 4294967295,6 0 0 0,"), p);
        // "$ ./bpf_asm -c foo" prints:
        assertEquals(ClassicProgram.parse("{ 0x28,  0,  0, 0x0000000c },\n{ 0x15,  0,  1, 0x00000806 },\n"
                + "{ 0x06,  0,  0, 0xffffffff },\n{ 0x06,  0,  0, 0000000000 },\n", ClassicFormat.C_ARRAY, "f.dd"), p);
    }

    @Test
    void bpfDbgDisassemblyReadsBackToItsProgram() {
        ClassicProgram p = asm("l0:\tldh [12]\nl1:\tjeq #0x800, l2, l5\nl2:\tldb [23]\nl3:\tjeq #0x1, l4, l5\n"
                + "l4:\tret #0xffff\nl5:\tret #0\n");
        assertEquals(decimal("6,40 0 0 12,21 0 3 2048,48 0 0 23,21 0 1 1,6 0 0 65535,6 0 0 0"), p);
    }

    @Test
    void icmpSamplingExampleUsesTheRandomExtension() {
        ClassicProgram p = asm("ldh [12]\njne #0x800, drop\nldb [23]\njneq #1, drop\n# get a random uint32 number\n"
                + "ld rand\nmod #4\njneq #1, drop\nret #-1\ndrop: ret #0\n");
        assertEquals(ClassicInstruction.of(0x20, -0x1000 + 56), p.instruction(4));
        assertEquals(ClassicInstruction.of(0x94, 4), p.instruction(5));
        assertEquals(new ClassicInstruction(0x15, 0, 1, 1), p.instruction(6));
    }

    @Test
    void seccompExampleAllowsItsCallsAndKillsTheRest() {
        ClassicProgram p = asm("""
                ld [4]                  /* offsetof(struct seccomp_data, arch) */
                jne #0xc000003e, bad    /* AUDIT_ARCH_X86_64 */
                ld [0]                  /* offsetof(struct seccomp_data, nr) */
                jeq #15, good           /* __NR_rt_sigreturn */
                jeq #231, good          /* __NR_exit_group */
                jeq #60, good           /* __NR_exit */
                jeq #0, good            /* __NR_read */
                jeq #1, good            /* __NR_write */
                jeq #5, good            /* __NR_fstat */
                jeq #9, good            /* __NR_mmap */
                jeq #14, good           /* __NR_rt_sigprocmask */
                jeq #13, good           /* __NR_rt_sigaction */
                jeq #35, good           /* __NR_nanosleep */
                bad: ret #0             /* SECCOMP_RET_KILL_THREAD */
                good: ret #0x7fff0000   /* SECCOMP_RET_ALLOW */
                """);
        assertEquals("ALLOW", ClassicInterpreter.runSeccomp(p, SeccompData.x86_64(231)).toString());
        assertEquals("ALLOW", ClassicInterpreter.runSeccomp(p, SeccompData.x86_64(35)).toString());
        assertEquals("KILL_THREAD", ClassicInterpreter.runSeccomp(p, SeccompData.x86_64(2)).toString());
        assertEquals("KILL_THREAD", ClassicInterpreter.runSeccomp(p,
                new SeccompData(0, 0x40000003, 0, new long[6])).toString()); // i386
    }

    @Test
    void extensionsAndAddressingModes() {
        ClassicProgram p = asm("ld #proto\nldh #type\nldb vlan_avail\nld vlan_pr\nld len\nldx #len\nldi #7\nldxi 8\n"
                + "ld [x + 4]\nldh [%x + 2]\nldx 4*([14]&0xf)\nldxb 4*([14]&0xf)\nst M[1]\nld M[1]\nadd %x\n"
                + "RET %A\n");
        assertEquals(ClassicInstruction.of(0x20, -0x1000), p.instruction(0));
        assertEquals(ClassicInstruction.of(0x28, -0x1000 + 4), p.instruction(1));
        assertEquals(ClassicInstruction.of(0x30, -0x1000 + 48), p.instruction(2));
        assertEquals(ClassicInstruction.of(0x20, -0x1000 + 48), p.instruction(3));
        assertEquals(ClassicInstruction.of(0x80, 0), p.instruction(4));
        assertEquals(ClassicInstruction.of(0x81, 0), p.instruction(5));
        assertEquals(ClassicInstruction.of(0x00, 7), p.instruction(6));
        assertEquals(ClassicInstruction.of(0x01, 8), p.instruction(7));
        assertEquals(ClassicInstruction.of(0x40, 4), p.instruction(8));
        assertEquals(ClassicInstruction.of(0x48, 2), p.instruction(9));
        assertEquals(ClassicInstruction.of(0xb1, 14), p.instruction(10));
        assertEquals(ClassicInstruction.of(0xb1, 14), p.instruction(11));
        assertEquals(ClassicInstruction.of(0x0c, 0), p.instruction(14));
        assertEquals(ClassicInstruction.of(0x16, 0), p.instruction(15));
    }

    @Test
    void indirectOffsetsWithAndWithoutSpaces() {
        ClassicProgram p = asm("ld [x+4]\nldh [x + 2]\nldb [%x+0x10]\nret a\n");
        assertEquals(ClassicInstruction.of(0x40, 4), p.instruction(0));
        assertEquals(ClassicInstruction.of(0x48, 2), p.instruction(1));
        assertEquals(ClassicInstruction.of(0x50, 16), p.instruction(2));
    }

    @Test
    void numbersInEveryBase() {
        ClassicProgram p = asm("ld #0x1f\nld #0b101\nld #017\nld #-2\nret #10\n");
        assertEquals(31, p.instruction(0).k());
        assertEquals(5, p.instruction(1).k());
        assertEquals(15, p.instruction(2).k());
        assertEquals(-2, p.instruction(3).k());
    }

    @Test
    void listingRoundTripsThroughTheDisassembler() {
        ClassicProgram p = asm("ldh [12]\njeq #0x800, ip, other\nip: ldxb 4*([14]&0xf)\nldh [x + 16]\njset #0x1fff, other\n"
                + "ld #len\nmod #7\nst M[0]\nldx M[0]\ntxa\nja done\nother: ret #0\ndone: ret a\n");
        assertEquals(p, ClassicProgram.parse(ClassicDisassembler.format(p), ClassicFormat.ANY, "listing"));
    }

    @Test
    void truncatedDecimalTextNamesWhatIsMissing() {
        MalformedProgramException e = assertThrows(MalformedProgramException.class, () -> decimal("3\n40 0 0 12\n21 0 1\n"));
        assertEquals("f.ddd:4:1: truncated: the count says 3 instructions, but instruction 1 has no k field", e.getMessage());
        e = assertThrows(MalformedProgramException.class, () -> decimal("2\n6 0 0 0\n6 0 0 0\n6 0 0 0\n"));
        assertEquals("f.ddd:4:1: more numbers than the 2 instructions the count announces", e.getMessage());
        e = assertThrows(MalformedProgramException.class, () -> decimal("1\n6 0 0 x\n"));
        assertEquals("f.ddd:2:7: expected a decimal number, found 'x'", e.getMessage());
        e = assertThrows(MalformedProgramException.class, () -> decimal("1\n6 256 0 0\n"));
        assertEquals("f.ddd:2:3: jt 256 of instruction 0 is above 255", e.getMessage());
        e = assertThrows(MalformedProgramException.class, () -> decimal(""));
        assertEquals("f.ddd:1:1: empty program: expected the instruction count", e.getMessage());
    }

    @Test
    void backwardJumpsAreRejectedWithWhere() {
        MalformedProgramException e = assertThrows(MalformedProgramException.class,
                () -> asm("top: ld [0]\njeq #1, top, out\nout: ret #0\n"));
        assertEquals("f.cbpf:2:9: jump from instruction 1 to label 'top' (instruction 0) goes backward;"
                + " classic BPF jumps only forward", e.getMessage());
        e = assertThrows(MalformedProgramException.class, () -> ClassicProgram.parse(
                "(000) ldh      [12]\n(001) jeq      #0x800           jt 0\tjf 2\n(002) ret      #0\n", ClassicFormat.ANY, "l.cbpf"));
        assertEquals("l.cbpf:2:36: jump from instruction 1 to 0 goes backward; classic BPF jumps only forward",
                e.getMessage());
    }

    @Test
    void asmErrorsNameLineAndColumn() {
        assertEquals("f.cbpf:2:1: unknown instruction 'jmpz'",
                assertThrows(MalformedProgramException.class, () -> asm("ld [0]\njmpz x\nret #0\n")).getMessage());
        assertEquals("f.cbpf:1:9: no such label 'nowhere'",
                assertThrows(MalformedProgramException.class, () -> asm("jeq #1, nowhere\nret #0\n")).getMessage());
        assertEquals("f.cbpf:1:5: expected [k], [x + k] or an extension (proto, type, ifidx, nla, nlan, mark, queue, "
                + "hatype, rxhash, cpu, vlan_tci, vlan_avail, vlan_tpid, poff, rand) after 'ldh', found 'bogus'",
                assertThrows(MalformedProgramException.class, () -> asm("ldh bogus\nret #0\n")).getMessage());
        assertEquals("f.cbpf:1:5: number '0x1ffffffff' does not fit in 32 bits",
                assertThrows(MalformedProgramException.class, () -> asm("ld #0x1ffffffff\nret #0\n")).getMessage());
        assertEquals("f.cbpf:1:8: unexpected ']' after the instruction",
                assertThrows(MalformedProgramException.class, () -> asm("ret #0 ]\n")).getMessage());
    }

    @Test
    void filesAreRecognisedByExtensionAndContent(@TempDir Path dir) throws IOException {
        ClassicProgram expected = decimal("4,40 0 0 12,21 0 1 2054,6 0 0 4294967295,6 0 0 0,");
        Files.writeString(dir.resolve("a.ddd"), "4\n40 0 0 12\n21 0 1 2054\n6 0 0 4294967295\n6 0 0 0\n");
        Files.writeString(dir.resolve("b.dd"), "{ 0x28, 0, 0, 0x0000000c },\n{ 0x15, 0, 1, 0x00000806 },\n"
                + "{ 0x6, 0, 0, 0xffffffff },\n{ 0x6, 0, 0, 0x00000000 },\n");
        Files.writeString(dir.resolve("c.cbpf"), "; ARP only\nldh [12]\njne #0x806, drop\nret #-1\ndrop: ret #0\n");
        Files.writeString(dir.resolve("d.cbpf"), expected.toString());
        Files.writeString(dir.resolve("e.cbpf"), expected.toDecimal());
        for (String name : new String[] {"a.ddd", "b.dd", "c.cbpf", "d.cbpf", "e.cbpf"}) {
            assertEquals(expected, ClassicProgram.read(dir.resolve(name)), name);
        }
        assertEquals(dir.resolve("x.bin") + ": not a classic filter file (extensions: .ddd, .dd, .cbpf)",
                assertThrows(BpfException.class, () -> ClassicProgram.read(dir.resolve("x.bin"))).getMessage());
        assertEquals(dir.resolve("missing.ddd") + ": no such file",
                assertThrows(BpfException.class, () -> ClassicProgram.read(dir.resolve("missing.ddd"))).getMessage());
        Files.writeString(dir.resolve("bad.ddd"), "2\n6 0 0 0\n40 0 0 12\n");
        assertEquals(dir.resolve("bad.ddd") + ": instruction 1: the last instruction must be a ret",
                assertThrows(MalformedProgramException.class, () -> ClassicProgram.read(dir.resolve("bad.ddd"))).getMessage());
    }
}
