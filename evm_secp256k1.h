/* evm_secp256k1.h - secp256k1 public-key recovery for the ecrecover precompile (0x01).

   USAGE
     In exactly one C file:
         #define EVM_IMPLEMENTATION
         #include "evm_secp256k1.h"
     Everywhere else just #include "evm_secp256k1.h". evm_field.h must sit beside it.

     uint8_t pub[64];
     if (evm_secp256k1_recover(hash, r, s, v - 27, pub)) {
         // address = keccak256(pub)[12..32]
     }

   WHAT IT DOES
     evm_secp256k1_recover finds the public key Q with s*R = e*G + r*Q, where R is the curve
     point with x = r and the y parity given by recovery_id, and e = hash mod n (SEC 1
     4.1.6 with j = 0, as libsecp256k1 and every Ethereum client do). It returns false when
     r or s is not in [1, n-1], when r is not the x of a curve point, or when Q is the point
     at infinity. Any s in [1, n-1] is accepted: the low-s rule (EIP-2) belongs to
     transaction signatures, not to the precompile. Checking v (27 or 28), padding the input
     and hashing the key into an address are the caller's job.

     Q = (-e/r)*G + (s/r)*R is computed by Strauss' method after splitting both scalars
     with the GLV endomorphism: one chain of about 129 doublings with width-6 NAF additions
     of a static table of odd multiples of G (and of lambda*G = (beta*x, y)) and width-5 NAF
     additions of a table of odd multiples of R (and lambda*R), in Jacobian coordinates with
     Montgomery field arithmetic (evm_field.h). Nothing is constant time: every input is
     public.
     Peak C stack use: about 3 KiB (measured: x86-64 gcc -O2 2.8 KiB, clang -O2 3.2 KiB,
     i386 gcc -O2 2.9 KiB), no recursion.

   CONFIGURATION (define before including)
     EVM_IMPLEMENTATION   emit the implementation in this translation unit
     EVM_NO_INT128        portable 32x32->64 arithmetic even where unsigned __int128 exists
     EVM_API              storage class of the public function (default: extern)
     The implementation includes only <stdint.h>, <stddef.h> and <stdbool.h>, calls no
     library function, allocates nothing and has no mutable global state.

   LICENSE
     MIT, as evm.h.
*/
#ifndef EVM_SECP256K1_H
#define EVM_SECP256K1_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#ifndef EVM_API
#define EVM_API extern
#endif
#ifndef EVM_ACCELERATED          /* evm_zkvm.h: an accelerated primitive's C definition */
#ifdef EVM_ZKVM_ACCELERATORS
#define EVM_ACCELERATED(name) name##_c
#else
#define EVM_ACCELERATED(name) name
#endif
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* r, s, hash: 32 bytes big-endian; recovery_id 0 or 1 (v - 27). Returns false if r or s is
   not in [1, n-1], if no point has x = r, or if the recovered key is the point at infinity.
   On success writes the 64-byte uncompressed key x||y (big-endian, no 0x04 prefix). */
EVM_API bool evm_secp256k1_recover(const uint8_t hash[32], const uint8_t r[32],
                                   const uint8_t s[32], int recovery_id, uint8_t pubkey[64]);

#ifdef __cplusplus
}
#endif
#endif /* EVM_SECP256K1_H */

#if defined(EVM_IMPLEMENTATION) && !defined(EVM_SECP256K1_IMPLEMENTED)
#define EVM_SECP256K1_IMPLEMENTED
#include "evm_field.h"

/* field modulus p = 2^256 - 2^32 - 977 */
static const evm__mont256 evm__secp_p = {
    { { EVM__F_W(0xfffffffefffffc2fULL), EVM__F_W(0xffffffffffffffffULL),
        EVM__F_W(0xffffffffffffffffULL), EVM__F_W(0xffffffffffffffffULL) } },
    { { EVM__F_W(0x000007a2000e90a1ULL), EVM__F_W(0x0000000000000001ULL),
        EVM__F_W(0x0000000000000000ULL), EVM__F_W(0x0000000000000000ULL) } },
    { { EVM__F_W(0x00000001000003d1ULL), EVM__F_W(0x0000000000000000ULL),
        EVM__F_W(0x0000000000000000ULL), EVM__F_W(0x0000000000000000ULL) } },
    (evm__limb)0xd838091dd2253531ULL
};

