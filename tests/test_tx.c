/* test_tx.c - evm_tx.h: decoding, encoding, signing hash and sender recovery of raw
   transactions of the four Cancun types; malformed RLP, each with its status; failing
   allocator.
   With a directory argument (make test passes ../shared/ethereum-tests/GeneralStateTests)
   it also decodes the `txbytes` of every post entry of every state test, compares each
   field with the test's JSON transaction (at the entry's data/gas/value indexes), recovers
   the sender and re-encodes: one test per file. Entries whose expectException names an
   RLP error must fail to decode. */
#define _POSIX_C_SOURCE 200809L
#define EVM_IMPLEMENTATION
#define EVM_STATE_NO_PRECOMPILES
#include "../evm_tx.h"
#include "../evm_json.h"
#include "test.h"
#include <stdlib.h>
#include <dirent.h>
#include <sys/stat.h>

static size_t unhex(const char *hex, uint8_t *out, size_t cap)
{
    long n = test_hex(hex, out, cap);
    CHECK(n >= 0);
    return n < 0 ? 0 : (size_t)n;
}

static void check_roundtrip(const uint8_t *raw, size_t n)
{
    evm_signed_tx t;
    CHECK_EQ_INT(evm_tx_decode(&t, raw, n, NULL), EVM_TXD_OK);
    uint8_t *enc = NULL;
    size_t size = 0;
    CHECK(evm_tx_encode(&t, NULL, &enc, &size));
    CHECK_EQ_UINT(size, n);
    if (size == n)
        CHECK_EQ_MEM(enc, raw, n);
    free(enc);
    evm_signed_tx_free(&t);
}

/* The EIP-155 example: nonce 9, 20 gwei, 21000 gas, to 0x3535..., 1 ether, chain 1,
   private key 0x4646...46. */
static void test_eip155_example(void)
{
    uint8_t raw[256], want[32], addr[20];
    size_t n = unhex("f86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a7"
                     "6400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a0"
                     "67cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83", raw, sizeof raw);
    evm_signed_tx t;
    CHECK_EQ_INT(evm_tx_decode(&t, raw, n, NULL), EVM_TXD_OK);
    CHECK_EQ_INT(t.tx.type, 0);
    CHECK_EQ_UINT(t.tx.nonce, 9);
    CHECK_EQ_UINT(t.tx.gas_price.w[0], 20000000000ull);
    CHECK_EQ_UINT(t.tx.gas_limit, 21000);
    CHECK(!t.tx.create);
    CHECK_EQ_UINT(t.tx.value.w[0], 1000000000000000000ull);
    CHECK_EQ_UINT(t.tx.data_size, 0);
    CHECK(t.eip155);
    CHECK_EQ_UINT(t.chain_id.w[0], 1);
    CHECK_EQ_INT(t.y_parity, 0);
    /* signing payload from the EIP */
    uint8_t payload[64];
    size_t pn = unhex("ec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400"
                      "0080018080", payload, sizeof payload);
    evm_keccak256(payload, pn, want);
    evm_bytes32 h;
    CHECK(evm_tx_signing_hash(&t, &h));
    CHECK_EQ_MEM(h.bytes, want, 32);
    CHECK(evm_tx_recover_sender(&t, EVM_CANCUN));
    unhex("9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f", addr, 20);
    CHECK_EQ_MEM(t.tx.sender.bytes, addr, 20);
    CHECK(!evm_tx_recover_sender(&t, EVM_HOMESTEAD));      /* EIP-155 v before Spurious Dragon */
    evm_keccak256(raw, n, want);
    CHECK_EQ_MEM(t.hash.bytes, want, 32);
    evm_signed_tx_free(&t);
    evm_signed_tx_free(&t);                                 /* twice is harmless */
    check_roundtrip(raw, n);
}

