/* evm_tx.h - raw signed transactions for evm_state.h: strict RLP decoding, encoding,
   signing hash and sender recovery, for the five types up to Prague (EIP-7702 set code).

   USAGE
     In exactly one C file (the one that implements evm.h is fine):
         #define EVM_IMPLEMENTATION
         #include "evm_tx.h"
     Everywhere else just #include "evm_tx.h". It includes evm_state.h (whose
     evm_transaction it fills) and evm_secp256k1.h; they must sit beside it.

     evm_signed_tx t;
     evm_tx_decode_status st = evm_tx_decode(&t, raw, raw_size, NULL);  // NULL = realloc
     if (st != EVM_TXD_OK) {
         printf("bad transaction: %s at byte %zu\n", evm_tx_decode_status_name(st),
                t.error_offset);                       // nothing to free on failure
         return;
     }
     if (!evm_tx_recover_sender(&t, EVM_CANCUN))      // fills t.tx.sender
         ...                                          // invalid signature
     // check t.chain_id against the chain, then
     evm_state_transact(&state, &vm, EVM_CANCUN, &block, &t.tx, &result);
     evm_signed_tx_free(&t);

   WHAT IT ACCEPTS
     A transaction as it appears in a block body or in the state tests' `txbytes`:
       legacy        rlp([nonce, gasPrice, gas, to, value, data, v, r, s])
       0x01 || rlp([chainId, nonce, gasPrice, gas, to, value, data, accessList, yParity, r, s])
       0x02 || rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gas, to, value, data,
                    accessList, yParity, r, s])
       0x03 || rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gas, to, value, data,
                    accessList, maxFeePerBlobGas, blobVersionedHashes, yParity, r, s])
       0x04 || rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gas, to, value, data,
                    accessList, authorizationList, yParity, r, s])        (EIP-7702)
     authorizationList = [[chainId, address, nonce, yParity, r, s], ...]: nonce fits 64
     bits, yParity 8 bits (any value: an authorization that cannot be recovered is skipped
     when the transaction runs, it does not make the transaction invalid).
     accessList = [[address, [storageKey, ...]], ...]. RLP must be canonical (as every client
     requires): the shortest length prefix, no single byte below 0x80 wrapped in a prefix,
     integers without leading zero bytes (zero is the empty string), nothing after the
     transaction. nonce and gas must fit in 64 bits, other integers in 256, `to` is empty
     (a creation; for type 3 left to evm_state_transact to reject as
     TYPE_3_TX_CONTRACT_CREATION) or 20 bytes, storage keys and blob hashes 32 bytes.
     Legacy v is 27/28 or an EIP-155 35 + 2 * chainId + parity; yParity is 0 or 1. The
     network form of type 3 (with blobs, commitments and proofs) is not accepted.
     Every failure has a status (evm_tx_decode_status_name) and the input offset where
     decoding stopped.

   MEMORY
     A decoded transaction owns one block from the allocator (data, access list, keys,
     blob hashes), freed by evm_signed_tx_free; on failure nothing is left to free.
     Encoding and the signing hash take a temporary buffer. Allocation failure is
     EVM_TXD_OUT_OF_MEMORY / false, never a crash. Decoding is iterative and bounded.

   CONFIGURATION
     Those of evm.h and evm_state.h. The implementation uses evm_state.h's RLP writer, so
     it must be compiled in the same translation unit as evm_state.h's implementation
     (including evm_tx.h there does that).

   LICENSE
     MIT, as evm.h.
*/
#include "evm_state.h"
#include "evm_secp256k1.h"
#ifndef EVM_TX_H
#define EVM_TX_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum evm_tx_decode_status {
    EVM_TXD_OK = 0,
    EVM_TXD_EMPTY,                /* no bytes at all */
    EVM_TXD_UNKNOWN_TYPE,         /* first byte 0x00 or 0x05..0x7f: not a known type */
    EVM_TXD_NOT_A_LIST,           /* the payload is not an RLP list (or a field list where a
                                     string belongs, or the reverse) */
    EVM_TXD_TRUNCATED,            /* an item runs past the end of its list or the input */
    EVM_TXD_TRAILING_BYTES,       /* bytes after the transaction */
    EVM_TXD_NON_CANONICAL,        /* a non-minimal RLP length prefix */
    EVM_TXD_FIELD_COUNT,          /* wrong number of fields for the type */
    EVM_TXD_LEADING_ZERO,         /* an integer with a leading zero byte */
    EVM_TXD_INTEGER_TOO_LARGE,    /* nonce or gas beyond 64 bits, others beyond 256 */
    EVM_TXD_BAD_ADDRESS,          /* `to` or an access-list address not 20 bytes */
    EVM_TXD_BAD_ACCESS_LIST,      /* an entry not [address, [keys]] */
    EVM_TXD_BAD_STORAGE_KEY,      /* a storage key or blob hash not 32 bytes */
    EVM_TXD_BAD_V,                /* legacy v not 27, 28 or >= 35; yParity not 0 or 1 */
    EVM_TXD_OUT_OF_MEMORY,
    EVM_TXD_BAD_AUTHORIZATION,    /* an authorization not [chainId, address, nonce, yParity, r, s] */
    EVM_TXD_STATUS_COUNT
} evm_tx_decode_status;

