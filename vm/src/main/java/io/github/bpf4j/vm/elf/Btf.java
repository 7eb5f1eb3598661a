package io.github.bpf4j.vm.elf;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code .BTF} section: types and strings, read as far as bpf4j needs them (map definitions in
 * {@code .maps}, sizes of key and value types, names for CO-RE relocations, line info strings).
 */
final class Btf {
    static final int INT = 1, PTR = 2, ARRAY = 3, STRUCT = 4, UNION = 5, ENUM = 6, FWD = 7, TYPEDEF = 8,
            VOLATILE = 9, CONST = 10, RESTRICT = 11, FUNC = 12, FUNC_PROTO = 13, VAR = 14, DATASEC = 15,
            FLOAT = 16, DECL_TAG = 17, TYPE_TAG = 18, ENUM64 = 19;
    private static final int MAGIC = 0xeb9f;
    private static final int MAX_RESOLVE_DEPTH = 32;

    /** One member of a struct or union, or one variable of a datasec. */
    record Member(String name, int type, long offset) {}

    /** One type; {@code sizeOrType} is a size for sized kinds and a type id for the others. */
    record Type(int id, int kind, String name, long sizeOrType, List<Member> members, int arrayType, long arrayLength,
                long position) {}

    private final ElfBytes bytes;
    private final ElfSection section;
    private final List<Type> types = new ArrayList<>();
    private final long stringStart;
    private final long stringEnd;

    Btf(ElfBytes bytes, ElfSection section) {
        this.bytes = bytes;
        this.section = section;
        long base = section.offset();
        bytes.require(base, section.size(), "section .BTF");
        if (bytes.u16(base) != MAGIC) {
            throw bytes.error(base, "section .BTF has bad magic 0x" + Integer.toHexString(bytes.u16(base)));
        }
        long headerLength = bytes.u32(base + 4);
        long typeOff = bytes.u32(base + 8);
        long typeLen = bytes.u32(base + 12);
        long strOff = bytes.u32(base + 16);
        long strLen = bytes.u32(base + 20);
        long data = base + headerLength;
        long end = base + section.size();
        if (headerLength < 24 || data + typeOff + typeLen > end || data + strOff + strLen > end) {
            throw bytes.error(base, "section .BTF: header lengths run past the section");
        }
        this.stringStart = data + strOff;
        this.stringEnd = stringStart + strLen;
        types.add(new Type(0, 0, "void", 0, List.of(), 0, 0, -1));
        long at = data + typeOff;
        long typesEnd = at + typeLen;
        while (at < typesEnd) {
            at = readType(at, typesEnd);
        }
    }

    String string(long offset) {
        return bytes.string(stringStart, stringEnd, offset, "BTF");
    }

    private long readType(long at, long end) {
        if (at + 12 > end) {
            throw bytes.error(at, "section .BTF: truncated type");
        }
        String name = string(bytes.u32(at));
        long info = bytes.u32(at + 4);
        int vlen = (int) (info & 0xffff);
        int kind = (int) (info >>> 24) & 0x1f;
        long sizeOrType = bytes.u32(at + 8);
        long p = at + 12;
        List<Member> members = new ArrayList<>();
        int arrayType = 0;
        long arrayLength = 0;
        switch (kind) {
            case INT, VAR, DECL_TAG -> p += 4;
            case ARRAY -> {
                arrayType = (int) bytes.u32(p);
                arrayLength = bytes.u32(p + 8);
                p += 12;
            }
            case STRUCT, UNION -> {
                for (int i = 0; i < vlen; i++, p += 12) {
                    long offset = bytes.u32(p + 8);
                    // With kind_flag set the offset packs a bitfield size in its top byte.
                    long bits = (info >>> 31) != 0 ? offset & 0xffffff : offset;
                    members.add(new Member(string(bytes.u32(p)), (int) bytes.u32(p + 4), bits));
                }
            }
            case ENUM, FUNC_PROTO -> p += 8L * vlen;
            case ENUM64 -> p += 12L * vlen;
            case DATASEC -> {
                for (int i = 0; i < vlen; i++, p += 12) {
                    members.add(new Member("", (int) bytes.u32(p), bytes.u32(p + 4)));
                }
            }
            case PTR, FWD, TYPEDEF, VOLATILE, CONST, RESTRICT, FUNC, FLOAT, TYPE_TAG -> { }
            default -> throw bytes.error(at, "section .BTF: unknown type kind " + kind);
        }
        if (p > end) {
            throw bytes.error(at, "section .BTF: truncated type");
        }
        types.add(new Type(types.size(), kind, name, sizeOrType, List.copyOf(members), arrayType, arrayLength, at));
        return p;
    }

    Type type(long id, long where) {
        if (id < 0 || id >= types.size()) {
            throw bytes.error(where, "section .BTF: type id " + id + " does not exist");
        }
        return types.get((int) id);
    }

    /** Follows typedefs and qualifiers. */
    Type resolve(long id, long where) {
        Type t = type(id, where);
        for (int depth = 0; depth < MAX_RESOLVE_DEPTH; depth++) {
            if (t.kind() != TYPEDEF && t.kind() != VOLATILE && t.kind() != CONST && t.kind() != RESTRICT
                    && t.kind() != TYPE_TAG && t.kind() != VAR) {
                return t;
            }
            t = type(t.sizeOrType(), where);
        }
        throw bytes.error(where, "section .BTF: type " + id + " resolves through too many typedefs");
    }

    /** The size in bytes of type {@code id}. */
    long size(long id, long where) {
        Type t = resolve(id, where);
        return switch (t.kind()) {
            case INT, STRUCT, UNION, ENUM, ENUM64, FLOAT, DATASEC -> t.sizeOrType();
            case PTR -> 8;
            case ARRAY -> t.arrayLength() * size(t.arrayType(), where);
            default -> throw bytes.error(where, "section .BTF: type " + id + " (" + t.name() + ") has no size");
        };
    }

    /**
     * The section's bytes with what libbpf fills in before loading: each DATASEC's size (the ELF
     * section's) and its variables' offsets (their symbols' values).
     */
    byte[] sanitized(java.util.function.ToLongFunction<String> sectionSize,
                     java.util.function.ToLongFunction<String> symbolValue) {
        byte[] out = bytes.slice(section.offset(), section.size(), "section .BTF");
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(out).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (Type t : types) {
            if (t.kind() != DATASEC) {
                continue;
            }
            int at = (int) (t.position() - section.offset());
            long size = sectionSize.applyAsLong(t.name());
            if (size >= 0) {
                b.putInt(at + 8, (int) size);
            }
            for (int i = 0; i < t.members().size(); i++) {
                Type var = type(t.members().get(i).type(), t.position());
                long value = symbolValue.applyAsLong(var.name());
                if (value >= 0) {
                    b.putInt(at + 12 + 12 * i + 4, (int) value);
                }
            }
        }
        return out;
    }

    /** The datasec named {@code name}, or null. */
    Type datasec(String name) {
        for (Type t : types) {
            if (t.kind() == DATASEC && t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
