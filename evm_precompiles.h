/* evm_precompiles.h - the precompiled contracts 0x01..0x11 and 0x100 and their gas, for evm.h.

   USAGE
     In exactly one C file (the one that implements evm.h is fine):
         #define EVM_IMPLEMENTATION
         #include "evm_precompiles.h"
     Everywhere else just #include "evm_precompiles.h". evm.h, evm_secp256k1.h,
     evm_p256.h, evm_bn254.h, evm_field.h, evm_kzg.h and evm_bls12381.h must sit beside it (only evm.h
     with EVM_PRECOMPILES_NO_CRYPTO).

     evm_precompiles pc;
     evm_precompiles_init(&pc, NULL);             // NULL = the C library's realloc
     // in the host's `precompile` callback:
     return evm_precompiles_run(&pc, fork, addr, input, input_size, gas, result);
     ...
     evm_precompiles_destroy(&pc);

   THE CONTRACTS (address: name, first fork, gas)
     0x01 ecrecover      Frontier   3000
     0x02 sha256         Frontier   60 + 12 per 32-byte word of input
     0x03 ripemd160      Frontier   600 + 120 per word; the 20-byte digest left-padded to 32
     0x04 identity       Frontier   15 + 3 per word
     0x05 modexp         Byzantium  EIP-198 until Istanbul, EIP-2565 from Berlin, EIP-7883
                                    from Osaka (lengths at most 1024 bytes: EIP-7823)
     0x06 bn254 add      Byzantium  500, from Istanbul 150 (EIP-1108)
     0x07 bn254 mul      Byzantium  40000, from Istanbul 6000
     0x08 bn254 pairing  Byzantium  100000 + 80000 per pair, from Istanbul 45000 + 34000
     0x09 blake2f        Istanbul   1 per round (EIP-152)
     0x0a point eval     Cancun     50000 (EIP-4844)
     0x0b bls12 g1add    Prague     375 (EIP-2537, and the rows below)
     0x0c bls12 g1msm    Prague     k 12000 discount(k) / 1000, k = input / 160, with
                                    EIP-2537's table of discount(k) for k <= 128 (1000
                                    falling to 519) and 519 beyond
     0x0d bls12 g2add    Prague     600
     0x0e bls12 g2msm    Prague     k 22500 discount(k) / 1000, k = input / 288 (its own
                                    table: 1000 falling to 524)
     0x0f bls12 pairing  Prague     32600 k + 37700, k = input / 384
     0x10 bls12 map g1   Prague     5500
     0x11 bls12 map g2   Prague     23800
     0x100 p256verify    Osaka      6900 (EIP-7951)
     Inputs shorter than a contract reads are zero-padded; longer ones are ignored except
     where the EIP says otherwise (blake2f: exactly 213 bytes; point evaluation: exactly
     192; bn254 pairing: a multiple of 192; the BLS12-381 contracts: exactly 256, 512, 64
     and 128 bytes for g1add, g2add, map g1 and map g2, a nonzero multiple of 160, 288
     and 384 for g1msm, g2msm and pairing; p256verify: exactly 160, else an empty output).

   RESULTS
     evm_precompiles_run returns EVM_PRECOMPILE_NONE for an address that is not a
     precompile at that fork (the caller runs the account's code), else:
       EVM_PRECOMPILE_OK          result->gas_used and the output are set. The output
                                  lives in the evm_precompiles object until its next run
                                  or destroy. Failed ecrecover recoveries and failed
                                  p256verify checks (any input but a valid signature)
                                  are OK with an empty output and the full price, as
                                  consensus requires.
       EVM_PRECOMPILE_OUT_OF_GAS  gas is below the cost; result->gas_used = gas.
       EVM_PRECOMPILE_ERROR       invalid input (bad point, bad length, bad flag, failed
                                  proof); result->gas_used = gas.
       EVM_PRECOMPILE_UNSUPPORTED built with EVM_PRECOMPILES_NO_CRYPTO and the address
                                  needs cryptography that was left out; gas_used = 0.
       EVM_PRECOMPILE_NO_MEMORY   the allocator failed; gas_used = 0.
     Gas is always computed and charged before any allocation or other work, with
     saturating 128-bit arithmetic: a modexp header announcing 2^256-byte operands is an
     ordinary out-of-gas, never an overflow or an allocation. The work any call does is
     bounded by the gas it paid (blake2f with 2^32-1 rounds needs 2^32-1 gas).

   MEMORY
     Outputs, modexp's big-number scratch space and the BLS12-381 MSMs' buckets
     (EVM_BLS12381_MSM_SCRATCH_SIZE bytes) live in one buffer of the object,
     grown through the allocator hook and reused across calls (no allocation in the
     steady state). One evm_precompiles per thread.

   MODEXP
     Square-and-multiply over the exponent's bits with O(n^2) limb arithmetic:
     Montgomery multiplication for odd moduli, schoolbook product and Knuth's division
     for even ones. 64-bit limbs where unsigned __int128 exists, 32-bit limbs otherwise.
     About 50-90 Mgas/s on x86-64 (20-45 with EVM_NO_INT128). Its work is bounded by the
     input size: an exponent that runs past the end of the input puts the modulus in the
     zero padding, and x mod 0 is 0 without any work.

   CONFIGURATION (define before including)
     EVM_PRECOMPILES_NO_CRYPTO  leave out evm_secp256k1.h, evm_p256.h, evm_bn254.h,
                                evm_kzg.h and evm_bls12381.h: ecrecover, the three bn254
                                contracts, point evaluation, the seven BLS12-381 contracts
                                and p256verify then return EVM_PRECOMPILE_UNSUPPORTED (small embedded
                                builds that never see those calls). sha256, ripemd160,
                                identity, modexp and blake2f are always here.
     EVM_NO_INT128              32-bit limbs in modexp even where the compiler has
                                unsigned __int128
     and those of evm.h (EVM_IMPLEMENTATION, EVM_NO_STDLIB, EVM_MEMCPY, EVM_MEMSET,
     EVM_REALLOC, EVM_API).

   FREESTANDING
     With EVM_NO_STDLIB this header and the crypto headers it includes use only
     <stdint.h>, <stddef.h>, <stdbool.h>, call no library or OS function and keep no
     mutable global state (only constant tables). The output buffer needs an allocator:
     pass one to evm_precompiles_init (or define EVM_REALLOC/EVM_FREE).

   ALSO EXPORTED
     evm_sha256, evm_ripemd160 (one-shot digests) and evm_blake2b_compress (EIP-152's F).

   LICENSE
     MIT, as evm.h.
*/
#include "evm.h"
#ifndef EVM_PRECOMPILES_H
#define EVM_PRECOMPILES_H

#ifndef EVM_PRECOMPILES_NO_CRYPTO
#include "evm_secp256k1.h"
#include "evm_p256.h"
#include "evm_bn254.h"
#include "evm_kzg.h"
#include "evm_bls12381.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef struct evm_precompiles {
    evm_allocator allocator;
    uint8_t *out;               /* output and scratch space, reused across calls */
    size_t out_cap;
    bool sha_ni;                /* the CPU has the SHA extensions (x86-64; found at init) */
} evm_precompiles;

EVM_API void evm_precompiles_init(evm_precompiles *p, const evm_allocator *alloc); /* alloc may be NULL */
EVM_API void evm_precompiles_destroy(evm_precompiles *p);

/* true if addr is a precompile at this fork (EIP-2929 warm set, EIP-161 exemptions) */
EVM_API bool evm_precompile_is_active(evm_fork fork, const evm_address *addr);

/* Same contract as evm_host.precompile (see RESULTS above). */
EVM_API evm_precompile_status evm_precompiles_run(evm_precompiles *p, evm_fork fork,
                                                  const evm_address *addr, const uint8_t *input,
                                                  size_t input_size, int64_t gas,
                                                  evm_precompile_result *result);

EVM_API void evm_sha256(const uint8_t *data, size_t size, uint8_t out[32]);
EVM_API void evm_ripemd160(const uint8_t *data, size_t size, uint8_t out[20]);
/* BLAKE2b's compression function F with a given round count (EIP-152), in place on h. */
EVM_API void evm_blake2b_compress(uint32_t rounds, uint64_t h[8], const uint64_t m[16],
                                  const uint64_t t[2], bool final_block);

#ifdef __cplusplus
}
#endif
#endif /* EVM_PRECOMPILES_H */

/* ================================================================================= */
#if defined(EVM_IMPLEMENTATION) && !defined(EVM_PRECOMPILES_IMPLEMENTED)
#define EVM_PRECOMPILES_IMPLEMENTED

#if !defined(EVM_NO_STDLIB) && (!defined(EVM_MEMCPY) || !defined(EVM_MEMSET))
#include <string.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

static inline void evm__pc_copy(uint8_t *d, const uint8_t *s, size_t n)
{
    if (n == 0)
        return;
#if defined(EVM_MEMCPY)
    EVM_MEMCPY(d, s, n);
#elif !defined(EVM_NO_STDLIB)
    memcpy(d, s, n);
#else
    for (size_t i = 0; i < n; i++)
        d[i] = s[i];
#endif
}

static inline void evm__pc_zero(uint8_t *d, size_t n)
{
    if (n == 0)
        return;
#if defined(EVM_MEMSET)
    EVM_MEMSET(d, 0, n);
#elif !defined(EVM_NO_STDLIB)
    memset(d, 0, n);
#else
    for (size_t i = 0; i < n; i++)
        d[i] = 0;
#endif
}

