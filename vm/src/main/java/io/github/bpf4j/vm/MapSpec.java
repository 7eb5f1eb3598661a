package io.github.bpf4j.vm;

/**
 * What a program declares about a map it references: the kernel's map type number and sizes.
 * The same specification creates the map in every engine.
 */
public record MapSpec(String name, int type, int keySize, int valueSize, int maxEntries, int flags) {
}
