package io.github.bpf4j.testdata;

import io.github.bpf4j.vm.Assembler;
import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Decoder;
import io.github.bpf4j.vm.HexText;
import io.github.bpf4j.vm.MalformedProgramException;
import io.github.bpf4j.vm.MapSpec;
import io.github.bpf4j.vm.maps.MapType;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One {@code .data} test case (the bpf_conformance format): sections opened by {@code -- NAME}
 * lines, {@code #} comments. Execution cases use {@code asm} or {@code raw}, {@code mem},
 * {@code result} or {@code error}, optionally {@code mem-after}; verifier cases add
 * {@code mem-size}, {@code unprivileged}, {@code verdict} and {@code message}.
 */
public final class DataCase {
    private static final Set<String> KNOWN = Set.of("asm", "raw", "mem", "result", "error", "mem-after",
            "c", "no register offset", "mem-size", "unprivileged", "verdict", "message", "type", "maps");
    private static final Set<String> IGNORED = Set.of("c", "no register offset");

    /** A section's text and the file line its first body line is on. */
    private record Section(String text, int firstLine) {}

    private final String name;
    private final String source;
    private final Map<String, Section> sections;

    private DataCase(String name, String source, Map<String, Section> sections) {
        this.name = name;
        this.source = source;
        this.sections = sections;
    }

    /** Reads a case from a file; a malformed file is a {@link MalformedProgramException}. */
    public static DataCase read(Path file) {
        try {
            return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BpfException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Parses case text; {@code name} names it in errors. */
    public static DataCase parse(String name, String text) {
        Map<String, Section> sections = new LinkedHashMap<>();
        String current = null;
        StringBuilder body = new StringBuilder();
        int firstLine = 0;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("-- ")) {
                if (current != null) {
                    sections.put(current, new Section(body.toString(), firstLine));
                }
                current = line.substring(3).trim().toLowerCase(Locale.ROOT);
                if (!KNOWN.contains(current)) {
                    throw new MalformedProgramException(name + ":" + (i + 1) + ":1: unknown section '"
                            + line.substring(3).trim() + "'");
                }
                if (sections.containsKey(current)) {
                    throw new MalformedProgramException(name + ":" + (i + 1) + ":1: section '" + current
                            + "' appears twice");
                }
                body.setLength(0);
                firstLine = i + 2;
            } else if (current != null) {
                body.append(line).append('\n');
            }
        }
        if (current != null) {
            sections.put(current, new Section(body.toString(), firstLine));
        }
        IGNORED.forEach(sections::remove);
        return new DataCase(name, text, sections);
    }

    public String name() {
        return name;
    }

    /** The file text as read. */
    public String source() {
        return source;
    }

    public boolean has(String section) {
        return sections.containsKey(section);
    }

    /** The text of a section with comments and blank lines kept, or null. */
    public String section(String section) {
        Section s = sections.get(section);
        return s == null ? null : s.text();
    }

    /** True when the case has an instruction section (asm or raw). */
    public boolean hasProgram() {
        return sections.containsKey("asm") || sections.containsKey("raw");
    }

    /**
     * The program: the {@code raw} section when present, else the assembled {@code asm}. Errors
     * name this file and the line in it.
     */
    public Program program() {
        if (sections.containsKey("raw")) {
            return Program.of(rawSlots());
        }
        Section asm = sections.get("asm");
        if (asm == null) {
            throw new MalformedProgramException(name + ": no asm or raw section");
        }
        return assemble(asm);
    }

    /**
     * The program with the case's own type ({@code -- type}, raw by default) and maps
     * ({@code -- maps}): what a verifier case is about.
     */
    public Program typedProgram() {
        String type = value("type");
        ProgramType t = type == null || type.isEmpty() ? ProgramType.RAW : ProgramType.parse(type);
        List<MapSpec> maps = maps();
        Program p = program();
        return t == ProgramType.RAW && maps.isEmpty() ? p : p.with(t, maps);
    }

    /**
     * The {@code -- maps} section: one map a line, {@code TYPE KEY_SIZE VALUE_SIZE MAX_ENTRIES [FLAGS]}
     * with TYPE a kernel map type name without its prefix ({@code hash}, {@code array},
     * {@code percpu_array}, {@code prog_array}, {@code queue}, {@code lpm_trie}, {@code ringbuf}, ...,
     * as {@link MapType#name} spells them) and FLAGS the map_flags (0 by default; lpm_trie needs 1,
     * BPF_F_NO_PREALLOC); a map of maps adds {@code inner TYPE KEY_SIZE VALUE_SIZE MAX_ENTRIES [FLAGS]},
     * the template of its inner maps. An lddw map reference's imm is the index of its line.
     */
    public List<MapSpec> maps() {
        String text = value("maps");
        List<MapSpec> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.trim().split("\\s+inner\\s+", 2);
            MapSpec inner = parts.length == 2 ? mapSpec("inner", parts[1], null, line) : null;
            out.add(mapSpec("m" + out.size(), parts[0], inner, line));
        }
        return out;
    }

    /** One map: TYPE KEY_SIZE VALUE_SIZE MAX_ENTRIES [FLAGS]. */
    private MapSpec mapSpec(String mapName, String text, MapSpec inner, String line) {
        String[] f = text.trim().split("\\s+");
        int type = mapType(f[0]);
        if (type < 0) {
            throw new MalformedProgramException(name + ": unknown map type '" + f[0] + "' in '" + line + "'");
        }
        if (f.length != 4 && f.length != 5) {
            throw new MalformedProgramException(name + ": a map line is TYPE KEY_SIZE VALUE_SIZE MAX_ENTRIES [FLAGS]"
                    + " [inner TYPE KEY_SIZE VALUE_SIZE MAX_ENTRIES [FLAGS]], not '" + line + "'");
        }
        try {
            int flags = f.length == 5 ? Integer.decode(f[4]) : 0;
            return new MapSpec(mapName, type, Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    flags, null, inner);
        } catch (NumberFormatException e) {
            throw new MalformedProgramException(name + ": map sizes and flags must be numbers in '" + line + "'");
        }
    }

    /** The kernel number of a map type named as {@link MapType#name} spells it, or -1. */
    private static int mapType(String name) {
        for (int t = 1; t <= MapType.RINGBUF; t++) {
            if (MapType.name(t).equals(name)) {
                return t;
            }
        }
        return -1;
    }

    /** The assembled {@code asm} section alone (null when there is none). */
    public Program assembled() {
        Section asm = sections.get("asm");
        return asm == null ? null : assemble(asm);
    }

    private Program assemble(Section asm) {
        try {
            return Assembler.assembleProgram(asm.text());
        } catch (MalformedProgramException e) {
            if (e.slot() >= 0) {
                throw new MalformedProgramException(name + ": " + e.getMessage(), e.slot());
            }
            throw new MalformedProgramException(name + ":" + shiftLine(e.getMessage(), asm.firstLine() - 1));
        }
    }

    /** Turns "LINE:COL: msg" relative to a section into a file line. */
    private static String shiftLine(String message, int by) {
        int colon = message.indexOf(':');
        if (colon > 0) {
            try {
                int line = Integer.parseInt(message.substring(0, colon));
                return (line + by) + message.substring(colon);
            } catch (NumberFormatException e) {
                // not positioned; fall through
            }
        }
        return " " + message;
    }

    /**
     * The raw section's slots: each line either one {@code 0x}-prefixed 64-bit little-endian slot
     * value or 8 hex bytes.
     */
    public long[] rawSlots() {
        Section raw = sections.get("raw");
        List<Long> slots = new ArrayList<>();
        ByteCollector bytes = new ByteCollector();
        String[] lines = raw.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]).trim();
            if (line.isEmpty()) {
                continue;
            }
            String where = name + ":" + (raw.firstLine() + i);
            if (line.matches("0[xX][0-9a-fA-F]{1,16}")) {
                if (bytes.size() != 0) {
                    throw new MalformedProgramException(where + ":1: slot value after a partial slot of bytes");
                }
                slots.add(Long.parseUnsignedLong(line.substring(2), 16));
            } else {
                bytes.add(HexText.parse(line, where));
                bytes.drainSlots(slots);
            }
        }
        if (bytes.size() != 0) {
            throw new MalformedProgramException(name + ": raw section ends with " + bytes.size()
                    + " bytes, not a whole 8-byte slot");
        }
        return slots.stream().mapToLong(Long::longValue).toArray();
    }

    /** The input memory, or null when the case has none. */
    public byte[] memory() {
        return hexSection("mem");
    }

    /** The expected memory after the run, or null. */
    public byte[] memoryAfter() {
        return hexSection("mem-after");
    }

    private byte[] hexSection(String section) {
        Section s = sections.get(section);
        return s == null ? null : HexText.parse(s.text(), name + ":" + (s.firstLine() - 1));
    }

    /** The expected r0, or null when the case expects an error instead. */
    public Long expectedResult() {
        Section s = sections.get("result");
        if (s == null) {
            return null;
        }
        String text = stripComments(s.text()).trim();
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return Long.parseUnsignedLong(text.substring(2), 16);
            }
            return text.startsWith("-") ? Long.parseLong(text) : Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new MalformedProgramException(name + ":" + s.firstLine() + ":1: result '" + text
                    + "' is not a number");
        }
    }

    /** The expected error text (trimmed), or null. */
    public String expectedError() {
        Section s = sections.get("error");
        return s == null ? null : stripComments(s.text()).trim();
    }

    /** A section's text without comments, trimmed; null when absent. */
    public String value(String section) {
        Section s = sections.get(section);
        return s == null ? null : stripComments(s.text()).trim();
    }

    private static String stripComments(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            sb.append(stripComment(line)).append('\n');
        }
        return sb.toString();
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash >= 0 ? line.substring(0, hash) : line;
    }

    /** Collects bytes and cuts them into little-endian slots. */
    private static final class ByteCollector {
        private byte[] pending = new byte[0];

        void add(byte[] more) {
            byte[] joined = new byte[pending.length + more.length];
            System.arraycopy(pending, 0, joined, 0, pending.length);
            System.arraycopy(more, 0, joined, pending.length, more.length);
            pending = joined;
        }

        int size() {
            return pending.length;
        }

        void drainSlots(List<Long> slots) {
            int whole = pending.length / 8 * 8;
            for (long s : Decoder.slots(java.util.Arrays.copyOf(pending, whole))) {
                slots.add(s);
            }
            pending = java.util.Arrays.copyOfRange(pending, whole, pending.length);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
