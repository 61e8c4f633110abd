/* mini_host.h - a small, fixed-capacity, journaled evm_host for the interpreter's own
   tests (no allocation, linear scans: fine for a few accounts and slots). It implements
   every callback of evm.h's host contract; evm_state.h is the real one. */
#ifndef MINI_HOST_H
#define MINI_HOST_H
#include "../evm.h"
#include <string.h>

#define MINI_ACCOUNTS 32
#define MINI_SLOTS 256
#define MINI_JOURNAL 8192
#define MINI_LOGS 64

typedef struct {
    bool exists, created, destructed, warm;
    evm_address addr;
    evm_u256 balance;
    uint64_t nonce;
    const uint8_t *code;   /* points into mini_host.code_store or the caller's data */
    size_t code_size;
} mini_account;

typedef struct { int account; evm_u256 key, value, original; bool warm; } mini_slot;

typedef enum { J_BALANCE, J_NONCE, J_CODE, J_EXISTS, J_CREATED, J_DESTRUCTED, J_WARM,
               J_SLOT_VALUE, J_SLOT_WARM, J_SLOT_NEW, J_TSLOT, J_LOG } mini_jkind;
typedef struct {
    mini_jkind kind;
    int index;                 /* account or slot index */
    evm_u256 old;
    uint64_t old_nonce;
    const uint8_t *old_code;
    size_t old_code_size;
    bool old_flag;
} mini_jentry;

typedef struct {
    evm_address addr;
    evm_bytes32 topics[4];
    size_t topic_count;
    uint8_t data[256];
    size_t data_size;
} mini_log;

typedef struct mini_host {
    mini_account accounts[MINI_ACCOUNTS];
    int account_count;
    mini_slot slots[MINI_SLOTS];
    int slot_count;
    mini_slot tslots[MINI_SLOTS];
    int tslot_count;
    mini_jentry journal[MINI_JOURNAL];
    uint32_t journal_size;
    mini_log logs[MINI_LOGS];
    size_t log_count;
    uint8_t code_store[1 << 16];
    size_t code_used;
    evm_fork fork;
    bool fail_writes;          /* make every write report out-of-memory */
} mini_host;

static int mini__find(mini_host *h, const evm_address *a)
{
    for (int i = 0; i < h->account_count; i++)
        if (!memcmp(h->accounts[i].addr.bytes, a->bytes, 20))
            return i;
    return -1;
}
static void mini__log(mini_host *h, mini_jkind k, int index, const evm_u256 *old, bool flag)
{
    if (h->journal_size >= MINI_JOURNAL) return;
    mini_jentry *e = &h->journal[h->journal_size++];
    e->kind = k;
    e->index = index;
    if (old) e->old = *old;
    e->old_flag = flag;
}
/* find or create an account (creation journaled) */
static int mini__get(mini_host *h, const evm_address *a, bool create)
{
    int i = mini__find(h, a);
    if (i >= 0 && (h->accounts[i].exists || !create)) {
        if (!h->accounts[i].exists && create) {
            mini__log(h, J_EXISTS, i, NULL, false);
            h->accounts[i].exists = true;
        }
        return i;
    }
    if (!create) return -1;
    if (i < 0) {
        if (h->account_count >= MINI_ACCOUNTS) return -1;
        i = h->account_count++;
        memset(&h->accounts[i], 0, sizeof h->accounts[i]);
        h->accounts[i].addr = *a;
    }
    mini__log(h, J_EXISTS, i, NULL, false);
    h->accounts[i].exists = true;
    return i;
}

