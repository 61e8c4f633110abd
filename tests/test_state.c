/* test_state.c - unit tests of evm_state.h: RLP, the Merkle-Patricia trie against
   ethereum/tests vectors, the accounts and the journal behind every host callback,
   transaction processing, allocation failure. */
#define EVM_IMPLEMENTATION
#define EVM_STATE_NO_PRECOMPILES   /* the precompiles have their own tests */
#include "../evm.h"
#include "../evm_state.h"
#include "test.h"
#include <stdlib.h>

static evm_address addr_of(uint8_t last)
{
    evm_address a;
    memset(&a, 0, sizeof a);
    a.bytes[0] = 0xaa;
    a.bytes[19] = last;
    return a;
}

static evm_address addr_hex(const char *hex)
{
    evm_address a;
    CHECK_EQ_INT(test_hex(hex, a.bytes, 20), 20);
    return a;
}

static evm_u256 u(uint64_t v) { return evm_u256_from_u64(v); }

static void hex32(const char *hex, uint8_t out[32]) { CHECK_EQ_INT(test_hex(hex, out, 32), 32); }


/* ---- RLP ---- */
static size_t rlp_of_bytes(const uint8_t *p, size_t n, uint8_t *out)
{
    evm__rlp_buf b = {NULL, 0, 0, NULL, false};
    evm__rlp_bytes(&b, p, n);
    CHECK(!b.failed);
    size_t len = b.size;
    memcpy(out, b.data, len);
    free(b.data);
    return len;
}

static void test_rlp(void)
{
    uint8_t out[1200], in[1100];
    memset(in, 'a', sizeof in);
    CHECK_EQ_UINT(rlp_of_bytes(in, 0, out), 1);
    CHECK_EQ_UINT(out[0], 0x80);
    in[0] = 0x7f;
    CHECK_EQ_UINT(rlp_of_bytes(in, 1, out), 1);          /* a single byte < 0x80 is itself */
    CHECK_EQ_UINT(out[0], 0x7f);
    in[0] = 0x80;
    CHECK_EQ_UINT(rlp_of_bytes(in, 1, out), 2);
    CHECK_EQ_MEM(out, "\x81\x80", 2);
    in[0] = 'a';
    CHECK_EQ_UINT(rlp_of_bytes(in, 55, out), 56);        /* the longest short string */
    CHECK_EQ_UINT(out[0], 0x80 + 55);
    CHECK_EQ_UINT(rlp_of_bytes(in, 56, out), 58);        /* the shortest long string */
    CHECK_EQ_MEM(out, "\xb8\x38", 2);
    CHECK_EQ_UINT(rlp_of_bytes(in, 1024, out), 1027);
    CHECK_EQ_MEM(out, "\xb9\x04\x00", 3);

    /* numbers: no leading zeros, zero is the empty string */
    evm__rlp_buf b = {NULL, 0, 0, NULL, false};
    evm__rlp_u64(&b, 0);
    evm__rlp_u64(&b, 15);
    evm__rlp_u64(&b, 0x400);
    evm_u256 big = {{0, 0, 0, 0x0100000000000000ull}};
    evm__rlp_u256(&b, &big);
    CHECK_EQ_UINT(b.size, 1 + 1 + 3 + 33);
    CHECK_EQ_MEM(b.data, "\x80\x0f\x82\x04\x00\xa0\x01\x00", 8);
    /* ["cat", "dog"] = c8 83 636174 83 646f67 */
    b.size = 0;
    evm__rlp_bytes(&b, (const uint8_t *)"cat", 3);
    evm__rlp_bytes(&b, (const uint8_t *)"dog", 3);
    evm__rlp_wrap_list(&b, 0);
    CHECK_EQ_UINT(b.size, 9);
    CHECK_EQ_MEM(b.data, "\xc8\x83" "cat" "\x83" "dog", 9);
    /* empty list, nested [[], [[]]] = c3 c0 c1 c0 */
    b.size = 0;
    evm__rlp_wrap_list(&b, 0);
    CHECK_EQ_MEM(b.data, "\xc0", 1);
    b.size = 0;
    evm__rlp_wrap_list(&b, 0);
    size_t inner = b.size;
    evm__rlp_wrap_list(&b, inner);
    evm__rlp_wrap_list(&b, inner);
    evm__rlp_wrap_list(&b, 0);
    CHECK_EQ_UINT(b.size, 4);
    CHECK_EQ_MEM(b.data, "\xc3\xc0\xc1\xc0", 4);
    /* a list of 60 bytes of payload: f8 3c ... */
    b.size = 0;
    evm__rlp_bytes(&b, in, 58);                         /* 60 bytes encoded */
    evm__rlp_wrap_list(&b, 0);
    CHECK_EQ_UINT(b.size, 62);
    CHECK_EQ_MEM(b.data, "\xf8\x3c\xb8\x3a", 4);
    free(b.data);
}

/* ---- the trie ---- */
static void root_hex(evm_trie_item *items, size_t n, const char *want)
{
    evm_bytes32 root;
    uint8_t w[32];
    hex32(want, w);
    CHECK(evm_trie_root(items, n, NULL, &root));
    CHECK_EQ_MEM(root.bytes, w, 32);
}

static void set_item(evm_trie_item *it, const char *k, const char *v)
{
    it->key = (const uint8_t *)k;
    it->key_size = strlen(k);
    it->value = (const uint8_t *)v;
    it->value_size = strlen(v);
}

