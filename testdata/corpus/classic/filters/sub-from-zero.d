(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 9
(002) ldb      [22]
(003) jgt      #0x0             jt 4	jf 9
(004) tax      
(005) ld       #0x0
(006) sub      x
(007) jge      #0xffffffc0      jt 9	jf 8
(008) ret      #65535
(009) ret      #0
