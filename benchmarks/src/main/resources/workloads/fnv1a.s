# FNV-1a (64-bit) over the first 64 bytes of the packet.
    r0 = 0xcbf29ce484222325 ll
    r3 = 0x100000001b3 ll
    r4 = 0
loop:
    r5 = r1
    r5 += r4
    r5 = *(u8 *)(r5 + 0)
    r0 ^= r5
    r0 *= r3
    r4 += 1
    if r4 < 64 goto loop
    exit
