package io.github.bpf4j.vm;

import io.github.bpf4j.vm.maps.BpfMap;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How an engine loads a program.
 *
 * @param facts             what the verifier proved, or {@link ProgramFacts#NONE}
 * @param helpers           the helpers calls resolve to
 * @param instructionBudget a run faults with {@link BpfFault.Kind#BUDGET_EXHAUSTED} when it
 *                          would execute more instructions than this; {@link #UNLIMITED} for none
 * @param maps              the maps behind {@link Program#maps()}, in that order (so programs of
 *                          one object share them); empty to create fresh ones from the specs
 * @param task              the task and CPU helpers report
 * @param trace             where {@code bpf_trace_printk} lines go
 */
public record LoadOptions(ProgramFacts facts, Helpers helpers, long instructionBudget, List<BpfMap> maps,
                          TaskContext task, Consumer<String> trace) {
    public static final long UNLIMITED = Long.MAX_VALUE;

    public LoadOptions {
        if (instructionBudget <= 0) {
            throw new BpfException("instruction budget must be positive, is " + instructionBudget);
        }
        maps = List.copyOf(maps);
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(trace, "trace");
    }

    public LoadOptions(ProgramFacts facts, Helpers helpers, long instructionBudget) {
        this(facts, helpers, instructionBudget, List.of(), TaskContext.defaults(), line -> { });
    }

    public static LoadOptions defaults() {
        return new LoadOptions(ProgramFacts.NONE, Helpers.standard(), UNLIMITED);
    }

    public LoadOptions withBudget(long budget) {
        return new LoadOptions(facts, helpers, budget, maps, task, trace);
    }

    public LoadOptions withHelpers(Helpers newHelpers) {
        return new LoadOptions(facts, newHelpers, instructionBudget, maps, task, trace);
    }

    public LoadOptions withFacts(ProgramFacts newFacts) {
        return new LoadOptions(newFacts, helpers, instructionBudget, maps, task, trace);
    }

    /** Runs on these maps (one per {@link Program#maps()} entry) instead of fresh ones. */
    public LoadOptions withMaps(List<BpfMap> newMaps) {
        return new LoadOptions(facts, helpers, instructionBudget, newMaps, task, trace);
    }

    public LoadOptions withTask(TaskContext newTask) {
        return new LoadOptions(facts, helpers, instructionBudget, maps, newTask, trace);
    }

    /** Sends {@code bpf_trace_printk} output, one line at a time, to {@code sink}. */
    public LoadOptions withTrace(Consumer<String> sink) {
        return new LoadOptions(facts, helpers, instructionBudget, maps, task, sink);
    }
}
