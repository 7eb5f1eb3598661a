/* sched_cls: sums the first 16 bytes of the packet with bpf_loop and a callback, stores the sum in an array. */
#include "bpf4j.h"

struct loop_ctx {
    struct __sk_buff *skb;
    __u64 sum;
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, __u64);
} sums SEC(".maps");

static long add_byte(__u32 index, void *arg)
{
    struct loop_ctx *c = arg;
    __u8 byte;
    if (bpf_skb_load_bytes(c->skb, index, &byte, 1) < 0)
        return 1;
    c->sum += byte;
    return 0;
}

SEC("tc")
int sum_bytes(struct __sk_buff *skb)
{
    struct loop_ctx c = { .skb = skb, .sum = 0 };
    long n = bpf_loop(16, add_byte, &c, 0);
    __u32 key = 0;
    bpf_map_update_elem(&sums, &key, &c.sum, BPF_ANY);
    return n;
}

char _license[] SEC("license") = "GPL";
