package io.github.bpf4j.vm.elf;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.MalformedProgramException;
import io.github.bpf4j.vm.MapSpec;
import io.github.bpf4j.vm.Opcodes;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramBtf;
import io.github.bpf4j.vm.ProgramEnvironment;
import io.github.bpf4j.vm.ProgramType;
import io.github.bpf4j.vm.context.ContextField;
import io.github.bpf4j.vm.context.ContextLayout;
import io.github.bpf4j.vm.maps.MapType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads BPF ELF objects as clang and llvm-mc write them (64-bit little-endian relocatable,
 * machine EM_BPF): program sections by their {@code SEC} name, {@code .text} subprograms linked
 * after each program that calls them, map references ({@code R_BPF_64_64} on {@code lddw}) to
 * legacy {@code maps} and BTF {@code .maps} definitions and to global data sections, bpf-to-bpf
 * calls ({@code R_BPF_64_32}), BTF line info and CO-RE field offsets against bpf4j's own context
 * types. Anything else is a {@link MalformedProgramException} naming the file, section and offset.
 */
public final class ElfReader {
    private static final int EM_BPF = 247;
    private static final int ET_REL = 1;
    private static final int R_BPF_64_64 = 1, R_BPF_64_32 = 10, R_BPF_NONE = 0;
    private static final int CORE_FIELD_BYTE_OFFSET = 0;

    private final ElfBytes bytes;
    private final List<ElfSection> sections = new ArrayList<>();
    private final List<ElfSymbol> symbols = new ArrayList<>();
    /** Relocation sections by the index of the section they apply to. */
    private final Map<Integer, ElfSection> relocations = new HashMap<>();
    private final List<MapSpec> maps = new ArrayList<>();
    /** Map index by (section index, symbol value) for map definitions. */
    private final Map<Long, Integer> mapAt = new HashMap<>();
    /** Map index of each global data section. */
    private final Map<Integer, Integer> dataMap = new HashMap<>();
    private Btf btf;
    private BtfExt btfExt;

    private ElfReader(byte[] data, String file) {
        this.bytes = new ElfBytes(data, file);
    }

    /** Reads an object file; an unreadable file is a {@link BpfException} naming it. */
    public static ElfObject read(Path path) {
        byte[] data;
        try {
            data = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new BpfException(path + ": cannot read: " + e.getMessage());
        }
        return read(data, path.toString());
    }

    /** Reads an object from its bytes; {@code file} names it in errors. */
    public static ElfObject read(byte[] data, String file) {
        return new ElfReader(data, file).object();
    }

    private ElfObject object() {
        readHeaderAndSections();
        readSymbols();
        for (ElfSection s : sections) {
            if (s.name().equals(".BTF")) {
                btf = new Btf(bytes, s);
            }
        }
        for (ElfSection s : sections) {
            if (s.name().equals(".BTF.ext") && btf != null) {
                btfExt = new BtfExt(bytes, s, btf);
            }
        }
        readMaps();
        List<ElfProgram> programs = new ArrayList<>();
        for (ElfSection s : sections) {
            if (s.executable() && !s.name().equals(".text") && s.size() > 0) {
                programs.addAll(programsOf(s));
            }
        }
        if (programs.isEmpty()) {
            throw new MalformedProgramException(bytes.file() + ": no program sections (only .text or none)");
        }
        return new ElfObject(bytes.file(), programs, maps, license(), version());
    }

