/* run.c - `evm run [options] CODE_HEX`: run bytecode as the code of a contract called at
   depth 0 on the in-memory state (evm_state.h), and print one JSON object:
     {"status":"success|revert|halt","error":null|"...","gasUsed":N,"gasLeft":N,
      "gasRefund":N,"output":"0x..","logs":[{"address":..,"topics":[..],"data":..}],
      "storage":{"0x<slot>":"0x<value>"}}
   gasUsed excludes intrinsic gas and refunds; storage lists the contract's slots whose
   value differs from the start (both as 32-byte hex). The warm set is that of a
   transaction's start: sender, origin, the contract, the precompiles, and the coinbase
   from Shanghai on. The caller is given 10^30 wei (or the value, if larger). */
#include "cli.h"
#include "../evm_json.h"
#include "../evm_state.h"
#include <stdlib.h>
#include <string.h>

static int usage(void)
{
    fprintf(stderr,
            "usage: evm run [options] CODE_HEX\n"
            "  --fork NAME          fork rules (default Osaka)\n"
            "  --gas N              gas limit of the call (default 10000000)\n"
            "  --input HEX          call data\n"
            "  --value N            value sent with the call\n"
            "  --caller A --origin A --address A --coinbase A   20-byte hex addresses\n"
            "  --gas-price N --base-fee N --number N --timestamp N --block-gas-limit N\n"
            "  --prevrandao HEX --chain-id N --excess-blob-gas N\n"
            "  --storage JSON       initial storage of the contract: {\"0x1\":\"0x2\",...}\n"
            "  --static             run in a STATICCALL context\n"
            "numbers are decimal or 0x-hex\n");
    return 2;
}

static bool parse_u256(const char *s, evm_u256 *out)
{
    evm_json j = {EVM_JSON_STRING, NULL, s, strlen(s), NULL, NULL};
    if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) {
        j.type = EVM_JSON_NUMBER;       /* decimal */
    }
    return evm_json_u256(&j, out);
}
static bool parse_u64(const char *s, uint64_t *out)
{
    evm_u256 v;
    if (!parse_u256(s, &v) || v.w[1] || v.w[2] || v.w[3])
        return false;
    *out = v.w[0];
    return true;
}
static bool parse_addr(const char *s, evm_address *out)
{
    evm_json j = {EVM_JSON_STRING, NULL, s, strlen(s), NULL, NULL};
    return evm_json_address(&j, out);
}
static void addr_const(evm_address *a, uint32_t tail)
{
    memset(a, 0, sizeof *a);
    for (int i = 0; i < 4; i++) a->bytes[19 - i] = (uint8_t)(tail >> (8 * i));
}

static void print_u256_hex(const evm_u256 *v)
{
    uint8_t b[32];
    evm_u256_to_be(v, b);
    cli_print_hex(stdout, b, 32);
}

