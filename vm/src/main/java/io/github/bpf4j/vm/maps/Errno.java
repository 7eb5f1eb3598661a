package io.github.bpf4j.vm.maps;

/** The Linux errno values map operations and helpers report (helpers return them negated). */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int E2BIG = 7;
    public static final int ENOMEM = 12;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;
    public static final int ENOSPC = 28;
    public static final int EAGAIN = 11;
    public static final int EFAULT = 14;
    public static final int EOPNOTSUPP = 95;
    /** The kernel-internal "operation not supported" that bpf(2) returns for some map commands. */
    public static final int ENOTSUPP = 524;

    private Errno() {}

    /** The symbolic name, e.g. {@code ENOENT}, or {@code errno N}. */
    public static String name(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case E2BIG -> "E2BIG";
            case ENOMEM -> "ENOMEM";
            case EBUSY -> "EBUSY";
            case EEXIST -> "EEXIST";
            case EINVAL -> "EINVAL";
            case ENOSPC -> "ENOSPC";
            case EOPNOTSUPP -> "EOPNOTSUPP";
            case EAGAIN -> "EAGAIN";
            case EFAULT -> "EFAULT";
            case ENOTSUPP -> "ENOTSUPP";
            default -> "errno " + errno;
        };
    }
}
