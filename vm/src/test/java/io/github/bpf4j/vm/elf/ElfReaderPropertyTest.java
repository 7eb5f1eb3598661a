package io.github.bpf4j.vm.elf;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Interpreter;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.RunInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Random and mutated objects only ever raise {@link BpfException}s from the reader (and from loading and one run). */
class ElfReaderPropertyTest {
    private static final List<String> OBJECTS = List.of("globals.o", "tail_calls.o", "xdp_firewall.o", "loop_sum.o",
            "helpers.o", "connect4_lb.o", "core_xdp.o", "user_helper.o", "skb_fields.o",
            "packet_counter.o", "latency_hist.o", "ringbuf_events.o", "ld_abs_filter.o");

    static byte[] bytesOf(String name) {
        try {
            return Files.readAllBytes(Path.of(System.getProperty("bpf4j.corpus.dir"), "elf", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 1000)
    void randomBytesRaiseOnlyBpfExceptions(@ForAll @Size(max = 512) byte[] bytes) {
        readAndRun(bytes);
    }

    /** A real object with a few bytes overwritten, or cut short. */
    @Provide
    Arbitrary<byte[]> mutatedObjects() {
        Arbitrary<String> file = Arbitraries.of(OBJECTS);
        Arbitrary<List<Integer>> positions = Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMinSize(1).ofMaxSize(8);
        Arbitrary<Byte> value = Arbitraries.bytes();
        Arbitrary<Integer> cut = Arbitraries.integers().between(0, 100);
        return Combinators.combine(file, positions, value, cut).as((f, where, v, c) -> {
            byte[] b = bytesOf(f);
            for (int p : where) {
                b[p % b.length] = v;
            }
            if (c < 10) {
                b = java.util.Arrays.copyOf(b, b.length * c / 10);
            }
            return b;
        });
    }

    @Property(tries = 1500)
    void mutatedObjectsRaiseOnlyBpfExceptions(@ForAll("mutatedObjects") byte[] bytes) {
        readAndRun(bytes);
    }

    private static void readAndRun(byte[] bytes) {
        try {
            ElfObject object = ElfReader.read(bytes, "fuzz.o");
            try (LoadedObject loaded = object.load(new Interpreter(), LoadOptions.defaults().withBudget(100_000))) {
                for (ElfProgram p : object.programs()) {
                    loaded.program(p.name()).runOn(RunInput.packet(new byte[60]));
                }
            }
        } catch (BpfException expected) {
            // a clear refusal is the point
        }
    }
}
