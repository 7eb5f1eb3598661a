package io.github.bpf4j.vm.helpers;

import io.github.bpf4j.vm.BpfFault;
import io.github.bpf4j.vm.HelperContext;
import io.github.bpf4j.vm.ProgramType;
import io.github.bpf4j.vm.maps.Errno;

/**
 * The socket-buffer and XDP helpers that change packet data or compute over it, with the
 * behaviour of the kernel's net/core/filter.c for a test run: the packet is linear and its
 * checksum state is CHECKSUM_NONE, so the skb checksum bookkeeping has nothing to update.
 */
final class PacketHelpers {
    static final long BPF_F_RECOMPUTE_CSUM = 1, BPF_F_INVALIDATE_HASH = 2;
    static final long BPF_F_HDR_FIELD_MASK = 0xf, BPF_F_PSEUDO_HDR = 0x10, BPF_F_MARK_MANGLED_0 = 0x20,
            BPF_F_MARK_ENFORCE = 0x40, BPF_F_IPV6 = 0x80;
    static final long BPF_F_INGRESS = 1;
    static final long TC_ACT_SHOT = 2, TC_ACT_REDIRECT = 7, XDP_ABORTED = 0, XDP_REDIRECT = 4;
    /** CSUM_MANGLED_0: how a UDP checksum of 0 (none) is written after a change. */
    static final int CSUM_MANGLED_0 = 0xffff;

    private PacketHelpers() {}

    /** The packet bytes of a socket-buffer program (skb->data onwards). */
    private static byte[] packet(HelperContext x, String helper) {
        ProgramType type = x.environment().current().type();
        if (type != ProgramType.SCHED_CLS && type != ProgramType.SCHED_ACT) {
            throw new BpfFault(BpfFault.Kind.HELPER_ERROR, x.pc(), 0, helper + " needs a tc (sched_cls/act) context");
        }
        return x.memory().input();
    }

    /** Whether the first {@code length} bytes can be written: what bpf_try_make_writable checks. */
    private static boolean writable(byte[] packet, long length) {
        return length >= 0 && length <= packet.length;
    }

    static long skbStoreBytes(long ctx, long offset, long from, long len, long flags, HelperContext x) {
        byte[] packet = packet(x, "skb_store_bytes");
        if ((flags & ~(BPF_F_RECOMPUTE_CSUM | BPF_F_INVALIDATE_HASH)) != 0) {
            return -Errno.EINVAL;
        }
        long start = offset & 0xffff_ffffL;
        long n = len & 0xffff_ffffL;
        if (start > Integer.MAX_VALUE || !writable(packet, (start + n) & 0xffff_ffffL)) {
            return -Errno.EFAULT;
        }
        byte[] source = x.memory().read(from, (int) n, x.pc());
        System.arraycopy(source, 0, packet, (int) start, (int) n);
        return 0;
    }

    static long skbPullData(long ctx, long len, long c, long d, long e, HelperContext x) {
        byte[] packet = packet(x, "skb_pull_data");
        // len 0 means the linear head, which is the whole packet in a test run.
        return writable(packet, len & 0xffff_ffffL) ? 0 : -Errno.ENOMEM;
    }

    /** The 16-bit checksum field at {@code offset}, or a negative errno. */
    private static long checksumField(byte[] packet, long offset) {
        long at = offset & 0xffff_ffffL;
        if (at > 0xffff || (at & 1) != 0 || !writable(packet, at + 2)) {
            return -Errno.EFAULT;
        }
        return (packet[(int) at] & 0xff) | (packet[(int) at + 1] & 0xff) << 8;
    }

    private static void putField(byte[] packet, long offset, int value) {
        packet[(int) offset] = (byte) value;
        packet[(int) offset + 1] = (byte) (value >>> 8);
    }

    static long l3CsumReplace(long ctx, long offset, long from, long to, long flags, HelperContext x) {
        byte[] packet = packet(x, "l3_csum_replace");
        if ((flags & ~BPF_F_HDR_FIELD_MASK) != 0) {
            return -Errno.EINVAL;
        }
        long field = checksumField(packet, offset);
        if (field < 0) {
            return field;
        }
        Long updated = replaced((int) field, from, to, flags);
        if (updated == null) {
            return -Errno.EINVAL;
        }
        putField(packet, offset, updated.intValue());
        return 0;
    }

