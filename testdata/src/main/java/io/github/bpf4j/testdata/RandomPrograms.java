package io.github.bpf4j.testdata;

import io.github.bpf4j.vm.Helpers;
import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.MapSpec;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramType;
import io.github.bpf4j.vm.helpers.KernelHelpers;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random eBPF programs for differential testing of engines: always accepted by the
 * decoder, not meant to pass the verifier. They mix every ALU operation (32 and 64 bit,
 * immediate and register, signed division, sign extension, byte swaps), 64-bit constants,
 * loads and stores (including atomics and sign-extending loads) on the stack through r10 and on
 * the input through r9 (a copy of r1, sometimes a little out of bounds), legacy packet loads,
 * forward and backward jumps (loops end by a counter in r8, a {@code may_goto}, or the budget),
 * local calls, {@code callx} through function pointers, {@code bpf_loop} calling back into the
 * program, calls of {@link #HELPER} (plus, now
 * and then, of an unregistered helper), and map operations on the two {@link #MAPS} (lookups
 * with and without a null check, updates, deletes, direct value pointers). Run them with an
 * instruction budget.
 */
public final class RandomPrograms {
    /** The number of the deterministic helper the programs call; see {@link #helpers()}. */
    public static final int HELPER = 0x1000;
    /** A helper number nobody registers. */
    public static final int MISSING_HELPER = 0x1001;

    /** An array map (index 0) and a hash map (index 1), 4-byte keys. */
    public static final List<MapSpec> MAPS = List.of(
            new MapSpec("array", 2, 4, 16, 4, 0),
            new MapSpec("hash", 1, 4, 8, 8, 0));

    private static final int[] ALU_OPS = {0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x90, 0xa0, 0xb0, 0xc0};
    private static final int[] JUMP_OPS = {0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0xa0, 0xb0, 0xc0, 0xd0};
    private static final int[] ATOMIC_OPS = {0x00, 0x40, 0x50, 0xa0, 0x01, 0x41, 0x51, 0xa1, 0xe1, 0xf1};

    /** A program and the input memory to run it with. */
    public record Case(Program program, byte[] input) {}

    /** One instruction (two slots for lddw) and, for jumps and calls, the unit it goes to. */
    private record Unit(List<Instruction> slots, int target, boolean call) {
        static Unit of(Instruction insn) {
            return new Unit(List.of(insn), -1, false);
        }
    }

    private final Random random;
    private final byte[] input;
    private final List<Unit> units = new ArrayList<>();
    private final List<Integer> subprogramStarts = new ArrayList<>();

    private RandomPrograms(long seed) {
        this.random = new Random(seed);
        this.input = new byte[random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(64)];
        random.nextBytes(input);
    }

    /** The helpers the programs expect: the kernel's (for maps) and {@link #HELPER}, which mixes its arguments. */
    public static Helpers helpers() {
        return Helpers.standard().with(HELPER, "mix",
                (a, b, c, d, e, ctx) -> a * 31 + (b ^ c) - Long.rotateLeft(d, 7) + e + ctx.pc());
    }

    /** The program and input for {@code seed}; the same seed always gives the same case. */
    public static Case generate(long seed) {
        return new RandomPrograms(seed).build();
    }

    private Case build() {
        int subprograms = 1 + random.nextInt(3);
        int[] starts = new int[subprograms];
        int[] ends = new int[subprograms];
        // Unit indices are fixed first so jumps and calls can name any of them.
        int[] sizes = new int[subprograms];
        int total = 0;
        for (int s = 0; s < subprograms; s++) {
            sizes[s] = (s == 0 ? 8 : 3) + random.nextInt(s == 0 ? 60 : 24);
            starts[s] = total;
            total += sizes[s];
            ends[s] = total;
        }
        for (int s = 0; s < subprograms; s++) {
            subprogramStarts.add(starts[s]);
            body(s, starts, ends);
        }
        return new Case(Program.of(ProgramType.RAW, encode(link()), MAPS), input);
    }

