(000) ld       #0x2a
(001) ld       #0xffffffff
(002) ld       [12]
(003) ldh      [12]
(004) ldb      [23]
(005) ld       [-1048564]
(006) ldh      [-2097140]
(007) ldb      [type]
(008) ld       [x + 0]
(009) ldh      [x + 14]
(010) ldb      [x + -16]
(011) ld       M[3]
(012) ld       #pktlen
(013) ldx      #0x7
(014) ldx      M[15]
(015) unimp    0x81
(016) ldxb     4*([14]&0xf)
(017) st       M[0]
(018) stx      M[15]
(019) add      #3
(020) add      x
(021) sub      #3
(022) sub      x
(023) mul      #3
(024) mul      x
(025) div      #3
(026) div      x
(027) or       #0x3
(028) or       x
(029) and      #0x3
(030) and      x
(031) lsh      #3
(032) lsh      x
(033) rsh      #3
(034) rsh      x
(035) mod      #3
(036) mod      x
(037) xor      #0x3
(038) xor      x
(039) neg      
(040) ja       43
(041) jeq      #0x800           jt 42	jf 43
(042) jeq      x                jt 45	jf 43
(043) jgt      #0x800           jt 44	jf 45
(044) jgt      x                jt 47	jf 45
(045) jge      #0x800           jt 46	jf 47
(046) jge      x                jt 49	jf 47
(047) jset     #0x800           jt 48	jf 49
(048) jset     x                jt 51	jf 49
(049) tax      
(050) txa      
(051) ret      #65535
(052) ret      #2147418112
(053) ret      
(054) ret      #-2147483648
(055) ld       [-2147483648]
(056) add      #-1
(057) ld       #0xffffffff
(058) ja       58
(059) jeq      #0xffffffff      jt 315	jf 315
(060) ldx      M[-1]
(061) mul      #-1
(062) lsh      #-1
(063) and      #0x80000000
(064) unimp    0x81
(065) unimp    0xe
(066) unimp    0xff
