package io.github.bpf4j.benchmarks;

import io.github.bpf4j.kernel.KernelEngine;
import io.github.bpf4j.kernel.KernelLoadedProgram;
import io.github.bpf4j.vm.LoadOptions;
import java.util.Arrays;

/** The kernel's own time per run of a workload: the median of several repeated test runs. */
final class KernelTiming {
    private static final int REPEAT = 200_000;
    private static final int SAMPLES = 7;

    private KernelTiming() {}

    /** The kernel reports whole nanoseconds per run, so the repeat count sets the resolution. */
    static double nanosPerRun(String workload) {
        byte[] packet = Workloads.packet();
        try (KernelLoadedProgram loaded = new KernelEngine().load(Workloads.program(workload), LoadOptions.defaults(),
                packet.length)) {
            loaded.nanosPerRun(packet, REPEAT); // warm up
            long[] samples = new long[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                samples[i] = loaded.nanosPerRun(packet, REPEAT);
            }
            Arrays.sort(samples);
            return samples[SAMPLES / 2];
        }
    }
}
