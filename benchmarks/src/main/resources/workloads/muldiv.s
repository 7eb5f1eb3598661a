# A mul/div/mod loop, 1,000 iterations; divisor and seed from the packet.
    r3 = *(u32 *)(r1 + 0)
    r3 |= 1
    r0 = *(u32 *)(r1 + 4)
    r4 = 0
loop:
    r0 *= 7919
    r0 += 12345
    r5 = r0
    r5 /= r3
    r6 = r0
    r6 %= r3
    r0 = r5
    r0 += r6
    r4 += 1
    if r4 < 1000 goto loop
    exit
