#!/usr/bin/env bash
# Captures loopback.pcap: real traffic on lo (needs root and tcpdump) while generating
# HTTP over TCP (curl against python's http.server), UDP datagrams, an ICMP echo, ICMP port
# unreachable, and IPv6 TCP and UDP. Usage: capture_loopback.sh OUT.pcap
set -euo pipefail
out=$1
port=18080
tcpdump -i lo -U -s 0 -w "$out" 'not port 22' 2>/dev/null &
dump=$!
sleep 1
python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1 &
web=$!
sleep 1
curl -s -o /dev/null "http://127.0.0.1:$port/" || true
python3 - <<'PY'
import socket, struct
# UDP to a listening socket, then to a closed port (the kernel answers ICMP port unreachable).
rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); rx.bind(("127.0.0.1", 5300))
tx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
tx.sendto(b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00", ("127.0.0.1", 5300))
rx.recvfrom(100)
tx.sendto(b"nobody listens", ("127.0.0.1", 5399))
# ICMP echo through a raw socket; the kernel replies on lo.
def csum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b)); s = (s & 0xffff) + (s >> 16); return ~s & 0xffff
body = struct.pack("!HH", 0x4242, 1) + b"bpf4j-oracle-ping"
body += b"\0" * (len(body) % 2)
hdr = struct.pack("!BBH", 8, 0, 0) + body
icmp = struct.pack("!BBH", 8, 0, csum(hdr)) + body
r = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
r.sendto(icmp, ("127.0.0.1", 0)); r.settimeout(1)
try: r.recvfrom(200)
except OSError: pass
# IPv6: TCP to a closed port (SYN, RST) and one UDP datagram.
try:
    s6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM); s6.settimeout(1)
    s6.connect_ex(("::1", 18081))
    u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u6.sendto(b"v6", ("::1", 5301))
except OSError:
    pass
# A TCP connection with data both ways on a high port.
srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 18443)); srv.listen(1)
c = socket.create_connection(("127.0.0.1", 18443)); a, _ = srv.accept()
c.sendall(b"hello " * 40); a.recv(1000); a.sendall(b"bye"); c.recv(10); c.close(); a.close()
PY
sleep 1
kill "$web"
kill -INT "$dump"
wait "$dump" || true
