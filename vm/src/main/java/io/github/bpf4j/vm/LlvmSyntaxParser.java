package io.github.bpf4j.vm;

import static io.github.bpf4j.vm.Opcodes.*;

import io.github.bpf4j.vm.AsmLine.Register;
import io.github.bpf4j.vm.AsmLine.Width;
import io.github.bpf4j.vm.AsmStatement.Field;
import io.github.bpf4j.vm.AsmStatement.Target;
import java.util.Map;

/**
 * The kernel / LLVM syntax, as {@code llvm-mc -triple bpfel -mcpu=v4} reads it and
 * {@code llvm-objdump -d} prints it: {@code r0 += r1}, {@code w0 = (s8)w1},
 * {@code r0 = *(u32 *)(r1 + 4)}, {@code if w1 s< 2 goto +3}, {@code lock *(u64 *)(r10 - 8) += r1},
 * {@code r1 = atomic_fetch_add((u64 *)(r10 - 8), r1)}. A {@code wN} register selects the 32-bit
 * form of an ALU operation or jump. Also read: llvm-objdump's trailing {@code <.text+0x10>},
 * load-acquire/store-release as LLVM 20 writes them, and the kernel verifier log's notation
 * ({@code goto pc+3}, {@code call pc+3}, {@code (r10 -8)}, {@code atomic64_fetch_add(...)},
 * {@code atomic64_xchg(...)}, {@code skb[r1 + -4]}, and an lddw without {@code ll} after its
 * {@code (18)} opcode; the opcode itself and {@code call bpf_name#N} are read by the
 * {@link Assembler} and {@link UbpfSyntaxParser}).
 */
final class LlvmSyntaxParser {
    private LlvmSyntaxParser() {}

    static final Map<String, Integer> ASSIGN_OPS = Map.ofEntries(
            Map.entry("+=", ADD), Map.entry("-=", SUB), Map.entry("*=", MUL), Map.entry("/=", DIV),
            Map.entry("s/=", DIV), Map.entry("|=", OR), Map.entry("&=", AND), Map.entry("<<=", LSH),
            Map.entry(">>=", RSH), Map.entry("%=", MOD), Map.entry("s%=", MOD), Map.entry("^=", XOR),
            Map.entry("s>>=", ARSH));

    static final Map<String, Integer> CONDITIONS = Map.ofEntries(
            Map.entry("==", JEQ), Map.entry(">", JGT), Map.entry(">=", JGE), Map.entry("&", JSET),
            Map.entry("!=", JNE), Map.entry("s>", JSGT), Map.entry("s>=", JSGE), Map.entry("<", JLT),
            Map.entry("<=", JLE), Map.entry("s<", JSLT), Map.entry("s<=", JSLE));

    private static final Map<String, Integer> LOCK_OPS = Map.of("+=", ATOMIC_ADD, "|=", ATOMIC_OR,
            "&=", ATOMIC_AND, "^=", ATOMIC_XOR);

    /** Fetching atomics: LLVM's names, and the kernel log's, which say atomic64_ for 64 bits. */
    private static final Map<String, Integer> FETCH_OPS = Map.of("atomic_fetch_add", ATOMIC_ADD,
            "atomic_fetch_or", ATOMIC_OR, "atomic_fetch_and", ATOMIC_AND, "atomic_fetch_xor", ATOMIC_XOR,
            "atomic64_fetch_add", ATOMIC_ADD, "atomic64_fetch_or", ATOMIC_OR, "atomic64_fetch_and", ATOMIC_AND,
            "atomic64_fetch_xor", ATOMIC_XOR);

    /** Memory access types: {@code u8}..{@code u64}, and {@code s8}..{@code s32} for sign-extending loads. */
    private static final Map<String, Integer> TYPES = Map.of("u8", SIZE_B, "u16", SIZE_H, "u32", SIZE_W,
            "u64", SIZE_DW, "s8", SIZE_B, "s16", SIZE_H, "s32", SIZE_W);

