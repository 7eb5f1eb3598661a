# r0 = 1 + 2 + ... + r2 (the input length), counting down r2 with a 32-bit compare
mov %r0, 0
loop:
add %r0, %r2
sub %r2, 1
jne32 %r2, 0, loop
exit
