/* statetest.c - `evm statetest [--fork NAME] [--run REGEX] [--trace] [--jobs N] PATH...`:
   run Ethereum GeneralStateTests. For every file, test, fork of "post" (every fork the
   build supports, or the one --fork names) and (data, gas, value) entry: set up "pre",
   run the transaction, compare the state root and the logs hash with "hash" and "logs",
   or check that the transaction is rejected when "expectException" is given.
   Failures are named file:test:fork:d<data>g<gas>v<value>; the last line is
   "N passed, N failed" (", N skipped" for entries of forks this build does not know).
   After the failures, a breakdown by the precompiles the failing entries called shows
   which failures belong to which precompile. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "../evm_json.h"
#include "../evm_precompiles.h"
#include "../evm_state.h"
#include <stdlib.h>
#include <string.h>
#if defined(__TINYC__) && !defined(__STDC_NO_VLA__)
#define __STDC_NO_VLA__ 1   /* glibc's regex.h declares regexec with a VLA parameter tcc cannot parse */
#endif
#include <regex.h>
#include <stdarg.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

/* ---------------------------------------------------------------------------------
   A test, decoded once from its JSON
   --------------------------------------------------------------------------------- */
typedef struct st_account {
    evm_address addr;
    evm_u256 balance;
    uint64_t nonce;
    uint8_t *code;
    size_t code_size;
    evm_u256 *keys, *values;
    size_t slots;
} st_account;

typedef struct st_blob { uint8_t *data; size_t size; } st_blob;

typedef struct st_value { evm_u256 v; bool overflow; } st_value;   /* "0x:bigint" beyond 256 bits */

typedef struct st_test {
    const char *name;
    evm_block_env block;
    st_account *accounts;
    size_t account_count;
    /* the transaction's variable parts, indexed by the post entries */
    st_blob *data;
    size_t data_count;
    uint64_t *gas;
    bool *gas_overflow;
    size_t gas_count;
    st_value *value;
    size_t value_count;
    evm_access_list_entry **access_lists;   /* per data index; NULL entry = none */
    size_t *access_list_counts;
    bool has_access_lists;
    evm_transaction tx;                      /* the fixed parts */
    bool nonce_overflow;                     /* also: an authorization's nonce beyond 64 bits */
    evm_bytes32 *blob_hashes;
    evm_authorization *authorizations;
    bool legacy;                             /* filled by retesteth/geth, not by the execution specs */
} st_test;

static void free_test(st_test *t)
{
    for (size_t i = 0; i < t->account_count; i++) {
        free(t->accounts[i].code);
        free(t->accounts[i].keys);
        free(t->accounts[i].values);
    }
    free(t->accounts);
    for (size_t i = 0; i < t->data_count; i++)
        free(t->data[i].data);
    free(t->data);
    free(t->gas);
    free(t->gas_overflow);
    free(t->value);
    if (t->access_lists) {
        for (size_t i = 0; i < t->data_count; i++) {
            if (t->access_lists[i])
                for (size_t k = 0; k < t->access_list_counts[i]; k++)
                    free((void *)t->access_lists[i][k].keys);
            free(t->access_lists[i]);
        }
    }
    free(t->access_lists);
    free(t->access_list_counts);
    free(t->blob_hashes);
    free(t->authorizations);
    memset(t, 0, sizeof *t);
}

static char err_text[512];
#define FAIL_PARSE(...) do { snprintf(err_text, sizeof err_text, __VA_ARGS__); return false; } while (0)

/* u256 from a string that may be "0x:bigint 0x..." (then beyond 256 bits = overflow) */
static bool json_value(const evm_json *v, st_value *out)
{
    out->overflow = false;
    if (v && v->type == EVM_JSON_STRING && !strncmp(v->str, "0x:bigint ", 10)) {
        const char *h = v->str + 10;
        if (h[0] != '0' || (h[1] != 'x' && h[1] != 'X'))
            return false;
        h += 2;
        while (*h == '0' && h[1])
            h++;
        size_t n = strlen(h);
        evm_u256 r = {{0, 0, 0, 0}};
        for (size_t i = 0; i < n; i++) {
            char c = h[i];
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0)
                return false;
            if (n - i <= 64)
                r = evm_u256_add(evm_u256_shl(evm_u256_from_u64(4), r), evm_u256_from_u64((uint64_t)d));
            else if (d)
                out->overflow = true;
        }
        out->v = r;
        if (n > 64)
            out->overflow = true;
        return true;
    }
    return evm_json_u256(v, &out->v);
}

static bool json_u64_or_overflow(const evm_json *v, uint64_t *out, bool *overflow)
{
    *overflow = false;
    if (evm_json_u64(v, out))
        return true;
    st_value w;
    if (!json_value(v, &w))
        return false;
    *overflow = true;
    *out = UINT64_MAX;
    return true;
}