/* One of each type, from the state tests (sender 0xa94f5374...6ebf0b). */
static const char *const sample_tx[4] = {
    "f885010a8404c4b40094cccccccccccccccccccccccccccccccccccccccc80a4ebd141d5000000000000000000"
    "00000000000000000000000000000000000000000000101ba03f25317a016b655317d9024ed96dc1dcb00af63d"
    "80ce8522a88c8a797345ac6ea044675118eeab285dcc3a51650c5e016fdd4843c1f2f640884511b5232b45140d",
    "01f89b0180078304ef0094000000000000000000000000000000000000aaaa0180f838f79400000000000000000000"
    "00000000000000000000e1a0000000000000000000000000000000000000000000000000000000000000000001a0"
    "2e16eb72206c93c471b5894800495ee9c64ae2d9823bcc4d6adeb5d9d9af0dd4a03be6691e933a0816c59d059a55"
    "6c27c6753e6ce76d1e357b9201865c80b28df3",
    "02f8690180808207d083061a8094a00000000000000000000000000000000000000a808470ac643ec001a0d291a8"
    "b33b4d2414a921a32715b55846147d0a6ffe6c5992a115e0fa60ab4d57a02f5701d3d33d024aa80b46ed86dba7bf"
    "bd825b2172f4c5c6aeeadb1c28685d57",
    "03f9012d01800285012a05f200833d090094095e7baea6a6c7c4c2dfeb977efac326af552d87830186a000f85bf8"
    "5994095e7baea6a6c7c4c2dfeb977efac326af552d87f842a0000000000000000000000000000000000000000000"
    "0000000000000000000000a000000000000000000000000000000000000000000000000000000000000000010af8"
    "63a001a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065f0001a001a915e4d060149eb43659"
    "60e6a7a45f334393093061116b197e3240065f0002a001a915e4d060149eb4365960e6a7a45f334393093061116b"
    "197e3240065f000380a0787d491816e6b21187fc25ee71bc1dd2240b41de89852c21f7a518101dc28bc2a05b5dbb"
    "0592f2fdc391efe1e9c6181e54f1b817d07d6f5c7767c7267529528e20"};

static void test_four_types(void)
{
    uint8_t raw[512], sender[20];
    unhex("a94f5374fce5edbc8e2a8697c15331677e6ebf0b", sender, 20);
    for (int type = 0; type < 4; type++) {
        size_t n = unhex(sample_tx[type], raw, sizeof raw);
        evm_signed_tx t;
        CHECK_EQ_INT(evm_tx_decode(&t, raw, n, NULL), EVM_TXD_OK);
        CHECK_EQ_INT(t.tx.type, type);
        CHECK(evm_tx_recover_sender(&t, EVM_CANCUN));
        CHECK_EQ_MEM(t.tx.sender.bytes, sender, 20);
        if (type)
            CHECK_EQ_UINT(t.chain_id.w[0], 1);
        else
            CHECK(!t.eip155);
        evm_signed_tx_free(&t);
        check_roundtrip(raw, n);
    }
    /* field details of the type-3 sample */
    size_t n = unhex(sample_tx[3], raw, sizeof raw);
    evm_signed_tx t;
    CHECK_EQ_INT(evm_tx_decode(&t, raw, n, NULL), EVM_TXD_OK);
    CHECK_EQ_UINT(t.tx.max_priority_fee_per_gas.w[0], 2);
    CHECK_EQ_UINT(t.tx.max_fee_per_gas.w[0], 0x012a05f200ull);
    CHECK_EQ_UINT(t.tx.gas_limit, 0x3d0900);
    CHECK_EQ_UINT(t.tx.value.w[0], 0x0186a0);
    CHECK_EQ_UINT(t.tx.data_size, 1);
    CHECK_EQ_UINT(t.tx.access_list_count, 1);
    CHECK_EQ_UINT(t.tx.access_list[0].key_count, 2);
    CHECK_EQ_INT(t.tx.access_list[0].keys[1].bytes[31], 1);
    CHECK_EQ_UINT(t.tx.max_fee_per_blob_gas.w[0], 10);
    CHECK_EQ_UINT(t.tx.blob_hash_count, 3);
    CHECK_EQ_INT(t.tx.blob_hashes[2].bytes[31], 3);
    CHECK_EQ_INT(t.tx.blob_hashes[2].bytes[0], 1);
    evm_signed_tx_free(&t);
}

typedef struct bad_case { const char *hex; evm_tx_decode_status status; size_t offset; } bad_case;

