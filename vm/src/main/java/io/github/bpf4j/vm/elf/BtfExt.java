package io.github.bpf4j.vm.elf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code .BTF.ext} section: line info and CO-RE relocations per program section. */
final class BtfExt {
    /** A line info record: instruction byte offset in its section and the source position. */
    record Line(long insnOffset, SourceLine source) {}

    /** A CO-RE relocation record. */
    record CoreRelocation(String section, long insnOffset, int typeId, String access, int kind) {}

    /** A function info record: instruction byte offset in its section and the FUNC type id. */
    record Func(long insnOffset, int typeId) {}

    final Map<String, List<Line>> lines = new LinkedHashMap<>();
    final Map<String, List<Func>> functions = new LinkedHashMap<>();
    final List<CoreRelocation> coreRelocations = new ArrayList<>();

    BtfExt(ElfBytes bytes, ElfSection section, Btf btf) {
        long base = section.offset();
        bytes.require(base, section.size(), "section .BTF.ext");
        if (bytes.u16(base) != 0xeb9f) {
            throw bytes.error(base, "section .BTF.ext has bad magic");
        }
        long headerLength = bytes.u32(base + 4);
        long data = base + headerLength;
        long end = base + section.size();
        if (headerLength < 24 || data > end) {
            throw bytes.error(base, "section .BTF.ext: header runs past the section");
        }
        readInfo(bytes, btf, data + bytes.u32(base + 8), bytes.u32(base + 12), end, FUNC);
        readInfo(bytes, btf, data + bytes.u32(base + 16), bytes.u32(base + 20), end, LINE);
        if (headerLength >= 32) {
            readInfo(bytes, btf, data + bytes.u32(base + 24), bytes.u32(base + 28), end, CORE);
        }
    }

    private static final int FUNC = 0, LINE = 1, CORE = 2;

    private void readInfo(ElfBytes bytes, Btf btf, long at, long length, long end, int kind) {
        if (length == 0) {
            return;
        }
        long stop = at + length;
        if (stop > end) {
            throw bytes.error(at, "section .BTF.ext: info runs past the section");
        }
        long recordSize = bytes.u32(at);
        if (recordSize < (kind == FUNC ? 8 : 16)) {
            throw bytes.error(at, "section .BTF.ext: record size " + recordSize + " is too small");
        }
        at += 4;
        while (at < stop) {
            String sectionName = btf.string(bytes.u32(at));
            long count = bytes.u32(at + 4);
            at += 8;
            if (count * recordSize > stop - at) {
                throw bytes.error(at, "section .BTF.ext: " + count + " records run past the info");
            }
            for (long i = 0; i < count; i++, at += recordSize) {
                if (kind == FUNC) {
                    functions.computeIfAbsent(sectionName, k -> new ArrayList<>())
                            .add(new Func(bytes.u32(at), (int) bytes.u32(at + 4)));
                } else if (kind == CORE) {
                    coreRelocations.add(new CoreRelocation(sectionName, bytes.u32(at), (int) bytes.u32(at + 4),
                            btf.string(bytes.u32(at + 8)), (int) bytes.u32(at + 12)));
                } else {
                    long col = bytes.u32(at + 12);
                    SourceLine line = new SourceLine(btf.string(bytes.u32(at + 4)), (int) (col >>> 10),
                            (int) (col & 0x3ff), btf.string(bytes.u32(at + 8)));
                    lines.computeIfAbsent(sectionName, k -> new ArrayList<>()).add(new Line(bytes.u32(at), line));
                }
            }
        }
    }
}
