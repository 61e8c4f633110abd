/* start.c - the runtime of the unit tests on wasm32 without a C library, run by
   tests/port/wasm/run.mjs under node (WebAssembly.Instance): output and exit are imports,
   the heap grows linear memory, port_call_on_stack moves the shadow stack pointer.
   Not part of the library. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* Called as main(argc, argv), without arguments. A wasm call must match the callee's
   signature exactly; clang gives a test's int main(void) a `main` wrapper that takes
   (argc, argv) (its body becomes __original_main), so both forms link to this. */
int main(int argc, char **argv);

__attribute__((import_module("env"), import_name("write")))
void port__js_write(int fd, const void *p, size_t n);
__attribute__((import_module("env"), import_name("exit")))
void port__js_exit(int status);

void port_write(int fd, const void *p, size_t n) { port__js_write(fd, p, n); }
void port_exit(int status)
{
    port__js_exit(status);   /* throws in JavaScript */
    __builtin_unreachable();
}

/* Debian's libclang_rt.builtins-wasm32.a (clang 14) was compiled with a stack protector:
   its __umodti3 (unsigned __int128 remainder, used by evm.h's fast path) refers to these;
   the link of every test failed without them. */
uintptr_t __stack_chk_guard = 0x2545f491;
void __stack_chk_fail(void) __attribute__((noreturn));
void __stack_chk_fail(void) { abort(); }

extern unsigned char __heap_base;
static uintptr_t port__brk;
void *port_heap_more(size_t n)
{
    if (!port__brk) port__brk = ((uintptr_t)&__heap_base + 15) & ~(uintptr_t)15;
    n = (n + 15) & ~(size_t)15;
    uintptr_t end = (uintptr_t)__builtin_wasm_memory_size(0) * 65536;
    if (n > UINTPTR_MAX - port__brk) return NULL;
    if (port__brk + n > end) {
        size_t pages = (port__brk + n - end + 65535) / 65536;
        if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1) return NULL;
    }
    void *p = (void *)port__brk;
    port__brk += n;
    return p;
}

/* The C stack of wasm32 code is the shadow stack in linear memory, addressed by the
   global __stack_pointer (locals whose address is not taken live in the engine's own
   stack, which wasm bounds separately). Run fn(arg) with __stack_pointer = top. */
static void *port__get_sp(void)
{
    void *p;
    __asm__ volatile(".globaltype __stack_pointer, i32\n"
                     "global.get __stack_pointer\n"
                     "local.set %0" : "=r"(p));
    return p;
}
static void port__set_sp(void *p)
{
    __asm__ volatile(".globaltype __stack_pointer, i32\n"
                     "local.get %0\n"
                     "global.set __stack_pointer" : : "r"(p));
}
void port_call_on_stack(void *top, void (*fn)(void *), void *arg)
{
    void *saved = port__get_sp();
    port__set_sp(top);
    fn(arg);
    port__set_sp(saved);
}

__attribute__((export_name("run")))
int port__run(void)
{
    static char name[] = "test", *argv[] = {name, NULL};
    exit(main(1, argv));
}
