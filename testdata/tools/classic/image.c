/*
 * Prints a classic BPF program given as `tcpdump -ddd` text the way `tcpdump -d` does, with
 * libpcap's own bpf_image(): the oracle for instructions tcpdump's compiler never emits
 * (ancillary loads, txa, ja, ret a, ...).
 * Build: cc -O2 -o image image.c -lpcap     Usage: image PROGRAM.ddd
 */
#include <pcap.h>
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: image PROGRAM.ddd\n"); return 2; }
    FILE *f = fopen(argv[1], "r");
    if (!f) { perror(argv[1]); return 1; }
    unsigned n;
    if (fscanf(f, "%u", &n) != 1) { fprintf(stderr, "%s: bad count\n", argv[1]); return 1; }
    for (unsigned i = 0; i < n; i++) {
        unsigned code, jt, jf, k;
        if (fscanf(f, "%u %u %u %u", &code, &jt, &jf, &k) != 4) {
            fprintf(stderr, "%s: instruction %u truncated\n", argv[1], i);
            return 1;
        }
        struct bpf_insn insn = { (u_short) code, (u_char) jt, (u_char) jf, k };
        puts(bpf_image(&insn, (int) i));
    }
    return 0;
}