typedef struct evm_signed_tx {
    evm_transaction tx;           /* sender: zero until evm_tx_recover_sender */
    evm_u256 chain_id;            /* types 1-3: the field; legacy: from EIP-155 v, else 0 */
    bool eip155;                  /* legacy transaction whose v carries a chain id */
    evm_u256 v;                   /* legacy: v as encoded; typed: yParity */
    uint8_t y_parity;             /* 0 or 1 */
    evm_u256 r, s;
    evm_bytes32 hash;             /* keccak256 of the raw bytes: the transaction hash */
    size_t error_offset;          /* on failure: the input offset where decoding stopped */
    /* private */
    void *block;
    evm_allocator allocator;
} evm_signed_tx;

/* Decode size bytes. On failure returns the status with t->error_offset set and nothing
   to free; on success the caller frees with evm_signed_tx_free. alloc may be NULL. */
EVM_API evm_tx_decode_status evm_tx_decode(evm_signed_tx *t, const uint8_t *raw, size_t size,
                                           const evm_allocator *alloc);
EVM_API void evm_signed_tx_free(evm_signed_tx *t);     /* safe twice / after a failure */
EVM_API const char *evm_tx_decode_status_name(evm_tx_decode_status s);
/* The canonical encoding of t (fields, type, v/yParity, r, s) into a new buffer from
   alloc (NULL = realloc), freed by the caller with the same allocator; false if out of
   memory or t is impossible (type > 4). Decoding then encoding gives the input back. */
EVM_API bool evm_tx_encode(const evm_signed_tx *t, const evm_allocator *alloc, uint8_t **out,
                           size_t *size);
/* The hash the sender signed (EIP-155 for legacy with a chain id, EIP-2718 for typed). */
EVM_API bool evm_tx_signing_hash(const evm_signed_tx *t, evm_bytes32 *out);
/* Recover the sender into t->tx.sender. False if the signature is invalid: r or s out of
   [1, n-1], s > n/2 from Homestead on (EIP-2), an EIP-155 v before Spurious Dragon, no
   key recoverable, or out of memory. The chain id is the caller's to check. */
EVM_API bool evm_tx_recover_sender(evm_signed_tx *t, evm_fork fork);

#ifdef __cplusplus
}
#endif
#endif /* EVM_TX_H */

/* ================================================================================= */
#if defined(EVM_IMPLEMENTATION) && !defined(EVM_TX_IMPLEMENTED)
#define EVM_TX_IMPLEMENTED

const char *evm_tx_decode_status_name(evm_tx_decode_status s)
{
    static const char *const names[EVM_TXD_STATUS_COUNT] = {
        "ok", "empty input", "unknown transaction type", "not an RLP list",
        "truncated", "trailing bytes", "non-canonical RLP length", "wrong field count",
        "integer with leading zero", "integer too large", "bad address",
        "bad access list", "bad storage key or blob hash", "bad v / yParity", "out of memory",
        "bad authorization"};
    return (unsigned)s < EVM_TXD_STATUS_COUNT ? names[s] : "unknown status";
}

