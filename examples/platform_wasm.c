/* platform_wasm.c - examples/embed.c as a wasm32 module with no C library: the output
   is an imported function env.write(fd, ptr, len), the entry point the exported run();
   tests/port/wasm/run.mjs runs it under node. Also the string functions clang may call. */
#include <stddef.h>
#include <stdint.h>

void example_write(const char *s, size_t n);
int example_main(void);

__attribute__((import_module("env"), import_name("write")))
void js_write(int fd, const void *p, size_t n);

void example_write(const char *s, size_t n) { js_write(1, s, n); }

__attribute__((export_name("run")))
int run(void) { return example_main(); }

/* Debian's libclang_rt.builtins-wasm32.a (clang 14) was compiled with a stack protector:
   its __umodti3 (unsigned __int128 remainder, evm.h's fast path) refers to these. */
uintptr_t __stack_chk_guard = 0x2545f491;
void __stack_chk_fail(void);
void __stack_chk_fail(void) { __builtin_trap(); }

void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memcpy(void *d, const void *s, size_t n)
{
    unsigned char *o = d;
    const unsigned char *i = s;
    while (n--) *o++ = *i++;
    return d;
}
void *memmove(void *d, const void *s, size_t n)
{
    unsigned char *o = d;
    const unsigned char *i = s;
    if (o < i) while (n--) *o++ = *i++;
    else { o += n; i += n; while (n--) *--o = *--i; }
    return d;
}
void *memset(void *d, int c, size_t n)
{
    unsigned char *o = d;
    while (n--) *o++ = (unsigned char)c;
    return d;
}
int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++) if (*x != *y) return *x < *y ? -1 : 1;
    return 0;
}
