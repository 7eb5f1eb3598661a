"""Cases for groups alu64, alu32, divmod, shift, swap, movsx, lddw (see gen_corpus.py)."""

def define(g):
    M64, M32 = g.M64, g.M32
    case, lit, alu = g.case, g.lit, g.alu

    def binop(group, name, what, rfc, op, a, b, bits, form, cannot=None, note=None):
        sym = g.ASM_OP[op]
        r = "w" if bits == 32 else "r"
        if form == "reg":
            asm = "r0 = %s\nr1 = %s\n%s0 %s %s1\nexit" % (lit(a), lit(b), r, sym, r)
            bval = b
        else:
            asm = "r0 = %s\n%s0 %s %d\nexit" % (lit(a), r, sym, b)
            bval = g.sx(b, 32) if bits == 64 else b & M32
        case(group, name, what, rfc, asm=asm, result=alu(op, a, bval, bits), cannot=cannot, note=note)

    A = "§4.1 (Arithmetic Instructions)"
    # ------------------------------------------------------------------ alu64
    b64 = [
        ("add_reg", "ADD reg: plain 64-bit sum", "add", 0x123456789, 0x987654321, "reg"),
        ("add_reg_wrap", "ADD reg wraps modulo 2^64", "add", M64, 2, "reg"),
        ("add_reg_carry32", "ADD reg carries from the low into the high half", "add", 0xffffffff, 1, "reg"),
        ("add_imm_neg", "ADD imm: the 32-bit imm is sign-extended to 64 bits", "add", 5, -7, "imm"),
        ("add_imm_intmin", "ADD imm INT32_MIN sign-extends", "add", 0, -2147483648, "imm"),
        ("add_imm_max", "ADD imm INT32_MAX", "add", 0x7fffffff00000000, 0x7fffffff, "imm"),
        ("sub_reg", "SUB reg", "sub", 0x987654321, 0x123456789, "reg"),
        ("sub_reg_borrow", "SUB reg borrows: 0 - 1 wraps to all ones", "sub", 0, 1, "reg"),
        ("sub_reg_borrow32", "SUB reg borrows from the high half", "sub", 0x100000000, 1, "reg"),
        ("sub_imm_neg", "SUB imm -1 adds one (imm sign-extended)", "sub", 1, -1, "imm"),
        ("sub_imm", "SUB imm", "sub", 0x1000000000, 0x10, "imm"),
        ("mul_reg", "MUL reg keeps the low 64 bits of the product", "mul", 0x100000001, 0x100000001, "reg"),
        ("mul_reg_allones", "MUL reg: (-1) * (-1) = 1", "mul", M64, M64, "reg"),
        ("mul_reg_intmin_neg1", "MUL reg INT64_MIN * -1 wraps to INT64_MIN", "mul", 1 << 63, M64, "reg"),
        ("mul_imm_neg", "MUL imm -1 negates (imm sign-extended)", "mul", 3, -1, "imm"),
        ("mul_imm", "MUL imm overflowing 32 bits", "mul", 0x12345678, 0x10000, "imm"),
        ("mul_imm_intmin_neg1", "MUL imm INT64_MIN * -1", "mul", 1 << 63, -1, "imm"),
        ("or_reg", "OR reg", "or", 0xf0f0f0f000000000, 0x0f0f0f0f12345678, "reg"),
        ("or_imm_neg", "OR imm -256 sets the high 56 bits (sign-extended imm)", "or", 0x12, -256, "imm"),
        ("or_imm_pos", "OR imm keeps the high half", "or", 0xabcdef0000000000, 0x1234, "imm"),
        ("and_reg", "AND reg", "and", 0x123456789abcdef0, 0xff00ff00ff00ff00, "reg"),
        ("and_imm_neg", "AND imm -16 keeps the high half (sign-extended imm)", "and", 0x123456789abcdef7, -16, "imm"),
        ("and_imm_pos", "AND imm 0x7fffffff clears the high half", "and", M64, 0x7fffffff, "imm"),
        ("xor_reg", "XOR reg", "xor", 0xaaaaaaaa55555555, 0xffffffff00000000, "reg"),
        ("xor_imm_neg", "XOR imm -1 is bitwise NOT of all 64 bits", "xor", 0x0123456789abcdef, -1, "imm"),
        ("xor_imm_pos", "XOR imm leaves the high half", "xor", 0x1111111100000000, 0x7fffffff, "imm"),
        ("mov_reg", "MOV reg copies all 64 bits", "mov", 0, 0xfedcba9876543210, "reg"),
        ("mov_imm_neg", "MOV imm -1 gives all ones (sign-extended imm)", "mov", 0x1234, -1, "imm"),
        ("mov_imm_intmin", "MOV imm INT32_MIN gives 0xffffffff80000000", "mov", 0, -2147483648, "imm"),
        ("mov_imm_pos", "MOV imm replaces the high half", "mov", 0xffffffff00000000, 0x7fffffff, "imm"),
    ]
    for name, what, op, a, b, form in b64:
        binop("alu64", name, what, A, op, a, b, 64, form)
    for name, v in (("neg_one", 1), ("neg_zero", 0), ("neg_intmin", 1 << 63), ("neg_high", 0xffffffff00000000)):
        case("alu64", name, "NEG (dst = -dst, 64-bit) of 0x%x" % v, A,
             asm="r0 = %s\nr0 = -r0\nexit" % lit(v), result=alu("neg", v, 0, 64))
    case("alu64", "mov_r10_diff", "MOV reg from r10: two reads of the frame pointer are equal", A,
         asm="r1 = r10\nr2 = r10\nr0 = 7\nif r1 == r2 goto +1\nr0 = 8\nexit", result=7)
    case("alu64", "chain", "A chain of 64-bit operations on several registers", A,
         asm="""
         r1 = 0x0102030405060708 ll
         r2 = r1
         r2 *= 3
         r3 = r2
         r3 ^= r1
         r4 = 0xff
         r3 &= r4
         r0 = r3
         r0 += r2
         exit""", result=((((0x0102030405060708 * 3) ^ 0x0102030405060708) & 0xff) + 0x0102030405060708 * 3) & M64)
    case("alu64", "all_registers", "Every register r0-r9 takes part in ALU64 operations", A,
         asm="""
         r0 = 1
         r1 = 2
         r2 = 3
         r3 = 4
         r4 = 5
         r5 = 6
         r6 = 7
         r7 = 8
         r8 = 9
         r9 = 10
         r0 += r1
         r0 *= r2
         r0 -= r3
         r0 |= r4
         r0 ^= r5
         r0 += r6
         r0 *= r7
         r0 &= r8
         r0 += r9
         exit""", result=(((((((1 + 2) * 3 - 4) | 5) ^ 6) + 7) * 8) & 9) + 10)

    # ------------------------------------------------------------------ alu32
    b32 = [
        ("add_reg_wrap", "ADD32 reg wraps modulo 2^32 and ignores high garbage", "add", 0xdeadbeefffffffff, 0x1234567800000002, "reg"),
        ("add_reg_zext", "ADD32 reg result is zero-extended", "add", 0xffffffff00000001, 1, "reg"),
        ("add_imm_neg", "ADD32 imm -7", "add", 0xabcdef0000000005, -7, "imm"),
        ("add_imm_zext", "ADD32 imm clears the high half", "add", 0xffffffffffffffff, 1, "imm"),
        ("sub_reg_borrow", "SUB32 reg: 0 - 1 gives 0xffffffff, not all ones", "sub", 0x100000000, 1, "reg"),
        ("sub_reg", "SUB32 reg with high garbage in both operands", "sub", 0x5555555500001000, 0xaaaaaaaa00000001, "reg"),
        ("sub_imm", "SUB32 imm", "sub", 0x8000000000000010, 0x20, "imm"),
        ("mul_reg_overflow", "MUL32 reg 0x10000 * 0x10000 overflows to 0", "mul", 0x1234567800010000, 0x10000, "reg"),
        ("mul_reg_allones", "MUL32 reg 0xffffffff * 0xffffffff = 1", "mul", 0xabcdabcdffffffff, 0xffffffff, "reg"),
        ("mul_imm_neg", "MUL32 imm -3", "mul", 0xffff000000000005, -3, "imm"),
        ("mul_reg", "MUL32 reg keeps the low 32 bits of the product", "mul", 0x12345678, 0x9abcdef0, "reg"),
        ("mul_imm_intmin_neg1", "MUL32 imm INT32_MIN * -1 wraps to INT32_MIN", "mul", 0x80000000, -1, "imm"),
        ("or_reg", "OR32 reg drops the high halves", "or", 0xffffffff000000f0, 0xffffffff0000000f, "reg"),
        ("or_imm_neg", "OR32 imm -256", "or", 0x0000000100000012, -256, "imm"),
        ("and_reg", "AND32 reg", "and", 0xffffffff12345678, 0xffffffff0000ffff, "reg"),
        ("and_imm", "AND32 imm -1 keeps the low half only", "and", 0x123456789abcdef0, -1, "imm"),
        ("xor_reg", "XOR32 reg", "xor", 0x1111111122222222, 0x3333333344444444, "reg"),
        ("xor_imm_neg", "XOR32 imm -1 is NOT of the low half", "xor", 0xffffffff0000ffff, -1, "imm"),
        ("mov_reg_zext", "MOV32 reg zero-extends", "mov", 0x1234, M64, "reg"),
        ("mov_imm_neg", "MOV32 imm -1 gives 0xffffffff", "mov", 0x1234, -1, "imm"),
        ("mov_imm_clears", "MOV32 imm clears the high half of dst", "mov", M64, 5, "imm"),
    ]
    for name, what, op, a, b, form in b32:
        binop("alu32", name, what, A, op, a, b, 32, form)
    for name, v in (("neg_one", 0x1234567800000001), ("neg_intmin", 0x80000000), ("neg_zero_high", 0xffffffff00000000)):
        case("alu32", name, "NEG32 of 0x%x: negates the low half, zero-extends" % v, A,
             asm="r0 = %s\nw0 = -w0\nexit" % lit(v), result=alu("neg", v, 0, 32))
    case("alu32", "mov_self_zext", "w0 = w0 clears the high half", A,
         asm="r0 = %s\nw0 = w0\nexit" % lit(0xcafebabe12345678), result=0x12345678)
    case("alu32", "mov_r10_low", "w1 = w10 takes the low half of the frame pointer (high half zero)", A,
         asm="w1 = w10\nr1 >>= 32\nr0 = 9\nr0 += r1\nexit", result=9)
    case("alu32", "add_self_zext", "w1 += 0 zero-extends the register", A,
         asm="r1 = %s\nw1 += 0\nr0 = r1\nr0 >>= 32\nr0 += 3\nexit" % lit(0x8000000080000000), result=3)

    # ------------------------------------------------------------------ divmod
    D = "§4.1 (Arithmetic Instructions: division and modulo)"
    Z = "the verifier rejects division by a constant zero (div by zero)"
    dm = [
        # 64-bit
        ("div64_reg", "DIV reg unsigned", "div", 1000, 7, 64, "reg", None),
        ("div64_reg_unsigned", "DIV reg treats operands as unsigned", "div", M64, 3, 64, "reg", None),
        ("div64_reg_highbit", "DIV reg 0x8000000000000000 / 2 is unsigned", "div", 1 << 63, 2, 64, "reg", None),
        ("div64_reg_big_divisor", "DIV reg by a divisor larger than the dividend", "div", 5, 0x100000000, 64, "reg", None),
        ("div64_reg_by_zero", "DIV reg by zero gives 0", "div", 0x1234, 0, 64, "reg", None),
        ("div64_imm", "DIV imm", "div", 100, 9, 64, "imm", None),
        ("div64_imm_neg1", "DIV imm -1 divides by 0xffffffffffffffff (imm sign-extended)", "div", M64, -1, 64, "imm", None),
        ("div64_imm_neg1_small", "DIV imm -1 of a small value is 0 (unsigned)", "div", 10, -1, 64, "imm", None),
        ("div64_imm_zero", "DIV imm 0 gives 0", "div", 0x1234, 0, 64, "imm", Z),
        ("mod64_reg", "MOD reg", "mod", 1000, 7, 64, "reg", None),
        ("mod64_reg_unsigned", "MOD reg is unsigned", "mod", 0xfffffffffffffff0, 7, 64, "reg", None),
        ("mod64_reg_by_zero", "MOD reg by zero leaves dst unchanged (all 64 bits)", "mod", 0xabcdef0123456789, 0, 64, "reg", None),
        ("mod64_imm_neg1", "MOD imm -1 is modulo 0xffffffffffffffff (imm sign-extended)", "mod", 10, -1, 64, "imm", None),
        ("mod64_imm", "MOD imm", "mod", 0x123456789, 0x1000, 64, "imm", None),
        ("mod64_imm_zero", "MOD imm 0 leaves dst unchanged", "mod", 0xabcdef0123456789, 0, 64, "imm", Z),
        ("sdiv64_reg", "SDIV reg truncates toward zero: -7 / 2 = -3", "sdiv", -7, 2, 64, "reg", None),
        ("sdiv64_reg_negneg", "SDIV reg -7 / -2 = 3", "sdiv", -7, -2, 64, "reg", None),
        ("sdiv64_reg_posneg", "SDIV reg 7 / -2 = -3", "sdiv", 7, -2, 64, "reg", None),
        ("sdiv64_reg_vs_div", "SDIV reg -1 / 2 = 0 (DIV would give 0x7fffffffffffffff)", "sdiv", -1, 2, 64, "reg", None),
        ("sdiv64_reg_intmin_neg1", "SDIV reg INT64_MIN / -1 = INT64_MIN", "sdiv", 1 << 63, -1, 64, "reg", None),
        ("sdiv64_imm_intmin_neg1", "SDIV imm INT64_MIN / -1 = INT64_MIN", "sdiv", 1 << 63, -1, 64, "imm", None),
        ("sdiv64_reg_by_zero", "SDIV reg by zero gives 0", "sdiv", -5, 0, 64, "reg", None),
        ("sdiv64_imm_by_zero", "SDIV imm by zero gives 0", "sdiv", -5, 0, 64, "imm", Z),
        ("sdiv64_imm_neg", "SDIV imm -100 / -7 = 14", "sdiv", -100, -7, 64, "imm", None),
        ("sdiv64_imm_intmin", "SDIV imm by INT32_MIN (sign-extended)", "sdiv", 1 << 63, -2147483648, 64, "imm", None),
        ("smod64_reg", "SMOD reg -7 % 2 = -1 (sign of the dividend)", "smod", -7, 2, 64, "reg", None),
        ("smod64_reg_posneg", "SMOD reg 7 % -2 = 1", "smod", 7, -2, 64, "reg", None),
        ("smod64_reg_negneg", "SMOD reg -7 % -2 = -1", "smod", -7, -2, 64, "reg", None),
        ("smod64_reg_intmin_neg1", "SMOD reg INT64_MIN % -1 = 0", "smod", 1 << 63, -1, 64, "reg", None),
        ("smod64_imm_intmin_neg1", "SMOD imm INT64_MIN % -1 = 0", "smod", 1 << 63, -1, 64, "imm", None),
        ("smod64_reg_by_zero", "SMOD reg by zero leaves dst unchanged", "smod", -5, 0, 64, "reg", None),
        ("smod64_imm_by_zero", "SMOD imm by zero leaves dst unchanged", "smod", -5, 0, 64, "imm", Z),
        ("smod64_imm", "SMOD imm -100 % 7 = -2", "smod", -100, 7, 64, "imm", None),
        ("div64_reg_max_by_max", "DIV reg 0xffffffffffffffff / itself = 1", "div", M64, M64, 64, "reg", None),
        ("sdiv64_reg_high_divisor", "SDIV reg -0x300000000 / 0x100000000 = -3", "sdiv", -0x300000000, 0x100000000, 64, "reg", None),
        ("smod64_reg_high_divisor", "SMOD reg -0x300000001 % 0x100000000 = -1", "smod", -0x300000001, 0x100000000, 64, "reg", None),
        ("smod64_reg_intmin_intmin", "SMOD reg INT64_MIN % INT64_MIN = 0", "smod", 1 << 63, 1 << 63, 64, "reg", None),
        ("sdiv64_reg_intmin_intmin", "SDIV reg INT64_MIN / INT64_MIN = 1", "sdiv", 1 << 63, 1 << 63, 64, "reg", None),
        # 32-bit
        ("div32_reg", "DIV32 reg uses the low halves only", "div", 0xffffffff00000064, 0x100000007, 32, "reg", None),
        ("div32_reg_unsigned", "DIV32 reg is unsigned", "div", 0xffffffff, 2, 32, "reg", None),
        ("div32_reg_high_divisor", "DIV32 reg by 0x100000000: the low half is 0, so the result is 0", "div", 0x64, 0x100000000, 32, "reg", None),
        ("div32_reg_by_zero", "DIV32 reg by zero gives 0 (high half cleared)", "div", 0xffffffffffffffff, 0, 32, "reg", None),
        ("div32_imm_neg1", "DIV32 imm -1 divides by 0xffffffff", "div", 0x12345678ffffffff, -1, 32, "imm", None),
        ("div32_imm", "DIV32 imm", "div", 0xaaaaaaaa00000100, 3, 32, "imm", None),
        ("div32_imm_zero", "DIV32 imm 0 gives 0", "div", 0xffffffffffffffff, 0, 32, "imm", Z),
        ("mod32_reg", "MOD32 reg with high garbage", "mod", 0x1234567800000064, 0xffffffff00000007, 32, "reg", None),
        ("mod32_reg_by_zero", "MOD32 reg by zero keeps the low half and zeroes the high half", "mod", 0xaaaaaaaa12345678, 0, 32, "reg", None),
        ("mod32_reg_high_divisor", "MOD32 reg by 0x500000000 is modulo zero", "mod", 0xaaaaaaaa12345678, 0x500000000, 32, "reg", None),
        ("mod32_imm", "MOD32 imm", "mod", 0xfffffffffffffff0, 7, 32, "imm", None),
        ("mod32_imm_zero", "MOD32 imm 0 keeps the low half and zeroes the high half", "mod", 0xaaaaaaaa12345678, 0, 32, "imm", Z),
        ("sdiv32_reg", "SDIV32 reg -7 / 2 = -3, zero-extended", "sdiv", 0xfffffff9, 2, 32, "reg", None),
        ("sdiv32_reg_high_garbage", "SDIV32 reg signs come from bit 31, not bit 63", "sdiv", 0x1fffffff9, 0x7fffffff00000002, 32, "reg", None),
        ("sdiv32_reg_intmin_neg1", "SDIV32 reg INT32_MIN / -1 = INT32_MIN", "sdiv", 0x80000000, 0xffffffff, 32, "reg", None),
        ("sdiv32_imm_intmin_neg1", "SDIV32 imm INT32_MIN / -1 = INT32_MIN", "sdiv", 0xffffffff80000000, -1, 32, "imm", None),
        ("sdiv32_reg_by_zero", "SDIV32 reg by zero gives 0", "sdiv", 0xffffffff80000000, 0xffffffff00000000, 32, "reg", None),
        ("sdiv32_imm_by_zero", "SDIV32 imm by zero gives 0", "sdiv", 0xfffffff9, 0, 32, "imm", Z),
        ("sdiv32_imm", "SDIV32 imm 100 / -3 = -33", "sdiv", 100, -3, 32, "imm", None),
        ("smod32_reg", "SMOD32 reg -7 % 2 = -1, zero-extended", "smod", 0xfffffff9, 2, 32, "reg", None),
        ("smod32_reg_intmin_neg1", "SMOD32 reg INT32_MIN % -1 = 0", "smod", 0x80000000, 0xffffffff, 32, "reg", None),
        ("smod32_imm_intmin_neg1", "SMOD32 imm INT32_MIN % -1 = 0", "smod", 0x1280000000, -1, 32, "imm", None),
        ("smod32_reg_by_zero", "SMOD32 reg by zero keeps the low half, zeroes the high half", "smod", 0x12345678fffffffb, 0, 32, "reg", None),
        ("smod32_imm_posneg", "SMOD32 imm 7 % -2 = 1", "smod", 7, -2, 32, "imm", None),
        ("smod32_imm_by_zero", "SMOD32 imm by zero keeps the low half", "smod", 0x12345678fffffffb, 0, 32, "imm", Z),
        ("mod32_imm_neg1", "MOD32 imm -1 is modulo 0xffffffff", "mod", 0x77777777fffffffe, -1, 32, "imm", None),
        ("sdiv32_reg_intmin_intmin", "SDIV32 reg INT32_MIN / INT32_MIN = 1", "sdiv", 0x80000000, 0x1280000000, 32, "reg", None),
        ("smod32_reg_negneg", "SMOD32 reg -7 % -2 = -1", "smod", 0xfffffff9, 0xfffffffe, 32, "reg", None),
    ]
    for name, what, op, a, b, bits, form, cannot in dm:
        binop("divmod", name, what, D, op, a & M64, b, bits, form, cannot=cannot)
    case("divmod", "div64_loop_digits", "DIV and MOD by 10 in a loop: sum of the decimal digits of 987654321", D,
         asm="""
         r1 = 987654321
         r0 = 0
         r3 = 0
         loop:
         r2 = r1
         r2 %= 10
         r0 += r2
         r1 /= 10
         r3 += 1
         if r3 > 20 goto out
         if r1 != 0 goto loop
         out:
         exit""", result=45)

    # ------------------------------------------------------------------ shift
    S = "§4.1 (Arithmetic Instructions: shift amounts masked to 63 / 31)"
    IMM = "the verifier rejects a shift by an immediate >= the operand width (invalid shift)"
    sh = [
        ("lsh64_imm_0", "LSH imm 0 leaves dst unchanged", "lsh", 0x8000000000000001, 0, 64, "imm", None),
        ("lsh64_imm_1", "LSH imm 1 drops bit 63", "lsh", 0x8000000000000001, 1, 64, "imm", None),
        ("lsh64_imm_63", "LSH imm 63", "lsh", 1, 63, 64, "imm", None),
        ("lsh64_imm_32", "LSH imm 32 moves the low half up", "lsh", 0x12345678, 32, 64, "imm", None),
        ("lsh64_imm_64", "LSH imm 64 is masked to 0", "lsh", 0x1234, 64, 64, "imm", IMM),
        ("lsh64_imm_68", "LSH imm 68 is masked to 4", "lsh", 1, 68, 64, "imm", IMM),
        ("lsh64_reg_64", "LSH reg by 64 is masked to 0", "lsh", 0x1234, 64, 64, "reg", None),
        ("lsh64_reg_65", "LSH reg by 65 is masked to 1", "lsh", 0x1234, 65, 64, "reg", None),
        ("lsh64_reg_neg1", "LSH reg by -1 is masked to 63", "lsh", 3, M64, 64, "reg", None),
        ("lsh64_reg_high_garbage", "LSH reg by 0xffffffff00000003 is masked to 3", "lsh", 1, 0xffffffff00000003, 64, "reg", None),
        ("rsh64_imm_63", "RSH imm 63 is logical", "rsh", 1 << 63, 63, 64, "imm", None),
        ("rsh64_imm_1_neg", "RSH imm 1 shifts zeros into bit 63", "rsh", M64, 1, 64, "imm", None),
        ("rsh64_imm_64", "RSH imm 64 is masked to 0", "rsh", 0x8000, 64, 64, "imm", IMM),
        ("rsh64_reg_64", "RSH reg by 64 is masked to 0", "rsh", 0xfedcba9876543210, 64, 64, "reg", None),
        ("rsh64_reg_127", "RSH reg by 127 is masked to 63", "rsh", M64, 127, 64, "reg", None),
        ("rsh64_reg_32", "RSH reg by 32 moves the high half down", "rsh", 0xfedcba9876543210, 32, 64, "reg", None),
        ("arsh64_imm_63_neg", "ARSH imm 63 of a negative value is all ones", "arsh", 1 << 63, 63, 64, "imm", None),
        ("arsh64_imm_63_pos", "ARSH imm 63 of a positive value is 0", "arsh", 0x7fffffffffffffff, 63, 64, "imm", None),
        ("arsh64_imm_4", "ARSH imm 4 keeps the sign", "arsh", 0xf000000000000000, 4, 64, "imm", None),
        ("arsh64_imm_64", "ARSH imm 64 is masked to 0", "arsh", 0x8000000000000000, 64, 64, "imm", IMM),
        ("arsh64_reg_64", "ARSH reg by 64 is masked to 0", "arsh", 0x8000000000000001, 64, 64, "reg", None),
        ("arsh64_reg_72", "ARSH reg by 72 is masked to 8", "arsh", 0x8000000000000000, 72, 64, "reg", None),
        ("arsh64_reg_neg", "ARSH reg -16 by 2 = -4", "arsh", (-16) & M64, 2, 64, "reg", None),
        ("arsh64_reg_neg1", "ARSH reg by -1 is masked to 63", "arsh", 0x8000000000000000, M64, 64, "reg", None),
        ("lsh32_imm_31", "LSH32 imm 31 sets bit 31 only, zero-extended", "lsh", 0xffffffff00000001, 31, 32, "imm", None),
        ("lsh32_imm_4_high", "LSH32 imm 4 does not carry into bit 32", "lsh", 0xf0000001, 4, 32, "imm", None),
        ("lsh32_imm_32", "LSH32 imm 32 is masked to 0 (high half cleared)", "lsh", 0xffffffff12345678, 32, 32, "imm", IMM),
        ("lsh32_imm_neg4", "LSH32 imm -4 is masked to 28", "lsh", 0x11, -4, 32, "imm", IMM),
        ("lsh32_reg_32", "LSH32 reg by 32 is masked to 0 (high half cleared)", "lsh", 0xffffffff12345678, 32, 32, "reg", None),
        ("lsh32_reg_33", "LSH32 reg by 33 is masked to 1", "lsh", 0x80000001, 33, 32, "reg", None),
        ("lsh32_reg_high_garbage", "LSH32 reg by 0x100000002 uses the low half: 2", "lsh", 1, 0x100000002, 32, "reg", None),
        ("rsh32_imm_4_high", "RSH32 imm 4 does not shift in the high half", "rsh", 0xffffffff80000000, 4, 32, "imm", None),
        ("rsh32_imm_31", "RSH32 imm 31", "rsh", 0x80000000, 31, 32, "imm", None),
        ("rsh32_imm_40", "RSH32 imm 40 is masked to 8", "rsh", M64, 40, 32, "imm", IMM),
        ("rsh32_reg_neg1", "RSH32 reg by -1 is masked to 31", "rsh", 0x80000000, M64, 32, "reg", None),
        ("rsh32_reg_32", "RSH32 reg by 32 is masked to 0", "rsh", 0xabcdef0187654321, 32, 32, "reg", None),
        ("arsh32_imm_4", "ARSH32 imm 4 extends bit 31, result zero-extended", "arsh", 0x80000000, 4, 32, "imm", None),
        ("arsh32_imm_31_neg", "ARSH32 imm 31 of a negative low half is 0xffffffff", "arsh", 0x80000000, 31, 32, "imm", None),
        ("arsh32_imm_4_high_garbage", "ARSH32 imm 4: the sign is bit 31, not bit 63", "arsh", 0xffffffff7ffffff0, 4, 32, "imm", None),
        ("arsh32_imm_32", "ARSH32 imm 32 is masked to 0", "arsh", 0xffffffff80000000, 32, 32, "imm", IMM),
        ("arsh32_reg_32", "ARSH32 reg by 32 is masked to 0", "arsh", 0x1234567880000000, 32, 32, "reg", None),
        ("arsh32_reg_neg1", "ARSH32 reg by -1 is masked to 31", "arsh", 0x80000000, M64, 32, "reg", None),
        ("arsh32_reg_35", "ARSH32 reg by 35 is masked to 3", "arsh", 0xf0000000, 35, 32, "reg", None),
        ("lsh64_reg_0", "LSH reg by 0 leaves dst unchanged", "lsh", 0x8000000000000001, 0, 64, "reg", None),
        ("arsh32_reg_0_high_garbage", "ARSH32 reg by 0 still clears the high half", "arsh", 0xffffffff80000001, 0, 32, "reg", None),
        ("rsh32_reg_0_high_garbage", "RSH32 reg by 0 still clears the high half", "rsh", 0xffffffff80000001, 0, 32, "reg", None),
    ]
    for name, what, op, a, b, bits, form, cannot in sh:
        binop("shift", name, what, S, op, a, b, bits, form, cannot=cannot)

    # ------------------------------------------------------------------ swap
    W = "§4.2 (Byte Swap Instructions)"
    v = 0x1122334455667788
    for kind, fn in (("le", g.le), ("be", g.swap), ("bswap", g.swap)):
        for width in (16, 32, 64):
            case("swap", "%s%d" % (kind, width), "%s%d of 0x%x%s" % (kind, width, v,
                 "" if width == 64 else ": the bits above %d are cleared" % width), W,
                 asm="r0 = %s\nr0 = %s%d r0\nexit" % (lit(v), kind, width), result=fn(v, width))
    for kind, fn in (("be", g.swap), ("bswap", g.swap)):
        for width, val in ((16, 0xffffffffffff0080), (32, 0xffffffff000000ff), (64, 0x80)):
            case("swap", "%s%d_no_sign" % (kind, width), "%s%d of 0x%x: no sign extension, high garbage dropped"
                 % (kind, width, val), W, asm="r0 = %s\nr0 = %s%d r0\nexit" % (lit(val), kind, width),
                 result=fn(val, width))
    case("swap", "le16_allones", "le16 of all ones is 0xffff", W, asm="r0 = -1\nr0 = le16 r0\nexit", result=0xffff)
    case("swap", "le32_allones", "le32 of all ones is 0xffffffff", W, asm="r0 = -1\nr0 = le32 r0\nexit", result=0xffffffff)
    case("swap", "be64_twice", "be64 twice is the identity", W,
         asm="r0 = %s\nr0 = be64 r0\nr0 = be64 r0\nexit" % lit(0x0102030405060708), result=0x0102030405060708)
    case("swap", "bswap32_other_reg", "bswap32 on r5 leaves other registers alone", W,
         asm="r0 = 0x11 ll\nr5 = %s\nr5 = bswap32 r5\nr0 += r5\nexit" % lit(0xdeadbeef01020304),
         result=0x11 + 0x04030201)
    case("swap", "be16_of_loaded_port", "be16 of a 16-bit network-order load from memory", W,
         asm="r0 = *(u16 *)(r1 + 2)\nr0 = be16 r0\nexit", mem=bytes([0, 0, 0x1f, 0x90]), result=0x1f90)

    # ------------------------------------------------------------------ movsx
    X = "§4.1 (Arithmetic Instructions: MOVSX)"
    for bits, vals in ((8, (0x7f, 0x80, 0x123456789abcde80, 0xffffffffffffff01)),
                       (16, (0x7fff, 0x8000, 0xaaaaaaaaaaaa8001)),
                       (32, (0x7fffffff, 0x80000000, 0x17fffffff, 0xffffffff))):
        for i, val in enumerate(vals):
            case("movsx", "movsx%d_64_%d" % (bits, i), "r0 = (s%d)r1 with r1 = 0x%x: sign-extends bit %d to 64 bits"
                 % (bits, val, bits - 1), X, asm="r1 = %s\nr0 = (s%d)r1\nexit" % (lit(val), bits),
                 result=g.sx(val, bits))
    for bits, vals in ((8, (0x7f, 0x80, 0x123456789abcdeff)), (16, (0x7fff, 0x8000, 0xffffffff00018000))):
        for i, val in enumerate(vals):
            case("movsx", "movsx%d_32_%d" % (bits, i), "w0 = (s%d)w1 with r1 = 0x%x: sign-extends to 32 bits, then zero-extends"
                 % (bits, val), X, asm="r0 = -1\nr1 = %s\nw0 = (s%d)w1\nexit" % (lit(val), bits),
                 result=g.sx(val, bits) & M32)
    case("movsx", "movsx8_same_reg", "r1 = (s8)r1 in place", X,
         asm="r1 = 0xf0 ll\nr1 = (s8)r1\nr0 = r1\nexit", result=g.sx(0xf0, 8))

    # ------------------------------------------------------------------ lddw
    L = "§5.4 (64-bit Immediate Instructions)"
    for name, val in (("lddw_mixed", 0x1122334455667788), ("lddw_allones", M64),
                      ("lddw_low_sign", 0x80000000), ("lddw_high_bit", 1 << 63),
                      ("lddw_high_only", 0xffffffff00000000), ("lddw_low_neg", 0x00000001ffffffff)):
        case("lddw", name, "lddw 0x%x: the two imm halves form the value, no sign extension" % val, L,
             asm="r0 = %s\nexit" % lit(val), result=val)
    case("lddw", "lddw_all_regs", "lddw into r1-r9, then summed into r0", L,
         asm="\n".join("r%d = %s" % (i, lit(i << 40 | i)) for i in range(1, 10)) + "\nr0 = 0\n" +
             "\n".join("r0 += r%d" % i for i in range(1, 10)) + "\nexit",
         result=sum(i << 40 | i for i in range(1, 10)))
    case("lddw", "lddw_jump_over", "A jump over an lddw counts its two slots", L,
         asm="r0 = 1\nr1 = 0\nif r1 == 1 goto +1\ngoto +2\nr0 = 0x1111111122222222 ll\nr0 += 5\nexit", result=6,
         note="the never-taken branch keeps the skipped lddw reachable for the kernel's CFG check")
    case("lddw", "lddw_jump_back_over", "A backward jump over an lddw counts its two slots", L,
         asm="r0 = 0\nr1 = 0\nloop:\nr0 += 1\nr2 = 0x100000000 ll\nr1 += r2\nif r0 < 3 goto loop\nr0 = r1\nexit",
         result=0x300000000)
    case("lddw", "lddw_overwrite", "lddw replaces all 64 bits of a register", L,
         asm="r0 = -1\nr0 = 0x5 ll\nexit", result=5)