/* ---- the RLP reader ---- */
typedef struct evm__rlpr_item {
    const uint8_t *data;          /* payload */
    size_t size;
    bool list;
} evm__rlpr_item;

typedef struct evm__rlpr {
    const uint8_t *p, *end;       /* the rest of the current list's payload */
    const uint8_t *base;          /* start of the input */
    size_t *error_offset;         /* shared by the readers of one input */
} evm__rlpr;

static evm__rlpr evm__rlpr_sub(const evm__rlpr *r, const evm__rlpr_item *list)
{
    evm__rlpr s = {list->data, list->data + list->size, r->base, r->error_offset};
    return s;
}

static evm_tx_decode_status evm__rlpr_fail(const evm__rlpr *r, const uint8_t *at, evm_tx_decode_status s)
{
    *r->error_offset = (size_t)(at - r->base);
    return s;
}

/* Read the next item of the current payload. */
static evm_tx_decode_status evm__rlpr_next(evm__rlpr *r, evm__rlpr_item *it)
{
    const uint8_t *p = r->p;
    size_t avail = (size_t)(r->end - p);
    if (avail == 0)
        return evm__rlpr_fail(r, p, EVM_TXD_TRUNCATED);
    uint8_t b = p[0];
    size_t hl = 1, n;
    if (b < 0x80) {
        it->data = p;
        it->size = 1;
        it->list = false;
        r->p = p + 1;
        return EVM_TXD_OK;
    }
    it->list = b >= 0xc0;
    unsigned short_len = (unsigned)(b - (it->list ? 0xc0 : 0x80));
    if (short_len < 56) {
        n = short_len;
    } else {
        size_t ll = short_len - 55;            /* 1..8 length bytes */
        if (avail < 1 + ll)
            return evm__rlpr_fail(r, p, EVM_TXD_TRUNCATED);
        if (p[1] == 0)
            return evm__rlpr_fail(r, p, EVM_TXD_NON_CANONICAL);
        uint64_t len = 0;
        for (size_t i = 0; i < ll; i++)
            len = (len << 8) | p[1 + i];
        if (len < 56)
            return evm__rlpr_fail(r, p, EVM_TXD_NON_CANONICAL);
        hl = 1 + ll;
        if (len > (uint64_t)(avail - hl))
            return evm__rlpr_fail(r, p, EVM_TXD_TRUNCATED);
        n = (size_t)len;
    }
    if (n > avail - hl)
        return evm__rlpr_fail(r, p, EVM_TXD_TRUNCATED);
    if (!it->list && n == 1 && p[hl] < 0x80)
        return evm__rlpr_fail(r, p, EVM_TXD_NON_CANONICAL);
    it->data = p + hl;
    it->size = n;
    r->p = p + hl + n;
    return EVM_TXD_OK;
}

/* The next item, which must be a list (want_list) or a string. */
static evm_tx_decode_status evm__rlpr_kind(evm__rlpr *r, evm__rlpr_item *it, bool want_list,
                                           evm_tx_decode_status wrong)
{
    const uint8_t *at = r->p;
    evm_tx_decode_status s = evm__rlpr_next(r, it);
    if (s == EVM_TXD_OK && it->list != want_list)
        return evm__rlpr_fail(r, at, wrong);
    return s;
}

/* An integer of at most max_bytes big-endian bytes, canonical. */
static evm_tx_decode_status evm__rlpr_uint(evm__rlpr *r, size_t max_bytes, evm_u256 *out)
{
    const uint8_t *at = r->p;
    evm__rlpr_item it;
    evm_tx_decode_status s = evm__rlpr_kind(r, &it, false, EVM_TXD_NOT_A_LIST);
    if (s != EVM_TXD_OK)
        return s;
    if (it.size && it.data[0] == 0)
        return evm__rlpr_fail(r, at, EVM_TXD_LEADING_ZERO);
    if (it.size > max_bytes)
        return evm__rlpr_fail(r, at, EVM_TXD_INTEGER_TOO_LARGE);
    *out = evm_u256_from_be(it.data, it.size);
    return EVM_TXD_OK;
}

