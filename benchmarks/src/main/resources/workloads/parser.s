# Ethernet / IPv4 / TCP parser: 2 = TCP SYN to port 80, 1 = other TCP, 0 = anything else.
# Every header access is bounds-checked against r2 (the packet length).
    r0 = 0
    if r2 < 34 goto out              # Ethernet (14) + minimal IPv4 (20)
    r3 = *(u16 *)(r1 + 12)           # EtherType, big-endian in the packet
    r3 = be16 r3
    if r3 != 0x0800 goto out
    r4 = *(u8 *)(r1 + 14)            # version / IHL
    r5 = r4
    r5 >>= 4
    if r5 != 4 goto out
    r4 &= 0xf
    r4 <<= 2                         # IPv4 header length in bytes
    if r4 < 20 goto out
    r3 = *(u8 *)(r1 + 23)            # protocol
    if r3 != 6 goto out
    r4 += 14                         # offset of the TCP header
    r5 = r4
    r5 += 20
    if r5 > r2 goto out              # the whole TCP header must be there
    r6 = r1
    r6 += r4
    r0 = 1
    r3 = *(u16 *)(r6 + 2)            # destination port
    r3 = be16 r3
    if r3 != 80 goto out
    r3 = *(u8 *)(r6 + 13)            # flags
    r3 &= 0x12                       # SYN | ACK
    if r3 != 0x02 goto out
    r0 = 2
out:
    exit
