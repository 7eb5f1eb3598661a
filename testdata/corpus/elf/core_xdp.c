/* XDP with CO-RE field accesses: xdp_md read through preserve_access_index (resolved against bpf4j's own xdp_md). */
#include "bpf4j.h"

struct xdp_md___core {
    __u32 data;
    __u32 data_end;
    __u32 data_meta;
    __u32 ingress_ifindex;
} __attribute__((preserve_access_index));

SEC("xdp")
int core_len(struct xdp_md *ctx)
{
    struct xdp_md___core *c = (void *)ctx;
    return c->data_end - c->data + c->ingress_ifindex * 1000;
}

char _license[] SEC("license") = "GPL";
