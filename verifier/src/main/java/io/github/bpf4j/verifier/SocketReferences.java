package io.github.bpf4j.verifier;

/**
 * bpf_sk_release's argument (kernel: ARG_PTR_TO_BTF_ID_SOCK_COMMON | OBJ_RELEASE): a socket
 * or sock_common pointer the program holds a reference to, null-checked first.
 */
final class SocketReferences {
    /** The kernel's list of the pointer types the argument may have. */
    private static final String EXPECTED = "sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_";

    private SocketReferences() {}

    /** The reference {@code arg} hands back to the kernel. */
    static int checkRelease(int pc, int regno, RegState arg) {
        if (arg.type != RegType.PTR_TO_SOCKET && arg.type != RegType.PTR_TO_SOCK_COMMON) {
            throw new Rejection(pc, "R" + regno + " type=" + arg.type.kernelName + " expected=" + EXPECTED);
        }
        if (arg.refObjId == 0) {
            throw new Rejection(pc, "R" + regno + " must be referenced when passed to release function");
        }
        return arg.refObjId;
    }
}
