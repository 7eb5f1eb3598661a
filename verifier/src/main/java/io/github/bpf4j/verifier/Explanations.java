package io.github.bpf4j.verifier;

/** One plain sentence per kernel message: what went wrong and the fix a learner would try. */
final class Explanations {
    private Explanations() {}

    static String explain(String m) {
        if (m.endsWith("!read_ok")) {
            return "a register is read before anything was written to it; assign it first (e.g. r0 = 0) on every path that reaches here.";
        }
        if (m.startsWith("frame pointer is read only")) {
            return "r10 is the frame pointer and cannot be changed; copy it to another register (r1 = r10) and adjust the copy.";
        }
        if (m.startsWith("invalid write to stack") || m.startsWith("invalid read from stack R")) {
            return "the stack is the 512 bytes below r10: use offsets from -512 to -1 (and read only what was written).";
        }
        if (m.startsWith("invalid read from stack")) {
            return "this stack slot was never written on this path; store a value there before loading it.";
        }
        if (m.startsWith("invalid access to packet") || m.contains("outside of the packet")) {
            return "the access reaches past the memory the program was given; keep offset + size within the memory size.";
        }
        if (m.startsWith("misaligned stack access")) {
            return "stack accesses must be aligned to their size; use an offset that is a multiple of the access size.";
        }
        if (m.startsWith("unreachable insn")) {
            return "no path reaches this instruction; remove it or fix the jump that should lead to it.";
        }
        if (m.startsWith("jump out of range")) {
            return "a jump leaves its function; jumps must land inside the same subprogram (use call for other functions).";
        }
        if (m.startsWith("last insn is not an exit or jmp")) {
            return "execution could run off the end of a function; end every function with exit or an unconditional jump.";
        }
        if (m.startsWith("infinite loop detected")) {
            return "the loop comes back to the same state without changing anything; make the loop variable move towards the exit condition.";
        }
        if (m.startsWith("BPF program is too large")) {
            return "the verifier walked 1,000,000 instructions without finishing; lower the loop bound or simplify the branches.";
        }
        if (m.startsWith("div by zero")) {
            return "dividing by the constant 0 is rejected; divide by a non-zero constant or by a register.";
        }
        if (m.startsWith("invalid shift")) {
            return "shift amounts must be 0..63 (0..31 for 32-bit operations); mask or change the constant.";
        }
        if (m.contains("leaks addr")) {
            return "without CAP_PERFMON a pointer may not leave the program; return or store a scalar instead.";
        }
        if (m.contains("pointer comparison prohibited")) {
            return "without CAP_PERFMON pointers may not be compared; compare scalar values instead.";
        }
        if (m.contains("pointer arithmetic") || m.contains("pointer prohibited") || m.contains("math between")) {
            return "only adding or subtracting a bounded scalar to a pointer is allowed; do other arithmetic on scalars.";
        }
        if (m.startsWith("invalid func") || m.startsWith("program of this type cannot use helper")) {
            return "this helper does not exist for the program type; call a helper the type allows.";
        }
        if (m.contains("frames is too deep")) {
            return "calls nest more than 8 frames deep; flatten the call chain or remove the recursion.";
        }
        if (m.startsWith("combined stack size")) {
            return "the stack used by a call chain exceeds 512 bytes in total; use less stack in the nested functions.";
        }
        if (m.contains("invalid mem access")) {
            return "this register does not hold a pointer to memory the program may access; load only through valid pointers.";
        }
        if (m.startsWith("invalid bpf_context access")) {
            return "this program type may not access the context at that offset and size (or not write it); see the type's context structure for the fields it may read and write.";
        }
        if (m.contains("modified ctx ptr") || m.contains("negative offset ctx ptr")) {
            return "the context is accessed through its unmoved pointer only; put the field offset in the load instead (r0 = *(u32 *)(r1 +8)).";
        }
        if (m.contains("BPF_LD_ABS|IND R6") || m.startsWith("BPF_LD_[ABS|IND]")) {
            return "LD_ABS/LD_IND read the packet through the skb in r6: copy the context there first (r6 = r1), in a program type that has an skb.";
        }
        if (m.contains("not allowed in subprogs without BTF")) {
            return "LD_ABS and tail calls may end the program early, which the kernel checks in subprograms only with BTF; move them to the main program.";
        }
        if (m.startsWith("cannot pass map_type") || m.startsWith("expected prog array map")) {
            return "this helper does not work on this kind of map; use the helper made for the map type (or a map the helper takes).";
        }
        if (m.startsWith("helper access to the packet")) {
            return "this helper may not be given packet memory; copy the bytes to the stack first.";
        }
        if (m.contains("zero-sized read") || m.contains("unbounded memory access") || m.contains("either use unsigned or")) {
            return "the size argument must be proven between 1 and a bound; mask it (r &= 63) or compare it before the call.";
        }
        if (m.startsWith("BPF_ATOMIC")) {
            return "atomic operations (including load-acquire and store-release) work on the stack and map values only, not on the context or packets.";
        }
        if (m.startsWith("misaligned")) {
            return "atomic operations need an address aligned to their size; use an offset that is a multiple of the access size.";
        }
        if (m.startsWith("At callback return") || m.equals("R0 not a scalar value")) {
            return "a bpf_loop or bpf_for_each_map_elem callback returns 0 (go on) or 1 (stop); set r0 to one of them before its exit.";
        }
        if (m.equals("callback function not allowed for map")) {
            return "bpf_for_each_map_elem walks hash, array, per-CPU and LRU maps only; pick a map of one of those types.";
        }
        if (m.startsWith("write to change key")) {
            return "the key a bpf_for_each_map_elem callback gets is read-only; copy it to the stack to change it.";
        }
        if (m.equals("write into map forbidden")) {
            return "the map was created with BPF_F_RDONLY_PROG, so the program may only read it; drop the flag or the write.";
        }
        if (m.contains("needs CAP_PERFMON")) {
            return "tracing programs are only loaded for a loader with CAP_PERFMON (or root); verify without --unprivileged.";
        }
        if (m.startsWith("At program exit")) {
            return "this program type must return a value in the range shown; return a constant or mask/compare r0 into that range before exit.";
        }
        if (m.startsWith("cannot write into packet")) {
            return "this program type may read the packet but not write it; copy the bytes elsewhere to change them.";
        }
        if (m.startsWith("The sequence of")) {
            return "too many branches are pending at once; reduce the number of conditional jumps in a row.";
        }
        return "the verifier could not prove the program safe at this instruction; compare with the kernel's log above.";
    }
}
