/* kprobe with a CO-RE access to a kernel type bpf4j does not have (task_struct): loading must say so. */
#include "bpf4j.h"

struct task_struct {
    int pid;
} __attribute__((preserve_access_index));

SEC("kprobe/do_exit")
int task_pid(struct task_struct *task)
{
    return task->pid;
}

char _license[] SEC("license") = "GPL";
