package io.github.bpf4j.verifier;

/**
 * Helpers that may move, grow, shrink or rewrite the packet (the kernel's
 * bpf_helper_changes_pkt_data): after a call to one of them no packet pointer of the path may be
 * used, in any frame or stack slot, until the program loads data and data_end again (kernel:
 * clear_all_pkt_pointers). Taken from Linux 6.18 by calling each tc and xdp helper between a
 * proven packet access and a read through the same pointer.
 */
final class PacketChangingHelpers {
    private static final boolean[] CHANGES = new boolean[HelperPrototypes.FUNC_MAX_ID];

    static {
        int[] ids = {
            9,  // skb_store_bytes
            10, // l3_csum_replace
            11, // l4_csum_replace
            13, // clone_redirect
            18, // skb_vlan_push
            19, // skb_vlan_pop
            31, // skb_change_proto
            38, // skb_change_tail
            39, // skb_pull_data
            43, // skb_change_head
            44, // xdp_adjust_head
            50, // skb_adjust_room
            54, // xdp_adjust_meta
            65, // xdp_adjust_tail
        };
        for (int id : ids) {
            CHANGES[id] = true;
        }
    }

    private PacketChangingHelpers() {}

    /** Whether a call to helper {@code id} may change the packet's data (0 <= id < FUNC_MAX_ID). */
    static boolean changesPacketData(int id) {
        return CHANGES[id];
    }

    /**
     * Makes every packet, packet-meta and packet-end pointer of the path unusable: an unknown
     * scalar where pointer leaks are allowed (root), uninitialised otherwise (kernel: mark_reg_invalid).
     */
    static void invalidatePacketPointers(VerifierState st, boolean allowPtrLeaks) {
        for (FrameState f : st.frames) {
            for (RegState r : f.regs) {
                invalidateIfPacket(r, allowPtrLeaks);
            }
            for (int spi = 0; spi < f.allocatedStack / 8; spi++) {
                if (f.spilled[spi] != null) {
                    invalidateIfPacket(f.spilled[spi], allowPtrLeaks);
                }
            }
        }
    }

    private static void invalidateIfPacket(RegState r, boolean allowPtrLeaks) {
        if (r.type.isPacket() || r.type == RegType.PTR_TO_PACKET_END) {
            if (allowPtrLeaks) {
                r.markUnknown();
            } else {
                r.markNotInit();
            }
        }
    }
}
