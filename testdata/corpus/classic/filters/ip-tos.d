(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 5
(002) ldb      [15]
(003) jeq      #0x0             jt 5	jf 4
(004) ret      #65535
(005) ret      #0
