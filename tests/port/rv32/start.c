/* start.c - the runtime of the unit tests on rv32im without a C library, under qemu user
   mode (qemu-riscv32-static): _start, the Linux system calls write (64) and exit (93), a
   static heap for tests/port/libc, and port_call_on_stack for the small-stack test.
   Not part of the library. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* called as main(argc, argv) with no arguments, as a C runtime does: a test with
   int main(void) ignores them (the RISC-V calling convention allows it) */
int main(int argc, char **argv);

static long port__syscall3(long n, long a, long b, long c)
{
    register long a0 __asm__("a0") = a;
    register long a1 __asm__("a1") = b;
    register long a2 __asm__("a2") = c;
    register long a7 __asm__("a7") = n;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
    return a0;
}

void port_write(int fd, const void *p, size_t n)
{
    const char *c = (const char *)p;
    while (n) {
        long w = port__syscall3(64, fd, (long)c, (long)n);
        if (w <= 0) return;
        c += w;
        n -= (size_t)w;
    }
}

void port_exit(int status)
{
    for (;;) port__syscall3(93, status, 0, 0);
}

/* The heap: one static region (a zkVM guest has the same). qemu maps it lazily. */
#ifndef PORT_HEAP_SIZE
#define PORT_HEAP_SIZE (256u << 20)
#endif
static unsigned char port__heap[PORT_HEAP_SIZE] __attribute__((aligned(16)));
static size_t port__heap_used;
void *port_heap_more(size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n > PORT_HEAP_SIZE - port__heap_used) return NULL;
    void *p = port__heap + port__heap_used;
    port__heap_used += n;
    return p;
}

void port__main(void) __attribute__((noreturn));
void port__main(void)
{
    static char name[] = "test", *argv[] = {name, NULL};
    exit(main(1, argv));
}

/* _start: gp for linker relaxation, an aligned stack, then main.
   port_call_on_stack(top, fn, arg): run fn(arg) with sp = top (16-aligned), then return
   on the caller's stack. */
__asm__(
    ".section .text._start, \"ax\"\n"
    ".globl _start\n"
    "_start:\n"
    ".option push\n"
    ".option norelax\n"
    "    la gp, __global_pointer$\n"
    ".option pop\n"
    "    andi sp, sp, -16\n"
    "    call port__main\n"
    ".text\n"
    ".globl port_call_on_stack\n"
    "port_call_on_stack:\n"
    "    addi a0, a0, -16\n"
    "    sw ra, 12(a0)\n"
    "    sw sp, 8(a0)\n"
    "    mv sp, a0\n"
    "    mv a0, a2\n"
    "    jalr a1\n"
    "    lw ra, 12(sp)\n"
    "    lw sp, 8(sp)\n"
    "    ret\n");
