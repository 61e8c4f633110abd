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
       Z_BN_PAIRING, Z_KZG, Z_P256, Z_BLS_G1_ADD, Z_BLS_G1_MSM, Z_BLS_G2_ADD, Z_BLS_G2_MSM,
       Z_BLS_PAIRING, Z_BLS_MAP_G1, Z_BLS_MAP_G2, Z_COUNT };
static const char *const z_names[Z_COUNT] = {"keccak256", "sha256", "ripemd160", "blake2f",
    "secp256k1_ecrecover", "modexp", "bn254_g1_add", "bn254_g1_mul", "bn254_pairing", "kzg_point_eval",
    "secp256r1_verify", "bls12_g1_add", "bls12_g1_msm", "bls12_g2_add", "bls12_g2_msm", "bls12_pairing",
    "bls12_map_fp_to_g1", "bls12_map_fp2_to_g2"};
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

/* BLS12-381: the standard's 48-byte field elements back to EIP-2537's 64 for our C, and
   our C's answers to 48 (its top 16 bytes are zero: it encodes values below p) */
static void z_fp_wide(uint8_t *d, const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++, d += 64, s += 48) {
        memset(d, 0, 16);
        memcpy(d + 16, s, 48);
    }
}
static void z_fp_narrow(uint8_t *d, const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++, d += 48, s += 64)
        memcpy(d, s + 16, 48);
}
zkvm_status zkvm_bls12_g1_add(const zkvm_bls12_381_g1_point *p1, const zkvm_bls12_381_g1_point *p2,
                              zkvm_bls12_381_g1_point *result)
{
    uint8_t in[256], out[128];
    z_calls[Z_BLS_G1_ADD]++;
    z_fp_wide(in, p1->data, 2);
    z_fp_wide(in + 128, p2->data, 2);
    if (!evm_bls12381_g1_add_c(in, out))
        return ZKVM_EFAIL;
    z_fp_narrow(result->data, out, 2);
    return ZKVM_EOK;
}
zkvm_status zkvm_bls12_g2_add(const zkvm_bls12_381_g2_point *p1, const zkvm_bls12_381_g2_point *p2,
                              zkvm_bls12_381_g2_point *result)
{
    uint8_t in[512], out[256];
    z_calls[Z_BLS_G2_ADD]++;
    z_fp_wide(in, p1->data, 4);
    z_fp_wide(in + 256, p2->data, 4);
    if (!evm_bls12381_g2_add_c(in, out))
        return ZKVM_EFAIL;
    z_fp_narrow(result->data, out, 4);
    return ZKVM_EOK;
}
static uint64_t z_msm_scratch[EVM_BLS12381_MSM_SCRATCH_SIZE / 8];
static zkvm_status z_bls_msm(const uint8_t *pairs, size_t k, uint8_t *result, size_t fps)
{
    size_t per = fps * 48 + 32, wide = fps * 64 + 32;
    uint8_t out[256], *in = (uint8_t *)malloc(k * wide + 1);
    if (!in)
        return ZKVM_EFAIL;
    for (size_t i = 0; i < k; i++) {
        z_fp_wide(in + i * wide, pairs + i * per, fps);
        memcpy(in + i * wide + wide - 32, pairs + i * per + per - 32, 32);
    }
    bool ok = fps == 2 ? evm_bls12381_g1_msm_c(in, k, out, z_msm_scratch)
                       : evm_bls12381_g2_msm_c(in, k, out, z_msm_scratch);
    free(in);
    if (!ok)
        return ZKVM_EFAIL;
    z_fp_narrow(result, out, fps);
    return ZKVM_EOK;
}
zkvm_status zkvm_bls12_g1_msm(const zkvm_bls12_381_g1_msm_pair *pairs, size_t num_pairs,
                              zkvm_bls12_381_g1_point *result)
{
    z_calls[Z_BLS_G1_MSM]++;
    return z_bls_msm(pairs->point.data, num_pairs, result->data, 2);
}
zkvm_status zkvm_bls12_g2_msm(const zkvm_bls12_381_g2_msm_pair *pairs, size_t num_pairs,
                              zkvm_bls12_381_g2_point *result)
{
    z_calls[Z_BLS_G2_MSM]++;
    return z_bls_msm(pairs->point.data, num_pairs, result->data, 4);
}
zkvm_status zkvm_bls12_pairing(const zkvm_bls12_381_pairing_pair *pairs, size_t num_pairs, bool *verified)
{
    uint8_t out[32], *in = (uint8_t *)malloc(num_pairs * 384 + 1);
    z_calls[Z_BLS_PAIRING]++;
    if (!in)
        return ZKVM_EFAIL;
    for (size_t i = 0; i < num_pairs; i++) {
        z_fp_wide(in + 384 * i, pairs[i].g1.data, 2);
        z_fp_wide(in + 384 * i + 128, pairs[i].g2.data, 4);
    }
    bool ok = evm_bls12381_pairing_check_c(in, num_pairs, out, NULL);
    free(in);
    if (!ok)
        return ZKVM_EFAIL;
    *verified = out[31] == 1;
    return ZKVM_EOK;
}
zkvm_status zkvm_bls12_map_fp_to_g1(const zkvm_bls12_381_fp *field_element, zkvm_bls12_381_g1_point *result)
{
    uint8_t in[64], out[128];
    z_calls[Z_BLS_MAP_G1]++;
    z_fp_wide(in, field_element->data, 1);
    if (!evm_bls12381_map_fp_to_g1_c(in, out))
        return ZKVM_EFAIL;
    z_fp_narrow(result->data, out, 2);
    return ZKVM_EOK;
}
zkvm_status zkvm_bls12_map_fp2_to_g2(const zkvm_bls12_381_fp2 *field_element, zkvm_bls12_381_g2_point *result)
{
    uint8_t in[128], out[256];
    z_calls[Z_BLS_MAP_G2]++;
    z_fp_wide(in, field_element->data, 2);
    if (!evm_bls12381_map_fp2_to_g2_c(in, out))
        return ZKVM_EFAIL;
    z_fp_narrow(result->data, out, 4);
    return ZKVM_EOK;
}

