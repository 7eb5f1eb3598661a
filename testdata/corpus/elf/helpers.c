/* tracepoint: calls task, memory, string, queue, iteration and perf helpers and stores what they return. */
#include "bpf4j.h"

struct {
    __uint(type, BPF_MAP_TYPE_QUEUE);
    __uint(max_entries, 4);
    __type(value, __u32);
} queue SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 4);
    __type(key, __u32);
    __type(value, __u64);
} numbers SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
    __uint(key_size, 4);
    __uint(value_size, 4);
    __uint(max_entries, 2);
} samples SEC(".maps");

struct result {
    __u64 pid_tgid;
    __u64 uid_gid;
    char comm[16];
    char copied[8];
    long str_len;
    char text[16];
    char formatted[32];
    long formatted_len;
    long cmp_equal;
    long cmp_less;
    __u32 popped[3];
    __u32 peeked;
    long pop_empty;
    __u64 sum;
    long visited;
    long perf;
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct result);
} results SEC(".maps");

static const char fmt[] = "n=%d text=%s";
static const char hello[] = "hello";

static long add_value(void *map, __u32 *key, __u64 *value, void *ctx)
{
    *(__u64 *)ctx += *value;
    return 0;
}

SEC("tracepoint/syscalls/sys_enter_write")
int helpers(void *ctx)
{
    __u32 zero = 0;
    struct result *r = bpf_map_lookup_elem(&results, &zero);
    if (!r)
        return 1;
    r->pid_tgid = bpf_get_current_pid_tgid();
    r->uid_gid = bpf_get_current_uid_gid();
    bpf_get_current_comm(r->comm, sizeof(r->comm));
    bpf_probe_read_kernel(r->copied, sizeof(r->copied), ctx);
    r->str_len = bpf_probe_read_kernel_str(r->text, sizeof(r->text), ctx + 8);
    __u64 args[2] = { 42, (__u64)(long)r->text };
    r->formatted_len = bpf_snprintf(r->formatted, sizeof(r->formatted), fmt, args, sizeof(args));
    r->cmp_equal = bpf_strncmp(r->text, 6, hello);
    r->cmp_less = bpf_strncmp(r->comm, 6, hello);
    for (__u32 v = 10; v <= 30; v += 10)
        bpf_map_push_elem(&queue, &v, BPF_ANY);
    bpf_map_peek_elem(&queue, &r->peeked);
    bpf_map_pop_elem(&queue, &r->popped[0]);
    bpf_map_pop_elem(&queue, &r->popped[1]);
    bpf_map_pop_elem(&queue, &r->popped[2]);
    r->pop_empty = bpf_map_pop_elem(&queue, &zero);
    __u64 sum = 0;
    r->visited = bpf_for_each_map_elem(&numbers, add_value, &sum, 0);
    r->sum = sum;
    r->perf = bpf_perf_event_output(ctx, &samples, BPF_F_CURRENT_CPU, &r->pid_tgid, sizeof(r->pid_tgid));
    return 0;
}

char _license[] SEC("license") = "GPL";
