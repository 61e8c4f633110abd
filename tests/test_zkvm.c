/* test_zkvm.c - every costly primitive goes through the zkVM accelerator interface
   (evm_zkvm.h) when EVM_ZKVM_ACCELERATORS is defined.

   The zkvm_* functions here are a counting shim: each counts its calls and computes with
   our C code (the _c names). The whole of test_precompiles.c runs on top of it (every
   known answer, gas and error case, now through the hooks), then a transaction's sender
   recovery and a state root; at the end every hooked primitive must have been called,
   so a primitive the library computes without its hook fails here. */
#define EVM_ZKVM_ACCELERATORS
#define EVM_IMPLEMENTATION
#include "../evm_tx.h"                /* before test_precompiles.c: its global pc */
#include "test.h"

enum { Z_KECCAK, Z_SHA256, Z_RIPEMD, Z_BLAKE2F, Z_ECRECOVER, Z_MODEXP, Z_BN_ADD, Z_BN_MUL,
       Z_BN_PAIRING, Z_KZG, Z_P256, Z_COUNT };
static const char *const z_names[Z_COUNT] = {"keccak256", "sha256", "ripemd160", "blake2f",
    "secp256k1_ecrecover", "modexp", "bn254_g1_add", "bn254_g1_mul", "bn254_pairing", "kzg_point_eval", "secp256r1_verify"};
static long z_calls[Z_COUNT];

zkvm_status zkvm_keccak256(const uint8_t *data, size_t len, zkvm_keccak256_hash *output)
{
    z_calls[Z_KECCAK]++;
    evm_keccak256_c(data, len, output->data);
    return ZKVM_EOK;
}
zkvm_status zkvm_sha256(const uint8_t *data, size_t len, zkvm_sha256_hash *output)
{
    z_calls[Z_SHA256]++;
    evm_sha256_c(data, len, output->data);
    return ZKVM_EOK;
}
zkvm_status zkvm_ripemd160(const uint8_t *data, size_t len, zkvm_ripemd160_hash *output)
{
    z_calls[Z_RIPEMD]++;
    memset(output->data, 0, 12);
    evm_ripemd160_c(data, len, output->data + 12);
    return ZKVM_EOK;
}
zkvm_status zkvm_blake2f(uint32_t rounds, zkvm_blake2f_state *h, const zkvm_blake2f_message *m,
                         const zkvm_blake2f_offset *t, uint8_t f)
{
    uint64_t hw[8], mw[16], tw[2];
    z_calls[Z_BLAKE2F]++;
    for (int i = 0; i < 26; i++) {
        const uint8_t *p = i < 8 ? h->data + 8 * i : i < 24 ? m->data + 8 * (i - 8) : t->data + 8 * (i - 24);
        uint64_t w = 0;
        for (int k = 7; k >= 0; k--) w = w << 8 | p[k];
        if (i < 8) hw[i] = w; else if (i < 24) mw[i - 8] = w; else tw[i - 24] = w;
    }
    evm_blake2b_compress_c(rounds, hw, mw, tw, f != 0);
    for (int i = 0; i < 8; i++)
        for (int k = 0; k < 8; k++) h->data[8 * i + k] = (uint8_t)(hw[i] >> (8 * k));
    return ZKVM_EOK;
}
zkvm_status zkvm_secp256k1_ecrecover(const zkvm_secp256k1_hash *msg, const zkvm_secp256k1_signature *sig,
                                     uint8_t recid, zkvm_secp256k1_pubkey *output)
{
    z_calls[Z_ECRECOVER]++;
    return evm_secp256k1_recover_c(msg->data, sig->data, sig->data + 32, recid, output->data) ? ZKVM_EOK
                                                                                              : ZKVM_EFAIL;
}
zkvm_status zkvm_modexp(const uint8_t *base, size_t base_len, const uint8_t *exp, size_t exp_len,
                        const uint8_t *modulus, size_t mod_len, uint8_t *output)
{
    z_calls[Z_MODEXP]++;
    return evm_modexp_c(base, base_len, exp, exp_len, modulus, mod_len, output, NULL) ? ZKVM_EOK : ZKVM_EFAIL;
}
zkvm_status zkvm_bn254_g1_add(const zkvm_bn254_g1_point *p1, const zkvm_bn254_g1_point *p2,
                              zkvm_bn254_g1_point *result)
{
    uint8_t in[128];
    z_calls[Z_BN_ADD]++;
    memcpy(in, p1->data, 64);
    memcpy(in + 64, p2->data, 64);
    return evm_bn254_add_c(in, result->data) ? ZKVM_EOK : ZKVM_EFAIL;
}
zkvm_status zkvm_bn254_g1_mul(const zkvm_bn254_g1_point *point, const zkvm_bn254_scalar *scalar,
                              zkvm_bn254_g1_point *result)
{
    uint8_t in[96];
    z_calls[Z_BN_MUL]++;
    memcpy(in, point->data, 64);
    memcpy(in + 64, scalar->data, 32);
    return evm_bn254_mul_c(in, result->data) ? ZKVM_EOK : ZKVM_EFAIL;
}
zkvm_status zkvm_bn254_pairing(const zkvm_bn254_pairing_pair *pairs, size_t num_pairs, bool *verified)
{
    uint8_t out[32];
    z_calls[Z_BN_PAIRING]++;
    if (!evm_bn254_pairing_c((const uint8_t *)pairs, num_pairs, out))
        return ZKVM_EFAIL;
    *verified = out[31] == 1;
    return ZKVM_EOK;
}
zkvm_status zkvm_kzg_point_eval(const zkvm_kzg_commitment *commitment, const zkvm_kzg_field_element *z,
                                const zkvm_kzg_field_element *y, const zkvm_kzg_proof *proof, bool *verified)
{
    z_calls[Z_KZG]++;
    *verified = evm_kzg_verify_proof_c(commitment->data, z->data, y->data, proof->data);
    return ZKVM_EOK;
}

