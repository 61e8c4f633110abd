/* evm_zkvm.h - route the library's costly primitives through a zkVM's accelerators.

   USAGE
     Define EVM_ZKVM_ACCELERATORS before including any evm header (in every file, or on
     the command line). Then every call the library makes to one of the primitives below
     goes to the zkVM's function of the eth-act/zkvm-standards C interface
     (standards/c-interface-accelerators/zkvm_accelerators.h) instead of our C code:

       library function          zkVM accelerator           used by
       evm_keccak256             zkvm_keccak256             KECCAK256, CREATE2, tries, tx hashes
       evm_sha256                zkvm_sha256                0x02, EIP-4844 versioned hashes, EIP-7685
       evm_ripemd160             zkvm_ripemd160             0x03
       evm_blake2b_compress      zkvm_blake2f               0x09
       evm_secp256k1_recover     zkvm_secp256k1_ecrecover   0x01, transaction senders
       (modexp in the precompile) zkvm_modexp               0x05
       evm_bn254_add / _mul      zkvm_bn254_g1_add / _mul   0x06, 0x07
       evm_bn254_pairing         zkvm_bn254_pairing         0x08
       evm_kzg_verify_proof      zkvm_kzg_point_eval        0x0a
       evm_p256_verify           zkvm_secp256r1_verify      0x100 (Osaka)
       evm_bls12381_g1_add       zkvm_bls12_g1_add          0x0b (Prague), MSM chunks
       evm_bls12381_g1_msm       zkvm_bls12_g1_msm          0x0c
       evm_bls12381_g2_add       zkvm_bls12_g2_add          0x0d, MSM chunks
       evm_bls12381_g2_msm       zkvm_bls12_g2_msm          0x0e
       evm_bls12381_pairing_check zkvm_bls12_pairing        0x0f
       evm_bls12381_map_fp_to_g1 zkvm_bls12_map_fp_to_g1    0x10
       evm_bls12381_map_fp2_to_g2 zkvm_bls12_map_fp2_to_g2  0x11

     The zkVM (or your program) defines the zkvm_* functions. Our C implementation of each
     stays available under the name with the suffix _c (evm_keccak256_c, ...; modexp as
     evm_modexp_c), so an accelerator set may fall back to it, and a test may count calls
     and still compute with our code (tests/test_zkvm.c does).

     This header declares the zkvm_* functions with the standard's signatures and types.
     To use the zkVM's own copy of the standard header instead, define
     EVM_ZKVM_ACCELERATORS_HEADER as its name ("zkvm_accelerators.h"); it needs C11.

   HOW A PRIMITIVE IS HOOKED
     1. its C definition's name is wrapped: EVM_API bool EVM_ACCELERATED(evm_p256_verify)(...)
        (the macro adds _c under EVM_ZKVM_ACCELERATORS, nothing otherwise);
     2. an adapter below with the public name calls the zkvm_* function and converts the
        bytes (the standard's byte layouts are the EVM precompiles' own, except BLS12-381's).

   BLS12-381 (EIP-2537)
     The standard's field elements are 48 big-endian bytes; EIP-2537's are 64 with the top
     16 zero. The adapters check those 16 bytes (non-zero: invalid input, as our C says),
     strip them going in and add them coming out; everything else (below p, on the curve,
     in the subgroup for MSM and pairing, the all-zero infinity) is the accelerator's
     check, its ZKVM_EFAIL the precompile's failure. An MSM is packed into the caller's
     scratch (EVM_BLS12381_MSM_SCRATCH_SIZE bytes: 320 G1 or 182 G2 pairs a call; without
     scratch 8 pairs a call from the C stack); more pairs take several MSM calls whose
     results are summed with the add accelerator (the MSM is linear, so the sum is the
     answer). A pairing check is one call over all pairs, packed into the scratch its
     caller gives (k * EVM_BLS12381_PAIRING_SCRATCH_PER_PAIR bytes; the precompile layer
     reserves it); without scratch up to 4 pairs are packed on the C stack and more are
     computed by our C (evm_bls12381_pairing_check_c).

   SEMANTICS
     A zkvm_* call that returns ZKVM_EFAIL means "invalid input" where the EVM has such
     an outcome (a recovery without a key, a point off the curve, a pairing input out of
     range): the library reports it as our C code would. modexp has no invalid input:
     there a failure aborts the call (EVM_PRECOMPILE_UNSUPPORTED), never a wrong answer.
     The standard's structs are 8-aligned; the adapters copy through aligned locals where
     the library's buffers may not be (hashes, points), and pass the precompile input in
     place where it is large (pairing pairs): the standard's targets allow misaligned
     access.

   FREESTANDING
     Includes only evm.h (and with it <stdint.h>, <stddef.h>, <stdbool.h>).

   LICENSE
     MIT, as evm.h.
*/
#ifndef EVM_H
#include "evm.h"
#endif
#ifndef EVM_ZKVM_H
#define EVM_ZKVM_H