/* group order n */
static const evm__mont256 evm__secp_n = {
    { { EVM__F_W(0xbfd25e8cd0364141ULL), EVM__F_W(0xbaaedce6af48a03bULL),
        EVM__F_W(0xfffffffffffffffeULL), EVM__F_W(0xffffffffffffffffULL) } },
    { { EVM__F_W(0x896cf21467d7d140ULL), EVM__F_W(0x741496c20e7cf878ULL),
        EVM__F_W(0xe697f5e45bcd07c6ULL), EVM__F_W(0x9d671cd581c69bc5ULL) } },
    { { EVM__F_W(0x402da1732fc9bebfULL), EVM__F_W(0x4551231950b75fc4ULL),
        EVM__F_W(0x0000000000000001ULL), EVM__F_W(0x0000000000000000ULL) } },
    (evm__limb)0x4b0dff665588b13fULL
};

/* (p + 1) / 4: p = 3 mod 4, so a^((p+1)/4) is a square root of a when one exists */
static const evm__fe256 evm__secp_sqrt_exp = { {
    EVM__F_W(0xffffffffbfffff0cULL), EVM__F_W(0xffffffffffffffffULL),
    EVM__F_W(0xffffffffffffffffULL), EVM__F_W(0x3fffffffffffffffULL) } };

/* 7 (the curve's b) in Montgomery form: 7 * 2^256 mod p = 7 * (2^32 + 977) */
static const evm__fe256 evm__secp_b = { {
    EVM__F_W(0x0000000700001ab7ULL), EVM__F_W(0x0000000000000000ULL),
    EVM__F_W(0x0000000000000000ULL), EVM__F_W(0x0000000000000000ULL) } };

