#!/usr/bin/env python3
"""Writes testdata/corpus/ebpf/<group>/<name>.data from the case list below.

Every expected value is computed here from RFC 9669's definitions (the small functions
under "RFC 9669 semantics"), never from bpf4j; kernel_check.py then confirms each case
that the kernel can run. Run from the repository root:
    python3 testdata/tools/gen_corpus.py && python3 testdata/tools/kernel_check.py testdata/corpus
"""
import os, shutil, struct, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus", "ebpf")
M64, M32 = (1 << 64) - 1, (1 << 32) - 1

# ---------------------------------------------------------------- RFC 9669 semantics
def sx(v, bits):
    """SignExtension(bits) of RFC 9669 §2.2, as an unsigned 64-bit value."""
    v &= (1 << bits) - 1
    if v >> (bits - 1):
        v -= 1 << bits
    return v & M64

def signed(v, bits):
    v &= (1 << bits) - 1
    return v - (1 << bits) if v >> (bits - 1) else v

def tdiv(a, b):  # C-style truncating division of Python ints
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q

def alu(op, a, b, bits):
    """§4.1: dst = dst op src; for 32-bit ops both operands are the low halves and the
    result is zero-extended; shifts mask the amount to 63 / 31; x/0 = 0, x%0 = x."""
    m = M64 if bits == 64 else M32
    a &= m
    b &= m
    if op == "add": r = a + b
    elif op == "sub": r = a - b
    elif op == "mul": r = a * b
    elif op == "div": r = 0 if b == 0 else a // b
    elif op == "mod": r = a if b == 0 else a % b
    elif op == "sdiv":
        r = 0 if b == 0 else tdiv(signed(a, bits), signed(b, bits))
    elif op == "smod":
        sa, sb = signed(a, bits), signed(b, bits)
        r = a if b == 0 else sa - tdiv(sa, sb) * sb
    elif op == "or": r = a | b
    elif op == "and": r = a & b
    elif op == "xor": r = a ^ b
    elif op == "lsh": r = a << (b & (bits - 1))
    elif op == "rsh": r = a >> (b & (bits - 1))
    elif op == "arsh": r = signed(a, bits) >> (b & (bits - 1))
    elif op == "mov": r = b
    elif op == "neg": r = -a
    else: raise ValueError(op)
    return r & m

def swap(v, width):
    return int.from_bytes((v & ((1 << width) - 1)).to_bytes(width // 8, "little"), "big")

def le(v, width):  # on a little-endian machine: truncate
    return v & ((1 << width) - 1)

ASM_OP = {"add": "+=", "sub": "-=", "mul": "*=", "div": "/=", "mod": "%=", "sdiv": "s/=",
          "smod": "s%=", "or": "|=", "and": "&=", "xor": "^=", "lsh": "<<=", "rsh": ">>=",
          "arsh": "s>>=", "mov": "="}

# ---------------------------------------------------------------- output
CASES = []

def case(group, name, what, rfc, asm=None, result=None, mem=None, mem_after=None,
         cannot=None, raw=None, note=None):
    CASES.append(dict(group=group, name=name, what=what, rfc=rfc, asm=asm, result=result,
                      mem=mem, mem_after=mem_after, cannot=cannot, raw=raw, note=note))

def hexs(b):
    b = bytes(b)
    return "\n".join(" ".join("%02x" % x for x in b[i:i + 16]) for i in range(0, len(b), 16))

def lit(v):
    """A 64-bit constant as an lddw operand."""
    return "0x%x ll" % (v & M64)

def dedent(s):
    lines = [l.rstrip() for l in s.strip("\n").split("\n")]
    ind = min((len(l) - len(l.lstrip()) for l in lines if l.strip()), default=0)
    return "\n".join(l[ind:] for l in lines)

def write_all():
    if os.path.isdir(ROOT):
        shutil.rmtree(ROOT)
    seen = set()
    for c in CASES:
        key = (c["group"], c["name"])
        assert key not in seen, key
        seen.add(key)
        d = os.path.join(ROOT, c["group"])
        os.makedirs(d, exist_ok=True)
        out = ["# " + line for line in c["what"].split("\n")]
        out.append(("# RFC 9669 " if c["rfc"].startswith("§") else "# ") + c["rfc"])
        if c["note"]:
            out += ["# " + line for line in c["note"].split("\n")]
        if c["cannot"]:
            out.append("# kernel: cannot run: " + c["cannot"])
        if c["asm"] is not None:
            out += ["-- asm", dedent(c["asm"])]
        if c["raw"] is not None:
            out += ["-- raw", dedent(c["raw"])]
        if c["mem"] is not None:
            out += ["-- mem", hexs(c["mem"])]
        out += ["-- result", "0x%x" % (c["result"] & M64)]
        if c["mem_after"] is not None:
            out += ["-- mem-after", hexs(c["mem_after"])]
        with open(os.path.join(d, c["name"] + ".data"), "w") as f:
            f.write("\n".join(out) + "\n")
    print("%d cases written under %s" % (len(CASES), os.path.relpath(ROOT)))

def slot(op, dst=0, src=0, off=0, imm=0):
    return "0x%016x" % struct.unpack("<Q", struct.pack("<BBhi", op, (src << 4) | dst, off, imm))[0]

import cases_alu, cases_more  # noqa: E402  (the case lists, split by topic)

if __name__ == "__main__":
    cases_alu.define(sys.modules[__name__])
    cases_more.define(sys.modules[__name__])
    write_all()