    /** Fills units [starts[s], ends[s]) of subprogram s; the last is exit (or, rarely, a jump). */
    private void body(int s, int[] starts, int[] ends) {
        int start = starts[s];
        int end = ends[s];
        if (s == 0) {
            units.add(Unit.of(insn(0xbf, 9, 1, 0, 0))); // r9 = input
            units.add(Unit.of(insn(0xb7, 8, 0, 0, 1 + random.nextInt(6)))); // r8 = loop counter
        }
        while (units.size() < end - 1) {
            int here = units.size();
            int pick = random.nextInt(100);
            if (pick < 36) {
                units.add(Unit.of(alu()));
            } else if (pick < 52) {
                units.add(Unit.of(memory()));
            } else if (pick < 56) {
                units.add(lddw());
            } else if (pick < 65) {
                units.add(jump(here, start, end));
            } else if (pick < 69 && here > start) {
                // r8 -= 1; if r8 s> 0 goto somewhere earlier: a loop that ends
                units.add(Unit.of(insn(0x17, 8, 0, 0, 1)));
                if (units.size() < end - 1) {
                    int target = start + random.nextInt(units.size() - start);
                    units.add(new Unit(List.of(insn(0x65, 8, 0, 0, 0)), target, false));
                }
            } else if (pick < 73) {
                units.add(new Unit(List.of(insn(0x85, 0, 0, 0, random.nextInt(15) == 0 ? MISSING_HELPER : HELPER)),
                        -1, false));
            } else if (pick < 79 && mayCall(s, starts.length)) {
                if (random.nextInt(5) == 0 && units.size() < end - 7) {
                    // bpf_loop(1..4, &callee, 0, 0): the helper calls back into the program
                    units.add(Unit.of(insn(0xb7, 1, 0, 0, 1 + random.nextInt(4))));
                    units.add(new Unit(List.of(insn(0x18, 2, 4, 0, 0), insn(0, 0, 0, 0, 0)),
                            starts[callee(s, starts.length)], true));
                    units.add(Unit.of(insn(0xb7, 3, 0, 0, 0)));
                    units.add(Unit.of(insn(0xb7, 4, 0, 0, 0)));
                    units.add(Unit.of(insn(0x85, 0, 0, 0, KernelHelpers.LOOP)));
                } else {
                    units.add(new Unit(List.of(insn(0x85, 0, 1, 0, 0)), starts[callee(s, starts.length)], true));
                }
            } else if (pick < 82 && mayCall(s, starts.length) && units.size() < end - 2) {
                int callee = callee(s, starts.length);
                int reg = 2 + random.nextInt(6);
                units.add(new Unit(List.of(insn(0x18, reg, 4, 0, 0), insn(0, 0, 0, 0, 0)), starts[callee], true));
                units.add(Unit.of(random.nextBoolean() ? insn(0x8d, reg, 0, 0, 0) : insn(0x8d, 0, 0, 0, reg)));
            } else if (pick < 86) {
                units.add(packetLoad());
            } else if (pick < 95 && units.size() < end - 12) {
                mapOperation();
            } else if (pick < 98) {
                int target = start + random.nextInt(end - start);
                units.add(new Unit(List.of(insn(0xe5, 0, 0, 0, 0)), target, false));
            } else {
                units.add(Unit.of(insn(0xb7, random.nextInt(8), 0, 0, random.nextInt(2000) - 1000)));
            }
        }
        if (random.nextInt(25) == 0) { // unverified flow: a conditional jump as the last instruction
            units.add(new Unit(List.of(insn(0x15, random.nextInt(9), 0, 0, random.nextInt(3))),
                    start + random.nextInt(end - start), false));
        } else {
            units.add(Unit.of(insn(0x95, 0, 0, 0, 0)));
        }
    }

    /** Whether subprogram s calls: the last one only rarely, to keep recursion rare. */
    private boolean mayCall(int s, int subprograms) {
        return subprograms > 1 && (s + 1 < subprograms || random.nextInt(10) == 0);
    }

    /** Mostly a later subprogram, so that calls nest but rarely recurse past the frame limit. */
    private int callee(int caller, int subprograms) {
        if (caller + 1 < subprograms && random.nextInt(8) != 0) {
            return caller + 1 + random.nextInt(subprograms - caller - 1);
        }
        return 1 + random.nextInt(subprograms - 1);
    }

