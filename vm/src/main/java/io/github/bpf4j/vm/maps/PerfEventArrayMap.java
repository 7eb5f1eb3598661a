package io.github.bpf4j.vm.maps;

import io.github.bpf4j.vm.MapSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code BPF_MAP_TYPE_PERF_EVENT_ARRAY}: {@code bpf_perf_event_output} delivers a sample to the
 * Java sink set with {@link #sink}, or keeps it for {@link #poll()} when there is none. The
 * slots of the kernel's map hold perf event file descriptors; here every slot is open.
 */
public final class PerfEventArrayMap extends AbstractMap {
    /** The {@code BPF_F_CURRENT_CPU} index. */
    public static final long CURRENT_CPU = 0xffff_ffffL;

    /** One sample: the array slot (CPU) it was sent to and its bytes. */
    public record Sample(int index, byte[] data) {}

    private Consumer<Sample> sink;
    private final List<Sample> pending = new ArrayList<>();

    PerfEventArrayMap(MapSpec spec) {
        super(spec);
        if (keySize != 4 || valueSize != 4) {
            throw error(Errno.EINVAL, "a perf_event_array needs key and value size 4, has " + keySize + " and " + valueSize);
        }
    }

    /** Where samples go from now on; null keeps them for {@link #poll()}. */
    public void sink(Consumer<Sample> newSink) {
        this.sink = newSink;
    }

    /** {@code bpf_perf_event_output} into slot {@code flags & 0xffffffff} (or the current CPU's); 0 or -E2BIG. */
    public int output(long flags, int cpu, byte[] data) {
        if ((flags & ~CURRENT_CPU) != 0) {
            return -Errno.EINVAL;
        }
        long index = (flags & CURRENT_CPU) == CURRENT_CPU ? cpu : flags;
        if (index >= maxEntries) {
            return -Errno.E2BIG;
        }
        Sample sample = new Sample((int) index, data);
        if (sink != null) {
            sink.accept(sample);
        } else {
            pending.add(sample);
        }
        return 0;
    }

    /** Samples kept since the last poll, oldest first. */
    public List<Sample> poll() {
        List<Sample> out = List.copyOf(pending);
        pending.clear();
        return out;
    }

    @Override
    public byte[] lookup(byte[] key) {
        throw error(Errno.EOPNOTSUPP, "perf_event_array slots are not readable");
    }

    @Override
    public void update(byte[] key, byte[] value, long flags) {
        throw error(Errno.EOPNOTSUPP, "perf_event_array slots are always open here: set a sink instead");
    }

    @Override
    public void delete(byte[] key) {
        throw error(Errno.EOPNOTSUPP, "perf_event_array slots are always open here");
    }

    @Override
    public byte[] nextKey(byte[] key) {
        if (key != null) {
            checkKey(key);
        }
        return nextIndex(key, maxEntries);
    }
}
