/* driver.c - the C side of the differential test (tests/difftest/difftest.mjs).

   Reads programs, one JSON object per line on stdin, runs each as one message at depth 0
   on a fresh evm_state.h (with the precompiles), and writes one JSON result per line:
     program: {"fork":"Cancun","gas":N,"caller":A,"to":A,"value":X,"data":H,
               "block":{"coinbase":A,"number":X,"timestamp":X,"gasLimit":X,"prevrandao":X,
                        "baseFee":X,"chainId":X,"gasPrice":X,"blobBaseFee":X,"blobHashes":[H]},
               "accounts":[{"address":A,"balance":X,"nonce":X,"code":H,"storage":[[X,X]..]}]}
     result:  {"status":"success|revert|halt","gasUsed":"N","refund":"N","output":H,
               "logs":[{"address":A,"topics":[H..],"data":H}],
               "state":{A:{"balance":X,"nonce":X,"codeHash":H,"storage":{X:X}}}}
   (A: 0x + 40 hex digits, X: 0x + minimal hex, H: 0x + bytes.) The warm set is that of a
   transaction's start (caller, `to`, the fork's precompiles up to 0x11 (Prague) and 0x100
   (Osaka), the coinbase from Shanghai);
   after the message, selfdestructed accounts and (from Spurious Dragon) touched empty
   ones are removed as at the end of a transaction (evm_state_end_transaction). The state
   lists every account with its non-zero slots. A malformed line gives {"error":"..."}. */
#define EVM_IMPLEMENTATION
#include "../../evm_state.h"
#include "../../evm_json.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_hex(const uint8_t *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    putchar('0');
    putchar('x');
    for (size_t i = 0; i < n; i++) {
        putchar(digits[p[i] >> 4]);
        putchar(digits[p[i] & 15]);
    }
}

static void put_num(const evm_u256 *v)
{
    static const char digits[] = "0123456789abcdef";
    uint8_t b[32];
    char hex[65];
    evm_u256_to_be(v, b);
    for (int i = 0; i < 32; i++) {
        hex[2 * i] = digits[b[i] >> 4];
        hex[2 * i + 1] = digits[b[i] & 15];
    }
    hex[64] = 0;
    int z = 0;
    while (z < 63 && hex[z] == '0') z++;
    printf("0x%s", hex + z);
}

static bool get_u256(const evm_json *o, const char *k, evm_u256 *v)
{
    const evm_json *x = evm_json_get(o, k);
    if (!x) { *v = evm_u256_from_u64(0); return true; }
    return evm_json_u256(x, v);
}

static bool get_u64(const evm_json *o, const char *k, uint64_t *v)
{
    const evm_json *x = evm_json_get(o, k);
    if (!x) { *v = 0; return true; }
    return evm_json_u64(x, v);
}

