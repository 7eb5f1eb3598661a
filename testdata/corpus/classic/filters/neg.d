(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 6
(002) ldb      [22]
(003) neg      
(004) jgt      #0xffffffc0      jt 5	jf 6
(005) ret      #65535
(006) ret      #0
