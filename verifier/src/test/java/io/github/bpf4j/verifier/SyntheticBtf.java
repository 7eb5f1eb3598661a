package io.github.bpf4j.verifier;

import io.github.bpf4j.vm.ProgramBtf;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The least BTF the kernel takes for a program with callbacks (it wants function info before it
 * accepts an lddw of a function): one static function "fN" returning int per subprogram, and
 * function info naming where each starts. What clang would emit for static functions without
 * parameters.
 */
final class SyntheticBtf {
    private static final int MAGIC = 0xeb9f;
    private static final int HEADER_LENGTH = 24;
    private static final int KIND_INT = 1;
    private static final int KIND_FUNC = 12;
    private static final int KIND_FUNC_PROTO = 13;
    private static final int INT_SIGNED_32 = 0x0100_0020;

    private SyntheticBtf() {}

    /** BTF and function info for subprograms starting at {@code starts} (pcs as loaded, the first 0). */
    static ProgramBtf forSubprograms(int[] starts) {
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        strings.write(0);
        int intName = addString(strings, "int");
        ByteBuffer types = ByteBuffer.allocate(16 + 12 + 12 * starts.length).order(ByteOrder.LITTLE_ENDIAN);
        types.putInt(intName).putInt(KIND_INT << 24).putInt(4).putInt(INT_SIGNED_32);   // [1] int
        types.putInt(0).putInt(KIND_FUNC_PROTO << 24).putInt(1);                         // [2] int (void)
        int[] funcInfo = new int[2 * starts.length];
        for (int i = 0; i < starts.length; i++) {
            types.putInt(addString(strings, "f" + i)).putInt(KIND_FUNC << 24).putInt(2); // [3 + i] static int fi(void)
            funcInfo[2 * i] = starts[i];
            funcInfo[2 * i + 1] = 3 + i;
        }
        byte[] str = strings.toByteArray();
        ByteBuffer btf = ByteBuffer.allocate(HEADER_LENGTH + types.capacity() + str.length).order(ByteOrder.LITTLE_ENDIAN);
        btf.putShort((short) MAGIC).put((byte) 1).put((byte) 0).putInt(HEADER_LENGTH)
                .putInt(0).putInt(types.capacity()).putInt(types.capacity()).putInt(str.length);
        btf.put(types.array()).put(str);
        return new ProgramBtf(btf.array(), funcInfo);
    }

    private static int addString(ByteArrayOutputStream strings, String s) {
        int off = strings.size();
        strings.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        strings.write(0);
        return off;
    }
}