    /**
     * r1 = map, key k at r10-4, then a lookup (r0 = value or null; then, usually after a null
     * check, a load or store through it), an update from r10-16, or a delete; or a direct
     * pointer to an array value in a register, then an access through it. Clobbers r1-r5.
     */
    private void mapOperation() {
        int map = random.nextInt(MAPS.size());
        MapSpec spec = MAPS.get(map);
        if (map == 0 && random.nextInt(4) == 0) {
            int reg = 2 + random.nextInt(6);
            int offset = 8 * random.nextInt(spec.maxEntries() * 2);
            units.add(new Unit(List.of(insn(0x18, reg, 6, 0, 0), insn(0, 0, 0, 0, offset)), -1, false));
            units.add(Unit.of(random.nextBoolean() ? insn(0x79, random.nextInt(8), reg, 0, 0)
                    : insn(0x7b, reg, random.nextInt(8), 0, 0)));
            return;
        }
        units.add(Unit.of(insn(0x62, 10, 0, -4, random.nextInt(spec.maxEntries() + 2))));
        units.add(new Unit(List.of(insn(0x18, 1, 5, 0, map), insn(0, 0, 0, 0, 0)), -1, false));
        units.add(Unit.of(insn(0xbf, 2, 10, 0, 0)));
        units.add(Unit.of(insn(0x07, 2, 0, 0, -4)));
        switch (random.nextInt(5)) {
            case 0, 1 -> {
                units.add(Unit.of(insn(0x85, 0, 0, 0, KernelHelpers.MAP_LOOKUP_ELEM)));
                if (random.nextInt(6) != 0) {
                    int skip = units.size() + 2;
                    units.add(new Unit(List.of(insn(0x15, 0, 0, 0, 0)), skip, false));
                }
                int offset = 8 * random.nextInt(spec.valueSize() / 8);
                units.add(Unit.of(random.nextBoolean() ? insn(0x79, 6, 0, offset, 0) : insn(0x7b, 0, 6, offset, 0)));
            }
            case 2, 3 -> {
                units.add(Unit.of(insn(0x7b, 10, random.nextInt(8), -16 - 8 * random.nextInt(2), 0)));
                units.add(Unit.of(insn(0xbf, 3, 10, 0, 0)));
                units.add(Unit.of(insn(0x07, 3, 0, 0, -24)));
                units.add(Unit.of(insn(0xb7, 4, 0, 0, random.nextInt(3))));
                units.add(Unit.of(insn(0x85, 0, 0, 0, KernelHelpers.MAP_UPDATE_ELEM)));
            }
            default -> units.add(Unit.of(insn(0x85, 0, 0, 0, KernelHelpers.MAP_DELETE_ELEM)));
        }
    }

    private Instruction alu() {
        boolean wide = random.nextBoolean();
        int dst = random.nextInt(150) == 0 ? 10 : random.nextInt(8); // rarely r10: engines may not assume it fixed
        int src = random.nextInt(11);
        int kind = random.nextInt(20);
        if (kind == 0) {
            return insn(wide ? 0x87 : 0x84, dst, 0, 0, 0); // neg
        }
        if (kind == 1) {
            int bits = new int[] {16, 32, 64}[random.nextInt(3)];
            int opcode = new int[] {0xd4, 0xdc, 0xd7}[random.nextInt(3)];
            return insn(opcode, dst, 0, 0, bits);
        }
        if (kind == 2) { // movsx
            int bits = wide ? new int[] {8, 16, 32}[random.nextInt(3)] : new int[] {8, 16}[random.nextInt(2)];
            return insn(wide ? 0xbf : 0xbc, dst, src, bits, 0);
        }
        int op = ALU_OPS[random.nextInt(ALU_OPS.length)];
        int offset = (op == 0x30 || op == 0x90) && random.nextBoolean() ? 1 : 0;
        int cls = wide ? 0x07 : 0x04;
        if (random.nextBoolean()) {
            return insn(cls | 0x08 | op, dst, src, offset, 0);
        }
        return insn(cls | op, dst, 0, offset, immediate());
    }

    private int immediate() {
        return immediate(random);
    }

