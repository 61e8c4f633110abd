/* evm_arena.h - the tiered frame arena: part of evm.h (included by it).

   Every call frame takes ONE block from this arena for everything of fixed size: the
   frame record, the 1024-word stack, the padded copy of the code and its analysis
   (jump destinations). The block size is chosen by tier from the code length:
       tier 0..4: code up to 4, 8, 16, 32, 64 KiB; tier 5: larger code, sized exactly.
   EVM memory, the only growable part of a frame, lives apart (evm_memory.h).

   Blocks are released in LIFO order (frames nest). The arena lives either in a buffer
   the user supplies (then frames never call the allocator) or in chunks taken from the
   allocator hook as needed, optionally capped. Running out is EVM_ARENA_EXHAUSTED.
   Ownership: the evm_vm owns its arena; the caller of evm_arena_push owns the block
   until it pops it, and must pop blocks in the reverse order of pushing (asserted).
*/
#include "evm.h"
#ifndef EVM_ARENA_H
#define EVM_ARENA_H

#ifdef __cplusplus
extern "C" {
#endif

#define EVM_ARENA_TIERS 5                 /* 4, 8, 16, 32, 64 KiB of code */
#define EVM_ARENA_ALIGN 64                /* blocks start on a cache line */
#define EVM_ARENA_CHUNK (1u << 20)        /* a growing arena takes at least 1 MiB at a time */

typedef struct evm__arena_chunk evm__arena_chunk;

typedef struct evm_arena {
    uint8_t *base;              /* current region: a user buffer or the top chunk */
    size_t size;
    size_t used;
    evm__arena_chunk *chunk;    /* top chunk of a growing arena, NULL for a static one */
    evm__arena_chunk *spare;    /* one emptied chunk kept for reuse */
    evm_allocator allocator;
    bool growing;
    size_t limit;               /* cap on chunk bytes of a growing arena (0: none) */
    size_t chunk_bytes;         /* bytes held in chunks */
    size_t in_use;              /* bytes in live blocks, headers included */
    size_t peak;                /* largest in_use seen */
    uint32_t blocks;            /* live blocks */
} evm_arena;

/* Code capacity (bytes) of the tier that holds code of code_size bytes. */
static inline size_t evm_arena_tier_capacity(size_t code_size)
{
    size_t cap = 4096;
    for (int t = 0; t < EVM_ARENA_TIERS; t++, cap <<= 1)
        if (code_size <= cap)
            return cap;
    return (code_size + 4095) & ~(size_t)4095;   /* beyond 64 KiB: exact, in pages */
}
/* Tier index 0..4, or 5 for code beyond 64 KiB. */
static inline int evm_arena_tier(size_t code_size)
{
    int t = 0;
    for (size_t cap = 4096; t < EVM_ARENA_TIERS && code_size > cap; cap <<= 1)
        t++;
    return t;
}

/* A static arena in buf (no allocator calls, ever). */
EVM_API void evm_arena_init_static(evm_arena *a, void *buf, size_t size);
/* A growing arena from the allocator, capped at limit bytes (0 = no cap). */
EVM_API void evm_arena_init_growing(evm_arena *a, const evm_allocator *alloc, size_t limit);
EVM_API void evm_arena_destroy(evm_arena *a);
/* A block of at least size bytes, EVM_ARENA_ALIGN-aligned; NULL when exhausted. */
EVM_API void *evm_arena_push(evm_arena *a, size_t size);
/* Release the most recently pushed live block. */
EVM_API void evm_arena_pop(evm_arena *a, void *block);

#ifdef __cplusplus
}
#endif
#endif /* EVM_ARENA_H */

#if defined(EVM__IMPLEMENTING) && !defined(EVM_ARENA_IMPLEMENTED)
#define EVM_ARENA_IMPLEMENTED

/* A growing arena is a stack of chunks; each chunk starts with this header and is a
   bump region. Every block is preceded by the arena offset it started at, so a pop
   restores `used` exactly. */
struct evm__arena_chunk {
    evm__arena_chunk *prev;
    size_t size;            /* bytes after the header */
    size_t saved_used;      /* `used` of the chunk below when this one was pushed */
};
typedef struct evm__arena_block_header {
    size_t start;           /* `used` before this block (header included) */
    uint32_t magic;         /* debug check of LIFO order */
    uint32_t pad;
} evm__arena_block_header;

#define EVM__ARENA_MAGIC 0xA7E4A7E4u
#define EVM__ARENA_CHUNK_HEADER ((sizeof(evm__arena_chunk) + EVM_ARENA_ALIGN - 1) & ~(size_t)(EVM_ARENA_ALIGN - 1))

static size_t evm__align_up(size_t v, size_t a) { return (v + a - 1) & ~(a - 1); }

void evm_arena_init_static(evm_arena *a, void *buf, size_t size)
{
    EVM_MEMSET(a, 0, sizeof *a);
    /* align the region's start so block alignment is absolute, not relative */
    uintptr_t p = (uintptr_t)buf, q = (p + EVM_ARENA_ALIGN - 1) & ~(uintptr_t)(EVM_ARENA_ALIGN - 1);
    size_t skip = (size_t)(q - p);
    a->base = (uint8_t *)buf + (skip <= size ? skip : size);
    a->size = skip <= size ? size - skip : 0;
}