static void test_malformed(void)
{
    static const bad_case cases[] = {
        {"", EVM_TXD_EMPTY, 0},
        {"00f800", EVM_TXD_UNKNOWN_TYPE, 0},
        {"05c0", EVM_TXD_UNKNOWN_TYPE, 0},
        {"7f", EVM_TXD_UNKNOWN_TYPE, 0},
        {"8180", EVM_TXD_NOT_A_LIST, 0},
        {"02", EVM_TXD_TRUNCATED, 1},                       /* a type and nothing else */
        {"0280", EVM_TXD_NOT_A_LIST, 1},
        {"c9", EVM_TXD_TRUNCATED, 0},                       /* list header, no payload */
        {"f8", EVM_TXD_TRUNCATED, 0},                       /* long list, no length byte */
        {"f800", EVM_TXD_NON_CANONICAL, 0},                 /* length with a leading zero */
        {"f80180", EVM_TXD_NON_CANONICAL, 0},               /* long form for a short list */
        {"c0", EVM_TXD_FIELD_COUNT, 1},                     /* no fields at all */
        {"c0c0", EVM_TXD_TRAILING_BYTES, 1},
        {"ffffffffffffffffff", EVM_TXD_TRUNCATED, 0},       /* 2^64-1 byte list */
        /* legacy: 9 fields: nonce@1 gasPrice@2 gas@3 to@4 value@5 data@6 v@7 r@8 s@9 */
        {"c9808080808080808080", EVM_TXD_BAD_V, 7},           /* v = 0 */
        {"c6808080808080", EVM_TXD_FIELD_COUNT, 7},           /* stops after data */
        {"c88080808080801b80", EVM_TXD_FIELD_COUNT, 9},       /* 8 fields: no s */
        {"ca8080808080801b808080", EVM_TXD_FIELD_COUNT, 10},  /* a tenth field */
        {"ca810580808080801b8080", EVM_TXD_NON_CANONICAL, 1}, /* 0x81 0x05: byte < 0x80 with a prefix */
        {"c90080808080801b8080", EVM_TXD_LEADING_ZERO, 1},    /* integer 0 as the byte 00 */
        {"cb82000180808080801b8080", EVM_TXD_LEADING_ZERO, 1}, /* 0x0001 */
        {"d28901000000000000000080808080801b8080", EVM_TXD_INTEGER_TOO_LARGE, 1}, /* nonce 2^64 */
        {"cb80808082aabb80801b8080", EVM_TXD_BAD_ADDRESS, 4}, /* a 2-byte `to` */
        {"c980c0808080801b8080", EVM_TXD_NOT_A_LIST, 2},      /* a list for gasPrice */
        {"c98080808080801d8080", EVM_TXD_BAD_V, 7},           /* v = 29 */
        {"c9808080808080228080", EVM_TXD_BAD_V, 7},           /* v = 34 */
        {"ea808080808080a101000000000000000000000000000000000000000000000000000000000000000080"
         "80", EVM_TXD_INTEGER_TOO_LARGE, 7},                 /* v of 33 bytes */
        {"cf8080808080b80501010101011b8080", EVM_TXD_NON_CANONICAL, 6}, /* long form, 5 bytes */
        {"f84b8080808080b9004001010101010101010101010101010101010101010101010101010101010101010101"
         "0101010101010101010101010101010101010101010101010101010101011b8080",
         EVM_TXD_NON_CANONICAL, 7},                           /* length with a leading zero byte */
        {"cb80808080808601021b8080", EVM_TXD_TRUNCATED, 6},   /* string longer than its list */
        /* type 1: chainId@2 nonce@3 gasPrice@4 gas@5 to@6 value@7 data@8 accessList@9 y r s */
        {"01cb8080808080808080028080", EVM_TXD_BAD_ACCESS_LIST, 9},   /* access list not a list */
        {"01cbc0808080808080c0018080", EVM_TXD_NOT_A_LIST, 2},        /* chain id a list */
        {"01cb80808080808080c0028080", EVM_TXD_BAD_V, 10},            /* yParity 2 */
        {"01cc80808080808080c180018080", EVM_TXD_BAD_ACCESS_LIST, 10},/* entry not a list */
        {"01cc80808080808080c1c0018080", EVM_TXD_BAD_ACCESS_LIST, 11},/* entry [] */
        {"01cd80808080808080c2c1c0018080", EVM_TXD_BAD_ACCESS_LIST, 11}, /* entry [[]] */
        {"01cd80808080808080c2c180018080", EVM_TXD_BAD_ADDRESS, 11},  /* entry [""] */
        {"01e180808080808080d6d5940000000000000000000000000000000000000000018080",
         EVM_TXD_BAD_ACCESS_LIST, 32},                                /* [address], no keys */
        {"01e380808080808080d8d7940000000000000000000000000000000000000000c180018080",
         EVM_TXD_BAD_STORAGE_KEY, 33},                                /* a key of 0 bytes */
        {"01e380808080808080d8d7940000000000000000000000000000000000000000c080018080",
         EVM_TXD_BAD_ACCESS_LIST, 33},                                /* 3 items in an entry */
        {"01e280808080808080d7d694000000000000000000000000000000000000000080018080",
         EVM_TXD_BAD_ACCESS_LIST, 32},                                /* keys not a list */
        /* type 3: chainId nonce prio max gas to@7 value@28 data@29 al@30 maxBlob@31 hashes@32 */
        {"03e380808080809400000000000000000000000000000000000000008080c080c180808080",
         EVM_TXD_BAD_STORAGE_KEY, 33},                                /* a blob hash of 0 bytes */
        {"03e280808080809400000000000000000000000000000000000000008080c08080808080",
         EVM_TXD_NOT_A_LIST, 32},                                     /* hashes not a list */
        {"02cb8080808080808080c08080", EVM_TXD_FIELD_COUNT, 13},      /* type 2 with 11 fields */
        {"03ce8080808080808080c080c0808080", EVM_TXD_OK, 0},          /* a type-3 creation decodes:
                                                                         transact rejects it */
        /* type 4: chainId nonce prio max gas to@8 value@29 data@30 al@31 auths@32 (one less
           under a one-byte list header); an authorization's fields at 34 (chainId), 35
           (address), 56 (nonce), 57 (yParity), 58 (r), 59 (s) */
        {"04e180808080809400000000000000000000000000000000000000008080c0c0808080", EVM_TXD_OK, 0},
                                                        /* no authorization: transact rejects it */
        {"04f83c80808080809400000000000000000000000000000000000000008080c0dbda8094000000000000"
         "000000000000000000000000000080808080808080", EVM_TXD_OK, 0},
        {"04f83b80808080809400000000000000000000000000000000000000008080c0dad98094000000000000"
         "0000000000000000000000000000808080808080", EVM_TXD_BAD_AUTHORIZATION, 59}, /* 5 fields */
        {"04f83d80808080809400000000000000000000000000000000000000008080c0dcdb8094000000000000"
         "00000000000000000000000000008080808080808080", EVM_TXD_BAD_AUTHORIZATION, 60}, /* 7 fields */
        {"04f83b80808080809400000000000000000000000000000000000000008080c0dad9809300000000000000"
         "00000000000000000000000080808080808080", EVM_TXD_BAD_ADDRESS, 35},     /* 19-byte address */
        {"04f83e80808080809400000000000000000000000000000000000000008080c0dddc8094000000000000"
         "0000000000000000000000000000808201008080808080", EVM_TXD_INTEGER_TOO_LARGE, 57}, /* yParity 256 */
        {"04e280808080809400000000000000000000000000000000000000008080c0c180808080",
         EVM_TXD_BAD_AUTHORIZATION, 32},                              /* an entry that is a string */
        {"04e180808080809400000000000000000000000000000000000000008080c080808080",
         EVM_TXD_BAD_AUTHORIZATION, 31},                              /* the list is a string */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t raw[128];
        size_t n = unhex(cases[i].hex, raw, sizeof raw);
        evm_signed_tx t;
        evm_tx_decode_status s = evm_tx_decode(&t, raw, n, NULL);
        if (s != cases[i].status || t.error_offset != cases[i].offset)
            printf("  case %zu (%s): %s at %zu, want %s at %zu\n", i, cases[i].hex,
                   evm_tx_decode_status_name(s), t.error_offset,
                   evm_tx_decode_status_name(cases[i].status), cases[i].offset);
        CHECK_EQ_INT(s, cases[i].status);
        CHECK_EQ_UINT(t.error_offset, cases[i].offset);
        if (cases[i].status != EVM_TXD_OK)
            CHECK(t.block == NULL && t.tx.data == NULL);
        else
            CHECK((t.tx.type == 3 && t.tx.create) ||
                  (t.tx.type == 4 && !t.tx.create && t.tx.authorization_count == (n > 40)));
        evm_signed_tx_free(&t);
    }
    CHECK_EQ_STR(evm_tx_decode_status_name(EVM_TXD_BAD_V), "bad v / yParity");
    CHECK_EQ_STR(evm_tx_decode_status_name(EVM_TXD_STATUS_COUNT), "unknown status");
    evm_signed_tx t;
    CHECK_EQ_INT(evm_tx_decode(&t, NULL, 5, NULL), EVM_TXD_EMPTY);
}

