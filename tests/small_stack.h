/* small_stack.h - run a function on a C stack of a given size and measure how much of it
   the function used, on every target the tests run on. Used by test_evm.c (a 1024-deep
   call chain on a 64 KiB C stack) and tests/port/resources.c (the stack figures).

     int small_stack_run(size_t size, void (*fn)(void *), void *arg, size_t *used);

   returns 0 and, if used is not NULL, sets *used (bytes of the stack that were written,
   measured by painting the stack with a pattern first), or -1 if no such stack could be
   set up, or -2 if the function overflowed it. (Pass NULL under valgrind: it marks the
   stack of a finished thread unreadable, so the measurement would be an invalid read.)

   - Hosted (POSIX threads): fn runs on a thread whose stack is a buffer of ours: its top
     `size` bytes are usable and everything below them is PROT_NONE, so an overflow is a
     crash, never silent corruption. The C library's thread descriptor and TLS sit at the
     top of that stack and count as used. A guard region also makes the stack at least
     the library's minimum (glibc on powerpc refuses stacks under 128 KiB:
     pthread_attr_setstacksize(64 KiB) fails there with EINVAL).
   - Freestanding targets of tests/port (PORT_FREESTANDING: rv32im, wasm32): the target's
     port_call_on_stack points the stack pointer at a static buffer; a painted 4 KiB guard
     below it must stay untouched. */
#ifndef SMALL_STACK_H
#define SMALL_STACK_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define SMALL_STACK_PAINT 0xA5

/* Bytes at the low end of [lo, lo + size) still holding the paint. */
static size_t small_stack__untouched(const unsigned char *lo, size_t size)
{
    size_t n = 0;
    while (n < size && lo[n] == SMALL_STACK_PAINT) n++;
    return n;
}

#if defined(PORT_FREESTANDING)
void port_call_on_stack(void *top, void (*fn)(void *), void *arg);

#define SMALL_STACK_GUARD 4096
#define SMALL_STACK_MAX (256 * 1024)
static unsigned char small_stack__area[SMALL_STACK_GUARD + SMALL_STACK_MAX] __attribute__((aligned(16)));

static int small_stack_run(size_t size, void (*fn)(void *), void *arg, size_t *used)
{
    size = size & ~(size_t)15;
    if (size > SMALL_STACK_MAX) return -1;
    unsigned char *guard = small_stack__area + SMALL_STACK_MAX - size;   /* guard, then stack */
    memset(guard, SMALL_STACK_PAINT, SMALL_STACK_GUARD + size);
    port_call_on_stack(guard + SMALL_STACK_GUARD + size, fn, arg);
    if (small_stack__untouched(guard, SMALL_STACK_GUARD) != SMALL_STACK_GUARD) return -2;
    if (used) *used = size - small_stack__untouched(guard + SMALL_STACK_GUARD, size);
    return 0;
}

#else
#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

typedef struct small_stack__job { void (*fn)(void *); void *arg; } small_stack__job;
static void *small_stack__thread(void *p)
{
    small_stack__job *j = (small_stack__job *)p;
    j->fn(j->arg);
    return NULL;
}

static int small_stack_run(size_t size, void (*fn)(void *), void *arg, size_t *used)
{
    long page = sysconf(_SC_PAGESIZE), min = sysconf(_SC_THREAD_STACK_MIN);
    if (page <= 0) return -1;
    size_t pg = (size_t)page;
    size = (size + pg - 1) / pg * pg;
    size_t guard = pg;
    if (min > 0 && (size_t)min > size) guard = ((size_t)min - size + pg - 1) / pg * pg;
    void *mem = NULL;
    if (posix_memalign(&mem, pg, guard + size) != 0) return -1;
    unsigned char *lo = (unsigned char *)mem + guard;
    memset(lo, SMALL_STACK_PAINT, size);
    int rc = -1;
    pthread_attr_t attr;
    pthread_t th;
    small_stack__job job = {fn, arg};
    if (mprotect(mem, guard, PROT_NONE) == 0) {
        if (pthread_attr_init(&attr) == 0) {
            if (pthread_attr_setstack(&attr, mem, guard + size) == 0 &&
                pthread_create(&th, &attr, small_stack__thread, &job) == 0) {
                pthread_join(th, NULL);
                if (used) *used = size - small_stack__untouched(lo, size);
                rc = 0;
            }
            pthread_attr_destroy(&attr);
        }
        mprotect(mem, guard, PROT_READ | PROT_WRITE);
    }
    free(mem);
    return rc;
}
#endif
#endif
