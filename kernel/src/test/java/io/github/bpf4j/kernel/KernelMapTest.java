package io.github.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.MapSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KernelMapTest {
    private static final int HASH = 1;
    private static final int ARRAY = 2;

    @BeforeEach
    void kernel() {
        KernelRequirement.requireKernel();
    }

    private static byte[] key(int k) {
        return new byte[] {(byte) k, 0, 0, 0};
    }

    @Test
    void hashMapElementCommands() {
        try (KernelMap map = KernelMap.create(new MapSpec("hash-map!", HASH, 4, 8, 16, 0))) {
            assertNull(map.lookup(key(1)));
            assertNull(map.nextKey(null));
            map.update(key(1), new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, KernelMap.BPF_ANY);
            map.update(key(2), new byte[8], KernelMap.BPF_NOEXIST);
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, map.lookup(key(1)));

            BpfSyscallException exists = assertThrows(BpfSyscallException.class,
                    () -> map.update(key(1), new byte[8], KernelMap.BPF_NOEXIST));
            assertEquals("BPF_MAP_UPDATE_ELEM on map 'hash-map!' failed: EEXIST", exists.getMessage());
            BpfSyscallException missing = assertThrows(BpfSyscallException.class,
                    () -> map.update(key(9), new byte[8], KernelMap.BPF_EXIST));
            assertEquals("ENOENT", missing.errnoName());

            Set<Integer> keys = new HashSet<>();
            for (byte[] k : map.keys()) {
                keys.add((int) k[0]);
            }
            assertEquals(Set.of(1, 2), keys);

            assertTrue(map.delete(key(1)));
            assertFalse(map.delete(key(1)));
            assertNull(map.lookup(key(1)));
            assertEquals(1, map.keys().size());
        }
    }

    @Test
    void arrayMapHasEveryIndexAndRefusesDeletion() {
        try (KernelMap map = KernelMap.create(new MapSpec("arr", ARRAY, 4, 4, 3, 0))) {
            assertArrayEquals(new byte[4], map.lookup(key(2)));
            assertNull(map.lookup(key(3)));
            assertEquals(3, map.keys().size());
            BpfSyscallException e = assertThrows(BpfSyscallException.class, () -> map.delete(key(0)));
            assertEquals("EINVAL", e.errnoName());
        }
    }

    @Test
    void wrongSizesAreClearErrors() {
        try (KernelMap map = KernelMap.create(new MapSpec("m", HASH, 4, 8, 4, 0))) {
            BpfException e = assertThrows(BpfException.class, () -> map.lookup(new byte[2]));
            assertEquals("map 'm': key has 2 bytes, the map's key size is 4", e.getMessage());
            assertThrows(BpfException.class, () -> map.update(key(0), new byte[4], KernelMap.BPF_ANY));
        }
    }

    @Test
    void unsupportedMapTypeNamesTheErrno() {
        BpfSyscallException e = assertThrows(BpfSyscallException.class,
                () -> KernelMap.create(new MapSpec("odd", 9999, 4, 4, 1, 0)));
        assertTrue(e.getMessage().startsWith("BPF_MAP_CREATE of map 'odd' (type 9999"), e.getMessage());
        assertTrue(e.getMessage().endsWith("failed: EINVAL"), e.getMessage());
        try (KernelMap percpu = KernelMap.create(new MapSpec("percpu", 6, 4, 4, 1, 0))) {
            assertThrows(BpfException.class, () -> percpu.lookup(key(0)));
        }
    }

    @Test
    void mapOfMapsIsCreatedWithItsInnerTemplateAndTakesMatchingMapsOnly() {
        MapSpec inner = new MapSpec("inner", ARRAY, 4, 8, 1, 0);
        assertThrows(BpfSyscallException.class, () -> KernelMap.create(new MapSpec("no_inner", 12, 4, 4, 2, 0)));
        try (KernelMap outer = KernelMap.create(new MapSpec("outer", 12, 4, 4, 2, 0, null, inner));
             KernelMap element = KernelMap.create(inner);
             KernelMap other = KernelMap.create(new MapSpec("other", HASH, 4, 8, 1, 0))) {
            outer.update(key(1), key(element.fd()), KernelMap.BPF_ANY);
            assertThrows(BpfSyscallException.class, () -> outer.update(key(0), key(other.fd()), KernelMap.BPF_ANY));
        }
    }

    @Test
    void closedMapIsAClearErrorAndClosingTwiceIsFine() {
        KernelMap map = KernelMap.create(new MapSpec("gone", ARRAY, 4, 4, 1, 0));
        map.close();
        map.close();
        BpfException e = assertThrows(BpfException.class, () -> map.lookup(key(0)));
        assertEquals("kernel map 'gone' is closed", e.getMessage());
    }

    @Test
    void emptyMapHasNoKeys() {
        try (KernelMap map = KernelMap.create(new MapSpec("empty", HASH, 4, 4, 1, 0))) {
            assertEquals(List.of(), map.keys());
        }
    }
}