/* Every truncation and every one-byte change of a valid transaction: a status, no crash
   and, when it still decodes, the encoding gives the same bytes back. */
static void test_mutations(void)
{
    uint8_t raw[512], buf[512];
    for (int type = 0; type < 4; type++) {
        size_t n = unhex(sample_tx[type], raw, sizeof raw);
        for (size_t cut = 0; cut < n; cut++) {
            evm_signed_tx t;
            evm_tx_decode_status s = evm_tx_decode(&t, raw, cut, NULL);
            CHECK(s != EVM_TXD_OK);
            CHECK(t.error_offset <= cut);
        }
        for (size_t i = 0; i < n; i++) {
            static const uint8_t deltas[] = {1, 0x40, 0x80, 0xff};
            for (size_t d = 0; d < sizeof deltas; d++) {
                memcpy(buf, raw, n);
                buf[i] = (uint8_t)(buf[i] + deltas[d]);
                evm_signed_tx t;
                evm_tx_decode_status s = evm_tx_decode(&t, buf, n, NULL);
                CHECK((unsigned)s < EVM_TXD_STATUS_COUNT);
                if (s == EVM_TXD_OK) {
                    uint8_t *enc = NULL;
                    size_t size = 0;
                    CHECK(evm_tx_encode(&t, NULL, &enc, &size));
                    CHECK(size == n && memcmp(enc, buf, n) == 0);
                    free(enc);
                    if (i < 8)                         /* any answer, no crash (fuzz_tx does more) */
                        evm_tx_recover_sender(&t, EVM_CANCUN);
                } else {
                    CHECK(t.error_offset <= n);
                }
                evm_signed_tx_free(&t);
            }
        }
    }
}

