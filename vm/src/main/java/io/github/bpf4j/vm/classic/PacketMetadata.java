package io.github.bpf4j.vm.classic;

import io.github.bpf4j.vm.pcap.CapturedPacket;

/**
 * What a Linux socket filter can read besides the packet bytes: the fields of the
 * {@code sk_buff} that the ancillary loads ({@code ld [SKF_AD_OFF + n]}) and {@code ld len} see,
 * and where the link and network headers start (for {@code SKF_LL_OFF} and {@code SKF_NET_OFF}
 * loads). Values are as the kernel presents them to a classic filter: {@code protocol} and
 * {@code vlanTpid} in host order (0x0800 for IPv4), {@code vlanTci} the whole tag control word.
 *
 * @param length        {@code skb->len}: what {@code ld len} gives; for a capture, the length on the wire
 * @param protocol      {@code skb->protocol}, the EtherType
 * @param pktType       {@code skb->pkt_type}: 0 host, 1 broadcast, 2 multicast, 3 other host, 4 outgoing
 * @param ifindex       interface index
 * @param mark          {@code skb->mark}
 * @param queueMapping  {@code skb->queue_mapping}
 * @param hatype        the device's ARPHRD type (1 for Ethernet)
 * @param rxhash        {@code skb->hash}
 * @param cpu           the processor running the filter
 * @param vlanTci       the offloaded VLAN tag
 * @param vlanPresent   whether a VLAN tag was offloaded
 * @param vlanTpid      the offloaded tag's protocol (0x8100, 0x88a8)
 * @param payloadOffset what the kernel's flow dissector gives for {@code poff}
 * @param linkOffset    where the link-layer header starts in the packet bytes
 * @param networkOffset where the network header starts in the packet bytes
 */
public record PacketMetadata(int length, int protocol, int pktType, int ifindex, int mark, int queueMapping,
                             int hatype, int rxhash, int cpu, int vlanTci, boolean vlanPresent, int vlanTpid,
                             int payloadOffset, int linkOffset, int networkOffset) {

    public static final int PACKET_HOST = 0;
    public static final int PACKET_BROADCAST = 1;
    public static final int PACKET_MULTICAST = 2;
    public static final int ARPHRD_ETHER = 1;

    /**
     * The metadata the kernel would give an Ethernet frame received on interface 1 by a packet
     * socket: the EtherType as protocol, the packet type from the destination address, the
     * network header right after the 14-byte Ethernet header, length = the frame's length.
     */
    public static PacketMetadata ethernet(byte[] frame) {
        int protocol = 0;
        int pktType = PACKET_HOST;
        if (frame.length >= 14) {
            int type = (frame[12] & 0xff) << 8 | (frame[13] & 0xff);
            // eth_type_trans: values below 0x600 are 802.3 lengths; the protocol is then
            // ETH_P_802_3 (raw IPX, payload starting 0xffff) or ETH_P_802_2.
            if (type >= 0x600) {
                protocol = type;
            } else if (frame.length >= 16 && frame[14] == (byte) 0xff && frame[15] == (byte) 0xff) {
                protocol = 0x0001;
            } else {
                protocol = 0x0004;
            }
            if ((frame[0] & 1) != 0) {
                boolean broadcast = true;
                for (int i = 0; i < 6; i++) {
                    broadcast &= frame[i] == (byte) 0xff;
                }
                pktType = broadcast ? PACKET_BROADCAST : PACKET_MULTICAST;
            }
        }
        return new PacketMetadata(frame.length, protocol, pktType, 1, 0, 0, ARPHRD_ETHER, 0, 0, 0, false, 0,
                0, 0, 14);
    }

    /**
     * The metadata for a captured Ethernet packet: {@link #ethernet} of its bytes, with
     * {@code ld len} giving its length on the wire as libpcap's {@code bpf_filter} does.
     */
    public static PacketMetadata of(CapturedPacket packet) {
        return ethernet(packet.data()).withLength(packet.originalLength());
    }

    /** The same with another {@code skb->len} (a capture's length on the wire). */
    public PacketMetadata withLength(int newLength) {
        return new PacketMetadata(newLength, protocol, pktType, ifindex, mark, queueMapping, hatype, rxhash, cpu,
                vlanTci, vlanPresent, vlanTpid, payloadOffset, linkOffset, networkOffset);
    }

    /** The same with another {@code skb->mark}. */
    public PacketMetadata withMark(int newMark) {
        return new PacketMetadata(length, protocol, pktType, ifindex, newMark, queueMapping, hatype, rxhash, cpu,
                vlanTci, vlanPresent, vlanTpid, payloadOffset, linkOffset, networkOffset);
    }

    /** The same with an offloaded VLAN tag ({@code tpid} 0x8100 or 0x88a8). */
    public PacketMetadata withVlan(int tci, int tpid) {
        return new PacketMetadata(length, protocol, pktType, ifindex, mark, queueMapping, hatype, rxhash, cpu,
                tci & 0xffff, true, tpid & 0xffff, payloadOffset, linkOffset, networkOffset);
    }
}
