(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 6
(002) ld       [30]
(003) jeq      #0x0             jt 5	jf 4
(004) jeq      #0xffffffff      jt 5	jf 6
(005) ret      #65535
(006) ret      #0
