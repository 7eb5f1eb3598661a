package io.github.bpf4j.kernel;

import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.Opcodes;
import io.github.bpf4j.vm.ProgramType;
import java.util.ArrayList;
import java.util.List;

/**
 * How a raw program (r1 = memory, r2 = its length) runs in the kernel, whose test runs return
 * only 32 bits and give a program a context, not (memory, length). The memory becomes the test
 * packet, and a wrapper
 * <ol>
 * <li>loads {@code data} and {@code data_end} and proves the packet holds at least the memory's
 *     length, so the verifier knows how far r1 may be read and written;</li>
 * <li>sets r1 = data (0 when there is no memory) and r2 = the memory's length, and leaves r3..r5
 *     unwritten, so the kernel's verifier sees the registers a raw program starts with;</li>
 * <li>runs the program and stores its full 64-bit r0 in the value of a one-entry array map,
 *     addressed directly ({@code lddw} with {@code BPF_PSEUDO_MAP_VALUE}: no helper call and no
 *     stack, so the program keeps the whole 512-byte stack budget);</li>
 * <li>returns {@link #RAN}, or {@link #TOO_SHORT} without running the program when the packet
 *     is shorter than the memory (with no memory there is nothing to check, and no such path).</li>
 * </ol>
 * A program is normally loaded as XDP and called as a bpf-to-bpf subprogram, appended unchanged
 * after the wrapper, so every {@code exit} returns to the wrapper and local calls and jumps keep
 * their targets. A program with the legacy packet loads ({@code LD_ABS}/{@code LD_IND}) and no
 * local calls is loaded as SCHED_CLS instead, since only socket buffers have them and the kernel
 * allows them only in the main program: it is inlined with r6 = ctx, each {@code exit} turned
 * into a jump to the store; a packet load out of bounds ends it with 0, as it does everywhere.
 */
final class RawWrapper {
    /** The wrapper ran the program and stored r0. */
    static final int RAN = 2;
    /** The packet held less than the memory; the program did not run. */
    static final int TOO_SHORT = 1;
    /** A packet load out of bounds ended the program with r0 = 0 (socket buffer programs only). */
    static final int PACKET_LOAD_ABORTED = 0;
    /** Test runs of packet programs refuse packets shorter than an Ethernet header. */
    static final int MIN_PACKET = 14;
    /**
     * The verifier tracks packet ranges up to 0xffff bytes; the test packet itself holds less
     * (XDP: a page less headroom and tailroom), which a run finds out when the check fails.
     */
    static final int MAX_MEMORY = 0xffff;

    private static final int XDP_MD_DATA = 0;
    private static final int XDP_MD_DATA_END = 4;
    private static final int SK_BUFF_DATA = 76;
    private static final int SK_BUFF_DATA_END = 80;
    private static final int LDXW = Opcodes.CLS_LDX | Opcodes.MODE_MEM | Opcodes.SIZE_W;
    private static final int STXDW = Opcodes.CLS_STX | Opcodes.MODE_MEM | Opcodes.SIZE_DW;
    private static final int MOV64_X = Opcodes.CLS_ALU64 | Opcodes.MOV | Opcodes.SRC_X;
    private static final int MOV64_K = Opcodes.CLS_ALU64 | Opcodes.MOV | Opcodes.SRC_K;
    private static final int ADD64_K = Opcodes.CLS_ALU64 | Opcodes.ADD | Opcodes.SRC_K;
    private static final int JGT_X = Opcodes.CLS_JMP | Opcodes.JGT | Opcodes.SRC_X;

    private final long[] program;
    private final boolean inline;

    RawWrapper(long[] program) {
        this.program = program;
        this.inline = usesPacketLoads(program) && !hasLocalCalls(program);
    }

    /** The kernel program type the wrapped program is loaded as. */
    ProgramType type() {
        return inline ? ProgramType.SCHED_CLS : ProgramType.XDP;
    }

    /**
     * The program inside its wrapper for memory of {@code memoryLength} bytes.
     *
     * @param slots        what to load
     * @param programStart where the program's pc 0 is in {@code slots} (for reading the kernel's pcs)
     */
    record Wrapped(long[] slots, int programStart) {}

