/* validate_block.c - validating blocks from an embedding program, through the library's
   API alone (evm_state.h, evm_block.h): set up a state, decode the parent and the block,
   execute, read the verdict and the roots. The inputs here come from an EEST
   blockchain-test file (evm_json.h reads it); a node or a zkVM guest would take them from
   its own storage. Each block is timed: gas, milliseconds, Mgas/s.

     make build/validate_block
     build/validate_block FIXTURE.json [TEST-NAME-SUBSTRING]   */
#define _POSIX_C_SOURCE 200809L
#define EVM_IMPLEMENTATION
#include "../evm_block.h"
#include "../evm_json.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool hex_bytes(const evm_json *v, uint8_t **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    return v && v->type == EVM_JSON_STRING && (v->len <= 2 || evm_json_hex(v, NULL, out, n));
}

/* the pre-state: accounts with balance, nonce, code, storage */
static bool load_accounts(evm_state *s, const evm_json *pre)
{
    for (const evm_json *a = pre ? pre->child : NULL; a; a = a->next) {
        evm_json key = *a;
        key.type = EVM_JSON_STRING;
        key.str = a->key;
        key.len = strlen(a->key);
        evm_address addr;
        evm_u256 bal;
        uint64_t nonce;
        uint8_t *code;
        size_t n;
        if (!evm_json_address(&key, &addr) || !evm_json_u256(evm_json_get(a, "balance"), &bal) ||
            !evm_json_u64(evm_json_get(a, "nonce"), &nonce) || !hex_bytes(evm_json_get(a, "code"), &code, &n))
            return false;
        bool ok = evm_state_create(s, &addr) && evm_state_set_balance(s, &addr, &bal) &&
                  evm_state_set_nonce(s, &addr, nonce) && (!n || evm_state_set_code(s, &addr, code, n));
        free(code);
        const evm_json *st = evm_json_get(a, "storage");
        for (const evm_json *e = st ? st->child : NULL; ok && e; e = e->next) {
            evm_json k = *e;
            k.type = EVM_JSON_STRING;
            k.str = e->key;
            k.len = strlen(e->key);
            evm_u256 kk, vv;
            ok = evm_json_u256(&k, &kk) && evm_json_u256(e, &vv) && evm_state_set_storage(s, &addr, &kk, &vv);
        }
        if (!ok)
            return false;
    }
    return true;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int validate(const char *name, const evm_json *t)
{
    evm_chain_config chain;
    const evm_json *net = evm_json_get(t, "network");
    if (!net || net->type != EVM_JSON_STRING || !evm_chain_from_network(&chain, net->str)) {
        printf("%s: unknown network\n", name);
        return 1;
    }
    evm_state state;
    evm_state_init(&state, NULL);
    evm_precompiles pc;
    evm_precompiles_init(&pc, NULL);
    evm_state_set_precompiles(&state, &pc);
    evm_vm vm;
    evm_vm_init(&vm, NULL);
    int bad = !load_accounts(&state, evm_json_get(t, "pre"));

    evm_block parent, b;
    uint8_t *raw = NULL, *praw = NULL;
    size_t size = 0;
    memset(&parent, 0, sizeof parent);
    if (!bad && (!hex_bytes(evm_json_get(t, "genesisRLP"), &praw, &size) ||
                 evm_block_decode(&parent, praw, size, NULL) != EVM_BLOCK_OK))
        bad = 1;
    const evm_json *blocks = evm_json_get(t, "blocks");
    for (const evm_json *bj = blocks && !bad ? blocks->child : NULL; bj; bj = bj->next) {
        if (!hex_bytes(evm_json_get(bj, "rlp"), &raw, &size))
            break;
        evm_block_status st = evm_block_decode(&b, raw, size, NULL);
        evm_block_result r;
        memset(&r, 0, sizeof r);
        double t0 = now();
        if (st == EVM_BLOCK_OK)
            st = evm_block_execute(&state, &vm, &chain, &parent.header, &b, &r);
        double ms = (now() - t0) * 1e3;
        bool expected_invalid = evm_json_get(bj, "expectException") != NULL;
        printf("%s: block %llu: %s%s, %llu gas, %.3f ms, %.1f Mgas/s\n", name,
               (unsigned long long)b.header.number, evm_block_status_name(st),
               expected_invalid ? " (expected invalid)" : "", (unsigned long long)r.gas_used, ms,
               ms > 0 ? (double)r.gas_used / ms / 1e3 : 0.0);
        if ((st == EVM_BLOCK_OK) == expected_invalid)
            bad = 1;
        evm_block_result_free(&r);
        if (st == EVM_BLOCK_OK) {             /* the block becomes the parent */
            evm_block_free(&parent);
            free(praw);
            parent = b;
            praw = raw;
        } else {
            evm_block_free(&b);
            free(raw);
        }
        raw = NULL;
    }
    evm_block_free(&parent);
    free(praw);
    evm_vm_destroy(&vm);
    evm_precompiles_destroy(&pc);
    evm_state_destroy(&state);
    return bad;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: validate_block FIXTURE.json [TEST-NAME-SUBSTRING]\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc(n > 0 ? (size_t)n : 1);
    size_t got = text ? fread(text, 1, (size_t)n, f) : 0;
    fclose(f);
    evm_json_doc doc;
    if (!text || got != (size_t)n || !evm_json_parse(&doc, text, got, NULL)) {
        fprintf(stderr, "%s: %s\n", argv[1], text ? doc.error : "out of memory");
        free(text);
        return 2;
    }
    free(text);
    int failed = 0, passed = 0;
    for (const evm_json *t = doc.root->child; t; t = t->next) {
        if (argc > 2 && !strstr(t->key, argv[2]))
            continue;
        if (validate(t->key, t))
            failed++;
        else
            passed++;
    }
    evm_json_free(&doc);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
