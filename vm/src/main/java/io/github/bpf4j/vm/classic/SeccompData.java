package io.github.bpf4j.vm.classic;

import io.github.bpf4j.vm.BpfException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The context of a seccomp filter, {@code struct seccomp_data}: 64 bytes in the host's byte
 * order (little-endian here), which the filter reads with 32-bit aligned absolute loads.
 *
 * @param nr                 the system call number (offset 0)
 * @param arch               the {@code AUDIT_ARCH_*} value (offset 4), e.g. 0xc000003e for x86-64
 * @param instructionPointer where the call was made (offset 8)
 * @param args               the six arguments (offsets 16, 24, ... 56)
 */
public record SeccompData(int nr, int arch, long instructionPointer, long[] args) {
    /** {@code AUDIT_ARCH_X86_64}. */
    public static final int AUDIT_ARCH_X86_64 = 0xc000003e;

    public SeccompData {
        if (args.length != 6) {
            throw new BpfException("seccomp_data has 6 arguments, not " + args.length);
        }
        args = args.clone();
    }

    /** A call on x86-64 with the given number and arguments (missing ones are 0). */
    public static SeccompData x86_64(int nr, long... args) {
        long[] all = new long[6];
        System.arraycopy(args, 0, all, 0, Math.min(args.length, 6));
        return new SeccompData(nr, AUDIT_ARCH_X86_64, 0, all);
    }

    @Override
    public long[] args() {
        return args.clone();
    }

    /** The 64 bytes the filter sees. */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(ClassicChecker.SECCOMP_DATA_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(nr).putInt(arch).putLong(instructionPointer);
        for (long a : args) {
            b.putLong(a);
        }
        return b.array();
    }
}
