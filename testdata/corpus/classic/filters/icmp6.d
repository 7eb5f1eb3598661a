(000) ldh      [12]
(001) jeq      #0x86dd          jt 2	jf 8
(002) ldb      [20]
(003) jeq      #0x3a            jt 7	jf 4
(004) jeq      #0x2c            jt 5	jf 8
(005) ldb      [54]
(006) jeq      #0x3a            jt 7	jf 8
(007) ret      #65535
(008) ret      #0