static inline uint32_t evm__pc_rol32(uint32_t x, unsigned n) { return (x << n) | (x >> (32 - n)); }
static inline uint32_t evm__pc_ror32(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }
static inline uint64_t evm__pc_ror64(uint64_t x, unsigned n) { return (x >> n) | (x << (64 - n)); }

/* ---------------------------------------------------------------------------------
   SHA-256 (FIPS 180-4)
   --------------------------------------------------------------------------------- */
static const uint32_t evm__sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static void evm__sha256_block(uint32_t h[8], const uint8_t *b)
{
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)b[4 * i] << 24 | (uint32_t)b[4 * i + 1] << 16 |
               (uint32_t)b[4 * i + 2] << 8 | (uint32_t)b[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = evm__pc_ror32(w[i - 15], 7) ^ evm__pc_ror32(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = evm__pc_ror32(w[i - 2], 17) ^ evm__pc_ror32(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = hh + (evm__pc_ror32(e, 6) ^ evm__pc_ror32(e, 11) ^ evm__pc_ror32(e, 25)) +
                      ((e & f) ^ (~e & g)) + evm__sha256_k[i] + w[i];
        uint32_t t2 = (evm__pc_ror32(a, 2) ^ evm__pc_ror32(a, 13) ^ evm__pc_ror32(a, 22)) +
                      ((a & bb) ^ (a & c) ^ (bb & c));
        hh = g; g = f; f = e; e = d + t1;
        d = c; c = bb; bb = a; a = t1 + t2;
    }
    h[0] += a; h[1] += bb; h[2] += c; h[3] += d;
    h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

/* x86-64 with the SHA extensions (Intel SHA-NI, AMD Zen): four rounds per pair of
   sha256rnds2, the message schedule by sha256msg1/msg2. About 5x the portable code; used
   for inputs of a few blocks and more, where the cpuid check (a VM exit under a
   hypervisor) is amortized. Hosted x86-64 gcc/clang only; EVM_NO_ASM turns it off. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(__TINYC__) && \
    !defined(EVM_NO_ASM) && !defined(EVM_NO_STDLIB)
#define EVM__SHA_NI 1
#include <immintrin.h>
#include <cpuid.h>

static bool evm__sha_ni_available(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 19)) || !(c & (1u << 9)))
        return false;                               /* SSE4.1, SSSE3 */
    return __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & (1u << 29));   /* SHA */
}

/* one group of four rounds g (W: the message words of groups g, g+1, g+2 and g-1) */
#define EVM__SHA_G(g, Wg, Wn, Wnn, Wp) do {                                                \
        m = _mm_add_epi32(Wg, _mm_loadu_si128((const __m128i *)(const void *)(evm__sha256_k + 4 * (g)))); \
        s1 = _mm_sha256rnds2_epu32(s1, s0, m);                                            \
        if ((g) >= 3 && (g) <= 14) {                                                       \
            Wn = _mm_add_epi32(Wn, _mm_alignr_epi8(Wg, Wp, 4));                           \
            Wn = _mm_sha256msg2_epu32(Wn, Wg);                                             \
        }                                                                                  \
        s0 = _mm_sha256rnds2_epu32(s0, s1, _mm_shuffle_epi32(m, 0x0e));                    \
        if ((g) >= 1 && (g) <= 12)                                                         \
            Wp = _mm_sha256msg1_epu32(Wp, Wg);                                             \
        (void)Wnn;                                                                         \
    } while (0)

__attribute__((target("sha,sse4.1,ssse3")))
static void evm__sha256_blocks_ni(uint32_t h[8], const uint8_t *p, size_t blocks)
{
    const __m128i swap = _mm_set_epi64x(0x0c0d0e0f08090a0bll, 0x0405060700010203ll);
    __m128i t = _mm_loadu_si128((const __m128i *)(const void *)h);        /* a b c d */
    __m128i s1 = _mm_loadu_si128((const __m128i *)(const void *)(h + 4)); /* e f g h */
    t = _mm_shuffle_epi32(t, 0xb1);
    s1 = _mm_shuffle_epi32(s1, 0x1b);
    __m128i s0 = _mm_alignr_epi8(t, s1, 8);                                 /* a b e f */
    s1 = _mm_blend_epi16(s1, t, 0xf0);                                      /* c d g h */
    for (; blocks; blocks--, p += 64) {
        __m128i save0 = s0, save1 = s1, m;
        __m128i w0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)p), swap);
        __m128i w1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + 16)), swap);
        __m128i w2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + 32)), swap);
        __m128i w3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + 48)), swap);
        EVM__SHA_G(0, w0, w1, w2, w3);   EVM__SHA_G(1, w1, w2, w3, w0);
        EVM__SHA_G(2, w2, w3, w0, w1);   EVM__SHA_G(3, w3, w0, w1, w2);
        EVM__SHA_G(4, w0, w1, w2, w3);   EVM__SHA_G(5, w1, w2, w3, w0);
        EVM__SHA_G(6, w2, w3, w0, w1);   EVM__SHA_G(7, w3, w0, w1, w2);
        EVM__SHA_G(8, w0, w1, w2, w3);   EVM__SHA_G(9, w1, w2, w3, w0);
        EVM__SHA_G(10, w2, w3, w0, w1);  EVM__SHA_G(11, w3, w0, w1, w2);
        EVM__SHA_G(12, w0, w1, w2, w3);  EVM__SHA_G(13, w1, w2, w3, w0);
        EVM__SHA_G(14, w2, w3, w0, w1);  EVM__SHA_G(15, w3, w0, w1, w2);
        s0 = _mm_add_epi32(s0, save0);
        s1 = _mm_add_epi32(s1, save1);
    }
    t = _mm_shuffle_epi32(s0, 0x1b);                                        /* f e b a */
    s1 = _mm_shuffle_epi32(s1, 0xb1);                                       /* d c h g */
    s0 = _mm_blend_epi16(t, s1, 0xf0);                                      /* d c b a */
    s1 = _mm_alignr_epi8(s1, t, 8);                                         /* h g f e */
    _mm_storeu_si128((__m128i *)(void *)h, s0);
    _mm_storeu_si128((__m128i *)(void *)(h + 4), s1);
}
#undef EVM__SHA_G
#endif

/* ni: 1 = use the SHA extensions, 0 = do not, -1 = ask the CPU (for long inputs only:
   cpuid costs microseconds under a hypervisor; evm_precompiles asks once, at init) */
static void evm__sha256_blocks(uint32_t h[8], const uint8_t *p, size_t blocks, int ni)
{
#ifdef EVM__SHA_NI
    if (blocks >= 4 && (ni > 0 || (ni < 0 && blocks >= 256 && evm__sha_ni_available()))) {
        evm__sha256_blocks_ni(h, p, blocks);
        return;
    }
#else
    (void)ni;
#endif
    for (size_t i = 0; i < blocks; i++)
        evm__sha256_block(h, p + 64 * i);
}

static void evm__sha256(const uint8_t *data, size_t size, uint8_t out[32], int ni)
{
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    size_t full = size / 64, rem = size % 64;
    evm__sha256_blocks(h, data, full, ni);
    uint8_t tail[128];
    evm__pc_zero(tail, sizeof tail);
    if (rem)
        evm__pc_copy(tail, data + 64 * full, rem);
    tail[rem] = 0x80;
    size_t blocks = rem < 56 ? 1 : 2;
    uint64_t bits = (uint64_t)size * 8;                 /* the length mod 2^64, as specified */
    for (int i = 0; i < 8; i++)
        tail[64 * blocks - 1 - i] = (uint8_t)(bits >> (8 * i));
    for (size_t i = 0; i < blocks; i++)
        evm__sha256_block(h, tail + 64 * i);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (uint8_t)(h[i] >> 24);
        out[4 * i + 1] = (uint8_t)(h[i] >> 16);
        out[4 * i + 2] = (uint8_t)(h[i] >> 8);
        out[4 * i + 3] = (uint8_t)h[i];
    }
}

EVM_API void EVM_ACCELERATED(evm_sha256)(const uint8_t *data, size_t size, uint8_t out[32])
{
    evm__sha256(data, size, out, -1);
}

/* ---------------------------------------------------------------------------------
   RIPEMD-160 (Dobbertin, Bosselaers, Preneel 1996)
   --------------------------------------------------------------------------------- */
static const uint8_t evm__rmd_r[80] = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    7, 4, 13, 1, 10, 6, 15, 3, 12, 0, 9, 5, 2, 14, 11, 8,
    3, 10, 14, 4, 9, 15, 8, 1, 2, 7, 0, 6, 13, 11, 5, 12,
    1, 9, 11, 10, 0, 8, 12, 4, 13, 3, 7, 15, 14, 5, 6, 2,
    4, 0, 5, 9, 7, 12, 2, 10, 14, 1, 3, 8, 11, 6, 15, 13};
static const uint8_t evm__rmd_rp[80] = {
    5, 14, 7, 0, 9, 2, 11, 4, 13, 6, 15, 8, 1, 10, 3, 12,
    6, 11, 3, 7, 0, 13, 5, 10, 14, 15, 8, 12, 4, 9, 1, 2,
    15, 5, 1, 3, 7, 14, 6, 9, 11, 8, 12, 2, 10, 0, 4, 13,
    8, 6, 4, 1, 3, 11, 15, 0, 5, 12, 2, 13, 9, 7, 10, 14,
    12, 15, 10, 4, 1, 5, 8, 7, 6, 2, 13, 14, 0, 3, 9, 11};
