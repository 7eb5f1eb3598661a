#!/usr/bin/env python3
"""Run bpf4j .data cases on the real Linux kernel and compare r0 (and memory).

Usage (as root, needs llvm-mc-19 and llvm-objcopy-19):
    python3 testdata/tools/kernel_check.py testdata/corpus [FILE_OR_DIR ...] [-v]

Each case is assembled with llvm-mc-19 (-- asm) or read from -- raw, then run with
BPF_PROG_TEST_RUN:
  * ordinary cases run as XDP: a prologue proves the packet holds the case's memory,
    sets r1 = data (0 without memory), r2 = length, calls the case as a bpf-to-bpf
    subprogram and stores its full 64-bit r0 in an array map (direct map value access);
  * cases using LD_ABS/LD_IND run as SCHED_CLS (skb data starts at the Ethernet
    header; r6 = ctx as the kernel requires), inlined with every exit turned into a
    jump to an epilogue that stores r0; a packet access out of bounds ends the program
    before the epilogue, leaving the map at 0.
Packets shorter than 14 bytes are padded with zeros (r2 stays the original length).
Cases marked "# kernel: cannot run: <reason>" are loaded anyway and must be rejected.
Throwaway tooling: the Java tests never need it (or clang/llvm).
"""
import ctypes, os, re, struct, subprocess, sys, tempfile

SYS_BPF = 321
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long

def bpf(cmd, attr):
    buf = ctypes.create_string_buffer(bytes(attr), len(attr))
    r = libc.syscall(SYS_BPF, cmd, buf, len(attr))
    if r < 0:
        return -ctypes.get_errno(), buf.raw
    return r, buf.raw

def map_create():
    attr = bytearray(128)
    struct.pack_into("<IIII", attr, 0, 2, 4, 8, 1)  # BPF_MAP_TYPE_ARRAY, key 4, value 8, 1 entry
    fd, _ = bpf(0, attr)
    if fd < 0:
        raise OSError(-fd, "BPF_MAP_CREATE")
    return fd

def map_lookup(fd):
    key = ctypes.create_string_buffer(4)
    val = ctypes.create_string_buffer(8)
    attr = bytearray(128)
    struct.pack_into("<IIQQ", attr, 0, fd, 0, ctypes.addressof(key), ctypes.addressof(val))
    r, _ = bpf(1, attr)
    if r < 0:
        raise OSError(-r, "BPF_MAP_LOOKUP_ELEM")
    return struct.unpack("<Q", val.raw)[0]

def prog_load(ptype, insns):
    log = ctypes.create_string_buffer(1 << 20)
    code = ctypes.create_string_buffer(insns, len(insns))
    lic = ctypes.create_string_buffer(b"GPL")
    attr = bytearray(160)
    struct.pack_into("<IIQQIIQ", attr, 0, ptype, len(insns) // 8, ctypes.addressof(code),
                     ctypes.addressof(lic), 1, len(log), ctypes.addressof(log))
    fd, _ = bpf(5, attr)
    if fd < 0:
        return None, log.value.decode(errors="replace")
    return fd, None

def test_run(fd, data):
    din = ctypes.create_string_buffer(data, len(data))
    dout = ctypes.create_string_buffer(len(data) + 512)
    attr = bytearray(128)
    struct.pack_into("<IIIIQQII", attr, 0, fd, 0, len(data), len(dout),
                     ctypes.addressof(din), ctypes.addressof(dout), 1, 0)
    r, out = bpf(10, attr)
    if r < 0:
        raise OSError(-r, "BPF_PROG_TEST_RUN")
    retval, = struct.unpack_from("<I", out, 4)
    size_out, = struct.unpack_from("<I", out, 12)
    return retval, dout.raw[:size_out]

def insn(op, dst=0, src=0, off=0, imm=0):
    return struct.pack("<BBhi", op, (src << 4) | dst, off, imm)

def lddw_map_value(dst, fd):
    return insn(0x18, dst, 2, 0, fd) + insn(0, 0, 0, 0, 0)

