/* evm_bn254.h - alt_bn128 (BN254) for the Ethereum precompiles 0x06 (add), 0x07 (scalar
   multiplication) and 0x08 (pairing check): EIP-196 and EIP-197.

   USAGE
     In exactly one C file:
         #define EVM_IMPLEMENTATION
         #include "evm_bn254.h"
     Everywhere else just #include "evm_bn254.h". evm_field.h must sit beside it.

     uint8_t out[64];
     if (!evm_bn254_add(in128, out)) { ... invalid input: the call fails, all gas is used }

   WHAT IT DOES
     The curve is E: y^2 = x^3 + 3 over Fp (p = 0x30644e72...fd47), of prime order r; G2 is
     the order-r subgroup of the twist E': y^2 = x^3 + 3/(9+i) over Fp2 = Fp[i]/(i^2+1).
     Inputs are exactly as the precompiles receive them after zero-padding:
       evm_bn254_add      two G1 points x1, y1, x2, y2 (4 x 32 bytes) -> x, y of the sum
       evm_bn254_mul      a G1 point and a scalar (3 x 32 bytes) -> x, y of the product
       evm_bn254_pairing  `pairs` times (G1 point, G2 point) = 64 + 128 bytes -> 32-byte word,
                          1 if the product of the pairings is 1 (also for 0 pairs), else 0
     All numbers are 32-byte big-endian. A G2 point is x_imaginary, x_real, y_imaginary,
     y_real. A coordinate >= p makes the input invalid (false), as does a point that is not on
     its curve, or a G2 point outside the order-r subgroup. (0, 0) (all zero) is the point at
     infinity, and the result infinity is written as zeros. Scalars are any 256-bit value.
     A pair with infinity on either side contributes 1 but is still validated.

     G1: Jacobian coordinates, width-5 NAF scalar multiplication. G2 subgroup test:
     psi(Q) = [6x^2]Q (El Housni, Guillevic, Piellard 2022), where psi is the untwist-
     Frobenius-twist endomorphism. Pairing: optimal ate, Miller loop over the NAF of 6x+2
     with homogeneous projective line formulas (Costello, Lange, Naehrig 2010 / Aranha et al.
     2010), up to four pairs sharing one loop, and the final exponentiation's hard part of
     Fuentes-Castaneda, Knapp, Rodriguez-Henriquez (2011) with cyclotomic squarings (Granger,
     Scott 2010). Tower: Fp6 = Fp2[v]/(v^3 - (9+i)), Fp12 = Fp6[w]/(w^2 - v). Field elements
     are in Montgomery form (evm_field.h). Nothing is constant time: all inputs are public.
     Peak C stack use (measured, x86-64 gcc -O2 / clang -O2 / i386 gcc -O2): pairing 5.8 /
     5.5 / 5.6 KiB (mostly the four-pair batch and the final exponentiation temporaries),
     mul 2.3 / 2.1 / 2.2 KiB, add 1.1 / 0.9 / 1.1 KiB; no recursion.

   CONFIGURATION (define before including)
     EVM_IMPLEMENTATION   emit the implementation in this translation unit
     EVM_NO_INT128        portable 32x32->64 arithmetic even where unsigned __int128 exists
     EVM_API              storage class of the public functions (default: extern)
     The implementation includes only <stdint.h>, <stddef.h> and <stdbool.h>, calls no
     library function, allocates nothing and has no mutable global state.

   LICENSE
     MIT, as evm.h.
*/
#ifndef EVM_BN254_H
#define EVM_BN254_H

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

/* in: x1, y1, x2, y2. out: x, y of the sum. false: invalid input (out undefined). */
EVM_API bool evm_bn254_add(const uint8_t in[128], uint8_t out[64]);
/* in: x, y, scalar. out: x, y of the product. false: invalid input (out undefined). */
EVM_API bool evm_bn254_mul(const uint8_t in[96], uint8_t out[64]);
/* pairs: number of 192-byte (G1, G2) pairs in `in` (the glue rejects sizes not a multiple of
   192). out = 32-byte word 1 if the product of pairings is one, else 0. 0 pairs -> 1.
   false: invalid input (out undefined). */
EVM_API bool evm_bn254_pairing(const uint8_t *in, size_t pairs, uint8_t out[32]);

#ifdef __cplusplus
}
#endif
#endif /* EVM_BN254_H */

#if defined(EVM_IMPLEMENTATION) && !defined(EVM_BN254_IMPLEMENTED)
#define EVM_BN254_IMPLEMENTED
#include "evm_field.h"

typedef struct evm__fp2 { evm__fe256 c0, c1; } evm__fp2;          /* c0 + c1 i */
typedef struct evm__fp6 { evm__fp2 c0, c1, c2; } evm__fp6;     /* c0 + c1 v + c2 v^2 */
typedef struct evm__fp12 { evm__fp6 c0, c1; } evm__fp12;       /* c0 + c1 w */
typedef struct evm__g2 { evm__fp2 x, y; } evm__g2;             /* affine, on the twist */
typedef struct evm__g2j { evm__fp2 x, y, z; } evm__g2j;        /* Jacobian or projective */

static const evm__mont256 evm__bn_p = {
    { { EVM__F_W(0x3c208c16d87cfd47ULL), EVM__F_W(0x97816a916871ca8dULL),
        EVM__F_W(0xb85045b68181585dULL), EVM__F_W(0x30644e72e131a029ULL) } },
    { { EVM__F_W(0xf32cfc5b538afa89ULL), EVM__F_W(0xb5e71911d44501fbULL),
        EVM__F_W(0x47ab1eff0a417ff6ULL), EVM__F_W(0x06d89f71cab8351fULL) } },
    { { EVM__F_W(0xd35d438dc58f0d9dULL), EVM__F_W(0x0a78eb28f5c70b3dULL),
        EVM__F_W(0x666ea36f7879462cULL), EVM__F_W(0x0e0a77c19a07df2fULL) } },
    (evm__limb)0x87d20782e4866389ULL
};

/* 3, the b of E, in Montgomery form */
static const evm__fe256 evm__bn_b = { {
    EVM__F_W(0x7a17caa950ad28d7ULL), EVM__F_W(0x1f6ac17ae15521b9ULL),
    EVM__F_W(0x334bea4e696bd284ULL), EVM__F_W(0x2a1f6744ce179d8eULL) } };

/* b' = 3/(9+i), the b of the twist E', and 3b' (used by the doubling line) */
static const evm__fp2 evm__bn_b2 = {
    { { EVM__F_W(0x3bf938e377b802a8ULL), EVM__F_W(0x020b1b273633535dULL),
        EVM__F_W(0x26b7edf049755260ULL), EVM__F_W(0x2514c6324384a86dULL) } },
    { { EVM__F_W(0x38e7ecccd1dcff67ULL), EVM__F_W(0x65f0b37d93ce0d3eULL),
        EVM__F_W(0xd749d0dd22ac00aaULL), EVM__F_W(0x0141b9ce4a688d4dULL) } } };
static const evm__fp2 evm__bn_3b2 = {
    { { EVM__F_W(0x3baa927cb62e0d6aULL), EVM__F_W(0xd71e7c52d1b664fdULL),
        EVM__F_W(0x03873e63d95d4664ULL), EVM__F_W(0x0e75b5b1082ab8f4ULL) } },
    { { EVM__F_W(0xaab7c6667596fe35ULL), EVM__F_W(0x31d21a78bb6a27baULL),
        EVM__F_W(0x85dd7297680401ffULL), EVM__F_W(0x03c52d6adf39a7e9ULL) } } };

/* Frobenius constants: gamma[n-1][k-1] = (9+i)^(k (p^n - 1) / 6), so that
   (a w^k)^(p^n) = frob_n(a) gamma w^k for a in Fp2 (w^6 = 9+i). Montgomery form. */
