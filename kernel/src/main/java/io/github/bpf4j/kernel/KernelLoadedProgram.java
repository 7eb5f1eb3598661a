package io.github.bpf4j.kernel;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.LoadedProgram;
import io.github.bpf4j.vm.MapSpec;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramType;
import io.github.bpf4j.vm.RunResult;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Program} in the kernel, with the maps it declares. A raw program runs inside the
 * wrapper that {@link RawWrapper} describes (as XDP, or as sched_cls when it uses LD_ABS/LD_IND),
 * with the full 64-bit r0; since the wrapper proves the memory's length to the verifier, a raw
 * program is loaded once per memory length it is run with (the first run with a new length
 * verifies it). Other types are loaded once and run natively with their 32-bit return value.
 * Not thread-safe; {@link #close()} releases every file descriptor.
 */
public final class KernelLoadedProgram implements LoadedProgram {
    /** Loaded variants of a raw program kept open at once (one per memory length). */
    private static final int MAX_VARIANTS = 8;
    /** Extra room for a native packet program that grows its packet. */
    private static final int PACKET_GROWTH = 256;
    private static final byte[] RESULT_KEY = new byte[4];

    private final Program program;
    private final List<KernelMap> maps;
    private final RawWrapper wrapper;
    private final int[] fdArray;
    private final int logLevel;
    private final KernelMap result;
    private final Map<Integer, KernelProgram> variants;
    private final KernelProgram nativeProgram;
    /** Whether the maps were given at load (their owner closes them) rather than created here. */
    private boolean mapsGiven;
    private List<io.github.bpf4j.vm.maps.BpfMap> given = List.of();
    private boolean closed;

    private KernelLoadedProgram(Program program, List<KernelMap> maps, long[] slots, int[] fdArray, int logLevel,
                                KernelMap result, KernelProgram nativeProgram) {
        this.program = program;
        this.maps = List.copyOf(maps);
        this.fdArray = fdArray;
        this.wrapper = nativeProgram == null ? new RawWrapper(slots) : null;
        this.logLevel = logLevel;
        this.result = result;
        this.nativeProgram = nativeProgram;
        this.variants = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, KernelProgram> eldest) {
                if (size() > MAX_VARIANTS) {
                    eldest.getValue().close();
                    return true;
                }
                return false;
            }
        };
    }

    /**
     * Creates the program's maps and loads it. A raw program is verified now only when
     * {@code memorySize} is not negative (for that memory length), otherwise at its first run.
     */
    static KernelLoadedProgram load(Program program, int memorySize, int logLevel) {
        return load(program, memorySize, logLevel, List.of());
    }

    /** As {@link #load(Program, int, int)} on maps created by {@link KernelEngine#createMap} (none: create them). */
    static KernelLoadedProgram load(Program program, int memorySize, int logLevel,
                                    List<io.github.bpf4j.vm.maps.BpfMap> givenMaps) {
        List<KernelMap> maps = new ArrayList<>();
        KernelMap result = null;
        KernelLoadedProgram loaded = null;
        boolean mapsGiven = !givenMaps.isEmpty();
        if (mapsGiven && givenMaps.size() != program.maps().size()) {
            throw new BpfException("the program declares " + program.maps().size() + " maps but "
                    + givenMaps.size() + " were given");
        }
        for (io.github.bpf4j.vm.maps.BpfMap m : givenMaps) {
            if (!(m instanceof KernelBpfMap k)) {
                throw new BpfException("map '" + m.spec().name() + "' was not created by the kernel engine");
            }
            maps.add(k.kernelMap());
        }
        try {
            if (!mapsGiven) {
                for (MapSpec spec : program.maps()) {
                    maps.add(KernelMap.create(spec));
                }
            }
            int[] fdArray = maps.stream().mapToInt(KernelMap::fd).toArray();
            long[] slots = MapReferences.resolve(program, fdArray);
            if (program.type() == ProgramType.RAW) {
                result = KernelMap.create(new MapSpec("bpf4j_r0", 2, 4, 8, 1, 0));
                loaded = new KernelLoadedProgram(program, maps, slots, fdArray, logLevel, result, null);
                if (memorySize >= 0) {
                    loaded.kernelProgram(memorySize);
                }
            } else {
                KernelProgram p = KernelProgram.load(program.type().kernelId(), slots, fdArray, logLevel, 0, "",
                        program.btf());
                loaded = new KernelLoadedProgram(program, maps, slots, fdArray, logLevel, null, p);
            }
            loaded.mapsGiven = mapsGiven;
            loaded.given = List.copyOf(givenMaps);
            return loaded;
        } catch (RuntimeException e) {
            // Nothing the failed load opened may stay open.
            if (loaded != null) {
                loaded.close();
            } else if (!mapsGiven) {
                maps.forEach(KernelMap::close);
                if (result != null) {
                    result.close();
                }
            }
            throw e;
        }
    }

    public Program program() {
        return program;
    }

    /** The maps the program declares, in {@link Program#maps()} order (closed with the program). */
    public List<KernelMap> maps() {
        return maps;
    }

    /**
     * The program as the kernel holds it: for a raw program the wrapped variant for memory of
     * {@code memoryLength} bytes (loaded and verified now if it was not yet); for other types the
     * one program, whatever the length.
     */
    public KernelProgram kernelProgram(int memoryLength) {
        checkOpen();
        if (nativeProgram != null) {
            return nativeProgram;
        }
        if (memoryLength < 0 || memoryLength > RawWrapper.MAX_MEMORY) {
            throw new BpfException("the kernel engine runs raw programs with 0.." + RawWrapper.MAX_MEMORY
                    + " bytes of memory (a packet), not " + memoryLength);
        }
        KernelProgram variant = variants.get(memoryLength);
        if (variant == null) {
            RawWrapper.Wrapped wrapped = wrapper.wrap(memoryLength, result.fd());
            String context = " (raw program run as " + wrapper.type().cliName() + " with " + memoryLength
                    + " bytes of memory; the kernel's insn " + wrapped.programStart() + " is the program's pc 0)";
            variant = KernelProgram.load(wrapper.type().kernelId(), wrapped.slots(), fdArray, logLevel,
                    wrapped.programStart(), context);
            variants.put(memoryLength, variant);
        }
        return variant;
    }

    /** Runs once. A raw program sees r1 = a copy of {@code input} (0 when empty), r2 = its length. */
    @Override
    public RunResult run(byte[] input) {
        byte[] memory = input == null ? new byte[0] : input;
        if (nativeProgram == null) {
            KernelTestRun run = runRaw(memory, 1);
            long r0 = run.retval() == RawWrapper.PACKET_LOAD_ABORTED ? 0
                    : ByteBuffer.wrap(result.lookup(RESULT_KEY)).order(ByteOrder.LITTLE_ENDIAN).getLong();
            return new RunResult(r0, RunResult.UNKNOWN, Arrays.copyOf(run.dataOut(), memory.length));
        }
        KernelTestRun run = runNative(memory, 1);
        return new RunResult(Integer.toUnsignedLong(run.retval()), RunResult.UNKNOWN, run.dataOut());
    }

    /**
     * The kernel's own time per run: {@code BPF_PROG_TEST_RUN} with {@code repeat} repetitions
     * of {@code input}, and the average the kernel measured, in nanoseconds. For a raw program
     * this includes its wrapper (a few instructions, and a subprogram call when run as XDP).
     */
    public long nanosPerRun(byte[] input, int repeat) {
        if (repeat < 1) {
            throw new BpfException("repeat must be at least 1, is " + repeat);
        }
        byte[] memory = input == null ? new byte[0] : input;
        KernelTestRun run = nativeProgram == null ? runRaw(memory, repeat) : runNative(memory, repeat);
        return run.durationNanos();
    }

    private KernelTestRun runRaw(byte[] memory, int repeat) {
        KernelProgram variant = kernelProgram(memory.length);
        boolean socketBuffer = wrapper.type() == ProgramType.SCHED_CLS;
        if (socketBuffer && memory.length < RawWrapper.MIN_PACKET) {
            // Padding would move the end that LD_ABS and LD_IND check against.
            throw new BpfException("a raw program with LD_ABS/LD_IND runs as sched_cls, whose test packet needs at"
                    + " least " + RawWrapper.MIN_PACKET + " bytes; the memory has " + memory.length);
        }
        byte[] packet = Arrays.copyOf(memory, Math.max(memory.length, RawWrapper.MIN_PACKET));
        KernelTestRun run = variant.testRun(packet, packet.length, null, 0, repeat);
        int retval = run.retval();
        if (retval == RawWrapper.RAN || (socketBuffer && retval == RawWrapper.PACKET_LOAD_ABORTED)) {
            return run;
        }
        if (retval == RawWrapper.TOO_SHORT) {
            throw new BpfException("the kernel's " + wrapper.type().cliName() + " test packet holds fewer than the"
                    + " memory's " + memory.length + " bytes in one piece (at most a page less headroom and tailroom)");
        }
        throw new BpfException("the kernel's raw program wrapper returned " + retval + ", which it never does");
    }

    private KernelTestRun runNative(byte[] packet, int repeat) {
        checkOpen();
        ProgramType type = program.type();
        boolean packetType = type == ProgramType.SOCKET_FILTER || type == ProgramType.SCHED_CLS
                || type == ProgramType.XDP;
        if (packetType && packet.length < RawWrapper.MIN_PACKET) {
            throw new BpfException("a " + type.cliName() + " test run needs a packet of at least "
                    + RawWrapper.MIN_PACKET + " bytes (an Ethernet header), got " + packet.length);
        }
        return nativeProgram.testRun(packet, packet.length + PACKET_GROWTH, null, 0, repeat);
    }

    private void checkOpen() {
        if (closed) {
            throw new BpfException("kernel program is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        variants.values().forEach(KernelProgram::close);
        variants.clear();
        if (nativeProgram != null) {
            nativeProgram.close();
        }
        if (result != null) {
            result.close();
        }
        if (!mapsGiven) {
            maps.forEach(KernelMap::close);
        }
    }

    /** The maps given at load, behind the shared map interface (empty when this program created its own). */
    @Override
    public List<io.github.bpf4j.vm.maps.BpfMap> programMaps() {
        return given;
    }
}