static void test_trie_vectors(void)
{
    evm_trie_item it[8];
    root_hex(it, 0, "56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
    /* ethereum/tests TrieTests/trietest.json "emptyValues" (what is left after the deletions) */
    set_item(&it[0], "do", "verb");
    set_item(&it[1], "horse", "stallion");
    set_item(&it[2], "doge", "coin");
    set_item(&it[3], "dog", "puppy");
    root_hex(it, 4, "5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84");
    /* "insert-middle-leaf": keys that are prefixes of others (branch values) */
    set_item(&it[0], "key1aa", "0123456789012345678901234567890123456789xxx");
    set_item(&it[1], "key1", "0123456789012345678901234567890123456789Very_Long");
    set_item(&it[2], "key2bb", "aval3");
    set_item(&it[3], "key2", "short");
    set_item(&it[4], "key3cc", "aval3");
    set_item(&it[5], "key3", "1234567890123456789012345678901");
    root_hex(it, 6, "cb65032e2f76c48b82b5c24b3db8f670ce73982869d38cd39a624f23d62a9e89");

    /* "jeff", final contents: 32-byte keys, short values */
    static const char *const jeff[][2] = {
        {"0000000000000000000000000000000000000000000000000000000000000045", "22b224a1420a802ab51d326e29fa98e34c4f24ea"},
        {"0000000000000000000000000000000000000000000000000000000000000046", "67706c2076330000000000000000000000000000000000000000000000000000"},
        {"000000000000000000000000697c7b8c961b56f675d570498424ac8de1a918f6", "6f6f6f6820736f2067726561742c207265616c6c6c793f000000000000000000"},
        {"0000000000000000000000007ef9e639e2733cb34e4dfc576d4b23f72db776b2", "4655474156000000000000000000000000000000000000000000000000000000"},
        {"000000000000000000000000ec4f34c97e43fbb2816cfd95e388353c7181dab1", "4e616d6552656700000000000000000000000000000000000000000000000000"},
        {"4655474156000000000000000000000000000000000000000000000000000000", "7ef9e639e2733cb34e4dfc576d4b23f72db776b2"},
        {"4e616d6552656700000000000000000000000000000000000000000000000000", "ec4f34c97e43fbb2816cfd95e388353c7181dab1"},
        {"6f6f6f6820736f2067726561742c207265616c6c6c793f000000000000000000", "697c7b8c961b56f675d570498424ac8de1a918f6"}};
    uint8_t kb[8][32], vb[8][32];
    for (int i = 0; i < 8; i++) {
        it[i].key = kb[i];
        it[i].key_size = (size_t)test_hex(jeff[i][0], kb[i], 32);
        it[i].value = vb[i];
        it[i].value_size = (size_t)test_hex(jeff[i][1], vb[i], 32);
    }
    root_hex(it, 8, "9f6221ebb8efe7cff60a716ecb886e67dd042014be444669f0159d8e68b42100");

    /* hex_encoded_securetrie_test.json "test1": keccak(address) -> account RLP */
    static const char *const sec[][2] = {
        {"a94f5374fce5edbc8e2a8697c15331677e6ebf0b", "f848018405f446a7a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"},
        {"095e7baea6a6c7c4c2dfeb977efac326af552d87", "f8440101a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a004bccc5d94f4d1f99aab44369a910179931772f2a5c001c3229f57831c102769"},
        {"d2571607e241ecf590ed94b12d87c94babe36db6", "f8440180a0ba4b47865c55a341a4a78759bb913cd15c3ee8eaf30a62fa8d1c8863113d84e8a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"},
        {"62c01474f089b07dae603491675dc5b5748f7049", "f8448080a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"},
        {"2adc25665018aa1fe0e6bc666dac8fc2697ff9ba", "f8478083019a59a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"}};
    uint8_t hk[5][32], av[5][80], ab[20];
    for (int i = 0; i < 5; i++) {
        CHECK_EQ_INT(test_hex(sec[i][0], ab, 20), 20);
        evm_keccak256(ab, 20, hk[i]);
        it[i].key = hk[i];
        it[i].key_size = 32;
        it[i].value = av[i];
        it[i].value_size = (size_t)test_hex(sec[i][1], av[i], 80);
    }
    root_hex(it, 5, "730a444e08ab4b8dee147c9b232fc52d34a223d600031c1e9d25bfc985cbd797");
}

/* The state of the accounts without code in the secure-trie vector: the state root
   must be the root of the same items built by hand. */
static void test_state_root_accounts(void)
{
    evm_state s;
    evm_state_init(&s, NULL);
    evm_bytes32 root, want;
    CHECK(evm_state_root(&s, &root));
    hex32("56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421", want.bytes);
    CHECK_EQ_MEM(root.bytes, want.bytes, 32);

    /* one account: nonce 1, balance 0x05f446a7, nothing else */
    evm_address a = addr_hex("a94f5374fce5edbc8e2a8697c15331677e6ebf0b");
    evm_u256 bal = u(0x05f446a7);
    CHECK(evm_state_set_balance(&s, &a, &bal));
    CHECK(evm_state_set_nonce(&s, &a, 1));
    uint8_t rlp[80], hk[32];
    long n = test_hex("f848018405f446a7a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", rlp, 80);
    evm_keccak256(a.bytes, 20, hk);
    evm_trie_item it = {hk, 32, rlp, (size_t)n};
    CHECK(evm_trie_root(&it, 1, NULL, &want));
    CHECK(evm_state_root(&s, &root));
    CHECK_EQ_MEM(root.bytes, want.bytes, 32);

    /* an empty account still counts (before EIP-161 cleans it) */
    evm_address e = addr_hex("62c01474f089b07dae603491675dc5b5748f7049");
    CHECK(evm_state_create(&s, &e));
    CHECK(evm_state_root(&s, &root));
    CHECK(memcmp(root.bytes, want.bytes, 32) != 0);
    evm_state_delete_account(&s, &e);
    CHECK(!evm_state_exists(&s, &e));
    CHECK(evm_state_root(&s, &root));
    CHECK_EQ_MEM(root.bytes, want.bytes, 32);
    evm_state_destroy(&s);
}

/* The pre-state of GeneralStateTests stEIP1559/lowGasLimit.json, whose transaction is
   invalid, so its expected post root is the root of this state: code and storage. */
static void test_state_root_known(void)
{
    evm_state s;
    evm_state_init(&s, NULL);
    evm_address a = addr_hex("a94f5374fce5edbc8e2a8697c15331677e6ebf0b");
    evm_address c = addr_hex("cccccccccccccccccccccccccccccccccccccccc");
    evm_u256 ether = u(0x0de0b6b3a7640000ull), k = u(0), v = u(0x60a7);
    CHECK(evm_state_set_balance(&s, &a, &ether) && evm_state_set_nonce(&s, &a, 1));
    CHECK(evm_state_set_balance(&s, &c, &ether));
    CHECK(evm_state_set_code(&s, &c, (const uint8_t *)"\x60\x02\x60\x00\x55\x00", 6));
    CHECK(evm_state_set_storage(&s, &c, &k, &v));
    evm_bytes32 root, want;
    hex32("b2b8d1860969ed21cd1eee5c69206176b951fbf820ee6b7f8ad84e8234094a5e", want.bytes);
    CHECK(evm_state_root(&s, &root));
    CHECK_EQ_MEM(root.bytes, want.bytes, 32);
    evm_state_destroy(&s);
}

/* Storage root: slot 0 = 1 -> trie { keccak(0^32): 0x01 } */
static void test_storage_root(void)
{
    evm_state s;
    evm_state_init(&s, NULL);
    evm_address a = addr_of(1);
    evm_u256 k0 = u(0), one = u(1), k1 = u(1), big = {{5, 0, 0, 1}};
    CHECK(evm_state_set_storage(&s, &a, &k0, &one));
    CHECK(evm_state_set_storage(&s, &a, &k1, &big));
    uint8_t key0[32] = {0}, key1[32] = {0}, h0[32], h1[32];
    key1[31] = 1;
    evm_keccak256(key0, 32, h0);
    evm_keccak256(key1, 32, h1);
    uint8_t v1[33];
    v1[0] = 0x80 + 25;                    /* 2^192 + 5: 25 bytes */
    memset(v1 + 1, 0, 25);
    v1[1] = 1;
    v1[25] = 5;
    evm_trie_item it[2] = {{h0, 32, (const uint8_t *)"\x01", 1}, {h1, 32, v1, 26}};
    evm_bytes32 want, got;
    CHECK(evm_trie_root(it, 2, NULL, &want));
    CHECK(evm_state_storage_root(&s, &a, &got));
    CHECK_EQ_MEM(got.bytes, want.bytes, 32);
    /* a zero value is no entry */
    evm_u256 zero = u(0), k2 = u(2);
    CHECK(evm_state_set_storage(&s, &a, &k2, &zero));
    CHECK(evm_state_storage_root(&s, &a, &got));
    CHECK_EQ_MEM(got.bytes, want.bytes, 32);
    evm_state_destroy(&s);
}

/* ---- accounts, reads, iteration ---- */
static void test_accounts(void)
{
    evm_state s;
    evm_state_init(&s, NULL);
    evm_address a = addr_of(1), b = addr_of(2), c = addr_of(3);
    evm_u256 v = u(1000), k;
    CHECK(!evm_state_exists(&s, &a));
    CHECK(evm_state_set_balance(&s, &a, &v));
    CHECK(evm_state_set_nonce(&s, &b, 7));
    CHECK(evm_state_set_code(&s, &c, (const uint8_t *)"\x60\x00", 2));
    for (int i = 0; i < 100; i++) {
        k = u((uint64_t)i * 3);
        evm_u256 val = u((uint64_t)i + 1);
        CHECK(evm_state_set_storage(&s, &c, &k, &val));
    }
    k = u(30);
    evm_u256 got = evm_state_storage(&s, &c, &k);
    CHECK_EQ_UINT(got.w[0], 11);
    CHECK(evm_state_exists(&s, &a) && evm_state_exists(&s, &b) && evm_state_exists(&s, &c));
    CHECK_EQ_UINT(evm_state_balance(&s, &a).w[0], 1000);
    CHECK_EQ_UINT(evm_state_nonce(&s, &b), 7);
    size_t n;
    const uint8_t *code = evm_state_code(&s, &c, &n);
    CHECK_EQ_UINT(n, 2);
    CHECK_EQ_MEM(code, "\x60\x00", 2);
    evm_bytes32 h;
    uint8_t want[32];
    evm_keccak256((const uint8_t *)"\x60\x00", 2, want);
    evm_state_code_hash(&s, &c, &h);
    CHECK_EQ_MEM(h.bytes, want, 32);
    evm_state_code_hash(&s, &a, &h);   /* no code: keccak of nothing */
    hex32("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", want);
    CHECK_EQ_MEM(h.bytes, want, 32);

    size_t iter = 0, count = 0;
    evm_address x;
    while (evm_state_next_account(&s, &iter, &x))
        count++;
    CHECK_EQ_UINT(count, 3);
    iter = 0;
    count = 0;
    uint64_t sum = 0;
    evm_u256 key, val;
    while (evm_state_next_slot(&s, &c, &iter, &key, &val)) {
        count++;
        sum += val.w[0];
        CHECK_EQ_UINT(key.w[0], (val.w[0] - 1) * 3);
    }
    CHECK_EQ_UINT(count, 100);
    CHECK_EQ_UINT(sum, 5050);
    iter = 0;
    CHECK(!evm_state_next_slot(&s, &a, &iter, &key, &val));
    evm_state_delete_account(&s, &c);
    CHECK(!evm_state_exists(&s, &c));
    k = u(30);
    CHECK(evm_u256_is_zero((got = evm_state_storage(&s, &c, &k), &got)));
    iter = count = 0;
    while (evm_state_next_account(&s, &iter, &x))
        count++;
    CHECK_EQ_UINT(count, 2);
    evm_state_destroy(&s);
}

/* ---- the host and its journal ---- */
static void test_journal(void)
{
    evm_state s;
    evm_state_init(&s, NULL);
    const evm_host *h = evm_state_host();
    evm_address a = addr_of(1), b = addr_of(2), c = addr_of(3);
    evm_u256 v = u(100), k = u(5), val = u(9), out;
    CHECK(evm_state_set_balance(&s, &a, &v));
    evm_state_begin_transaction(&s, EVM_CANCUN);

    uint32_t snap = h->snapshot(&s);
    CHECK(!h->access_account(&s, &b));
    CHECK(h->access_account(&s, &b));
    CHECK(!h->access_storage(&s, &a, &k));
    CHECK(h->access_storage(&s, &a, &k));
    evm_u256 ten = u(10);
    CHECK(h->transfer(&s, &a, &c, &ten));            /* creates c */
    CHECK(h->set_nonce(&s, &a, 3));
    CHECK(h->set_code(&s, &a, (const uint8_t *)"\x00", 1));
    CHECK(h->set_storage(&s, &a, &k, &val));
    CHECK(h->set_transient(&s, &a, &k, &val));
    evm_bytes32 topic;
    memset(&topic, 7, sizeof topic);
    CHECK(h->emit_log(&s, &a, &topic, 1, (const uint8_t *)"xy", 2));
    CHECK(h->account_exists(&s, &c));
    h->get_balance(&s, &c, &out);
    CHECK_EQ_UINT(out.w[0], 10);
    h->get_transient(&s, &a, &k, &out);
    CHECK_EQ_UINT(out.w[0], 9);
    h->get_storage(&s, &a, &k, &out);
    CHECK_EQ_UINT(out.w[0], 9);
    h->get_original_storage(&s, &a, &k, &out);
    CHECK_EQ_UINT(out.w[0], 0);
    CHECK_EQ_UINT(evm_state_log_count(&s), 1);
    /* the interpreter reads in place: key and value may be the same word */
    evm_u256 w = k;
    h->get_transient(&s, &a, &w, &w);
    CHECK_EQ_UINT(w.w[0], 9);
    w = k;
    h->get_storage(&s, &a, &w, &w);
    CHECK_EQ_UINT(w.w[0], 9);
    w = k;
    h->get_original_storage(&s, &a, &w, &w);
    CHECK_EQ_UINT(w.w[0], 0);

    h->revert(&s, snap);
    CHECK(!h->account_exists(&s, &c));
    h->get_balance(&s, &a, &out);
    CHECK_EQ_UINT(out.w[0], 100);
    CHECK_EQ_UINT(h->get_nonce(&s, &a), 0);
    size_t n = 1;
    h->get_code(&s, &a, &n);
    CHECK_EQ_UINT(n, 0);
    h->get_storage(&s, &a, &k, &out);
    CHECK(evm_u256_is_zero(&out));
    h->get_transient(&s, &a, &k, &out);
    CHECK(evm_u256_is_zero(&out));
    CHECK_EQ_UINT(evm_state_log_count(&s), 0);
    CHECK(!h->access_account(&s, &b));               /* cold again */
    CHECK(!h->access_storage(&s, &a, &k));

    /* nested snapshots: the inner revert keeps the outer changes */
    CHECK(h->set_storage(&s, &a, &k, &val));
    uint32_t inner = h->snapshot(&s);
    evm_u256 val2 = u(11);
    CHECK(h->set_storage(&s, &a, &k, &val2));
    CHECK(h->emit_log(&s, &a, NULL, 0, NULL, 0));
    h->revert(&s, inner);
    h->get_storage(&s, &a, &k, &out);
    CHECK_EQ_UINT(out.w[0], 9);
    CHECK_EQ_UINT(evm_state_log_count(&s), 0);
    CHECK(evm_state_end_transaction(&s));

    /* next transaction: the original value is the committed 9, warm sets and transient reset */
    evm_state_begin_transaction(&s, EVM_CANCUN);
    CHECK(h->set_storage(&s, &a, &k, &val2));
    h->get_original_storage(&s, &a, &k, &out);
    CHECK_EQ_UINT(out.w[0], 9);
    CHECK(!h->access_storage(&s, &a, &k));
    CHECK(!h->access_account(&s, &b));
    h->get_transient(&s, &a, &k, &out);
    CHECK(evm_u256_is_zero(&out));
    CHECK(evm_state_end_transaction(&s));
    CHECK_EQ_UINT(evm_state_storage(&s, &a, &k).w[0], 11);
    evm_state_destroy(&s);
}

/* Rewrites of a slot with no snapshot in between share one journal entry, and every
   revert still restores the value the snapshot saw. */
static void test_journal_coalescing(void)
{
    evm_state s;
    evm_state_init(&s, NULL);
    const evm_host *h = evm_state_host();
    evm_address a = addr_of(1);
    evm_u256 k = u(1), v, out;
    evm_state_create(&s, &a);
    evm_state_begin_transaction(&s, EVM_CANCUN);
    uint32_t outer = h->snapshot(&s);
    for (uint64_t i = 1; i <= 1000; i++) {
        v = u(i);
        CHECK(h->set_storage(&s, &a, &k, &v));
        CHECK(h->set_transient(&s, &a, &k, &v));
    }
    CHECK_EQ_UINT(s.journal_count, 2);
    uint32_t mid = h->snapshot(&s);                  /* value 1000 */
    v = u(2000);
    CHECK(h->set_storage(&s, &a, &k, &v));
    uint32_t inner = h->snapshot(&s);                /* value 2000 */
    v = u(3000);
    CHECK(h->set_storage(&s, &a, &k, &v));
    v = u(3001);
    CHECK(h->set_storage(&s, &a, &k, &v));
    h->revert(&s, inner);
    h->get_storage(&s, &a, &k, &out);
    CHECK_EQ_UINT(out.w[0], 2000);
    v = u(4000);                                     /* after a revert: a fresh entry */
    CHECK(h->set_storage(&s, &a, &k, &v));
    h->revert(&s, mid);
    h->get_storage(&s, &a, &k, &out);
    CHECK_EQ_UINT(out.w[0], 1000);
    h->get_transient(&s, &a, &k, &out);
    CHECK_EQ_UINT(out.w[0], 1000);
    h->revert(&s, outer);
    h->get_storage(&s, &a, &k, &out);
    CHECK(evm_u256_is_zero(&out));
    h->get_transient(&s, &a, &k, &out);
    CHECK(evm_u256_is_zero(&out));
    CHECK(evm_state_end_transaction(&s));
    evm_state_destroy(&s);
}

static void test_create_collision(void)
{
    evm_state s;
    evm_state_init(&s, NULL);
    const evm_host *h = evm_state_host();
    evm_address with_nonce = addr_of(1), with_code = addr_of(2), with_storage = addr_of(3),
                with_balance = addr_of(4), absent = addr_of(5);
    evm_u256 one = u(1), k = u(0);
    evm_state_set_nonce(&s, &with_nonce, 1);
    evm_state_set_code(&s, &with_code, (const uint8_t *)"\x00", 1);
    evm_state_set_storage(&s, &with_storage, &k, &one);
    evm_state_set_balance(&s, &with_balance, &one);
    evm_state_begin_transaction(&s, EVM_CANCUN);
    CHECK_EQ_INT(h->create_account(&s, &with_nonce), EVM_CREATE_COLLISION);
    CHECK_EQ_INT(h->create_account(&s, &with_code), EVM_CREATE_COLLISION);
    CHECK_EQ_INT(h->create_account(&s, &with_storage), EVM_CREATE_COLLISION);
    CHECK_EQ_INT(h->create_account(&s, &with_balance), EVM_SUCCESS);
    CHECK_EQ_UINT(evm_state_balance(&s, &with_balance).w[0], 1);
    CHECK_EQ_INT(h->create_account(&s, &absent), EVM_SUCCESS);
    CHECK(h->account_exists(&s, &absent));
    /* storage cleared back to zero is no collision */
    evm_u256 zero = u(0);
    CHECK(h->set_storage(&s, &with_storage, &k, &zero));
    CHECK_EQ_INT(h->create_account(&s, &with_storage), EVM_SUCCESS);
    evm_state_destroy(&s);
}

static void test_selfdestruct(void)
{
    const evm_host *h = evm_state_host();
    evm_address a = addr_of(1), b = addr_of(2), fresh = addr_of(3);
    evm_u256 v = u(50), k = u(1);
    for (int fork = EVM_LONDON; fork <= EVM_CANCUN; fork += EVM_CANCUN - EVM_LONDON) {
        evm_state s;
        evm_state_init(&s, NULL);
        evm_state_set_balance(&s, &a, &v);
        evm_state_set_code(&s, &a, (const uint8_t *)"\xff", 1);
        evm_state_set_storage(&s, &a, &k, &v);
        evm_state_begin_transaction(&s, (evm_fork)fork);
        CHECK(h->selfdestruct(&s, &a, &b));
        CHECK(!h->selfdestruct(&s, &a, &b) || fork == EVM_CANCUN);
        CHECK_EQ_UINT(evm_state_balance(&s, &b).w[0], 50);
        CHECK_EQ_UINT(evm_state_balance(&s, &a).w[0], 0);
        CHECK(evm_state_end_transaction(&s));
        if (fork == EVM_CANCUN) {      /* EIP-6780: not created here, so it stays */
            CHECK(evm_state_exists(&s, &a));
            CHECK_EQ_UINT(evm_state_storage(&s, &a, &k).w[0], 50);
        } else {
            CHECK(!evm_state_exists(&s, &a));
            CHECK(evm_u256_is_zero((evm_u256[]){evm_state_storage(&s, &a, &k)}));
        }
        /* created in this transaction: deleted in every fork; a self-beneficiary burns */
        evm_state_begin_transaction(&s, (evm_fork)fork);
        CHECK_EQ_INT(h->create_account(&s, &fresh), EVM_SUCCESS);
        CHECK(h->set_nonce(&s, &fresh, 1));
        CHECK(h->transfer(&s, &b, &fresh, &v));
        CHECK(h->selfdestruct(&s, &fresh, &fresh));
        CHECK_EQ_UINT(evm_state_balance(&s, &fresh).w[0], 0);
        CHECK(evm_state_end_transaction(&s));
        CHECK(!evm_state_exists(&s, &fresh));
        /* reverted registration: nothing happens */
        evm_state_begin_transaction(&s, (evm_fork)fork);
        CHECK_EQ_INT(h->create_account(&s, &fresh), EVM_SUCCESS);
        CHECK(h->set_nonce(&s, &fresh, 1));
        uint32_t snap = h->snapshot(&s);
        CHECK(h->selfdestruct(&s, &fresh, &b));
        h->revert(&s, snap);
        CHECK(evm_state_end_transaction(&s));
        CHECK(evm_state_exists(&s, &fresh));
        evm_state_destroy(&s);
    }
    /* Cancun, not created here, to itself: nothing at all */
    evm_state s;
    evm_state_init(&s, NULL);
    evm_state_set_balance(&s, &a, &v);
    evm_state_begin_transaction(&s, EVM_CANCUN);
    CHECK(h->selfdestruct(&s, &a, &a));        /* never registered: "first" */
    CHECK(evm_state_end_transaction(&s));
    CHECK_EQ_UINT(evm_state_balance(&s, &a).w[0], 50);
    evm_state_destroy(&s);
}

/* EIP-161: touched empty accounts go at the end of the transaction, from Spurious Dragon */
static void test_touch_cleanup(void)
{
    const evm_host *h = evm_state_host();
    evm_address a = addr_of(1), empty = addr_of(2), ripemd;
    memset(&ripemd, 0, sizeof ripemd);
    ripemd.bytes[19] = 3;
    evm_u256 v = u(5), zero = u(0);
    for (int fork = EVM_HOMESTEAD; fork <= EVM_SPURIOUS_DRAGON; fork += 2) {
        evm_state s;
        evm_state_init(&s, NULL);
        evm_state_set_balance(&s, &a, &v);
        evm_state_create(&s, &empty);
        evm_state_create(&s, &ripemd);
        evm_state_begin_transaction(&s, (evm_fork)fork);
        CHECK(h->transfer(&s, &a, &empty, &zero));
        uint32_t snap = h->snapshot(&s);
        CHECK(h->transfer(&s, &a, &ripemd, &zero));
        h->revert(&s, snap);                         /* the touch of 0x03 survives */
        CHECK(evm_state_end_transaction(&s));
        CHECK(evm_state_exists(&s, &empty) == (fork < EVM_SPURIOUS_DRAGON));
        CHECK(evm_state_exists(&s, &ripemd) == (fork < EVM_SPURIOUS_DRAGON));
        CHECK(evm_state_exists(&s, &a));
        evm_state_destroy(&s);
    }
    /* a reverted touch of another account does not delete it */
    evm_state s;
    evm_state_init(&s, NULL);
    evm_state_set_balance(&s, &a, &v);
    evm_state_create(&s, &empty);
    evm_state_begin_transaction(&s, EVM_CANCUN);
    uint32_t snap = h->snapshot(&s);
    CHECK(h->transfer(&s, &a, &empty, &zero));
    h->revert(&s, snap);
    CHECK(evm_state_end_transaction(&s));
    CHECK(evm_state_exists(&s, &empty));
    evm_state_destroy(&s);
}

static void test_logs_hash_and_block_hash(void)
{
    evm_state s;
    evm_state_init(&s, NULL);
    const evm_host *h = evm_state_host();
    evm_bytes32 got;
    uint8_t want[32];
    CHECK(evm_state_logs_hash(&s, &got));          /* keccak(rlp([])) */
    hex32("1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347", want);
    CHECK_EQ_MEM(got.bytes, want, 32);

    evm_address a = addr_of(0x11);
    evm_bytes32 topics[2];
    memset(topics[0].bytes, 1, 32);
    memset(topics[1].bytes, 2, 32);
    evm_state_begin_transaction(&s, EVM_CANCUN);
    CHECK(h->emit_log(&s, &a, topics, 2, (const uint8_t *)"\x01\x02", 2));
    CHECK(h->emit_log(&s, &a, NULL, 0, NULL, 0));
    evm_state_log l;
    memset(&l, 0, sizeof l);
    CHECK(evm_state_get_log(&s, 0, &l));
    CHECK_EQ_UINT(l.topic_count, 2);
    CHECK_EQ_UINT(l.data_size, 2);
    CHECK_EQ_MEM(l.data, "\x01\x02", 2);
    CHECK(!evm_state_get_log(&s, 2, &l));
    /* by hand: [[a, [t1, t2], 0x0102], [a, [], ""]] */
    uint8_t enc[200], *p = enc;
    size_t first = 21 + 68 + 3, second = 21 + 1 + 1;   /* payloads */
    *p++ = 0xf8;
    *p++ = (uint8_t)(2 + first + 1 + second);
    *p++ = 0xf8;
    *p++ = (uint8_t)first;
    *p++ = 0x94; memcpy(p, a.bytes, 20); p += 20;
    *p++ = 0xf8; *p++ = 66;
    *p++ = 0xa0; memcpy(p, topics[0].bytes, 32); p += 32;
    *p++ = 0xa0; memcpy(p, topics[1].bytes, 32); p += 32;
    *p++ = 0x82; *p++ = 1; *p++ = 2;
    *p++ = (uint8_t)(0xc0 + second);
    *p++ = 0x94; memcpy(p, a.bytes, 20); p += 20;
    *p++ = 0xc0;
    *p++ = 0x80;
    evm_keccak256(enc, (size_t)(p - enc), want);
    CHECK(evm_state_logs_hash(&s, &got));
    CHECK_EQ_MEM(got.bytes, want, 32);
    CHECK(evm_state_end_transaction(&s));
    CHECK_EQ_UINT(evm_state_log_count(&s), 2);     /* kept until the next transaction */

    /* the default block hash: keccak256 of the decimal digits */
    h->get_block_hash(&s, 1, &got);
    hex32("c89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc6", want);
    CHECK_EQ_MEM(got.bytes, want, 32);
    h->get_block_hash(&s, 1234, &got);
    evm_keccak256((const uint8_t *)"1234", 4, want);
    CHECK_EQ_MEM(got.bytes, want, 32);
    evm_state_destroy(&s);
}

/* ---- transactions ---- */
static evm_block_env block_env(void)
{
    evm_block_env b;
    memset(&b, 0, sizeof b);
    b.coinbase = addr_of(0xcb);
    b.number = 1;
    b.gas_limit = 30000000;
    b.base_fee = u(10);
    b.chain_id = u(1);
    return b;
}

static void test_transfer_tx(void)
{
    evm_vm vm;
    evm_vm_init(&vm, NULL);
    evm_state s;
    evm_state_init(&s, NULL);
    evm_address alice = addr_of(1), bob = addr_of(2);
    evm_u256 bal = u(1000000000);
    evm_state_set_balance(&s, &alice, &bal);
    evm_block_env b = block_env();
    evm_transaction tx;
    memset(&tx, 0, sizeof tx);
    tx.type = 2;
    tx.sender = alice;
    tx.to = bob;
    tx.gas_limit = 50000;
    tx.value = u(1000);
    tx.max_fee_per_gas = u(20);
    tx.max_priority_fee_per_gas = u(3);
    evm_tx_result r;
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_CANCUN, &b, &tx, &r), EVM_TX_OK);
    CHECK_EQ_INT(r.exec_status, EVM_SUCCESS);
    CHECK_EQ_UINT(r.gas_used, 21000);
    CHECK_EQ_UINT(evm_state_balance(&s, &bob).w[0], 1000);
    CHECK_EQ_UINT(evm_state_balance(&s, &alice).w[0], 1000000000 - 1000 - 21000 * 13);
    CHECK_EQ_UINT(evm_state_balance(&s, &b.coinbase).w[0], 21000 * 3);
    CHECK_EQ_UINT(evm_state_nonce(&s, &alice), 1);

    /* invalid: stale nonce, the state is unchanged */
    evm_bytes32 before, after;
    CHECK(evm_state_root(&s, &before));
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_CANCUN, &b, &tx, &r), EVM_TX_NONCE_MISMATCH);
    tx.nonce = 1;
    tx.gas_limit = 20999;
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_CANCUN, &b, &tx, &r), EVM_TX_INTRINSIC_GAS_TOO_LOW);
    tx.gas_limit = 50000;
    tx.max_fee_per_gas = u(9);
    tx.max_priority_fee_per_gas = u(0);
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_CANCUN, &b, &tx, &r), EVM_TX_INSUFFICIENT_MAX_FEE_PER_GAS);
    tx.max_fee_per_gas = u(20);
    tx.max_priority_fee_per_gas = u(21);
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_CANCUN, &b, &tx, &r), EVM_TX_PRIORITY_GREATER_THAN_MAX_FEE);
    tx.max_priority_fee_per_gas = u(1);
    tx.value = u(1000000000);
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_CANCUN, &b, &tx, &r), EVM_TX_INSUFFICIENT_ACCOUNT_FUNDS);
    tx.value = u(0);
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_BERLIN, &b, &tx, &r), EVM_TX_TYPE_NOT_SUPPORTED);
    tx.gas_limit = 40000000;
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_CANCUN, &b, &tx, &r), EVM_TX_GAS_ALLOWANCE_EXCEEDED);
    tx.gas_limit = 50000;
    tx.type = 3;
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_CANCUN, &b, &tx, &r), EVM_TX_BLOB_ZERO_BLOBS);
    evm_bytes32 bh;
    memset(&bh, 0, sizeof bh);
    tx.blob_hashes = &bh;
    tx.blob_hash_count = 1;
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_CANCUN, &b, &tx, &r), EVM_TX_BLOB_INVALID_VERSIONED_HASH);
    bh.bytes[0] = 1;
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_CANCUN, &b, &tx, &r), EVM_TX_INSUFFICIENT_MAX_FEE_PER_BLOB_GAS);
    tx.create = true;
    tx.gas_limit = 60000;
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_CANCUN, &b, &tx, &r), EVM_TX_BLOB_CONTRACT_CREATION);
    tx.gas_limit = 50000;
    evm_state_set_code(&s, &alice, (const uint8_t *)"\x00", 1);
    tx.type = 2;
    tx.create = false;
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_CANCUN, &b, &tx, &r), EVM_TX_SENDER_NOT_EOA);
    evm_state_set_code(&s, &alice, NULL, 0);
    CHECK(evm_state_root(&s, &after));
    CHECK_EQ_MEM(before.bytes, after.bytes, 32);
    evm_state_destroy(&s);
    evm_vm_destroy(&vm);
}