#ifdef __cplusplus
extern "C" {
#endif

#ifdef EVM_ZKVM_ACCELERATORS_HEADER
#include EVM_ZKVM_ACCELERATORS_HEADER
#else
/* ---- the standard's declarations (zkvm_accelerators.h), in C99 ---- */
#ifndef ZKVM_ACCELERATORS_H
#define ZKVM_ACCELERATORS_H
typedef enum { ZKVM_EOK = 0, ZKVM_EFAIL = -1 } zkvm_status;

#if defined(__GNUC__) || defined(__clang__) || defined(__TINYC__)
#define EVM__ZKVM_BYTES(n) typedef struct { uint8_t data[n] __attribute__((aligned(8))); } zkvm_bytes_##n
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define EVM__ZKVM_BYTES(n) typedef struct { _Alignas(8) uint8_t data[n]; } zkvm_bytes_##n
#else
#define EVM__ZKVM_BYTES(n) typedef struct { uint8_t data[n]; } zkvm_bytes_##n
#endif
EVM__ZKVM_BYTES(16);
EVM__ZKVM_BYTES(32);
EVM__ZKVM_BYTES(48);
EVM__ZKVM_BYTES(64);
EVM__ZKVM_BYTES(96);
EVM__ZKVM_BYTES(128);
EVM__ZKVM_BYTES(192);

typedef zkvm_bytes_32 zkvm_keccak256_hash;
typedef zkvm_bytes_32 zkvm_sha256_hash;
typedef zkvm_bytes_32 zkvm_ripemd160_hash;     /* 12 zero bytes, then the 20-byte digest */
typedef zkvm_bytes_32 zkvm_secp256k1_hash;
typedef zkvm_bytes_64 zkvm_secp256k1_signature;
typedef zkvm_bytes_64 zkvm_secp256k1_pubkey;
typedef zkvm_bytes_32 zkvm_secp256r1_hash;
typedef zkvm_bytes_64 zkvm_secp256r1_signature;
typedef zkvm_bytes_64 zkvm_secp256r1_pubkey;
typedef zkvm_bytes_64 zkvm_bn254_g1_point;
typedef zkvm_bytes_128 zkvm_bn254_g2_point;
typedef zkvm_bytes_32 zkvm_bn254_scalar;
typedef struct { zkvm_bn254_g1_point g1; zkvm_bn254_g2_point g2; } zkvm_bn254_pairing_pair;
typedef zkvm_bytes_96 zkvm_bls12_381_g1_point;
typedef zkvm_bytes_192 zkvm_bls12_381_g2_point;
typedef zkvm_bytes_32 zkvm_bls12_381_scalar;
typedef zkvm_bytes_48 zkvm_bls12_381_fp;
typedef zkvm_bytes_96 zkvm_bls12_381_fp2;
typedef struct { zkvm_bls12_381_g1_point point; zkvm_bls12_381_scalar scalar; } zkvm_bls12_381_g1_msm_pair;
typedef struct { zkvm_bls12_381_g2_point point; zkvm_bls12_381_scalar scalar; } zkvm_bls12_381_g2_msm_pair;
typedef struct { zkvm_bls12_381_g1_point g1; zkvm_bls12_381_g2_point g2; } zkvm_bls12_381_pairing_pair;
typedef zkvm_bytes_64 zkvm_blake2f_state;
typedef zkvm_bytes_128 zkvm_blake2f_message;
typedef zkvm_bytes_16 zkvm_blake2f_offset;
typedef zkvm_bytes_48 zkvm_kzg_commitment;
typedef zkvm_bytes_48 zkvm_kzg_proof;
typedef zkvm_bytes_32 zkvm_kzg_field_element;

zkvm_status zkvm_keccak256(const uint8_t *data, size_t len, zkvm_keccak256_hash *output);
zkvm_status zkvm_secp256k1_verify(const zkvm_secp256k1_hash *msg, const zkvm_secp256k1_signature *sig,
                                  const zkvm_secp256k1_pubkey *pubkey, bool *verified);
zkvm_status zkvm_secp256k1_ecrecover(const zkvm_secp256k1_hash *msg, const zkvm_secp256k1_signature *sig,
                                     uint8_t recid, zkvm_secp256k1_pubkey *output);
zkvm_status zkvm_sha256(const uint8_t *data, size_t len, zkvm_sha256_hash *output);
zkvm_status zkvm_ripemd160(const uint8_t *data, size_t len, zkvm_ripemd160_hash *output);
zkvm_status zkvm_modexp(const uint8_t *base, size_t base_len, const uint8_t *exp, size_t exp_len,
                        const uint8_t *modulus, size_t mod_len, uint8_t *output);
zkvm_status zkvm_bn254_g1_add(const zkvm_bn254_g1_point *p1, const zkvm_bn254_g1_point *p2,
                              zkvm_bn254_g1_point *result);
zkvm_status zkvm_bn254_g1_mul(const zkvm_bn254_g1_point *point, const zkvm_bn254_scalar *scalar,
                              zkvm_bn254_g1_point *result);
zkvm_status zkvm_bn254_pairing(const zkvm_bn254_pairing_pair *pairs, size_t num_pairs, bool *verified);
zkvm_status zkvm_blake2f(uint32_t rounds, zkvm_blake2f_state *h, const zkvm_blake2f_message *m,
                         const zkvm_blake2f_offset *t, uint8_t f);
zkvm_status zkvm_kzg_point_eval(const zkvm_kzg_commitment *commitment, const zkvm_kzg_field_element *z,
                                const zkvm_kzg_field_element *y, const zkvm_kzg_proof *proof,
                                bool *verified);
zkvm_status zkvm_bls12_g1_add(const zkvm_bls12_381_g1_point *p1, const zkvm_bls12_381_g1_point *p2,
                              zkvm_bls12_381_g1_point *result);
zkvm_status zkvm_bls12_g1_msm(const zkvm_bls12_381_g1_msm_pair *pairs, size_t num_pairs,
                              zkvm_bls12_381_g1_point *result);
zkvm_status zkvm_bls12_g2_add(const zkvm_bls12_381_g2_point *p1, const zkvm_bls12_381_g2_point *p2,
                              zkvm_bls12_381_g2_point *result);
zkvm_status zkvm_bls12_g2_msm(const zkvm_bls12_381_g2_msm_pair *pairs, size_t num_pairs,
                              zkvm_bls12_381_g2_point *result);
zkvm_status zkvm_bls12_pairing(const zkvm_bls12_381_pairing_pair *pairs, size_t num_pairs, bool *verified);
zkvm_status zkvm_bls12_map_fp_to_g1(const zkvm_bls12_381_fp *field_element, zkvm_bls12_381_g1_point *result);
zkvm_status zkvm_bls12_map_fp2_to_g2(const zkvm_bls12_381_fp2 *field_element, zkvm_bls12_381_g2_point *result);
zkvm_status zkvm_secp256r1_verify(const zkvm_secp256r1_hash *msg, const zkvm_secp256r1_signature *sig,
                                  const zkvm_secp256r1_pubkey *pubkey, bool *verified);
#endif /* ZKVM_ACCELERATORS_H */
#endif /* EVM_ZKVM_ACCELERATORS_HEADER */

#ifdef EVM_ZKVM_ACCELERATORS
/* Our C implementations, under their _c names (defined by the headers that own them). */
EVM_API void evm_keccak256_c(const uint8_t *data, size_t size, uint8_t out[32]);
EVM_API void evm_sha256_c(const uint8_t *data, size_t size, uint8_t out[32]);
EVM_API void evm_ripemd160_c(const uint8_t *data, size_t size, uint8_t out[20]);
EVM_API void evm_blake2b_compress_c(uint32_t rounds, uint64_t h[8], const uint64_t m[16],
                                    const uint64_t t[2], bool final_block);
EVM_API bool evm_secp256k1_recover_c(const uint8_t hash[32], const uint8_t r[32], const uint8_t s[32],
                                     int recovery_id, uint8_t pubkey[64]);
EVM_API bool evm_bn254_add_c(const uint8_t in[128], uint8_t out[64]);
EVM_API bool evm_bn254_mul_c(const uint8_t in[96], uint8_t out[64]);
EVM_API bool evm_bn254_pairing_c(const uint8_t *in, size_t pairs, uint8_t out[32]);
EVM_API bool evm_kzg_verify_proof_c(const uint8_t commitment[48], const uint8_t z[32],
                                    const uint8_t y[32], const uint8_t proof[48]);
EVM_API bool evm_p256_verify_c(const uint8_t hash[32], const uint8_t r[32], const uint8_t s[32],
                               const uint8_t qx[32], const uint8_t qy[32]);
EVM_API bool evm_bls12381_g1_add_c(const uint8_t in[256], uint8_t out[128]);
EVM_API bool evm_bls12381_g2_add_c(const uint8_t in[512], uint8_t out[256]);
EVM_API bool evm_bls12381_g1_msm_c(const uint8_t *in, size_t k, uint8_t out[128], void *scratch);
EVM_API bool evm_bls12381_g2_msm_c(const uint8_t *in, size_t k, uint8_t out[256], void *scratch);
EVM_API bool evm_bls12381_pairing_check_c(const uint8_t *in, size_t k, uint8_t out[32], void *scratch);
EVM_API bool evm_bls12381_map_fp_to_g1_c(const uint8_t in[64], uint8_t out[128]);
EVM_API bool evm_bls12381_map_fp2_to_g2_c(const uint8_t in[128], uint8_t out[256]);
/* B^E mod M (EIP-198: M = 0 gives zeros) into out[0..mod_len), big-endian; scratch from
   alloc (NULL = the default allocator); false if it runs out of memory. */
EVM_API bool evm_modexp_c(const uint8_t *base, size_t base_len, const uint8_t *exp, size_t exp_len,
                          const uint8_t *mod, size_t mod_len, uint8_t *out, const evm_allocator *alloc);
/* The public names the adapters below define (also declared by their own headers). */
EVM_API void evm_sha256(const uint8_t *data, size_t size, uint8_t out[32]);
EVM_API void evm_ripemd160(const uint8_t *data, size_t size, uint8_t out[20]);
EVM_API void evm_blake2b_compress(uint32_t rounds, uint64_t h[8], const uint64_t m[16],
                                  const uint64_t t[2], bool final_block);
EVM_API bool evm_secp256k1_recover(const uint8_t hash[32], const uint8_t r[32], const uint8_t s[32],
                                   int recovery_id, uint8_t pubkey[64]);
EVM_API bool evm_bn254_add(const uint8_t in[128], uint8_t out[64]);
EVM_API bool evm_bn254_mul(const uint8_t in[96], uint8_t out[64]);
EVM_API bool evm_bn254_pairing(const uint8_t *in, size_t pairs, uint8_t out[32]);
EVM_API bool evm_kzg_verify_proof(const uint8_t commitment[48], const uint8_t z[32],
                                  const uint8_t y[32], const uint8_t proof[48]);
EVM_API bool evm_p256_verify(const uint8_t hash[32], const uint8_t r[32], const uint8_t s[32],
                             const uint8_t qx[32], const uint8_t qy[32]);
EVM_API bool evm_bls12381_g1_add(const uint8_t in[256], uint8_t out[128]);
EVM_API bool evm_bls12381_g2_add(const uint8_t in[512], uint8_t out[256]);
EVM_API bool evm_bls12381_g1_msm(const uint8_t *in, size_t k, uint8_t out[128], void *scratch);
EVM_API bool evm_bls12381_g2_msm(const uint8_t *in, size_t k, uint8_t out[256], void *scratch);
EVM_API bool evm_bls12381_pairing_check(const uint8_t *in, size_t k, uint8_t out[32], void *scratch);
EVM_API bool evm_bls12381_map_fp_to_g1(const uint8_t in[64], uint8_t out[128]);
EVM_API bool evm_bls12381_map_fp2_to_g2(const uint8_t in[128], uint8_t out[256]);
/* evm_bls12381.h's sizes (the same definitions, for a unit that has not included it) */
#define EVM_BLS12381_MSM_SCRATCH_SIZE 40960
#define EVM_BLS12381_PAIRING_SCRATCH_PER_PAIR 288
#endif

#ifdef __cplusplus
}
#endif
#endif /* EVM_ZKVM_H */