static const evm__fp2 evm__bn_gamma[3][5] = { {
    /* gamma[1][1] */
    { { { EVM__F_W(0xaf9ba69633144907ULL), EVM__F_W(0xca6b1d7387afb78aULL),
          EVM__F_W(0x11bded5ef08a2087ULL), EVM__F_W(0x02f34d751a1f3a7cULL) } },
      { { EVM__F_W(0xa222ae234c492d72ULL), EVM__F_W(0xd00f02a4565de15bULL),
          EVM__F_W(0xdc2ff3a253dfc926ULL), EVM__F_W(0x10a75716b3899551ULL) } } },
    /* gamma[1][2] */
    { { { EVM__F_W(0xb5773b104563ab30ULL), EVM__F_W(0x347f91c8a9aa6454ULL),
          EVM__F_W(0x7a007127242e0991ULL), EVM__F_W(0x1956bcd8118214ecULL) } },
      { { EVM__F_W(0x6e849f1ea0aa4757ULL), EVM__F_W(0xaa1c7b6d89f89141ULL),
          EVM__F_W(0xb6e713cdfae0ca3aULL), EVM__F_W(0x26694fbb4e82ebc3ULL) } } },
    /* gamma[1][3] */
    { { { EVM__F_W(0xe4bbdd0c2936b629ULL), EVM__F_W(0xbb30f162e133bacbULL),
          EVM__F_W(0x31a9d1b6f9645366ULL), EVM__F_W(0x253570bea500f8ddULL) } },
      { { EVM__F_W(0xa1d77ce45ffe77c7ULL), EVM__F_W(0x07affd117826d1dbULL),
          EVM__F_W(0x6d16bd27bb7edc6bULL), EVM__F_W(0x2c87200285defeccULL) } } },
    /* gamma[1][4] */
    { { { EVM__F_W(0x7361d77f843abe92ULL), EVM__F_W(0xa5bb2bd3273411fbULL),
          EVM__F_W(0x9c941f314b3e2399ULL), EVM__F_W(0x15df9cddbb9fd3ecULL) } },
      { { EVM__F_W(0x5dddfd154bd8c949ULL), EVM__F_W(0x62cb29a5a4445b60ULL),
          EVM__F_W(0x37bc870a0c7dd2b9ULL), EVM__F_W(0x24830a9d3171f0fdULL) } } },
    /* gamma[1][5] */
    { { { EVM__F_W(0xc970692f41690fe7ULL), EVM__F_W(0xe240342127694b0bULL),
          EVM__F_W(0x32bee66b83c459e8ULL), EVM__F_W(0x12aabced0ab08841ULL) } },
      { { EVM__F_W(0x0d485d2340aebfa9ULL), EVM__F_W(0x05193418ab2fcc57ULL),
          EVM__F_W(0xd3b0a40b8a4910f5ULL), EVM__F_W(0x2f21ebb535d2925aULL) } } }
}, {
    /* gamma[2][1] */
    { { { EVM__F_W(0xca8d800500fa1bf2ULL), EVM__F_W(0xf0c5d61468b39769ULL),
          EVM__F_W(0x0e201271ad0d4418ULL), EVM__F_W(0x04290f65bad856e6ULL) } },
      { { EVM__F_W(0x0000000000000000ULL), EVM__F_W(0x0000000000000000ULL),
          EVM__F_W(0x0000000000000000ULL), EVM__F_W(0x0000000000000000ULL) } } },
    /* gamma[2][2] */
    { { { EVM__F_W(0x3350c88e13e80b9cULL), EVM__F_W(0x7dce557cdb5e56b9ULL),
          EVM__F_W(0x6001b4b8b615564aULL), EVM__F_W(0x2682e617020217e0ULL) } },
      { { EVM__F_W(0x0000000000000000ULL), EVM__F_W(0x0000000000000000ULL),
          EVM__F_W(0x0000000000000000ULL), EVM__F_W(0x0000000000000000ULL) } } },
    /* gamma[2][3] */
    { { { EVM__F_W(0x68c3488912edefaaULL), EVM__F_W(0x8d087f6872aabf4fULL),
          EVM__F_W(0x51e1a24709081231ULL), EVM__F_W(0x2259d6b14729c0faULL) } },
      { { EVM__F_W(0x0000000000000000ULL), EVM__F_W(0x0000000000000000ULL),
          EVM__F_W(0x0000000000000000ULL), EVM__F_W(0x0000000000000000ULL) } } },
    /* gamma[2][4] */
    { { { EVM__F_W(0x71930c11d782e155ULL), EVM__F_W(0xa6bb947cffbe3323ULL),
          EVM__F_W(0xaa303344d4741444ULL), EVM__F_W(0x2c3b3f0d26594943ULL) } },
      { { EVM__F_W(0x0000000000000000ULL), EVM__F_W(0x0000000000000000ULL),
          EVM__F_W(0x0000000000000000ULL), EVM__F_W(0x0000000000000000ULL) } } },
    /* gamma[2][5] */
    { { { EVM__F_W(0x08cfc388c494f1abULL), EVM__F_W(0x19b315148d1373d4ULL),
          EVM__F_W(0x584e90fdcb6c0213ULL), EVM__F_W(0x09e1685bdf2f8849ULL) } },
      { { EVM__F_W(0x0000000000000000ULL), EVM__F_W(0x0000000000000000ULL),
          EVM__F_W(0x0000000000000000ULL), EVM__F_W(0x0000000000000000ULL) } } }
}, {
    /* gamma[3][1] */
    { { { EVM__F_W(0x365316184e46d97dULL), EVM__F_W(0x0af7129ed4c96d9fULL),
          EVM__F_W(0x659da72fca1009b5ULL), EVM__F_W(0x08116d8983a20d23ULL) } },
      { { EVM__F_W(0xb1df4af7c39c1939ULL), EVM__F_W(0x3d9f02878a73bf7fULL),
          EVM__F_W(0x9b2220928caf0ae0ULL), EVM__F_W(0x26684515eff054a6ULL) } } },
    /* gamma[3][2] */
    { { { EVM__F_W(0xc9af22f716ad6badULL), EVM__F_W(0xb311782a4aa662b2ULL),
          EVM__F_W(0x19eeaf64e248c7f4ULL), EVM__F_W(0x20273e77e3439f82ULL) } },
      { { EVM__F_W(0xacc02860f7ce93acULL), EVM__F_W(0x3933d5817ba76b4cULL),
          EVM__F_W(0x69e6188b446c8467ULL), EVM__F_W(0x0a46036d4417cc55ULL) } } },
    /* gamma[3][3] */
    { { { EVM__F_W(0x5764af0aaf46471eULL), EVM__F_W(0xdc50792e873e0fc1ULL),
          EVM__F_W(0x86a673ff881d04f6ULL), EVM__F_W(0x0b2eddb43c30a74cULL) } },
      { { EVM__F_W(0x9a490f32787e8580ULL), EVM__F_W(0x8fd16d7ff04af8b1ULL),
          EVM__F_W(0x4b39888ec6027bf2ULL), EVM__F_W(0x03dd2e705b52a15dULL) } } },
    /* gamma[3][4] */
    { { { EVM__F_W(0x448a93a57b6762dfULL), EVM__F_W(0xbfd62df528fdeadfULL),
          EVM__F_W(0xd858f5d00e9bd47aULL), EVM__F_W(0x06b03d4d3476ec58ULL) } },
      { { EVM__F_W(0x2b19daf4bcc936d1ULL), EVM__F_W(0xa1a54e7a56f4299fULL),
          EVM__F_W(0xb533eee05adeaef1ULL), EVM__F_W(0x170c812b84dda0b2ULL) } } },
    /* gamma[3][5] */
    { { { EVM__F_W(0xe0bc4b2275cf559fULL), EVM__F_W(0xc238b945c154e60fULL),
          EVM__F_W(0x803982a5929a7d5eULL), EVM__F_W(0x15ce052df7e4a37eULL) } },
      { { EVM__F_W(0x2d28efbdbf3799a7ULL), EVM__F_W(0x9b097e3c1ad60773ULL),
          EVM__F_W(0x982d4113af4a535bULL), EVM__F_W(0x24e18991e3056063ULL) } } }
} };

