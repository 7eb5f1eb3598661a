package io.github.bpf4j.vm;

/**
 * The BTF a program was compiled with, for engines that pass it on (the kernel needs BTF and
 * function info to load programs with callbacks such as {@code bpf_loop}'s).
 *
 * @param btf      the object's {@code .BTF} section, with what the linker would fill in filled in
 * @param funcInfo pairs of (first pc of a function in the program, its BTF FUNC type id)
 */
public record ProgramBtf(byte[] btf, int[] funcInfo) {
}
