/* evm_stateless.h - stateless block validation: a block, its ancestors' headers and a
   witness of the parent's state, checked by hash and executed without the state.

   USAGE
     In exactly one C file:
         #define EVM_IMPLEMENTATION
         #include "evm_stateless.h"
     It includes evm_block.h (and through it evm_tx.h, evm_state.h, evm_precompiles.h).

     evm_witness w = {nodes, node_count, codes, code_count, headers, header_count};
     evm_stateless_result r;
     evm_stateless_validate(&chain, &vm, &precompiles, block_rlp, block_size, &w, NULL, &r);
     // r.status: EVM_STATELESS_VALID (r.post_state_root, r.block_hash), _INVALID_BLOCK
     // (r.block_status says why), _INCOMPLETE_WITNESS (a node, code or header the block
     // needs is not in the witness), _BAD_HEADERS, _OUT_OF_MEMORY

   THE WITNESS (debug_executionWitness's content)
     state    the RLP of trie nodes, account and storage tries alike, any order; a node
              counts only when it is reached by hash from the parent's state root, so
              extra or altered entries are ignored (an altered node has another hash)
     codes    contract codes, found by their keccak-256
     headers  header RLPs, oldest first, the parent last, each the parent of the next:
              the parent gives the state root; older ones answer BLOCKHASH

   HOW IT RUNS
     An evm_state starts empty. Its host (evm_state_set_host) is a wrapper that, on the
     first use of an account or a storage slot, walks the trie from the parent's state
     root (or the account's storage root) through the witness, each node found by its
     hash, and puts what it finds (or its proven absence) into the state. The block then
     runs through evm_block_execute_hooked; the senders, recipients and access lists are
     loaded before each transaction (evm_state_transact reads them directly), the
     coinbase, the system contracts and the withdrawal recipients before the block.
     The post-state root: every account loaded is compared with the state after the
     block; changed storage slots go into the account's partial storage trie, changed
     accounts into the partial account trie (deletions collapse branches, which reads
     the remaining sibling: the witness must have it), and the tries are hashed again.
     A node, code or header that is needed and missing makes the result
     EVM_STATELESS_INCOMPLETE_WITNESS, whatever the block's outcome would have been.

   WITNESS GENERATION
     evm_stateless_witness runs the same validation against a full evm_state (its tries
     built in memory) and records every node, code and header the run used: what it
     returns is exactly what evm_stateless_validate needs for that block.

   LIMITS
     A contract creation over an account whose storage is not empty in the parent state
     (EIP-7610) collides, as the rule says; if the block emptied that storage before the
     creation, this module still sees the parent's storage root and collides.

   MEMORY
     From the allocator (NULL = evm.h's default); everything is released before
     evm_stateless_validate returns. The witness's bytes must stay alive during the call.

   LICENSE
     MIT, as evm.h.
*/
#include "evm_block.h"
#ifndef EVM_STATELESS_H
#define EVM_STATELESS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct evm_stateless_bytes {
    const uint8_t *data;
    size_t size;
} evm_stateless_bytes;

typedef struct evm_witness {
    const evm_stateless_bytes *state;
    size_t state_count;
    const evm_stateless_bytes *codes;
    size_t code_count;
    const evm_stateless_bytes *headers;   /* oldest first, the parent last */
    size_t header_count;
} evm_witness;

typedef enum evm_stateless_status {
    EVM_STATELESS_VALID = 0,
    EVM_STATELESS_INVALID_BLOCK,          /* the block breaks a rule: result.block_status */
    EVM_STATELESS_INCOMPLETE_WITNESS,     /* something the block needs is not in the witness */
    EVM_STATELESS_BAD_HEADERS,            /* headers missing, not decoding or not a chain to the block */
    EVM_STATELESS_OUT_OF_MEMORY,
    EVM_STATELESS_STATUS_COUNT
} evm_stateless_status;

typedef struct evm_stateless_result {
    evm_stateless_status status;
    evm_block_status block_status;
    evm_bytes32 block_hash, parent_hash, post_state_root;
    uint64_t number, gas_used;
    size_t tx_index;                      /* for a transaction's block_status */
    evm_tx_status tx_status;
} evm_stateless_result;

EVM_API const char *evm_stateless_status_name(evm_stateless_status s);

EVM_API evm_stateless_status evm_stateless_validate(const evm_chain_config *c, evm_vm *vm,
                                                    struct evm_precompiles *pc, const uint8_t *block,
                                                    size_t block_size, const evm_witness *w,
                                                    const evm_allocator *alloc, evm_stateless_result *r);

/* A witness (with owned copies of its bytes) made by running the block on a full state. */
typedef struct evm_witness_owned {
    evm_witness w;
    evm_stateless_bytes *items;           /* state, codes, headers, in one array */
    uint8_t *bytes;
    evm_allocator allocator;
} evm_witness_owned;

/* Build the witness of block on pre (the parent's full state). ancestors: header RLPs,
   oldest first, the parent last (as many as BLOCKHASH may read: up to 256). r gets the
   run's result (as evm_stateless_validate would give with the witness). Free with
   evm_witness_owned_free, also after a failure. */
EVM_API evm_stateless_status evm_stateless_witness(const evm_chain_config *c, evm_vm *vm,
                                                   struct evm_precompiles *pc, const evm_state *pre,
                                                   const uint8_t *block, size_t block_size,
                                                   const evm_stateless_bytes *ancestors, size_t ancestor_count,
                                                   const evm_allocator *alloc, evm_witness_owned *out,
                                                   evm_stateless_result *r);
EVM_API void evm_witness_owned_free(evm_witness_owned *w);

#ifdef __cplusplus
}
#endif
#endif /* EVM_STATELESS_H */

/* ================================================================================= */
#if defined(EVM_IMPLEMENTATION) && !defined(EVM_STATELESS_IMPLEMENTED)
#define EVM_STATELESS_IMPLEMENTED

const char *evm_stateless_status_name(evm_stateless_status s)
{
    static const char *const names[EVM_STATELESS_STATUS_COUNT] = {
        "VALID", "INVALID_BLOCK", "INCOMPLETE_WITNESS", "BAD_HEADERS", "OUT_OF_MEMORY"};
    return (unsigned)s < EVM_STATELESS_STATUS_COUNT ? names[s] : "UNKNOWN";
}

/* ---------------------------------------------------------------------------------
   A map from keccak-256 to bytes (witness nodes, codes)
   --------------------------------------------------------------------------------- */
typedef struct evm__sl_map {
    const evm_stateless_bytes *items;
    evm_bytes32 *hash;
    uint8_t *used;                        /* generation: which items the run read */
    uint32_t *table;                      /* index + 1, 0 = empty */
    size_t count, mask;
} evm__sl_map;

static inline size_t evm__sl_h(const uint8_t *h)
{
    return (size_t)((uint64_t)h[0] | (uint64_t)h[1] << 8 | (uint64_t)h[2] << 16 | (uint64_t)h[3] << 24 |
                    (uint64_t)h[4] << 32 | (uint64_t)h[5] << 40 | (uint64_t)h[6] << 48 | (uint64_t)h[7] << 56);
}

static bool evm__sl_map_build(const evm_allocator *a, evm__sl_map *m, const evm_stateless_bytes *items,
                              size_t n, bool track)
{
    EVM_MEMSET(m, 0, sizeof *m);
    m->items = items;
    m->count = n;
    size_t cap = 16;
    while (cap < 2 * n + 2)
        cap *= 2;
    m->mask = cap - 1;
    m->hash = (evm_bytes32 *)evm_allocate(a, NULL, (n ? n : 1) * sizeof *m->hash);
    m->table = (uint32_t *)evm_allocate(a, NULL, cap * sizeof *m->table);
    m->used = track ? (uint8_t *)evm_allocate(a, NULL, n ? n : 1) : NULL;
    if (!m->hash || !m->table || (track && !m->used))
        return false;
    EVM_MEMSET(m->table, 0, cap * sizeof *m->table);
    if (track)
        EVM_MEMSET(m->used, 0, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        evm_keccak256(items[i].data, items[i].size, m->hash[i].bytes);
        size_t j = evm__sl_h(m->hash[i].bytes) & m->mask;
        for (; m->table[j]; j = (j + 1) & m->mask)
            if (!EVM_MEMCMP(m->hash[m->table[j] - 1].bytes, m->hash[i].bytes, 32))
                break;                    /* a duplicate: the first stays */
        if (!m->table[j])
            m->table[j] = (uint32_t)i + 1;
    }
    return true;
}