static const char *run(const evm_json *p)
{
    evm_fork fork;
    const evm_json *f = evm_json_get(p, "fork"), *block = evm_json_get(p, "block");
    const evm_json *accounts = evm_json_get(p, "accounts");
    if (!f || f->type != EVM_JSON_STRING || !evm_fork_from_name(f->str, &fork)) return "bad fork";
    if (!block || !accounts || accounts->type != EVM_JSON_ARRAY) return "no block or accounts";
    uint64_t gas, number, timestamp, gas_limit;
    evm_u256 value, gas_price, base_fee, chain_id, prevrandao, blob_fee;
    evm_address caller, to, coinbase;
    if (!get_u64(p, "gas", &gas) || gas > INT64_MAX || !get_u256(p, "value", &value) ||
        !evm_json_address(evm_json_get(p, "caller"), &caller) || !evm_json_address(evm_json_get(p, "to"), &to))
        return "bad message";
    if (!evm_json_address(evm_json_get(block, "coinbase"), &coinbase) || !get_u64(block, "number", &number) ||
        !get_u64(block, "timestamp", &timestamp) || !get_u64(block, "gasLimit", &gas_limit) ||
        !get_u256(block, "prevrandao", &prevrandao) || !get_u256(block, "baseFee", &base_fee) ||
        !get_u256(block, "chainId", &chain_id) || !get_u256(block, "gasPrice", &gas_price) ||
        !get_u256(block, "blobBaseFee", &blob_fee) || gas_limit > INT64_MAX)
        return "bad block";
    uint8_t *data = NULL;
    size_t data_size = 0;
    const evm_json *dj = evm_json_get(p, "data");
    if (dj && !evm_json_hex(dj, NULL, &data, &data_size)) return "bad data";
    evm_bytes32 blobs[8];
    size_t blob_count = 0;
    const evm_json *bh = evm_json_get(block, "blobHashes");
    for (const evm_json *h = bh ? bh->child : NULL; h && blob_count < 8; h = h->next)
        if (!evm_json_bytes32(h, &blobs[blob_count++])) { free(data); return "bad blob hash"; }

    evm_state st;
    evm_state_init(&st, NULL);
    evm_precompiles pc;
    evm_precompiles_init(&pc, NULL);
    evm_state_set_precompiles(&st, &pc);
    const char *err = NULL;
    for (const evm_json *a = accounts->child; a && !err; a = a->next) {
        evm_address addr;
        evm_u256 bal;
        uint64_t nonce;
        uint8_t *code = NULL;
        size_t code_size = 0;
        const evm_json *cj = evm_json_get(a, "code"), *sj = evm_json_get(a, "storage");
        if (!evm_json_address(evm_json_get(a, "address"), &addr) || !get_u256(a, "balance", &bal) ||
            !get_u64(a, "nonce", &nonce) || (cj && !evm_json_hex(cj, NULL, &code, &code_size))) {
            err = "bad account";
            break;
        }
        evm_state_create(&st, &addr);
        evm_state_set_balance(&st, &addr, &bal);
        evm_state_set_nonce(&st, &addr, nonce);
        if (code_size) evm_state_set_code(&st, &addr, code, code_size);
        free(code);
        for (const evm_json *kv = sj ? sj->child : NULL; kv; kv = kv->next) {
            evm_u256 k, v;
            if (kv->type != EVM_JSON_ARRAY || kv->len != 2 || !evm_json_u256(kv->child, &k) ||
                !evm_json_u256(kv->child->next, &v)) { err = "bad storage"; break; }
            evm_state_set_storage(&st, &addr, &k, &v);
        }
    }
    if (err) {
        evm_state_destroy(&st);
        evm_precompiles_destroy(&pc);
        free(data);
        return err;
    }

    evm_state_begin_transaction(&st, fork);
    if (fork >= EVM_BERLIN) {
        evm_state_warm_account(&st, &caller);
        evm_state_warm_account(&st, &to);
        /* the fork's precompiles: 1..9, 0x0a (Cancun), 0x0b..0x11 (Prague), 0x100 (Osaka) */
        unsigned n = fork >= EVM_PRAGUE ? 0x11 : fork >= EVM_CANCUN ? 10 : 9;
        for (unsigned i = 1; i <= n + (fork >= EVM_OSAKA); i++) {
            evm_address a;
            memset(&a, 0, sizeof a);
            if (i > n) a.bytes[18] = 1;   /* 0x100 */
            else a.bytes[19] = (uint8_t)i;
            evm_state_warm_account(&st, &a);
        }
        if (fork >= EVM_SHANGHAI) evm_state_warm_account(&st, &coinbase);
    }
    evm_tx_context tx;
    memset(&tx, 0, sizeof tx);
    tx.gas_price = gas_price;
    tx.origin = caller;
    tx.coinbase = coinbase;
    tx.number = number;
    tx.timestamp = timestamp;
    tx.gas_limit = (int64_t)gas_limit;
    tx.prevrandao = prevrandao;
    tx.chain_id = chain_id;
    tx.base_fee = base_fee;
    tx.blob_base_fee = blob_fee;
    tx.blob_hashes = blob_count ? blobs : NULL;
    tx.blob_hashes_count = blob_count;
    evm_message msg;
    memset(&msg, 0, sizeof msg);
    msg.kind = EVM_CALL;
    msg.gas = (int64_t)gas;
    msg.recipient = msg.code_address = to;
    msg.sender = caller;
    msg.value = value;
    msg.input = data;
    msg.input_size = data_size;
    evm_vm vm;
    evm_vm_init(&vm, NULL);
    evm_result r;
    evm_status s = evm_execute(&vm, evm_state_host(), &st, fork, &tx, &msg, &r);
    if (s >= EVM_OUT_OF_MEMORY) {
        err = evm_status_name(s);
    } else {
        printf("{\"status\":\"%s\",\"gasUsed\":\"%lld\",\"refund\":\"%lld\",\"output\":\"",
               s == EVM_SUCCESS ? "success" : s == EVM_REVERT ? "revert" : "halt",
               (long long)(msg.gas - r.gas_left), (long long)r.gas_refund);
        put_hex(r.output, r.output_size);
        printf("\",\"logs\":[");
        for (size_t i = 0; i < evm_state_log_count(&st); i++) {
            evm_state_log l;
            evm_state_get_log(&st, i, &l);
            printf("%s{\"address\":\"", i ? "," : "");
            put_hex(l.address.bytes, 20);
            printf("\",\"topics\":[");
            for (size_t t = 0; t < l.topic_count; t++) {
                printf("%s\"", t ? "," : "");
                put_hex(l.topics[t].bytes, 32);
                putchar('"');
            }
            printf("],\"data\":\"");
            put_hex(l.data, l.data_size);
            printf("\"}");
        }
        printf("],\"halt\":\"%s\",\"state\":{", evm_status_name(s));
        evm_state_end_transaction(&st);   /* false only if out of memory: not here */
        size_t it = 0;
        evm_address a;
        bool first = true;
        while (evm_state_next_account(&st, &it, &a)) {
            printf("%s\"", first ? "" : ",");
            first = false;
            put_hex(a.bytes, 20);
            evm_u256 bal = evm_state_balance(&st, &a), nonce = evm_u256_from_u64(evm_state_nonce(&st, &a));
            evm_bytes32 ch;
            evm_state_code_hash(&st, &a, &ch);
            printf("\":{\"balance\":\"");
            put_num(&bal);
            printf("\",\"nonce\":\"");
            put_num(&nonce);
            printf("\",\"codeHash\":\"");
            put_hex(ch.bytes, 32);
            printf("\",\"storage\":{");
            size_t j = 0;
            evm_u256 k, v;
            bool f1 = true;
            while (evm_state_next_slot(&st, &a, &j, &k, &v)) {
                printf("%s\"", f1 ? "" : ",");
                f1 = false;
                put_num(&k);
                printf("\":\"");
                put_num(&v);
                putchar('"');
            }
            printf("}}");
        }
        printf("}}\n");
    }
    evm_vm_destroy(&vm);
    evm_state_destroy(&st);
    evm_precompiles_destroy(&pc);
    free(data);
    return err;
}

int main(void)
{
    size_t cap = 1 << 16;
    char *line = (char *)malloc(cap);
    if (!line) return 1;
    for (;;) {
        size_t n = 0;
        int c;
        while ((c = getchar()) != EOF && c != '\n') {
            if (n + 1 >= cap) {
                char *l = (char *)realloc(line, cap * 2);
                if (!l) { free(line); return 1; }
                line = l;
                cap *= 2;
            }
            line[n++] = (char)c;
        }
        if (c == EOF && n == 0) break;
        evm_json_doc doc;
        const char *err = NULL;
        if (!evm_json_parse(&doc, line, n, NULL)) {
            printf("{\"error\":\"json: %s\"}\n", doc.error);
        } else {
            err = run(doc.root);
            if (err) printf("{\"error\":\"%s\"}\n", err);
            evm_json_free(&doc);
        }
        fflush(stdout);
        if (c == EOF) break;
    }
    free(line);
    return 0;
}
