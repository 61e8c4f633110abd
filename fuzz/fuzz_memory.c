/* fuzz_memory.c - evm_memory.h and evm_arena.h against simple models.

   Input: a sequence of operations, each an opcode byte and its arguments.
   Memory (two evm_memory with one buffer pool, as frames use them): expand with 256-bit
   offsets and sizes (small, near 2^32, 2^42, 2^64, 2^256) and a gas budget (small or
   up to 2^63-1), writes, release to the pool and acquire again. The model is a byte
   array and the cost formula 3w + w*w/512 in 128-bit arithmetic (or long division):
   expansion succeeds exactly when the model says, charges exactly the difference of the
   costs, zeroes the new bytes, keeps the old ones; an allocation above the allocator's
   cap (8 MiB) is EVM_OUT_OF_MEMORY with nothing changed.
   Arena: a static one (a buffer of random size at a random misalignment) and a growing
   one (a random limit, an allocator that may fail): pushes of random sizes (also near
   SIZE_MAX) and LIFO pops. The static arena succeeds exactly when the model's bump
   pointer fits; every block is 64-aligned, does not overlap another (each is filled with
   its own byte and checked before its pop), and in_use / blocks / peak follow the model.
   Nothing leaks. */
#define EVM_IMPLEMENTATION
#include "../evm.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#define FZ_CAP ((size_t)8 << 20)     /* the allocator refuses anything larger */

typedef struct fz_in { const uint8_t *p, *end; } fz_in;
static uint8_t fz_byte(fz_in *in) { return in->p < in->end ? *in->p++ : 0; }
static uint64_t fz_u64(fz_in *in, int bytes)
{
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++) v = (v << 8) | fz_byte(in);
    return v;
}

/* a 256-bit number of an interesting magnitude */
static evm_u256 fz_word(fz_in *in)
{
    evm_u256 w = {{0, 0, 0, 0}};
    uint8_t k = fz_byte(in);
    switch (k % 8) {
    case 0: w.w[0] = fz_byte(in); break;
    case 1: w.w[0] = fz_u64(in, 2); break;
    case 2: w.w[0] = fz_u64(in, 3); break;
    case 3: w.w[0] = ((uint64_t)1 << 32) - 32 + fz_byte(in) % 64; break;
    case 4: w.w[0] = ((uint64_t)1 << 42) - 32 + fz_byte(in) % 64; break;
    case 5: w.w[0] = UINT64_MAX - fz_byte(in); break;
    case 6: w.w[1 + fz_byte(in) % 3] = 1; w.w[0] = fz_byte(in); break;
    default: w.w[0] = fz_u64(in, 5); break;
    }
    return w;
}

/* the exact cost of `words` words, or -1 if above INT64_MAX */
static int64_t fz_cost(uint64_t words)
{
#ifdef __SIZEOF_INT128__
    __extension__ unsigned __int128 c = (unsigned __int128)words * 3 + (unsigned __int128)words * words / 512;
    return c > (unsigned __int128)INT64_MAX ? -1 : (int64_t)c;
#else
    if (words >= ((uint64_t)1 << 37)) return -1;
    uint64_t c = 3 * words + (words / 512) * words + (words % 512) * words / 512;
    return c > (uint64_t)INT64_MAX ? -1 : (int64_t)c;
#endif
}

typedef struct fz_mem {
    evm_memory m;
    uint8_t *model;
    size_t model_size;
    int64_t model_cost;
} fz_mem;

static void fz_mem_check(const fz_mem *x)
{
    FZ_CHECK(x->m.size == x->model_size && x->m.cost == x->model_cost);
    FZ_CHECK(x->m.size % 32 == 0 && x->m.buf.capacity >= x->m.size);
    if (x->model_size)
        FZ_CHECK(memcmp(x->m.buf.data, x->model, x->model_size) == 0);
}

