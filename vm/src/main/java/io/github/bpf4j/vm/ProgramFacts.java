package io.github.bpf4j.vm;

/**
 * What a verifier proved about a program, for engines to exploit. Engines may use it; none may
 * need it. {@link #NONE} is what an unverified program has.
 */
public class ProgramFacts {
    /** The facts of an unverified program: nothing is known. */
    public static final ProgramFacts NONE = new ProgramFacts();

    protected ProgramFacts() {}

    /** True when a verifier accepted the program. */
    public boolean verified() {
        return false;
    }
}
