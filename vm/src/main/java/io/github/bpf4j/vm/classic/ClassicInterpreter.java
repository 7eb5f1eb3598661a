package io.github.bpf4j.vm.classic;

import java.util.SplittableRandom;

/**
 * Runs classic BPF with the Linux kernel's semantics. As a socket filter the result is the
 * number of bytes to keep (0 drops the packet); a load outside the packet ends the filter with
 * 0, as does a division or modulo by an X of 0. A, X and the 16 scratch words start at 0; all
 * arithmetic is unsigned 32-bit; shifts by X use its low 5 bits as the kernel's eBPF does.
 *
 * <p>An interpreter holds the seeded source of {@code ld rand}; it is not thread-safe.
 */
public final class ClassicInterpreter {
    private static final long DROP = -1;

    private final SplittableRandom random;
    private final int[] mem = new int[ClassicOpcodes.MEMWORDS];

    /** An interpreter whose {@code ld rand} values come from a generator seeded with {@code seed}. */
    public ClassicInterpreter(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Runs a socket filter once with a fresh interpreter (seed 0); the result is unsigned 32-bit. */
    public static long run(ClassicProgram program, byte[] packet, PacketMetadata metadata) {
        return new ClassicInterpreter(0).filter(program, packet, metadata);
    }

    /** Runs a socket filter over an Ethernet frame with {@link PacketMetadata#ethernet} metadata. */
    public static long run(ClassicProgram program, byte[] frame) {
        return run(program, frame, PacketMetadata.ethernet(frame));
    }

    /** Runs a socket filter: the unsigned 32-bit number of bytes to keep, 0 to drop. */
    public long filter(ClassicProgram program, byte[] packet, PacketMetadata metadata) {
        return execute(program, packet, metadata, false);
    }

    /**
     * Runs a seccomp filter over a system call; the program must pass the seccomp rules
     * ({@link ClassicProgram#checkSeccomp()}), which this checks first.
     */
    public SeccompAction seccomp(ClassicProgram program, SeccompData data) {
        program.checkSeccomp();
        return SeccompAction.decode((int) execute(program, data.toBytes(), null, true));
    }

    /** Runs a seccomp filter with a fresh interpreter. */
    public static SeccompAction runSeccomp(ClassicProgram program, SeccompData data) {
        return new ClassicInterpreter(0).seccomp(program, data);
    }

    private long execute(ClassicProgram p, byte[] pkt, PacketMetadata meta, boolean seccomp) {
        final int[] codes = p.codes;
        final int[] ks = p.ks;
        final int[] mem = this.mem;
        java.util.Arrays.fill(mem, 0);
        int a = 0;
        int x = 0;
        int pc = 0;
        while (true) {
            int code = codes[pc];
            int k = ks[pc];
            switch (code) {
                case 0x00 -> a = k;                                   // ld #k
                case 0x01 -> x = k;                                   // ldx #k
                case 0x20 -> {                                        // ld [k]
                    if (!seccomp && k >= 0 && k <= pkt.length - 4) {
                        a = (pkt[k] & 0xff) << 24 | (pkt[k + 1] & 0xff) << 16 | (pkt[k + 2] & 0xff) << 8 | (pkt[k + 3] & 0xff);
                    } else {
                        long v = absoluteLoad(pkt, code, k, a, x, meta, seccomp);
                        if (v == DROP) {
                            return 0;
                        }
                        a = (int) v;
                    }
                }
                case 0x28 -> {                                        // ldh [k]
                    if (k >= 0 && k <= pkt.length - 2) {
                        a = (pkt[k] & 0xff) << 8 | (pkt[k + 1] & 0xff);
                    } else {
                        long v = absoluteLoad(pkt, code, k, a, x, meta, seccomp);
                        if (v == DROP) {
                            return 0;
                        }
                        a = (int) v;
                    }
                }
                case 0x30 -> {                                        // ldb [k]
                    if (k >= 0 && k < pkt.length) {
                        a = pkt[k] & 0xff;
                    } else {
                        long v = absoluteLoad(pkt, code, k, a, x, meta, seccomp);
                        if (v == DROP) {
                            return 0;
                        }
                        a = (int) v;
                    }
                }
                case 0x40, 0x48, 0x50 -> {                            // ld{,h,b} [x + k]
                    long v = load(pkt, code, x + k, meta);
                    if (v == DROP) {
                        return 0;
                    }
                    a = (int) v;
                }
                case 0x60 -> a = mem[k];                              // ld M[k]
                case 0x61 -> x = mem[k];                              // ldx M[k]
                case 0x80 -> a = seccomp ? ClassicChecker.SECCOMP_DATA_SIZE : meta.length();
                case 0x81 -> x = seccomp ? ClassicChecker.SECCOMP_DATA_SIZE : meta.length();
                case 0xb1 -> {                                        // ldxb 4*([k]&0xf)
                    long v = load(pkt, 0x30, k, meta);
                    if (v == DROP) {
                        return 0;
                    }
                    x = ((int) v & 0xf) << 2;
                }
                case 0x02 -> mem[k] = a;
                case 0x03 -> mem[k] = x;
                case 0x04 -> a += k;
                case 0x0c -> a += x;
                case 0x14 -> a -= k;
                case 0x1c -> a -= x;
                case 0x24 -> a *= k;
                case 0x2c -> a *= x;
                case 0x34 -> a = Integer.divideUnsigned(a, k);
                case 0x3c -> {
                    if (x == 0) {
                        return 0;
                    }
                    a = Integer.divideUnsigned(a, x);
                }
                case 0x94 -> a = Integer.remainderUnsigned(a, k);
                case 0x9c -> {
                    if (x == 0) {
                        return 0;
                    }
                    a = Integer.remainderUnsigned(a, x);
                }
                case 0x44 -> a |= k;
                case 0x4c -> a |= x;
                case 0x54 -> a &= k;
                case 0x5c -> a &= x;
                case 0xa4 -> a ^= k;
                case 0xac -> a ^= x;
                case 0x64 -> a <<= k;
                case 0x6c -> a <<= x;                                 // Java masks the count to 5 bits, like the kernel
                case 0x74 -> a >>>= k;
                case 0x7c -> a >>>= x;
                case 0x84 -> a = -a;
                case 0x05 -> pc += k;
                case 0x15 -> pc += a == k ? p.jts[pc] : p.jfs[pc];
                case 0x1d -> pc += a == x ? p.jts[pc] : p.jfs[pc];
                case 0x25 -> pc += Integer.compareUnsigned(a, k) > 0 ? p.jts[pc] : p.jfs[pc];
                case 0x2d -> pc += Integer.compareUnsigned(a, x) > 0 ? p.jts[pc] : p.jfs[pc];
                case 0x35 -> pc += Integer.compareUnsigned(a, k) >= 0 ? p.jts[pc] : p.jfs[pc];
                case 0x3d -> pc += Integer.compareUnsigned(a, x) >= 0 ? p.jts[pc] : p.jfs[pc];
                case 0x45 -> pc += (a & k) != 0 ? p.jts[pc] : p.jfs[pc];
                case 0x4d -> pc += (a & x) != 0 ? p.jts[pc] : p.jfs[pc];
                case 0x06 -> {
                    return Integer.toUnsignedLong(k);
                }
                case 0x16 -> {
                    return Integer.toUnsignedLong(a);
                }
                case 0x07 -> x = a;
                case 0x87 -> a = x;
                // The checker admits only the opcodes above.
                default -> throw new AssertionError("unchecked opcode " + code);
            }
            pc++;
        }
    }

    /** The rare absolute loads: ancillary fields, negative offsets, past the end, seccomp_data. */
    private long absoluteLoad(byte[] pkt, int code, int k, int a, int x, PacketMetadata meta, boolean seccomp) {
        if (seccomp) {
            return loadLittleEndianWord(pkt, k);
        }
        if (Ancillary.inArea(k)) {
            return ancillary(Ancillary.of(k), a, x, pkt, meta);
        }
        return load(pkt, code, k, meta);
    }

    /**
     * A big-endian packet load at a signed offset, or DROP. Negative offsets reach the link and
     * network headers through {@code SKF_LL_OFF} and {@code SKF_NET_OFF}; others fail.
     */
    private static long load(byte[] pkt, int code, int offset, PacketMetadata meta) {
        int size = ClassicOpcodes.sizeBytes(code);
        long pos;
        if (offset >= 0) {
            pos = offset;
        } else if (offset >= ClassicOpcodes.SKF_NET_OFF) {
            pos = (long) meta.networkOffset() + (offset - ClassicOpcodes.SKF_NET_OFF);
        } else if (offset >= ClassicOpcodes.SKF_LL_OFF) {
            pos = (long) meta.linkOffset() + (offset - ClassicOpcodes.SKF_LL_OFF);
        } else {
            return DROP;
        }
        if (pos < 0 || pos + size > pkt.length) {
            return DROP;
        }
        int i = (int) pos;
        return switch (size) {
            case 4 -> Integer.toUnsignedLong((pkt[i] & 0xff) << 24 | (pkt[i + 1] & 0xff) << 16
                    | (pkt[i + 2] & 0xff) << 8 | (pkt[i + 3] & 0xff));
            case 2 -> (pkt[i] & 0xff) << 8 | (pkt[i + 1] & 0xff);
            default -> pkt[i] & 0xff;
        };
    }

    /** A seccomp load: a native (little-endian) word of seccomp_data; the checker proved k in range. */
    private static long loadLittleEndianWord(byte[] data, int k) {
        return Integer.toUnsignedLong((data[k] & 0xff) | (data[k + 1] & 0xff) << 8
                | (data[k + 2] & 0xff) << 16 | (data[k + 3] & 0xff) << 24);
    }

    private long ancillary(Ancillary field, int a, int x, byte[] pkt, PacketMetadata meta) {
        return Integer.toUnsignedLong(switch (field) {
            case PROTOCOL -> meta.protocol() & 0xffff;
            case PKTTYPE -> meta.pktType() & 0x7;
            case IFINDEX -> meta.ifindex();
            case NLATTR -> Netlink.findAttribute(pkt, a, x);
            case NLATTR_NEST -> Netlink.findNestedAttribute(pkt, a, x);
            case MARK -> meta.mark();
            case QUEUE -> meta.queueMapping() & 0xffff;
            case HATYPE -> meta.hatype() & 0xffff;
            case RXHASH -> meta.rxhash();
            case CPU -> meta.cpu();
            case ALU_XOR_X -> a ^ x;
            case VLAN_TAG -> meta.vlanTci() & 0xffff;
            case VLAN_TAG_PRESENT -> meta.vlanPresent() ? 1 : 0;
            case PAY_OFFSET -> meta.payloadOffset();
            case RANDOM -> random.nextInt();
            case VLAN_TPID -> meta.vlanTpid() & 0xffff;
        });
    }
}