void evm_arena_init_growing(evm_arena *a, const evm_allocator *alloc, size_t limit)
{
    EVM_MEMSET(a, 0, sizeof *a);
    if (alloc)
        a->allocator = *alloc;
    a->growing = true;
    a->limit = limit;
}

static void evm__arena_free_chunk(evm_arena *a, evm__arena_chunk *c)
{
    a->chunk_bytes -= EVM__ARENA_CHUNK_HEADER + c->size + EVM_ARENA_ALIGN;
    evm_allocate(&a->allocator, c, 0);
}

/* the aligned start of a chunk's region (after its header) */
static uint8_t *evm__chunk_region(evm__arena_chunk *c)
{
    uintptr_t p = (uintptr_t)c + EVM__ARENA_CHUNK_HEADER;
    return (uint8_t *)c + ((p + EVM_ARENA_ALIGN - 1) & ~(uintptr_t)(EVM_ARENA_ALIGN - 1)) - (uintptr_t)c;
}

void evm_arena_destroy(evm_arena *a)
{
    EVM_ASSERT(a->blocks == 0);
    if (a->growing) {
        while (a->chunk) {
            evm__arena_chunk *c = a->chunk;
            a->chunk = c->prev;
            evm__arena_free_chunk(a, c);
        }
        if (a->spare)
            evm__arena_free_chunk(a, a->spare);
        a->spare = NULL;
    }
    a->base = NULL;
    a->size = a->used = 0;
}

/* Push a new chunk able to hold `need` bytes; false if capped or out of memory. */
static bool evm__arena_new_chunk(evm_arena *a, size_t need)
{
    size_t want = need > EVM_ARENA_CHUNK ? need : EVM_ARENA_CHUNK;
    evm__arena_chunk *c = NULL;
    if (a->spare && a->spare->size >= need) {
        c = a->spare;
        a->spare = NULL;
    } else {
        if (need > SIZE_MAX - EVM__ARENA_CHUNK_HEADER - EVM_ARENA_ALIGN)
            return false;
        const size_t extra = EVM__ARENA_CHUNK_HEADER + EVM_ARENA_ALIGN;
        if (a->limit && a->chunk_bytes + extra + want > a->limit) {
            want = need;   /* try the exact size before giving up */
            if (a->chunk_bytes + extra + want > a->limit)
                return false;
        }
        /* the allocator only promises malloc's alignment: take EVM_ARENA_ALIGN extra so
           the region can start on an aligned address */
        c = (evm__arena_chunk *)evm_allocate(&a->allocator, NULL, EVM__ARENA_CHUNK_HEADER + want + EVM_ARENA_ALIGN);
        if (!c)
            return false;
        c->size = want;
        a->chunk_bytes += EVM__ARENA_CHUNK_HEADER + want + EVM_ARENA_ALIGN;
    }
    c->prev = a->chunk;
    c->saved_used = a->used;
    a->chunk = c;
    a->base = evm__chunk_region(c);
    a->size = c->size;
    a->used = 0;
    return true;
}

void *evm_arena_push(evm_arena *a, size_t size)
{
    const size_t hdr = EVM_ARENA_ALIGN;   /* header padded so the block stays aligned */
    if (size > SIZE_MAX / 2)
        return NULL;
    size_t need = hdr + evm__align_up(size, EVM_ARENA_ALIGN);
    if (!a->base || a->size - a->used < need) {
        if (!a->growing || !evm__arena_new_chunk(a, need))
            return NULL;
    }
    size_t start = a->used;
    evm__arena_block_header h;
    h.start = start;
    h.magic = EVM__ARENA_MAGIC;
    h.pad = 0;
    EVM_MEMCPY(a->base + start + hdr - sizeof h, &h, sizeof h);
    a->used = start + need;
    a->in_use += need;
    if (a->in_use > a->peak)
        a->peak = a->in_use;
    a->blocks++;
    return a->base + start + hdr;
}

void evm_arena_pop(evm_arena *a, void *block)
{
    evm__arena_block_header h;
    EVM_ASSERT(block && a->blocks > 0);
    EVM_MEMCPY(&h, (uint8_t *)block - sizeof h, sizeof h);
    EVM_ASSERT(h.magic == EVM__ARENA_MAGIC);
    EVM_ASSERT((uint8_t *)block == a->base + h.start + EVM_ARENA_ALIGN);   /* LIFO order */
    a->in_use -= a->used - h.start;
    a->used = h.start;
    a->blocks--;
    if (a->used == 0 && a->chunk && (a->chunk->prev || a->blocks == 0)) {
        /* the top chunk is empty: keep it as the spare and return to the one below */
        evm__arena_chunk *c = a->chunk;
        a->chunk = c->prev;
        size_t restore = c->saved_used;
        if (a->spare)
            evm__arena_free_chunk(a, a->spare);
        a->spare = c;
        if (a->chunk) {
            a->base = evm__chunk_region(a->chunk);
            a->size = a->chunk->size;
            a->used = restore;
        } else {
            a->base = NULL;
            a->size = 0;
            a->used = 0;
        }
    }
}

#endif /* EVM__IMPLEMENTING */
