/* t8n.c - `evm t8n`: geth's state transition tool interface (cmd/evm t8n).
   Reads a pre-state (alloc), a block environment (env) and transactions (JSON, signed or
   with a secretKey to sign, or an RLP list), applies the transactions of one block,
   rejecting invalid ones with their reason and carrying on, then the block's rewards,
   withdrawals and system calls, and writes the result object and the post-state as geth
   does. Exit status as geth's: 0 success, 2 EVM error, 3 configuration error (unknown
   fork, missing env field), 4 missing block hash, 10 JSON error, 11 I/O error. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "../evm_json.h"
#include "../evm_precompiles.h"
#include "../evm_state.h"
#include "../evm_tx.h"
#include "../evm_block.h"
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <sys/stat.h>

enum { T8N_EVM = 2, T8N_CONFIG = 3, T8N_BLOCKHASH = 4, T8N_JSON = 10, T8N_IO = 11 };

static int t8n_fail(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "t8n: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    return code;
}

/* ---------------------------------------------------------------------------------
   A growable text buffer for the JSON we write
   --------------------------------------------------------------------------------- */
typedef struct sbuf { char *p; size_t n, cap; bool oom; } sbuf;

static void sb_add(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int n = vsnprintf(b->p ? b->p + b->n : NULL, b->p ? b->cap - b->n : 0, fmt, ap);
        va_end(ap);
        if (n < 0)
            return;
        if (b->p && (size_t)n < b->cap - b->n) {
            b->n += (size_t)n;
            return;
        }
        size_t cap = b->cap * 2 + (size_t)n + 1024;
        char *q = realloc(b->p, cap);
        if (!q) {
            b->oom = true;
            return;
        }
        b->p = q;
        b->cap = cap;
    }
}
static void sb_hex(sbuf *b, const uint8_t *d, size_t n)
{
    sb_add(b, "\"0x");
    for (size_t i = 0; i < n; i++)
        sb_add(b, "%02x", d[i]);
    sb_add(b, "\"");
}
static void sb_qty(sbuf *b, const evm_u256 *v)      /* "0x.." without leading zeros */
{
    char t[80];
    cli_u256_hex(t, v);
    sb_add(b, "\"%s\"", t);
}
static void sb_u64(sbuf *b, uint64_t v) { sb_add(b, "\"0x%llx\"", (unsigned long long)v); }

/* ---------------------------------------------------------------------------------
   A minimal RLP writer (for receipts, withdrawals, logs and the body)
   --------------------------------------------------------------------------------- */
typedef struct rlpw { uint8_t *p; size_t n, cap; bool oom; } rlpw;

static void rw_put(rlpw *w, const uint8_t *d, size_t n)
{
    if (w->n + n > w->cap) {
        size_t cap = (w->cap + n) * 2 + 64;
        uint8_t *q = realloc(w->p, cap);
        if (!q) {
            w->oom = true;
            return;
        }
        w->p = q;
        w->cap = cap;
    }
    if (n)
        memcpy(w->p + w->n, d, n);
    w->n += n;
}
static size_t rw_header(uint8_t out[9], uint8_t base, size_t len)
{
    if (len < 56) {
        out[0] = (uint8_t)(base + len);
        return 1;
    }
    size_t k = 0;
    for (size_t t = len; t; t >>= 8)
        k++;
    out[0] = (uint8_t)(base + 55 + k);
    for (size_t i = 0; i < k; i++)
        out[1 + i] = (uint8_t)(len >> (8 * (k - 1 - i)));
    return 1 + k;
}
static void rw_bytes(rlpw *w, const uint8_t *d, size_t n)
{
    uint8_t h[9];
    if (n == 1 && d[0] < 0x80) {
        rw_put(w, d, 1);
        return;
    }
    rw_put(w, h, rw_header(h, 0x80, n));
    rw_put(w, d, n);
}
static void rw_u256(rlpw *w, const evm_u256 *v)
{
    uint8_t be[32];
    evm_u256_to_be(v, be);
    size_t z = 0;
    while (z < 32 && be[z] == 0)
        z++;
    rw_bytes(w, be + z, 32 - z);
}
static void rw_u64(rlpw *w, uint64_t v)
{
    evm_u256 x = evm_u256_from_u64(v);
    rw_u256(w, &x);
}
/* wrap everything written since `start` into a list */
static void rw_list(rlpw *w, size_t start)
{
    uint8_t h[9];
    size_t len = w->n - start, hl = rw_header(h, 0xc0, len);
    rw_put(w, h, hl);                      /* room */
    if (w->oom)
        return;
    memmove(w->p + start + hl, w->p + start, len);
    memcpy(w->p + start, h, hl);
}

/* One RLP item at p (size n): its payload offset and length, whether it is a list, and
   its total size. False if malformed. */
static bool rlp_item(const uint8_t *p, size_t n, size_t *off, size_t *len, bool *list)
{
    if (!n)
        return false;
    uint8_t b = p[0];
    if (b < 0x80) { *off = 0; *len = 1; *list = false; return true; }
    if (b < 0xb8) { *off = 1; *len = b - 0x80u; *list = false; }
    else if (b < 0xc0 || (b >= 0xf8)) {
        size_t k = b < 0xc0 ? b - 0xb7u : b - 0xf7u, l = 0;
        if (k > 8 || 1 + k > n)
            return false;
        for (size_t i = 0; i < k; i++)
            l = l << 8 | p[1 + i];
        *off = 1 + k;
        *len = l;
        *list = b >= 0xf8;
    } else { *off = 1; *len = b - 0xc0u; *list = true; }
    return *off + *len <= n && *len <= n;
}

/* ---------------------------------------------------------------------------------
   Environment
   --------------------------------------------------------------------------------- */
typedef struct t8n_withdrawal { uint64_t index, validator; evm_address address; uint64_t amount; } t8n_withdrawal;
typedef struct t8n_ommer { uint64_t delta; evm_address address; } t8n_ommer;

typedef struct t8n_env {
    evm_block_env b;
    bool have_difficulty, have_random, have_base_fee, have_parent_base_fee;
    evm_u256 difficulty, random, parent_difficulty, parent_base_fee;
    bool have_parent_difficulty;
    uint64_t parent_timestamp, parent_gas_used, parent_gas_limit;
    evm_bytes32 parent_uncle_hash;
    bool have_excess, have_parent_excess, have_parent_blob_used;
    uint64_t parent_excess, parent_blob_used;
    bool have_beacon_root;
    evm_bytes32 beacon_root;
    t8n_withdrawal *withdrawals;
    size_t withdrawal_count;
    bool have_withdrawals;
    t8n_ommer *ommers;
    size_t ommer_count;
    const evm_json *block_hashes;            /* the env's blockHashes object, or NULL */
} t8n_env;

static bool json_u64_any(const evm_json *v, uint64_t *out)
{
    return v && (v->type == EVM_JSON_NUMBER || v->type == EVM_JSON_STRING) && evm_json_u64(v, out);
}
static bool present(const evm_json *v) { return v && v->type != EVM_JSON_NULL; }

/* an address as text: 40 hex digits, with or without 0x, any case */
static bool addr_text(const char *s, evm_address *out)
{
    char buf[43] = "0x";
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        s += 2;
    if (strlen(s) != 40)
        return false;
    memcpy(buf + 2, s, 41);
    evm_json j = {EVM_JSON_STRING, NULL, buf, 42, NULL, NULL};
    return evm_json_address(&j, out);
}
static bool json_addr(const evm_json *v, evm_address *out)
{
    return v && v->type == EVM_JSON_STRING && addr_text(v->str, out);
}