/* addresses may be upper case; evm_json_address wants 0x + 40 hex digits */
static bool parse_address(const char *s, evm_address *out)
{
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        s += 2;
    if (strlen(s) != 40)
        return false;
    for (int i = 0; i < 20; i++) {
        int v = 0;
        for (int k = 0; k < 2; k++) {
            char c = s[2 * i + k];
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0)
                return false;
            v = v * 16 + d;
        }
        out->bytes[i] = (uint8_t)v;
    }
    return true;
}

static bool json_addr(const evm_json *v, evm_address *out)
{
    return v && v->type == EVM_JSON_STRING && parse_address(v->str, out);
}

static bool json_bytes(const evm_json *v, uint8_t **out, size_t *size)
{
    *out = NULL;
    *size = 0;
    if (!v || v->type != EVM_JSON_STRING)
        return false;
    if (v->str[0] == 0)
        return true;
    return evm_json_hex(v, NULL, out, size);
}

static bool parse_access_list(const evm_json *list, evm_access_list_entry **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    if (!list || list->type == EVM_JSON_NULL)
        return true;
    if (list->type != EVM_JSON_ARRAY)
        FAIL_PARSE("accessLists entry is not an array");
    *out = calloc(list->len ? list->len : 1, sizeof **out);
    if (!*out)
        FAIL_PARSE("out of memory");
    for (const evm_json *e = list->child; e; e = e->next) {
        evm_access_list_entry *a = &(*out)[(*count)++];
        const evm_json *keys = evm_json_get(e, "storageKeys");
        if (!json_addr(evm_json_get(e, "address"), &a->address) || !keys || keys->type != EVM_JSON_ARRAY)
            FAIL_PARSE("bad access list entry");
        evm_bytes32 *k = calloc(keys->len ? keys->len : 1, sizeof *k);
        if (!k)
            FAIL_PARSE("out of memory");
        a->keys = k;
        for (const evm_json *x = keys->child; x; x = x->next) {
            if (!evm_json_bytes32(x, &k[a->key_count]))
                FAIL_PARSE("bad storage key");
            a->key_count++;
        }
    }
    return true;
}

