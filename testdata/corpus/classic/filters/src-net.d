(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 5
(002) ld       [26]
(003) and      #0xfff00000
(004) jeq      #0xac100000      jt 10	jf 11
(005) jeq      #0x806           jt 7	jf 6
(006) jeq      #0x8035          jt 7	jf 11
(007) ld       [28]
(008) and      #0xfff00000
(009) jeq      #0xac100000      jt 10	jf 11
(010) ret      #65535
(011) ret      #0