/* 6x+2 in non-adjacent form, least significant digit first (x = 4965661367192848881) */
static const int8_t evm__bn_ate_naf[66] = {
    0, 0, 0, 1, 0, 1, 0, -1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, -1, 0, 0, 0, 1, 0, -1,
    0, 0, 0, 0, -1, 0, 0, 1, 0, -1, 0, 0, 1, 0, 0, 0, 0, 0, -1, 0, 0, -1, 0, 1, 0, -1,
    0, 0, 0, -1, 0, -1, 0, 0, 0, 1, 0, -1, 0, 1 };

/* x in non-adjacent form, most significant digit first (for f^x in the final exponentiation) */
static const int8_t evm__bn_x_naf[63] = {
    1, 0, 0, 0, 1, 0, 1, 0, 0, -1, 0, 1, 0, 1, 0, -1, 0, 0, 1, 0, 1, 0, -1, 0, -1, 0, -1,
    0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0, -1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0,
    0, 0, 0, -1, 0, 0, 0, 1 };

/* 6x^2, raw: psi(Q) = [6x^2]Q exactly for the points of G2 */
static const evm__fe256 evm__bn_6x2 = { {
    EVM__F_W(0xf83e9682e87cfd46ULL), EVM__F_W(0x6f4d8248eeb859fbULL),
    EVM__F_W(0x0000000000000000ULL), EVM__F_W(0x0000000000000000ULL) } };

#define EVM__BN_MUL_WINDOW 5
#define EVM__BN_BATCH 4     /* pairs sharing one Miller loop (and its Fp12 squarings) */

/* ---- Fp ---------------------------------------------------------------------------- */

#define EVM__BN_M (&evm__bn_p)
static void evm__fp_mul(evm__fe256 *r, const evm__fe256 *a, const evm__fe256 *b) { evm__f256_mul(r, a, b, EVM__BN_M); }
static void evm__fp_add(evm__fe256 *r, const evm__fe256 *a, const evm__fe256 *b) { evm__f256_add(r, a, b, EVM__BN_M); }
static void evm__fp_sub(evm__fe256 *r, const evm__fe256 *a, const evm__fe256 *b) { evm__f256_sub(r, a, b, EVM__BN_M); }

/* ---- Fp2 = Fp[i] / (i^2 + 1) --------------------------------------------------------- */

static void evm__fp2_copy(evm__fp2 *r, const evm__fp2 *a)
{
    evm__f256_copy(&r->c0, &a->c0);
    evm__f256_copy(&r->c1, &a->c1);
}

static void evm__fp2_set(evm__fp2 *r, const evm__fe256 *c0)   /* c0 + 0 i */
{
    evm__f256_copy(&r->c0, c0);
    evm__f256_zero(&r->c1);
}

static void evm__fp2_add(evm__fp2 *r, const evm__fp2 *a, const evm__fp2 *b)
{
    evm__fp_add(&r->c0, &a->c0, &b->c0);
    evm__fp_add(&r->c1, &a->c1, &b->c1);
}

static void evm__fp2_sub(evm__fp2 *r, const evm__fp2 *a, const evm__fp2 *b)
{
    evm__fp_sub(&r->c0, &a->c0, &b->c0);
    evm__fp_sub(&r->c1, &a->c1, &b->c1);
}

static void evm__fp2_dbl(evm__fp2 *r, const evm__fp2 *a) { evm__fp2_add(r, a, a); }

static void evm__fp2_neg(evm__fp2 *r, const evm__fp2 *a)
{
    evm__f256_neg(&r->c0, &a->c0, EVM__BN_M);
    evm__f256_neg(&r->c1, &a->c1, EVM__BN_M);
}

static void evm__fp2_conj(evm__fp2 *r, const evm__fp2 *a)
{
    evm__f256_copy(&r->c0, &a->c0);
    evm__f256_neg(&r->c1, &a->c1, EVM__BN_M);
}

/* Karatsuba: 3 products */
static void evm__fp2_mul(evm__fp2 *r, const evm__fp2 *a, const evm__fp2 *b)
{
    evm__fe256 t0, t1, s0, s1;
    evm__fp_mul(&t0, &a->c0, &b->c0);
    evm__fp_mul(&t1, &a->c1, &b->c1);
    evm__fp_add(&s0, &a->c0, &a->c1);
    evm__fp_add(&s1, &b->c0, &b->c1);
    evm__fp_mul(&s0, &s0, &s1);
    evm__fp_sub(&r->c0, &t0, &t1);
    evm__fp_sub(&s0, &s0, &t0);
    evm__fp_sub(&r->c1, &s0, &t1);
}

/* (a0 + a1)(a0 - a1) + 2 a0 a1 i: 2 products */
static void evm__fp2_sqr(evm__fp2 *r, const evm__fp2 *a)
{
    evm__fe256 s, d, t;
    evm__fp_add(&s, &a->c0, &a->c1);
    evm__fp_sub(&d, &a->c0, &a->c1);
    evm__fp_mul(&t, &a->c0, &a->c1);
    evm__fp_mul(&r->c0, &s, &d);
    evm__fp_add(&r->c1, &t, &t);
}

static void evm__fp2_mul_fp(evm__fp2 *r, const evm__fp2 *a, const evm__fe256 *b)
{
    evm__fp_mul(&r->c0, &a->c0, b);
    evm__fp_mul(&r->c1, &a->c1, b);
}

/* times xi = 9 + i: (9 a0 - a1) + (a0 + 9 a1) i */
static void evm__fp2_mul_xi(evm__fp2 *r, const evm__fp2 *a)
{
    evm__fp2 t;
    evm__fp2_dbl(&t, a);
    evm__fp2_dbl(&t, &t);
    evm__fp2_dbl(&t, &t);
    evm__fp2_add(&t, &t, a);
    evm__fp_sub(&t.c0, &t.c0, &a->c1);
    evm__fp_add(&r->c1, &t.c1, &a->c0);
    evm__f256_copy(&r->c0, &t.c0);
}

static void evm__fp2_inv(evm__fp2 *r, const evm__fp2 *a)
{
    evm__fe256 t0, t1;
    evm__fp_mul(&t0, &a->c0, &a->c0);
    evm__fp_mul(&t1, &a->c1, &a->c1);
    evm__fp_add(&t0, &t0, &t1);
    evm__f256_inv(&t0, &t0, EVM__BN_M);
    evm__fp_mul(&r->c0, &a->c0, &t0);
    evm__fp_mul(&t0, &a->c1, &t0);
    evm__f256_neg(&r->c1, &t0, EVM__BN_M);
}

static bool evm__fp2_is_zero(const evm__fp2 *a) { return evm__f256_is_zero(&a->c0) && evm__f256_is_zero(&a->c1); }

static bool evm__fp2_eq(const evm__fp2 *a, const evm__fp2 *b)
{
    return evm__f256_eq(&a->c0, &b->c0) && evm__f256_eq(&a->c1, &b->c1);
}

/* ---- Fp6 = Fp2[v] / (v^3 - xi) ----------------------------------------------------- */

static void evm__fp6_copy(evm__fp6 *r, const evm__fp6 *a)
{
    evm__fp2_copy(&r->c0, &a->c0);
    evm__fp2_copy(&r->c1, &a->c1);
    evm__fp2_copy(&r->c2, &a->c2);
}

static void evm__fp6_add(evm__fp6 *r, const evm__fp6 *a, const evm__fp6 *b)
{
    evm__fp2_add(&r->c0, &a->c0, &b->c0);
    evm__fp2_add(&r->c1, &a->c1, &b->c1);
    evm__fp2_add(&r->c2, &a->c2, &b->c2);
}

static void evm__fp6_sub(evm__fp6 *r, const evm__fp6 *a, const evm__fp6 *b)
{
    evm__fp2_sub(&r->c0, &a->c0, &b->c0);
    evm__fp2_sub(&r->c1, &a->c1, &b->c1);
    evm__fp2_sub(&r->c2, &a->c2, &b->c2);
}

static void evm__fp6_neg(evm__fp6 *r, const evm__fp6 *a)
{
    evm__fp2_neg(&r->c0, &a->c0);
    evm__fp2_neg(&r->c1, &a->c1);
    evm__fp2_neg(&r->c2, &a->c2);
}

