/* socket filter: prints the packet length and EtherType with bpf_trace_printk. */
#include "bpf4j.h"

SEC("socket")
int trace_len(struct __sk_buff *skb)
{
    char fmt[] = "len %d proto 0x%x\n";
    bpf_trace_printk(fmt, sizeof(fmt), skb->len, bswap16(skb->protocol));
    return 1;
}

char _license[] SEC("license") = "GPL";
