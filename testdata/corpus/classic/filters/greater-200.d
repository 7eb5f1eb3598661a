(000) ld       #pktlen
(001) jge      #0xc8            jt 2	jf 3
(002) ret      #65535
(003) ret      #0
