# verified for 8 bytes of input: the packet loads index the packet array (checked, naming the
# pc), the stack slot lives in a local, and the unsigned compare of two non-negative values is a
# signed one (LCMP)
r2 = *(u8 *)(r1 + 0)
r3 = *(u16 *)(r1 + 2)
*(u64 *)(r10 - 8) = r3
r0 = 0
loop:
r0 += r2
r2 += 1
if r2 < 100 goto loop
r3 = *(u64 *)(r10 - 8)
r0 += r3
exit
