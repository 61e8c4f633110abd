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

#include "platform_string.h"
