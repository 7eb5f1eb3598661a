package io.github.bpf4j.vm.classic;

import static io.github.bpf4j.vm.classic.ClassicOpcodes.*;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Helpers;
import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramType;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a classic filter into an eBPF socket filter that bpf(2) loads, in the kernel's
 * register mapping ({@code bpf_convert_filter}): A in r0, X in r7, the context ({@code __sk_buff})
 * in r6, scratch word M[k] on the stack at r10 - 4 * (16 - k), r2 as a temporary. Packet loads
 * stay LD_ABS/LD_IND (which end the program with 0 when out of bounds, as classic loads do);
 * comparisons are 32-bit (JMP32) since A and X are 32-bit; a division or modulo by an X of 0
 * returns 0. Ancillary loads read {@code __sk_buff} fields or call helpers; those a loadable
 * program cannot reach ({@code hatype}, {@code nla}, {@code nlan}, {@code poff}) are rejected.
 * Unreachable classic instructions are left out, since the eBPF verifier rejects dead code.
 */
public final class ClassicTranslator {
    static final int REG_A = 0;
    static final int REG_TMP = 2;
    static final int REG_CTX = 6;
    static final int REG_X = 7;
    static final int REG_FP = 10;

    /** {@code struct __sk_buff} field offsets (uapi/linux/bpf.h). */
    static final int SKB_LEN = 0;
    static final int SKB_PKT_TYPE = 4;
    static final int SKB_MARK = 8;
    static final int SKB_QUEUE_MAPPING = 12;
    static final int SKB_PROTOCOL = 16;
    static final int SKB_VLAN_PRESENT = 20;
    static final int SKB_VLAN_TCI = 24;
    static final int SKB_VLAN_PROTO = 28;
    static final int SKB_IFINDEX = 40;
    static final int SKB_HASH = 68;

    private record Fixup(int at, int classicTarget) {}

    private final ClassicProgram source;
    private final List<Instruction> out = new ArrayList<>();
    private final List<Fixup> fixups = new ArrayList<>();

    private ClassicTranslator(ClassicProgram source) {
        this.source = source;
    }

    /** The eBPF socket filter equivalent to {@code program}. */
    public static Program translate(ClassicProgram program) {
        return new ClassicTranslator(program).run();
    }

    private Program run() {
        int n = source.length();
        int[] start = new int[n];
        emit(0xbf, REG_CTX, 1, 0, 0);        // r6 = r1 (ctx)
        emit(0xb4, REG_A, 0, 0, 0);          // w0 = 0
        emit(0xb4, REG_X, 0, 0, 0);          // w7 = 0
        boolean[] reachable = reachable();
        for (int pc = 0; pc < n; pc++) {
            start[pc] = out.size();
            if (reachable[pc]) {
                translate(pc, source.instruction(pc));
            }
        }
        long[] slots = new long[out.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = out.get(i).toSlot();
        }
        for (Fixup f : fixups) {
            int offset = start[f.classicTarget()] - f.at() - 1;
            if (offset > Short.MAX_VALUE) {
                throw new BpfException("classic instruction " + f.classicTarget() + " is " + offset
                        + " eBPF instructions ahead, beyond a 16-bit jump offset");
            }
            Instruction old = Instruction.fromSlot(slots[f.at()]);
            slots[f.at()] = new Instruction(old.opcode(), old.dst(), old.src(), (short) offset, old.imm()).toSlot();
        }
        return Program.of(ProgramType.SOCKET_FILTER, slots, List.of());
    }

