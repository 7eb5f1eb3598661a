package io.github.bpf4j.jit;

/** What a generated class implements: the entry into subprogram 0, frame 0. */
interface CompiledCode {
    /** Runs the program with r1 and r2 set (r3-r5 zero) and returns r0. */
    long run(JitRun rt, long r1, long r2);
}
