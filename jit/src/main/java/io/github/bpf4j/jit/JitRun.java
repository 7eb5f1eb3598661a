package io.github.bpf4j.jit;

import io.github.bpf4j.vm.BpfFault;
import io.github.bpf4j.vm.Helper;
import io.github.bpf4j.vm.HelperContext;
import io.github.bpf4j.vm.Helpers;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.Memory;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramEnvironment;
import java.lang.invoke.MethodHandle;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The state of one loaded program that generated code shares across its methods: memory,
 * helpers, the executed-instruction count, the {@code may_goto} budget, and the rare paths
 * (faults, helper dispatch, packet loads) kept out of line so generated methods stay small.
 * Generated classes live in this package, so all of this stays package-private.
 */
final class JitRun implements HelperContext {
    /** The kernel's BPF_MAX_LOOPS: how often {@code may_goto} falls through in one run. */
    static final long MAY_GOTO_BUDGET = 8_388_608;
    /** Region id of function pointers made by {@code lddw} with src = BPF_PSEUDO_FUNC. */
    static final int FUNCTION_REGION = 0x7fff_fffe;

    final ProgramEnvironment environment;
    final Memory memory;
    final Program program;
    final Helpers helpers;
    final long budget;
    private final LoadOptions options;
    private final int chunkBytes;
    /** Entry points compiled for callx targets in the middle of a subprogram, by pc. */
    private final Map<Integer, MethodHandle> strayEntries = new HashMap<>();
    /** The second slots of lddw instructions, found on the first stray callx. */
    private BitSet secondSlots;

    /** Instructions executed so far; generated methods keep it in a local and sync it at calls. */
    long count;
    long mayGoto;
    /** The pc of the helper call in progress, for {@link HelperContext#pc()}. */
    int pc;
    /** The frame depth of the helper call in progress (generated code stores it before each call). */
    int depth;
    /** Instructions run by helper callbacks in the current run. */
    long callbackCount;
    /** {@code callIndirect} of the generated class, for helper callbacks. */
    MethodHandle callIndirect;

    /**
     * @param program    the program as compiled (map references resolved)
     * @param chunkBytes the chunk size it was compiled with, for the classes {@link #callStray} makes
     */
    JitRun(ProgramEnvironment environment, Program program, LoadOptions options, int chunkBytes) {
        this.environment = environment;
        this.memory = environment.memory();
        this.program = program;
        this.options = options;
        this.helpers = options.helpers();
        this.budget = options.instructionBudget();
        this.chunkBytes = chunkBytes;
    }

    /** The load options without facts: what unspecialised classes are compiled with. */
    LoadOptions options() {
        return options;
    }

    @Override
    public Memory memory() {
        return memory;
    }

    @Override
    public int pc() {
        return pc;
    }

    @Override
    public ProgramEnvironment environment() {
        return environment;
    }

    /** Runs a callback subprogram one frame above the helper's caller, through {@code callIndirect}. */
    @Override
    public long callFunction(long function, long r1, long r2, long r3, long r4, long r5) {
        int callPc = pc;
        int callDepth = depth;
        long countBefore = count;
        ProgramEnvironment.callbackPc(function, callPc);
        count = 0; // a callback counts (and meets the budget) on its own, as in the interpreter
        try {
            return (long) callIndirect.invokeExact(this, function, callPc, callDepth,
                    0L, r1, r2, r3, r4, r5, 0L, 0L, 0L, 0L);
        } catch (ProgramExit exit) {
            return 0; // an out-of-bounds packet load ends the callback (not the program) with 0, as in the interpreter
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("generated code throws only unchecked exceptions", t);
        } finally {
            callbackCount += count;
            count = countBefore;
            pc = callPc;
            depth = callDepth;
        }
    }

    // Accesses through r10 that the compiler proved to stay in the frame's stack array.
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static long stackLoad8(byte[] stack, int at) {
        return stack[at] & 0xffL;
    }

    static long stackLoad16(byte[] stack, int at) {
        return (short) I16.get(stack, at) & 0xffffL;
    }

    static long stackLoad32(byte[] stack, int at) {
        return (int) I32.get(stack, at) & 0xffff_ffffL;
    }

    static long stackLoad64(byte[] stack, int at) {
        return (long) I64.get(stack, at);
    }

    static void stackStore8(byte[] stack, int at, long value) {
        stack[at] = (byte) value;
    }

    static void stackStore16(byte[] stack, int at, long value) {
        I16.set(stack, at, (short) value);
    }

    static void stackStore32(byte[] stack, int at, long value) {
        I32.set(stack, at, (int) value);
    }

    static void stackStore64(byte[] stack, int at, long value) {
        I64.set(stack, at, value);
    }

