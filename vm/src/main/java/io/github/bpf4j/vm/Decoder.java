package io.github.bpf4j.vm;

import static io.github.bpf4j.vm.Opcodes.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Checks that every slot is an instruction RFC 9669 (or the Linux kernel) defines, with every
 * field it does not use set to zero, and that jumps and calls land on an instruction.
 * Errors name the slot and the field.
 */
public final class Decoder {
    /** The kernel's limit on program size, in slots. */
    public static final int MAX_SLOTS = 1_000_000;

    private Decoder() {}

    /** Splits bytes into little-endian slots; the length must be a non-zero multiple of 8. */
    public static long[] slots(byte[] bytes) {
        if (bytes.length % 8 != 0) {
            throw new MalformedProgramException("program is " + bytes.length
                    + " bytes, not a multiple of 8 (truncated last instruction at byte " + (bytes.length / 8 * 8) + ")");
        }
        long[] slots = new long[bytes.length / 8];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(slots);
        return slots;
    }

    /** Validates a whole program; throws {@link MalformedProgramException} at the first bad slot. */
    public static void validate(long[] slots) {
        if (slots.length == 0) {
            throw new MalformedProgramException("program is empty", 0);
        }
        if (slots.length > MAX_SLOTS) {
            throw new MalformedProgramException("program has " + slots.length + " slots, more than " + MAX_SLOTS,
                    MAX_SLOTS);
        }
        boolean[] secondHalf = new boolean[slots.length];
        for (int pc = 0; pc < slots.length; pc++) {
            Instruction insn = Instruction.fromSlot(slots[pc]);
            check(insn, pc);
            if (insn.isLddw()) {
                if (pc + 1 >= slots.length) {
                    throw bad(pc, insn, "lddw is truncated: its second slot is missing");
                }
                Instruction hi = Instruction.fromSlot(slots[pc + 1]);
                if (hi.opcode() != 0 || hi.dst() != 0 || hi.src() != 0 || hi.offset() != 0) {
                    throw new MalformedProgramException(String.format(
                            "slot %d: second slot of lddw must have opcode, registers and offset 0 (opcode 0x%02x, dst %d, src %d, offset %d)",
                            pc + 1, hi.opcode(), hi.dst(), hi.src(), hi.offset()), pc + 1);
                }
                secondHalf[++pc] = true;
            }
        }
        for (int pc = 0; pc < slots.length; pc++) {
            if (secondHalf[pc]) {
                continue;
            }
            Instruction insn = Instruction.fromSlot(slots[pc]);
            long target = jumpTarget(insn, pc);
            if (target != NO_TARGET) {
                String what = insn.cls() == CLS_JMP && op(insn.opcode()) == CALL ? "call" : "jump";
                if (target < 0 || target >= slots.length) {
                    throw bad(pc, insn, what + " out of range: target " + target + " is outside 0.." + (slots.length - 1));
                }
                if (secondHalf[(int) target]) {
                    throw bad(pc, insn, what + " into the middle of lddw at slot " + (target - 1));
                }
            }
        }
    }

    private static final long NO_TARGET = Long.MIN_VALUE;

    /** The pc a jump, local call or function-pointer lddw refers to, or NO_TARGET. */
    private static long jumpTarget(Instruction insn, int pc) {
        int opcode = insn.opcode();
        if (opcode == LDDW) {
            return insn.src() == PSEUDO_FUNC ? (long) pc + insn.imm() + 1 : NO_TARGET;
        }
        int cls = insn.cls();
        if (cls != CLS_JMP && cls != CLS_JMP32) {
            return NO_TARGET;
        }
        if (opcode == GOTOL_OP) {
            return (long) pc + insn.imm() + 1;
        }
        if (opcode == CALL_OP) {
            return insn.src() == CALL_LOCAL ? (long) pc + insn.imm() + 1 : NO_TARGET;
        }
        if (opcode == CALLX_OP || opcode == EXIT_OP) {
            return NO_TARGET;
        }
        return (long) pc + insn.offset() + 1;
    }

