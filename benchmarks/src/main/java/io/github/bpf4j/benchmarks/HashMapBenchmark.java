package io.github.bpf4j.benchmarks;

import io.github.bpf4j.vm.Encoder;
import io.github.bpf4j.vm.Engines;
import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import io.github.bpf4j.vm.MapSpec;
import io.github.bpf4j.vm.Opcodes;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramType;
import io.github.bpf4j.vm.maps.BpfMap;
import io.github.bpf4j.vm.maps.BpfMaps;
import io.github.bpf4j.vm.maps.MapType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 1,000,000-entry hash map with 8-byte keys and values: lookup and update from Java and from a
 * program (map_lookup_elem + increment through the value pointer; map_update_elem), keys cycling
 * over all entries so the table does not sit in cache. {@link #main} prints the memory per entry.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HashMapBenchmark {
    static final int ENTRIES = 1_000_000;
    static final MapSpec SPEC = new MapSpec("bench", MapType.HASH, 8, 8, ENTRIES, 0);

    @Param({"interpreter"})
    public String engine;

    private BpfMap map;
    private LoadedProgram lookup;
    private LoadedProgram update;
    private byte[][] inputs;
    private byte[] key = new byte[8];
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        map = filled();
        LoadOptions options = LoadOptions.defaults().withMaps(List.of(map));
        lookup = Engines.byName(engine).load(lookupProgram(), options);
        update = Engines.byName(engine).load(updateProgram(), options);
        inputs = new byte[4096][];
        for (int i = 0; i < inputs.length; i++) {
            long k = (i * 2_654_435_761L) % ENTRIES;
            inputs[i] = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(k).putLong(i).array();
        }
    }

    static BpfMap filled() {
        BpfMap m = BpfMaps.create(SPEC);
        ByteBuffer k = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < ENTRIES; i++) {
            k.putLong(0, i);
            m.update(k.array(), k.array(), BpfMap.BPF_NOEXIST);
        }
        return m;
    }

    private byte[] nextInput() {
        next = (next + 1) & (inputs.length - 1);
        return inputs[next];
    }

    /** r2 = key in the input; lookup; if found, *value += 1 and return 1. */
    static Program lookupProgram() {
        return program(
                new Instruction(0xbf, 2, 1, 0, 0),
                new Instruction(0x18, 1, Opcodes.PSEUDO_MAP_FD, 0, 0), new Instruction(0, 0, 0, 0, 0),
                new Instruction(0x85, 0, 0, 0, 1),
                new Instruction(0x15, 0, 0, 4, 0),
                new Instruction(0x79, 1, 0, 0, 0),
                new Instruction(0x07, 1, 0, 0, 1),
                new Instruction(0x7b, 0, 1, 0, 0),
                new Instruction(0xb7, 0, 0, 0, 1),
                new Instruction(0x95, 0, 0, 0, 0));
    }

    /** map_update_elem(map, input, input + 8, BPF_ANY). */
    static Program updateProgram() {
        return program(
                new Instruction(0xbf, 2, 1, 0, 0),
                new Instruction(0xbf, 3, 1, 0, 0),
                new Instruction(0x07, 3, 0, 0, 8),
                new Instruction(0xb7, 4, 0, 0, 0),
                new Instruction(0x18, 1, Opcodes.PSEUDO_MAP_FD, 0, 0), new Instruction(0, 0, 0, 0, 0),
                new Instruction(0x85, 0, 0, 0, 2),
                new Instruction(0x95, 0, 0, 0, 0));
    }

    private static Program program(Instruction... insns) {
        return Program.of(ProgramType.RAW, Encoder.encode(List.of(insns)), List.of(SPEC));
    }

    @Benchmark
    public long programLookup() {
        return lookup.run(nextInput()).r0();
    }

    @Benchmark
    public long programUpdate() {
        return update.run(nextInput()).r0();
    }

    @Benchmark
    public byte[] javaLookup() {
        return map.lookup(java.util.Arrays.copyOf(nextInput(), 8));
    }

    /** The engines' own path: no copies, the offset of the value in the map's slab. */
    @Benchmark
    public int javaLookupInPlace() {
        return map.lookupOffset(nextInput(), 0, 0);
    }

    @Benchmark
    public void javaUpdate() {
        byte[] in = nextInput();
        System.arraycopy(in, 0, key, 0, 8);
        map.update(key, java.util.Arrays.copyOfRange(in, 8, 16), BpfMap.BPF_ANY);
    }

    /** Prints the heap taken per entry by a full 1,000,000-entry map (keys and values 8 bytes). */
    public static void main(String[] args) {
        Runtime rt = Runtime.getRuntime();
        long before = used(rt);
        BpfMap m = filled();
        long after = used(rt);
        System.out.printf("1,000,000-entry hash map, 8-byte keys and values: %.1f bytes per entry (%d bytes)%n",
                (after - before) / (double) ENTRIES, after - before);
        System.out.println(m.keys().size() == ENTRIES ? "all entries present" : "entries missing");
    }

    private static long used(Runtime rt) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