/* ================================================================================= */
#if defined(EVM_IMPLEMENTATION) && defined(EVM_ZKVM_ACCELERATORS) && !defined(EVM_ZKVM_IMPLEMENTED)
#define EVM_ZKVM_IMPLEMENTED

static void evm__zk_copy(uint8_t *d, const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        d[i] = s[i];
}

void evm_keccak256(const uint8_t *data, size_t size, uint8_t out[32])
{
    zkvm_keccak256_hash h;
    zkvm_keccak256(size ? data : (const uint8_t *)"", size, &h);
    evm__zk_copy(out, h.data, 32);
}

void evm_sha256(const uint8_t *data, size_t size, uint8_t out[32])
{
    zkvm_sha256_hash h;
    zkvm_sha256(size ? data : (const uint8_t *)"", size, &h);
    evm__zk_copy(out, h.data, 32);
}

void evm_ripemd160(const uint8_t *data, size_t size, uint8_t out[20])
{
    zkvm_ripemd160_hash h;
    zkvm_ripemd160(size ? data : (const uint8_t *)"", size, &h);
    evm__zk_copy(out, h.data + 12, 20);
}

static void evm__zk_le64(uint8_t *p, const uint64_t *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < 8; k++)
            p[8 * i + (size_t)k] = (uint8_t)(w[i] >> (8 * k));
}

