package io.github.bpf4j.verifier;

import static io.github.bpf4j.vm.Opcodes.*;

import io.github.bpf4j.vm.Instruction;

/**
 * The stack across the call chain: every chain of calls from the main program may use at most
 * 512 bytes in total, each frame rounded up as the JIT lays it out (kernel: check_max_stack_depth).
 */
final class StackLimits {
    private StackLimits() {}

    static void check(ProgramStructure ps, int[] depths) {
        walk(ps, depths, 0, 0, 1);
    }

    private static void walk(ProgramStructure ps, int[] depths, int subprog, int depth, int frames) {
        int total = depth + roundUp(Math.max(depths[subprog], 1), 16);
        if (total > FrameState.MAX_STACK) {
            throw new Rejection(-1, "combined stack size of " + frames + " calls is " + total + ". Too large");
        }
        int end = ps.subprogEnd(subprog);
        for (int pc = ps.subprogStarts[subprog]; pc < end; pc++) {
            Instruction insn = ps.insns[pc];
            if (insn.opcode() == CALL_OP && insn.src() == CALL_LOCAL) {
                int callee = ps.subprogOf[pc + insn.imm() + 1];
                if (frames >= Explorer.MAX_CALL_FRAMES) {
                    throw new Rejection(pc, "the call stack of " + (frames + 1) + " frames is too deep !");
                }
                walk(ps, depths, callee, total, frames + 1);
            }
        }
    }

    private static int roundUp(int v, int to) {
        return (v + to - 1) / to * to;
    }
}
