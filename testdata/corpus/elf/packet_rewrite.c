/* tc and xdp: rewrite packets with helpers that change packet data (checksums, store_bytes,
 * adjust_head/tail) and load data and data_end again after them; the stale_* programs keep a
 * pointer from before such a call, which the kernel's verifier rejects. */
#include "bpf4j.h"
static long (*bpf_skb_store_bytes)(void *skb, __u32 offset, const void *from, __u32 len, __u64 flags) = (void *) 9;
static long (*bpf_l3_csum_replace)(void *skb, __u32 offset, __u64 from, __u64 to, __u64 size) = (void *) 10;
static long (*bpf_l4_csum_replace)(void *skb, __u32 offset, __u64 from, __u64 to, __u64 flags) = (void *) 11;
static long (*bpf_redirect)(__u32 ifindex, __u64 flags) = (void *) 23;
static long (*bpf_skb_pull_data)(void *skb, __u32 len) = (void *) 39;
static long (*bpf_xdp_adjust_head)(void *xdp, int delta) = (void *) 44;
static long (*bpf_xdp_adjust_tail)(void *xdp, int delta) = (void *) 65;
static __s64 (*bpf_csum_diff)(__u32 *from, __u32 from_size, __u32 *to, __u32 to_size, __u32 seed) = (void *) 28;
static __u32 (*bpf_get_hash_recalc)(void *skb) = (void *) 34;

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 64);
    __type(key, __u32);
    __type(value, __u32);
} nat SEC(".maps");

SEC("tc")
int dnat(struct __sk_buff *skb)
{
    if (skb->len < 34)
        bpf_skb_pull_data(skb, 34);
    void *data = (void *)(long)skb->data;
    void *end = (void *)(long)skb->data_end;
    struct ethhdr_ *eth = data;
    struct iphdr_ *ip = data + sizeof(*eth);
    if ((void *)(ip + 1) > end)
        return 0;
    if (eth->proto != bswap16(ETH_P_IP))
        return 0;
    __u32 old = ip->daddr;
    __u32 *new = bpf_map_lookup_elem(&nat, &old);
    if (!new)
        return 0;
    __u32 to = *new;
    __u8 proto = ip->protocol;
    bpf_l3_csum_replace(skb, 14 + 10, old, to, 4);
    if (proto == 6)
        bpf_l4_csum_replace(skb, 14 + 20 + 16, old, to, 0x10 | 4);
    bpf_skb_store_bytes(skb, 14 + 16, &to, 4, 0);
    data = (void *)(long)skb->data;
    end = (void *)(long)skb->data_end;
    ip = data + sizeof(*eth);
    if ((void *)(ip + 1) > end)
        return 2;
    if (ip->daddr != to)
        return 2;
    skb->mark = bpf_get_hash_recalc(skb);
    return bpf_redirect(skb->ifindex, 0);
}

SEC("xdp")
int decap(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *end = (void *)(long)ctx->data_end;
    struct ethhdr_ *eth = data;
    if ((void *)(eth + 1) > end)
        return 1;
    struct ethhdr_ copy = *eth;
    if (bpf_xdp_adjust_head(ctx, 4))
        return 1;
    data = (void *)(long)ctx->data;
    end = (void *)(long)ctx->data_end;
    eth = data;
    struct iphdr_ *ip = data + sizeof(*eth);
    if ((void *)(ip + 1) > end)
        return 1;
    __builtin_memcpy(eth, &copy, sizeof(copy));
    __s64 sum = bpf_csum_diff(0, 0, (__u32 *)ip, sizeof(*ip), 0);
    ip->check = (__u16)sum;
    bpf_xdp_adjust_tail(ctx, -4);
    return 2;
}

SEC("tc/stale")
int stale_dnat(struct __sk_buff *skb)
{
    if (skb->len < 34)
        bpf_skb_pull_data(skb, 34);
    void *data = (void *)(long)skb->data;
    void *end = (void *)(long)skb->data_end;
    struct ethhdr_ *eth = data;
    struct iphdr_ *ip = data + sizeof(*eth);
    if ((void *)(ip + 1) > end)
        return 0;
    if (eth->proto != bswap16(ETH_P_IP))
        return 0;
    __u32 old = ip->daddr;
    __u32 *new = bpf_map_lookup_elem(&nat, &old);
    if (!new)
        return 0;
    __u32 to = *new;
    __u8 proto = ip->protocol;
    bpf_l3_csum_replace(skb, 14 + 10, old, to, 4);
    if (proto == 6)
        bpf_l4_csum_replace(skb, 14 + 20 + 16, old, to, 0x10 | 4);
    bpf_skb_store_bytes(skb, 14 + 16, &to, 4, 0);
    if (ip->daddr != to)
        return 2;
    skb->mark = bpf_get_hash_recalc(skb);
    return bpf_redirect(skb->ifindex, 0);
}

SEC("xdp/stale")
int stale_decap(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *end = (void *)(long)ctx->data_end;
    struct ethhdr_ *eth = data;
    if ((void *)(eth + 1) > end)
        return 1;
    struct ethhdr_ copy = *eth;
    if (bpf_xdp_adjust_head(ctx, 4))
        return 1;
    data = (void *)(long)ctx->data;
    end = (void *)(long)ctx->data_end;
    eth = data;
    struct iphdr_ *ip = data + sizeof(*eth);
    if ((void *)(ip + 1) > end)
        return 1;
    __builtin_memcpy(eth, &copy, sizeof(copy));
    __s64 sum = bpf_csum_diff(0, 0, (__u32 *)ip, sizeof(*ip), 0);
    bpf_xdp_adjust_tail(ctx, -4);
    ip->check = (__u16)sum;
    return 2;
}

char _license[] SEC("license") = "GPL";
