/* socket filter with LD_ABS loads (the classic-BPF way): accepts TCP to port 80 over IPv4, returning the whole packet length. */
#include "bpf4j.h"

SEC("socket")
int http_only(struct __sk_buff *skb)
{
    /* A socket filter's skb->data starts at the IP header. */
    if ((load_byte(skb, 0) >> 4) != 4)
        return 0;
    if (load_byte(skb, 9) != 6)
        return 0;
    __u32 ihl = (load_byte(skb, 0) & 0xf) * 4;
    if (load_half(skb, ihl + 2) != 80)
        return 0;
    return skb->len;
}

char _license[] SEC("license") = "GPL";