/* every known answer of the precompiles' own test, through the shim */
#undef TEST_END
#define TEST_END(binary) 0
#define main test_precompiles_main
#include "test_precompiles.c"
#undef main
/* and every known answer, invalid input and MSM method of the BLS12-381 test */
#define pc bls_pc
#define res bls_res
#define in_buf bls_in_buf
#define want bls_want
#define run bls_run
#define test_activation bls_test_activation
#define main test_bls12381_main
#include "test_bls12381.c"
#undef main
#undef test_activation
#undef run
#undef in_buf
#undef want
#undef res
#undef pc
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

/* EIP-7702: an authority is recovered once per transaction, whoever asks first (the
   stateless host preloads it before the transaction; the transaction applies it) */
static void test_authority_recovered_once(void)
{
    uint8_t key[32], msg[25], hash[32], r[32], s_[32];
    int recid = 0;
    memset(key, 0x42, 32);
    evm_address target = {{0}}, sender = {{0}};
    target.bytes[19] = 0x77;
    sender.bytes[0] = 0x5e;
    msg[0] = 0x05;                                  /* 0x05 || rlp([1, target, 0]) */
    msg[1] = 0xd7;
    msg[2] = 0x01;
    msg[3] = 0x94;
    memcpy(msg + 4, target.bytes, 20);
    msg[24] = 0x80;
    evm_keccak256_c(msg, sizeof msg, hash);
    CHECK(evm_secp256k1_sign(hash, key, r, s_, &recid));
    evm_authorization a;
    memset(&a, 0, sizeof a);
    a.chain_id = evm_u256_from_u64(1);
    a.address = target;
    a.y_parity = evm_u256_from_u64((uint64_t)recid);
    a.r = evm_u256_from_be(r, 32);
    a.s = evm_u256_from_be(s_, 32);
    evm_transaction tx;
    memset(&tx, 0, sizeof tx);
    tx.type = 4;
    tx.sender = sender;
    tx.to = sender;
    tx.gas_limit = 100000;
    tx.max_fee_per_gas = evm_u256_from_u64(10);
    tx.authorizations = &a;
    tx.authorization_count = 1;
    evm_state st;
    evm_state_init(&st, NULL);
    evm_u256 rich = evm_u256_from_u64(1000000000000ull);
    CHECK(evm_state_set_balance(&st, &sender, &rich));
    evm_block_env env;
    memset(&env, 0, sizeof env);
    env.gas_limit = 30000000;
    env.chain_id = evm_u256_from_u64(1);
    evm_vm vm;
    evm_vm_init(&vm, NULL);
    long before = z_calls[Z_ECRECOVER];
    evm_address au1, au2;
    CHECK(evm__st_authority_at(&st, &tx, 0, &au1));   /* as the stateless host does */
    CHECK(evm__st_authority_at(&st, &tx, 0, &au2));
    CHECK_EQ_MEM(au1.bytes, au2.bytes, 20);
    evm_tx_result res7702;
    CHECK_EQ_INT(evm_state_transact(&st, &vm, EVM_PRAGUE, &env, &tx, &res7702), EVM_TX_OK);
    CHECK_EQ_INT(z_calls[Z_ECRECOVER], before + 1);  /* one recovery for all three */
    size_t n = 0;
    const uint8_t *code = evm_state_code(&st, &au1, &n);
    CHECK_EQ_INT(n, 23);                             /* the delegation was applied */
    if (n == 23) {
        CHECK(code[0] == 0xef && code[1] == 0x01 && code[2] == 0x00);
        CHECK_EQ_MEM(code + 3, target.bytes, 20);
    }
    /* another tuple at the same index is recovered anew, never taken from the memo */
    a.nonce = 5;
    CHECK(evm__st_authority_at(&st, &tx, 0, &au2));
    CHECK_EQ_INT(z_calls[Z_ECRECOVER], before + 2);
    CHECK(memcmp(au1.bytes, au2.bytes, 20) != 0);    /* a different message, another key */
    evm_vm_destroy(&vm);
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
    /* BLS12-381 (Prague): each operation's first known answer of test_bls12381.c */
    static const int bls_hooks[7] = {Z_BLS_G1_ADD, Z_BLS_G1_MSM, Z_BLS_G2_ADD, Z_BLS_G2_MSM, Z_BLS_PAIRING,
                                     Z_BLS_MAP_G1, Z_BLS_MAP_G2};
    for (int addr = 0x0b; addr <= 0x11; addr++) {
        const struct bls_vector *v = NULL;
        for (size_t i = 0; i < sizeof bls_vectors / sizeof bls_vectors[0] && !v; i++)
            if (bls_vectors[i].addr == addr)
                v = &bls_vectors[i];
        CHECK(v != NULL);
        if (!v)
            continue;
        long n = test_hex(v->in, bls_in_buf, sizeof bls_in_buf);
        int hook = bls_hooks[addr - 0x0b];
        long calls[Z_COUNT];
        memcpy(calls, z_calls, sizeof calls);
        CHECK(n > 0);
        CHECK_EQ_INT(run(EVM_PRAGUE, addr, bls_in_buf, (size_t)n, 100000000), EVM_PRECOMPILE_OK);
        if (z_calls[hook] != calls[hook] + 1)
            printf("  precompile %#x (\"%s\"): %ld calls through zkvm_%s\n", (unsigned)addr, v->name,
                   z_calls[hook] - calls[hook], z_names[hook]);
        CHECK_EQ_INT(z_calls[hook], calls[hook] + 1);
        for (int h = 0; h < Z_COUNT; h++)               /* and through no other hook */
            if (h != hook)
                CHECK_EQ_INT(z_calls[h], calls[h]);
    }
    /* an MSM of more pairs than the scratch holds: MSM calls per chunk, their sums added */
    {
        static uint8_t big[400 * 160];
        uint8_t a[128], b[128];
        const struct bls_vector *v = NULL;
        for (size_t i = 0; i < sizeof bls_vectors / sizeof bls_vectors[0] && !v; i++)
            if (bls_vectors[i].addr == 0x0c)
                v = &bls_vectors[i];
        long n = test_hex(v->in, big, sizeof big);
        CHECK(n >= 160);
        for (size_t i = 1; i < 400; i++) {
            memcpy(big + 160 * i, big, 160);
            big[160 * i + 159] ^= (uint8_t)i;           /* other scalars */
        }
        static uint64_t scratch[EVM_BLS12381_MSM_SCRATCH_SIZE / 8];
        long msm = z_calls[Z_BLS_G1_MSM], add = z_calls[Z_BLS_G1_ADD];
        CHECK(evm_bls12381_g1_msm(big, 400, a, scratch));
        CHECK_EQ_INT(z_calls[Z_BLS_G1_MSM], msm + 2);  /* 320 + 80 pairs */
        CHECK_EQ_INT(z_calls[Z_BLS_G1_ADD], add + 1);
        CHECK(evm_bls12381_g1_msm_c(big, 400, b, scratch));
        CHECK_EQ_MEM(a, b, 128);
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
    test_bls12381_main();
    RUN(test_tx_and_root);
    RUN(test_authority_recovered_once);
    RUN(test_each_precompile_path);
    RUN(test_every_hook_called);
    printf("zkvm accelerator calls:");
    for (int i = 0; i < Z_COUNT; i++)
        printf(" %s %ld%s", z_names[i], z_calls[i], i + 1 < Z_COUNT ? "," : "\n");
    return TEST_END("test_zkvm");
}