    private void readHeaderAndSections() {
        bytes.require(0, 64, "ELF header");
        if (bytes.u8(0) != 0x7f || bytes.u8(1) != 'E' || bytes.u8(2) != 'L' || bytes.u8(3) != 'F') {
            throw bytes.error(0, "not an ELF file (bad magic)");
        }
        if (bytes.u8(4) != 2 || bytes.u8(5) != 1) {
            throw bytes.error(4, "not a 64-bit little-endian ELF file (class " + bytes.u8(4) + ", data " + bytes.u8(5) + ")");
        }
        if (bytes.u16(16) != ET_REL) {
            throw bytes.error(16, "ELF type " + bytes.u16(16) + " is not a relocatable object");
        }
        if (bytes.u16(18) != EM_BPF) {
            throw bytes.error(18, "machine " + bytes.u16(18) + " is not BPF (247)");
        }
        int shoff = bytes.size64(40, "section header offset");
        int shentsize = bytes.u16(58);
        int shnum = bytes.u16(60);
        int shstrndx = bytes.u16(62);
        if (shentsize < 64) {
            throw bytes.error(58, "section header size " + shentsize + " is below 64");
        }
        bytes.require(shoff, (long) shentsize * shnum, "section header table");
        if (shstrndx >= shnum) {
            throw bytes.error(62, "section name table index " + shstrndx + " is not below the " + shnum + " sections");
        }
        long namesHeader = shoff + (long) shstrndx * shentsize;
        int namesOffset = bytes.size64(namesHeader + 24, "section offset");
        int namesSize = bytes.size64(namesHeader + 32, "section size");
        bytes.require(namesOffset, namesSize, "section name table");
        for (int i = 0; i < shnum; i++) {
            long h = shoff + (long) i * shentsize;
            String name = bytes.string(namesOffset, (long) namesOffset + namesSize, bytes.u32(h), "section");
            int type = (int) bytes.u32(h + 4);
            int offset = bytes.size64(h + 24, "section " + name + " offset");
            int size = bytes.size64(h + 32, "section " + name + " size");
            ElfSection s = new ElfSection(i, name, type, bytes.u64(h + 8), offset, size, (int) bytes.u32(h + 40),
                    (int) bytes.u32(h + 44), bytes.size64(h + 56, "entry size"));
            if (type != ElfSection.SHT_NOBITS && i != 0) {
                bytes.require(offset, size, "section " + name);
            }
            sections.add(s);
            if (type == ElfSection.SHT_RELA) {
                throw bytes.error(h, "section " + name + ": RELA relocations are not used by BPF objects");
            }
        }
        for (ElfSection s : sections) {
            if (s.type() == ElfSection.SHT_REL) {
                if (s.info() <= 0 || s.info() >= sections.size()) {
                    throw bytes.error(s.offset(), "section " + s.name() + " applies to section " + s.info() + ", which does not exist");
                }
                relocations.put(s.info(), s);
            }
        }
    }

    private void readSymbols() {
        ElfSection symtab = null;
        for (ElfSection s : sections) {
            if (s.type() == ElfSection.SHT_SYMTAB) {
                symtab = s;
            }
        }
        if (symtab == null) {
            throw new MalformedProgramException(bytes.file() + ": no symbol table");
        }
        if (symtab.link() <= 0 || symtab.link() >= sections.size()) {
            throw bytes.error(symtab.offset(), "symbol table names string section " + symtab.link() + ", which does not exist");
        }
        ElfSection strings = sections.get(symtab.link());
        for (int at = 0, i = 0; at + 24 <= symtab.size(); at += 24, i++) {
            long p = symtab.offset() + at;
            int info = bytes.u8(p + 4);
            String name = bytes.string(strings.offset(), (long) strings.offset() + strings.size(), bytes.u32(p), "symbol");
            symbols.add(new ElfSymbol(i, name, bytes.u64(p + 8), bytes.u64(p + 16), info & 0xf, info >>> 4, bytes.u16(p + 6)));
        }
    }

