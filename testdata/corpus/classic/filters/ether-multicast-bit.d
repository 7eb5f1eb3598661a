(000) ldb      [0]
(001) jset     #0x1             jt 2	jf 3
(002) ret      #65535
(003) ret      #0
