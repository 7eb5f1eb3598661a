(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 6
(002) ldh      [16]
(003) mod      #7
(004) jeq      #0x3             jt 5	jf 6
(005) ret      #65535
(006) ret      #0