static const uint8_t evm__rmd_s[80] = {
    11, 14, 15, 12, 5, 8, 7, 9, 11, 13, 14, 15, 6, 7, 9, 8,
    7, 6, 8, 13, 11, 9, 7, 15, 7, 12, 15, 9, 11, 7, 13, 12,
    11, 13, 6, 7, 14, 9, 13, 15, 14, 8, 13, 6, 5, 12, 7, 5,
    11, 12, 14, 15, 14, 15, 9, 8, 9, 14, 5, 6, 8, 6, 5, 12,
    9, 15, 5, 11, 6, 8, 13, 12, 5, 12, 13, 14, 11, 8, 5, 6};
static const uint8_t evm__rmd_sp[80] = {
    8, 9, 9, 11, 13, 15, 15, 5, 7, 7, 8, 11, 14, 14, 12, 6,
    9, 13, 15, 7, 12, 8, 9, 11, 7, 7, 12, 7, 6, 15, 13, 11,
    9, 7, 15, 11, 8, 6, 6, 14, 12, 13, 5, 14, 13, 13, 7, 5,
    15, 5, 8, 11, 14, 14, 6, 14, 6, 9, 12, 9, 12, 5, 15, 8,
    8, 5, 12, 9, 12, 5, 14, 6, 8, 13, 6, 5, 15, 13, 11, 11};
static const uint32_t evm__rmd_k[5] = {0x00000000, 0x5A827999, 0x6ED9EBA1, 0x8F1BBCDC, 0xA953FD4E};
static const uint32_t evm__rmd_kp[5] = {0x50A28BE6, 0x5C4DD124, 0x6D703EF3, 0x7A6D76E9, 0x00000000};

static inline uint32_t evm__rmd_f(int j, uint32_t x, uint32_t y, uint32_t z)
{
    switch (j >> 4) {
    case 0: return x ^ y ^ z;
    case 1: return (x & y) | (~x & z);
    case 2: return (x | ~y) ^ z;
    case 3: return (x & z) | (y & ~z);
    default: return x ^ (y | ~z);
    }
}

static void evm__rmd_block(uint32_t h[5], const uint8_t *b)
{
    uint32_t x[16];
    for (int i = 0; i < 16; i++)
        x[i] = (uint32_t)b[4 * i] | (uint32_t)b[4 * i + 1] << 8 | (uint32_t)b[4 * i + 2] << 16 |
               (uint32_t)b[4 * i + 3] << 24;
    uint32_t al = h[0], bl = h[1], cl = h[2], dl = h[3], el = h[4];
    uint32_t ar = h[0], br = h[1], cr = h[2], dr = h[3], er = h[4];
    for (int j = 0; j < 80; j++) {
        uint32_t t = evm__pc_rol32(al + evm__rmd_f(j, bl, cl, dl) + x[evm__rmd_r[j]] + evm__rmd_k[j >> 4],
                                   evm__rmd_s[j]) + el;
        al = el; el = dl; dl = evm__pc_rol32(cl, 10); cl = bl; bl = t;
        t = evm__pc_rol32(ar + evm__rmd_f(79 - j, br, cr, dr) + x[evm__rmd_rp[j]] + evm__rmd_kp[j >> 4],
                          evm__rmd_sp[j]) + er;
        ar = er; er = dr; dr = evm__pc_rol32(cr, 10); cr = br; br = t;
    }
    uint32_t t = h[1] + cl + dr;
    h[1] = h[2] + dl + er;
    h[2] = h[3] + el + ar;
    h[3] = h[4] + al + br;
    h[4] = h[0] + bl + cr;
    h[0] = t;
}

EVM_API void EVM_ACCELERATED(evm_ripemd160)(const uint8_t *data, size_t size, uint8_t out[20])
{
    uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    size_t full = size / 64, rem = size % 64;
    for (size_t i = 0; i < full; i++)
        evm__rmd_block(h, data + 64 * i);
    uint8_t tail[128];
    evm__pc_zero(tail, sizeof tail);
    if (rem)
        evm__pc_copy(tail, data + 64 * full, rem);
    tail[rem] = 0x80;
    size_t blocks = rem < 56 ? 1 : 2;
    uint64_t bits = (uint64_t)size * 8;
    for (int i = 0; i < 8; i++)
        tail[64 * blocks - 8 + i] = (uint8_t)(bits >> (8 * i));
    for (size_t i = 0; i < blocks; i++)
        evm__rmd_block(h, tail + 64 * i);
    for (int i = 0; i < 5; i++) {
        out[4 * i] = (uint8_t)h[i];
        out[4 * i + 1] = (uint8_t)(h[i] >> 8);
        out[4 * i + 2] = (uint8_t)(h[i] >> 16);
        out[4 * i + 3] = (uint8_t)(h[i] >> 24);
    }
}

/* ---------------------------------------------------------------------------------
   BLAKE2b compression F (RFC 7693, with EIP-152's round count)
   --------------------------------------------------------------------------------- */
static const uint8_t evm__blake2b_sigma[10][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0}};

static const uint64_t evm__blake2b_iv[8] = {
    0x6a09e667f3bcc908u, 0xbb67ae8584caa73bu, 0x3c6ef372fe94f82bu, 0xa54ff53a5f1d36f1u,
    0x510e527fade682d1u, 0x9b05688c2b3e6c1fu, 0x1f83d9abfb41bd6bu, 0x5be0cd19137e2179u};

#define EVM__BLAKE2B_G(a, b, c, d, x, y) do {               \
        v[a] = v[a] + v[b] + (x); v[d] = evm__pc_ror64(v[d] ^ v[a], 32); \
        v[c] = v[c] + v[d];       v[b] = evm__pc_ror64(v[b] ^ v[c], 24); \
        v[a] = v[a] + v[b] + (y); v[d] = evm__pc_ror64(v[d] ^ v[a], 16); \
        v[c] = v[c] + v[d];       v[b] = evm__pc_ror64(v[b] ^ v[c], 63); \
    } while (0)

EVM_API void EVM_ACCELERATED(evm_blake2b_compress)(uint32_t rounds, uint64_t h[8], const uint64_t m[16],
                                  const uint64_t t[2], bool final_block)
{
    uint64_t v[16];
    for (int i = 0; i < 8; i++) {
        v[i] = h[i];
        v[i + 8] = evm__blake2b_iv[i];
    }
    v[12] ^= t[0];
    v[13] ^= t[1];
    if (final_block)
        v[14] = ~v[14];
    unsigned r = 0;                                  /* rounds use sigma[i % 10] */
    for (uint32_t i = 0; i < rounds; i++) {
        const uint8_t *s = evm__blake2b_sigma[r];
        EVM__BLAKE2B_G(0, 4, 8, 12, m[s[0]], m[s[1]]);
        EVM__BLAKE2B_G(1, 5, 9, 13, m[s[2]], m[s[3]]);
        EVM__BLAKE2B_G(2, 6, 10, 14, m[s[4]], m[s[5]]);
        EVM__BLAKE2B_G(3, 7, 11, 15, m[s[6]], m[s[7]]);
        EVM__BLAKE2B_G(0, 5, 10, 15, m[s[8]], m[s[9]]);
        EVM__BLAKE2B_G(1, 6, 11, 12, m[s[10]], m[s[11]]);
        EVM__BLAKE2B_G(2, 7, 8, 13, m[s[12]], m[s[13]]);
        EVM__BLAKE2B_G(3, 4, 9, 14, m[s[14]], m[s[15]]);
        r = r == 9 ? 0 : r + 1;
    }
    for (int i = 0; i < 8; i++)
        h[i] ^= v[i] ^ v[i + 8];
}
#undef EVM__BLAKE2B_G

/* ---------------------------------------------------------------------------------
   Saturating 128-bit arithmetic for modexp's gas (portable: 32x32->64 products)
   --------------------------------------------------------------------------------- */
typedef struct evm__pc_u128 { uint64_t hi, lo; } evm__pc_u128;
static const evm__pc_u128 evm__pc_u128_max = {UINT64_MAX, UINT64_MAX};

static evm__pc_u128 evm__pc_mul64(uint64_t a, uint64_t b)
{
    uint64_t a0 = a & 0xFFFFFFFFu, a1 = a >> 32, b0 = b & 0xFFFFFFFFu, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (p01 & 0xFFFFFFFFu) + (p10 & 0xFFFFFFFFu);
    evm__pc_u128 r;
    r.lo = (mid << 32) | (p00 & 0xFFFFFFFFu);
    r.hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
    return r;
}

static evm__pc_u128 evm__pc_add128(evm__pc_u128 a, evm__pc_u128 b)   /* saturating */
{
    evm__pc_u128 r;
    r.lo = a.lo + b.lo;
    uint64_t c = r.lo < a.lo;
    r.hi = a.hi + b.hi;
    if (r.hi < a.hi || r.hi + c < r.hi)
        return evm__pc_u128_max;
    r.hi += c;
    return r;
}

static evm__pc_u128 evm__pc_sub128_small(evm__pc_u128 a, uint64_t b)  /* requires a >= b */
{
    evm__pc_u128 r;
    r.lo = a.lo - b;
    r.hi = a.hi - (a.lo < b);
    return r;
}

