package io.github.bpf4j.verifier;

/**
 * What the verifier proved about one load or store: the kind of memory its base register
 * points to on every path ({@code "mixed"} when paths differ) and whether every path proved it
 * in bounds.
 *
 * @param pc          the instruction
 * @param pointerType the kernel's name of the base register's type: {@code fp} (stack),
 *                    {@code pkt} (packet, and the raw type's memory), {@code ctx}, {@code map_value}
 * @param inBounds    true when the access was proven in bounds on every path reaching it
 */
public record MemoryAccessFact(int pc, String pointerType, boolean inBounds) {}
