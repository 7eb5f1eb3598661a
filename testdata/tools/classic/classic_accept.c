/*
 * Asks the running kernel whether it accepts classic programs (tcpdump -ddd form): as a socket
 * filter (SO_ATTACH_FILTER on a UDP socket) and as a seccomp filter (PR_SET_SECCOMP in a forked
 * child with no_new_privs). Prints one line per file:  NAME SOCKET-VERDICT SECCOMP-VERDICT
 * where a verdict is "accept" or the errno name. Usage: classic_accept FILE.ddd...
 * Build: cc -O2 -o classic_accept classic_accept.c
 */
#include <errno.h>
#include <libgen.h>
#include <signal.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *verdict(int err) {
    return err == 0 ? "accept" : err == EINVAL ? "EINVAL" : err == ENOMEM ? "ENOMEM" : strerror(err);
}

int main(int argc, char **argv) {
    for (int a = 1; a < argc; a++) {
        FILE *f = fopen(argv[a], "r");
        unsigned n;
        if (!f || fscanf(f, "%u", &n) != 1) { fprintf(stderr, "%s: unreadable\n", argv[a]); return 1; }
        struct sock_filter *insns = calloc(n ? n : 1, sizeof *insns);
        for (unsigned i = 0; i < n; i++) {
            unsigned code, jt, jf, k;
            if (fscanf(f, "%u %u %u %u", &code, &jt, &jf, &k) != 4) { fprintf(stderr, "%s: truncated\n", argv[a]); return 1; }
            insns[i] = (struct sock_filter) { (unsigned short) code, (unsigned char) jt, (unsigned char) jf, k };
        }
        fclose(f);
        struct sock_fprog prog = { (unsigned short) n, insns };
        int s = socket(AF_INET, SOCK_DGRAM, 0);
        int sock_err = setsockopt(s, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog) == 0 ? 0 : errno;
        close(s);
        pid_t pid = fork();
        if (pid == 0) {
            prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
            _exit(prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) == 0 ? 0 : errno);
        }
        int status;
        waitpid(pid, &status, 0);
        /* A filter that kills (ret 0) takes the child down at its exit call: it was installed. */
        int seccomp_err = WIFEXITED(status) ? WEXITSTATUS(status)
                : WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS ? 0 : 255;
        char *name = basename(argv[a]);
        name[strlen(name) - 4] = 0;
        printf("%s %s %s\n", name, verdict(sock_err), verdict(seccomp_err));
        free(insns);
    }
    return 0;
}