static evm_tx_decode_status evm__rlpr_u64(evm__rlpr *r, uint64_t *out)
{
    evm_u256 v = {{0, 0, 0, 0}};
    evm_tx_decode_status s = evm__rlpr_uint(r, 8, &v);
    *out = v.w[0];
    return s;
}

/* A list of 32-byte strings (storage keys, blob hashes): count them, copy them if out. */
static evm_tx_decode_status evm__rlpr_words(const evm__rlpr *r, const evm__rlpr_item *list,
                                            size_t *count, evm_bytes32 *out)
{
    evm__rlpr lr = evm__rlpr_sub(r, list);
    *count = 0;
    while (lr.p < lr.end) {
        evm__rlpr_item h;
        const uint8_t *at = lr.p;
        evm_tx_decode_status s = evm__rlpr_next(&lr, &h);
        if (s == EVM_TXD_OK && (h.list || h.size != 32))
            s = evm__rlpr_fail(&lr, at, EVM_TXD_BAD_STORAGE_KEY);
        if (s != EVM_TXD_OK)
            return s;
        if (out)
            EVM_MEMCPY(out[*count].bytes, h.data, 32);
        (*count)++;
    }
    return EVM_TXD_OK;
}

/* Walk an access list: check it and count entries and keys; with a and keys set, fill. */
static evm_tx_decode_status evm__rlpr_access_list(const evm__rlpr *r, const evm__rlpr_item *list,
                                                  size_t *entries, size_t *key_total,
                                                  evm_access_list_entry *a, evm_bytes32 *keys)
{
    evm__rlpr lr = evm__rlpr_sub(r, list);
    evm_tx_decode_status s;
    *entries = *key_total = 0;
    while (lr.p < lr.end) {
        evm__rlpr_item e, addr, kl;
        if ((s = evm__rlpr_kind(&lr, &e, true, EVM_TXD_BAD_ACCESS_LIST)) != EVM_TXD_OK)
            return s;
        evm__rlpr er = evm__rlpr_sub(&lr, &e);
        const uint8_t *at = er.p;
        if ((s = evm__rlpr_kind(&er, &addr, false, EVM_TXD_BAD_ACCESS_LIST)) != EVM_TXD_OK)
            return s == EVM_TXD_TRUNCATED && at == er.end ? evm__rlpr_fail(&er, at, EVM_TXD_BAD_ACCESS_LIST) : s;
        if (addr.size != 20)
            return evm__rlpr_fail(&er, at, EVM_TXD_BAD_ADDRESS);
        at = er.p;
        if ((s = evm__rlpr_kind(&er, &kl, true, EVM_TXD_BAD_ACCESS_LIST)) != EVM_TXD_OK)
            return s == EVM_TXD_TRUNCATED && at == er.end ? evm__rlpr_fail(&er, at, EVM_TXD_BAD_ACCESS_LIST) : s;
        if (er.p != er.end)
            return evm__rlpr_fail(&er, er.p, EVM_TXD_BAD_ACCESS_LIST);
        size_t n = 0;
        if ((s = evm__rlpr_words(&er, &kl, &n, keys ? keys + *key_total : NULL)) != EVM_TXD_OK)
            return s;
        if (a) {
            EVM_MEMCPY(a[*entries].address.bytes, addr.data, 20);
            a[*entries].keys = n ? keys + *key_total : NULL;
            a[*entries].key_count = n;
        }
        *key_total += n;
        (*entries)++;
    }
    return EVM_TXD_OK;
}

