package io.github.bpf4j.vm.elf;

import static org.junit.jupiter.api.Assertions.*;

import io.github.bpf4j.vm.MalformedProgramException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Bad objects are refused with one line naming the file, section and offset. */
class ElfReaderErrorsTest {
    static String error(byte[] bytes) {
        return assertThrows(MalformedProgramException.class, () -> ElfReader.read(bytes, "bad.o")).getMessage();
    }

    @Test
    void licenseAndSourceLines() {
        ElfObject object = ElfReader.read(ElfReaderPropertyTest.bytesOf("globals.o"), "globals.o");
        ElfProgram filter = object.program("socket");
        assertEquals("GPL", object.license());
        assertEquals("socket/filter", filter.toString());
        assertEquals("./globals.c", filter.sourceLine(0).file());
        assertEquals(15, filter.sourceLine(0).line());
        assertTrue(filter.sourceLine(0).text().contains("int filter(struct __sk_buff *skb)"));
        assertEquals(io.github.bpf4j.vm.ProgramType.SOCKET_FILTER, filter.program().type());
    }

    @Test
    void coreRelocationAgainstAnUnknownTypeIsNamed() {
        String message = error(ElfReaderPropertyTest.bytesOf("core_task.o"));
        assertTrue(message.startsWith("bad.o: section kprobe/do_exit offset 0x0: CO-RE relocation (kind 0, access 0:0)"
                + " on type 'task_struct' cannot be resolved"), message);
    }

    @Test
    void notElf() {
        assertEquals("bad.o: not an ELF file (bad magic) (at offset 0x0)", error(new byte[64]));
        assertEquals("bad.o: ELF header of 64 bytes runs past the end of the 3-byte file (at offset 0x0)",
                error(new byte[] {0x7f, 'E', 'L'}));
    }

    @Test
    void wrongMachine() {
        byte[] b = ElfReaderPropertyTest.bytesOf("globals.o");
        b[18] = 62; // x86-64
        assertEquals("bad.o: machine 62 is not BPF (247) (at offset 0x12)", error(b));
    }

    @Test
    void truncatedFileNamesTheSectionTable() {
        byte[] b = ElfReaderPropertyTest.bytesOf("globals.o");
        String message = error(Arrays.copyOf(b, 1000));
        assertTrue(message.startsWith("bad.o: section header table of "), message);
    }

    @Test
    void relocationOutsideItsSection() {
        byte[] b = ElfReaderPropertyTest.bytesOf("globals.o");
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        // .relsocket is at 0x18e8 in this object (llvm-readelf -S); its first entry's r_offset.
        buf.putLong(0x18e8, 0x10000);
        assertEquals("bad.o: section .relsocket: relocation offset 65536 is outside section socket or not on an"
                + " instruction (at offset 0x18e8)", error(b));
    }

    @Test
    void relocationOnTheWrongInstruction() {
        byte[] b = ElfReaderPropertyTest.bytesOf("globals.o");
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(0x18e8 + 16, 0x18); // the lddw relocation now points at a store
        assertEquals("bad.o: section socket offset 0x18: R_BPF_64_64 on an instruction that is not lddw", error(b));
    }
}
