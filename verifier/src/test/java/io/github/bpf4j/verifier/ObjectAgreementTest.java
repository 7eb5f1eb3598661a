package io.github.bpf4j.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bpf4j.kernel.KernelEngine;
import io.github.bpf4j.kernel.KernelProgram;
import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.VerifierException;
import io.github.bpf4j.vm.elf.ElfObject;
import io.github.bpf4j.vm.elf.ElfProgram;
import io.github.bpf4j.vm.elf.ElfReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every program of the clang objects in {@code corpus/elf} whose type the verifier knows gets
 * the kernel's verdict and the kernel's count of processed instructions, asked live.
 */
class ObjectAgreementTest {
    private static final Pattern PROCESSED = Pattern.compile("processed (\\d+) insns");

    @TestFactory
    Stream<DynamicTest> everyObjectProgramGetsTheKernelsVerdictAndCount() {
        KernelLoader.assumeAvailable();
        KernelEngine kernel = new KernelEngine();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : objects()) {
            ElfObject object;
            try {
                object = ElfReader.read(file);
            } catch (BpfException e) {
                // e.g. CO-RE relocations against kernel types bpf4j does not have: nothing to verify
                tests.add(DynamicTest.dynamicTest(file.getFileName() + " (unreadable)",
                        () -> Assumptions.abort("the object cannot be loaded: " + e.getMessage())));
                continue;
            }
            for (ElfProgram p : object.programs()) {
                Program program = p.program();
                if (!Verifier.supports(program.type())) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(file.getFileName() + " " + p.section(), () -> {
                    Verdict ours = Verifier.verify(program, new VerifierOptions(program.type(), 0, 0, false));
                    String log;
                    boolean accepted;
                    try {
                        log = kernel.verifierLog(program, 0, KernelProgram.LOG_BASIC);
                        accepted = true;
                    } catch (VerifierException e) {
                        log = e.log();
                        accepted = false;
                    }
                    Matcher m = PROCESSED.matcher(log);
                    assertEquals(accepted, ours.accepted(), () -> "verdict; ours: " + ours.error());
                    assertEquals(m.find() ? Integer.parseInt(m.group(1)) : -1, ours.statistics().insnsProcessed(),
                            "processed instructions");
                }));
            }
        }
        return tests.stream();
    }

    private static List<Path> objects() {
        Path dir = VerifierCase.corpusDir().resolveSibling("elf");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".o")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
