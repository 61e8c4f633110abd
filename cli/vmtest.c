/* vmtest.c - `evm vmtest [--fork NAME] PATH...`: the classic Ethereum VM tests.

   Each test runs exec.code at exec.address in the pre-state, as a message whose value is
   only apparent (CALLVALUE), as the old test format defines it: no value moves, no
   transaction around it. A test without "post" expects an exceptional halt. Otherwise
   the gas left, the output, the logs hash and the whole post state (every account, its
   balance, nonce, code and every non-zero storage slot) must match exactly. The gas
   schedule is Frontier's unless --fork says otherwise. */
#include "cli.h"
#include "../evm_json.h"
#include "../evm_state.h"
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *file, *name;
    char why[512];
} vm_case;

static bool fail(vm_case *c, const char *fmt, const char *a, const char *b)
{
    snprintf(c->why, sizeof c->why, fmt, a, b);
    return false;
}

static void hex_u256(char *out, const evm_u256 *v)
{
    uint8_t b[32];
    evm_u256_to_be(v, b);
    out[0] = '0';
    out[1] = 'x';
    for (int i = 0; i < 32; i++) sprintf(out + 2 + 2 * i, "%02x", b[i]);
}

static void hex_addr(char *out, const evm_address *a)
{
    out[0] = '0';
    out[1] = 'x';
    for (int i = 0; i < 20; i++) sprintf(out + 2 + 2 * i, "%02x", a->bytes[i]);
}

/* Load "pre"-style accounts into the state. */
static bool load_accounts(evm_state *st, const evm_json *accounts, vm_case *c)
{
    for (const evm_json *a = accounts ? accounts->child : NULL; a; a = a->next) {
        evm_address addr;
        evm_json key = {EVM_JSON_STRING, NULL, a->key, strlen(a->key), NULL, NULL};
        evm_u256 bal;
        uint64_t nonce;
        uint8_t *code = NULL;
        size_t code_size = 0;
        if (!evm_json_address(&key, &addr) || !evm_json_u256(evm_json_get(a, "balance"), &bal) ||
            !evm_json_u64(evm_json_get(a, "nonce"), &nonce) ||
            !evm_json_hex(evm_json_get(a, "code"), NULL, &code, &code_size))
            return fail(c, "malformed account %s%s", a->key, "");
        bool ok = evm_state_create(st, &addr) && evm_state_set_balance(st, &addr, &bal) &&
                  evm_state_set_nonce(st, &addr, nonce) && evm_state_set_code(st, &addr, code, code_size);
        free(code);
        const evm_json *storage = evm_json_get(a, "storage");
        for (const evm_json *s = storage ? storage->child : NULL; ok && s; s = s->next) {
            evm_u256 k, v;
            evm_json kj = {EVM_JSON_STRING, NULL, s->key, strlen(s->key), NULL, NULL};
            if (!evm_json_u256(&kj, &k) || !evm_json_u256(s, &v))
                return fail(c, "malformed storage of %s%s", a->key, "");
            ok = evm_state_set_storage(st, &addr, &k, &v);
        }
        if (!ok)
            return fail(c, "out of memory loading %s%s", a->key, "");
    }
    return true;
}