zkvm_status zkvm_secp256r1_verify(const zkvm_secp256r1_hash *msg, const zkvm_secp256r1_signature *sig,
                                  const zkvm_secp256r1_pubkey *pubkey, bool *verified)
{
    z_calls[Z_P256]++;
    *verified = evm_p256_verify_c(msg->data, sig->data, sig->data + 32, pubkey->data, pubkey->data + 32);
    return ZKVM_EOK;
}

/* every known answer of the precompiles' own test, through the shim */
#undef TEST_END
#define TEST_END(binary) 0
#define main test_precompiles_main
#include "test_precompiles.c"
#undef main
#undef TEST_END
#define TEST_END(binary) (printf("%s: %d passed, %d failed\n", (binary), test__passed, test__failed), \
    test__failed ? 1 : 0)

/* keccak and sender recovery outside the precompiles: a signed transaction and a root */
static void test_tx_and_root(void)
{
    /* EIP-155's example transaction, signed with the key 0x4646...46 */
    static const char *raw_hex =
        "f86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a7640000"
        "8025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f76"
        "1aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83";
    unsigned char raw[200];
    long n = test_hex(raw_hex, raw, sizeof raw);
    CHECK(n > 0);
    evm_signed_tx t;
    long before = z_calls[Z_ECRECOVER];
    CHECK_EQ_INT(evm_tx_decode(&t, raw, (size_t)n, NULL), EVM_TXD_OK);
    CHECK(evm_tx_recover_sender(&t, EVM_CANCUN));
    unsigned char want[20];
    test_hex("9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f", want, 20);
    CHECK_EQ_MEM(t.tx.sender.bytes, want, 20);
    CHECK_EQ_INT(z_calls[Z_ECRECOVER], before + 1);
    evm_signed_tx_free(&t);

    evm_state st;
    evm_state_init(&st, NULL);
    evm_address a = {{0}};
    a.bytes[19] = 1;
    evm_u256 one = evm_u256_from_u64(1);
    CHECK(evm_state_set_balance(&st, &a, &one));
    evm_bytes32 root;
    long k = z_calls[Z_KECCAK];
    CHECK(evm_state_root(&st, &root));
    CHECK(z_calls[Z_KECCAK] > k);
    evm_state_destroy(&st);
}

/* each precompile once, with a valid input: exactly one call through its own hook (a
   precompile computing with our C directly would leave its counter unchanged) */
static void test_each_precompile_path(void)
{
    static unsigned char in[4096];
    struct { int which; const char *input; int hook; evm_fork fork; } cases[] = {
        {1, ec_valid, Z_ECRECOVER, EVM_CANCUN},
        {2, "616263", Z_SHA256, EVM_CANCUN},
        {3, "616263", Z_RIPEMD, EVM_CANCUN},
        {5, "0000000000000000000000000000000000000000000000000000000000000001"
            "0000000000000000000000000000000000000000000000000000000000000001"
            "0000000000000000000000000000000000000000000000000000000000000001"
            "030507", Z_MODEXP, EVM_CANCUN},
        {6, bn_add_in, Z_BN_ADD, EVM_CANCUN},
        {7, bn_mul_in, Z_BN_MUL, EVM_CANCUN},
        {9, blake2_input_4, Z_BLAKE2F, EVM_CANCUN},
        {10, kzg_in, Z_KZG, EVM_CANCUN},
        {0x100, P256_VALID, Z_P256, EVM_OSAKA},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        long n = test_hex(cases[i].input, in, sizeof in);
        CHECK(n >= 0);
        long before = z_calls[cases[i].hook];
        CHECK_EQ_INT(run(cases[i].fork, cases[i].which, in, (size_t)n, 10000000), EVM_PRECOMPILE_OK);
        if (z_calls[cases[i].hook] != before + 1)
            printf("  precompile %#x: %ld calls through zkvm_%s\n", (unsigned)cases[i].which,
                   z_calls[cases[i].hook] - before, z_names[cases[i].hook]);
        CHECK_EQ_INT(z_calls[cases[i].hook], before + 1);
    }
    /* the pairing: one pair and its negation */
    char pair[2 * 2 * 384 + 1];
    snprintf(pair, sizeof pair, "%s%s%s%s", bn_pair_g1, bn_pair_g2, bn_pair_g1, bn_pair_neg_g2);
    long n = test_hex(pair, in, sizeof in);
    long before = z_calls[Z_BN_PAIRING];
    CHECK_EQ_INT(run(EVM_CANCUN, 8, in, (size_t)n, 10000000), EVM_PRECOMPILE_OK);
    CHECK_EQ_INT(z_calls[Z_BN_PAIRING], before + 1);
}

static void test_every_hook_called(void)
{
    for (int i = 0; i < Z_COUNT; i++) {
        if (z_calls[i] == 0)
            printf("  no call through zkvm_%s\n", z_names[i]);
        CHECK(z_calls[i] > 0);
    }
}

int main(void)
{
    test_precompiles_main();
    RUN(test_tx_and_root);
    RUN(test_each_precompile_path);
    RUN(test_every_hook_called);
    printf("zkvm accelerator calls:");
    for (int i = 0; i < Z_COUNT; i++)
        printf(" %s %ld%s", z_names[i], z_calls[i], i + 1 < Z_COUNT ? "," : "\n");
    return TEST_END("test_zkvm");
}
