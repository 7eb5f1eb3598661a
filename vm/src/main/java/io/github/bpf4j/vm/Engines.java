package io.github.bpf4j.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The engines on the class path, found with {@link ServiceLoader}. */
public final class Engines {
    private Engines() {}

    public static List<Engine> all() {
        List<Engine> engines = new ArrayList<>();
        ServiceLoader.load(Engine.class).forEach(engines::add);
        return engines;
    }

    /** The engine called {@code name}; a {@link BpfException} listing the known ones if none is. */
    public static Engine byName(String name) {
        List<String> names = new ArrayList<>();
        for (Engine e : all()) {
            if (e.name().equals(name)) {
                return e;
            }
            names.add(e.name());
        }
        throw new BpfException("unknown engine '" + name + "' (available: " + String.join(", ", names) + ")");
    }
}