    /**
     * Which instructions some path from the first reaches. The classic checker accepts dead code;
     * the eBPF verifier rejects it ("unreachable insn"), so it is left out.
     */
    private boolean[] reachable() {
        int n = source.length();
        boolean[] seen = new boolean[n];
        seen[0] = true;
        // Jumps only go forward, so one pass in order sees every predecessor first.
        for (int pc = 0; pc < n; pc++) {
            if (!seen[pc]) {
                continue;
            }
            ClassicInstruction insn = source.instruction(pc);
            int code = insn.code();
            if (cls(code) == RET) {
                continue;
            }
            if (code == (JMP | JA)) {
                seen[pc + 1 + insn.k()] = true;
            } else if (isConditionalJump(code)) {
                seen[pc + 1 + insn.jt()] = true;
                seen[pc + 1 + insn.jf()] = true;
            } else {
                seen[pc + 1] = true;
            }
        }
        return seen;
    }

    private void emit(int opcode, int dst, int src, int offset, int imm) {
        out.add(new Instruction(opcode, dst, src, (short) offset, imm));
    }

    /** A jump whose offset is patched once the target's position is known. */
    private void jumpTo(int opcode, int dst, int src, int imm, int classicTarget) {
        fixups.add(new Fixup(out.size(), classicTarget));
        emit(opcode, dst, src, 0, imm);
    }

    private static int stackOffset(int k) {
        return -4 * (MEMWORDS - k);
    }

    private void translate(int pc, ClassicInstruction insn) {
        int code = insn.code();
        int k = insn.k();
        switch (cls(code)) {
            case LD -> load(pc, code, k, REG_A);
            case LDX -> load(pc, code, k, REG_X);
            case ST -> emit(0x63, REG_FP, REG_A, stackOffset(k), 0);
            case STX -> emit(0x63, REG_FP, REG_X, stackOffset(k), 0);
            case ALU -> alu(code, k);
            case JMP -> jump(pc, insn);
            case RET -> {
                if (code == (RET | K)) {
                    emit(0xb4, REG_A, 0, 0, k);
                }
                emit(0x95, 0, 0, 0, 0);
            }
            default -> {
                if (code == (MISC | TAX)) {
                    emit(0xbc, REG_X, REG_A, 0, 0);
                } else {
                    emit(0xbc, REG_A, REG_X, 0, 0);
                }
            }
        }
    }

    private void load(int pc, int code, int k, int reg) {
        switch (mode(code)) {
            case IMM -> emit(0xb4, reg, 0, 0, k);
            case MEM -> emit(0x61, reg, REG_FP, stackOffset(k), 0);
            case LEN -> emit(0x61, reg, REG_CTX, SKB_LEN, 0);
            case ABS -> {
                Ancillary a = Ancillary.of(k);
                if (a != null) {
                    ancillary(pc, a);
                } else {
                    emit(code, 0, 0, 0, k);           // LD_ABS: r0 = packet[k], same opcode byte as classic
                }
            }
            case IND -> emit(code, 0, REG_X, 0, k);   // LD_IND: r0 = packet[x + k]
            default -> {                               // ldxb 4*([k]&0xf), as the kernel converts it
                emit(0xbf, REG_X, REG_A, 0, 0);        // r7 = r0 (keep A while LD_ABS overwrites r0)
                emit(0x30, 0, 0, 0, k);                // r0 = packet[k] (byte)
                emit(0x54, REG_A, 0, 0, 0xf);          // w0 &= 0xf
                emit(0x64, REG_A, 0, 0, 2);            // w0 <<= 2
                emit(0xbf, REG_TMP, REG_X, 0, 0);      // r2 = r7
                emit(0xbf, REG_X, REG_A, 0, 0);        // r7 = r0
                emit(0xbf, REG_A, REG_TMP, 0, 0);      // r0 = r2
            }
        }
    }

