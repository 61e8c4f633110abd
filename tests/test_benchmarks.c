/* test_benchmarks.c - the standard benchmark contracts (../shared/evm-benchmarks, or the
   directory in $EVM_BENCHMARKS) run to completion under Cancun rules, each data variant's
   call using exactly the gas evmone 0.15 reports for it (../shared/PERF-ANCHORS.md;
   snailtracer: 165,962,868, as EthereumJS also reports). Gas is the call's: intrinsic gas
   excluded, before refunds. Without the data directory the test reports that it did not
   run (0 passed, 0 failed) rather than passing. */
#define _POSIX_C_SOURCE 200809L
#define EVM_IMPLEMENTATION
#define EVM_STATE_NO_PRECOMPILES
#include "../evm.h"
#include "../evm_json.h"
#include "../evm_state.h"
#include "test.h"
#include <stdlib.h>

static const struct { const char *name; int64_t gas; } anchors[] = {
    {"main_blake2b_huff_8415nulls", 879923},
    {"main_blake2b_huff_empty", 13984},
    {"main_blake2b_shifts_8415nulls", 12043105},
    {"main_sha1_divs_5311", 3000286},
    {"main_sha1_divs_empty", 36454},
    {"main_sha1_shifts_5311", 2898473},
    {"main_sha1_shifts_empty", 35234},
    {"main_snailtracer_benchmark", 165962868},
    {"main_structarray_alloc_nfts_rank", 1737676},
    {"main_swap_math_insufficient_liquidity", 2232},
    {"main_swap_math_received", 3505},
    {"main_swap_math_spent", 3179},
    {"main_weierstrudel_1", 47561},
    {"main_weierstrudel_15", 598273},
    {"micro_JUMPDEST_n0_empty", 527598},
    {"micro_jump_around_empty", 49153},
    {"micro_loop_with_many_jumpdests_empty", 7987882},
    {"micro_memory_grow_mload_by1", 57772},
    {"micro_memory_grow_mload_by16", 71700},
    {"micro_memory_grow_mload_by32", 102409},
    {"micro_memory_grow_mload_nogrow", 57356},
    {"micro_memory_grow_mstore_by1", 61868},
    {"micro_memory_grow_mstore_by16", 75796},
    {"micro_memory_grow_mstore_by32", 106505},
    {"micro_memory_grow_mstore_nogrow", 61452},
    {"micro_signextend_one", 96066},
    {"micro_signextend_zero", 96066},
};
#define ANCHORS (sizeof anchors / sizeof anchors[0])
static int seen[ANCHORS];

static char *read_all(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) { free(b); b = NULL; }
    fclose(f);
    if (b) { b[n] = 0; *size = (size_t)n; }
    return b;
}

