#!/usr/bin/env python3
"""Writes synthetic captures: hand-built Ethernet frames covering the protocols the oracle filters test.

Usage: make_synthetic.py OUTDIR
Writes the same frames (DLT_EN10MB) four ways: synthetic.pcap (little-endian, microseconds),
synthetic-be-nsec.pcap (big-endian, nanoseconds), synthetic.pcapng (little-endian, EPBs) and
synthetic-be-spb.pcapng (big-endian, EPBs and SPBs).
Only the standard library; every packet is built field by field so the set is reproducible.
"""
import struct
import sys

def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff

def mac(text):
    return bytes(int(p, 16) for p in text.split(":"))

def ip4(text):
    return bytes(int(p) for p in text.split("."))

def ip6(text):
    import ipaddress
    return ipaddress.IPv6Address(text).packed

HOST = mac("02:00:00:00:00:01")
PEER = mac("02:00:00:00:00:02")
BCAST = mac("ff:ff:ff:ff:ff:ff")

def ether(dst, src, etype, payload, vlan=None):
    head = dst + src
    if vlan is not None:
        head += struct.pack("!HH", 0x8100, vlan)
    return head + struct.pack("!H", etype) + payload

def ipv4(src, dst, proto, payload, ttl=64, frag=0, options=b"", ident=1, tos=0):
    ihl = 5 + len(options) // 4
    total = ihl * 4 + len(payload)
    hdr = struct.pack("!BBHHHBBH4s4s", (4 << 4) | ihl, tos, total, ident, frag, ttl, proto, 0,
                      ip4(src), ip4(dst)) + options
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return hdr + payload

def ipv6(src, dst, nh, payload, hlim=64):
    return struct.pack("!IHBB16s16s", 6 << 28, len(payload), nh, hlim, ip6(src), ip6(dst)) + payload

def tcp(sport, dport, flags, payload=b"", seq=1000, ack=0, win=65535):
    return struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, win, 0, 0) + payload

def udp(sport, dport, payload=b""):
    return struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload

def icmp(typ, code, payload=b"\0\0\0\0"):
    return struct.pack("!BBH", typ, code, 0) + payload

def arp(op, sha, spa, tha, tpa):
    return struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, op, sha, ip4(spa), tha, ip4(tpa))

FIN, SYN, RST, PSH, ACK, URG = 1, 2, 4, 8, 16, 32