void evm_blake2b_compress(uint32_t rounds, uint64_t h[8], const uint64_t m[16], const uint64_t t[2],
                          bool final_block)
{
    zkvm_blake2f_state hs;
    zkvm_blake2f_message ms;
    zkvm_blake2f_offset ts;
    evm__zk_le64(hs.data, h, 8);
    evm__zk_le64(ms.data, m, 16);
    evm__zk_le64(ts.data, t, 2);
    zkvm_blake2f(rounds, &hs, &ms, &ts, final_block ? 1 : 0);   /* no invalid input here */
    for (int i = 0; i < 8; i++) {
        uint64_t w = 0;
        for (int k = 7; k >= 0; k--)
            w = w << 8 | hs.data[8 * i + k];
        h[i] = w;
    }
}

bool evm_secp256k1_recover(const uint8_t hash[32], const uint8_t r[32], const uint8_t s[32],
                           int recovery_id, uint8_t pubkey[64])
{
    zkvm_secp256k1_hash msg;
    zkvm_secp256k1_signature sig;
    zkvm_secp256k1_pubkey pub;
    if (recovery_id < 0 || recovery_id > 3)
        return false;
    evm__zk_copy(msg.data, hash, 32);
    evm__zk_copy(sig.data, r, 32);
    evm__zk_copy(sig.data + 32, s, 32);
    if (zkvm_secp256k1_ecrecover(&msg, &sig, (uint8_t)recovery_id, &pub) != ZKVM_EOK)
        return false;
    evm__zk_copy(pubkey, pub.data, 64);
    return true;
}

