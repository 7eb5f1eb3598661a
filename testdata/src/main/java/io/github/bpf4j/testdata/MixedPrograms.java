package io.github.bpf4j.testdata;

import io.github.bpf4j.vm.Encoder;
import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.MapSpec;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random programs that mix safe and unsafe patterns, in four kinds:
 * <ul>
 * <li>raw programs: memory and stack accesses at random offsets (some out of bounds, some
 *     uninitialised), random ALU on scalars and pointers, forward branches on loaded values,
 *     counted loops with random bounds, helper 5;</li>
 * <li>raw programs with one hash or array map: lookups with and without the null check, value
 *     accesses at random offsets, updates and deletes with keys and values on the stack;</li>
 * <li>XDP programs: packet accesses at random offsets with and without a {@code data_end}
 *     check, context fields at random offsets;</li>
 * <li>any of them with {@code may_goto} loops.</li>
 * </ul>
 * Between a third and a half of them are accepted; those must then never fault. The verifier
 * tests and {@code bpf4j fuzz --mode verifier} use them to compare verdicts with the kernel's.
 */
public final class MixedPrograms {
    /** A program (with its type and maps) and, for a raw one, the memory size to verify it for. */
    public record Case(Program program, int memSize) {}

    private enum Kind { RAW, MAP, XDP }

    private static final int[] RAW_SCALARS = {0, 3, 4, 5, 6, 7};
    /** Map programs call helpers, which clobber r1..r5: their scalars live in callee-saved registers. */
    private static final int[] MAP_SCALARS = {0, 6, 7};
    /** XDP programs keep data in r2 and data_end in r3. */
    private static final int[] XDP_SCALARS = {0, 4, 5, 6, 7};
    private static final int HASH = 1;
    private static final int ARRAY = 2;

    private final Random random;
    private final List<Instruction> out = new ArrayList<>();
    private final Kind kind;
    private final int[] scalars;
    private final int memSize;
    private final boolean mayGoto;
    private MapSpec map;

    private MixedPrograms(long seed) {
        random = new Random(seed);
        int k = random.nextInt(20);
        kind = k < 11 ? Kind.RAW : k < 15 ? Kind.MAP : Kind.XDP;
        scalars = kind == Kind.RAW ? RAW_SCALARS : kind == Kind.MAP ? MAP_SCALARS : XDP_SCALARS;
        memSize = kind == Kind.XDP || random.nextInt(10) == 0 ? 0 : 8 + random.nextInt(32);
        mayGoto = random.nextInt(6) == 0;
    }

    /** The program for {@code seed}; the same seed always gives the same program. */
    public static Case generate(long seed) {
        MixedPrograms g = new MixedPrograms(seed);
        return new Case(g.build(), g.memSize);
    }

    private void emit(int opcode, int dst, int src, int off, int imm) {
        out.add(new Instruction(opcode, dst, src, off, imm));
    }

    private int scalar() {
        return scalars[random.nextInt(scalars.length)];
    }

    private Program build() {
        if (kind == Kind.MAP) {
            boolean array = random.nextBoolean();
            int keySize = array || random.nextBoolean() ? 4 : 8;
            map = new MapSpec("m", array ? ARRAY : HASH, keySize, 8 * (1 + random.nextInt(4)), 1 + random.nextInt(16), 0);
        }
        if (kind == Kind.XDP) {
            emit(0x61, 2, 1, 0, 0); // r2 = data
            emit(0x61, 3, 1, 4, 0); // r3 = data_end
        }
        for (int r : scalars) {
            if (random.nextInt(30) != 0) {
                emit(0xb7, r, 0, 0, random.nextInt(41) - 20);
            }
        }
        int n = 3 + random.nextInt(kind == Kind.RAW ? 10 : 6);
        for (int i = 0; i < n; i++) {
            piece();
        }
        if (kind == Kind.XDP && random.nextInt(3) != 0) {
            emit(0xb7, 0, 0, 0, random.nextInt(5)); // an XDP action
        } else if (random.nextInt(10) != 0) {
            emit(0xbf, 0, scalar(), 0, 0);
        }
        emit(0x95, 0, 0, 0, 0);
        ProgramType type = kind == Kind.XDP ? ProgramType.XDP : ProgramType.RAW;
        return Program.of(type, Encoder.encode(out), map == null ? List.of() : List.of(map));
    }

