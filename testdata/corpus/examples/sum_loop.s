# sum_loop.s - a bounded loop: the sum of the squares 1*1 + 2*2 + ... + 100*100.
# Needs no input memory; returns 338350.

        r0 = 0                          # the sum
        r1 = 1                          # i
loop:
        r2 = r1
        r2 *= r1                        # i * i
        r0 += r2
        r1 += 1
        if r1 <= 100 goto loop          # 100 iterations, then fall through
        exit
