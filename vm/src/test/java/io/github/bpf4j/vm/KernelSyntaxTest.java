package io.github.bpf4j.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bpf4j.vm.Disassembler.Syntax;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The kernel verifier log's notation. Each row is a line the Linux 6.18 verifier printed
 * (BPF_PROG_LOAD of a socket filter with log_level 2, the register-state comment after ';'
 * removed) and the instruction's bytes: from {@code llvm-mc-19 -triple bpfel -mcpu=v4
 * -show-encoding} of the program loaded, except the load-acquire/store-release rows (written as
 * .quad by hand from include/uapi/linux/bpf.h, BPF_LOAD_ACQ 0x100 and BPF_STORE_REL 0x110, since
 * LLVM 19 cannot assemble them) and the bpf-to-bpf call (src 1, imm 2, which llvm-mc left to a
 * relocation).
 */
class KernelSyntaxTest {
    private static final String[][] CASES = {
            {"(bf) r6 = r1", "bf16000000000000"},
            {"(b7) r1 = 1", "b701000001000000"},
            {"(b4) w2 = 2", "b402000002000000"},
            {"(b7) r3 = -3", "b7030000fdffffff"},
            {"(18) r4 = 0x1122334455667788", "18040000887766550000000044332211"},
            {"(18) r5 = 0xffffffffffffffff", "18050000ffffffff00000000ffffffff"},
            {"(0f) r1 += r2", "0f21000000000000"},
            {"(07) r1 += -8", "07010000f8ffffff"},
            {"(1c) w2 -= w2", "1c22000000000000"},
            {"(14) w2 -= 3", "1402000003000000"},
            {"(27) r1 *= 3", "2701000003000000"},
            {"(37) r1 /= 3", "3701000003000000"},
            {"(37) r1 s/= 3", "3701010003000000"},
            {"(97) r1 %= 3", "9701000003000000"},
            {"(97) r1 s%= 3", "9701010003000000"},
            {"(3c) w2 s/= w2", "3c22010000000000"},
            {"(94) w2 s%= 7", "9402010007000000"},
            {"(47) r1 |= 1", "4701000001000000"},
            {"(57) r1 &= 1", "5701000001000000"},
            {"(67) r1 <<= 1", "6701000001000000"},
            {"(77) r1 >>= 1", "7701000001000000"},
            {"(c7) r1 s>>= 1", "c701000001000000"},
            {"(c4) w1 s>>= 1", "c401000001000000"},
            {"(af) r1 ^= r2", "af21000000000000"},
            {"(87) r1 = -r1", "8701000000000000"},
            {"(84) w1 = -w1", "8401000000000000"},
            {"(bf) r1 = (s8)r2", "bf21080000000000"},
            {"(bf) r1 = (s16)r2", "bf21100000000000"},
            {"(bf) r1 = (s32)r2", "bf21200000000000"},
            {"(bc) w1 = (s8)w2", "bc21080000000000"},
            {"(bc) w1 = (s16)w2", "bc21100000000000"},
            {"(dc) r1 = be16 r1", "dc01000010000000"},
            {"(dc) r1 = be32 r1", "dc01000020000000"},
            {"(dc) r1 = be64 r1", "dc01000040000000"},
            {"(d4) r1 = le16 r1", "d401000010000000"},
            {"(d4) r1 = le32 r1", "d401000020000000"},
            {"(d4) r1 = le64 r1", "d401000040000000"},
            {"(d7) r1 = bswap16 r1", "d701000010000000"},
            {"(d7) r1 = bswap32 r1", "d701000020000000"},
            {"(d7) r1 = bswap64 r1", "d701000040000000"},
            {"(7b) *(u64 *)(r10 -8) = r1", "7b1af8ff00000000"},
            {"(63) *(u32 *)(r10 -16) = r1", "631af0ff00000000"},
            {"(6b) *(u16 *)(r10 -16) = r1", "6b1af0ff00000000"},
            {"(73) *(u8 *)(r10 -16) = r1", "731af0ff00000000"},
            {"(7a) *(u64 *)(r10 -24) = 7", "7a0ae8ff07000000"},
            {"(62) *(u32 *)(r10 -32) = -7", "620ae0fff9ffffff"},
            {"(6a) *(u16 *)(r10 -32) = 7", "6a0ae0ff07000000"},
            {"(72) *(u8 *)(r10 -32) = 7", "720ae0ff07000000"},
            {"(79) r1 = *(u64 *)(r10 -8)", "79a1f8ff00000000"},
            {"(61) r1 = *(u32 *)(r10 -8)", "61a1f8ff00000000"},
            {"(69) r1 = *(u16 *)(r10 -8)", "69a1f8ff00000000"},
            {"(71) r1 = *(u8 *)(r10 -8)", "71a1f8ff00000000"},
            {"(81) r1 = *(s32 *)(r10 -8)", "81a1f8ff00000000"},
            {"(89) r1 = *(s16 *)(r10 -8)", "89a1f8ff00000000"},
            {"(91) r1 = *(s8 *)(r10 -8)", "91a1f8ff00000000"},
            {"(b7) r1 = 1", "b701000001000000"},
            {"(db) lock *(u64 *)(r10 -8) += r1", "db1af8ff00000000"},
            {"(db) lock *(u64 *)(r10 -8) |= r1", "db1af8ff40000000"},
            {"(db) lock *(u64 *)(r10 -8) &= r1", "db1af8ff50000000"},
            {"(db) lock *(u64 *)(r10 -8) ^= r1", "db1af8ffa0000000"},
            {"(c3) lock *(u32 *)(r10 -8) += r1", "c31af8ff00000000"},
            {"(db) r1 = atomic64_fetch_add((u64 *)(r10 -8), r1)", "db1af8ff01000000"},
            {"(db) r1 = atomic64_fetch_or((u64 *)(r10 -8), r1)", "db1af8ff41000000"},
            {"(db) r1 = atomic64_fetch_and((u64 *)(r10 -8), r1)", "db1af8ff51000000"},
            {"(db) r1 = atomic64_fetch_xor((u64 *)(r10 -8), r1)", "db1af8ffa1000000"},
            {"(c3) r1 = atomic_fetch_add((u32 *)(r10 -8), r1)", "c31af8ff01000000"},
            {"(db) r1 = atomic64_xchg((u64 *)(r10 -8), r1)", "db1af8ffe1000000"},
            {"(c3) r1 = atomic_xchg((u32 *)(r10 -8), r1)", "c31af8ffe1000000"},
            {"(b7) r0 = 0", "b700000000000000"},
            {"(db) r0 = atomic64_cmpxchg((u64 *)(r10 -8), r0, r1)", "db1af8fff1000000"},
            {"(c3) r0 = atomic_cmpxchg((u32 *)(r10 -8), r0, r1)", "c31af8fff1000000"},
            {"(1d) if r1 == r2 goto pc+0", "1d21000000000000"},
            {"(15) if r1 == 0x2 goto pc+0", "1501000002000000"},
            {"(55) if r1 != 0xfffffffe goto pc+0", "55010000feffffff"},
            {"(25) if r1 > 0x2 goto pc+0", "2501000002000000"},
            {"(35) if r1 >= 0x2 goto pc+0", "3501000002000000"},
            {"(a5) if r1 < 0x2 goto pc+0", "a501000002000000"},
            {"(b5) if r1 <= 0x2 goto pc+0", "b501000002000000"},
            {"(65) if r1 s> 0x2 goto pc+0", "6501000002000000"},
            {"(75) if r1 s>= 0x2 goto pc+0", "7501000002000000"},
            {"(c5) if r1 s< 0x2 goto pc+0", "c501000002000000"},
            {"(d5) if r1 s<= 0x2 goto pc+0", "d501000002000000"},
            {"(45) if r1 & 0x2 goto pc+0", "4501000002000000"},
            {"(1e) if w1 == w2 goto pc+0", "1e21000000000000"},
            {"(c6) if w1 s< 0xfffffffb goto pc+0", "c6010000fbffffff"},
            {"(05) goto pc+0", "0500000000000000"},
            {"(06) gotol pc+0", "0600000000000000"},
            {"(85) call bpf_ktime_get_ns#5", "8500000005000000"},
            {"(85) call bpf_get_prandom_u32#7", "8500000007000000"},
            {"(30) r0 = *(u8 *)skb[12]", "300000000c000000"},
            {"(28) r0 = *(u16 *)skb[12]", "280000000c000000"},
            {"(20) r0 = *(u32 *)skb[-4]", "20000000fcffffff"},
            {"(b7) r1 = 0", "b701000000000000"},
            {"(48) r0 = *(u16 *)skb[r1 + 0]", "4810000000000000"},
            {"(e5) may_goto pc+0", "e500000000000000"},
            {"(85) call pc+2", "8510000002000000"},
            {"(b7) r0 = 0", "b700000000000000"},
            {"(95) exit", "9500000000000000"},
            {"(b7) r0 = 1", "b700000001000000"},
            {"(95) exit", "9500000000000000"},
            {"(b7) r1 = 0", "b701000000000000"},
            {"(7b) *(u64 *)(r10 -8) = r1", "7b1af8ff00000000"},
            {"(db) r2 = load_acquire((u64 *)(r10 -8))", "dba2f8ff00010000"},
            {"(d3) r2 = load_acquire((u8 *)(r10 -8))", "d3a2f8ff00010000"},
            {"(cb) r2 = load_acquire((u16 *)(r10 -8))", "cba2f8ff00010000"},
            {"(c3) r2 = load_acquire((u32 *)(r10 -8))", "c3a2f8ff00010000"},
            {"(db) store_release((u64 *)(r10 -8), r1)", "db1af8ff10010000"},
            {"(d3) store_release((u8 *)(r10 -8), r1)", "d31af8ff10010000"},
            {"(cb) store_release((u16 *)(r10 -8), r1)", "cb1af8ff10010000"},
            {"(c3) store_release((u32 *)(r10 -8), r1)", "c31af8ff10010000"},
            {"(b7) r0 = 0", "b700000000000000"},
            {"(15) if r0 == 0x0 goto pc+1", "1500010000000000"},
            {"(95) exit", "9500000000000000"},
            {"(05) goto pc-2", "0500feff00000000"},
    };

    @TestFactory
    Stream<DynamicTest> printsAsTheKernelLogDoes() {
        return Arrays.stream(CASES).map(c -> DynamicTest.dynamicTest(c[0], () ->
                assertEquals(c[0], text(c[1]))));
    }

    @TestFactory
    Stream<DynamicTest> readsTheKernelLog() {
        return Arrays.stream(CASES).map(c -> DynamicTest.dynamicTest(c[0], () ->
                assertEquals(c[1], AssemblerEncodingTest.hex(Assembler.assemble(c[0])))));
    }

    @TestFactory
    Stream<DynamicTest> llvmListingsAssembleBackToTheSameBytes() {
        return Arrays.stream(CASES).map(c -> DynamicTest.dynamicTest(c[0], () -> {
            String llvm = AssemblerEncodingTest.text(c[1], Syntax.LLVM);
            assertEquals(c[1], AssemblerEncodingTest.hex(Assembler.assemble(llvm)), llvm);
        }));
    }

    private static String text(String hex) {
        return AssemblerEncodingTest.text(hex, Syntax.KERNEL);
    }
}
