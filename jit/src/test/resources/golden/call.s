# a local call (r1 passed, r6 kept); compiled with an instruction budget of 1000
mov %r6, 7
mov %r1, 3
call double
add %r0, %r6
exit
double:
mov %r0, %r1
lsh %r0, 1
exit
