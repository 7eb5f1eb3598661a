package io.github.bpf4j.kernel;

import io.github.bpf4j.vm.BpfException;

/** {@code BPF_BTF_LOAD}: hands an object's BTF to the kernel, for programs that need it. */
final class KernelBtf {
    static final int BTF_LOAD = 18;
    private static final int LOG_SIZE = 64 * 1024;
    // union bpf_attr, BPF_BTF_LOAD
    private static final int BTF = 0;
    private static final int BTF_LOG_BUF = 8;
    private static final int BTF_SIZE = 16;
    private static final int BTF_LOG_SIZE = 20;
    private static final int BTF_LOG_LEVEL = 24;

    private KernelBtf() {}

    /** The new BTF object's file descriptor; a rejection carries the kernel's BTF log. */
    static KernelFd load(byte[] btf) {
        try (Attr attr = new Attr(); NativeBuffer data = NativeBuffer.of(btf);
             NativeBuffer log = NativeBuffer.zeroed(LOG_SIZE)) {
            attr.pointer(BTF, data).u32(BTF_SIZE, btf.length).pointer(BTF_LOG_BUF, log).u32(BTF_LOG_SIZE, LOG_SIZE)
                    .u32(BTF_LOG_LEVEL, 1);
            try {
                return new KernelFd("kernel BTF", Bpf.call(BTF_LOAD, attr));
            } catch (BpfSyscallException e) {
                String text = log.memory().getString(0, "UTF-8").strip();
                throw new BpfException("BPF_BTF_LOAD refused the object's BTF (" + e.errnoName() + ")"
                        + (text.isEmpty() ? "" : ": " + text.replace('\n', ' ')));
            }
        }
    }
}