    Wrapped wrap(int memoryLength, int resultMapFd) {
        List<Instruction> head = new ArrayList<>();
        int ctx = 1;
        if (inline) {
            head.add(new Instruction(MOV64_X, 6, 1, 0, 0)); // LD_ABS and LD_IND need r6 = ctx
            ctx = 6;
        }
        // Only r0..r2 are written, so r3..r5 reach the program unwritten, as for a raw program
        // in every engine's verifier: reading them is "R3 !read_ok" here too.
        head.add(new Instruction(LDXW, 2, ctx, inline ? SK_BUFF_DATA : XDP_MD_DATA, 0));
        int boundsCheck = -1;
        if (memoryLength > 0) {
            head.add(new Instruction(MOV64_X, 0, 2, 0, 0));
            head.add(new Instruction(ADD64_K, 0, 0, 0, memoryLength));
            head.add(new Instruction(LDXW, 1, ctx, inline ? SK_BUFF_DATA_END : XDP_MD_DATA_END, 0));
            boundsCheck = head.size();
            head.add(null); // if r0 > r1 goto too_short, patched below
            head.add(new Instruction(MOV64_X, 1, 2, 0, 0));
        } else {
            head.add(new Instruction(MOV64_K, 1, 0, 0, 0));
        }
        head.add(new Instruction(MOV64_K, 2, 0, 0, memoryLength));
        int call = head.size();
        if (!inline) {
            head.add(null); // call the program, patched below
        }

        // The tail stores r0 and returns RAN; its too-short path follows.
        List<Instruction> tail = new ArrayList<>();
        tail.add(new Instruction(Opcodes.LDDW, 1, Opcodes.PSEUDO_MAP_VALUE, 0, resultMapFd));
        tail.add(new Instruction(0, 0, 0, 0, 0)); // value offset 0
        tail.add(new Instruction(STXDW, 1, 0, 0, 0));
        tail.add(new Instruction(MOV64_K, 0, 0, 0, RAN));
        tail.add(new Instruction(Opcodes.EXIT_OP, 0, 0, 0, 0));
        int tooShort = tail.size();
        if (boundsCheck >= 0) {
            tail.add(new Instruction(MOV64_K, 0, 0, 0, TOO_SHORT));
            tail.add(new Instruction(Opcodes.EXIT_OP, 0, 0, 0, 0));
        }

        // XDP: head, tail, program (called). SCHED_CLS: head, program (inlined), tail.
        int tailStart = inline ? head.size() + program.length : head.size();
        int programStart = inline ? head.size() : head.size() + tail.size();
        if (boundsCheck >= 0) {
            head.set(boundsCheck, new Instruction(JGT_X, 0, 1, tailStart + tooShort - boundsCheck - 1, 0));
        }
        if (!inline) {
            head.set(call, new Instruction(Opcodes.CALL_OP, 0, Opcodes.CALL_LOCAL, 0, programStart - call - 1));
        }
        long[] slots = new long[head.size() + tail.size() + program.length];
        for (int i = 0; i < head.size(); i++) {
            slots[i] = head.get(i).toSlot();
        }
        for (int i = 0; i < tail.size(); i++) {
            slots[tailStart + i] = tail.get(i).toSlot();
        }
        long[] body = inline ? exitsJumpTo(program, program.length) : program;
        System.arraycopy(body, 0, slots, programStart, program.length);
        return new Wrapped(slots, programStart);
    }

    /** The program with each {@code exit} replaced by a jump to {@code target} (a slot index). */
    private static long[] exitsJumpTo(long[] program, int target) {
        long[] slots = program.clone();
        for (int pc = 0; pc < slots.length; pc++) {
            Instruction insn = Instruction.fromSlot(slots[pc]);
            if (insn.opcode() == Opcodes.EXIT_OP) {
                int distance = target - pc - 1;
                slots[pc] = distance <= Short.MAX_VALUE
                        ? new Instruction(Opcodes.JA_OP, 0, 0, distance, 0).toSlot()
                        : new Instruction(Opcodes.GOTOL_OP, 0, 0, 0, distance).toSlot();
            } else if (insn.isLddw()) {
                pc++;
            }
        }
        return slots;
    }

    private static boolean usesPacketLoads(long[] program) {
        for (int pc = 0; pc < program.length; pc++) {
            Instruction insn = Instruction.fromSlot(program[pc]);
            int mode = Opcodes.mode(insn.opcode());
            if (insn.cls() == Opcodes.CLS_LD && (mode == Opcodes.MODE_ABS || mode == Opcodes.MODE_IND)) {
                return true;
            }
            if (insn.isLddw()) {
                pc++;
            }
        }
        return false;
    }

    private static boolean hasLocalCalls(long[] program) {
        for (int pc = 0; pc < program.length; pc++) {
            Instruction insn = Instruction.fromSlot(program[pc]);
            if ((insn.opcode() == Opcodes.CALL_OP && insn.src() == Opcodes.CALL_LOCAL)
                    || (insn.isLddw() && insn.src() == Opcodes.PSEUDO_FUNC)) {
                return true;
            }
            if (insn.isLddw()) {
                pc++;
            }
        }
        return false;
    }
}
