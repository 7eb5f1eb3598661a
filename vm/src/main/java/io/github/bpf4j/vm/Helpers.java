package io.github.bpf4j.vm;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Helper functions by number. Kernel helpers keep their kernel numbers in every program type
 * (5 is {@code ktime_get_ns}); user helpers take free numbers. Immutable: {@link #with}
 * returns a new registry.
 */
public final class Helpers {
    public static final int KTIME_GET_NS = 5;
    public static final int GET_PRANDOM_U32 = 7;
    public static final int GET_SMP_PROCESSOR_ID = 8;
    public static final int KTIME_GET_BOOT_NS = 125;

    private static final Helpers EMPTY = new Helpers(new Helper[0], new String[0]);
    private static final Helpers STANDARD = EMPTY
            .with(KTIME_GET_NS, "ktime_get_ns", (a, b, c, d, e, ctx) -> System.nanoTime())
            .with(GET_PRANDOM_U32, "get_prandom_u32",
                    (a, b, c, d, e, ctx) -> ThreadLocalRandom.current().nextInt() & 0xffff_ffffL)
            .with(GET_SMP_PROCESSOR_ID, "get_smp_processor_id", (a, b, c, d, e, ctx) -> 0)
            .with(KTIME_GET_BOOT_NS, "ktime_get_boot_ns", (a, b, c, d, e, ctx) -> System.nanoTime());

    private final Helper[] helpers;
    private final String[] names;

    private Helpers(Helper[] helpers, String[] names) {
        this.helpers = helpers;
        this.names = names;
    }

    /** No helpers at all. */
    public static Helpers none() {
        return EMPTY;
    }

    /** The kernel helpers that need no maps or context. */
    public static Helpers standard() {
        return STANDARD;
    }

    /** A registry with {@code helper} under {@code id}, replacing any helper there. */
    public Helpers with(int id, String name, Helper helper) {
        if (id < 0 || id > 0xffff) {
            throw new BpfException("helper number " + id + " is outside 0..65535");
        }
        int size = Math.max(helpers.length, id + 1);
        Helper[] h = Arrays.copyOf(helpers, size);
        String[] n = Arrays.copyOf(names, size);
        h[id] = helper;
        n[id] = name;
        return new Helpers(h, n);
    }

    /** The helper under {@code id}, or null. */
    public Helper get(long id) {
        return id >= 0 && id < helpers.length ? helpers[(int) id] : null;
    }

    /** The name of helper {@code id}, or {@code helper#id}. */
    public String name(long id) {
        return id >= 0 && id < names.length && names[(int) id] != null ? names[(int) id] : "helper#" + id;
    }

    /** A copy of the table, indexed by helper number (engines keep it for fast dispatch). */
    public Helper[] table() {
        return helpers.clone();
    }
}
