package io.github.bpf4j.kernel;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.Opcodes;
import io.github.bpf4j.vm.Program;

/**
 * Turns a program's map references into kernel file descriptors. In a {@link Program} an
 * {@code lddw} with {@code BPF_PSEUDO_MAP_FD} or {@code BPF_PSEUDO_MAP_VALUE} holds the index
 * of the map in {@link Program#maps()} (a real descriptor means nothing outside one process);
 * it is replaced by that map's descriptor. {@code BPF_PSEUDO_MAP_IDX} and
 * {@code BPF_PSEUDO_MAP_IDX_VALUE} stay as they are: the kernel resolves them through the
 * {@code fd_array} the loader passes, in the same order.
 */
final class MapReferences {
    private MapReferences() {}

    static long[] resolve(Program program, int[] mapFds) {
        long[] slots = program.slots();
        for (int pc = 0; pc < slots.length; pc++) {
            Instruction insn = Instruction.fromSlot(slots[pc]);
            if (!insn.isLddw()) {
                continue;
            }
            int src = insn.src();
            if (src == Opcodes.PSEUDO_MAP_FD || src == Opcodes.PSEUDO_MAP_VALUE
                    || src == Opcodes.PSEUDO_MAP_IDX || src == Opcodes.PSEUDO_MAP_IDX_VALUE) {
                int index = insn.imm();
                if (index < 0 || index >= mapFds.length) {
                    throw new BpfException("pc " + pc + ": lddw references map " + index + " but the program declares "
                            + mapFds.length + " map" + (mapFds.length == 1 ? "" : "s"));
                }
                if (src == Opcodes.PSEUDO_MAP_FD || src == Opcodes.PSEUDO_MAP_VALUE) {
                    slots[pc] = new Instruction(insn.opcode(), insn.dst(), src, insn.offset(), mapFds[index]).toSlot();
                }
            }
            pc++;
        }
        return slots;
    }
}
