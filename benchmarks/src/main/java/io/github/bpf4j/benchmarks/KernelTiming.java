package io.github.bpf4j.benchmarks;

import io.github.bpf4j.kernel.KernelEngine;
import io.github.bpf4j.kernel.KernelLoadedProgram;
import io.github.bpf4j.vm.LoadOptions;
import java.util.Arrays;

/**
 * The kernel's own time per run of a workload: the mean of the middle half of 25 repeated test
 * runs. Each reports whole nanoseconds; the run-to-run jitter (a nanosecond or more on this
 * machine) dithers the rounding, so the mean resolves a fraction of a nanosecond where a median
 * could not, and the trimming drops the samples a neighbour's load inflated.
 */
final class KernelTiming {
    private static final int REPEAT = 200_000;
    private static final int SAMPLES = 25;

    private KernelTiming() {}

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
            return Arrays.stream(samples, SAMPLES / 4, SAMPLES - SAMPLES / 4).average().orElseThrow();
        }
    }
}
