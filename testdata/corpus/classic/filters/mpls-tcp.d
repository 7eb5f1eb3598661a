(000) ldh      [12]
(001) jeq      #0x8847          jt 2	jf 23
(002) ldb      [16]
(003) and      #0x1
(004) jeq      #0x1             jt 5	jf 23
(005) ldb      [18]
(006) and      #0xf0
(007) jeq      #0x60            jt 8	jf 12
(008) ldb      [24]
(009) jeq      #0x6             jt 10	jf 23
(010) ldh      [60]
(011) jeq      #0x50            jt 22	jf 23
(012) ldb      [18]
(013) and      #0xf0
(014) jeq      #0x40            jt 15	jf 23
(015) ldb      [27]
(016) jeq      #0x6             jt 17	jf 23
(017) ldh      [24]
(018) jset     #0x1fff          jt 23	jf 19
(019) ldxb     4*([18]&0xf)
(020) ldh      [x + 20]
(021) jeq      #0x50            jt 22	jf 23
(022) ret      #65535
(023) ret      #0
