(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 11
(002) ldb      [14]
(003) st       M[1]
(004) ldb      [23]
(005) and      #0x7
(006) tax      
(007) ld       M[1]
(008) lsh      x
(009) jgt      #0x64            jt 10	jf 11
(010) ret      #65535
(011) ret      #0