    /** True if the line (at its first instruction token) is written in this syntax. */
    static boolean claims(AsmLine line) {
        AsmToken first = line.peek();
        AsmToken second = line.peek(1);
        if (first.is("*")) {
            return true;
        }
        if (first.kind() != AsmToken.Kind.WORD) {
            return false;
        }
        switch (first.text()) {
            case "if", "goto", "gotol", "callx", "store_release":
                return true;
            case "lock":
                return second.is("*");
            case "call":
                return second.is("pc");
            default:
                return AsmLine.looksLikeRegister(first)
                        && (second.is("=") || ASSIGN_OPS.containsKey(second.text()) && second.kind() == AsmToken.Kind.SYMBOL);
        }
    }

    static AsmStatement parse(AsmLine line) {
        AsmStatement statement = statement(line);
        skipObjdumpAnnotation(line);
        line.expectEnd();
        return statement;
    }

    private static AsmStatement statement(AsmLine line) {
        AsmToken first = line.peek();
        if (first.is("*")) {
            return store(line);
        }
        switch (first.text()) {
            case "if":
                line.next();
                return conditional(line);
            case "goto":
                line.next();
                return AsmStatement.jump(JA_OP, 0, 0, 0, Target.read(line, Width.OFFSET), Field.OFFSET);
            case "gotol":
                line.next();
                return AsmStatement.jump(GOTOL_OP, 0, 0, 0, Target.read(line, Width.IMM32), Field.IMM);
            case "call":
                line.next();
                return AsmStatement.jump(CALL_OP, 0, CALL_LOCAL, 0, Target.read(line, Width.IMM32), Field.IMM);
            case "callx":
                line.next();
                return UbpfSyntaxParser.callx(line);
            case "lock":
                line.next();
                return lock(line);
            case "store_release":
                line.next();
                return storeRelease(line);
            default:
                return assignment(line);
        }
    }

    /** llvm-objdump follows a jump with its target's address, {@code <.text+0x28>}: skip it. */
    private static void skipObjdumpAnnotation(AsmLine line) {
        if (line.accept("<")) {
            while (!line.atEnd() && !line.peek().is(">")) {
                line.next();
            }
            line.expect(">");
        }
    }

    private static AsmStatement conditional(AsmLine line) {
        Register dst = line.register(true);
        AsmToken op = line.next();
        Integer code = op.kind() == AsmToken.Kind.SYMBOL ? CONDITIONS.get(op.text()) : null;
        if (code == null) {
            throw line.error(op, "expected a comparison (==, !=, >, >=, <, <=, s>, s>=, s<, s<=, &), found " + op.describe());
        }
        int cls = dst.narrow() ? CLS_JMP32 : CLS_JMP;
        int src = 0;
        long imm = 0;
        int source = SRC_K;
        if (line.atRegister()) {
            src = sameWidth(line, dst, line.register(true)).number();
            source = SRC_X;
        } else {
            imm = line.number(Width.IMM32);
        }
        line.expect("goto");
        return AsmStatement.jump(cls | code | source, dst.number(), src, imm, Target.read(line, Width.OFFSET), Field.OFFSET);
    }

    private static Register sameWidth(AsmLine line, Register a, Register b) {
        if (a.narrow() != b.narrow()) {
            throw line.error(b.token(), "register " + b.token().text() + " does not match the width of "
                    + a.token().text() + " (use " + (a.narrow() ? "w" : "r") + b.number() + ")");
        }
        return b;
    }

    /** Everything that starts with a destination register. */
    private static AsmStatement assignment(AsmLine line) {
        Register dst = line.register(true);
        int cls = dst.narrow() ? CLS_ALU : CLS_ALU64;
        AsmToken op = line.next();
        if (op.is("=")) {
            return assign(line, dst);
        }
        Integer code = op.kind() == AsmToken.Kind.SYMBOL ? ASSIGN_OPS.get(op.text()) : null;
        if (code == null) {
            throw line.error(op, "expected '=' or an assignment operator, found " + op.describe());
        }
        int offset = op.text().startsWith("s") && code != ARSH ? 1 : 0;
        if (line.atRegister()) {
            Register src = sameWidth(line, dst, line.register(true));
            return AsmStatement.of(cls | code | SRC_X, dst.number(), src.number(), offset, 0);
        }
        return AsmStatement.of(cls | code | SRC_K, dst.number(), 0, offset, line.number(Width.IMM32));
    }