/* Prague and Osaka transaction rules: blob schedule, EIP-7623 floor, EIP-7825 cap,
   EIP-7702 validity and delegated execution */
static void test_prague_rules(void)
{
    evm_blob_params p = evm_fork_blob_params(EVM_CANCUN);
    CHECK(p.target == 3 && p.max == 6 && p.update_fraction == 3338477);
    p = evm_fork_blob_params(EVM_OSAKA);
    CHECK(p.target == 6 && p.max == 9 && p.update_fraction == 5007716);
    p = evm_fork_blob_params(EVM_SHANGHAI);
    CHECK(p.target == 0 && p.max == 0 && p.update_fraction == 0);
    const evm_blob_fork *bf = evm_blob_fork_by_name("bpo2");
    CHECK(bf && bf->rules == EVM_OSAKA && bf->params.target == 14 && bf->params.max == 21 &&
          bf->params.update_fraction == 11684671 && bf->mainnet_timestamp == 1767747671u);
    CHECK(evm_blob_fork_by_name("BPO9") == NULL && evm_blob_fork_by_name(NULL) == NULL);
    size_t n = 0;
    CHECK(evm_blob_schedule(&n) && n == 5);
    /* fake_exponential(1, excess, fraction): values from an independent integer run */
    CHECK_EQ_UINT(evm_blob_base_fee(0, 3338477).w[0], 1);
    CHECK_EQ_UINT(evm_blob_base_fee(3338477, 3338477).w[0], 2);
    CHECK_EQ_UINT(evm_blob_base_fee(10 * 3338477ull, 3338477).w[0], 22026);
    CHECK_EQ_UINT(evm_blob_base_fee(7 * 5007716ull, 5007716).w[0], 1096);
    CHECK_EQ_UINT(evm_blob_base_fee(123456789, 8346193).w[0], 2655087);

    evm_transaction tx;
    memset(&tx, 0, sizeof tx);
    uint8_t data[100];
    memset(data, 0xaa, sizeof data);
    data[0] = data[1] = data[2] = 0;
    tx.data = data;
    tx.data_size = sizeof data;        /* 3 zero bytes, 97 others: 3 + 388 tokens */
    CHECK_EQ_UINT(evm_tx_floor_gas(EVM_CANCUN, &tx), 0);
    CHECK_EQ_UINT(evm_tx_floor_gas(EVM_PRAGUE, &tx), 21000 + 10 * 391);
    CHECK_EQ_UINT(evm_tx_intrinsic_gas(EVM_PRAGUE, &tx), 21000 + 3 * 4 + 97 * 16);
    evm_authorization auths[2];
    memset(auths, 0, sizeof auths);
    tx.authorizations = auths;
    tx.authorization_count = 2;
    CHECK_EQ_UINT(evm_tx_intrinsic_gas(EVM_PRAGUE, &tx), 21000 + 3 * 4 + 97 * 16);   /* not type 4 */
    tx.type = 4;
    CHECK_EQ_UINT(evm_tx_intrinsic_gas(EVM_PRAGUE, &tx), 21000 + 3 * 4 + 97 * 16 + 2 * 25000);

    evm_vm vm;
    evm_vm_init(&vm, NULL);
    evm_state s;
    evm_state_init(&s, NULL);
    evm_address alice = addr_of(1), bob = addr_of(2), carol = addr_of(3);
    evm_u256 bal = u(1000000000);
    evm_state_set_balance(&s, &alice, &bal);
    evm_block_env b = block_env();
    evm_tx_result r;
    memset(&tx, 0, sizeof tx);
    tx.type = 2;
    tx.sender = alice;
    tx.to = bob;
    tx.max_fee_per_gas = u(20);
    tx.data = data;
    tx.data_size = sizeof data;
    tx.gas_limit = 24000;              /* above the intrinsic gas, below the floor */
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_PRAGUE, &b, &tx, &r), EVM_TX_INTRINSIC_GAS_BELOW_FLOOR);
    tx.gas_limit = 30000;
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_PRAGUE, &b, &tx, &r), EVM_TX_OK);
    CHECK_EQ_UINT(r.gas_used, 21000 + 10 * 391);     /* pays the floor, not 22564 */
    CHECK_EQ_UINT(evm_state_balance(&s, &alice).w[0], 1000000000 - 24910 * 10);   /* base fee 10 */
    tx.nonce = 1;
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_CANCUN, &b, &tx, &r), EVM_TX_OK);
    CHECK_EQ_UINT(r.gas_used, 21000 + 3 * 4 + 97 * 16);
    tx.nonce = 2;
    tx.data_size = 0;

    /* EIP-7825 */
    b.gas_limit = 60000000;
    tx.gas_limit = (1u << 24) + 1;
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_OSAKA, &b, &tx, &r), EVM_TX_GAS_LIMIT_EXCEEDS_MAXIMUM);
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_PRAGUE, &b, &tx, &r), EVM_TX_OK);
    tx.nonce = 3;
    tx.gas_limit = 100000;

    /* EIP-7702 validity */
    tx.type = 4;
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_CANCUN, &b, &tx, &r), EVM_TX_TYPE_NOT_SUPPORTED);
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_PRAGUE, &b, &tx, &r), EVM_TX_SETCODE_EMPTY_AUTHORIZATIONS);
    tx.create = true;
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_PRAGUE, &b, &tx, &r), EVM_TX_SETCODE_CONTRACT_CREATION);
    tx.create = false;
    CHECK_EQ_STR(evm_tx_status_name(EVM_TX_SETCODE_EMPTY_AUTHORIZATIONS), "TYPE_4_EMPTY_AUTHORIZATION_LIST");
    /* an authorization whose signature cannot be recovered is skipped, the transaction runs:
       25000 intrinsic, no refund, no delegation */
    tx.authorizations = auths;
    tx.authorization_count = 1;
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_PRAGUE, &b, &tx, &r), EVM_TX_OK);
    CHECK_EQ_UINT(r.gas_used, 46000);
    tx.type = 2;
    tx.authorization_count = 0;
    tx.nonce = 4;

    /* a delegated account runs its target's code in its own context; the target is
       warmed at the top level without a charge */
    static const uint8_t store[] = {0x60, 0x01, 0x60, 0x00, 0x55};   /* SSTORE(0, 1) */
    uint8_t designator[23] = {0xef, 0x01, 0x00};
    memcpy(designator + 3, carol.bytes, 20);
    evm_state_set_code(&s, &carol, store, sizeof store);
    evm_state_set_code(&s, &bob, designator, sizeof designator);
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_PRAGUE, &b, &tx, &r), EVM_TX_OK);
    CHECK_EQ_INT(r.exec_status, EVM_SUCCESS);
    CHECK_EQ_UINT(r.gas_used, 21000 + 3 + 3 + 2100 + 20000);
    evm_u256 k = u(0);
    CHECK_EQ_UINT(evm_state_storage(&s, &bob, &k).w[0], 1);
    CHECK_EQ_UINT(evm_state_storage(&s, &carol, &k).w[0], 0);
    tx.nonce = 5;
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_CANCUN, &b, &tx, &r), EVM_TX_OK);
    CHECK_EQ_INT(r.exec_status, EVM_UNDEFINED_INSTRUCTION);   /* 0xef: no delegation before Prague */
    CHECK_EQ_UINT(r.gas_used, 100000);
    /* a sender whose code is a designator may send from Prague on (EIP-3607 as amended) */
    evm_state_set_code(&s, &alice, designator, sizeof designator);
    tx.nonce = 6;
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_CANCUN, &b, &tx, &r), EVM_TX_SENDER_NOT_EOA);
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_PRAGUE, &b, &tx, &r), EVM_TX_OK);
    evm_state_destroy(&s);
    evm_vm_destroy(&vm);
}

