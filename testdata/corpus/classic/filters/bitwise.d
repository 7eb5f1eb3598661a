(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 7
(002) ldb      [23]
(003) xor      #0x11
(004) or       #0x100
(005) jeq      #0x100           jt 6	jf 7
(006) ret      #65535
(007) ret      #0