packets = [
    ether(PEER, HOST, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(40000, 80, SYN))),
    ether(HOST, PEER, 0x0800, ipv4("10.0.0.2", "10.0.0.1", 6, tcp(80, 40000, SYN | ACK))),
    ether(PEER, HOST, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(40000, 80, ACK | PSH, b"GET / HTTP/1.0\r\n\r\n"))),
    ether(PEER, HOST, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(40000, 80, FIN | ACK))),
    ether(PEER, HOST, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(40001, 443, RST))),
    ether(PEER, HOST, 0x0800, ipv4("192.168.1.10", "192.168.1.20", 6, tcp(2222, 22, SYN))),
    ether(PEER, HOST, 0x0800, ipv4("192.168.1.10", "8.8.8.8", 17, udp(5353, 53, b"\x12\x34\x01\x00\x00\x01" + b"\0" * 6))),
    ether(HOST, PEER, 0x0800, ipv4("8.8.8.8", "192.168.1.10", 17, udp(53, 5353, b"\x12\x34\x81\x80" + b"\0" * 60))),
    ether(PEER, HOST, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 1, icmp(8, 0, b"\x00\x01\x00\x01" + b"ping" * 8))),
    ether(HOST, PEER, 0x0800, ipv4("10.0.0.2", "10.0.0.1", 1, icmp(0, 0, b"\x00\x01\x00\x01" + b"ping" * 8))),
    ether(HOST, PEER, 0x0800, ipv4("10.0.0.254", "10.0.0.1", 1, icmp(3, 3, b"\0" * 4 + b"x" * 28), ttl=1)),
    ether(BCAST, HOST, 0x0806, arp(1, HOST, "10.0.0.1", b"\0" * 6, "10.0.0.2")),
    ether(HOST, PEER, 0x0806, arp(2, PEER, "10.0.0.2", HOST, "10.0.0.1")),
    ether(BCAST, HOST, 0x0800, ipv4("10.0.0.1", "10.0.0.255", 17, udp(68, 67, b"\1" * 240))),
    ether(mac("01:00:5e:00:00:fb"), HOST, 0x0800, ipv4("10.0.0.1", "224.0.0.251", 17, udp(5353, 5353, b"\0" * 12))),
    ether(mac("33:33:00:00:00:01"), HOST, 0x86dd, ipv6("fe80::1", "ff02::1", 58, icmp(134, 0, b"\0" * 12))),
    ether(PEER, HOST, 0x86dd, ipv6("2001:db8::1", "2001:db8::2", 6, tcp(50000, 80, SYN))),
    ether(PEER, HOST, 0x86dd, ipv6("2001:db8::1", "2001:db8::2", 17, udp(50001, 53, b"\0" * 12))),
    ether(PEER, HOST, 0x86dd, ipv6("2001:db8::1", "2001:db8::2", 58, icmp(128, 0, b"\0\1\0\1"))),
    ether(PEER, HOST, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(40002, 8080, SYN)), vlan=100),
    ether(PEER, HOST, 0x0800, ipv4("172.16.5.4", "10.0.0.2", 17, udp(1234, 53)), vlan=0x2000 | 200),
    # First fragment and a later fragment of the same datagram.
    ether(PEER, HOST, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 17, udp(4000, 4001, b"A" * 64), frag=0x2000, ident=7)),
    ether(PEER, HOST, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 17, b"B" * 64, frag=9, ident=7)),
    # IP options (ihl 6): the transport header moves, tcp/udp port filters must follow it.
    ether(PEER, HOST, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1025, 80, SYN), options=b"\x94\x04\x00\x00")),
    # Large and tiny frames for len filters.
    ether(PEER, HOST, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 17, udp(9999, 9999, b"z" * 1200))),
    ether(PEER, HOST, 0x0800, ipv4("10.0.0.3", "10.0.0.2", 6, tcp(5555, 80, URG | ACK | PSH), tos=0x10)),
    ether(PEER, HOST, 0x0800, ipv4("10.1.2.3", "10.0.0.2", 132, b"\0" * 16)),   # SCTP
    ether(PEER, HOST, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 47, b"\0" * 8)),     # GRE
    ether(PEER, HOST, 0x8863, b"\x11\x09\x00\x00\x00\x00"),                    # PPPoE discovery
    ether(PEER, HOST, 0x88cc, b"\x02\x07\x04" + PEER + b"\0" * 8),              # LLDP
    # QinQ: an 802.1ad outer tag around an 802.1Q tag around IPv4 UDP.
    PEER + HOST + struct.pack("!HHHH", 0x88a8, 30, 0x8100, 40) + struct.pack("!H", 0x0800)
        + ipv4("10.0.0.1", "10.0.0.2", 17, udp(7000, 53, b"\0" * 12)),
    # MPLS (one label, bottom of stack) carrying IPv4 TCP.
    ether(PEER, HOST, 0x8847, struct.pack("!I", (1234 << 12) | (1 << 8) | 64)
          + ipv4("10.0.0.1", "10.0.0.2", 6, tcp(40005, 80, SYN))),
    # PPPoE session carrying IPv4 (PPP protocol 0x0021) UDP.
    ether(PEER, HOST, 0x8864, struct.pack("!BBHH", 0x11, 0, 0x1234, 2 + 28) + struct.pack("!H", 0x0021)
          + ipv4("10.0.0.1", "10.0.0.2", 17, udp(1111, 2222))),
    # IPv6 with a hop-by-hop options header before TCP (for protochain).
    ether(PEER, HOST, 0x86dd, ipv6("2001:db8::1", "2001:db8::2", 0,
          struct.pack("!BB", 6, 0) + b"\x01\x04\0\0\0\0" + tcp(50002, 443, SYN))),
    # A TCP SYN+ACK and an ACK-only segment on port 22, for flag arithmetic.
    ether(HOST, PEER, 0x0800, ipv4("10.0.0.2", "10.0.0.1", 6, tcp(22, 50003, SYN | ACK))),
    ether(PEER, HOST, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(50003, 22, ACK))),
]