/* Walk an EIP-7702 authorization list: check it and count it; with out set, fill. */
static evm_tx_decode_status evm__rlpr_auths(const evm__rlpr *r, const evm__rlpr_item *list,
                                            size_t *count, evm_authorization *out)
{
    evm__rlpr lr = evm__rlpr_sub(r, list);
    evm_tx_decode_status s;
    *count = 0;
    while (lr.p < lr.end) {
        evm__rlpr_item e, addr;
        evm_authorization a;
        if ((s = evm__rlpr_kind(&lr, &e, true, EVM_TXD_BAD_AUTHORIZATION)) != EVM_TXD_OK)
            return s;
        evm__rlpr er = evm__rlpr_sub(&lr, &e);
        const uint8_t *at = er.p;
        EVM_MEMSET(&a, 0, sizeof a);
        if ((s = evm__rlpr_uint(&er, 32, &a.chain_id)) != EVM_TXD_OK)
            goto bad;
        at = er.p;
        if ((s = evm__rlpr_kind(&er, &addr, false, EVM_TXD_BAD_AUTHORIZATION)) != EVM_TXD_OK)
            goto bad;
        if (addr.size != 20)
            return evm__rlpr_fail(&er, at, EVM_TXD_BAD_ADDRESS);
        EVM_MEMCPY(a.address.bytes, addr.data, 20);
        if ((s = evm__rlpr_u64(&er, &a.nonce)) != EVM_TXD_OK ||
            (s = evm__rlpr_uint(&er, 1, &a.y_parity)) != EVM_TXD_OK ||
            (s = evm__rlpr_uint(&er, 32, &a.r)) != EVM_TXD_OK ||
            (s = evm__rlpr_uint(&er, 32, &a.s)) != EVM_TXD_OK)
            goto bad;
        if (er.p != er.end)
            return evm__rlpr_fail(&er, er.p, EVM_TXD_BAD_AUTHORIZATION);
        if (out)
            out[*count] = a;
        (*count)++;
        continue;
    bad:   /* an entry that ends early has the wrong shape */
        return s == EVM_TXD_TRUNCATED && er.p == er.end ? evm__rlpr_fail(&er, er.p, EVM_TXD_BAD_AUTHORIZATION) : s;
    }
    return EVM_TXD_OK;
}

