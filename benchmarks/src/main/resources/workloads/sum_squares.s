# Sum of squares, 1,000 iterations, seeded from the first packet byte so nothing folds.
# r1 = packet, r2 = length (at least 1 byte).
    r3 = *(u8 *)(r1 + 0)
    r0 = 0
    r4 = 0
loop:
    r5 = r4
    r5 += r3
    r5 *= r5
    r0 += r5
    r4 += 1
    if r4 < 1000 goto loop
    exit
