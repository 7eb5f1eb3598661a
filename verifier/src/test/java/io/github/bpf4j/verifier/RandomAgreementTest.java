package io.github.bpf4j.verifier;

import io.github.bpf4j.testdata.MixedPrograms;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.vm.Disassembler;
import io.github.bpf4j.vm.MalformedProgramException;
import io.github.bpf4j.vm.ProgramType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A fixed-seed batch of {@link MixedPrograms} loaded into the kernel and into our verifier: the
 * verdicts must agree, and the first messages where the kernel rejects. {@code
 * -Dbpf4j.agreement.unprivileged=true} runs the batch without CAP_PERFMON.
 */
class RandomAgreementTest {
    static final int BATCH = Integer.getInteger("bpf4j.agreement.batch", 300);
    static final boolean UNPRIVILEGED = Boolean.getBoolean("bpf4j.agreement.unprivileged");

    @Test
    void randomProgramsGetTheKernelsVerdict() {
        KernelLoader.assumeAvailable();
        int programs = 0;
        int kernelAccepts = 0;
        int agree = 0;
        int weAcceptKernelRejects = 0;
        Set<String> messages = new HashSet<>();
        List<String> disagreements = new ArrayList<>();
        for (long seed = 0; programs < BATCH; seed++) {
            MixedPrograms.Case c;
            try {
                c = MixedPrograms.generate(seed);
            } catch (MalformedProgramException e) {
                continue;
            }
            programs++;
            KernelLoader.Result k = KernelLoader.loadProgram(c.program(), c.memSize(), UNPRIVILEGED);
            int prologue = c.program().type() == ProgramType.RAW ? KernelLoader.PROLOGUE : 0;
            String kMessage = k.accepted() ? null : KernelMessages.firstError(k.log(), prologue);
            Verdict ours = Verifier.verify(c.program(), new VerifierOptions(c.program().type(), c.memSize(), 0, UNPRIVILEGED));
            String oMessage = ours.error().map(VerifierError::message).orElse(null);
            if (k.accepted()) {
                kernelAccepts++;
            } else {
                messages.add(kMessage.replaceAll("\\d+", "N"));
            }
            boolean same = k.accepted() == ours.accepted() && (k.accepted() || kMessage.equals(oMessage));
            if (same) {
                agree++;
            } else {
                if (ours.accepted() && !k.accepted()) {
                    weAcceptKernelRejects++;
                }
                disagreements.add("seed " + seed + " mem " + c.memSize() + ": kernel " + (k.accepted() ? "accept" : kMessage)
                        + " / ours " + (ours.accepted() ? "accept" : oMessage) + "\n" + Disassembler.disassemble(c.program()));
            }
        }
        System.out.printf("agreement: %d/%d (%.1f%%), kernel accepts %d (%.0f%%), %d distinct kernel messages, %d accepted by us only%n",
                agree, programs, 100.0 * agree / programs, kernelAccepts, 100.0 * kernelAccepts / programs, messages.size(),
                weAcceptKernelRejects);
        disagreements.stream().limit(8).forEach(System.out::println);
        assertTrue(weAcceptKernelRejects == 0, "programs the kernel rejects but we accept: " + weAcceptKernelRejects);
        assertTrue(agree * 100 >= programs * 99, "agreement below 99%: " + agree + "/" + programs);
    }
}
