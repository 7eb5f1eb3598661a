package io.github.bpf4j.testdata;

import io.github.bpf4j.vm.Assembler;
import io.github.bpf4j.vm.Program;
import java.util.Random;

/**
 * Random raw programs made to test facts about unsigned compares where the verifier prunes:
 * diamonds on packet bytes whose sides set registers and stack slots to different values (some
 * negative), padded so the verifier saves a state where they join and prunes the second side
 * there, local calls that return such values, then unsigned compares (64- and 32-bit) whose
 * outcomes each set one bit of r0. An engine that compiled a compare as signed on the strength of
 * the explored side's ranges gives another r0 when the pruned side ran.
 *
 * <p>Registers: r6 the packet, r7-r9 values, r2-r5 scratch; slots at r10-8, -16, -24 are
 * written before anything reads them (r10-32 keeps r0 across calls). Programs are verified for
 * {@link #MEM_SIZE} bytes.
 */
public final class PrunedComparePrograms {
    public static final int MEM_SIZE = 8;
    private static final String[] VALUES = {"r7", "r8", "r9"};
    private static final int[] SLOTS = {-8, -16, -24};
    private static final String[] COMPARES = {"<", "<=", ">", ">="};

    private final Random random;
    private final StringBuilder text = new StringBuilder();
    private int labels;
    private int bits;
    private boolean withFunction;
    /** The value register the last step produced, which compares favour; null before any. */
    private String last;

    private PrunedComparePrograms(long seed) {
        random = new Random(seed);
    }

    /** The program of {@code seed}: same seed, same program. */
    public static Program generate(long seed) {
        return Assembler.assembleProgram(source(seed));
    }

    /** Its assembly text (kernel syntax, with labels). */
    public static String source(long seed) {
        return new PrunedComparePrograms(seed).build();
    }

    private String build() {
        line("r6 = r1");
        line("r0 = 0");
        for (String v : VALUES) {
            line(v + " = *(u8 *)(r6 + " + random.nextInt(MEM_SIZE) + ")");
        }
        for (int slot : SLOTS) {
            line("*(u64 *)(r10 " + slot + ") = " + pick(VALUES));
        }
        int steps = 1 + random.nextInt(4);
        for (int i = 0; i < steps && bits < 24; i++) {
            switch (random.nextInt(4)) {
                case 0 -> call();
                case 1 -> split(true);
                case 2 -> split(false);
                default -> diamond();
            }
            int compares = 1 + random.nextInt(3);
            for (int c = 0; c < compares; c++) {
                compare();
            }
        }
        line("exit");
        if (withFunction) {
            function();
        }
        return text.toString();
    }

    /** A branch on a packet byte; each side assigns differently; padding before the join. */
    private void diamond() {
        String other = "l" + labels++;
        String join = "l" + labels++;
        line("r2 = *(u8 *)(r6 + " + random.nextInt(MEM_SIZE) + ")");
        line("if r2 " + pick("==", ">", "<", "&") + " " + random.nextInt(256) + " goto " + other);
        assignments(true);
        padding();
        line("goto " + join);
        text.append(other).append(":\n");
        assignments(false);
        text.append(join).append(":\n");
        last = null;
        if (random.nextBoolean()) {
            last = pick(VALUES);
            line(last + " = *(u64 *)(r10 " + pick(SLOTS) + ")");
        }
        if (random.nextInt(3) == 0) {
            line(pick(VALUES) + " = *(u8 *)(r6 + " + random.nextInt(MEM_SIZE) + ")");
        }
    }

    /**
     * The side the verifier walks first ({@code first}) mostly keeps ranges, which compares later
     * cannot decide, so they leave the values imprecise and the other side is pruned; that side
     * mostly sets constants, often negative.
     */
    /**
     * The pattern the random diamonds only sometimes make: the side walked first leaves a byte's
     * range in a value register or (spilled) a slot, the pruned side a negative constant; after
     * the join the value (reloaded from the slot) is what the next compares test.
     */
    private void split(boolean throughStack) {
        String other = "l" + labels++;
        String join = "l" + labels++;
        String v = pick(VALUES);
        int slot = pick(SLOTS);
        line("r2 = *(u8 *)(r6 + " + random.nextInt(MEM_SIZE) + ")");
        line("if r2 " + pick("==", ">", "<", "&") + " " + random.nextInt(256) + " goto " + other);
        line(v + " = r2");
        if (random.nextBoolean()) {
            line(v + " &= " + (1 + random.nextInt(255)));
        }
        line(throughStack ? "*(u64 *)(r10 " + slot + ") = " + v : "r3 = 0");
        padding();
        line("goto " + join);
        text.append(other).append(":\n");
        line(v + " = " + -(1 + random.nextInt(300)));
        if (throughStack) {
            line("*(u64 *)(r10 " + slot + ") = " + v);
        }
        text.append(join).append(":\n");
        if (throughStack) {
            line(v + " = 0");
            line(v + " = *(u64 *)(r10 " + slot + ")");
        }
        last = v;
    }

    private void assignments(boolean first) {
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            String v = pick(VALUES);
            int kind = random.nextInt(first ? 8 : 4);
            switch (kind) {
                case 0, 1 -> line(v + " = " + (random.nextInt(400) - 200));
                case 2 -> line("*(u64 *)(r10 " + pick(SLOTS) + ") = " + v);
                case 3 -> line(v + " = *(u64 *)(r10 " + pick(SLOTS) + ")");
                case 4 -> line(v + " = r2");
                case 5 -> line(v + " &= " + (1 + random.nextInt(255)));
                case 6 -> line(v + (random.nextBoolean() ? " -= " : " += ") + random.nextInt(300));
                default -> line("*(u64 *)(r10 " + pick(SLOTS) + ") = r2");
            }
        }
    }

    /** Enough instructions and jumps since the last saved state that the verifier saves one at the join. */
    private void padding() {
        line("r4 = 1");
        for (int i = 0; i < 9; i++) {
            line("r4 += 1");
        }
    }

    /** r1 = a value; call f, which returns either a small value or a random (maybe negative) one. */
    private void call() {
        withFunction = true;
        line("*(u64 *)(r10 -32) = r0");
        line("r1 = " + pick(VALUES));
        line("call f");
        last = pick(VALUES);
        line(last + " = r0");
        line("r0 = *(u64 *)(r10 -32)");
    }

    private void function() {
        text.append("f:\n");
        line("r0 = r1");
        line("r0 &= 7");
        line("if r1 " + pick("==", ">", "<", "&") + " " + random.nextInt(256) + " goto fother");
        padding();
        line("goto fjoin");
        text.append("fother:\n");
        line("r0 = " + (random.nextInt(400) - 200));
        text.append("fjoin:\n");
        line("exit");
    }

    /** An unsigned compare of a value with a constant or another value; taken, it sets r0's next bit. */
    private void compare() {
        String skip = "l" + labels++;
        boolean narrow = random.nextInt(4) == 0;
        String a = last != null && random.nextBoolean() ? last : pick(VALUES);
        String b = random.nextBoolean() ? Integer.toString(random.nextInt(300)) : pick(VALUES);
        if (narrow) {
            a = a.replace('r', 'w');
            b = b.replace('r', 'w');
        }
        line("if " + a + " " + pick(COMPARES) + " " + b + " goto " + skip);
        line("r0 |= " + (1 << bits++));
        text.append(skip).append(":\n");
    }

    private void line(String s) {
        text.append(s).append('\n');
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private int pick(int[] options) {
        return options[random.nextInt(options.length)];
    }
}
