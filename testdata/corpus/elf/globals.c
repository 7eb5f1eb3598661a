/* socket filter with global variables: .rodata config, .data and .bss counters, a string in .rodata.str1.1, a .text subprogram. */
#include "bpf4j.h"

const volatile __u32 min_length = 60;
__u64 accepted = 0;
__u64 rejected = 7;
char last_verdict[8];

static __attribute__((noinline)) int judge(__u32 length)
{
    return length >= min_length;
}

SEC("socket")
int filter(struct __sk_buff *skb)
{
    if (judge(skb->len)) {
        accepted++;
        __builtin_memcpy(last_verdict, "accept", 7);
        return skb->len;
    }
    rejected++;
    __builtin_memcpy(last_verdict, "reject", 7);
    return 0;
}

char _license[] SEC("license") = "GPL";