/* The fields in order; a field list that ends early is a field count error. */
static evm_tx_decode_status evm__tx_fields(evm_signed_tx *t, evm__rlpr *f, evm__rlpr_item *data,
                                           evm__rlpr_item *al, evm__rlpr_item *bh, size_t *entries,
                                           size_t *keys, size_t *blobs, evm__rlpr_item *au, size_t *auths)
{
    evm_transaction *tx = &t->tx;
    evm__rlpr_item it;
    evm_tx_decode_status s;
    const uint8_t *at;
    uint8_t type = tx->type;
    if (type && (s = evm__rlpr_uint(f, 32, &t->chain_id)) != EVM_TXD_OK)
        return s;
    if ((s = evm__rlpr_u64(f, &tx->nonce)) != EVM_TXD_OK)
        return s;
    if (type >= 2) {
        if ((s = evm__rlpr_uint(f, 32, &tx->max_priority_fee_per_gas)) != EVM_TXD_OK ||
            (s = evm__rlpr_uint(f, 32, &tx->max_fee_per_gas)) != EVM_TXD_OK)
            return s;
    } else if ((s = evm__rlpr_uint(f, 32, &tx->gas_price)) != EVM_TXD_OK) {
        return s;
    }
    if ((s = evm__rlpr_u64(f, &tx->gas_limit)) != EVM_TXD_OK)
        return s;
    at = f->p;
    if ((s = evm__rlpr_kind(f, &it, false, EVM_TXD_NOT_A_LIST)) != EVM_TXD_OK)
        return s;
    if (it.size != 0 && it.size != 20)
        return evm__rlpr_fail(f, at, EVM_TXD_BAD_ADDRESS);
    tx->create = it.size == 0;
    if (it.size)
        EVM_MEMCPY(tx->to.bytes, it.data, 20);
    if ((s = evm__rlpr_uint(f, 32, &tx->value)) != EVM_TXD_OK ||
        (s = evm__rlpr_kind(f, data, false, EVM_TXD_NOT_A_LIST)) != EVM_TXD_OK)
        return s;
    if (type) {
        if ((s = evm__rlpr_kind(f, al, true, EVM_TXD_BAD_ACCESS_LIST)) != EVM_TXD_OK ||
            (s = evm__rlpr_access_list(f, al, entries, keys, NULL, NULL)) != EVM_TXD_OK)
            return s;
    }
    if (type == 3) {
        if ((s = evm__rlpr_uint(f, 32, &tx->max_fee_per_blob_gas)) != EVM_TXD_OK ||
            (s = evm__rlpr_kind(f, bh, true, EVM_TXD_NOT_A_LIST)) != EVM_TXD_OK ||
            (s = evm__rlpr_words(f, bh, blobs, NULL)) != EVM_TXD_OK)
            return s;
    }
    if (type == 4) {
        if ((s = evm__rlpr_kind(f, au, true, EVM_TXD_BAD_AUTHORIZATION)) != EVM_TXD_OK ||
            (s = evm__rlpr_auths(f, au, auths, NULL)) != EVM_TXD_OK)
            return s;
    }
    at = f->p;
    if ((s = evm__rlpr_uint(f, 32, &t->v)) != EVM_TXD_OK)
        return s;
    bool small = !(t->v.w[1] | t->v.w[2] | t->v.w[3]);
    if (type) {
        if (!small || t->v.w[0] > 1)
            return evm__rlpr_fail(f, at, EVM_TXD_BAD_V);
        t->y_parity = (uint8_t)t->v.w[0];
    } else if (small && (t->v.w[0] == 27 || t->v.w[0] == 28)) {
        t->y_parity = (uint8_t)(t->v.w[0] - 27);
    } else if (!small || t->v.w[0] >= 35) {
        evm_u256 c = evm_u256_sub(t->v, evm_u256_from_u64(35));   /* EIP-155 */
        t->y_parity = (uint8_t)(c.w[0] & 1);
        t->chain_id = evm_u256_shr(evm_u256_from_u64(1), c);
        t->eip155 = true;
    } else {
        return evm__rlpr_fail(f, at, EVM_TXD_BAD_V);
    }
    if ((s = evm__rlpr_uint(f, 32, &t->r)) != EVM_TXD_OK ||
        (s = evm__rlpr_uint(f, 32, &t->s)) != EVM_TXD_OK)
        return s;
    if (f->p != f->end)
        return evm__rlpr_fail(f, f->p, EVM_TXD_FIELD_COUNT);
    return EVM_TXD_OK;
}