/* --- set-up helpers for tests --- */
static int mini_add_account(mini_host *h, const evm_address *a, uint64_t balance, uint64_t nonce,
                            const uint8_t *code, size_t code_size)
{
    int i = mini__get(h, a, true);
    h->accounts[i].balance = evm_u256_from_u64(balance);
    h->accounts[i].nonce = nonce;
    h->accounts[i].code = code;
    h->accounts[i].code_size = code_size;
    h->journal_size = 0;       /* set-up is not revertible */
    return i;
}
static int mini__slot(mini_slot *slots, int count, int account, const evm_u256 *key)
{
    for (int i = 0; i < count; i++)
        if (slots[i].account == account && evm_u256_eq(&slots[i].key, key))
            return i;
    return -1;
}
static evm_u256 mini_storage(mini_host *h, const evm_address *a, uint64_t key)
{
    evm_u256 k = evm_u256_from_u64(key), zero = {{0, 0, 0, 0}};
    int i = mini__find(h, a);
    int s = i < 0 ? -1 : mini__slot(h->slots, h->slot_count, i, &k);
    return s < 0 ? zero : h->slots[s].value;
}
/* start of a transaction: originals := current, warm sets and transient storage cleared */
static void mini_begin_tx(mini_host *h)
{
    for (int i = 0; i < h->slot_count; i++) {
        h->slots[i].original = h->slots[i].value;
        h->slots[i].warm = false;
    }
    for (int i = 0; i < h->account_count; i++) {
        h->accounts[i].warm = false;
        h->accounts[i].created = false;
        h->accounts[i].destructed = false;
    }
    h->tslot_count = 0;
    h->log_count = 0;
    h->journal_size = 0;
}