    // Accesses the verifier proved to stay inside the packet: the address's offset indexes the
    // packet array directly. The check that it is in the array costs nothing (it is the one the
    // JVM would make, which the JIT then drops) and turns a wrong fact into a fault at the pc.

    /** The packet index of {@code size} bytes at {@code address + offset}; a fault naming pc if they are not all in it. */
    private static int packetIndex(byte[] packet, long address, int offset, int size, int pc) {
        int at = (int) address + offset;
        if (at < 0 || at > packet.length - size) {
            throw outsidePacket(address + offset, size, pc);
        }
        return at;
    }

    private static BpfFault outsidePacket(long address, int size, int pc) {
        return new BpfFault(BpfFault.Kind.OUT_OF_BOUNDS, pc, address,
                "access of " + size + " bytes proven inside the packet is outside it");
    }

    static long packetLoad8(byte[] packet, long address, int offset, int pc) {
        return packet[packetIndex(packet, address, offset, 1, pc)] & 0xffL;
    }

    static long packetLoad16(byte[] packet, long address, int offset, int pc) {
        return (short) I16.get(packet, packetIndex(packet, address, offset, 2, pc)) & 0xffffL;
    }

    static long packetLoad32(byte[] packet, long address, int offset, int pc) {
        return (int) I32.get(packet, packetIndex(packet, address, offset, 4, pc)) & 0xffff_ffffL;
    }

    static long packetLoad64(byte[] packet, long address, int offset, int pc) {
        return (long) I64.get(packet, packetIndex(packet, address, offset, 8, pc));
    }

    static void packetStore8(byte[] packet, long address, int offset, long value, int pc) {
        packet[packetIndex(packet, address, offset, 1, pc)] = (byte) value;
    }

    static void packetStore16(byte[] packet, long address, int offset, long value, int pc) {
        I16.set(packet, packetIndex(packet, address, offset, 2, pc), (short) value);
    }

    static void packetStore32(byte[] packet, long address, int offset, long value, int pc) {
        I32.set(packet, packetIndex(packet, address, offset, 4, pc), (int) value);
    }

    static void packetStore64(byte[] packet, long address, int offset, long value, int pc) {
        I64.set(packet, packetIndex(packet, address, offset, 8, pc), value);
    }

    // Accesses the verifier proved to hit some frame's stack: when the address lies in this
    // frame (r10 - 512 up to r10) its array is indexed directly, else (a caller's frame) Memory
    // checks the access as usual.

    /** The index of {@code size} bytes at {@code address} in the frame below {@code r10}, or -1. */
    private static int frameIndex(long r10, long address, int size) {
        long at = address - r10 + Memory.STACK_SIZE;
        return Long.compareUnsigned(at, Memory.STACK_SIZE - size) <= 0 ? (int) at : -1;
    }

    /** Loads {@code size} (1, 2, 4, 8) bytes at {@code address}, zero-extended. */
    static long frameLoad(Memory memory, byte[] stack, long r10, long address, int size, int pc) {
        int at = frameIndex(r10, address, size);
        if (at < 0) {
            return memory.load(address, size, pc);
        }
        return switch (size) {
            case 1 -> stackLoad8(stack, at);
            case 2 -> stackLoad16(stack, at);
            case 4 -> stackLoad32(stack, at);
            default -> stackLoad64(stack, at);
        };
    }

    /** Stores the low {@code size} (1, 2, 4, 8) bytes of {@code value} at {@code address}. */
    static void frameStore(Memory memory, byte[] stack, long r10, long address, long value, int size, int pc) {
        int at = frameIndex(r10, address, size);
        if (at < 0) {
            memory.store(address, size, value, pc);
            return;
        }
        switch (size) {
            case 1 -> stackStore8(stack, at, value);
            case 2 -> stackStore16(stack, at, value);
            case 4 -> stackStore32(stack, at, value);
            default -> stackStore64(stack, at, value);
        }
    }

    /** Thrown by an out-of-bounds LD_ABS/LD_IND: the program ends with r0 = 0. */
    static final class ProgramExit extends RuntimeException {
        static final ProgramExit INSTANCE = new ProgramExit();

        private ProgramExit() {
            super("program exit", null, false, false);
        }
    }

    // ---- called from generated code ----

    /** The frame depth of a local call made at {@code pc} from a frame at {@code depth}. */
    static int nextDepth(int depth, int pc) {
        if (depth + 1 >= Memory.MAX_FRAMES) {
            throw new BpfFault(BpfFault.Kind.CALL_DEPTH, pc, 0,
                    "more than " + Memory.MAX_FRAMES + " nested call frames");
        }
        return depth + 1;
    }