static void fz_expand(fz_mem *x, const evm_allocator *a, const evm_u256 *off, const evm_u256 *size,
                      int64_t gas)
{
    int64_t g = gas;
    evm_status s = evm_memory_expand(&x->m, a, off, size, &g);
    /* the model */
    bool zero = !(size->w[0] | size->w[1] | size->w[2] | size->w[3]);
    if (zero) { FZ_CHECK(s == EVM_SUCCESS && g == gas); return; }
    bool fits = !(off->w[1] | off->w[2] | off->w[3] | size->w[1] | size->w[2] | size->w[3]);
    uint64_t end = off->w[0] + size->w[0];
    if (!fits || end < off->w[0] || end > UINT64_MAX - 31) {
        FZ_CHECK(s == EVM_OUT_OF_GAS && g == gas);
        return;
    }
    if (end <= x->model_size) { FZ_CHECK(s == EVM_SUCCESS && g == gas); return; }
    uint64_t words = (end + 31) / 32;
    int64_t cost = fz_cost(words);
    if (cost < 0 || cost - x->model_cost > gas) {
        FZ_CHECK(s == EVM_OUT_OF_GAS && g == gas);
        return;
    }
    if (words * 32 > FZ_CAP) {
        FZ_CHECK(s == EVM_OUT_OF_MEMORY && g == gas);
        return;
    }
    if (s == EVM_OUT_OF_MEMORY) {             /* the allocator failed on purpose */
        FZ_CHECK(g == gas);
        return;
    }
    FZ_CHECK(s == EVM_SUCCESS && g == gas - (cost - x->model_cost));
    size_t ns = (size_t)words * 32;
    uint8_t *m = (uint8_t *)realloc(x->model, ns);
    FZ_CHECK(m != NULL);
    memset(m + x->model_size, 0, ns - x->model_size);
    x->model = m;
    x->model_size = ns;
    x->model_cost = cost;
}

/* ---- arena ---- */
typedef struct fz_block { uint8_t *p; size_t size, need; uint8_t fill; } fz_block;
#define FZ_MAX_BLOCKS 64

static void fz_arena_pop(evm_arena *ar, fz_block *blocks, int *count, size_t *in_use)
{
    fz_block *b = &blocks[--*count];
    for (size_t i = 0; i < b->size; i++)
        FZ_CHECK(b->p[i] == b->fill);
    evm_arena_pop(ar, b->p);
    *in_use -= b->need;
    FZ_CHECK(ar->in_use == *in_use && ar->blocks == (uint32_t)*count);
}

static void fz_arena(fz_in *in, bool is_static)
{
    fz_alloc fa = {0, 0, -1, FZ_CAP};
    evm_allocator alloc = {fz_realloc, &fa};
    evm_arena ar;
    uint8_t *buf = NULL, *base = NULL;
    size_t region = 0;
    if (is_static) {
        size_t size = (size_t)fz_u64(in, 3) % (512 * 1024);
        size_t skew = fz_byte(in) % 64;
        buf = (uint8_t *)malloc(size + 64);
        FZ_CHECK(buf != NULL);
        evm_arena_init_static(&ar, buf + skew, size);
        uintptr_t p = (uintptr_t)(buf + skew), q = (p + 63) & ~(uintptr_t)63;
        region = (size_t)(q - p) <= size ? size - (size_t)(q - p) : 0;
        base = (uint8_t *)q;
    } else {
        uint8_t k = fz_byte(in);
        size_t limit = k % 4 == 0 ? 0 : (size_t)fz_u64(in, 3) * 16;
        if (k & 4) fa.fail_from = fz_byte(in) % 8;
        evm_arena_init_growing(&ar, &alloc, limit);
    }
    fz_block blocks[FZ_MAX_BLOCKS];
    int count = 0;
    size_t used = 0, in_use = 0, peak = 0;
    for (int op = 0; op < 200 && in->p < in->end; op++) {
        uint8_t c = fz_byte(in);
        if (c % 3 != 0 || count == FZ_MAX_BLOCKS) {
            if (count == 0) continue;
            fz_arena_pop(&ar, blocks, &count, &in_use);
            if (is_static) used -= blocks[count].need;
            continue;
        }
        size_t size;
        uint8_t k = fz_byte(in);
        if (k == 0xff) size = SIZE_MAX - fz_byte(in);
        else if (k == 0xfe) size = SIZE_MAX / 2 + fz_byte(in);
        else size = (size_t)fz_u64(in, 2) * (k % 4 + 1) + k;
        uint8_t *p = (uint8_t *)evm_arena_push(&ar, size);
        size_t need = size <= SIZE_MAX / 2 ? 64 + ((size + 63) & ~(size_t)63) : 0;
        if (size > SIZE_MAX / 2) {
            FZ_CHECK(p == NULL);
        } else if (is_static) {
            FZ_CHECK((p != NULL) == (used + need <= region));
        } else if (p == NULL) {            /* a growing arena fails only for a reason */
            FZ_CHECK(fa.fail_from >= 0 || ar.limit != 0 || need > FZ_CAP - 4096);
        }
        FZ_CHECK(ar.in_use == in_use + (p ? need : 0));
        if (!p) continue;
        FZ_CHECK(((uintptr_t)p & 63) == 0);
        if (is_static) FZ_CHECK(p >= base && p + size <= base + region);
        uint8_t fill = (uint8_t)(count * 37 + 1);
        memset(p, fill, size);
        blocks[count].p = p;
        blocks[count].size = size;
        blocks[count].need = need;
        blocks[count].fill = fill;
        count++;
        used += need;
        in_use += need;
        if (in_use > peak) peak = in_use;
        FZ_CHECK(ar.peak == peak && ar.blocks == (uint32_t)count);
    }
    while (count > 0)
        fz_arena_pop(&ar, blocks, &count, &in_use);
    FZ_CHECK(ar.in_use == 0 && ar.blocks == 0);
    evm_arena_destroy(&ar);
    free(buf);
    FZ_CHECK(fa.live == 0);
}

