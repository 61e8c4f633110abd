/* override.c - state overrides in geth's eth_call format (`evm run --override FILE`):
     {"0xADDRESS": {"balance": "0x..", "nonce": "0x..", "code": "0x..",
                    "state": {"0xSLOT": "0xVALUE", ..},        replaces the whole storage
                    "stateDiff": {"0xSLOT": "0xVALUE", ..}}}   changes only these slots
   Every field is optional; an account that does not exist is created. "state" and
   "stateDiff" together are an error, as in geth, and so is any other field
   (movePrecompileToAddress is not supported). Non-consensus: a simulation aid. */
#include "cli.h"
#include "../evm_json.h"
#include "../evm_state.h"
#include <stdlib.h>
#include <string.h>

static bool key_u256(const char *s, evm_u256 *out)
{
    evm_json k = {EVM_JSON_STRING, NULL, s, strlen(s), NULL, NULL};
    return s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && strlen(s) <= 66 && evm_json_u256(&k, out);
}

static bool set_slots(evm_state *st, const evm_address *a, const evm_json *obj, const char *what,
                      const char *account)
{
    if (obj->type != EVM_JSON_OBJECT) {
        fprintf(stderr, "override %s: %s is not an object\n", account, what);
        return false;
    }
    for (const evm_json *s = obj->child; s; s = s->next) {
        evm_u256 k, v;
        if (!key_u256(s->key, &k) || s->type != EVM_JSON_STRING || !evm_json_u256(s, &v) ||
            strlen(s->str) > 66) {
            fprintf(stderr, "override %s: bad %s slot %s\n", account, what, s->key);
            return false;
        }
        if (!evm_state_set_storage(st, a, &k, &v)) {
            fprintf(stderr, "override: out of memory\n");
            return false;
        }
    }
    return true;
}

int cli_apply_overrides(evm_state *st, const char *path)
{
    size_t size;
    char *text = cli_read_file(path, &size);
    if (!text)
        return 2;
    evm_json_doc doc;
    if (!evm_json_parse(&doc, text, size, NULL)) {
        fprintf(stderr, "override %s: malformed JSON: %s\n", path, doc.error);
        free(text);
        return 2;
    }
    free(text);
    int rc = 0;
    if (doc.root->type != EVM_JSON_OBJECT) {
        fprintf(stderr, "override %s: not a JSON object of accounts\n", path);
        rc = 2;
    }
    for (const evm_json *acc = rc ? NULL : doc.root->child; acc && !rc; acc = acc->next) {
        evm_address a;
        evm_json key = {EVM_JSON_STRING, NULL, acc->key, strlen(acc->key), NULL, NULL};
        if (!evm_json_address(&key, &a) || acc->type != EVM_JSON_OBJECT) {
            fprintf(stderr, "override %s: bad account %s\n", path, acc->key);
            rc = 2;
            break;
        }
        const evm_json *state = evm_json_get(acc, "state"), *diff = evm_json_get(acc, "stateDiff");
        if (state && diff) {
            fprintf(stderr, "override %s: account %s has both 'state' and 'stateDiff'\n", path, acc->key);
            rc = 2;
            break;
        }
        bool ok = evm_state_exists(st, &a) || evm_state_create(st, &a);
        for (const evm_json *f = acc->child; f && ok; f = f->next) {
            if (!strcmp(f->key, "balance")) {
                evm_u256 v;
                ok = evm_json_u256(f, &v) && evm_state_set_balance(st, &a, &v);
            } else if (!strcmp(f->key, "nonce")) {
                uint64_t n;
                ok = evm_json_u64(f, &n) && evm_state_set_nonce(st, &a, n);
            } else if (!strcmp(f->key, "code")) {
                uint8_t *code = NULL;
                size_t n = 0;
                ok = evm_json_hex(f, NULL, &code, &n) && evm_state_set_code(st, &a, code, n);
                free(code);
            } else if (!strcmp(f->key, "state")) {
                /* replace: clear every slot first */
                size_t iter = 0;
                evm_u256 k, v, zero = {{0, 0, 0, 0}};
                while (ok && evm_state_next_slot(st, &a, &iter, &k, &v))
                    ok = evm_state_set_storage(st, &a, &k, &zero);
                if (!ok || !set_slots(st, &a, f, "state", acc->key)) {
                    rc = 2;
                    break;
                }
            } else if (!strcmp(f->key, "stateDiff")) {
                if (!set_slots(st, &a, f, "stateDiff", acc->key)) {
                    rc = 2;
                    break;
                }
            } else {
                fprintf(stderr, "override %s: account %s: unsupported field %s\n", path, acc->key, f->key);
                rc = 2;
                break;
            }
            if (!ok) {
                fprintf(stderr, "override %s: account %s: bad %s\n", path, acc->key, f->key);
                rc = 2;
            }
        }
        if (!ok && !rc) {
            fprintf(stderr, "override: out of memory\n");
            rc = 2;
        }
    }
    evm_json_free(&doc);
    return rc;
}