evm_tx_decode_status evm_tx_decode(evm_signed_tx *t, const uint8_t *raw, size_t size,
                                   const evm_allocator *alloc)
{
    size_t err = 0;
    EVM_MEMSET(t, 0, sizeof *t);
    if (alloc)
        t->allocator = *alloc;
    if (!raw || size == 0)
        return EVM_TXD_EMPTY;
    evm__rlpr r = {raw, raw + size, raw, &err};
    evm_tx_decode_status s;
    if (raw[0] < 0xc0) {
        if (raw[0] >= 0x80)
            return EVM_TXD_NOT_A_LIST;
        if (raw[0] == 0 || raw[0] > 4)
            return EVM_TXD_UNKNOWN_TYPE;
        t->tx.type = raw[0];
        r.p++;
    }
    evm__rlpr_item outer, data, al, bh, au;
    al.data = bh.data = au.data = NULL;
    al.size = bh.size = au.size = 0;
    al.list = bh.list = au.list = true;
    size_t entries = 0, keys = 0, blobs = 0, auths = 0;
    if ((s = evm__rlpr_kind(&r, &outer, true, EVM_TXD_NOT_A_LIST)) != EVM_TXD_OK)
        goto fail;
    if (r.p != r.end) {
        s = evm__rlpr_fail(&r, r.p, EVM_TXD_TRAILING_BYTES);
        goto fail;
    }
    evm__rlpr f = evm__rlpr_sub(&r, &outer);
    s = evm__tx_fields(t, &f, &data, &al, &bh, &entries, &keys, &blobs, &au, &auths);
    if (s == EVM_TXD_TRUNCATED && f.p == f.end)
        s = EVM_TXD_FIELD_COUNT;
    if (s != EVM_TXD_OK)
        goto fail;

    /* one block: authorizations, access-list entries, keys, blob hashes, data (the
       counts are bounded by the input size, so the sum cannot overflow) */
    const size_t ea = sizeof(evm_access_list_entry), aa = sizeof(evm_authorization);
    if (entries > SIZE_MAX / ea / 8 || keys > SIZE_MAX / 128 || blobs > SIZE_MAX / 128 ||
        auths > SIZE_MAX / aa / 8) {
        s = EVM_TXD_OUT_OF_MEMORY;
        goto fail;
    }
    size_t total = auths * aa + entries * ea + (keys + blobs) * 32 + data.size;
    if (total) {
        uint8_t *b = (uint8_t *)evm_allocate(&t->allocator, NULL, total);
        if (!b) {
            s = EVM_TXD_OUT_OF_MEMORY;
            goto fail;
        }
        t->block = b;
        if (auths) {
            evm__rlpr_auths(&f, &au, &auths, (evm_authorization *)(void *)b);
            t->tx.authorizations = (const evm_authorization *)(void *)b;
            t->tx.authorization_count = auths;
            b += auths * aa;
        }
        evm_access_list_entry *ae = (evm_access_list_entry *)(void *)b;
        evm_bytes32 *kp = (evm_bytes32 *)(void *)(b + entries * ea);
        evm_bytes32 *bp = kp + keys;
        uint8_t *dp = (uint8_t *)(bp + blobs);
        if (entries) {
            evm__rlpr_access_list(&f, &al, &entries, &keys, ae, kp);
            t->tx.access_list = ae;
            t->tx.access_list_count = entries;
        }
        if (blobs) {
            evm__rlpr_words(&f, &bh, &blobs, bp);
            t->tx.blob_hashes = bp;
        }
        if (data.size) {
            EVM_MEMCPY(dp, data.data, data.size);
            t->tx.data = dp;
            t->tx.data_size = data.size;
        }
    }
    t->tx.blob_hash_count = blobs;
    evm_keccak256(raw, size, t->hash.bytes);
    return EVM_TXD_OK;

fail:
    {
        evm_allocator a = t->allocator;
        evm_signed_tx_free(t);
        EVM_MEMSET(t, 0, sizeof *t);
        t->allocator = a;
        t->error_offset = err;
    }
    return s;
}

void evm_signed_tx_free(evm_signed_tx *t)
{
    if (t->block)
        evm_allocate(&t->allocator, t->block, 0);
    t->block = NULL;
    t->tx.data = NULL;
    t->tx.data_size = 0;
    t->tx.access_list = NULL;
    t->tx.access_list_count = 0;
    t->tx.blob_hashes = NULL;
    t->tx.blob_hash_count = 0;
    t->tx.authorizations = NULL;
    t->tx.authorization_count = 0;
}

