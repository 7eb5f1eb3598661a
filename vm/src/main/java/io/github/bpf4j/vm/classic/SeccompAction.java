package io.github.bpf4j.vm.classic;

/**
 * What the kernel does with a seccomp filter's return value: the action in the upper 16 bits,
 * its data in the lower 16. Prints as {@code ALLOW}, {@code ERRNO(1)}, {@code TRACE(7)} ...
 *
 * @param kind  the action as the kernel applies it (unknown values act as {@link Kind#KILL_PROCESS})
 * @param data  the lower 16 bits; for {@code ERRNO} capped at 4095 as the kernel does
 * @param value the filter's return value
 */
public record SeccompAction(Kind kind, int data, int value) {
    /** The {@code SECCOMP_RET_*} actions, from most to least restrictive. */
    public enum Kind {
        KILL_PROCESS(0x8000_0000),
        KILL_THREAD(0x0000_0000),
        TRAP(0x0003_0000),
        ERRNO(0x0005_0000),
        USER_NOTIF(0x7fc0_0000),
        TRACE(0x7ff0_0000),
        LOG(0x7ffc_0000),
        ALLOW(0x7fff_0000);

        /** The {@code SECCOMP_RET_*} constant. */
        public final int code;

        Kind(int code) {
            this.code = code;
        }
    }

    private static final int MAX_ERRNO = 4095;

    /** Decodes a filter's return value as {@code __seccomp_filter} does. */
    public static SeccompAction decode(int value) {
        int action = value & 0xffff_0000;
        int data = value & 0xffff;
        for (Kind kind : Kind.values()) {
            if (kind.code == action) {
                return new SeccompAction(kind, kind == Kind.ERRNO ? Math.min(data, MAX_ERRNO) : data, value);
            }
        }
        return new SeccompAction(Kind.KILL_PROCESS, data, value);
    }

    /** True when the value is not one of the defined actions (the kernel then kills the process). */
    public boolean unknownAction() {
        return (value & 0xffff_0000) != kind.code;
    }

    @Override
    public String toString() {
        String name = switch (kind) {
            case ERRNO, TRACE -> kind.name() + "(" + data + ")";
            default -> kind.name();
        };
        return unknownAction() ? name + String.format(" (unknown action 0x%08x)", value) : name;
    }
}
