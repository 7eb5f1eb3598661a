package io.github.bpf4j.vm.helpers;

import static io.github.bpf4j.vm.HelperPrototype.Arg.*;
import static io.github.bpf4j.vm.HelperPrototype.Return.*;

import io.github.bpf4j.vm.BpfFault;
import io.github.bpf4j.vm.HelperContext;
import io.github.bpf4j.vm.HelperPrototype;
import io.github.bpf4j.vm.Helpers;
import io.github.bpf4j.vm.Memory;
import io.github.bpf4j.vm.ProgramEnvironment;
import io.github.bpf4j.vm.ProgramType;
import io.github.bpf4j.vm.TailCallRequest;
import io.github.bpf4j.vm.context.PreparedRun;
import io.github.bpf4j.vm.maps.BpfMap;
import io.github.bpf4j.vm.maps.Errno;
import io.github.bpf4j.vm.maps.MapOfMaps;
import io.github.bpf4j.vm.maps.PerfEventArrayMap;
import io.github.bpf4j.vm.maps.ProgArrayMap;
import io.github.bpf4j.vm.maps.QueueStackMap;
import io.github.bpf4j.vm.maps.RingBufferMap;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The kernel helpers bpf4j implements, under their kernel numbers ({@code enum bpf_func_id})
 * with their prototypes. Memory arguments are checked against the program's regions (a bad one
 * is a {@link BpfFault} naming the call's pc); refusals the kernel reports as a negative errno
 * are returned the same way.
 */
public final class KernelHelpers {
    public static final int MAP_LOOKUP_ELEM = 1, MAP_UPDATE_ELEM = 2, MAP_DELETE_ELEM = 3, PROBE_READ = 4,
            KTIME_GET_NS = 5, TRACE_PRINTK = 6, GET_PRANDOM_U32 = 7, GET_SMP_PROCESSOR_ID = 8, TAIL_CALL = 12,
            SKB_STORE_BYTES = 9, L3_CSUM_REPLACE = 10, L4_CSUM_REPLACE = 11, GET_CURRENT_PID_TGID = 14, GET_CURRENT_UID_GID = 15, GET_CURRENT_COMM = 16, REDIRECT = 23, PERF_EVENT_OUTPUT = 25,
            SKB_LOAD_BYTES = 26, CSUM_DIFF = 28, GET_HASH_RECALC = 34, SKB_PULL_DATA = 39, XDP_ADJUST_HEAD = 44, PROBE_READ_STR = 45, XDP_ADJUST_TAIL = 65,
            MAP_PUSH_ELEM = 87, MAP_POP_ELEM = 88, MAP_PEEK_ELEM = 89, PROBE_READ_USER = 112,
            PROBE_READ_KERNEL = 113, PROBE_READ_USER_STR = 114, PROBE_READ_KERNEL_STR = 115,
            KTIME_GET_BOOT_NS = 125, RINGBUF_OUTPUT = 130, RINGBUF_RESERVE = 131, RINGBUF_SUBMIT = 132,
            RINGBUF_DISCARD = 133, RINGBUF_QUERY = 134, FOR_EACH_MAP_ELEM = 164, SNPRINTF = 165, LOOP = 181,
            STRNCMP = 182;

    private static final long EFAULT = -Errno.EFAULT;
    /** bpf_loop's limit on iterations (BPF_MAX_LOOPS). */
    static final long MAX_LOOPS = 1 << 23;

