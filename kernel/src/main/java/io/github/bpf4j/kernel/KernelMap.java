package io.github.bpf4j.kernel;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.MapSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A map in the kernel, created with {@code BPF_MAP_CREATE} from a {@link MapSpec}, read and
 * written with the map element commands. Keys and values are byte arrays of the spec's sizes.
 * Close it to release the file descriptor; closing twice is harmless.
 */
public final class KernelMap implements AutoCloseable {
    /** Update flag: create the element or replace it. */
    public static final long BPF_ANY = 0;
    /** Update flag: create the element only if it does not exist. */
    public static final long BPF_NOEXIST = 1;
    /** Update flag: replace the element only if it exists. */
    public static final long BPF_EXIST = 2;

    /** Kernel map types whose values hold one copy per CPU (a lookup returns all of them). */
    private static final Set<Integer> PER_CPU_TYPES = Set.of(5, 6, 10, 21);
    private static final int NAME_LENGTH = 16;

    // union bpf_attr, BPF_MAP_CREATE
    private static final int MAP_TYPE = 0;
    private static final int KEY_SIZE = 4;
    private static final int VALUE_SIZE = 8;
    private static final int MAX_ENTRIES = 12;
    private static final int MAP_FLAGS = 16;
    private static final int INNER_MAP_FD = 20;
    private static final int MAP_NAME = 28;
    // union bpf_attr, map element commands
    private static final int MAP_FD = 0;
    private static final int KEY = 8;
    private static final int VALUE_OR_NEXT_KEY = 16;
    private static final int FLAGS = 24;

    private final MapSpec spec;
    private final KernelFd fd;

    private KernelMap(MapSpec spec, int fd) {
        this.spec = spec;
        this.fd = new KernelFd("kernel map '" + spec.name() + "'", fd);
    }

    /** Creates the map {@code spec} describes; a {@link BpfSyscallException} naming the errno if the kernel refuses. */
    public static KernelMap create(MapSpec spec) {
        // a map of maps is created with an inner map of the template's kind, which it may close after
        try (KernelMap template = spec.inner() == null ? null : create(spec.inner()); Attr attr = new Attr()) {
            attr.u32(MAP_TYPE, spec.type()).u32(KEY_SIZE, spec.keySize()).u32(VALUE_SIZE, spec.valueSize())
                    .u32(MAX_ENTRIES, spec.maxEntries()).u32(MAP_FLAGS, spec.flags());
            if (template != null) {
                attr.u32(INNER_MAP_FD, template.fd());
            }
            attr.memory().write(MAP_NAME, kernelName(spec.name()), 0, NAME_LENGTH - 1);
            int fd;
            try {
                fd = Bpf.call(Bpf.MAP_CREATE, attr);
            } catch (BpfSyscallException e) {
                throw new BpfSyscallException("BPF_MAP_CREATE of map '" + spec.name() + "' (type " + spec.type()
                        + ", key " + spec.keySize() + ", value " + spec.valueSize() + ", max_entries "
                        + spec.maxEntries() + ")", e.errno());
            }
            return new KernelMap(spec, fd);
        }
    }

    /** The kernel accepts only letters, digits, '_' and '.' in the 15 characters of a map name. */
    private static byte[] kernelName(String name) {
        byte[] bytes = new byte[NAME_LENGTH - 1];
        for (int i = 0; i < name.length() && i < bytes.length; i++) {
            char c = name.charAt(i);
            boolean allowed = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.');
            bytes[i] = (byte) (allowed ? c : '_');
        }
        return bytes;
    }

    public MapSpec spec() {
        return spec;
    }

    /** The map's file descriptor (for {@code BPF_PSEUDO_MAP_FD} references). */
    public int fd() {
        return fd.get();
    }