/* A high s is refused from Homestead on (EIP-2); a zero r cannot be recovered. */
static void test_signature_rules(void)
{
    uint8_t raw[512];
    size_t n = unhex(sample_tx[2], raw, sizeof raw);
    evm_signed_tx t;
    CHECK_EQ_INT(evm_tx_decode(&t, raw, n, NULL), EVM_TXD_OK);
    static const evm_u256 order = {{0xbfd25e8cd0364141ull, 0xbaaedce6af48a03bull,
                                    0xfffffffffffffffeull, 0xffffffffffffffffull}};
    evm_u256 s = t.s;
    t.s = evm_u256_sub(order, s);          /* the other valid s: high */
    t.y_parity ^= 1;
    CHECK(!evm_tx_recover_sender(&t, EVM_CANCUN));
    CHECK(evm_tx_recover_sender(&t, EVM_FRONTIER));   /* Frontier accepted it */
    uint8_t sender[20];
    unhex("a94f5374fce5edbc8e2a8697c15331677e6ebf0b", sender, 20);
    CHECK_EQ_MEM(t.tx.sender.bytes, sender, 20);
    t.s = s;
    t.y_parity ^= 1;
    t.r = evm_u256_from_u64(0);
    CHECK(!evm_tx_recover_sender(&t, EVM_CANCUN));
    evm_address zero;
    memset(&zero, 0, sizeof zero);
    CHECK_EQ_MEM(t.tx.sender.bytes, zero.bytes, 20);
    t.tx.type = 5;
    uint8_t *enc = NULL;
    size_t size = 0;
    CHECK(!evm_tx_encode(&t, NULL, &enc, &size));
    CHECK(enc == NULL && size == 0);
    evm_signed_tx_free(&t);
}


static void test_allocation_failure(void)
{
    uint8_t raw[512];
    size_t n = unhex(sample_tx[3], raw, sizeof raw);
    counting c = {0, 0, 0};
    evm_allocator a = {counting_realloc, &c};
    evm_signed_tx t;
    CHECK_EQ_INT(evm_tx_decode(&t, raw, n, &a), EVM_TXD_OUT_OF_MEMORY);
    CHECK_EQ_INT(c.live, 0);
    c.fail_from = 1;
    c.requests = 0;
    CHECK_EQ_INT(evm_tx_decode(&t, raw, n, &a), EVM_TXD_OK);
    CHECK(!evm_tx_recover_sender(&t, EVM_CANCUN));     /* the signing payload cannot be built */
    uint8_t *enc = NULL;
    size_t size = 0;
    CHECK(!evm_tx_encode(&t, &a, &enc, &size));
    CHECK(enc == NULL);
    c.fail_from = 1000;
    CHECK(evm_tx_recover_sender(&t, EVM_CANCUN));
    evm_signed_tx_free(&t);
    CHECK_EQ_INT(c.live, 0);
}

