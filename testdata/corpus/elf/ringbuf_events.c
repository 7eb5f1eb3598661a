/* XDP: one ringbuf event per packet (reserve/submit), and a copy of the first 4 bytes with bpf_ringbuf_output. */
#include "bpf4j.h"

struct event {
    __u32 length;
    __u16 proto;
    __u16 pad;
};

struct {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 4096);
} events SEC(".maps");

SEC("xdp")
int emit(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr_ *eth = data;
    if ((void *)(eth + 1) > data_end)
        return XDP_PASS;
    struct event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
    if (!e)
        return XDP_DROP;
    e->length = data_end - data;
    e->proto = bswap16(eth->proto);
    e->pad = 0;
    bpf_ringbuf_submit(e, 0);
    __u32 head = *(__u32 *)data;
    bpf_ringbuf_output(&events, &head, sizeof(head), 0);
    return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
