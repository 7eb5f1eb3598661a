package io.github.bpf4j.vm.pcap;

import java.time.Instant;

/**
 * One packet of a capture file.
 *
 * @param index          its position in the file, from 0
 * @param epochSeconds   timestamp, seconds since 1970 (0 for a pcapng simple packet block, which has none)
 * @param nanos          the timestamp's fraction in nanoseconds, 0..999,999,999
 * @param originalLength the packet's length on the wire; {@code data} may be shorter (snap length)
 * @param linkType       the {@code LINKTYPE_*} of its interface (1 = Ethernet)
 * @param data           the captured bytes
 */
public record CapturedPacket(int index, long epochSeconds, int nanos, int originalLength, int linkType, byte[] data) {

    /** {@code LINKTYPE_ETHERNET}. */
    public static final int LINKTYPE_ETHERNET = 1;

    public CapturedPacket {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The number of captured bytes. */
    public int capturedLength() {
        return data.length;
    }

    public Instant timestamp() {
        return Instant.ofEpochSecond(epochSeconds, nanos);
    }
}