/* times v: (a0 + a1 v + a2 v^2) v = xi a2 + a0 v + a1 v^2 */
static void evm__fp6_mul_v(evm__fp6 *r, const evm__fp6 *a)
{
    evm__fp2 t;
    evm__fp2_mul_xi(&t, &a->c2);
    evm__fp2_copy(&r->c2, &a->c1);
    evm__fp2_copy(&r->c1, &a->c0);
    evm__fp2_copy(&r->c0, &t);
}

/* Karatsuba (Devegili et al. 2006): 6 Fp2 products */
static void evm__fp6_mul(evm__fp6 *r, const evm__fp6 *a, const evm__fp6 *b)
{
    evm__fp2 t0, t1, t2, s, u, c0, c1;
    evm__fp2_mul(&t0, &a->c0, &b->c0);
    evm__fp2_mul(&t1, &a->c1, &b->c1);
    evm__fp2_mul(&t2, &a->c2, &b->c2);
    /* c0 = ((a1 + a2)(b1 + b2) - t1 - t2) xi + t0 */
    evm__fp2_add(&s, &a->c1, &a->c2);
    evm__fp2_add(&u, &b->c1, &b->c2);
    evm__fp2_mul(&s, &s, &u);
    evm__fp2_sub(&s, &s, &t1);
    evm__fp2_sub(&s, &s, &t2);
    evm__fp2_mul_xi(&s, &s);
    evm__fp2_add(&c0, &s, &t0);
    /* c1 = (a0 + a1)(b0 + b1) - t0 - t1 + xi t2 */
    evm__fp2_add(&s, &a->c0, &a->c1);
    evm__fp2_add(&u, &b->c0, &b->c1);
    evm__fp2_mul(&s, &s, &u);
    evm__fp2_sub(&s, &s, &t0);
    evm__fp2_sub(&s, &s, &t1);
    evm__fp2_mul_xi(&u, &t2);
    evm__fp2_add(&c1, &s, &u);
    /* c2 = (a0 + a2)(b0 + b2) - t0 - t2 + t1 */
    evm__fp2_add(&s, &a->c0, &a->c2);
    evm__fp2_add(&u, &b->c0, &b->c2);
    evm__fp2_mul(&s, &s, &u);
    evm__fp2_sub(&s, &s, &t0);
    evm__fp2_sub(&s, &s, &t2);
    evm__fp2_add(&r->c2, &s, &t1);
    evm__fp2_copy(&r->c0, &c0);
    evm__fp2_copy(&r->c1, &c1);
}

/* Chung-Hasan SQR2: 2 Fp2 products and 3 squarings */
static void evm__fp6_sqr(evm__fp6 *r, const evm__fp6 *a)
{
    evm__fp2 s0, s1, s2, s3, s4;
    evm__fp2_sqr(&s0, &a->c0);
    evm__fp2_mul(&s1, &a->c0, &a->c1);
    evm__fp2_dbl(&s1, &s1);
    evm__fp2_sub(&s2, &a->c0, &a->c1);
    evm__fp2_add(&s2, &s2, &a->c2);
    evm__fp2_sqr(&s2, &s2);
    evm__fp2_mul(&s3, &a->c1, &a->c2);
    evm__fp2_dbl(&s3, &s3);
    evm__fp2_sqr(&s4, &a->c2);
    /* c2 = s1 + s2 + s3 - s0 - s4, c1 = s1 + xi s4, c0 = s0 + xi s3 */
    evm__fp2_add(&s2, &s2, &s1);
    evm__fp2_add(&s2, &s2, &s3);
    evm__fp2_sub(&s2, &s2, &s0);
    evm__fp2_sub(&r->c2, &s2, &s4);
    evm__fp2_mul_xi(&s4, &s4);
    evm__fp2_add(&r->c1, &s1, &s4);
    evm__fp2_mul_xi(&s3, &s3);
    evm__fp2_add(&r->c0, &s0, &s3);
}

/* times the sparse b0 + b1 v: 5 Fp2 products */
static void evm__fp6_mul_by_01(evm__fp6 *r, const evm__fp6 *a, const evm__fp2 *b0, const evm__fp2 *b1)
{
    evm__fp2 t0, t1, s, u, c0;
    evm__fp2_mul(&t0, &a->c0, b0);
    evm__fp2_mul(&t1, &a->c1, b1);
    /* c0 = xi a2 b1 + t0 */
    evm__fp2_mul(&s, &a->c2, b1);
    evm__fp2_mul_xi(&s, &s);
    evm__fp2_add(&c0, &s, &t0);
    /* c2 = a2 b0 + t1 (a2 read before r->c2 is written) */
    evm__fp2_mul(&s, &a->c2, b0);
    /* c1 = (a0 + a1)(b0 + b1) - t0 - t1 */
    evm__fp2_add(&u, &a->c0, &a->c1);
    evm__fp2_add(&r->c2, b0, b1);
    evm__fp2_mul(&u, &u, &r->c2);
    evm__fp2_sub(&u, &u, &t0);
    evm__fp2_sub(&r->c1, &u, &t1);
    evm__fp2_add(&r->c2, &s, &t1);
    evm__fp2_copy(&r->c0, &c0);
}

static void evm__fp6_inv(evm__fp6 *r, const evm__fp6 *a)
{
    evm__fp2 t0, t1, t2, s, n;
    /* t0 = a0^2 - xi a1 a2, t1 = xi a2^2 - a0 a1, t2 = a1^2 - a0 a2 */
    evm__fp2_sqr(&t0, &a->c0);
    evm__fp2_mul(&s, &a->c1, &a->c2);
    evm__fp2_mul_xi(&s, &s);
    evm__fp2_sub(&t0, &t0, &s);
    evm__fp2_sqr(&t1, &a->c2);
    evm__fp2_mul_xi(&t1, &t1);
    evm__fp2_mul(&s, &a->c0, &a->c1);
    evm__fp2_sub(&t1, &t1, &s);
    evm__fp2_sqr(&t2, &a->c1);
    evm__fp2_mul(&s, &a->c0, &a->c2);
    evm__fp2_sub(&t2, &t2, &s);
    /* norm = a0 t0 + xi (a2 t1 + a1 t2) */
    evm__fp2_mul(&n, &a->c2, &t1);
    evm__fp2_mul(&s, &a->c1, &t2);
    evm__fp2_add(&n, &n, &s);
    evm__fp2_mul_xi(&n, &n);
    evm__fp2_mul(&s, &a->c0, &t0);
    evm__fp2_add(&n, &n, &s);
    evm__fp2_inv(&n, &n);
    evm__fp2_mul(&r->c0, &t0, &n);
    evm__fp2_mul(&r->c1, &t1, &n);
    evm__fp2_mul(&r->c2, &t2, &n);
}

/* ---- Fp12 = Fp6[w] / (w^2 - v) ------------------------------------------------------ */

static void evm__fp12_copy(evm__fp12 *r, const evm__fp12 *a)
{
    evm__fp6_copy(&r->c0, &a->c0);
    evm__fp6_copy(&r->c1, &a->c1);
}

static bool evm__fp12_is_one(const evm__fp12 *a)
{
    return evm__f256_eq(&a->c0.c0.c0, &evm__bn_p.one) && evm__f256_is_zero(&a->c0.c0.c1) &&
           evm__fp2_is_zero(&a->c0.c1) && evm__fp2_is_zero(&a->c0.c2) &&
           evm__fp2_is_zero(&a->c1.c0) && evm__fp2_is_zero(&a->c1.c1) && evm__fp2_is_zero(&a->c1.c2);
}

/* conjugation = Frobenius^6; the inverse in the cyclotomic subgroup */
static void evm__fp12_conj(evm__fp12 *r, const evm__fp12 *a)
{
    evm__fp6_copy(&r->c0, &a->c0);
    evm__fp6_neg(&r->c1, &a->c1);
}