static const evm_stateless_bytes *evm__sl_map_get(evm__sl_map *m, const uint8_t *h)
{
    if (!m->table)
        return NULL;
    for (size_t j = evm__sl_h(h) & m->mask; m->table[j]; j = (j + 1) & m->mask) {
        uint32_t i = m->table[j] - 1;
        if (!EVM_MEMCMP(m->hash[i].bytes, h, 32)) {
            if (m->used)
                m->used[i] = 1;
            return &m->items[i];
        }
    }
    return NULL;
}

static void evm__sl_map_free(const evm_allocator *a, evm__sl_map *m)
{
    if (m->hash) evm_allocate(a, m->hash, 0);
    if (m->table) evm_allocate(a, m->table, 0);
    if (m->used) evm_allocate(a, m->used, 0);
    EVM_MEMSET(m, 0, sizeof *m);
}

/* ---------------------------------------------------------------------------------
   Partial Merkle-Patricia tries: nodes by index (0 = the empty trie)
   --------------------------------------------------------------------------------- */
enum { EVM__MPT_LEAF = 1, EVM__MPT_EXT, EVM__MPT_BRANCH, EVM__MPT_HASH };

typedef struct evm__mpt {
    uint8_t kind, plen, reflen;           /* reflen: 32 = ref is the hash, < 32 = the node's RLP */
    bool dirty;                           /* ref is stale */
    uint32_t vlen;
    uint8_t path[64];                     /* nibbles of a leaf or extension */
    uint8_t ref[32];
    uint32_t child[16];                   /* branch; an extension's child is child[0] */
    const uint8_t *val;                   /* a leaf's value (RLP of the account or slot value) */
} evm__mpt;

typedef struct evm__sl_chunk {
    struct evm__sl_chunk *next;
    size_t used, cap;
} evm__sl_chunk;

typedef struct evm__sl_acct {
    evm_address address;
    uint8_t key[32];                      /* keccak256(address) */
    bool present, missing, code_missing;
    uint64_t nonce;
    evm_u256 balance;
    evm_bytes32 storage_root, code_hash;
    uint32_t storage;                     /* node of the storage trie */
    const evm_stateless_bytes *code;
} evm__sl_acct;

typedef struct evm__sl_slotrec {
    uint32_t acct;
    evm_u256 key, pre;
} evm__sl_slotrec;

typedef struct evm__sl {
    evm_allocator alloc;
    evm__mpt *nodes;
    uint32_t node_count, node_cap;
    evm__sl_chunk *chunks;
    evm__sl_map nodes_map, codes_map;
    evm__sl_acct *accts;
    uint32_t acct_count, acct_cap;
    uint32_t *acct_table;
    size_t acct_mask;
    uint32_t last_acct;                   /* index + 1 of the last account found */
    evm__sl_slotrec *slots;
    uint32_t slot_count, slot_cap;
    uint32_t *slot_table;
    size_t slot_mask;
    uint32_t root;
    evm_block_header *headers;
    size_t header_count;
    uint64_t oldest_read;                 /* the oldest block number BLOCKHASH asked for */
    bool incomplete, oom, emit;
    /* emit: every node hashed is also recorded (building the full maps) */
    evm_stateless_bytes *emitted;
    uint32_t emitted_count, emitted_cap;
} evm__sl;

static void *evm__sl_grow(evm__sl *z, void *p, uint32_t *cap, uint32_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    uint32_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = evm_allocate(&z->alloc, p, (size_t)c * elem);
    if (!q) {
        z->oom = true;
        return NULL;
    }
    *cap = c;
    return q;
}

/* bytes that live as long as z (new leaf values, emitted nodes) */
static uint8_t *evm__sl_bytes(evm__sl *z, size_t n)
{
    evm__sl_chunk *c = z->chunks;
    n = (n + 7) & ~(size_t)7;
    if (!c || c->cap - c->used < n) {
        size_t cap = n > 16384 ? n : 16384;
        c = (evm__sl_chunk *)evm_allocate(&z->alloc, NULL, sizeof *c + cap);
        if (!c) {
            z->oom = true;
            return NULL;
        }
        c->next = z->chunks;
        c->used = 0;
        c->cap = cap;
        z->chunks = c;
    }
    uint8_t *p = (uint8_t *)(c + 1) + c->used;
    c->used += n;
    return p;
}

static uint32_t evm__mpt_new(evm__sl *z, uint8_t kind)
{
    if (z->node_count == 0)
        z->node_count = 1;                /* index 0: the empty trie */
    evm__mpt *n = (evm__mpt *)evm__sl_grow(z, z->nodes, &z->node_cap, z->node_count + 1, sizeof *n);
    if (!n)
        return 0;
    z->nodes = n;
    uint32_t i = z->node_count++;
    EVM_MEMSET(&n[i], 0, sizeof n[i]);
    n[i].kind = kind;
    n[i].dirty = true;
    return i;
}

static uint32_t evm__mpt_hashnode(evm__sl *z, const uint8_t *hash)
{
    uint32_t i = evm__mpt_new(z, EVM__MPT_HASH);
    if (i) {
        EVM_MEMCPY(z->nodes[i].ref, hash, 32);
        z->nodes[i].reflen = 32;
        z->nodes[i].dirty = false;
    }
    return i;
}

static uint32_t evm__mpt_leaf(evm__sl *z, const uint8_t *path, size_t plen, const uint8_t *val, size_t vlen)
{
    uint32_t i = evm__mpt_new(z, EVM__MPT_LEAF);
    if (i) {
        evm__mpt *n = &z->nodes[i];
        EVM_MEMCPY(n->path, path, plen);
        n->plen = (uint8_t)plen;
        n->val = val;
        n->vlen = (uint32_t)vlen;
    }
    return i;
}

static uint32_t evm__mpt_ext(evm__sl *z, const uint8_t *path, size_t plen, uint32_t child)
{
    uint32_t i = evm__mpt_new(z, EVM__MPT_EXT);
    if (i) {
        EVM_MEMCPY(z->nodes[i].path, path, plen);
        z->nodes[i].plen = (uint8_t)plen;
        z->nodes[i].child[0] = child;
    }
    return i;
}

static bool evm__sl_rlp(const uint8_t **p, const uint8_t *end, evm__rlpr_item *it)
{
    size_t off = 0;
    evm__rlpr r = {*p, end, *p, &off};
    if (evm__rlpr_next(&r, it) != EVM_TXD_OK)
        return false;
    *p = r.p;
    return true;
}

static bool evm__mpt_decode(evm__sl *z, uint32_t at, const uint8_t *rlp, size_t size);

/* a child reference inside a node: a 32-byte hash, an embedded node, or empty */
static bool evm__mpt_child(evm__sl *z, const uint8_t *start, const uint8_t *end, const evm__rlpr_item *it,
                           uint32_t *out)
{
    *out = 0;
    if (!it->list) {
        if (it->size == 0)
            return true;
        if (it->size != 32)
            return false;
        return (*out = evm__mpt_hashnode(z, it->data)) != 0;
    }
    size_t n = (size_t)(end - start);
    if (n >= 32)
        return false;                     /* only nodes under 32 bytes are embedded */
    uint32_t i = evm__mpt_new(z, EVM__MPT_LEAF);
    if (!i)
        return false;
    EVM_MEMCPY(z->nodes[i].ref, start, n);
    z->nodes[i].reflen = (uint8_t)n;
    if (!evm__mpt_decode(z, i, start, n))
        return false;
    *out = i;
    return true;
}

