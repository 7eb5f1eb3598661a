package io.github.bpf4j.testdata;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.BpfFault;
import io.github.bpf4j.vm.Engine;
import io.github.bpf4j.vm.HexText;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.RunResult;
import io.github.bpf4j.vm.VerifierException;
import java.util.Arrays;

/**
 * What one engine did with one program and input, reduced to what engines must agree on: r0
 * and the memory after the run, or the fault's kind and pc. A load-time rejection (the kernel's
 * verifier) is its own outcome: it says nothing about the others' semantics.
 */
public record Observation(Kind kind, long r0, byte[] memory, String detail) {
    public enum Kind { RESULT, FAULT, REJECTED }

    static Observation of(Engine engine, Program program, byte[] input, LoadOptions options) {
        LoadedProgram loaded;
        try {
            loaded = engine.load(program, options);
        } catch (VerifierException e) {
            return new Observation(Kind.REJECTED, 0, null, e.getMessage());
        } catch (BpfException e) {
            return new Observation(Kind.REJECTED, 0, null, e.getMessage());
        }
        try (loaded) {
            RunResult r = loaded.run(input);
            return new Observation(Kind.RESULT, r.r0(), r.memory(), "");
        } catch (BpfFault f) {
            return new Observation(Kind.FAULT, 0, null, f.kind() + " at pc " + f.pc());
        } catch (BpfException e) {
            return new Observation(Kind.REJECTED, 0, null, e.getMessage());
        }
    }

    /** Whether two engines agree (rejections are not compared). */
    boolean agrees(Observation other) {
        if (kind != other.kind) {
            return false;
        }
        return switch (kind) {
            case RESULT -> r0 == other.r0 && Arrays.equals(memory, other.memory);
            case FAULT -> detail.equals(other.detail);
            case REJECTED -> true;
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case RESULT -> String.format("r0 = 0x%x, memory %s", r0, HexText.format(memory));
            case FAULT -> "fault " + detail;
            case REJECTED -> "rejected: " + detail;
        };
    }
}
