#!/usr/bin/env bash
# Regenerates testdata/corpus/classic from real tcpdump and libpcap (never from bpf4j):
#   captures/     synthetic captures (make_synthetic.py) and a loopback capture (capture_loopback.sh)
#   captures.expected   what libpcap reads from each capture: index, seconds, nanoseconds, caplen, wire length
#   filters/NAME.expr   the tcpdump expression
#   filters/NAME.d|.dd|.ddd   tcpdump -d, -dd and -ddd output for it (DLT_EN10MB)
#   filters/NAME.expected     libpcap bpf_filter() result for every packet of every capture
#   disasm/instructions.d     libpcap bpf_image() of disasm/instructions.ddd (every opcode)
#   checker/NAME.ddd, checker.expected   checker cases and the kernel's verdicts (socket filter, seccomp)
#   filters.kernel            the kernel's verdict on each tcpdump filter (socket filter, seccomp)
#   seccomp/NAME.ddd, seccomp.expected   seccomp filters and what a process making calls under them observed
# Needs root (for the loopback capture), tcpdump, libpcap-dev, cc and python3.
# Usage: regenerate.sh [--keep-loopback]   (keeps the existing loopback.pcap instead of capturing anew)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpus=$(cd "$here/../../corpus" && pwd)/classic
mkdir -p "$corpus/captures" "$corpus/filters"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -Wall -o "$work/oracle" "$here/oracle.c" -lpcap
python3 "$here/make_synthetic.py" "$corpus/captures"
if [[ "${1:-}" != --keep-loopback || ! -f "$corpus/captures/loopback.pcap" ]]; then
    "$here/capture_loopback.sh" "$corpus/captures/loopback.pcap"
fi
captures=("$corpus"/captures/*)
"$work/oracle" --list "${captures[@]}" > "$corpus/captures.expected"
rm -f "$corpus"/filters/*
reference="$corpus/captures/synthetic.pcap"   # sets the link type tcpdump compiles for
grep -v '^#' "$here/filters.txt" | while IFS=$'\t' read -r name expr; do
    [[ -z "$name" ]] && continue
    printf '%s\n' "$expr" > "$corpus/filters/$name.expr"
    tcpdump -r "$reference" -d -- "$expr" > "$corpus/filters/$name.d" 2>/dev/null
    tcpdump -r "$reference" -dd -- "$expr" > "$corpus/filters/$name.dd" 2>/dev/null
    tcpdump -r "$reference" -ddd -- "$expr" > "$corpus/filters/$name.ddd" 2>/dev/null
    "$work/oracle" "$corpus/filters/$name.ddd" "${captures[@]}" > "$corpus/filters/$name.expected"
done
echo "$(ls "$corpus"/filters/*.ddd | wc -l) filters, ${#captures[@]} captures"
# Disassembly oracle: every classic opcode (disasm/instructions.ddd, written by hand) printed by
# libpcap's bpf_image(), exactly as tcpdump -d prints it.
cc -O2 -Wall -o "$work/image" "$here/image.c" -lpcap
"$work/image" "$corpus/disasm/instructions.ddd" > "$corpus/disasm/instructions.d"
# Checker oracle: the kernel's verdict on each checker/*.ddd case as a socket filter and as seccomp,
# and on every tcpdump filter (libpcap compiles protochain into a backward jump the kernel refuses).
python3 "$here/make_checker_cases.py" "$corpus/checker"
cc -O2 -Wall -o "$work/classic_accept" "$here/classic_accept.c"
"$work/classic_accept" "$corpus"/checker/*.ddd > "$corpus/checker.expected"
"$work/classic_accept" "$corpus"/filters/*.ddd > "$corpus/filters.kernel"
# Seccomp oracle: each seccomp/NAME.ddd installed in a child that makes the calls of
# seccomp/calls.txt; what the child observed (returned, errno=N, signal=N).
python3 "$here/make_seccomp_cases.py" "$corpus/seccomp"
cc -O2 -Wall -o "$work/seccomp_run" "$here/seccomp_run.c"
while read -r name nr a0 a1; do
    "$work/seccomp_run" "$corpus/seccomp/$name.ddd" "$nr" "$a0" "$a1"
done < "$corpus/seccomp/calls.txt" > "$corpus/seccomp.expected"