    private void piece() {
        if (random.nextInt(40) == 0) {
            rareMistake();
            return;
        }
        if (mayGoto && random.nextInt(8) == 0) {
            mayGotoLoop();
            return;
        }
        switch (kind) {
            case MAP -> {
                if (random.nextInt(5) < 3) {
                    mapPiece();
                    return;
                }
            }
            case XDP -> {
                if (random.nextInt(2) == 0) {
                    packetPiece();
                    return;
                }
            }
            default -> { }
        }
        commonPiece();
    }

    private void commonPiece() {
        int[] sizes = {0x18, 0x00, 0x08, 0x10};
        int[] bytes = {8, 4, 2, 1};
        int s = random.nextInt(4);
        int which = random.nextInt(12);
        if (kind != Kind.RAW && (which <= 2 || which == 7)) {
            which = 5; // no raw memory: ALU instead
        }
        if (kind == Kind.XDP && which == 10) {
            which = 6; // a call would clobber data and data_end
        }
        switch (which) {
            case 0, 1 -> emit(0x61 & ~0x18 | sizes[s], scalar(), 1, memOffset(bytes[s]), 0); // load from memory
            case 2 -> emit(0x63 & ~0x18 | sizes[s], 1, scalar(), memOffset(bytes[s]), 0); // store to memory
            case 3 -> emit(0x63 & ~0x18 | sizes[s], 10, scalar(), stackOffset(bytes[s]), 0); // store to stack
            case 4 -> emit(0x61 & ~0x18 | sizes[s], scalar(), 10, stackOffset(bytes[s]), 0); // load from stack
            case 5, 6 -> alu();
            case 7 -> { // pointer arithmetic on a copy of the memory pointer, then an access
                int p = 8;
                emit(0xbf, p, 1, 0, 0);
                if (random.nextInt(5) != 0) {
                    emit(0x07, p, 0, 0, random.nextInt(memSize + 2));
                } else {
                    int r = scalar();
                    emit(0x57, r, 0, 0, random.nextInt(16));
                    emit(0x0f, p, r, 0, 0);
                }
                emit(0x71, scalar(), p, 0, 0);
            }
            case 8 -> { // forward branch over a few pieces
                int before = out.size();
                emit(0x25 + 0x10 * random.nextInt(2), scalar(), 0, 0, random.nextInt(64));
                int start = out.size();
                piece();
                out.set(before, withOffset(out.get(before), out.size() - start));
            }
            case 9 -> { // counted loop
                int counter = 9;
                int bound = 1 + random.nextInt(random.nextInt(10) == 0 ? 300 : 12);
                emit(0xb7, counter, 0, 0, 0);
                int top = out.size();
                piece();
                emit(0x07, counter, 0, 0, 1);
                emit(0xa5, counter, 0, top - out.size() - 1, bound);
            }
            case 10 -> emit(0x85, 0, 0, 0, 5);
            default -> { // stack pointer arithmetic then an access
                int p = 8;
                emit(0xbf, p, 10, 0, 0);
                emit(0x07, p, 0, 0, -8 * (1 + random.nextInt(64)));
                emit(0x7a, p, 0, random.nextInt(3) * 8 - 8, 1);
            }
        }
    }

    private void alu() {
        int[] ops = {0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x90, 0xa0, 0xc0};
        int op = ops[random.nextInt(ops.length)];
        int cls = random.nextBoolean() ? 0x07 : 0x04;
        if (random.nextBoolean()) {
            emit(cls | op | 0x08, scalar(), scalar(), 0, 0);
        } else {
            int imm = (op == 0x60 || op == 0x70 || op == 0xc0) ? random.nextInt(cls == 0x07 ? 64 : 32)
                    : random.nextInt(2001) - 1000;
            if ((op == 0x30 || op == 0x90) && imm == 0) {
                imm = 7;
            }
            emit(cls | op, scalar(), 0, 0, imm);
        }
    }

    private int memOffset(int size) {
        return random.nextInt(14) == 0 ? random.nextInt(memSize + 8) - 4 : random.nextInt(Math.max(1, memSize - size + 1));
    }

    private int stackOffset(int size) {
        return random.nextInt(14) == 0 ? -8 * (random.nextInt(66)) : -size * (1 + random.nextInt(512 / size));
    }

