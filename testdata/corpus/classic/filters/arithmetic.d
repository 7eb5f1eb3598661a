(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 7
(002) ldh      [16]
(003) mul      #2
(004) div      #4
(005) jgt      #0x14            jt 6	jf 7
(006) ret      #65535
(007) ret      #0
