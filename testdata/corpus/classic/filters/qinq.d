(000) ldh      [12]
(001) jeq      #0x8100          jt 4	jf 2
(002) jeq      #0x88a8          jt 4	jf 3
(003) jeq      #0x9100          jt 4	jf 9
(004) ldh      [16]
(005) jeq      #0x8100          jt 8	jf 6
(006) jeq      #0x88a8          jt 8	jf 7
(007) jeq      #0x9100          jt 8	jf 9
(008) ret      #65535
(009) ret      #0
