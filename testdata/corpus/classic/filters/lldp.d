(000) ldh      [12]
(001) jeq      #0x88cc          jt 2	jf 3
(002) ret      #65535
(003) ret      #0
