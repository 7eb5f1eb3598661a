package io.github.bpf4j.verifier;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The branch decisions on a path, newest first, shared between the paths that fork from it
 * (so forking costs nothing however long the path is).
 */
record BranchPath(int from, int to, BranchPath before) {
    static BranchPath then(BranchPath path, int from, int to) {
        return new BranchPath(from, to, path);
    }

    /** The most decisions an error reports: the last ones, after a line counting the others. */
    static final int REPORTED = 64;

    /** Oldest first, as "3 -> 6"; a long path starts with "(N earlier decisions)". */
    static List<String> describe(BranchPath path) {
        List<String> steps = new ArrayList<>();
        int earlier = 0;
        for (BranchPath p = path; p != null; p = p.before) {
            if (steps.size() < REPORTED) {
                steps.add(p.from + " -> " + p.to);
            } else {
                earlier++;
            }
        }
        if (earlier > 0) {
            steps.add("(" + earlier + " earlier decisions)");
        }
        Collections.reverse(steps);
        return steps;
    }
}
