(000) ldh      [12]
(001) jeq      #0x8864          jt 2	jf 21
(002) ldh      [20]
(003) jeq      #0x57            jt 4	jf 10
(004) ldb      [28]
(005) jeq      #0x11            jt 6	jf 21
(006) ldh      [62]
(007) jeq      #0x8ae           jt 20	jf 8
(008) ldh      [64]
(009) jeq      #0x8ae           jt 20	jf 21
(010) jeq      #0x21            jt 11	jf 21
(011) ldb      [31]
(012) jeq      #0x11            jt 13	jf 21
(013) ldh      [28]
(014) jset     #0x1fff          jt 21	jf 15
(015) ldxb     4*([22]&0xf)
(016) ldh      [x + 22]
(017) jeq      #0x8ae           jt 20	jf 18
(018) ldh      [x + 24]
(019) jeq      #0x8ae           jt 20	jf 21
(020) ret      #65535
(021) ret      #0
