package io.github.bpf4j.cli;

import io.github.bpf4j.vm.Engine;
import io.github.bpf4j.vm.classic.ClassicProgram;
import io.github.bpf4j.vm.pcap.CapturedPacket;
import io.github.bpf4j.vm.pcap.PcapReader;
import java.util.List;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import io.github.bpf4j.vm.RunInput;
import io.github.bpf4j.vm.RunResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bpf4j run PROGRAM}: runs a program once and prints r0. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a program once and print r0 and the number of instructions executed.")
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PROGRAM", description = "Program file: .bin, .hex, .s/.asm, .data or .o (ELF).")
    Path program;

    @Mixin
    EngineOption engine;

    @Mixin
    MemoryOption memory;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(names = "--pcap", description = "Run the program as a filter over every packet of this pcap or pcapng file; print the matches.")
    Path pcap;

    @Option(names = "--count", description = "With --pcap: print only the number of matching packets.")
    boolean count;

    @Option(names = "--no-verify", description = "Run without verifying first (the memory model still catches bad accesses).")
    boolean noVerify;

    @Option(names = "--section", description = "For an ELF object: the program, by section or function name.")
    String section;

    @Option(names = "--maps", description = "For an ELF object: print the maps' non-zero elements after the run.")
    boolean maps;

    @Option(names = "--ctx-file", description = "Context bytes (kprobe pt_regs, tracepoint record, bpf_sock_addr, ...).")
    Path contextFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LoadOptions options = LoadOptions.defaults();
        if (engine.budget != null) {
            options = options.withBudget(engine.budget);
        }
        if (program.getFileName().toString().endsWith(".o")) {
            RunInput input = new RunInput(memory.memory(null), contextFile == null ? null : ProgramFile.bytes(contextFile));
            ObjectRun.run(program, section, engine.engine(), options, input, maps, json,
                    spec.commandLine().getOut(), spec.commandLine().getErr());
            return Main.OK;
        }
        if (ClassicProgram.isClassicFile(program)) {
            return runClassic(options);
        }
        if (pcap != null) {
            ProgramFile file = ProgramFile.read(program, engine.type());
            try (PacketFilter filter = PacketFilter.ebpf(file.program(), engine.engine(), options)) {
                return filterCapture(filter);
            }
        }
        Engine chosen = engine.engine();
        ProgramFile file = ProgramFile.read(program, engine.type());
        byte[] input = memory.memory(file.memory());
        if (!noVerify) {
            options = options.withFacts(Verification.verifyForRun(file.program(), input, spec.commandLine().getErr()));
        }
        RunResult result;
        try (LoadedProgram loaded = chosen.load(file.program(), options)) {
            result = loaded.run(input);
        }
        var out = spec.commandLine().getOut();
        String insns = result.instructions() < 0 ? "null" : Long.toString(result.instructions());
        if (json) {
            out.printf("{\"r0\": \"0x%x\", \"insns\": %s, \"engine\": \"%s\"}%n", result.r0(), insns, engine.name());
        } else {
            out.printf("r0 = 0x%x (%d)%n", result.r0(), result.r0());
            out.printf("instructions: %s%n", result.instructions() < 0 ? "unknown" : insns);
        }
        out.flush();
        return Main.OK;
    }

    /** A classic filter (.ddd, .dd, .cbpf): on the classic interpreter, or translated to eBPF on --engine. */
    private int runClassic(LoadOptions options) {
        ClassicProgram classic = ClassicProgram.read(program);
        boolean onClassic = engine.engine == null || engine.engine.equals("classic");
        try (PacketFilter filter = onClassic ? PacketFilter.classic(classic)
                : PacketFilter.translated(classic, engine.engine(), options)) {
            if (pcap != null) {
                return filterCapture(filter);
            }
            byte[] frame = memory.memory(new byte[0]);
            long kept = filter.apply(new CapturedPacket(0, 0, 0, frame.length, 1, frame));
            var out = spec.commandLine().getOut();
            if (json) {
                out.printf("{\"r0\": \"0x%x\", \"insns\": null, \"engine\": \"%s\"}%n", kept,
                        onClassic ? "classic" : engine.name());
            } else {
                out.printf("r0 = 0x%x (%d): %s%n", kept, kept, kept == 0 ? "drop" : "keep " + kept + " bytes");
            }
            out.flush();
            return Main.OK;
        }
    }

    /** Runs a filter over the capture; prints each match (or only their number). */
    private int filterCapture(PacketFilter filter) {
        List<CapturedPacket> packets = PcapReader.read(pcap);
        var out = spec.commandLine().getOut();
        int matches = 0;
        for (CapturedPacket p : packets) {
            long result = filter.apply(p);
            if (result != 0) {
                matches++;
                if (!count) {
                    out.printf("%d %s %d bytes (captured %d), filter returned %d%n", p.index() + 1, p.timestamp(),
                            p.originalLength(), p.capturedLength(), result);
                }
            }
        }
        if (count) {
            out.println(matches);
        } else {
            out.printf("%d of %d packets matched%n", matches, packets.size());
        }
        out.flush();
        return Main.OK;
    }
}
