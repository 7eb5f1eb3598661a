package io.github.bpf4j.verifier;

import io.github.bpf4j.vm.Disassembler;
import io.github.bpf4j.vm.Program;
import java.util.List;

/**
 * A static verifier that behaves like the Linux kernel's (6.18): it explores every path with
 * abstract register and stack state, prunes paths an explored state covers, and rejects with the
 * kernel's first error message. Privileged (root) rules unless {@link VerifierOptions#unprivileged()}.
 *
 * <pre>{@code
 * Verdict v = Verifier.verify(program, VerifierOptions.defaults().withMemSize(64).withLogLevel(2));
 * if (!v.accepted()) System.out.println(v.error().get().message());
 * }</pre>
 */
public final class Verifier {
    private Verifier() {}

    /** Whether the verifier knows the context and helpers of {@code type} yet. */
    public static boolean supports(io.github.bpf4j.vm.ProgramType type) {
        return ProgramContext.of(new VerifierOptions(type, 0, 0, false)) != null;
    }

    public static Verdict verify(Program program, VerifierOptions options) {
        VerifierLog log = new VerifierLog(options.logLevel());
        ProgramContext context = ProgramContext.of(options);
        if (context == null) {
            String msg = "program type " + options.type().cliName() + " is not supported by the verifier yet";
            return reject(program, new Rejection(-1, msg), log, null);
        }
        if (options.unprivileged() && context.needsPerfmon()) {
            String msg = "program type " + options.type().cliName()
                    + " needs CAP_PERFMON: the kernel refuses to load it (EPERM) before verifying it";
            return reject(program, new Rejection(-1, msg), log, null);
        }
        ProgramStructure ps;
        try {
            ps = ProgramStructure.analyse(program);
        } catch (Rejection r) {
            return reject(program, r, log, null);
        }
        Explorer explorer = new Explorer(program, ps, options, context, log);
        try {
            explorer.run();
            StackLimits.check(ps, explorer.stackDepth);
        } catch (Rejection r) {
            return reject(program, r, log, explorer);
        }
        Statistics stats = statistics(explorer, ps);
        log.line(statsLine(stats));
        return new Verdict(null, stats, log.toString(), explorer.facts.build(ps, options));
    }

    private static Verdict reject(Program program, Rejection r, VerifierLog log, Explorer explorer) {
        log.line(r.getMessage());
        if (r.detail != null) {
            log.line(r.detail);
        }
        Statistics stats = explorer == null ? new Statistics(0, 0, 0, 0, new int[0]) : statistics(explorer, null);
        log.line(statsLine(stats));
        String explanation = Explanations.explain(r.getMessage());
        log.line("; " + explanation);
        String insn = r.pc >= 0 && r.pc < program.length() && !(r.pc > 0 && program.instruction(r.pc - 1).isLddw())
                ? Disassembler.instruction(program, r.pc, Disassembler.Syntax.LLVM) : "";
        List<String> path = explorer == null ? List.of() : explorer.currentPath();
        VerifierError error = new VerifierError(r.pc, insn, r.getMessage(), path, explanation);
        return new Verdict(error, stats, log.toString(), null);
    }

    private static Statistics statistics(Explorer e, ProgramStructure ps) {
        return new Statistics(Math.min(e.insnProcessed, Explorer.COMPLEXITY_LIMIT_INSNS + 1), e.peakStates, e.totalStates,
                e.maxStatesPerInsn, e.stackDepth);
    }

    private static String statsLine(Statistics s) {
        return "processed " + s.insnsProcessed() + " insns (limit " + Explorer.COMPLEXITY_LIMIT_INSNS
                + ") max_states_per_insn " + s.maxStatesPerInsn() + " total_states " + s.totalStates()
                + " peak_states " + s.peakStates() + " mark_read 0";
    }
}
