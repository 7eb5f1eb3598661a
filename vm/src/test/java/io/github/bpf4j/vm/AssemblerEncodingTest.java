package io.github.bpf4j.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Encodings checked against LLVM. The kernel-syntax column and the bytes were produced by
 * {@code llvm-mc-19 -triple bpfel -mcpu=v4 -show-encoding} on the first column (one line per
 * instruction; the bytes are its "encoding: [...]" list); the ubpf column is the same
 * instruction in the bpf_conformance spelling, so both parsers are held to LLVM's bytes. The
 * last column is what {@code llvm-objdump-19 -d --mcpu=v4 --no-print-imm-hex --no-show-raw-insn}
 * prints for those bytes (jump annotations {@code <.text+..>} removed; lddw rows from the same
 * command without {@code --no-print-imm-hex}, as the disassembler prints lddw constants in hex).
 */
class AssemblerEncodingTest {
    private static final String[][] CASES = {
            {"r3 += r7", "add %r3, %r7", "0f73000000000000", "r3 += r7"},
            {"r3 += -5", "add %r3, -5", "07030000fbffffff", "r3 += -5"},
            {"r3 -= r7", "sub %r3, %r7", "1f73000000000000", "r3 -= r7"},
            {"r3 -= -5", "sub %r3, -5", "17030000fbffffff", "r3 -= -5"},
            {"r3 *= r7", "mul %r3, %r7", "2f73000000000000", "r3 *= r7"},
            {"r3 *= -5", "mul %r3, -5", "27030000fbffffff", "r3 *= -5"},
            {"r3 /= r7", "div %r3, %r7", "3f73000000000000", "r3 /= r7"},
            {"r3 /= -5", "div %r3, -5", "37030000fbffffff", "r3 /= -5"},
            {"r3 s/= r7", "sdiv %r3, %r7", "3f73010000000000", "r3 s/= r7"},
            {"r3 s/= -5", "sdiv %r3, -5", "37030100fbffffff", "r3 s/= -5"},
            {"r3 %= r7", "mod %r3, %r7", "9f73000000000000", "r3 %= r7"},
            {"r3 %= -5", "mod %r3, -5", "97030000fbffffff", "r3 %= -5"},
            {"r3 s%= r7", "smod %r3, %r7", "9f73010000000000", "r3 s%= r7"},
            {"r3 s%= -5", "smod %r3, -5", "97030100fbffffff", "r3 s%= -5"},
            {"r3 |= r7", "or %r3, %r7", "4f73000000000000", "r3 |= r7"},
            {"r3 |= -5", "or %r3, -5", "47030000fbffffff", "r3 |= -5"},
            {"r3 &= r7", "and %r3, %r7", "5f73000000000000", "r3 &= r7"},
            {"r3 &= -5", "and %r3, -5", "57030000fbffffff", "r3 &= -5"},
            {"r3 ^= r7", "xor %r3, %r7", "af73000000000000", "r3 ^= r7"},
            {"r3 ^= -5", "xor %r3, -5", "a7030000fbffffff", "r3 ^= -5"},
            {"r3 <<= r7", "lsh %r3, %r7", "6f73000000000000", "r3 <<= r7"},
            {"r3 <<= -5", "lsh %r3, -5", "67030000fbffffff", "r3 <<= -5"},
            {"r3 >>= r7", "rsh %r3, %r7", "7f73000000000000", "r3 >>= r7"},
            {"r3 >>= -5", "rsh %r3, -5", "77030000fbffffff", "r3 >>= -5"},
            {"r3 s>>= r7", "arsh %r3, %r7", "cf73000000000000", "r3 s>>= r7"},
            {"r3 s>>= -5", "arsh %r3, -5", "c7030000fbffffff", "r3 s>>= -5"},
            {"r3 = r7", "mov %r3, %r7", "bf73000000000000", "r3 = r7"},
            {"r3 = 0x7fffffff", "mov %r3, 0x7fffffff", "b7030000ffffff7f", "r3 = 2147483647"},
            {"r3 = -2147483648", "mov %r3, -2147483648", "b703000000000080", "r3 = -2147483648"},
            {"r4 = -r4", "neg %r4", "8704000000000000", "r4 = -r4"},
            {"r1 = (s8)r2", "movsx864 %r1, %r2", "bf21080000000000", "r1 = (s8)r2"},
            {"r1 = (s16)r2", "movsx1664 %r1, %r2", "bf21100000000000", "r1 = (s16)r2"},
            {"w3 += w7", "add32 %r3, %r7", "0c73000000000000", "w3 += w7"},
            {"w3 += -5", "add32 %r3, -5", "04030000fbffffff", "w3 += -5"},
            {"w3 -= w7", "sub32 %r3, %r7", "1c73000000000000", "w3 -= w7"},
            {"w3 -= -5", "sub32 %r3, -5", "14030000fbffffff", "w3 -= -5"},
            {"w3 *= w7", "mul32 %r3, %r7", "2c73000000000000", "w3 *= w7"},
            {"w3 *= -5", "mul32 %r3, -5", "24030000fbffffff", "w3 *= -5"},
            {"w3 /= w7", "div32 %r3, %r7", "3c73000000000000", "w3 /= w7"},
            {"w3 /= -5", "div32 %r3, -5", "34030000fbffffff", "w3 /= -5"},
            {"w3 s/= w7", "sdiv32 %r3, %r7", "3c73010000000000", "w3 s/= w7"},
            {"w3 s/= -5", "sdiv32 %r3, -5", "34030100fbffffff", "w3 s/= -5"},
            {"w3 %= w7", "mod32 %r3, %r7", "9c73000000000000", "w3 %= w7"},
            {"w3 %= -5", "mod32 %r3, -5", "94030000fbffffff", "w3 %= -5"},
            {"w3 s%= w7", "smod32 %r3, %r7", "9c73010000000000", "w3 s%= w7"},
            {"w3 s%= -5", "smod32 %r3, -5", "94030100fbffffff", "w3 s%= -5"},
            {"w3 |= w7", "or32 %r3, %r7", "4c73000000000000", "w3 |= w7"},
            {"w3 |= -5", "or32 %r3, -5", "44030000fbffffff", "w3 |= -5"},
            {"w3 &= w7", "and32 %r3, %r7", "5c73000000000000", "w3 &= w7"},
            {"w3 &= -5", "and32 %r3, -5", "54030000fbffffff", "w3 &= -5"},
            {"w3 ^= w7", "xor32 %r3, %r7", "ac73000000000000", "w3 ^= w7"},
            {"w3 ^= -5", "xor32 %r3, -5", "a4030000fbffffff", "w3 ^= -5"},
            {"w3 <<= w7", "lsh32 %r3, %r7", "6c73000000000000", "w3 <<= w7"},
            {"w3 <<= -5", "lsh32 %r3, -5", "64030000fbffffff", "w3 <<= -5"},
            {"w3 >>= w7", "rsh32 %r3, %r7", "7c73000000000000", "w3 >>= w7"},
            {"w3 >>= -5", "rsh32 %r3, -5", "74030000fbffffff", "w3 >>= -5"},
            {"w3 s>>= w7", "arsh32 %r3, %r7", "cc73000000000000", "w3 s>>= w7"},
            {"w3 s>>= -5", "arsh32 %r3, -5", "c4030000fbffffff", "w3 s>>= -5"},
            {"w3 = w7", "mov32 %r3, %r7", "bc73000000000000", "w3 = w7"},
            {"w3 = 0x7fffffff", "mov32 %r3, 0x7fffffff", "b4030000ffffff7f", "w3 = 2147483647"},
            {"w3 = -2147483648", "mov32 %r3, -2147483648", "b403000000000080", "w3 = -2147483648"},
            {"w4 = -w4", "neg32 %r4", "8404000000000000", "w4 = -w4"},
            {"w1 = (s8)w2", "movsx832 %r1, %r2", "bc21080000000000", "w1 = (s8)w2"},
            {"w1 = (s16)w2", "movsx1632 %r1, %r2", "bc21100000000000", "w1 = (s16)w2"},
            {"r1 = (s32)r2", "movsx3264 %r1, %r2", "bf21200000000000", "r1 = (s32)r2"},
            {"r5 = be16 r5", "be16 %r5", "dc05000010000000", "r5 = be16 r5"},
            {"r5 = be32 r5", "be32 %r5", "dc05000020000000", "r5 = be32 r5"},
            {"r5 = be64 r5", "be64 %r5", "dc05000040000000", "r5 = be64 r5"},
            {"r5 = le16 r5", "le16 %r5", "d405000010000000", "r5 = le16 r5"},
            {"r5 = le32 r5", "le32 %r5", "d405000020000000", "r5 = le32 r5"},
            {"r5 = le64 r5", "le64 %r5", "d405000040000000", "r5 = le64 r5"},
            {"r5 = bswap16 r5", "swap16 %r5", "d705000010000000", "r5 = bswap16 r5"},
            {"r5 = bswap32 r5", "swap32 %r5", "d705000020000000", "r5 = bswap32 r5"},
            {"r5 = bswap64 r5", "swap64 %r5", "d705000040000000", "r5 = bswap64 r5"},
            {"r9 = 0x1122334455667788 ll", "lddw %r9, 0x1122334455667788", "18090000887766550000000044332211", "r9 = 0x1122334455667788 ll"},
            {"r9 = -1 ll", "lddw %r9, -1", "18090000ffffffff00000000ffffffff", "r9 = -0x1 ll"},
            {"r9 = 0 ll", "lddw %r9, 0", "18090000000000000000000000000000", "r9 = 0x0 ll"},
            {"r9 = 0xffffffff00000000 ll", "lddw %r9, 0xffffffff00000000", "180900000000000000000000ffffffff", "r9 = -0x100000000 ll"},
            {"r9 = 9223372036854775807 ll", "lddw %r9, 9223372036854775807", "18090000ffffffff00000000ffffff7f", "r9 = 0x7fffffffffffffff ll"},
            {"r2 = *(u8 *)(r10 - 32768)", "ldxb %r2, [%r10-32768]", "71a2008000000000", "w2 = *(u8 *)(r10 - 32768)"},
            {"r2 = *(u8 *)(r1 + 32767)", "ldxb %r2, [%r1+32767]", "7112ff7f00000000", "w2 = *(u8 *)(r1 + 32767)"},
            {"r2 = *(u16 *)(r10 - 32768)", "ldxh %r2, [%r10-32768]", "69a2008000000000", "w2 = *(u16 *)(r10 - 32768)"},
            {"r2 = *(u16 *)(r1 + 32767)", "ldxh %r2, [%r1+32767]", "6912ff7f00000000", "w2 = *(u16 *)(r1 + 32767)"},
            {"r2 = *(u32 *)(r10 - 32768)", "ldxw %r2, [%r10-32768]", "61a2008000000000", "w2 = *(u32 *)(r10 - 32768)"},
            {"r2 = *(u32 *)(r1 + 32767)", "ldxw %r2, [%r1+32767]", "6112ff7f00000000", "w2 = *(u32 *)(r1 + 32767)"},
            {"r2 = *(u64 *)(r10 - 32768)", "ldxdw %r2, [%r10-32768]", "79a2008000000000", "r2 = *(u64 *)(r10 - 32768)"},
            {"r2 = *(u64 *)(r1 + 32767)", "ldxdw %r2, [%r1+32767]", "7912ff7f00000000", "r2 = *(u64 *)(r1 + 32767)"},
            {"r2 = *(s8 *)(r10 - 32768)", "ldxsb %r2, [%r10-32768]", "91a2008000000000", "r2 = *(s8 *)(r10 - 32768)"},
            {"r2 = *(s8 *)(r1 + 32767)", "ldxsb %r2, [%r1+32767]", "9112ff7f00000000", "r2 = *(s8 *)(r1 + 32767)"},
            {"r2 = *(s16 *)(r10 - 32768)", "ldxsh %r2, [%r10-32768]", "89a2008000000000", "r2 = *(s16 *)(r10 - 32768)"},
            {"r2 = *(s16 *)(r1 + 32767)", "ldxsh %r2, [%r1+32767]", "8912ff7f00000000", "r2 = *(s16 *)(r1 + 32767)"},
            {"r2 = *(s32 *)(r10 - 32768)", "ldxsw %r2, [%r10-32768]", "81a2008000000000", "r2 = *(s32 *)(r10 - 32768)"},
            {"r2 = *(s32 *)(r1 + 32767)", "ldxsw %r2, [%r1+32767]", "8112ff7f00000000", "r2 = *(s32 *)(r1 + 32767)"},
            {"w2 = *(u8 *)(r1 + 6)", "ldxb %r2, [%r1+6]", "7112060000000000", "w2 = *(u8 *)(r1 + 6)"},
            {"w2 = *(u16 *)(r1 + 6)", "ldxh %r2, [%r1+6]", "6912060000000000", "w2 = *(u16 *)(r1 + 6)"},
            {"w2 = *(u32 *)(r1 + 6)", "ldxw %r2, [%r1+6]", "6112060000000000", "w2 = *(u32 *)(r1 + 6)"},
            {"*(u8 *)(r10 - 8) = r6", "stxb [%r10-8], %r6", "736af8ff00000000", "*(u8 *)(r10 - 8) = w6"},
            {"*(u8 *)(r3 + 2) = -7", "stb [%r3+2], -7", "72030200f9ffffff", "*(u8 *)(r3 + 2) = -7"},
            {"*(u16 *)(r10 - 8) = r6", "stxh [%r10-8], %r6", "6b6af8ff00000000", "*(u16 *)(r10 - 8) = w6"},
            {"*(u16 *)(r3 + 2) = -7", "sth [%r3+2], -7", "6a030200f9ffffff", "*(u16 *)(r3 + 2) = -7"},
            {"*(u32 *)(r10 - 8) = r6", "stxw [%r10-8], %r6", "636af8ff00000000", "*(u32 *)(r10 - 8) = w6"},
            {"*(u32 *)(r3 + 2) = -7", "stw [%r3+2], -7", "62030200f9ffffff", "*(u32 *)(r3 + 2) = -7"},
            {"*(u64 *)(r10 - 8) = r6", "stxdw [%r10-8], %r6", "7b6af8ff00000000", "*(u64 *)(r10 - 8) = r6"},
            {"*(u64 *)(r3 + 2) = -7", "stdw [%r3+2], -7", "7a030200f9ffffff", "*(u64 *)(r3 + 2) = -7"},
            {"*(u8 *)(r10 - 8) = w6", "stxb [%r10-8], %r6", "736af8ff00000000", "*(u8 *)(r10 - 8) = w6"},
            {"*(u16 *)(r10 - 8) = w6", "stxh [%r10-8], %r6", "6b6af8ff00000000", "*(u16 *)(r10 - 8) = w6"},
            {"*(u32 *)(r10 - 8) = w6", "stxw [%r10-8], %r6", "636af8ff00000000", "*(u32 *)(r10 - 8) = w6"},
            {"if r2 == r9 goto -3", "jeq %r2, %r9, -3", "1d92fdff00000000", "if r2 == r9 goto -3"},
            {"if r2 == -17 goto +32767", "jeq %r2, -17, +32767", "1502ff7fefffffff", "if r2 == -17 goto +32767"},
            {"if r2 != r9 goto -3", "jne %r2, %r9, -3", "5d92fdff00000000", "if r2 != r9 goto -3"},
            {"if r2 != -17 goto +32767", "jne %r2, -17, +32767", "5502ff7fefffffff", "if r2 != -17 goto +32767"},
            {"if r2 > r9 goto -3", "jgt %r2, %r9, -3", "2d92fdff00000000", "if r2 > r9 goto -3"},
            {"if r2 > -17 goto +32767", "jgt %r2, -17, +32767", "2502ff7fefffffff", "if r2 > -17 goto +32767"},
            {"if r2 >= r9 goto -3", "jge %r2, %r9, -3", "3d92fdff00000000", "if r2 >= r9 goto -3"},
            {"if r2 >= -17 goto +32767", "jge %r2, -17, +32767", "3502ff7fefffffff", "if r2 >= -17 goto +32767"},
            {"if r2 < r9 goto -3", "jlt %r2, %r9, -3", "ad92fdff00000000", "if r2 < r9 goto -3"},
            {"if r2 < -17 goto +32767", "jlt %r2, -17, +32767", "a502ff7fefffffff", "if r2 < -17 goto +32767"},
            {"if r2 <= r9 goto -3", "jle %r2, %r9, -3", "bd92fdff00000000", "if r2 <= r9 goto -3"},
            {"if r2 <= -17 goto +32767", "jle %r2, -17, +32767", "b502ff7fefffffff", "if r2 <= -17 goto +32767"},
            {"if r2 s> r9 goto -3", "jsgt %r2, %r9, -3", "6d92fdff00000000", "if r2 s> r9 goto -3"},
            {"if r2 s> -17 goto +32767", "jsgt %r2, -17, +32767", "6502ff7fefffffff", "if r2 s> -17 goto +32767"},
            {"if r2 s>= r9 goto -3", "jsge %r2, %r9, -3", "7d92fdff00000000", "if r2 s>= r9 goto -3"},
            {"if r2 s>= -17 goto +32767", "jsge %r2, -17, +32767", "7502ff7fefffffff", "if r2 s>= -17 goto +32767"},
            {"if r2 s< r9 goto -3", "jslt %r2, %r9, -3", "cd92fdff00000000", "if r2 s< r9 goto -3"},
            {"if r2 s< -17 goto +32767", "jslt %r2, -17, +32767", "c502ff7fefffffff", "if r2 s< -17 goto +32767"},
            {"if r2 s<= r9 goto -3", "jsle %r2, %r9, -3", "dd92fdff00000000", "if r2 s<= r9 goto -3"},
            {"if r2 s<= -17 goto +32767", "jsle %r2, -17, +32767", "d502ff7fefffffff", "if r2 s<= -17 goto +32767"},
            {"if r2 & r9 goto -3", "jset %r2, %r9, -3", "4d92fdff00000000", "if r2 & r9 goto -3"},
            {"if r2 & -17 goto +32767", "jset %r2, -17, +32767", "4502ff7fefffffff", "if r2 & -17 goto +32767"},
            {"if w2 == w9 goto -3", "jeq32 %r2, %r9, -3", "1e92fdff00000000", "if w2 == w9 goto -3"},
            {"if w2 == -17 goto +32767", "jeq32 %r2, -17, +32767", "1602ff7fefffffff", "if w2 == -17 goto +32767"},
            {"if w2 != w9 goto -3", "jne32 %r2, %r9, -3", "5e92fdff00000000", "if w2 != w9 goto -3"},
            {"if w2 != -17 goto +32767", "jne32 %r2, -17, +32767", "5602ff7fefffffff", "if w2 != -17 goto +32767"},
            {"if w2 > w9 goto -3", "jgt32 %r2, %r9, -3", "2e92fdff00000000", "if w2 > w9 goto -3"},
            {"if w2 > -17 goto +32767", "jgt32 %r2, -17, +32767", "2602ff7fefffffff", "if w2 > -17 goto +32767"},
            {"if w2 >= w9 goto -3", "jge32 %r2, %r9, -3", "3e92fdff00000000", "if w2 >= w9 goto -3"},
            {"if w2 >= -17 goto +32767", "jge32 %r2, -17, +32767", "3602ff7fefffffff", "if w2 >= -17 goto +32767"},
            {"if w2 < w9 goto -3", "jlt32 %r2, %r9, -3", "ae92fdff00000000", "if w2 < w9 goto -3"},
            {"if w2 < -17 goto +32767", "jlt32 %r2, -17, +32767", "a602ff7fefffffff", "if w2 < -17 goto +32767"},
            {"if w2 <= w9 goto -3", "jle32 %r2, %r9, -3", "be92fdff00000000", "if w2 <= w9 goto -3"},
            {"if w2 <= -17 goto +32767", "jle32 %r2, -17, +32767", "b602ff7fefffffff", "if w2 <= -17 goto +32767"},
            {"if w2 s> w9 goto -3", "jsgt32 %r2, %r9, -3", "6e92fdff00000000", "if w2 s> w9 goto -3"},
            {"if w2 s> -17 goto +32767", "jsgt32 %r2, -17, +32767", "6602ff7fefffffff", "if w2 s> -17 goto +32767"},
            {"if w2 s>= w9 goto -3", "jsge32 %r2, %r9, -3", "7e92fdff00000000", "if w2 s>= w9 goto -3"},
            {"if w2 s>= -17 goto +32767", "jsge32 %r2, -17, +32767", "7602ff7fefffffff", "if w2 s>= -17 goto +32767"},
            {"if w2 s< w9 goto -3", "jslt32 %r2, %r9, -3", "ce92fdff00000000", "if w2 s< w9 goto -3"},
            {"if w2 s< -17 goto +32767", "jslt32 %r2, -17, +32767", "c602ff7fefffffff", "if w2 s< -17 goto +32767"},
            {"if w2 s<= w9 goto -3", "jsle32 %r2, %r9, -3", "de92fdff00000000", "if w2 s<= w9 goto -3"},
            {"if w2 s<= -17 goto +32767", "jsle32 %r2, -17, +32767", "d602ff7fefffffff", "if w2 s<= -17 goto +32767"},
            {"if w2 & w9 goto -3", "jset32 %r2, %r9, -3", "4e92fdff00000000", "if w2 & w9 goto -3"},
            {"if w2 & -17 goto +32767", "jset32 %r2, -17, +32767", "4602ff7fefffffff", "if w2 & -17 goto +32767"},
            {"goto -32768", "ja -32768", "0500008000000000", "goto -32768"},
            {"gotol +32000", "ja32 +32000", "06000000007d0000", "gotol +32000"},
            {"gotol -1", "ja32 -1", "06000000ffffffff", "gotol -1"},
            {"call 5", "call 5", "8500000005000000", "call 5"},
            {"call 2147483647", "call 2147483647", "85000000ffffff7f", "call 2147483647"},
            {"callx r2", "call %r2", "8d02000000000000", "callx r2"},
            {"exit", "exit", "9500000000000000", "exit"},
            {"may_goto +3", "may_goto +3", "e500030000000000", "may_goto +3"},
            {"lock *(u64 *)(r10 - 8) += r1", "lock add [%r10-8], %r1", "db1af8ff00000000", "lock *(u64 *)(r10 - 8) += r1"},
            {"lock *(u64 *)(r10 - 8) |= r1", "lock or [%r10-8], %r1", "db1af8ff40000000", "lock *(u64 *)(r10 - 8) |= r1"},
            {"lock *(u64 *)(r10 - 8) &= r1", "lock and [%r10-8], %r1", "db1af8ff50000000", "lock *(u64 *)(r10 - 8) &= r1"},
            {"lock *(u64 *)(r10 - 8) ^= r1", "lock xor [%r10-8], %r1", "db1af8ffa0000000", "lock *(u64 *)(r10 - 8) ^= r1"},
            {"r1 = atomic_fetch_add((u64 *)(r10 - 8), r1)", "lock fetch add [%r10-8], %r1", "db1af8ff01000000", "r1 = atomic_fetch_add((u64 *)(r10 - 8), r1)"},
            {"r1 = atomic_fetch_or((u64 *)(r10 - 8), r1)", "lock fetch or [%r10-8], %r1", "db1af8ff41000000", "r1 = atomic_fetch_or((u64 *)(r10 - 8), r1)"},
            {"r1 = atomic_fetch_and((u64 *)(r10 - 8), r1)", "lock fetch and [%r10-8], %r1", "db1af8ff51000000", "r1 = atomic_fetch_and((u64 *)(r10 - 8), r1)"},
            {"r1 = atomic_fetch_xor((u64 *)(r10 - 8), r1)", "lock fetch xor [%r10-8], %r1", "db1af8ffa1000000", "r1 = atomic_fetch_xor((u64 *)(r10 - 8), r1)"},
            {"lock *(u32 *)(r10 - 8) += w1", "lock add32 [%r10-8], %r1", "c31af8ff00000000", "lock *(u32 *)(r10 - 8) += w1"},
            {"lock *(u32 *)(r10 - 8) |= w1", "lock or32 [%r10-8], %r1", "c31af8ff40000000", "lock *(u32 *)(r10 - 8) |= w1"},
            {"lock *(u32 *)(r10 - 8) &= w1", "lock and32 [%r10-8], %r1", "c31af8ff50000000", "lock *(u32 *)(r10 - 8) &= w1"},
            {"lock *(u32 *)(r10 - 8) ^= w1", "lock xor32 [%r10-8], %r1", "c31af8ffa0000000", "lock *(u32 *)(r10 - 8) ^= w1"},
            {"w1 = atomic_fetch_add((u32 *)(r10 - 8), w1)", "lock fetch add32 [%r10-8], %r1", "c31af8ff01000000", "w1 = atomic_fetch_add((u32 *)(r10 - 8), w1)"},
            {"w1 = atomic_fetch_or((u32 *)(r10 - 8), w1)", "lock fetch or32 [%r10-8], %r1", "c31af8ff41000000", "w1 = atomic_fetch_or((u32 *)(r10 - 8), w1)"},
            {"w1 = atomic_fetch_and((u32 *)(r10 - 8), w1)", "lock fetch and32 [%r10-8], %r1", "c31af8ff51000000", "w1 = atomic_fetch_and((u32 *)(r10 - 8), w1)"},
            {"w1 = atomic_fetch_xor((u32 *)(r10 - 8), w1)", "lock fetch xor32 [%r10-8], %r1", "c31af8ffa1000000", "w1 = atomic_fetch_xor((u32 *)(r10 - 8), w1)"},
            {"r1 = xchg_64(r10 - 8, r1)", "lock xchg [%r10-8], %r1", "db1af8ffe1000000", "r1 = xchg_64(r10 - 8, r1)"},
            {"w1 = xchg32_32(r10 - 8, w1)", "lock xchg32 [%r10-8], %r1", "c31af8ffe1000000", "w1 = xchg32_32(r10 - 8, w1)"},
            {"r0 = cmpxchg_64(r10 - 8, r0, r1)", "lock cmpxchg [%r10-8], %r1", "db1af8fff1000000", "r0 = cmpxchg_64(r10 - 8, r0, r1)"},
            {"w0 = cmpxchg32_32(r10 - 8, w0, w1)", "lock cmpxchg32 [%r10-8], %r1", "c31af8fff1000000", "w0 = cmpxchg32_32(r10 - 8, w0, w1)"},
            {"r0 = *(u8 *)skb[12]", "ldabsb 12", "300000000c000000", "r0 = *(u8 *)skb[12]"},
            {"r0 = *(u8 *)skb[r7]", "ldindb %r7, 0", "5070000000000000", "r0 = *(u8 *)skb[r7]"},
            {"r0 = *(u16 *)skb[12]", "ldabsh 12", "280000000c000000", "r0 = *(u16 *)skb[12]"},
            {"r0 = *(u16 *)skb[r7]", "ldindh %r7, 0", "4870000000000000", "r0 = *(u16 *)skb[r7]"},
            {"r0 = *(u32 *)skb[12]", "ldabsw 12", "200000000c000000", "r0 = *(u32 *)skb[12]"},
            {"r0 = *(u32 *)skb[r7]", "ldindw %r7, 0", "4070000000000000", "r0 = *(u32 *)skb[r7]"},
            {"ld_pseudo r1, 1, 5", "ld_pseudo %r1, 1, 5", "18110000050000000000000000000000", "ld_pseudo\tr1, 1, 5"},
            {"ld_pseudo r1, 4, -3", "ld_pseudo %r1, 4, -3", "18410000fdffffff0000000000000000", "ld_pseudo\tr1, 4, 4294967293"},
    };

