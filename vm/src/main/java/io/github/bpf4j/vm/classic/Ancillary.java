package io.github.bpf4j.vm.classic;

/**
 * The Linux ancillary loads: {@code ld [SKF_AD_OFF + n]} reads packet metadata instead of the
 * packet. Names are libpcap's ({@code bpf_image}); bpf_asm spells some differently.
 */
enum Ancillary {
    PROTOCOL(0, "proto", "proto"),
    PKTTYPE(4, "type", "type"),
    IFINDEX(8, "ifidx", "ifidx"),
    NLATTR(12, "nla", "nla"),
    NLATTR_NEST(16, "nlan", "nlan"),
    MARK(20, "mark", "mark"),
    QUEUE(24, "queue", "queue"),
    HATYPE(28, "hatype", "hatype"),
    RXHASH(32, "rxhash", "rxhash"),
    CPU(36, "cpu", "cpu"),
    ALU_XOR_X(40, "xor_x", null),
    VLAN_TAG(44, "vlan_tci", "vlan_tci"),
    VLAN_TAG_PRESENT(48, "vlanp", "vlan_avail"),
    PAY_OFFSET(52, "poff", "poff"),
    RANDOM(56, "random", "rand"),
    VLAN_TPID(60, "vlan_tpid", "vlan_tpid");

    private static final Ancillary[] BY_INDEX = values();

    /** Offset after {@code SKF_AD_OFF}. */
    final int offset;
    /** How libpcap's bpf_image (tcpdump -d) prints it inside brackets. */
    final String imageName;
    /** The bpf_asm keyword, or null when bpf_asm has none. */
    final String asmName;

    Ancillary(int offset, String imageName, String asmName) {
        this.offset = offset;
        this.imageName = imageName;
        this.asmName = asmName;
    }

    /** The constant k of an absolute load of this field. */
    int k() {
        return ClassicOpcodes.SKF_AD_OFF + offset;
    }

    /** True when k lies in the ancillary area (the kernel rejects unknown ones there). */
    static boolean inArea(int k) {
        return Integer.compareUnsigned(k, ClassicOpcodes.SKF_AD_OFF) >= 0;
    }

    /** The ancillary field an absolute load of k reads, or null. */
    static Ancillary of(int k) {
        if (!inArea(k)) {
            return null;
        }
        int off = k - ClassicOpcodes.SKF_AD_OFF;
        return off % 4 == 0 && off / 4 < BY_INDEX.length ? BY_INDEX[off / 4] : null;
    }

    static Ancillary byImageName(String name) {
        for (Ancillary a : BY_INDEX) {
            if (a.imageName.equals(name)) {
                return a;
            }
        }
        return null;
    }

    static Ancillary byAsmName(String name) {
        if (name.equals("vlan_pr")) {
            return VLAN_TAG_PRESENT; // bpf_asm's other spelling
        }
        for (Ancillary a : BY_INDEX) {
            if (name.equals(a.asmName) || name.equals(a.imageName)) {
                return a;
            }
        }
        return null;
    }
}
