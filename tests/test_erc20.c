/* test_erc20.c - real Solidity output: an ERC-20 token (tests/solidity/Token.sol, solc
   0.8.28, init code in Token.bin) deployed by its init code, then transfer, approve,
   transferFrom, a reverting transfer and a read, each as one message at depth 0 under
   Cancun rules on evm_state.h. Every expected value (gas used, output, logs, created
   address, deployed code hash) was computed by EthereumJS 10.1.3 with
   tests/solidity/oracle.mjs, not by this library. */
#define EVM_IMPLEMENTATION
#define EVM_STATE_NO_PRECOMPILES
#include "../evm.h"
#include "../evm_state.h"
#include "test.h"
#include <stdlib.h>

static evm_address addr(uint32_t n)
{
    evm_address a;
    memset(&a, 0, sizeof a);
    for (int i = 0; i < 4; i++) a.bytes[19 - i] = (uint8_t)(n >> (8 * i));
    return a;
}

static evm_state st;
static evm_vm vm;
static evm_tx_context txc;
static evm_address token;

/* one message, set up like a transaction's start (see oracle.mjs) */
static evm_status step(evm_address caller, const evm_address *to, const uint8_t *data, size_t size,
                       evm_result *r)
{
    evm_message m;
    memset(&m, 0, sizeof m);
    m.gas = 5000000;
    m.sender = caller;
    m.input = data;
    m.input_size = size;
    evm_state_begin_transaction(&st, EVM_CANCUN);
    uint64_t nonce = evm_state_nonce(&st, &caller);
    if (to) {
        m.kind = EVM_CALL;
        m.recipient = m.code_address = *to;
    } else {
        m.kind = EVM_CREATE;
        evm_create_address(&caller, nonce, &m.recipient);
    }
    evm_state_set_nonce(&st, &caller, nonce + 1);
    evm_state_warm_account(&st, &caller);
    evm_state_warm_account(&st, &m.recipient);
    evm_address cb = addr(0xc0ba5e);
    evm_state_warm_account(&st, &cb);
    for (uint32_t p = 1; p <= 10; p++) {
        evm_address pa = addr(p);
        evm_state_warm_account(&st, &pa);
    }
    evm_status s = evm_execute(&vm, evm_state_host(), &st, EVM_CANCUN, &txc, &m, r);
    CHECK(evm_state_end_transaction(&st));
    return s;
}

static size_t hex(const char *h, uint8_t *out, size_t cap)
{
    long n = test_hex(h, out, cap);
    CHECK(n >= 0);
    return n < 0 ? 0 : (size_t)n;
}

/* the i-th log of the last message: address, topics and data as hex */
static void check_log(size_t i, size_t topics, const char *const *topic_hex, const char *data_hex)
{
    evm_state_log l;
    CHECK(evm_state_get_log(&st, i, &l));
    CHECK_EQ_MEM(l.address.bytes, token.bytes, 20);
    CHECK_EQ_UINT(l.topic_count, topics);
    uint8_t want[32];
    for (size_t t = 0; t < topics && t < l.topic_count; t++) {
        hex(topic_hex[t], want, 32);
        CHECK_EQ_MEM(l.topics[t].bytes, want, 32);
    }
    uint8_t d[64];
    size_t n = hex(data_hex, d, sizeof d);
    CHECK_EQ_UINT(l.data_size, n);
    if (l.data_size == n) CHECK_EQ_MEM(l.data, d, n);
}

static void word_addr(uint8_t *w, uint32_t a)
{
    memset(w, 0, 32);
    for (int i = 0; i < 4; i++) w[31 - i] = (uint8_t)(a >> (8 * i));
}
static void word_amount(uint8_t *w, const char *hex64) { hex(hex64, w, 32); }

#define TRANSFER_TOPIC "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"
#define APPROVAL_TOPIC "8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925"
#define ALICE 0xa11ce
#define BOB 0xb0b
#define CAROL 0xca201
#define DAVE 0xda7e
#define E18x250 "00000000000000000000000000000000000000000000000d8d726b7177a80000"
#define E18x100 "0000000000000000000000000000000000000000000000056bc75e2d63100000"
#define E18x40 "0000000000000000000000000000000000000000000000022b1c8c1227a00000"
#define E18x1000 "00000000000000000000000000000000000000000000003635c9adc5dea00000"
#define E18x1M "00000000000000000000000000000000000000000000d3c21bcecceda1000000"