bool evm_bn254_add(const uint8_t in[128], uint8_t out[64])
{
    zkvm_bn254_g1_point a, b, c;
    evm__zk_copy(a.data, in, 64);
    evm__zk_copy(b.data, in + 64, 64);
    if (zkvm_bn254_g1_add(&a, &b, &c) != ZKVM_EOK)
        return false;
    evm__zk_copy(out, c.data, 64);
    return true;
}

bool evm_bn254_mul(const uint8_t in[96], uint8_t out[64])
{
    zkvm_bn254_g1_point a, c;
    zkvm_bn254_scalar k;
    evm__zk_copy(a.data, in, 64);
    evm__zk_copy(k.data, in + 64, 32);
    if (zkvm_bn254_g1_mul(&a, &k, &c) != ZKVM_EOK)
        return false;
    evm__zk_copy(out, c.data, 64);
    return true;
}

bool evm_bn254_pairing(const uint8_t *in, size_t pairs, uint8_t out[32])
{
    bool ok = false;
    /* the pairs are the precompile input in place: 64-byte G1, 128-byte G2, as EIP-197 */
    if (zkvm_bn254_pairing((const zkvm_bn254_pairing_pair *)(const void *)in, pairs, &ok) != ZKVM_EOK)
        return false;
    for (int i = 0; i < 31; i++)
        out[i] = 0;
    out[31] = ok ? 1 : 0;
    return true;
}

