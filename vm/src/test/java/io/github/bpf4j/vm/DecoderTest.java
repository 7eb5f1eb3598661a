package io.github.bpf4j.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DecoderTest {
    private static MalformedProgramException reject(Instruction... insns) {
        return assertThrows(MalformedProgramException.class, () -> Program.of(List.of(insns)));
    }

    private static final Instruction EXIT = new Instruction(0x95, 0, 0, 0, 0);

    @Test
    void namesSlotAndField() {
        MalformedProgramException e = reject(new Instruction(0xb7, 0, 0, 0, 0), new Instruction(0x07, 0, 0, 1, 1), EXIT);
        assertEquals(1, e.slot());
        assertTrue(e.getMessage().contains("slot 1") && e.getMessage().contains("offset"), e.getMessage());
    }

    @Test
    void unknownOpcode() {
        MalformedProgramException e = reject(new Instruction(0xe4, 0, 0, 0, 0), EXIT);
        assertTrue(e.getMessage().contains("unknown opcode 0xe4"), e.getMessage());
    }

    @Test
    void badRegister() {
        assertTrue(reject(new Instruction(0xbf, 11, 0, 0, 0), EXIT).getMessage().contains("r11"));
    }

    @Test
    void truncatedLddw() {
        assertTrue(reject(new Instruction(0x18, 0, 0, 0, 1)).getMessage().contains("truncated"));
    }

    @Test
    void jumpOutOfRangeAndIntoLddw() {
        assertTrue(reject(new Instruction(0x05, 0, 0, 5, 0), EXIT).getMessage().contains("out of range"));
        assertTrue(reject(new Instruction(0x05, 0, 0, 1, 0), new Instruction(0x18, 0, 0, 0, 1),
                new Instruction(0, 0, 0, 0, 2), EXIT).getMessage().contains("middle of lddw"));
    }

    @Test
    void bytesNotAMultipleOfEight() {
        MalformedProgramException e = assertThrows(MalformedProgramException.class, () -> Program.fromBytes(new byte[12]));
        assertEquals(-1, e.slot());
    }

    @Test
    void encodingRoundTrips() {
        Instruction insn = new Instruction(0x61, 3, 10, -4, 0);
        assertEquals(insn, Instruction.fromSlot(insn.toSlot()));
        Program p = Program.of(List.of(new Instruction(0x18, 1, 0, 0, 0x55667788), new Instruction(0, 0, 0, 0, 0x11223344), EXIT));
        assertEquals(0x1122334455667788L, p.lddwValue(0));
        assertEquals(p.slot(0), Program.fromBytes(p.toBytes()).slot(0));
    }
}
