package io.github.bpf4j.vm.helpers;

import io.github.bpf4j.vm.BpfFault;
import io.github.bpf4j.vm.Memory;
import java.nio.charset.StandardCharsets;

/**
 * The format language of {@code bpf_trace_printk} and {@code bpf_snprintf}: {@code %d %i %u %x
 * %X %c %s %p %%} with optional {@code l}/{@code ll} and {@code 0}, {@code -} flags and a width.
 * A {@code %s} argument is a pointer to a NUL-terminated string in program memory; as in the
 * kernel, one that cannot be read prints {@code (efault)}.
 */
final class BpfPrintf {
    private static final int MAX_STRING = 4096;

    private BpfPrintf() {}

    /** Formats {@code format} with {@code args}; an unsupported conversion is a fault naming pc. */
    static String format(String format, long[] args, Memory memory, int pc) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            int start = i++;
            if (i < format.length() && format.charAt(i) == '%') {
                out.append('%');
                continue;
            }
            boolean left = false;
            boolean zero = false;
            for (; i < format.length() && (format.charAt(i) == '-' || format.charAt(i) == '0'); i++) {
                left |= format.charAt(i) == '-';
                zero |= format.charAt(i) == '0';
            }
            int width = 0;
            for (; i < format.length() && Character.isDigit(format.charAt(i)); i++) {
                width = width * 10 + format.charAt(i) - '0';
            }
            int longs = 0;
            for (; i < format.length() && format.charAt(i) == 'l'; i++) {
                longs++;
            }
            if (i >= format.length()) {
                throw bad(format, start, pc);
            }
            char conv = format.charAt(i);
            if (next >= args.length) {
                throw new BpfFault(BpfFault.Kind.HELPER_ERROR, pc, 0, "format \"" + format + "\" has more conversions than the "
                        + args.length + " arguments");
            }
            long arg = args[next++];
            long value = longs == 0 && conv != 'p' && conv != 's' ? (conv == 'd' || conv == 'i' ? (int) arg : arg & 0xffff_ffffL) : arg;
            String text = switch (conv) {
                case 'd', 'i' -> Long.toString(value);
                case 'u' -> Long.toUnsignedString(value);
                case 'x' -> Long.toHexString(value);
                case 'X' -> Long.toHexString(value).toUpperCase(java.util.Locale.ROOT);
                case 'c' -> String.valueOf((char) (arg & 0xff));
                case 'p' -> "0x" + Long.toHexString(arg);
                case 's' -> string(memory, arg, pc);
                default -> throw bad(format, start, pc);
            };
            if (text.length() < width) {
                String pad = (zero && !left && conv != 's' ? "0" : " ").repeat(width - text.length());
                text = left ? text + pad : zero && text.startsWith("-") ? "-" + pad + text.substring(1) : pad + text;
            }
            out.append(text);
        }
        return out.toString();
    }

    private static BpfFault bad(String format, int at, int pc) {
        return new BpfFault(BpfFault.Kind.HELPER_ERROR, pc, 0, "unsupported conversion at offset " + at
                + " of format \"" + format + "\"");
    }

    /** The NUL-terminated string at {@code address}, or {@code (efault)}. */
    static String string(Memory memory, long address, int pc) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < MAX_STRING; i++) {
            long b;
            try {
                b = memory.load8(address + i, pc);
            } catch (BpfFault f) {
                return i == 0 ? "(efault)" : s.toString();
            }
            if (b == 0) {
                break;
            }
            s.append((char) b);
        }
        return new String(s.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
