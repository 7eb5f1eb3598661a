(000) ld       #pktlen
(001) jgt      #0x3c            jt 2	jf 3
(002) ret      #0
(003) ret      #65535
