package io.github.bpf4j.verifier;

import static io.github.bpf4j.vm.Opcodes.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.vm.Semantics;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Soundness of every abstract operation: for concrete values drawn from abstract ones, the
 * abstract result must contain the concrete result. Values are biased towards edges (0, ±1,
 * sign boundaries) where bounds arithmetic goes wrong.
 */
class AbstractDomainProperties {

    /** A concrete value and an abstract register (tnum and all four ranges) that contains it. */
    record Sample(long value, RegState reg) {
        @Override
        public String toString() {
            RegState r = reg;
            return "x=" + value + " tnum=" + r.varOff + " s=[" + r.smin + "," + r.smax + "] u=[" + Long.toUnsignedString(r.umin)
                    + "," + Long.toUnsignedString(r.umax) + "] s32=[" + r.s32min + "," + r.s32max + "] u32=["
                    + Integer.toUnsignedString(r.u32min) + "," + Integer.toUnsignedString(r.u32max) + "]";
        }
    }

    static Arbitrary<Long> interesting() {
        return Arbitraries.oneOf(
                Arbitraries.longs(),
                Arbitraries.longs().between(-300, 300),
                Arbitraries.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0xffff_ffffL, 0x8000_0000L, 0x7fff_ffffL,
                        -0x8000_0000L, 0x1_0000_0000L, 255L, 256L));
    }

    static Arbitrary<Long> spread() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 16), Arbitraries.longs().between(0, 1 << 20),
                Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.just(0L));
    }

    @Provide
    Arbitrary<Sample> samples() {
        return Combinators.combine(interesting(), Arbitraries.longs(), spread(), spread(), Arbitraries.integers().between(0, 4))
                .as((x, maskBits, below, above, shape) -> {
                    RegState r = RegState.unknownScalar();
                    long mask = switch (shape) {
                        case 0 -> 0;
                        case 1 -> maskBits & 0xff;
                        case 2 -> maskBits & 0xffff_ffffL;
                        case 3 -> -1L;
                        default -> maskBits;
                    };
                    r.varOff = new Tnum(x & ~mask, mask);
                    long ulo = x - below;
                    long uhi = x + above;
                    if (Long.compareUnsigned(ulo, x) <= 0) {
                        r.umin = ulo;
                    }
                    if (Long.compareUnsigned(uhi, x) >= 0) {
                        r.umax = uhi;
                    }
                    if (ulo <= x) {
                        r.smin = ulo;
                    }
                    if (uhi >= x) {
                        r.smax = uhi;
                    }
                    if (shape == 0) {
                        r.markKnown(x);
                    }
                    r.sync();
                    return new Sample(x, r);
                });
    }

    static void assertContains(RegState r, long v, String what) {
        assertTrue(r.varOff.containsValue(v), () -> what + ": tnum " + r.varOff + " lacks " + v);
        assertTrue(Long.compareUnsigned(r.umin, v) <= 0 && Long.compareUnsigned(v, r.umax) <= 0,
                () -> what + ": u64 [" + Long.toUnsignedString(r.umin) + "," + Long.toUnsignedString(r.umax) + "] lacks " + Long.toUnsignedString(v));
        assertTrue(r.smin <= v && v <= r.smax, () -> what + ": s64 [" + r.smin + "," + r.smax + "] lacks " + v);
        int v32 = (int) v;
        assertTrue(Integer.compareUnsigned(r.u32min, v32) <= 0 && Integer.compareUnsigned(v32, r.u32max) <= 0,
                () -> what + ": u32 [" + Integer.toUnsignedString(r.u32min) + "," + Integer.toUnsignedString(r.u32max) + "] lacks " + Integer.toUnsignedString(v32));
        assertTrue(r.s32min <= v32 && v32 <= r.s32max, () -> what + ": s32 [" + r.s32min + "," + r.s32max + "] lacks " + v32);
    }

    @Property(tries = 2000)
    void boundsSyncKeepsTheValue(@ForAll("samples") Sample a) {
        assertContains(a.reg(), a.value(), "sync");
        RegState again = a.reg().copy();
        again.sync();
        assertContains(again, a.value(), "second sync");
    }

    @Property(tries = 3000)
    void tnumOperationsAreSound(@ForAll("samples") Sample a, @ForAll("samples") Sample b, @ForAll int shift) {
        Tnum x = a.reg().varOff;
        Tnum y = b.reg().varOff;
        long u = a.value();
        long v = b.value();
        int s = shift & 63;
        assertTrue(x.add(y).containsValue(u + v), "add");
        assertTrue(x.sub(y).containsValue(u - v), "sub");
        assertTrue(x.mul(y).containsValue(u * v), "mul");
        assertTrue(x.and(y).containsValue(u & v), "and");
        assertTrue(x.or(y).containsValue(u | v), "or");
        assertTrue(x.xor(y).containsValue(u ^ v), "xor");
        assertTrue(x.neg().containsValue(-u), "neg");
        assertTrue(x.lshift(s).containsValue(u << s), "lsh");
        assertTrue(x.rshift(s).containsValue(u >>> s), "rsh");
        assertTrue(x.arshift(s, 64).containsValue(u >> s), "arsh");
        assertTrue(x.subreg().arshift(s & 31, 32).containsValue(Semantics.zext32((int) u >> (s & 31))), "arsh32");
        assertTrue(x.union(y).containsValue(u) && x.union(y).containsValue(v), "union");
        assertTrue(x.cast(2).containsValue(u & 0xffff), "cast");
        if (y.containsValue(u)) {
            assertTrue(x.intersect(y).containsValue(u), "intersect");
        }
    }

    @Property(tries = 2000)
    void tnumRangeHoldsTheRange(@ForAll long a, @ForAll long b, @ForAll long pick) {
        long min = RegState.umin64(a, b);
        long max = RegState.umax64(a, b);
        long span = max - min;
        long v = span == -1L ? pick : min + Long.remainderUnsigned(pick, span + 1);
        assertTrue(Tnum.range(min, max).containsValue(v));
    }

    private static final int[] OPS = {ADD, SUB, MUL, AND, OR, XOR, LSH, RSH, ARSH, NEG, DIV, MOD};

    @Property(tries = 5000)
    void aluTransferIsSound(@ForAll("samples") Sample a, @ForAll("samples") Sample b, @ForAll int opIndex, @ForAll boolean alu32) {
        int op = OPS[Math.floorMod(opIndex, OPS.length)];
        long x = a.value();
        long y = b.value();
        RegState src = b.reg().copy();
        if (op == LSH || op == RSH || op == ARSH) {
            y = Math.floorMod(y, alu32 ? 32 : 64);
            src = RegState.known(y); // shift ranges are computed for constant amounts
        }
        RegState dst = a.reg().copy();
        ScalarArithmetic.apply(dst, src, op, alu32);
        assertContains(dst, concrete(op, x, y, alu32), "op 0x" + Integer.toHexString(op) + (alu32 ? " (32)" : ""));
    }

    static long concrete(int op, long x, long y, boolean alu32) {
        if (alu32) {
            int a = (int) x;
            int b = (int) y;
            return switch (op) {
                case ADD -> Semantics.zext32(a + b);
                case SUB -> Semantics.zext32(a - b);
                case MUL -> Semantics.zext32(a * b);
                case AND -> Semantics.zext32(a & b);
                case OR -> Semantics.zext32(a | b);
                case XOR -> Semantics.zext32(a ^ b);
                case LSH -> Semantics.zext32(a << b);
                case RSH -> Semantics.zext32(a >>> b);
                case ARSH -> Semantics.zext32(a >> b);
                case NEG -> Semantics.zext32(-a);
                case DIV -> Semantics.udiv32(x, y);
                default -> Semantics.umod32(x, y);
            };
        }
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case AND -> x & y;
            case OR -> x | y;
            case XOR -> x ^ y;
            case LSH -> x << y;
            case RSH -> x >>> y;
            case ARSH -> x >> y;
            case NEG -> -x;
            case DIV -> Semantics.udiv64(x, y);
            default -> Semantics.umod64(x, y);
        };
    }

    private static final int[] CONDS = {JEQ, JNE, JGT, JGE, JLT, JLE, JSGT, JSGE, JSLT, JSLE, JSET};

    static boolean holds(int op, long x, long y, boolean is32) {
        if (is32) {
            x = (int) x;
            y = (int) y;
            long ux = x & 0xffff_ffffL;
            long uy = y & 0xffff_ffffL;
            return switch (op) {
                case JEQ -> x == y;
                case JNE -> x != y;
                case JGT -> ux > uy;
                case JGE -> ux >= uy;
                case JLT -> ux < uy;
                case JLE -> ux <= uy;
                case JSGT -> x > y;
                case JSGE -> x >= y;
                case JSLT -> x < y;
                case JSLE -> x <= y;
                default -> (x & y) != 0;
            };
        }
        return switch (op) {
            case JEQ -> x == y;
            case JNE -> x != y;
            case JGT -> Long.compareUnsigned(x, y) > 0;
            case JGE -> Long.compareUnsigned(x, y) >= 0;
            case JLT -> Long.compareUnsigned(x, y) < 0;
            case JLE -> Long.compareUnsigned(x, y) <= 0;
            case JSGT -> x > y;
            case JSGE -> x >= y;
            case JSLT -> x < y;
            case JSLE -> x <= y;
            default -> (x & y) != 0;
        };
    }

    @Property(tries = 5000)
    void branchDecisionsAndRefinementAreSound(@ForAll("samples") Sample a, @ForAll("samples") Sample b,
            @ForAll int opIndex, @ForAll boolean is32) {
        int op = CONDS[Math.floorMod(opIndex, CONDS.length)];
        long x = a.value();
        long y = b.value();
        boolean taken = holds(op, x, y, is32);
        int pred = BranchLogic.isBranchTaken(a.reg(), b.reg(), op, is32);
        if (pred >= 0) {
            assertTrue(taken == (pred == 1), "decided wrongly");
            return;
        }
        RegState r1 = a.reg().copy();
        RegState r2 = b.reg().copy();
        BranchLogic.refine(r1, r2, taken ? op : BranchLogic.reverse(op), is32);
        r1.sync();
        r2.sync();
        assertContains(r1, x, "refined dst (" + (taken ? "taken" : "fall-through") + ")");
        assertContains(r2, y, "refined src (" + (taken ? "taken" : "fall-through") + ")");
    }

    @Property(tries = 1000)
    void loadCoercionIsSound(@ForAll("samples") Sample a, @ForAll int sizeIndex) {
        int size = new int[] {1, 2, 4}[Math.floorMod(sizeIndex, 3)];
        RegState zx = a.reg().copy();
        zx.coerceToSize(size);
        assertContains(zx, Semantics.truncate(a.value(), size * 8), "zero-extend " + size);
        RegState sx = a.reg().copy();
        sx.coerceToSizeSx(size);
        assertContains(sx, Semantics.signExtend(a.value(), size * 8), "sign-extend " + size);
    }
}