int evm_cmd_run(int argc, char **argv)
{
    evm_fork fork = EVM_OSAKA;
    uint64_t gas = 10000000, number = 1, timestamp = 1, block_gas_limit = 30000000, excess_blob = 0;
    bool is_static = false, have_excess = false;
    evm_u256 value = {{0, 0, 0, 0}}, gas_price = {{0, 0, 0, 0}}, base_fee = {{0, 0, 0, 0}};
    evm_u256 chain_id = {{1, 0, 0, 0}}, prevrandao = {{0, 0, 0, 0}};
    evm_address caller, origin, address, coinbase;
    bool have_origin = false;
    addr_const(&caller, 0xca11e4);
    addr_const(&address, 0xc0ffee);
    addr_const(&coinbase, 0xc0ba5e);
    const char *input_hex = "", *storage_json = NULL, *code_hex = NULL;
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        bool ok = true;
        if (!strcmp(o, "--static")) { is_static = true; continue; }
        if (o[0] != '-' || o[1] != '-') {
            if (code_hex) return usage();
            code_hex = o;
            continue;
        }
        if (!v) return usage();
        i++;
        if (!strcmp(o, "--fork")) ok = evm_fork_from_name(v, &fork);
        else if (!strcmp(o, "--gas")) ok = parse_u64(v, &gas) && gas <= INT64_MAX;
        else if (!strcmp(o, "--input")) input_hex = v;
        else if (!strcmp(o, "--value")) ok = parse_u256(v, &value);
        else if (!strcmp(o, "--caller")) ok = parse_addr(v, &caller);
        else if (!strcmp(o, "--origin")) ok = have_origin = parse_addr(v, &origin);
        else if (!strcmp(o, "--address")) ok = parse_addr(v, &address);
        else if (!strcmp(o, "--coinbase")) ok = parse_addr(v, &coinbase);
        else if (!strcmp(o, "--gas-price")) ok = parse_u256(v, &gas_price);
        else if (!strcmp(o, "--base-fee")) ok = parse_u256(v, &base_fee);
        else if (!strcmp(o, "--number")) ok = parse_u64(v, &number);
        else if (!strcmp(o, "--timestamp")) ok = parse_u64(v, &timestamp);
        else if (!strcmp(o, "--block-gas-limit")) ok = parse_u64(v, &block_gas_limit) && block_gas_limit <= INT64_MAX;
        else if (!strcmp(o, "--prevrandao")) ok = parse_u256(v, &prevrandao);
        else if (!strcmp(o, "--chain-id")) ok = parse_u256(v, &chain_id);
        else if (!strcmp(o, "--excess-blob-gas")) ok = have_excess = parse_u64(v, &excess_blob);
        else if (!strcmp(o, "--storage")) storage_json = v;
        else return usage();
        if (!ok) {
            fprintf(stderr, "evm run: bad value for %s: %s\n", o, v);
            return 2;
        }
    }
    if (!code_hex)
        return usage();
    if (!have_origin)
        origin = caller;
    uint8_t *code = NULL, *input = NULL;
    size_t code_size = 0, input_size = 0;
    if (!cli_parse_hex(code_hex, &code, &code_size)) {
        fprintf(stderr, "evm run: CODE_HEX is not even-length hex\n");
        return 2;
    }
    if (!cli_parse_hex(input_hex, &input, &input_size)) {
        fprintf(stderr, "evm run: --input is not even-length hex\n");
        free(code);
        return 2;
    }

    evm_state st;
    evm_state_init(&st, NULL);
    evm_precompiles pre;
    evm_precompiles_init(&pre, NULL);
    evm_state_set_precompiles(&st, &pre);
    static const uint8_t ten30[13] = {0x0c, 0x9f, 0x2c, 0x9c, 0xd0, 0x46, 0x74, 0xed, 0xea, 0x40, 0, 0, 0};
    evm_u256 rich = evm_u256_from_be(ten30, sizeof ten30);   /* 10^30 wei */
    if (evm_u256_lt(&rich, &value))
        rich = value;
    int rc = 0;
    bool ok = evm_state_create(&st, &caller) && evm_state_set_balance(&st, &caller, &rich) &&
              evm_state_create(&st, &address) && evm_state_set_code(&st, &address, code, code_size);
    if (ok && storage_json) {
        evm_json_doc doc;
        if (!evm_json_parse(&doc, storage_json, strlen(storage_json), NULL)) {
            fprintf(stderr, "evm run: --storage: %s\n", doc.error);
            ok = false;
            rc = 2;
        } else {
            if (doc.root->type != EVM_JSON_OBJECT) {
                fprintf(stderr, "evm run: --storage must be a JSON object\n");
                ok = false;
                rc = 2;
            }
            for (const evm_json *s = ok ? doc.root->child : NULL; s && ok; s = s->next) {
                evm_u256 k, v;
                if (!parse_u256(s->key, &k) || s->type != EVM_JSON_STRING || !parse_u256(s->str, &v)) {
                    fprintf(stderr, "evm run: --storage: bad slot %s\n", s->key);
                    ok = false;
                    rc = 2;
                } else {
                    ok = evm_state_set_storage(&st, &address, &k, &v);
                }
            }
            evm_json_free(&doc);
        }
    }
    /* remember the starting storage to report what changed */
    evm_state initial;
    evm_state_init(&initial, NULL);
    size_t iter = 0;
    evm_u256 k, v;
    while (ok && evm_state_next_slot(&st, &address, &iter, &k, &v))
        ok = evm_state_set_storage(&initial, &address, &k, &v);
    if (!ok) {
        if (!rc) fprintf(stderr, "evm run: out of memory\n");
        rc = rc ? rc : 2;
        goto out;
    }

    evm_tx_context tx;
    memset(&tx, 0, sizeof tx);
    tx.gas_price = gas_price;
    tx.origin = origin;
    tx.coinbase = coinbase;
    tx.number = number;
    tx.timestamp = timestamp;
    tx.gas_limit = (int64_t)block_gas_limit;
    tx.prevrandao = prevrandao;
    tx.chain_id = chain_id;
    tx.base_fee = base_fee;
    tx.blob_base_fee = evm_blob_base_fee(have_excess ? excess_blob : 0,
                                         evm_fork_blob_params(fork).update_fraction);

    evm_state_begin_transaction(&st, fork);
    evm_state_warm_account(&st, &caller);
    evm_state_warm_account(&st, &origin);
    evm_state_warm_account(&st, &address);
    for (uint8_t p = 1; p <= 0x0a; p++) {
        evm_address a;
        addr_const(&a, p);
        if (evm_precompile_is_active(fork, &a))
            evm_state_warm_account(&st, &a);
    }
    if (fork >= EVM_SHANGHAI)
        evm_state_warm_account(&st, &coinbase);

    evm_message m;
    memset(&m, 0, sizeof m);
    m.kind = EVM_CALL;
    m.is_static = is_static;
    m.gas = (int64_t)gas;
    m.recipient = address;
    m.code_address = address;
    m.sender = caller;
    m.value = value;
    m.input = input;
    m.input_size = input_size;
    evm_vm vm;
    evm_vm_init(&vm, NULL);
    evm_result r;
    evm_execute(&vm, evm_state_host(), &st, fork, &tx, &m, &r);

    const char *status = r.status == EVM_SUCCESS ? "success" : r.status == EVM_REVERT ? "revert" : "halt";
    printf("{\"status\":\"%s\",\"error\":", status);
    if (r.status == EVM_SUCCESS)
        printf("null");
    else
        printf("\"%s\"", evm_status_name(r.status));
    printf(",\"gasUsed\":%lld,\"gasLeft\":%lld,\"gasRefund\":%lld,\"output\":\"",
           (long long)(m.gas - r.gas_left), (long long)r.gas_left, (long long)r.gas_refund);
    cli_print_hex(stdout, r.output, r.output_size);
    printf("\",\"logs\":[");
    for (size_t i = 0; i < evm_state_log_count(&st); i++) {
        evm_state_log l;
        evm_state_get_log(&st, i, &l);
        printf("%s{\"address\":\"", i ? "," : "");
        cli_print_hex(stdout, l.address.bytes, 20);
        printf("\",\"topics\":[");
        for (size_t t = 0; t < l.topic_count; t++) {
            printf("%s\"", t ? "," : "");
            cli_print_hex(stdout, l.topics[t].bytes, 32);
            printf("\"");
        }
        printf("],\"data\":\"");
        cli_print_hex(stdout, l.data, l.data_size);
        printf("\"}");
    }
    printf("],\"storage\":{");
    /* changed slots: now different from the start (new, changed, or cleared) */
    int printed = 0;
    iter = 0;
    while (evm_state_next_slot(&st, &address, &iter, &k, &v)) {
        evm_u256 was = evm_state_storage(&initial, &address, &k);
        if (evm_u256_eq(&was, &v)) continue;
        printf("%s\"", printed++ ? "," : "");
        print_u256_hex(&k);
        printf("\":\"");
        print_u256_hex(&v);
        printf("\"");
    }
    iter = 0;
    while (evm_state_next_slot(&initial, &address, &iter, &k, &v)) {
        evm_u256 now = evm_state_storage(&st, &address, &k);
        if (!evm_u256_is_zero(&now)) continue;   /* cleared slots are not iterated above */
        printf("%s\"", printed++ ? "," : "");
        print_u256_hex(&k);
        printf("\":\"");
        print_u256_hex(&now);
        printf("\"");
    }
    printf("}}\n");
    evm_vm_destroy(&vm);
out:
    evm_state_destroy(&initial);
    evm_state_destroy(&st);
    evm_precompiles_destroy(&pre);
    free(code);
    free(input);
    return rc;
}
