"""Cases for groups jmp, jmp32, mem, atomic, call, packet, misc (see gen_corpus.py)."""

SYM = {"jeq": "==", "jne": "!=", "jgt": ">", "jge": ">=", "jlt": "<", "jle": "<=",
       "jsgt": "s>", "jsge": "s>=", "jslt": "s<", "jsle": "s<=", "jset": "&"}

def cond(op, a, b, bits, signed):
    m = (1 << bits) - 1
    a, b = a & m, b & m
    sa, sb = signed(a, bits), signed(b, bits)
    return {"jeq": a == b, "jne": a != b, "jgt": a > b, "jge": a >= b, "jlt": a < b,
            "jle": a <= b, "jsgt": sa > sb, "jsge": sa >= sb, "jslt": sa < sb,
            "jsle": sa <= sb, "jset": (a & b) != 0}[op]

def define(g):
    M64, M32 = g.M64, g.M32
    case, lit = g.case, g.lit

    # ------------------------------------------------------------------ jmp / jmp32
    J = "§4.3 (Jump Instructions)"
    def jcase(group, name, what, op, a, b, bits, form):
        r = "w" if bits == 32 else "r"
        if form == "reg":
            test = "if %s1 %s %s2 goto +1" % (r, SYM[op], r)
            setup = "r1 = %s\nr2 = %s\n" % (lit(a), lit(b))
            bval = b
        else:
            test = "if %s1 %s %d goto +1" % (r, SYM[op], b)
            setup = "r1 = %s\n" % lit(a)
            bval = g.sx(b, 32) if bits == 64 else b & M32
        taken = cond(op, a, bval, bits, g.signed)
        case(group, name, what + (" (taken: r0 = 1)" if taken else " (not taken: r0 = 2)"), J,
             asm=setup + "r0 = 1\n" + test + "\nr0 = 2\nexit", result=1 if taken else 2)

    INT64_MIN, INT64_MAX = 1 << 63, (1 << 63) - 1
    rows64 = [
        ("jeq", "reg_equal", "JEQ reg equal", 0x123456789, 0x123456789, "reg"),
        ("jeq", "reg_high_differs", "JEQ reg compares all 64 bits", 0x100000005, 5, "reg"),
        ("jeq", "imm_sign_extended", "JEQ imm -1 matches all ones (imm sign-extended)", M64, -1, "imm"),
        ("jeq", "imm_not_zero_extended", "JEQ imm -1 does not match 0xffffffff", 0xffffffff, -1, "imm"),
        ("jne", "reg_high_differs", "JNE reg sees a difference in the high half", 0x100000005, 5, "reg"),
        ("jne", "imm_equal", "JNE imm equal", 7, 7, "imm"),
        ("jgt", "reg_unsigned", "JGT reg is unsigned: 0xffffffffffffffff > 1", M64, 1, "reg"),
        ("jgt", "reg_equal", "JGT reg equal", 5, 5, "reg"),
        ("jgt", "imm_neg", "JGT imm -2 compares against 0xfffffffffffffffe", M64, -2, "imm"),
        ("jgt", "imm_intmin", "JGT imm 0x80000000 (0xffffffff80000000 after sign extension)", 0x80000001, -2147483648, "imm"),
        ("jge", "reg_equal", "JGE reg equal", INT64_MIN, INT64_MIN, "reg"),
        ("jge", "reg_less", "JGE reg unsigned less", 1, M64, "reg"),
        ("jge", "imm_greater", "JGE imm", 0x100000000, 0x7fffffff, "imm"),
        ("jlt", "reg_unsigned", "JLT reg is unsigned: 0 < 0xffffffffffffffff", 0, M64, "reg"),
        ("jlt", "reg_equal", "JLT reg equal", 9, 9, "reg"),
        ("jlt", "imm_neg", "JLT imm -1: everything but all ones is below", 0xfffffffffffffffe, -1, "imm"),
        ("jle", "reg_equal", "JLE reg equal", M64, M64, "reg"),
        ("jle", "reg_greater", "JLE reg unsigned greater", INT64_MIN, INT64_MAX, "reg"),
        ("jle", "imm", "JLE imm 0 of 0", 0, 0, "imm"),
        ("jsgt", "reg_signed", "JSGT reg is signed: 1 s> -1", 1, M64, "reg"),
        ("jsgt", "reg_min_max", "JSGT reg INT64_MIN s> INT64_MAX is false", INT64_MIN, INT64_MAX, "reg"),
        ("jsgt", "imm_neg", "JSGT imm -1 s> -2", M64, -2, "imm"),
        ("jsgt", "reg_equal", "JSGT reg equal", M64, M64, "reg"),
        ("jsge", "reg_equal_neg", "JSGE reg -1 s>= -1", M64, M64, "reg"),
        ("jsge", "reg_min", "JSGE reg INT64_MIN s>= 0 is false", INT64_MIN, 0, "reg"),
        ("jsge", "imm_intmin", "JSGE imm INT32_MIN: -2^31 s>= -2^31", 0xffffffff80000000, -2147483648, "imm"),
        ("jsge", "imm_zero_ext_positive", "JSGE imm -1 with 0xffffffff: positive in 64 bits", 0xffffffff, -1, "imm"),
        ("jslt", "reg_min", "JSLT reg INT64_MIN s< 0", INT64_MIN, 0, "reg"),
        ("jslt", "reg_unsigned_would_differ", "JSLT reg 1 s< -1 is false", 1, M64, "reg"),
        ("jslt", "imm_neg", "JSLT imm -5 s< -4", (-5) & M64, -4, "imm"),
        ("jsle", "reg_equal", "JSLE reg equal INT64_MAX", INT64_MAX, INT64_MAX, "reg"),
        ("jsle", "reg_max_min", "JSLE reg INT64_MAX s<= INT64_MIN is false", INT64_MAX, INT64_MIN, "reg"),
        ("jsle", "imm_neg", "JSLE imm -1 s<= 0", M64, 0, "imm"),
        ("jset", "reg_hit", "JSET reg: some bit in common", 0x8000000000000001, 0x8000000000000000, "reg"),
        ("jset", "reg_miss", "JSET reg: no bit in common", 0xaaaaaaaaaaaaaaaa, 0x5555555555555555, "reg"),
        ("jset", "imm_sign_extended", "JSET imm INT32_MIN tests bit 63 too (sign-extended)", INT64_MIN, -2147483648, "imm"),
        ("jset", "imm_neg1_zero", "JSET imm -1 of 0 is false", 0, -1, "imm"),
        ("jeq", "imm_max", "JEQ imm INT32_MAX", 0x7fffffff, 0x7fffffff, "imm"),
        ("jset", "imm_high_only", "JSET imm 0x7fffffff misses a high-half-only value", 0xffffffff00000000, 0x7fffffff, "imm"),
    ]
    for op, name, what, a, b, form in rows64:
        jcase("jmp", "%s_%s" % (op, name), what, op, a, b, 64, form)
    rows32 = [
        ("jeq", "reg_low_equal", "JEQ32 reg ignores the high halves", 0x1111111100000005, 0x2222222200000005, "reg"),
        ("jeq", "imm_neg", "JEQ32 imm -1 matches 0xffffffff", 0xffffffff, -1, "imm"),
        ("jeq", "imm_high_garbage", "JEQ32 imm with high garbage", 0xabcdef0000000007, 7, "imm"),
        ("jne", "reg_low_equal", "JNE32 reg: equal low halves", 0x100000000, 0, "reg"),
        ("jne", "imm", "JNE32 imm different", 0x80000000, 0, "imm"),
        ("jgt", "reg_unsigned", "JGT32 reg unsigned: 0xffffffff > 1", 0xffffffff, 0x200000001, "reg"),
        ("jgt", "reg_high_ignored", "JGT32 reg: larger in 64 bits, smaller in the low half", 0x200000000, 1, "reg"),
        ("jgt", "imm_neg", "JGT32 imm -2 is 0xfffffffe", 0xffffffff, -2, "imm"),
        ("jge", "reg_equal", "JGE32 reg equal low halves", 0x1ffffffff, 0xffffffff, "reg"),
        ("jge", "imm", "JGE32 imm less", 0xffffffff00000003, 4, "imm"),
        ("jlt", "reg", "JLT32 reg unsigned", 0x7fffffff, 0x80000000, "reg"),
        ("jlt", "imm_high_garbage", "JLT32 imm: 0x1_00000000 < 1 in the low half", 0x100000000, 1, "imm"),
        ("jle", "reg_equal", "JLE32 reg equal", 0xdeadbeefcafe0000 | 0x1234, 0x1234, "reg"),
        ("jle", "imm", "JLE32 imm greater", 0x80000000, 0x7fffffff, "imm"),
        ("jsgt", "reg_signed", "JSGT32 reg: 0x80000000 is negative in 32 bits", 1, 0x80000000, "reg"),
        ("jsgt", "reg_not_64bit_sign", "JSGT32 reg: bit 63 does not matter", 0x8000000000000002, 1, "reg"),
        ("jsgt", "imm_neg", "JSGT32 imm -1 s> -2", 0xffffffff, -2, "imm"),
        ("jsge", "reg_min", "JSGE32 reg INT32_MIN s>= 0 is false", 0x80000000, 0, "reg"),
        ("jsge", "imm_equal", "JSGE32 imm equal -7", 0x00000000fffffff9, -7, "imm"),
        ("jslt", "reg_min", "JSLT32 reg INT32_MIN s< INT32_MAX", 0x80000000, 0x7fffffff, "reg"),
        ("jslt", "reg_high_positive", "JSLT32 reg: 0x1_ffffffff is -1 in the low half", 0x1ffffffff, 0, "reg"),
        ("jslt", "imm", "JSLT32 imm 5 s< -1 is false", 5, -1, "imm"),
        ("jsle", "reg_equal", "JSLE32 reg equal negatives", 0xffffffff80000000, 0x80000000, "reg"),
        ("jsle", "imm_neg", "JSLE32 imm 0 s<= -1 is false", 0, -1, "imm"),
        ("jset", "reg_high_only", "JSET32 reg: bits in common only in the high half", 0x100000000, 0x100000000, "reg"),
        ("jset", "reg_hit", "JSET32 reg hit in the low half", 0x80000000, 0xffffffff80000000, "reg"),
        ("jset", "imm", "JSET32 imm hit", 0x80, 0x80, "imm"),
        ("jgt", "imm_high_garbage", "JGT32 imm: 0xffffffff00000001 > 0 looks at 1 only", 0xffffffff00000001, 1, "imm"),
        ("jset", "imm_miss", "JSET32 imm miss", 0xffffffff0000007f, 0x80, "imm"),
    ]
    for op, name, what, a, b, form in rows32:
        jcase("jmp32", "%s32_%s" % (op, name), what, op, a, b, 32, form)

    case("jmp", "ja_forward", "JA +2 skips two instructions", J,
         asm="r0 = 1\nr1 = 0\nif r1 == 1 goto +1\ngoto +2\nr0 = 2\nr0 = 3\nr0 += 10\nexit", result=11,
         note="the never-taken branch keeps the skipped code reachable for the kernel's CFG check")
    case("jmp", "ja_zero", "JA +0 is a no-op", J, asm="r0 = 4\ngoto +0\nr0 += 1\nexit", result=5)
    case("jmp", "ja_negative_loop", "JA with a negative offset closes a loop", J,
         asm="""
         r0 = 0
         r1 = 10
         loop:
         if r1 == 0 goto out
         r0 += r1
         r1 -= 1
         goto loop
         out:
         exit""", result=55)
    case("jmp", "ja_backward_then_forward", "JA backward to a block, then forward past it", J,
         asm="""
         r0 = 1
         goto second
         first:
         r0 *= 10
         goto done
         second:
         r0 += 4
         goto first
         done:
         exit""", result=50)
    case("jmp", "gotol_forward", "JA32 (gotol) uses the 32-bit imm as the offset", J,
         asm="r0 = 1\nr1 = 0\nif r1 == 1 goto +1\ngotol +2\nr0 = 2\nr0 = 3\nr0 += 20\nexit", result=21,
         note="the never-taken branch keeps the skipped code reachable for the kernel's CFG check")
    case("jmp", "gotol_backward", "JA32 (gotol) with a negative imm", J,
         asm="""
         r0 = 0
         r1 = 0
         loop:
         r0 += 3
         r1 += 1
         if r1 == 4 goto out
         gotol loop
         out:
         exit""", result=12)
    case("jmp", "exit_in_branch", "EXIT in the middle of a program returns r0 as it is", J,
         asm="r0 = 6\nr1 = 1\nif r1 == 1 goto +1\nexit\nr0 = 7\nexit", result=7)
    case("jmp", "jeq_negative_offset", "A conditional jump with a negative offset", J,
         asm="r0 = 0\nr1 = 5\nr0 += 2\nr1 -= 1\nif r1 != 0 goto -3\nexit", result=10)
    case("jmp32", "loop_jmp32_counter", "A loop counted in the low half: the high garbage never matters", J,
         asm="""
         r0 = 0
         r1 = 0x700000000 ll
         loop:
         r0 += 1
         r1 += 1
         if w1 < 5 goto loop
         exit""", result=5)
    case("jmp", "sign_boundary_all", "Signed and unsigned views of 0x8000000000000000 against 0x7fffffffffffffff", J,
         asm="""
         r1 = 0x8000000000000000 ll
         r2 = 0x7fffffffffffffff ll
         r0 = 0
         if r1 > r2 goto +1
         goto +1
         r0 |= 1
         if r1 s> r2 goto +1
         r0 |= 2
         if r1 s< r2 goto +1
         goto +1
         r0 |= 4
         if r1 < r2 goto +1
         r0 |= 8
         exit""", result=1 | 2 | 4 | 8)

    # ------------------------------------------------------------------ mem
    R = "§5.1 (Regular Load and Store Operations)"
    SX = "§5.2 (Sign-Extension Load Operations)"
    mem8 = bytes([0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0xf0, 0xe0, 0xd0, 0xc0, 0xb0, 0xa0, 0x90, 0x80])
    def le(b):
        return int.from_bytes(b, "little")
    for size, t in ((1, "u8"), (2, "u16"), (4, "u32"), (8, "u64")):
        for off in (0, 3, 8):
            if off + size > len(mem8):
                continue
            case("mem", "ldx_%s_off%d" % (t, off), "LDX %s at offset %d: little-endian, zero-extended" % (t, off), R,
                 asm="r0 = -1\nr0 = *(%s *)(r1 + %d)\nexit" % (t, off), mem=mem8, result=le(mem8[off:off + size]))
    for size, t in ((1, "s8"), (2, "s16"), (4, "s32")):
        for off in (0, 8, 12):
            case("mem", "ldxs_%s_off%d" % (t, off), "LDXS %s at offset %d: sign-extended to 64 bits" % (t, off), SX,
                 asm="r0 = *(%s *)(r1 + %d)\nexit" % (t, off), mem=mem8,
                 result=g.sx(le(mem8[off:off + size]), size * 8))
    case("mem", "ldx_last_byte", "LDX u8 of the last byte of memory", R,
         asm="r0 = *(u8 *)(r1 + 15)\nexit", mem=mem8, result=0x80)
    case("mem", "ldx_negative_offset", "LDX with a negative offset from an advanced pointer", R,
         asm="r1 += 8\nr0 = *(u32 *)(r1 - 4)\nexit", mem=mem8, result=le(mem8[4:8]))
    case("mem", "ldx_same_reg", "LDX into the base register itself", R,
         asm="r1 = *(u16 *)(r1 + 2)\nr0 = r1\nexit", mem=mem8, result=le(mem8[2:4]))
    case("mem", "mem_length", "r2 holds the length of the memory", R,
         asm="r0 = r2\nr0 *= 3\nexit", mem=bytes(range(21)), result=63)
    case("mem", "no_mem_r1_r2_zero", "Without memory r1 and r2 are 0", R,
         asm="r0 = r1\nr0 |= r2\nr0 += 77\nexit", result=77)
    for size, t, val in ((1, "u8", 0xab), (2, "u16", 0xabcd), (4, "u32", 0xabcdef01), (8, "u64", 0xabcdef0123456789)):
        before = bytes(16)
        after = bytearray(before)
        after[5:5 + size] = val.to_bytes(size, "little")
        case("mem", "stx_%s" % t, "STX %s at offset 5 stores the low %d bytes little-endian" % (t, size), R,
             asm="r3 = %s\n*(%s *)(r1 + 5) = r3\nr0 = *(u64 *)(r1 + 0)\nexit" % (lit(0x1122334400000000 | val if size <= 4 else val), t),
             mem=before, mem_after=bytes(after), result=le(after[0:8]))
    for size, t, imm in ((1, "u8", -1), (2, "u16", -2), (4, "u32", -3), (8, "u64", -4)):
        before = bytes([0x5a]) * 16
        after = bytearray(before)
        after[2:2 + size] = (imm & ((1 << (8 * size)) - 1)).to_bytes(size, "little")
        case("mem", "st_%s_imm" % t, "ST %s imm %d at offset 2: the imm truncated (u64: sign-extended)" % (t, imm), R,
             asm="*(%s *)(r1 + 2) = %d\nr0 = *(u64 *)(r1 + 0)\nexit" % (t, imm),
             mem=before, mem_after=bytes(after), result=le(after[0:8]))
    case("mem", "st_u64_imm_positive", "ST u64 imm 0x7fffffff clears the high half", R,
         asm="*(u64 *)(r10 - 8) = -1\n*(u64 *)(r10 - 8) = 0x7fffffff\nr0 = *(u64 *)(r10 - 8)\nexit", result=0x7fffffff)
    case("mem", "st_u64_imm_neg_stack", "ST u64 imm -1 on the stack gives all ones", R,
         asm="*(u64 *)(r10 - 16) = -1\nr0 = *(u64 *)(r10 - 16)\nexit", result=M64)
    for size, t in ((1, "u8"), (2, "u16"), (4, "u32"), (8, "u64")):
        val = 0xfedcba9876543210
        case("mem", "stack_roundtrip_%s" % t, "Stack STX/LDX %s round trip keeps the low %d bytes" % (t, size), R,
             asm="r1 = %s\n*(%s *)(r10 - 8) = r1\nr0 = *(%s *)(r10 - 8)\nexit" % (lit(val), t, t),
             result=val & ((1 << (8 * size)) - 1))
    case("mem", "stack_bytes_of_dw", "A u64 stored on the stack, read back byte by byte (little-endian)", R,
         asm="""
         r1 = 0x0807060504030201 ll
         *(u64 *)(r10 - 8) = r1
         r0 = *(u8 *)(r10 - 8)
         r2 = *(u8 *)(r10 - 1)
         r2 <<= 8
         r0 |= r2
         r2 = *(u16 *)(r10 - 4)
         r2 <<= 16
         r0 |= r2
         exit""", result=0x01 | 0x08 << 8 | 0x0605 << 16)
    case("mem", "stack_partial_overwrite", "A byte store into the middle of a stored u64", R,
         asm="""
         r1 = -1
         *(u64 *)(r10 - 8) = r1
         *(u8 *)(r10 - 6) = 0
         *(u16 *)(r10 - 4) = 0x1234
         r0 = *(u64 *)(r10 - 8)
         exit""", result=0xffff1234ff00ffff)
    case("mem", "stack_bottom", "The whole 512-byte frame is usable: r10 - 512", R,
         asm="r1 = 0x5151515151515151 ll\n*(u64 *)(r10 - 512) = r1\n*(u64 *)(r10 - 8) = 0\nr0 = *(u64 *)(r10 - 512)\nexit",
         result=0x5151515151515151)
    case("mem", "unaligned_load", "Unaligned u64 and u32 loads from memory", R,
         asm="r0 = *(u64 *)(r1 + 3)\nr2 = *(u32 *)(r1 + 9)\nr0 ^= r2\nexit", mem=mem8,
         result=le(mem8[3:11]) ^ le(mem8[9:13]))
    um = bytearray(12)
    um[1:9] = (0x1122334455667788).to_bytes(8, "little")
    um[9:11] = (0xbeef).to_bytes(2, "little")
    case("mem", "unaligned_store", "Unaligned u64 and u16 stores into memory", R,
         asm="r3 = 0x1122334455667788 ll\n*(u64 *)(r1 + 1) = r3\nr3 = 0xbeef\n*(u16 *)(r1 + 9) = r3\nr0 = *(u32 *)(r1 + 7)\nexit",
         mem=bytes(12), mem_after=bytes(um), result=le(um[7:11]))
    case("mem", "stack_unaligned", "Unaligned u64 load on the stack", R,
         asm="""
         r1 = 0x1122334455667788 ll
         *(u64 *)(r10 - 16) = r1
         *(u64 *)(r10 - 8) = r1
         r0 = *(u64 *)(r10 - 13)
         exit""", result=int.from_bytes(((0x1122334455667788).to_bytes(8, "little") * 2)[3:11], "little"),
         cannot="the verifier rejects misaligned stack accesses (misaligned stack access off 0+0+-13 size 8)")
    case("mem", "stack_pointer_copy", "Loads and stores through a copy of r10", R,
         asm="r2 = r10\nr2 += -24\nr3 = 99\n*(u32 *)(r2 + 4) = r3\nr0 = *(u32 *)(r10 - 20)\nexit", result=99)
    case("mem", "ldxs_s8_stack", "LDXS s8 of a stored 0x80 on the stack", SX,
         asm="*(u8 *)(r10 - 1) = 0x80\nr0 = *(s8 *)(r10 - 1)\nexit", result=g.sx(0x80, 8))
    case("mem", "ldxs_s16_positive", "LDXS s16 of 0x7fff stays positive", SX,
         asm="*(u16 *)(r10 - 2) = 0x7fff\nr0 = *(s16 *)(r10 - 2)\nexit", result=0x7fff)
    case("mem", "ldxs_s32_stack", "LDXS s32 of 0x80000000", SX,
         asm="r1 = 0x80000000 ll\n*(u32 *)(r10 - 4) = r1\nr0 = *(s32 *)(r10 - 4)\nexit", result=0xffffffff80000000)
    case("mem", "stx_all_sizes_mem", "Stores of every size into memory, checked in mem-after", R,
         asm="""
         r3 = 0x0807060504030201 ll
         *(u8 *)(r1 + 0) = r3
         *(u16 *)(r1 + 1) = r3
         *(u32 *)(r1 + 3) = r3
         *(u64 *)(r1 + 7) = r3
         r0 = *(u64 *)(r1 + 0)
         exit""", mem=bytes(16),
         mem_after=bytes([1, 1, 2, 1, 2, 3, 4, 1, 2, 3, 4, 5, 6, 7, 8, 0]),
         result=le(bytes([1, 1, 2, 1, 2, 3, 4, 1])))
    case("mem", "memory_reverse", "Reverses 8 bytes of memory in place with byte loads and stores", R,
         asm="""
         r3 = 0
         r4 = 7
         loop:
         r5 = r1
         r5 += r3
         r6 = *(u8 *)(r5 + 0)
         r7 = r1
         r7 += r4
         r8 = *(u8 *)(r7 + 0)
         *(u8 *)(r5 + 0) = r8
         *(u8 *)(r7 + 0) = r6
         r3 += 1
         r4 -= 1
         if r3 < r4 goto loop
         r0 = *(u64 *)(r1 + 0)
         exit""", mem=bytes(range(1, 9)), mem_after=bytes(range(8, 0, -1)), result=le(bytes(range(8, 0, -1))))

    # ------------------------------------------------------------------ atomic
    AT = "§5.3 (Atomic Operations)"
    def aop(op, a, b, bits):
        m = (1 << bits) - 1
        return {"add": a + b, "or": a | b, "and": a & b, "xor": a ^ b}[op] & m
    asym = {"add": "+=", "or": "|=", "and": "&=", "xor": "^="}
    A0 = 0x8877665544332211
    B0 = 0x0f0f0f0f8f8f8f8f
    for op in ("add", "or", "and", "xor"):
        for bits in (64, 32):
            t, r = ("u64", "r") if bits == 64 else ("u32", "w")
            new_low = aop(op, A0, B0, bits)
            new_mem = new_low if bits == 64 else (A0 & ~M32 & M64) | new_low
            store = "r1 = %s\n*(u64 *)(r10 - 8) = r1\nr1 = %s\n" % (lit(A0), lit(B0))
            case("atomic", "%s%d" % (op, bits), "Atomic %s (%d-bit, no fetch): memory becomes old %s src%s"
                 % (op, bits, op, "; the upper 4 bytes are untouched" if bits == 32 else ""), AT,
                 asm=store + "lock *(%s *)(r10 - 8) %s %s1\nr0 = *(u64 *)(r10 - 8)\nexit" % (t, asm_sym(asym, op), r),
                 result=new_mem)
            case("atomic", "%s%d_src_kept" % (op, bits), "Atomic %s (%d-bit, no fetch) leaves src unchanged" % (op, bits), AT,
                 asm=store + "lock *(%s *)(r10 - 8) %s %s1\nr0 = r1\nexit" % (t, asm_sym(asym, op), r), result=B0)
            case("atomic", "fetch_%s%d_old" % (op, bits), "Atomic fetch_%s (%d-bit) loads the old value into src%s"
                 % (op, bits, ", zero-extended" if bits == 32 else ""), AT,
                 asm=store + "%s1 = atomic_fetch_%s((%s *)(r10 - 8), %s1)\nr0 = r1\nexit" % (r, op, t, r),
                 result=A0 & ((1 << bits) - 1))
            case("atomic", "fetch_%s%d_mem" % (op, bits), "Atomic fetch_%s (%d-bit) updates memory like the plain form" % (op, bits), AT,
                 asm=store + "%s1 = atomic_fetch_%s((%s *)(r10 - 8), %s1)\nr0 = *(u64 *)(r10 - 8)\nexit" % (r, op, t, r),
                 result=new_mem)
    case("atomic", "add32_no_carry_out", "Atomic add (32-bit): the carry does not reach the upper 4 bytes", AT,
         asm="r1 = 0x00000001ffffffff ll\n*(u64 *)(r10 - 8) = r1\nr1 = 1\nlock *(u32 *)(r10 - 8) += w1\nr0 = *(u64 *)(r10 - 8)\nexit",
         result=0x0000000100000000)
    case("atomic", "fetch_add64_src_is_dst_reg", "Atomic fetch_add with the same value twice accumulates", AT,
         asm="""
         *(u64 *)(r10 - 8) = 10
         r1 = 5
         r1 = atomic_fetch_add((u64 *)(r10 - 8), r1)
         r2 = 7
         r2 = atomic_fetch_add((u64 *)(r10 - 8), r2)
         r0 = *(u64 *)(r10 - 8)
         r0 <<= 16
         r0 |= r2
         exit""", result=(22 << 16) | 15)
    case("atomic", "fetch_add32_high_garbage_src", "Atomic fetch_add (32-bit) adds the low half of src only", AT,
         asm="*(u64 *)(r10 - 8) = 0\nr1 = 0x1200000003 ll\nw1 = atomic_fetch_add((u32 *)(r10 - 8), w1)\nr0 = *(u64 *)(r10 - 8)\nr0 += r1\nexit",
         result=3)
    for bits in (64, 32):
        t, r = ("u64", "r") if bits == 64 else ("u32", "w")
        fn = "xchg_64" if bits == 64 else "xchg32_32"
        store = "r1 = %s\n*(u64 *)(r10 - 8) = r1\nr1 = %s\n" % (lit(A0), lit(B0))
        case("atomic", "xchg%d_old" % bits, "Atomic xchg (%d-bit) returns the old value%s" % (bits, ", zero-extended" if bits == 32 else ""), AT,
             asm=store + "%s1 = %s(r10 - 8, %s1)\nr0 = r1\nexit" % (r, fn, r), result=A0 & ((1 << bits) - 1))
        case("atomic", "xchg%d_mem" % bits, "Atomic xchg (%d-bit) stores src" % bits, AT,
             asm=store + "%s1 = %s(r10 - 8, %s1)\nr0 = *(u64 *)(r10 - 8)\nexit" % (r, fn, r),
             result=B0 if bits == 64 else (A0 & ~M32 & M64) | (B0 & M32))
        fn = "cmpxchg_64" if bits == 64 else "cmpxchg32_32"
        for outcome in ("success", "failure"):
            r0v = A0 if outcome == "success" else A0 ^ 1
            setup = "r1 = %s\n*(u64 *)(r10 - 8) = r1\nr1 = %s\nr0 = %s\n" % (lit(A0), lit(B0), lit(r0v))
            case("atomic", "cmpxchg%d_%s_r0" % (bits, outcome), "Atomic cmpxchg (%d-bit), %s: r0 gets the old value%s"
                 % (bits, "r0 matches" if outcome == "success" else "r0 differs", ", zero-extended" if bits == 32 else ""), AT,
                 asm=setup + "%s0 = %s(r10 - 8, %s0, %s1)\nexit" % (r, fn, r, r), result=A0 & ((1 << bits) - 1))
            if outcome == "success":
                memv = B0 if bits == 64 else (A0 & ~M32 & M64) | (B0 & M32)
            else:
                memv = A0
            case("atomic", "cmpxchg%d_%s_mem" % (bits, outcome), "Atomic cmpxchg (%d-bit), %s" % (bits,
                 "r0 matches: memory gets src" if outcome == "success" else "r0 differs: memory unchanged"), AT,
                 asm=setup + "%s0 = %s(r10 - 8, %s0, %s1)\nr0 = *(u64 *)(r10 - 8)\nexit" % (r, fn, r, r), result=memv)
    case("atomic", "cmpxchg32_compares_low_half", "Atomic cmpxchg (32-bit) compares only the low half of r0", AT,
         asm="""
         r1 = 0xaaaaaaaa12345678 ll
         *(u64 *)(r10 - 8) = r1
         r0 = 0xffffffff12345678 ll
         r1 = 0x99
         w0 = cmpxchg32_32(r10 - 8, w0, w1)
         r0 = *(u64 *)(r10 - 8)
         exit""", result=0xaaaaaaaa00000099)
    case("atomic", "cmpxchg64_high_half_differs", "Atomic cmpxchg (64-bit) fails when only the high halves differ", AT,
         asm="""
         r1 = 0xaaaaaaaa12345678 ll
         *(u64 *)(r10 - 8) = r1
         r0 = 0xbbbbbbbb12345678 ll
         r1 = 0x99
         r0 = cmpxchg_64(r10 - 8, r0, r1)
         r0 = *(u64 *)(r10 - 8)
         exit""", result=0xaaaaaaaa12345678)
    case("atomic", "cmpxchg64_loop_increment", "A compare-and-swap retry loop increments a counter", AT,
         asm="""
         *(u64 *)(r10 - 8) = 40
         r6 = 0
         again:
         r0 = *(u64 *)(r10 - 8)
         r1 = r0
         r1 += 2
         r2 = r0
         r0 = cmpxchg_64(r10 - 8, r0, r1)
         r6 += 1
         if r0 != r2 goto again
         r0 = *(u64 *)(r10 - 8)
         r0 += r6
         exit""", result=43)
    case("atomic", "add64_offset", "Atomic add at a non-zero offset from a copied frame pointer", AT,
         asm="r2 = r10\nr2 += -32\n*(u64 *)(r10 - 24) = 100\nr1 = 23\nlock *(u64 *)(r2 + 8) += r1\nr0 = *(u64 *)(r10 - 24)\nexit",
         result=123)
    case("atomic", "add64_on_memory", "Atomic add on the input memory", AT,
         asm="r3 = 0x10\nlock *(u64 *)(r1 + 0) += r3\nr0 = *(u64 *)(r1 + 0)\nexit",
         mem=bytes([0xf8, 0xff, 0, 0, 0, 0, 0, 1]), mem_after=bytes([0x08, 0, 1, 0, 0, 0, 0, 1]),
         result=0x0100000000010008, cannot="the verifier does not allow atomics on packet pointers (BPF_ATOMIC stores into R1 pkt is not allowed)")

    # ------------------------------------------------------------------ call
    C = "§4.3.2 (Program-Local Functions)"
    CONV = "Calling convention (BPF ABI guidelines §1.1): r1-r5 arguments, r0 result, r6-r9 preserved, own stack frame"
    case("call", "call_simple", "A local call returns its r0 to the caller", C,
         asm="call f\nr0 += 1\nexit\nf:\nr0 = 41\nexit", result=42)
    case("call", "call_args", "r1-r5 pass arguments to a local function", C, note=CONV,
         asm="""
         r1 = 1
         r2 = 2
         r3 = 3
         r4 = 4
         r5 = 5
         call f
         exit
         f:
         r0 = r1
         r0 *= 10
         r0 += r2
         r0 *= 10
         r0 += r3
         r0 *= 10
         r0 += r4
         r0 *= 10
         r0 += r5
         exit""", result=12345)
    case("call", "call_r6_r9_preserved", "r6-r9 keep their values across a call that overwrites them", C, note=CONV,
         asm="""
         r6 = 1
         r7 = 2
         r8 = 3
         r9 = 4
         call f
         r0 = r6
         r0 += r7
         r0 += r8
         r0 += r9
         exit
         f:
         r6 = 100
         r7 = 200
         r8 = 300
         r9 = 400
         r0 = 0
         exit""", result=10)
    case("call", "call_r6_r9_nested", "r6-r9 are preserved at every level of nested calls", C, note=CONV,
         asm="""
         r6 = 5
         call f
         r0 += r6
         exit
         f:
         r6 = 50
         call g
         r0 += r6
         exit
         g:
         r6 = 500
         r0 = r6
         exit""", result=555)
    case("call", "call_stack_separate", "The callee's stack frame is separate from the caller's", C, note=CONV,
         asm="""
         r1 = 7
         *(u64 *)(r10 - 8) = r1
         call f
         r1 = *(u64 *)(r10 - 8)
         r0 += r1
         exit
         f:
         r1 = 1000
         *(u64 *)(r10 - 8) = r1
         r0 = *(u64 *)(r10 - 8)
         exit""", result=1007)
    case("call", "call_frame_pointer_differs", "The callee's r10 is a different frame pointer", C, note=CONV,
         asm="r1 = r10\ncall f\nexit\nf:\nr0 = 1\nif r1 != r10 goto +1\nr0 = 2\nexit", result=1)
    case("call", "call_r10_restored", "The caller's r10 is the same after a call", C, note=CONV,
         asm="r6 = r10\ncall f\nr0 = 3\nif r6 == r10 goto +1\nr0 = 4\nexit\nf:\nr0 = 0\nexit", result=3)
    case("call", "call_pointer_to_caller_stack", "A callee reads and writes the caller's stack through a pointer", C,
         asm="""
         r1 = 20
         *(u64 *)(r10 - 8) = r1
         r1 = r10
         r1 += -8
         call f
         r1 = *(u64 *)(r10 - 8)
         r0 += r1
         exit
         f:
         r0 = *(u64 *)(r1 + 0)
         r2 = 300
         *(u64 *)(r1 + 0) = r2
         exit""", result=320)
    case("call", "call_memory_pointer", "A callee reads the input memory through r1", C,
         asm="call f\nexit\nf:\nr0 = *(u32 *)(r1 + 0)\nr0 += r2\nexit", mem=bytes([1, 2, 3, 4]), result=0x04030201 + 4)
    case("call", "call_returns_64bit", "A local function returns a full 64-bit value", C,
         asm="call f\nexit\nf:\nr0 = 0x8000000000000001 ll\nexit", result=0x8000000000000001)
    case("call", "call_in_loop", "A function called from a loop five times", C,
         asm="""
         r6 = 0
         r7 = 0
         loop:
         r1 = r6
         call sq
         r7 += r0
         r6 += 1
         if r6 < 5 goto loop
         r0 = r7
         exit
         sq:
         r0 = r1
         r0 *= r1
         exit""", result=0 + 1 + 4 + 9 + 16)
    case("call", "call_depth_four", "A chain of four nested calls, each adding its level", C,
         asm="""
         call f1
         r0 += 1
         exit
         f1:
         call f2
         r0 += 10
         exit
         f2:
         call f3
         r0 += 100
         exit
         f3:
         r0 = 1000
         exit""", result=1111)
    case("call", "call_two_functions", "Two different local functions", C,
         asm="""
         r1 = 6
         call double
         r1 = r0
         call inc
         exit
         double:
         r0 = r1
         r0 <<= 1
         exit
         inc:
         r0 = r1
         r0 += 1
         exit""", result=13)
    case("call", "call_callee_stack_512", "Caller and callee each use stack; values stay apart", C,
         asm="""
         *(u64 *)(r10 - 16) = 1
         call f
         r1 = *(u64 *)(r10 - 16)
         r0 += r1
         exit
         f:
         *(u64 *)(r10 - 16) = 2
         *(u64 *)(r10 - 8) = 3
         r0 = *(u64 *)(r10 - 16)
         r1 = *(u64 *)(r10 - 8)
         r0 *= r1
         exit""", result=7)
    H = "§4.3.1 (Helper Functions); helper 5 is ktime_get_ns in Linux"
    case("call", "helper_call_keeps_r6_r9", "A helper call (call imm, src 0) preserves r6-r9", H, note=CONV,
         asm="""
         r6 = 6
         r7 = 7
         r8 = 8
         r9 = 9
         call 5
         r0 = r6
         r0 += r7
         r0 += r8
         r0 += r9
         exit""", result=30)
    case("call", "callx_helper", "callx (CALL | X): the helper number comes from the register in dst", H,
         note="encoded as llvm-mc does: opcode 0x8d, dst = the register holding helper id 5",
         asm="r6 = 3\nr2 = 5\ncallx r2\nr0 = r6\nr0 += 4\nexit", result=7,
         cannot="the kernel has no callx (BPF_CALL | BPF_X is an unknown opcode to its verifier)")
    case("call", "call_recursive", "A recursive local function: 5! = 120", C,
         asm="""
         r1 = 5
         call fact
         exit
         fact:
         r0 = 1
         if r1 == 0 goto done
         r6 = r1
         r1 -= 1
         call fact
         r0 *= r6
         done:
         exit""", result=120, cannot="the verifier follows the recursion until the call stack of 8 frames is too deep")

    # ------------------------------------------------------------------ packet (LD_ABS / LD_IND)
    P = "§5.5 (Legacy BPF Packet Access Instructions)"
    PN = ("Packet cases: memory is the packet from the Ethernet header on; the kernel harness runs them as\n"
          "SCHED_CLS with r6 = ctx, so they never touch r6 and never read r1-r5 after a packet load")
    pkt = bytes([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
                 0x88, 0xb5, 0xfe, 0xdc, 0xba, 0x98, 0x10, 0x20, 0x30, 0x40])  # 22 bytes, local ethertype
    n = len(pkt)
    be = lambda b: int.from_bytes(b, "big")
    for t, size in (("u8", 1), ("u16", 2), ("u32", 4)):
        for off in (0, 12, n - size):
            case("packet", "ldabs_%s_off%d" % (t, off), "LD_ABS %s at %d: big-endian, zero-extended" % (t, off), P, note=PN,
                 asm="r0 = -1\nr0 = *(%s *)skb[%d]\nexit" % (t, off), mem=pkt, result=be(pkt[off:off + size]))
        case("packet", "ldabs_%s_oob" % t, "LD_ABS %s one byte past the end ends the program with r0 = 0" % t, P, note=PN,
             asm="r0 = 5\nr0 = *(%s *)skb[%d]\nr0 = 9\nexit" % (t, n - size + 1), mem=pkt, result=0)
        case("packet", "ldind_%s" % t, "LD_IND %s at r7 = 14: big-endian" % t, P, note=PN,
             asm="r7 = 14\nr0 = *(%s *)skb[r7]\nexit" % t, mem=pkt, result=be(pkt[14:14 + size]))
        case("packet", "ldind_%s_oob" % t, "LD_IND %s past the end ends the program with r0 = 0" % t, P, note=PN,
             asm="r7 = %d\nr0 = *(%s *)skb[r7]\nr0 = 9\nexit" % (n - size + 1, t), mem=pkt, result=0)
    op = {"u8": 0x50, "u16": 0x48, "u32": 0x40}
    for t, size in (("u8", 1), ("u16", 2), ("u32", 4)):
        case("packet", "ldind_%s_imm" % t, "LD_IND %s at r7 + imm (r7 = 10, imm = 4)" % t, P,
             note=PN + "\nraw: r7 = 10; r0 = *(%s *)skb[r7 + 4]; exit" % t,
             raw="\n".join([g.slot(0xb7, 7, 0, 0, 10), g.slot(op[t], 0, 7, 0, 4), g.slot(0x95)]),
             mem=pkt, result=be(pkt[14:14 + size]))
    case("packet", "ldind_imm_oob", "LD_IND u32 where r7 + imm passes the end", P,
         note=PN + "\nraw: r7 = 16; r0 = *(u32 *)skb[r7 + 4]; r0 = 9; exit",
         raw="\n".join([g.slot(0xb7, 7, 0, 0, 16), g.slot(0x40, 0, 7, 0, 4), g.slot(0xb7, 0, 0, 0, 9), g.slot(0x95)]),
         mem=pkt, result=0)
    case("packet", "ldabs_keeps_r6_r9", "LD_ABS leaves r7-r9 alone: two loads combined through r8", P, note=PN,
         asm="r0 = *(u16 *)skb[12]\nr8 = r0\nr0 = *(u8 *)skb[14]\nr0 <<= 16\nr0 |= r8\nexit", mem=pkt,
         result=(pkt[14] << 16) | be(pkt[12:14]))
    case("packet", "ldabs_oob_after_work", "An out-of-bounds LD_ABS after other work still gives r0 = 0", P, note=PN,
         asm="r7 = 1\nr0 = *(u32 *)skb[0]\nr7 += r0\nr0 = *(u8 *)skb[%d]\nr0 = r7\nexit" % n, mem=pkt, result=0)
    case("packet", "ldind_loop_sum", "LD_IND in a loop sums the bytes after the Ethernet header", P, note=PN,
         asm="""
         r7 = 14
         r8 = 0
         loop:
         r0 = *(u8 *)skb[r7]
         r8 += r0
         r7 += 1
         if r7 < %d goto loop
         r0 = r8
         exit""" % n, mem=pkt, result=sum(pkt[14:]))

    # ------------------------------------------------------------------ misc: may_goto, load-acquire / store-release
    MG = "Linux addition beyond RFC 9669: may_goto (BPF_JMP | BPF_JCOND, opcode 0xe5)"
    case("misc", "may_goto_fallthrough", "may_goto falls through while the loop budget lasts", MG,
         asm="r0 = 3\nmay_goto +1\nr0 = 4\nexit", result=4)
    case("misc", "may_goto_bounded_loop", "may_goto guarding a short loop never jumps", MG,
         asm="""
         r0 = 0
         r1 = 0
         loop:
         may_goto out
         r0 += r1
         r1 += 1
         if r1 < 100 goto loop
         out:
         exit""", result=sum(range(100)))
    case("misc", "may_goto_infinite_loop_ends", "An otherwise infinite loop leaves through may_goto", MG,
         asm="r0 = 1\nloop:\nmay_goto out\ngoto loop\nout:\nr0 = 7\nexit", result=7)
    LA = "Linux addition beyond RFC 9669: load-acquire / store-release (BPF_STX | BPF_ATOMIC, imm 0x100 / 0x110)"
    def st_dw(off, reg):
        return g.slot(0x7b, 10, reg, off)
    for size, opc, t in ((8, 0xdb, "u64"), (4, 0xc3, "u32"), (2, 0xcb, "u16"), (1, 0xd3, "u8")):
        val = 0xf1e2d3c4b5a69788
        case("misc", "load_acquire_%s" % t, "load_acquire %s from the stack, zero-extended" % t, LA,
             note="raw: r1 = 0x%x ll; *(u64 *)(r10 - 8) = r1; r0 = load_acquire((%s *)(r10 - 8)); exit" % (val, t),
             raw="\n".join([g.slot(0x18, 1, 0, 0, val & M32 if val & M32 < 1 << 31 else (val & M32) - (1 << 32)),
                            g.slot(0, 0, 0, 0, val >> 32 if val >> 32 < 1 << 31 else (val >> 32) - (1 << 32)),
                            st_dw(-8, 1), g.slot(opc, 0, 10, -8, 0x100), g.slot(0x95)]),
             result=val & ((1 << (8 * size)) - 1))
        case("misc", "store_release_%s" % t, "store_release %s into the stack, read back as u64" % t, LA,
             note="raw: r1 = -1; *(u64 *)(r10 - 8) = r1; r2 = 0x12345678; store_release((%s *)(r10 - 8), r2); r0 = *(u64 *)(r10 - 8); exit" % t,
             raw="\n".join([g.slot(0xb7, 1, 0, 0, -1), st_dw(-8, 1), g.slot(0xb7, 2, 0, 0, 0x12345678),
                            g.slot(opc, 10, 2, -8, 0x110), g.slot(0x79, 0, 10, -8), g.slot(0x95)]),
             result=(M64 & ~((1 << (8 * size)) - 1)) | (0x12345678 & ((1 << (8 * size)) - 1)))
    E = "§4.3 (Jump Instructions: EXIT) and §4.1"
    case("misc", "exit_r0", "EXIT returns r0", E, asm="r0 = 42\nexit", result=42)
    case("misc", "exit_r0_64bit", "EXIT returns all 64 bits of r0", E, asm="r0 = -2\nexit", result=M64 - 1)
    case("misc", "fibonacci", "A bounded loop computing fib(50) in 64 bits", "§4.1, §4.3",
         asm="""
         r1 = 0
         r2 = 1
         r3 = 0
         loop:
         r4 = r1
         r4 += r2
         r1 = r2
         r2 = r4
         r3 += 1
         if r3 < 50 goto loop
         r0 = r1
         exit""", result=12586269025)
    case("misc", "collatz_27", "Collatz steps of 27 (shifts, multiply, conditional jumps)", "§4.1, §4.3",
         asm="""
         r1 = 27
         r0 = 0
         loop:
         if r1 == 1 goto out
         r0 += 1
         r2 = r1
         r2 &= 1
         if r2 == 0 goto even
         r1 *= 3
         r1 += 1
         goto loop
         even:
         r1 >>= 1
         goto loop
         out:
         exit""", result=111)


def asm_sym(table, op):
    return table[op]
