package io.github.bpf4j.vm.elf;

/** A symbol: a function, a map or global variable, or a section. */
record ElfSymbol(int index, String name, long value, long size, int type, int bind, int section) {
    static final int STT_NOTYPE = 0, STT_OBJECT = 1, STT_FUNC = 2, STT_SECTION = 3;
    static final int STB_LOCAL = 0, STB_GLOBAL = 1, STB_WEAK = 2;
}
