package io.github.bpf4j.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bpf4j.vm.Engines;
import io.github.bpf4j.vm.HelperPrototype;
import io.github.bpf4j.vm.Helpers;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.RunInput;
import io.github.bpf4j.vm.RunResult;
import io.github.bpf4j.vm.elf.ElfObject;
import io.github.bpf4j.vm.elf.ElfReader;
import io.github.bpf4j.vm.elf.LoadedObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's Java example, as written there (user_helper.o, a helper registered in Java, a map read back). */
class ReadmeExampleTest {
    @Test
    void loadRegisterRunRead() {
        List<Long> lengths = new ArrayList<>();
        byte[] packet = ElfObjectCases.ipv4(60, 6, 10, 0, 0, 2, 80);
        for (int run = 0; run < 2; run++) {
            // --- README ---
            ElfObject object = ElfReader.read(ElfObjectCases.path("user_helper.o"));
            Helpers helpers = Helpers.standard().with(1000,
                    HelperPrototype.of("classify", HelperPrototype.Return.INTEGER, HelperPrototype.Arg.ANYTHING),
                    (length, r2, r3, r4, r5, ctx) -> { lengths.add(length); return length >= 64 ? 1 : 0; });
            try (LoadedObject loaded = object.load(Engines.byName("interpreter"), LoadOptions.defaults().withHelpers(helpers))) {
                RunResult result = loaded.program("count_classes").runOn(RunInput.packet(packet));
                byte[] small = loaded.map("classes").lookup(new byte[] {0, 0, 0, 0});
                // --- end ---
                assertEquals(2, result.r0()); // XDP_PASS
                assertEquals(1, ByteBuffer.wrap(small).order(ByteOrder.LITTLE_ENDIAN).getLong());
            }
        }
        assertEquals(List.of(60L, 60L), lengths);
    }
}
