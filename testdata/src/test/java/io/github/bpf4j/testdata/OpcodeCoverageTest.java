package io.github.bpf4j.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.Program;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Opcode coverage of the project's corpus: every instruction of RFC 9669 (and the Linux
 * additions bpf4j runs: may_goto, load-acquire/store-release, LD_ABS/LD_IND) must appear in at
 * least one case whose expected r0 is not 0, so that a wrong implementation of it shows.
 */
class OpcodeCoverageTest {

    /** One distinct instruction of the ISA: a name and how to recognise its encoding. */
    record Variant(String name, Predicate<Instruction> matches) {}

    /** A corpus case reduced to what coverage needs. */
    record CaseProgram(String name, Long expected, Program program) {}

    private static final String[] ALU_NAMES = {"add", "sub", "mul", "div", "or", "and", "lsh", "rsh",
        "neg", "mod", "xor", "mov", "arsh"};

    /** The instruction list, built from the tables of RFC 9669 §4 and §5. */
    static List<Variant> isa() {
        List<Variant> list = new ArrayList<>();
        // §4.1 arithmetic, both classes, both sources; sdiv/smod are div/mod with offset 1,
        // movsx is mov (register source) with offset 8/16/32 (32 only in ALU64).
        for (int cls : new int[] {0x04, 0x07}) {
            String width = cls == 0x04 ? "32" : "64";
            for (int i = 0; i < ALU_NAMES.length; i++) {
                String name = ALU_NAMES[i];
                int code = i << 4;
                if (name.equals("neg")) {
                    list.add(opcode("neg" + width, code | cls));
                    continue;
                }
                for (int src : new int[] {0x00, 0x08}) {
                    int op = code | src | cls;
                    String suffix = width + (src == 0 ? " imm" : " reg");
                    list.add(opcodeOffset(name + suffix, op, 0));
                    if (name.equals("div") || name.equals("mod")) {
                        list.add(opcodeOffset("s" + name + suffix, op, 1));
                    }
                    if (name.equals("mov") && src == 0x08) {
                        for (int bits : cls == 0x04 ? new int[] {8, 16} : new int[] {8, 16, 32}) {
                            list.add(opcodeOffset("movsx" + bits + " to " + width, op, bits));
                        }
                    }
                }
            }
        }
        // §4.2 byte swaps: le/be in ALU, bswap in ALU64, each with width 16/32/64 in imm.
        for (int bits : new int[] {16, 32, 64}) {
            list.add(opcodeImm("le" + bits, 0xd4, bits));
            list.add(opcodeImm("be" + bits, 0xdc, bits));
            list.add(opcodeImm("bswap" + bits, 0xd7, bits));
        }
        // §4.3 jumps: JMP and JMP32 conditionals, JA and JA32 (gotol), calls, exit.
        String[] jumps = {null, "jeq", "jgt", "jge", "jset", "jne", "jsgt", "jsge", null, null, "jlt", "jle",
            "jslt", "jsle"};
        for (int cls : new int[] {0x05, 0x06}) {
            for (int i = 0; i < jumps.length; i++) {
                if (jumps[i] == null) {
                    continue;
                }
                for (int src : new int[] {0x00, 0x08}) {
                    list.add(opcode(jumps[i] + (cls == 0x06 ? "32" : "") + (src == 0 ? " imm" : " reg"),
                            i << 4 | src | cls));
                }
            }
        }
        list.add(opcode("ja", 0x05));
        list.add(opcode("gotol (ja32)", 0x06));
        list.add(new Variant("call helper", in -> in.opcode() == 0x85 && in.src() == 0));
        list.add(new Variant("call local", in -> in.opcode() == 0x85 && in.src() == 1));
        list.add(opcode("callx", 0x8d));
        list.add(opcode("exit", 0x95));
        list.add(opcode("may_goto", 0xe5));
        // §5.1 and §5.2 loads and stores of every size, §5.4 lddw (plain constant form).
        String[] sizes = {"u32", "u16", "u8", "u64"};
        for (int s = 0; s < 4; s++) {
            int size = s << 3;
            list.add(opcode("ldx " + sizes[s], 0x61 | size));
            list.add(opcode("st " + sizes[s], 0x62 | size));
            list.add(opcode("stx " + sizes[s], 0x63 | size));
            if (s < 3) {
                list.add(opcode("ldxs " + sizes[s].replace('u', 's'), 0x81 | size));
                list.add(opcode("ld_abs " + sizes[s], 0x20 | size));
                list.add(opcode("ld_ind " + sizes[s], 0x40 | size));
            }
        }
        list.add(new Variant("lddw", in -> in.opcode() == 0x18 && in.src() == 0));
        // §5.3 atomics (32 and 64 bit), and the Linux load-acquire/store-release of every size.
        Map<Integer, String> atomics = new LinkedHashMap<>();
        atomics.put(0x00, "add");
        atomics.put(0x40, "or");
        atomics.put(0x50, "and");
        atomics.put(0xa0, "xor");
        for (int cls : new int[] {0xc3, 0xdb}) {
            String width = cls == 0xc3 ? "32" : "64";
            for (Map.Entry<Integer, String> a : atomics.entrySet()) {
                list.add(opcodeImm("atomic " + a.getValue() + width, cls, a.getKey()));
                list.add(opcodeImm("atomic fetch_" + a.getValue() + width, cls, a.getKey() | 1));
            }
            list.add(opcodeImm("atomic xchg" + width, cls, 0xe1));
            list.add(opcodeImm("atomic cmpxchg" + width, cls, 0xf1));
        }
        for (int s = 0; s < 4; s++) {
            int op = 0xc3 | s << 3;
            list.add(opcodeImm("load_acquire " + sizes[s], op, 0x100));
            list.add(opcodeImm("store_release " + sizes[s], op, 0x110));
        }
        return list;
    }

