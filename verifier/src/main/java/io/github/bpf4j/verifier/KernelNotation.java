package io.github.bpf4j.verifier;

/**
 * Abstract values printed as the kernel's verifier log prints them ({@code R1=pkt(off=4,r=4)}),
 * so the two logs line up; instructions print through the shared disassembler's kernel syntax.
 */
final class KernelNotation {
    /** Signed values in the 16-bit range print in decimal, others in hex (as the kernel's log does). */
    static String snum(long v) {
        return v >= Short.MIN_VALUE && v <= Short.MAX_VALUE ? Long.toString(v) : "0x" + Long.toHexString(v);
    }

    static String unum(long v) {
        return Long.compareUnsigned(v, 0xffff) <= 0 ? Long.toString(v) : "0x" + Long.toHexString(v);
    }

    static String reg(RegState r, int curFrame) {
        if (r.type == RegType.SCALAR && r.varOff.isConst()) {
            return (r.precise ? "P" : "") + snum(r.varOff.value() + r.off);
        }
        StringBuilder b = new StringBuilder();
        if (r.type == RegType.SCALAR && r.precise) {
            b.append('P');
        }
        b.append(r.type.kernelName);
        if (r.type == RegType.PTR_TO_STACK) {
            if (r.frameno != curFrame) {
                b.append('[').append(r.frameno).append(']');
            }
            if (r.varOff.isConst()) {
                return b.append(snum(r.varOff.value() + r.off)).toString();
            }
        }
        b.append('(');
        String sep = "";
        if (r.id != 0) {
            b.append("id=").append(r.id);
            sep = ",";
        }
        if (r.map != null && isMapPointer(r.type)) {
            String name = kernelMapName(r.map.name());
            if (!name.isEmpty()) {
                b.append(sep).append("map=").append(name);
                sep = ",";
            }
            b.append(sep).append("ks=").append(r.map.keySize()).append(",vs=").append(r.map.valueSize());
            sep = ",";
        }
        if (r.type != RegType.SCALAR && r.off != 0) {
            b.append(sep).append("off=").append(r.off);
            sep = ",";
        }
        if (r.type.isPacket()) {
            b.append(sep).append("r=").append(r.range);
            sep = ",";
        }
        if (r.varOff.isConst()) {
            if (r.varOff.value() != 0) {
                b.append(sep).append("imm=").append(Long.toHexString(r.varOff.value()));
            }
        } else {
            sep = ranges(b, r, sep);
            if (!r.varOff.isUnknown()) {
                b.append(sep).append("var_off=").append(r.varOff);
            }
        }
        return b.append(')').toString();
    }

    /** Types the kernel prints with their map's name and sizes (kernel: type_is_map_ptr). */
    private static boolean isMapPointer(RegType t) {
        return t == RegType.CONST_PTR_TO_MAP || t == RegType.PTR_TO_MAP_KEY || t == RegType.PTR_TO_MAP_VALUE
                || t == RegType.PTR_TO_MAP_VALUE_OR_NULL;
    }

    /** The name as the kernel keeps it: 15 characters of letters, digits, '_' and '.', others as '_'. */
    private static String kernelMapName(String name) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length() && i < 15; i++) {
            char c = name.charAt(i);
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.') ? c : '_');
        }
        return b.toString();
    }

    private static String ranges(StringBuilder b, RegState r, String sep) {
        String[] names = {"smin", "smax", "umin", "umax", "smin32", "smax32", "umin32", "umax32"};
        long s32min = r.s32min >= Short.MIN_VALUE && r.s32min <= Short.MAX_VALUE ? r.s32min : r.s32min & RegState.U32_MAX;
        long s32max = r.s32max >= Short.MIN_VALUE && r.s32max <= Short.MAX_VALUE ? r.s32max : r.s32max & RegState.U32_MAX;
        long[] vals = {r.smin, r.smax, r.umin, r.umax, s32min, s32max, r.u32min & RegState.U32_MAX,
            r.u32max & RegState.U32_MAX};
        boolean[] omit = {r.smin == Long.MIN_VALUE, r.smax == Long.MAX_VALUE, r.umin == 0, r.umax == -1L,
            r.s32min == Integer.MIN_VALUE, r.s32max == Integer.MAX_VALUE, r.u32min == 0, r.u32max == -1};
        for (int i = 0; i < 8; i++) {
            if (omit[i]) {
                continue;
            }
            boolean neg1 = names[i].charAt(0) == 's' && vals[i] < 0;
            b.append(sep).append(names[i]).append('=');
            sep = ",";
            for (int k = i + 2; k < 8; k += 2) {
                if (omit[k]) {
                    continue;
                }
                boolean neg2 = names[k].charAt(0) == 's' && vals[k] < 0;
                if (neg1 == neg2 && vals[i] == vals[k]) {
                    b.append(names[k]).append('=');
                    omit[k] = true;
                }
            }
            b.append(names[i].charAt(0) == 's' ? snum(vals[i]) : unum(vals[i]));
        }
        return sep;
    }

    /** One frame's registers and stack, e.g. {@code  R1=pkt(r=4) R10=fp0 fp-8=mmmmmmmm}. */
    static String frame(FrameState f, int curFrame, int regMask, long slotMask) {
        StringBuilder b = new StringBuilder();
        if (f.frameno != 0) {
            b.append(" frame").append(f.frameno).append(':');
        }
        for (int i = 0; i < 11; i++) {
            RegState r = f.regs[i];
            if (r.type == RegType.NOT_INIT || (regMask & (1 << i)) == 0) {
                continue;
            }
            b.append(" R").append(i).append('=').append(reg(r, curFrame));
        }
        for (int spi = 0; spi < f.allocatedStack / 8; spi++) {
            if ((slotMask & (1L << spi)) == 0 || !f.slotValid(spi)) {
                continue;
            }
            b.append(" fp").append(-(spi + 1) * 8).append('=');
            if (f.isSpill(spi) && f.spilled[spi] != null) {
                b.append(reg(f.spilled[spi], curFrame));
            } else {
                b.append(f.slotTypeString(spi));
            }
        }
        if (f.inCallback) {
            b.append(" cb");
        }
        return b.toString();
    }
}