#define EVM__SECP_G_WINDOW 6
/* (2i+1)G for i = 0..15, affine, Montgomery form (tests/test_secp256k1.c recomputes them) */
static const evm__aff256 evm__secp_g_table[1 << (EVM__SECP_G_WINDOW - 2)] = {
    { /* 1G */
      { { EVM__F_W(0xd7362e5a487e2097ULL), EVM__F_W(0x231e295329bc66dbULL),
          EVM__F_W(0x979f48c033fd129cULL), EVM__F_W(0x9981e643e9089f48ULL) } },
      { { EVM__F_W(0xb15ea6d2d3dbabe2ULL), EVM__F_W(0x8dfc5d5d1f1dc64dULL),
          EVM__F_W(0x70b6b59aac19c136ULL), EVM__F_W(0xcf3f851fd4a582d6ULL) } } },
    { /* 3G */
      { { EVM__F_W(0x2379d4bbd5fea781ULL), EVM__F_W(0x066ceafb22eb7bc4ULL),
          EVM__F_W(0x5940d07385985972ULL), EVM__F_W(0x9497730fcdf4c0adULL) } },
      { { EVM__F_W(0xaf18b0b0613f55a9ULL), EVM__F_W(0xac4964cdc5a1f91fULL),
          EVM__F_W(0xcc6048bd84885650ULL), EVM__F_W(0x3ec28dcd9215ec76ULL) } } },
    { /* 5G */
      { { EVM__F_W(0x212347fcbea19bc6ULL), EVM__F_W(0x58d7334ddc284cdaULL),
          EVM__F_W(0x20ce358572dd41ddULL), EVM__F_W(0x8ed284d3aae7f96fULL) } },
      { { EVM__F_W(0x9e5e784800dfd9e7ULL), EVM__F_W(0x59aaa8d8aad35cc5ULL),
          EVM__F_W(0x011d0b107f8dbfd2ULL), EVM__F_W(0x1fd437ae583630c0ULL) } } },
    { /* 7G */
      { { EVM__F_W(0x07ece566caa4cb22ULL), EVM__F_W(0xca934f8716c087c4ULL),
          EVM__F_W(0x4da362224e1d6bd5ULL), EVM__F_W(0x5f402433d73866e0ULL) } },
      { { EVM__F_W(0x4777d1124a77d752ULL), EVM__F_W(0x879d7639f1097263ULL),
          EVM__F_W(0xf2fd13d87291ab04ULL), EVM__F_W(0xc8043a670ba1a73bULL) } } },
    { /* 9G */
      { { EVM__F_W(0x46cc6d26eafd5a74ULL), EVM__F_W(0x6edd9e7f1ed7f74cULL),
          EVM__F_W(0x8cec72c7f64b253dULL), EVM__F_W(0x87d71c6bf4d02a72ULL) } },
      { { EVM__F_W(0xb2a0d4ae268d25a4ULL), EVM__F_W(0xaec108c659794d80ULL),
          EVM__F_W(0xf0176bede6793574ULL), EVM__F_W(0x0156339094cef97cULL) } } },
    { /* 11G */
      { { EVM__F_W(0x04f0c78f94a7a0aaULL), EVM__F_W(0x349ebdf993493bb8ULL),
          EVM__F_W(0xd28558b5bb49a3c1ULL), EVM__F_W(0x9d888be8bce5a953ULL) } },
      { { EVM__F_W(0x434322e37beacf4cULL), EVM__F_W(0x755db980f899acaaULL),
          EVM__F_W(0x7cb76bd27b41572aULL), EVM__F_W(0x0e92c06d7705fac8ULL) } } },
    { /* 13G */
      { { EVM__F_W(0xd59a06c4f5989088ULL), EVM__F_W(0xd35438e646aec93fULL),
          EVM__F_W(0x5b370e50a02a9988ULL), EVM__F_W(0x7065f32baff18f7bULL) } },
      { { EVM__F_W(0x14817536a5d44558ULL), EVM__F_W(0x0f73d052948a3b41ULL),
          EVM__F_W(0xdb37e3a6c013f5afULL), EVM__F_W(0x595e4c3399b24984ULL) } } },
    { /* 15G */
      { { EVM__F_W(0xd51e8da318620cd4ULL), EVM__F_W(0xa9b174243ff3bffdULL),
          EVM__F_W(0x8fe0d087f9180a0eULL), EVM__F_W(0x329cf6f36a78a2b1ULL) } },
      { { EVM__F_W(0x364e94e68cf9083aULL), EVM__F_W(0xd97359fb5ca29845ULL),
          EVM__F_W(0x1442e0ed9e703fc8ULL), EVM__F_W(0xf384d03b4965bc3eULL) } } },
    { /* 17G */
      { { EVM__F_W(0xd90bb8e11df00c43ULL), EVM__F_W(0x9b182865f3b25560ULL),
          EVM__F_W(0x69d7a2a822b91922ULL), EVM__F_W(0xe272a6a1f9ff59aaULL) } },
      { { EVM__F_W(0x85352ea76f2a14c9ULL), EVM__F_W(0x99dc58b3753707e5ULL),
          EVM__F_W(0x4e936ddcc6b65cc3ULL), EVM__F_W(0xb9d1058538a1624eULL) } } },
    { /* 19G */
      { { EVM__F_W(0xd78ee564d62a7a38ULL), EVM__F_W(0x5f8bf03a727df8f4ULL),
          EVM__F_W(0xd8d133ada3023a4aULL), EVM__F_W(0xdeb7636c4dd633a5ULL) } },
      { { EVM__F_W(0xdf15c738e0d36289ULL), EVM__F_W(0x91a29c6198b88bdcULL),
          EVM__F_W(0x7ceef09600dda4f2ULL), EVM__F_W(0x444ec627d07c28eaULL) } } },
    { /* 21G */
      { { EVM__F_W(0x7287d563f76ce60aULL), EVM__F_W(0x6ddb2dc674eacc1dULL),
          EVM__F_W(0xe0a1107e6cb12ea3ULL), EVM__F_W(0x38d21ce5a746f598ULL) } },
      { { EVM__F_W(0xead831a434cae6f2ULL), EVM__F_W(0x439ddfdc4c4c0573ULL),
          EVM__F_W(0xd69265aeb8025098ULL), EVM__F_W(0x9a760529af0be6c8ULL) } } },
    { /* 23G */
      { { EVM__F_W(0x710c24917d7868e2ULL), EVM__F_W(0xb7018dcca66fa9a0ULL),
          EVM__F_W(0xb2bb768f928ba6aaULL), EVM__F_W(0x34b9089136060918ULL) } },
      { { EVM__F_W(0x1bb37e7d5a765cfaULL), EVM__F_W(0x04e41eb805d5c130ULL),
          EVM__F_W(0xfabc5a81934fc6c9ULL), EVM__F_W(0x1ada75eb956c455fULL) } } },
    { /* 25G */
      { { EVM__F_W(0x43a8673a528eab6dULL), EVM__F_W(0xcc7c3aff84257eeeULL),
          EVM__F_W(0x826674bbf7fb2c09ULL), EVM__F_W(0x4f13fd3db6487c5aULL) } },
      { { EVM__F_W(0x1af88d5c37027b74ULL), EVM__F_W(0xd788f352bb5bb569ULL),
          EVM__F_W(0x315a735beaaa2d4cULL), EVM__F_W(0xdaaf22e5b81ac1bdULL) } } },
    { /* 27G */
      { { EVM__F_W(0x4065de4bdf096d18ULL), EVM__F_W(0xf732d13664c270e8ULL),
          EVM__F_W(0x4a77f053b730aebaULL), EVM__F_W(0x6753e5a765719926ULL) } },
      { { EVM__F_W(0xca06688145d3e40bULL), EVM__F_W(0x5987c3f8ac9dcfb6ULL),
          EVM__F_W(0xfbfcc60cd3304a23ULL), EVM__F_W(0x5dace33180153d3bULL) } } },
    { /* 29G */
      { { EVM__F_W(0x78393cc1bc66aebfULL), EVM__F_W(0x66de27b31124aa09ULL),
          EVM__F_W(0x8c4c7f2072cecebeULL), EVM__F_W(0x30822abdd5a92b77ULL) } },
      { { EVM__F_W(0xa8c8e083f7cbcb31ULL), EVM__F_W(0xcb952fa172bd2977ULL),
          EVM__F_W(0x0cdb3ab31afa8c27ULL), EVM__F_W(0x210ec24f6535ce88ULL) } } },
    { /* 31G */
      { { EVM__F_W(0x3eeec4b21af2746fULL), EVM__F_W(0x016f76f7b2686256ULL),
          EVM__F_W(0x730d41a484012e67ULL), EVM__F_W(0xf12c7e23f74ec811ULL) } },
      { { EVM__F_W(0xe5694678a89357dcULL), EVM__F_W(0x10ac2b51ca2335ddULL),
          EVM__F_W(0x5e0eda4ce149b499ULL), EVM__F_W(0x27964839bfa868aaULL) } } }
};

