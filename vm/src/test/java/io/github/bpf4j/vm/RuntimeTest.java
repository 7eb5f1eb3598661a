package io.github.bpf4j.vm;

import static org.junit.jupiter.api.Assertions.*;

import io.github.bpf4j.vm.maps.BpfMap;
import io.github.bpf4j.vm.maps.MapType;
import io.github.bpf4j.vm.maps.ProgArrayMap;
import io.github.bpf4j.vm.maps.RingBufferMap;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Programs with maps, helpers and contexts on the interpreter; expected values follow the kernel's helper semantics. */
class RuntimeTest {
    static Instruction i(int opcode, int dst, int src, int off, int imm) {
        return new Instruction(opcode, dst, src, off, imm);
    }

    static final Instruction EXIT = i(0x95, 0, 0, 0, 0);

    /** lddw dst with a pseudo source (map index, function offset) as two instructions. */
    static List<Instruction> lddw(int dst, int src, int imm, int next) {
        return List.of(i(0x18, dst, src, 0, imm), i(0, 0, 0, 0, next));
    }

    static Program program(ProgramType type, List<MapSpec> maps, Object... parts) {
        List<Instruction> insns = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof Instruction insn) {
                insns.add(insn);
            } else {
                @SuppressWarnings("unchecked")
                List<Instruction> list = (List<Instruction>) p;
                insns.addAll(list);
            }
        }
        return Program.of(type, Encoder.encode(insns), maps);
    }

    static long u64(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    static final MapSpec COUNTER = new MapSpec("counter", MapType.ARRAY, 4, 8, 1, 0);

    /** key 0 on the stack, lookup, atomically add 1 through the returned pointer, return the new count. */
    static Program counter() {
        return program(ProgramType.RAW, List.of(COUNTER),
                lddw(1, Opcodes.PSEUDO_MAP_FD, 0, 0),
                i(0x62, 10, 0, -4, 0),
                i(0xbf, 2, 10, 0, 0),
                i(0x07, 2, 0, 0, -4),
                i(0x85, 0, 0, 0, 1),
                i(0x15, 0, 0, 3, 0),
                i(0xb7, 1, 0, 0, 1),
                i(0xdb, 0, 1, 0, 0),
                i(0x79, 0, 0, 0, 0),
                EXIT);
    }

    @Test
    void lookupReturnsAPointerIntoTheMap() {
        try (LoadedProgram p = new Interpreter().load(counter(), LoadOptions.defaults())) {
            p.run(null);
            p.run(null);
            assertEquals(3, p.run(null).r0());
            assertEquals(3, u64(p.programMaps().get(0).lookup(new byte[4])));
        }
    }

    @Test
    void programsShareMapsGivenAtLoad() {
        BpfMap shared = io.github.bpf4j.vm.maps.BpfMaps.create(COUNTER);
        LoadOptions options = LoadOptions.defaults().withMaps(List.of(shared));
        try (LoadedProgram a = new Interpreter().load(counter(), options);
             LoadedProgram b = new Interpreter().load(counter(), options)) {
            a.run(null);
            assertEquals(2, b.run(null).r0());
        }
    }

    @Test
    void mapHandleIsNotMemory() {
        // r0 = *(u64 *)(map handle): map structure is never addressable.
        Program p = program(ProgramType.RAW, List.of(COUNTER), lddw(1, Opcodes.PSEUDO_MAP_FD, 0, 0),
                i(0x79, 0, 1, 0, 0), EXIT);
        try (LoadedProgram loaded = new Interpreter().load(p, LoadOptions.defaults())) {
            BpfFault f = assertThrows(BpfFault.class, () -> loaded.run(null));
            assertEquals(BpfFault.Kind.OUT_OF_BOUNDS, f.kind());
            assertEquals(2, f.pc());
        }
    }

    @Test
    void mapValueLddwPointsIntoTheSlab() {
        // r1 = &map[0] + 4 (BPF_PSEUDO_MAP_VALUE); *(u32 *)r1 = 7
        Program p = program(ProgramType.RAW, List.of(COUNTER), lddw(1, Opcodes.PSEUDO_MAP_VALUE, 0, 4),
                i(0x62, 1, 0, 0, 7), i(0xb7, 0, 0, 0, 0), EXIT);
        try (LoadedProgram loaded = new Interpreter().load(p, LoadOptions.defaults())) {
            loaded.run(null);
            assertEquals(7L << 32, u64(loaded.programMaps().get(0).lookup(new byte[4])));
        }
    }

    @Test
    void xdpContextPointersResolveToThePacket() {
        Program p = program(ProgramType.XDP, List.of(),
                i(0x61, 2, 1, 0, 0), // r2 = ctx->data
                i(0x61, 3, 1, 4, 0), // r3 = ctx->data_end
                i(0xbf, 4, 2, 0, 0),
                i(0x07, 4, 0, 0, 14),
                i(0x2d, 4, 3, 2, 0), // if r4 > r3 goto drop
                i(0x71, 0, 2, 12, 0), // r0 = data[12]
                EXIT,
                i(0xb7, 0, 0, 0, 0),
                EXIT);
        byte[] packet = new byte[60];
        packet[12] = 0x08;
        try (LoadedProgram loaded = new Interpreter().load(p, LoadOptions.defaults())) {
            RunResult r = loaded.runOn(RunInput.packet(packet));
            assertEquals(8, r.r0());
            assertArrayEquals(packet, r.memory());
        }
    }

    @Test
    void xdpAdjustHeadShrinksThePacket() {
        Program p = program(ProgramType.XDP, List.of(),
                i(0xb7, 2, 0, 0, 14), i(0x85, 0, 0, 0, 44), EXIT);
        byte[] packet = new byte[64];
        packet[14] = 0x45;
        try (LoadedProgram loaded = new Interpreter().load(p, LoadOptions.defaults())) {
            RunResult r = loaded.runOn(RunInput.packet(packet));
            assertEquals(0, r.r0());
            assertEquals(50, r.memory().length);
            assertEquals(0x45, r.memory()[0]);
        }
    }

    @Test
    void xdpAdjustTailGrowsWithZeroesAndRefusesBelowAnEthernetHeader() {
        // r6 = ctx; adjust_tail(ctx, r7 = imm) ; return what it returned
        Program grow = program(ProgramType.XDP, List.of(), i(0xb7, 2, 0, 0, 4), i(0x85, 0, 0, 0, 65), EXIT);
        Program shrink = program(ProgramType.XDP, List.of(), i(0xb7, 2, 0, 0, -47), i(0x85, 0, 0, 0, 65), EXIT);
        byte[] packet = new byte[60];
        java.util.Arrays.fill(packet, (byte) 7);
        try (LoadedProgram g = new Interpreter().load(grow, LoadOptions.defaults());
             LoadedProgram s = new Interpreter().load(shrink, LoadOptions.defaults())) {
            RunResult r = g.runOn(RunInput.packet(packet));
            assertEquals(0, r.r0());
            assertEquals(64, r.memory().length);
            assertEquals(0, r.memory()[63]);
            RunResult refused = s.runOn(RunInput.packet(packet)); // 13 bytes would be left
            assertEquals(-22, refused.r0()); // -EINVAL
            assertEquals(60, refused.memory().length);
        }
    }

    @Test
    void userHelperWithItsPrototypeAndAnUnknownNumber() {
        Helpers helpers = Helpers.standard().with(1000,
                HelperPrototype.of("twice", HelperPrototype.Return.INTEGER, HelperPrototype.Arg.ANYTHING),
                (r1, r2, r3, r4, r5, ctx) -> 2 * r1);
        Program p = program(ProgramType.RAW, List.of(), i(0xb7, 1, 0, 0, 21), i(0x85, 0, 0, 0, 1000), EXIT);
        try (LoadedProgram loaded = new Interpreter().load(p, LoadOptions.defaults().withHelpers(helpers))) {
            assertEquals(42, loaded.run(null).r0());
        }
        assertEquals(List.of(HelperPrototype.Arg.ANYTHING), helpers.prototype(1000).args());
        assertEquals(HelperPrototype.Return.PTR_TO_MAP_VALUE_OR_NULL, helpers.prototype(1).returns());
        Program unknown = program(ProgramType.RAW, List.of(), i(0x85, 0, 0, 0, 999), EXIT);
        try (LoadedProgram loaded = new Interpreter().load(unknown, LoadOptions.defaults())) {
            BpfFault f = assertThrows(BpfFault.class, () -> loaded.run(null));
            assertEquals(BpfFault.Kind.UNKNOWN_HELPER, f.kind());
            assertEquals("pc 0: unknown helper: no helper helper#999", f.getMessage());
        }
    }

    @Test
    void mapOfMapsLookupYieldsTheInnerMap() {
        MapSpec outerSpec = new MapSpec("outer", MapType.ARRAY_OF_MAPS, 4, 4, 2, 0);
        // key 0 on the stack; inner = lookup(outer, key); if null return 99; v = lookup(inner, key); return *v
        Program p = program(ProgramType.RAW, List.of(outerSpec),
                i(0x62, 10, 0, -4, 0),
                lddw(1, Opcodes.PSEUDO_MAP_FD, 0, 0),
                i(0xbf, 2, 10, 0, 0), i(0x07, 2, 0, 0, -4),
                i(0x85, 0, 0, 0, 1),
                i(0x55, 0, 0, 2, 0), // if r0 != 0 goto +2
                i(0xb7, 0, 0, 0, 99), EXIT,
                i(0xbf, 1, 0, 0, 0),
                i(0xbf, 2, 10, 0, 0), i(0x07, 2, 0, 0, -4),
                i(0x85, 0, 0, 0, 1),
                i(0x79, 0, 0, 0, 0),
                EXIT);
        BpfMap inner = io.github.bpf4j.vm.maps.BpfMaps.create(new MapSpec("inner", MapType.ARRAY, 4, 8, 1, 0));
        inner.update(new byte[4], new byte[] {7, 0, 0, 0, 0, 0, 0, 0}, 0);
        io.github.bpf4j.vm.maps.MapOfMaps outer = (io.github.bpf4j.vm.maps.MapOfMaps) io.github.bpf4j.vm.maps.BpfMaps.create(outerSpec);
        try (LoadedProgram loaded = new Interpreter().load(p, LoadOptions.defaults().withMaps(List.of(outer)))) {
            assertEquals(99, loaded.run(null).r0());
            outer.put(new byte[4], inner, 0);
            assertEquals(7, loaded.run(null).r0());
        }
    }

    @Test
    void socketFilterLdAbsStartsAtTheNetworkHeader() {
        // r6 = r1; r0 = LD_ABS H [0]; exit — skb->data is past the Ethernet header for socket filters
        Program p = program(ProgramType.SOCKET_FILTER, List.of(), i(0xbf, 6, 1, 0, 0), i(0x28, 0, 0, 0, 0), EXIT);
        byte[] packet = new byte[34];
        packet[14] = 0x45;
        try (LoadedProgram loaded = new Interpreter().load(p, LoadOptions.defaults())) {
            assertEquals(0x4500, loaded.runOn(RunInput.packet(packet)).r0());
        }
    }

    @Test
    void bpfLoopCallsTheCallbackWithTheCallersStack() {
        Program p = program(ProgramType.RAW, List.of(),
                i(0x7a, 10, 0, -8, 0),
                i(0xb7, 1, 0, 0, 10),
                lddw(2, Opcodes.PSEUDO_FUNC, 7, 0),
                i(0xbf, 3, 10, 0, 0),
                i(0x07, 3, 0, 0, -8),
                i(0xb7, 4, 0, 0, 0),
                i(0x85, 0, 0, 0, 181),
                i(0x79, 0, 10, -8, 0),
                EXIT,
                // callback(index, ctx): *ctx += index; return 0
                i(0x79, 3, 2, 0, 0),
                i(0x0f, 3, 1, 0, 0),
                i(0x7b, 2, 3, 0, 0),
                i(0xb7, 0, 0, 0, 0),
                EXIT);
        try (LoadedProgram loaded = new Interpreter().load(p, LoadOptions.defaults())) {
            RunResult r = loaded.run(null);
            assertEquals(45, r.r0());
            assertEquals(9 + 10 * 5, r.instructions());
        }
    }

    @Test
    void bpfLoopWithAFunctionPointerMovedPastTheEndFaultsAtTheCall() {
        // found by JitMatchesInterpreterProperties: the callback's pc was used unchecked
        Program p = program(ProgramType.RAW, List.of(),
                lddw(2, Opcodes.PSEUDO_FUNC, 7, 0),
                i(0x07, 2, 0, 0, 100),
                i(0xb7, 1, 0, 0, 1),
                i(0xb7, 3, 0, 0, 0),
                i(0xb7, 4, 0, 0, 0),
                i(0x85, 0, 0, 0, 181),
                EXIT,
                i(0xb7, 0, 0, 0, 0),
                EXIT);
        try (LoadedProgram loaded = new Interpreter().load(p, LoadOptions.defaults())) {
            BpfFault fault = assertThrows(BpfFault.class, () -> loaded.run(null));
            assertEquals(BpfFault.Kind.OUT_OF_BOUNDS, fault.kind());
            assertEquals(6, fault.pc());
        }
    }

    /** trace_printk(format on the stack from an lddw of its 8 bytes, size, 42). */
    static Program printk(int low, int high, int size) {
        return program(ProgramType.RAW, List.of(),
                lddw(1, 0, low, high),
                i(0x7b, 10, 1, -8, 0),
                i(0xbf, 1, 10, 0, 0),
                i(0x07, 1, 0, 0, -8),
                i(0xb7, 2, 0, 0, size),
                i(0xb7, 3, 0, 0, 42),
                i(0x85, 0, 0, 0, 6),
                EXIT);
    }

    @Test
    void tracePrintkGoesToTheSink() {
        List<String> lines = new ArrayList<>();
        LoadOptions options = LoadOptions.defaults().withTrace(lines::add);
        // "%v=d\n": bytes 25 76 3d 64 0a 00, and "%v" is no conversion
        try (LoadedProgram loaded = new Interpreter().load(printk(0x643d7625, 0x0a, 6), options)) {
            assertThrows(BpfFault.class, () -> loaded.run(null));
        }
        // "xv=%d\n"
        try (LoadedProgram loaded = new Interpreter().load(printk(0x25_3d_76_78, 0x0a_64, 7), options)) {
            assertEquals(6, loaded.run(null).r0()); // bytes written, newline included
        }
        assertEquals(List.of("xv=42"), lines);
    }

    @Test
    void tailCallJumpsAndNeverReturns() {
        MapSpec jumps = new MapSpec("jumps", MapType.PROG_ARRAY, 4, 4, 2, 0);
        Program caller = program(ProgramType.RAW, List.of(jumps),
                lddw(2, Opcodes.PSEUDO_MAP_FD, 0, 0), i(0xb7, 3, 0, 0, 1), i(0x85, 0, 0, 0, 12),
                i(0xb7, 0, 0, 0, 1), EXIT);
        Program callee = program(ProgramType.RAW, List.of(jumps), i(0xb7, 0, 0, 0, 2), EXIT);
        ProgArrayMap array = (ProgArrayMap) io.github.bpf4j.vm.maps.BpfMaps.create(jumps);
        LoadOptions options = LoadOptions.defaults().withMaps(List.of(array));
        try (LoadedProgram a = new Interpreter().load(caller, options);
             LoadedProgram b = new Interpreter().load(callee, options)) {
            assertEquals(1, a.run(null).r0());
            array.set(1, b);
            RunResult r = a.run(null);
            assertEquals(2, r.r0());
            assertEquals(3 + 2, r.instructions()); // lddw, mov, call; then the callee's two
            array.set(1, a); // a program tail-calling itself stops after 33 tail calls
            assertEquals(1, a.run(null).r0());
        }
    }

    @Test
    void ringbufReserveSubmit() {
        MapSpec rb = new MapSpec("events", MapType.RINGBUF, 0, 0, 4096, 0);
        Program p = program(ProgramType.RAW, List.of(rb),
                lddw(1, Opcodes.PSEUDO_MAP_FD, 0, 0), i(0xb7, 2, 0, 0, 8), i(0xb7, 3, 0, 0, 0),
                i(0x85, 0, 0, 0, 131),
                i(0x15, 0, 0, 4, 0),
                i(0x7a, 0, 0, 0, 0x1234),
                i(0xbf, 1, 0, 0, 0), i(0xb7, 2, 0, 0, 0), i(0x85, 0, 0, 0, 132),
                i(0xb7, 0, 0, 0, 0), EXIT);
        try (LoadedProgram loaded = new Interpreter().load(p, LoadOptions.defaults())) {
            loaded.run(null);
            loaded.run(null);
            List<byte[]> records = ((RingBufferMap) loaded.programMaps().get(0)).poll();
            assertEquals(2, records.size());
            assertEquals(0x1234, u64(records.get(1)));
        }
    }
}
