package io.github.bpf4j.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.vm.MalformedProgramException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * bpf_conformance's negative files: the {@code unused-*} ones must be rejected by the decoder
 * naming the slot and the field; the {@code invalid_*} ones by the assembler or the .data
 * reader, with line and column.
 */
class NegativeConformanceTest {
    private static List<Path> files(String prefix) {
        return Corpus.dataFiles(Conformance.dir().resolve("negative")).stream()
                .filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
    }

    @Test
    void counts() {
        assertEquals(45, files("unused-").size());
        assertEquals(11, files("invalid_").size());
    }

    @TestFactory
    Stream<DynamicTest> unusedFieldsAreRejectedByTheDecoder() {
        return files("unused-").stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            // unused-<insn>-<field>.data
            String name = f.getFileName().toString();
            String field = name.substring(name.lastIndexOf('-') + 1, name.length() - ".data".length());
            String expected = field.equals("offset") ? "offset" : field;
            MalformedProgramException e = assertThrows(MalformedProgramException.class,
                    () -> DataCase.read(f).program());
            assertTrue(e.slot() >= 0, "not a decoder error: " + e.getMessage());
            assertTrue(e.getMessage().contains("slot " + e.slot()), e.getMessage());
            assertTrue(e.getMessage().contains(expected + " field"), "field '" + expected + "' not named: " + e.getMessage());
        }));
    }

    private static final Pattern LINE_COL = Pattern.compile("^[^:]+:\\d+:\\d+: .+");

    @TestFactory
    Stream<DynamicTest> invalidSourcesAreRejectedWithLineAndColumn() {
        return files("invalid_").stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            MalformedProgramException e = assertThrows(MalformedProgramException.class,
                    () -> DataCase.read(f).program());
            assertTrue(LINE_COL.matcher(e.getMessage()).matches(), "no file:line:col: " + e.getMessage());
        }));
    }
}