static bool parse_test(const evm_json *j, st_test *t)
{
    memset(t, 0, sizeof *t);
    t->name = j->key;
    const evm_json *env = evm_json_get(j, "env"), *pre = evm_json_get(j, "pre"),
                   *tx = evm_json_get(j, "transaction");
    if (!env || !pre || !tx || pre->type != EVM_JSON_OBJECT)
        FAIL_PARSE("missing env, pre or transaction");

    /* Who filled it decides one convention: geth's runner (the legacy suites) credits the
       coinbase with a zero reward after every transaction, even one that was rejected;
       the execution specs (EEST, `_info.filling-transition-tool`) leave a rejected
       transaction's state untouched. */
    t->legacy = !evm_json_get(evm_json_get(j, "_info"), "filling-transition-tool");
    evm_block_env *b = &t->block;
    if (!json_addr(evm_json_get(env, "currentCoinbase"), &b->coinbase) ||
        !evm_json_u64(evm_json_get(env, "currentNumber"), &b->number) ||
        !evm_json_u64(evm_json_get(env, "currentTimestamp"), &b->timestamp) ||
        !evm_json_u64(evm_json_get(env, "currentGasLimit"), &b->gas_limit))
        FAIL_PARSE("bad env");
    b->chain_id = evm_u256_from_u64(1);
    b->base_fee = evm_u256_from_u64(10);     /* retesteth's default for a missing base fee */
    const evm_json *x, *config = evm_json_get(j, "config");
    if ((x = evm_json_get(config, "chainid")) && !evm_json_u256(x, &b->chain_id))
        FAIL_PARSE("bad config.chainid");
    if ((x = evm_json_get(env, "currentBaseFee")) && !evm_json_u256(x, &b->base_fee))
        FAIL_PARSE("bad currentBaseFee");
    if ((x = evm_json_get(env, "currentExcessBlobGas")) && !evm_json_u64(x, &b->excess_blob_gas))
        FAIL_PARSE("bad currentExcessBlobGas");

    /* pre */
    t->accounts = calloc(pre->len ? pre->len : 1, sizeof *t->accounts);
    if (!t->accounts)
        FAIL_PARSE("out of memory");
    for (const evm_json *a = pre->child; a; a = a->next) {
        st_account *acc = &t->accounts[t->account_count++];
        const evm_json *st = evm_json_get(a, "storage");
        if (!parse_address(a->key, &acc->addr) ||
            !evm_json_u256(evm_json_get(a, "balance"), &acc->balance) ||
            !evm_json_u64(evm_json_get(a, "nonce"), &acc->nonce) ||
            !json_bytes(evm_json_get(a, "code"), &acc->code, &acc->code_size))
            FAIL_PARSE("bad pre account %s", a->key);
        if (st && st->type == EVM_JSON_OBJECT && st->len) {
            acc->keys = calloc(st->len, sizeof *acc->keys);
            acc->values = calloc(st->len, sizeof *acc->values);
            if (!acc->keys || !acc->values)
                FAIL_PARSE("out of memory");
            for (const evm_json *s = st->child; s; s = s->next) {
                evm_json key = *s;
                key.type = EVM_JSON_STRING;
                key.str = s->key;
                key.len = strlen(s->key);
                if (!evm_json_u256(&key, &acc->keys[acc->slots]) ||
                    !evm_json_u256(s, &acc->values[acc->slots]))
                    FAIL_PARSE("bad storage of %s", a->key);
                acc->slots++;
            }
        }
    }

    /* transaction */
    evm_transaction *T = &t->tx;
    const evm_json *to = evm_json_get(tx, "to"), *sender = evm_json_get(tx, "sender");
    if (!sender)
        FAIL_PARSE("no sender (recovering it from secretKey is not supported)");
    if (!json_addr(sender, &T->sender))
        FAIL_PARSE("bad sender");
    if (!to || to->type != EVM_JSON_STRING)
        FAIL_PARSE("bad to");
    if (to->str[0] == 0)
        T->create = true;
    else if (!parse_address(to->str, &T->to))
        FAIL_PARSE("bad to");
    if (!json_u64_or_overflow(evm_json_get(tx, "nonce"), &T->nonce, &t->nonce_overflow))
        FAIL_PARSE("bad nonce");
    const evm_json *bv = evm_json_get(tx, "blobVersionedHashes");
    if (bv) {
        T->type = 3;
        if (bv->type != EVM_JSON_ARRAY)
            FAIL_PARSE("bad blobVersionedHashes");
        t->blob_hashes = calloc(bv->len ? bv->len : 1, sizeof *t->blob_hashes);
        if (!t->blob_hashes)
            FAIL_PARSE("out of memory");
        for (const evm_json *h = bv->child; h; h = h->next)
            if (!evm_json_bytes32(h, &t->blob_hashes[T->blob_hash_count++]))
                FAIL_PARSE("bad blob hash");
        T->blob_hashes = t->blob_hashes;
        if (!evm_json_u256(evm_json_get(tx, "maxFeePerBlobGas"), &T->max_fee_per_blob_gas))
            FAIL_PARSE("bad maxFeePerBlobGas");
    }
    const evm_json *auths = evm_json_get(tx, "authorizationList");
    if (auths) {                              /* EIP-7702 */
        T->type = 4;
        if (auths->type != EVM_JSON_ARRAY)
            FAIL_PARSE("bad authorizationList");
        t->authorizations = calloc(auths->len ? auths->len : 1, sizeof *t->authorizations);
        if (!t->authorizations)
            FAIL_PARSE("out of memory");
        for (const evm_json *a = auths->child; a; a = a->next) {
            evm_authorization *z = &t->authorizations[T->authorization_count++];
            const evm_json *yp = evm_json_get(a, "yParity");
            bool over = false;
            if (!evm_json_u256(evm_json_get(a, "chainId"), &z->chain_id) ||
                !json_addr(evm_json_get(a, "address"), &z->address) ||
                !json_u64_or_overflow(evm_json_get(a, "nonce"), &z->nonce, &over) ||
                !evm_json_u256(yp ? yp : evm_json_get(a, "v"), &z->y_parity) ||
                !evm_json_u256(evm_json_get(a, "r"), &z->r) || !evm_json_u256(evm_json_get(a, "s"), &z->s))
                FAIL_PARSE("bad authorization %zu", T->authorization_count - 1);
            if (over)
                t->nonce_overflow = true;     /* not encodable (a 64-bit field) */
        }
        T->authorizations = t->authorizations;
    }
    if (evm_json_get(tx, "maxFeePerGas")) {
        if (!T->type)
            T->type = 2;
        if (!evm_json_u256(evm_json_get(tx, "maxFeePerGas"), &T->max_fee_per_gas) ||
            !evm_json_u256(evm_json_get(tx, "maxPriorityFeePerGas"), &T->max_priority_fee_per_gas))
            FAIL_PARSE("bad fee fields");
    } else {
        st_value gp;
        if (!json_value(evm_json_get(tx, "gasPrice"), &gp))
            FAIL_PARSE("bad gasPrice");
        if (gp.overflow)
            FAIL_PARSE("gasPrice beyond 256 bits");
        T->gas_price = gp.v;
    }

    const evm_json *data = evm_json_get(tx, "data"), *gas = evm_json_get(tx, "gasLimit"),
                   *value = evm_json_get(tx, "value"), *al = evm_json_get(tx, "accessLists");
    if (!data || !gas || !value || data->type != EVM_JSON_ARRAY || gas->type != EVM_JSON_ARRAY ||
        value->type != EVM_JSON_ARRAY)
        FAIL_PARSE("bad data, gasLimit or value");
    t->data = calloc(data->len + 1, sizeof *t->data);
    t->gas = calloc(gas->len + 1, sizeof *t->gas);
    t->gas_overflow = calloc(gas->len + 1, sizeof *t->gas_overflow);
    t->value = calloc(value->len + 1, sizeof *t->value);
    if (!t->data || !t->gas || !t->value || !t->gas_overflow)
        FAIL_PARSE("out of memory");
    for (const evm_json *d = data->child; d; d = d->next, t->data_count++)
        if (!json_bytes(d, &t->data[t->data_count].data, &t->data[t->data_count].size))
            FAIL_PARSE("bad data[%zu]", t->data_count);
    for (const evm_json *g = gas->child; g; g = g->next, t->gas_count++)
        if (!json_u64_or_overflow(g, &t->gas[t->gas_count], &t->gas_overflow[t->gas_count]))
            FAIL_PARSE("bad gasLimit[%zu]", t->gas_count);
    for (const evm_json *v = value->child; v; v = v->next, t->value_count++)
        if (!json_value(v, &t->value[t->value_count]))
            FAIL_PARSE("bad value[%zu]", t->value_count);
    if (al) {
        if (al->type != EVM_JSON_ARRAY)
            FAIL_PARSE("bad accessLists");
        t->has_access_lists = true;
        t->access_lists = calloc(t->data_count + 1, sizeof *t->access_lists);
        t->access_list_counts = calloc(t->data_count + 1, sizeof *t->access_list_counts);
        if (!t->access_lists || !t->access_list_counts)
            FAIL_PARSE("out of memory");
        size_t i = 0;
        for (const evm_json *l = al->child; l && i < t->data_count; l = l->next, i++)
            if (!parse_access_list(l, &t->access_lists[i], &t->access_list_counts[i]))
                return false;
    }
    return true;
}