/* --- the callbacks --- */
static bool mini_account_exists(void *ctx, const evm_address *a)
{
    int i = mini__find((mini_host *)ctx, a);
    return i >= 0 && ((mini_host *)ctx)->accounts[i].exists;
}
static void mini_get_balance(void *ctx, const evm_address *a, evm_u256 *out)
{
    mini_host *h = (mini_host *)ctx;
    int i = mini__get(h, a, false);
    *out = i < 0 ? (evm_u256){{0, 0, 0, 0}} : h->accounts[i].balance;
}
static uint64_t mini_get_nonce(void *ctx, const evm_address *a)
{
    mini_host *h = (mini_host *)ctx;
    int i = mini__get(h, a, false);
    return i < 0 ? 0 : h->accounts[i].nonce;
}
static const uint8_t *mini_get_code(void *ctx, const evm_address *a, size_t *size)
{
    mini_host *h = (mini_host *)ctx;
    int i = mini__get(h, a, false);
    *size = i < 0 ? 0 : h->accounts[i].code_size;
    return i < 0 ? NULL : h->accounts[i].code;
}
static void mini_get_code_hash(void *ctx, const evm_address *a, evm_bytes32 *out)
{
    size_t n;
    const uint8_t *c = mini_get_code(ctx, a, &n);
    evm_keccak256(c, n, out->bytes);
}
static void mini_get_storage(void *ctx, const evm_address *a, const evm_u256 *k, evm_u256 *v)
{
    mini_host *h = (mini_host *)ctx;
    int i = mini__find(h, a), s = i < 0 ? -1 : mini__slot(h->slots, h->slot_count, i, k);
    *v = s < 0 ? (evm_u256){{0, 0, 0, 0}} : h->slots[s].value;
}
static void mini_get_original(void *ctx, const evm_address *a, const evm_u256 *k, evm_u256 *v)
{
    mini_host *h = (mini_host *)ctx;
    int i = mini__find(h, a), s = i < 0 ? -1 : mini__slot(h->slots, h->slot_count, i, k);
    *v = s < 0 ? (evm_u256){{0, 0, 0, 0}} : h->slots[s].original;
}
static void mini_get_transient(void *ctx, const evm_address *a, const evm_u256 *k, evm_u256 *v)
{
    mini_host *h = (mini_host *)ctx;
    int i = mini__find(h, a), s = i < 0 ? -1 : mini__slot(h->tslots, h->tslot_count, i, k);
    *v = s < 0 ? (evm_u256){{0, 0, 0, 0}} : h->tslots[s].value;
}
static void mini_get_block_hash(void *ctx, uint64_t number, evm_bytes32 *out)
{
    (void)ctx;
    memset(out, 0, sizeof *out);
    for (int i = 0; i < 8; i++) out->bytes[31 - i] = (uint8_t)(number >> (8 * i));
    out->bytes[0] = 0xbb;
}
static bool mini_access_account(void *ctx, const evm_address *a)
{
    mini_host *h = (mini_host *)ctx;
    int i = mini__find(h, a);
    if (i < 0) {   /* remember warmth of absent accounts in a non-existing entry */
        if (h->account_count >= MINI_ACCOUNTS) return true;
        i = h->account_count++;
        memset(&h->accounts[i], 0, sizeof h->accounts[i]);
        h->accounts[i].addr = *a;
    }
    if (h->accounts[i].warm) return true;
    mini__log(h, J_WARM, i, NULL, false);
    h->accounts[i].warm = true;
    return false;
}
static int mini__slot_get(mini_host *h, const evm_address *a, const evm_u256 *k)
{
    int i = mini__find(h, a);
    if (i < 0) {
        if (h->account_count >= MINI_ACCOUNTS) return -1;
        i = h->account_count++;
        memset(&h->accounts[i], 0, sizeof h->accounts[i]);
        h->accounts[i].addr = *a;
    }
    int s = mini__slot(h->slots, h->slot_count, i, k);
    if (s < 0) {
        if (h->slot_count >= MINI_SLOTS) return -1;
        s = h->slot_count++;
        memset(&h->slots[s], 0, sizeof h->slots[s]);
        h->slots[s].account = i;
        h->slots[s].key = *k;
        mini__log(h, J_SLOT_NEW, s, NULL, false);
    }
    return s;
}
static bool mini_access_storage(void *ctx, const evm_address *a, const evm_u256 *k)
{
    mini_host *h = (mini_host *)ctx;
    int s = mini__slot_get(h, a, k);
    if (s < 0 || h->slots[s].warm) return true;
    mini__log(h, J_SLOT_WARM, s, NULL, false);
    h->slots[s].warm = true;
    return false;
}
static bool mini_set_storage(void *ctx, const evm_address *a, const evm_u256 *k, const evm_u256 *v)
{
    mini_host *h = (mini_host *)ctx;
    if (h->fail_writes) return false;
    int s = mini__slot_get(h, a, k);
    if (s < 0) return false;
    mini__log(h, J_SLOT_VALUE, s, &h->slots[s].value, false);
    h->slots[s].value = *v;
    return true;
}
static bool mini_set_transient(void *ctx, const evm_address *a, const evm_u256 *k, const evm_u256 *v)
{
    mini_host *h = (mini_host *)ctx;
    int i = mini__get(h, a, false);
    if (i < 0) i = mini__get(h, a, true);
    int s = mini__slot(h->tslots, h->tslot_count, i, k);
    if (s < 0) {
        if (h->tslot_count >= MINI_SLOTS) return false;
        s = h->tslot_count++;
        memset(&h->tslots[s], 0, sizeof h->tslots[s]);
        h->tslots[s].account = i;
        h->tslots[s].key = *k;
    }
    mini__log(h, J_TSLOT, s, &h->tslots[s].value, false);
    h->tslots[s].value = *v;
    return true;
}
static bool mini_set_nonce(void *ctx, const evm_address *a, uint64_t n)
{
    mini_host *h = (mini_host *)ctx;
    int i = mini__get(h, a, true);
    if (i < 0 || h->journal_size >= MINI_JOURNAL) return false;
    mini_jentry *e = &h->journal[h->journal_size++];
    e->kind = J_NONCE; e->index = i; e->old_nonce = h->accounts[i].nonce;
    h->accounts[i].nonce = n;
    return true;
}
static bool mini_set_code(void *ctx, const evm_address *a, const uint8_t *code, size_t n)
{
    mini_host *h = (mini_host *)ctx;
    int i = mini__get(h, a, true);
    if (i < 0 || h->fail_writes || n > sizeof h->code_store - h->code_used || h->journal_size >= MINI_JOURNAL)
        return false;
    mini_jentry *e = &h->journal[h->journal_size++];
    e->kind = J_CODE; e->index = i;
    e->old_code = h->accounts[i].code; e->old_code_size = h->accounts[i].code_size;
    memcpy(h->code_store + h->code_used, code, n);
    h->accounts[i].code = h->code_store + h->code_used;
    h->accounts[i].code_size = n;
    h->code_used += n;
    return true;
}
static bool mini_transfer(void *ctx, const evm_address *from, const evm_address *to, const evm_u256 *v)
{
    mini_host *h = (mini_host *)ctx;
    int f = mini__get(h, from, true), t = mini__get(h, to, true);
    if (f < 0 || t < 0) return false;
    if (f == t) return true;
    mini__log(h, J_BALANCE, f, &h->accounts[f].balance, false);
    h->accounts[f].balance = evm_u256_sub(h->accounts[f].balance, *v);
    mini__log(h, J_BALANCE, t, &h->accounts[t].balance, false);
    h->accounts[t].balance = evm_u256_add(h->accounts[t].balance, *v);
    return true;
}
static evm_status mini_create_account(void *ctx, const evm_address *a)
{
    mini_host *h = (mini_host *)ctx;
    int i = mini__find(h, a);
    if (i >= 0 && h->accounts[i].exists) {
        if (h->accounts[i].nonce || h->accounts[i].code_size) return EVM_CREATE_COLLISION;
        for (int s = 0; s < h->slot_count; s++)
            if (h->slots[s].account == i && !evm_u256_is_zero(&h->slots[s].value))
                return EVM_CREATE_COLLISION;
    }
    i = mini__get(h, a, true);
    if (i < 0) return EVM_OUT_OF_MEMORY;
    mini__log(h, J_CREATED, i, NULL, h->accounts[i].created);
    h->accounts[i].created = true;
    return EVM_SUCCESS;
}
static bool mini_selfdestruct(void *ctx, const evm_address *a, const evm_address *b)
{
    mini_host *h = (mini_host *)ctx;
    int i = mini__get(h, a, true);
    evm_u256 bal = h->accounts[i].balance;
    mini_transfer(ctx, a, b, &bal);
    if (h->fork >= EVM_CANCUN && !h->accounts[i].created) return true;
    bool first = !h->accounts[i].destructed;
    mini__log(h, J_DESTRUCTED, i, NULL, h->accounts[i].destructed);
    h->accounts[i].destructed = true;
    mini__log(h, J_BALANCE, i, &h->accounts[i].balance, false);
    h->accounts[i].balance = (evm_u256){{0, 0, 0, 0}};
    return first;
}
static bool mini_emit_log(void *ctx, const evm_address *a, const evm_bytes32 *topics, size_t n,
                          const uint8_t *data, size_t size)
{
    mini_host *h = (mini_host *)ctx;
    if (h->log_count >= MINI_LOGS || size > sizeof h->logs[0].data) return false;
    mini_log *l = &h->logs[h->log_count];
    l->addr = *a;
    for (size_t i = 0; i < n; i++) l->topics[i] = topics[i];
    l->topic_count = n;
    if (size) memcpy(l->data, data, size);
    l->data_size = size;
    mini__log(h, J_LOG, (int)h->log_count, NULL, false);
    h->log_count++;
    return true;
}
static uint32_t mini_snapshot(void *ctx) { return ((mini_host *)ctx)->journal_size; }
static void mini_revert(void *ctx, uint32_t snap)
{
    mini_host *h = (mini_host *)ctx;
    while (h->journal_size > snap) {
        mini_jentry *e = &h->journal[--h->journal_size];
        mini_account *acc = &h->accounts[e->index];
        switch (e->kind) {
        case J_BALANCE: acc->balance = e->old; break;
        case J_NONCE: acc->nonce = e->old_nonce; break;
        case J_CODE: acc->code = e->old_code; acc->code_size = e->old_code_size; break;
        case J_EXISTS: acc->exists = false; break;
        case J_CREATED: acc->created = e->old_flag; break;
        case J_DESTRUCTED: acc->destructed = e->old_flag; break;
        case J_WARM: acc->warm = false; break;
        case J_SLOT_VALUE: h->slots[e->index].value = e->old; break;
        case J_SLOT_WARM: h->slots[e->index].warm = false; break;
        case J_SLOT_NEW: break;   /* an empty slot record is harmless */
        case J_TSLOT: h->tslots[e->index].value = e->old; break;
        case J_LOG: h->log_count = (size_t)e->index; break;
        }
    }
}

static const evm_host mini_host_iface = {
    mini_account_exists, mini_get_balance, mini_get_nonce, mini_get_code, mini_get_code_hash,
    mini_get_storage, mini_get_original, mini_get_transient, mini_get_block_hash,
    mini_access_account, mini_access_storage, mini_set_storage, mini_set_transient,
    mini_set_nonce, mini_set_code, mini_transfer, mini_create_account, mini_selfdestruct,
    mini_emit_log, mini_snapshot, mini_revert, NULL};
#endif
