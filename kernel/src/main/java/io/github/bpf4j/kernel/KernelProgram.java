package io.github.bpf4j.kernel;

import io.github.bpf4j.vm.BpfException;
import io.github.bpf4j.vm.Encoder;
import io.github.bpf4j.vm.VerifierException;

/**
 * One program loaded into the kernel with {@code BPF_PROG_LOAD}: run it with
 * {@code BPF_PROG_TEST_RUN}, ask {@code BPF_OBJ_GET_INFO_BY_FD} about it, close it. The
 * instructions are exactly those given; {@link KernelEngine} builds them from a
 * {@link io.github.bpf4j.vm.Program}.
 */
public final class KernelProgram implements AutoCloseable {
    /** Verifier log levels of {@code BPF_PROG_LOAD}. */
    public static final int LOG_NONE = 0;
    public static final int LOG_BASIC = 1;
    public static final int LOG_VERBOSE = 2;
    /** Only the statistics: verification time, processed instructions, states, stack depth. */
    public static final int LOG_STATS = 4;

    private static final int LOG_SIZE_START = 256 * 1024;
    /** The kernel refuses larger log buffers on older versions (16 MiB - 1). */
    private static final int LOG_SIZE_MAX = 16 * 1024 * 1024 - 1;

    // union bpf_attr, BPF_PROG_LOAD
    private static final int PROG_TYPE = 0;
    private static final int INSN_CNT = 4;
    private static final int INSNS = 8;
    private static final int LICENSE = 16;
    private static final int LOG_LEVEL = 24;
    private static final int LOG_SIZE = 28;
    private static final int LOG_BUF = 32;
    private static final int PROG_NAME = 48;
    private static final int PROG_BTF_FD = 72;
    private static final int FUNC_INFO_REC_SIZE = 76;
    private static final int FUNC_INFO = 80;
    private static final int FUNC_INFO_CNT = 88;
    private static final int FD_ARRAY = 120;
    // union bpf_attr, BPF_PROG_TEST_RUN
    private static final int TEST_PROG_FD = 0;
    private static final int TEST_RETVAL = 4;
    private static final int TEST_DATA_SIZE_IN = 8;
    private static final int TEST_DATA_SIZE_OUT = 12;
    private static final int TEST_DATA_IN = 16;
    private static final int TEST_DATA_OUT = 24;
    private static final int TEST_REPEAT = 32;
    private static final int TEST_DURATION = 36;
    private static final int TEST_CTX_SIZE_IN = 40;
    private static final int TEST_CTX_SIZE_OUT = 44;
    private static final int TEST_CTX_IN = 48;
    private static final int TEST_CTX_OUT = 56;
    // union bpf_attr, BPF_OBJ_GET_INFO_BY_FD, and struct bpf_prog_info
    private static final int INFO_BPF_FD = 0;
    private static final int INFO_LEN = 4;
    private static final int INFO_PTR = 8;
    private static final int PROG_INFO_SIZE = 232;
    private static final int INFO_TYPE = 0;
    private static final int INFO_ID = 4;
    private static final int INFO_TAG = 8;
    private static final int INFO_JITED_LEN = 16;
    private static final int INFO_XLATED_LEN = 20;
    private static final int INFO_VERIFIED_INSNS = 216;

    private final KernelFd fd;
    private final String log;

    private KernelProgram(int fd, String log) {
        this.fd = new KernelFd("kernel program", fd);
        this.log = log;
    }

    /**
     * Loads {@code slots} as a program of the kernel type {@code kernelType}, licensed "GPL".
     *
     * @param fdArray  map file descriptors that {@code BPF_PSEUDO_MAP_IDX} references index
     * @param logLevel {@link #LOG_NONE}, {@link #LOG_BASIC}, {@link #LOG_VERBOSE} or {@link #LOG_STATS}; a rejected
     *                 program is loaded again with {@link #LOG_BASIC} to obtain the log
     * @throws VerifierException   when the verifier rejects the program (carrying its whole log)
     * @throws BpfSyscallException when the kernel refuses for another reason and writes no log
     */
    public static KernelProgram load(int kernelType, long[] slots, int[] fdArray, int logLevel) {
        return load(kernelType, slots, fdArray, logLevel, 0, "");
    }

