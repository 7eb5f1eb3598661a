package io.github.bpf4j.verifier;

import io.github.bpf4j.kernel.BpfSyscallException;
import io.github.bpf4j.kernel.KernelEngine;
import io.github.bpf4j.kernel.KernelMap;
import io.github.bpf4j.kernel.KernelProgram;
import io.github.bpf4j.vm.VerifierException;
import java.util.ArrayList;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.MapSpec;
import io.github.bpf4j.vm.Opcodes;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramBtf;
import io.github.bpf4j.vm.ProgramType;
import java.util.List;
import java.util.function.Function;

/**
 * Loads programs into the running kernel (through the kernel engine's {@link KernelProgram} and
 * {@link KernelMap}) to learn its verifier's verdict, for the corpus comparison. A raw program is loaded as XDP
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

    private static final long SYS_CAPGET = 125;
    private static final long SYS_CAPSET = 126;
    private static final int XDP = 6;
    static final int PROLOGUE = 8;
    private static final int CAP_SYS_ADMIN = 21;
    private static final int CAP_PERFMON = 38;

    /** A rejection by the verifier (the kernel says EACCES or EINVAL; the log says why). */
    private static final int EACCES_OR_EINVAL = -1;

    /** The kernel's verdict: accepted, or the errno of a refusal (-1 for a verifier rejection), and the log. */
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

    /** Null where bpf(2) works, else why not (the kernel engine's own check). */
    static String unavailableReason() {
        KernelEngine engine = new KernelEngine();
        return engine.isAvailable() ? null : engine.unavailableReason();
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
        ProgramBtf btf = callbackBtf(c.program(), prologue(c));
        if (c.type() == ProgramType.RAW) {
            return withMaps(c.slots(), c.maps(), slots -> load(withPrologue(slots, c.memSize()), XDP, c.unprivileged(),
                    logLevel, btf));
        }
        return withMaps(c.slots(), c.maps(), slots -> load(slots, c.type().kernelId(), c.unprivileged(), logLevel, btf));
    }

    /**
     * For a program that refers to functions (callbacks), the BTF function info the kernel
     * insists on, with subprogram starts shifted by the prologue; null for other programs.
     */
    private static ProgramBtf callbackBtf(Program program, int prologue) {
        boolean refersToFunctions = false;
        for (int pc = 0; pc < program.length(); pc++) {
            Instruction insn = program.instruction(pc);
            if (insn.isLddw()) {
                refersToFunctions |= insn.src() == Opcodes.PSEUDO_FUNC;
                pc++;
            }
        }
        if (!refersToFunctions) {
            return null;
        }
        int[] starts = program.subprogramStarts();
        for (int i = 1; i < starts.length; i++) {
            starts[i] += prologue;
        }
        return SyntheticBtf.forSubprograms(starts);
    }

    /** A program as the kernel sees it, as {@link #loadCase} loads a case: raw behind the prologue, with its maps. */
    static Result loadProgram(io.github.bpf4j.vm.Program p, int memSize, boolean unprivileged) {
        long[] slots = p.slots();
        if (p.type() == ProgramType.RAW) {
            return withMaps(slots, p.maps(), s -> loadRaw(s, memSize, unprivileged, 1));
        }
        return withMaps(slots, p.maps(), s -> load(s, p.type().kernelId(), unprivileged, 1));
    }

    /** Instructions the kernel sees before a case's first one (the raw prologue), by which its pcs shift. */
    static int prologue(VerifierCase c) {
        return c.type() == ProgramType.RAW ? PROLOGUE : 0;
    }

    private static Result withMaps(long[] program, List<MapSpec> maps, Function<long[], Result> loader) {
        List<KernelMap> created = new ArrayList<>();
        try {
            int[] fds = new int[maps.size()];
            for (int i = 0; i < fds.length; i++) {
                KernelMap map = KernelMap.create(maps.get(i));
                created.add(map);
                fds[i] = map.fd();
            }
            return loader.apply(withMapFds(program, fds));
        } finally {
            created.forEach(KernelMap::close);
        }
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
        return load(withPrologue(program, memSize), unprivileged, logLevel);
    }

    private static long[] withPrologue(long[] program, int memSize) {
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
        return all;
    }

    private static long insn(int opcode, int dst, int src, int off, int imm) {
        return (opcode & 0xffL) | (long) dst << 8 | (long) src << 12 | (off & 0xffffL) << 16 | (long) imm << 32;
    }

    static Result load(long[] slots, boolean unprivileged, int logLevel) {
        return load(slots, XDP, unprivileged, logLevel);
    }

    /**
     * One load. Below level 2 the verdict comes from a load without a log (a long accepted run
     * would overflow any log buffer); the kernel engine loads a rejected program again with
     * the level-1 log.
     */
    static Result load(long[] slots, int progType, boolean unprivileged, int logLevel) {
        return load(slots, progType, unprivileged, logLevel, null);
    }

    /** As above, with BTF function info (null for none). */
    static synchronized Result load(long[] slots, int progType, boolean unprivileged, int logLevel, ProgramBtf btf) {
        int[] saved = unprivileged ? dropCapabilities() : null;
        int level = logLevel >= 2 ? logLevel : KernelProgram.LOG_NONE;
        try (KernelProgram program = KernelProgram.load(progType, slots, new int[0], level, btf)) {
            return new Result(true, 0, program.log() == null ? "" : program.log());
        } catch (VerifierException e) {
            return new Result(false, EACCES_OR_EINVAL, e.log());
        } catch (BpfSyscallException e) {
            return new Result(false, e.errno(), "");
        } finally {
            if (saved != null) {
                setCapabilities(saved);
            }
        }
    }

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
