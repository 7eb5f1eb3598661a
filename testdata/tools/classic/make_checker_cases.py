#!/usr/bin/env python3
"""Writes checker cases (tcpdump -ddd form) to OUTDIR: programs the kernel's classic checker
(socket filters) and seccomp's checker may accept or reject. classic_accept.c records the
kernel's verdicts. Usage: make_checker_cases.py OUTDIR"""
import os
import sys

RET_ALLOW = (0x06, 0, 0, 0x7fff0000)
LD_NR = (0x20, 0, 0, 0)

cases = {
    "ok-minimal": [(0x06, 0, 0, 0)],
    "ok-ret-a": [(0x00, 0, 0, 0x7fff0000), (0x16, 0, 0, 0)],
    "ok-every-alu": [LD_NR] + [(0x04 | op, 0, 0, 3) for op in (0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0xa0)]
        + [(0x01, 0, 0, 2)] + [(0x0c | op, 0, 0, 0) for op in (0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0xa0)]
        + [(0x84, 0, 0, 0), (0x07, 0, 0, 0), (0x87, 0, 0, 0), RET_ALLOW],
    "ok-mod": [LD_NR, (0x94, 0, 0, 3), (0x9c, 0, 0, 0), RET_ALLOW],
    "ok-jumps": [LD_NR, (0x15, 0, 1, 1), (0x05, 0, 0, 1), (0x25, 1, 0, 5), (0x35, 0, 0, 5), (0x45, 0, 0, 1),
                 (0x1d, 0, 0, 0), (0x2d, 0, 0, 0), (0x3d, 0, 0, 0), (0x4d, 0, 0, 0), RET_ALLOW],
    "ok-scratch": [(0x00, 0, 0, 1), (0x02, 0, 0, 0), (0x03, 0, 0, 15), (0x60, 0, 0, 0), (0x61, 0, 0, 15), RET_ALLOW],
    "ok-len": [(0x80, 0, 0, 0), (0x81, 0, 0, 0), RET_ALLOW],
    "ok-seccomp-args": [(0x20, 0, 0, 4), (0x20, 0, 0, 8), (0x20, 0, 0, 16), (0x20, 0, 0, 60), RET_ALLOW],
    "ok-packet-loads": [(0x28, 0, 0, 12), (0x30, 0, 0, 23), (0x40, 0, 0, 0), (0x48, 0, 0, 2), (0x50, 0, 0, 1),
                        (0xb1, 0, 0, 14), RET_ALLOW],
    "ok-ancillary": [(0x20, 0, 0, (0xfffff000 + off) & 0xffffffff) for off in range(0, 64, 4)] + [RET_ALLOW],
    "ok-ancillary-half": [(0x28, 0, 0, 0xfffff000), (0x30, 0, 0, 0xfffff030), RET_ALLOW],
    "ok-net-ll-offsets": [(0x20, 0, 0, 0xfff00000), (0x28, 0, 0, 0xffe00006), RET_ALLOW],
    "ok-max-length": [(0x00, 0, 0, 0)] * 4095 + [RET_ALLOW],
    "ok-ja-to-last": [(0x05, 0, 0, 1), (0x00, 0, 0, 0), RET_ALLOW],
    "ok-jump-255": [(0x15, 255, 255, 0)] + [(0x00, 0, 0, 0)] * 255 + [RET_ALLOW],
    "ok-unreachable-load": [(0x05, 0, 0, 1), (0x60, 0, 0, 3), RET_ALLOW],
    "bad-too-long": [(0x00, 0, 0, 0)] * 4096 + [RET_ALLOW],
    "bad-no-ret": [LD_NR],
    "bad-ends-with-jump": [(0x15, 0, 0, 0), (0x06, 0, 0, 0), (0x05, 0, 0, 0)],
    "bad-ja-past-end": [(0x05, 0, 0, 1), RET_ALLOW],
    "bad-ja-backward": [(0x00, 0, 0, 0), (0x05, 0, 0, 0xffffffff), RET_ALLOW],
    "bad-jt-past-end": [LD_NR, (0x15, 1, 0, 0), RET_ALLOW],
    "bad-jf-past-end": [LD_NR, (0x15, 0, 2, 0), RET_ALLOW],
    "bad-scratch-16-st": [(0x02, 0, 0, 16), RET_ALLOW],
    "bad-scratch-16-ld": [(0x00, 0, 0, 0), (0x02, 0, 0, 0), (0x60, 0, 0, 16), RET_ALLOW],
    "bad-scratch-huge-ldx": [(0x61, 0, 0, 0xffffffff), RET_ALLOW],
    "bad-div-zero": [LD_NR, (0x34, 0, 0, 0), RET_ALLOW],
    "bad-mod-zero": [LD_NR, (0x94, 0, 0, 0), RET_ALLOW],
    "bad-lsh-32": [LD_NR, (0x64, 0, 0, 32), RET_ALLOW],
    "bad-rsh-huge": [LD_NR, (0x74, 0, 0, 0xffffffff), RET_ALLOW],
    "ok-lsh-31": [LD_NR, (0x64, 0, 0, 31), RET_ALLOW],
    "bad-opcode-ret-x": [(0x0e, 0, 0, 0)],
    "bad-opcode-neg-x": [LD_NR, (0x8c, 0, 0, 0), RET_ALLOW],
    "bad-opcode-ld-h-imm": [(0x08, 0, 0, 1), RET_ALLOW],
    "bad-opcode-ldx-abs": [(0x21, 0, 0, 0), RET_ALLOW],
    "bad-opcode-jmp-ja-x": [(0x0d, 0, 0, 0), RET_ALLOW],
    "bad-opcode-misc": [(0x17, 0, 0, 0), RET_ALLOW],
    "bad-opcode-wide": [(0x106, 0, 0, 0)],
    "bad-opcode-ld-dw": [(0x38, 0, 0, 0), RET_ALLOW],
    "bad-opcode-ld-w-mem-size": [(0x68, 0, 0, 0), RET_ALLOW],
    "bad-unknown-ancillary": [(0x20, 0, 0, 0xfffff040), RET_ALLOW],
    "bad-unaligned-ancillary": [(0x20, 0, 0, 0xfffff001), RET_ALLOW],
    "bad-ancillary-minus-4": [(0x20, 0, 0, 0xfffffffc), RET_ALLOW],
    "bad-load-before-store": [(0x60, 0, 0, 3), RET_ALLOW],
    "bad-load-before-store-on-a-path": [LD_NR, (0x15, 0, 1, 0), (0x02, 0, 0, 3), (0x60, 0, 0, 3), RET_ALLOW],
    "ok-store-on-both-paths": [LD_NR, (0x15, 0, 2, 0), (0x02, 0, 0, 3), (0x05, 0, 0, 1), (0x03, 0, 0, 3),
                               (0x60, 0, 0, 3), RET_ALLOW],
    "seccomp-bad-misaligned": [(0x20, 0, 0, 2), RET_ALLOW],
    "seccomp-bad-past-data": [(0x20, 0, 0, 64), RET_ALLOW],
    "seccomp-bad-ldh": [(0x28, 0, 0, 0), RET_ALLOW],
    "seccomp-bad-ind": [(0x40, 0, 0, 0), RET_ALLOW],
    "seccomp-bad-msh": [(0xb1, 0, 0, 0), RET_ALLOW],
}

outdir = sys.argv[1]
os.makedirs(outdir, exist_ok=True)
for name, insns in cases.items():
    with open(os.path.join(outdir, name + ".ddd"), "w") as f:
        f.write("%d\n" % len(insns))
        for code, jt, jf, k in insns:
            f.write("%d %d %d %d\n" % (code, jt, jf, k))
