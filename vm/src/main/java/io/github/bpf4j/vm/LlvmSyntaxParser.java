package io.github.bpf4j.vm;

/** The kernel / LLVM syntax (in progress). */
final class LlvmSyntaxParser {
    private LlvmSyntaxParser() {}

    static boolean claims(AsmLine line) {
        return false;
    }

    static AsmStatement parse(AsmLine line) {
        throw line.error(line.peek(), "kernel syntax is not supported yet");
    }
}
