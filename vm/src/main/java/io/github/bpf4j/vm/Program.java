package io.github.bpf4j.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * An immutable eBPF program: its 8-byte instruction slots (an {@code lddw} takes two, so a pc
 * counts slots as the kernel and llvm-objdump do), its type and the maps it references.
 * Construction validates the encoding: a {@code Program} is always well formed.
 */
public final class Program {
    private final long[] slots;
    private final ProgramType type;
    private final List<MapSpec> maps;
    private final int[] subprogramStarts;
    private final ProgramBtf btf;

    private Program(long[] slots, ProgramType type, List<MapSpec> maps) {
        this(slots, type, maps, null);
    }

    private Program(long[] slots, ProgramType type, List<MapSpec> maps, ProgramBtf btf) {
        this.slots = slots;
        this.type = type;
        this.btf = btf;
        this.maps = List.copyOf(maps);
        Decoder.validate(slots);
        this.subprogramStarts = findSubprograms(slots);
    }

    /** A program of the given type from slot values (little-endian 64-bit each). */
    public static Program of(ProgramType type, long[] slots, List<MapSpec> maps) {
        return new Program(slots.clone(), type, maps);
    }

    /** A raw-type program from slot values. */
    public static Program of(long... slots) {
        return of(ProgramType.RAW, slots, List.of());
    }

    /** A raw-type program from decoded instructions (the second slot of lddw included). */
    public static Program of(List<Instruction> instructions) {
        return of(ProgramType.RAW, Encoder.encode(instructions), List.of());
    }

    /** A raw-type program from its bytes: a multiple of 8, little-endian slots. */
    public static Program fromBytes(byte[] bytes) {
        return of(ProgramType.RAW, Decoder.slots(bytes), List.of());
    }

    /** The same instructions with another type and maps. */
    public Program with(ProgramType newType, List<MapSpec> newMaps) {
        return new Program(slots, newType, newMaps, btf);
    }

    /** The same program carrying the BTF it was compiled with. */
    public Program withBtf(ProgramBtf newBtf) {
        return new Program(slots, type, maps, newBtf);
    }

    /** The BTF the program was compiled with, or null (programs not read from an object). */
    public ProgramBtf btf() {
        return btf;
    }

    public int length() {
        return slots.length;
    }

    public long slot(int pc) {
        return slots[pc];
    }

    public long[] slots() {
        return slots.clone();
    }

    public Instruction instruction(int pc) {
        return Instruction.fromSlot(slots[pc]);
    }

    /** All slots as instructions, lddw taking two entries. */
    public List<Instruction> instructions() {
        List<Instruction> list = new ArrayList<>(slots.length);
        for (long s : slots) {
            list.add(Instruction.fromSlot(s));
        }
        return list;
    }

    /** The 64-bit constant of the {@code lddw} at pc. */
    public long lddwValue(int pc) {
        return (slots[pc] >>> 32) | (slots[pc + 1] & 0xffff_ffff_0000_0000L);
    }

    public ProgramType type() {
        return type;
    }

    public List<MapSpec> maps() {
        return maps;
    }

    /** The little-endian bytes of all slots. */
    public byte[] toBytes() {
        return Encoder.bytes(slots);
    }

    /** Start pcs of the subprograms, in order; the first is always 0. */
    public int[] subprogramStarts() {
        return subprogramStarts.clone();
    }

    private static int[] findSubprograms(long[] slots) {
        TreeSet<Integer> starts = new TreeSet<>();
        starts.add(0);
        for (int pc = 0; pc < slots.length; pc++) {
            Instruction insn = Instruction.fromSlot(slots[pc]);
            if (insn.opcode() == Opcodes.CALL_OP && insn.src() == Opcodes.CALL_LOCAL) {
                starts.add(pc + insn.imm() + 1);
            } else if (insn.isLddw() && insn.src() == Opcodes.PSEUDO_FUNC) {
                starts.add(pc + insn.imm() + 1);
            }
            if (insn.isLddw()) {
                pc++;
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