/* Compare the state with "post": the same accounts, each with the same fields. */
static bool check_post(evm_state *st, const evm_json *post, vm_case *c)
{
    size_t expected_accounts = 0;
    char x[80], y[80];
    for (const evm_json *a = post->child; a; a = a->next) {
        evm_address addr;
        evm_json key = {EVM_JSON_STRING, NULL, a->key, strlen(a->key), NULL, NULL};
        evm_u256 bal;
        uint64_t nonce;
        uint8_t *code = NULL;
        size_t code_size = 0, have_size = 0;
        expected_accounts++;
        if (!evm_json_address(&key, &addr) || !evm_json_u256(evm_json_get(a, "balance"), &bal) ||
            !evm_json_u64(evm_json_get(a, "nonce"), &nonce) ||
            !evm_json_hex(evm_json_get(a, "code"), NULL, &code, &code_size))
            return fail(c, "malformed post account %s%s", a->key, "");
        if (!evm_state_exists(st, &addr)) {
            free(code);
            return fail(c, "account %s missing%s", a->key, "");
        }
        evm_u256 have_bal = evm_state_balance(st, &addr);
        const uint8_t *have_code = evm_state_code(st, &addr, &have_size);
        bool code_ok = have_size == code_size && (!code_size || !memcmp(have_code, code, code_size));
        free(code);
        if (!evm_u256_eq(&have_bal, &bal)) {
            hex_u256(x, &have_bal);
            hex_u256(y, &bal);
            snprintf(c->why, sizeof c->why, "%s balance %s, expected %s", a->key, x, y);
            return false;
        }
        if (evm_state_nonce(st, &addr) != nonce)
            return fail(c, "%s nonce differs%s", a->key, "");
        if (!code_ok)
            return fail(c, "%s code differs%s", a->key, "");
        const evm_json *storage = evm_json_get(a, "storage");
        size_t expected_slots = 0;
        for (const evm_json *s = storage ? storage->child : NULL; s; s = s->next) {
            evm_u256 k, v;
            evm_json kj = {EVM_JSON_STRING, NULL, s->key, strlen(s->key), NULL, NULL};
            if (!evm_json_u256(&kj, &k) || !evm_json_u256(s, &v))
                return fail(c, "malformed post storage of %s%s", a->key, "");
            if (!evm_u256_is_zero(&v))
                expected_slots++;
            evm_u256 have = evm_state_storage(st, &addr, &k);
            if (!evm_u256_eq(&have, &v)) {
                hex_u256(x, &have);
                snprintf(c->why, sizeof c->why, "%s storage[%s] = %s, expected %s", a->key, s->key, x,
                         s->str);
                return false;
            }
        }
        size_t iter = 0, have_slots = 0;
        evm_u256 k, v;
        while (evm_state_next_slot(st, &addr, &iter, &k, &v))
            if (!evm_u256_is_zero(&v))
                have_slots++;
        if (have_slots != expected_slots) {
            snprintf(c->why, sizeof c->why, "%s has %zu non-zero slots, expected %zu", a->key,
                     have_slots, expected_slots);
            return false;
        }
    }
    size_t iter = 0, have_accounts = 0;
    evm_address addr;
    while (evm_state_next_account(st, &iter, &addr)) {
        have_accounts++;
        hex_addr(x, &addr);
        if (!evm_json_get(post, x)) {
            /* the test's addresses may use upper case: compare case-insensitively */
            bool found = false;
            for (const evm_json *a = post->child; a && !found; a = a->next) {
                evm_address p;
                evm_json key = {EVM_JSON_STRING, NULL, a->key, strlen(a->key), NULL, NULL};
                found = evm_json_address(&key, &p) && !memcmp(p.bytes, addr.bytes, 20);
            }
            if (!found)
                return fail(c, "unexpected account %s in the post state%s", x, "");
        }
    }
    if (have_accounts != expected_accounts)
        return fail(c, "account count differs%s%s", "", "");
    return true;
}

