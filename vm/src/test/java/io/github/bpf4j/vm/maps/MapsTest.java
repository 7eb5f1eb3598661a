package io.github.bpf4j.vm.maps;

import static org.junit.jupiter.api.Assertions.*;

import io.github.bpf4j.vm.MapSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Map semantics as bpf(2) gives them on Linux (errnos from include/uapi and the map implementations). */
class MapsTest {
    static byte[] u32(long v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array();
    }

    static byte[] u64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    static int errno(Runnable r) {
        return assertThrows(MapException.class, r::run).errno();
    }

    @Test
    void arrayElementsExistAndCannotBeDeleted() {
        BpfMap m = BpfMaps.create(new MapSpec("a", MapType.ARRAY, 4, 8, 4, 0));
        assertArrayEquals(new byte[8], m.lookup(u32(3)));
        assertNull(m.lookup(u32(4)));
        m.update(u32(2), u64(42), BpfMap.BPF_ANY);
        assertArrayEquals(u64(42), m.lookup(u32(2)));
        assertEquals(Errno.EEXIST, errno(() -> m.update(u32(2), u64(1), BpfMap.BPF_NOEXIST)));
        assertEquals(Errno.E2BIG, errno(() -> m.update(u32(4), u64(1), BpfMap.BPF_ANY)));
        assertEquals(Errno.EINVAL, errno(() -> m.delete(u32(1))));
        assertEquals(Errno.EINVAL, errno(() -> m.update(u32(1), u64(1), 8)));
        assertEquals(4, m.keys().size());
        assertArrayEquals(u32(0), m.nextKey(u32(99)));
        assertNull(m.nextKey(u32(3)));
    }

    @Test
    void hashFlagsAndFullness() {
        BpfMap m = BpfMaps.create(new MapSpec("h", MapType.HASH, 8, 8, 2, 0));
        assertNull(m.lookup(u64(1)));
        assertEquals(Errno.ENOENT, errno(() -> m.update(u64(1), u64(10), BpfMap.BPF_EXIST)));
        m.update(u64(1), u64(10), BpfMap.BPF_NOEXIST);
        assertEquals(Errno.EEXIST, errno(() -> m.update(u64(1), u64(11), BpfMap.BPF_NOEXIST)));
        m.update(u64(1), u64(11), BpfMap.BPF_EXIST);
        m.update(u64(2), u64(20), BpfMap.BPF_ANY);
        assertEquals(Errno.E2BIG, errno(() -> m.update(u64(3), u64(30), BpfMap.BPF_ANY)));
        m.update(u64(2), u64(21), BpfMap.BPF_ANY); // replacing in a full map is fine
        assertArrayEquals(u64(11), m.lookup(u64(1)));
        m.delete(u64(1));
        assertEquals(Errno.ENOENT, errno(() -> m.delete(u64(1))));
        m.update(u64(3), u64(30), BpfMap.BPF_ANY);
        assertEquals(2, m.keys().size());
        assertEquals(Errno.EINVAL, errno(() -> m.lookup(new byte[4])));
    }