static evm__pc_u128 evm__pc_mul128(evm__pc_u128 a, evm__pc_u128 b)   /* saturating */
{
    if ((a.hi == 0 && a.lo == 0) || (b.hi == 0 && b.lo == 0)) {
        evm__pc_u128 z = {0, 0};
        return z;
    }
    if (a.hi && b.hi)
        return evm__pc_u128_max;
    if (b.hi) {                                     /* make b the 64-bit one */
        evm__pc_u128 t = a;
        a = b;
        b = t;
    }
    /* a * b.lo with a.hi possibly nonzero: (a.hi * b.lo) << 64 + a.lo * b.lo */
    evm__pc_u128 lo = evm__pc_mul64(a.lo, b.lo), hi = evm__pc_mul64(a.hi, b.lo);
    if (hi.hi || lo.hi + hi.lo < lo.hi)
        return evm__pc_u128_max;
    lo.hi += hi.lo;
    return lo;
}

static evm__pc_u128 evm__pc_shr128(evm__pc_u128 a, unsigned n)       /* 0 < n < 64 */
{
    evm__pc_u128 r;
    r.lo = (a.lo >> n) | (a.hi << (64 - n));
    r.hi = a.hi >> n;
    return r;
}

/* floor(a / d) for a small divisor d (< 2^32), saturated to 64 bits */
static uint64_t evm__pc_div128_sat(evm__pc_u128 a, uint32_t d)
{
    if (a.hi >= d)
        return UINT64_MAX;                          /* the quotient needs more than 64 bits */
    uint64_t r = a.hi;                              /* < d: the high quotient word is 0 */
    uint64_t x = (r << 32) | (a.lo >> 32);
    uint64_t q1 = x / d;
    r = x % d;
    x = (r << 32) | (a.lo & 0xFFFFFFFFu);
    return (q1 << 32) | (x / d);
}

static evm__pc_u128 evm__pc_u128_of(uint64_t v)
{
    evm__pc_u128 r = {0, v};
    return r;
}

/* ---------------------------------------------------------------------------------
   Input access with zero padding, 64-bit offsets that saturate
   --------------------------------------------------------------------------------- */
static inline uint64_t evm__pc_add_sat(uint64_t a, uint64_t b)
{
    return a + b < a ? UINT64_MAX : a + b;
}

static inline uint8_t evm__pc_byte(const uint8_t *in, size_t size, uint64_t off)
{
    return off < (uint64_t)size ? in[off] : 0;
}

/* The 32-byte big-endian word at off as a 128-bit value, all ones if it is 2^128 or more
   (for modexp's lengths: the gas of any length that large exceeds every gas amount). */
static evm__pc_u128 evm__pc_word128(const uint8_t *in, size_t size, uint64_t off)
{
    evm__pc_u128 v = {0, 0};
    for (uint64_t i = 0; i < 16; i++)
        if (evm__pc_byte(in, size, off + i))
            return evm__pc_u128_max;
    for (uint64_t i = 16; i < 24; i++)
        v.hi = v.hi << 8 | evm__pc_byte(in, size, off + i);
    for (uint64_t i = 24; i < 32; i++)
        v.lo = v.lo << 8 | evm__pc_byte(in, size, off + i);
    return v;
}

static inline uint64_t evm__pc_sat64(evm__pc_u128 v) { return v.hi ? UINT64_MAX : v.lo; }

static inline bool evm__pc_lt128(evm__pc_u128 a, evm__pc_u128 b)
{
    return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo);
}

/* Copy in[0..n) into dst with zero padding up to n. */
static inline void evm__pc_padded(uint8_t *dst, size_t n, const uint8_t *in, size_t size)
{
    size_t k = size < n ? size : n;
    evm__pc_copy(dst, in, k);
    evm__pc_zero(dst + k, n - k);
}

/* ---------------------------------------------------------------------------------
   Gas
   --------------------------------------------------------------------------------- */
/* base + per_word * ceil(size / 32), saturated */
static uint64_t evm__pc_linear_gas(uint64_t base, uint64_t per_word, size_t size)
{
    uint64_t words = (uint64_t)(size / 32) + (size % 32 != 0);
    if (words > (UINT64_MAX - base) / per_word)
        return UINT64_MAX;
    return base + per_word * words;
}

/* EIP-198's adjusted exponent length (before max(., 1)): from the exponent's length and
   its first min(32, len_e) bytes, which start at 96 + len_b; each exponent byte past the
   first 32 counts `per_byte` (8, from Osaka 16: EIP-7883). */
static evm__pc_u128 evm__pc_modexp_iterations(const uint8_t *in, size_t size, evm__pc_u128 len_b,
                                              evm__pc_u128 len_e, uint64_t per_byte)
{
    uint64_t off = evm__pc_add_sat(96, evm__pc_sat64(len_b));
    uint64_t head_len = (len_e.hi == 0 && len_e.lo < 32) ? len_e.lo : 32;
    int top = -1;                                   /* index of the highest set bit of the head */
    for (uint64_t i = 0; i < head_len && top < 0; i++) {
        uint8_t b = evm__pc_byte(in, size, evm__pc_add_sat(off, i));
        if (b) {
            int bit = 7;
            while (!(b >> bit))
                bit--;
            top = (int)(8 * (head_len - 1 - i)) + bit;
        }
    }
    evm__pc_u128 it = evm__pc_u128_of(top > 0 ? (uint64_t)top : 0);
    if (len_e.hi || len_e.lo > 32)
        it = evm__pc_add128(it, evm__pc_mul128(evm__pc_sub128_small(len_e, 32),
                                               evm__pc_u128_of(per_byte)));
    return it;
}

/* Gas of a modexp call, saturated at UINT64_MAX (more than any int64 gas). The lengths
   are exact below 2^128 and all ones above: every product and sum below saturates, so a
   length too large to represent can only make the gas larger. */
static uint64_t evm__pc_modexp_gas(evm_fork fork, const uint8_t *in, size_t size, evm__pc_u128 len_b,
                                   evm__pc_u128 len_e, evm__pc_u128 len_m)
{
    evm__pc_u128 x = evm__pc_lt128(len_b, len_m) ? len_m : len_b;
    evm__pc_u128 it = evm__pc_modexp_iterations(in, size, len_b, len_e, fork >= EVM_OSAKA ? 16 : 8);
    if (it.hi == 0 && it.lo == 0)
        it.lo = 1;
    if (fork >= EVM_OSAKA) {                        /* EIP-7883: 16 up to 32 bytes, else 2 words^2 */
        evm__pc_u128 words = evm__pc_shr128(x, 3);
        if (x.lo & 7)
            words = evm__pc_add128(words, evm__pc_u128_of(1));
        evm__pc_u128 c = evm__pc_u128_of(16);
        if (x.hi || x.lo > 32)
            c = evm__pc_mul128(evm__pc_mul128(words, words), evm__pc_u128_of(2));
        uint64_t g = evm__pc_sat64(evm__pc_mul128(c, it));
        return g < 500 ? 500 : g;
    }
    if (fork >= EVM_BERLIN) {                       /* EIP-2565: ceil(x / 8)^2 * it / 3 */
        evm__pc_u128 words = evm__pc_shr128(x, 3);
        if (x.lo & 7)
            words = evm__pc_add128(words, evm__pc_u128_of(1));
        evm__pc_u128 c = evm__pc_mul128(words, words);
        uint64_t g = evm__pc_div128_sat(evm__pc_mul128(c, it), 3);
        return g < 200 ? 200 : g;
    }
    if (x.hi)                                       /* EIP-198 with x >= 2^64: c > 2^124 */
        return UINT64_MAX;
    evm__pc_u128 c = evm__pc_mul64(x.lo, x.lo);
    if (x.lo > 1024)
        c = evm__pc_sub128_small(evm__pc_add128(evm__pc_shr128(c, 4), evm__pc_mul64(x.lo, 480)), 199680);
    else if (x.lo > 64)
        c = evm__pc_sub128_small(evm__pc_add128(evm__pc_shr128(c, 2), evm__pc_mul64(x.lo, 96)), 3072);
    return evm__pc_div128_sat(evm__pc_mul128(c, it), 20);
}

/* ---------------------------------------------------------------------------------
   Big numbers for modexp: limbs least significant first, O(n^2) schoolbook
   multiplication and Knuth's algorithm D for the reduction. 64-bit limbs where the
   compiler has unsigned __int128 (4x fewer inner steps), 32-bit limbs with 64-bit
   products otherwise (EVM_NO_INT128, 32-bit targets); both are tested.
   --------------------------------------------------------------------------------- */
#if defined(__SIZEOF_INT128__) && !defined(EVM_NO_INT128)
__extension__ typedef unsigned __int128 evm__pc_dlimb;
typedef uint64_t evm__pc_limb;
#define EVM__PC_LIMB_BITS 64
#else
typedef uint64_t evm__pc_dlimb;
typedef uint32_t evm__pc_limb;
#define EVM__PC_LIMB_BITS 32
#endif
#define EVM__PC_LIMB_BYTES (EVM__PC_LIMB_BITS / 8)

/* limbs[0..nl) from the len big-endian bytes at in[off..], zero-padded past the input */
static void evm__pc_limbs(evm__pc_limb *limbs, size_t nl, const uint8_t *in, size_t size,
                          uint64_t off, uint64_t len)
{
    for (size_t i = 0; i < nl; i++)
        limbs[i] = 0;
    if (off >= (uint64_t)size || len == 0)
        return;
    /* only the bytes inside the input are nonzero: positions off .. off + avail - 1,
       where the byte at off + k is byte len - 1 - k from the least significant end */
    uint64_t avail = (uint64_t)size - off;
    if (avail > len)
        avail = len;
    for (uint64_t k = 0; k < avail; k++) {
        uint64_t j = len - 1 - k;
        limbs[j / EVM__PC_LIMB_BYTES] |= (evm__pc_limb)in[off + k] << (8 * (j % EVM__PC_LIMB_BYTES));
    }
}

