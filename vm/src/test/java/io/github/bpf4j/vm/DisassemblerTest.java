package io.github.bpf4j.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.bpf4j.vm.Disassembler.Syntax;
import org.junit.jupiter.api.Test;

class DisassemblerTest {
    private static final String SOURCE = """
            lddw %r0, 0x1122334455667788
            call local f
            jeq %r0, 3, +1
            exit
            f:
            ldxh %r0, [%r1-2]
            exit
            """;

    @Test
    void listingHasOneLineForLddwAndRightAlignedPcs() {
        // The pc column as llvm-objdump-19 -d --no-show-raw-insn prints it: "%8d:\t".
        String expected = """
                       0:\tr0 = 0x1122334455667788 ll
                       2:\tcall pc+2
                       3:\tif r0 == 3 goto +1
                       4:\texit
                       5:\tw0 = *(u16 *)(r1 - 2)
                       6:\texit
                """;
        Program program = Assembler.assembleProgram(SOURCE);
        assertEquals(expected, Disassembler.disassemble(program));
        assertEquals(expected, Disassembler.disassemble(program, Syntax.LLVM));
    }

    @Test
    void ubpfListing() {
        String expected = """
                       0:\tlddw %r0, 0x1122334455667788
                       2:\tcall local +2
                       3:\tjeq %r0, 3, +1
                       4:\texit
                       5:\tldxh %r0, [%r1-2]
                       6:\texit
                """;
        assertEquals(expected, Disassembler.disassemble(Assembler.assembleProgram(SOURCE), Syntax.UBPF));
    }

    @Test
    void singleInstructions() {
        Program program = Assembler.assembleProgram(SOURCE);
        assertEquals("call pc+2", Disassembler.instruction(program, 2, Syntax.LLVM));
        assertEquals("ldxh %r0, [%r1-2]", Disassembler.instruction(program, 5, Syntax.UBPF));
        assertThrows(IllegalArgumentException.class, () -> Disassembler.instruction(program, 1, Syntax.LLVM));
        assertThrows(IllegalArgumentException.class, () -> Disassembler.instruction(program, 7, Syntax.LLVM));
    }

    @Test
    void packetLoadsPrintTheirIndexOffsetAsTheKernelLogDoes() {
        Program program = Assembler.assembleProgram("ldindw %r3, -4\nldabsb 7\nexit");
        assertEquals("r0 = *(u32 *)skb[r3 - 4]", Disassembler.instruction(program, 0, Syntax.LLVM));
        assertEquals("r0 = *(u8 *)skb[7]", Disassembler.instruction(program, 1, Syntax.LLVM));
    }
}
