/* port_config.h - forced (-include) into every unit test built for a target without a C
   library (rv32im, wasm32): the library runs in its freestanding configuration, with the
   test libc's allocator as its default allocator and a failing assertion ending the run. */
#ifndef PORT_CONFIG_H
#define PORT_CONFIG_H
#include <stddef.h>
#define PORT_FREESTANDING 1
#define EVM_NO_STDLIB 1
void *realloc(void *p, size_t size);
void free(void *p);
void port_assert_fail(const char *expr, const char *file, int line) __attribute__((noreturn));
#define EVM_REALLOC(p, n) realloc((p), (n))
#define EVM_FREE(p) free(p)
#define EVM_ASSERT(c) ((c) ? (void)0 : port_assert_fail(#c, __FILE__, __LINE__))
#endif
