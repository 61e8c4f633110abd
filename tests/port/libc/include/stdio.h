/* stdio.h of the test libc (tests/port/libc): only what the unit tests use, for the
   targets without a C library (rv32im, wasm32). Output goes through port_write(), which
   each target's start file provides; files are read from the ROM file system generated
   at build time (tests/port/romfs.c). Not part of the library. */
#ifndef PORT_STDIO_H
#define PORT_STDIO_H
#include <stddef.h>
#include <stdarg.h>

typedef struct port_file FILE;
#define EOF (-1)
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

extern FILE *const stdout;
extern FILE *const stderr;

#define PORT_PRINTF(f, a) __attribute__((format(printf, f, a)))
int printf(const char *fmt, ...) PORT_PRINTF(1, 2);
int fprintf(FILE *f, const char *fmt, ...) PORT_PRINTF(2, 3);
int sprintf(char *buf, const char *fmt, ...) PORT_PRINTF(2, 3);
int snprintf(char *buf, size_t size, const char *fmt, ...) PORT_PRINTF(3, 4);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) PORT_PRINTF(3, 0);
int vfprintf(FILE *f, const char *fmt, va_list ap) PORT_PRINTF(2, 0);
int puts(const char *s);
int putchar(int c);
int fputs(const char *s, FILE *f);
int fflush(FILE *f);
size_t fwrite(const void *p, size_t size, size_t n, FILE *f);

FILE *fopen(const char *path, const char *mode);   /* read-only, from the ROM file system */
size_t fread(void *p, size_t size, size_t n, FILE *f);
int fseek(FILE *f, long offset, int whence);
long ftell(FILE *f);
int fclose(FILE *f);
#endif