    /** {@code dst = ...}: moves, negation, sign extension, byte swaps, lddw, loads, fetching atomics. */
    private static AsmStatement assign(AsmLine line, Register dst) {
        int cls = dst.narrow() ? CLS_ALU : CLS_ALU64;
        AsmToken t = line.peek();
        if (t.is("-") && AsmLine.looksLikeRegister(line.peek(1))) {
            line.next();
            sameRegister(line, dst, line.register(true));
            return AsmStatement.of(cls | NEG, dst.number(), 0, 0, 0);
        }
        if (t.is("(")) {
            return movsx(line, dst);
        }
        if (t.is("*")) {
            return load(line, dst);
        }
        if (line.atRegister()) {
            Register src = sameWidth(line, dst, line.register(true));
            return AsmStatement.of(cls | MOV | SRC_X, dst.number(), src.number(), 0, 0);
        }
        if (line.atNumber()) {
            if (line.annotatedOpcode() == LDDW) {
                // The kernel log writes lddw without "ll": "(18) r1 = 0xffffffff".
                wide(line, dst);
                return AsmStatement.lddw(dst.number(), PSEUDO_IMM64, line.number(Width.IMM64));
            }
            if (line.peek(line.peek().kind() == AsmToken.Kind.NUMBER ? 1 : 2).is("ll")) {
                wide(line, dst);
                long value = line.number(Width.IMM64);
                line.expect("ll");
                return AsmStatement.lddw(dst.number(), PSEUDO_IMM64, value);
            }
            return AsmStatement.of(cls | MOV | SRC_K, dst.number(), 0, 0, line.number(Width.IMM32));
        }
        if (t.kind() == AsmToken.Kind.WORD) {
            return namedOperation(line, dst, line.next());
        }
        throw line.error(t, "expected a register, number or operation, found " + t.describe());
    }

    private static void wide(AsmLine line, Register reg) {
        if (reg.narrow()) {
            throw line.error(reg.token(), "a 64-bit register r" + reg.number() + " is needed here");
        }
    }

    private static void sameRegister(AsmLine line, Register dst, Register src) {
        if (src.number() != dst.number() || src.narrow() != dst.narrow()) {
            throw line.error(src.token(), "operand must be the destination register " + dst.token().text());
        }
    }

    /** {@code (s8)r1}, {@code (s16)w1}, {@code (s32)r1}. */
    private static AsmStatement movsx(AsmLine line, Register dst) {
        line.expect("(");
        AsmToken type = line.expectWord("s8, s16 or s32");
        int from = switch (type.text()) {
            case "s8" -> 8;
            case "s16" -> 16;
            case "s32" -> 32;
            default -> throw line.error(type, "expected s8, s16 or s32, found " + type.describe());
        };
        if (from == 32 && dst.narrow()) {
            throw line.error(type, "(s32) needs 64-bit registers");
        }
        line.expect(")");
        Register src = sameWidth(line, dst, line.register(true));
        int cls = dst.narrow() ? CLS_ALU : CLS_ALU64;
        return AsmStatement.of(cls | MOV | SRC_X, dst.number(), src.number(), from, 0);
    }