    /**
     * {@code top: may_goto out; body; goto top; out:} — the kernel bounds it by a hidden counter
     * and explores the body until its states repeat; sometimes the body also counts.
     */
    private void mayGotoLoop() {
        boolean counts = random.nextInt(3) == 0;
        int counter = 9;
        if (counts) {
            emit(0xb7, counter, 0, 0, 0);
        }
        int head = out.size();
        emit(0xe5, 0, 0, 0, 0);
        if (counts) {
            emit(0x07, counter, 0, 0, 1);
        }
        piece();
        if (random.nextInt(8) != 0) {
            emit(0x05, 0, 0, head - out.size() - 1, 0); // goto top
        }
        out.set(head, withOffset(out.get(head), out.size() - head - 1));
    }

    /** A lookup (null-checked or not) and accesses to the value, an update or a delete. */
    private void mapPiece() {
        int choice = random.nextInt(10);
        keyOnStack();
        if (choice < 6) {
            emit(0xbf, 2, 10, 0, 0);
            emit(0x07, 2, 0, 0, -8);
            loadMap(1);
            emit(0x85, 0, 0, 0, 1); // map_lookup_elem
            boolean check = random.nextInt(4) != 0;
            int jump = out.size();
            if (check) {
                emit(random.nextInt(10) == 0 ? 0x55 : 0x15, 0, 0, 0, 0); // if r0 == 0 (rarely != 0) goto out
            }
            int start = out.size();
            int accesses = 1 + random.nextInt(2);
            for (int i = 0; i < accesses; i++) {
                valueAccess();
            }
            if (check) {
                out.set(jump, withOffset(out.get(jump), out.size() - start));
            }
            return;
        }
        if (choice < 9) {
            int valueAt = -8 - roundUp8(map.valueSize());
            for (int off = valueAt; off < -8; off += 8) {
                if (random.nextInt(12) != 0) {
                    emit(0x7a, 10, 0, off, random.nextInt(100)); // the value, 8 bytes at a time
                }
            }
            emit(0xbf, 2, 10, 0, 0);
            emit(0x07, 2, 0, 0, -8);
            emit(0xbf, 3, 10, 0, 0);
            emit(0x07, 3, 0, 0, random.nextInt(10) == 0 ? valueAt + 8 : valueAt);
            if (random.nextInt(12) != 0) {
                emit(0xb7, 4, 0, 0, random.nextInt(15) == 0 ? 7 : random.nextInt(3)); // flags
            }
            loadMap(1);
            emit(0x85, 0, 0, 0, 2); // map_update_elem
            return;
        }
        emit(0xbf, 2, 10, 0, 0);
        emit(0x07, 2, 0, 0, -8);
        loadMap(1);
        emit(0x85, 0, 0, 0, 3); // map_delete_elem
    }

    /** The key at fp-8: usually all of it written, sometimes part or none. */
    private void keyOnStack() {
        int r = random.nextInt(12);
        if (r == 0) {
            return;
        }
        int key = random.nextInt(map.maxEntries() + 2);
        if (r == 1 || map.keySize() == 4) {
            emit(0x62, 10, 0, -8, key); // *(u32 *)(fp - 8) = key
        } else {
            emit(0x7a, 10, 0, -8, key); // *(u64 *)(fp - 8) = key
        }
    }

    private void loadMap(int dst) {
        emit(0x18, dst, 1, 0, 0); // ld_pseudo map 0
        emit(0x00, 0, 0, 0, 0);
    }

    /** A load or store through r0 at a random offset of the value, sometimes past it or variable. */
    private void valueAccess() {
        int[] sizes = {0x18, 0x00, 0x08, 0x10};
        int[] bytes = {8, 4, 2, 1};
        int s = random.nextInt(4);
        int vs = map.valueSize();
        int off = random.nextInt(8) == 0 ? random.nextInt(vs + 8) - 4 : bytes[s] * random.nextInt(Math.max(1, vs / bytes[s]));
        int r = random.nextInt(10);
        if (r == 0) {
            int idx = scalar();
            emit(0x57, idx, 0, 0, random.nextBoolean() ? vs - 1 : 2 * vs - 1);
            emit(0x0f, 0, idx, 0, 0); // r0 += masked scalar
            emit(0x71, scalar(), 0, 0, 0);
        } else if (r < 4) {
            emit(0x63 & ~0x18 | sizes[s], 0, scalar(), off, 0);
        } else if (r == 4) {
            emit(0x62 & ~0x18 | sizes[s], 0, 0, off, random.nextInt(50));
        } else {
            int dst = random.nextInt(6) == 0 ? 0 : scalar();
            emit(0x61 & ~0x18 | sizes[s], dst, 0, off, 0);
        }
    }

