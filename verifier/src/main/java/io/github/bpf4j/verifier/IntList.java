package io.github.bpf4j.verifier;

import java.util.Arrays;

/** A growable list of ints without boxing. */
final class IntList {
    private int[] items = new int[8];
    private int size;

    void add(int v) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = v;
    }

    /** Removes and returns the last item. */
    int pop() {
        return items[--size];
    }

    int get(int i) {
        return items[i];
    }

    void set(int i, int v) {
        items[i] = v;
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    IntList copy() {
        IntList l = new IntList();
        l.items = Arrays.copyOf(items, Math.max(8, size));
        l.size = size;
        return l;
    }
}