# ---------------------------------------------------------------- .data parsing
def parse(path):
    sections, cur = {}, None
    for line in open(path):
        s = line.rstrip("\n")
        if s.startswith("-- "):
            cur = s[3:].strip()
            sections[cur] = []
            continue
        if cur is not None:
            sections[cur].append(s)
    return sections

def strip_comment(s):
    return s.split("#", 1)[0].strip()

def hexbytes(lines):
    text = " ".join(strip_comment(l) for l in lines)
    text = text.replace(",", " ").replace("0x", " ")
    return bytes(int(t, 16) for t in text.split())

def assemble(lines):
    src = "\n".join(strip_comment(l) for l in lines) + "\n"
    with tempfile.TemporaryDirectory() as d:
        s, o, b = os.path.join(d, "c.s"), os.path.join(d, "c.o"), os.path.join(d, "c.bin")
        open(s, "w").write(src)
        p = subprocess.run(["llvm-mc-19", "-triple", "bpfel", "-mcpu=v4", "-filetype=obj", s, "-o", o],
                           capture_output=True, text=True)
        if p.returncode:
            raise ValueError("llvm-mc: " + p.stderr.strip())
        subprocess.run(["llvm-objcopy-19", "-O", "binary", "--only-section=.text", o, b], check=True)
        return open(b, "rb").read()

def raw(lines):
    out = b""
    for l in lines:
        t = strip_comment(l)
        if not t:
            continue
        if t.lower().startswith("0x") and len(t.split()) == 1:
            out += struct.pack("<Q", int(t, 16))
        else:
            out += bytes(int(x, 16) for x in t.replace("0x", "").split())
    return out

def parse_int(lines):
    t = " ".join(strip_comment(l) for l in lines).strip()
    v = int(t, 0)
    return v & (2**64 - 1)

# ---------------------------------------------------------------- program building
def opcodes(code):
    """The opcode of every instruction, the second slot of each lddw skipped."""
    i = 0
    while i < len(code):
        yield code[i]
        i += 16 if code[i] == 0x18 else 8

def uses_ld_pkt(code):
    return any(op in (0x20, 0x28, 0x30, 0x40, 0x48, 0x50) for op in opcodes(code))

def build_xdp(code, n, has_mem, mfd):
    p = b""
    p += insn(0x61, 2, 1, 0)          # r2 = *(u32 *)(r1 + 0)  data
    p += insn(0x61, 3, 1, 4)          # r3 = *(u32 *)(r1 + 4)  data_end
    p += insn(0xbf, 4, 2)             # r4 = r2
    p += insn(0x07, 4, 0, 0, n)       # r4 += n
    p += insn(0x2d, 4, 3, 6)          # if r4 > r3 goto out
    p += insn(0xbf, 1, 2) if has_mem else insn(0xb7, 1, 0, 0, 0)
    p += insn(0xb7, 2, 0, 0, n)       # r2 = n
    p += insn(0x85, 0, 1, 0, 5)       # call case (pc + 1 + 5 = after this block)
    p += lddw_map_value(1, mfd)       # r1 = &value
    p += insn(0x7b, 1, 0, 0)          # *(u64 *)(r1 + 0) = r0
    p += insn(0xb7, 0, 0, 0, 2)       # out: r0 = XDP_PASS
    p += insn(0x95)
    return p + code