static bool run_case(const evm_json *t, evm_fork fork, vm_case *c)
{
    const evm_json *env = evm_json_get(t, "env"), *exec = evm_json_get(t, "exec");
    const evm_json *post = evm_json_get(t, "post");
    if (!env || !exec)
        return fail(c, "no env or exec%s%s", "", "");
    evm_tx_context tx;
    memset(&tx, 0, sizeof tx);
    uint64_t gas_limit, gas;
    evm_message m;
    memset(&m, 0, sizeof m);
    uint8_t *code = NULL, *data = NULL;
    size_t code_size = 0, data_size = 0;
    if (!evm_json_address(evm_json_get(env, "currentCoinbase"), &tx.coinbase) ||
        !evm_json_u256(evm_json_get(env, "currentDifficulty"), &tx.prevrandao) ||
        !evm_json_u64(evm_json_get(env, "currentGasLimit"), &gas_limit) ||
        !evm_json_u64(evm_json_get(env, "currentNumber"), &tx.number) ||
        !evm_json_u64(evm_json_get(env, "currentTimestamp"), &tx.timestamp) ||
        !evm_json_address(evm_json_get(exec, "address"), &m.recipient) ||
        !evm_json_address(evm_json_get(exec, "caller"), &m.sender) ||
        !evm_json_address(evm_json_get(exec, "origin"), &tx.origin) ||
        !evm_json_u256(evm_json_get(exec, "gasPrice"), &tx.gas_price) ||
        !evm_json_u256(evm_json_get(exec, "value"), &m.value) ||
        !evm_json_u64(evm_json_get(exec, "gas"), &gas) || gas > INT64_MAX ||
        !evm_json_hex(evm_json_get(exec, "code"), NULL, &code, &code_size) ||
        !evm_json_hex(evm_json_get(exec, "data"), NULL, &data, &data_size)) {
        free(code);
        return fail(c, "malformed env or exec%s%s", "", "");
    }
    tx.gas_limit = gas_limit > INT64_MAX ? INT64_MAX : (int64_t)gas_limit;
    tx.chain_id = evm_u256_from_u64(1);

    evm_state st;
    evm_state_init(&st, NULL);
    bool ok = load_accounts(&st, evm_json_get(t, "pre"), c);
    evm_vm vm;
    evm_vm_init(&vm, NULL);
    evm_result r;
    if (ok) {
        /* the value is only apparent: a DELEGATECALL-kind message moves no value */
        m.kind = EVM_DELEGATECALL;
        m.code_address = m.recipient;
        m.gas = (int64_t)gas;
        m.input = data;
        m.input_size = data_size;
        m.code = code;
        m.code_size = code_size;
        evm_state_begin_transaction(&st, fork);
        evm_execute(&vm, evm_state_host(), &st, fork, &tx, &m, &r);
        if (!evm_state_end_transaction(&st))
            ok = fail(c, "out of memory%s%s", "", "");
    }
    if (ok && !post) {
        if (r.status == EVM_SUCCESS)
            ok = fail(c, "expected an exceptional halt, got success%s%s", "", "");
    } else if (ok) {
        uint64_t want_gas;
        uint8_t *want_out = NULL;
        size_t want_out_size = 0;
        evm_bytes32 logs, want_logs;
        if (r.status != EVM_SUCCESS) {
            ok = fail(c, "status %s, expected success%s", evm_status_name(r.status), "");
        } else if (!evm_json_u64(evm_json_get(t, "gas"), &want_gas) ||
                   !evm_json_hex(evm_json_get(t, "out"), NULL, &want_out, &want_out_size) ||
                   !evm_json_bytes32(evm_json_get(t, "logs"), &want_logs)) {
            ok = fail(c, "malformed gas, out or logs%s%s", "", "");
        } else if ((uint64_t)r.gas_left != want_gas) {
            snprintf(c->why, sizeof c->why, "gas left %lld, expected %llu", (long long)r.gas_left,
                     (unsigned long long)want_gas);
            ok = false;
        } else if (r.output_size != want_out_size ||
                   (want_out_size && memcmp(r.output, want_out, want_out_size))) {
            ok = fail(c, "output differs%s%s", "", "");
        } else if (!evm_state_logs_hash(&st, &logs) || memcmp(logs.bytes, want_logs.bytes, 32)) {
            ok = fail(c, "logs hash differs%s%s", "", "");
        } else {
            ok = check_post(&st, post, c);
        }
        free(want_out);
    }
    evm_vm_destroy(&vm);
    evm_state_destroy(&st);
    free(code);
    free(data);
    return ok;
}

int evm_cmd_vmtest(int argc, char **argv)
{
    evm_fork fork = EVM_FRONTIER;
    int first = 1;
    for (; first < argc && argv[first][0] == '-'; first++) {
        if (!strcmp(argv[first], "--fork") && first + 1 < argc) {
            if (!evm_fork_from_name(argv[++first], &fork)) {
                fprintf(stderr, "vmtest: unknown fork %s\n", argv[first]);
                return 2;
            }
        } else {
            fprintf(stderr, "usage: evm vmtest [--fork NAME] PATH...\n"
                            "  runs classic VM tests (default gas rules: Frontier)\n");
            return 2;
        }
    }
    char **files;
    size_t n = cli_collect_json(argv + first, argc - first, &files);
    if (n == 0) {                  /* a missing path is an error, not "0 passed, 0 failed" */
        fprintf(stderr, "vmtest: no .json files found\n");
        return 2;
    }
    size_t passed = 0, failed = 0;
    for (size_t i = 0; i < n; i++) {
        size_t size;
        char *text = cli_read_file(files[i], &size);
        evm_json_doc doc;
        if (!text || !evm_json_parse(&doc, text, size, NULL)) {
            printf("FAIL %s: %s\n", files[i], text ? doc.error : "unreadable");
            failed++;
            free(text);
            continue;
        }
        free(text);
        for (const evm_json *t = doc.root->type == EVM_JSON_OBJECT ? doc.root->child : NULL; t; t = t->next) {
            vm_case c;
            c.file = files[i];
            c.name = t->key;
            c.why[0] = 0;
            if (run_case(t, fork, &c)) {
                passed++;
            } else {
                failed++;
                printf("FAIL %s:%s: %s\n", files[i], t->key, c.why);
            }
        }
        evm_json_free(&doc);
    }
    cli_free_list(files, n);
    printf("%zu passed, %zu failed\n", passed, failed);
    return failed ? 1 : 0;
}
