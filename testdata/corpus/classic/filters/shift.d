(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 8
(002) ldh      [16]
(003) lsh      #3
(004) rsh      #1
(005) sub      #4
(006) jgt      #0x64            jt 7	jf 8
(007) ret      #65535
(008) ret      #0