    /**
     * The value stored under {@code key}, or null when there is none. Per-CPU maps can be created
     * (and referenced by programs) but not read or written element by element yet.
     */
    public byte[] lookup(byte[] key) {
        checkNotPerCpu();
        checkSize("key", key, spec.keySize());
        try (Attr attr = new Attr(); NativeBuffer k = NativeBuffer.of(key);
             NativeBuffer value = NativeBuffer.zeroed(spec.valueSize())) {
            attr.u32(MAP_FD, fd.get()).pointer(KEY, k).pointer(VALUE_OR_NEXT_KEY, value);
            if (!callUnlessAbsent(Bpf.MAP_LOOKUP_ELEM, attr)) {
                return null;
            }
            return value.bytes();
        }
    }

    /** Stores {@code value} under {@code key}; {@code flags} is {@link #BPF_ANY}, {@link #BPF_NOEXIST} or {@link #BPF_EXIST}. */
    public void update(byte[] key, byte[] value, long flags) {
        checkNotPerCpu();
        checkSize("key", key, spec.keySize());
        checkSize("value", value, spec.valueSize());
        try (Attr attr = new Attr(); NativeBuffer k = NativeBuffer.of(key); NativeBuffer v = NativeBuffer.of(value)) {
            attr.u32(MAP_FD, fd.get()).pointer(KEY, k).pointer(VALUE_OR_NEXT_KEY, v).u64(FLAGS, flags);
            call(Bpf.MAP_UPDATE_ELEM, attr);
        }
    }

    /** Removes the element under {@code key}; false when there was none. */
    public boolean delete(byte[] key) {
        checkSize("key", key, spec.keySize());
        try (Attr attr = new Attr(); NativeBuffer k = NativeBuffer.of(key)) {
            attr.u32(MAP_FD, fd.get()).pointer(KEY, k);
            return callUnlessAbsent(Bpf.MAP_DELETE_ELEM, attr);
        }
    }

    /** The key after {@code key} ({@code null} asks for the first one), or null after the last. */
    public byte[] nextKey(byte[] key) {
        if (key != null) {
            checkSize("key", key, spec.keySize());
        }
        try (Attr attr = new Attr(); NativeBuffer k = key == null ? null : NativeBuffer.of(key);
             NativeBuffer next = NativeBuffer.zeroed(spec.keySize())) {
            attr.u32(MAP_FD, fd.get()).pointer(KEY, k).pointer(VALUE_OR_NEXT_KEY, next);
            if (!callUnlessAbsent(Bpf.MAP_GET_NEXT_KEY, attr)) {
                return null;
            }
            return next.bytes();
        }
    }

    /** All keys, in the kernel's iteration order. */
    public List<byte[]> keys() {
        List<byte[]> keys = new ArrayList<>();
        for (byte[] k = nextKey(null); k != null; k = nextKey(k)) {
            keys.add(k);
        }
        return keys;
    }

    private void call(int command, Attr attr) {
        try {
            Bpf.call(command, attr);
        } catch (BpfSyscallException e) {
            throw new BpfSyscallException(Bpf.commandName(command) + " on map '" + spec.name() + "'", e.errno());
        }
    }

    /** False when the kernel answers ENOENT (no such element, or no next key). */
    private boolean callUnlessAbsent(int command, Attr attr) {
        try {
            Bpf.call(command, attr);
            return true;
        } catch (BpfSyscallException e) {
            if (e.errno() == Errno.ENOENT) {
                return false;
            }
            throw new BpfSyscallException(Bpf.commandName(command) + " on map '" + spec.name() + "'", e.errno());
        }
    }

    private void checkNotPerCpu() {
        if (PER_CPU_TYPES.contains(spec.type())) {
            throw new BpfException("map '" + spec.name() + "': elements of per-CPU map type " + spec.type()
                    + " are not supported by the kernel engine");
        }
    }

    private void checkSize(String what, byte[] bytes, int size) {
        if (bytes.length != size) {
            throw new BpfException("map '" + spec.name() + "': " + what + " has " + bytes.length
                    + " bytes, the map's " + what + " size is " + size);
        }
    }

    @Override
    public void close() {
        fd.close();
    }
}
