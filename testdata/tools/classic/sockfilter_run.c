/*
 * Loads eBPF socket filters into the running kernel and runs them over packets with
 * BPF_PROG_TEST_RUN. Reads commands from stdin, one per line:
 *     P <hex bytes of the eBPF program>   load it (replacing the previous one); prints "LOADED"
 *                                         or "REJECTED <verifier log on one line>"
 *     K <hex bytes of a packet>           run the loaded filter; prints the return value
 * The packet is what the filter sees at skb->data: the kernel's test run strips an Ethernet
 * header from a socket filter's input, so the tool prepends the packet's own first 14 bytes
 * (zero-padded), which also sets skb->protocol from the packet's EtherType.
 * Build: cc -O2 -o sockfilter_run sockfilter_run.c      (needs root or CAP_BPF + CAP_NET_ADMIN)
 */
#include <errno.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static char log_buf[1 << 20];

static size_t unhex(const char *s, unsigned char *out, size_t max) {
    size_t n = 0;
    while (s[0] && s[1] && s[0] != '\n' && n < max) {
        unsigned v;
        if (sscanf(s, "%2x", &v) != 1) break;
        out[n++] = (unsigned char) v;
        s += 2;
    }
    return n;
}

int main(void) {
    static char line[1 << 20];
    static unsigned char bytes[1 << 19];
    static unsigned char packet[(1 << 19) + 14];
    int fd = -1;
    setvbuf(stdout, NULL, _IOLBF, 0);
    while (fgets(line, sizeof line, stdin)) {
        if (line[0] == 'P') {
            size_t n = unhex(line + 2, bytes, sizeof bytes);
            if (fd >= 0) close(fd);
            union bpf_attr attr;
            memset(&attr, 0, sizeof attr);
            attr.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
            attr.insns = (unsigned long) bytes;
            attr.insn_cnt = (unsigned) (n / 8);
            attr.license = (unsigned long) "GPL";
            attr.log_buf = (unsigned long) log_buf;
            attr.log_size = sizeof log_buf;
            attr.log_level = 1;
            log_buf[0] = 0;
            fd = (int) syscall(__NR_bpf, BPF_PROG_LOAD, &attr, sizeof attr);
            if (fd < 0) {
                for (char *c = log_buf; *c; c++) if (*c == '\n') *c = ' ';
                printf("REJECTED %s: %s\n", strerror(errno), log_buf);
            } else {
                printf("LOADED\n");
            }
        } else if (line[0] == 'K') {
            size_t n = unhex(line + 2, packet + 14, sizeof packet - 14);
            memset(packet, 0, 14);
            memcpy(packet, packet + 14, n < 14 ? n : 14);
            union bpf_attr attr;
            memset(&attr, 0, sizeof attr);
            attr.test.prog_fd = (unsigned) fd;
            attr.test.data_in = (unsigned long) packet;
            attr.test.data_size_in = (unsigned) (n + 14);
            attr.test.repeat = 1;
            if (syscall(__NR_bpf, BPF_PROG_TEST_RUN, &attr, sizeof attr) < 0) {
                printf("ERROR %s\n", strerror(errno));
            } else {
                printf("%u\n", attr.test.retval);
            }
        }
    }
    return 0;
}
