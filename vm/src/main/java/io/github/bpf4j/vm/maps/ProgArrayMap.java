package io.github.bpf4j.vm.maps;

import io.github.bpf4j.vm.MapSpec;

/**
 * {@code BPF_MAP_TYPE_PROG_ARRAY}: the programs {@code bpf_tail_call} jumps to, by index. Slots
 * hold loaded programs of the engine running the caller (set from Java with {@link #set}); an
 * empty slot or an index out of range makes the tail call fall through, as in the kernel.
 */
public final class ProgArrayMap extends AbstractMap implements ProgramSlots {
    /** The kernel's MAX_TAIL_CALL_CNT: a run makes at most this many tail calls. */
    public static final int MAX_TAIL_CALLS = 33;
    private final io.github.bpf4j.vm.LoadedProgram[] programs;

    ProgArrayMap(MapSpec spec) {
        super(spec);
        if (keySize != 4 || valueSize != 4) {
            throw error(Errno.EINVAL, "a prog_array needs key and value size 4, has " + keySize + " and " + valueSize);
        }
        this.programs = new io.github.bpf4j.vm.LoadedProgram[maxEntries];
    }

    /** Puts {@code program} (a loaded program of the caller's engine, or null to clear) in slot {@code index}. */
    @Override
    public void set(int index, io.github.bpf4j.vm.LoadedProgram program) {
        if (index < 0 || index >= maxEntries) {
            throw error(Errno.E2BIG, "index " + index + " outside 0.." + (maxEntries - 1));
        }
        programs[index] = program;
    }

    /** The program in slot {@code index}, or null when the slot is empty or out of range. */
    public io.github.bpf4j.vm.LoadedProgram get(long index) {
        return index >= 0 && index < maxEntries ? programs[(int) index] : null;
    }

    @Override
    public int delete(byte[] key, int keyOffset) {
        long index = index(key, keyOffset);
        if (index >= maxEntries) {
            return -Errno.E2BIG;
        }
        if (programs[(int) index] == null) {
            return -Errno.ENOENT;
        }
        programs[(int) index] = null;
        return 0;
    }

    @Override
    public byte[] lookup(byte[] key) {
        throw error(Errno.EOPNOTSUPP, "prog_array slots hold programs: use get()");
    }

    @Override
    public void update(byte[] key, byte[] value, long flags) {
        throw error(Errno.EINVAL, "prog_array slots hold programs: use set()");
    }

    @Override
    public byte[] nextKey(byte[] key) {
        if (key != null) {
            checkKey(key);
        }
        return nextIndex(key, maxEntries);
    }
}