/* Decode a node's RLP into node `at` (its ref is already set). */
static bool evm__mpt_decode(evm__sl *z, uint32_t at, const uint8_t *rlp, size_t size)
{
    const uint8_t *p = rlp, *end = rlp + size;
    evm__rlpr_item list, it[17];
    const uint8_t *starts[17], *ends[17];
    if (!evm__sl_rlp(&p, end, &list) || !list.list || p != end)
        return false;
    p = list.data;
    end = list.data + list.size;
    size_t k = 0;
    while (p < end && k < 17) {
        starts[k] = p;
        if (!evm__sl_rlp(&p, end, &it[k]))
            return false;
        ends[k++] = p;
    }
    if (p != end || (k != 2 && k != 17))
        return false;
    if (k == 17) {
        if (it[16].list || it[16].size)
            return false;                 /* no values in branches of 32-byte keys */
        uint32_t ch[16];
        for (int i = 0; i < 16; i++)
            if (!evm__mpt_child(z, starts[i], ends[i], &it[i], &ch[i]))
                return false;
        evm__mpt *n = &z->nodes[at];
        n->kind = EVM__MPT_BRANCH;
        EVM_MEMCPY(n->child, ch, sizeof ch);
        n->dirty = false;
        return true;
    }
    if (it[0].list || it[0].size == 0 || it[0].size > 33)
        return false;
    unsigned flag = it[0].data[0] >> 4;
    if (flag > 3 || (!(flag & 1) && (it[0].data[0] & 15)))
        return false;
    uint8_t path[66];
    size_t plen = 0;
    if (flag & 1)
        path[plen++] = it[0].data[0] & 15;
    for (size_t i = 1; i < it[0].size; i++) {
        path[plen++] = it[0].data[i] >> 4;
        path[plen++] = it[0].data[i] & 15;
    }
    if (plen > 64)
        return false;
    if (flag & 2) {                       /* leaf */
        if (it[1].list)
            return false;
        evm__mpt *n = &z->nodes[at];
        n->kind = EVM__MPT_LEAF;
        EVM_MEMCPY(n->path, path, plen);
        n->plen = (uint8_t)plen;
        n->val = it[1].data;
        n->vlen = (uint32_t)it[1].size;
        n->dirty = false;
        return true;
    }
    uint32_t child;
    if (plen == 0 || !evm__mpt_child(z, starts[1], ends[1], &it[1], &child) || !child)
        return false;
    evm__mpt *n = &z->nodes[at];
    n->kind = EVM__MPT_EXT;
    EVM_MEMCPY(n->path, path, plen);
    n->plen = (uint8_t)plen;
    n->child[0] = child;
    n->dirty = false;
    return true;
}

/* Make node i a real node: a hash reference is looked up in the witness. */
static bool evm__mpt_resolve(evm__sl *z, uint32_t i)
{
    if (z->nodes[i].kind != EVM__MPT_HASH)
        return true;
    const evm_stateless_bytes *b = evm__sl_map_get(&z->nodes_map, z->nodes[i].ref);
    if (!b) {
        z->incomplete = true;
        return false;
    }
    if (!evm__mpt_decode(z, i, b->data, b->size)) {
        /* a node whose hash is referenced but that is no trie node: cannot happen
           without a keccak collision; refuse rather than guess */
        z->incomplete = true;
        return false;
    }
    return true;
}

/* 1: found (*val), 0: absent, -1: a node is missing */
static int evm__mpt_get(evm__sl *z, uint32_t n, const uint8_t *k, const uint8_t **val, size_t *vlen)
{
    size_t d = 0;
    for (;;) {
        if (!n)
            return 0;
        if (!evm__mpt_resolve(z, n))
            return -1;
        const evm__mpt *x = &z->nodes[n];
        if (x->kind == EVM__MPT_BRANCH) {
            if (d == 64)
                return 0;
            n = x->child[k[d++]];
            continue;
        }
        if (x->plen > 64 - d || EVM_MEMCMP(x->path, k + d, x->plen) != 0)
            return 0;
        if (x->kind == EVM__MPT_LEAF) {
            if (d + x->plen != 64)
                return 0;
            *val = x->val;
            *vlen = x->vlen;
            return 1;
        }
        d += x->plen;
        n = x->child[0];
    }
}

static size_t evm__mpt_common(const uint8_t *a, const uint8_t *b, size_t n)
{
    size_t i = 0;
    while (i < n && a[i] == b[i])
        i++;
    return i;
}

/* insert or replace key k (64 nibbles) from depth d under node n; the new node of that
   place, 0 on failure (z->incomplete or z->oom set) */
static uint32_t evm__mpt_put(evm__sl *z, uint32_t n, const uint8_t *k, size_t d, const uint8_t *val, size_t vlen)
{
    if (!n)
        return evm__mpt_leaf(z, k + d, 64 - d, val, vlen);
    if (!evm__mpt_resolve(z, n))
        return 0;
    uint8_t kind = z->nodes[n].kind;
    if (kind == EVM__MPT_BRANCH) {
        uint32_t c = evm__mpt_put(z, z->nodes[n].child[k[d]], k, d + 1, val, vlen);
        if (!c)
            return 0;
        z->nodes[n].child[k[d]] = c;
        z->nodes[n].dirty = true;
        return n;
    }
    size_t plen = z->nodes[n].plen;
    size_t c = evm__mpt_common(z->nodes[n].path, k + d, plen < 64 - d ? plen : 64 - d);
    if (kind == EVM__MPT_LEAF && c == plen) {
        z->nodes[n].val = val;
        z->nodes[n].vlen = (uint32_t)vlen;
        z->nodes[n].dirty = true;
        return n;
    }
    if (kind == EVM__MPT_EXT && c == plen) {
        uint32_t ch = evm__mpt_put(z, z->nodes[n].child[0], k, d + plen, val, vlen);
        if (!ch)
            return 0;
        z->nodes[n].child[0] = ch;
        z->nodes[n].dirty = true;
        return n;
    }
    /* split at c: a branch, the old node below one nibble, the new leaf below another */
    uint32_t b = evm__mpt_new(z, EVM__MPT_BRANCH);
    uint32_t leaf = b ? evm__mpt_leaf(z, k + d + c + 1, 64 - d - c - 1, val, vlen) : 0;
    if (!leaf)
        return 0;
    evm__mpt *old = &z->nodes[n];
    uint8_t nib = old->path[c];
    if (kind == EVM__MPT_EXT && c + 1 == plen) {
        z->nodes[b].child[nib] = old->child[0];
    } else {
        EVM_MEMMOVE(old->path, old->path + c + 1, plen - c - 1);
        old->plen = (uint8_t)(plen - c - 1);
        old->dirty = true;
        z->nodes[b].child[nib] = n;
    }
    z->nodes[b].child[k[d + c]] = leaf;
    return c ? evm__mpt_ext(z, k + d, c, b) : b;
}

/* prepend nibbles to a leaf's or extension's path */
static void evm__mpt_prepend(evm__mpt *x, const uint8_t *pre, size_t n)
{
    EVM_MEMMOVE(x->path + n, x->path, x->plen);
    EVM_MEMCPY(x->path, pre, n);
    x->plen = (uint8_t)(x->plen + n);
    x->dirty = true;
}

#define EVM__MPT_ERR 0xffffffffu
/* remove key k, which is in the trie, from node n; the new node (0: empty) or EVM__MPT_ERR */
static uint32_t evm__mpt_del(evm__sl *z, uint32_t n, const uint8_t *k, size_t d)
{
    if (!n || !evm__mpt_resolve(z, n))
        return EVM__MPT_ERR;
    uint8_t kind = z->nodes[n].kind;
    if (kind == EVM__MPT_LEAF)
        return 0;
    if (kind == EVM__MPT_EXT) {
        size_t plen = z->nodes[n].plen;
        uint32_t c = evm__mpt_del(z, z->nodes[n].child[0], k, d + plen);
        if (c == EVM__MPT_ERR || c == 0 || !evm__mpt_resolve(z, c))
            return EVM__MPT_ERR;
        if (z->nodes[c].kind == EVM__MPT_BRANCH) {
            z->nodes[n].child[0] = c;
            z->nodes[n].dirty = true;
            return n;
        }
        evm__mpt_prepend(&z->nodes[c], z->nodes[n].path, plen);   /* leaf or extension */
        return c;
    }
    uint32_t c = evm__mpt_del(z, z->nodes[n].child[k[d]], k, d + 1);
    if (c == EVM__MPT_ERR)
        return c;
    evm__mpt *x = &z->nodes[n];
    x->child[k[d]] = c;
    x->dirty = true;
    int count = 0, last = 0;
    for (int i = 0; i < 16; i++)
        if (x->child[i]) {
            count++;
            last = i;
        }
    if (count >= 2)
        return n;
    if (count == 0)
        return 0;
    uint32_t only = x->child[last];
    if (!evm__mpt_resolve(z, only))       /* the sibling left behind must be known */
        return EVM__MPT_ERR;
    uint8_t nib = (uint8_t)last;
    if (z->nodes[only].kind == EVM__MPT_BRANCH) {
        uint32_t e = evm__mpt_ext(z, &nib, 1, only);
        return e ? e : EVM__MPT_ERR;
    }
    evm__mpt_prepend(&z->nodes[only], &nib, 1);
    return only;
}