    /** A packet access: after a data_end check of n bytes (sometimes none), at a random offset. */
    private void packetPiece() {
        int[] sizes = {0x18, 0x00, 0x08, 0x10};
        int[] bytes = {8, 4, 2, 1};
        int s = random.nextInt(4);
        int size = bytes[s];
        int n = random.nextInt(10) == 0 ? 1 + random.nextInt(size) : size + random.nextInt(random.nextInt(4) == 0 ? 64 : 16);
        int off = random.nextInt(8) == 0 ? random.nextInt(n + 8) - 2 : random.nextInt(Math.max(1, n - size + 1));
        int r = random.nextInt(12);
        if (r == 0) { // unchecked
            emit(0x61 & ~0x18 | sizes[s], scalar(), 2, off, 0);
            return;
        }
        if (r == 1) { // a context field at a random offset
            int ctxOff = random.nextInt(4) == 0 ? random.nextInt(28) : 4 * random.nextInt(7);
            emit(random.nextInt(5) == 0 ? 0x79 : 0x61, scalar(), 1, ctxOff, 0);
            return;
        }
        int p = 8;
        emit(0xbf, p, 2, 0, 0);
        emit(0x07, p, 0, 0, n);
        int jump = out.size();
        boolean flipped = random.nextBoolean();
        if (flipped) {
            emit(0xad, 3, p, 0, 0); // if data_end < data + n goto out
        } else {
            emit(0x2d, p, 3, 0, 0); // if data + n > data_end goto out
        }
        int start = out.size();
        int accesses = 1 + random.nextInt(2);
        for (int i = 0; i < accesses; i++) {
            if (r == 2) {
                emit(0x62 & ~0x18 | sizes[s], 2, 0, off, random.nextInt(256)); // store
            } else if (r == 3) { // a variable offset from a loaded byte, checked again (or not)
                int idx = scalar();
                emit(0x71, idx, 2, 0, 0);
                emit(0x57, idx, 0, 0, random.nextInt(16));
                emit(0xbf, p, 2, 0, 0);
                emit(0x0f, p, idx, 0, 0);
                if (random.nextInt(4) != 0) {
                    int q = idx == 0 ? 4 : 0;
                    emit(0xbf, q, p, 0, 0);
                    emit(0x07, q, 0, 0, 1 + random.nextInt(2));
                    emit(0x2d, q, 3, 1, 0); // if q > data_end skip the access
                }
                emit(0x71, scalar(), p, 0, 0);
            } else {
                emit(0x61 & ~0x18 | sizes[s], scalar(), 2, off, 0);
            }
            off = random.nextInt(Math.max(1, n - size + 1));
        }
        out.set(jump, withOffset(out.get(jump), out.size() - start));
    }

    private static int roundUp8(int v) {
        return (v + 7) / 8 * 8;
    }

    /** One of the errors a learner makes, each with its own kernel message. */
    private void rareMistake() {
        switch (random.nextInt(8)) {
            case 0 -> emit(0xb7, 10, 0, 0, 0); // r10 = 0
            case 1 -> emit(0x37, scalar(), 0, 0, 0); // r /= 0
            case 2 -> emit(0x67, scalar(), 0, 0, 64); // r <<= 64
            case 3 -> emit(0x7a, 10, 0, -8 * (65 + random.nextInt(3)), 0); // below the stack
            case 4 -> {
                emit(0xbf, 8, 10, 0, 0);
                emit(0x27, 8, 0, 0, 2); // pointer *= 2
            }
            case 5 -> emit(0x85, 0, 0, 0, 1000 + random.nextInt(100)); // no such helper
            case 6 -> emit(0xbf, scalar(), 9, 0, 0); // r = r9 (set only by loops)
            default -> emit(0x7b, 10, scalar(), -8 * random.nextInt(4) - 4, 0); // misaligned store
        }
    }

    private static Instruction withOffset(Instruction i, int off) {
        return new Instruction(i.opcode(), i.dst(), i.src(), off, i.imm());
    }
}