    /** An immediate biased to the values that find bugs: small, shift counts, -1..-4, the extremes. */
    static int immediate(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> random.nextInt();
            case 1 -> random.nextInt(64);
            case 2 -> -1 - random.nextInt(4);
            case 3 -> random.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE;
            default -> random.nextInt(256) - 128;
        };
    }

    private Instruction memory() {
        int size = random.nextInt(4); // W, H, B, DW
        int bytes = new int[] {4, 2, 1, 8}[size];
        boolean stack = random.nextInt(3) != 0;
        int base = stack ? 10 : 9;
        int offset = stack ? -bytes * (1 + random.nextInt(512 / bytes)) : inputOffset(bytes);
        if (random.nextInt(30) == 0) {
            base = random.nextInt(9); // anything, usually a fault
        }
        int sizeBits = size << 3;
        int dst = random.nextInt(8);
        int src = random.nextInt(11);
        return switch (random.nextInt(6)) {
            case 0, 1 -> insn(0x61 | sizeBits, dst, base, offset, 0); // ldx
            case 2 -> insn(size == 3 ? 0x61 | sizeBits : 0x81 | sizeBits, dst, base, offset, 0); // ldsx
            case 3 -> insn(0x62 | sizeBits, base, 0, offset, immediate()); // st
            case 4 -> insn(0x63 | sizeBits, base, src, offset, 0); // stx
            default -> {
                int atomicSize = random.nextBoolean() ? 0x00 : 0x18;
                int atomicOffset = stack ? -8 * (1 + random.nextInt(64)) : inputOffset(8);
                yield insn(0xc3 | atomicSize, base, random.nextInt(10), atomicOffset,
                        ATOMIC_OPS[random.nextInt(ATOMIC_OPS.length)]);
            }
        };
    }

    /** Mostly in bounds of the input for an access of {@code bytes}, sometimes just past it. */
    private int inputOffset(int bytes) {
        if (input.length >= bytes && random.nextInt(12) != 0) {
            return random.nextInt(input.length - bytes + 1);
        }
        return random.nextInt(input.length + 8);
    }

    private Unit lddw() {
        long value = switch (random.nextInt(3)) {
            case 0 -> random.nextLong();
            case 1 -> random.nextInt(1000);
            default -> 1L << random.nextInt(64);
        };
        return new Unit(List.of(insn(0x18, random.nextInt(8), 0, 0, (int) value),
                insn(0, 0, 0, 0, (int) (value >>> 32))), -1, false);
    }

    private Unit jump(int here, int start, int end) {
        boolean wide = random.nextBoolean();
        int op = JUMP_OPS[random.nextInt(JUMP_OPS.length)];
        int cls = wide ? 0x05 : 0x06;
        int target;
        if (random.nextInt(30) == 0) {
            target = random.nextInt(subprogramStarts.get(subprogramStarts.size() - 1) + 1); // unverified flow
        } else if (random.nextInt(10) == 0) {
            target = start + random.nextInt(here - start + 1); // backward: the budget may end it
        } else {
            target = here + 1 + random.nextInt(end - here - 1);
        }
        if (random.nextInt(12) == 0) {
            return new Unit(List.of(insn(wide ? 0x05 : 0x06, 0, 0, 0, 0)), target, false); // ja / gotol
        }
        Instruction insn = random.nextBoolean()
                ? insn(cls | 0x08 | op, random.nextInt(11), random.nextInt(11), 0, 0)
                : insn(cls | op, random.nextInt(11), 0, 0, immediate());
        return new Unit(List.of(insn), target, false);
    }

    private Unit packetLoad() {
        int size = new int[] {0x00, 0x08, 0x10}[random.nextInt(3)];
        if (random.nextBoolean()) {
            return Unit.of(insn(0x20 | size, 0, 0, 0, inputOffset(4)));
        }
        return Unit.of(insn(0x40 | size, 0, random.nextInt(10), 0, random.nextInt(40) - 8));
    }

    /** Lays units out in slots and resolves jump offsets and call immediates. */
    private List<Instruction> link() {
        int[] pcs = new int[units.size() + 1];
        for (int i = 0; i < units.size(); i++) {
            pcs[i + 1] = pcs[i] + units.get(i).slots().size();
        }
        List<Instruction> out = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            Instruction first = u.slots().get(0);
            if (u.target() >= 0) {
                int delta = pcs[u.target()] - pcs[i] - 1;
                boolean immTarget = u.call() || first.opcode() == 0x06; // call, lddw func, gotol
                first = immTarget
                        ? new Instruction(first.opcode(), first.dst(), first.src(), first.offset(), delta)
                        : new Instruction(first.opcode(), first.dst(), first.src(), delta, first.imm());
            }
            out.add(first);
            out.addAll(u.slots().subList(1, u.slots().size()));
        }
        return out;
    }

    private static long[] encode(List<Instruction> insns) {
        return insns.stream().mapToLong(Instruction::toSlot).toArray();
    }

    private static Instruction insn(int opcode, int dst, int src, int offset, int imm) {
        return new Instruction(opcode, dst, src, offset, imm);
    }
}
