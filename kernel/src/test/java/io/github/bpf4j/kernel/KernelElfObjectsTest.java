package io.github.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bpf4j.testdata.ElfObjectCases;
import io.github.bpf4j.vm.Interpreter;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.RunInput;
import io.github.bpf4j.vm.RunResult;
import io.github.bpf4j.vm.elf.ElfObject;
import io.github.bpf4j.vm.elf.ElfProgram;
import io.github.bpf4j.vm.elf.LoadedObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The ELF objects the kernel can test-run (xdp, tc, socket), live: the same expectations as the
 * other engines (r0 and map contents), and per program the same r0 and packet as the interpreter.
 */
class KernelElfObjectsTest {
    @TestFactory
    Stream<DynamicTest> expectationsHoldInTheKernel() {
        return ElfObjectCases.all().stream().filter(ElfObjectCases.Case::kernel)
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    KernelRequirement.requireKernel();
                    c.run(KernelRequirement.ENGINE);
                }));
    }

    @TestFactory
    Stream<DynamicTest> sameR0AndPacketAsTheInterpreter() {
        List<byte[]> packets = List.of(ElfObjectCases.ipv4(60, 6, 10, 0, 0, 2, 80),
                ElfObjectCases.ipv4(98, 17, 10, 1, 2, 3, 53), ElfObjectCases.ethernet(64, 0x86dd),
                ElfObjectCases.ethernet(14, 0x0806));
        return ElfObjectCases.all().stream().filter(ElfObjectCases.Case::kernel)
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    KernelRequirement.requireKernel();
                    ElfObject object = c.elf();
                    try (LoadedObject kernel = object.load(KernelRequirement.ENGINE, LoadOptions.defaults());
                         LoadedObject interpreter = object.load(new Interpreter(), LoadOptions.defaults())) {
                        for (ElfProgram p : object.programs()) {
                            for (byte[] packet : packets) {
                                RunResult k = kernel.program(p.name()).runOn(RunInput.packet(packet));
                                RunResult i = interpreter.program(p.name()).runOn(RunInput.packet(packet));
                                String what = p + " on " + packet.length + " bytes";
                                assertEquals(k.r0(), i.r0(), what + ": r0");
                                assertArrayEquals(k.memory(), i.memory(), what + ": packet");
                            }
                        }
                        for (int m = 0; m < object.maps().size(); m++) {
                            if (object.maps().get(m).type() == io.github.bpf4j.vm.maps.MapType.PROG_ARRAY) {
                                continue; // holds programs, not values
                            }
                            var km = kernel.maps().get(m);
                            var im = interpreter.maps().get(m);
                            for (byte[] key : km.keys()) {
                                assertArrayEquals(km.lookup(key), im.lookup(key), "map " + object.maps().get(m).name());
                            }
                        }
                    }
                }));
    }
}