    public static final Helpers ALL = Helpers.none()
            .with(MAP_LOOKUP_ELEM, HelperPrototype.of("map_lookup_elem", PTR_TO_MAP_VALUE_OR_NULL, CONST_MAP_PTR, PTR_TO_MAP_KEY),
                    KernelHelpers::mapLookup)
            .with(MAP_UPDATE_ELEM, HelperPrototype.of("map_update_elem", INTEGER, CONST_MAP_PTR, PTR_TO_MAP_KEY,
                    PTR_TO_MAP_VALUE, ANYTHING), KernelHelpers::mapUpdate)
            .with(MAP_DELETE_ELEM, HelperPrototype.of("map_delete_elem", INTEGER, CONST_MAP_PTR, PTR_TO_MAP_KEY),
                    KernelHelpers::mapDelete)
            .with(PROBE_READ, probeRead("probe_read"), KernelHelpers::probeRead)
            .with(PROBE_READ_USER, probeRead("probe_read_user"), KernelHelpers::probeRead)
            .with(PROBE_READ_KERNEL, probeRead("probe_read_kernel"), KernelHelpers::probeRead)
            .with(PROBE_READ_STR, probeRead("probe_read_str"), KernelHelpers::probeReadString)
            .with(PROBE_READ_USER_STR, probeRead("probe_read_user_str"), KernelHelpers::probeReadString)
            .with(PROBE_READ_KERNEL_STR, probeRead("probe_read_kernel_str"), KernelHelpers::probeReadString)
            .with(KTIME_GET_NS, HelperPrototype.of("ktime_get_ns", INTEGER), (a, b, c, d, e, x) -> System.nanoTime())
            .with(KTIME_GET_BOOT_NS, HelperPrototype.of("ktime_get_boot_ns", INTEGER), (a, b, c, d, e, x) -> System.nanoTime())
            .with(TRACE_PRINTK, HelperPrototype.of("trace_printk", INTEGER, PTR_TO_MEM, CONST_SIZE, ANYTHING, ANYTHING,
                    ANYTHING), KernelHelpers::tracePrintk)
            .with(GET_PRANDOM_U32, HelperPrototype.of("get_prandom_u32", INTEGER),
                    (a, b, c, d, e, x) -> ThreadLocalRandom.current().nextInt() & 0xffff_ffffL)
            .with(GET_SMP_PROCESSOR_ID, HelperPrototype.of("get_smp_processor_id", INTEGER), (a, b, c, d, e, x) -> cpu(x))
            .with(TAIL_CALL, HelperPrototype.of("tail_call", VOID, PTR_TO_CTX, CONST_MAP_PTR, ANYTHING), KernelHelpers::tailCall)
            .with(GET_CURRENT_PID_TGID, HelperPrototype.of("get_current_pid_tgid", INTEGER),
                    (a, b, c, d, e, x) -> (long) x.environment().task().tgid() << 32 | x.environment().task().pid() & 0xffff_ffffL)
            .with(GET_CURRENT_UID_GID, HelperPrototype.of("get_current_uid_gid", INTEGER),
                    (a, b, c, d, e, x) -> (long) x.environment().task().gid() << 32 | x.environment().task().uid() & 0xffff_ffffL)
            .with(GET_CURRENT_COMM, HelperPrototype.of("get_current_comm", INTEGER, PTR_TO_UNINIT_MEM, CONST_SIZE),
                    KernelHelpers::currentComm)
            .with(PERF_EVENT_OUTPUT, HelperPrototype.of("perf_event_output", INTEGER, PTR_TO_CTX, CONST_MAP_PTR, ANYTHING,
                    PTR_TO_MEM, CONST_SIZE_OR_ZERO), KernelHelpers::perfEventOutput)
            .with(SKB_LOAD_BYTES, HelperPrototype.of("skb_load_bytes", INTEGER, PTR_TO_CTX, ANYTHING, PTR_TO_UNINIT_MEM,
                    CONST_SIZE), KernelHelpers::skbLoadBytes)
            .with(SKB_STORE_BYTES, HelperPrototype.of("skb_store_bytes", INTEGER, PTR_TO_CTX, ANYTHING, PTR_TO_MEM,
                    CONST_SIZE, ANYTHING), PacketHelpers::skbStoreBytes)
            .with(L3_CSUM_REPLACE, HelperPrototype.of("l3_csum_replace", INTEGER, PTR_TO_CTX, ANYTHING, ANYTHING,
                    ANYTHING, ANYTHING), PacketHelpers::l3CsumReplace)
            .with(L4_CSUM_REPLACE, HelperPrototype.of("l4_csum_replace", INTEGER, PTR_TO_CTX, ANYTHING, ANYTHING,
                    ANYTHING, ANYTHING), PacketHelpers::l4CsumReplace)
            .with(REDIRECT, HelperPrototype.of("redirect", INTEGER, ANYTHING, ANYTHING), PacketHelpers::redirect)
            .with(CSUM_DIFF, HelperPrototype.of("csum_diff", INTEGER, PTR_TO_MEM, CONST_SIZE_OR_ZERO, PTR_TO_MEM,
                    CONST_SIZE_OR_ZERO, ANYTHING), PacketHelpers::csumDiff)
            .with(GET_HASH_RECALC, HelperPrototype.of("get_hash_recalc", INTEGER, PTR_TO_CTX),
                    PacketHelpers::getHashRecalc)
            .with(SKB_PULL_DATA, HelperPrototype.of("skb_pull_data", INTEGER, PTR_TO_CTX, ANYTHING),
                    PacketHelpers::skbPullData)
            .with(XDP_ADJUST_HEAD, HelperPrototype.of("xdp_adjust_head", INTEGER, PTR_TO_CTX, ANYTHING),
                    (ctx, delta, c, d, e, x) -> xdpAdjust(x, (int) delta, true))
            .with(XDP_ADJUST_TAIL, HelperPrototype.of("xdp_adjust_tail", INTEGER, PTR_TO_CTX, ANYTHING),
                    (ctx, delta, c, d, e, x) -> xdpAdjust(x, (int) delta, false))
            .with(MAP_PUSH_ELEM, HelperPrototype.of("map_push_elem", INTEGER, CONST_MAP_PTR, PTR_TO_MAP_VALUE, ANYTHING),
                    KernelHelpers::mapPush)
            .with(MAP_POP_ELEM, HelperPrototype.of("map_pop_elem", INTEGER, CONST_MAP_PTR, PTR_TO_UNINIT_MEM),
                    (m, v, c, d, e, x) -> mapTake(m, v, x, true))
            .with(MAP_PEEK_ELEM, HelperPrototype.of("map_peek_elem", INTEGER, CONST_MAP_PTR, PTR_TO_UNINIT_MEM),
                    (m, v, c, d, e, x) -> mapTake(m, v, x, false))
            .with(RINGBUF_OUTPUT, HelperPrototype.of("ringbuf_output", INTEGER, CONST_MAP_PTR, PTR_TO_MEM, CONST_SIZE_OR_ZERO,
                    ANYTHING), KernelHelpers::ringbufOutput)
            .with(RINGBUF_RESERVE, HelperPrototype.of("ringbuf_reserve", PTR_TO_ALLOC_MEM_OR_NULL, CONST_MAP_PTR,
                    CONST_ALLOC_SIZE_OR_ZERO, ANYTHING), KernelHelpers::ringbufReserve)
            .with(RINGBUF_SUBMIT, HelperPrototype.of("ringbuf_submit", VOID, PTR_TO_ALLOC_MEM, ANYTHING),
                    (p, f, c, d, e, x) -> ringbufCommit(p, x, false))
            .with(RINGBUF_DISCARD, HelperPrototype.of("ringbuf_discard", VOID, PTR_TO_ALLOC_MEM, ANYTHING),
                    (p, f, c, d, e, x) -> ringbufCommit(p, x, true))
            .with(RINGBUF_QUERY, HelperPrototype.of("ringbuf_query", INTEGER, CONST_MAP_PTR, ANYTHING),
                    (m, f, c, d, e, x) -> ringbuf(m, x).query(f))
            .with(FOR_EACH_MAP_ELEM, HelperPrototype.of("for_each_map_elem", INTEGER, CONST_MAP_PTR, PTR_TO_FUNC,
                    PTR_TO_STACK_OR_NULL, ANYTHING), KernelHelpers::forEachMapElem)
            .with(SNPRINTF, HelperPrototype.of("snprintf", INTEGER, PTR_TO_UNINIT_MEM, CONST_SIZE_OR_ZERO, PTR_TO_CONST_STR,
                    PTR_TO_MEM, CONST_SIZE_OR_ZERO), KernelHelpers::snprintf)
            .with(LOOP, HelperPrototype.of("loop", INTEGER, ANYTHING, PTR_TO_FUNC, PTR_TO_STACK_OR_NULL, ANYTHING),
                    KernelHelpers::loop)
            .with(STRNCMP, HelperPrototype.of("strncmp", INTEGER, PTR_TO_MEM, CONST_SIZE, PTR_TO_CONST_STR),
                    KernelHelpers::strncmp);