/* A legacy transaction with a huge EIP-155 chain id and a contract creation. */
static void test_encode_fields(void)
{
    evm_signed_tx t;
    memset(&t, 0, sizeof t);
    t.tx.type = 0;
    t.tx.create = true;
    t.tx.nonce = UINT64_MAX;
    t.tx.gas_limit = 0x80;
    uint8_t code[60];
    memset(code, 0x5b, sizeof code);
    t.tx.data = code;
    t.tx.data_size = sizeof code;
    t.v = evm_u256_from_u64(0);
    t.v.w[3] = 1;                                  /* v = 2^192: chain id (2^192 - 35) / 2 */
    t.r = evm_u256_from_u64(1);
    t.s = evm_u256_from_u64(2);
    uint8_t *enc = NULL;
    size_t size = 0;
    CHECK(evm_tx_encode(&t, NULL, &enc, &size));
    evm_signed_tx d;
    CHECK_EQ_INT(evm_tx_decode(&d, enc, size, NULL), EVM_TXD_OK);
    CHECK(d.tx.create && d.tx.nonce == UINT64_MAX && d.tx.gas_limit == 0x80);
    CHECK_EQ_UINT(d.tx.data_size, sizeof code);
    CHECK(d.eip155);
    evm_u256 want = evm_u256_shr(evm_u256_from_u64(1), evm_u256_sub(t.v, evm_u256_from_u64(35)));
    CHECK(evm_u256_eq(&d.chain_id, &want));
    uint8_t *again = NULL;
    size_t again_size = 0;
    CHECK(evm_tx_encode(&d, NULL, &again, &again_size));
    CHECK(again_size == size && memcmp(again, enc, size) == 0);
    free(enc);
    free(again);
    evm_signed_tx_free(&d);
}

/* ---- the state tests' txbytes ---- */
static long st_entries, st_rlp_failures, st_files;
static int st_verbose_left = 20;

static void st_report(const char *path, const char *test, const char *fork, long i, const char *what)
{
    if (st_verbose_left-- > 0)
        printf("  %s %s %s #%ld: %s\n", path, test, fork, i, what);
}

static const evm_json *st_at(const evm_json *arr, uint64_t i)
{
    const evm_json *e = arr && arr->type == EVM_JSON_ARRAY ? arr->child : NULL;
    while (e && i--)
        e = e->next;
    return e;
}

/* Compare one decoded transaction with the JSON; returns a description of the first
   difference or NULL. */
