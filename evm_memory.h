/* evm_memory.h - EVM memory and its gas: part of evm.h (included by it).

   One expansion entry, evm_memory_expand(), is used by every memory-touching opcode
   (MLOAD, MSTORE, MSTORE8, MCOPY, *COPY, SHA3, LOG*, CALL*, CREATE*, RETURN, REVERT).
   Memory of w words costs 3*w + w*w/512 gas; a frame pays only the difference between
   the cost of the new size and the cost it already paid, which the tracker keeps in
   evm_memory.cost (as geth's lastGasCost and revm's MemoryGas do). The cost of the
   first EVM_MEMORY_TABLE_WORDS words is read from a table generated at build time
   (evm_gas_table.h); above it the formula is computed with overflow checks. Any size
   that cannot be paid with the largest possible gas (2^63-1) ends in out-of-gas before
   anything is allocated, so an attacker-chosen offset never allocates memory.

   Memory grows through the allocator hook, geometrically, and buffers are recycled
   through a pool (evm_buffer_pool) so a running VM reaches a steady state without
   allocator calls. Allocation failure is EVM_OUT_OF_MEMORY, never a crash.
*/
#include "evm.h"
#ifndef EVM_MEMORY_H
#define EVM_MEMORY_H

#ifdef __cplusplus
extern "C" {
#endif

/* A growable byte buffer from the allocator. */
typedef struct evm_buffer {
    uint8_t *data;
    size_t capacity;
} evm_buffer;

/* Free buffers, kept as a list threaded through their own bytes (no bookkeeping
   allocation): each free buffer starts with a pointer to the next one. */
typedef struct evm_buffer_pool {
    uint8_t *free_list;
    size_t count;
} evm_buffer_pool;

typedef struct evm_memory {
    evm_buffer buf;
    uint64_t size;          /* bytes in use, a multiple of 32: MSIZE */
    int64_t cost;           /* gas already paid for `size` (the tracker) */
} evm_memory;

/* Largest word count whose cost the table holds, and the first word count whose cost
   exceeds any int64 gas: 3*2^36 + 2^72/512 > 2^63 - 1. */
#define EVM_MEMORY_TABLE_WORDS 1024
#define EVM_MEMORY_MAX_WORDS ((uint64_t)1 << 36)

/* Gas cost of memory of `words` words, exact for words < EVM_MEMORY_MAX_WORDS.
   w*w/512 is computed as (w/512)*w + (w%512)*w/512 so that no product overflows. */
static inline uint64_t evm_memory_cost_formula(uint64_t words)
{
    return 3 * words + (words >> 9) * words + (((words & 511) * words) >> 9);
}

/* Expand memory to cover [offset, offset + size) and charge the difference of the
   expansion cost from *gas_left. size == 0 never expands, whatever the offset.
   Returns EVM_SUCCESS, EVM_OUT_OF_GAS (nothing changed, nothing allocated) or
   EVM_OUT_OF_MEMORY (gas charged, the execution must be abandoned). */
static inline evm_status evm_memory_expand(evm_memory *m, const evm_allocator *a,
                                           const evm_u256 *offset, const evm_u256 *size,
                                           int64_t *gas_left);
/* The same with offsets already known to fit in 64 bits. */
static inline evm_status evm_memory_expand64(evm_memory *m, const evm_allocator *a,
                                             uint64_t offset, uint64_t size, int64_t *gas_left);

/* Cost of memory of `words` words: table below EVM_MEMORY_TABLE_WORDS, formula above;
   returns false if it exceeds every possible gas amount. */
static inline bool evm_memory_cost(uint64_t words, int64_t *cost);

/* Out of line: the slow path (charge, grow the buffer, zero the new bytes). Takes and
   returns the gas left by value, so the interpreter's gas counter can stay in a
   register; returns EVM_MEMORY_OOG or EVM_MEMORY_NOMEM (negative) on failure. */
#define EVM_MEMORY_OOG ((int64_t)-1)
#define EVM_MEMORY_NOMEM ((int64_t)-2)
EVM_API int64_t evm_memory_grow(evm_memory *m, const evm_allocator *a, uint64_t end,
                                int64_t gas_left);
/* Take a buffer from the pool (an empty one if the pool is empty) / give one back. */
EVM_API void evm_memory_acquire(evm_memory *m, evm_buffer_pool *pool);
EVM_API void evm_buffer_release(evm_buffer *b, evm_buffer_pool *pool, const evm_allocator *a);
EVM_API void evm_buffer_pool_clear(evm_buffer_pool *pool, const evm_allocator *a);
/* Ensure capacity >= size (contents kept); false on allocation failure. */
EVM_API bool evm_buffer_reserve(evm_buffer *b, const evm_allocator *a, size_t size);
EVM_API void *evm_allocate(const evm_allocator *a, void *ptr, size_t size);

/* ----- inline definitions ----- */
static inline bool evm_memory_cost(uint64_t words, int64_t *cost)
{
    if (words <= EVM_MEMORY_TABLE_WORDS) {
        *cost = (int64_t)evm_memory_cost_table[words];
        return true;
    }
    if (words >= EVM_MEMORY_MAX_WORDS)
        return false;
    uint64_t c = evm_memory_cost_formula(words);
    if (c > (uint64_t)INT64_MAX)
        return false;
    *cost = (int64_t)c;
    return true;
}

static inline evm_status evm_memory_expand64(evm_memory *m, const evm_allocator *a,
                                             uint64_t offset, uint64_t size, int64_t *gas_left)
{
    if (size == 0)
        return EVM_SUCCESS;
    /* offsets and sizes >= 2^42 bytes (2^37 words) can never be paid for */
    if ((offset | size) >> 42)
        return EVM_OUT_OF_GAS;
    uint64_t end = offset + size;
    if (end <= m->size)
        return EVM_SUCCESS;
    int64_t g = evm_memory_grow(m, a, end, *gas_left);
    if (g < 0)
        return g == EVM_MEMORY_OOG ? EVM_OUT_OF_GAS : EVM_OUT_OF_MEMORY;
    *gas_left = g;
    return EVM_SUCCESS;
}

static inline evm_status evm_memory_expand(evm_memory *m, const evm_allocator *a,
                                           const evm_u256 *offset, const evm_u256 *size,
                                           int64_t *gas_left)
{
    if ((size->w[0] | size->w[1] | size->w[2] | size->w[3]) == 0)
        return EVM_SUCCESS;
    if ((offset->w[1] | offset->w[2] | offset->w[3] | size->w[1] | size->w[2] | size->w[3]) != 0)
        return EVM_OUT_OF_GAS;
    return evm_memory_expand64(m, a, offset->w[0], size->w[0], gas_left);
}

#ifdef __cplusplus
}
#endif
#endif /* EVM_MEMORY_H */

