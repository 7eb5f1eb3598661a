package io.github.bpf4j.vm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the text, the assembler either assembles it or says LINE:COL: why not; nothing else escapes. */
class AssemblerRobustnessPropertyTest {
    /** Pieces of both syntaxes, so that random text gets deep into the parsers. */
    private static final List<String> PIECES = List.of(
            "mov", "mov32", "add", "lddw", "ldxw", "stxdw", "stb", "jeq", "jne32", "ja", "ja32", "call", "local",
            "callx", "exit", "lock", "fetch", "add32", "xchg", "cmpxchg", "neg", "le16", "be64", "swap32",
            "movsx832", "ldabsb", "ldindh", "ld_pseudo", "may_goto", "goto", "gotol", "if", "ll", "skb", "pc",
            "atomic_fetch_add", "xchg_64", "cmpxchg32_32", "load_acquire", "store_release", "u8", "u32", "u64",
            "s16", "r0", "r1", "w2", "r10", "r11", "%r3", "%r50", "w10", "0", "1", "-1", "0x10", "0xffffffff",
            "0x100000000", "2147483648", "18446744073709551615", "99999999999999999999", "0x", "0xg", "12a",
            "=", "+=", "s>>=", "s/=", "<<=", "==", "s<", "&", "(", ")", "[", "]", "*", ",", "+", "-", ":", "<", ">",
            "label", "label:", "exit:", "#", ";", "//", "\n", "\n", " ", " ", " ", "\t", "é", "$", "\"", "\u0000");

    @Provide
    Arbitrary<String> assemblyLikeText() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.of(PIECES)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(3)));
        return piece.list().ofMaxSize(40).map(l -> String.join(" ", l));
    }

    @Property(tries = 3_000)
    void onlyMalformedProgramExceptionsWithLineAndColumn(@ForAll("assemblyLikeText") String text) {
        try {
            Assembler.assembleProgram(text);
        } catch (MalformedProgramException e) {
            assertTrue(e.getMessage().matches("\\d+:\\d+: \\S.*"), e.getMessage());
        }
    }

    /** Valid instruction text with a few characters deleted, replaced or inserted. */
    @Provide
    Arbitrary<String> mutatedInstructions() {
        Arbitrary<String> valid = net.jqwik.api.Combinators.combine(InstructionArbitraries.validInstructions(),
                Arbitraries.of(Disassembler.Syntax.values())).as((g, syntax) -> Disassembler.text(g.insn(), g.constant(), syntax));
        Arbitrary<int[]> edits = Arbitraries.integers().between(0, 1_000).array(int[].class).ofMinSize(1).ofMaxSize(6);
        Arbitrary<Character> chars = Arbitraries.of('0', '9', 'x', 'r', 'w', '%', '-', '+', '(', ')', '[', ']', '*',
                ',', ' ', '=', '<', 's', 'l', '#');
        return net.jqwik.api.Combinators.combine(valid, edits, chars.list().ofSize(6)).as((text, positions, inserted) -> {
            StringBuilder sb = new StringBuilder(text);
            for (int i = 0; i < positions.length; i++) {
                int at = positions[i] % (sb.length() + 1);
                switch (positions[i] % 3) {
                    case 0 -> { if (at < sb.length()) { sb.deleteCharAt(at); } }
                    case 1 -> { if (at < sb.length()) { sb.setCharAt(at, inserted.get(i)); } }
                    default -> sb.insert(at, inserted.get(i));
                }
            }
            return sb.toString();
        });
    }

    @Property(tries = 1_500)
    void mutatedInstructionsFailCleanly(@ForAll("mutatedInstructions") String text) {
        onlyMalformedProgramExceptionsWithLineAndColumn(text);
    }

    @Property(tries = 1_000)
    void anyStringAtAll(@ForAll String text) {
        try {
            Assembler.assemble(text);
        } catch (MalformedProgramException e) {
            assertTrue(e.getMessage().matches("\\d+:\\d+: \\S.*"), e.getMessage());
        }
    }
}