static void run_file(const char *dir, const char *group, const char *file)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s/%s.json", dir, group, file);
    size_t size;
    char *text = read_all(path, &size);
    CHECK(text != NULL);
    if (!text) return;
    evm_json_doc doc;
    CHECK(evm_json_parse(&doc, text, size, NULL));
    free(text);
    const evm_json *t = doc.root->child;
    const evm_json *pre = evm_json_get(t, "pre"), *tx = evm_json_get(t, "transaction");
    const evm_json *labels = evm_json_get(evm_json_get(t, "_info"), "labels");
    const evm_json *datas = evm_json_get(tx, "data");
    evm_address to, sender;
    CHECK(evm_json_address(evm_json_get(tx, "to"), &to));
    CHECK(evm_json_address(evm_json_get(tx, "sender"), &sender));
    int index = 0;
    for (const evm_json *d = datas->child; d; d = d->next, index++) {
        evm_state st;
        evm_state_init(&st, NULL);
        for (const evm_json *a = pre->child; a; a = a->next) {
            evm_address addr;
            evm_json k = {EVM_JSON_STRING, NULL, a->key, strlen(a->key), NULL, NULL};
            evm_u256 bal = {{0, 0, 0, 0}};
            uint64_t nonce = 0;
            uint8_t *code = NULL;
            size_t code_size = 0;
            CHECK(evm_json_address(&k, &addr) && evm_json_u256(evm_json_get(a, "balance"), &bal) &&
                  evm_json_u64(evm_json_get(a, "nonce"), &nonce) &&
                  evm_json_hex(evm_json_get(a, "code"), NULL, &code, &code_size));
            evm_state_create(&st, &addr);
            evm_state_set_balance(&st, &addr, &bal);
            evm_state_set_nonce(&st, &addr, nonce);
            evm_state_set_code(&st, &addr, code, code_size);
            free(code);
        }
        uint8_t *input;
        size_t input_size;
        CHECK(evm_json_hex(d, NULL, &input, &input_size));
        evm_tx_context txc;
        memset(&txc, 0, sizeof txc);
        txc.origin = sender;
        txc.gas_limit = 1000000000;
        txc.number = 1;
        txc.chain_id = evm_u256_from_u64(1);
        evm_message m;
        memset(&m, 0, sizeof m);
        m.kind = EVM_CALL;
        m.gas = 1000000000;
        m.sender = sender;
        m.recipient = m.code_address = to;
        m.input = input;
        m.input_size = input_size;
        evm_state_begin_transaction(&st, EVM_CANCUN);
        evm_state_warm_account(&st, &sender);
        evm_state_warm_account(&st, &to);
        evm_vm vm;
        evm_vm_init(&vm, NULL);
        evm_result r;
        evm_execute(&vm, evm_state_host(), &st, EVM_CANCUN, &txc, &m, &r);
        char name[160], key[16];
        snprintf(key, sizeof key, "%d", index);
        const evm_json *label = labels ? evm_json_get(labels, key) : NULL;
        snprintf(name, sizeof name, "%s_%s_%s", group, file, label ? label->str : key);
        int64_t used = m.gas - r.gas_left;
        bool found = false;
        for (size_t i = 0; i < ANCHORS; i++) {
            if (strcmp(anchors[i].name, name)) continue;
            found = true;
            seen[i]++;
            if (r.status != EVM_SUCCESS || used != anchors[i].gas) {
                test__current_failed++;
                printf("  FAIL %s: %s, gas %lld, expected success and %lld\n", name,
                       evm_status_name(r.status), (long long)used, (long long)anchors[i].gas);
            }
        }
        if (!found) {
            test__current_failed++;
            printf("  FAIL %s: no expected gas for this case\n", name);
        }
        evm_vm_destroy(&vm);
        evm_state_destroy(&st);
        free(input);
    }
    evm_json_free(&doc);
}

static const char *dir;
static void test_benchmark_gas(void)
{
    static const char *main_files[] = {"blake2b_huff", "blake2b_shifts", "sha1_divs", "sha1_shifts",
                                       "snailtracer", "structarray_alloc", "swap_math", "weierstrudel"};
    static const char *micro_files[] = {"JUMPDEST_n0", "jump_around", "loop_with_many_jumpdests",
                                        "memory_grow_mload", "memory_grow_mstore", "signextend"};
    for (size_t i = 0; i < sizeof main_files / sizeof *main_files; i++) run_file(dir, "main", main_files[i]);
    for (size_t i = 0; i < sizeof micro_files / sizeof *micro_files; i++) run_file(dir, "micro", micro_files[i]);
    for (size_t i = 0; i < ANCHORS; i++) CHECK_EQ_INT(seen[i], 1);
}

int main(void)
{
    dir = getenv("EVM_BENCHMARKS");
    if (!dir) dir = "../shared/evm-benchmarks/benchmarks";
    char probe[512];
    snprintf(probe, sizeof probe, "%s/main/snailtracer.json", dir);
    FILE *f = fopen(probe, "rb");
    if (!f) {
        printf("test_benchmarks: did not run, %s not found: 0 passed, 0 failed\n", probe);
        return 0;
    }
    fclose(f);
    RUN(test_benchmark_gas);
#ifdef EVM_NO_INT128
    return TEST_END("test_benchmarks (portable arithmetic)");
#else
    return TEST_END("test_benchmarks");
#endif
}
