package io.github.bpf4j.benchmarks;

import io.github.bpf4j.jit.JitEngine;
import io.github.bpf4j.jit.JitProgram;
import io.github.bpf4j.verifier.Verdict;
import io.github.bpf4j.verifier.Verifier;
import io.github.bpf4j.verifier.VerifierOptions;
import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.Opcodes;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The verifier's facts of the workloads, verified for the benchmark packet's length as
 * {@code bpf4j run} verifies a program for its memory, so that engines that use facts (the JIT)
 * are measured as they run verified programs. {@link #main} prints how many loads and stores the
 * JIT specialised on them per workload:
 * {@code java -cp benchmarks/target/benchmarks.jar io.github.bpf4j.benchmarks.WorkloadFacts}.
 */
public final class WorkloadFacts {
    private WorkloadFacts() {}

    /** The facts of {@code workload}; every workload must pass the verifier. */
    public static ProgramFacts of(String workload) {
        Program program = Workloads.program(workload);
        Verdict verdict = Verifier.verify(program,
                VerifierOptions.defaults().withMemSize(Workloads.packet().length));
        if (!verdict.accepted()) {
            throw new BpfException("workload " + workload + " does not verify: " + verdict.error().orElseThrow().message());
        }
        return verdict.facts();
    }

    /** Load options with the workload's facts. */
    public static LoadOptions options(String workload) {
        return LoadOptions.defaults().withFacts(of(workload));
    }

    /**
     * One line per workload: the JIT's specialised accesses, direct r10 stack accesses, and the
     * program's loads and stores; its signed compares and the program's unsigned jumps.
     */
    static String line(String workload, JitProgram jit) {
        Program program = Workloads.program(workload);
        return String.format("%-12s %12d %14d %14d %12d %12d", workload, jit.specialisedAccesses(),
                jit.directStackAccesses(), count(program, WorkloadFacts::isMemoryAccess), jit.specialisedCompares(),
                count(program, WorkloadFacts::isUnsignedJump));
    }

    static String header() {
        return String.format("%-12s %12s %14s %14s %12s %12s", "workload", "specialised", "direct stack", "loads/stores",
                "signed cmp", "unsigned cmp");
    }

    private static boolean isMemoryAccess(Instruction insn) {
        int cls = insn.cls();
        return cls == Opcodes.CLS_LDX || cls == Opcodes.CLS_ST || cls == Opcodes.CLS_STX;
    }

    private static boolean isUnsignedJump(Instruction insn) {
        int cls = insn.cls();
        int op = insn.opcode() & 0xf0;
        return (cls == Opcodes.CLS_JMP || cls == Opcodes.CLS_JMP32)
                && (op == Opcodes.JGT || op == Opcodes.JGE || op == Opcodes.JLT || op == Opcodes.JLE);
    }

    private static int count(Program program, Predicate<Instruction> which) {
        int n = 0;
        for (int pc = 0; pc < program.length(); pc++) {
            n += which.test(program.instruction(pc)) ? 1 : 0;
            if (program.instruction(pc).isLddw()) {
                pc++;
            }
        }
        return n;
    }

    public static void main(String[] args) {
        List<String> workloads = new ArrayList<>(Workloads.MEASURED);
        System.out.println("JIT accesses specialised on the verifier's facts (packet of " + Workloads.packet().length
                + " bytes)");
        System.out.println(header());
        for (String w : workloads) {
            try (JitProgram jit = (JitProgram) new JitEngine().load(Workloads.program(w), options(w))) {
                System.out.println(line(w, jit));
            }
        }
    }
}
