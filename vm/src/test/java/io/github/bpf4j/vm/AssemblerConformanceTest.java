package io.github.bpf4j.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every asm section of bpf_conformance assembles; every invalid_* one is rejected with LINE:COL. */
class AssemblerConformanceTest {

    @TestFactory
    Stream<DynamicTest> everyConformanceTestAssembles() {
        List<Path> files = ConformanceAsm.files("tests", "*.data");
        assertEquals(313, files.size(), "conformance test count");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Program program = Assembler.assembleProgram(ConformanceAsm.asm(f));
            Decoder.validate(program.slots());
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyConformanceProgramRoundTripsThroughBothSyntaxes() {
        return ConformanceAsm.files("tests", "*.data").stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Program program = Assembler.assembleProgram(ConformanceAsm.asm(f));
            for (Disassembler.Syntax syntax : Disassembler.Syntax.values()) {
                String listing = Disassembler.disassemble(program, syntax);
                assertEquals(program.instructions(), Assembler.assembleProgram(listing).instructions(), listing);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyInvalidFileIsRejectedWithLineAndColumn() {
        List<Path> files = ConformanceAsm.files("negative", "invalid_*.data");
        assertEquals(11, files.size(), "invalid_* file count");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            String asm = ConformanceAsm.asm(f);
            MalformedProgramException e = assertThrows(MalformedProgramException.class,
                    () -> Assembler.assembleProgram(asm));
            assertTrue(e.getMessage().matches("\\d+:\\d+: \\S.*"), e.getMessage());
        }));
    }
}
