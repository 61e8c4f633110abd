/* fuzz.h - what the fuzz targets share: the invariant check and an allocator that
   counts live blocks, can fail from its fail_from-th request on (-1: never) and refuses
   blocks larger than cap (0: no limit). Leaks show as live != 0 at the end. */
#ifndef FUZZ_H
#define FUZZ_H
#include <stdio.h>
#include <stdlib.h>

#define FZ_CHECK(c) do { if (!(c)) { fprintf(stderr, "invariant failed: %s (%s:%d)\n", #c, \
    __FILE__, __LINE__); abort(); } } while (0)

typedef struct fz_alloc { long live, requests, fail_from; size_t cap; } fz_alloc;
static void *fz_realloc(void *user, void *ptr, size_t size)
{
    fz_alloc *a = (fz_alloc *)user;
    if (size == 0) {
        if (ptr) a->live--;
        free(ptr);
        return NULL;
    }
    if ((a->cap && size > a->cap) || (a->fail_from >= 0 && a->requests++ >= a->fail_from))
        return NULL;
    void *p = realloc(ptr, size);
    if (p && !ptr) a->live++;
    return p;
}
#endif
