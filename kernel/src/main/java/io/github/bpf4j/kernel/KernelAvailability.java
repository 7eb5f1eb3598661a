package io.github.bpf4j.kernel;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.Opcodes;
import io.github.bpf4j.vm.ProgramType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether bpf(2) works here, found once by trying it: load {@code r0 = 0; exit} as XDP and run
 * it. The reason is empty when it works, otherwise it says exactly what stood in the way.
 */
final class KernelAvailability {
    private KernelAvailability() {}

    private static final Path UNPRIVILEGED_BPF_DISABLED = Path.of("/proc/sys/kernel/unprivileged_bpf_disabled");

    static final String REASON = probe();

    /** {@code r0 = 0; exit}: the smallest program every type accepts. */
    static long[] returnZero() {
        return new long[] {
            new Instruction(Opcodes.CLS_ALU64 | Opcodes.MOV, 0, 0, 0, 0).toSlot(),
            new Instruction(Opcodes.EXIT_OP, 0, 0, 0, 0).toSlot()
        };
    }

    private static String probe() {
        String os = System.getProperty("os.name");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return "bpf(2) exists only on Linux; this is " + os;
        }
        String arch = System.getProperty("os.arch");
        if (Bpf.syscallNumber(arch) < 0) {
            return "no bpf(2) system call number is known for architecture " + arch;
        }
        try {
            LibC.bind();
        } catch (LinkageError e) {
            // The probe's answer, not an error: JNA's native part or libc could not be loaded.
            Throwable why = e.getCause() != null ? e.getCause() : e;
            return "JNA cannot call libc: " + why.getMessage();
        }
        try (KernelProgram probe = KernelProgram.load(ProgramType.XDP.kernelId(), returnZero(), new int[0],
                KernelProgram.LOG_NONE)) {
            probe.testRun(new byte[RawWrapper.MIN_PACKET], 0, null, 0, 1);
            return "";
        } catch (BpfSyscallException e) {
            return switch (e.errno()) {
                case Errno.ENOSYS -> "the kernel has no bpf(2) system call (ENOSYS: built without CONFIG_BPF_SYSCALL)";
                case Errno.EPERM -> "bpf(2) is not permitted (EPERM)" + unprivilegedSetting();
                default -> "bpf(2) does not work: " + e.getMessage();
            };
        } catch (BpfException e) {
            return "bpf(2) does not work: " + e.getMessage();
        }
    }

    private static String unprivilegedSetting() {
        String value;
        try {
            value = Files.readString(UNPRIVILEGED_BPF_DISABLED).strip();
        } catch (IOException e) {
            return ": the process lacks CAP_BPF or CAP_SYS_ADMIN";
        }
        return value.equals("0")
                ? ": the process lacks CAP_BPF or CAP_SYS_ADMIN"
                : ": kernel.unprivileged_bpf_disabled=" + value + " and the process lacks CAP_BPF or CAP_SYS_ADMIN";
    }
}
