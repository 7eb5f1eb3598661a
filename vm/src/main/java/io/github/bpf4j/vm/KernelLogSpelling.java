package io.github.bpf4j.vm;

import static io.github.bpf4j.vm.Opcodes.*;

/**
 * The kernel verifier log's notation (Linux 6.18), checked against the log of the running kernel:
 * {@code (b7) r0 = 1}, {@code (7b) *(u64 *)(r10 -8) = r1}, {@code (15) if r1 == 0x2 goto pc+3},
 * {@code (85) call bpf_ktime_get_ns#5}, {@code (18) r1 = 0xffffffffffffffff},
 * {@code (db) r1 = atomic64_fetch_add((u64 *)(r10 -8), r1)}. Where the kernel has no text of its
 * own (callx, which it rejects; pseudo lddw, which it prints with map ids it assigned; kfunc
 * names from BTF) this prints the LLVM text.
 */
final class KernelLogSpelling extends LlvmSpelling {

    @Override
    String text(Instruction insn, long constant) {
        return String.format("(%02x) ", insn.opcode()) + super.text(insn, constant);
    }

    /** Loads and stores name the full register ({@code r1 = *(u32 *)...}). */
    @Override
    String data(int bits, int n) {
        return "r" + n;
    }

    @Override
    String address(int reg, int offset) {
        return "(r" + reg + " " + signed(offset) + ")";
    }

    /** Conditional jumps print their immediate as 32-bit hex. */
    @Override
    String immediate(int imm) {
        return "0x" + Integer.toHexString(imm);
    }

    @Override
    String target(int relative) {
        return "pc" + signed(relative);
    }

    @Override
    String lddw(int dst, long constant) {
        return "r" + dst + " = 0x" + Long.toHexString(constant);
    }

    @Override
    String packetLoad(int bits, boolean indirect, int src, int imm) {
        String index = indirect ? "r" + src + " + " + imm : Integer.toString(imm);
        return "r0 = *(" + type(bits, false) + " *)skb[" + index + "]";
    }

    @Override
    String atomic(int bits, String name, boolean fetch, int dst, int offset, int src) {
        if (!fetch) {
            return super.atomic(bits, name, false, dst, offset, src);
        }
        return "r" + src + " = " + atomicPrefix(bits) + "_fetch_" + name + "(" + typed(bits, dst, offset) + ", r" + src + ")";
    }

    private static String atomicPrefix(int bits) {
        return bits == 64 ? "atomic64" : "atomic";
    }

    @Override
    String xchg(int bits, int dst, int offset, int src) {
        return "r" + src + " = " + atomicPrefix(bits) + "_xchg(" + typed(bits, dst, offset) + ", r" + src + ")";
    }

    @Override
    String cmpxchg(int bits, int dst, int offset, int src) {
        return "r0 = " + atomicPrefix(bits) + "_cmpxchg(" + typed(bits, dst, offset) + ", r0, r" + src + ")";
    }

    @Override
    String call(int kind, int imm) {
        return kind == CALL_HELPER ? "call " + KernelHelperNames.name(imm) + "#" + imm : super.call(kind, imm);
    }
}