    private KernelHelpers() {}

    private static HelperPrototype probeRead(String name) {
        return HelperPrototype.of(name, INTEGER, PTR_TO_UNINIT_MEM, CONST_SIZE_OR_ZERO, ANYTHING);
    }

    private static int cpu(HelperContext x) {
        return x.environment().task().cpu();
    }

    private static BpfFault fault(HelperContext x, String detail) {
        return new BpfFault(BpfFault.Kind.HELPER_ERROR, x.pc(), 0, detail);
    }

    private static int size(long size, HelperContext x) {
        if (size < 0 || size > Integer.MAX_VALUE) {
            throw fault(x, "size " + size + " is out of range");
        }
        return (int) size;
    }

    // ---- maps ----

    private static long mapLookup(long mapHandle, long key, long c, long d, long e, HelperContext x) {
        ProgramEnvironment env = x.environment();
        BpfMap map = env.map(mapHandle, x.pc());
        int keySize = map.spec().keySize();
        byte[] region = x.memory().regionFor(key, keySize, x.pc(), false);
        if (map instanceof MapOfMaps outer) {
            BpfMap inner = outer.inner(region, (int) key);
            return inner == null ? 0 : env.handle(inner);
        }
        int at = map.lookupOffset(region, (int) key, cpu(x));
        return at < 0 ? 0 : env.valuePointer(map, at);
    }