#if defined(EVM__IMPLEMENTING) && !defined(EVM_MEMORY_IMPLEMENTED)
#define EVM_MEMORY_IMPLEMENTED

void *evm_allocate(const evm_allocator *a, void *ptr, size_t size)
{
    if (a && a->realloc)
        return a->realloc(a->user, ptr, size);
#ifdef EVM_REALLOC
    if (size == 0) {
        EVM_FREE(ptr);
        return NULL;
    }
    return EVM_REALLOC(ptr, size);
#else
    (void)ptr;
    (void)size;
    return NULL;   /* freestanding without an allocator: every allocation fails cleanly */
#endif
}

bool evm_buffer_reserve(evm_buffer *b, const evm_allocator *a, size_t size)
{
    if (size <= b->capacity)
        return true;
    size_t cap = b->capacity < 1024 ? 1024 : b->capacity;
    while (cap < size)
        cap = cap > SIZE_MAX / 2 ? size : cap * 2;
    uint8_t *p = (uint8_t *)evm_allocate(a, b->data, cap);
    if (!p)
        return false;
    b->data = p;
    b->capacity = cap;
    return true;
}

/* the buffer must grow: out of line, so that the usual growth within the buffer is a
   leaf function with few registers to save */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
static bool evm__memory_make_room(evm_memory *m, const evm_allocator *a, uint64_t new_size)
{
    return new_size <= (uint64_t)SIZE_MAX && evm_buffer_reserve(&m->buf, a, (size_t)new_size);
}

int64_t evm_memory_grow(evm_memory *m, const evm_allocator *a, uint64_t end, int64_t gas_left)
{
    uint64_t words = (end + 31) / 32;   /* end < 2^43: no overflow */
    int64_t cost;
    if (!evm_memory_cost(words, &cost))
        return EVM_MEMORY_OOG;
    int64_t charge = cost - m->cost;
    if (charge > gas_left)
        return EVM_MEMORY_OOG;
    uint64_t new_size = words * 32;
    if (new_size > m->buf.capacity && !evm__memory_make_room(m, a, new_size))
        return EVM_MEMORY_NOMEM;
    uint8_t *fresh = m->buf.data + m->size;
    if (new_size - m->size == 32)          /* one word, the usual growth: no memset call */
        EVM_MEMSET(fresh, 0, 32);
    else
        EVM_MEMSET(fresh, 0, (size_t)(new_size - m->size));
    m->size = new_size;
    m->cost = cost;
    return gas_left - charge;
}

/* A free buffer stores the next free buffer's pointer and its own capacity in its first
   bytes; every pooled buffer has at least 1024 bytes (evm_buffer_reserve's minimum). */
typedef struct evm__free_buffer { uint8_t *next; size_t capacity; } evm__free_buffer;

void evm_memory_acquire(evm_memory *m, evm_buffer_pool *pool)
{
    m->size = 0;
    m->cost = 0;
    m->buf.data = NULL;
    m->buf.capacity = 0;
    if (pool->free_list) {
        evm__free_buffer hdr;
        EVM_MEMCPY(&hdr, pool->free_list, sizeof hdr);
        m->buf.data = pool->free_list;
        m->buf.capacity = hdr.capacity;
        pool->free_list = hdr.next;
        pool->count--;
    }
}

void evm_buffer_release(evm_buffer *b, evm_buffer_pool *pool, const evm_allocator *a)
{
    if (!b->data)
        return;
    if (b->capacity >= sizeof(evm__free_buffer) && pool->count < 4096) {
        evm__free_buffer hdr;
        hdr.next = pool->free_list;
        hdr.capacity = b->capacity;
        EVM_MEMCPY(b->data, &hdr, sizeof hdr);
        pool->free_list = b->data;
        pool->count++;
    } else {
        evm_allocate(a, b->data, 0);
    }
    b->data = NULL;
    b->capacity = 0;
}

void evm_buffer_pool_clear(evm_buffer_pool *pool, const evm_allocator *a)
{
    while (pool->free_list) {
        evm__free_buffer hdr;
        EVM_MEMCPY(&hdr, pool->free_list, sizeof hdr);
        evm_allocate(a, pool->free_list, 0);
        pool->free_list = hdr.next;
    }
    pool->count = 0;
}

#endif /* EVM__IMPLEMENTING */
