package io.github.bpf4j.kernel;

import com.sun.jna.LastErrorException;
import io.github.bpf4j.vm.BpfException;
import java.util.Locale;

/** The bpf(2) system call: command numbers, the syscall number per architecture, fd closing. */
final class Bpf {
    private Bpf() {}

    // enum bpf_cmd
    static final int MAP_CREATE = 0;
    static final int MAP_LOOKUP_ELEM = 1;
    static final int MAP_UPDATE_ELEM = 2;
    static final int MAP_DELETE_ELEM = 3;
    static final int MAP_GET_NEXT_KEY = 4;
    static final int PROG_LOAD = 5;
    static final int PROG_TEST_RUN = 10;
    static final int OBJ_GET_INFO_BY_FD = 15;

    /**
     * The size passed with every command: {@code sizeof(union bpf_attr)} of the 5.x UAPI headers.
     * Newer kernels zero-fill the fields past it; older ones accept it as long as its tail is zero.
     */
    static final int ATTR_SIZE = 144;

    /** The bpf(2) number for an {@code os.arch} value, or -1 when none is known. */
    static long syscallNumber(String arch) {
        return switch (arch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> 321;
            // arm64, riscv64 and loongarch64 share the generic system call table.
            case "aarch64", "arm64", "riscv64", "loongarch64" -> 280;
            default -> -1;
        };
    }

    private static final long SYSCALL = syscallNumber(System.getProperty("os.arch"));

    /** Runs one command; its non-negative result, or a {@link BpfSyscallException} naming the errno. */
    static int call(int command, Attr attr) {
        if (SYSCALL < 0) {
            throw new BpfException("no bpf(2) system call number is known for architecture "
                    + System.getProperty("os.arch"));
        }
        try {
            return (int) LibC.syscall(SYSCALL, command, attr.memory(), ATTR_SIZE);
        } catch (LastErrorException e) {
            throw new BpfSyscallException(commandName(command), e.getErrorCode());
        }
    }

    /** Closes a file descriptor this engine opened. */
    static void close(int fd) {
        try {
            LibC.close(fd);
        } catch (LastErrorException e) {
            throw new BpfSyscallException("close(" + fd + ")", e.getErrorCode());
        }
    }

    static String commandName(int command) {
        return switch (command) {
            case MAP_CREATE -> "BPF_MAP_CREATE";
            case MAP_LOOKUP_ELEM -> "BPF_MAP_LOOKUP_ELEM";
            case MAP_UPDATE_ELEM -> "BPF_MAP_UPDATE_ELEM";
            case MAP_DELETE_ELEM -> "BPF_MAP_DELETE_ELEM";
            case MAP_GET_NEXT_KEY -> "BPF_MAP_GET_NEXT_KEY";
            case PROG_LOAD -> "BPF_PROG_LOAD";
            case PROG_TEST_RUN -> "BPF_PROG_TEST_RUN";
            case OBJ_GET_INFO_BY_FD -> "BPF_OBJ_GET_INFO_BY_FD";
            default -> "bpf command " + command;
        };
    }
}