bool evm_kzg_verify_proof(const uint8_t commitment[48], const uint8_t z[32], const uint8_t y[32],
                          const uint8_t proof[48])
{
    zkvm_kzg_commitment c;
    zkvm_kzg_field_element zz, yy;
    zkvm_kzg_proof p;
    bool ok = false;
    evm__zk_copy(c.data, commitment, 48);
    evm__zk_copy(zz.data, z, 32);
    evm__zk_copy(yy.data, y, 32);
    evm__zk_copy(p.data, proof, 48);
    return zkvm_kzg_point_eval(&c, &zz, &yy, &p, &ok) == ZKVM_EOK && ok;
}

bool evm_p256_verify(const uint8_t hash[32], const uint8_t r[32], const uint8_t s[32], const uint8_t qx[32],
                     const uint8_t qy[32])
{
    zkvm_secp256r1_hash msg;
    zkvm_secp256r1_signature sig;
    zkvm_secp256r1_pubkey pub;
    bool ok = false;
    evm__zk_copy(msg.data, hash, 32);
    evm__zk_copy(sig.data, r, 32);
    evm__zk_copy(sig.data + 32, s, 32);
    evm__zk_copy(pub.data, qx, 32);
    evm__zk_copy(pub.data + 32, qy, 32);
    return zkvm_secp256r1_verify(&msg, &sig, &pub, &ok) == ZKVM_EOK && ok;
}

/* ---- BLS12-381: EIP-2537's 64-byte field elements <-> the standard's 48 ---- */
/* n field elements from 64-byte (top 16 zero) to 48-byte form; false if padding is set */
static bool evm__zk_fp_pack(uint8_t *d, const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++, d += 48, s += 64) {
        for (int k = 0; k < 16; k++)
            if (s[k])
                return false;
        evm__zk_copy(d, s + 16, 48);
    }
    return true;
}
static void evm__zk_fp_unpack(uint8_t *d, const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++, d += 64, s += 48) {
        for (int k = 0; k < 16; k++)
            d[k] = 0;
        evm__zk_copy(d + 16, s, 48);
    }
}

bool evm_bls12381_g1_add(const uint8_t in[256], uint8_t out[128])
{
    zkvm_bls12_381_g1_point a, b, c;
    if (!evm__zk_fp_pack(a.data, in, 2) || !evm__zk_fp_pack(b.data, in + 128, 2) ||
        zkvm_bls12_g1_add(&a, &b, &c) != ZKVM_EOK)
        return false;
    evm__zk_fp_unpack(out, c.data, 2);
    return true;
}

bool evm_bls12381_g2_add(const uint8_t in[512], uint8_t out[256])
{
    zkvm_bls12_381_g2_point a, b, c;
    if (!evm__zk_fp_pack(a.data, in, 4) || !evm__zk_fp_pack(b.data, in + 256, 4) ||
        zkvm_bls12_g2_add(&a, &b, &c) != ZKVM_EOK)
        return false;
    evm__zk_fp_unpack(out, c.data, 4);
    return true;
}

