(000) ld       [2]
(001) jeq      #0xffffffff      jt 2	jf 5
(002) ldh      [0]
(003) jeq      #0xffff          jt 4	jf 5
(004) ret      #65535
(005) ret      #0
