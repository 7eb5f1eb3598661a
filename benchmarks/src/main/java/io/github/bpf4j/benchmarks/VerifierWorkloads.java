package io.github.bpf4j.benchmarks;

import io.github.bpf4j.verifier.Verdict;
import io.github.bpf4j.verifier.Verifier;
import io.github.bpf4j.verifier.VerifierOptions;
import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramType;
import io.github.bpf4j.vm.elf.ElfProgram;
import io.github.bpf4j.vm.elf.ElfReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Programs to verify, timed against the kernel's own verifier: the largest straight-line program
 * the kernel loads, a loop the kernel explores iteration by iteration, and the clang objects of
 * the corpus whose program types our verifier knows.
 */
final class VerifierWorkloads {
    /** 1,000,000 instructions of ALU work on initialised registers (the kernel's size limit). */
    static final String STRAIGHT_LINE = "straight-1m";
    /** A counted loop of 100,000 iterations (three instructions each). */
    static final String LOOP = "loop-100k";
    static final List<String> SYNTHETIC = List.of(STRAIGHT_LINE, LOOP);

    static final int STRAIGHT_LINE_SLOTS = 1_000_000;
    static final int LOOP_ITERATIONS = 100_000;
    private static final String ELF_SUFFIX = ".o";

    private VerifierWorkloads() {}

    /**
     * The synthetic workloads and every corpus object with one program that our verifier
     * accepts (a rejection takes a different time from a verification); the others go to
     * {@code skipped} with the reason.
     */
    static List<String> all(Map<String, String> skipped) {
        List<String> names = new ArrayList<>(SYNTHETIC);
        for (Path object : objects()) {
            String name = object.getFileName().toString();
            List<ElfProgram> programs;
            try {
                programs = ElfReader.read(object).programs();
            } catch (BpfException e) {
                skipped.put(name, e.getMessage());
                continue;
            }
            if (programs.size() != 1) {
                skipped.put(name, programs.size() + " programs");
                continue;
            }
            Program p = programs.get(0).program();
            Verdict v = Verifier.verify(p, new VerifierOptions(p.type(), 0, 0, false));
            if (v.accepted()) {
                names.add(name);
            } else {
                skipped.put(name, "rejected by our verifier: " + v.error().orElseThrow().message());
            }
        }
        return names;
    }

    static Program program(String name) {
        return switch (name) {
            case STRAIGHT_LINE -> straightLine();
            case LOOP -> countedLoop();
            default -> {
                if (!name.endsWith(ELF_SUFFIX)) {
                    throw new BpfException("unknown verifier workload '" + name + "'");
                }
                yield ElfReader.read(elfDir().resolve(name)).programs().get(0).program();
            }
        };
    }

    /**
     * XDP: r2..r9 start as the unknown ingress_ifindex and rx_queue_index or as constants, then
     * add, xor, or, and, mul, shifts cycle over them (scalars with tnums and bounds to track,
     * no branch, so no state is ever stored), and the program returns XDP_PASS.
     */
    private static Program straightLine() {
        long[] slots = new long[STRAIGHT_LINE_SLOTS];
        int n = 0;
        for (int r = 2; r <= 9; r++) {
            slots[n++] = r % 3 == 0 ? insn(Op.LDXW, r, 1, r % 2 == 0 ? 12 : 16, 0) : insn(Op.MOV_K, r, 0, 0, r * 7);
        }
        long[] body = {
            insn(Op.ADD_K, 2, 0, 0, 3), insn(Op.XOR_X, 3, 2, 0, 0), insn(Op.OR_X, 4, 3, 0, 0),
            insn(Op.AND_K, 5, 0, 0, 0xffff), insn(Op.MUL_K, 6, 0, 0, 5), insn(Op.RSH_K, 7, 0, 0, 1),
            insn(Op.ADD_X, 8, 7, 0, 0), insn(Op.LSH_K, 9, 0, 0, 1), insn(Op.AND_K, 9, 0, 0, 0xfff),
            insn(Op.ADD_X, 5, 6, 0, 0), insn(Op.AND_K, 8, 0, 0, 0xff), insn(Op.MOV_X, 6, 5, 0, 0),
        };
        for (int i = 0; n < slots.length - 2; i++) {
            slots[n++] = body[i % body.length];
        }
        slots[n++] = insn(Op.MOV_K, 0, 0, 0, 2);
        slots[n] = insn(Op.EXIT, 0, 0, 0, 0);
        return Program.of(ProgramType.XDP, slots, List.of());
    }

    /** XDP: {@code r0 = 0; for (r1 = 0; r1 < 100000; r1++) r0 += r1; return XDP_PASS}. */
    private static Program countedLoop() {
        long[] slots = {
            insn(Op.MOV_K, 0, 0, 0, 0),
            insn(Op.MOV_K, 1, 0, 0, 0),
            insn(Op.ADD_X, 0, 1, 0, 0), // loop:
            insn(Op.ADD_K, 1, 0, 0, 1),
            insn(Op.JLT_K, 1, 0, -3, LOOP_ITERATIONS),
            insn(Op.MOV_K, 0, 0, 0, 2),
            insn(Op.EXIT, 0, 0, 0, 0),
        };
        return Program.of(ProgramType.XDP, slots, List.of());
    }

    /** Opcodes of the instructions built here. */
    private static final class Op {
        static final int ADD_K = 0x07;
        static final int ADD_X = 0x0f;
        static final int MUL_K = 0x27;
        static final int OR_X = 0x4f;
        static final int AND_K = 0x57;
        static final int LSH_K = 0x67;
        static final int RSH_K = 0x77;
        static final int XOR_X = 0xaf;
        static final int MOV_K = 0xb7;
        static final int MOV_X = 0xbf;
        static final int LDXW = 0x61;
        static final int JLT_K = 0xa5;
        static final int EXIT = 0x95;
    }

    private static long insn(int opcode, int dst, int src, int off, int imm) {
        return opcode | (long) dst << 8 | (long) src << 12 | (long) (off & 0xffff) << 16 | (long) imm << 32;
    }

    /** testdata/corpus/elf, found through the property bpf4j.corpus.dir or from the working directory. */
    static Path elfDir() {
        return Path.of(System.getProperty("bpf4j.corpus.dir", "testdata/corpus")).resolve("elf");
    }

    private static List<Path> objects() {
        Path dir = elfDir();
        if (!Files.isDirectory(dir)) {
            throw new BpfException(dir.toAbsolutePath() + ": no such directory; run from the repository root or set"
                    + " -Dbpf4j.corpus.dir");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(ELF_SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new BpfException(dir + ": cannot list: " + e.getMessage());
        }
    }
}
