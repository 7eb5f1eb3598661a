package io.github.bpf4j.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.testdata.Corpus;
import io.github.bpf4j.testdata.DataCase;
import io.github.bpf4j.testdata.RandomPrograms;
import io.github.bpf4j.testdata.VerifiablePrograms;
import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.Program;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/** Generated classes pass ASM's CheckClassAdapter (structure and data-flow verification). */
class GeneratedClassCheckTest {
    static String problems(byte[] bytes) {
        StringWriter out = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(bytes), GeneratedClassCheckTest.class.getClassLoader(), false,
                new PrintWriter(out));
        return out.toString();
    }

    static void check(Program program, LoadOptions options, int chunkBytes) {
        assertEquals("", problems(JitCompiler.compile(program, options, chunkBytes, -1).bytes()));
    }

    @TestFactory
    Stream<DynamicTest> conformancePrograms() {
        return Corpus.dataFiles(Corpus.conformanceDir().resolve("tests")).stream()
                .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                    Program program;
                    try {
                        program = DataCase.read(f).program();
                    } catch (BpfException malformed) {
                        return; // cases that expect an assembly or decoding error
                    }
                    checkAllWays(program);
                }));
    }

    private static void checkAllWays(Program program) {
        try {
            JitCompiler.compile(program, LoadOptions.defaults());
        } catch (BpfException unsupported) {
            return; // e.g. maps: refused at load time
        }
        check(program, LoadOptions.defaults(), CodeLayout.DEFAULT_CHUNK_BYTES);
        check(program, LoadOptions.defaults().withBudget(1000), CodeLayout.DEFAULT_CHUNK_BYTES);
        check(program, LoadOptions.defaults().withBudget(1000), 100);
    }

    /** The check itself finds a broken method (an int returned where a long is due). */
    @Test
    void checkFindsABrokenMethod() {
        org.objectweb.asm.ClassWriter cw = new org.objectweb.asm.ClassWriter(0);
        cw.visit(org.objectweb.asm.Opcodes.V17, 0, "Broken", null, "java/lang/Object", null);
        var mv = cw.visitMethod(org.objectweb.asm.Opcodes.ACC_STATIC, "f", "()J", null, null);
        mv.visitCode();
        mv.visitInsn(org.objectweb.asm.Opcodes.ICONST_0);
        mv.visitInsn(org.objectweb.asm.Opcodes.LRETURN);
        mv.visitMaxs(2, 0);
        mv.visitEnd();
        cw.visitEnd();
        org.junit.jupiter.api.Assertions.assertFalse(problems(cw.toByteArray()).isEmpty());
    }

    @Test
    void randomPrograms() {
        for (long seed = 0; seed < 200; seed++) {
            checkAllWays(RandomPrograms.generate(seed).program());
        }
    }

    /** Classes specialised on the verifier's facts (packet array, frame checks, slots in locals). */
    @Test
    void verifiedProgramsWithFacts() {
        for (long seed = 0; seed < 100; seed++) {
            RandomPrograms.Case c = VerifiablePrograms.generate(seed);
            LoadOptions options = LoadOptions.defaults().withFacts(VerifiedLoads.facts(c.program(), c.input()));
            assertTrue(JitCompiler.compile(c.program(), options).specialisedAccesses() > 0, "seed " + seed);
            check(c.program(), options, CodeLayout.DEFAULT_CHUNK_BYTES);
            check(c.program(), options.withBudget(1000), CodeLayout.DEFAULT_CHUNK_BYTES);
            check(c.program(), options.withBudget(1000), 100);
        }
    }

    @Test
    void largeProgramWithConstantTables() {
        Program program = Program.of(LargeProgramTest.program(JitCompiler.TABLE_CONSTANTS_ABOVE / 4 + 100));
        check(program, LoadOptions.defaults(), CodeLayout.DEFAULT_CHUNK_BYTES);
    }

}