    /** Operations named by a word after {@code dst =}: byte swaps, atomics, load-acquire. */
    private static AsmStatement namedOperation(AsmLine line, Register dst, AsmToken name) {
        String n = name.text();
        int swapWidth = n.length() > 2 ? swapWidth(n.substring(n.length() - 2)) : 0;
        if (swapWidth != 0 && (n.startsWith("be") || n.startsWith("le") || n.startsWith("bswap"))
                && n.length() == (n.startsWith("bswap") ? 7 : 4)) {
            wide(line, dst);
            sameRegister(line, dst, line.register(true));
            int opcode = n.startsWith("bswap") ? CLS_ALU64 | END : CLS_ALU | END | (n.startsWith("be") ? SRC_X : SRC_K);
            return AsmStatement.of(opcode, dst.number(), 0, 0, swapWidth);
        }
        Integer fetch = FETCH_OPS.get(n);
        if (fetch != null) {
            line.expect("(");
            Mem mem = typedMemory(line);
            line.expect(",");
            Register src = line.register(true);
            sameRegister(line, dst, src);
            line.expect(")");
            return atomic(line, mem, dst, fetch | ATOMIC_FETCH);
        }
        switch (n) {
            case "atomic64_xchg", "atomic_xchg", "xchg_64", "xchg32_32" -> {
                line.expect("(");
                Mem mem = exchangeAddress(line, n);
                line.expect(",");
                sameRegister(line, dst, line.register(true));
                line.expect(")");
                return atomic(line, mem, dst, ATOMIC_XCHG);
            }
            case "atomic64_cmpxchg", "atomic_cmpxchg", "cmpxchg_64", "cmpxchg32_32" -> {
                line.expect("(");
                Mem mem = exchangeAddress(line, n);
                line.expect(",");
                Register expected = line.register(true);
                line.expect(",");
                Register src = line.register(true);
                line.expect(")");
                return compareExchange(line, mem, dst, expected, src);
            }
            case "load_acquire" -> {
                line.expect("(");
                Mem mem = typedMemory(line);
                line.expect(")");
                checkLoadWidth(line, dst, mem);
                return AsmStatement.of(CLS_STX | MODE_ATOMIC | mem.size, dst.number(), mem.reg, mem.offset, ATOMIC_LOAD_ACQ);
            }
            default -> throw line.error(name, "unknown operation '" + n + "'");
        }
    }

    /** The kernel log types the address, {@code (u64 *)(r10 -8)}; LLVM puts the size in the name, {@code xchg_64(r10 - 8, ...)}. */
    private static Mem exchangeAddress(AsmLine line, String name) {
        if (name.startsWith("atomic")) {
            return typedMemory(line);
        }
        return untypedMemory(line, name.endsWith("_64") ? SIZE_DW : SIZE_W);
    }

    private static AsmStatement compareExchange(AsmLine line, Mem mem, Register dst, Register expected, Register src) {
        if (expected.number() != 0 || dst.number() != 0) {
            throw line.error(dst.number() != 0 ? dst.token() : expected.token(), "cmpxchg compares with and returns into r0");
        }
        sameWidth(line, dst, expected);
        return atomic(line, mem, sameWidth(line, dst, src), ATOMIC_CMPXCHG);
    }

    private static int swapWidth(String digits) {
        return switch (digits) {
            case "16" -> 16;
            case "32" -> 32;
            case "64" -> 64;
            default -> 0;
        };
    }

    private static AsmStatement atomic(AsmLine line, Mem mem, Register src, int code) {
        if (mem.size != SIZE_W && mem.size != SIZE_DW) {
            throw line.error(mem.type, "atomic operations work on u32 or u64");
        }
        if (src.narrow() && mem.size == SIZE_DW) {
            throw line.error(src.token(), "a 64-bit access needs r" + src.number());
        }
        return AsmStatement.of(CLS_STX | MODE_ATOMIC | mem.size, mem.reg, src.number(), mem.offset, code);
    }

    /** {@code lock *(u64 *)(r10 - 8) += r1}. */
    private static AsmStatement lock(AsmLine line) {
        line.expect("*");
        Mem mem = typedMemory(line);
        AsmToken op = line.next();
        Integer code = op.kind() == AsmToken.Kind.SYMBOL ? LOCK_OPS.get(op.text()) : null;
        if (code == null) {
            throw line.error(op, "expected +=, |=, &= or ^=, found " + op.describe());
        }
        return atomic(line, mem, line.register(true), code);
    }

    /** {@code store_release((u64 *)(r1 + 0), r2)}. */
    private static AsmStatement storeRelease(AsmLine line) {
        line.expect("(");
        Mem mem = typedMemory(line);
        line.expect(",");
        Register src = line.register(true);
        line.expect(")");
        checkStoreWidth(line, src, mem);
        return AsmStatement.of(CLS_STX | MODE_ATOMIC | mem.size, mem.reg, src.number(), mem.offset, ATOMIC_STORE_REL);
    }

    /** {@code r0 = *(u32 *)(r1 + 4)}, {@code r0 = *(s8 *)(r1 - 2)}, {@code r0 = *(u16 *)skb[12]}. */
    private static AsmStatement load(AsmLine line, Register dst) {
        line.expect("*");
        if (line.peek(4).is("skb")) {
            return packetLoad(line, dst);
        }
        Mem mem = typedMemory(line);
        checkLoadWidth(line, dst, mem);
        int mode = mem.signed ? MODE_MEMSX : MODE_MEM;
        return AsmStatement.of(CLS_LDX | mode | mem.size, dst.number(), mem.reg, mem.offset, 0);
    }

