/*
 * Runs a seccomp filter for real: a forked child installs it (no_new_privs) and makes one
 * system call; prints what the caller observed:
 *     NAME NR ARG0 ARG1 returned       the call went through (ALLOW, LOG)
 *     NAME NR ARG0 ARG1 errno=N        it failed with errno N (ERRNO(N); TRACE and USER_NOTIF
 *                                      give ENOSYS without a tracer or listener)
 *     NAME NR ARG0 ARG1 signal=N       the child died of signal N (KILL_*, TRAP: SIGSYS = 31)
 * Usage: seccomp_run FILTER.ddd NR ARG0 ARG1   (ARG0, ARG1: 64-bit values in decimal or 0x hex)
 * Build: cc -O2 -o seccomp_run seccomp_run.c
 */
#include <errno.h>
#include <libgen.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 5) { fprintf(stderr, "usage: seccomp_run FILTER.ddd NR ARG0 ARG1\n"); return 2; }
    FILE *f = fopen(argv[1], "r");
    unsigned n;
    if (!f || fscanf(f, "%u", &n) != 1) { fprintf(stderr, "%s: unreadable\n", argv[1]); return 1; }
    struct sock_filter *insns = calloc(n, sizeof *insns);
    for (unsigned i = 0; i < n; i++) {
        unsigned code, jt, jf, k;
        if (fscanf(f, "%u %u %u %u", &code, &jt, &jf, &k) != 4) { fprintf(stderr, "%s: truncated\n", argv[1]); return 1; }
        insns[i] = (struct sock_filter) { (unsigned short) code, (unsigned char) jt, (unsigned char) jf, k };
    }
    long nr = strtol(argv[2], NULL, 0);
    unsigned long a0 = strtoull(argv[3], NULL, 0), a1 = strtoull(argv[4], NULL, 0);
    int pipefd[2];
    if (pipe(pipefd) != 0) return 1;
    pid_t pid = fork();
    if (pid == 0) {
        struct sock_fprog prog = { (unsigned short) n, insns };
        close(pipefd[0]);
        prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
        if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0) _exit(100);
        long r = syscall(nr, a0, a1, 0, 0, 0, 0);
        int e = r < 0 ? errno : 0;
        /* write(2) and exit_group(2) must pass the filter for the answer to arrive. */
        if (write(pipefd[1], &e, sizeof e) != sizeof e) _exit(101);
        _exit(0);
    }
    close(pipefd[1]);
    int e = -1;
    ssize_t got = read(pipefd[0], &e, sizeof e);
    int status;
    waitpid(pid, &status, 0);
    char *name = basename(argv[1]);
    name[strlen(name) - 4] = 0;
    printf("%s %s %s %s ", name, argv[2], argv[3], argv[4]);
    if (got == sizeof e && e == 0) printf("returned\n");
    else if (got == sizeof e) printf("errno=%d\n", e);
    else if (WIFSIGNALED(status)) printf("signal=%d\n", WTERMSIG(status));
    else printf("exit=%d\n", WEXITSTATUS(status));
    return 0;
}