    /**
     * As {@link #load(int, long[], int[], int)} with the BTF and function info the program was
     * compiled with (null for none): the kernel needs them for callbacks such as bpf_loop's.
     */
    public static KernelProgram load(int kernelType, long[] slots, int[] fdArray, int logLevel,
                                     io.github.bpf4j.vm.ProgramBtf btf) {
        return load(kernelType, slots, fdArray, logLevel, 0, "", btf);
    }

    /**
     * As {@link #load(int, long[], int[], int)} for a program that starts {@code programStart}
     * slots into what is loaded; a rejection names its pc and ends with {@code context}.
     */
    static KernelProgram load(int kernelType, long[] slots, int[] fdArray, int logLevel, int programStart,
                              String context) {
        return load(kernelType, slots, fdArray, logLevel, programStart, context, null);
    }

    /** As above, with the BTF and function info the program was compiled with (null for none). */
    static KernelProgram load(int kernelType, long[] slots, int[] fdArray, int logLevel, int programStart,
                              String context, io.github.bpf4j.vm.ProgramBtf btf) {
        KernelFd btfFd = btf == null ? null : KernelBtf.load(btf.btf());
        try {
            try {
                return loadWithLog(kernelType, slots, fdArray, logLevel, programStart, context, btf, btfFd);
            } catch (BpfSyscallException e) {
                if (logLevel != LOG_NONE) {
                    throw e;
                }
            }
            return loadWithLog(kernelType, slots, fdArray, LOG_BASIC, programStart, context, btf, btfFd);
        } finally {
            if (btfFd != null) {
                btfFd.close(); // the loaded program holds its own reference
            }
        }
    }

    private static KernelProgram loadWithLog(int kernelType, long[] slots, int[] fdArray, int logLevel,
                                             int programStart, String context, io.github.bpf4j.vm.ProgramBtf btf,
                                             KernelFd btfFd) {
        int logSize = logLevel == LOG_NONE ? 0 : LOG_SIZE_START;
        while (true) {
            try (Attr attr = new Attr(); NativeBuffer insns = NativeBuffer.of(Encoder.bytes(slots));
                 NativeBuffer license = NativeBuffer.ofString("GPL");
                 NativeBuffer fds = fdArray.length == 0 ? null : NativeBuffer.ofInts(fdArray);
                 NativeBuffer logBuffer = logSize == 0 ? null : NativeBuffer.zeroed(logSize);
                 NativeBuffer funcInfo = btf == null ? null : NativeBuffer.ofInts(btf.funcInfo())) {
                if (btf != null) {
                    attr.u32(PROG_BTF_FD, btfFd.get()).u32(FUNC_INFO_REC_SIZE, 8).pointer(FUNC_INFO, funcInfo)
                            .u32(FUNC_INFO_CNT, btf.funcInfo().length / 2);
                }
                attr.u32(PROG_TYPE, kernelType).u32(INSN_CNT, slots.length).pointer(INSNS, insns)
                        .pointer(LICENSE, license).u32(LOG_LEVEL, logLevel).u32(LOG_SIZE, logSize)
                        .pointer(LOG_BUF, logBuffer).pointer(FD_ARRAY, fds);
                attr.memory().write(PROG_NAME, "bpf4j".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, 5);
                try {
                    return new KernelProgram(Bpf.call(Bpf.PROG_LOAD, attr), logText(logBuffer));
                } catch (BpfSyscallException e) {
                    if (e.errno() == Errno.ENOSPC && logSize > 0 && logSize < LOG_SIZE_MAX) {
                        // every retry verifies the program again: grow in few, large steps
                        logSize = (int) Math.min(8L * logSize, LOG_SIZE_MAX);
                        continue;
                    }
                    String log = logText(logBuffer);
                    if (log.isEmpty()) {
                        throw new BpfSyscallException("BPF_PROG_LOAD of " + slots.length + " slots as program type "
                                + kernelType, e.errno());
                    }
                    throw new VerifierException(KernelLog.rejection(e.errnoName(), log, programStart, context), log);
                }
            }
        }
    }