def build_skb(code, n, mfd):
    slots = len(code) // 8
    body = bytearray(code)
    i = 0
    while i < slots:
        op = body[i * 8]
        if op == 0x95:                               # exit -> goto epilogue
            body[i * 8:i * 8 + 8] = insn(0x05, 0, 0, slots - i - 1)
        elif op in (0x85, 0x8d) and (body[i * 8 + 1] >> 4) == 1:
            raise ValueError("packet cases cannot use bpf-to-bpf calls")
        i += 2 if op == 0x18 else 1
    pre = b""
    pre += insn(0xbf, 6, 1)           # r6 = ctx (LD_ABS needs it)
    pre += insn(0x61, 2, 6, 76)       # r2 = skb->data
    pre += insn(0x61, 3, 6, 80)       # r3 = skb->data_end
    pre += insn(0xbf, 4, 2)
    pre += insn(0x07, 4, 0, 0, n)
    pre += insn(0x2d, 4, 3, slots + 2 + 3)  # if r4 > r3 goto out (skip case + epilogue)
    pre += insn(0xbf, 1, 2)
    pre += insn(0xb7, 2, 0, 0, n)
    epi = lddw_map_value(1, mfd) + insn(0x7b, 1, 0, 0)
    out = insn(0xb7, 0, 0, 0, 0) + insn(0x95)
    return pre + bytes(body) + epi + out

def run_case(path, verbose=False):
    sec = parse(path)
    text = open(path).read()
    cannot = re.search(r"#\s*kernel:\s*cannot run:\s*(.*)", text)
    if "asm" in sec:
        code = assemble(sec["asm"])
    elif "raw" in sec:
        code = raw(sec["raw"])
    else:
        return "FAIL", "no program"
    mem = hexbytes(sec["mem"]) if "mem" in sec else b""
    n = len(mem)
    pkt = mem + bytes(max(0, 14 - n))
    mfd = map_create()
    try:
        skb = uses_ld_pkt(code)
        if skb:
            # skb test runs need the whole L3 header the Ethernet type announces;
            # padding would move the packet's end, so packet cases must be long enough
            et = mem[12:14]
            need = 34 if et == b"\x08\x00" else 54 if et == b"\x86\xdd" else 14
            if n < need:
                return "FAIL", "packet case needs at least %d bytes for an skb test run" % need
        prog = build_skb(code, n, mfd) if skb else build_xdp(code, n, bool(mem), mfd)
        fd, log = prog_load(3 if skb else 6, prog)   # SCHED_CLS or XDP
        if fd is None:
            last = [l for l in log.strip().splitlines() if l.strip()][-2:]
            if cannot:
                return "SKIP", "rejected as stated (%s): %s" % (cannot.group(1).strip(), " | ".join(last))
            return "FAIL", "kernel rejected: " + " | ".join(last)
        if cannot:
            os.close(fd)
            return "FAIL", "marked cannot run, but the kernel accepted it"
        try:
            retval, out = test_run(fd, pkt)
        finally:
            os.close(fd)
        r0 = map_lookup(mfd)
    finally:
        os.close(mfd)
    msgs = []
    if "result" in sec:
        want = parse_int(sec["result"])
        if want != r0:
            msgs.append("r0 0x%x, expected 0x%x" % (r0, want))
    elif "error" not in sec:
        msgs.append("no -- result")
    if "mem-after" in sec:
        want = hexbytes(sec["mem-after"])
        if out[:len(want)] != want:
            msgs.append("mem-after %s, expected %s" % (out[:n].hex(" "), want.hex(" ")))
    if msgs:
        return "FAIL", "; ".join(msgs)
    return "PASS", "r0 0x%x" % r0

def main(args):
    verbose = "-v" in args
    paths = [a for a in args if a != "-v"] or ["testdata/corpus"]
    files = []
    for p in paths:
        if os.path.isdir(p):
            for d, _, fs in os.walk(p):
                files += [os.path.join(d, f) for f in fs if f.endswith(".data")]
        else:
            files.append(p)
    counts = {"PASS": 0, "FAIL": 0, "SKIP": 0}
    for f in sorted(files):
        try:
            status, msg = run_case(f, verbose)
        except Exception as e:  # throwaway tool: report and go on
            status, msg = "FAIL", str(e)
        counts[status] += 1
        if status != "PASS" or verbose:
            print("%s %s: %s" % (status, f, msg))
    print("%d passed, %d failed, %d cannot run (rejected as stated)" % (counts["PASS"], counts["FAIL"], counts["SKIP"]))
    return 1 if counts["FAIL"] else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