    static long callHelper(JitRun rt, long id, int pc, long r1, long r2, long r3, long r4, long r5) {
        Helper helper = rt.helpers.get(id);
        if (helper == null) {
            throw new BpfFault(BpfFault.Kind.UNKNOWN_HELPER, pc, 0, rt.helpers.name(id) + " is not registered");
        }
        rt.pc = pc;
        return helper.call(r1, r2, r3, r4, r5, rt);
    }

    /** {@code may_goto}: true when the jump is taken (the loop budget is spent). */
    static boolean mayGoto(JitRun rt) {
        if (rt.mayGoto == 0) {
            return true;
        }
        rt.mayGoto--;
        return false;
    }

    /**
     * LD_ABS/LD_IND: a big-endian load of {@code size} bytes from the input at {@code offset}. Out
     * of bounds ends the program with r0 = 0 (as the kernel does); {@code count} is the exact
     * instruction count at this instruction.
     */
    static long loadPacket(JitRun rt, long offset, int size, long count) {
        byte[] data = rt.memory.input();
        if (offset < 0 || offset > data.length - size) {
            rt.count = count;
            throw ProgramExit.INSTANCE;
        }
        int at = (int) offset;
        long value = 0;
        for (int i = 0; i < size; i++) {
            value = value << 8 | (data[at + i] & 0xff);
        }
        return value;
    }

    /**
     * The budget ran out in the straight-line segment of {@code length} instructions starting at
     * {@code segmentStart}, whose count was already added: the fault names the first instruction
     * beyond the budget. Segments end after every instruction that can fault, so none before it
     * in the segment could have faulted first.
     */
    static BpfFault budgetExhausted(JitRun rt, int segmentStart, long countAfter, int length) {
        long allowed = rt.budget - (countAfter - length);
        int pc = segmentStart;
        for (long i = 0; i < allowed; i++) {
            pc += rt.program.instruction(pc).isLddw() ? 2 : 1;
        }
        return new BpfFault(BpfFault.Kind.BUDGET_EXHAUSTED, pc, 0,
                "instruction budget of " + rt.budget + " exhausted");
    }

    /**
     * The chunk holding {@code pc} in a class whose chunks are [starts[i], ends[i]), for its
     * dispatcher; past the last instruction it faults.
     */
    static int chunkOf(int[] starts, int[] ends, JitRun rt, int pc) {
        int i = Arrays.binarySearch(starts, pc);
        if (i < 0) {
            i = -i - 2;
        }
        if (i < 0 || pc >= ends[i]) {
            throw fellOffEnd(rt, pc);
        }
        return i;
    }

    static BpfFault fellOffEnd(JitRun rt, int pc) {
        return new BpfFault(BpfFault.Kind.FELL_OFF_END, pc, 0,
                "execution ran past the last instruction (program has " + rt.program.length() + " slots)");
    }

    /**
     * A callx at {@code pc} through a function pointer that does not point to a subprogram start
     * (unverified code can make one with arithmetic): like the interpreter, it runs the code from
     * there in a new frame. The code comes from another class of the same program with a
     * subprogram method starting at that pc, compiled on first use. A pointer to no instruction
     * (past the end, or the second slot of an lddw) faults.
     */
    static long callStray(JitRun rt, long pointer, int pc, int depth, long r0, long r1, long r2, long r3, long r4,
                          long r5, long r6, long r7, long r8, long r9) {
        long target = pointer & 0xffff_ffffL;
        if (!rt.isInstruction(target)) {
            throw new BpfFault(BpfFault.Kind.OUT_OF_BOUNDS, pc, pointer, "callx target is not an instruction");
        }
        int calleeDepth = nextDepth(depth, pc);
        MethodHandle entry = rt.strayEntries.computeIfAbsent((int) target, rt::compileEntry);
        try {
            return (long) entry.invokeExact(rt, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, calleeDepth);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("generated code throws only unchecked exceptions", t);
        }
    }

    /** Whether {@code pc} starts an instruction: inside the program, not the second slot of an lddw. */
    private boolean isInstruction(long pc) {
        int n = program.length();
        if (pc >= n) {
            return false;
        }
        if (secondSlots == null) {
            secondSlots = new BitSet(n);
            for (int p = 0; p < n; p++) {
                if (program.instruction(p).isLddw()) {
                    secondSlots.set(++p);
                }
            }
        }
        return !secondSlots.get((int) pc);
    }

    private MethodHandle compileEntry(int target) {
        JitCompiler.Defined defined = JitCompiler.define(JitCompiler.compile(program, options, chunkBytes, target));
        return JitCompiler.method(defined, JitCompiler.functionName(target), RangeEmitter.FN_DESC);
    }
}
