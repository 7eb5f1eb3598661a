# loads from the input, a store and load on the stack, a 64-bit constant and a helper call
ldxw %r6, [%r1]
stxdw [%r10-8], %r6
ldxh %r0, [%r10-8]
lddw %r7, 0x1122334455667788
xor %r0, %r7
call 5
mov %r0, %r6
exit
