package io.github.bpf4j.verifier;

import io.github.bpf4j.testdata.MixedPrograms;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.bpf4j.vm.BpfFault;
import io.github.bpf4j.vm.Helpers;
import io.github.bpf4j.vm.Interpreter;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import io.github.bpf4j.vm.MalformedProgramException;
import io.github.bpf4j.vm.Opcodes;
import io.github.bpf4j.vm.ProgramType;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * What the verifier accepts is safe: random programs it accepts, run on the interpreter with
 * random memory, never fault and always terminate (within a budget far above what the
 * verifier's own limit allows).
 */
class SoundnessProperties {
    private static int accepted;
    private static int total;

    @Property(tries = 2000)
    void acceptedProgramsNeverFault(@ForAll long seed) {
        MixedPrograms.Case c;
        try {
            c = MixedPrograms.generate(seed);
        } catch (MalformedProgramException e) {
            return; // a generated jump landed outside the program: not a program at all
        }
        total++;
        Verdict v = Verifier.verify(c.program(), new VerifierOptions(c.program().type(), c.memSize(), 0, false));
        if (!v.accepted()) {
            return;
        }
        accepted++;
        Random random = new Random(seed);
        // A may_goto loop ends after the kernel's 8M iterations, each of which may run bounded loops:
        // its run may outlast any practical budget, which then proves nothing either way.
        boolean mayGoto = c.program().instructions().stream().anyMatch(i -> i.opcode() == Opcodes.MAY_GOTO_OP);
        LoadOptions options = LoadOptions.defaults().withHelpers(Helpers.standard()).withBudget(50_000_000L)
                .withFacts(v.facts());
        boolean xdp = c.program().type() == ProgramType.XDP;
        try (LoadedProgram loaded = new Interpreter().load(c.program(), options)) {
            for (int run = 0; run < (mayGoto ? 1 : 3); run++) { // a may_goto run is long: once
                byte[] memory = new byte[xdp ? 14 + random.nextInt(51) : c.memSize()];
                random.nextBytes(memory);
                try {
                    loaded.run(memory);
                } catch (BpfFault f) {
                    if (mayGoto && f.kind() == BpfFault.Kind.BUDGET_EXHAUSTED) {
                        continue;
                    }
                    fail("accepted program faulted (mem-size " + c.memSize() + "): " + f.getMessage() + "\n"
                            + io.github.bpf4j.vm.Disassembler.disassemble(c.program()));
                }
            }
        }
    }

    @AfterContainer
    static void acceptRateIsNeitherTrivial() {
        if (total > 0) {
            System.out.println("soundness: " + accepted + " of " + total + " generated programs accepted");
            assertTrue(accepted > total / 10 && accepted < total * 9 / 10,
                    "generator should mix accepted and rejected programs: " + accepted + "/" + total);
        }
    }
}