static size_t evm__sl_rlp_len(uint8_t *out, uint8_t base, size_t n)
{
    if (n < 56) {
        out[0] = (uint8_t)(base + n);
        return 1;
    }
    size_t len = n < 256 ? 1 : n < 65536 ? 2 : 3;
    out[0] = (uint8_t)(base + 55 + len);
    for (size_t i = 0; i < len; i++)
        out[1 + i] = (uint8_t)(n >> (8 * (len - 1 - i)));
    return 1 + len;
}

static size_t evm__sl_rlp_str(uint8_t *out, const uint8_t *p, size_t n)
{
    size_t h = 0;
    if (!(n == 1 && p[0] < 0x80))
        h = evm__sl_rlp_len(out, 0x80, n);
    EVM_MEMCPY(out + h, p, n);
    return h + n;
}

static size_t evm__mpt_ref_rlp(const evm__mpt *c, uint8_t *out)
{
    if (c->reflen == 32) {
        out[0] = 0xa0;
        EVM_MEMCPY(out + 1, c->ref, 32);
        return 33;
    }
    EVM_MEMCPY(out, c->ref, c->reflen);
    return c->reflen;
}

/* Recompute the refs of dirty nodes under n (n: the root when `root`). */
static bool evm__mpt_hash(evm__sl *z, uint32_t n, bool root)
{
    evm__mpt *x = &z->nodes[n];
    if (!x->dirty)
        return true;
    if (x->kind == EVM__MPT_BRANCH) {
        for (int i = 0; i < 16; i++)
            if (z->nodes[n].child[i] && !evm__mpt_hash(z, z->nodes[n].child[i], false))
                return false;
    } else if (x->kind == EVM__MPT_EXT) {
        if (!evm__mpt_hash(z, x->child[0], false))
            return false;
    }
    x = &z->nodes[n];
    uint8_t body[16 * 33 + 1 + 40 + 4 + 256];
    size_t m = 0;
    if (x->kind == EVM__MPT_BRANCH) {
        for (int i = 0; i < 16; i++) {
            if (x->child[i])
                m += evm__mpt_ref_rlp(&z->nodes[x->child[i]], body + m);
            else
                body[m++] = 0x80;
        }
        body[m++] = 0x80;
    } else {
        uint8_t hp[33];
        size_t plen = x->plen, hl = plen / 2 + 1, k = 0;
        uint8_t flag = (uint8_t)((x->kind == EVM__MPT_LEAF ? 2 : 0) + (plen & 1));
        hp[0] = (uint8_t)(flag << 4);
        if (plen & 1)
            hp[0] |= x->path[k++];
        for (size_t o = 1; o < hl; o++, k += 2)
            hp[o] = (uint8_t)(x->path[k] << 4 | x->path[k + 1]);
        m += evm__sl_rlp_str(body + m, hp, hl);
        if (x->kind == EVM__MPT_LEAF) {
            if (x->vlen > 200)
                return false;             /* account and slot values are far shorter */
            m += evm__sl_rlp_str(body + m, x->val, x->vlen);
        } else {
            m += evm__mpt_ref_rlp(&z->nodes[x->child[0]], body + m);
        }
    }
    uint8_t enc[sizeof body + 4];
    size_t h = evm__sl_rlp_len(enc, 0xc0, m);
    EVM_MEMCPY(enc + h, body, m);
    size_t total = h + m;
    x = &z->nodes[n];
    if (total < 32 && !root) {
        EVM_MEMCPY(x->ref, enc, total);
        x->reflen = (uint8_t)total;
    } else {
        evm_keccak256(enc, total, x->ref);
        x->reflen = 32;
        if (z->emit) {                    /* record the node for a full witness map */
            evm_stateless_bytes *e = (evm_stateless_bytes *)evm__sl_grow(
                z, z->emitted, &z->emitted_cap, z->emitted_count + 1, sizeof *e);
            uint8_t *copy = e ? evm__sl_bytes(z, total) : NULL;
            if (!copy)
                return false;
            z->emitted = e;
            EVM_MEMCPY(copy, enc, total);
            e[z->emitted_count].data = copy;
            e[z->emitted_count++].size = total;
        }
    }
    x->dirty = false;
    return true;
}

static const uint8_t evm__sl_empty_root[32] = {
    0x56, 0xe8, 0x1f, 0x17, 0x1b, 0xcc, 0x55, 0xa6, 0xff, 0x83, 0x45, 0xe6, 0x92, 0xc0, 0xf8, 0x6e,
    0x5b, 0x48, 0xe0, 0x1b, 0x99, 0x6c, 0xad, 0xc0, 0x01, 0x62, 0x2f, 0xb5, 0xe3, 0x63, 0xb4, 0x21};
static const uint8_t evm__sl_empty_code[32] = {
    0xc5, 0xd2, 0x46, 0x01, 0x86, 0xf7, 0x23, 0x3c, 0x92, 0x7e, 0x7d, 0xb2, 0xdc, 0xc7, 0x03, 0xc0,
    0xe5, 0x00, 0xb6, 0x53, 0xca, 0x82, 0x27, 0x3b, 0x7b, 0xfa, 0xd8, 0x04, 0x5d, 0x85, 0xa4, 0x70};

/* the root hash of the trie at n (0: empty) */
static bool evm__mpt_root(evm__sl *z, uint32_t n, uint8_t out[32])
{
    if (!n) {
        EVM_MEMCPY(out, evm__sl_empty_root, 32);
        return true;
    }
    if (z->nodes[n].kind != EVM__MPT_HASH && z->nodes[n].reflen < 32)
        z->nodes[n].dirty = true;         /* a small node that was embedded: hash it now */
    if (!evm__mpt_hash(z, n, true))
        return false;
    EVM_MEMCPY(out, z->nodes[n].ref, 32);
    return true;
}

static void evm__sl_nibbles(const uint8_t *key, uint8_t *nib)
{
    for (int i = 0; i < 32; i++) {
        nib[2 * i] = key[i] >> 4;
        nib[2 * i + 1] = key[i] & 15;
    }
}

/* ---------------------------------------------------------------------------------
   Accounts and slots, loaded on first use
   --------------------------------------------------------------------------------- */
static size_t evm__sl_addr_h(const evm_address *a)
{
    return evm__sl_h(a->bytes + 4) * 0x9e3779b97f4a7c15ull >> 7;
}

/* 20 bytes equal: inline, no call (the host asks about the same few accounts all the time) */
static inline bool evm__sl_addr_eq(const uint8_t *a, const uint8_t *b)
{
    unsigned d = 0;
    for (int i = 0; i < 20; i++)
        d |= (unsigned)(a[i] ^ b[i]);
    return d == 0;
}

static uint32_t evm__sl_find(evm__sl *z, const evm_address *a)
{
    if (z->last_acct && evm__sl_addr_eq(z->accts[z->last_acct - 1].address.bytes, a->bytes))
        return z->last_acct - 1;
    if (!z->acct_table)
        return EVM__STATE_NONE;
    for (size_t j = evm__sl_addr_h(a) & z->acct_mask; z->acct_table[j]; j = (j + 1) & z->acct_mask)
        if (evm__sl_addr_eq(z->accts[z->acct_table[j] - 1].address.bytes, a->bytes)) {
            z->last_acct = z->acct_table[j];
            return z->acct_table[j] - 1;
        }
    return EVM__STATE_NONE;
}

/* room in a table for one more entry (count entries now) */
static bool evm__sl_rehash(evm__sl *z, uint32_t **table, size_t *mask, uint32_t count, bool slots)
{
    if (*table && ((size_t)count + 1) * 2 < *mask)
        return true;
    size_t cap = *table ? (*mask + 1) * 2 : 256;
    uint32_t *t = (uint32_t *)evm_allocate(&z->alloc, NULL, cap * sizeof *t);
    if (!t) {
        z->oom = true;
        return false;
    }
    EVM_MEMSET(t, 0, cap * sizeof *t);
    for (uint32_t i = 0; i < count; i++) {
        size_t h = slots ? (size_t)(z->slots[i].key.w[0] * 0x9e3779b97f4a7c15ull ^ z->slots[i].acct)
                         : evm__sl_addr_h(&z->accts[i].address);
        size_t j = h & (cap - 1);
        while (t[j])
            j = (j + 1) & (cap - 1);
        t[j] = i + 1;
    }
    if (*table)
        evm_allocate(&z->alloc, *table, 0);
    *table = t;
    *mask = cap - 1;
    return true;
}