    private void ancillary(int pc, Ancillary a) {
        switch (a) {
            case PROTOCOL -> {
                emit(0x61, REG_A, REG_CTX, SKB_PROTOCOL, 0);
                emit(0xdc, REG_A, 0, 0, 16);          // network to host order
            }
            case VLAN_TPID -> {
                emit(0x61, REG_A, REG_CTX, SKB_VLAN_PROTO, 0);
                emit(0xdc, REG_A, 0, 0, 16);
            }
            case PKTTYPE -> emit(0x61, REG_A, REG_CTX, SKB_PKT_TYPE, 0);
            case IFINDEX -> emit(0x61, REG_A, REG_CTX, SKB_IFINDEX, 0);
            case MARK -> emit(0x61, REG_A, REG_CTX, SKB_MARK, 0);
            case QUEUE -> emit(0x61, REG_A, REG_CTX, SKB_QUEUE_MAPPING, 0);
            case RXHASH -> emit(0x61, REG_A, REG_CTX, SKB_HASH, 0);
            case VLAN_TAG -> emit(0x61, REG_A, REG_CTX, SKB_VLAN_TCI, 0);
            case VLAN_TAG_PRESENT -> emit(0x61, REG_A, REG_CTX, SKB_VLAN_PRESENT, 0);
            case ALU_XOR_X -> emit(0xac, REG_A, REG_X, 0, 0);
            case CPU -> emit(0x85, 0, 0, 0, Helpers.GET_SMP_PROCESSOR_ID);
            case RANDOM -> emit(0x85, 0, 0, 0, Helpers.GET_PRANDOM_U32);
            default -> throw new BpfException("classic instruction " + pc + ": ld [" + a.imageName
                    + "] cannot be translated: no __sk_buff field or helper gives it to a loadable socket filter");
        }
    }

    private void alu(int code, int k) {
        if (code == (ALU | NEG)) {
            emit(0x84, REG_A, 0, 0, 0);
            return;
        }
        if (src(code) == K) {
            emit(code, REG_A, 0, 0, k);              // ALU32 opcodes equal the classic ones
            return;
        }
        if (op(code) == DIV || op(code) == MOD) {
            emit(0x55, REG_X, 0, 2, 0);              // if r7 != 0 skip the next two
            emit(0xb4, REG_A, 0, 0, 0);              // w0 = 0
            emit(0x95, 0, 0, 0, 0);                  // exit: classic division by zero drops
        }
        emit(code, REG_A, REG_X, 0, 0);
    }

    private void jump(int pc, ClassicInstruction insn) {
        int code = insn.code();
        if (op(code) == JA) {
            jumpTo(0x05, 0, 0, 0, pc + 1 + insn.k());
            return;
        }
        int jt = insn.jt();
        int jf = insn.jf();
        boolean x = src(code) == X;
        int src = x ? REG_X : 0;
        int imm = x ? 0 : insn.k();
        int jmp32 = 0x06 | op(code) | src(code);
        if (jt == 0 && jf == 0) {
            return;                                   // both ways lead to the next instruction
        }
        if (jf == 0) {
            jumpTo(jmp32, REG_A, src, imm, pc + 1 + jt);
            return;
        }
        if (jt == 0 && op(code) != JSET) {
            int inverse = switch (op(code)) {
                case JEQ -> 0x50;                     // jne
                case JGT -> 0xb0;                     // jle
                default -> 0xa0;                      // jge -> jlt
            };
            jumpTo(0x06 | inverse | src(code), REG_A, src, imm, pc + 1 + jf);
            return;
        }
        jumpTo(jmp32, REG_A, src, imm, pc + 1 + jt);
        jumpTo(0x05, 0, 0, 0, pc + 1 + jf);
    }

    /**
     * The packet a socket-filter run gets for a captured frame. Such a run starts, like the
     * kernel's test run, after an Ethernet header it pulls off; a capture's filter reads the frame
     * from its link header on, so the frame goes in behind a pseudo header of its own EtherType.
     */
    public static byte[] socketFilterInput(byte[] frame) {
        byte[] input = new byte[14 + frame.length];
        if (frame.length >= 14) {
            input[12] = frame[12];
            input[13] = frame[13];
        }
        System.arraycopy(frame, 0, input, 14, frame.length);
        return input;
    }
}