/* Karatsuba: 3 Fp6 products */
static void evm__fp12_mul(evm__fp12 *r, const evm__fp12 *a, const evm__fp12 *b)
{
    evm__fp6 t0, t1, s, u;
    evm__fp6_mul(&t0, &a->c0, &b->c0);
    evm__fp6_mul(&t1, &a->c1, &b->c1);
    evm__fp6_add(&s, &a->c0, &a->c1);
    evm__fp6_add(&u, &b->c0, &b->c1);
    evm__fp6_mul(&s, &s, &u);
    evm__fp6_sub(&s, &s, &t0);
    evm__fp6_sub(&r->c1, &s, &t1);
    evm__fp6_mul_v(&t1, &t1);
    evm__fp6_add(&r->c0, &t0, &t1);
}

/* complex squaring: (a0 + a1 w)^2 = (a0 + a1)(a0 + v a1) - t - v t + 2t w, t = a0 a1 */
static void evm__fp12_sqr(evm__fp12 *r, const evm__fp12 *a)
{
    evm__fp6 t, s, u;
    evm__fp6_mul(&t, &a->c0, &a->c1);
    evm__fp6_add(&s, &a->c0, &a->c1);
    evm__fp6_mul_v(&u, &a->c1);
    evm__fp6_add(&u, &u, &a->c0);
    evm__fp6_mul(&s, &s, &u);
    evm__fp6_sub(&s, &s, &t);
    evm__fp6_mul_v(&u, &t);
    evm__fp6_sub(&r->c0, &s, &u);
    evm__fp6_add(&r->c1, &t, &t);
}

/* Squaring in the cyclotomic subgroup (Granger, Scott 2010): there an element is
   z0 + z1 w^3 ... viewed as three Fp4 = Fp2[w^3] values whose squares give the result
   with 9 Fp2 products instead of 12. Only valid after the easy part of the final
   exponentiation. */
static void evm__fp4_sqr(evm__fp2 *t0, evm__fp2 *t1, const evm__fp2 *a, const evm__fp2 *b)
{
    /* (a + b y)^2 with y^2 = xi: a^2 + xi b^2 + 2ab y */
    evm__fp2 s, u;
    evm__fp2_sqr(&s, a);
    evm__fp2_sqr(&u, b);
    evm__fp2_add(t1, a, b);
    evm__fp2_sqr(t1, t1);
    evm__fp2_sub(t1, t1, &s);
    evm__fp2_sub(t1, t1, &u);
    evm__fp2_mul_xi(&u, &u);
    evm__fp2_add(t0, &s, &u);
}

static void evm__fp12_cyc_sqr(evm__fp12 *r, const evm__fp12 *a)
{
    evm__fp2 t0, t1, t2, t3, t4, t5, s;
    /* the Fp4 pairs: (c0.c0, c1.c1), (c1.c0, c0.c2), (c0.c1, c1.c2) */
    evm__fp4_sqr(&t0, &t1, &a->c0.c0, &a->c1.c1);
    evm__fp4_sqr(&t2, &t3, &a->c1.c0, &a->c0.c2);
    evm__fp4_sqr(&t4, &t5, &a->c0.c1, &a->c1.c2);
    /* c0.c0 = 3 t0 - 2 a.c0.c0 */
    evm__fp2_sub(&s, &t0, &a->c0.c0);
    evm__fp2_dbl(&s, &s);
    evm__fp2_add(&r->c0.c0, &s, &t0);
    /* c1.c1 = 3 t1 + 2 a.c1.c1 */
    evm__fp2_add(&s, &t1, &a->c1.c1);
    evm__fp2_dbl(&s, &s);
    evm__fp2_add(&r->c1.c1, &s, &t1);
    /* c1.c0 = 3 xi t5 + 2 a.c1.c0 */
    evm__fp2_mul_xi(&t5, &t5);
    evm__fp2_add(&s, &t5, &a->c1.c0);
    evm__fp2_dbl(&s, &s);
    evm__fp2_add(&r->c1.c0, &s, &t5);
    /* c0.c2 = 3 t4 - 2 a.c0.c2 */
    evm__fp2_sub(&s, &t4, &a->c0.c2);
    evm__fp2_dbl(&s, &s);
    evm__fp2_add(&r->c0.c2, &s, &t4);
    /* c0.c1 = 3 t2 - 2 a.c0.c1 */
    evm__fp2_sub(&s, &t2, &a->c0.c1);
    evm__fp2_dbl(&s, &s);
    evm__fp2_add(&r->c0.c1, &s, &t2);
    /* c1.c2 = 3 t3 + 2 a.c1.c2 */
    evm__fp2_add(&s, &t3, &a->c1.c2);
    evm__fp2_dbl(&s, &s);
    evm__fp2_add(&r->c1.c2, &s, &t3);
}

static void evm__fp12_inv(evm__fp12 *r, const evm__fp12 *a)
{
    /* (a0 + a1 w)^-1 = (a0 - a1 w) / (a0^2 - v a1^2) */
    evm__fp6 t0, t1;
    evm__fp6_sqr(&t0, &a->c0);
    evm__fp6_sqr(&t1, &a->c1);
    evm__fp6_mul_v(&t1, &t1);
    evm__fp6_sub(&t0, &t0, &t1);
    evm__fp6_inv(&t0, &t0);
    evm__fp6_mul(&r->c0, &a->c0, &t0);
    evm__fp6_mul(&t1, &a->c1, &t0);
    evm__fp6_neg(&r->c1, &t1);
}

/* a^(p^n), n = 1, 2, 3. With a = sum a_k w^k (k = 0..5: c0.c0, c1.c0, c0.c1, c1.c1, c0.c2,
   c1.c2), each a_k becomes frob_n(a_k) gamma[n-1][k-1]. */
static void evm__fp12_frob(evm__fp12 *r, const evm__fp12 *a, int n)
{
    evm__fp2 *rk[6];
    const evm__fp2 *ak[6];
    int k;
    rk[0] = &r->c0.c0; rk[1] = &r->c1.c0; rk[2] = &r->c0.c1;
    rk[3] = &r->c1.c1; rk[4] = &r->c0.c2; rk[5] = &r->c1.c2;
    ak[0] = &a->c0.c0; ak[1] = &a->c1.c0; ak[2] = &a->c0.c1;
    ak[3] = &a->c1.c1; ak[4] = &a->c0.c2; ak[5] = &a->c1.c2;
    for (k = 0; k < 6; k++) {
        evm__fp2 t;
        if (n & 1) evm__fp2_conj(&t, ak[k]);
        else evm__fp2_copy(&t, ak[k]);
        if (k) evm__fp2_mul(rk[k], &t, &evm__bn_gamma[n - 1][k - 1]);
        else evm__fp2_copy(rk[k], &t);
    }
}

/* f *= d0 + d3 w + d4 v w (a line: 13 Fp2 products instead of 18) */
static void evm__fp12_mul_by_034(evm__fp12 *f, const evm__fp2 *d0, const evm__fp2 *d3, const evm__fp2 *d4)
{
    evm__fp6 a, b, e;
    evm__fp2 s;
    evm__fp2_mul(&a.c0, &f->c0.c0, d0);
    evm__fp2_mul(&a.c1, &f->c0.c1, d0);
    evm__fp2_mul(&a.c2, &f->c0.c2, d0);
    evm__fp6_mul_by_01(&b, &f->c1, d3, d4);
    evm__fp6_add(&e, &f->c0, &f->c1);
    evm__fp2_add(&s, d0, d3);
    evm__fp6_mul_by_01(&e, &e, &s, d4);
    evm__fp6_sub(&e, &e, &a);
    evm__fp6_sub(&f->c1, &e, &b);
    evm__fp6_mul_v(&b, &b);
    evm__fp6_add(&f->c0, &a, &b);
}

/* ---- the final exponentiation: f^((p^12 - 1) / r) up to a fixed power prime to r ------- */