static bool evm__sl_u256_rlp(const uint8_t *p, size_t n, evm_u256 *out)
{
    if (n > 32 || (n && p[0] == 0))
        return false;
    *out = evm_u256_from_be(p, n);
    return true;
}

/* decode an account leaf: rlp([nonce, balance, storage root, code hash]) */
static bool evm__sl_account_rlp(const uint8_t *v, size_t n, evm__sl_acct *a)
{
    const uint8_t *p = v, *end = v + n;
    evm__rlpr_item l, f[4];
    if (!evm__sl_rlp(&p, end, &l) || !l.list || p != end)
        return false;
    p = l.data;
    end = l.data + l.size;
    for (int i = 0; i < 4; i++)
        if (!evm__sl_rlp(&p, end, &f[i]) || f[i].list)
            return false;
    if (p != end || f[0].size > 8 || f[2].size != 32 || f[3].size != 32)
        return false;
    evm_u256 nonce;
    if (!evm__sl_u256_rlp(f[0].data, f[0].size, &nonce) || !evm__sl_u256_rlp(f[1].data, f[1].size, &a->balance))
        return false;
    a->nonce = nonce.w[0];
    EVM_MEMCPY(a->storage_root.bytes, f[2].data, 32);
    EVM_MEMCPY(a->code_hash.bytes, f[3].data, 32);
    return true;
}

/* the account's entry, loading it from the trie into s the first time */
static uint32_t evm__sl_account(evm__sl *z, evm_state *s, const evm_address *a)
{
    uint32_t i = evm__sl_find(z, a);
    if (i != EVM__STATE_NONE)
        return i;
    evm__sl_acct *arr = (evm__sl_acct *)evm__sl_grow(z, z->accts, &z->acct_cap, z->acct_count + 1, sizeof *arr);
    if (!arr || !evm__sl_rehash(z, &z->acct_table, &z->acct_mask, z->acct_count, false))
        return EVM__STATE_NONE;
    z->accts = arr;
    i = z->acct_count++;
    evm__sl_acct *e = &z->accts[i];
    EVM_MEMSET(e, 0, sizeof *e);
    e->address = *a;
    size_t j = evm__sl_addr_h(a) & z->acct_mask;
    while (z->acct_table[j])
        j = (j + 1) & z->acct_mask;
    z->acct_table[j] = i + 1;

    evm_keccak256(a->bytes, 20, e->key);
    uint8_t nib[64];
    evm__sl_nibbles(e->key, nib);
    const uint8_t *v;
    size_t vn;
    int found = evm__mpt_get(z, z->root, nib, &v, &vn);
    e = &z->accts[i];
    if (found < 0) {
        e->missing = true;
        return i;
    }
    if (found == 0)
        return i;
    if (!evm__sl_account_rlp(v, vn, e)) {
        e->missing = true;
        z->incomplete = true;
        return i;
    }
    e->present = true;
    if (EVM_MEMCMP(e->storage_root.bytes, evm__sl_empty_root, 32) != 0 &&
        !(e->storage = evm__mpt_hashnode(z, e->storage_root.bytes)))
        return i;
    e = &z->accts[i];
    if (!evm_state_create(s, a) || !evm_state_set_balance(s, a, &e->balance) || !evm_state_set_nonce(s, a, e->nonce))
        z->oom = true;
    if (EVM_MEMCMP(e->code_hash.bytes, evm__sl_empty_code, 32) != 0) {
        e->code = evm__sl_map_get(&z->codes_map, e->code_hash.bytes);
        if (!e->code) {
            e->code_missing = true;
            z->incomplete = true;
        } else if (!evm_state_set_code(s, a, e->code->data, e->code->size)) {
            z->oom = true;
        }
    }
    return i;
}

static bool evm__sl_wiped(const evm_state *s, const evm_address *a)
{
    uint32_t i = evm__st_find(s, a);
    return i != EVM__STATE_NONE && (s->accounts[i].created_epoch || s->accounts[i].destructed_epoch);
}

/* the parent's storage no longer applies: the account was created in this block (over no
   storage), or destroyed by an earlier transaction (a destruction registered in the
   current one takes effect only at its end: until then the storage is readable) */
static bool evm__sl_storage_gone(const evm_state *s, const evm_address *a)
{
    uint32_t i = evm__st_find(s, a);
    if (i == EVM__STATE_NONE)
        return false;
    const evm__state_account *acc = &s->accounts[i];
    return acc->created_epoch || (acc->destructed_epoch && acc->destructed_epoch != s->epoch);
}

static size_t evm__sl_slot_h(uint32_t acct, const evm_u256 *k)
{
    return (size_t)(k->w[0] * 0x9e3779b97f4a7c15ull ^ acct);
}

/* load a storage slot from the account's storage trie into s the first time */
static void evm__sl_load_slot(evm__sl *z, evm_state *s, const evm_address *a, const evm_u256 *key)
{
    uint32_t ai = evm__sl_account(z, s, a);
    if (ai == EVM__STATE_NONE)
        return;
    if (z->slot_table)
        for (size_t j = evm__sl_slot_h(ai, key) & z->slot_mask; z->slot_table[j]; j = (j + 1) & z->slot_mask) {
            const evm__sl_slotrec *q = &z->slots[z->slot_table[j] - 1];
            if (q->acct == ai && evm_u256_eq(&q->key, key))
                return;
        }
    evm__sl_slotrec *arr = (evm__sl_slotrec *)evm__sl_grow(z, z->slots, &z->slot_cap, z->slot_count + 1, sizeof *arr);
    if (!arr || !evm__sl_rehash(z, &z->slot_table, &z->slot_mask, z->slot_count, true))
        return;
    z->slots = arr;
    uint32_t i = z->slot_count++;
    evm__sl_slotrec *q = &z->slots[i];
    q->acct = ai;
    q->key = *key;
    q->pre = evm_u256_from_u64(0);
    size_t j = evm__sl_slot_h(ai, key) & z->slot_mask;
    while (z->slot_table[j])
        j = (j + 1) & z->slot_mask;
    z->slot_table[j] = i + 1;

    const evm__sl_acct *e = &z->accts[ai];
    if (!e->present || !e->storage || evm__sl_storage_gone(s, a))
        return;                           /* no storage before the block, or gone */
    uint8_t be[32], h[32], nib[64];
    evm_u256_to_be(key, be);
    evm_keccak256(be, 32, h);
    evm__sl_nibbles(h, nib);
    const uint8_t *v;
    size_t vn;
    int found = evm__mpt_get(z, e->storage, nib, &v, &vn);
    if (found <= 0)
        return;                           /* absent, or missing (z->incomplete) */
    const uint8_t *p = v;
    evm__rlpr_item it;
    evm_u256 val;
    if (!evm__sl_rlp(&p, v + vn, &it) || it.list || p != v + vn || !evm__sl_u256_rlp(it.data, it.size, &val)) {
        z->incomplete = true;
        return;
    }
    z->slots[i].pre = val;
    if (!evm_state_set_storage(s, a, key, &val))
        z->oom = true;
}

/* ---------------------------------------------------------------------------------
   The host: evm_state's, loading before each use
   --------------------------------------------------------------------------------- */
#define EVM__SL(ctx) ((evm__sl *)evm_state_host_user((evm_state *)(ctx)))
#define EVM__SL_ACC(ctx, a) ((void)evm__sl_account(EVM__SL(ctx), (evm_state *)(ctx), (a)))
#define EVM__SL_SLOT(ctx, a, k) evm__sl_load_slot(EVM__SL(ctx), (evm_state *)(ctx), (a), (k))

