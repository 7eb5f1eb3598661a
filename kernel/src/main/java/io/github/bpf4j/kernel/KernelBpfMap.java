package io.github.bpf4j.kernel;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.LoadedProgram;
import io.github.bpf4j.vm.MapSpec;
import io.github.bpf4j.vm.maps.BpfMap;
import io.github.bpf4j.vm.maps.Errno;
import io.github.bpf4j.vm.maps.MapException;
import io.github.bpf4j.vm.maps.MapType;
import io.github.bpf4j.vm.maps.ProgramSlots;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A {@link KernelMap} behind the {@link BpfMap} interface, so Java reads and writes kernel maps
 * as it does the other engines' maps. Programs reach it only from inside the kernel: the
 * engine-side methods (value slab, in-process lookups) do not apply and refuse. A prog_array's
 * slots take programs loaded by the kernel engine (their file descriptors).
 */
public final class KernelBpfMap implements BpfMap, ProgramSlots {
    private final KernelMap map;

    KernelBpfMap(KernelMap map) {
        this.map = map;
    }

    /** Creates the map in the kernel; an initial value (global data) is written to element 0. */
    static KernelBpfMap create(MapSpec spec) {
        KernelMap map = KernelMap.create(spec);
        if (spec.initialValue() != null) {
            map.update(new byte[4], spec.initialValue(), KernelMap.BPF_ANY);
        }
        return new KernelBpfMap(map);
    }

    public KernelMap kernelMap() {
        return map;
    }

    @Override
    public MapSpec spec() {
        return map.spec();
    }

    @Override
    public byte[] lookup(byte[] key) {
        return map.lookup(key);
    }

    @Override
    public void update(byte[] key, byte[] value, long flags) {
        try {
            map.update(key, value, flags);
        } catch (BpfSyscallException e) {
            throw new MapException(map.spec().name(), e.errno(), "BPF_MAP_UPDATE_ELEM");
        }
    }

    @Override
    public void delete(byte[] key) {
        if (!map.delete(key)) {
            throw new MapException(map.spec().name(), Errno.ENOENT, "delete");
        }
    }

    @Override
    public byte[] nextKey(byte[] key) {
        return map.nextKey(key);
    }

    @Override
    public void set(int index, LoadedProgram program) {
        if (map.spec().type() != MapType.PROG_ARRAY) {
            throw new BpfException("map '" + map.spec().name() + "' is not a prog_array");
        }
        byte[] key = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(index).array();
        if (program == null) {
            map.delete(key);
            return;
        }
        if (!(program instanceof KernelLoadedProgram loaded)) {
            throw new BpfException("a kernel prog_array holds programs loaded by the kernel engine");
        }
        int fd = loaded.kernelProgram(0).fd();
        map.update(key, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(fd).array(), KernelMap.BPF_ANY);
    }

    @Override
    public void close() {
        map.close();
    }
}