/* ---------------------------------------------------------------------------------
   Running
   --------------------------------------------------------------------------------- */
enum { PC_COUNT = 19 };   /* index 1..17 = address 0x01..0x11, 18 = 0x0100, 0 = none */
static const char *const pc_names[PC_COUNT] = {
    "no precompile", "ecrecover (0x01)", "sha256 (0x02)", "ripemd160 (0x03)", "identity (0x04)",
    "modexp (0x05)", "bn254 add (0x06)", "bn254 mul (0x07)", "bn254 pairing (0x08)",
    "blake2f (0x09)", "point evaluation (0x0a)", "bls12 g1 add (0x0b)", "bls12 g1 msm (0x0c)",
    "bls12 g2 add (0x0d)", "bls12 g2 msm (0x0e)", "bls12 pairing (0x0f)",
    "bls12 map fp to g1 (0x10)", "bls12 map fp2 to g2 (0x11)", "p256verify (0x0100)"};

typedef struct runner {
    evm_state state;
    evm_vm vm;
    evm_precompiles pc;
    unsigned pc_called;           /* bit per precompile address called in this entry */
    const char *only_fork;
    regex_t re;
    bool has_re;
    bool trace, json;
    long passed, failed, skipped;
    char last_error[400];         /* --json: why the current entry failed */
    evm_bytes32 root;             /* --json: the current entry's post-state root */
    bool have_root;
    uint64_t start_ns;
    long fail_by_pc[PC_COUNT];
    char skipped_forks[256];
} runner;

static evm_precompile_status record_precompile(void *user, evm_fork fork, const evm_address *addr,
                                               const uint8_t *input, size_t input_size, int64_t gas,
                                               evm_precompile_result *result)
{
    runner *r = (runner *)user;
    evm_precompile_status st = evm_precompiles_run(&r->pc, fork, addr, input, input_size, gas, result);
    if (st != EVM_PRECOMPILE_NONE) {
        unsigned i = addr->bytes[18] == 1 && addr->bytes[19] == 0 ? PC_COUNT - 1 : addr->bytes[19];
        if (i < PC_COUNT)
            r->pc_called |= 1u << i;
    }
    return st;
}

static void hex_string(char *out, const uint8_t *p, size_t n)
{
    static const char dig[] = "0123456789abcdef";
    *out++ = '0';
    *out++ = 'x';
    for (size_t i = 0; i < n; i++) {
        *out++ = dig[p[i] >> 4];
        *out++ = dig[p[i] & 15];
    }
    *out = 0;
}

static cli_tracer trace_state;

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static bool load_pre(runner *r, const st_test *t)
{
    evm_state *s = &r->state;
    evm_state_clear(s);
    for (size_t i = 0; i < t->account_count; i++) {
        const st_account *a = &t->accounts[i];
        if (!evm_state_set_balance(s, &a->addr, &a->balance) || !evm_state_set_nonce(s, &a->addr, a->nonce) ||
            !evm_state_set_code(s, &a->addr, a->code, a->code_size))
            return false;
        for (size_t k = 0; k < a->slots; k++)
            if (!evm_u256_is_zero(&a->values[k]) &&
                !evm_state_set_storage(s, &a->addr, &a->keys[k], &a->values[k]))
                return false;
    }
    return true;
}

static void fail_line(runner *r, const char *file, const char *test, const char *fork, long d, long g,
                      long v, const char *what)
{
    if (r->json)
        snprintf(r->last_error, sizeof r->last_error, "%s", what);
    else
        printf("FAIL %s:%s:%s:d%ldg%ldv%ld: %s\n", file, test, fork, d, g, v, what);
    r->failed++;
    for (int i = 0; i < PC_COUNT; i++)
        if (i ? (r->pc_called >> i) & 1 : r->pc_called == 0)
            r->fail_by_pc[i]++;
}