    private static String logText(NativeBuffer buffer) {
        return buffer == null ? "" : buffer.memory().getString(0, "UTF-8");
    }

    /** The verifier's log of the load, empty when loaded with {@link #LOG_NONE}. */
    public String log() {
        return log;
    }

    public int fd() {
        return fd.get();
    }

    /**
     * One {@code BPF_PROG_TEST_RUN}.
     *
     * @param data       the packet (data_in), or null
     * @param dataOutMax bytes of the packet to read back (0 for none)
     * @param ctx        the context (ctx_in), or null
     * @param ctxOutMax  bytes of the context to read back (0 for none)
     * @param repeat     how many times the kernel runs the program (0 counts as 1)
     */
    public KernelTestRun testRun(byte[] data, int dataOutMax, byte[] ctx, int ctxOutMax, int repeat) {
        if (repeat < 0) {
            throw new BpfException("repeat must not be negative, is " + repeat);
        }
        try (Attr attr = new Attr(); NativeBuffer dataIn = data == null ? null : NativeBuffer.of(data);
             NativeBuffer dataOut = dataOutMax == 0 ? null : NativeBuffer.zeroed(dataOutMax);
             NativeBuffer ctxIn = ctx == null ? null : NativeBuffer.of(ctx);
             NativeBuffer ctxOut = ctxOutMax == 0 ? null : NativeBuffer.zeroed(ctxOutMax)) {
            attr.u32(TEST_PROG_FD, fd.get()).u32(TEST_DATA_SIZE_IN, data == null ? 0 : data.length)
                    .u32(TEST_DATA_SIZE_OUT, dataOutMax).pointer(TEST_DATA_IN, dataIn).pointer(TEST_DATA_OUT, dataOut)
                    .u32(TEST_REPEAT, repeat).u32(TEST_CTX_SIZE_IN, ctx == null ? 0 : ctx.length)
                    .u32(TEST_CTX_SIZE_OUT, ctxOutMax).pointer(TEST_CTX_IN, ctxIn).pointer(TEST_CTX_OUT, ctxOut);
            try {
                Bpf.call(Bpf.PROG_TEST_RUN, attr);
            } catch (BpfSyscallException e) {
                throw new BpfSyscallException("BPF_PROG_TEST_RUN with " + (data == null ? 0 : data.length)
                        + " bytes of data and " + (ctx == null ? 0 : ctx.length) + " bytes of context", e.errno());
            }
            return new KernelTestRun(attr.u32(TEST_RETVAL), Integer.toUnsignedLong(attr.u32(TEST_DURATION)),
                    readBack(dataOut, attr.u32(TEST_DATA_SIZE_OUT)), readBack(ctxOut, attr.u32(TEST_CTX_SIZE_OUT)));
        }
    }

    private static byte[] readBack(NativeBuffer buffer, int size) {
        return buffer == null ? new byte[0] : buffer.bytes(Math.min(size, buffer.length()));
    }

    /** Sizes and counts from {@code BPF_OBJ_GET_INFO_BY_FD}. */
    public KernelProgramInfo info() {
        try (Attr attr = new Attr(); Attr info = new Attr(PROG_INFO_SIZE)) {
            attr.u32(INFO_BPF_FD, fd.get()).u32(INFO_LEN, PROG_INFO_SIZE)
                    .u64(INFO_PTR, com.sun.jna.Pointer.nativeValue(info.memory()));
            Bpf.call(Bpf.OBJ_GET_INFO_BY_FD, attr);
            return new KernelProgramInfo(info.u32(INFO_TYPE), info.u32(INFO_ID),
                    String.format("%016x", Long.reverseBytes(info.u64(INFO_TAG))),
                    info.u32(INFO_XLATED_LEN), info.u32(INFO_JITED_LEN), info.u32(INFO_VERIFIED_INSNS));
        }
    }

    @Override
    public void close() {
        fd.close();
    }
}
