(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 11
(002) ldb      [23]
(003) jeq      #0x11            jt 4	jf 22
(004) ldh      [20]
(005) jset     #0x1fff          jt 21	jf 6
(006) ldxb     4*([14]&0xf)
(007) ldh      [x + 14]
(008) jeq      #0x35            jt 22	jf 9
(009) ldh      [x + 16]
(010) jeq      #0x35            jt 22	jf 21
(011) jeq      #0x86dd          jt 12	jf 22
(012) ldb      [20]
(013) jeq      #0x11            jt 14	jf 18
(014) ldh      [54]
(015) jeq      #0x35            jt 22	jf 16
(016) ldh      [56]
(017) jeq      #0x35            jt 22	jf 21
(018) jeq      #0x2c            jt 19	jf 22
(019) ldb      [54]
(020) jeq      #0x11            jt 21	jf 22
(021) ret      #65535
(022) ret      #0