/* r = a^x for a in the cyclotomic subgroup (a^-1 = conj(a)) */
static void evm__fp12_pow_x(evm__fp12 *r, const evm__fp12 *a)
{
    evm__fp12 base;
    int i;
    evm__fp12_copy(&base, a);                     /* r may alias a */
    evm__fp12_copy(r, &base);
    for (i = 1; i < (int)sizeof evm__bn_x_naf; i++) {
        evm__fp12_cyc_sqr(r, r);
        if (evm__bn_x_naf[i] > 0) {
            evm__fp12_mul(r, r, &base);
        } else if (evm__bn_x_naf[i] < 0) {       /* r conj(base) = conj(conj(r) base) */
            evm__fp12_conj(r, r);
            evm__fp12_mul(r, r, &base);
            evm__fp12_conj(r, r);
        }
    }
}

/* out may alias f */
static EVM__F_NOINLINE void evm__bn_final_exp(evm__fp12 *out, const evm__fp12 *f)
{
    evm__fp12 a, b, c, d, e;
    /* easy part: a = f^((p^6 - 1)(p^2 + 1)), now in the cyclotomic subgroup */
    evm__fp12_inv(&b, f);
    evm__fp12_conj(&a, f);
    evm__fp12_mul(&a, &a, &b);
    evm__fp12_frob(&b, &a, 2);
    evm__fp12_mul(&a, &b, &a);
    /* hard part, Fuentes-Castaneda et al.: a^(2x(6x^2 + 3x + 1)(p^4 - p^2 + 1)/r) */
    evm__fp12_pow_x(&e, &a);
    evm__fp12_conj(&e, &e);
    evm__fp12_cyc_sqr(&b, &e);                 /* b = y1 = a^(-2x) */
    evm__fp12_cyc_sqr(&c, &b);
    evm__fp12_mul(&c, &c, &b);                 /* c = y3 = a^(-6x) */
    evm__fp12_pow_x(&d, &c);
    evm__fp12_conj(&d, &d);                    /* d = y4 = a^(6x^2) */
    evm__fp12_cyc_sqr(&e, &d);
    evm__fp12_pow_x(&e, &e);                   /* e = y6^-1 = a^(12x^3) */
    evm__fp12_conj(&c, &c);                    /* c = y3^-1 */
    evm__fp12_mul(&e, &e, &d);
    evm__fp12_mul(&e, &e, &c);                 /* e = y8 */
    evm__fp12_mul(&c, &e, &b);                 /* c = y9 = y8 y1 */
    evm__fp12_mul(&b, &e, &d);
    evm__fp12_mul(&b, &b, &a);                 /* b = y11 = y8 y4 a */
    evm__fp12_frob(&d, &c, 1);
    evm__fp12_mul(&b, &d, &b);                 /* b = y13 = y9^p y11 */
    evm__fp12_frob(&e, &e, 2);
    evm__fp12_mul(&b, &e, &b);                 /* b = y14 = y8^(p^2) y13 */
    evm__fp12_conj(&a, &a);
    evm__fp12_mul(&a, &a, &c);
    evm__fp12_frob(&a, &a, 3);                 /* a = (a^-1 y9)^(p^3) */
    evm__fp12_mul(out, &a, &b);
}

/* ---- G1 ---------------------------------------------------------------------------- */

/* 64 bytes x || y -> 0: invalid, 1: affine point (Montgomery form), 2: infinity */
static int evm__bn_g1_decode(evm__aff256 *p, const uint8_t in[64])
{
    evm__fe256 x, y, l, rhs;
    evm__f256_from_be(&x, in);
    evm__f256_from_be(&y, in + 32);
    if (!evm__f256_lt(&x, &evm__bn_p.p) || !evm__f256_lt(&y, &evm__bn_p.p)) return 0;
    if (evm__f256_is_zero(&x) && evm__f256_is_zero(&y)) return 2;
    evm__f256_to_mont(&p->x, &x, EVM__BN_M);
    evm__f256_to_mont(&p->y, &y, EVM__BN_M);
    evm__fp_mul(&l, &p->y, &p->y);
    evm__fp_mul(&rhs, &p->x, &p->x);
    evm__fp_mul(&rhs, &rhs, &p->x);
    evm__fp_add(&rhs, &rhs, &evm__bn_b);
    return evm__f256_eq(&l, &rhs) ? 1 : 0;
}

static void evm__bn_g1_encode(uint8_t out[64], const evm__jac256 *p)
{
    evm__aff256 a;
    evm__fe256 t;
    int i;
    if (!evm__jac256_to_aff(&a, p, EVM__BN_M)) {
        for (i = 0; i < 64; i++) out[i] = 0;
        return;
    }
    evm__f256_from_mont(&t, &a.x, EVM__BN_M);
    evm__f256_to_be(out, &t);
    evm__f256_from_mont(&t, &a.y, EVM__BN_M);
    evm__f256_to_be(out + 32, &t);
}

EVM_API bool EVM_ACCELERATED(evm_bn254_add)(const uint8_t in[128], uint8_t out[64])
{
    evm__aff256 a, b;
    evm__jac256 s;
    int ka = evm__bn_g1_decode(&a, in), kb = evm__bn_g1_decode(&b, in + 64);
    if (!ka || !kb) return false;
    if (ka == 1) evm__jac256_from_aff(&s, &a, EVM__BN_M);
    else evm__jac256_set_inf(&s, EVM__BN_M);
    if (kb == 1) evm__jac256_add_aff(&s, &s, &b, EVM__BN_M);
    evm__bn_g1_encode(out, &s);
    return true;
}

EVM_API bool EVM_ACCELERATED(evm_bn254_mul)(const uint8_t in[96], uint8_t out[64])
{
    evm__aff256 a;
    evm__fe256 k;
    evm__jac256 tab[1 << (EVM__BN_MUL_WINDOW - 2)], p2, acc, t;
    int8_t naf[257];
    int kind = evm__bn_g1_decode(&a, in), len, i;
    if (!kind) return false;
    evm__f256_from_be(&k, in + 64);
    evm__jac256_set_inf(&acc, EVM__BN_M);
    len = kind == 1 ? evm__f256_wnaf(naf, &k, EVM__BN_MUL_WINDOW, 256) : 0;
    if (len) {
        evm__jac256_from_aff(&tab[0], &a, EVM__BN_M);
        evm__jac256_dbl(&p2, &tab[0], EVM__BN_M);
        for (i = 1; i < (1 << (EVM__BN_MUL_WINDOW - 2)); i++)
            evm__jac256_add(&tab[i], &tab[i - 1], &p2, EVM__BN_M);
    }
    for (i = len - 1; i >= 0; i--) {
        int d = naf[i];
        if (!evm__jac256_is_inf(&acc)) evm__jac256_dbl(&acc, &acc, EVM__BN_M);
        if (d > 0) {
            evm__jac256_add(&acc, &acc, &tab[d >> 1], EVM__BN_M);
        } else if (d < 0) {
            evm__jac256_copy(&t, &tab[(-d) >> 1]);
            evm__f256_neg(&t.y, &t.y, EVM__BN_M);
            evm__jac256_add(&acc, &acc, &t, EVM__BN_M);
        }
    }
    evm__bn_g1_encode(out, &acc);
    return true;
}

/* ---- G2 ---------------------------------------------------------------------------- */

/* psi(Q) = untwist, Frobenius, twist: (conj(x) gamma[0][1], conj(y) gamma[0][2]) */
static void evm__g2_psi(evm__g2 *r, const evm__g2 *q)
{
    evm__fp2_conj(&r->x, &q->x);
    evm__fp2_mul(&r->x, &r->x, &evm__bn_gamma[0][1]);
    evm__fp2_conj(&r->y, &q->y);
    evm__fp2_mul(&r->y, &r->y, &evm__bn_gamma[0][2]);
}