static inline unsigned evm__pc_clz(evm__pc_limb x)       /* x != 0 */
{
    const evm__pc_limb top = (evm__pc_limb)1 << (EVM__PC_LIMB_BITS - 1);
    unsigned n = 0;
    while (!(x & top)) {
        x <<= 1;
        n++;
    }
    return n;
}

/* u[0..m) <<= s in place into u[0..m] (one more limb); 0 <= s < EVM__PC_LIMB_BITS */
static void evm__pc_shl_limbs(evm__pc_limb *u, size_t m, unsigned s)
{
    if (s == 0) {
        u[m] = 0;
        return;
    }
    u[m] = u[m - 1] >> (EVM__PC_LIMB_BITS - s);
    for (size_t i = m - 1; i > 0; i--)
        u[i] = (u[i] << s) | (u[i - 1] >> (EVM__PC_LIMB_BITS - s));
    u[0] <<= s;
}

/* Knuth D, remainder only: un[0..m] (m+1 limbs, already shifted by s) modulo the
   normalized vn[0..n), n >= 2, m >= n. The remainder, unshifted, goes to r[0..n). */
static void evm__pc_mod_normalized(evm__pc_limb *un, size_t m, const evm__pc_limb *vn, size_t n,
                                   unsigned s, evm__pc_limb *r)
{
    const unsigned w = EVM__PC_LIMB_BITS;
    const evm__pc_dlimb b = (evm__pc_dlimb)1 << w;
    evm__pc_limb vtop = vn[n - 1], vnext = vn[n - 2];
    for (size_t j = m - n + 1; j-- > 0;) {
        evm__pc_dlimb num = (evm__pc_dlimb)un[j + n] << w | un[j + n - 1];
        evm__pc_dlimb qhat = num / vtop, rhat = num - qhat * vtop;
        while (qhat >= b || qhat * vnext > ((rhat << w) | un[j + n - 2])) {
            qhat--;
            rhat += vtop;
            if (rhat >= b)
                break;
        }
        /* un[j..j+n] -= qhat * vn; every intermediate fits in a double limb */
        evm__pc_dlimb carry = 0, borrow = 0;
        for (size_t i = 0; i < n; i++) {
            evm__pc_dlimb p = qhat * vn[i] + carry;
            carry = p >> w;
            evm__pc_dlimb t = (evm__pc_dlimb)un[i + j] - (evm__pc_limb)p - borrow;
            un[i + j] = (evm__pc_limb)t;
            borrow = (t >> w) & 1;                  /* a wrapped difference has its top bits set */
        }
        evm__pc_dlimb top = un[j + n];
        un[j + n] = (evm__pc_limb)(top - carry - borrow);
        if (top < carry + borrow) {                 /* qhat was one too big: add vn back */
            evm__pc_dlimb c = 0;
            for (size_t i = 0; i < n; i++) {
                evm__pc_dlimb t = (evm__pc_dlimb)un[i + j] + vn[i] + c;
                un[i + j] = (evm__pc_limb)t;
                c = t >> w;
            }
            un[j + n] += (evm__pc_limb)c;
        }
    }
    for (size_t i = 0; i < n; i++) {                /* un[n] is 0: the remainder is below vn */
        evm__pc_dlimb pair = (evm__pc_dlimb)un[i + 1] << w | un[i];
        r[i] = (evm__pc_limb)(pair >> s);
    }
}

typedef struct evm__pc_modctx {
    const evm__pc_limb *vn; /* normalized modulus, n limbs */
    size_t n;
    unsigned s;
    evm__pc_limb *work;     /* 2n + 1 limbs */
} evm__pc_modctx;

/* r = a * b mod M (r may alias a or b) */
static void evm__pc_mulmod(const evm__pc_modctx *c, const evm__pc_limb *a, const evm__pc_limb *b,
                           evm__pc_limb *r)
{
    size_t n = c->n;
    evm__pc_limb *t = c->work;
    for (size_t i = 0; i < 2 * n; i++)
        t[i] = 0;
    for (size_t i = 0; i < n; i++) {
        evm__pc_dlimb carry = 0, ai = a[i];
        if (!ai)
            continue;
        for (size_t k = 0; k < n; k++) {
            evm__pc_dlimb x = ai * b[k] + t[i + k] + carry;
            t[i + k] = (evm__pc_limb)x;
            carry = x >> EVM__PC_LIMB_BITS;
        }
        t[i + n] = (evm__pc_limb)carry;
    }
    evm__pc_shl_limbs(t, 2 * n, c->s);
    evm__pc_mod_normalized(t, 2 * n, c->vn, n, c->s, r);
}

static bool evm__pc_is_zero(const evm__pc_limb *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i])
            return false;
    return true;
}

/* r = u mod M for any u[0..ul) (u is clobbered and needs ul + 1 limbs). m is M itself,
   vn and s its normalized form (n >= 2) for Knuth D. */
static void evm__pc_reduce(evm__pc_limb *u, size_t ul, const evm__pc_limb *m, const evm__pc_limb *vn,
                           size_t n, unsigned s, evm__pc_limb *r)
{
    while (ul && !u[ul - 1])
        ul--;
    if (ul < n) {                                   /* fewer limbs than M: already reduced */
        for (size_t i = 0; i < n; i++)
            r[i] = i < ul ? u[i] : 0;
        return;
    }
    if (n == 1) {
        evm__pc_limb rem = 0;
        for (size_t i = ul; i-- > 0;)
            rem = (evm__pc_limb)((((evm__pc_dlimb)rem << EVM__PC_LIMB_BITS) | u[i]) % m[0]);
        r[0] = rem;
        return;
    }
    evm__pc_shl_limbs(u, ul, s);
    evm__pc_mod_normalized(u, ul, vn, n, s, r);
}

/* Montgomery multiplication for an odd M (the two passes of CIOS fused, one carry each):
   r = a * b / 2^(w n) mod M, with minv = -1/M mod 2^w and t holding n + 1 limbs; r may
   alias a or b. No division. */
static void evm__pc_montmul(const evm__pc_limb *a, const evm__pc_limb *b, const evm__pc_limb *m,
                            size_t n, evm__pc_limb minv, evm__pc_limb *t, evm__pc_limb *r)
{
    const unsigned w = EVM__PC_LIMB_BITS;
    for (size_t i = 0; i <= n; i++)
        t[i] = 0;
    for (size_t i = 0; i < n; i++) {                /* t = (t + a * b[i] + q * M) / 2^w */
        evm__pc_dlimb bi = b[i];
        evm__pc_dlimb x1 = (evm__pc_dlimb)a[0] * bi + t[0];
        evm__pc_limb lo = (evm__pc_limb)x1;
        evm__pc_limb q = (evm__pc_limb)((evm__pc_dlimb)lo * minv);
        evm__pc_dlimb x2 = (evm__pc_dlimb)q * m[0] + lo;   /* its low limb is 0 */
        evm__pc_dlimb c1 = x1 >> w, c2 = x2 >> w;
        for (size_t j = 1; j < n; j++) {
            x1 = (evm__pc_dlimb)a[j] * bi + t[j] + c1;
            c1 = x1 >> w;
            x2 = (evm__pc_dlimb)q * m[j] + (evm__pc_limb)x1 + c2;
            c2 = x2 >> w;
            t[j - 1] = (evm__pc_limb)x2;
        }
        evm__pc_dlimb x = (evm__pc_dlimb)t[n] + c1 + c2;
        t[n - 1] = (evm__pc_limb)x;
        t[n] = (evm__pc_limb)(x >> w);
    }
    bool ge = t[n] != 0;                            /* t < 2M: subtract M at most once */
    if (!ge) {
        ge = true;
        for (size_t i = n; i-- > 0;)
            if (t[i] != m[i]) {
                ge = t[i] > m[i];
                break;
            }
    }
    if (ge) {
        evm__pc_dlimb borrow = 0;
        for (size_t i = 0; i < n; i++) {
            evm__pc_dlimb d = (evm__pc_dlimb)t[i] - m[i] - borrow;
            r[i] = (evm__pc_limb)d;
            borrow = (d >> w) & 1;
        }
    } else {
        for (size_t i = 0; i < n; i++)
            r[i] = t[i];
    }
}

/* -1/m0 mod 2^w for odd m0: Newton's iteration doubles the correct low bits (from 3) */
static evm__pc_limb evm__pc_mont_inverse(evm__pc_limb m0)
{
    evm__pc_limb inv = m0;
    for (int i = 0; i < 5; i++)
        inv = (evm__pc_limb)((evm__pc_dlimb)inv * (evm__pc_limb)(2 - (evm__pc_limb)((evm__pc_dlimb)m0 * inv)));
    return (evm__pc_limb)(0 - inv);
}

/* Grow the object's buffer to at least n bytes. */
static bool evm__pc_reserve(evm_precompiles *p, size_t n)
{
    if (n <= p->out_cap)
        return true;
    size_t cap = p->out_cap < 256 ? 256 : p->out_cap;
    while (cap < n)
        cap = cap > ((size_t)-1) / 2 ? n : cap * 2;
    uint8_t *q = (uint8_t *)evm_allocate(&p->allocator, p->out, cap);
    if (!q)
        return false;
    p->out = q;
    p->out_cap = cap;
    return true;
}

