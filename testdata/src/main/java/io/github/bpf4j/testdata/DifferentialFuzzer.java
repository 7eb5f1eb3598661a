package io.github.bpf4j.testdata;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Disassembler;
import io.github.bpf4j.vm.Engine;
import io.github.bpf4j.vm.HexText;
import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.MalformedProgramException;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.LongFunction;

/**
 * Runs seeded random programs on several engines and reports where they disagree. Each
 * disagreement is minimised (instructions replaced by no-ops while the engines still disagree)
 * and can be written as a {@code .data} case ready for the corpus.
 */
public final class DifferentialFuzzer {
    /** Which programs to generate. */
    public enum Generator {
        /** {@link VerifiablePrograms}: pass the kernel's verifier, so the kernel can take part. */
        VERIFIABLE(VerifiablePrograms::generate, LoadOptions.defaults()),
        /** {@link RandomPrograms}: anything the decoder accepts, run unverified with a budget. */
        UNVERIFIED(RandomPrograms::generate, LoadOptions.defaults().withHelpers(RandomPrograms.helpers()));

        final LongFunction<RandomPrograms.Case> generate;
        final LoadOptions options;

        Generator(LongFunction<RandomPrograms.Case> generate, LoadOptions options) {
            this.generate = generate;
            this.options = options.withBudget(100_000);
        }
    }

    /**
     * A program on which the engines disagree, minimised, with what each engine did;
     * {@code withFacts} when the engines were loaded with a verifier's facts.
     */
    public record Disagreement(long seed, Program program, byte[] input, Map<String, Observation> observations,
                               boolean withFacts) {
        /** A {@code .data} case: the kernel's answer (or the first engine's) as the expectation. */
        public String toDataCase() {
            StringBuilder sb = new StringBuilder();
            sb.append("# Found by bpf4j fuzz").append(withFacts ? " --facts" : "").append(", seed ").append(seed)
                    .append(". What each engine did").append(withFacts ? " (loaded with the verifier's facts)" : "")
                    .append(":\n");
            observations.forEach((engine, o) -> sb.append("#   ").append(engine).append(": ").append(o).append('\n'));
            sb.append("-- asm\n");
            for (String line : Disassembler.disassemble(program, Disassembler.Syntax.LLVM).split("\n")) {
                sb.append(line.replaceFirst("^\\s*\\d+:\\s*", "")).append('\n');
            }
            if (input.length > 0) {
                sb.append("-- mem\n").append(HexText.format(input)).append('\n');
            }
            Observation expected = observations.getOrDefault("kernel", observations.values().iterator().next());
            if (expected.kind() == Observation.Kind.RESULT) {
                sb.append(String.format("-- result%n0x%x%n", expected.r0()));
                if (input.length > 0) {
                    sb.append("-- mem-after\n").append(HexText.format(expected.memory())).append('\n');
                }
            } else {
                sb.append("-- error\n").append(expected.detail()).append('\n');
            }
            return sb.toString();
        }
    }

    /** Counts per outcome and the disagreements found. */
    public record Report(Map<String, Integer> outcomes, List<Disagreement> disagreements, int programs) {}

    private final List<Engine> engines;
    private final Generator generator;
    /** The facts each program and input are loaded with; none unless {@link #withFacts}. */
    private final BiFunction<Program, byte[], ProgramFacts> facts;

    public DifferentialFuzzer(List<Engine> engines, Generator generator) {
        this(engines, generator, null);
    }

    private DifferentialFuzzer(List<Engine> engines, Generator generator, BiFunction<Program, byte[], ProgramFacts> facts) {
        if (engines.size() < 2) {
            throw new BpfException("fuzzing needs at least two engines to compare");
        }
        this.engines = List.copyOf(engines);
        this.generator = generator;
        this.facts = facts;
    }

