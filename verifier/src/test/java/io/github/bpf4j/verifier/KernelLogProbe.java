package io.github.bpf4j.verifier;

import org.junit.jupiter.api.Test;

class KernelLogProbe {
    @Test
    void probe() throws Exception {
        String src = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("probe.file", "/tmp/vexp/p.s")));
        int mem = Integer.getInteger("probe.mem", 0);
        boolean unpriv = Boolean.getBoolean("probe.unpriv");
        long[] slots = io.github.bpf4j.vm.Encoder.encode(io.github.bpf4j.vm.Assembler.assemble(src));
        KernelLoader.Result r = KernelLoader.loadRaw(slots, mem, unpriv);
        System.out.println("ACCEPTED=" + r.accepted() + " errno=" + r.errno());
        System.out.println(r.log());
    }
}
