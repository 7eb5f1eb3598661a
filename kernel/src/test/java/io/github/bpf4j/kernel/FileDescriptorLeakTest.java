package io.github.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.bpf4j.vm.Assembler;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.VerifierException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every file descriptor the engine opens is closed again, also when the kernel says no. */
class FileDescriptorLeakTest {
    private static final KernelEngine ENGINE = KernelRequirement.ENGINE;

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void tenThousandProgramsLoadRunAndCloseWithoutLeaking() throws IOException {
        KernelRequirement.requireKernel();
        Program program = Assembler.assembleProgram("ldxb r0, [r1+1]\nadd r0, r2\nexit");
        Program rejected = Assembler.assembleProgram("ldxb r0, [r1+8]\nexit");
        byte[] memory = {5, 6, 7};
        runOnce(program, memory); // the first use loads native libraries, which may open files
        long before = openDescriptors();
        for (int i = 0; i < 10_000; i++) {
            assertEquals(9, runOnce(program, memory));
            if (i % 100 == 0) {
                assertThrows(VerifierException.class, () -> runOnce(rejected, memory));
            }
        }
        assertEquals(before, openDescriptors());
    }

    private static long runOnce(Program program, byte[] memory) {
        try (KernelLoadedProgram loaded = ENGINE.load(program, LoadOptions.defaults())) {
            return loaded.run(memory).r0();
        }
    }
}
