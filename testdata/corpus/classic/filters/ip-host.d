(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 7
(002) ld       [26]
(003) jeq      #0xa000001       jt 6	jf 4
(004) ld       [30]
(005) jeq      #0xa000001       jt 6	jf 7
(006) ret      #65535
(007) ret      #0