static const char *st_compare(const evm_signed_tx *t, const evm_json *tx, const evm_json *idx, evm_fork fork,
                              const evm_json *config)
{
    evm_u256 chain = evm_u256_from_u64(1);
    if (evm_json_get(config, "chainid") && !evm_json_u256(evm_json_get(config, "chainid"), &chain))
        return "config.chainid (JSON)";
    uint64_t di = 0, gi = 0, vi = 0;
    if (!evm_json_u64(evm_json_get(idx, "data"), &di) || !evm_json_u64(evm_json_get(idx, "gas"), &gi) ||
        !evm_json_u64(evm_json_get(idx, "value"), &vi))
        return "bad indexes";
    const evm_json *al = st_at(evm_json_get(tx, "accessLists"), di);
    const evm_json *auths = evm_json_get(tx, "authorizationList");
    int type = auths ? 4 : evm_json_get(tx, "blobVersionedHashes") ? 3 : evm_json_get(tx, "maxFeePerGas") ? 2
             : al && al->type == EVM_JSON_ARRAY ? 1 : 0;
    if (t->tx.type != type) return "type";
    uint64_t u;
    evm_u256 w;
    if (!evm_json_u64(evm_json_get(tx, "nonce"), &u) || u != t->tx.nonce) return "nonce";
    if (!evm_json_u64(st_at(evm_json_get(tx, "gasLimit"), gi), &u) || u != t->tx.gas_limit) return "gasLimit";
    if (!evm_json_u256(st_at(evm_json_get(tx, "value"), vi), &w) || !evm_u256_eq(&w, &t->tx.value)) return "value";
    uint8_t *data = NULL;
    size_t size = 0;
    if (!evm_json_hex(st_at(evm_json_get(tx, "data"), di), NULL, &data, &size)) return "data (JSON)";
    bool same = size == t->tx.data_size && (size == 0 || memcmp(data, t->tx.data, size) == 0);
    free(data);
    if (!same) return "data";
    const evm_json *to = evm_json_get(tx, "to");
    if (!to || to->type != EVM_JSON_STRING) return "to (JSON)";
    if (to->len == 0) {
        if (!t->tx.create) return "to: want a creation";
    } else {
        evm_address a;
        if (!evm_json_address(to, &a) || t->tx.create || memcmp(a.bytes, t->tx.to.bytes, 20)) return "to";
    }
    if (type >= 2) {
        if (!evm_json_u256(evm_json_get(tx, "maxFeePerGas"), &w) || !evm_u256_eq(&w, &t->tx.max_fee_per_gas))
            return "maxFeePerGas";
        if (!evm_json_u256(evm_json_get(tx, "maxPriorityFeePerGas"), &w) ||
            !evm_u256_eq(&w, &t->tx.max_priority_fee_per_gas))
            return "maxPriorityFeePerGas";
    } else if (!evm_json_u256(evm_json_get(tx, "gasPrice"), &w) || !evm_u256_eq(&w, &t->tx.gas_price)) {
        return "gasPrice";
    }
    if (type) {
        if (!evm_u256_eq(&t->chain_id, &chain)) return "chainId";
        if (al->len != t->tx.access_list_count) return "accessList length";
        size_t k = 0;
        for (const evm_json *e = al->child; e; e = e->next, k++) {
            const evm_access_list_entry *x = &t->tx.access_list[k];
            evm_address a;
            const evm_json *keys = evm_json_get(e, "storageKeys");
            if (!evm_json_address(evm_json_get(e, "address"), &a) || memcmp(a.bytes, x->address.bytes, 20))
                return "accessList address";
            if (!keys || keys->len != x->key_count) return "accessList keys";
            size_t j = 0;
            for (const evm_json *key = keys->child; key; key = key->next, j++) {
                evm_bytes32 b;
                if (!evm_json_bytes32(key, &b) || memcmp(b.bytes, x->keys[j].bytes, 32)) return "storage key";
            }
        }
    } else if (t->eip155 && !evm_u256_eq(&t->chain_id, &chain)) {
        return "EIP-155 chain id";
    }
    if (type == 3) {
        const evm_json *bv = evm_json_get(tx, "blobVersionedHashes");
        if (!evm_json_u256(evm_json_get(tx, "maxFeePerBlobGas"), &w) || !evm_u256_eq(&w, &t->tx.max_fee_per_blob_gas))
            return "maxFeePerBlobGas";
        if (bv->len != t->tx.blob_hash_count) return "blob count";
        size_t j = 0;
        for (const evm_json *h = bv->child; h; h = h->next, j++) {
            evm_bytes32 b;
            if (!evm_json_bytes32(h, &b) || memcmp(b.bytes, t->tx.blob_hashes[j].bytes, 32)) return "blob hash";
        }
    }
    if (type == 4) {
        if (auths->len != t->tx.authorization_count) return "authorization count";
        size_t j = 0;
        for (const evm_json *a = auths->child; a; a = a->next, j++) {
            const evm_authorization *x = &t->tx.authorizations[j];
            evm_address ad;
            const evm_json *yp = evm_json_get(a, "yParity");
            if (!evm_json_u256(evm_json_get(a, "chainId"), &w) || !evm_u256_eq(&w, &x->chain_id)) return "authorization chainId";
            if (!evm_json_address(evm_json_get(a, "address"), &ad) || memcmp(ad.bytes, x->address.bytes, 20))
                return "authorization address";
            if (!evm_json_u64(evm_json_get(a, "nonce"), &u) || u != x->nonce) return "authorization nonce";
            if (!evm_json_u256(yp ? yp : evm_json_get(a, "v"), &w) || !evm_u256_eq(&w, &x->y_parity))
                return "authorization yParity";
            if (!evm_json_u256(evm_json_get(a, "r"), &w) || !evm_u256_eq(&w, &x->r)) return "authorization r";
            if (!evm_json_u256(evm_json_get(a, "s"), &w) || !evm_u256_eq(&w, &x->s)) return "authorization s";
        }
    }
    evm_signed_tx c = *t;
    evm_address sender;
    if (!evm_json_address(evm_json_get(tx, "sender"), &sender)) return "sender (JSON)";
    if (!evm_tx_recover_sender(&c, fork)) return "sender not recoverable";
    if (memcmp(c.tx.sender.bytes, sender.bytes, 20)) return "sender";
    return NULL;
}

