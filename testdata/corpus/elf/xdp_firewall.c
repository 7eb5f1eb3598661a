/* XDP firewall: drops IPv4 packets whose source is in a blocklist (LPM trie of prefixes), counts drops per rule in a hash map. */
#include "bpf4j.h"

struct lpm_key {
    __u32 prefixlen;
    __u32 addr;
};

struct {
    __uint(type, BPF_MAP_TYPE_LPM_TRIE);
    __uint(max_entries, 64);
    __type(key, struct lpm_key);
    __type(value, __u32);
    __uint(map_flags, BPF_F_NO_PREALLOC);
} blocklist SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 64);
    __type(key, __u32);
    __type(value, __u64);
} drops SEC(".maps");

SEC("xdp")
int firewall(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr_ *eth = data;
    struct iphdr_ *ip = (void *)(eth + 1);
    if ((void *)(ip + 1) > data_end)
        return XDP_PASS;
    if (eth->proto != bswap16(ETH_P_IP))
        return XDP_PASS;
    struct lpm_key key = { .prefixlen = 32, .addr = ip->saddr };
    __u32 *rule = bpf_map_lookup_elem(&blocklist, &key);
    if (!rule)
        return XDP_PASS;
    __u64 one = 1;
    __u64 *count = bpf_map_lookup_elem(&drops, rule);
    if (count)
        __sync_fetch_and_add(count, 1);
    else
        bpf_map_update_elem(&drops, rule, &one, BPF_NOEXIST);
    return XDP_DROP;
}

char _license[] SEC("license") = "GPL";