    @TestFactory
    Stream<DynamicTest> kernelSyntaxMatchesLlvmMc() {
        return Arrays.stream(CASES).map(c -> DynamicTest.dynamicTest(c[0], () ->
                assertEquals(c[2], hex(Assembler.assemble(c[0])), c[0])));
    }

    @TestFactory
    Stream<DynamicTest> ubpfSyntaxMatchesLlvmMc() {
        return Arrays.stream(CASES).map(c -> DynamicTest.dynamicTest(c[1], () ->
                assertEquals(c[2], hex(Assembler.assemble(c[1])), c[1])));
    }

    @TestFactory
    Stream<DynamicTest> disassemblyMatchesLlvmObjdump() {
        return Arrays.stream(CASES).map(c -> DynamicTest.dynamicTest(c[3], () -> {
            assertEquals(c[3], text(c[2], Disassembler.Syntax.LLVM));
        }));
    }

    @TestFactory
    Stream<DynamicTest> ubpfDisassemblyAssemblesBack() {
        return Arrays.stream(CASES).map(c -> DynamicTest.dynamicTest(c[1], () -> {
            String text = text(c[2], Disassembler.Syntax.UBPF);
            assertEquals(c[2], hex(Assembler.assemble(text)), text);
        }));
    }

    /** Disassembles one instruction given as hex bytes (jumps need not land inside it). */
    static String text(String hex, Disassembler.Syntax syntax) {
        long[] slots = Decoder.slots(HexFormat.of().parseHex(hex));
        long constant = slots.length == 2 ? (slots[0] >>> 32) | (slots[1] & 0xffff_ffff_0000_0000L) : 0;
        return Disassembler.text(Instruction.fromSlot(slots[0]), constant, syntax);
    }

    static String hex(java.util.List<Instruction> instructions) {
        return HexFormat.of().formatHex(Encoder.bytes(instructions));
    }
}