static bool evm__slh_exists(void *ctx, const evm_address *a)
{
    EVM__SL_ACC(ctx, a);
    return evm__sh_account_exists(ctx, a);
}
static void evm__slh_balance(void *ctx, const evm_address *a, evm_u256 *b)
{
    EVM__SL_ACC(ctx, a);
    evm__sh_get_balance(ctx, a, b);
}
static uint64_t evm__slh_nonce(void *ctx, const evm_address *a)
{
    EVM__SL_ACC(ctx, a);
    return evm__sh_get_nonce(ctx, a);
}
static const uint8_t *evm__slh_code(void *ctx, const evm_address *a, size_t *size)
{
    EVM__SL_ACC(ctx, a);
    return evm__sh_get_code(ctx, a, size);
}
static void evm__slh_code_hash(void *ctx, const evm_address *a, evm_bytes32 *h)
{
    EVM__SL_ACC(ctx, a);
    evm__sh_get_code_hash(ctx, a, h);
}
static void evm__slh_storage(void *ctx, const evm_address *a, const evm_u256 *k, evm_u256 *v)
{
    EVM__SL_SLOT(ctx, a, k);
    evm__sh_get_storage(ctx, a, k, v);
}
static void evm__slh_original(void *ctx, const evm_address *a, const evm_u256 *k, evm_u256 *v)
{
    EVM__SL_SLOT(ctx, a, k);
    evm__sh_get_original_storage(ctx, a, k, v);
}
static bool evm__slh_access(void *ctx, const evm_address *a)
{
    EVM__SL_ACC(ctx, a);
    return evm__sh_access_account(ctx, a);
}
static bool evm__slh_access_slot(void *ctx, const evm_address *a, const evm_u256 *k)
{
    EVM__SL_SLOT(ctx, a, k);
    return evm__sh_access_storage(ctx, a, k);
}
static bool evm__slh_set_storage(void *ctx, const evm_address *a, const evm_u256 *k, const evm_u256 *v)
{
    evm_u256 kv = *k, vv = *v;            /* the interpreter may pass words it rewrites */
    EVM__SL_SLOT(ctx, a, &kv);
    return evm__sh_set_storage(ctx, a, &kv, &vv);
}
static bool evm__slh_set_nonce(void *ctx, const evm_address *a, uint64_t n)
{
    EVM__SL_ACC(ctx, a);
    return evm__sh_set_nonce(ctx, a, n);
}
static bool evm__slh_set_code(void *ctx, const evm_address *a, const uint8_t *code, size_t size)
{
    EVM__SL_ACC(ctx, a);
    return evm__sh_set_code(ctx, a, code, size);
}
static bool evm__slh_transfer(void *ctx, const evm_address *from, const evm_address *to, const evm_u256 *v)
{
    EVM__SL_ACC(ctx, from);
    EVM__SL_ACC(ctx, to);
    return evm__sh_transfer(ctx, from, to, v);
}
static evm_status evm__slh_create(void *ctx, const evm_address *a)
{
    evm__sl *z = EVM__SL(ctx);
    uint32_t i = evm__sl_account(z, (evm_state *)ctx, a);
    /* EIP-7610: storage the witness does not show still counts */
    if (i != EVM__STATE_NONE && z->accts[i].present && z->accts[i].storage &&
        !evm__sl_storage_gone((evm_state *)ctx, a))
        return EVM_CREATE_COLLISION;
    return evm__sh_create_account(ctx, a);
}
static bool evm__slh_selfdestruct(void *ctx, const evm_address *a, const evm_address *to)
{
    EVM__SL_ACC(ctx, a);
    EVM__SL_ACC(ctx, to);
    return evm__sh_selfdestruct(ctx, a, to);
}

static const evm_host evm__sl_host = {
    evm__slh_exists, evm__slh_balance, evm__slh_nonce, evm__slh_code, evm__slh_code_hash,
    evm__slh_storage, evm__slh_original, evm__sh_get_transient, evm__sh_get_block_hash,
    evm__slh_access, evm__slh_access_slot, evm__slh_set_storage, evm__sh_set_transient,
    evm__slh_set_nonce, evm__slh_set_code, evm__slh_transfer, evm__slh_create,
    evm__slh_selfdestruct, evm__sh_emit_log, evm__sh_snapshot, evm__sh_revert, evm__sh_precompile};

static void evm__sl_block_hash(void *user, uint64_t number, evm_bytes32 *hash)
{
    evm__sl *z = (evm__sl *)user;
    EVM_MEMSET(hash->bytes, 0, 32);
    if (number < z->oldest_read)
        z->oldest_read = number;
    const evm_block_header *first = &z->headers[0];
    if (number >= first->number && number - first->number < z->header_count)
        *hash = z->headers[number - first->number].hash;
    else
        z->incomplete = true;
}

static void evm__sl_before_tx(void *user, evm_state *s, const evm_transaction *tx)
{
    evm__sl *z = (evm__sl *)user;
    evm__sl_account(z, s, &tx->sender);
    if (!tx->create)
        evm__sl_account(z, s, &tx->to);
    for (size_t i = 0; i < tx->access_list_count; i++)
        evm__sl_account(z, s, &tx->access_list[i].address);
    /* EIP-7702 authorities are read by evm_state_transact directly: recovered here first
       (the state keeps them, so the transaction does not recover them again) */
    for (size_t i = 0; i < tx->authorization_count; i++) {
        evm_address au;
        if (evm__st_authority_at(s, tx, i, &au))
            evm__sl_account(z, s, &au);
    }
}

/* ---------------------------------------------------------------------------------
   The post-state root
   --------------------------------------------------------------------------------- */
static size_t evm__sl_u256_be(const evm_u256 *v, uint8_t *out)
{
    uint8_t be[32];
    evm_u256_to_be(v, be);
    size_t z = 0;
    while (z < 32 && be[z] == 0)
        z++;
    EVM_MEMCPY(out, be + z, 32 - z);
    return 32 - z;
}

/* rlp([nonce, balance, storage root, code hash]) into out (at most 112 bytes) */
static size_t evm__sl_account_enc(uint64_t nonce, const evm_u256 *balance, const uint8_t *sroot,
                                  const uint8_t *chash, uint8_t *out)
{
    uint8_t body[110], num[32];
    size_t m = 0, n;
    evm_u256 nv = evm_u256_from_u64(nonce);
    n = evm__sl_u256_be(&nv, num);
    m += evm__sl_rlp_str(body + m, num, n);
    n = evm__sl_u256_be(balance, num);
    m += evm__sl_rlp_str(body + m, num, n);
    m += evm__sl_rlp_str(body + m, sroot, 32);
    m += evm__sl_rlp_str(body + m, chash, 32);
    size_t h = evm__sl_rlp_len(out, 0xc0, m);
    EVM_MEMCPY(out + h, body, m);
    return h + m;
}

/* put (or with a zero value delete) one storage slot of trie *root */
static bool evm__sl_put_slot(evm__sl *z, uint32_t *root, const evm_u256 *key, const evm_u256 *value, bool present)
{
    uint8_t be[32], h[32], nib[64];
    evm_u256_to_be(key, be);
    evm_keccak256(be, 32, h);
    evm__sl_nibbles(h, nib);
    if (evm_u256_is_zero(value)) {
        if (!present)
            return true;
        uint32_t r = evm__mpt_del(z, *root, nib, 0);
        if (r == EVM__MPT_ERR)
            return false;
        *root = r;
        return true;
    }
    uint8_t num[32];
    size_t n = evm__sl_u256_be(value, num);
    uint8_t *v = evm__sl_bytes(z, 34);
    if (!v)
        return false;
    size_t vn = evm__sl_rlp_str(v, num, n);
    uint32_t r = evm__mpt_put(z, *root, nib, 0, v, vn);
    if (!r)
        return false;
    *root = r;
    return true;
}

