/* stdlib.h of the test libc (tests/port/libc): see stdio.h. */
#ifndef PORT_STDLIB_H
#define PORT_STDLIB_H
#include <stddef.h>

void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
char *getenv(const char *name);          /* no environment: always NULL */
void exit(int status) __attribute__((noreturn));
void abort(void) __attribute__((noreturn));
#endif
