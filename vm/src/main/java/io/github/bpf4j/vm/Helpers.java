package io.github.bpf4j.vm;

import io.github.bpf4j.vm.helpers.KernelHelpers;
import java.util.Arrays;

/**
 * Helper functions by number, each with its {@link HelperPrototype}. Kernel helpers keep their
 * kernel numbers in every program type (5 is {@code ktime_get_ns}); user helpers take free
 * numbers. Immutable: {@link #with} returns a new registry.
 */
public final class Helpers {
    public static final int KTIME_GET_NS = 5;
    public static final int GET_PRANDOM_U32 = 7;
    public static final int GET_SMP_PROCESSOR_ID = 8;
    public static final int KTIME_GET_BOOT_NS = 125;

    private static final Helpers EMPTY = new Helpers(new Helper[0], new HelperPrototype[0]);

    private final Helper[] helpers;
    private final HelperPrototype[] prototypes;

    private Helpers(Helper[] helpers, HelperPrototype[] prototypes) {
        this.helpers = helpers;
        this.prototypes = prototypes;
    }

    /** No helpers at all. */
    public static Helpers none() {
        return EMPTY;
    }

    /** Every kernel helper bpf4j implements, under its kernel number. */
    public static Helpers standard() {
        return KernelHelpers.ALL;
    }

    /** A registry with {@code helper} under {@code id}, replacing any helper there. */
    public Helpers with(int id, HelperPrototype prototype, Helper helper) {
        if (id < 0 || id > 0xffff) {
            throw new BpfException("helper number " + id + " is outside 0..65535");
        }
        int size = Math.max(helpers.length, id + 1);
        Helper[] h = Arrays.copyOf(helpers, size);
        HelperPrototype[] p = Arrays.copyOf(prototypes, size);
        h[id] = helper;
        p[id] = prototype;
        return new Helpers(h, p);
    }

    /** As {@link #with(int, HelperPrototype, Helper)} with a prototype of five arguments of anything. */
    public Helpers with(int id, String name, Helper helper) {
        return with(id, HelperPrototype.anything(name), helper);
    }

    /** The helper under {@code id}, or null. */
    public Helper get(long id) {
        return id >= 0 && id < helpers.length ? helpers[(int) id] : null;
    }

    /** The prototype of helper {@code id}, or null when there is none. */
    public HelperPrototype prototype(long id) {
        return id >= 0 && id < prototypes.length ? prototypes[(int) id] : null;
    }

    /** The name of helper {@code id}, or {@code helper#id}. */
    public String name(long id) {
        HelperPrototype p = prototype(id);
        return p != null ? p.name() : "helper#" + id;
    }

    /** A copy of the table, indexed by helper number (engines keep it for fast dispatch). */
    public Helper[] table() {
        return helpers.clone();
    }
}