    /**
     * The same fuzzer loading every program with the facts {@code verifier} proves for it and its
     * input ({@link ProgramFacts#NONE} where it proves none), as {@code bpf4j run} loads verified
     * programs: engines that specialise on facts then disagree where a fact is wrong.
     */
    public DifferentialFuzzer withFacts(BiFunction<Program, byte[], ProgramFacts> verifier) {
        return new DifferentialFuzzer(engines, generator, verifier);
    }

    /**
     * Runs programs for seeds {@code seed, seed + 1, …} until {@code count} programs ran or
     * {@code deadlineNanos} (a {@link System#nanoTime()} value, or 0 for none) passed.
     */
    public Report run(long seed, int count, long deadlineNanos) {
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        List<Disagreement> found = new ArrayList<>();
        int programs = 0;
        for (long s = seed; programs < count; s++) {
            if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos > 0) {
                break;
            }
            RandomPrograms.Case c = generator.generate.apply(s);
            programs++;
            Map<String, Observation> seen = observe(c.program(), c.input());
            String outcome = classify(seen);
            outcomes.merge(outcome, 1, Integer::sum);
            if (outcome.equals("disagree")) {
                Program small = minimise(c.program(), c.input());
                found.add(new Disagreement(s, small, c.input(), observe(small, c.input()), facts != null));
            }
        }
        return new Report(outcomes, found, programs);
    }

    private Map<String, Observation> observe(Program program, byte[] input) {
        LoadOptions options = facts == null ? generator.options : generator.options.withFacts(facts.apply(program, input));
        Map<String, Observation> seen = new LinkedHashMap<>();
        for (Engine e : engines) {
            seen.put(e.name(), Observation.of(e, program, input, options));
        }
        return seen;
    }

    /** "agree", "disagree", or "rejected by E" when an engine refused to load the program. */
    private static String classify(Map<String, Observation> seen) {
        List<Observation> compared = new ArrayList<>();
        for (var entry : seen.entrySet()) {
            if (entry.getValue().kind() == Observation.Kind.REJECTED) {
                return "rejected by " + entry.getKey();
            }
            compared.add(entry.getValue());
        }
        for (Observation o : compared) {
            if (!o.agrees(compared.get(0))) {
                return "disagree";
            }
        }
        return compared.get(0).kind() == Observation.Kind.FAULT ? "agree (fault)" : "agree";
    }

    private boolean disagrees(Program program, byte[] input) {
        return classify(observe(program, input)).equals("disagree");
    }

    /** Replaces instructions by {@code ja +0} (lddw by two) while the engines still disagree. */
    private Program minimise(Program program, byte[] input) {
        List<Instruction> insns = new ArrayList<>(program.instructions());
        Instruction nop = new Instruction(0x05, 0, 0, 0, 0);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int pc = 0; pc < insns.size(); pc++) {
                Instruction insn = insns.get(pc);
                if (insn.equals(nop) || insn.opcode() == 0x95) {
                    continue;
                }
                List<Instruction> attempt = new ArrayList<>(insns);
                attempt.set(pc, nop);
                if (insn.isLddw()) {
                    attempt.set(pc + 1, nop);
                }
                Program candidate;
                try {
                    candidate = Program.of(program.type(), io.github.bpf4j.vm.Encoder.encode(attempt), program.maps());
                } catch (MalformedProgramException e) {
                    continue; // a jump now lands in what was the second half of an lddw
                }
                if (disagrees(candidate, input)) {
                    insns = attempt;
                    changed = true;
                }
                if (insn.isLddw()) {
                    pc++;
                }
            }
        }
        return Program.of(program.type(), io.github.bpf4j.vm.Encoder.encode(insns), program.maps());
    }

    /** Writes each disagreement as {@code fuzz-SEED.data} under {@code dir}; returns the files. */
    public static List<Path> write(List<Disagreement> disagreements, Path dir) {
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Disagreement d : disagreements) {
                Path file = dir.resolve("fuzz-" + d.seed() + ".data");
                Files.writeString(file, d.toDataCase());
                files.add(file);
            }
        } catch (IOException e) {
            throw new BpfException("cannot write to " + dir + ": " + e.getMessage());
        }
        return files;
    }
}