static bool evm__sl_post_root(void *user, evm_state *s, evm_bytes32 *out)
{
    evm__sl *z = (evm__sl *)user;
    /* every account the state holds must have come through the loader */
    for (uint32_t i = 0; i < s->account_count; i++)
        if (s->accounts[i].exists && evm__sl_find(z, &s->accounts[i].address) == EVM__STATE_NONE) {
            z->incomplete = true;
            return false;
        }
    for (uint32_t i = 0; i < z->acct_count; i++)
        if (z->accts[i].missing)
            return false;
    /* changed slots into the partial storage tries of accounts that keep their storage */
    for (uint32_t q = 0; q < z->slot_count; q++) {
        evm__sl_acct *e = &z->accts[z->slots[q].acct];
        if (!e->present || !evm_state_exists(s, &e->address) || evm__sl_wiped(s, &e->address))
            continue;
        evm_u256 k = z->slots[q].key, pre = z->slots[q].pre;
        evm_u256 v = evm_state_storage(s, &e->address, &k);
        if (evm_u256_eq(&v, &pre))
            continue;
        uint32_t sroot = e->storage;
        if (!evm__sl_put_slot(z, &sroot, &k, &v, !evm_u256_is_zero(&pre)))
            return false;
        z->accts[z->slots[q].acct].storage = sroot;
    }
    for (int pass = 0; pass < 2; pass++) {   /* updates, then deletions */
        for (uint32_t i = 0; i < z->acct_count; i++) {
            evm__sl_acct *e = &z->accts[i];
            bool exists = evm_state_exists(s, &e->address);
            if (pass == 1) {
                if (exists || !e->present)
                    continue;
                uint8_t nib[64];
                evm__sl_nibbles(e->key, nib);
                uint32_t r = evm__mpt_del(z, z->root, nib, 0);
                if (r == EVM__MPT_ERR)
                    return false;
                z->root = r;
                continue;
            }
            if (!exists)
                continue;
            uint32_t sroot = e->storage;
            if (!e->present || evm__sl_wiped(s, &e->address)) {   /* storage from scratch */
                sroot = 0;
                size_t it = 0;
                evm_u256 k, v;
                while (evm_state_next_slot(s, &e->address, &it, &k, &v))
                    if (!evm__sl_put_slot(z, &sroot, &k, &v, false))
                        return false;
            }
            e = &z->accts[i];
            e->storage = sroot;
            uint8_t sr[32];
            if (!evm__mpt_root(z, sroot, sr))
                return false;
            /* code hash: the witness's when the code is the same bytes */
            size_t cs = 0;
            const uint8_t *code = evm_state_code(s, &e->address, &cs);
            evm_bytes32 ch;
            if (!cs)
                EVM_MEMCPY(ch.bytes, evm__sl_empty_code, 32);
            else if (e->code && e->code->size == cs && !EVM_MEMCMP(e->code->data, code, cs))
                ch = e->code_hash;
            else
                evm_keccak256(code, cs, ch.bytes);
            evm_u256 bal = evm_state_balance(s, &e->address);
            uint64_t nonce = evm_state_nonce(s, &e->address);
            if (e->present && nonce == e->nonce && evm_u256_eq(&bal, &e->balance) &&
                !EVM_MEMCMP(sr, e->storage_root.bytes, 32) && !EVM_MEMCMP(ch.bytes, e->code_hash.bytes, 32))
                continue;
            uint8_t *v = evm__sl_bytes(z, 112);
            if (!v)
                return false;
            size_t vn = evm__sl_account_enc(nonce, &bal, sr, ch.bytes, v);
            uint8_t nib[64];
            evm__sl_nibbles(e->key, nib);
            uint32_t r = evm__mpt_put(z, z->root, nib, 0, v, vn);
            if (!r)
                return false;
            z->root = r;
        }
    }
    return evm__mpt_root(z, z->root, out->bytes);
}

/* ---------------------------------------------------------------------------------
   Validation
   --------------------------------------------------------------------------------- */
static void evm__sl_free(evm__sl *z)
{
    const evm_allocator *a = &z->alloc;
    if (z->nodes) evm_allocate(a, z->nodes, 0);
    while (z->chunks) {
        evm__sl_chunk *n = z->chunks->next;
        evm_allocate(a, z->chunks, 0);
        z->chunks = n;
    }
    evm__sl_map_free(a, &z->nodes_map);
    evm__sl_map_free(a, &z->codes_map);
    if (z->accts) evm_allocate(a, z->accts, 0);
    if (z->acct_table) evm_allocate(a, z->acct_table, 0);
    if (z->slots) evm_allocate(a, z->slots, 0);
    if (z->slot_table) evm_allocate(a, z->slot_table, 0);
    if (z->headers) evm_allocate(a, z->headers, 0);
    if (z->emitted) evm_allocate(a, z->emitted, 0);
    EVM_MEMSET(z, 0, sizeof *z);
}

/* run the block on the maps already in z; fills r */
static evm_stateless_status evm__sl_run(evm__sl *z, const evm_chain_config *c, evm_vm *vm,
                                        struct evm_precompiles *pc, const uint8_t *block, size_t block_size,
                                        const evm_stateless_bytes *headers, size_t header_count,
                                        evm_stateless_result *r)
{
    EVM_MEMSET(r, 0, sizeof *r);
    evm_block b;
    evm_block_status st = evm_block_decode(&b, block, block_size, &z->alloc);
    r->block_status = st;
    if (st != EVM_BLOCK_OK) {
        evm_block_free(&b);
        return r->status = EVM_STATELESS_INVALID_BLOCK;
    }
    r->block_hash = b.header.hash;
    r->parent_hash = b.header.parent_hash;
    r->number = b.header.number;
    /* the headers: a chain ending at the block's parent */
    if (header_count == 0 ||
        !(z->headers = (evm_block_header *)evm_allocate(&z->alloc, NULL, header_count * sizeof *z->headers))) {
        evm_block_free(&b);
        return r->status = header_count ? EVM_STATELESS_OUT_OF_MEMORY : EVM_STATELESS_BAD_HEADERS;
    }
    z->header_count = header_count;
    for (size_t i = 0; i < header_count; i++)
        if (evm_block_decode_header(&z->headers[i], headers[i].data, headers[i].size) != EVM_BLOCK_OK ||
            (i && (EVM_MEMCMP(z->headers[i].parent_hash.bytes, z->headers[i - 1].hash.bytes, 32) != 0 ||
                   z->headers[i].number != z->headers[i - 1].number + 1))) {
            evm_block_free(&b);
            return r->status = EVM_STATELESS_BAD_HEADERS;
        }
    const evm_block_header *parent = &z->headers[header_count - 1];
    if (EVM_MEMCMP(parent->hash.bytes, b.header.parent_hash.bytes, 32) != 0) {
        evm_block_free(&b);
        return r->status = EVM_STATELESS_BAD_HEADERS;
    }
    z->oldest_read = parent->number;
    z->root = EVM_MEMCMP(parent->state_root.bytes, evm__sl_empty_root, 32) ? evm__mpt_hashnode(z, parent->state_root.bytes)
                                                                         : 0;   /* the empty state */

    evm_state s;
    evm_state_init(&s, &z->alloc);
    evm_state_set_host(&s, &evm__sl_host, z);
    evm_state_set_block_hash(&s, evm__sl_block_hash, z);
#ifndef EVM_STATE_NO_PRECOMPILES
    if (pc)
        evm_state_set_precompiles(&s, pc);
#else
    (void)pc;
#endif
    /* what the block layer reads without the host */
    evm_block_rules rules = evm_chain_rules(c, b.header.number, b.header.timestamp);
    evm_address a;
    evm__sl_account(z, &s, &b.header.coinbase);
    const uint8_t *sys[4] = {evm__blk_beacon_roots, evm__blk_history, evm__blk_withdrawal_requests,
                             evm__blk_consolidations};
    for (int k = 0; k < 4; k++)
        if ((k == 0 && rules.fork >= EVM_CANCUN) || (k > 0 && rules.fork >= EVM_PRAGUE)) {
            EVM_MEMCPY(a.bytes, sys[k], 20);
            evm__sl_account(z, &s, &a);
        }
    for (size_t i = 0; i < b.withdrawal_count; i++)
        evm__sl_account(z, &s, &b.withdrawals[i].address);

    evm_block_hooks hooks;
    EVM_MEMSET(&hooks, 0, sizeof hooks);
    hooks.user = z;
    hooks.state_root = evm__sl_post_root;
    hooks.before_tx = evm__sl_before_tx;
    hooks.keep_state = true;
    evm_block_result br;
    EVM_MEMSET(&br, 0, sizeof br);
    st = z->oom ? EVM_BLOCK_OUT_OF_MEMORY : evm_block_execute_hooked(&s, vm, c, parent, &b, &br, &hooks);
    if (!z->oom)
        evm_block_result_free(&br);
    r->block_status = st;
    r->gas_used = br.gas_used;
    r->tx_index = br.tx_index;
    r->tx_status = br.tx_status;
    r->post_state_root = br.state_root;
    if (st == EVM_BLOCK_TX_INVALID || st == EVM_BLOCK_TX_SIGNATURE) {
        /* the sender of a transaction refused before it ran was read without the host */
        evm_signed_tx t = b.txs[br.tx_index];
        if (evm_tx_recover_sender(&t, rules.fork))
            evm__sl_account(z, &s, &t.tx.sender);
    }
    if (evm_state_failed(&s))
        z->oom = true;
    evm_state_destroy(&s);
    evm_block_free(&b);
    if (z->oom || st == EVM_BLOCK_OUT_OF_MEMORY)
        r->status = EVM_STATELESS_OUT_OF_MEMORY;
    else if (z->incomplete)
        r->status = EVM_STATELESS_INCOMPLETE_WITNESS;
    else if (st == EVM_BLOCK_ABORTED)
        r->status = EVM_STATELESS_OUT_OF_MEMORY;
    else
        r->status = st == EVM_BLOCK_OK ? EVM_STATELESS_VALID : EVM_STATELESS_INVALID_BLOCK;
    return r->status;
}