static int parse_env(const evm_json *e, t8n_env *env)
{
    memset(env, 0, sizeof *env);
    if (!e || e->type != EVM_JSON_OBJECT)
        return t8n_fail(T8N_JSON, "env is not a JSON object");
    const evm_json *x;
    if (!json_addr(evm_json_get(e, "currentCoinbase"), &env->b.coinbase))
        return t8n_fail(T8N_JSON, "env: bad or missing currentCoinbase");
    if (!json_u64_any(evm_json_get(e, "currentGasLimit"), &env->b.gas_limit) ||
        !json_u64_any(evm_json_get(e, "currentNumber"), &env->b.number) ||
        !json_u64_any(evm_json_get(e, "currentTimestamp"), &env->b.timestamp))
        return t8n_fail(T8N_JSON, "env: bad or missing currentGasLimit, currentNumber or currentTimestamp");
#define U256_FIELD(name, have, dst)                                                          \
    if (present(x = evm_json_get(e, name))) {                                                \
        if (!evm_json_u256(x, dst)) return t8n_fail(T8N_JSON, "env: bad " name);             \
        have = true;                                                                         \
    }
#define U64_FIELD(name, have, dst)                                                           \
    if (present(x = evm_json_get(e, name))) {                                                \
        if (!json_u64_any(x, dst)) return t8n_fail(T8N_JSON, "env: bad " name);              \
        have = true;                                                                         \
    }
    bool dummy = false;
    U256_FIELD("currentDifficulty", env->have_difficulty, &env->difficulty)
    U256_FIELD("currentRandom", env->have_random, &env->random)
    U256_FIELD("currentBaseFee", env->have_base_fee, &env->b.base_fee)
    U256_FIELD("parentBaseFee", env->have_parent_base_fee, &env->parent_base_fee)
    U256_FIELD("parentDifficulty", env->have_parent_difficulty, &env->parent_difficulty)
    U64_FIELD("parentTimestamp", dummy, &env->parent_timestamp)
    U64_FIELD("parentGasUsed", dummy, &env->parent_gas_used)
    U64_FIELD("parentGasLimit", dummy, &env->parent_gas_limit)
    U64_FIELD("currentExcessBlobGas", env->have_excess, &env->b.excess_blob_gas)
    U64_FIELD("parentExcessBlobGas", env->have_parent_excess, &env->parent_excess)
    U64_FIELD("parentBlobGasUsed", env->have_parent_blob_used, &env->parent_blob_used)
#undef U256_FIELD
#undef U64_FIELD
    (void)dummy;
    if (present(x = evm_json_get(e, "parentUncleHash")) && !evm_json_bytes32(x, &env->parent_uncle_hash))
        return t8n_fail(T8N_JSON, "env: bad parentUncleHash");
    if (present(x = evm_json_get(e, "parentBeaconBlockRoot"))) {
        if (!evm_json_bytes32(x, &env->beacon_root))
            return t8n_fail(T8N_JSON, "env: bad parentBeaconBlockRoot");
        env->have_beacon_root = true;
    }
    if (present(x = evm_json_get(e, "withdrawals"))) {
        if (x->type != EVM_JSON_ARRAY)
            return t8n_fail(T8N_JSON, "env: withdrawals is not an array");
        env->have_withdrawals = true;
        env->withdrawals = calloc(x->len + 1, sizeof *env->withdrawals);
        if (!env->withdrawals)
            return t8n_fail(T8N_EVM, "out of memory");
        for (const evm_json *w = x->child; w; w = w->next) {
            t8n_withdrawal *d = &env->withdrawals[env->withdrawal_count++];
            if (!json_u64_any(evm_json_get(w, "index"), &d->index) ||
                !json_u64_any(evm_json_get(w, "validatorIndex"), &d->validator) ||
                !json_addr(evm_json_get(w, "address"), &d->address) ||
                !json_u64_any(evm_json_get(w, "amount"), &d->amount))
                return t8n_fail(T8N_JSON, "env: bad withdrawal %zu", env->withdrawal_count - 1);
        }
    }
    if (present(x = evm_json_get(e, "ommers"))) {
        if (x->type != EVM_JSON_ARRAY)
            return t8n_fail(T8N_JSON, "env: ommers is not an array");
        env->ommers = calloc(x->len + 1, sizeof *env->ommers);
        if (!env->ommers)
            return t8n_fail(T8N_EVM, "out of memory");
        for (const evm_json *o = x->child; o; o = o->next) {
            t8n_ommer *d = &env->ommers[env->ommer_count++];
            if (!json_u64_any(evm_json_get(o, "delta"), &d->delta) ||
                !json_addr(evm_json_get(o, "address"), &d->address))
                return t8n_fail(T8N_JSON, "env: bad ommer %zu", env->ommer_count - 1);
        }
    }
    if (present(x = evm_json_get(e, "blockHashes"))) {
        if (x->type != EVM_JSON_OBJECT)
            return t8n_fail(T8N_JSON, "env: blockHashes is not an object");
        env->block_hashes = x;
    }
    return 0;
}

/* BLOCKHASH from env.blockHashes (keys decimal or 0x-hex); a miss is remembered: geth
   fails the run with status 4 once a transaction that asked is included */
typedef struct hash_lookup { const evm_json *hashes; bool missing; uint64_t missing_number; } hash_lookup;

static void t8n_block_hash(void *user, uint64_t number, evm_bytes32 *hash)
{
    hash_lookup *h = (hash_lookup *)user;
    memset(hash, 0, sizeof *hash);
    for (const evm_json *m = h->hashes ? h->hashes->child : NULL; m; m = m->next) {
        evm_json k = {EVM_JSON_STRING, NULL, m->key, strlen(m->key), NULL, NULL};
        uint64_t n;
        if (evm_json_u64(&k, &n) && n == number && evm_json_bytes32(m, hash))
            return;
    }
    if (!h->missing) {
        h->missing = true;
        h->missing_number = number;
    }
}

/* ---------------------------------------------------------------------------------
   Forks: geth's names; the glacier forks only move the difficulty bomb
   --------------------------------------------------------------------------------- */
typedef struct t8n_fork { evm_fork fork; uint64_t bomb_delay; } t8n_fork;

static bool fork_by_name(const char *name, t8n_fork *out)
{
    static const struct { const char *name; evm_fork fork; uint64_t delay; } named[] = {
        {"MuirGlacier", EVM_ISTANBUL, 9000000}, {"ArrowGlacier", EVM_LONDON, 10700000},
        {"GrayGlacier", EVM_LONDON, 11400000}};
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (!strcmp(name, named[i].name)) {
            out->fork = named[i].fork;
            out->bomb_delay = named[i].delay;
            return true;
        }
    if (!evm_fork_from_name(name, &out->fork))
        return false;
    switch (out->fork) {
    case EVM_BYZANTIUM: out->bomb_delay = 3000000; break;
    case EVM_CONSTANTINOPLE: case EVM_PETERSBURG: case EVM_ISTANBUL: out->bomb_delay = 5000000; break;
    case EVM_BERLIN: out->bomb_delay = 9000000; break;     /* geth's Berlin includes Muir Glacier */
    case EVM_LONDON: out->bomb_delay = 9700000; break;
    default: out->bomb_delay = 0; break;
    }
    return true;
}

/* Ethash difficulty (Frontier, Homestead EIP-2, Byzantium EIP-100 with the bomb delays) */
static evm_u256 calc_difficulty(const t8n_fork *f, const t8n_env *env)
{
    evm_u256 pd = env->parent_difficulty, step = evm_u256_div(pd, evm_u256_from_u64(2048));
    uint64_t dt = env->b.timestamp - env->parent_timestamp;
    evm_u256 d;
    if (f->fork >= EVM_HOMESTEAD) {
        int64_t k;
        if (f->fork >= EVM_BYZANTIUM) {
            static const uint8_t empty_uncles[32] = {
                0x1d, 0xcc, 0x4d, 0xe8, 0xde, 0xc7, 0x5d, 0x7a, 0xab, 0x85, 0xb5, 0x67, 0xb6, 0xcc, 0xd4, 0x1a,
                0xd3, 0x12, 0x45, 0x1b, 0x94, 0x8a, 0x74, 0x13, 0xf0, 0xa1, 0x42, 0xfd, 0x40, 0xd4, 0x93, 0x47};
            static const uint8_t zero[32] = {0};
            bool uncles = memcmp(env->parent_uncle_hash.bytes, empty_uncles, 32) != 0 &&
                          memcmp(env->parent_uncle_hash.bytes, zero, 32) != 0;
            k = (uncles ? 2 : 1) - (int64_t)(dt / 9);
        } else {
            k = 1 - (int64_t)(dt / 10);
        }
        if (k < -99)
            k = -99;
        evm_u256 m = evm_u256_mul(step, evm_u256_from_u64((uint64_t)(k < 0 ? -k : k)));
        if (k >= 0)
            d = evm_u256_add(pd, m);
        else
            d = evm_u256_lt(&pd, &m) ? evm_u256_from_u64(0) : evm_u256_sub(pd, m);
    } else {
        d = dt < 13 ? evm_u256_add(pd, step) : evm_u256_sub(pd, step);
    }
    evm_u256 min = evm_u256_from_u64(131072);
    if (evm_u256_lt(&d, &min))
        d = min;
    /* the bomb: 2^(period - 2) */
    uint64_t fake = env->b.number;
    if (f->fork >= EVM_BYZANTIUM)
        fake = env->b.number - 1 >= f->bomb_delay - 1 ? env->b.number - f->bomb_delay : 0;
    uint64_t period = fake / 100000;
    if (period > 1 && period - 2 < 256)
        d = evm_u256_add(d, evm_u256_shl(evm_u256_from_u64(period - 2), evm_u256_from_u64(1)));
    return d;
}

/* The parent as evm_block.h sees it: the fields t8n's env gives */
static evm_block_header parent_header(const t8n_env *env)
{
    evm_block_header p;
    memset(&p, 0, sizeof p);
    p.field_count = 21;
    p.number = env->b.number ? env->b.number - 1 : 0;
    p.timestamp = env->parent_timestamp;
    p.gas_limit = env->parent_gas_limit;
    p.gas_used = env->parent_gas_used;
    p.base_fee = env->parent_base_fee;
    p.excess_blob_gas = env->parent_excess;
    p.blob_gas_used = env->parent_blob_used;
    return p;
}

/* ---------------------------------------------------------------------------------
   Transactions from JSON: signed, or signed here with their secretKey
   --------------------------------------------------------------------------------- */
typedef struct t8n_tx {
    uint8_t *raw;                             /* its canonical encoding */
    size_t size;
    char error[200];                          /* it could not be built (rejected) */
} t8n_tx;

static bool json_hex_field(const evm_json *v, uint8_t **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!present(v))
        return true;
    return evm_json_hex(v, NULL, out, n);
}