static void test_erc20(void)
{
    evm_state_init(&st, NULL);
    evm_vm_init(&vm, NULL);
    memset(&txc, 0, sizeof txc);
    txc.coinbase = addr(0xc0ba5e);
    txc.gas_limit = 30000000;
    txc.chain_id = evm_u256_from_u64(1);

    /* deploy: init code ++ abi.encode("Test Token", "TST", 10^6 * 10^18) */
    size_t size;
    char *bin = NULL;
    FILE *f = fopen("tests/solidity/Token.bin", "rb");
    CHECK(f != NULL);
    if (!f) return;
    static char text[8192];
    size = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[size] = 0;
    while (size && (text[size - 1] == '\n' || text[size - 1] == '\r')) text[--size] = 0;
    bin = text;
    static uint8_t init[4096 + 256];
    size_t n = hex(bin, init, sizeof init);
    CHECK_EQ_UINT(n, 2308);
    uint8_t *a = init + n;
    memset(a, 0, 7 * 32);
    a[31] = 96;
    a[63] = 160;
    word_amount(a + 64, E18x1M);
    a[127] = 10;
    memcpy(a + 128, "Test Token", 10);
    a[191] = 3;
    memcpy(a + 192, "TST", 3);
    evm_result r;
    CHECK_EQ_INT(step(addr(ALICE), NULL, init, n + 7 * 32, &r), EVM_SUCCESS);
    CHECK_EQ_INT(5000000 - r.gas_left, 404373);
    uint8_t want[32];
    hex("6b182f1488e8efeb2eb298155ed5bd7ff8a14042", want, 20);
    CHECK_EQ_MEM(r.create_address.bytes, want, 20);
    token = r.create_address;
    size_t code_size;
    const uint8_t *code = evm_state_code(&st, &token, &code_size);
    CHECK_EQ_UINT(code_size, 1560);
    uint8_t h[32];
    evm_keccak256(code, code_size, h);
    hex("f3e67ee4adccec57e15384c3fea6fcfa9a39881f5b877282ee45c54e103fc5c1", want, 32);
    CHECK_EQ_MEM(h, want, 32);
    const char *t0[] = {TRANSFER_TOPIC, "0000000000000000000000000000000000000000000000000000000000000000",
                        "00000000000000000000000000000000000000000000000000000000000a11ce"};
    CHECK_EQ_UINT(evm_state_log_count(&st), 1);
    check_log(0, 3, t0, E18x1M);

    /* alice -> bob 250 */
    uint8_t call[4 + 96];
    memcpy(call, "\xa9\x05\x9c\xbb", 4);
    word_addr(call + 4, BOB);
    word_amount(call + 36, E18x250);
    CHECK_EQ_INT(step(addr(ALICE), &token, call, 68, &r), EVM_SUCCESS);
    CHECK_EQ_INT(5000000 - r.gas_left, 29889);
    CHECK(r.output_size == 32 && r.output[31] == 1);
    const char *t1[] = {TRANSFER_TOPIC, "00000000000000000000000000000000000000000000000000000000000a11ce",
                        "0000000000000000000000000000000000000000000000000000000000000b0b"};
    check_log(0, 3, t1, E18x250);

    /* bob approves carol for 100 */
    memcpy(call, "\x09\x5e\xa7\xb3", 4);
    word_addr(call + 4, CAROL);
    word_amount(call + 36, E18x100);
    CHECK_EQ_INT(step(addr(BOB), &token, call, 68, &r), EVM_SUCCESS);
    CHECK_EQ_INT(5000000 - r.gas_left, 24519);
    const char *t2[] = {APPROVAL_TOPIC, "0000000000000000000000000000000000000000000000000000000000000b0b",
                        "00000000000000000000000000000000000000000000000000000000000ca201"};
    check_log(0, 3, t2, E18x100);

    /* carol moves 40 from bob to dave */
    memcpy(call, "\x23\xb8\x72\xdd", 4);
    word_addr(call + 4, BOB);
    word_addr(call + 36, DAVE);
    word_amount(call + 68, E18x40);
    CHECK_EQ_INT(step(addr(CAROL), &token, call, 100, &r), EVM_SUCCESS);
    CHECK_EQ_INT(5000000 - r.gas_left, 35443);
    const char *t3[] = {TRANSFER_TOPIC, "0000000000000000000000000000000000000000000000000000000000000b0b",
                        "000000000000000000000000000000000000000000000000000000000000da7e"};
    check_log(0, 3, t3, E18x40);

    /* bob cannot send 1000: Error("balance"), state unchanged, no log */
    memcpy(call, "\xa9\x05\x9c\xbb", 4);
    word_addr(call + 4, DAVE);
    word_amount(call + 36, E18x1000);
    CHECK_EQ_INT(step(addr(BOB), &token, call, 68, &r), EVM_REVERT);
    CHECK_EQ_INT(5000000 - r.gas_left, 2774);
    uint8_t err[100];
    size_t en = hex("08c379a0000000000000000000000000000000000000000000000000000000000000002000000000000000"
                    "0000000000000000000000000000000000000000000000000762616c616e636500000000000000000000"
                    "000000000000000000000000000000", err, sizeof err);
    CHECK_EQ_UINT(r.output_size, en);
    if (r.output_size == en) CHECK_EQ_MEM(r.output, err, en);
    CHECK_EQ_UINT(evm_state_log_count(&st), 0);

    /* balanceOf(dave) = 40 */
    memcpy(call, "\x70\xa0\x82\x31", 4);
    word_addr(call + 4, DAVE);
    CHECK_EQ_INT(step(addr(DAVE), &token, call, 36, &r), EVM_SUCCESS);
    CHECK_EQ_INT(5000000 - r.gas_left, 2538);
    hex(E18x40, want, 32);
    CHECK(r.output_size == 32);
    if (r.output_size == 32) CHECK_EQ_MEM(r.output, want, 32);

    evm_vm_destroy(&vm);
    evm_state_destroy(&st);
}

int main(void)
{
    RUN(test_erc20);
#ifdef EVM_NO_INT128
    return TEST_END("test_erc20 (portable arithmetic)");
#else
    return TEST_END("test_erc20");
#endif
}
