(000) ldh      [12]
(001) jeq      #0x86dd          jt 2	jf 13
(002) ldb      [20]
(003) jeq      #0x6             jt 4	jf 8
(004) ldh      [54]
(005) jeq      #0x50            jt 31	jf 6
(006) ldh      [56]
(007) jeq      #0x50            jt 31	jf 32
(008) jeq      #0x11            jt 9	jf 32
(009) ldh      [54]
(010) jeq      #0x35            jt 31	jf 11
(011) ldh      [56]
(012) jeq      #0x35            jt 31	jf 32
(013) jeq      #0x800           jt 14	jf 32
(014) ldb      [23]
(015) jeq      #0x6             jt 16	jf 23
(016) ldh      [20]
(017) jset     #0x1fff          jt 32	jf 18
(018) ldxb     4*([14]&0xf)
(019) ldh      [x + 14]
(020) jeq      #0x50            jt 31	jf 21
(021) ldh      [x + 16]
(022) jeq      #0x50            jt 31	jf 32
(023) jeq      #0x11            jt 24	jf 32
(024) ldh      [20]
(025) jset     #0x1fff          jt 32	jf 26
(026) ldxb     4*([14]&0xf)
(027) ldh      [x + 14]
(028) jeq      #0x35            jt 31	jf 29
(029) ldh      [x + 16]
(030) jeq      #0x35            jt 31	jf 32
(031) ret      #65535
(032) ret      #0
