package io.github.bpf4j.cli;

import io.github.bpf4j.vm.Engine;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramType;
import io.github.bpf4j.vm.classic.ClassicInterpreter;
import io.github.bpf4j.vm.classic.ClassicProgram;
import io.github.bpf4j.vm.classic.ClassicTranslator;
import io.github.bpf4j.vm.classic.PacketMetadata;
import io.github.bpf4j.vm.pcap.CapturedPacket;

/**
 * A filter over captured frames: a classic program on the classic interpreter, or an eBPF
 * program (a classic one translated) on an eBPF engine. A frame matches when the result is not 0.
 */
abstract class PacketFilter implements AutoCloseable {
    /** What the filter returns for one frame (a socket filter: bytes to keep, 0 = drop). */
    abstract long apply(CapturedPacket packet);

    @Override
    public void close() {
    }

    /** The classic program on the classic interpreter. */
    static PacketFilter classic(ClassicProgram program) {
        ClassicInterpreter interpreter = new ClassicInterpreter(1);
        return new PacketFilter() {
            @Override
            long apply(CapturedPacket packet) {
                return interpreter.filter(program, packet.data(), PacketMetadata.of(packet));
            }
        };
    }

    /** A classic program translated to eBPF, on {@code engine}. */
    static PacketFilter translated(ClassicProgram program, Engine engine, LoadOptions options) {
        return ebpf(ClassicTranslator.translate(program), engine, options);
    }

    /** An eBPF program on {@code engine}; the frame is its packet (raw type: its memory). */
    static PacketFilter ebpf(Program program, Engine engine, LoadOptions options) {
        LoadedProgram loaded = engine.load(program, options);
        ProgramType type = program.type();
        return new PacketFilter() {
            @Override
            long apply(CapturedPacket packet) {
                return loaded.run(frameFor(type, packet.data())).r0();
            }

            @Override
            public void close() {
                loaded.close();
            }
        };
    }

    /** The packet a run of {@code type} gets for a captured frame (socket filters: see the translator). */
    static byte[] frameFor(ProgramType type, byte[] frame) {
        return type == ProgramType.SOCKET_FILTER || type == ProgramType.CGROUP_SKB
                ? ClassicTranslator.socketFilterInput(frame) : frame;
    }
}
