package io.github.bpf4j.vm;

/**
 * What a program declares about a map it references: the kernel's map type number and sizes.
 * The same specification creates the map in every engine.
 *
 * @param initialValue the value of an array map's first element at creation (global data
 *                     sections of an ELF object), or null for zeroes
 */
public record MapSpec(String name, int type, int keySize, int valueSize, int maxEntries, int flags,
                      byte[] initialValue) {
    public MapSpec(String name, int type, int keySize, int valueSize, int maxEntries, int flags) {
        this(name, type, keySize, valueSize, maxEntries, flags, null);
    }
}
