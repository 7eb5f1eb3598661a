(000) ldh      [12]
(001) jeq      #0x8100          jt 4	jf 2
(002) jeq      #0x88a8          jt 4	jf 3
(003) jeq      #0x9100          jt 4	jf 25
(004) ldh      [14]
(005) and      #0xfff
(006) jeq      #0x1e            jt 7	jf 25
(007) ldh      [16]
(008) jeq      #0x8100          jt 11	jf 9
(009) jeq      #0x88a8          jt 11	jf 10
(010) jeq      #0x9100          jt 11	jf 25
(011) ldh      [18]
(012) and      #0xfff
(013) jeq      #0x28            jt 14	jf 25
(014) ldh      [20]
(015) jeq      #0x800           jt 16	jf 18
(016) ldb      [31]
(017) jeq      #0x11            jt 24	jf 25
(018) jeq      #0x86dd          jt 19	jf 25
(019) ldb      [28]
(020) jeq      #0x11            jt 24	jf 21
(021) jeq      #0x2c            jt 22	jf 25
(022) ldb      [62]
(023) jeq      #0x11            jt 24	jf 25
(024) ret      #65535
(025) ret      #0