    private static long mapUpdate(long mapHandle, long key, long value, long flags, long e, HelperContext x) {
        BpfMap map = x.environment().map(mapHandle, x.pc());
        Memory m = x.memory();
        byte[] keys = m.regionFor(key, map.spec().keySize(), x.pc(), false);
        byte[] values = m.regionFor(value, map.spec().valueSize(), x.pc(), false);
        return map.update(keys, (int) key, values, (int) value, flags, cpu(x));
    }

    private static long mapDelete(long mapHandle, long key, long c, long d, long e, HelperContext x) {
        BpfMap map = x.environment().map(mapHandle, x.pc());
        return map.delete(x.memory().regionFor(key, map.spec().keySize(), x.pc(), false), (int) key);
    }

    private static long mapPush(long mapHandle, long value, long flags, long d, long e, HelperContext x) {
        BpfMap map = x.environment().map(mapHandle, x.pc());
        if (!(map instanceof QueueStackMap q)) {
            return -Errno.EINVAL;
        }
        return q.push(x.memory().regionFor(value, map.spec().valueSize(), x.pc(), false), (int) value, flags);
    }

    private static long mapTake(long mapHandle, long value, HelperContext x, boolean remove) {
        BpfMap map = x.environment().map(mapHandle, x.pc());
        if (!(map instanceof QueueStackMap q)) {
            return -Errno.EINVAL;
        }
        return q.take(x.memory().regionFor(value, map.spec().valueSize(), x.pc(), true), (int) value, remove);
    }

    private static long forEachMapElem(long mapHandle, long callback, long callbackCtx, long flags, long e,
                                       HelperContext x) {
        ProgramEnvironment env = x.environment();
        BpfMap map = env.map(mapHandle, x.pc());
        if (flags != 0) {
            return -Errno.EINVAL;
        }
        long calls = 0;
        for (byte[] key = map.nextKey(null); key != null; key = map.nextKey(key)) {
            int at = map.lookupOffset(key, 0, cpu(x));
            if (at < 0) {
                continue;
            }
            // The callback gets the key on the stack in the kernel; here a read-only copy.
            long keyPointer = env.keyCopy(key);
            calls++;
            if (x.callFunction(callback, mapHandle, keyPointer, env.valuePointer(map, at), callbackCtx, 0) != 0) {
                break;
            }
        }
        return calls;
    }

    private static long loop(long count, long callback, long callbackCtx, long flags, long e, HelperContext x) {
        if (flags != 0) {
            return -Errno.EINVAL;
        }
        if (count > MAX_LOOPS || count < 0) {
            return -Errno.E2BIG;
        }
        long i = 0;
        while (i < count) {
            long r0 = x.callFunction(callback, i, callbackCtx, 0, 0, 0);
            i++;
            if (r0 != 0) {
                break;
            }
        }
        return i;
    }

