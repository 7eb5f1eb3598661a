package io.github.bpf4j.vm.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bpf4j.vm.Interpreter;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The classic interpreter and the translated program on the eBPF interpreter agree. */
class TranslationProperties {

    @Property(tries = 2000)
    void translatedFilterAgreesWithTheClassicInterpreter(@ForAll long programSeed, @ForAll long packetSeed) {
        ClassicProgram classic = RandomFilters.generate(programSeed);
        try (LoadedProgram ebpf = new Interpreter().load(ClassicTranslator.translate(classic), LoadOptions.defaults())) {
            for (int i = 0; i < 4; i++) {
                byte[] packet = RandomFilters.packet(packetSeed + i);
                long expected = ClassicInterpreter.run(classic, packet, PacketMetadata.ethernet(packet));
                assertEquals(expected, ebpf.run(ClassicTranslator.socketFilterInput(packet)).r0(), () -> "packet " + java.util.HexFormat.of().formatHex(packet)
                        + "\n" + ClassicDisassembler.format(classic));
            }
        }
    }
}