/* Is the rejection `st` of a type-`type` transaction one of the classes the fixture names
   ("TransactionException.A|TransactionException.B")? NONCE_MISMATCH stands for both
   NONCE_MISMATCH_TOO_LOW and _TOO_HIGH; a transaction that cannot be encoded (a number
   beyond its field) counts as any rejection. */
static bool exception_matches(const char *expected, evm_tx_status st, unsigned type)
{
    char ours[64];
    if (st == EVM_TX_TYPE_NOT_SUPPORTED)
        snprintf(ours, sizeof ours, "TYPE_%u_TX_PRE_FORK", type);
    else
        snprintf(ours, sizeof ours, "%s", evm_tx_status_name(st));
    size_t n = strlen(ours);
    for (const char *p = expected; *p;) {
        const char *end = strchr(p, '|');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *dot = memchr(p, '.', len);
        const char *name = dot ? dot + 1 : p;
        size_t nl = len - (size_t)(name - p);
        if ((nl == n || (nl > n && name[n] == '_')) && !strncmp(name, ours, n))
            return true;
        p += len + (end ? 1 : 0);
    }
    return false;
}

/* The legacy convention's zero reward to the coinbase after a rejected transaction: a
   touch. Before EIP-161 it creates the account if absent; from EIP-161 on a touched
   empty account is deleted. Test-runner convention only: a rejected transaction is not
   part of a block, and the library's consensus path changes nothing for it. */
static void touch_coinbase(evm_state *s, evm_fork fork, const evm_address *coinbase)
{
    if (fork < EVM_SPURIOUS_DRAGON) {
        if (!evm_state_exists(s, coinbase))
            evm_state_create(s, coinbase);
        return;
    }
    size_t code_size = 0;
    evm_u256 balance = evm_state_balance(s, coinbase);
    evm_state_code(s, coinbase, &code_size);
    if (evm_state_exists(s, coinbase) && evm_state_nonce(s, coinbase) == 0 && code_size == 0 &&
        (balance.w[0] | balance.w[1] | balance.w[2] | balance.w[3]) == 0)
        evm_state_delete_account(s, coinbase);
}

