package io.github.bpf4j.verifier;

/**
 * A helper argument that must be a constant string (bpf_snprintf's format, bpf_strncmp's second
 * string; kernel: check_reg_const_str): a map value of a map the program may only read and that
 * is frozen, so the verifier can read the string while checking. bpf4j's engines create
 * read-only-for-program maps (an ELF object's .rodata) without freezing them, so the kernel
 * refuses such an argument with its first check, and so does this one.
 */
final class ConstantStrings {
    private ConstantStrings() {}

    /**
     * {@code arg} is a map value pointer (checked by the caller); its map is never frozen (the
     * kernel's bpf_map_is_rdonly needs BPF_F_RDONLY_PROG and a frozen map).
     */
    static void check(int pc, int regno, RegState arg) {
        throw new Rejection(pc, "R" + regno + " does not point to a readonly map'");
    }
}
