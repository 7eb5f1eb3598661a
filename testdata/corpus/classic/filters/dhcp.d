(000) ldh      [12]
(001) jeq      #0x86dd          jt 2	jf 9
(002) ldb      [20]
(003) jeq      #0x11            jt 4	jf 22
(004) ldh      [54]
(005) jeq      #0x43            jt 21	jf 6
(006) jeq      #0x44            jt 21	jf 7
(007) ldh      [56]
(008) jeq      #0x43            jt 21	jf 20
(009) jeq      #0x800           jt 10	jf 22
(010) ldb      [23]
(011) jeq      #0x11            jt 12	jf 22
(012) ldh      [20]
(013) jset     #0x1fff          jt 22	jf 14
(014) ldxb     4*([14]&0xf)
(015) ldh      [x + 14]
(016) jeq      #0x43            jt 21	jf 17
(017) jeq      #0x44            jt 21	jf 18
(018) ldh      [x + 16]
(019) jeq      #0x43            jt 21	jf 20
(020) jeq      #0x44            jt 21	jf 22
(021) ret      #65535
(022) ret      #0
