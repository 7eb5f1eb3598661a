package io.github.bpf4j.kernel;

import java.util.Map;

/** Names of the errno values bpf(2) returns (the generic Linux numbering of x86-64 and arm64). */
final class Errno {
    private Errno() {}

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int E2BIG = 7;
    static final int EACCES = 13;
    static final int EINVAL = 22;
    static final int ENOSPC = 28;
    static final int ENOSYS = 38;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(EPERM, "EPERM"), Map.entry(ENOENT, "ENOENT"), Map.entry(3, "ESRCH"),
            Map.entry(4, "EINTR"), Map.entry(5, "EIO"), Map.entry(E2BIG, "E2BIG"), Map.entry(9, "EBADF"),
            Map.entry(11, "EAGAIN"), Map.entry(12, "ENOMEM"), Map.entry(EACCES, "EACCES"),
            Map.entry(14, "EFAULT"), Map.entry(16, "EBUSY"), Map.entry(17, "EEXIST"),
            Map.entry(EINVAL, "EINVAL"), Map.entry(24, "EMFILE"), Map.entry(ENOSPC, "ENOSPC"),
            Map.entry(34, "ERANGE"), Map.entry(ENOSYS, "ENOSYS"), Map.entry(40, "ELOOP"),
            Map.entry(95, "EOPNOTSUPP"), Map.entry(524, "ENOTSUPP"));

    /** {@code EINVAL} for 22; {@code errno 1234} for a number without a name here. */
    static String name(int errno) {
        return NAMES.getOrDefault(errno, "errno " + errno);
    }
}
