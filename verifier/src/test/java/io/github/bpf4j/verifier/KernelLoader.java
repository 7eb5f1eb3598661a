package io.github.bpf4j.verifier;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import io.github.bpf4j.vm.MapSpec;
import io.github.bpf4j.vm.ProgramType;
import java.util.List;
import java.util.function.Function;
import java.nio.charset.StandardCharsets;

/**
 * Loads programs into the running kernel through bpf(2) to learn its verifier's verdict, for the
 * corpus comparison (until the kernel engine lands on main). A raw program is loaded as XDP
 * behind a prologue that proves the packet holds memSize bytes, then sets r1 = data,
 * r2 = memSize; pcs in the kernel's messages are shifted back by the prologue's length.
 * Unprivileged loads drop CAP_SYS_ADMIN and CAP_PERFMON from this thread's effective set
 * (keeping CAP_BPF and CAP_NET_ADMIN), which is how the kernel decides pointer leaks,
 * pointer comparisons and uninitialised stack reads.
 */
final class KernelLoader {
    interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        long syscall(long number, Object... args);
    }

    private static final long SYS_BPF = 321;
    private static final long SYS_CAPGET = 125;
    private static final long SYS_CAPSET = 126;
    private static final int BPF_MAP_CREATE = 0;
    private static final int BPF_PROG_LOAD = 5;
    private static final int XDP = 6;
    static final int PROLOGUE = 8;
    private static final int CAP_SYS_ADMIN = 21;
    private static final int CAP_PERFMON = 38;

    record Result(boolean accepted, int errno, String log) {}

    private KernelLoader() {}

    /**
     * Skips the calling test where bpf(2) cannot be used (with the reason), or fails it when
     * {@code CI=true}, where the kernel comparison is required.
     */
    static void assumeAvailable() {
        String reason = unavailableReason();
        if (reason != null && "true".equals(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.fail("bpf(2) is required under CI: " + reason);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(reason == null, () -> "skipped: " + reason);
    }

    /** Null where bpf(2) works (a two-instruction program loads), else why not. */
    static String unavailableReason() {
        if (!System.getProperty("os.name").equals("Linux") || !System.getProperty("os.arch").equals("amd64")) {
            return "bpf(2) comparison needs Linux on x86-64";
        }
        try {
            Result r = load(new long[] {0xb7L, 0x95L}, false, 0);
            return r.accepted() ? null : "bpf(2) not permitted: errno " + r.errno();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return "JNA unavailable: " + e.getMessage();
        }
    }

    /** The kernel's verdict on a raw program with the given memory size, with the log on rejection. */
    static Result loadRaw(long[] program, int memSize, boolean unprivileged) {
        return loadRaw(program, memSize, unprivileged, 1);
    }

    /**
     * A corpus case as the kernel sees it: a raw program behind the prologue, another type as it
     * is, with its maps (created for this load, then closed); the log at {@code logLevel} on
     * rejection, or always for levels of 2 and more.
     */
    static Result loadCase(VerifierCase c, int logLevel) {
        if (c.type() == ProgramType.RAW) {
            return withMaps(c.slots(), c.maps(), slots -> loadRaw(slots, c.memSize(), c.unprivileged(), logLevel));
        }
        return withMaps(c.slots(), c.maps(), slots -> {
            Result first = load(slots, c.type().kernelId(), c.unprivileged(), logLevel >= 2 ? logLevel : 0);
            if (first.accepted() || logLevel >= 2) {
                return first;
            }
            return new Result(false, first.errno(), load(slots, c.type().kernelId(), c.unprivileged(), logLevel).log());
        });
    }

    /** Instructions the kernel sees before a case's first one (the raw prologue), by which its pcs shift. */
    static int prologue(VerifierCase c) {
        return c.type() == ProgramType.RAW ? PROLOGUE : 0;
    }

    private static Result withMaps(long[] program, List<MapSpec> maps, Function<long[], Result> loader) {
        int[] fds = new int[maps.size()];
        try {
            for (int i = 0; i < fds.length; i++) {
                fds[i] = createMap(maps.get(i));
            }
            return loader.apply(withMapFds(program, fds));
        } finally {
            for (int fd : fds) {
                if (fd > 0) {
                    LibC.INSTANCE.syscall(3L, (long) fd);
                }
            }
        }
    }

    /** A new kernel map of the given specification; its file descriptor. */
    private static int createMap(MapSpec spec) {
        Memory attr = new Memory(72);
        attr.clear();
        attr.setInt(0, spec.type());
        attr.setInt(4, spec.keySize());
        attr.setInt(8, spec.valueSize());
        attr.setInt(12, spec.maxEntries());
        attr.setInt(16, spec.flags());
        long fd = LibC.INSTANCE.syscall(SYS_BPF, (long) BPF_MAP_CREATE, attr, 72L);
        if (fd < 0) {
            throw new IllegalStateException("map create failed for " + spec + ": errno " + Native.getLastError());
        }
        return (int) fd;
    }

    /** The slots with each BPF_PSEUDO_MAP_FD / MAP_VALUE lddw's imm (a map index) replaced by that map's fd. */
    private static long[] withMapFds(long[] program, int[] fds) {
        long[] out = program.clone();
        for (int pc = 0; pc < out.length; pc++) {
            int opcode = (int) (out[pc] & 0xff);
            int src = (int) (out[pc] >> 12 & 0xf);
            if (opcode == 0x18 && (src == 1 || src == 2)) {
                int index = (int) (out[pc] >> 32);
                if (index >= 0 && index < fds.length) {
                    out[pc] = (out[pc] & 0xffff_ffffL) | (long) fds[index] << 32;
                }
                pc++;
            }
        }
        return out;
    }

    /** As above; {@code logLevel} for a rejected program's log (4 gives only the statistics). */
    static Result loadRaw(long[] program, int memSize, boolean unprivileged, int logLevel) {
        long[] prologue = {
            insn(0x61, 2, 1, 4, 0),          // r2 = *(u32 *)(r1 + 4): data_end
            insn(0x61, 1, 1, 0, 0),          // r1 = *(u32 *)(r1 + 0): data
            insn(0x07, 1, 0, 0, memSize),    // r1 += memSize
            insn(0xbd, 1, 2, 2, 0),          // if r1 <= r2 goto +2
            insn(0xb7, 0, 0, 0, 0),          // r0 = 0
            insn(0x95, 0, 0, 0, 0),          // exit
            insn(0x07, 1, 0, 0, -memSize),   // r1 -= memSize (keeps the proven range)
            insn(0xb7, 2, 0, 0, memSize),    // r2 = memSize
        };
        long[] all = new long[PROLOGUE + program.length];
        System.arraycopy(prologue, 0, all, 0, PROLOGUE);
        System.arraycopy(program, 0, all, PROLOGUE, program.length);
        if (logLevel >= 2) {
            return load(all, unprivileged, logLevel);
        }
        Result first = load(all, unprivileged, 0);
        if (first.accepted()) {
            return first;
        }
        Result logged = load(all, unprivileged, logLevel);
        return new Result(false, first.errno(), logged.log());
    }

    private static long insn(int opcode, int dst, int src, int off, int imm) {
        return (opcode & 0xffL) | (long) dst << 8 | (long) src << 12 | (off & 0xffffL) << 16 | (long) imm << 32;
    }

    static Result load(long[] slots, boolean unprivileged, int logLevel) {
        return load(slots, XDP, unprivileged, logLevel);
    }

    static synchronized Result load(long[] slots, int progType, boolean unprivileged, int logLevel) {
        Memory insns = new Memory(slots.length * 8L);
        for (int i = 0; i < slots.length; i++) {
            insns.setLong(i * 8L, slots[i]);
        }
        Memory license = new Memory(4);
        license.setString(0, "GPL", "US-ASCII");
        int logSize = logLevel == 0 ? 0 : 16 << 20;
        Memory log = logLevel == 0 ? null : new Memory(logSize);
        if (log != null) {
            log.setByte(0, (byte) 0);
        }
        Memory attr = new Memory(144);
        attr.clear();
        attr.setInt(0, progType);
        attr.setInt(4, slots.length);
        attr.setPointer(8, insns);
        attr.setPointer(16, license);
        attr.setInt(24, logLevel);
        attr.setInt(28, logSize);
        attr.setPointer(32, log);
        int[] saved = unprivileged ? dropCapabilities() : null;
        long fd;
        int errno;
        try {
            fd = LibC.INSTANCE.syscall(SYS_BPF, (long) BPF_PROG_LOAD, attr, 144L);
            errno = fd < 0 ? Native.getLastError() : 0;
        } finally {
            if (saved != null) {
                setCapabilities(saved);
            }
        }
        if (fd >= 0) {
            LibC.INSTANCE.syscall(3L, fd); // close
        }
        String text = log == null ? "" : log.getString(0, StandardCharsets.UTF_8.name());
        return new Result(fd >= 0, errno, text);
    }

    /** Clears CAP_SYS_ADMIN and CAP_PERFMON from this thread's effective set; returns the old sets. */
    private static int[] dropCapabilities() {
        Memory header = capHeader();
        Memory data = new Memory(24);
        if (LibC.INSTANCE.syscall(SYS_CAPGET, header, data) != 0) {
            throw new IllegalStateException("capget failed: errno " + Native.getLastError());
        }
        int[] saved = new int[6];
        for (int i = 0; i < 6; i++) {
            saved[i] = data.getInt(i * 4L);
        }
        data.setInt(0, saved[0] & ~(1 << CAP_SYS_ADMIN));
        data.setInt(12, saved[3] & ~(1 << (CAP_PERFMON - 32)));
        if (LibC.INSTANCE.syscall(SYS_CAPSET, capHeader(), data) != 0) {
            throw new IllegalStateException("capset failed: errno " + Native.getLastError());
        }
        return saved;
    }

    private static void setCapabilities(int[] saved) {
        Memory data = new Memory(24);
        for (int i = 0; i < 6; i++) {
            data.setInt(i * 4L, saved[i]);
        }
        if (LibC.INSTANCE.syscall(SYS_CAPSET, capHeader(), data) != 0) {
            throw new IllegalStateException("capset restore failed: errno " + Native.getLastError());
        }
    }

    private static Memory capHeader() {
        Memory header = new Memory(8);
        header.setInt(0, 0x20080522);
        header.setInt(4, 0);
        return header;
    }

}
