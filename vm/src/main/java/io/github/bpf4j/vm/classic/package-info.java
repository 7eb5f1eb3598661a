/**
 * Classic BPF (cBPF): the packet filter of libpcap and tcpdump and the language of seccomp.
 *
 * <ul>
 *   <li>{@link io.github.bpf4j.vm.classic.ClassicProgram}: a checked program (kernel and libpcap
 *       rules); {@code read(Path)} reads {@code .ddd} ({@code tcpdump -ddd}), {@code .dd}
 *       ({@code tcpdump -dd}) and {@code .cbpf} ({@code tcpdump -d} listing or bpf_asm) files.</li>
 *   <li>{@link io.github.bpf4j.vm.classic.ClassicInterpreter}: runs it as a socket filter over a
 *       packet and its {@link io.github.bpf4j.vm.classic.PacketMetadata}, or as a seccomp filter
 *       over {@link io.github.bpf4j.vm.classic.SeccompData}, giving a
 *       {@link io.github.bpf4j.vm.classic.SeccompAction}.</li>
 *   <li>{@link io.github.bpf4j.vm.classic.ClassicTranslator}: the equivalent eBPF socket filter,
 *       for the eBPF engines and the kernel.</li>
 *   <li>{@link io.github.bpf4j.vm.classic.ClassicDisassembler}: the {@code tcpdump -d} listing.</li>
 * </ul>
 */
package io.github.bpf4j.vm.classic;
