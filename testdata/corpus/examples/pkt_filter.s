# pkt_filter.s - a packet filter: returns 1 for an IPv4 TCP packet to port 80, else 0.
#
# Input (raw program type): r1 = pointer to an Ethernet frame, r2 = its length.
# Every load is checked against r2 first, so a short or odd packet returns 0.
# Multi-byte header fields are in network byte order (big-endian): be16 converts them.

        r0 = 0                          # the verdict until proven otherwise

        # Ethernet: 6 bytes destination, 6 bytes source, 2 bytes EtherType
        if r2 < 34 goto out             # 14-byte Ethernet + 20-byte minimal IPv4 header
        r3 = *(u16 *)(r1 + 12)          # EtherType
        r3 = be16 r3
        if r3 != 0x0800 goto out        # not IPv4

        # IPv4: byte 14 holds version (high nibble) and IHL (low nibble, in 32-bit words)
        r4 = *(u8 *)(r1 + 23)           # protocol
        if r4 != 6 goto out             # not TCP
        r4 = *(u8 *)(r1 + 14)
        r4 &= 0x0f
        r4 <<= 2                        # IPv4 header length in bytes: 0, 4, ..., 60

        # Find the header length by counting up to it (20, 24, ..., 60). After the
        # equality test r5 holds it as a known constant, which lets the kernel's
        # verifier (this example is checked against the kernel) bound the load below.
        r5 = 20
find_len:
        if r4 == r5 goto have_len
        r5 += 4
        if r5 <= 60 goto find_len
        goto out                        # IHL below 5: malformed

        # TCP: source port (2 bytes), then destination port (2 bytes)
have_len:
        r4 = r5
        r4 += 18                        # 14 (Ethernet) + header length + 4 (both ports)
        if r4 > r2 goto out             # truncated TCP header
        r3 = r1
        r3 += r5                        # r3 + 14 = start of the TCP header
        r3 = *(u16 *)(r3 + 16)          # destination port
        r3 = be16 r3
        if r3 != 80 goto out
        r0 = 1
out:
        exit
