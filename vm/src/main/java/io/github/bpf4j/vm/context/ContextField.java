package io.github.bpf4j.vm.context;

/**
 * One field of a context structure as the kernel UAPI lays it out.
 *
 * @param writable      whether the kernel lets a program of some type that sees this context write it
 * @param packetPointer whether the field is a pointer into the packet ({@code data}, {@code data_end}, ...)
 */
public record ContextField(String name, int offset, int size, boolean writable, boolean packetPointer) {
}
