(000) ld       #pktlen
(001) jgt      #0x64            jt 2	jf 3
(002) ret      #65535
(003) ret      #0
