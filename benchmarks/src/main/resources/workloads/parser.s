# Ethernet / IPv4 / TCP parser: 2 = TCP SYN to port 80, 1 = other TCP, 0 = anything else.
# Reads at constant offsets only (IPv4 without options), after checking the length in r2, so the
# kernel's verifier accepts it for a raw program (a packet pointer plus a variable offset has no
# proven range there).
    r0 = 0
    if r2 < 54 goto out              # Ethernet (14) + IPv4 (20) + TCP (20)
    r3 = *(u16 *)(r1 + 12)           # EtherType, big-endian in the packet
    r3 = be16 r3
    if r3 != 0x0800 goto out
    r4 = *(u8 *)(r1 + 14)            # version / IHL
    r5 = r4
    r5 >>= 4
    if r5 != 4 goto out
    r4 &= 0xf
    if r4 != 5 goto out              # no IPv4 options
    r3 = *(u8 *)(r1 + 23)            # protocol
    if r3 != 6 goto out
    r3 = *(u16 *)(r1 + 20)           # flags and fragment offset: first fragments only
    r3 = be16 r3
    r3 &= 0x1fff
    if r3 != 0 goto out
    r0 = 1
    r3 = *(u16 *)(r1 + 36)           # TCP destination port
    r3 = be16 r3
    if r3 != 80 goto out
    r3 = *(u8 *)(r1 + 47)            # TCP flags
    r3 &= 0x12                       # SYN | ACK
    if r3 != 0x02 goto out
    r0 = 2
out:
    exit