/* Square-and-multiply over the exponent's bytes in[off_e .. off_e + len_e): acc = base^E
   with mul(acc, x) doing the multiplication in whatever representation the caller chose.
   Returns false if E = 0 (acc untouched). */
#define EVM__PC_EXP_LOOP(mul_acc_acc, mul_acc_base, acc_is_zero)                          \
    for (uint64_t k = 0; k < len_e; k++) {                                              \
        uint8_t byte = evm__pc_byte(in, size, off_e + k);                               \
        for (int bit = 7; bit >= 0; bit--) {                                            \
            if (started)                                                                \
                mul_acc_acc;                                                            \
            if ((byte >> bit) & 1) {                                                    \
                if (started) {                                                          \
                    mul_acc_base;                                                       \
                } else {                                                                \
                    for (size_t i = 0; i < n; i++)                                      \
                        acc[i] = base[i];                                               \
                    started = true;                                                     \
                }                                                                       \
            }                                                                           \
        }                                                                               \
        if (started && (acc_is_zero))                                                   \
            break;                                  /* 0 stays 0 */                     \
    }

/* B^E mod M into p->out[0..len_m) (len_m > 0); false on allocation failure. */
static bool evm__pc_modexp(evm_precompiles *p, const uint8_t *in, size_t size, uint64_t len_b,
                           uint64_t len_e, uint64_t len_m)
{
    const uint64_t limit = ((size_t)-1) / 16;       /* keeps every size below in size_t */
    if (len_m > limit || len_b > limit)
        return false;
    const size_t lb = EVM__PC_LIMB_BYTES;
    uint64_t off_e = evm__pc_add_sat(96, len_b), off_m = evm__pc_add_sat(off_e, len_e);
    size_t out_len = (size_t)len_m;
    size_t nm = (size_t)((len_m + lb - 1) / lb), nb = (size_t)((len_b + lb - 1) / lb);
    size_t nw = (2 * nm > nb ? 2 * nm : nb) + 1;
    size_t head = (out_len + 7) & ~(size_t)7;       /* limbs start 8-aligned after the output */
    size_t limbs = 4 * nm + 1 + nw;
    if (limbs > (((size_t)-1) - head) / lb || !evm__pc_reserve(p, head + lb * limbs))
        return false;
    uint8_t *out = p->out;
    evm__pc_limb *mod = (evm__pc_limb *)(void *)(p->out + head), *vn = mod + nm,
                 *acc = vn + nm + 1, *base = acc + nm, *work = base + nm;

    evm__pc_limbs(mod, nm, in, size, off_m, len_m);
    size_t n = nm;
    while (n && !mod[n - 1])
        n--;
    evm__pc_zero(out, out_len);
    if (n == 0 || (n == 1 && mod[0] == 1))          /* x mod 0 = 0 (by EIP-198), x mod 1 = 0 */
        return true;
    /* The exponent lies wholly inside the input: had it run past the end, the modulus
       after it would be all padding, zero, and we would have returned above. So the
       work below is bounded by the input size, whatever len_e says. */
    bool started = false;

    unsigned s = evm__pc_clz(mod[n - 1]);
    for (size_t i = 0; i < n; i++)
        vn[i] = mod[i];
    evm__pc_shl_limbs(vn, n, s);                    /* vn[n] = 0 */
    evm__pc_limbs(work, nb, in, size, 96, len_b);
    evm__pc_reduce(work, nb, mod, vn, n, s, base);  /* base mod M */

    if (mod[0] & 1) {                               /* odd M: Montgomery, no division */
        evm__pc_limb minv = evm__pc_mont_inverse(mod[0]);
        for (size_t i = 0; i < n; i++) {            /* base * 2^(w n) mod M */
            work[i] = 0;
            work[n + i] = base[i];
        }
        evm__pc_reduce(work, 2 * n, mod, vn, n, s, base);
        EVM__PC_EXP_LOOP(evm__pc_montmul(acc, acc, mod, n, minv, work, acc),
                         evm__pc_montmul(acc, base, mod, n, minv, work, acc),
                         evm__pc_is_zero(acc, n))
        if (started) {                              /* back from the Montgomery form */
            for (size_t i = 0; i < n; i++)
                base[i] = i == 0;
            evm__pc_montmul(acc, base, mod, n, minv, work, acc);
        }
    } else if (n == 1) {                            /* even one-limb M: double-limb products */
        evm__pc_limb m = mod[0];
        EVM__PC_EXP_LOOP(acc[0] = (evm__pc_limb)((evm__pc_dlimb)acc[0] * acc[0] % m),
                         acc[0] = (evm__pc_limb)((evm__pc_dlimb)acc[0] * base[0] % m),
                         acc[0] == 0)
    } else {                                        /* even M: multiply, then Knuth D */
        evm__pc_modctx c = {vn, n, s, work};
        EVM__PC_EXP_LOOP(evm__pc_mulmod(&c, acc, acc, acc), evm__pc_mulmod(&c, acc, base, acc),
                         evm__pc_is_zero(acc, n))
    }
    if (!started) {                                 /* E = 0: 1 (M > 1 here) */
        for (size_t i = 0; i < n; i++)
            acc[i] = 0;
        acc[0] = 1;
    }
    for (size_t i = 0; i < out_len && i / lb < n; i++)
        out[out_len - 1 - i] = (uint8_t)(acc[i / lb] >> (8 * (i % lb)));
    return true;
}
#undef EVM__PC_EXP_LOOP

#ifdef EVM_ZKVM_ACCELERATORS
/* modexp through zkvm_modexp (evm_zkvm.h): the operands padded with zeros to their
   lengths, as EIP-198 reads them, then one call. 0 done, 1 out of memory, 2 the
   accelerator failed. */
static int evm__pc_modexp_accel(evm_precompiles *p, const uint8_t *in, size_t size, uint64_t len_b,
                                uint64_t len_e, uint64_t len_m)
{
    const uint64_t limit = ((size_t)-1) / 16;
    uint64_t off_e = evm__pc_add_sat(96, len_b), off_m = evm__pc_add_sat(off_e, len_e);
    bool mod_zero = true;
    for (uint64_t i = 0; i < len_m && off_m + i < size; i++)
        if (in[off_m + i]) {
            mod_zero = false;
            break;
        }
    if (len_m > limit || !evm__pc_reserve(p, (size_t)len_m))
        return 1;
    if (mod_zero) {                                 /* zeros; the exponent may be unbounded */
        evm__pc_zero(p->out, (size_t)len_m);
        return 0;
    }
    /* M is non-zero, so it starts inside the input and E lies wholly before it */
    if (len_b > limit || len_e > limit)
        return 1;
    size_t nb = (size_t)len_b, ne = (size_t)len_e, nm = (size_t)len_m;
    if (!evm__pc_reserve(p, nm + nb + ne + nm))
        return 1;
    uint8_t *out = p->out, *b = out + nm, *e = b + nb, *m = e + ne;
    const uint64_t offs[3] = {96, off_e, off_m}, lens[3] = {len_b, len_e, len_m};
    uint8_t *dst[3] = {b, e, m};
    for (int k = 0; k < 3; k++)
        for (uint64_t i = 0; i < lens[k]; i++)
            dst[k][i] = offs[k] + i < size ? in[offs[k] + i] : 0;
    return zkvm_modexp(b, nb, e, ne, m, nm, out) == ZKVM_EOK ? 0 : 2;
}

bool evm_modexp_c(const uint8_t *base, size_t base_len, const uint8_t *exp, size_t exp_len,
                  const uint8_t *mod, size_t mod_len, uint8_t *out, const evm_allocator *alloc)
{
    /* our C modexp reads an EIP-198 input: build one in a second object's buffer */
    evm_precompiles in, work;
    evm_precompiles_init(&in, alloc);
    evm_precompiles_init(&work, alloc);
    size_t n = 96 + base_len + exp_len + mod_len;
    bool ok = mod_len == 0 || evm__pc_reserve(&in, n);
    if (ok && mod_len) {
        uint8_t *q = in.out;
        const size_t lens[3] = {base_len, exp_len, mod_len};
        const uint8_t *srcs[3] = {base, exp, mod};
        evm__pc_zero(q, 96);
        for (int k = 0; k < 3; k++)
            for (int i = 0; i < 8; i++)
                q[32 * k + 31 - i] = (uint8_t)((uint64_t)lens[k] >> (8 * i));
        q += 96;
        for (int k = 0; k < 3; k++) {
            evm__pc_copy(q, srcs[k], lens[k]);
            q += lens[k];
        }
        ok = evm__pc_modexp(&work, in.out, n, base_len, exp_len, mod_len);
        if (ok)
            evm__pc_copy(out, work.out, mod_len);
    }
    evm_precompiles_destroy(&in);
    evm_precompiles_destroy(&work);
    return ok;
}
#endif

/* ---------------------------------------------------------------------------------
   The dispatcher
   --------------------------------------------------------------------------------- */
/* 1..17 and 0x100 for the precompile addresses, 0 for any other */
static int evm__pc_index(const evm_address *addr)
{
    for (int i = 0; i < 18; i++)
        if (addr->bytes[i])
            return 0;
    if (addr->bytes[18])                            /* 0x100, P256VERIFY */
        return addr->bytes[18] == 1 && addr->bytes[19] == 0 ? 0x100 : 0;
    int last = addr->bytes[19];
    return last >= 1 && last <= 17 ? last : 0;
}

