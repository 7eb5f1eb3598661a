package io.github.bpf4j.vm.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Disassembler;
import io.github.bpf4j.vm.Instruction;
import io.github.bpf4j.vm.Interpreter;
import io.github.bpf4j.vm.LoadOptions;
import io.github.bpf4j.vm.LoadedProgram;
import io.github.bpf4j.vm.Program;
import io.github.bpf4j.vm.ProgramType;
import io.github.bpf4j.vm.pcap.CapturedPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Translated corpus filters on the eBPF interpreter give libpcap's verdicts. */
class TranslationTest {

    @TestFactory
    Stream<DynamicTest> translatedCorpusFiltersGiveLibpcapsVerdictsOnTheEbpfInterpreter() {
        Map<String, List<CapturedPacket>> captures = ClassicCorpus.captures();
        return ClassicCorpus.acceptedFilterNames().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            ClassicProgram classic = ClassicProgram.read(ClassicCorpus.filter(name, ".ddd"));
            Program ebpf = ClassicTranslator.translate(classic);
            assertEquals(ProgramType.SOCKET_FILTER, ebpf.type());
            boolean readsLength = classic.usesMetadata();
            List<String> mismatches = new ArrayList<>();
            int checked = 0;
            try (LoadedProgram loaded = new Interpreter().load(ebpf, LoadOptions.defaults())) {
                for (String[] row : ClassicCorpus.rows(ClassicCorpus.filter(name, ".expected"))) {
                    CapturedPacket packet = captures.get(row[0]).get(Integer.parseInt(row[1]));
                    if (readsLength) {
                        // ld len reads __sk_buff.len, which the raw eBPF interpreter does not provide yet.
                        continue;
                    }
                    long r0 = loaded.run(ClassicTranslator.socketFilterInput(packet.data())).r0();
                    if (r0 != Long.parseLong(row[2])) {
                        mismatches.add(row[0] + "#" + row[1] + ": expected " + row[2] + ", got " + r0);
                    }
                    checked++;
                }
            }
            assertTrue(readsLength || checked > 100);
            assertEquals(List.of(), mismatches, name);
        }));
    }

    /** A in r0, X in r7, ctx in r6, M[k] at r10 - 4 * (16 - k), as net/core/filter.c maps them. */
    @Test
    void usesTheKernelRegisterMapping() {
        ClassicProgram p = ClassicProgram.parse("ldh [12]\nst M[3]\nldx M[3]\ntxa\nret a\n", ClassicFormat.BPF_ASM, "t");
        Program e = ClassicTranslator.translate(p);
        List<Instruction> expected = List.of(
                new Instruction(0xbf, 6, 1, 0, 0),      // r6 = r1
                new Instruction(0xb4, 0, 0, 0, 0),      // w0 = 0 (A)
                new Instruction(0xb4, 7, 0, 0, 0),      // w7 = 0 (X)
                new Instruction(0x28, 0, 0, 0, 12),     // r0 = ntohs(packet[12])
                new Instruction(0x63, 10, 0, -52, 0),   // M[3]: *(u32 *)(r10 - 52) = r0
                new Instruction(0x61, 7, 10, -52, 0),   // r7 = *(u32 *)(r10 - 52)
                new Instruction(0xbc, 0, 7, 0, 0),      // w0 = w7
                new Instruction(0x95, 0, 0, 0, 0));     // exit
        assertEquals(expected, e.instructions(), Disassembler.disassemble(e));
    }

    /** The classic checker accepts dead code, the eBPF verifier rejects it ("unreachable insn"). */
    @Test
    void unreachableInstructionsAreLeftOut() {
        ClassicProgram p = ClassicProgram.parse("ja out\nld #1\nret #2\nout: ret #3\n", ClassicFormat.BPF_ASM, "t");
        List<Instruction> expected = List.of(
                new Instruction(0xbf, 6, 1, 0, 0),
                new Instruction(0xb4, 0, 0, 0, 0),
                new Instruction(0xb4, 7, 0, 0, 0),
                new Instruction(0x05, 0, 0, 0, 0),      // ja +0: the dead ld and ret emit nothing
                new Instruction(0xb4, 0, 0, 0, 3),
                new Instruction(0x95, 0, 0, 0, 0));
        assertEquals(expected, ClassicTranslator.translate(p).instructions());
    }

    @Test
    void ancillaryFieldsWithoutASkBuffFieldAreRejected() {
        ClassicProgram p = ClassicProgram.parse("ld #hatype\nret a\n", ClassicFormat.BPF_ASM, "t");
        BpfException e = assertThrows(BpfException.class, () -> ClassicTranslator.translate(p));
        assertEquals("classic instruction 0: ld [hatype] cannot be translated: no __sk_buff field or helper gives it"
                + " to a loadable socket filter", e.getMessage());
    }
}
