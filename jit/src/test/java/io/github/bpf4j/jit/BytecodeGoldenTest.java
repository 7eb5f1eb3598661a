package io.github.bpf4j.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bpf4j.vm.Assembler;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.Program;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Snapshots of {@link JitCompiler#bytecodeText} (what {@code bpf4j disasm --jvm} prints) for a
 * few small programs in {@code golden/}, one of them specialised on the verifier's facts: a change
 * to the generated code shows up here and must be looked at before the snapshot is updated.
 */
class BytecodeGoldenTest {
    @ParameterizedTest
    @CsvSource({"loop, 0", "memory, 0", "call, 1000"})
    void bytecodeMatchesSnapshot(String name, long budget) throws IOException {
        LoadOptions options = budget == 0 ? LoadOptions.defaults() : LoadOptions.defaults().withBudget(budget);
        String text = JitCompiler.bytecodeText(Assembler.assembleProgram(resource(name + ".s")), options);
        assertEquals(resource(name + ".txt"), text);
    }

    /** The specialised code of {@code facts.s}, verified for 8 bytes of input. */
    @Test
    void specialisedBytecodeMatchesSnapshot() throws IOException {
        Program program = Assembler.assembleProgram(resource("facts.s"));
        LoadOptions options = LoadOptions.defaults().withFacts(VerifiedLoads.facts(program, new byte[8]));
        assertEquals(resource("facts.txt"), JitCompiler.bytecodeText(program, options));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = BytecodeGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IOException("missing golden file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
