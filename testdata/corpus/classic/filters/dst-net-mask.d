(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 5
(002) ld       [30]
(003) and      #0xffffff00
(004) jeq      #0xa000000       jt 10	jf 11
(005) jeq      #0x806           jt 7	jf 6
(006) jeq      #0x8035          jt 7	jf 11
(007) ld       [38]
(008) and      #0xffffff00
(009) jeq      #0xa000000       jt 10	jf 11
(010) ret      #65535
(011) ret      #0
