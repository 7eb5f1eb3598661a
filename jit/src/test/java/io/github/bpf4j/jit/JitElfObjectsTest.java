package io.github.bpf4j.jit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import io.github.bpf4j.testdata.ElfObjectCases;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The ELF object corpus (maps, helpers, contexts, tail calls, bpf_loop callbacks) on the JIT. */
class JitElfObjectsTest {
    @TestFactory
    Stream<DynamicTest> objects() {
        return ElfObjectCases.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> assertDoesNotThrow(() -> c.run(new JitEngine()), c.name())));
    }
}
