package io.github.bpf4j.vm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Random bytes never make the decoder or the interpreter throw anything but a
 * {@link BpfException}, and never hang (the runs have a budget).
 */
class RandomBytesPropertyTest {
    @Property(tries = 2000)
    void decoderRaisesOnlyBpfExceptions(@ForAll @Size(max = 128) byte[] bytes) {
        try {
            Program.fromBytes(bytes);
        } catch (BpfException e) {
            assertTrue(e instanceof MalformedProgramException, e.toString());
        }
    }

    /** Slots biased towards valid opcodes and small registers, so many programs decode and run. */
    @Provide
    Arbitrary<long[]> plausibleSlots() {
        Arbitrary<Long> slot = Arbitraries.longs().map(v -> {
            long regs = (v >>> 8) & 0x99; // registers 0..9
            return (v & ~0xff00L) | regs << 8;
        });
        return slot.array(long[].class).ofMinSize(1).ofMaxSize(24);
    }

    @Property(tries = 3000)
    void interpreterRaisesOnlyBpfExceptions(@ForAll("plausibleSlots") long[] slots,
                                            @ForAll @Size(max = 64) byte[] input) {
        Program program;
        try {
            program = Program.of(ProgramType.RAW, slots, java.util.List.of());
        } catch (MalformedProgramException e) {
            return;
        }
        try (LoadedProgram p = new Interpreter().load(program, LoadOptions.defaults().withBudget(10_000))) {
            p.run(input);
        } catch (BpfException e) {
            // a fault, a budget stop or a load error: all fine
        }
    }

    @Property(tries = 3000, edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
    void interpreterRunsDecodableOpcodes(@ForAll("validOpcodePrograms") long[] slots) {
        Program program;
        try {
            program = Program.of(ProgramType.RAW, slots, java.util.List.of());
        } catch (MalformedProgramException e) {
            return;
        }
        try (LoadedProgram p = new Interpreter().load(program, LoadOptions.defaults().withBudget(10_000))) {
            p.run(new byte[16]);
        } catch (BpfException e) {
            // faults are fine; JDK exceptions are not
        }
    }

    /** Programs built from opcodes that exist, with random fields, ending in exit. */
    @Provide
    Arbitrary<long[]> validOpcodePrograms() {
        int[] opcodes = java.util.stream.IntStream.range(0, 256).filter(op -> {
            try {
                Decoder.check(new Instruction(op, 0, 0, 0, 0), 0);
                return true;
            } catch (MalformedProgramException e) {
                return op == 0x0f || op == 0xbf || op == 0xdb || op == 0xc3 || op == 0xd4 || op == 0xdc;
            }
        }).toArray();
        Arbitrary<Long> slot = net.jqwik.api.Combinators.combine(
                Arbitraries.of(java.util.Arrays.stream(opcodes).boxed().toList()),
                Arbitraries.integers().between(0, 10), Arbitraries.integers().between(0, 10),
                Arbitraries.integers().between(-4, 4),
                Arbitraries.oneOf(Arbitraries.integers().between(-70, 70),
                        Arbitraries.of(16, 32, 64, 1, 0xe1, 0xf1, 0x41), Arbitraries.integers()))
                .as((op, dst, src, off, imm) -> new Instruction(op, dst, src, off, imm).toSlot());
        return slot.array(long[].class).ofMinSize(1).ofMaxSize(20)
                .map(a -> {
                    long[] withExit = java.util.Arrays.copyOf(a, a.length + 1);
                    withExit[a.length] = new Instruction(0x95, 0, 0, 0, 0).toSlot();
                    return withExit;
                });
    }
}