/* A contract storing 1 at slot 0, then a second transaction clearing it (refund) */
static void test_contract_tx(void)
{
    evm_vm vm;
    evm_vm_init(&vm, NULL);
    evm_state s;
    evm_state_init(&s, NULL);
    evm_address alice = addr_of(1), c = addr_of(2);
    evm_u256 bal = u(1000000000);
    evm_state_set_balance(&s, &alice, &bal);
    /* CALLDATALOAD(0) -> SSTORE(0, it): 6000 35 6000 55 00 */
    CHECK(evm_state_set_code(&s, &c, (const uint8_t *)"\x60\x00\x35\x60\x00\x55\x00", 7));
    evm_block_env b = block_env();
    uint8_t data[32] = {0};
    data[31] = 1;
    evm_transaction tx;
    memset(&tx, 0, sizeof tx);
    tx.sender = alice;
    tx.to = c;
    tx.gas_limit = 100000;
    tx.gas_price = u(10);
    tx.data = data;
    tx.data_size = 32;
    evm_tx_result r;
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_CANCUN, &b, &tx, &r), EVM_TX_OK);
    CHECK_EQ_INT(r.exec_status, EVM_SUCCESS);
    /* 21000 + 31*4 + 16 + PUSH1, CALLDATALOAD, PUSH1 (9) + SSTORE cold set (22100) */
    CHECK_EQ_UINT(r.gas_used, 21000 + 124 + 16 + 9 + 22100);
    evm_u256 k = u(0);
    CHECK_EQ_UINT(evm_state_storage(&s, &c, &k).w[0], 1);
    CHECK_EQ_UINT(evm_state_balance(&s, &b.coinbase).w[0], 0);   /* price == base fee */
    /* clear it: 2900 + 2100 (cold) charged, refund 4800 (below the cap gas_used / 5) */
    data[31] = 0;
    tx.nonce = 1;
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_CANCUN, &b, &tx, &r), EVM_TX_OK);
    uint64_t used = 21000 + 128 + 9 + 2900 + 2100;
    CHECK_EQ_UINT(r.gas_refund, 4800);
    CHECK_EQ_UINT(r.gas_used, used - 4800);
    CHECK(evm_u256_is_zero((evm_u256[]){evm_state_storage(&s, &c, &k)}));
    CHECK_EQ_UINT(evm_state_balance(&s, &alice).w[0],
                  1000000000 - 10 * (21000 + 124 + 16 + 9 + 22100) - 10 * (used - 4800));

    /* a creation: the address comes from the sender's nonce before the bump */
    tx.nonce = 2;
    tx.to = addr_of(0);
    tx.create = true;
    /* init code returning one byte 0x00: 6000 6000 53 6001 6000 f3 */
    tx.data = (const uint8_t *)"\x60\x00\x60\x00\x53\x60\x01\x60\x00\xf3";
    tx.data_size = 10;
    CHECK_EQ_INT(evm_state_transact(&s, &vm, EVM_CANCUN, &b, &tx, &r), EVM_TX_OK);
    CHECK_EQ_INT(r.exec_status, EVM_SUCCESS);
    evm_address expect;
    evm_create_address(&alice, 2, &expect);
    CHECK_EQ_MEM(r.create_address.bytes, expect.bytes, 20);
    size_t n;
    evm_state_code(&s, &expect, &n);
    CHECK_EQ_UINT(n, 1);
    CHECK_EQ_UINT(evm_state_nonce(&s, &expect), 1);
    CHECK_EQ_UINT(evm_state_nonce(&s, &alice), 3);
    evm_state_destroy(&s);
    evm_vm_destroy(&vm);
}

