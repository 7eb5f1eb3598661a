(000) ld       [8]
(001) jeq      #0x1             jt 2	jf 5
(002) ldh      [6]
(003) jeq      #0x200           jt 4	jf 5
(004) ret      #65535
(005) ret      #0
