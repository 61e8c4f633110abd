/* minilibc.c - the C library of the unit tests on targets that have none (rv32im under
   qemu user mode, wasm32 under node): printf and friends, malloc over memory the target
   hands out, string functions, qsort, sqrt/log, and read-only files from the ROM file
   system that `make portability` generates (romfs.h: the files the tests open, embedded
   at build time). Only what the unit tests use; nothing here is part of the library.

   The target's start file provides:
     void port_write(int fd, const void *p, size_t n);    bytes to stdout (1) or stderr (2)
     void port_exit(int status);                          never returns
     void *port_heap_more(size_t n);                      n more contiguous bytes after the
                                                          previous ones, or NULL
   Build with -fno-builtin (and gcc's -fno-tree-loop-distribute-patterns) so the compiler
   does not turn memcpy's own loop into a call to memcpy. */
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include "romfs.h"

void port_write(int fd, const void *p, size_t n);
void port_exit(int status) __attribute__((noreturn));
void *port_heap_more(size_t n);

/* ---- strings -------------------------------------------------------------------- */
void *memcpy(void *d, const void *s, size_t n)
{
    unsigned char *o = (unsigned char *)d;
    const unsigned char *i = (const unsigned char *)s;
    while (n--) *o++ = *i++;
    return d;
}
void *memmove(void *d, const void *s, size_t n)
{
    unsigned char *o = (unsigned char *)d;
    const unsigned char *i = (const unsigned char *)s;
    if (o < i) while (n--) *o++ = *i++;
    else { o += n; i += n; while (n--) *--o = *--i; }
    return d;
}
void *memset(void *d, int c, size_t n)
{
    unsigned char *o = (unsigned char *)d;
    while (n--) *o++ = (unsigned char)c;
    return d;
}
int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    for (; n; n--, x++, y++) if (*x != *y) return *x < *y ? -1 : 1;
    return 0;
}
size_t strlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }
int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b) { a++; b++; }
    return (unsigned char)*a - (unsigned char)*b;
}
int strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b) return (unsigned char)*a - (unsigned char)*b;
        if (!*a) return 0;
    }
    return 0;
}
char *strcpy(char *d, const char *s) { char *r = d; while ((*d++ = *s++)) {} return r; }
char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c) return (char *)s;
        if (!*s) return NULL;
    }
}
char *strstr(const char *h, const char *n)
{
    size_t k = strlen(n);
    for (; *h; h++) if (strncmp(h, n, k) == 0) return (char *)h;
    return k ? NULL : (char *)h;
}

/* ---- heap: power-of-two classes up to 64 KiB, 64 KiB multiples above ----------------
   Each block has a 16-byte header holding its capacity; freed blocks go to the list of
   their class (large ones to one list searched best-fit). No coalescing: the tests'
   patterns (a few sizes, LIFO arenas) reuse blocks well. */
#define HDR 16
#define SMALL_MAX 65536
typedef struct free_block { struct free_block *next; } free_block;
static free_block *small_free[17];
static free_block *large_free;

static size_t cap_of(void *p) { return *(size_t *)((unsigned char *)p - HDR); }

void *malloc(size_t size)
{
    size_t cap;
    int k = 4;
    if (size <= SMALL_MAX) {
        while (((size_t)1 << k) < size) k++;
        cap = (size_t)1 << k;
        if (small_free[k]) {
            free_block *b = small_free[k];
            small_free[k] = b->next;
            return b;
        }
    } else {
        if (size > SIZE_MAX - 2 * SMALL_MAX) return NULL;
        cap = (size + SMALL_MAX - 1) & ~(size_t)(SMALL_MAX - 1);
        free_block **best = NULL;
        for (free_block **pp = &large_free; *pp; pp = &(*pp)->next)
            if (cap_of(*pp) >= cap && cap_of(*pp) <= 2 * cap && (!best || cap_of(*pp) < cap_of(*best)))
                best = pp;
        if (best) {
            free_block *b = *best;
            *best = b->next;
            return b;
        }
    }
    unsigned char *m = (unsigned char *)port_heap_more(HDR + cap);
    if (!m) return NULL;
    *(size_t *)m = cap;
    return m + HDR;
}

void free(void *p)
{
    if (!p) return;
    size_t cap = cap_of(p);
    free_block *b = (free_block *)p;
    if (cap <= SMALL_MAX) {
        int k = 4;
        while (((size_t)1 << k) < cap) k++;
        b->next = small_free[k];
        small_free[k] = b;
    } else {
        b->next = large_free;
        large_free = b;
    }
}

void *realloc(void *p, size_t size)
{
    if (!p) return malloc(size);
    if (size == 0) { free(p); return NULL; }
    size_t cap = cap_of(p);
    if (size <= cap) return p;
    void *q = malloc(size);
    if (!q) return NULL;
    memcpy(q, p, cap);
    free(p);
    return q;
}

void *calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) return NULL;
    void *p = malloc(n * size);
    if (p) memset(p, 0, n * size);
    return p;
}

