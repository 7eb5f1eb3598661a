(000) ldh      [12]
(001) jeq      #0x86dd          jt 2	jf 7
(002) ld       [22]
(003) jeq      #0x20010db8      jt 6	jf 4
(004) ld       [38]
(005) jeq      #0x20010db8      jt 6	jf 7
(006) ret      #65535
(007) ret      #0
