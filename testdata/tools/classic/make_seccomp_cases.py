#!/usr/bin/env python3
"""Writes seccomp filters (tcpdump -ddd form) and the calls seccomp_run.c makes with each:
OUTDIR/NAME.ddd and OUTDIR/calls.txt (NAME NR ARG0 ARG1 per line). Every filter lets write(1)
and exit_group(231) through so the child can report; getpid is 39, getppid 110 on x86-64.
Usage: make_seccomp_cases.py OUTDIR"""
import os
import sys

ALLOW, ERRNO, TRAP, KILL_PROCESS, KILL_THREAD, TRACE, LOG, USER_NOTIF = (
    0x7fff0000, 0x00050000, 0x00030000, 0x80000000, 0x00000000, 0x7ff00000, 0x7ffc0000, 0x7fc00000)
AUDIT_ARCH_X86_64 = 0xc000003e

def prologue():
    """Check the architecture, pass write and exit_group; leaves nr in A. 7 instructions."""
    return [
        (0x20, 0, 0, 4), (0x15, 1, 0, AUDIT_ARCH_X86_64), (0x06, 0, 0, KILL_PROCESS),
        (0x20, 0, 0, 0), (0x15, 1, 0, 1), (0x15, 0, 1, 231), (0x06, 0, 0, ALLOW),
    ]

def ret(value):
    return [(0x06, 0, 0, value)]

cases = {
    # The action for getpid, fixed.
    "errno-1": (prologue() + ret(ERRNO | 1), [(39, 0, 0)]),
    "errno-capped": (prologue() + ret(ERRNO | 0xffff), [(39, 0, 0)]),
    "allow": (prologue() + ret(ALLOW), [(39, 0, 0)]),
    "log": (prologue() + ret(LOG), [(39, 0, 0)]),
    "trace-no-tracer": (prologue() + ret(TRACE | 7), [(39, 0, 0)]),
    "user-notif-no-listener": (prologue() + ret(USER_NOTIF), [(39, 0, 0)]),
    "trap": (prologue() + ret(TRAP | 5), [(39, 0, 0)]),
    "kill-process": (prologue() + ret(KILL_PROCESS), [(39, 0, 0)]),
    "kill-thread": (prologue() + ret(KILL_THREAD), [(39, 0, 0)]),
    "unknown-action": (prologue() + ret(0x12340000), [(39, 0, 0)]),
    # Per syscall number: getpid errno 11, getppid allowed, others errno 22.
    "by-number": (prologue() + [(0x15, 0, 1, 39), (0x06, 0, 0, ERRNO | 11), (0x15, 0, 1, 110), (0x06, 0, 0, ALLOW),
                                (0x06, 0, 0, ERRNO | 22)], [(39, 0, 0), (110, 0, 0), (102, 0, 0)]),
    # errno = low byte of args[0] (offset 16, little-endian low word) + 1.
    "errno-from-arg0": (prologue() + [(0x20, 0, 0, 16), (0x54, 0, 0, 0xff), (0x04, 0, 0, 1), (0x44, 0, 0, ERRNO),
                                      (0x16, 0, 0, 0)], [(39, 0, 0), (39, 41, 0), (39, 0x1234567800000005, 0)]),
    # args[0] high word (offset 20) and args[1] low word (offset 24) compared.
    "arg-words": (prologue() + [(0x20, 0, 0, 20), (0x15, 0, 3, 0x12345678), (0x20, 0, 0, 24),
                                (0x15, 0, 1, 0xdeadbeef), (0x06, 0, 0, ERRNO | 33), (0x06, 0, 0, ERRNO | 44)],
                  [(39, 0x1234567800000000, 0xdeadbeef), (39, 0x1234567800000000, 0xbeef), (39, 0x78, 0xdeadbeef)]),
    # Arithmetic on nr with X, scratch memory, len (64), jset.
    "arithmetic": (prologue() + [(0x07, 0, 0, 0), (0x80, 0, 0, 0), (0x1c, 0, 0, 0), (0x02, 0, 0, 5),
                                 (0x61, 0, 0, 5), (0x87, 0, 0, 0), (0x45, 0, 1, 0x8), (0x06, 0, 0, ERRNO | 3),
                                 (0x54, 0, 0, 0x3f), (0xa4, 0, 0, 0x0f), (0x44, 0, 0, ERRNO), (0x16, 0, 0, 0)],
                   [(39, 0, 0), (110, 0, 0), (102, 0, 0)]),
}

outdir = sys.argv[1]
os.makedirs(outdir, exist_ok=True)
with open(os.path.join(outdir, "calls.txt"), "w") as calls:
    for name, (insns, runs) in cases.items():
        with open(os.path.join(outdir, name + ".ddd"), "w") as f:
            f.write("%d\n" % len(insns))
            for code, jt, jf, k in insns:
                f.write("%d %d %d %d\n" % (code, jt, jf, k))
        for nr, a0, a1 in runs:
            calls.write("%s %d %d %d\n" % (name, nr, a0, a1))