    static long l4CsumReplace(long ctx, long offset, long from, long to, long flags, HelperContext x) {
        byte[] packet = packet(x, "l4_csum_replace");
        if ((flags & ~(BPF_F_HDR_FIELD_MASK | BPF_F_PSEUDO_HDR | BPF_F_MARK_MANGLED_0 | BPF_F_MARK_ENFORCE
                | BPF_F_IPV6)) != 0) {
            return -Errno.EINVAL;
        }
        long field = checksumField(packet, offset);
        if (field < 0) {
            return field;
        }
        boolean mangled0 = (flags & BPF_F_MARK_MANGLED_0) != 0;
        if (mangled0 && (flags & BPF_F_MARK_ENFORCE) == 0 && field == 0) {
            return 0; // a UDP packet without a checksum keeps none
        }
        // Without CHECKSUM_PARTIAL (a test run's packets) the pseudo-header flag changes nothing:
        // the field is updated in full either way.
        Long updated = replaced((int) field, from, to, flags);
        if (updated == null) {
            return -Errno.EINVAL;
        }
        int value = updated.intValue();
        putField(packet, offset, mangled0 && value == 0 ? CSUM_MANGLED_0 : value);
        return 0;
    }

    /** The new field for the size in the flags' low bits, or null for an invalid combination. */
    private static Long replaced(int field, long from, long to, long flags) {
        switch ((int) (flags & BPF_F_HDR_FIELD_MASK)) {
            case 0:
                return from != 0 ? null : (long) InternetChecksum.replaceByDiff(field, to);
            case 2:
                return (long) InternetChecksum.replace(field, from & 0xffff, to & 0xffff);
            case 4:
                return (long) InternetChecksum.replace(field, from & 0xffff_ffffL, to & 0xffff_ffffL);
            default:
                return null;
        }
    }

    /**
     * The ones'-complement sum of {@code to} (seeded) minus that of {@code from}, folded to 16
     * bits but not complemented: what Linux 6.18 returns on every architecture. Any sizes are
     * accepted (the kernel no longer asks for multiples of 4).
     */
    static long csumDiff(long from, long fromSize, long to, long toSize, long seed, HelperContext x) {
        int fromBytes = size(fromSize, x), toBytes = size(toSize, x);
        long s = seed & 0xffff_ffffL;
        long sum;
        if (fromBytes > 0 && toBytes > 0) {
            sum = InternetChecksum.sub(InternetChecksum.partial(x.memory().read(to, toBytes, x.pc()), s),
                    InternetChecksum.partial(x.memory().read(from, fromBytes, x.pc()), 0));
        } else if (toBytes > 0) {
            sum = InternetChecksum.partial(x.memory().read(to, toBytes, x.pc()), s);
        } else if (fromBytes > 0) {
            sum = ~InternetChecksum.partial(x.memory().read(from, fromBytes, x.pc()), ~s) & 0xffff_ffffL;
        } else {
            sum = s;
        }
        return InternetChecksum.fold16(sum);
    }

    private static int size(long size, HelperContext x) {
        long n = size & 0xffff_ffffL;
        if (n > Integer.MAX_VALUE) {
            throw new BpfFault(BpfFault.Kind.HELPER_ERROR, x.pc(), 0, "size " + n + " is out of range");
        }
        return (int) n;
    }

    static long redirect(long ifindex, long flags, long c, long d, long e, HelperContext x) {
        if (x.environment().current().type() == ProgramType.XDP) {
            return flags != 0 ? XDP_ABORTED : XDP_REDIRECT;
        }
        return (flags & ~BPF_F_INGRESS) != 0 ? TC_ACT_SHOT : TC_ACT_REDIRECT;
    }

    /**
     * skb_get_hash's flow hash. The kernel's value is a jhash of the flow keys with a seed drawn
     * at random once per boot, so no fixed value can match it; this is an FNV-1a hash of the
     * IPv4 addresses, protocol and ports (or of the whole frame for other packets), deterministic
     * across engines and runs, never 0 (the kernel's "no hash").
     */
    static long getHashRecalc(long ctx, long b, long c, long d, long e, HelperContext x) {
        byte[] frame = packet(x, "get_hash_recalc");
        int hash = 0x811c9dc5;
        boolean ipv4 = frame.length >= 38 && frame[12] == 0x08 && frame[13] == 0x00;
        int[][] spans = ipv4 ? new int[][] {{23, 24}, {26, 34}, {34, 38}} : new int[][] {{0, frame.length}};
        for (int[] span : spans) {
            for (int i = span[0]; i < span[1]; i++) {
                hash = (hash ^ (frame[i] & 0xff)) * 0x01000193;
            }
        }
        return (hash == 0 ? 1 : hash) & 0xffff_ffffL;
    }
}
