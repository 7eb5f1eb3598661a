(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 11
(002) ldh      [16]
(003) st       M[1]
(004) ldb      [23]
(005) and      #0x7
(006) tax      
(007) ld       M[1]
(008) rsh      x
(009) jgt      #0x2             jt 10	jf 11
(010) ret      #65535
(011) ret      #0
