package io.github.bpf4j.vm.maps;

import io.github.bpf4j.vm.MapSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * {@code BPF_MAP_TYPE_RINGBUF}: a program reserves a record (a pointer into the slab it then
 * fills), submits or discards it, or outputs a copy in one step; Java consumes submitted records
 * in order with {@link #poll()}. As in the kernel, {@code max_entries} is the data size (a power
 * of two, a multiple of 4096), every record takes 8 header bytes plus its length rounded up to
 * 8, and a record not yet submitted holds back the ones after it. The slab is twice the data size
 * so a record that wraps past the end stays contiguous, as the kernel's double mapping makes it;
 * record headers are kept apart from the slab, out of a program's reach.
 */
public final class RingBufferMap extends AbstractMap {
    private static final int HEADER = 8;
    /** {@code bpf_ringbuf_query} flags. */
    public static final int AVAIL_DATA = 0, RING_SIZE = 1, CONS_POS = 2, PROD_POS = 3;

    private record Record(long position, int offset, int length, int[] state) {}

    private static final int BUSY = 0, COMMITTED = 1, DISCARDED = 2;

    private final byte[] slab;
    private final ArrayDeque<Record> records = new ArrayDeque<>();
    private long producer;
    private long consumer;

    RingBufferMap(MapSpec spec) {
        super(spec);
        if (keySize != 0 || valueSize != 0 || maxEntries < 4096 || Integer.bitCount(maxEntries) != 1) {
            throw error(Errno.EINVAL, "a ringbuf needs key and value size 0 and max_entries a power of two"
                    + " of at least 4096, has key " + keySize + ", value " + valueSize + ", max_entries " + maxEntries);
        }
        this.slab = new byte[Math.multiplyExact(2, maxEntries)];
    }

    private static int space(int length) {
        return HEADER + roundUp8(length);
    }

    /** Reserves {@code length} bytes; the record's offset in {@link #values()}, or -1 when there is no room. */
    public int reserve(long length, long flags) {
        if (flags != 0 || length < 0 || length > maxEntries - HEADER) {
            return -1;
        }
        int space = space((int) length);
        if (producer - consumer + space > maxEntries) {
            return -1;
        }
        int offset = (int) ((producer + HEADER) & (maxEntries - 1));
        records.addLast(new Record(producer, offset, (int) length, new int[] {BUSY}));
        producer += space;
        return offset;
    }

    /** Submits (or discards) the reserved record at {@code offset}; false when none is reserved there. */
    public boolean commit(int offset, boolean discard) {
        for (Record r : records) {
            if (r.offset == offset && r.state[0] == BUSY) {
                r.state[0] = discard ? DISCARDED : COMMITTED;
                return true;
            }
        }
        return false;
    }

    /** {@code bpf_ringbuf_output}: copies a record in; 0 or -EAGAIN when there is no room. */
    public int output(byte[] data, int offset, int length, long flags) {
        if ((flags & ~3L) != 0) {
            return -Errno.EINVAL;
        }
        int at = reserve(length, 0);
        if (at < 0) {
            return -Errno.EAGAIN;
        }
        System.arraycopy(data, offset, slab, at, length);
        commit(at, false);
        return 0;
    }

    /** {@code bpf_ringbuf_query}: available data, ring size, consumer or producer position. */
    public long query(long flags) {
        return switch ((int) flags) {
            case AVAIL_DATA -> producer - consumer;
            case RING_SIZE -> maxEntries;
            case CONS_POS -> consumer;
            case PROD_POS -> producer;
            default -> 0;
        };
    }

    /** Takes every submitted record up to the first one still reserved, in order; discarded ones are skipped. */
    public List<byte[]> poll() {
        List<byte[]> out = new ArrayList<>();
        for (Iterator<Record> it = records.iterator(); it.hasNext(); ) {
            Record r = it.next();
            if (r.state[0] == BUSY) {
                break;
            }
            if (r.state[0] == COMMITTED) {
                out.add(Arrays.copyOfRange(slab, r.offset, r.offset + r.length));
            }
            consumer = r.position + space(r.length);
            it.remove();
        }
        return out;
    }

    @Override
    public byte[] values() {
        return slab;
    }

    @Override
    public byte[] lookup(byte[] key) {
        throw error(Errno.ENOTSUPP, "a ringbuf has no elements: poll() its records");
    }

    @Override
    public void update(byte[] key, byte[] value, long flags) {
        throw error(Errno.ENOTSUPP, "a ringbuf has no elements");
    }

    @Override
    public void delete(byte[] key) {
        throw error(Errno.ENOTSUPP, "a ringbuf has no elements");
    }

    @Override
    public byte[] nextKey(byte[] key) {
        throw error(Errno.ENOTSUPP, "a ringbuf has no keys");
    }
}
