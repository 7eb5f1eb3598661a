/* cgroup/connect4: Cilium-style socket load balancing; a connect() to a service VIP:port is rewritten to a backend from a hash map. */
#include "bpf4j.h"

struct service {
    __u32 vip;
    __u16 port;
    __u16 pad;
};

struct backend {
    __u32 ip;
    __u16 port;
    __u16 pad;
};

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 16);
    __type(key, struct service);
    __type(value, struct backend);
} services SEC(".maps");

SEC("cgroup/connect4")
int connect4(struct bpf_sock_addr *ctx)
{
    struct service key = { .vip = ctx->user_ip4, .port = (__u16)ctx->user_port, .pad = 0 };
    struct backend *b = bpf_map_lookup_elem(&services, &key);
    if (b) {
        ctx->user_ip4 = b->ip;
        ctx->user_port = b->port;
    }
    return 1;
}

char _license[] SEC("license") = "GPL";
