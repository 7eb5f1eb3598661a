package io.github.bpf4j.benchmarks;

import io.github.bpf4j.vm.Engines;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import io.github.bpf4j.vm.classic.ClassicInterpreter;
import io.github.bpf4j.vm.classic.ClassicProgram;
import io.github.bpf4j.vm.classic.ClassicTranslator;
import io.github.bpf4j.vm.classic.PacketMetadata;
import io.github.bpf4j.vm.pcap.CapturedPacket;
import io.github.bpf4j.vm.pcap.PcapReader;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ns per packet of the {@code tcp dst port 80} filter (tcpdump -ddd output in the corpus) over the packets of
 * the synthetic capture, on the classic interpreter and translated to eBPF on an engine
 * ({@code -p engine=jit} once the JIT is on the class path). The corpus directory comes from
 * {@code -Dbpf4j.corpus.dir}, default {@code testdata/corpus}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ClassicFilterBenchmark {
    @Param({"interpreter"})
    public String engine;

    private ClassicProgram program;
    private ClassicInterpreter classic;
    private LoadedProgram translated;
    private byte[][] packets;
    private PacketMetadata[] metadata;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Path corpus = Path.of(System.getProperty("bpf4j.corpus.dir", "testdata/corpus"));
        program = ClassicProgram.read(corpus.resolve("classic/filters/tcp-dst-port-80.ddd"));
        classic = new ClassicInterpreter(0);
        translated = Engines.byName(engine).load(ClassicTranslator.translate(program), LoadOptions.defaults());
        List<CapturedPacket> capture = PcapReader.read(corpus.resolve("classic/captures/synthetic.pcap"));
        packets = new byte[capture.size()][];
        metadata = new PacketMetadata[capture.size()];
        for (int i = 0; i < capture.size(); i++) {
            packets[i] = capture.get(i).data();
            metadata[i] = PacketMetadata.of(capture.get(i));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        translated.close();
    }

    private int nextPacket() {
        int i = next;
        next = i + 1 == packets.length ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public long classicInterpreter() {
        int i = nextPacket();
        return classic.filter(program, packets[i], metadata[i]);
    }

    @Benchmark
    public long translated() {
        return translated.run(packets[nextPacket()]).r0();
    }
}
