/* XDP: counts packets and bytes per IP protocol (array indexed by protocol number); BTF-defined map. */
#include "bpf4j.h"

struct counts {
    __u64 packets;
    __u64 bytes;
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 256);
    __type(key, __u32);
    __type(value, struct counts);
} per_protocol SEC(".maps");

SEC("xdp")
int count_packets(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr_ *eth = data;
    if ((void *)(eth + 1) > data_end)
        return XDP_DROP;
    if (eth->proto != bswap16(ETH_P_IP))
        return XDP_PASS;
    struct iphdr_ *ip = (void *)(eth + 1);
    if ((void *)(ip + 1) > data_end)
        return XDP_DROP;
    __u32 key = ip->protocol;
    struct counts *c = bpf_map_lookup_elem(&per_protocol, &key);
    if (!c)
        return XDP_ABORTED;
    __sync_fetch_and_add(&c->packets, 1);
    __sync_fetch_and_add(&c->bytes, data_end - data);
    return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
