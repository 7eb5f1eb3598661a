package io.github.bpf4j.vm.elf;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Engine;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import io.github.bpf4j.vm.MapSpec;
import io.github.bpf4j.vm.maps.BpfMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every program of an {@link ElfObject} loaded into one engine, sharing the object's maps. */
public final class LoadedObject implements AutoCloseable {
    private final ElfObject object;
    private final List<BpfMap> maps;
    private final Map<String, LoadedProgram> programs = new LinkedHashMap<>();

    LoadedObject(ElfObject object, Engine engine, LoadOptions options) {
        this.object = object;
        this.maps = options.maps();
        try {
            for (ElfProgram p : object.programs()) {
                programs.put(p.name(), engine.load(p.program(), options));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The loaded program called {@code name} (see {@link ElfObject#program}). */
    public LoadedProgram program(String name) {
        return programs.get(object.program(name).name());
    }

    /** The map called {@code name}: a map name, or {@code .data}, {@code .rodata}, {@code .bss}. */
    public BpfMap map(String name) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < maps.size(); i++) {
            MapSpec spec = object.maps().get(i);
            if (spec.name().equals(name)) {
                return maps.get(i);
            }
            names.add(spec.name());
        }
        throw new BpfException("no map '" + name + "' (maps: " + String.join(", ", names) + ")");
    }

    /** Puts program {@code program} into slot {@code index} of prog_array {@code map}, for tail calls. */
    public void setTailCall(String map, int index, String program) {
        BpfMap m = map(map);
        if (!(m instanceof io.github.bpf4j.vm.maps.ProgramSlots slots)) {
            throw new BpfException("map '" + map + "' is not a prog_array");
        }
        slots.set(index, program(program));
    }

    /** The maps in {@link ElfObject#maps()} order. */
    public List<BpfMap> maps() {
        return maps;
    }

    /** Closes the programs, then the maps. */
    @Override
    public void close() {
        programs.values().forEach(LoadedProgram::close);
        maps.forEach(BpfMap::close);
    }
}
