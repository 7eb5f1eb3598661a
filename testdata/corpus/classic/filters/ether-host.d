(000) ld       [8]
(001) jeq      #0x2             jt 2	jf 4
(002) ldh      [6]
(003) jeq      #0x200           jt 8	jf 4
(004) ld       [2]
(005) jeq      #0x2             jt 6	jf 9
(006) ldh      [0]
(007) jeq      #0x200           jt 8	jf 9
(008) ret      #65535
(009) ret      #0