static void run_entry(runner *r, const char *file, st_test *t, evm_fork fork, const char *fork_name,
                      const evm_json *e)
{
    const evm_json *idx = evm_json_get(e, "indexes");
    uint64_t d, g, v;
    evm_bytes32 want_root, want_logs;
    r->pc_called = 0;
    if (!evm_json_u64(evm_json_get(idx, "data"), &d) || !evm_json_u64(evm_json_get(idx, "gas"), &g) ||
        !evm_json_u64(evm_json_get(idx, "value"), &v) || !evm_json_bytes32(evm_json_get(e, "hash"), &want_root) ||
        !evm_json_bytes32(evm_json_get(e, "logs"), &want_logs)) {
        printf("FAIL %s:%s:%s: malformed post entry\n", file, t->name, fork_name);
        r->failed++;
        r->fail_by_pc[0]++;
        return;
    }
    if (d >= t->data_count || g >= t->gas_count || v >= t->value_count) {
        fail_line(r, file, t->name, fork_name, (long)d, (long)g, (long)v, "index out of range");
        return;
    }
    const evm_json *exc = evm_json_get(e, "expectException");
    evm_transaction tx = t->tx;
    tx.data = t->data[d].data;
    tx.data_size = t->data[d].size;
    tx.gas_limit = t->gas[g];
    tx.value = t->value[v].v;
    if (t->has_access_lists && t->access_lists[d]) {
        tx.access_list = t->access_lists[d];
        tx.access_list_count = t->access_list_counts[d];
        if (tx.type == 0)
            tx.type = 1;
    }
    evm_block_env block = t->block;
    char msg[400];
    if (!load_pre(r, t)) {
        fail_line(r, file, t->name, fork_name, (long)d, (long)g, (long)v, "out of memory loading pre");
        return;
    }
    evm_tx_result res;
    evm_tx_status st;
    if (t->value[v].overflow || t->gas_overflow[g] || t->nonce_overflow) {
        st = EVM_TX_TYPE_NOT_SUPPORTED;          /* not encodable: rejected before anything */
        memset(&res, 0, sizeof res);
        res.status = st;
    } else {
        r->start_ns = now_ns();
        st = evm_state_transact(&r->state, &r->vm, fork, &block, &tx, &res);
    }
    if (r->trace || r->json)
        cli_trace_done(&trace_state);
    if (st != EVM_TX_OK && st != EVM_TX_ABORTED && t->legacy)
        touch_coinbase(&r->state, fork, &block.coinbase);
    if (st == EVM_TX_ABORTED) {
        snprintf(msg, sizeof msg, "aborted: %s", evm_status_name(res.exec_status));
        fail_line(r, file, t->name, fork_name, (long)d, (long)g, (long)v, msg);
        return;
    }
    evm_bytes32 root, logs;
    if (!evm_state_root(&r->state, &root) || !evm_state_logs_hash(&r->state, &logs)) {
        fail_line(r, file, t->name, fork_name, (long)d, (long)g, (long)v, "out of memory hashing");
        return;
    }
    char a[70], b[70];
    r->root = root;
    r->have_root = true;
    if (r->trace || r->json) {
        if (r->json) {
            long long ns = (long long)(now_ns() - r->start_ns);
            fprintf(stderr, "{\"output\":\"");
            for (size_t i = 0; i < res.output_size; i++)
                fprintf(stderr, "%02x", res.output[i]);
            fprintf(stderr, "\",\"gasUsed\":\"0x%llx\",\"time\":%lld", (unsigned long long)res.gas_used, ns);
            if (st != EVM_TX_OK)
                fprintf(stderr, ",\"error\":\"%s\"", evm_tx_status_name(st));
            else if (res.exec_status != EVM_SUCCESS)
                fprintf(stderr, ",\"error\":\"%s\"", cli_trace_error(res.exec_status));
            hex_string(a, root.bytes, 32);
            fprintf(stderr, "}\n{\"stateRoot\":\"%s\"}\n", a);
        } else {
            hex_string(a, root.bytes, 32);
            fprintf(stderr, "{\"stateRoot\":\"%s\",\"output\":\"", a);
            for (size_t i = 0; i < res.output_size; i++)
                fprintf(stderr, "%02x", res.output[i]);
            fprintf(stderr, "\",\"gasUsed\":\"0x%llx\",\"pass\":%s,\"error\":\"%s\"}\n",
                    (unsigned long long)res.gas_used, st == EVM_TX_OK && res.exec_status == EVM_SUCCESS ? "true" : "false",
                    st != EVM_TX_OK ? evm_tx_status_name(st) : evm_status_name(res.exec_status));
        }
    }
    if (exc) {
        const char *want = exc->type == EVM_JSON_STRING ? exc->str : "?";
        if (st == EVM_TX_OK) {
            snprintf(msg, sizeof msg, "expected exception %s, the transaction was valid", want);
            fail_line(r, file, t->name, fork_name, (long)d, (long)g, (long)v, msg);
            return;
        }
        bool unencodable = t->value[v].overflow || t->gas_overflow[g] || t->nonce_overflow;
        if (!unencodable && !exception_matches(want, st, tx.type)) {
            snprintf(msg, sizeof msg, "expected exception %s, rejected as %s", want, evm_tx_status_name(st));
            fail_line(r, file, t->name, fork_name, (long)d, (long)g, (long)v, msg);
            return;
        }
    } else if (st != EVM_TX_OK) {
        snprintf(msg, sizeof msg, "unexpected exception %s", evm_tx_status_name(st));
        fail_line(r, file, t->name, fork_name, (long)d, (long)g, (long)v, msg);
        return;
    }
    if (memcmp(root.bytes, want_root.bytes, 32) != 0) {
        hex_string(a, want_root.bytes, 32);
        hex_string(b, root.bytes, 32);
        snprintf(msg, sizeof msg, "state root: expected %s, got %s (%s)", a, b,
                 st != EVM_TX_OK ? evm_tx_status_name(st) : evm_status_name(res.exec_status));
        fail_line(r, file, t->name, fork_name, (long)d, (long)g, (long)v, msg);
        return;
    }
    if (memcmp(logs.bytes, want_logs.bytes, 32) != 0) {
        hex_string(a, want_logs.bytes, 32);
        hex_string(b, logs.bytes, 32);
        snprintf(msg, sizeof msg, "logs hash: expected %s, got %s", a, b);
        fail_line(r, file, t->name, fork_name, (long)d, (long)g, (long)v, msg);
        return;
    }
    r->passed++;
}

/* --json: the entry's result on stdout, one line, as goevmlab reads it */
static void json_string(FILE *f, const char *str)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)str; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static void json_result(runner *r, const char *name, const char *fork, bool pass)
{
    char root[70];
    if (r->have_root)
        hex_string(root, r->root.bytes, 32);
    else
        strcpy(root, "0x0000000000000000000000000000000000000000000000000000000000000000");
    printf("{\"stateRoot\":\"%s\",\"name\":", root);
    json_string(stdout, name);
    printf(",\"pass\":%s,\"fork\":", pass ? "true" : "false");
    json_string(stdout, fork);
    if (!pass) {
        printf(",\"error\":");
        json_string(stdout, r->last_error);
    }
    printf("}\n");
}

static void note_skipped_fork(runner *r, const char *name)
{
    size_t n = strlen(name), len = strlen(r->skipped_forks);
    for (const char *p = r->skipped_forks; (p = strstr(p, name)) != NULL; p += n)
        if ((p == r->skipped_forks || p[-1] == ' ') && (p[n] == ' ' || p[n] == 0))
            return;
    if (len + n + 2 < sizeof r->skipped_forks) {
        if (len)
            r->skipped_forks[len++] = ' ';
        memcpy(r->skipped_forks + len, name, n + 1);
    }
}