evm_stateless_status evm_stateless_validate(const evm_chain_config *c, evm_vm *vm, struct evm_precompiles *pc,
                                            const uint8_t *block, size_t block_size, const evm_witness *w,
                                            const evm_allocator *alloc, evm_stateless_result *r)
{
    evm__sl z;
    EVM_MEMSET(&z, 0, sizeof z);
    if (alloc)
        z.alloc = *alloc;
    evm_stateless_status st;
    if (!evm__sl_map_build(&z.alloc, &z.nodes_map, w->state, w->state_count, false) ||
        !evm__sl_map_build(&z.alloc, &z.codes_map, w->codes, w->code_count, false)) {
        EVM_MEMSET(r, 0, sizeof *r);
        st = r->status = EVM_STATELESS_OUT_OF_MEMORY;
    } else {
        st = evm__sl_run(&z, c, vm, pc, block, block_size, w->headers, w->header_count, r);
    }
    evm__sl_free(&z);
    return st;
}

/* ---------------------------------------------------------------------------------
   Witness generation
   --------------------------------------------------------------------------------- */
void evm_witness_owned_free(evm_witness_owned *w)
{
    if (w->items) evm_allocate(&w->allocator, w->items, 0);
    if (w->bytes) evm_allocate(&w->allocator, w->bytes, 0);
    EVM_MEMSET(&w->w, 0, sizeof w->w);
    w->items = NULL;
    w->bytes = NULL;
}

evm_stateless_status evm_stateless_witness(const evm_chain_config *c, evm_vm *vm, struct evm_precompiles *pc,
                                           const evm_state *pre, const uint8_t *block, size_t block_size,
                                           const evm_stateless_bytes *ancestors, size_t ancestor_count,
                                           const evm_allocator *alloc, evm_witness_owned *out,
                                           evm_stateless_result *r)
{
    EVM_MEMSET(out, 0, sizeof *out);
    EVM_MEMSET(r, 0, sizeof *r);
    if (alloc)
        out->allocator = *alloc;
    /* 1. every node of the full tries, recorded as they are hashed */
    evm__sl full;
    EVM_MEMSET(&full, 0, sizeof full);
    full.alloc = out->allocator;
    full.emit = true;
    size_t it = 0, accounts = 0;
    evm_address a;
    while (evm_state_next_account(pre, &it, &a))
        accounts++;
    evm_stateless_bytes *codes = (evm_stateless_bytes *)evm_allocate(&full.alloc, NULL, (accounts + 1) * sizeof *codes);
    size_t code_count = 0;
    bool ok = codes != NULL;
    uint32_t root = 0;
    it = 0;
    while (ok && evm_state_next_account(pre, &it, &a)) {
        uint32_t sroot = 0;
        size_t si = 0;
        evm_u256 k, v;
        while (ok && evm_state_next_slot(pre, &a, &si, &k, &v))
            ok = evm__sl_put_slot(&full, &sroot, &k, &v, false);
        uint8_t sr[32], key[32], nib[64];
        ok = ok && evm__mpt_root(&full, sroot, sr);
        size_t cs = 0;
        const uint8_t *code = evm_state_code(pre, &a, &cs);
        evm_bytes32 ch;
        if (cs) {
            evm_keccak256(code, cs, ch.bytes);
            codes[code_count].data = code;
            codes[code_count++].size = cs;
        } else {
            EVM_MEMCPY(ch.bytes, evm__sl_empty_code, 32);
        }
        evm_u256 bal = evm_state_balance(pre, &a);
        uint8_t *val = ok ? evm__sl_bytes(&full, 112) : NULL;
        ok = val != NULL;
        if (!ok)
            break;
        size_t vn = evm__sl_account_enc(evm_state_nonce(pre, &a), &bal, sr, ch.bytes, val);
        evm_keccak256(a.bytes, 20, key);
        evm__sl_nibbles(key, nib);
        ok = (root = evm__mpt_put(&full, root, nib, 0, val, vn)) != 0;
    }
    uint8_t pre_root[32];
    ok = ok && evm__mpt_root(&full, root, pre_root);

    /* 2. the run, every lookup served from the full maps and marked */
    evm__sl z;
    EVM_MEMSET(&z, 0, sizeof z);
    z.alloc = out->allocator;
    evm_stateless_status st = EVM_STATELESS_OUT_OF_MEMORY;
    if (ok && evm__sl_map_build(&z.alloc, &z.nodes_map, full.emitted, full.emitted_count, true) &&
        evm__sl_map_build(&z.alloc, &z.codes_map, codes, code_count, true))
        st = evm__sl_run(&z, c, vm, pc, block, block_size, ancestors, ancestor_count, r);
    else
        r->status = st;

    /* 3. the witness: what was marked, and the headers from the oldest read */
    if (st != EVM_STATELESS_OUT_OF_MEMORY && st != EVM_STATELESS_BAD_HEADERS) {
        size_t first = ancestor_count - 1;
        if (z.header_count && z.oldest_read < z.headers[ancestor_count - 1].number)
            first = ancestor_count - 1 - (size_t)(z.headers[ancestor_count - 1].number - z.oldest_read);
        size_t ns = 0, nc = 0, total = 0;
        for (size_t i = 0; i < z.nodes_map.count; i++)
            if (z.nodes_map.used[i]) { ns++; total += z.nodes_map.items[i].size; }
        for (size_t i = 0; i < z.codes_map.count; i++)
            if (z.codes_map.used[i]) { nc++; total += z.codes_map.items[i].size; }
        size_t nh = ancestor_count - first;
        for (size_t i = first; i < ancestor_count; i++)
            total += ancestors[i].size;
        out->items = (evm_stateless_bytes *)evm_allocate(&out->allocator, NULL, (ns + nc + nh + 1) * sizeof *out->items);
        out->bytes = (uint8_t *)evm_allocate(&out->allocator, NULL, total + 1);
        if (!out->items || !out->bytes) {
            st = r->status = EVM_STATELESS_OUT_OF_MEMORY;
        } else {
            size_t n = 0, at = 0;
            for (int part = 0; part < 3; part++) {
                size_t count = part == 0 ? z.nodes_map.count : part == 1 ? z.codes_map.count : nh;
                for (size_t i = 0; i < count; i++) {
                    const evm_stateless_bytes *src;
                    if (part == 0 && z.nodes_map.used[i]) src = &z.nodes_map.items[i];
                    else if (part == 1 && z.codes_map.used[i]) src = &z.codes_map.items[i];
                    else if (part == 2) src = &ancestors[first + i];
                    else continue;
                    EVM_MEMCPY(out->bytes + at, src->data, src->size);
                    out->items[n].data = out->bytes + at;
                    out->items[n++].size = src->size;
                    at += src->size;
                }
            }
            out->w.state = out->items;
            out->w.state_count = ns;
            out->w.codes = out->items + ns;
            out->w.code_count = nc;
            out->w.headers = out->items + ns + nc;
            out->w.header_count = nh;
        }
    }
    evm__sl_free(&z);
    evm__sl_free(&full);
    if (codes)
        evm_allocate(&out->allocator, codes, 0);
    (void)pre_root;
    return st;
}

#endif /* EVM_IMPLEMENTATION */
