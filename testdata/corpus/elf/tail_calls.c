/* XDP dispatcher: tail-calls a handler per EtherType from a prog_array; handlers count in a shared array. */
#include "bpf4j.h"

struct {
    __uint(type, BPF_MAP_TYPE_PROG_ARRAY);
    __uint(max_entries, 4);
    __type(key, __u32);
    __type(value, __u32);
} handlers SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 4);
    __type(key, __u32);
    __type(value, __u64);
} seen SEC(".maps");

static __always_inline int count(__u32 slot)
{
    __u64 *c = bpf_map_lookup_elem(&seen, &slot);
    if (c)
        __sync_fetch_and_add(c, 1);
    return 0;
}

SEC("xdp")
int dispatch(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr_ *eth = data;
    if ((void *)(eth + 1) > data_end)
        return XDP_DROP;
    if (eth->proto == bswap16(ETH_P_IP))
        bpf_tail_call(ctx, &handlers, 0);
    else if (eth->proto == bswap16(ETH_P_IPV6))
        bpf_tail_call(ctx, &handlers, 1);
    count(3);
    return XDP_PASS;
}

SEC("xdp")
int handle_ipv4(struct xdp_md *ctx)
{
    count(0);
    return XDP_TX;
}

SEC("xdp")
int handle_ipv6(struct xdp_md *ctx)
{
    count(1);
    return XDP_DROP;
}

char _license[] SEC("license") = "GPL";