static bool st_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return false;
    fseek(fp, 0, SEEK_END);
    long len = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *text = (char *)malloc(len > 0 ? (size_t)len : 1);
    bool ok = text && fread(text, 1, (size_t)len, fp) == (size_t)len;
    fclose(fp);
    evm_json_doc doc;
    if (!ok || !evm_json_parse(&doc, text, (size_t)len, NULL)) {
        printf("  %s: %s\n", path, ok ? doc.error : "unreadable");
        free(text);
        return false;
    }
    free(text);
    st_files++;
    bool file_ok = true;
    for (const evm_json *test = doc.root->child; test; test = test->next) {
        const evm_json *tx = evm_json_get(test, "transaction"), *post = evm_json_get(test, "post");
        if (!tx || !post) { st_report(path, test->key, "", 0, "no transaction/post"); file_ok = false; continue; }
        for (const evm_json *fk = post->child; fk; fk = fk->next) {
            evm_fork fork;
            if (!evm_fork_from_name(fk->key, &fork)) continue;
            long i = 0;
            for (const evm_json *e = fk->child; e; e = e->next, i++) {
                st_entries++;
                uint8_t *raw = NULL;
                size_t size = 0;
                const evm_json *ex = evm_json_get(e, "expectException");
                bool rlp_error = ex && ex->type == EVM_JSON_STRING && strstr(ex->str, "RLP_");
                if (!evm_json_hex(evm_json_get(e, "txbytes"), NULL, &raw, &size)) {
                    st_report(path, test->key, fk->key, i, "no txbytes");
                    file_ok = false;
                    continue;
                }
                evm_signed_tx t;
                evm_tx_decode_status s = evm_tx_decode(&t, raw, size, NULL);
                if (rlp_error) {
                    st_rlp_failures++;
                    if (s == EVM_TXD_OK) { st_report(path, test->key, fk->key, i, "decoded, want an RLP error"); file_ok = false; }
                } else if (s != EVM_TXD_OK) {
                    char msg[96];
                    snprintf(msg, sizeof msg, "%s at byte %zu", evm_tx_decode_status_name(s), t.error_offset);
                    st_report(path, test->key, fk->key, i, msg);
                    file_ok = false;
                } else {
                    const char *diff = st_compare(&t, tx, evm_json_get(e, "indexes"), fork,
                                                  evm_json_get(test, "config"));
                    uint8_t *enc = NULL;
                    size_t enc_size = 0;
                    if (!diff && (!evm_tx_encode(&t, NULL, &enc, &enc_size) || enc_size != size ||
                                  memcmp(enc, raw, size) != 0))
                        diff = "re-encoding differs";
                    free(enc);
                    if (diff) { st_report(path, test->key, fk->key, i, diff); file_ok = false; }
                }
                evm_signed_tx_free(&t);
                free(raw);
            }
        }
    }
    evm_json_free(&doc);
    return file_ok;
}

static void st_walk(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) { printf("  cannot open %s\n", dir); test__failed++; return; }
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.') continue;
        size_t n = strlen(dir) + strlen(de->d_name) + 2;
        char *path = (char *)malloc(n);
        if (!path) break;
        snprintf(path, n, "%s/%s", dir, de->d_name);
        struct stat sb;
        if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            st_walk(path);
        } else if (n > 6 && strcmp(path + n - 6, ".json") == 0) {
            if (st_file(path)) test__passed++;
            else { test__failed++; printf("FAILED %s\n", path); }
        }
        free(path);
    }
    closedir(d);
}

int main(int argc, char **argv)
{
    RUN(test_eip155_example);
    RUN(test_four_types);
    RUN(test_malformed);
    RUN(test_mutations);
    RUN(test_signature_rules);
    RUN(test_allocation_failure);
    RUN(test_encode_fields);
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            st_walk(argv[i]);
        printf("txbytes: %ld entries in %ld files decoded and compared (%ld RLP errors expected and found)\n",
               st_entries, st_files, st_rlp_failures);
    }
    return TEST_END("test_tx");
}