/* k pairs, chunk by chunk into buf (cap pairs); the chunks' sums added (G1: fps = 2) */
static bool evm__zk_bls_msm(const uint8_t *in, size_t k, uint8_t *out, int fps, void *buf, size_t cap)
{
    size_t per_in = (size_t)fps * 64 + 32, per = (size_t)fps * 48 + 32;
    zkvm_bls12_381_g2_point acc, part, sum;         /* G1 results use the first 96 bytes */
    bool first = true;
    while (k) {
        size_t n = k < cap ? k : cap;
        uint8_t *b = (uint8_t *)buf;
        for (size_t i = 0; i < n; i++, in += per_in) {
            if (!evm__zk_fp_pack(b + i * per, in, (size_t)fps))
                return false;
            evm__zk_copy(b + i * per + per - 32, in + per_in - 32, 32);
        }
        zkvm_status st = fps == 2
            ? zkvm_bls12_g1_msm((const zkvm_bls12_381_g1_msm_pair *)buf, n, (zkvm_bls12_381_g1_point *)(void *)&part)
            : zkvm_bls12_g2_msm((const zkvm_bls12_381_g2_msm_pair *)buf, n, &part);
        if (st != ZKVM_EOK)
            return false;
        if (first)
            acc = part;
        else {
            st = fps == 2 ? zkvm_bls12_g1_add((const zkvm_bls12_381_g1_point *)(void *)&acc,
                                              (const zkvm_bls12_381_g1_point *)(void *)&part,
                                              (zkvm_bls12_381_g1_point *)(void *)&sum)
                          : zkvm_bls12_g2_add(&acc, &part, &sum);
            if (st != ZKVM_EOK)
                return false;
            acc = sum;
        }
        first = false;
        k -= n;
    }
    evm__zk_fp_unpack(out, acc.data, (size_t)fps);
    return true;
}

bool evm_bls12381_g1_msm(const uint8_t *in, size_t k, uint8_t out[128], void *scratch)
{
    zkvm_bls12_381_g1_msm_pair local[8];
    if (k == 0)
        return false;                                    /* EIP-2537: no pairs is invalid */
    return scratch ? evm__zk_bls_msm(in, k, out, 2, scratch,
                                     EVM_BLS12381_MSM_SCRATCH_SIZE / sizeof(zkvm_bls12_381_g1_msm_pair))
                   : evm__zk_bls_msm(in, k, out, 2, local, 8);
}

bool evm_bls12381_g2_msm(const uint8_t *in, size_t k, uint8_t out[256], void *scratch)
{
    zkvm_bls12_381_g2_msm_pair local[8];
    if (k == 0)
        return false;                                    /* EIP-2537: no pairs is invalid */
    return scratch ? evm__zk_bls_msm(in, k, out, 4, scratch,
                                     EVM_BLS12381_MSM_SCRATCH_SIZE / sizeof(zkvm_bls12_381_g2_msm_pair))
                   : evm__zk_bls_msm(in, k, out, 4, local, 8);
}

bool evm_bls12381_pairing_check(const uint8_t *in, size_t k, uint8_t out[32], void *scratch)
{
    zkvm_bls12_381_pairing_pair local[4];
    zkvm_bls12_381_pairing_pair *pairs = (zkvm_bls12_381_pairing_pair *)scratch;
    bool ok = false;
    if (!pairs) {
        if (k > 4)
            return evm_bls12381_pairing_check_c(in, k, out, NULL);
        pairs = local;
    }
    for (size_t i = 0; i < k; i++)
        if (!evm__zk_fp_pack(pairs[i].g1.data, in + 384 * i, 2) ||
            !evm__zk_fp_pack(pairs[i].g2.data, in + 384 * i + 128, 4))
            return false;
    if (zkvm_bls12_pairing(pairs, k, &ok) != ZKVM_EOK)
        return false;
    for (int i = 0; i < 31; i++)
        out[i] = 0;
    out[31] = ok ? 1 : 0;
    return true;
}

bool evm_bls12381_map_fp_to_g1(const uint8_t in[64], uint8_t out[128])
{
    zkvm_bls12_381_fp u;
    zkvm_bls12_381_g1_point r;
    if (!evm__zk_fp_pack(u.data, in, 1) || zkvm_bls12_map_fp_to_g1(&u, &r) != ZKVM_EOK)
        return false;
    evm__zk_fp_unpack(out, r.data, 2);
    return true;
}

bool evm_bls12381_map_fp2_to_g2(const uint8_t in[128], uint8_t out[256])
{
    zkvm_bls12_381_fp2 u;
    zkvm_bls12_381_g2_point r;
    if (!evm__zk_fp_pack(u.data, in, 2) || zkvm_bls12_map_fp2_to_g2(&u, &r) != ZKVM_EOK)
        return false;
    evm__zk_fp_unpack(out, r.data, 4);
    return true;
}

#endif /* EVM_IMPLEMENTATION && EVM_ZKVM_ACCELERATORS */
