/* kprobe: a log2 histogram of the first argument (as bpftrace's hist()), e.g. a latency in microseconds. */
#include "bpf4j.h"

struct pt_regs_x86 {
    unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8, ax, cx, dx, si, di;
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 65);
    __type(key, __u32);
    __type(value, __u64);
} hist SEC(".maps");

static __always_inline __u32 log2_bucket(__u64 v)
{
    /* bpftrace: bucket 0 holds 0, bucket n+1 holds [2^n, 2^(n+1)). */
    __u32 n = 0;
    if (v == 0)
        return 0;
    if (v >> 32) { v >>= 32; n += 32; }
    if (v >> 16) { v >>= 16; n += 16; }
    if (v >> 8) { v >>= 8; n += 8; }
    if (v >> 4) { v >>= 4; n += 4; }
    if (v >> 2) { v >>= 2; n += 2; }
    if (v >> 1) { n += 1; }
    return n + 1;
}

SEC("kprobe/do_work")
int record(struct pt_regs_x86 *ctx)
{
    __u32 bucket = log2_bucket(ctx->di);
    __u64 *count = bpf_map_lookup_elem(&hist, &bucket);
    if (count)
        __sync_fetch_and_add(count, 1);
    return 0;
}

char _license[] SEC("license") = "GPL";