#define EVM__SECP_R_WINDOW 5

/* The GLV endomorphism: lambda * (x, y) = (beta * x, y), lambda^3 = 1 mod n, beta^3 = 1 mod p.
   A scalar k splits into k1 + k2 lambda with |k1|, |k2| < 2^128 (libsecp256k1's
   secp256k1_scalar_split_lambda: c1 = round(k g1 / 2^384), c2 = round(k g2 / 2^384),
   k2 = c1 (-b1) + c2 (-b2), k1 = k - k2 lambda), which halves the doublings. */
static const evm__fe256 evm__secp_beta = { {              /* Montgomery form, mod p */
    EVM__F_W(0x58a4361c8e81894eULL), EVM__F_W(0x03fde1631c4b80afULL),
    EVM__F_W(0xf8e98978d02e3905ULL), EVM__F_W(0x7a4a36aebcbb3d53ULL) } };
/* lambda, -b1, -b2 times R mod n: a Montgomery product with a raw value gives a raw result */
static const evm__fe256 evm__secp_lambda_r = { {
    EVM__F_W(0xf07deb3dc9926c9eULL), EVM__F_W(0x2c93e7ad83c6944cULL),
    EVM__F_W(0x73a9660652697d91ULL), EVM__F_W(0x532840178558d639ULL) } };
static const evm__fe256 evm__secp_minus_b1_r = { {
    EVM__F_W(0xc50468d00ad9263cULL), EVM__F_W(0x1b1c8205faa6ed42ULL),
    EVM__F_W(0x1571b4ae8ac47f71ULL), EVM__F_W(0x221208ac9df506c6ULL) } };
static const evm__fe256 evm__secp_minus_b2_r = { {
    EVM__F_W(0x0cac5e506a144696ULL), EVM__F_W(0x1e8a8dc5f3ba5939ULL),
    EVM__F_W(0x176cdf65ba244fceULL), EVM__F_W(0xc25575eb8e173580ULL) } };
static const evm__fe256 evm__secp_g1 = { {                /* raw */
    EVM__F_W(0xe893209a45dbb031ULL), EVM__F_W(0x3daa8a1471e8ca7fULL),
    EVM__F_W(0xe86c90e49284eb15ULL), EVM__F_W(0x3086d221a7d46bcdULL) } };
static const evm__fe256 evm__secp_g2 = { {
    EVM__F_W(0x1571b4ae8ac47f71ULL), EVM__F_W(0x221208ac9df506c6ULL),
    EVM__F_W(0x6f547fa90abfe4c4ULL), EVM__F_W(0xe4437ed6010e8828ULL) } };
static const evm__fe256 evm__secp_n_half = { {            /* (n - 1) / 2, raw */
    EVM__F_W(0xdfe92f46681b20a0ULL), EVM__F_W(0x5d576e7357a4501dULL),
    EVM__F_W(0xffffffffffffffffULL), EVM__F_W(0x7fffffffffffffffULL) } };