/* Jacobian doubling on the twist, dbl-2009-l as in evm_field.h, over Fp2 */
static void evm__g2j_dbl(evm__g2j *r, const evm__g2j *p)
{
    evm__fp2 a, b, c, d, e, f;
    evm__fp2_sqr(&a, &p->x);
    evm__fp2_sqr(&b, &p->y);
    evm__fp2_sqr(&c, &b);
    evm__fp2_add(&d, &p->x, &b);
    evm__fp2_sqr(&d, &d);
    evm__fp2_sub(&d, &d, &a);
    evm__fp2_sub(&d, &d, &c);
    evm__fp2_dbl(&d, &d);
    evm__fp2_dbl(&e, &a);
    evm__fp2_add(&e, &e, &a);
    evm__fp2_sqr(&f, &e);
    evm__fp2_mul(&r->z, &p->y, &p->z);
    evm__fp2_dbl(&r->z, &r->z);
    evm__fp2_dbl(&a, &d);
    evm__fp2_sub(&r->x, &f, &a);
    evm__fp2_sub(&d, &d, &r->x);
    evm__fp2_mul(&d, &d, &e);
    evm__fp2_dbl(&c, &c);
    evm__fp2_dbl(&c, &c);
    evm__fp2_dbl(&c, &c);
    evm__fp2_sub(&r->y, &d, &c);
}

/* Jacobian + affine on the twist, madd-2007-bl with the special cases */
static void evm__g2j_add_aff(evm__g2j *r, const evm__g2j *p, const evm__g2 *q)
{
    evm__fp2 z1z1, u2, s2, h, hh, i, j, rr, v;
    if (evm__fp2_is_zero(&p->z)) {
        evm__fp2_copy(&r->x, &q->x);
        evm__fp2_copy(&r->y, &q->y);
        evm__fp2_set(&r->z, &evm__bn_p.one);
        return;
    }
    evm__fp2_sqr(&z1z1, &p->z);
    evm__fp2_mul(&u2, &q->x, &z1z1);
    evm__fp2_mul(&s2, &q->y, &p->z);
    evm__fp2_mul(&s2, &s2, &z1z1);
    evm__fp2_sub(&h, &u2, &p->x);
    evm__fp2_sub(&rr, &s2, &p->y);
    if (evm__fp2_is_zero(&h)) {
        if (evm__fp2_is_zero(&rr)) {
            evm__g2j_dbl(r, p);
        } else {
            evm__fp2_copy(&r->x, &p->x);              /* any x, y with z = 0 */
            evm__fp2_copy(&r->y, &p->y);
            evm__f256_zero(&r->z.c0);
            evm__f256_zero(&r->z.c1);
        }
        return;
    }
    evm__fp2_sqr(&hh, &h);
    evm__fp2_dbl(&i, &hh);
    evm__fp2_dbl(&i, &i);
    evm__fp2_mul(&j, &h, &i);
    evm__fp2_dbl(&rr, &rr);
    evm__fp2_mul(&v, &p->x, &i);
    evm__fp2_mul(&s2, &p->y, &j);
    evm__fp2_add(&i, &p->z, &h);
    evm__fp2_sqr(&i, &i);
    evm__fp2_sub(&i, &i, &z1z1);
    evm__fp2_sub(&r->z, &i, &hh);
    evm__fp2_sqr(&r->x, &rr);
    evm__fp2_sub(&r->x, &r->x, &j);
    evm__fp2_sub(&r->x, &r->x, &v);
    evm__fp2_sub(&r->x, &r->x, &v);
    evm__fp2_sub(&v, &v, &r->x);
    evm__fp2_mul(&v, &v, &rr);
    evm__fp2_dbl(&s2, &s2);
    evm__fp2_sub(&r->y, &v, &s2);
}

/* Q (on the twist, not infinity) is in G2 iff psi(Q) = [6x^2]Q */
static EVM__F_NOINLINE bool evm__g2_in_subgroup(const evm__g2 *q)
{
    evm__g2 nq, pq;
    evm__g2j acc;
    evm__fp2 z2, t;
    int8_t naf[129];
    int len = evm__f256_wnaf(naf, &evm__bn_6x2, 2, 128), i;
    evm__fp2_copy(&nq.x, &q->x);
    evm__fp2_neg(&nq.y, &q->y);
    evm__fp2_copy(&acc.x, &q->x);
    evm__fp2_copy(&acc.y, &q->y);
    evm__fp2_set(&acc.z, &evm__bn_p.one);
    for (i = len - 2; i >= 0; i--) {
        evm__g2j_dbl(&acc, &acc);
        if (naf[i] > 0) evm__g2j_add_aff(&acc, &acc, q);
        else if (naf[i] < 0) evm__g2j_add_aff(&acc, &acc, &nq);
    }
    if (evm__fp2_is_zero(&acc.z)) return false;
    evm__g2_psi(&pq, q);
    evm__fp2_sqr(&z2, &acc.z);
    evm__fp2_mul(&t, &pq.x, &z2);
    if (!evm__fp2_eq(&t, &acc.x)) return false;
    evm__fp2_mul(&z2, &z2, &acc.z);
    evm__fp2_mul(&t, &pq.y, &z2);
    return evm__fp2_eq(&t, &acc.y);
}

/* 128 bytes x_im, x_re, y_im, y_re -> 0: invalid, 1: point of G2, 2: infinity */
static int evm__bn_g2_decode(evm__g2 *q, const uint8_t in[128])
{
    evm__fe256 v[4];
    evm__fp2 l, rhs;
    int i;
    bool zero = true;
    for (i = 0; i < 4; i++) {
        evm__f256_from_be(&v[i], in + 32 * i);
        if (!evm__f256_lt(&v[i], &evm__bn_p.p)) return 0;
        if (!evm__f256_is_zero(&v[i])) zero = false;
    }
    if (zero) return 2;
    evm__f256_to_mont(&q->x.c1, &v[0], EVM__BN_M);
    evm__f256_to_mont(&q->x.c0, &v[1], EVM__BN_M);
    evm__f256_to_mont(&q->y.c1, &v[2], EVM__BN_M);
    evm__f256_to_mont(&q->y.c0, &v[3], EVM__BN_M);
    evm__fp2_sqr(&l, &q->y);
    evm__fp2_sqr(&rhs, &q->x);
    evm__fp2_mul(&rhs, &rhs, &q->x);
    evm__fp2_add(&rhs, &rhs, &evm__bn_b2);
    if (!evm__fp2_eq(&l, &rhs)) return 0;
    return evm__g2_in_subgroup(q) ? 1 : 0;
}

/* ---- the Miller loop ----------------------------------------------------------------- */

typedef struct evm__bn_pair {
    evm__fe256 px, py;          /* P in G1, affine */
    evm__g2 q;               /* Q in G2, affine */
    evm__g2j t;              /* running multiple of Q, homogeneous projective (x = X/Z) */
} evm__bn_pair;

/* T = 2T; l = the tangent line at T evaluated at P, as l[0] + l[1] w + l[2] v w:
   -2YZ yP + 3X^2 xP w + (3b'Z^2 - Y^2) v w (homogeneous coordinates, scaled by an Fp2 factor
   that the final exponentiation removes) */
static EVM__F_NOINLINE void evm__bn_line_dbl(evm__fp2 l[3], evm__bn_pair *s)
{
    evm__g2j *t = &s->t;
    evm__fp2 a, b, c, e, g, h, j;
    evm__fp2_mul(&a, &t->x, &t->y);
    evm__f256_half(&a.c0, &a.c0, EVM__BN_M);
    evm__f256_half(&a.c1, &a.c1, EVM__BN_M);         /* a = XY/2 */
    evm__fp2_sqr(&b, &t->y);                      /* b = Y^2 */
    evm__fp2_sqr(&c, &t->z);                      /* c = Z^2 */
    evm__fp2_mul(&e, &c, &evm__bn_3b2);           /* e = 3b'Z^2 */
    evm__fp2_dbl(&g, &e);
    evm__fp2_add(&g, &g, &e);                     /* g = 3e (f in the paper) */
    evm__fp2_add(&h, &t->y, &t->z);
    evm__fp2_sqr(&h, &h);
    evm__fp2_sub(&h, &h, &b);
    evm__fp2_sub(&h, &h, &c);                     /* h = 2YZ */
    evm__fp2_sqr(&j, &t->x);                      /* j = X^2 */
    /* line */
    evm__fp2_neg(&l[0], &h);
    evm__fp2_mul_fp(&l[0], &l[0], &s->py);
    evm__fp2_dbl(&l[1], &j);
    evm__fp2_add(&l[1], &l[1], &j);
    evm__fp2_mul_fp(&l[1], &l[1], &s->px);
    evm__fp2_sub(&l[2], &e, &b);                  /* 3b'Z^2 - Y^2 */
    /* X3 = a (b - g), Y3 = ((b + g)/2)^2 - 3e^2, Z3 = b h */
    evm__fp2_sub(&c, &b, &g);
    evm__fp2_mul(&t->x, &a, &c);
    evm__fp2_add(&c, &b, &g);
    evm__f256_half(&c.c0, &c.c0, EVM__BN_M);
    evm__f256_half(&c.c1, &c.c1, EVM__BN_M);
    evm__fp2_sqr(&c, &c);
    evm__fp2_sqr(&e, &e);
    evm__fp2_dbl(&g, &e);
    evm__fp2_add(&g, &g, &e);
    evm__fp2_sub(&t->y, &c, &g);
    evm__fp2_mul(&t->z, &b, &h);
}