EVM_API bool evm_precompile_is_active(evm_fork fork, const evm_address *addr)
{
    int i = evm__pc_index(addr);
    if (i >= 1 && i <= 4) return true;
    if (i >= 5 && i <= 8) return fork >= EVM_BYZANTIUM;
    if (i == 9) return fork >= EVM_ISTANBUL;
    if (i == 10) return fork >= EVM_CANCUN;
    if (i == 0x100) return fork >= EVM_OSAKA;
    if (i >= 11 && i <= 17) return fork >= EVM_PRAGUE;
    return false;
}

EVM_API void evm_precompiles_init(evm_precompiles *p, const evm_allocator *alloc)
{
    p->allocator.realloc = alloc ? alloc->realloc : NULL;
    p->allocator.user = alloc ? alloc->user : NULL;
    p->out = NULL;
    p->out_cap = 0;
#ifdef EVM__SHA_NI
    p->sha_ni = evm__sha_ni_available();
#else
    p->sha_ni = false;
#endif
}

EVM_API void evm_precompiles_destroy(evm_precompiles *p)
{
    if (p->out)
        evm_allocate(&p->allocator, p->out, 0);
    p->out = NULL;
    p->out_cap = 0;
}

/* The BLS12-381 scalar field modulus, big-endian (EIP-4844's BLS_MODULUS). */
static const uint8_t evm__pc_bls_modulus[32] = {
    0x73, 0xed, 0xa7, 0x53, 0x29, 0x9d, 0x7d, 0x48, 0x33, 0x39, 0xd8, 0x08, 0x09, 0xa1, 0xd8, 0x05,
    0x53, 0xbd, 0xa4, 0x02, 0xff, 0xfe, 0x5b, 0xfe, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01};

#ifndef EVM_PRECOMPILES_NO_CRYPTO
/* EIP-2537's MSM discounts per mille for k = 1..128 points (execution-specs prague
   bls12_381 G1_K_DISCOUNT, G2_K_DISCOUNT); the last entry holds for every larger k. */
static const uint16_t evm__pc_bls_g1_discount[128] = {
    1000, 949, 848, 797, 764, 750, 738, 728, 719, 712, 705, 698, 692, 687, 682, 677,
    673, 669, 665, 661, 658, 654, 651, 648, 645, 642, 640, 637, 635, 632, 630, 627,
    625, 623, 621, 619, 617, 615, 613, 611, 609, 608, 606, 604, 603, 601, 599, 598,
    596, 595, 593, 592, 591, 589, 588, 586, 585, 584, 582, 581, 580, 579, 577, 576,
    575, 574, 573, 572, 570, 569, 568, 567, 566, 565, 564, 563, 562, 561, 560, 559,
    558, 557, 556, 555, 554, 553, 552, 551, 550, 549, 548, 547, 547, 546, 545, 544,
    543, 542, 541, 540, 540, 539, 538, 537, 536, 536, 535, 534, 533, 532, 532, 531,
    530, 529, 528, 528, 527, 526, 525, 525, 524, 523, 522, 522, 521, 520, 520, 519,
};

static const uint16_t evm__pc_bls_g2_discount[128] = {
    1000, 1000, 923, 884, 855, 832, 812, 796, 782, 770, 759, 749, 740, 732, 724, 717,
    711, 704, 699, 693, 688, 683, 679, 674, 670, 666, 663, 659, 655, 652, 649, 646,
    643, 640, 637, 634, 632, 629, 627, 624, 622, 620, 618, 615, 613, 611, 609, 607,
    606, 604, 602, 600, 598, 597, 595, 593, 592, 590, 589, 587, 586, 584, 583, 582,
    580, 579, 578, 576, 575, 574, 573, 571, 570, 569, 568, 567, 566, 565, 563, 562,
    561, 560, 559, 558, 557, 556, 555, 554, 553, 552, 552, 551, 550, 549, 548, 547,
    546, 545, 545, 544, 543, 542, 541, 541, 540, 539, 538, 537, 537, 536, 535, 535,
    534, 533, 532, 532, 531, 530, 530, 529, 528, 528, 527, 526, 526, 525, 524, 524,
};


/* k multiplications at `mul` gas each with the table's discount; saturating. */
static uint64_t evm__pc_bls_msm_gas(size_t k, uint64_t mul, const uint16_t discount[128])
{
    uint64_t d = discount[k <= 128 ? k - 1 : 127];
    if ((uint64_t)k > UINT64_MAX / (mul * 1000))
        return UINT64_MAX;
    return (uint64_t)k * mul * d / 1000;
}

/* 32600 k + 37700, saturating (k is a uint64_t here so that 32-bit builds compare
   without a type-limits warning). */
static uint64_t evm__pc_bls_pairing_gas(uint64_t k)
{
    return k > (UINT64_MAX - 37700) / 32600 ? UINT64_MAX : 32600 * k + 37700;
}

/* Where the MSM's scratch memory starts in the object's buffer: after the largest
   output, at a multiple of 8 (the buffer comes from the allocator, so it is aligned). */
#define EVM__PC_BLS_SCRATCH_AT 256

/* a < b for 32-byte big-endian numbers */
static bool evm__pc_lt32(const uint8_t *a, const uint8_t *b)
{
    for (int i = 0; i < 32; i++)
        if (a[i] != b[i])
            return a[i] < b[i];
    return false;
}
#endif