static void run_file(runner *r, const char *path)
{
    size_t size;
    char *text = cli_read_file(path, &size);
    if (!text) {
        printf("FAIL %s: cannot read\n", path);
        r->failed++;
        r->fail_by_pc[0]++;
        return;
    }
    evm_json_doc doc;
    if (!evm_json_parse(&doc, text, size, NULL)) {
        printf("FAIL %s: malformed JSON: %s\n", path, doc.error);
        r->failed++;
        r->fail_by_pc[0]++;
        free(text);
        return;
    }
    free(text);
    if (doc.root->type != EVM_JSON_OBJECT) {
        printf("FAIL %s: not a JSON object\n", path);
        r->failed++;
        r->fail_by_pc[0]++;
    }
    for (const evm_json *tj = doc.root->type == EVM_JSON_OBJECT ? doc.root->child : NULL; tj; tj = tj->next) {
        if (r->has_re && regexec(&r->re, tj->key, 0, NULL, 0) != 0)
            continue;
        const evm_json *post = evm_json_get(tj, "post");
        st_test t;
        if (!post || post->type != EVM_JSON_OBJECT || !parse_test(tj, &t)) {
            printf("FAIL %s:%s: malformed test: %s\n", path, tj->key, post ? err_text : "no post");
            r->failed++;
            r->fail_by_pc[0]++;
            free_test(&t);
            continue;
        }
        for (const evm_json *fj = post->child; fj; fj = fj->next) {
            evm_fork fork;
            bool known = evm_fork_from_name(fj->key, &fork);
            if (r->only_fork && (!known || strcmp(evm_fork_name(fork), r->only_fork) != 0) &&
                strcmp(fj->key, r->only_fork) != 0)
                continue;
            if (!known) {
                note_skipped_fork(r, fj->key);
                r->skipped += fj->type == EVM_JSON_ARRAY ? (long)fj->len : 1;
                continue;
            }
            if (fj->type != EVM_JSON_ARRAY) {
                printf("FAIL %s:%s:%s: post entry is not an array\n", path, tj->key, fj->key);
                r->failed++;
                r->fail_by_pc[0]++;
                continue;
            }
            t.block.prevrandao = evm_u256_from_u64(0);
            const evm_json *env = evm_json_get(tj, "env");
            const evm_json *rnd = fork >= EVM_PARIS ? evm_json_get(env, "currentRandom")
                                                    : evm_json_get(env, "currentDifficulty");
            if (rnd && !evm_json_u256(rnd, &t.block.prevrandao)) {
                evm_bytes32 b32;
                if (evm_json_bytes32(rnd, &b32))
                    t.block.prevrandao = evm_u256_from_be(b32.bytes, 32);
            }
            /* the blob parameters of this fork, if the test gives them (EIP-7840) */
            memset(&t.block.blob, 0, sizeof t.block.blob);
            const evm_json *bs = evm_json_get(evm_json_get(evm_json_get(tj, "config"), "blobSchedule"), fj->key);
            if (bs && (!evm_json_u64(evm_json_get(bs, "target"), &t.block.blob.target) ||
                       !evm_json_u64(evm_json_get(bs, "max"), &t.block.blob.max) ||
                       !evm_json_u64(evm_json_get(bs, "baseFeeUpdateFraction"), &t.block.blob.update_fraction))) {
                printf("FAIL %s:%s:%s: bad config.blobSchedule\n", path, tj->key, fj->key);
                r->failed++;
                r->fail_by_pc[0]++;
                continue;
            }
            for (const evm_json *e = fj->child; e; e = e->next) {
                long failed = r->failed;
                r->have_root = false;
                r->last_error[0] = 0;
                r->start_ns = now_ns();
                run_entry(r, path, &t, fork, fj->key, e);
                if (r->json)
                    json_result(r, tj->key, fj->key, failed == r->failed);
            }
        }
        free_test(&t);
    }
    evm_json_free(&doc);
    fflush(stdout);
}

static int usage(void)
{
    fprintf(stderr,
            "usage: evm statetest [--fork NAME] [--run REGEX] [--json|--human|--trace] [--jobs N] PATH...\n"
            "  --fork NAME   only this fork's post entries (default: every supported fork)\n"
            "  --run REGEX   only tests whose name matches (POSIX extended regex)\n"
            "  --json        EIP-3155 trace of every step on stderr, then per entry a summary\n"
            "                {\"output\",\"gasUsed\",\"time\"} and {\"stateRoot\"} on stderr and\n"
            "                {\"stateRoot\",\"name\",\"pass\",\"fork\"[,\"error\"]} on stdout (goevmlab)\n"
            "  --human       the summary only: failures and \"N passed, N failed\" (default)\n"
            "  --trace       EIP-3155 trace on stderr with the human summary on stdout\n"
            "  --jobs N      run N worker processes (default 1)\n");
    return 2;
}

/* the counters a worker sends back to the parent */
typedef struct counts { long passed, failed, skipped, by_pc[PC_COUNT]; char forks[256]; } counts;