/* Build and sign one JSON transaction into its RLP encoding. */
static int tx_from_json(const evm_json *j, const evm_u256 *chain_id, t8n_tx *out)
{
    evm_signed_tx st;
    memset(&st, 0, sizeof st);
    evm_transaction *tx = &st.tx;
    const evm_json *x;
    uint64_t type = 0;
    uint8_t *data = NULL;
    size_t data_size = 0;
    evm_access_list_entry *al = NULL;
    evm_bytes32 *keys = NULL, *blobs = NULL;
    evm_authorization *auths = NULL;
    int rc = T8N_JSON;
    if (j->type != EVM_JSON_OBJECT)
        return t8n_fail(T8N_JSON, "txs: a transaction is not an object");
    if (present(x = evm_json_get(j, "type")) && !json_u64_any(x, &type))
        goto bad;
    if (type > 4)
        goto bad;
    tx->type = (uint8_t)type;
    if (!json_u64_any(evm_json_get(j, "nonce"), &tx->nonce) || !json_u64_any(evm_json_get(j, "gas"), &tx->gas_limit) ||
        !evm_json_u256(evm_json_get(j, "value"), &tx->value))
        goto bad;
    x = evm_json_get(j, "to");
    if (!present(x) || (x->type == EVM_JSON_STRING && x->str[0] == 0))
        tx->create = true;
    else if (!json_addr(x, &tx->to))
        goto bad;
    x = evm_json_get(j, "input");
    if (!x)
        x = evm_json_get(j, "data");
    if (!json_hex_field(x, &data, &data_size))
        goto bad;
    tx->data = data;
    tx->data_size = data_size;
    if (type >= 2) {
        if (!evm_json_u256(evm_json_get(j, "maxFeePerGas"), &tx->max_fee_per_gas) ||
            !evm_json_u256(evm_json_get(j, "maxPriorityFeePerGas"), &tx->max_priority_fee_per_gas))
            goto bad;
    } else if (!evm_json_u256(evm_json_get(j, "gasPrice"), &tx->gas_price)) {
        goto bad;
    }
    if (type >= 1) {
        if (present(x = evm_json_get(j, "chainId"))) {
            if (!evm_json_u256(x, &st.chain_id))
                goto bad;
        } else {
            st.chain_id = *chain_id;
        }
        const evm_json *list = evm_json_get(j, "accessList");
        size_t total = 0;
        if (present(list)) {
            if (list->type != EVM_JSON_ARRAY)
                goto bad;
            for (const evm_json *e = list->child; e; e = e->next) {
                const evm_json *k = evm_json_get(e, "storageKeys");
                total += k && k->type == EVM_JSON_ARRAY ? k->len : 0;
            }
            al = calloc(list->len + 1, sizeof *al);
            keys = calloc(total + 1, sizeof *keys);
            if (!al || !keys) {
                rc = t8n_fail(T8N_EVM, "out of memory");
                goto done;
            }
            size_t kn = 0;
            for (const evm_json *e = list->child; e; e = e->next) {
                evm_access_list_entry *a = &al[tx->access_list_count++];
                const evm_json *k = evm_json_get(e, "storageKeys");
                if (!json_addr(evm_json_get(e, "address"), &a->address))
                    goto bad;
                a->keys = keys + kn;
                for (const evm_json *s = present(k) && k->type == EVM_JSON_ARRAY ? k->child : NULL; s; s = s->next) {
                    if (!evm_json_bytes32(s, &keys[kn++]))
                        goto bad;
                    a->key_count++;
                }
            }
            tx->access_list = al;
        }
    }
    if (type == 3) {
        const evm_json *h = evm_json_get(j, "blobVersionedHashes");
        if (!evm_json_u256(evm_json_get(j, "maxFeePerBlobGas"), &tx->max_fee_per_blob_gas) ||
            !h || h->type != EVM_JSON_ARRAY)
            goto bad;
        blobs = calloc(h->len + 1, sizeof *blobs);
        if (!blobs) {
            rc = t8n_fail(T8N_EVM, "out of memory");
            goto done;
        }
        for (const evm_json *b = h->child; b; b = b->next)
            if (!evm_json_bytes32(b, &blobs[tx->blob_hash_count++]))
                goto bad;
        tx->blob_hashes = blobs;
    }
    if (type == 4) {
        const evm_json *l = evm_json_get(j, "authorizationList");
        if (!l || l->type != EVM_JSON_ARRAY)
            goto bad;
        auths = calloc(l->len + 1, sizeof *auths);
        if (!auths) {
            rc = t8n_fail(T8N_EVM, "out of memory");
            goto done;
        }
        for (const evm_json *a = l->child; a; a = a->next) {
            evm_authorization *z = &auths[tx->authorization_count++];
            const evm_json *yp = evm_json_get(a, "yParity");
            if (!evm_json_u256(evm_json_get(a, "chainId"), &z->chain_id) ||
                !json_addr(evm_json_get(a, "address"), &z->address) ||
                !json_u64_any(evm_json_get(a, "nonce"), &z->nonce) ||
                !evm_json_u256(present(yp) ? yp : evm_json_get(a, "v"), &z->y_parity) ||
                !evm_json_u256(evm_json_get(a, "r"), &z->r) || !evm_json_u256(evm_json_get(a, "s"), &z->s))
                goto bad;
        }
        tx->authorizations = auths;
    }
    /* the signature: given, or made here */
    if ((present(x = evm_json_get(j, "v")) && !evm_json_u256(x, &st.v)) ||
        (present(x = evm_json_get(j, "r")) && !evm_json_u256(x, &st.r)) ||
        (present(x = evm_json_get(j, "s")) && !evm_json_u256(x, &st.s)))
        goto bad;
    if (type && present(x = evm_json_get(j, "yParity")) && !evm_json_u256(x, &st.v))
        goto bad;
    const evm_json *key = evm_json_get(j, "secretKey");
    bool unsigned_tx = evm_u256_is_zero(&st.v) && evm_u256_is_zero(&st.r) && evm_u256_is_zero(&st.s);
    if (present(key) && unsigned_tx) {
        evm_bytes32 sk;
        const evm_json *prot = evm_json_get(j, "protected");
        bool protect = !prot || prot->type != EVM_JSON_FALSE;
        if (!evm_json_bytes32(key, &sk))
            goto bad;
        if (type == 0 && protect) {
            st.eip155 = true;
            st.chain_id = *chain_id;
        }
        evm_bytes32 h;
        uint8_t r[32], s[32];
        int recid;
        if (!evm_tx_signing_hash(&st, &h) || !evm_secp256k1_sign(h.bytes, sk.bytes, r, s, &recid)) {
            rc = t8n_fail(T8N_JSON, "txs: cannot sign a transaction (bad secretKey?)");
            goto done;
        }
        st.r = evm_u256_from_be(r, 32);
        st.s = evm_u256_from_be(s, 32);
        if (type)
            st.v = evm_u256_from_u64((uint64_t)recid);
        else if (st.eip155)
            st.v = evm_u256_add(evm_u256_mul(*chain_id, evm_u256_from_u64(2)), evm_u256_from_u64(35 + (uint64_t)recid));
        else
            st.v = evm_u256_from_u64(27 + (uint64_t)recid);
    }
    if (!evm_tx_encode(&st, NULL, &out->raw, &out->size)) {
        rc = t8n_fail(T8N_EVM, "out of memory");
        goto done;
    }
    rc = 0;
    goto done;
bad:
    rc = t8n_fail(T8N_JSON, "txs: malformed transaction");
done:
    free(data);
    free(al);
    free(keys);
    free(blobs);
    free(auths);
    return rc;
}

/* ---------------------------------------------------------------------------------
   Running the block
   --------------------------------------------------------------------------------- */
typedef struct t8n_log { evm_address address; evm_bytes32 topics[4]; size_t topic_count; uint8_t *data; size_t size; } t8n_log;

typedef struct t8n_receipt {
    uint8_t type;
    bool success;
    uint64_t cumulative, gas_used, blob_gas_used;
    evm_u256 blob_gas_price;
    evm_bytes32 tx_hash, root;              /* root: pre-Byzantium intermediate state root */
    bool create;
    evm_address contract;
    uint8_t bloom[256];
    size_t first_log, log_count;
} t8n_receipt;

typedef struct t8n_run {
    evm_state st;
    evm_vm vm;
    evm_precompiles pc;
    t8n_fork fork;
    t8n_env env;
    evm_u256 chain_id;
    t8n_receipt *receipts;
    size_t receipt_count;
    t8n_log *logs;
    size_t log_count, log_cap;
    uint8_t **included;                      /* raw bytes of the included transactions */
    size_t *included_size;
    sbuf rejected;
    size_t rejected_count;
    uint64_t gas_used, blob_gas_used;
    bool have_blob_fee;
    evm_blob_params blob;
    cli_tracer tracer;
    bool trace;
    const char *basedir;
} t8n_run;

