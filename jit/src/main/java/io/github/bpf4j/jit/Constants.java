package io.github.bpf4j.jit;

import static org.objectweb.asm.Opcodes.*;

import java.util.LinkedHashMap;
import java.util.Map;

import org.objectweb.asm.MethodVisitor;

/**
 * Pushes constants in one method. Small values become {@code iconst}/{@code bipush}/{@code sipush};
 * others {@code ldc}, unless the program is so large that its distinct constants would overflow
 * the class's 65,535-entry constant pool: then each method reads them from its own
 * {@code long[]} table, held in a local.
 */
final class Constants {
    private final MethodVisitor mv;
    /** The local holding this method's table, or -1 when constants are {@code ldc}. */
    private final int tableSlot;
    private final Map<Long, Integer> table = new LinkedHashMap<>();

    Constants(MethodVisitor mv, int tableSlot) {
        this.mv = mv;
        this.tableSlot = tableSlot;
    }

    void pushInt(int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else if (tableSlot < 0) {
            mv.visitLdcInsn(v);
        } else {
            fromTable(v);
            mv.visitInsn(L2I);
        }
    }

    void pushLong(long v) {
        if (v == 0 || v == 1) {
            mv.visitInsn(v == 0 ? LCONST_0 : LCONST_1);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            pushInt((int) v);
            mv.visitInsn(I2L);
        } else if (tableSlot < 0) {
            mv.visitLdcInsn(v);
        } else {
            fromTable(v);
        }
    }

    private void fromTable(long v) {
        int index = table.computeIfAbsent(v, k -> table.size());
        mv.visitVarInsn(ALOAD, tableSlot);
        pushInt(index);
        mv.visitInsn(LALOAD);
    }

    /** The values this method reads from its table, by index. */
    long[] table() {
        return table.keySet().stream().mapToLong(Long::longValue).toArray();
    }
}