/* Every allocation failing in turn: false or EVM_TX_ABORTED, never a crash or a
   leak, and an unchanged state on a failed transaction. */
static void test_allocation_failure(void)
{
    for (long fail = 0; fail < 60; fail++) {
        counting c = {0, 0, fail};
        evm_allocator al = {counting_realloc, &c};
        evm_state s;
        evm_state_init(&s, &al);
        evm_vm vm;
        evm_vm_init(&vm, NULL);
        evm_address alice = addr_of(1), ct = addr_of(2);
        evm_u256 bal = u(1000000000);
        bool ok = evm_state_set_balance(&s, &alice, &bal) &&
                  evm_state_set_code(&s, &ct, (const uint8_t *)"\x60\x01\x60\x00\x55\x60\x00\x60\x00\xa0\x00", 11);
        if (ok) {
            evm_block_env b = block_env();
            evm_transaction tx;
            memset(&tx, 0, sizeof tx);
            tx.sender = alice;
            tx.to = ct;
            tx.gas_limit = 100000;
            tx.gas_price = u(10);
            evm_tx_result r;
            evm_tx_status st = evm_state_transact(&s, &vm, EVM_CANCUN, &b, &tx, &r);
            CHECK(st == EVM_TX_OK || st == EVM_TX_ABORTED);
            if (st == EVM_TX_ABORTED) {
                CHECK_EQ_UINT(evm_state_nonce(&s, &alice), 0);
                CHECK_EQ_UINT(evm_state_balance(&s, &alice).w[0], 1000000000);
            } else {
                CHECK_EQ_UINT(evm_state_log_count(&s), 1);
            }
            evm_bytes32 root;
            (void)evm_state_root(&s, &root);
        }
        evm_vm_destroy(&vm);
        evm_state_destroy(&s);
        CHECK_EQ_INT(c.live, 0);
    }
}

