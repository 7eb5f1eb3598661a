package io.github.bpf4j.vm;

/**
 * The task and CPU a program believes it runs on: what {@code get_current_pid_tgid},
 * {@code get_current_uid_gid}, {@code get_current_comm} and {@code get_smp_processor_id} return,
 * and which copy of a per-CPU map value it sees.
 */
public record TaskContext(int pid, int tgid, int uid, int gid, String comm, int cpu) {
    public TaskContext {
        if (cpu < 0) {
            throw new BpfException("cpu must not be negative, is " + cpu);
        }
        comm = comm == null ? "" : comm;
    }

    /** pid/tgid 1, root, {@code bpf4j}, CPU 0. */
    public static TaskContext defaults() {
        return new TaskContext(1, 1, 0, 0, "bpf4j", 0);
    }
}
