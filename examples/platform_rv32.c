/* platform_rv32.c - examples/embed.c on rv32im with no C library at all, as a Linux
   program under qemu user mode (qemu-riscv32-static): the entry point, the write (64) and
   exit (93) system calls, and the four string functions the compiler may call on its own
   (for structure copies and clears). Everything else the program needs is in evm.h. */
#include <stddef.h>
#include <stdint.h>

void example_write(const char *s, size_t n);
int example_main(void);

static long sys3(long nr, long a, long b, long c)
{
    register long a0 __asm__("a0") = a;
    register long a1 __asm__("a1") = b;
    register long a2 __asm__("a2") = c;
    register long a7 __asm__("a7") = nr;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
    return a0;
}

void example_write(const char *s, size_t n)
{
    while (n) {
        long w = sys3(64, 1, (long)s, (long)n);
        if (w <= 0) return;
        s += w;
        n -= (size_t)w;
    }
}

void platform_main(void) __attribute__((noreturn));
void platform_main(void)
{
    int status = example_main();
    for (;;) sys3(93, status, 0, 0);
}

/* _start: set gp (the linker relaxes accesses against it), align the stack, go. */
__asm__(".section .text._start, \"ax\"\n"
        ".globl _start\n"
        "_start:\n"
        ".option push\n"
        ".option norelax\n"
        "    la gp, __global_pointer$\n"
        ".option pop\n"
        "    andi sp, sp, -16\n"
        "    call platform_main\n");

/* gcc emits calls to memcpy and co. for large structure copies and clears, even freestanding */
#include "platform_string.h"