/* Many slots: the tables grow and every value is still found. */
static void test_many_slots(void)
{
    evm_state s;
    evm_state_init(&s, NULL);
    const evm_host *h = evm_state_host();
    evm_address a = addr_of(1);
    evm_state_create(&s, &a);
    evm_state_begin_transaction(&s, EVM_CANCUN);
    for (uint64_t i = 0; i < 20000; i++) {
        evm_u256 k = {{i, i * 7, 0, i}}, v = u(i + 1);
        CHECK(!h->access_storage(&s, &a, &k) || i == 0 ? true : false);
        CHECK(h->set_storage(&s, &a, &k, &v));
    }
    for (uint64_t i = 0; i < 20000; i += 997) {
        evm_u256 k = {{i, i * 7, 0, i}}, v;
        h->get_storage(&s, &a, &k, &v);
        CHECK_EQ_UINT(v.w[0], i + 1);
        CHECK(h->access_storage(&s, &a, &k));
    }
    CHECK(evm_state_end_transaction(&s));
    for (int i = 0; i < 3000; i++) {
        evm_address x = addr_of(0);
        x.bytes[1] = (uint8_t)(i >> 8);
        x.bytes[2] = (uint8_t)i;
        evm_u256 v = u((uint64_t)i);
        CHECK(evm_state_set_balance(&s, &x, &v));
    }
    evm_address x = addr_of(0);
    x.bytes[1] = 2000 >> 8;
    x.bytes[2] = (uint8_t)2000;
    CHECK_EQ_UINT(evm_state_balance(&s, &x).w[0], 2000);
    evm_state_destroy(&s);
}

int main(void)
{
    RUN(test_rlp);
    RUN(test_trie_vectors);
    RUN(test_state_root_accounts);
    RUN(test_state_root_known);
    RUN(test_storage_root);
    RUN(test_accounts);
    RUN(test_journal);
    RUN(test_journal_coalescing);
    RUN(test_create_collision);
    RUN(test_selfdestruct);
    RUN(test_touch_cleanup);
    RUN(test_logs_hash_and_block_hash);
    RUN(test_transfer_tx);
    RUN(test_prague_rules);
    RUN(test_contract_tx);
    RUN(test_allocation_failure);
    RUN(test_many_slots);
    return TEST_END("test_state");
}
