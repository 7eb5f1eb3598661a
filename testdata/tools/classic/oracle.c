/*
 * Runs a classic BPF program, as printed by `tcpdump -ddd`, over every packet of pcap files
 * with libpcap's own bpf_filter(), and prints one line per packet:
 *     CAPTURE-FILE-NAME PACKET-INDEX RESULT
 * or, with --list instead of a filter, what libpcap reads from the captures:
 *     CAPTURE-FILE-NAME PACKET-INDEX SECONDS NANOSECONDS CAPTURED-LENGTH WIRE-LENGTH
 * Build: cc -O2 -o oracle oracle.c -lpcap
 * Usage: oracle FILTER.ddd|--list CAPTURE...
 */
#include <pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libgen.h>

static int read_program(const char *path, struct bpf_program *prog) {
    FILE *f = fopen(path, "r");
    if (!f) { perror(path); return -1; }
    unsigned n;
    if (fscanf(f, "%u", &n) != 1 || n == 0) { fprintf(stderr, "%s: bad count\n", path); return -1; }
    prog->bf_len = n;
    prog->bf_insns = calloc(n, sizeof(struct bpf_insn));
    for (unsigned i = 0; i < n; i++) {
        unsigned code, jt, jf, k;
        if (fscanf(f, "%u %u %u %u", &code, &jt, &jf, &k) != 4) {
            fprintf(stderr, "%s: instruction %u truncated\n", path, i);
            return -1;
        }
        prog->bf_insns[i].code = (u_short) code;
        prog->bf_insns[i].jt = (u_char) jt;
        prog->bf_insns[i].jf = (u_char) jf;
        prog->bf_insns[i].k = k;
    }
    fclose(f);
    if (!bpf_validate(prog->bf_insns, (int) n)) {
        fprintf(stderr, "%s: bpf_validate rejects the program\n", path);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: oracle FILTER.ddd|--list CAPTURE...\n"); return 2; }
    struct bpf_program prog;
    int list = strcmp(argv[1], "--list") == 0;
    if (!list && read_program(argv[1], &prog) != 0) return 1;
    for (int a = 2; a < argc; a++) {
        char err[PCAP_ERRBUF_SIZE];
        pcap_t *p = pcap_open_offline_with_tstamp_precision(argv[a], PCAP_TSTAMP_PRECISION_NANO, err);
        if (!p) { fprintf(stderr, "%s\n", err); return 1; }
        char *name = basename(strdup(argv[a]));
        struct pcap_pkthdr *h;
        const u_char *data;
        int rc, index = 0;
        while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
            if (list) {
                printf("%s %d %ld %ld %u %u\n", name, index++, (long) h->ts.tv_sec, (long) h->ts.tv_usec,
                       h->caplen, h->len);
            } else {
                printf("%s %d %u\n", name, index++, bpf_filter(prog.bf_insns, data, h->len, h->caplen));
            }
        }
        if (rc != PCAP_ERROR_BREAK) { fprintf(stderr, "%s: %s\n", argv[a], pcap_geterr(p)); return 1; }
        pcap_close(p);
    }
    return 0;
}
