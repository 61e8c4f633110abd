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