    @Test
    void hashSurvivesChurnLikeAJavaMap() {
        BpfMap m = BpfMaps.create(new MapSpec("h", MapType.HASH, 4, 4, 1000, 0));
        java.util.Map<Integer, Integer> model = new java.util.HashMap<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 200_000; i++) {
            int k = random.nextInt(1500);
            if (random.nextBoolean()) {
                if (model.size() < 1000 || model.containsKey(k)) {
                    m.update(u32(k), u32(i), BpfMap.BPF_ANY);
                    model.put(k, i);
                } else {
                    assertEquals(Errno.E2BIG, errno(() -> m.update(u32(k), u32(0), BpfMap.BPF_ANY)));
                }
            } else if (model.remove(k) != null) {
                m.delete(u32(k));
            } else {
                assertNull(m.lookup(u32(k)));
            }
        }
        Set<Integer> keys = new HashSet<>();
        for (byte[] k : m.keys()) {
            int key = ByteBuffer.wrap(k).order(ByteOrder.LITTLE_ENDIAN).getInt();
            keys.add(key);
            assertArrayEquals(u32(model.get(key)), m.lookup(k));
        }
        assertEquals(model.keySet(), keys);
    }

    @Test
    void lruEvictsTheLeastRecentlyUsed() {
        BpfMap m = BpfMaps.create(new MapSpec("l", MapType.LRU_HASH, 4, 4, 3, 0));
        m.update(u32(1), u32(1), 0);
        m.update(u32(2), u32(2), 0);
        m.update(u32(3), u32(3), 0);
        m.lookupOffset(u32(1), 0, 0); // a program's lookup uses key 1
        m.update(u32(4), u32(4), 0);
        assertNull(m.lookup(u32(2)));
        assertNotNull(m.lookup(u32(1)));
        assertEquals(3, m.keys().size());
    }

    @Test
    void perCpuValuesAreOneAlignedCopyPerCpu() {
        BpfMap m = BpfMaps.create(new MapSpec("p", MapType.PERCPU_HASH, 4, 4, 8, 0), 2);
        byte[] both = new byte[16];
        both[0] = 1;
        both[8] = 2;
        m.update(u32(5), both, 0);
        int at = m.lookupOffset(u32(5), 0, 1);
        assertEquals(2, m.values()[at]);
        assertEquals(Errno.EINVAL, errno(() -> m.update(u32(6), new byte[4], 0)));
        BpfMap a = BpfMaps.create(new MapSpec("pa", MapType.PERCPU_ARRAY, 4, 4, 2, 0), 3);
        assertEquals(24, a.lookup(u32(1)).length);
        assertEquals(0, a.update(u32(1), 0, u32(9), 0, 0, 2));
        assertEquals(9, a.lookup(u32(1))[16]);
    }

    @Test
    void queueAndStackOrder() {
        QueueStackMap q = (QueueStackMap) BpfMaps.create(new MapSpec("q", MapType.QUEUE, 0, 4, 2, 0));
        q.push(u32(1), 0);
        q.push(u32(2), 0);
        assertEquals(Errno.E2BIG, errno(() -> q.push(u32(3), 0)));
        q.push(u32(3), BpfMap.BPF_EXIST);
        assertArrayEquals(u32(2), q.pop());
        assertArrayEquals(u32(3), q.lookup(null));
        assertArrayEquals(u32(3), q.pop());
        assertNull(q.pop());
        QueueStackMap s = (QueueStackMap) BpfMaps.create(new MapSpec("s", MapType.STACK, 0, 4, 2, 0));
        s.push(u32(1), 0);
        s.push(u32(2), 0);
        assertArrayEquals(u32(2), s.pop());
        assertArrayEquals(u32(1), s.pop());
        assertEquals(Errno.EINVAL, errno(() -> BpfMaps.create(new MapSpec("s", MapType.STACK, 4, 4, 2, 0))));
    }

    @Test
    void lpmTrieFindsTheLongestPrefix() {
        BpfMap m = BpfMaps.create(new MapSpec("t", MapType.LPM_TRIE, 8, 4, 16, 1));
        m.update(prefix(8, 10, 0, 0, 0), u32(8), 0);
        m.update(prefix(24, 10, 1, 2, 0), u32(24), 0);
        m.update(prefix(0, 0, 0, 0, 0), u32(99), 0);
        assertArrayEquals(u32(24), m.lookup(prefix(32, 10, 1, 2, 3)));
        assertArrayEquals(u32(8), m.lookup(prefix(32, 10, 1, 3, 3)));
        assertArrayEquals(u32(8), m.lookup(prefix(16, 10, 1, 2, 3)));
        assertArrayEquals(u32(99), m.lookup(prefix(32, 11, 1, 2, 3)));
        m.delete(prefix(0, 0, 0, 0, 0));
        assertNull(m.lookup(prefix(32, 11, 1, 2, 3)));
        assertEquals(Errno.EINVAL, errno(() -> m.update(prefix(33, 1, 1, 1, 1), u32(1), 0)));
        assertEquals(Errno.EINVAL, errno(() -> BpfMaps.create(new MapSpec("t", MapType.LPM_TRIE, 8, 4, 16, 0))));
    }

    static byte[] prefix(int length, int a, int b, int c, int d) {
        return new byte[] {(byte) length, 0, 0, 0, (byte) a, (byte) b, (byte) c, (byte) d};
    }

    @Test
    void ringbufRecordsInOrderAndHeldBackByReserved() {
        RingBufferMap r = (RingBufferMap) BpfMaps.create(new MapSpec("rb", MapType.RINGBUF, 0, 0, 4096, 0));
        int first = r.reserve(5, 0);
        assertEquals(0, r.output(new byte[] {1, 2, 3}, 0, 3, 0));
        assertEquals(List.of(), r.poll());
        r.values()[first] = 9;
        r.commit(first, false);
        List<byte[]> got = r.poll();
        assertEquals(2, got.size());
        assertEquals(5, got.get(0).length);
        assertEquals(9, got.get(0)[0]);
        assertArrayEquals(new byte[] {1, 2, 3}, got.get(1));
        assertEquals(32, r.query(RingBufferMap.CONS_POS)); // (8 + 8) + (8 + 8)
        int big = r.reserve(4096 - 8, 0);
        assertTrue(big >= 0);
        assertEquals(-1, r.reserve(1, 0));
        r.commit(big, true);
        assertEquals(List.of(), r.poll());
        assertEquals(0, r.query(RingBufferMap.AVAIL_DATA));
        assertEquals(Errno.EINVAL, errno(() -> BpfMaps.create(new MapSpec("rb", MapType.RINGBUF, 0, 0, 1000, 0))));
    }

    @Test
    void mapOfMapsHoldsMatchingInnerMaps() {
        BpfMap inner = BpfMaps.create(new MapSpec("in", MapType.ARRAY, 4, 4, 1, 0));
        BpfMap other = BpfMaps.create(new MapSpec("other", MapType.HASH, 4, 4, 1, 0));
        MapOfMaps outer = (MapOfMaps) BpfMaps.create(new MapSpec("out", MapType.HASH_OF_MAPS, 4, 4, 2, 0));
        outer.update(u32(7), u32(BpfMaps.id(inner)), 0);
        assertSame(inner, outer.inner(u32(7), 0));
        assertEquals(Errno.EINVAL, errno(() -> outer.put(u32(8), other, 0)));
        assertNull(outer.inner(u32(8), 0));
    }

    @Test
    void unknownTypeIsEinval() {
        MapException e = assertThrows(MapException.class, () -> BpfMaps.create(new MapSpec("x", 99, 4, 4, 1, 0)));
        assertEquals("map 'x': EINVAL (unknown map type 99)", e.getMessage());
    }
}