    private static long tailCall(long ctx, long mapHandle, long index, long d, long e, HelperContext x) {
        ProgramEnvironment env = x.environment();
        BpfMap map = env.map(mapHandle, x.pc());
        if (!(map instanceof ProgArrayMap array)) {
            throw fault(x, "tail_call needs a prog_array, map '" + map.spec().name() + "' is not one");
        }
        Object target = array.get(index & 0xffff_ffffL);
        if (target == null || !env.takeTailCall()) {
            return 0; // falls through, as in the kernel
        }
        throw new TailCallRequest(target, ctx, x.pc());
    }

    // ---- ring buffer and perf events ----

    private static RingBufferMap ringbuf(long mapHandle, HelperContext x) {
        BpfMap map = x.environment().map(mapHandle, x.pc());
        if (!(map instanceof RingBufferMap r)) {
            throw fault(x, "map '" + map.spec().name() + "' is not a ringbuf");
        }
        return r;
    }

    private static long ringbufOutput(long mapHandle, long data, long size, long flags, long e, HelperContext x) {
        RingBufferMap r = ringbuf(mapHandle, x);
        int n = size(size, x);
        return r.output(x.memory().regionFor(data, n, x.pc(), false), (int) data, n, flags);
    }

    private static long ringbufReserve(long mapHandle, long size, long flags, long d, long e, HelperContext x) {
        RingBufferMap r = ringbuf(mapHandle, x);
        int at = r.reserve(size, flags);
        return at < 0 ? 0 : x.environment().valuePointer(r, at);
    }

    private static long ringbufCommit(long pointer, HelperContext x, boolean discard) {
        BpfMap map = x.environment().mapOfRegion((int) (pointer >>> 32));
        if (!(map instanceof RingBufferMap r) || !r.commit((int) pointer, discard)) {
            throw fault(x, String.format("0x%x is not a reserved ringbuf record", pointer));
        }
        return 0;
    }

    private static long perfEventOutput(long ctx, long mapHandle, long flags, long data, long size, HelperContext x) {
        BpfMap map = x.environment().map(mapHandle, x.pc());
        if (!(map instanceof PerfEventArrayMap perf)) {
            return -Errno.EINVAL;
        }
        int n = size(size, x);
        return perf.output(flags, cpu(x), x.memory().read(data, n, x.pc()));
    }

    // ---- memory and strings ----

    private static long probeRead(long dst, long size, long src, long d, long e, HelperContext x) {
        int n = size(size, x);
        Memory m = x.memory();
        byte[] out = m.regionFor(dst, n, x.pc(), true);
        byte[] in;
        try {
            in = m.regionFor(src, n, x.pc(), false);
        } catch (BpfFault unreadable) {
            java.util.Arrays.fill(out, (int) dst, (int) dst + n, (byte) 0);
            return EFAULT;
        }
        System.arraycopy(in, (int) src, out, (int) dst, n);
        return 0;
    }

    private static long probeReadString(long dst, long size, long src, long d, long e, HelperContext x) {
        int n = size(size, x);
        if (n == 0) {
            return 0;
        }
        Memory m = x.memory();
        byte[] out = m.regionFor(dst, n, x.pc(), true);
        for (int i = 0; i < n - 1; i++) {
            long b;
            try {
                b = m.load8(src + i, x.pc());
            } catch (BpfFault unreadable) {
                java.util.Arrays.fill(out, (int) dst, (int) dst + n, (byte) 0);
                return EFAULT;
            }
            out[(int) dst + i] = (byte) b;
            if (b == 0) {
                return i + 1;
            }
        }
        out[(int) dst + n - 1] = 0;
        return n;
    }

    private static long currentComm(long dst, long size, long c, long d, long e, HelperContext x) {
        int n = size(size, x);
        byte[] out = x.memory().regionFor(dst, n, x.pc(), true);
        java.util.Arrays.fill(out, (int) dst, (int) dst + n, (byte) 0);
        byte[] comm = x.environment().task().comm().getBytes(StandardCharsets.UTF_8);
        System.arraycopy(comm, 0, out, (int) dst, Math.min(comm.length, Math.max(0, n - 1)));
        return 0;
    }

