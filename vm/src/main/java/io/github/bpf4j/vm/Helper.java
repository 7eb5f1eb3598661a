package io.github.bpf4j.vm;

/** A helper function a program calls by number: r1..r5 in, r0 out. */
@FunctionalInterface
public interface Helper {
    long call(long r1, long r2, long r3, long r4, long r5, HelperContext context);
}