    private static Variant opcode(String name, int op) {
        return new Variant(name, in -> in.opcode() == op);
    }

    private static Variant opcodeOffset(String name, int op, int offset) {
        return new Variant(name, in -> in.opcode() == op && in.offset() == offset);
    }

    private static Variant opcodeImm(String name, int op, int imm) {
        return new Variant(name, in -> in.opcode() == op && in.imm() == imm);
    }

    /** The instructions of a program, the second slot of each lddw left out. */
    static List<Instruction> instructions(Program program) {
        List<Instruction> out = new ArrayList<>();
        List<Instruction> all = program.instructions();
        for (int pc = 0; pc < all.size(); pc++) {
            out.add(all.get(pc));
            if (all.get(pc).isLddw()) {
                pc++;
            }
        }
        return out;
    }

    /** For each variant, the names of the cases with a non-zero expected r0 that contain it. */
    static Map<String, List<String>> coverage(List<Variant> isa, List<CaseProgram> cases) {
        Map<String, List<String>> covered = new LinkedHashMap<>();
        isa.forEach(v -> covered.put(v.name(), new ArrayList<>()));
        for (CaseProgram c : cases) {
            if (c.expected() == null || c.expected() == 0) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (Instruction in : instructions(c.program())) {
                for (Variant v : isa) {
                    if (v.matches().test(in) && seen.add(v.name())) {
                        covered.get(v.name()).add(c.name());
                    }
                }
            }
        }
        return covered;
    }

    static List<String> missing(Map<String, List<String>> coverage) {
        return coverage.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    private static List<CaseProgram> corpus() {
        Path dir = Corpus.corpusDir();
        List<CaseProgram> cases = new ArrayList<>();
        for (Path file : Corpus.executionCases()) {
            DataCase c = DataCase.read(file);
            cases.add(new CaseProgram(dir.relativize(file).toString(), c.expectedResult(), c.program()));
        }
        return cases;
    }

    @Test
    void isaListHasEveryInstructionOnce() {
        List<Variant> isa = isa();
        // 31 ALU + 32 ALU64 + 9 swaps + 28 JMP + 23 JMP32 + 7 LD + 7 LDX/LDSX + 4 ST + 4 STX + 28 atomics
        assertEquals(173, isa.size());
        assertEquals(isa.size(), isa.stream().map(Variant::name).distinct().count());
    }

    @Test
    void everyOpcodeHasACaseWithANonZeroResult() {
        Map<String, List<String>> coverage = coverage(isa(), corpus());
        StringBuilder report = new StringBuilder("opcode coverage of the corpus (cases with r0 != 0):\n");
        coverage.forEach((name, cases) -> report.append(String.format("  %-24s %3d  %s%n", name, cases.size(),
                cases.isEmpty() ? "MISSING" : cases.get(0))));
        System.out.print(report);
        List<String> missing = missing(coverage);
        assertTrue(missing.isEmpty(), "no corpus case with a non-zero result for: " + missing);
    }

    @Test
    void everyInstructionInTheCorpusIsInTheList() {
        // Guards the list itself: an instruction the corpus uses but the list lacks means the
        // list (and so the coverage check) is incomplete.
        List<Variant> isa = isa();
        Set<String> unknown = new TreeSet<>();
        for (CaseProgram c : corpus()) {
            for (Instruction in : instructions(c.program())) {
                if (isa.stream().noneMatch(v -> v.matches().test(in))) {
                    unknown.add(String.format("opcode 0x%02x src %d off %d imm %d in %s", in.opcode(), in.src(),
                            in.offset(), in.imm(), c.name()));
                }
            }
        }
        assertTrue(unknown.isEmpty(), "instructions not in the ISA list: " + unknown);
    }

    @Test
    void aCaseWithResultZeroDoesNotCount() {
        Program neg = DataCase.parse("neg.data", "-- asm\nr0 = -r0\nexit\n-- result\n0\n").program();
        Program mov = DataCase.parse("mov.data", "-- asm\nr0 = 1\nexit\n-- result\n1\n").program();
        Map<String, List<String>> coverage = coverage(isa(), List.of(
                new CaseProgram("neg.data", 0L, neg), new CaseProgram("mov.data", 1L, mov)));
        List<String> missing = missing(coverage);
        assertTrue(missing.contains("neg64"), "a result-0 case must not cover its opcode");
        assertEquals(List.of("mov.data"), coverage.get("mov64 imm"));
        assertEquals(List.of("mov.data"), coverage.get("exit"));
        assertEquals(isa().size() - 2, missing.size());
    }
}