/* ---- encoding (with evm_state.h's RLP writer) ---- */
/* mode 0: the signed transaction; 1: the payload that is signed */
static bool evm__tx_write(const evm_signed_tx *t, evm__rlp_buf *b, int mode)
{
    const evm_transaction *tx = &t->tx;
    if (tx->type > 4 || (tx->data_size && !tx->data))
        return false;
    if (tx->type) {
        uint8_t *p = evm__rlp_grow(b, 1);
        if (p)
            *p = tx->type;
    }
    size_t start = b->size;
    if (tx->type)
        evm__rlp_u256(b, &t->chain_id);
    evm__rlp_u64(b, tx->nonce);
    if (tx->type >= 2) {
        evm__rlp_u256(b, &tx->max_priority_fee_per_gas);
        evm__rlp_u256(b, &tx->max_fee_per_gas);
    } else {
        evm__rlp_u256(b, &tx->gas_price);
    }
    evm__rlp_u64(b, tx->gas_limit);
    evm__rlp_bytes(b, tx->to.bytes, tx->create ? 0 : 20);
    evm__rlp_u256(b, &tx->value);
    evm__rlp_bytes(b, tx->data, tx->data_size);
    if (tx->type) {
        size_t l = b->size;
        for (size_t i = 0; i < tx->access_list_count; i++) {
            const evm_access_list_entry *e = &tx->access_list[i];
            size_t es = b->size;
            evm__rlp_bytes(b, e->address.bytes, 20);
            size_t ks = b->size;
            for (size_t k = 0; k < e->key_count; k++)
                evm__rlp_bytes(b, e->keys[k].bytes, 32);
            evm__rlp_wrap_list(b, ks);
            evm__rlp_wrap_list(b, es);
        }
        evm__rlp_wrap_list(b, l);
    }
    if (tx->type == 3) {
        evm__rlp_u256(b, &tx->max_fee_per_blob_gas);
        size_t l = b->size;
        for (size_t i = 0; i < tx->blob_hash_count; i++)
            evm__rlp_bytes(b, tx->blob_hashes[i].bytes, 32);
        evm__rlp_wrap_list(b, l);
    }
    if (tx->type == 4) {
        size_t l = b->size;
        for (size_t i = 0; i < tx->authorization_count; i++) {
            const evm_authorization *a = &tx->authorizations[i];
            size_t es = b->size;
            evm__rlp_u256(b, &a->chain_id);
            evm__rlp_bytes(b, a->address.bytes, 20);
            evm__rlp_u64(b, a->nonce);
            evm__rlp_u256(b, &a->y_parity);
            evm__rlp_u256(b, &a->r);
            evm__rlp_u256(b, &a->s);
            evm__rlp_wrap_list(b, es);
        }
        evm__rlp_wrap_list(b, l);
    }
    if (mode == 0) {
        evm__rlp_u256(b, &t->v);
        evm__rlp_u256(b, &t->r);
        evm__rlp_u256(b, &t->s);
    } else if (tx->type == 0 && t->eip155) {
        evm_u256 zero = {{0, 0, 0, 0}};
        evm__rlp_u256(b, &t->chain_id);
        evm__rlp_u256(b, &zero);
        evm__rlp_u256(b, &zero);
    }
    evm__rlp_wrap_list(b, start);
    return !b->failed;
}

bool evm_tx_encode(const evm_signed_tx *t, const evm_allocator *alloc, uint8_t **out, size_t *size)
{
    evm__rlp_buf b = {NULL, 0, 0, alloc, false};
    *out = NULL;
    *size = 0;
    if (!evm__tx_write(t, &b, 0)) {
        if (b.data)
            evm_allocate(alloc, b.data, 0);
        return false;
    }
    *out = b.data;
    *size = b.size;
    return true;
}

bool evm_tx_signing_hash(const evm_signed_tx *t, evm_bytes32 *out)
{
    evm__rlp_buf b = {NULL, 0, 0, &t->allocator, false};
    bool ok = evm__tx_write(t, &b, 1);
    if (ok)
        evm_keccak256(b.data, b.size, out->bytes);
    if (b.data)
        evm_allocate(&t->allocator, b.data, 0);
    return ok;
}

bool evm_tx_recover_sender(evm_signed_tx *t, evm_fork fork)
{
    /* n / 2 of secp256k1, big-endian limbs as evm_u256 (least significant first) */
    static const evm_u256 half_n = {{0xdfe92f46681b20a0ull, 0x5d576e7357a4501dull,
                                     0xffffffffffffffffull, 0x7fffffffffffffffull}};
    EVM_MEMSET(&t->tx.sender, 0, sizeof t->tx.sender);
    if (fork >= EVM_HOMESTEAD && evm_u256_lt(&half_n, &t->s))
        return false;
    if (t->eip155 && fork < EVM_SPURIOUS_DRAGON)
        return false;
    evm_bytes32 h;
    uint8_t r[32], s[32], pub[64], a[32];
    if (!evm_tx_signing_hash(t, &h))
        return false;
    evm_u256_to_be(&t->r, r);
    evm_u256_to_be(&t->s, s);
    if (!evm_secp256k1_recover(h.bytes, r, s, t->y_parity, pub))
        return false;
    evm_keccak256(pub, 64, a);
    EVM_MEMCPY(t->tx.sender.bytes, a + 12, 20);
    return true;
}

#endif /* EVM_IMPLEMENTATION */