static void fz_memory(fz_in *in)
{
    fz_alloc fa = {0, 0, -1, FZ_CAP};
    evm_allocator alloc = {fz_realloc, &fa};
    evm_buffer_pool pool = {NULL, 0};
    fz_mem mem[2];
    memset(mem, 0, sizeof mem);
    evm_memory_acquire(&mem[0].m, &pool);
    evm_memory_acquire(&mem[1].m, &pool);
    for (int op = 0; op < 300 && in->p < in->end; op++) {
        uint8_t c = fz_byte(in);
        fz_mem *x = &mem[c >> 7];
        switch (c % 6) {
        case 0: case 1: {                     /* expand */
            evm_u256 off = fz_word(in), size = fz_word(in);
            uint8_t g = fz_byte(in);
            int64_t gas = g & 0x80 ? INT64_MAX - (int64_t)(g & 0x7f) : (int64_t)fz_u64(in, 3);
            if (g == 0x7f) fa.fail_from = fa.requests;      /* the next allocation fails */
            fz_expand(x, &alloc, &off, &size, gas);
            fa.fail_from = -1;
            break;
        }
        case 2: {                             /* write */
            if (!x->model_size) break;
            size_t at = (size_t)fz_u64(in, 3) % x->model_size;
            size_t n = (size_t)fz_u64(in, 2) % (x->model_size - at + 1);
            uint8_t v = fz_byte(in);
            memset(x->m.buf.data + at, v, n);
            memset(x->model + at, v, n);
            break;
        }
        case 3: {                             /* release to the pool, acquire again */
            evm_buffer_release(&x->m.buf, &pool, &alloc);
            evm_memory_acquire(&x->m, &pool);
            free(x->model);
            x->model = NULL;
            x->model_size = 0;
            x->model_cost = 0;
            break;
        }
        case 4: {                             /* the cost function against the model */
            uint64_t w = fz_word(in).w[0];
            int64_t cost = 0;
            bool ok = evm_memory_cost(w, &cost);
            int64_t want = fz_cost(w);
            FZ_CHECK(ok == (want >= 0));
            if (ok) FZ_CHECK(cost == want);
            break;
        }
        default: {                            /* grow a reserve directly */
            size_t n = (size_t)fz_u64(in, 3);
            evm_buffer b = {NULL, 0};
            if (evm_buffer_reserve(&b, &alloc, n)) {
                FZ_CHECK(b.capacity >= n && (n == 0 || b.data != NULL));
                if (n) memset(b.data, 0xab, n);
            }
            evm_buffer_release(&b, &pool, &alloc);
            break;
        }
        }
        fz_mem_check(x);
    }
    for (int i = 0; i < 2; i++) {
        fz_mem_check(&mem[i]);
        evm_buffer_release(&mem[i].m.buf, &pool, &alloc);
        free(mem[i].model);
    }
    evm_buffer_pool_clear(&pool, &alloc);
    FZ_CHECK(pool.count == 0 && pool.free_list == NULL);
    FZ_CHECK(fa.live == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
    if (n < 1)
        return 0;
    fz_in in = {d + 1, d + n};
    switch (d[0] % 3) {
    case 0: fz_memory(&in); break;
    case 1: fz_arena(&in, true); break;
    default: fz_arena(&in, false); break;
    }
    return 0;
}