/* T = T + Q; l = the line through T and Q evaluated at P:
   lambda yP - theta xP w + (theta xQ - lambda yQ) v w, theta = Y - yQ Z, lambda = X - xQ Z */
static EVM__F_NOINLINE void evm__bn_line_add(evm__fp2 l[3], evm__bn_pair *s, const evm__g2 *q)
{
    evm__g2j *t = &s->t;
    evm__fp2 th, la, c, d, e, g, h;
    evm__fp2_mul(&th, &q->y, &t->z);
    evm__fp2_sub(&th, &t->y, &th);
    evm__fp2_mul(&la, &q->x, &t->z);
    evm__fp2_sub(&la, &t->x, &la);
    /* line */
    evm__fp2_mul_fp(&l[0], &la, &s->py);
    evm__fp2_neg(&l[1], &th);
    evm__fp2_mul_fp(&l[1], &l[1], &s->px);
    evm__fp2_mul(&l[2], &th, &q->x);
    evm__fp2_mul(&c, &la, &q->y);
    evm__fp2_sub(&l[2], &l[2], &c);
    /* c = th^2, d = la^2, e = la^3, f' = Z c, g = X d, h = e + f' - 2g */
    evm__fp2_sqr(&c, &th);
    evm__fp2_sqr(&d, &la);
    evm__fp2_mul(&e, &la, &d);
    evm__fp2_mul(&c, &t->z, &c);
    evm__fp2_mul(&g, &t->x, &d);
    evm__fp2_add(&h, &e, &c);
    evm__fp2_sub(&h, &h, &g);
    evm__fp2_sub(&h, &h, &g);
    /* X3 = la h, Y3 = th (g - h) - e Y, Z3 = Z e */
    evm__fp2_mul(&t->x, &la, &h);
    evm__fp2_sub(&g, &g, &h);
    evm__fp2_mul(&g, &th, &g);
    evm__fp2_mul(&d, &e, &t->y);
    evm__fp2_sub(&t->y, &g, &d);
    evm__fp2_mul(&t->z, &t->z, &e);
}

/* f *= l, or f = l for the first line (f is not set before) */
static void evm__bn_ell(evm__fp12 *f, const evm__fp2 l[3], bool first)
{
    if (!first) {
        evm__fp12_mul_by_034(f, &l[0], &l[1], &l[2]);
        return;
    }
    evm__fp2_copy(&f->c0.c0, &l[0]);
    evm__f256_zero(&f->c0.c1.c0); evm__f256_zero(&f->c0.c1.c1);
    evm__f256_zero(&f->c0.c2.c0); evm__f256_zero(&f->c0.c2.c1);
    evm__fp2_copy(&f->c1.c0, &l[1]);
    evm__fp2_copy(&f->c1.c1, &l[2]);
    evm__f256_zero(&f->c1.c2.c0); evm__f256_zero(&f->c1.c2.c1);
}

/* f = product over the n >= 1 pairs of the optimal ate Miller function
   f_{6x+2,Q}(P) l_{[6x+2]Q, psi(Q)}(P) l_{[6x+2]Q + psi(Q), -psi^2(Q)}(P) */
static EVM__F_NOINLINE void evm__bn_miller(evm__fp12 *f, evm__bn_pair *ps, int n)
{
    int i, k;
    evm__g2 q;
    evm__fp2 l[3];
    bool first = true;
    for (k = 0; k < n; k++) {
        evm__fp2_copy(&ps[k].t.x, &ps[k].q.x);
        evm__fp2_copy(&ps[k].t.y, &ps[k].q.y);
        evm__fp2_set(&ps[k].t.z, &evm__bn_p.one);
    }
    for (i = (int)sizeof evm__bn_ate_naf - 2; i >= 0; i--) {
        if (!first) evm__fp12_sqr(f, f);
        for (k = 0; k < n; k++) {
            evm__bn_line_dbl(l, &ps[k]);
            evm__bn_ell(f, l, first);
            first = false;
        }
        if (evm__bn_ate_naf[i] == 0) continue;
        for (k = 0; k < n; k++) {
            evm__fp2_copy(&q.x, &ps[k].q.x);
            if (evm__bn_ate_naf[i] > 0) evm__fp2_copy(&q.y, &ps[k].q.y);
            else evm__fp2_neg(&q.y, &ps[k].q.y);
            evm__bn_line_add(l, &ps[k], &q);
            evm__bn_ell(f, l, false);
        }
    }
    for (k = 0; k < n; k++) {
        evm__g2_psi(&q, &ps[k].q);
        evm__bn_line_add(l, &ps[k], &q);
        evm__bn_ell(f, l, false);
        /* -psi^2(Q) = (x gamma[1][1], y): psi^2 multiplies y by (9+i)^((p^2-1)/2) = -1 */
        evm__fp2_mul(&q.x, &ps[k].q.x, &evm__bn_gamma[1][1]);
        evm__fp2_copy(&q.y, &ps[k].q.y);
        evm__bn_line_add(l, &ps[k], &q);
        evm__bn_ell(f, l, false);
    }
}

/* Validates every pair and multiplies the Miller loop values of the pairs without infinity
   into *acc, EVM__BN_BATCH pairs per loop. Returns -1 for invalid input, else the number of
   pairs that went into *acc. Kept out of evm_bn254_pairing's frame: the batch is dead by the
   time the final exponentiation runs. */
static EVM__F_NOINLINE long evm__bn_miller_all(evm__fp12 *acc, const uint8_t *in, size_t pairs)
{
    evm__bn_pair batch[EVM__BN_BATCH];
    evm__fp12 f;
    evm__aff256 p;
    size_t i;
    long used = 0;
    int n = 0;
    for (i = 0; i < pairs; i++) {
        int kp = evm__bn_g1_decode(&p, in + 192 * i);
        int kq = kp ? evm__bn_g2_decode(&batch[n].q, in + 192 * i + 64) : 0;
        if (!kp || !kq) return -1;
        if (kp == 2 || kq == 2) continue;           /* e(0, Q) = e(P, 0) = 1 */
        evm__f256_copy(&batch[n].px, &p.x);
        evm__f256_copy(&batch[n].py, &p.y);
        if (++n == EVM__BN_BATCH || i + 1 == pairs) {
            evm__bn_miller(used ? &f : acc, batch, n);
            if (used) evm__fp12_mul(acc, acc, &f);
            used += n;
            n = 0;
        }
    }
    if (n) {                                        /* the last pairs had infinity */
        evm__bn_miller(used ? &f : acc, batch, n);
        if (used) evm__fp12_mul(acc, acc, &f);
        used += n;
    }
    return used;
}

EVM_API bool EVM_ACCELERATED(evm_bn254_pairing)(const uint8_t *in, size_t pairs, uint8_t out[32])
{
    evm__fp12 acc;
    long used = evm__bn_miller_all(&acc, in, pairs);
    int k;
    if (used < 0) return false;
    for (k = 0; k < 31; k++) out[k] = 0;
    out[31] = 1;                                    /* the empty product */
    if (used) {
        evm__bn_final_exp(&acc, &acc);
        out[31] = evm__fp12_is_one(&acc) ? 1 : 0;
    }
    return true;
}

#endif /* EVM_IMPLEMENTATION && !EVM_BN254_IMPLEMENTED */
