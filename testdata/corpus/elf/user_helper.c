/* XDP calling a helper the user registers in Java (number 1000): it classifies the packet length, the program counts per class. */
#include "bpf4j.h"

static long (*classify)(__u32 length) = (void *) 1000;

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 8);
    __type(key, __u32);
    __type(value, __u64);
} classes SEC(".maps");

SEC("xdp")
int count_classes(struct xdp_md *ctx)
{
    __u32 cls = classify(ctx->data_end - ctx->data) & 7;
    __u64 *count = bpf_map_lookup_elem(&classes, &cls);
    if (count)
        __sync_fetch_and_add(count, 1);
    return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
