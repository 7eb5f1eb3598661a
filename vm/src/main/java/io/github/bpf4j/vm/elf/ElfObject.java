package io.github.bpf4j.vm.elf;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Engine;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.MapSpec;
import io.github.bpf4j.vm.maps.BpfMap;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A BPF object file as {@link ElfReader} read it: its programs (every one referencing all of the
 * object's maps, in the same order, so programs loaded together share them), the maps (legacy
 * {@code maps}, BTF {@code .maps}, then one single-element array per global data section), the
 * license and the kernel version.
 */
public final class ElfObject {
    private final String file;
    private final List<ElfProgram> programs;
    private final List<MapSpec> maps;
    private final String license;
    private final int version;

    ElfObject(String file, List<ElfProgram> programs, List<MapSpec> maps, String license, int version) {
        this.file = file;
        this.programs = List.copyOf(programs);
        this.maps = List.copyOf(maps);
        this.license = license;
        this.version = version;
    }

    public List<ElfProgram> programs() {
        return programs;
    }

    public List<MapSpec> maps() {
        return maps;
    }

    public String license() {
        return license;
    }

    public int version() {
        return version;
    }

    /**
     * The program called {@code name}: a function name, or a section name holding exactly one
     * program, or {@code section/function}; a {@link BpfException} listing the programs if none.
     */
    public ElfProgram program(String name) {
        List<ElfProgram> matches = new ArrayList<>();
        for (ElfProgram p : programs) {
            if (p.name().equals(name) || p.toString().equals(name)) {
                return p;
            }
            if (p.section().equals(name)) {
                matches.add(p);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        String known = programs.stream().map(ElfProgram::toString).collect(Collectors.joining(", "));
        throw new BpfException(file + ": " + (matches.isEmpty() ? "no program or section '" + name + "'"
                : "section '" + name + "' holds " + matches.size() + " programs, name one") + " (programs: " + known + ")");
    }

    /**
     * This object with only the programs named (function names, see {@link #program}): for an
     * object that also holds programs a verifier rejects. A name it does not hold is a
     * {@link BpfException}.
     */
    public ElfObject only(List<String> names) {
        List<ElfProgram> kept = new ArrayList<>();
        for (String name : names) {
            kept.add(program(name));
        }
        return new ElfObject(file, kept, maps, license, version);
    }

    /** Fresh maps for {@link #maps()} made by {@code engine}, global data sections holding their initial contents. */
    public List<BpfMap> createMaps(Engine engine) {
        List<BpfMap> created = new ArrayList<>();
        for (MapSpec spec : maps) {
            created.add(engine.createMap(spec));
        }
        return created;
    }

    /** Loads every program into {@code engine} on one set of fresh maps. */
    public LoadedObject load(Engine engine, LoadOptions options) {
        return new LoadedObject(this, engine, options.withMaps(createMaps(engine)));
    }
}