EVM_API evm_precompile_status evm_precompiles_run(evm_precompiles *p, evm_fork fork,
                                                  const evm_address *addr, const uint8_t *input,
                                                  size_t input_size, int64_t gas,
                                                  evm_precompile_result *result)
{
    result->gas_used = 0;
    result->output = NULL;
    result->output_size = 0;
    if (!evm_precompile_is_active(fork, addr))
        return EVM_PRECOMPILE_NONE;
    if (!input)
        input_size = 0;
    static const uint8_t evm__pc_empty[1] = {0};
    if (!input_size)
        input = evm__pc_empty;
    uint64_t have = gas > 0 ? (uint64_t)gas : 0;
    uint64_t cost;
    size_t out_size = 0;
    bool istanbul = fork >= EVM_ISTANBUL;
    (void)istanbul;                         /* unused with EVM_PRECOMPILES_NO_CRYPTO */

#define EVM__PC_CHARGE(c) do { cost = (c); if (cost > have) goto out_of_gas; } while (0)
#define EVM__PC_OUTPUT(n) do { out_size = (n); \
        if (!evm__pc_reserve(p, out_size)) return EVM_PRECOMPILE_NO_MEMORY; } while (0)

    switch (evm__pc_index(addr)) {
    case 1: {                                               /* ecrecover */
#ifdef EVM_PRECOMPILES_NO_CRYPTO
        return EVM_PRECOMPILE_UNSUPPORTED;
#else
        EVM__PC_CHARGE(3000);
        uint8_t in[128], pub[64], hash[32];
        evm__pc_padded(in, sizeof in, input, input_size);
        for (int i = 32; i < 63; i++)                   /* v: a 32-byte word, 27 or 28 */
            if (in[i])
                goto ok;
        if (in[63] != 27 && in[63] != 28)
            goto ok;
        if (!evm_secp256k1_recover(in, in + 64, in + 96, in[63] - 27, pub))
            goto ok;                                    /* no key: empty output, success */
        evm_keccak256(pub, 64, hash);
        EVM__PC_OUTPUT(32);
        evm__pc_zero(p->out, 12);
        evm__pc_copy(p->out + 12, hash + 12, 20);
        goto ok;
#endif
    }
    case 2:                                                 /* sha256 */
        EVM__PC_CHARGE(evm__pc_linear_gas(60, 12, input_size));
        EVM__PC_OUTPUT(32);
#ifdef EVM_ZKVM_ACCELERATORS
        evm_sha256(input, input_size, p->out);          /* through the accelerator */
#else
        evm__sha256(input, input_size, p->out, p->sha_ni);
#endif
        goto ok;
    case 3:                                                 /* ripemd160 */
        EVM__PC_CHARGE(evm__pc_linear_gas(600, 120, input_size));
        EVM__PC_OUTPUT(32);
        evm__pc_zero(p->out, 12);
        evm_ripemd160(input, input_size, p->out + 12);
        goto ok;
    case 4:                                                 /* identity */
        EVM__PC_CHARGE(evm__pc_linear_gas(15, 3, input_size));
        EVM__PC_OUTPUT(input_size);
        evm__pc_copy(p->out, input, input_size);
        goto ok;
    case 5: {                                               /* modexp */
        evm__pc_u128 lb = evm__pc_word128(input, input_size, 0);
        evm__pc_u128 le = evm__pc_word128(input, input_size, 32);
        evm__pc_u128 lm = evm__pc_word128(input, input_size, 64);
        /* EIP-7823: from Osaka a length above 1024 bytes fails the call before any gas rule */
        if (fork >= EVM_OSAKA && (lb.hi || lb.lo > 1024 || le.hi || le.lo > 1024 || lm.hi ||
                                  lm.lo > 1024))
            goto error;
        EVM__PC_CHARGE(evm__pc_modexp_gas(fork, input, input_size, lb, le, lm));
        /* paid for: the lengths now only locate bytes, 64-bit saturated offsets will do */
        uint64_t len_b = evm__pc_sat64(lb), len_e = evm__pc_sat64(le), len_m = evm__pc_sat64(lm);
        if (len_m == 0)
            goto ok;                                    /* empty output, nothing read */
#ifdef EVM_ZKVM_ACCELERATORS
        int accel = evm__pc_modexp_accel(p, input, input_size, len_b, len_e, len_m);
        if (accel)
            return accel == 1 ? EVM_PRECOMPILE_NO_MEMORY : EVM_PRECOMPILE_UNSUPPORTED;
#else
        if (!evm__pc_modexp(p, input, input_size, len_b, len_e, len_m))
            return EVM_PRECOMPILE_NO_MEMORY;
#endif
        out_size = (size_t)len_m;
        goto ok;
    }
    case 6: {                                               /* bn254 add */
#ifdef EVM_PRECOMPILES_NO_CRYPTO
        return EVM_PRECOMPILE_UNSUPPORTED;
#else
        EVM__PC_CHARGE(istanbul ? 150 : 500);
        uint8_t in[128];
        evm__pc_padded(in, sizeof in, input, input_size);
        EVM__PC_OUTPUT(64);
        if (!evm_bn254_add(in, p->out))
            goto error;
        goto ok;
#endif
    }
    case 7: {                                               /* bn254 mul */
#ifdef EVM_PRECOMPILES_NO_CRYPTO
        return EVM_PRECOMPILE_UNSUPPORTED;
#else
        EVM__PC_CHARGE(istanbul ? 6000 : 40000);
        uint8_t in[96];
        evm__pc_padded(in, sizeof in, input, input_size);
        EVM__PC_OUTPUT(64);
        if (!evm_bn254_mul(in, p->out))
            goto error;
        goto ok;
#endif
    }
    case 8: {                                               /* bn254 pairing */
#ifdef EVM_PRECOMPILES_NO_CRYPTO
        return EVM_PRECOMPILE_UNSUPPORTED;
#else
        uint64_t pairs = (uint64_t)(input_size / 192);
        uint64_t base = istanbul ? 45000 : 100000, per = istanbul ? 34000 : 80000;
        EVM__PC_CHARGE(pairs > (UINT64_MAX - base) / per ? UINT64_MAX : base + per * pairs);
        if (input_size % 192)
            goto error;
        EVM__PC_OUTPUT(32);
        if (!evm_bn254_pairing(input, (size_t)pairs, p->out))
            goto error;
        goto ok;
#endif
    }
    case 9: {                                               /* blake2f */
        if (input_size != 213)
            goto error;
        uint32_t rounds = (uint32_t)input[0] << 24 | (uint32_t)input[1] << 16 |
                          (uint32_t)input[2] << 8 | input[3];
        EVM__PC_CHARGE(rounds);
        if (input[212] > 1)
            goto error;
        uint64_t h[8], m[16], t[2];
        for (int i = 0; i < 26; i++) {
            const uint8_t *q = input + 4 + 8 * i;
            uint64_t w = 0;
            for (int k = 7; k >= 0; k--)
                w = w << 8 | q[k];
            if (i < 8) h[i] = w;
            else if (i < 24) m[i - 8] = w;
            else t[i - 24] = w;
        }
        evm_blake2b_compress(rounds, h, m, t, input[212] == 1);
        EVM__PC_OUTPUT(64);
        for (int i = 0; i < 8; i++)
            for (int k = 0; k < 8; k++)
                p->out[8 * i + k] = (uint8_t)(h[i] >> (8 * k));
        goto ok;
    }
    case 10: {                                              /* point evaluation */
#ifdef EVM_PRECOMPILES_NO_CRYPTO
        (void)evm__pc_bls_modulus;
        return EVM_PRECOMPILE_UNSUPPORTED;
#else
        EVM__PC_CHARGE(50000);
        if (input_size != 192)
            goto error;
        const uint8_t *versioned = input, *z = input + 32, *y = input + 64,
                      *commitment = input + 96, *proof = input + 144;
        uint8_t h[32];
        evm_sha256(commitment, 48, h);
        h[0] = 0x01;                                    /* VERSIONED_HASH_VERSION_KZG */
        for (int i = 0; i < 32; i++)
            if (h[i] != versioned[i])
                goto error;
        if (!evm__pc_lt32(z, evm__pc_bls_modulus) || !evm__pc_lt32(y, evm__pc_bls_modulus))
            goto error;                                 /* field elements must be canonical */
        if (!evm_kzg_verify_proof(commitment, z, y, proof))
            goto error;
        EVM__PC_OUTPUT(64);                             /* FIELD_ELEMENTS_PER_BLOB, BLS_MODULUS */
        evm__pc_zero(p->out, 32);
        p->out[30] = 0x10;                              /* 4096 */
        evm__pc_copy(p->out + 32, evm__pc_bls_modulus, 32);
        goto ok;
#endif
    }
    case 0x100: {                                           /* p256verify (EIP-7951) */
#ifdef EVM_PRECOMPILES_NO_CRYPTO
        return EVM_PRECOMPILE_UNSUPPORTED;
#else
        /* every failure, a wrong length included, is a success with empty output */
        EVM__PC_CHARGE(6900);
        if (input_size != 160)
            goto ok;
        if (!evm_p256_verify(input, input + 32, input + 64, input + 96, input + 128))
            goto ok;
        EVM__PC_OUTPUT(32);
        evm__pc_zero(p->out, 31);
        p->out[31] = 1;
        goto ok;
#endif
    }
    case 11: case 12: case 13: case 14: case 15: case 16: case 17: {  /* BLS12-381 */
#ifdef EVM_PRECOMPILES_NO_CRYPTO
        return EVM_PRECOMPILE_UNSUPPORTED;
#else
        int op = evm__pc_index(addr);
        bool valid;
        /* the lengths are exact: anything else fails (and takes all the gas) */
        if (op == 11) {                                     /* g1add */
            EVM__PC_CHARGE(375);
            if (input_size != 256) goto error;
            EVM__PC_OUTPUT(128);
            valid = evm_bls12381_g1_add(input, p->out);
        } else if (op == 13) {                              /* g2add */
            EVM__PC_CHARGE(600);
            if (input_size != 512) goto error;
            EVM__PC_OUTPUT(256);
            valid = evm_bls12381_g2_add(input, p->out);
        } else if (op == 12 || op == 14) {                  /* g1msm, g2msm */
            size_t per = op == 12 ? 160 : 288, k = input_size / per;
            if (k == 0 || input_size % per) goto error;
            EVM__PC_CHARGE(op == 12 ? evm__pc_bls_msm_gas(k, 12000, evm__pc_bls_g1_discount)
                                    : evm__pc_bls_msm_gas(k, 22500, evm__pc_bls_g2_discount));
            if (!evm__pc_reserve(p, EVM__PC_BLS_SCRATCH_AT + EVM_BLS12381_MSM_SCRATCH_SIZE))
                return EVM_PRECOMPILE_NO_MEMORY;
            out_size = op == 12 ? 128 : 256;
            valid = op == 12 ? evm_bls12381_g1_msm(input, k, p->out, p->out + EVM__PC_BLS_SCRATCH_AT)
                             : evm_bls12381_g2_msm(input, k, p->out, p->out + EVM__PC_BLS_SCRATCH_AT);
        } else if (op == 15) {                              /* pairing check */
            size_t k = input_size / 384;
            if (k == 0 || input_size % 384) goto error;
            EVM__PC_CHARGE(evm__pc_bls_pairing_gas(k));
#ifdef EVM_ZKVM_ACCELERATORS                                /* the accelerator's layout */
            if (k > ((size_t)-1 - EVM__PC_BLS_SCRATCH_AT) / EVM_BLS12381_PAIRING_SCRATCH_PER_PAIR ||
                !evm__pc_reserve(p, EVM__PC_BLS_SCRATCH_AT + k * EVM_BLS12381_PAIRING_SCRATCH_PER_PAIR))
                return EVM_PRECOMPILE_NO_MEMORY;
            out_size = 32;
            valid = evm_bls12381_pairing_check(input, k, p->out, p->out + EVM__PC_BLS_SCRATCH_AT);
#else
            EVM__PC_OUTPUT(32);
            valid = evm_bls12381_pairing_check(input, k, p->out, NULL);
#endif
        } else if (op == 16) {                              /* map fp to g1 */
            EVM__PC_CHARGE(5500);
            if (input_size != 64) goto error;
            EVM__PC_OUTPUT(128);
            valid = evm_bls12381_map_fp_to_g1(input, p->out);
        } else {                                            /* map fp2 to g2 */
            EVM__PC_CHARGE(23800);
            if (input_size != 128) goto error;
            EVM__PC_OUTPUT(256);
            valid = evm_bls12381_map_fp2_to_g2(input, p->out);
        }
        if (!valid) goto error;
        goto ok;
#endif
    }
    default:
        return EVM_PRECOMPILE_NONE;
    }
#undef EVM__PC_CHARGE
#undef EVM__PC_OUTPUT

ok:
    result->gas_used = (int64_t)cost;
    result->output = out_size ? p->out : NULL;
    result->output_size = out_size;
    return EVM_PRECOMPILE_OK;
out_of_gas:
    result->gas_used = gas > 0 ? gas : 0;
    return EVM_PRECOMPILE_OUT_OF_GAS;
error:
    result->gas_used = gas > 0 ? gas : 0;
    return EVM_PRECOMPILE_ERROR;
}

#ifdef __cplusplus
}
#endif
#endif /* EVM_IMPLEMENTATION && !EVM_PRECOMPILES_IMPLEMENTED */