static void reject(t8n_run *r, size_t index, const char *fmt, ...)
{
    char msg[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sb_add(&r->rejected, "%s\n    {\"index\": %zu, \"error\": \"%s\"}", r->rejected_count ? "," : "", index, msg);
    r->rejected_count++;
}

/* geth's wording for the reasons a transaction is invalid */
static const char *tx_reason(evm_tx_status s)
{
    switch (s) {
    case EVM_TX_TYPE_NOT_SUPPORTED: return "transaction type not supported";
    case EVM_TX_INTRINSIC_GAS_TOO_LOW: return "intrinsic gas too low";
    case EVM_TX_NONCE_IS_MAX: return "nonce has max value";
    case EVM_TX_NONCE_MISMATCH: return "nonce mismatch (too low or too high)";
    case EVM_TX_INITCODE_SIZE_EXCEEDED: return "max initcode size exceeded";
    case EVM_TX_GAS_ALLOWANCE_EXCEEDED: return "gas limit reached";
    case EVM_TX_PRIORITY_GREATER_THAN_MAX_FEE: return "max priority fee per gas higher than max fee per gas";
    case EVM_TX_INSUFFICIENT_MAX_FEE_PER_GAS: return "max fee per gas less than block base fee";
    case EVM_TX_INSUFFICIENT_ACCOUNT_FUNDS: return "insufficient funds for gas * price + value";
    case EVM_TX_SENDER_NOT_EOA: return "sender not an eoa";
    case EVM_TX_INTRINSIC_GAS_BELOW_FLOOR: return "insufficient gas for floor data gas cost";
    case EVM_TX_GAS_LIMIT_EXCEEDS_MAXIMUM: return "transaction gas limit too high";
    default: return evm_tx_status_name(s);
    }
}

/* A system call (EIP-4788, EIP-2935, EIP-7002, EIP-7251): from 0xff..fe with 30M gas, no
   fee, no nonce, nothing touched but the contract's storage. Output into *out (malloc). */
static bool system_call(t8n_run *r, const char *to_hex, const uint8_t *input, size_t input_size,
                        uint8_t **out, size_t *out_size, bool *ran)
{
    evm_address to, sys;
    evm_json a = {EVM_JSON_STRING, NULL, to_hex, strlen(to_hex), NULL, NULL};
    evm_json_address(&a, &to);
    memset(sys.bytes, 0xff, 20);
    sys.bytes[19] = 0xfe;
    *ran = false;
    if (out) {
        *out = NULL;
        *out_size = 0;
    }
    size_t code_size = 0;
    evm_state_code(&r->st, &to, &code_size);
    if (code_size == 0)
        return true;
    *ran = true;
    evm_tx_context ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.origin = sys;
    ctx.coinbase = r->env.b.coinbase;
    ctx.number = r->env.b.number;
    ctx.timestamp = r->env.b.timestamp;
    ctx.gas_limit = 30000000;
    ctx.prevrandao = r->env.b.prevrandao;
    ctx.chain_id = r->chain_id;
    ctx.base_fee = r->env.b.base_fee;
    evm_message m;
    memset(&m, 0, sizeof m);
    m.kind = EVM_CALL;
    m.gas = 30000000;
    m.recipient = m.code_address = to;
    m.sender = sys;
    m.input = input;
    m.input_size = input_size;
    evm_state_begin_transaction(&r->st, r->fork.fork);
    evm_result res;
    /* no tracer for system calls (geth's tracer skips them too) */
    evm_tracer_fn saved = r->vm.tracer;
    r->vm.tracer = NULL;
    evm_execute(&r->vm, evm_state_host(), &r->st, r->fork.fork, &ctx, &m, &res);
    r->vm.tracer = saved;
    bool ok = res.status == EVM_SUCCESS;
    if (ok && out && res.output_size) {
        *out = malloc(res.output_size);
        if (!*out)
            ok = false;
        else {
            memcpy(*out, res.output, res.output_size);
            *out_size = res.output_size;
        }
    }
    return evm_state_end_transaction(&r->st) && ok;
}

/* add wei to an account as a block reward or withdrawal does: it is touched (created
   before EIP-161, deleted if empty after it) */
static bool credit(t8n_run *r, const evm_address *a, const evm_u256 *amount)
{
    evm_u256 bal = evm_state_balance(&r->st, a);
    if (!evm_state_exists(&r->st, a)) {
        if (evm_u256_is_zero(amount) && r->fork.fork >= EVM_SPURIOUS_DRAGON)
            return true;
        if (!evm_state_create(&r->st, a))
            return false;
    }
    bal = evm_u256_add(bal, *amount);
    if (!evm_state_set_balance(&r->st, a, &bal))
        return false;
    size_t code_size = 0;
    evm_state_code(&r->st, a, &code_size);
    if (r->fork.fork >= EVM_SPURIOUS_DRAGON && evm_u256_is_zero(&bal) && code_size == 0 &&
        evm_state_nonce(&r->st, a) == 0)
        evm_state_delete_account(&r->st, a);
    return true;
}

static FILE *trace_file(t8n_run *r, size_t index, const evm_bytes32 *hash)
{
    char path[4096], h[70];
    static const char dig[] = "0123456789abcdef";
    h[0] = '0';
    h[1] = 'x';
    for (int i = 0; i < 32; i++) {
        h[2 + 2 * i] = dig[hash->bytes[i] >> 4];
        h[3 + 2 * i] = dig[hash->bytes[i] & 15];
    }
    h[66] = 0;
    snprintf(path, sizeof path, "%s%strace-%zu-%s.jsonl", r->basedir ? r->basedir : "",
             r->basedir && r->basedir[0] ? "/" : "", index, h);
    FILE *f = fopen(path, "w");
    if (!f)
        fprintf(stderr, "t8n: cannot write %s\n", path);
    return f;
}

static int apply_tx(t8n_run *r, size_t index, const uint8_t *raw, size_t size)
{
    evm_signed_tx t;
    evm_tx_decode_status ds = evm_tx_decode(&t, raw, size, NULL);
    if (ds != EVM_TXD_OK) {
        reject(r, index, "rlp: %s", evm_tx_decode_status_name(ds));
        return 0;
    }
    evm_transaction *tx = &t.tx;
    int rc = 0;
    if (!evm_tx_recover_sender(&t, r->fork.fork)) {
        reject(r, index, "invalid transaction v, r, s values");
        goto out;
    }
    if ((tx->type || t.eip155) && !evm_u256_eq(&t.chain_id, &r->chain_id)) {
        reject(r, index, "invalid chain id for signer");
        goto out;
    }
    if (tx->type == 3 && !r->have_blob_fee) {
        reject(r, index, "blob tx used but field env.ExcessBlobGas missing");
        goto out;
    }
    if (tx->gas_limit > r->env.b.gas_limit - r->gas_used) {
        reject(r, index, "gas limit reached");
        goto out;
    }
    uint64_t blob_gas = tx->type == 3 ? 131072 * (uint64_t)tx->blob_hash_count : 0;
    if (blob_gas && r->blob_gas_used + blob_gas > r->blob.max * 131072) {
        reject(r, index, "blob gas (%llu) would exceed maximum allowance %llu",
               (unsigned long long)(r->blob_gas_used + blob_gas), (unsigned long long)(r->blob.max * 131072));
        goto out;
    }
    FILE *tf = NULL;
    if (r->trace) {
        tf = trace_file(r, index, &t.hash);
        r->tracer.out = tf ? tf : stderr;
    }
    size_t logs_before = r->log_count;
    evm_tx_result res;
    evm_tx_status st = evm_state_transact(&r->st, &r->vm, r->fork.fork, &r->env.b, tx, &res);
    if (r->trace) {
        cli_trace_done(&r->tracer);
        if (st == EVM_TX_OK) {
            fprintf(r->tracer.out, "{\"output\":\"");
            for (size_t i = 0; i < res.output_size; i++)
                fprintf(r->tracer.out, "%02x", res.output[i]);
            fprintf(r->tracer.out, "\",\"gasUsed\":\"0x%llx\"", (unsigned long long)res.gas_used);
            if (res.exec_status != EVM_SUCCESS)
                fprintf(r->tracer.out, ",\"error\":\"%s\"", cli_trace_error(res.exec_status));
            fprintf(r->tracer.out, "}\n");
        }
        if (tf)
            fclose(tf);
        r->tracer.out = NULL;
    }
    if (st == EVM_TX_ABORTED) {
        rc = t8n_fail(T8N_EVM, "transaction %zu aborted: %s", index, evm_status_name(res.exec_status));
        goto out;
    }
    if (st != EVM_TX_OK) {
        reject(r, index, "%s", tx_reason(st));
        goto out;
    }
    /* included: its receipt */
    t8n_receipt *rc_ = &r->receipts[r->receipt_count];
    memset(rc_, 0, sizeof *rc_);
    r->gas_used += res.gas_used;
    r->blob_gas_used += blob_gas;
    rc_->type = tx->type;
    rc_->success = res.exec_status == EVM_SUCCESS;
    rc_->cumulative = r->gas_used;
    rc_->gas_used = res.gas_used;
    rc_->tx_hash = t.hash;
    rc_->blob_gas_used = blob_gas;
    if (blob_gas)
        rc_->blob_gas_price = evm_blob_base_fee(r->env.b.excess_blob_gas, r->blob.update_fraction);
    if (tx->create) {
        rc_->create = true;
        evm_create_address(&tx->sender, tx->nonce, &rc_->contract);
    }
    if (r->fork.fork < EVM_BYZANTIUM && !evm_state_root(&r->st, &rc_->root)) {
        rc = t8n_fail(T8N_EVM, "out of memory");
        goto out;
    }
    rc_->first_log = logs_before;
    size_t n = evm_state_log_count(&r->st);
    for (size_t i = 0; i < n; i++) {
        evm_state_log l;
        evm_state_get_log(&r->st, i, &l);
        if (r->log_count == r->log_cap) {
            size_t cap = r->log_cap * 2 + 16;
            t8n_log *p = realloc(r->logs, cap * sizeof *p);
            if (!p) {
                rc = t8n_fail(T8N_EVM, "out of memory");
                goto out;
            }
            r->logs = p;
            r->log_cap = cap;
        }
        t8n_log *d = &r->logs[r->log_count++];
        d->address = l.address;
        d->topic_count = l.topic_count > 4 ? 4 : l.topic_count;
        memcpy(d->topics, l.topics, d->topic_count * sizeof *d->topics);
        d->size = l.data_size;
        d->data = malloc(l.data_size + 1);
        if (!d->data) {
            rc = t8n_fail(T8N_EVM, "out of memory");
            goto out;
        }
        if (l.data_size)
            memcpy(d->data, l.data, l.data_size);
        evm_block_bloom_add(rc_->bloom, &d->address, d->topics, d->topic_count);
        rc_->log_count++;
    }
    r->included[r->receipt_count] = malloc(size);
    if (!r->included[r->receipt_count]) {
        rc = t8n_fail(T8N_EVM, "out of memory");
        goto out;
    }
    memcpy(r->included[r->receipt_count], raw, size);
    r->included_size[r->receipt_count] = size;
    r->receipt_count++;
out:
    evm_signed_tx_free(&t);
    return rc;
}

/* the consensus encoding of receipt i: [status|root, cumulative gas, bloom, logs] */
static void receipt_rlp(const t8n_run *r, size_t i, rlpw *w)
{
    const t8n_receipt *rc = &r->receipts[i];
    if (rc->type) {
        uint8_t ty = rc->type;
        rw_put(w, &ty, 1);
    }
    size_t start = w->n;
    if (r->fork.fork < EVM_BYZANTIUM)
        rw_bytes(w, rc->root.bytes, 32);
    else
        rw_u64(w, rc->success ? 1 : 0);
    rw_u64(w, rc->cumulative);
    rw_bytes(w, rc->bloom, 256);
    size_t ls = w->n;
    for (size_t k = rc->first_log; k < rc->first_log + rc->log_count; k++) {
        const t8n_log *l = &r->logs[k];
        size_t s = w->n;
        rw_bytes(w, l->address.bytes, 20);
        size_t ts = w->n;
        for (size_t t = 0; t < l->topic_count; t++)
            rw_bytes(w, l->topics[t].bytes, 32);
        rw_list(w, ts);
        rw_bytes(w, l->data, l->size);
        rw_list(w, s);
    }
    rw_list(w, ls);
    rw_list(w, start);
}

/* Root of the trie rlp(i) -> item i; items made by `make` into separate buffers */
static bool index_trie(size_t count, void (*make)(const void *, size_t, rlpw *), const void *ctx, evm_bytes32 *root)
{
    evm_trie_item *items = calloc(count + 1, sizeof *items);
    rlpw *keys = calloc(count + 1, sizeof *keys), *vals = calloc(count + 1, sizeof *vals);
    bool ok = items && keys && vals;
    for (size_t i = 0; ok && i < count; i++) {
        rw_u64(&keys[i], i);
        make(ctx, i, &vals[i]);
        ok = !keys[i].oom && !vals[i].oom;
        items[i].key = keys[i].p;
        items[i].key_size = keys[i].n;
        items[i].value = vals[i].p;
        items[i].value_size = vals[i].n;
    }
    if (ok)
        ok = evm_trie_root(items, count, NULL, root);
    for (size_t i = 0; keys && vals && i < count; i++) {
        free(keys[i].p);
        free(vals[i].p);
    }
    free(items);
    free(keys);
    free(vals);
    return ok;
}
static void make_receipt(const void *ctx, size_t i, rlpw *w) { receipt_rlp((const t8n_run *)ctx, i, w); }
static void make_tx(const void *ctx, size_t i, rlpw *w)
{
    const t8n_run *r = (const t8n_run *)ctx;
    rw_put(w, r->included[i], r->included_size[i]);
}
static void make_withdrawal(const void *ctx, size_t i, rlpw *w)
{
    const t8n_withdrawal *d = &((const t8n_run *)ctx)->env.withdrawals[i];
    size_t s = w->n;
    rw_u64(w, d->index);
    rw_u64(w, d->validator);
    rw_bytes(w, d->address.bytes, 20);
    rw_u64(w, d->amount);
    rw_list(w, s);
}

/* EIP-6110: the deposit requests in the deposit contract's DepositEvent logs */
static bool deposit_requests(const t8n_run *r, rlpw *out)
{
    static const uint8_t contract[20] = {0x00, 0x00, 0x00, 0x00, 0x21, 0x9a, 0xb5, 0x40, 0x35, 0x6c,
                                         0xbb, 0x83, 0x9c, 0xbe, 0x05, 0x30, 0x3d, 0x77, 0x05, 0xfa};
    static const uint8_t topic[32] = {0x64, 0x9b, 0xbc, 0x62, 0xd0, 0xe3, 0x13, 0x42, 0xaf, 0xea, 0x4e,
                                      0x5c, 0xd8, 0x2d, 0x40, 0x49, 0xe7, 0xe1, 0xee, 0x91, 0x2f, 0xc0,
                                      0x88, 0x9a, 0xa7, 0x90, 0x80, 0x3b, 0xe3, 0x90, 0x38, 0xc5};
    for (size_t i = 0; i < r->log_count; i++) {
        const t8n_log *l = &r->logs[i];
        if (memcmp(l->address.bytes, contract, 20) || !l->topic_count || memcmp(l->topics[0].bytes, topic, 32))
            continue;
        /* five dynamic byte strings: pubkey 48, credentials 32, amount 8, signature 96,
           index 8, at their standard ABI offsets */
        if (l->size != 576)
            return false;
        rw_put(out, l->data + 192, 48);
        rw_put(out, l->data + 288, 32);
        rw_put(out, l->data + 352, 8);
        rw_put(out, l->data + 416, 96);
        rw_put(out, l->data + 544, 8);
    }
    return !out->oom;
}

/* ---------------------------------------------------------------------------------
   Output
   --------------------------------------------------------------------------------- */
static int cmp_addr(const void *a, const void *b) { return memcmp(a, b, 20); }

static void write_alloc(t8n_run *r, sbuf *o)
{
    size_t n = 0, cap = 64, iter = 0;
    evm_address *list = malloc(cap * sizeof *list), a;
    while (list && evm_state_next_account(&r->st, &iter, &a)) {
        if (n == cap) {
            evm_address *p = realloc(list, (cap *= 2) * sizeof *p);
            if (!p)
                break;
            list = p;
        }
        list[n++] = a;
    }
    if (!list) {
        o->oom = true;
        return;
    }
    qsort(list, n, sizeof *list, cmp_addr);
    sb_add(o, "{");
    for (size_t i = 0; i < n; i++) {
        sb_add(o, "%s\n    ", i ? "," : "");
        sb_hex(o, list[i].bytes, 20);
        sb_add(o, ": {");
        size_t cs = 0;
        const uint8_t *code = evm_state_code(&r->st, &list[i], &cs);
        if (cs) {
            sb_add(o, "\n      \"code\": ");
            sb_hex(o, code, cs);
            sb_add(o, ",");
        }
        size_t si = 0;
        evm_u256 k, v;
        bool first = true;
        while (evm_state_next_slot(&r->st, &list[i], &si, &k, &v)) {
            uint8_t kb[32], vb[32];
            evm_u256_to_be(&k, kb);
            evm_u256_to_be(&v, vb);
            sb_add(o, first ? "\n      \"storage\": {\n        " : ",\n        ");
            sb_hex(o, kb, 32);
            sb_add(o, ": ");
            sb_hex(o, vb, 32);
            first = false;
        }
        if (!first)
            sb_add(o, "\n      },");
        evm_u256 bal = evm_state_balance(&r->st, &list[i]);
        sb_add(o, "\n      \"balance\": ");
        sb_qty(o, &bal);
        uint64_t nonce = evm_state_nonce(&r->st, &list[i]);
        if (nonce) {
            sb_add(o, ",\n      \"nonce\": ");
            sb_u64(o, nonce);
        }
        sb_add(o, "\n    }");
    }
    sb_add(o, "\n  }");
    free(list);
}

static int write_out(const char *basedir, const char *name, const char *key, sbuf *obj, sbuf *std_out,
                     sbuf *std_err)
{
    if (!name || !name[0])
        return 0;
    sbuf *dst = !strcmp(name, "stdout") ? std_out : !strcmp(name, "stderr") ? std_err : NULL;
    if (dst) {
        sb_add(dst, "%s\n  \"%s\": %.*s", dst->n > 1 ? "," : "", key, (int)obj->n, obj->p ? obj->p : "");
        return 0;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s%s%s", basedir ? basedir : "", basedir && basedir[0] ? "/" : "", name);
    FILE *f = fopen(path, "w");
    if (!f)
        return t8n_fail(T8N_IO, "cannot write %s", path);
    fwrite(obj->p, 1, obj->n, f);
    fputc('\n', f);
    bool err = ferror(f);
    if (fclose(f) != 0 || err)
        return t8n_fail(T8N_IO, "cannot write %s", path);
    return 0;
}

/* ---------------------------------------------------------------------------------
   The command
   --------------------------------------------------------------------------------- */
static int usage(void)
{
    fprintf(stderr,
            "usage: evm t8n [options]   (geth's state transition tool interface)\n"
            "  --input.alloc FILE    pre-state (default alloc.json)\n"
            "  --input.env FILE      block environment (default env.json)\n"
            "  --input.txs FILE      transactions: JSON array (signed, or with secretKey), or a\n"
            "                        *.rlp file holding a JSON string of an RLP list (default txs.json)\n"
            "                        any of the three may be `stdin`: one object {alloc, env, txs|txsRlp}\n"
            "  --output.basedir DIR  where output files and traces go (created if absent)\n"
            "  --output.result FILE  result object (default result.json; stdout, stderr, or \"\" for none)\n"
            "  --output.alloc FILE   post-state (default alloc.json; stdout, stderr, or \"\")\n"
            "  --output.body FILE    RLP of the included transactions (default none)\n"
            "  --state.fork NAME     Frontier .. Osaka, geth's names (default GrayGlacier)\n"
            "  --state.chainid N     chain id (default 1)\n"
            "  --state.reward N      block reward in wei, -1 for none (default 0)\n"
            "  --trace               EIP-3155 trace per transaction: BASEDIR/trace-INDEX-HASH.jsonl\n"
            "  --state-test          as execution-specs' t8n: a state test's transaction alone, no\n"
            "                        system calls, requests or reward, no beacon root or withdrawals needed\n"
            "exit status: 0 ok, 2 EVM error, 3 configuration, 4 missing block hash, 10 JSON, 11 I/O\n");
    return 2;
}

static char *read_input(const char *path, size_t *size, int *rc)
{
    char *t = cli_read_file(path, size);
    if (!t)
        *rc = T8N_IO;
    return t;
}

static char *read_stdin(size_t *size)
{
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap + 1);
    while (b) {
        size_t got = fread(b + n, 1, cap - n, stdin);
        n += got;
        if (got == 0)
            break;
        if (n == cap) {
            char *p = realloc(b, cap * 2 + 1);
            if (!p) {
                free(b);
                return NULL;
            }
            b = p;
            cap *= 2;
        }
    }
    if (b) {
        b[n] = 0;
        *size = n;
    }
    return b;
}

int evm_cmd_t8n(int argc, char **argv)
{
    const char *in_alloc = "alloc.json", *in_env = "env.json", *in_txs = "txs.json";
    const char *out_basedir = "", *out_result = "result.json", *out_alloc = "alloc.json", *out_body = "";
    const char *fork_name = "GrayGlacier";
    long long reward = 0;
    bool trace = false, state_test = false, reward_given = false;
    evm_u256 chain_id = evm_u256_from_u64(1);
    for (int i = 1; i < argc; i++) {
        char opt[64];
        const char *o = argv[i], *v = NULL, *eq = strchr(o, '=');
        if (o[0] != '-')
            return usage();
        while (*o == '-')
            o++;
        if (eq) {
            snprintf(opt, sizeof opt, "%.*s", (int)(eq - o), o);
            v = eq + 1;
        } else {
            snprintf(opt, sizeof opt, "%s", o);
        }
        if (!strcmp(opt, "trace")) { trace = true; continue; }
        if (!strcmp(opt, "state-test")) { state_test = true; continue; }
        if (!strncmp(opt, "trace.", 6)) {       /* geth's trace options: ours has no memory or return data */
            if (!eq && i + 1 < argc && argv[i + 1][0] != '-')
                i++;
            continue;
        }
        if (!v) {
            if (i + 1 >= argc)
                return usage();
            v = argv[++i];
        }
        if (!strcmp(opt, "input.alloc")) in_alloc = v;
        else if (!strcmp(opt, "input.env")) in_env = v;
        else if (!strcmp(opt, "input.txs")) in_txs = v;
        else if (!strcmp(opt, "output.basedir")) out_basedir = v;
        else if (!strcmp(opt, "output.result")) out_result = v;
        else if (!strcmp(opt, "output.alloc")) out_alloc = v;
        else if (!strcmp(opt, "output.body")) out_body = v;
        else if (!strcmp(opt, "state.fork")) fork_name = v;
        else if (!strcmp(opt, "state.reward")) {
            char *end;
            reward = strtoll(v, &end, 0);
            reward_given = true;
            if (*end || !*v)
                return t8n_fail(T8N_CONFIG, "bad --state.reward %s", v);
        } else if (!strcmp(opt, "state.chainid")) {
            evm_json j = {EVM_JSON_NUMBER, NULL, v, strlen(v), NULL, NULL};
            if (v[0] == '0' && (v[1] == 'x' || v[1] == 'X'))
                j.type = EVM_JSON_STRING;
            if (!evm_json_u256(&j, &chain_id))
                return t8n_fail(T8N_CONFIG, "bad --state.chainid %s", v);
        } else {
            return usage();
        }
    }

    if (state_test && !reward_given)
        reward = -1;
    static t8n_run run;
    t8n_run *r = &run;
    memset(r, 0, sizeof *r);
    r->chain_id = chain_id;
    r->trace = trace;
    r->basedir = out_basedir;
    if (!fork_by_name(fork_name, &r->fork))
        return t8n_fail(T8N_CONFIG, "unsupported fork %s", fork_name);
    if (out_basedir[0] && mkdir(out_basedir, 0755) != 0) {
        struct stat sbst;
        if (stat(out_basedir, &sbst) != 0 || !S_ISDIR(sbst.st_mode))
            return t8n_fail(T8N_IO, "cannot create output.basedir %s", out_basedir);
    }

    /* inputs */
    int rc = 0;
    t8n_tx *list = NULL;
    size_t count = 0;
    char *texts[4] = {NULL, NULL, NULL, NULL};
    size_t sizes[4];
    evm_json_doc docs[4];
    memset(docs, 0, sizeof docs);
    const evm_json *alloc = NULL, *env = NULL, *txs = NULL, *txs_rlp = NULL;
    bool any_stdin = !strcmp(in_alloc, "stdin") || !strcmp(in_env, "stdin") || !strcmp(in_txs, "stdin");
    if (any_stdin) {
        texts[0] = read_stdin(&sizes[0]);
        if (!texts[0])
            return t8n_fail(T8N_IO, "cannot read stdin");
        if (!evm_json_parse(&docs[0], texts[0], sizes[0], NULL)) {
            rc = t8n_fail(T8N_JSON, "stdin: malformed JSON: %s", docs[0].error);
            goto done;
        }
        if (docs[0].root->type != EVM_JSON_OBJECT) {
            rc = t8n_fail(T8N_JSON, "stdin: not a JSON object");
            goto done;
        }
    }
    const char *paths[3] = {in_alloc, in_env, in_txs};
    const evm_json **slots[3] = {&alloc, &env, &txs};
    static const char *const names[3] = {"alloc", "env", "txs"};
    for (int k = 0; k < 3; k++) {
        if (!strcmp(paths[k], "stdin")) {
            *slots[k] = evm_json_get(docs[0].root, names[k]);
            if (k == 2 && !*slots[k])
                txs_rlp = evm_json_get(docs[0].root, "txsRlp");
            continue;
        }
        if (k == 2 && !paths[k][0])
            continue;
        texts[k + 1] = read_input(paths[k], &sizes[k + 1], &rc);
        if (!texts[k + 1])
            goto done;
        if (!evm_json_parse(&docs[k + 1], texts[k + 1], sizes[k + 1], NULL)) {
            rc = t8n_fail(T8N_JSON, "%s: malformed JSON: %s", paths[k], docs[k + 1].error);
            goto done;
        }
        *slots[k] = docs[k + 1].root;
        size_t pl = strlen(paths[k]);
        if (k == 2 && pl > 4 && !strcmp(paths[k] + pl - 4, ".rlp")) {
            txs_rlp = docs[k + 1].root;
            txs = NULL;
        }
    }
    if (!alloc || alloc->type != EVM_JSON_OBJECT) {
        rc = t8n_fail(T8N_JSON, "alloc is missing or not an object");
        goto done;
    }
    if ((rc = parse_env(env, &r->env)) != 0)
        goto done;
    t8n_env *e = &r->env;
    evm_fork fork = r->fork.fork;
    e->b.chain_id = chain_id;

    /* geth's checks of the environment, in its order */
    if (fork >= EVM_LONDON && !e->have_base_fee) {
        if (!e->have_parent_base_fee || e->b.number == 0) {
            rc = t8n_fail(T8N_CONFIG, "EIP-1559 config but missing 'parentBaseFee' in env section");
            goto done;
        }
        /* evm_block.h's EIP-1559 rule; the child's gas limit is not t8n's to check, so
           the parent's own stands in for it */
        evm_block_header ph = parent_header(e);
        if (!evm_block_base_fee(&ph, ph.gas_limit, &e->b.base_fee)) {
            rc = t8n_fail(T8N_CONFIG, "cannot compute the base fee: parentGasLimit below the minimum");
            goto done;
        }
        e->have_base_fee = true;
    }
    /* before London a given base fee is only echoed in the result, as geth does */
    if (fork >= EVM_SHANGHAI && !e->have_withdrawals && !state_test) {
        rc = t8n_fail(T8N_CONFIG, "Shanghai config but missing 'withdrawals' in env section");
        goto done;
    }
    if (fork < EVM_PARIS) {
        if (!e->have_difficulty) {
            if (!e->have_parent_difficulty) {
                rc = t8n_fail(T8N_CONFIG, "currentDifficulty was not provided, and cannot be calculated due to missing parentDifficulty");
                goto done;
            }
            if (e->b.number == 0 || e->b.timestamp <= e->parent_timestamp) {
                rc = t8n_fail(T8N_CONFIG, "currentDifficulty cannot be calculated from the parent (block 0, or time not after the parent's)");
                goto done;
            }
            e->difficulty = calc_difficulty(&r->fork, e);
            e->have_difficulty = true;
        }
        e->b.prevrandao = e->difficulty;
    } else {
        if (!e->have_random) {
            rc = t8n_fail(T8N_CONFIG, "post-merge requires currentRandom to be defined in env");
            goto done;
        }
        if (e->have_difficulty && !evm_u256_is_zero(&e->difficulty)) {
            rc = t8n_fail(T8N_CONFIG, "post-merge difficulty must be zero (or omitted) in env");
            goto done;
        }
        e->have_difficulty = false;
        e->b.prevrandao = e->random;
    }
    if (fork < EVM_CANCUN || state_test) {
        e->have_beacon_root = false;
    } else if (!e->have_beacon_root) {
        rc = t8n_fail(T8N_CONFIG, "post-cancun env requires parentBeaconBlockRoot to be set");
        goto done;
    }
    r->blob = evm_fork_blob_params(fork);
    e->b.blob = r->blob;
    if (e->have_excess) {
        r->have_blob_fee = true;
    } else if (e->have_parent_excess && e->have_parent_blob_used) {
        evm_block_header ph = parent_header(e);
        evm_block_rules rules = {fork, 0, r->blob};
        e->b.excess_blob_gas = evm_block_excess_blob_gas(&rules, &ph);
        r->have_blob_fee = true;
    }
    if (r->blob.max == 0)
        r->blob.max = 6;                      /* only reached by a blob tx before Cancun: rejected anyway */

    /* the pre-state */
    evm_vm_desc desc;
    memset(&desc, 0, sizeof desc);
    if (trace) {
        desc.tracer = cli_trace_step;
        desc.frame_end = cli_trace_frame_end;
        desc.tracer_user = &r->tracer;
    }
    evm_vm_init(&r->vm, &desc);
    evm_state_init(&r->st, NULL);
    evm_precompiles_init(&r->pc, NULL);
    evm_state_set_precompiles(&r->st, &r->pc);
    hash_lookup hl = {e->block_hashes, false, 0};
    evm_state_set_block_hash(&r->st, t8n_block_hash, &hl);
    for (const evm_json *a = alloc->child; a; a = a->next) {
        evm_address addr;
        evm_u256 bal = {{0, 0, 0, 0}};
        uint64_t nonce = 0;
        uint8_t *code = NULL;
        size_t code_size = 0;
        const evm_json *x, *storage = evm_json_get(a, "storage");
        if (!addr_text(a->key, &addr) || a->type != EVM_JSON_OBJECT ||
            (present(x = evm_json_get(a, "balance")) && !evm_json_u256(x, &bal)) ||
            (present(x = evm_json_get(a, "nonce")) && !json_u64_any(x, &nonce)) ||
            !json_hex_field(evm_json_get(a, "code"), &code, &code_size)) {
            rc = t8n_fail(T8N_JSON, "alloc: bad account %s", a->key);
            goto txs_done;
        }
        bool ok = evm_state_create(&r->st, &addr) && evm_state_set_balance(&r->st, &addr, &bal) &&
                  evm_state_set_nonce(&r->st, &addr, nonce) && evm_state_set_code(&r->st, &addr, code, code_size);
        free(code);
        for (const evm_json *s = present(storage) && storage->type == EVM_JSON_OBJECT ? storage->child : NULL;
             s && ok; s = s->next) {
            evm_json sk = {EVM_JSON_STRING, NULL, s->key, strlen(s->key), NULL, NULL};
            evm_u256 k, v;
            if (!evm_json_u256(&sk, &k) || !evm_json_u256(s, &v)) {
                rc = t8n_fail(T8N_JSON, "alloc: bad storage of %s", a->key);
                goto txs_done;
            }
            if (!evm_u256_is_zero(&v))
                ok = evm_state_set_storage(&r->st, &addr, &k, &v);
        }
        if (!ok) {
            rc = t8n_fail(T8N_EVM, "out of memory");
            goto txs_done;
        }
    }

    /* the transactions, as raw encodings */
    uint8_t *rlp_bytes = NULL;
    size_t rlp_size = 0;
    if (txs_rlp) {
        if (!evm_json_hex(txs_rlp, NULL, &rlp_bytes, &rlp_size)) {
            rc = t8n_fail(T8N_JSON, "txs: the RLP file is not a JSON string of hex");
            goto txs_done;
        }
        size_t off, len;
        bool is_list;
        if (rlp_size && (!rlp_item(rlp_bytes, rlp_size, &off, &len, &is_list) || !is_list)) {
            free(rlp_bytes);
            rc = t8n_fail(12, "txs: not an RLP list");
            goto txs_done;
        }
        size_t pos = rlp_size ? off : 0, end = rlp_size ? off + len : 0;
        list = calloc(rlp_size / 2 + 2, sizeof *list);
        if (!list) {
            free(rlp_bytes);
            rc = t8n_fail(T8N_EVM, "out of memory");
            goto txs_done;
        }
        while (pos < end) {
            size_t io, il;
            bool il_list;
            if (!rlp_item(rlp_bytes + pos, end - pos, &io, &il, &il_list)) {
                snprintf(list[count].error, sizeof list[count].error, "rlp: malformed transaction list");
                count++;
                break;
            }
            /* a typed transaction is a string holding type || payload; a legacy one a list */
            t8n_tx *t = &list[count++];
            const uint8_t *p = il_list ? rlp_bytes + pos : rlp_bytes + pos + io;
            size_t n = il_list ? io + il : il;
            t->raw = malloc(n + 1);
            if (!t->raw) {
                rc = t8n_fail(T8N_EVM, "out of memory");
                break;
            }
            memcpy(t->raw, p, n);
            t->size = n;
            pos += io + il;
        }
        free(rlp_bytes);
        if (rc)
            goto txs_done;
    } else if (txs) {
        if (txs->type != EVM_JSON_ARRAY) {
            rc = t8n_fail(T8N_JSON, "txs is not an array");
            goto txs_done;
        }
        list = calloc(txs->len + 1, sizeof *list);
        if (!list) {
            rc = t8n_fail(T8N_EVM, "out of memory");
            goto txs_done;
        }
        for (const evm_json *j = txs->child; j; j = j->next)
            if ((rc = tx_from_json(j, &chain_id, &list[count++])) != 0)
                goto txs_done;
    }
    r->receipts = calloc(count + 1, sizeof *r->receipts);
    r->included = calloc(count + 1, sizeof *r->included);
    r->included_size = calloc(count + 1, sizeof *r->included_size);
    if (!r->receipts || !r->included || !r->included_size) {
        rc = t8n_fail(T8N_EVM, "out of memory");
        goto txs_done;
    }
    sb_add(&r->rejected, "[");

    /* before the transactions: EIP-4788 beacon root, EIP-2935 parent hash */
    bool ran;
    if (e->have_beacon_root &&
        !system_call(r, "0x000f3df6d732807ef1319fb7b8bb8522d0beac02", e->beacon_root.bytes, 32, NULL, NULL, &ran)) {
        rc = t8n_fail(T8N_EVM, "the beacon root system call failed");
        goto txs_done;
    }
    if (fork >= EVM_PRAGUE && e->block_hashes && e->b.number > 0 && !state_test) {
        evm_bytes32 prev;
        hash_lookup quiet = hl;
        t8n_block_hash(&quiet, e->b.number - 1, &prev);
        if (!system_call(r, "0x0000f90827f1c53a10cb7a02335b175320002935", prev.bytes, 32, NULL, NULL, &ran)) {
            rc = t8n_fail(T8N_EVM, "the history storage system call failed");
            goto txs_done;
        }
    }
    for (size_t i = 0; i < count; i++) {
        if (list[i].error[0]) {
            reject(r, i, "%s", list[i].error);
            continue;
        }
        size_t before = r->receipt_count;
        if ((rc = apply_tx(r, i, list[i].raw, list[i].size)) != 0)
            goto txs_done;
        if (hl.missing && r->receipt_count > before) {
            rc = t8n_fail(T8N_BLOCKHASH, "getHash(%llu) invoked, blockhash for that block not provided",
                          (unsigned long long)hl.missing_number);
            goto txs_done;
        }
        hl.missing = false;
    }
    sb_add(&r->rejected, "\n  ]");

    /* rewards (before the merge: pass -1 to leave them out), withdrawals */
    if (reward >= 0) {
        evm_u256 block_reward = evm_u256_from_u64((uint64_t)reward), miner = block_reward;
        evm_u256 per_ommer = evm_u256_div(block_reward, evm_u256_from_u64(32));
        for (size_t i = 0; i < e->ommer_count; i++) {
            miner = evm_u256_add(miner, per_ommer);
            evm_u256 o = evm_u256_from_u64(0);
            if (e->ommers[i].delta <= 8)
                o = evm_u256_div(evm_u256_mul(evm_u256_from_u64(8 - e->ommers[i].delta), block_reward),
                                 evm_u256_from_u64(8));
            if (!credit(r, &e->ommers[i].address, &o))
                rc = T8N_EVM;
        }
        if (!credit(r, &e->b.coinbase, &miner))
            rc = T8N_EVM;
    }
    for (size_t i = 0; i < e->withdrawal_count; i++) {
        evm_u256 wei = evm_u256_mul(evm_u256_from_u64(e->withdrawals[i].amount), evm_u256_from_u64(1000000000));
        if (!credit(r, &e->withdrawals[i].address, &wei))
            rc = T8N_EVM;
    }
    if (rc) {
        rc = t8n_fail(T8N_EVM, "out of memory");
        goto txs_done;
    }

    /* EIP-7685 requests: deposits from the logs, then the withdrawal and consolidation
       queues (EIP-7002, EIP-7251) */
    rlpw requests[3];
    memset(requests, 0, sizeof requests);
    bool have_requests = fork >= EVM_PRAGUE && !state_test;
    if (have_requests) {
        uint8_t *out;
        size_t out_size;
        if (!deposit_requests(r, &requests[0])) {
            rc = t8n_fail(T8N_EVM, "failed to parse deposit logs");
            goto req_done;
        }
        static const char *const queues[2] = {"0x00000961ef480eb55e80d19ad83579a64c007002",
                                              "0x0000bbddc7ce488642fb579f8b00f3a590007251"};
        for (int q = 0; q < 2; q++) {
            if (!system_call(r, queues[q], NULL, 0, &out, &out_size, &ran) || !ran) {
                rc = t8n_fail(T8N_EVM, "failed to process post-execution: the %s system call to %s %s",
                              q ? "consolidation" : "withdrawal", queues[q], ran ? "failed" : "found no code");
                free(out);
                goto req_done;
            }
            rw_put(&requests[q + 1], out, out_size);
            free(out);
        }
    }

    /* the result object */
    {
        evm_bytes32 root, tx_root, receipts_root, logs_hash, w_root;
        uint8_t bloom[256];
        memset(bloom, 0, sizeof bloom);
        for (size_t i = 0; i < r->receipt_count; i++)
            for (int k = 0; k < 256; k++)
                bloom[k] |= r->receipts[i].bloom[k];
        rlpw lh = {NULL, 0, 0, false};
        size_t s0 = lh.n;
        for (size_t i = 0; i < r->log_count; i++) {
            const t8n_log *l = &r->logs[i];
            size_t s = lh.n;
            rw_bytes(&lh, l->address.bytes, 20);
            size_t ts = lh.n;
            for (size_t t = 0; t < l->topic_count; t++)
                rw_bytes(&lh, l->topics[t].bytes, 32);
            rw_list(&lh, ts);
            rw_bytes(&lh, l->data, l->size);
            rw_list(&lh, s);
        }
        rw_list(&lh, s0);
        if (!lh.oom)
            evm_keccak256(lh.p, lh.n, logs_hash.bytes);
        free(lh.p);
        if (lh.oom || !evm_state_root(&r->st, &root) || !index_trie(r->receipt_count, make_tx, r, &tx_root) ||
            !index_trie(r->receipt_count, make_receipt, r, &receipts_root) ||
            (e->have_withdrawals && !index_trie(e->withdrawal_count, make_withdrawal, r, &w_root))) {
            rc = t8n_fail(T8N_EVM, "out of memory");
            goto req_done;
        }
        sbuf res = {NULL, 0, 0, false};
        sb_add(&res, "{\n    \"stateRoot\": ");
        sb_hex(&res, root.bytes, 32);
        sb_add(&res, ",\n    \"txRoot\": ");
        sb_hex(&res, tx_root.bytes, 32);
        sb_add(&res, ",\n    \"receiptsRoot\": ");
        sb_hex(&res, receipts_root.bytes, 32);
        sb_add(&res, ",\n    \"logsHash\": ");
        sb_hex(&res, logs_hash.bytes, 32);
        sb_add(&res, ",\n    \"logsBloom\": ");
        sb_hex(&res, bloom, 256);
        sb_add(&res, ",\n    \"receipts\": [");
        static const uint8_t block_hash[32] = {0x13, 0x37};
        for (size_t i = 0; i < r->receipt_count; i++) {
            const t8n_receipt *c = &r->receipts[i];
            sb_add(&res, "%s\n      {", i ? "," : "");
            if (c->type)
                sb_add(&res, "\n        \"type\": \"0x%x\",", c->type);
            sb_add(&res, "\n        \"root\": ");
            if (fork < EVM_BYZANTIUM)
                sb_hex(&res, c->root.bytes, 32);
            else
                sb_add(&res, "\"0x\"");
            sb_add(&res, ",\n        \"status\": \"0x%d\",\n        \"cumulativeGasUsed\": ", c->success ? 1 : 0);
            sb_u64(&res, c->cumulative);
            sb_add(&res, ",\n        \"logsBloom\": ");
            sb_hex(&res, c->bloom, 256);
            sb_add(&res, ",\n        \"logs\": [");
            for (size_t k = 0; k < c->log_count; k++) {
                const t8n_log *l = &r->logs[c->first_log + k];
                sb_add(&res, "%s\n          {\"address\": ", k ? "," : "");
                sb_hex(&res, l->address.bytes, 20);
                sb_add(&res, ", \"topics\": [");
                for (size_t t = 0; t < l->topic_count; t++) {
                    sb_add(&res, t ? ", " : "");
                    sb_hex(&res, l->topics[t].bytes, 32);
                }
                sb_add(&res, "], \"data\": ");
                sb_hex(&res, l->data, l->size);
                sb_add(&res, ", \"blockNumber\": ");
                sb_u64(&res, e->b.number);
                sb_add(&res, ", \"transactionHash\": ");
                sb_hex(&res, c->tx_hash.bytes, 32);
                sb_add(&res, ", \"transactionIndex\": ");
                sb_u64(&res, i);
                sb_add(&res, ", \"blockHash\": ");
                sb_hex(&res, block_hash, 32);
                sb_add(&res, ", \"blockTimestamp\": ");
                sb_u64(&res, e->b.timestamp);
                sb_add(&res, ", \"logIndex\": ");
                sb_u64(&res, c->first_log + k);
                sb_add(&res, ", \"removed\": false}");
            }
            sb_add(&res, "%s],\n        \"transactionHash\": ", c->log_count ? "\n        " : "");
            sb_hex(&res, c->tx_hash.bytes, 32);
            sb_add(&res, ",\n        \"contractAddress\": ");
            sb_hex(&res, c->contract.bytes, 20);
            sb_add(&res, ",\n        \"gasUsed\": ");
            sb_u64(&res, c->gas_used);
            sb_add(&res, ",\n        \"effectiveGasPrice\": null");
            if (c->type == 3) {
                sb_add(&res, ",\n        \"blobGasUsed\": ");
                sb_u64(&res, c->blob_gas_used);
                sb_add(&res, ",\n        \"blobGasPrice\": ");
                sb_qty(&res, &c->blob_gas_price);
            }
            sb_add(&res, ",\n        \"blockHash\": ");
            sb_hex(&res, block_hash, 32);
            sb_add(&res, ",\n        \"blockNumber\": ");
            sb_u64(&res, e->b.number);
            sb_add(&res, ",\n        \"transactionIndex\": ");
            sb_u64(&res, i);
            sb_add(&res, "\n      }");
        }
        sb_add(&res, "%s]", r->receipt_count ? "\n    " : "");
        if (r->rejected_count)
            sb_add(&res, ",\n    \"rejected\": %.*s", (int)r->rejected.n, r->rejected.p);
        sb_add(&res, ",\n    \"currentDifficulty\": ");
        if (e->have_difficulty)
            sb_qty(&res, &e->difficulty);
        else
            sb_add(&res, "null");
        sb_add(&res, ",\n    \"gasUsed\": ");
        sb_u64(&res, r->gas_used);
        if (e->have_base_fee) {
            sb_add(&res, ",\n    \"currentBaseFee\": ");
            sb_qty(&res, &e->b.base_fee);
        }
        if (e->have_withdrawals) {
            sb_add(&res, ",\n    \"withdrawalsRoot\": ");
            sb_hex(&res, w_root.bytes, 32);
        }
        if (r->have_blob_fee) {
            sb_add(&res, ",\n    \"currentExcessBlobGas\": ");
            sb_u64(&res, e->b.excess_blob_gas);
            sb_add(&res, ",\n    \"blobGasUsed\": ");
            sb_u64(&res, r->blob_gas_used);
        }
        if (have_requests) {
            /* sha256 over sha256(type || data) of each non-empty request list */
            uint8_t all[3 * 32], h[32];
            size_t n = 0;
            sb_add(&res, ",\n    \"requestsHash\": ");
            sbuf list_json = {NULL, 0, 0, false};
            for (int q = 0; q < 3; q++) {
                if (!requests[q].n)
                    continue;
                uint8_t *buf = malloc(requests[q].n + 1);
                if (!buf) {
                    res.oom = true;
                    break;
                }
                buf[0] = (uint8_t)q;
                memcpy(buf + 1, requests[q].p, requests[q].n);
                evm_sha256(buf, requests[q].n + 1, all + 32 * n);
                sb_add(&list_json, "%s\n      ", n ? "," : "");
                sb_hex(&list_json, buf, requests[q].n + 1);
                free(buf);
                n++;
            }
            evm_sha256(all, 32 * n, h);
            sb_hex(&res, h, 32);
            sb_add(&res, ",\n    \"requests\": [%.*s%s]", (int)list_json.n, list_json.p ? list_json.p : "",
                   n ? "\n    " : "");
            free(list_json.p);
        } else {
            sb_add(&res, ",\n    \"requests\": null");
        }
        sb_add(&res, "\n  }");

        sbuf alloc_json = {NULL, 0, 0, false}, body = {NULL, 0, 0, false};
        write_alloc(r, &alloc_json);
        rlpw bl = {NULL, 0, 0, false};
        for (size_t i = 0; i < r->receipt_count; i++) {
            if (r->included[i][0] < 0x80)            /* typed: an RLP string in the list */
                rw_bytes(&bl, r->included[i], r->included_size[i]);
            else
                rw_put(&bl, r->included[i], r->included_size[i]);
        }
        rw_list(&bl, 0);
        sb_hex(&body, bl.p, bl.n);
        free(bl.p);
        sbuf so = {NULL, 0, 0, false}, se = {NULL, 0, 0, false};
        sb_add(&so, "{");
        sb_add(&se, "{");
        if (res.oom || alloc_json.oom || body.oom || bl.oom)
            rc = t8n_fail(T8N_EVM, "out of memory");
        if (!rc)
            rc = write_out(out_basedir, out_alloc, "alloc", &alloc_json, &so, &se);
        if (!rc)
            rc = write_out(out_basedir, out_result, "result", &res, &so, &se);
        if (!rc)
            rc = write_out(out_basedir, out_body, "body", &body, &so, &se);
        if (!rc && so.n > 1)
            printf("%.*s\n}\n", (int)so.n, so.p);
        if (!rc && se.n > 1)
            fprintf(stderr, "%.*s\n}\n", (int)se.n, se.p);
        free(so.p);
        free(se.p);
        free(res.p);
        free(alloc_json.p);
        free(body.p);
    }
req_done:
    for (int q = 0; q < 3; q++)
        free(requests[q].p);
txs_done:
    for (size_t i = 0; i < count; i++)
        free(list[i].raw);
    free(list);
    for (size_t i = 0; i < r->receipt_count; i++)
        free(r->included[i]);
    for (size_t i = 0; i < r->log_count; i++)
        free(r->logs[i].data);
    free(r->logs);
    free(r->included);
    free(r->included_size);
    free(r->receipts);
    free(r->rejected.p);
    evm_precompiles_destroy(&r->pc);
    evm_state_destroy(&r->st);
    evm_vm_destroy(&r->vm);
    cli_trace_free(&r->tracer);
done:
    free(r->env.withdrawals);
    free(r->env.ommers);
    for (int k = 0; k < 4; k++) {
        evm_json_free(&docs[k]);
        free(texts[k]);
    }
    return rc;
}