    /** Validates one instruction on its own. */
    static void check(Instruction insn, int pc) {
        switch (insn.cls()) {
            case CLS_ALU, CLS_ALU64 -> checkAlu(insn, pc);
            case CLS_JMP, CLS_JMP32 -> checkJump(insn, pc);
            case CLS_LD -> checkLd(insn, pc);
            case CLS_LDX -> checkLdx(insn, pc);
            case CLS_ST -> checkSt(insn, pc);
            default -> checkStx(insn, pc);
        }
    }

    private static void checkAlu(Instruction insn, int pc) {
        int opcode = insn.opcode();
        boolean is64 = insn.cls() == CLS_ALU64;
        boolean regSource = source(opcode) == SRC_X;
        int op = op(opcode);
        dstRegister(insn, pc);
        switch (op) {
            case NEG -> {
                if (regSource) {
                    throw unknown(pc, insn);
                }
                zero(insn, pc, "src", insn.src());
                zero(insn, pc, "imm", insn.imm());
                zero(insn, pc, "offset", insn.offset());
                return;
            }
            case END -> {
                if (is64 && regSource) {
                    throw unknown(pc, insn);
                }
                zero(insn, pc, "src", insn.src());
                zero(insn, pc, "offset", insn.offset());
                if (insn.imm() != 16 && insn.imm() != 32 && insn.imm() != 64) {
                    throw bad(pc, insn, "imm field of a byte swap must be 16, 32 or 64, is " + insn.imm());
                }
                return;
            }
            case 0xe0, 0xf0 -> throw unknown(pc, insn);
            default -> { }
        }
        int off = insn.offset();
        if ((op == DIV || op == MOD) && off != 0 && off != 1) {
            throw bad(pc, insn, "offset field of div/mod must be 0 (unsigned) or 1 (signed), is " + off);
        } else if (op == MOV && off != 0) {
            if (!regSource) {
                throw bad(pc, insn, "offset field must be 0, is " + off);
            }
            if (off != 8 && off != 16 && !(is64 && off == 32)) {
                throw bad(pc, insn, "offset field of movsx must be 8, 16" + (is64 ? " or 32" : "") + ", is " + off);
            }
        } else if (op != DIV && op != MOD && op != MOV) {
            zero(insn, pc, "offset", off);
        }
        if (regSource) {
            srcRegister(insn, pc);
            zero(insn, pc, "imm", insn.imm());
        } else {
            zero(insn, pc, "src", insn.src());
        }
    }

    private static void checkJump(Instruction insn, int pc) {
        int opcode = insn.opcode();
        boolean is32 = insn.cls() == CLS_JMP32;
        boolean regSource = source(opcode) == SRC_X;
        switch (op(opcode)) {
            case JA -> {
                if (regSource) {
                    throw unknown(pc, insn);
                }
                zero(insn, pc, "dst", insn.dst());
                zero(insn, pc, "src", insn.src());
                if (is32) {
                    zero(insn, pc, "offset", insn.offset());
                } else {
                    zero(insn, pc, "imm", insn.imm());
                }
            }
            case CALL -> {
                if (is32) {
                    throw unknown(pc, insn);
                }
                zero(insn, pc, "offset", insn.offset());
                if (regSource) {
                    // callx: the register is in dst (LLVM, Linux) or, in older encodings, in imm.
                    zero(insn, pc, "src", insn.src());
                    dstRegister(insn, pc);
                    if (insn.imm() != 0) {
                        zero(insn, pc, "dst", insn.dst());
                        if (insn.imm() < 0 || insn.imm() > 10) {
                            throw bad(pc, insn, "callx register in imm field must be 0..10, is " + insn.imm());
                        }
                    }
                } else {
                    zero(insn, pc, "dst", insn.dst());
                    if (insn.src() > CALL_KFUNC) {
                        throw bad(pc, insn, "src field of call must be 0 (helper), 1 (local) or 2 (kfunc), is " + insn.src());
                    }
                }
            }
            case EXIT -> {
                if (is32 || regSource) {
                    throw unknown(pc, insn);
                }
                zero(insn, pc, "dst", insn.dst());
                zero(insn, pc, "src", insn.src());
                zero(insn, pc, "offset", insn.offset());
                zero(insn, pc, "imm", insn.imm());
            }
            case JCOND -> {
                if (is32 || regSource) {
                    throw unknown(pc, insn);
                }
                zero(insn, pc, "dst", insn.dst());
                zero(insn, pc, "src", insn.src());
                zero(insn, pc, "imm", insn.imm());
            }
            case 0xf0 -> throw unknown(pc, insn);
            default -> {
                dstRegister(insn, pc);
                if (regSource) {
                    srcRegister(insn, pc);
                    zero(insn, pc, "imm", insn.imm());
                } else {
                    zero(insn, pc, "src", insn.src());
                }
            }
        }
    }

