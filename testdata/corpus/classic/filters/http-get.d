(000) ldh      [12]
(001) jeq      #0x86dd          jt 27	jf 2
(002) jeq      #0x800           jt 3	jf 27
(003) ldb      [23]
(004) jeq      #0x6             jt 5	jf 27
(005) ldh      [20]
(006) jset     #0x1fff          jt 27	jf 7
(007) ldxb     4*([14]&0xf)
(008) ldh      [x + 16]
(009) jeq      #0x50            jt 10	jf 27
(010) ldh      [16]
(011) st       M[1]
(012) ldb      [14]
(013) and      #0xf
(014) lsh      #2
(015) tax      
(016) ld       M[1]
(017) sub      x
(018) st       M[5]
(019) ldxb     4*([14]&0xf)
(020) ldb      [x + 26]
(021) and      #0xf0
(022) rsh      #2
(023) tax      
(024) ld       M[5]
(025) jeq      x                jt 27	jf 26
(026) ret      #65535
(027) ret      #0