int evm_cmd_statetest(int argc, char **argv)
{
    static runner r;
    memset(&r, 0, sizeof r);
    int jobs = 1, first = 1;
    for (; first < argc && argv[first][0] == '-'; first++) {
        const char *o = argv[first];
        if (!strcmp(o, "--trace")) {
            r.trace = true;
        } else if (!strcmp(o, "--json")) {
            r.json = true;
            r.trace = false;
        } else if (!strcmp(o, "--human")) {
            r.json = r.trace = false;
        } else if (!strcmp(o, "--fork") && first + 1 < argc) {
            evm_fork f;
            const char *name = argv[++first];
            r.only_fork = evm_fork_from_name(name, &f) ? evm_fork_name(f) : name;
        } else if (!strcmp(o, "--run") && first + 1 < argc) {
            if (regcomp(&r.re, argv[++first], REG_EXTENDED | REG_NOSUB) != 0) {
                fprintf(stderr, "statetest: bad regular expression %s\n", argv[first]);
                return 2;
            }
            r.has_re = true;
        } else if (!strcmp(o, "--jobs") && first + 1 < argc) {
            jobs = atoi(argv[++first]);
            if (jobs < 1 || jobs > 64)
                return usage();
        } else {
            return usage();
        }
    }
    if (first >= argc)
        return usage();
    char **files;
    size_t nfiles = cli_collect_json(argv + first, argc - first, &files);
    if (nfiles == 0) {
        fprintf(stderr, "statetest: no .json files found\n");
        return 2;
    }
    if (r.trace || r.json)
        jobs = 1;

    counts total;
    memset(&total, 0, sizeof total);
    int fds[64];
    pid_t pids[64];
    int worker = 0;
    bool is_worker = false;
    if (jobs > 1) {
        fflush(stdout);
        for (worker = 0; worker < jobs; worker++) {
            int p[2];
            if (pipe(p) != 0) {
                perror("pipe");
                return 2;
            }
            pid_t pid = fork();
            if (pid < 0) {
                perror("fork");
                return 2;
            }
            if (pid == 0) {
                close(p[0]);
                fds[0] = p[1];
                is_worker = true;
                break;
            }
            close(p[1]);
            fds[worker] = p[0];
            pids[worker] = pid;
        }
    }
    if (jobs == 1 || is_worker) {
        evm_vm_desc desc;
        memset(&desc, 0, sizeof desc);
        if (r.trace || r.json) {
            desc.tracer = cli_trace_step;
            desc.frame_end = cli_trace_frame_end;
            desc.tracer_user = &trace_state;
        }
        desc.code_cache_size = 4u << 20;          /* analysis kept across calls (and tests) */
        evm_vm_init(&r.vm, &desc);
        evm_state_init(&r.state, NULL);
        evm_precompiles_init(&r.pc, NULL);
        evm_state_set_precompile_fn(&r.state, record_precompile, &r);
        /* one line per failure, whole lines only, so workers may share stdout */
        setvbuf(stdout, NULL, _IOLBF, 0);
        for (size_t i = 0; i < nfiles; i++)
            if (jobs == 1 || (int)(i % (size_t)jobs) == worker)
                run_file(&r, files[i]);
        evm_precompiles_destroy(&r.pc);
        evm_state_destroy(&r.state);
        evm_vm_destroy(&r.vm);
        cli_trace_free(&trace_state);
        total.passed = r.passed;
        total.failed = r.failed;
        total.skipped = r.skipped;
        memcpy(total.by_pc, r.fail_by_pc, sizeof total.by_pc);
        memcpy(total.forks, r.skipped_forks, sizeof total.forks);
        if (is_worker) {
            fflush(stdout);
            ssize_t w = write(fds[0], &total, sizeof total);
            close(fds[0]);
            _exit(w == (ssize_t)sizeof total ? 0 : 3);
        }
    } else {
        for (int k = 0; k < jobs; k++) {
            counts c;
            ssize_t n = read(fds[k], &c, sizeof c);
            close(fds[k]);
            int status = 0;
            waitpid(pids[k], &status, 0);
            if (n != (ssize_t)sizeof c) {
                printf("FAIL worker %d died (status %d)\n", k, status);
                total.failed++;
                continue;
            }
            total.passed += c.passed;
            total.failed += c.failed;
            total.skipped += c.skipped;
            for (int i = 0; i < PC_COUNT; i++)
                total.by_pc[i] += c.by_pc[i];
            for (char *p = c.forks, *tok; (tok = strtok(p, " ")) != NULL; p = NULL)
                note_skipped_fork(&r, tok);
        }
        memcpy(total.forks, r.skipped_forks, sizeof total.forks);
    }
    cli_free_list(files, nfiles);
    if (r.has_re)
        regfree(&r.re);
    if (r.json)
        return total.failed ? 1 : 0;
    if (total.failed) {
        printf("failures by the precompiles they call:\n");
        for (int i = 0; i < PC_COUNT; i++)
            if (total.by_pc[i])
                printf("  %-24s %ld\n", pc_names[i], total.by_pc[i]);
    }
    if (total.skipped)
        printf("%ld passed, %ld failed, %ld skipped (forks not supported: %s)\n", total.passed,
               total.failed, total.skipped, total.forks);
    else
        printf("%ld passed, %ld failed\n", total.passed, total.failed);
    return total.failed ? 1 : 0;
}
