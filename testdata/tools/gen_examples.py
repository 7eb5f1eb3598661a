#!/usr/bin/env python3
"""Writes the example packets (.bin) and the example .data cases of testdata/corpus/examples.

The packets are built field by field below; each expected result follows from what the
program is documented to compute (port 80 filter, sum of squares, FNV-1a 64) and is
confirmed on the kernel with kernel_check.py. Run from the repository root.
"""
import os, struct

DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus", "examples")

def csum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

def ethernet(ethertype):
    return bytes.fromhex("020000000002") + bytes.fromhex("020000000001") + struct.pack("!H", ethertype)

def ipv4(proto, payload, options=b""):
    ihl = 5 + len(options) // 4
    hdr = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, 4 * ihl + len(payload), 0x1234, 0x4000, 64, proto, 0,
                      bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])) + options
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return hdr + payload

def tcp(sport, dport, flags):
    # 20-byte header, data offset 5, window 64240, checksum left 0 (the filter does not check it)
    return struct.pack("!HHIIBBHHH", sport, dport, 1000, 0, 5 << 4, flags, 64240, 0, 0)

def udp(sport, dport, payload):
    return struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload

SYN = 0x02
dns_query = (struct.pack("!HHHHHH", 0xbeef, 0x0100, 1, 0, 0, 0)
             + b"\x07example\x03com\x00" + struct.pack("!HH", 1, 1))
packets = {
    "http_syn": (ethernet(0x0800) + ipv4(6, tcp(40000, 80, SYN)), 1,
                 "an IPv4 TCP SYN to port 80"),
    "udp_dns": (ethernet(0x0800) + ipv4(17, udp(40001, 53, dns_query)), 0,
                "an IPv4 UDP DNS query to port 53"),
}
extra = {
    "https_syn": (ethernet(0x0800) + ipv4(6, tcp(40000, 443, SYN)), 0, "an IPv4 TCP SYN to port 443"),
    "http_syn_ip_options": (ethernet(0x0800) + ipv4(6, tcp(40000, 80, SYN), options=bytes([1, 1, 1, 0])), 1,
                            "an IPv4 TCP SYN to port 80 behind 4 bytes of IP options (IHL 6)"),
    "http_truncated": ((ethernet(0x0800) + ipv4(6, tcp(40000, 80, SYN)))[:36], 0,
                       "the SYN to port 80 cut after 36 bytes: the TCP port is missing"),
    "arp": (ethernet(0x0806) + bytes(28), 0, "an ARP frame (EtherType 0x0806)"),
    "udp_port_80": (ethernet(0x0800) + ipv4(17, udp(40001, 80, b"x")), 0,
                    "an IPv4 UDP datagram to port 80: not TCP"),
}

def hexlines(b):
    return "\n".join(" ".join("%02x" % x for x in b[i:i + 16]) for i in range(0, len(b), 16))

def write_case(name, header, program, mem, result):
    src = open(os.path.join(DIR, program)).read()
    body = "\n".join("# " + l for l in header) + "\n-- asm\n" + src.rstrip() + "\n"
    if mem is not None:
        body += "-- mem\n" + hexlines(mem) + "\n"
    body += "-- result\n%s\n" % result
    open(os.path.join(DIR, name + ".data"), "w").write(body)

def fnv1a(data):
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & ((1 << 64) - 1)
    return h

for name, (pkt, verdict, what) in packets.items():
    open(os.path.join(DIR, name + ".bin"), "wb").write(pkt)
for name, (pkt, verdict, what) in {**packets, **extra}.items():
    write_case("pkt_filter_" + name, ["pkt_filter.s on %s: returns %d" % (what, verdict),
               "RFC 9669 §4.2 (be16), §5.1 (loads), §4.3 (jumps); the asm is a copy of pkt_filter.s"],
               "pkt_filter.s", pkt, verdict)
write_case("sum_loop", ["sum_loop.s: sum of i*i for i = 1..100 = 338350",
           "RFC 9669 §4.1 (MUL, ADD), §4.3 (JLE backward loop); the asm is a copy of sum_loop.s"],
           "sum_loop.s", None, sum(i * i for i in range(1, 101)))
for name, data in (("hello", b"hello"), ("empty", b""), ("64_bytes", bytes(range(64))),
                   ("high_bytes", bytes([0xff, 0x80, 0x7f, 0x00, 0xfe]))):
    write_case("fnv1a_" + name, ["fnv1a.s over %d bytes (%s): FNV-1a 64" % (len(data), name),
               "RFC 9669 §4.1 (XOR, MUL mod 2^64), §5.1 (LDX u8), §5.4 (lddw); the asm is a copy of fnv1a.s"],
               "fnv1a.s", data if data else None, "0x%x" % fnv1a(data))
print("examples written to", os.path.relpath(DIR))