    private static long strncmp(long s1, long s1Size, long s2, long d, long e, HelperContext x) {
        int n = size(s1Size, x);
        Memory m = x.memory();
        for (int i = 0; i < n; i++) {
            int a = (int) m.load8(s1 + i, x.pc());
            int b = (int) m.load8(s2 + i, x.pc());
            if (a != b) {
                return a < b ? -1 : 1;
            }
            if (a == 0) {
                return 0;
            }
        }
        return 0;
    }

    private static long tracePrintk(long fmt, long fmtSize, long a1, long a2, long a3, HelperContext x) {
        String format = formatString(x, fmt, fmtSize);
        String line = BpfPrintf.format(format, new long[] {a1, a2, a3}, x.memory(), x.pc());
        x.environment().trace(line.endsWith("\n") ? line.substring(0, line.length() - 1) : line);
        return line.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String formatString(HelperContext x, long fmt, long fmtSize) {
        int n = size(fmtSize, x);
        byte[] bytes = x.memory().read(fmt, n, x.pc());
        int end = 0;
        while (end < n && bytes[end] != 0) {
            end++;
        }
        if (end == n) {
            throw fault(x, "format string is not NUL-terminated within its " + n + " bytes");
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private static long snprintf(long str, long strSize, long fmt, long data, long dataLen, HelperContext x) {
        int size = size(strSize, x);
        int len = size(dataLen, x);
        if (len % 8 != 0) {
            return -Errno.EINVAL;
        }
        String format = BpfPrintf.string(x.memory(), fmt, x.pc());
        long[] args = new long[len / 8];
        for (int i = 0; i < args.length; i++) {
            args[i] = x.memory().load64(data + 8L * i, x.pc());
        }
        byte[] text = BpfPrintf.format(format, args, x.memory(), x.pc()).getBytes(StandardCharsets.UTF_8);
        if (size > 0) {
            byte[] out = x.memory().regionFor(str, size, x.pc(), true);
            int copied = Math.min(text.length, size - 1);
            System.arraycopy(text, 0, out, (int) str, copied);
            out[(int) str + copied] = 0;
        }
        return text.length + 1;
    }

    // ---- packets ----

    private static long skbLoadBytes(long ctx, long offset, long to, long len, long e, HelperContext x) {
        int n = size(len, x);
        byte[] out = x.memory().regionFor(to, n, x.pc(), true);
        byte[] packet = x.memory().input();
        if (offset < 0 || offset > packet.length - (long) n) {
            java.util.Arrays.fill(out, (int) to, (int) to + n, (byte) 0);
            return -Errno.EFAULT;
        }
        System.arraycopy(packet, (int) offset, out, (int) to, n);
        return 0;
    }

    private static long xdpAdjust(HelperContext x, int delta, boolean head) {
        ProgramEnvironment env = x.environment();
        PreparedRun run = env.current();
        if (run.type() != ProgramType.XDP) {
            throw fault(x, "xdp_adjust_" + (head ? "head" : "tail") + " needs an XDP context");
        }
        ByteBuffer ctx = ByteBuffer.wrap(run.context()).order(ByteOrder.LITTLE_ENDIAN);
        int data = ctx.getInt(0);
        int end = ctx.getInt(4);
        int meta = ctx.getInt(8);
        if (head) {
            int newData = data + delta;
            // Metadata stays directly before data; room for it must remain.
            int metaLength = data - meta;
            if (newData - metaLength < 0 || end - newData < PreparedRun.ETH_HLEN) {
                return -Errno.EINVAL;
            }
            ctx.putInt(0, newData).putInt(8, newData - metaLength);
            if (metaLength > 0) {
                System.arraycopy(run.packet(), meta, run.packet(), newData - metaLength, metaLength);
            }
            return 0;
        }
        int newEnd = end + delta;
        if (newEnd > run.packet().length || newEnd - data < PreparedRun.ETH_HLEN) {
            return -Errno.EINVAL;
        }
        if (delta > 0) {
            java.util.Arrays.fill(run.packet(), end, newEnd, (byte) 0);
        }
        ctx.putInt(4, newEnd);
        return 0;
    }
}