    private ElfSection section(String name) {
        for (ElfSection s : sections) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    private List<ElfSymbol> symbolsIn(ElfSection s, int type) {
        List<ElfSymbol> list = new ArrayList<>();
        for (ElfSymbol sym : symbols) {
            if (sym.section() == s.index() && (type < 0 || sym.type() == type) && !sym.name().isEmpty()) {
                list.add(sym);
            }
        }
        list.sort(Comparator.comparingLong(ElfSymbol::value));
        return list;
    }

    // ---- maps ----

    private void readMaps() {
        ElfSection legacy = section("maps");
        if (legacy != null) {
            for (ElfSymbol sym : symbolsIn(legacy, -1)) {
                if (sym.type() == ElfSymbol.STT_SECTION) {
                    continue;
                }
                long at = legacy.offset() + sym.value();
                if (sym.value() + 20 > legacy.size()) {
                    throw bytes.error(at, "section maps: map '" + sym.name() + "' at offset " + sym.value()
                            + " runs past the section");
                }
                addMap(legacy, sym, new MapSpec(sym.name(), (int) bytes.u32(at), (int) bytes.u32(at + 4),
                        (int) bytes.u32(at + 8), (int) bytes.u32(at + 12), (int) bytes.u32(at + 16)));
            }
        }
        ElfSection btfMaps = section(".maps");
        if (btfMaps != null) {
            if (btf == null) {
                throw bytes.error(btfMaps.offset(), "section .maps needs BTF to describe its maps, the object has no .BTF");
            }
            Btf.Type datasec = btf.datasec(".maps");
            if (datasec == null) {
                throw bytes.error(btfMaps.offset(), "section .maps has no BTF datasec");
            }
            for (ElfSymbol sym : symbolsIn(btfMaps, ElfSymbol.STT_OBJECT)) {
                addMap(btfMaps, sym, btfMap(sym, datasec, btfMaps));
            }
        }
        for (ElfSection s : sections) {
            String n = s.name();
            boolean data = n.equals(".data") || n.startsWith(".data.") || n.equals(".bss") || n.startsWith(".bss.")
                    || n.equals(".rodata") || n.startsWith(".rodata.");
            if (data && (s.flags() & ElfSection.SHF_ALLOC) != 0 && s.size() > 0) {
                boolean readOnly = (s.flags() & ElfSection.SHF_WRITE) == 0;
                byte[] initial = s.type() == ElfSection.SHT_NOBITS ? new byte[s.size()]
                        : bytes.slice(s.offset(), s.size(), "section " + n);
                dataMap.put(s.index(), maps.size());
                maps.add(new MapSpec(n, MapType.ARRAY, 4, s.size(), 1,
                        readOnly ? ProgramEnvironment.RDONLY_PROG : 0, initial));
            }
        }
    }

    private void addMap(ElfSection section, ElfSymbol sym, MapSpec spec) {
        mapAt.put((long) section.index() << 40 | sym.value(), maps.size());
        maps.add(spec);
    }

    private MapSpec btfMap(ElfSymbol sym, Btf.Type datasec, ElfSection section) {
        long where = section.offset() + sym.value();
        Btf.Type def = null;
        for (Btf.Member v : datasec.members()) {
            Btf.Type var = btf.type(v.type(), where);
            if (var.name().equals(sym.name())) {
                def = btf.resolve(var.sizeOrType(), where);
            }
        }
        if (def == null || def.kind() != Btf.STRUCT) {
            throw bytes.error(where, "section .maps: map '" + sym.name() + "' has no BTF struct definition");
        }
        long type = -1, keySize = 0, valueSize = 0, maxEntries = 0, flags = 0;
        for (Btf.Member m : def.members()) {
            Btf.Type t = btf.resolve(m.type(), where);
            if (t.kind() != Btf.PTR) {
                throw bytes.error(where, "section .maps: map '" + sym.name() + "' field " + m.name() + " is not a pointer");
            }
            long target = t.sizeOrType();
            switch (m.name()) {
                case "type" -> type = arrayLength(target, where);
                case "max_entries" -> maxEntries = arrayLength(target, where);
                case "map_flags" -> flags = arrayLength(target, where);
                case "key_size" -> keySize = arrayLength(target, where);
                case "value_size" -> valueSize = arrayLength(target, where);
                case "key" -> keySize = btf.size(target, where);
                case "value" -> valueSize = btf.size(target, where);
                case "values", "pinning", "numa_node", "map_extra" -> { }
                default -> throw bytes.error(where, "section .maps: map '" + sym.name() + "' has unknown field '" + m.name() + "'");
            }
        }
        if (type < 0) {
            throw bytes.error(where, "section .maps: map '" + sym.name() + "' has no type");
        }
        // A prog_array or map of maps declared with __array(values, ...) holds 4-byte ids.
        if ((type == MapType.PROG_ARRAY || type == MapType.ARRAY_OF_MAPS || type == MapType.HASH_OF_MAPS) && valueSize == 0) {
            valueSize = 4;
        }
        return new MapSpec(sym.name(), (int) type, (int) keySize, (int) valueSize, (int) maxEntries, (int) flags);
    }

    /** {@code __uint(name, N)} is a pointer to an array of N ints. */
    private long arrayLength(long typeId, long where) {
        Btf.Type t = btf.resolve(typeId, where);
        if (t.kind() != Btf.ARRAY) {
            throw bytes.error(where, "section .maps: expected an __uint() array type, found BTF kind " + t.kind());
        }
        return t.arrayLength();
    }

    // ---- programs ----

    private List<ElfProgram> programsOf(ElfSection section) {
        List<ElfSymbol> functions = new ArrayList<>();
        for (ElfSymbol f : symbolsIn(section, ElfSymbol.STT_FUNC)) {
            if (f.bind() != ElfSymbol.STB_LOCAL) {
                functions.add(f);
            }
        }
        List<ElfProgram> out = new ArrayList<>();
        if (functions.isEmpty()) {
            out.add(link(section, section.name(), 0, section.size()));
        }
        for (ElfSymbol f : functions) {
            if (f.value() % 8 != 0 || f.value() + f.size() > section.size() || f.size() % 8 != 0) {
                throw bytes.error(section.offset() + f.value(), "section " + section.name() + ": function " + f.name()
                        + " (offset " + f.value() + ", size " + f.size() + ") is not whole instructions inside the section");
            }
            out.add(link(section, f.name(), (int) f.value(), (int) f.size()));
        }
        return out;
    }

    private ElfProgram link(ElfSection section, String name, int start, int size) {
        if (size % 8 != 0 || size == 0) {
            throw bytes.error(section.offset() + start, "section " + section.name() + ": program " + name
                    + " has " + size + " bytes, not a whole number of instructions");
        }
        ElfSection text = section(".text");
        List<long[]> relocs = relocationsOf(section, start, size);
        boolean needsText = false;
        for (long[] r : relocs) {
            ElfSymbol sym = symbols.get((int) r[1]);
            if (text != null && sym.section() == text.index() && (r[2] == R_BPF_64_32 || isFunctionPointer(section, r, text))) {
                needsText = true;
            }
        }
        int own = size / 8;
        int textSlots = needsText ? text.size() / 8 : 0;
        long[] slots = new long[own + textSlots];
        for (int i = 0; i < own; i++) {
            slots[i] = bytes.u64((long) section.offset() + start + 8L * i);
        }
        for (int i = 0; i < textSlots; i++) {
            slots[own + i] = bytes.u64((long) text.offset() + 8L * i);
        }
        Map<Integer, SourceLine> lines = new HashMap<>();
        addLines(lines, section, start, size, 0);
        List<Integer> funcInfo = new ArrayList<>();
        addFunctions(funcInfo, section, start, size, 0);
        for (long[] r : relocs) {
            apply(slots, section, (int) ((r[0] - start) / 8), r, own, start, size);
        }
        if (needsText) {
            for (long[] r : relocationsOf(text, 0, text.size())) {
                apply(slots, text, own + (int) (r[0] / 8), r, own, -1, 0);
            }
            addLines(lines, text, 0, text.size(), own);
            addFunctions(funcInfo, text, 0, text.size(), own);
            applyCore(slots, text, own, 0, text.size());
        }
        applyCore(slots, section, 0, start, size);
        ProgramType type = programType(section.name());
        if (type == null) {
            throw new MalformedProgramException(bytes.file() + ": section " + section.name()
                    + ": unknown program type (section names such as xdp, socket, tc, kprobe/..., tracepoint/..."
                    + " say it; raw for the raw type)");
        }
        Program program;
        try {
            program = Program.of(type, slots, maps);
        } catch (MalformedProgramException e) {
            throw new MalformedProgramException(bytes.file() + ": section " + section.name() + ", program " + name + ": "
                    + e.getMessage(), e.slot());
        }
        if (btf != null && !funcInfo.isEmpty()) {
            program = program.withBtf(new ProgramBtf(sanitizedBtf(), funcInfo.stream().mapToInt(Integer::intValue).toArray()));
        }
        return new ElfProgram(name, section.name(), program, lines);
    }

    private byte[] sanitizedBtf() {
        return btf.sanitized(name -> {
            ElfSection s = section(name);
            return s == null ? -1 : s.size();
        }, name -> {
            for (ElfSymbol sym : symbols) {
                if (sym.name().equals(name) && sym.type() == ElfSymbol.STT_OBJECT) {
                    return sym.value();
                }
            }
            return -1;
        });
    }

    private void addFunctions(List<Integer> funcInfo, ElfSection section, int start, int size, int base) {
        if (btfExt == null) {
            return;
        }
        for (BtfExt.Func f : btfExt.functions.getOrDefault(section.name(), List.of())) {
            if (f.insnOffset() >= start && f.insnOffset() < start + size) {
                funcInfo.add(base + (int) ((f.insnOffset() - start) / 8));
                funcInfo.add(f.typeId());
            }
        }
    }

    private boolean isFunctionPointer(ElfSection section, long[] r, ElfSection text) {
        return r[2] == R_BPF_64_64 && symbols.get((int) r[1]).section() == text.index();
    }

    /** Relocations of {@code section} in {@code [start, start+size)}: {offset, symbol, type}. */
    private List<long[]> relocationsOf(ElfSection section, int start, int size) {
        ElfSection rel = relocations.get(section.index());
        List<long[]> list = new ArrayList<>();
        if (rel == null) {
            return list;
        }
        for (long at = 0; at + 16 <= rel.size(); at += 16) {
            long p = rel.offset() + at;
            long offset = bytes.u64(p);
            long info = bytes.u64(p + 8);
            long sym = info >>> 32;
            long type = info & 0xffff_ffffL;
            if (offset < 0 || offset >= section.size() || offset % 8 != 0) {
                throw bytes.error(p, "section " + rel.name() + ": relocation offset " + offset
                        + " is outside section " + section.name() + " or not on an instruction");
            }
            if (sym >= symbols.size()) {
                throw bytes.error(p, "section " + rel.name() + ": relocation names symbol " + sym + ", which does not exist");
            }
            if (offset >= start && offset < start + size) {
                list.add(new long[] {offset, sym, type});
            }
        }
        return list;
    }

    /**
     * Applies one relocation to the instruction at {@code pc} of the linked program. {@code own} is
     * where the appended .text starts; {@code start}/{@code size} delimit the program in its
     * section (start -1 for relocations inside .text).
     */
    private void apply(long[] slots, ElfSection section, int pc, long[] r, int own, int start, int size) {
        ElfSymbol sym = symbols.get((int) r[1]);
        int type = (int) r[2];
        String where = String.format("section %s offset 0x%x", section.name(), r[0]);
        Instruction insn = Instruction.fromSlot(slots[pc]);
        if (type == R_BPF_NONE) {
            return;
        }
        if (sym.section() <= 0 || sym.section() >= sections.size()) {
            throw new MalformedProgramException(bytes.file() + ": " + where + ": relocation against symbol '" + sym.name()
                    + "', which is not defined in this object (extern symbols are not supported)");
        }
        ElfSection target = sections.get(sym.section());
        if (type == R_BPF_64_32) {
            if (insn.opcode() != Opcodes.CALL_OP) {
                throw new MalformedProgramException(bytes.file() + ": " + where + ": R_BPF_64_32 on an instruction that is not a call");
            }
            long index = sym.value() / 8 + insn.imm() + 1;
            int targetPc = targetPc(target, index, own, start, size, where);
            slots[pc] = new Instruction(insn.opcode(), insn.dst(), Opcodes.CALL_LOCAL, insn.offset(), targetPc - pc - 1).toSlot();
            return;
        }
        if (type != R_BPF_64_64) {
            throw new MalformedProgramException(bytes.file() + ": " + where + ": relocation type " + type
                    + " is not supported in program code");
        }
        if (!insn.isLddw() || pc + 1 >= slots.length) {
            throw new MalformedProgramException(bytes.file() + ": " + where + ": R_BPF_64_64 on an instruction that is not lddw");
        }
        Integer map = mapAt.get((long) target.index() << 40 | sym.value());
        Integer data = dataMap.get(target.index());
        if (map != null) {
            slots[pc] = new Instruction(insn.opcode(), insn.dst(), Opcodes.PSEUDO_MAP_FD, 0, map).toSlot();
            slots[pc + 1] = new Instruction(0, 0, 0, 0, 0).toSlot();
        } else if (data != null) {
            long offset = sym.value() + insn.imm();
            slots[pc] = new Instruction(insn.opcode(), insn.dst(), Opcodes.PSEUDO_MAP_VALUE, 0, data).toSlot();
            slots[pc + 1] = new Instruction(0, 0, 0, 0, (int) offset).toSlot();
        } else if (target.executable()) {
            long index = (sym.value() + insn.imm()) / 8;
            int targetPc = targetPc(target, index, own, start, size, where);
            slots[pc] = new Instruction(insn.opcode(), insn.dst(), Opcodes.PSEUDO_FUNC, 0, targetPc - pc - 1).toSlot();
            slots[pc + 1] = new Instruction(0, 0, 0, 0, 0).toSlot();
        } else {
            throw new MalformedProgramException(bytes.file() + ": " + where + ": lddw refers to '" + sym.name()
                    + "' in section " + target.name() + ", which is neither a map nor global data");
        }
    }

    private int targetPc(ElfSection target, long index, int own, int start, int size, String where) {
        if (target.name().equals(".text")) {
            if (index < 0 || index >= target.size() / 8) {
                throw new MalformedProgramException(bytes.file() + ": " + where + ": call target " + index
                        + " is outside .text");
            }
            return own + (int) index;
        }
        long local = index - (start < 0 ? 0 : start / 8);
        if (start < 0 || local < 0 || local >= size / 8) {
            throw new MalformedProgramException(bytes.file() + ": " + where + ": call into section " + target.name()
                    + " outside the calling program is not supported");
        }
        return (int) local;
    }

    private void addLines(Map<Integer, SourceLine> lines, ElfSection section, int start, int size, int base) {
        if (btfExt == null) {
            return;
        }
        for (BtfExt.Line line : btfExt.lines.getOrDefault(section.name(), List.of())) {
            if (line.insnOffset() >= start && line.insnOffset() < start + size) {
                lines.put(base + (int) ((line.insnOffset() - start) / 8), line.source());
            }
        }
    }

    /**
     * CO-RE field byte offsets against bpf4j's context layouts (the UAPI ones); any other CO-RE
     * relocation is an error naming it.
     */
    private void applyCore(long[] slots, ElfSection section, int base, int start, int size) {
        if (btfExt == null) {
            return;
        }
        for (BtfExt.CoreRelocation c : btfExt.coreRelocations) {
            if (!c.section().equals(section.name()) || c.insnOffset() < start || c.insnOffset() >= start + size) {
                continue;
            }
            int pc = base + (int) ((c.insnOffset() - start) / 8);
            String where = String.format("%s: section %s offset 0x%x: CO-RE relocation (kind %d, access %s)",
                    bytes.file(), section.name(), c.insnOffset(), c.kind(), c.access());
            Btf.Type root = btf.resolve(c.typeId(), 0);
            // "xdp_md___core" is a flavor of xdp_md, as libbpf reads the triple underscore.
            ContextLayout layout = layoutNamed(root.name().replaceFirst("___.*$", ""));
            String[] access = c.access().split(":");
            if (c.kind() != CORE_FIELD_BYTE_OFFSET || layout == null || access.length != 2 || root.kind() != Btf.STRUCT) {
                throw new MalformedProgramException(where + " on type '" + root.name()
                        + "' cannot be resolved: bpf4j resolves only field offsets of its context types "
                        + "(__sk_buff, xdp_md, bpf_sock_addr, bpf_sock_ops)");
            }
            int member = access[1].matches("[0-9]{1,4}") ? Integer.parseInt(access[1]) : -1;
            if (!access[0].equals("0") || member < 0 || member >= root.members().size()) {
                throw new MalformedProgramException(where + ": no member " + access[1] + " in " + root.name());
            }
            String field = root.members().get(member).name();
            ContextField f = layout.fields().stream().filter(x -> x.name().equals(field)).findFirst().orElse(null);
            if (f == null) {
                throw new MalformedProgramException(where + ": " + root.name() + "." + field + " is not a field bpf4j knows");
            }
            Instruction insn = Instruction.fromSlot(slots[pc]);
            int cls = insn.cls();
            Instruction patched = cls == Opcodes.CLS_ALU || cls == Opcodes.CLS_ALU64
                    ? new Instruction(insn.opcode(), insn.dst(), insn.src(), insn.offset(), f.offset())
                    : new Instruction(insn.opcode(), insn.dst(), insn.src(), f.offset(), insn.imm());
            slots[pc] = patched.toSlot();
        }
    }

    private static ContextLayout layoutNamed(String name) {
        for (ContextLayout l : List.of(ContextLayout.SK_BUFF, ContextLayout.XDP_MD, ContextLayout.SOCK_ADDR,
                ContextLayout.SOCK_OPS)) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        return null;
    }

    /** The program type libbpf gives a section name, or null when it names none. */
    static ProgramType programType(String section) {
        Map<String, ProgramType> prefixes = new LinkedHashMap<>();
        prefixes.put("xdp", ProgramType.XDP);
        prefixes.put("socket", ProgramType.SOCKET_FILTER);
        prefixes.put("tc", ProgramType.SCHED_CLS);
        prefixes.put("classifier", ProgramType.SCHED_CLS);
        prefixes.put("action", ProgramType.SCHED_ACT);
        prefixes.put("kprobe", ProgramType.KPROBE);
        prefixes.put("kretprobe", ProgramType.KPROBE);
        prefixes.put("uprobe", ProgramType.KPROBE);
        prefixes.put("uretprobe", ProgramType.KPROBE);
        prefixes.put("tracepoint", ProgramType.TRACEPOINT);
        prefixes.put("tp", ProgramType.TRACEPOINT);
        prefixes.put("perf_event", ProgramType.PERF_EVENT);
        prefixes.put("cgroup_skb", ProgramType.CGROUP_SKB);
        prefixes.put("cgroup/skb", ProgramType.CGROUP_SKB);
        prefixes.put("cgroup/sock_create", ProgramType.CGROUP_SOCK);
        prefixes.put("cgroup/sock", ProgramType.CGROUP_SOCK);
        for (String hook : List.of("connect4", "connect6", "bind4", "bind6", "sendmsg4", "sendmsg6", "recvmsg4",
                "recvmsg6", "getpeername4", "getpeername6", "getsockname4", "getsockname6")) {
            prefixes.put("cgroup/" + hook, ProgramType.CGROUP_SOCK_ADDR);
        }
        prefixes.put("sockops", ProgramType.SOCK_OPS);
        prefixes.put("raw", ProgramType.RAW);
        ProgramType best = null;
        int bestLength = -1;
        for (Map.Entry<String, ProgramType> e : prefixes.entrySet()) {
            String p = e.getKey();
            boolean matches = section.equals(p) || section.startsWith(p + "/") || section.startsWith(p + ".")
                    || (p.equals("xdp") && section.startsWith("xdp")) || (p.equals("tc") && section.startsWith("tcx"));
            if (matches && p.length() > bestLength) {
                best = e.getValue();
                bestLength = p.length();
            }
        }
        return best;
    }

    private String license() {
        ElfSection s = section("license");
        if (s == null) {
            return "";
        }
        byte[] b = bytes.slice(s.offset(), s.size(), "section license");
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(Arrays.copyOf(b, end), StandardCharsets.UTF_8);
    }

    private int version() {
        ElfSection s = section("version");
        if (s == null) {
            return 0;
        }
        if (s.size() != 4) {
            throw bytes.error(s.offset(), "section version has " + s.size() + " bytes, expected 4");
        }
        return (int) bytes.u32(s.offset());
    }
}