    private static void checkLd(Instruction insn, int pc) {
        int opcode = insn.opcode();
        if (opcode == LDDW) {
            dstRegister(insn, pc);
            zero(insn, pc, "offset", insn.offset());
            if (insn.src() > PSEUDO_MAP_IDX_VALUE) {
                throw bad(pc, insn, "src field of lddw must be 0..6, is " + insn.src());
            }
            return;
        }
        int mode = mode(opcode);
        if ((mode != MODE_ABS && mode != MODE_IND) || size(opcode) == SIZE_DW) {
            throw unknown(pc, insn);
        }
        zero(insn, pc, "dst", insn.dst());
        zero(insn, pc, "offset", insn.offset());
        if (mode == MODE_ABS) {
            zero(insn, pc, "src", insn.src());
        } else {
            srcRegister(insn, pc);
        }
    }

    private static void checkLdx(Instruction insn, int pc) {
        int mode = mode(insn.opcode());
        if (mode != MODE_MEM && !(mode == MODE_MEMSX && size(insn.opcode()) != SIZE_DW)) {
            throw unknown(pc, insn);
        }
        dstRegister(insn, pc);
        srcRegister(insn, pc);
        zero(insn, pc, "imm", insn.imm());
    }

    private static void checkSt(Instruction insn, int pc) {
        if (mode(insn.opcode()) != MODE_MEM) {
            throw unknown(pc, insn);
        }
        dstRegister(insn, pc);
        zero(insn, pc, "src", insn.src());
    }

    private static void checkStx(Instruction insn, int pc) {
        int mode = mode(insn.opcode());
        dstRegister(insn, pc);
        srcRegister(insn, pc);
        if (mode == MODE_MEM) {
            zero(insn, pc, "imm", insn.imm());
            return;
        }
        if (mode != MODE_ATOMIC) {
            throw unknown(pc, insn);
        }
        int size = size(insn.opcode());
        int imm = insn.imm();
        boolean ordered = imm == ATOMIC_LOAD_ACQ || imm == ATOMIC_STORE_REL;
        if (ordered) {
            return; // every size
        }
        if (size != SIZE_W && size != SIZE_DW) {
            throw bad(pc, insn, String.format("atomic operation 0x%x needs a 32- or 64-bit size", imm));
        }
        switch (imm) {
            case ATOMIC_ADD, ATOMIC_OR, ATOMIC_AND, ATOMIC_XOR,
                 ATOMIC_ADD | ATOMIC_FETCH, ATOMIC_OR | ATOMIC_FETCH, ATOMIC_AND | ATOMIC_FETCH,
                 ATOMIC_XOR | ATOMIC_FETCH, ATOMIC_XCHG, ATOMIC_CMPXCHG -> { }
            default -> throw bad(pc, insn, String.format("imm field 0x%x is not an atomic operation", imm));
        }
    }

    private static void dstRegister(Instruction insn, int pc) {
        if (insn.dst() > 10) {
            throw bad(pc, insn, "dst field names register r" + insn.dst() + ", registers are r0..r10");
        }
    }

    private static void srcRegister(Instruction insn, int pc) {
        if (insn.src() > 10) {
            throw bad(pc, insn, "src field names register r" + insn.src() + ", registers are r0..r10");
        }
    }

    private static void zero(Instruction insn, int pc, String field, int value) {
        if (value != 0) {
            throw bad(pc, insn, field + " field must be 0, is " + value);
        }
    }

    private static MalformedProgramException unknown(int pc, Instruction insn) {
        return new MalformedProgramException(String.format("slot %d: unknown opcode 0x%02x", pc, insn.opcode()), pc);
    }

    private static MalformedProgramException bad(int pc, Instruction insn, String what) {
        return new MalformedProgramException(String.format("slot %d (opcode 0x%02x): %s", pc, insn.opcode(), what), pc);
    }
}