    private static void checkLoadWidth(AsmLine line, Register dst, Mem mem) {
        if (dst.narrow() && (mem.size == SIZE_DW || mem.signed)) {
            throw line.error(dst.token(), "this load needs a 64-bit register r" + dst.number());
        }
    }

    private static void checkStoreWidth(AsmLine line, Register src, Mem mem) {
        if (mem.signed) {
            throw line.error(mem.type, "stores take u8, u16, u32 or u64");
        }
        if (src.narrow() && mem.size == SIZE_DW) {
            throw line.error(src.token(), "a 64-bit store needs r" + src.number());
        }
    }

    /** Legacy packet loads: {@code r0 = *(u8 *)skb[12]}, {@code r0 = *(u16 *)skb[r1 + 2]}. */
    private static AsmStatement packetLoad(AsmLine line, Register dst) {
        line.expect("(");
        AsmToken type = line.expectWord("u8, u16 or u32");
        Integer size = TYPES.get(type.text());
        if (size == null || size == SIZE_DW || type.text().startsWith("s")) {
            throw line.error(type, "packet loads take u8, u16 or u32");
        }
        line.expect("*");
        line.expect(")");
        line.expect("skb");
        line.expect("[");
        if (dst.number() != 0 || dst.narrow()) {
            throw line.error(dst.token(), "packet loads write r0");
        }
        AsmStatement result;
        if (line.atRegister()) {
            int src = line.register(false).number();
            long imm = 0;
            if (line.accept("+")) {
                imm = line.number(Width.IMM32); // the kernel log writes "skb[r1 + -4]"
            } else if (line.peek().is("-")) {
                imm = line.number(Width.IMM32);
            }
            result = AsmStatement.of(CLS_LD | MODE_IND | size, 0, src, 0, imm);
        } else {
            result = AsmStatement.of(CLS_LD | MODE_ABS | size, 0, 0, 0, line.number(Width.IMM32));
        }
        line.expect("]");
        return result;
    }

    /** {@code *(u32 *)(r10 - 4) = r1 | w1 | 5}. */
    private static AsmStatement store(AsmLine line) {
        line.expect("*");
        Mem mem = typedMemory(line);
        line.expect("=");
        if (line.atRegister()) {
            Register src = line.register(true);
            checkStoreWidth(line, src, mem);
            return AsmStatement.of(CLS_STX | MODE_MEM | mem.size, mem.reg, src.number(), mem.offset, 0);
        }
        if (mem.signed) {
            throw line.error(mem.type, "stores take u8, u16, u32 or u64");
        }
        return AsmStatement.of(CLS_ST | MODE_MEM | mem.size, mem.reg, 0, mem.offset, line.number(Width.IMM32));
    }

    private record Mem(int size, boolean signed, AsmToken type, int reg, long offset) {}

    /** {@code (u32 *)(r1 + 4)}. */
    private static Mem typedMemory(AsmLine line) {
        line.expect("(");
        AsmToken type = line.expectWord("an access type (u8, u16, u32, u64, s8, s16, s32)");
        Integer size = TYPES.get(type.text());
        if (size == null) {
            throw line.error(type, "expected an access type (u8, u16, u32, u64, s8, s16, s32), found " + type.describe());
        }
        line.expect("*");
        line.expect(")");
        line.expect("(");
        Mem mem = address(line, size, type.text().startsWith("s"), type);
        line.expect(")");
        return mem;
    }

    /** {@code r10 - 8}, as the xchg and cmpxchg forms write their address. */
    private static Mem untypedMemory(AsmLine line, int size) {
        return address(line, size, false, line.peek());
    }

    private static Mem address(AsmLine line, int size, boolean signed, AsmToken type) {
        int reg = line.register(false).number();
        long offset = 0;
        if (line.peek().is("+") || line.peek().is("-")) {
            offset = line.number(Width.OFFSET);
        }
        return new Mem(size, signed, type, reg, offset);
    }
}