/* r = round(a b / 2^384) for raw a, b < 2^256 */
static void evm__secp_mul_shift384(evm__fe256 *r, const evm__fe256 *a, const evm__fe256 *b)
{
    evm__limb t[2 * EVM__F_LIMBS(4)], one_bit;
    evm__fe256 one;
    int i, j;
    for (i = 0; i < EVM__F_LIMBS(4); i++) {
        evm__dlimb c = 0;
        for (j = 0; j < EVM__F_LIMBS(4); j++) {
            c = (evm__dlimb)a->v[j] * b->v[i] + (i ? t[i + j] : 0) + (c >> EVM__F_BITS);
            t[i + j] = (evm__limb)c;
        }
        t[i + EVM__F_LIMBS(4)] = (evm__limb)(c >> EVM__F_BITS);
    }
    one_bit = (t[383 / EVM__F_BITS] >> (383 % EVM__F_BITS)) & 1;
    for (i = 0; i < EVM__F_LIMBS(4); i++)
        r->v[i] = i < (512 - 384) / EVM__F_BITS ? t[384 / EVM__F_BITS + i] : 0;
    evm__f256_zero(&one);
    one.v[0] = one_bit;
    evm__f256_add_raw(r, r, &one);
}

/* k (raw, < n) = k1 + k2 lambda mod n; k1, k2 returned as magnitudes below 2^129 with signs */
static void evm__secp_split(evm__fe256 *k1, bool *neg1, evm__fe256 *k2, bool *neg2, const evm__fe256 *k)
{
    const evm__mont256 *fn = &evm__secp_n;
    evm__fe256 c1, c2;
    evm__secp_mul_shift384(&c1, k, &evm__secp_g1);
    evm__secp_mul_shift384(&c2, k, &evm__secp_g2);
    evm__f256_mul(&c1, &c1, &evm__secp_minus_b1_r, fn);
    evm__f256_mul(&c2, &c2, &evm__secp_minus_b2_r, fn);
    evm__f256_add(k2, &c1, &c2, fn);
    evm__f256_mul(&c1, k2, &evm__secp_lambda_r, fn);
    evm__f256_sub(k1, k, &c1, fn);
    *neg1 = evm__f256_lt(&evm__secp_n_half, k1);
    if (*neg1) evm__f256_neg(k1, k1, fn);
    *neg2 = evm__f256_lt(&evm__secp_n_half, k2);
    if (*neg2) evm__f256_neg(k2, k2, fn);
}

/* P = a*G + b*R (a, b raw scalars < n): both split by the endomorphism, then Strauss' method
   over one chain of about 129 doublings for the four half-size products. */
static void evm__secp_mul2(evm__jac256 *out, const evm__fe256 *a, const evm__aff256 *rpt, const evm__fe256 *b)
{
    const evm__mont256 *m = &evm__secp_p;
    int8_t naf[4][130];          /* digits for G, lambda G, R, lambda R */
    evm__fe256 k[4];
    bool neg[4];
    evm__jac256 tab[1 << (EVM__SECP_R_WINDOW - 2)], t;
    evm__aff256 ga;
    int len[4], i, j, top = 0;

    evm__secp_split(&k[0], &neg[0], &k[1], &neg[1], a);
    evm__secp_split(&k[2], &neg[2], &k[3], &neg[3], b);
    for (j = 0; j < 4; j++) {
        len[j] = evm__f256_wnaf(naf[j], &k[j], j < 2 ? EVM__SECP_G_WINDOW : EVM__SECP_R_WINDOW, 129);
        if (len[j] > top) top = len[j];
    }
    /* odd multiples R, 3R, ..., 15R */
    evm__jac256_from_aff(&tab[0], rpt, m);
    evm__jac256_dbl(&t, &tab[0], m);
    for (i = 1; i < (1 << (EVM__SECP_R_WINDOW - 2)); i++) evm__jac256_add(&tab[i], &tab[i - 1], &t, m);

    evm__jac256_set_inf(out, m);
    for (i = top - 1; i >= 0; i--) {
        if (!evm__jac256_is_inf(out)) evm__jac256_dbl(out, out, m);
        for (j = 0; j < 4; j++) {
            int d = naf[j][i];
            bool minus;
            if (!d) continue;
            minus = (d < 0) != neg[j];
            d = d < 0 ? -d : d;
            if (j < 2) {
                evm__f256_copy(&ga.x, &evm__secp_g_table[d >> 1].x);
                evm__f256_copy(&ga.y, &evm__secp_g_table[d >> 1].y);
                if (j == 1) evm__f256_mul(&ga.x, &ga.x, &evm__secp_beta, m);
                if (minus) evm__f256_neg(&ga.y, &ga.y, m);
                evm__jac256_add_aff(out, out, &ga, m);
            } else {
                evm__jac256_copy(&t, &tab[d >> 1]);
                if (j == 3) evm__f256_mul(&t.x, &t.x, &evm__secp_beta, m);
                if (minus) evm__f256_neg(&t.y, &t.y, m);
                evm__jac256_add(out, out, &t, m);
            }
        }
    }
}

