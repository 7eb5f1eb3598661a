package io.github.bpf4j.vm.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seccomp filters on the interpreter against what a process running under them in the kernel
 * observed (seccomp.expected, from seccomp_run.c), and the action names of uapi/linux/seccomp.h.
 */
class SeccompTest {

    /** What a process sees for an action when no tracer or listener is attached (seccomp(2)). */
    private static String observed(SeccompAction action) {
        return switch (action.kind()) {
            case ALLOW, LOG -> "returned";
            case ERRNO -> "errno=" + action.data();
            case TRACE, USER_NOTIF -> "errno=38";   // ENOSYS
            case KILL_PROCESS, KILL_THREAD, TRAP -> "signal=31"; // SIGSYS
        };
    }

    @Test
    void filtersGiveWhatTheKernelDid() {
        List<String> mismatches = new ArrayList<>();
        List<String[]> rows = ClassicCorpus.rows(ClassicCorpus.dir().resolve("seccomp.expected"));
        for (String[] row : rows) {
            ClassicProgram filter = ClassicProgram.read(ClassicCorpus.dir().resolve("seccomp/" + row[0] + ".ddd"));
            SeccompData call = SeccompData.x86_64(Integer.parseInt(row[1]), Long.parseUnsignedLong(row[2]),
                    Long.parseUnsignedLong(row[3]));
            SeccompAction action = ClassicInterpreter.runSeccomp(filter, call);
            if (!observed(action).equals(row[4])) {
                mismatches.add(String.join(" ", row) + ": interpreter " + action);
            }
        }
        assertTrue(rows.size() >= 20);
        assertEquals(List.of(), mismatches);
    }

    private static String action(String name) {
        ClassicProgram filter = ClassicProgram.read(ClassicCorpus.dir().resolve("seccomp/" + name + ".ddd"));
        return ClassicInterpreter.runSeccomp(filter, SeccompData.x86_64(39)).toString();
    }

    @Test
    void actionsPrintWithTheirData() {
        assertEquals("ERRNO(1)", action("errno-1"));
        assertEquals("ERRNO(4095)", action("errno-capped"));
        assertEquals("ALLOW", action("allow"));
        assertEquals("LOG", action("log"));
        assertEquals("TRACE(7)", action("trace-no-tracer"));
        assertEquals("USER_NOTIF", action("user-notif-no-listener"));
        assertEquals("TRAP", action("trap"));
        assertEquals("KILL_PROCESS", action("kill-process"));
        assertEquals("KILL_THREAD", action("kill-thread"));
        assertEquals("KILL_PROCESS (unknown action 0x12340000)", action("unknown-action"));
    }

    @Test
    void seccompDataIsLittleEndianWithArgsFromOffset16() {
        byte[] b = new SeccompData(39, SeccompData.AUDIT_ARCH_X86_64, 0x1122334455667788L,
                new long[] {1, 2, 3, 4, 5, 0x0102030405060708L}).toBytes();
        assertEquals(64, b.length);
        assertEquals(39, b[0]);
        assertEquals((byte) 0x3e, b[4]);
        assertEquals((byte) 0xc0, b[7]);
        assertEquals((byte) 0x88, b[8]);
        assertEquals(1, b[16]);
        assertEquals(2, b[24]);
        assertEquals(8, b[56]);
        assertEquals(1, b[63]);
    }
}