/* ---- misc ----------------------------------------------------------------------- */
static void swap_bytes(unsigned char *a, unsigned char *b, size_t n)
{
    while (n--) { unsigned char t = *a; *a++ = *b; *b++ = t; }
}
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    unsigned char *a = (unsigned char *)base;   /* insertion sort: the tests sort a few items */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && cmp(a + (j - 1) * size, a + j * size) > 0; j--)
            swap_bytes(a + (j - 1) * size, a + j * size, size);
}

char *getenv(const char *name) { (void)name; return NULL; }

double fabs(double x) { return x < 0 ? -x : x; }

double sqrt(double x)
{
    if (!(x > 0)) return x == 0 ? x : (x - x) / (x - x);   /* 0 stays 0, negatives: NaN */
    if (x == HUGE_VAL) return x;
    double r = x > 1 ? x : 1;                              /* Newton from above: decreases */
    for (;;) {
        double n = 0.5 * (r + x / r);
        if (n >= r) break;
        r = n;
    }
    return r;                                              /* within an ulp */
}

double log(double x)
{
    if (x < 0 || x != x) return (x - x) / (x - x);
    if (x == 0) return -HUGE_VAL;
    if (x == HUGE_VAL) return x;
    int e = 0;                                  /* x = m * 2^e, m in [sqrt(1/2), sqrt(2)) */
    while (x >= 1.4142135623730951) { x *= 0.5; e++; }
    while (x < 0.7071067811865476) { x *= 2.0; e--; }
    double s = (x - 1) / (x + 1), s2 = s * s, term = s, sum = 0;
    for (int k = 1; k < 60; k += 2) {          /* log(m) = 2 atanh(s) */
        double add = term / k;
        if (sum + add == sum) break;
        sum += add;
        term *= s2;
    }
    return 2 * sum + e * 0.69314718055994530942;
}

/* ---- output --------------------------------------------------------------------- */
struct port_file {
    int fd;                     /* 1, 2 for the streams; -1 for a ROM file */
    const unsigned char *data;  /* ROM file */
    size_t size, pos;
    int open;
};
static struct port_file port_streams[2] = {{1, NULL, 0, 0, 1}, {2, NULL, 0, 0, 1}};
FILE *const stdout = &port_streams[0];
FILE *const stderr = &port_streams[1];

static char out_buf[4096];
static size_t out_len;
static void out_flush(void)
{
    if (out_len) port_write(1, out_buf, out_len);
    out_len = 0;
}
static void out_put(FILE *f, const char *p, size_t n)
{
    if (f->fd != 1) { out_flush(); port_write(f->fd, p, n); return; }
    for (size_t i = 0; i < n; i++) {
        out_buf[out_len++] = p[i];
        if (p[i] == '\n' || out_len == sizeof out_buf) out_flush();
    }
}

/* The formatter writes through a sink: a bounded buffer or a stream. */
typedef struct sink { char *buf; size_t cap, len; FILE *f; } sink;
static void sink_put(sink *s, const char *p, size_t n)
{
    if (s->f) out_put(s->f, p, n);
    else for (size_t i = 0; i < n; i++, s->len++) if (s->len + 1 < s->cap) s->buf[s->len] = p[i];
    if (s->f) s->len += n;
}
static void sink_pad(sink *s, char c, int n) { while (n-- > 0) sink_put(s, &c, 1); }

