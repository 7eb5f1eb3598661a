package io.github.bpf4j.cli;

import io.github.bpf4j.vm.BpfFault;
import io.github.bpf4j.vm.Engine;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.RunInput;
import io.github.bpf4j.vm.RunResult;
import io.github.bpf4j.vm.elf.ElfObject;
import io.github.bpf4j.vm.elf.ElfProgram;
import io.github.bpf4j.vm.elf.ElfReader;
import io.github.bpf4j.vm.elf.LoadedObject;
import io.github.bpf4j.vm.elf.SourceLine;
import io.github.bpf4j.vm.maps.BpfMap;
import io.github.bpf4j.vm.maps.MapType;
import io.github.bpf4j.vm.maps.PerfEventArrayMap;
import io.github.bpf4j.vm.maps.RingBufferMap;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code bpf4j run prog.o}: loads every program of the object on one set of maps, runs the chosen
 * one on a packet (and context), and prints r0, trace_printk lines, ringbuf and perf event
 * records, and with {@code --maps} the maps' non-zero contents. A fault names the source line
 * when the object has BTF line info.
 */
final class ObjectRun {
    private static final HexFormat HEX = HexFormat.of();

    private ObjectRun() {}

    static void run(Path path, String section, Engine engine, LoadOptions options, RunInput input, boolean maps,
                    boolean json, PrintWriter out, PrintWriter err) {
        ElfObject object = ElfReader.read(path);
        ElfProgram program = section != null ? object.program(section) : sole(object, path);
        StringBuilder trace = new StringBuilder();
        LoadOptions withTrace = options.withTrace(line -> {
            trace.append(line).append('\n');
            if (!json) {
                out.println("trace: " + line);
            }
        });
        try (LoadedObject loaded = object.load(engine, withTrace)) {
            RunResult result;
            try {
                result = loaded.program(program.name()).runOn(input);
            } catch (BpfFault f) {
                SourceLine line = program.sourceLine(f.pc());
                if (line != null) {
                    err.println("bpf4j: pc " + f.pc() + " is " + line);
                }
                throw f;
            }
            if (json) {
                out.printf("{\"r0\": \"0x%x\", \"insns\": %s, \"program\": \"%s\", \"trace\": \"%s\"}%n", result.r0(),
                        result.instructions() < 0 ? "null" : Long.toString(result.instructions()), program,
                        trace.toString().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"));
            } else {
                out.printf("%s: r0 = 0x%x (%d)%n", program, result.r0(), result.r0());
                out.printf("instructions: %s%n", result.instructions() < 0 ? "unknown" : Long.toString(result.instructions()));
                records(loaded, object, out);
                if (maps) {
                    printMaps(loaded, object, out);
                }
            }
            out.flush();
        }
    }

    private static ElfProgram sole(ElfObject object, Path path) {
        List<ElfProgram> programs = object.programs();
        if (programs.size() == 1) {
            return programs.get(0);
        }
        throw new io.github.bpf4j.vm.BpfException(path + ": the object holds " + programs.size()
                + " programs, name one with --section (" + programs.stream().map(ElfProgram::toString)
                .collect(java.util.stream.Collectors.joining(", ")) + ")");
    }

    private static void records(LoadedObject loaded, ElfObject object, PrintWriter out) {
        for (int i = 0; i < object.maps().size(); i++) {
            BpfMap map = loaded.maps().get(i);
            String name = object.maps().get(i).name();
            if (map instanceof RingBufferMap ring) {
                for (byte[] record : ring.poll()) {
                    out.println("ringbuf " + name + ": " + HEX.formatHex(record));
                }
            } else if (map instanceof PerfEventArrayMap perf) {
                for (PerfEventArrayMap.Sample s : perf.poll()) {
                    out.println("perf " + name + "[" + s.index() + "]: " + HEX.formatHex(s.data()));
                }
            }
        }
    }

    /** Each map's elements whose value is not all zeroes (for arrays, the touched ones). */
    private static void printMaps(LoadedObject loaded, ElfObject object, PrintWriter out) {
        for (int i = 0; i < object.maps().size(); i++) {
            var spec = object.maps().get(i);
            BpfMap map = loaded.maps().get(i);
            int type = spec.type();
            if (type == MapType.RINGBUF || type == MapType.PERF_EVENT_ARRAY || type == MapType.PROG_ARRAY
                    || type == MapType.QUEUE || type == MapType.STACK) {
                continue;
            }
            out.printf("map %s (%s, key %d, value %d, max_entries %d):%n", spec.name(), MapType.name(type),
                    spec.keySize(), spec.valueSize(), spec.maxEntries());
            for (byte[] key : map.keys()) {
                byte[] value = map.lookup(key);
                if (value != null && !allZero(value)) {
                    out.println("  " + HEX.formatHex(key) + ": " + HEX.formatHex(value));
                }
            }
        }
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
