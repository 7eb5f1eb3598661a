package io.github.bpf4j.vm;

/**
 * What a program declares about a map it references: the kernel's map type number and sizes.
 * The same specification creates the map in every engine.
 *
 * @param initialValue the value of an array map's first element at creation (global data
 *                     sections of an ELF object), or null for zeroes
 * @param inner        for a map of maps (array_of_maps, hash_of_maps), the specification every
 *                     inner map must match (the kernel's inner map template), else null
 */
public record MapSpec(String name, int type, int keySize, int valueSize, int maxEntries, int flags,
                      byte[] initialValue, MapSpec inner) {
    public MapSpec(String name, int type, int keySize, int valueSize, int maxEntries, int flags) {
        this(name, type, keySize, valueSize, maxEntries, flags, null, null);
    }

    public MapSpec(String name, int type, int keySize, int valueSize, int maxEntries, int flags,
                   byte[] initialValue) {
        this(name, type, keySize, valueSize, maxEntries, flags, initialValue, null);
    }
}