# Truncated captures: caplen shorter than the frame, so filters read past the captured end.
truncated = {
    len(packets): 20,   # an IPv4 TCP SYN cut inside the IP header
}
packets.append(ether(PEER, HOST, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(40003, 80, SYN))))
truncated[len(packets)] = 36  # cut before the TCP ports
packets.append(ether(PEER, HOST, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(40004, 80, SYN))))
packets.append(b"\x01\x02\x03")  # a runt frame, shorter than an Ethernet header

def caplen(i, frame):
    return truncated.get(i, len(frame))

def timestamp(i):
    """Seconds and nanoseconds of packet i: distinct sub-microsecond parts test nanosecond files."""
    return 1700000000 + i, i * 1000 + (i * 7 % 1000)

def write_pcap(path, endian, nanos):
    magic = 0xa1b23c4d if nanos else 0xa1b2c3d4
    with open(path, "wb") as out:
        out.write(struct.pack(endian + "IHHiIII", magic, 2, 4, 0, 0, 65535, 1))
        for i, frame in enumerate(packets):
            sec, ns = timestamp(i)
            frac = ns if nanos else ns // 1000
            out.write(struct.pack(endian + "IIII", sec, frac, caplen(i, frame), len(frame)))
            out.write(frame[:caplen(i, frame)])

def block(endian, btype, body):
    body += b"\0" * (-len(body) % 4)
    total = 12 + len(body)
    return struct.pack(endian + "II", btype, total) + body + struct.pack(endian + "I", total)

def write_pcapng(path, endian, simple_every):
    """One section, one Ethernet interface with nanosecond resolution, EPBs; every
    simple_every-th untruncated packet as an SPB (no timestamp); an unknown block to skip."""
    with open(path, "wb") as out:
        shb_opts = struct.pack(endian + "HH", 4, 5) + b"bpf4j" + b"\0" * 3 + struct.pack(endian + "HH", 0, 0)
        out.write(block(endian, 0x0A0D0D0A, struct.pack(endian + "IHHq", 0x1A2B3C4D, 1, 0, -1) + shb_opts))
        idb_opts = struct.pack(endian + "HHB", 9, 1, 9) + b"\0" * 3 + struct.pack(endian + "HH", 0, 0)
        out.write(block(endian, 1, struct.pack(endian + "HHI", 1, 0, 65535) + idb_opts))
        out.write(block(endian, 0x40000BAD, b"custom block, readers skip it"))
        for i, frame in enumerate(packets):
            cap = caplen(i, frame)
            if simple_every and i % simple_every == 0 and cap == len(frame):
                out.write(block(endian, 3, struct.pack(endian + "I", len(frame)) + frame))
                continue
            sec, ns = timestamp(i)
            ts = sec * 1_000_000_000 + ns
            out.write(block(endian, 6, struct.pack(endian + "IIIII", 0, ts >> 32, ts & 0xffffffff, cap, len(frame))
                            + frame[:cap]))

outdir = sys.argv[1]
write_pcap(outdir + "/synthetic.pcap", "<", False)
write_pcap(outdir + "/synthetic-be-nsec.pcap", ">", True)
write_pcapng(outdir + "/synthetic.pcapng", "<", 0)
write_pcapng(outdir + "/synthetic-be-spb.pcapng", ">", 5)