static int format(sink *s, const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') { sink_put(s, fmt, 1); continue; }
        fmt++;
        int left = 0, zero = 0, plus = 0, space = 0, width = 0, prec = -1, len = 0;
        for (;; fmt++) {
            if (*fmt == '-') left = 1;
            else if (*fmt == '0') zero = 1;
            else if (*fmt == '+') plus = 1;
            else if (*fmt == ' ') space = 1;
            else if (*fmt == '#') {}
            else break;
        }
        if (*fmt == '*') { width = va_arg(ap, int); fmt++; if (width < 0) { left = 1; width = -width; } }
        else while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
        if (*fmt == '.') {
            fmt++;
            prec = 0;
            if (*fmt == '*') { prec = va_arg(ap, int); fmt++; }
            else while (*fmt >= '0' && *fmt <= '9') prec = prec * 10 + (*fmt++ - '0');
        }
        /* len: 0 int, 1 long, 2 long long, 3 size_t/ptrdiff_t/intmax_t-ish */
        for (;; fmt++) {
            if (*fmt == 'l') len++;
            else if (*fmt == 'h') {}
            else if (*fmt == 'z' || *fmt == 't') len = 3;
            else if (*fmt == 'j') len = 2;
            else break;
        }
        char c = *fmt;
        if (!c) break;
        char num[32];
        int n = 0;
        const char *str = num;
        char sign = 0;
        if (c == 'd' || c == 'i') {
            long long v = len == 0 ? va_arg(ap, int) : len == 1 ? va_arg(ap, long)
                        : len == 2 ? va_arg(ap, long long) : (long long)va_arg(ap, ptrdiff_t);
            unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
            if (v < 0) sign = '-'; else if (plus) sign = '+'; else if (space) sign = ' ';
            do { num[sizeof num - 1 - n++] = (char)('0' + u % 10); u /= 10; } while (u);
            str = num + sizeof num - n;
        } else if (c == 'u' || c == 'x' || c == 'X' || c == 'o' || c == 'p') {
            unsigned long long u;
            if (c == 'p') { u = (unsigned long long)(uintptr_t)va_arg(ap, void *); }
            else u = len == 0 ? va_arg(ap, unsigned) : len == 1 ? va_arg(ap, unsigned long)
                   : len == 2 ? va_arg(ap, unsigned long long) : (unsigned long long)va_arg(ap, size_t);
            unsigned base = c == 'o' ? 8 : c == 'u' ? 10 : 16;
            const char *digits = c == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
            do { num[sizeof num - 1 - n++] = digits[u % base]; u /= base; } while (u);
            str = num + sizeof num - n;
        } else if (c == 'c') {
            num[0] = (char)va_arg(ap, int);
            n = 1;
        } else if (c == 's') {
            str = va_arg(ap, const char *);
            if (!str) str = "(null)";
            while (str[n] && (prec < 0 || n < prec)) n++;
            prec = -1;
        } else if (c == '%') {
            num[0] = '%';
            n = 1;
        } else {                            /* floating point and the rest: not supported */
            static const char unsupported[] = "<unsupported format>";
            str = unsupported;
            n = (int)sizeof unsupported - 1;
        }
        int digits_pad = prec > n ? prec - n : 0;
        int total = n + digits_pad + (sign ? 1 : 0);
        if (!left && !(zero && prec < 0)) sink_pad(s, ' ', width - total);
        if (sign) sink_put(s, &sign, 1);
        if (!left && zero && prec < 0) sink_pad(s, '0', width - total);
        sink_pad(s, '0', digits_pad);
        sink_put(s, str, (size_t)n);
        if (left) sink_pad(s, ' ', width - total);
    }
    if (!s->f && s->cap) s->buf[s->len < s->cap ? s->len : s->cap - 1] = 0;
    return (int)s->len;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    sink s = {buf, size, 0, NULL};
    return format(&s, fmt, ap);
}
int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return r;
}
int sprintf(char *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(buf, (size_t)-1 / 2, fmt, ap);
    va_end(ap);
    return r;
}
int vfprintf(FILE *f, const char *fmt, va_list ap)
{
    sink s = {NULL, 0, 0, f};
    return format(&s, fmt, ap);
}
int fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vfprintf(f, fmt, ap);
    va_end(ap);
    return r;
}
int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return r;
}
int fputs(const char *str, FILE *f) { out_put(f, str, strlen(str)); return 0; }
int puts(const char *str) { fputs(str, stdout); out_put(stdout, "\n", 1); return 0; }
int putchar(int c) { char ch = (char)c; out_put(stdout, &ch, 1); return c; }
size_t fwrite(const void *p, size_t size, size_t n, FILE *f)
{
    out_put(f, (const char *)p, size * n);
    return n;
}
int fflush(FILE *f) { (void)f; out_flush(); return 0; }

void exit(int status)
{
    out_flush();
    port_exit(status);
}
void abort(void) { exit(134); }

/* ---- ROM files ------------------------------------------------------------------ */
static struct port_file rom_files[8];

FILE *fopen(const char *path, const char *mode)
{
    if (mode[0] != 'r') return NULL;
    for (size_t i = 0; i < ROMFS_COUNT; i++) {
        if (strcmp(romfs[i].path, path) != 0) continue;
        for (size_t k = 0; k < sizeof rom_files / sizeof rom_files[0]; k++) {
            if (rom_files[k].open) continue;
            rom_files[k].fd = -1;
            rom_files[k].data = romfs[i].data;
            rom_files[k].size = romfs[i].size;
            rom_files[k].pos = 0;
            rom_files[k].open = 1;
            return &rom_files[k];
        }
        return NULL;
    }
    return NULL;
}
size_t fread(void *p, size_t size, size_t n, FILE *f)
{
    if (!f->data || !size) return 0;
    size_t avail = (f->size - f->pos) / size;
    if (n > avail) n = avail;
    memcpy(p, f->data + f->pos, n * size);
    f->pos += n * size;
    return n;
}
int fseek(FILE *f, long offset, int whence)
{
    long base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (long)f->pos : (long)f->size;
    if (!f->data || base + offset < 0 || (size_t)(base + offset) > f->size) return -1;
    f->pos = (size_t)(base + offset);
    return 0;
}
long ftell(FILE *f) { return f->data ? (long)f->pos : -1; }
int fclose(FILE *f) { f->open = 0; f->data = NULL; return 0; }

void port_assert_fail(const char *expr, const char *file, int line)
{
    printf("assertion failed: %s (%s:%d)\n", expr, file, line);
    exit(134);
}

/* ---- no directories (dirent.h, sys/stat.h) --------------------------------------- */
#include <dirent.h>
#include <sys/stat.h>
DIR *opendir(const char *path) { (void)path; return NULL; }
struct dirent *readdir(DIR *d) { (void)d; return NULL; }
int closedir(DIR *d) { (void)d; return -1; }
int stat(const char *path, struct stat *st) { (void)path; (void)st; return -1; }
