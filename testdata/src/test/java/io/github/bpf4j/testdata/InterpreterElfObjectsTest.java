package io.github.bpf4j.testdata;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import io.github.bpf4j.vm.Interpreter;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The ELF object corpus on the interpreter. */
class InterpreterElfObjectsTest {
    @TestFactory
    Stream<DynamicTest> objects() {
        return ElfObjectCases.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> assertDoesNotThrow(() -> c.run(new Interpreter()), c.name())));
    }
}
