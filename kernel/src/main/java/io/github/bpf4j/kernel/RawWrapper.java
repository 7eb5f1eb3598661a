package io.github.bpf4j.kernel;

import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.Opcodes;
import java.util.ArrayList;
import java.util.List;

/**
 * The XDP program a raw program runs inside. The kernel's test run returns only 32 bits and
 * gives XDP programs an {@code xdp_md}, not (memory, length), so the wrapper
 * <ol>
 * <li>loads {@code data} and {@code data_end} and proves the packet holds at least the memory's
 *     length, so the verifier knows how far r1 may be read and written;</li>
 * <li>sets r1 = data (0 when there is no memory), r2 = the memory's length, r3..r5 = 0;</li>
 * <li>calls the raw program, appended unchanged after the wrapper, as a bpf-to-bpf subprogram,
 *     so every {@code exit} of it returns here and its local calls and jumps keep their targets;</li>
 * <li>stores the full 64-bit r0 in the value of a one-entry array map, addressed directly
 *     ({@code lddw} with {@code BPF_PSEUDO_MAP_VALUE}: no helper call and no stack, so the raw
 *     program keeps the whole 512-byte stack budget), and returns {@code XDP_PASS}.</li>
 * </ol>
 * When the packet is shorter than the memory it returns {@code XDP_DROP} without calling (with
 * no memory there is nothing to check, and no such path).
 */
final class RawWrapper {
    private RawWrapper() {}

    static final int XDP_DROP = 1;
    static final int XDP_PASS = 2;
    /** XDP test runs refuse packets shorter than an Ethernet header. */
    static final int MIN_PACKET = 14;
    /**
     * The verifier tracks packet ranges up to 0xffff bytes; the test packet itself holds less
     * (a page less headroom and tailroom), which a run finds out when the bounds check fails.
     */
    static final int MAX_MEMORY = 0xffff;

    private static final int XDP_MD_DATA = 0;
    private static final int XDP_MD_DATA_END = 4;
    private static final int LDXW = Opcodes.CLS_LDX | Opcodes.MODE_MEM | Opcodes.SIZE_W;
    private static final int STXDW = Opcodes.CLS_STX | Opcodes.MODE_MEM | Opcodes.SIZE_DW;
    private static final int MOV64_X = Opcodes.CLS_ALU64 | Opcodes.MOV | Opcodes.SRC_X;
    private static final int MOV64_K = Opcodes.CLS_ALU64 | Opcodes.MOV | Opcodes.SRC_K;
    private static final int ADD64_K = Opcodes.CLS_ALU64 | Opcodes.ADD | Opcodes.SRC_K;
    private static final int JGT_X = Opcodes.CLS_JMP | Opcodes.JGT | Opcodes.SRC_X;

    /** The wrapper's slots followed by {@code program}'s. */
    static long[] wrap(long[] program, int memoryLength, int resultMapFd) {
        List<Instruction> head = new ArrayList<>();
        head.add(new Instruction(LDXW, 2, 1, XDP_MD_DATA, 0));
        head.add(new Instruction(LDXW, 3, 1, XDP_MD_DATA_END, 0));
        int boundsCheck = -1;
        if (memoryLength > 0) {
            head.add(new Instruction(MOV64_X, 1, 2, 0, 0));
            head.add(new Instruction(ADD64_K, 1, 0, 0, memoryLength));
            boundsCheck = head.size();
            head.add(null); // if r1 > r3 goto drop, patched below
            head.add(new Instruction(MOV64_X, 1, 2, 0, 0));
        } else {
            head.add(new Instruction(MOV64_K, 1, 0, 0, 0));
        }
        head.add(new Instruction(MOV64_K, 2, 0, 0, memoryLength));
        for (int reg = 3; reg <= 5; reg++) {
            head.add(new Instruction(MOV64_K, reg, 0, 0, 0));
        }
        int call = head.size();
        head.add(null); // call the raw program, patched below
        head.add(new Instruction(Opcodes.LDDW, 1, Opcodes.PSEUDO_MAP_VALUE, 0, resultMapFd));
        head.add(new Instruction(0, 0, 0, 0, 0)); // value offset 0
        head.add(new Instruction(STXDW, 1, 0, 0, 0));
        head.add(new Instruction(MOV64_K, 0, 0, 0, XDP_PASS));
        head.add(new Instruction(Opcodes.EXIT_OP, 0, 0, 0, 0));
        if (boundsCheck >= 0) {
            // Only reachable after the bounds check: the verifier rejects unreachable code.
            int drop = head.size();
            head.add(new Instruction(MOV64_K, 0, 0, 0, XDP_DROP));
            head.add(new Instruction(Opcodes.EXIT_OP, 0, 0, 0, 0));
            head.set(boundsCheck, new Instruction(JGT_X, 1, 3, drop - boundsCheck - 1, 0));
        }
        int start = head.size();
        head.set(call, new Instruction(Opcodes.CALL_OP, 0, Opcodes.CALL_LOCAL, 0, start - call - 1));

        long[] slots = new long[start + program.length];
        for (int i = 0; i < start; i++) {
            slots[i] = head.get(i).toSlot();
        }
        System.arraycopy(program, 0, slots, start, program.length);
        return slots;
    }

    /** Where the raw program starts in the wrapped program (for reading the kernel's pcs). */
    static int programStart(int memoryLength) {
        return wrap(new long[0], memoryLength, 0).length;
    }
}