EVM_API bool EVM_ACCELERATED(evm_secp256k1_recover)(const uint8_t hash[32], const uint8_t r[32],
                                   const uint8_t s[32], int recovery_id, uint8_t pubkey[64])
{
    const evm__mont256 *fp = &evm__secp_p, *fn = &evm__secp_n;
    evm__fe256 rr, ss, e, t, rinv, u1, u2;
    evm__aff256 R;
    evm__jac256 q;

    if (recovery_id != 0 && recovery_id != 1) return false;
    evm__f256_from_be(&rr, r);
    evm__f256_from_be(&ss, s);
    if (evm__f256_is_zero(&rr) || !evm__f256_lt(&rr, &fn->p)) return false;
    if (evm__f256_is_zero(&ss) || !evm__f256_lt(&ss, &fn->p)) return false;

    /* R = (r, y) with y^2 = r^3 + 7; r < n < p, so x = r needs no reduction */
    evm__f256_to_mont(&R.x, &rr, fp);
    evm__f256_sqr(&t, &R.x, fp);
    evm__f256_mul(&t, &t, &R.x, fp);
    evm__f256_add(&t, &t, &evm__secp_b, fp);
    evm__f256_pow(&R.y, &t, &evm__secp_sqrt_exp, fp);
    evm__f256_sqr(&e, &R.y, fp);
    if (!evm__f256_eq(&e, &t)) return false;           /* r^3 + 7 is not a square */
    evm__f256_from_mont(&e, &R.y, fp);
    if ((int)(e.v[0] & 1) != recovery_id) evm__f256_neg(&R.y, &R.y, fp);

    /* u1 = -e/r, u2 = s/r mod n; e = hash mod n (hash < 2^256 < 2n: to_mont reduces it) */
    evm__f256_from_be(&e, hash);
    evm__f256_to_mont(&t, &rr, fn);
    evm__f256_inv(&rinv, &t, fn);
    evm__f256_to_mont(&t, &e, fn);
    evm__f256_mul(&t, &t, &rinv, fn);
    evm__f256_neg(&t, &t, fn);
    evm__f256_from_mont(&u1, &t, fn);
    evm__f256_to_mont(&t, &ss, fn);
    evm__f256_mul(&t, &t, &rinv, fn);
    evm__f256_from_mont(&u2, &t, fn);

    evm__secp_mul2(&q, &u1, &R, &u2);
    if (!evm__jac256_to_aff(&R, &q, fp)) return false;
    evm__f256_from_mont(&t, &R.x, fp);
    evm__f256_to_be(pubkey, &t);
    evm__f256_from_mont(&t, &R.y, fp);
    evm__f256_to_be(pubkey + 32, &t);
    return true;
}

#endif /* EVM_IMPLEMENTATION && !EVM_SECP256K1_IMPLEMENTED */

/* =================================================================================
   Signing (an optional addition: transaction tools sign with it; nothing in the
   interpreter needs it). Deterministic nonces per RFC 6979 with HMAC-SHA-256, low-s
   normalised (EIP-2), as libsecp256k1 signs: a signature made here is the one geth
   makes for the same key and hash.
   ================================================================================= */
#ifndef EVM_SECP256K1_SIGN_H
#define EVM_SECP256K1_SIGN_H
#ifdef __cplusplus
extern "C" {
#endif
/* Sign a 32-byte hash with a 32-byte secret key (big-endian, in [1, n-1]). Writes r, s
   (big-endian, s <= n/2) and the recovery id (0 or 1: the parity of R's y, after the
   low-s flip) so that evm_secp256k1_recover(hash, r, s, *recovery_id) gives the key's
   public key. False if the key is out of range. Not constant time: for test keys and
   tools, not for secrets that an attacker can time. */
EVM_API bool evm_secp256k1_sign(const uint8_t hash[32], const uint8_t seckey[32], uint8_t r[32],
                                uint8_t s[32], int *recovery_id);
#ifdef __cplusplus
}
#endif
#endif /* EVM_SECP256K1_SIGN_H */

#if defined(EVM_IMPLEMENTATION) && !defined(EVM_SECP256K1_SIGN_IMPLEMENTED)
#define EVM_SECP256K1_SIGN_IMPLEMENTED
/* The few field and curve names this section uses, in one place: a change of the field
   layer's names is a change of these lines only. */
