/* test_sign.c - evm_secp256k1_sign (RFC 6979, low s): the signatures geth made for two
   transactions of go-ethereum's t8n test 13 (same key, same hash: byte for byte the same
   r, s and y parity), and sign/recover round trips. */
#define EVM_IMPLEMENTATION
#include "../evm.h"
#include "../evm_tx.h"
#include "test.h"

/* the two type-2 transactions geth signed with key 0x41f6e3...f298 (chain 1, nonces 1 and 2) */
static const char *const signed_txs[2] = {
    "02f864010180820fa08284d09411111111111111111111111111111111111111118080c001a0b7dfab36232379bb3d"
    "1497a4f91c1966b1f932eae3ade107bf5d723b9cb474e0a06261c359a10f2132f126d250485b90cf20f30340801244"
    "a08ef6142ab33d1904",
    "02f864010280820fa08284d09411111111111111111111111111111111111111118080c080a0d4ec563b6568cd42d9"
    "98fc4134b36933c6568d01533b5adf08769270243c6c7fa072bf7c21eac6bbeae5143371eef26d5e279637f3bd7348"
    "2b55979d76d935b1e9"};

static void test_geth_signatures(void)
{
    uint8_t key[32];
    CHECK_EQ_INT(test_hex("41f6e321b31e72173f8ff2e292359e1862f24fba42fe6f97efaf641980eff298", key, 32), 32);
    for (int i = 0; i < 2; i++) {
        uint8_t raw[200];
        int n = test_hex(signed_txs[i], raw, sizeof raw);
        evm_signed_tx t;
        CHECK_EQ_INT(evm_tx_decode(&t, raw, (size_t)n, NULL), EVM_TXD_OK);
        evm_bytes32 h;
        CHECK(evm_tx_signing_hash(&t, &h));
        uint8_t r[32], s[32], want_r[32], want_s[32];
        int recid = -1;
        CHECK(evm_secp256k1_sign(h.bytes, key, r, s, &recid));
        evm_u256_to_be(&t.r, want_r);
        evm_u256_to_be(&t.s, want_s);
        CHECK_EQ_MEM(r, want_r, 32);
        CHECK_EQ_MEM(s, want_s, 32);
        CHECK_EQ_INT(recid, t.y_parity);
        evm_signed_tx_free(&t);
    }
}

static void test_round_trip(void)
{
    uint8_t key[32], hash[32], r[32], s[32], pub[64], pub2[64];
    for (int k = 1; k <= 20; k++) {
        memset(key, 0, 32);
        for (int i = 0; i < 32; i++)
            key[i] = (uint8_t)(k * 37 + i * 11);
        for (int i = 0; i < 32; i++)
            hash[i] = (uint8_t)(k * 5 + i);
        int recid = -1;
        CHECK(evm_secp256k1_sign(hash, key, r, s, &recid));
        CHECK(recid == 0 || recid == 1);
        CHECK(s[0] < 0x80);                                  /* low s */
        CHECK(evm_secp256k1_recover(hash, r, s, recid, pub));
        /* the same key signs another hash: the recovered keys agree */
        hash[0] ^= 0xff;
        CHECK(evm_secp256k1_sign(hash, key, r, s, &recid));
        CHECK(evm_secp256k1_recover(hash, r, s, recid, pub2));
        CHECK_EQ_MEM(pub, pub2, 64);
    }
    /* the key 1: its public key is the generator */
    static const char *gx = "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
    uint8_t g[32];
    test_hex(gx, g, 32);
    memset(key, 0, 32);
    key[31] = 1;
    int recid;
    CHECK(evm_secp256k1_sign(hash, key, r, s, &recid));
    CHECK(evm_secp256k1_recover(hash, r, s, recid, pub));
    CHECK_EQ_MEM(pub, g, 32);
    /* out-of-range keys */
    memset(key, 0, 32);
    CHECK(!evm_secp256k1_sign(hash, key, r, s, &recid));
    memset(key, 0xff, 32);
    CHECK(!evm_secp256k1_sign(hash, key, r, s, &recid));
}

int main(void)
{
    RUN(test_geth_signatures);
    RUN(test_round_trip);
    return TEST_END("test_sign");
}
