/* tc: copies __sk_buff fields the kernel's test run sets (len, pkt_type, protocol, ifindex, packet length) into an array. */
#include "bpf4j.h"

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 8);
    __type(key, __u32);
    __type(value, __u64);
} fields SEC(".maps");

static __always_inline void put(__u32 index, __u64 value)
{
    bpf_map_update_elem(&fields, &index, &value, BPF_ANY);
}

SEC("tc")
int skb_fields(struct __sk_buff *skb)
{
    put(0, skb->len);
    put(1, skb->pkt_type);
    put(2, skb->protocol);
    put(3, skb->ifindex);
    put(4, (long)skb->data_end - (long)skb->data);
    put(5, skb->vlan_present);
    return skb->len;
}

char _license[] SEC("license") = "GPL";