#define EVM__SG_FE evm__fe256
#define EVM__SG_MONT evm__mont256
#define EVM__SG_AFF evm__aff256
#define EVM__SG_JAC evm__jac256
#define EVM__SG_FROM_BE evm__f256_from_be
#define EVM__SG_TO_BE evm__f256_to_be
#define EVM__SG_IS_ZERO evm__f256_is_zero
#define EVM__SG_LT evm__f256_lt
#define EVM__SG_TO_MONT evm__f256_to_mont
#define EVM__SG_FROM_MONT evm__f256_from_mont
#define EVM__SG_MUL evm__f256_mul
#define EVM__SG_ADD evm__f256_add
#define EVM__SG_NEG evm__f256_neg
#define EVM__SG_INV evm__f256_inv
#define EVM__SG_TO_AFF evm__jac256_to_aff

/* SHA-256 (FIPS 180-4), just enough for HMAC */
typedef struct evm__sg_sha {
    uint32_t h[8];
    uint8_t buf[64];
    uint64_t len;
} evm__sg_sha;

static void evm__sg_sha_block(evm__sg_sha *c, const uint8_t *p)
{
    static const uint32_t K[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    uint32_t w[64], a, b, cc, d, e, f, g, h, t1, t2;
    int i;
#define EVM__SG_ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
    for (i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (i = 16; i < 64; i++)
        w[i] = w[i - 16] + (EVM__SG_ROR(w[i - 15], 7) ^ EVM__SG_ROR(w[i - 15], 18) ^ (w[i - 15] >> 3)) + w[i - 7] +
               (EVM__SG_ROR(w[i - 2], 17) ^ EVM__SG_ROR(w[i - 2], 19) ^ (w[i - 2] >> 10));
    a = c->h[0]; b = c->h[1]; cc = c->h[2]; d = c->h[3]; e = c->h[4]; f = c->h[5]; g = c->h[6]; h = c->h[7];
    for (i = 0; i < 64; i++) {
        t1 = h + (EVM__SG_ROR(e, 6) ^ EVM__SG_ROR(e, 11) ^ EVM__SG_ROR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        t2 = (EVM__SG_ROR(a, 2) ^ EVM__SG_ROR(a, 13) ^ EVM__SG_ROR(a, 22)) + ((a & b) ^ (a & cc) ^ (b & cc));
        h = g; g = f; f = e; e = d + t1; d = cc; cc = b; b = a; a = t1 + t2;
    }
#undef EVM__SG_ROR
    c->h[0] += a; c->h[1] += b; c->h[2] += cc; c->h[3] += d;
    c->h[4] += e; c->h[5] += f; c->h[6] += g; c->h[7] += h;
}

static void evm__sg_sha_init(evm__sg_sha *c)
{
    static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    int i;
    for (i = 0; i < 8; i++) c->h[i] = iv[i];
    c->len = 0;
}

static void evm__sg_sha_update(evm__sg_sha *c, const uint8_t *p, size_t n)
{
    while (n--) {
        c->buf[c->len++ % 64] = *p++;
        if (c->len % 64 == 0) evm__sg_sha_block(c, c->buf);
    }
}

static void evm__sg_sha_final(evm__sg_sha *c, uint8_t out[32])
{
    uint64_t bits = c->len * 8;
    uint8_t pad = 0x80, zero = 0, lenb[8];
    int i;
    evm__sg_sha_update(c, &pad, 1);
    while (c->len % 64 != 56) evm__sg_sha_update(c, &zero, 1);
    for (i = 0; i < 8; i++) lenb[i] = (uint8_t)(bits >> (56 - 8 * i));
    evm__sg_sha_update(c, lenb, 8);
    for (i = 0; i < 32; i++) out[i] = (uint8_t)(c->h[i / 4] >> (24 - 8 * (i % 4)));
}

/* HMAC-SHA-256 over up to three concatenated parts (RFC 2104), a 32-byte key */
static void evm__sg_hmac(const uint8_t key[32], const uint8_t *a, size_t an, const uint8_t *b, size_t bn,
                         const uint8_t *c, size_t cn, uint8_t out[32])
{
    uint8_t pad[64], inner[32];
    evm__sg_sha s;
    int i;
    for (i = 0; i < 64; i++) pad[i] = (uint8_t)((i < 32 ? key[i] : 0) ^ 0x36);
    evm__sg_sha_init(&s);
    evm__sg_sha_update(&s, pad, 64);
    evm__sg_sha_update(&s, a, an);
    evm__sg_sha_update(&s, b, bn);
    evm__sg_sha_update(&s, c, cn);
    evm__sg_sha_final(&s, inner);
    for (i = 0; i < 64; i++) pad[i] = (uint8_t)((i < 32 ? key[i] : 0) ^ 0x5c);
    evm__sg_sha_init(&s);
    evm__sg_sha_update(&s, pad, 64);
    evm__sg_sha_update(&s, inner, 32);
    evm__sg_sha_final(&s, out);
}

EVM_API bool evm_secp256k1_sign(const uint8_t hash[32], const uint8_t seckey[32], uint8_t r[32],
                                uint8_t s[32], int *recovery_id)
{
    const EVM__SG_MONT *fp = &evm__secp_p, *fn = &evm__secp_n;
    EVM__SG_FE d, z, k, zero, t, u, rr, ss;
    EVM__SG_AFF R;
    EVM__SG_JAC q;
    uint8_t V[32], K[32], x[32], h1[32], sep;
    int i, iter;

    EVM__SG_FROM_BE(&d, seckey);
    if (EVM__SG_IS_ZERO(&d) || !EVM__SG_LT(&d, &fn->p)) return false;
    /* h1 = bits2octets(hash) = hash mod n (hash < 2n: one Montgomery round trip) */
    EVM__SG_FROM_BE(&z, hash);
    EVM__SG_TO_MONT(&t, &z, fn);
    EVM__SG_FROM_MONT(&z, &t, fn);
    EVM__SG_TO_BE(h1, &z);
    for (i = 0; i < 32; i++) { x[i] = seckey[i]; V[i] = 1; K[i] = 0; }
    /* RFC 6979 3.2 d..g */
    sep = 0;
    {
        uint8_t m[65];
        for (i = 0; i < 32; i++) m[i] = x[i];
        for (i = 0; i < 32; i++) m[32 + i] = h1[i];
        evm__sg_hmac(K, V, 32, &sep, 1, m, 64, K);
        evm__sg_hmac(K, V, 32, NULL, 0, NULL, 0, V);
        sep = 1;
        evm__sg_hmac(K, V, 32, &sep, 1, m, 64, K);
        evm__sg_hmac(K, V, 32, NULL, 0, NULL, 0, V);
    }
    for (iter = 0; iter < 1000; iter++) {
        evm__sg_hmac(K, V, 32, NULL, 0, NULL, 0, V);
        EVM__SG_FROM_BE(&k, V);
        if (!EVM__SG_IS_ZERO(&k) && EVM__SG_LT(&k, &fn->p)) {
            /* R = k*G: the curve layer's double multiplication with a zero second scalar */
            for (i = 0; i < (int)(sizeof zero.v / sizeof zero.v[0]); i++) zero.v[i] = 0;
            evm__secp_mul2(&q, &k, &evm__secp_g_table[0], &zero);
            if (EVM__SG_TO_AFF(&R, &q, fp)) {
                EVM__SG_FROM_MONT(&rr, &R.x, fp);
                EVM__SG_TO_MONT(&t, &rr, fn);             /* r = x mod n */
                EVM__SG_FROM_MONT(&rr, &t, fn);
                if (!EVM__SG_IS_ZERO(&rr)) {
                    /* s = (z + r*d) / k mod n */
                    EVM__SG_TO_MONT(&t, &rr, fn);
                    EVM__SG_TO_MONT(&u, &d, fn);
                    EVM__SG_MUL(&t, &t, &u, fn);
                    EVM__SG_TO_MONT(&u, &z, fn);
                    EVM__SG_ADD(&t, &t, &u, fn);
                    EVM__SG_TO_MONT(&u, &k, fn);
                    EVM__SG_INV(&u, &u, fn);
                    EVM__SG_MUL(&t, &t, &u, fn);
                    EVM__SG_FROM_MONT(&ss, &t, fn);
                    if (!EVM__SG_IS_ZERO(&ss)) {
                        EVM__SG_FROM_MONT(&u, &R.y, fp);
                        *recovery_id = (int)(u.v[0] & 1);
                        if (EVM__SG_LT(&evm__secp_n_half, &ss)) {   /* low s */
                            EVM__SG_NEG(&t, &t, fn);
                            EVM__SG_FROM_MONT(&ss, &t, fn);
                            *recovery_id ^= 1;
                        }
                        EVM__SG_TO_BE(r, &rr);
                        EVM__SG_TO_BE(s, &ss);
                        return true;
                    }
                }
            }
        }
        sep = 0;
        evm__sg_hmac(K, V, 32, &sep, 1, NULL, 0, K);
        evm__sg_hmac(K, V, 32, NULL, 0, NULL, 0, V);
    }
    return false;
}
#endif /* EVM_IMPLEMENTATION && !EVM_SECP256K1_SIGN_IMPLEMENTED */
