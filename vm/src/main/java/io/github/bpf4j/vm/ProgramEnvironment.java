package io.github.bpf4j.vm;

import io.github.bpf4j.vm.context.ContextLayout;
import io.github.bpf4j.vm.context.PreparedRun;
import io.github.bpf4j.vm.maps.BpfMap;
import io.github.bpf4j.vm.maps.BpfMaps;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every engine builds at load from a {@link Program} and {@link LoadOptions}, so they agree:
 * the {@link Memory} with a region for the context and one per map's value slab, the values
 * map-referencing {@code lddw}s resolve to, the context of each run, and what helpers need
 * (maps by handle, task, trace output, the tail-call count).
 *
 * <p>A map reference ({@code lddw} with {@code BPF_PSEUDO_MAP_FD} or {@code _IDX}, whose imm is
 * the map's index in {@link Program#maps()}) resolves to a handle {@code (MAP_REGION << 32) | index}
 * that no load or store can use; {@code BPF_PSEUDO_MAP_VALUE}/{@code _IDX_VALUE} resolve to a
 * pointer to the value at the second slot's imm in that map's slab. Region ids depend only on the
 * map list, so programs loaded with the same maps (one object's) share them, as tail calls need.
 */
public final class ProgramEnvironment {
    /** Region tag of function pointers made by {@code lddw} with {@code BPF_PSEUDO_FUNC} (offset = pc). */
    public static final int FUNCTION_REGION = 0x7fff_fffe;
    /** Region tag of map handles; never a real region. */
    public static final int MAP_REGION = 0x7fff_fffd;
    /** The context's region; the packet (or raw input) is {@link Memory#INPUT_REGION}. */
    public static final int CONTEXT_REGION = Memory.FIRST_FREE_REGION;
    /** BPF_F_RDONLY_PROG: a map the program may only read (.rodata). */
    public static final int RDONLY_PROG = 0x80;

    private final Program program;
    private final LoadOptions options;
    private final Memory memory = new Memory();
    private final List<BpfMap> maps = new ArrayList<>();
    private final List<Integer> slabRegions = new ArrayList<>();
    private final Map<BpfMap, Integer> handles = new IdentityHashMap<>();
    private final Map<Integer, BpfMap> byRegion = new java.util.HashMap<>();
    private PreparedRun run;
    private int tailCalls;
    private int keyCopyRegion = -1;

    private ProgramEnvironment(Program program, LoadOptions options) {
        this.program = program;
        this.options = options;
        memory.addRegion(new byte[0], false); // CONTEXT_REGION
        List<MapSpec> specs = program.maps();
        List<BpfMap> given = options.maps();
        if (!given.isEmpty() && given.size() != specs.size()) {
            throw new BpfException("the program declares " + specs.size() + " maps but " + given.size() + " were given");
        }
        for (int i = 0; i < specs.size(); i++) {
            BpfMap map = given.isEmpty() ? BpfMaps.create(specs.get(i), 1) : given.get(i);
            MapSpec spec = specs.get(i);
            MapSpec actual = map.spec();
            if (actual.type() != spec.type() || actual.keySize() != spec.keySize()
                    || actual.valueSize() != spec.valueSize()) {
                throw new BpfException("map " + i + " '" + spec.name() + "': the program declares type " + spec.type()
                        + " key " + spec.keySize() + " value " + spec.valueSize() + ", the map given has type "
                        + actual.type() + " key " + actual.keySize() + " value " + actual.valueSize());
            }
            handle(map);
        }
    }

    /** Builds the environment of {@code program}: creates its maps unless the options give them. */
    public static ProgramEnvironment create(Program program, LoadOptions options) {
        return new ProgramEnvironment(program, options);
    }

    public Program program() {
        return program;
    }

    public Memory memory() {
        return memory;
    }

    public LoadOptions options() {
        return options;
    }

    public TaskContext task() {
        return options.task();
    }

    /** Emits one line of {@code bpf_trace_printk} output. */
    public void trace(String line) {
        options.trace().accept(line);
    }

    /** The maps behind {@link Program#maps()}, in order, then inner maps reached at run time. */
    public List<BpfMap> maps() {
        return List.copyOf(maps);
    }

    /** The handle of a map (registering it, e.g. an inner map, on first use). */
    public long handle(BpfMap map) {
        Integer index = handles.get(map);
        if (index == null) {
            index = maps.size();
            maps.add(map);
            handles.put(map, index);
            int region = memory.addRegion(map.values(), (map.spec().flags() & RDONLY_PROG) != 0);
            slabRegions.add(region);
            byRegion.put(region, map);
        }
        return Memory.pointer(MAP_REGION, index);
    }

    /** The map behind a handle in a helper's argument; a fault naming pc when it is not one. */
    public BpfMap map(long handle, int pc) {
        long index = handle & 0xffff_ffffL;
        if ((int) (handle >>> 32) != MAP_REGION || index >= maps.size()) {
            throw new BpfFault(BpfFault.Kind.HELPER_ERROR, pc, handle, "argument is not a map");
        }
        return maps.get((int) index);
    }

    /** A pointer to {@code offset} in {@code map}'s value slab. */
    public long valuePointer(BpfMap map, int offset) {
        handle(map);
        return Memory.pointer(slabRegions.get(handles.get(map)), offset);
    }

    /** The map whose value slab is region {@code region}, or null. */
    public BpfMap mapOfRegion(int region) {
        return byRegion.get(region);
    }

    /** The 64-bit value of the map-referencing {@code lddw} at {@code pc}. */
    public long lddwValue(int pc) {
        Instruction insn = program.instruction(pc);
        int index = insn.imm();
        if (index < 0 || index >= program.maps().size()) {
            throw new BpfException("pc " + pc + ": lddw references map " + index + " but the program declares "
                    + program.maps().size() + " map" + (program.maps().size() == 1 ? "" : "s"));
        }
        BpfMap map = maps.get(index);
        return switch (insn.src()) {
            case Opcodes.PSEUDO_MAP_FD, Opcodes.PSEUDO_MAP_IDX -> handle(map);
            case Opcodes.PSEUDO_MAP_VALUE, Opcodes.PSEUDO_MAP_IDX_VALUE -> {
                int offset = program.instruction(pc + 1).imm();
                if (offset < 0 || offset >= Math.max(1, map.values().length)) {
                    throw new BpfException("pc " + pc + ": lddw points " + offset + " bytes into map '"
                            + map.spec().name() + "', whose values hold " + map.values().length);
                }
                yield valuePointer(map, offset);
            }
            default -> throw new BpfException("pc " + pc + ": lddw with src " + insn.src() + " is not supported");
        };
    }

    /**
     * The program with every map-referencing {@code lddw} replaced by a plain 64-bit immediate of
     * its resolved value, for engines that compile immediates (the JIT).
     */
    public Program resolvedProgram() {
        long[] slots = program.slots();
        boolean changed = false;
        for (int pc = 0; pc < slots.length; pc++) {
            Instruction insn = Instruction.fromSlot(slots[pc]);
            if (!insn.isLddw()) {
                continue;
            }
            int src = insn.src();
            if (src != Opcodes.PSEUDO_IMM64 && src != Opcodes.PSEUDO_FUNC) {
                long value = lddwValue(pc);
                slots[pc] = new Instruction(insn.opcode(), insn.dst(), Opcodes.PSEUDO_IMM64, 0, (int) value).toSlot();
                slots[pc + 1] = new Instruction(0, 0, 0, 0, (int) (value >>> 32)).toSlot();
                changed = true;
            }
            pc++;
        }
        return changed ? Program.of(program.type(), slots, program.maps()) : program;
    }

    /**
     * Prepares a run: sets the packet and context regions and returns r1 (the context pointer,
     * or for the raw type the input pointer, 0 when there is none).
     */
    public long start(RunInput input) {
        run = PreparedRun.of(program.type(), input);
        tailCalls = 0;
        long r1 = memory.setInput(run.packet());
        if (program.type() == ProgramType.RAW) {
            return run.packet().length == 0 ? 0 : r1;
        }
        ContextLayout layout = ContextLayout.of(program.type());
        memory.setContext(CONTEXT_REGION, run.context(), layout == null ? 0 : layout.pointerFields());
        return Memory.pointer(CONTEXT_REGION, 0);
    }

    /** r2 of a run: the input's length for the raw type, 0 otherwise. */
    public long r2() {
        return program.type() == ProgramType.RAW ? run.packet().length : 0;
    }

    /** The current run's prepared memory (context bytes, packet region). */
    public PreparedRun current() {
        return run;
    }

    /** The packet after the run, as the kernel's test run returns it. */
    public byte[] packetOut() {
        return run.packetOut();
    }

    /** A pointer to a read-only copy of {@code key} (the key argument of a for_each_map_elem callback). */
    public long keyCopy(byte[] key) {
        if (keyCopyRegion < 0) {
            keyCopyRegion = memory.addRegion(key.clone(), true);
        } else {
            memory.setRegion(keyCopyRegion, key.clone());
        }
        return Memory.pointer(keyCopyRegion, 0);
    }

    /** The first pc of the subprogram a helper's callback argument points to; a fault naming pc if it is no function. */
    public static int callbackPc(long function, int pc) {
        if ((int) (function >>> 32) != FUNCTION_REGION) {
            throw new BpfFault(BpfFault.Kind.HELPER_ERROR, pc, function, "callback is not a function pointer");
        }
        return (int) function;
    }

    /** How an engine runs one of its loaded programs, for {@link #runFollowingTailCalls}. */
    public interface ProgramRunner<P> {
        /** Runs {@code program} from its start with r1, r2; returns r0. */
        long execute(P program, long r1, long r2);

        /** Instructions the last {@link #execute} ran (callbacks included). */
        long instructions(P program);

        ProgramEnvironment environment(P program);
    }

    /**
     * Runs {@code first} on {@code input}, continuing in the program a successful
     * {@code bpf_tail_call} names (which must be a {@code type} of the same engine, loaded with
     * the same maps), and returns the outcome of the last one.
     */
    public <P> RunResult runFollowingTailCalls(P first, Class<P> type, String engine, RunInput input,
                                              ProgramRunner<P> runner) {
        long r1 = start(input);
        long r2 = r2();
        P current = first;
        long total = 0;
        while (true) {
            try {
                long r0 = runner.execute(current, r1, r2);
                total += runner.instructions(current);
                return new RunResult(r0, total, packetOut(), run.context());
            } catch (TailCallRequest call) {
                total += runner.instructions(current);
                if (!type.isInstance(call.target())) {
                    throw new BpfFault(BpfFault.Kind.HELPER_ERROR, call.pc(), 0,
                            "tail call target is not a program loaded by the " + engine);
                }
                P next = type.cast(call.target());
                r1 = runner.environment(current).shareRunWith(runner.environment(next));
                r2 = 0;
                current = next;
            }
        }
    }

    /** Counts a tail call; false when the run already made the kernel's 33. */
    public boolean takeTailCall() {
        if (tailCalls >= io.github.bpf4j.vm.maps.ProgArrayMap.MAX_TAIL_CALLS) {
            return false;
        }
        tailCalls++;
        return true;
    }

    /**
     * Makes {@code other}'s memory see this run's packet and context, for a tail call into a
     * program loaded with the same maps; returns r1 for it.
     */
    public long shareRunWith(ProgramEnvironment other) {
        other.run = run;
        other.tailCalls = tailCalls;
        other.memory.setInput(run.packet());
        if (run.context() != null) {
            ContextLayout layout = ContextLayout.of(program.type());
            other.memory.setContext(CONTEXT_REGION, run.context(), layout == null ? 0 : layout.pointerFields());
        }
        return program.type() == ProgramType.RAW ? memory.input().length == 0 ? 0 : Memory.pointer(Memory.INPUT_REGION, 0)
                : Memory.pointer(CONTEXT_REGION, 0);
    }

    /** After a tail call ends, takes the tail-called program's count back. */
    public void tailCallsFrom(ProgramEnvironment other) {
        tailCalls = other.tailCalls;
    }
}
