# fnv1a.s - the 64-bit FNV-1a hash of the input memory (r1 = pointer, r2 = length).
#   hash = offset basis; for each byte: hash ^= byte; hash *= FNV prime  (all mod 2^64)

        r0 = 0xcbf29ce484222325 ll      # FNV-1a 64-bit offset basis
        r3 = 0x100000001b3 ll           # FNV 64-bit prime
        r4 = 0                          # index
loop:
        if r4 >= r2 goto done
        r5 = r1
        r5 += r4
        r5 = *(u8 *)(r5 + 0)            # next byte
        r0 ^= r5
        r0 *= r3
        r4 += 1
        goto loop
done:
        exit
