/* evm_kzg.h - BLS12-381 and the KZG proof check behind the EIP-4844 point-evaluation
   precompile (address 0x0a). Part of the header-only EVM; usable on its own.

   USAGE
     In exactly one C file:
         #define EVM_IMPLEMENTATION
         #include "evm_kzg.h"
     Everywhere else just #include "evm_kzg.h".

     bool ok = evm_kzg_verify_proof(commitment, z, y, proof);

   WHAT IT DOES
     evm_kzg_verify_proof checks one KZG opening against the Ethereum KZG ceremony's
     setup: it is verify_kzg_proof of the consensus specs (deneb polynomial-commitments),
     and only that. The precompile glue around it (input length 192, the versioned hash
     0x01 || sha256(commitment)[1:], 50000 gas, the fixed 64-byte output) lives with the
     precompiles.

     Inside: the base field Fp in Montgomery form, the tower Fp2 = Fp[u]/(u^2+1),
     Fp6 = Fp2[v]/(v^3-(u+1)), Fp12 = Fp6[w]/(w^2-v), G1 and G2 in Jacobian coordinates,
     the optimal-ate Miller loop for BLS12 (x = -0xd201000000010000) and the final
     exponentiation. The check
         e(C - [y]G1, G2) == e(proof, [tau]G2 - [z]G2)
     is evaluated as the equivalent
         e(C - [y]G1 + [z]proof, G2) * e(-proof, [tau]G2) == 1
     so both scalar multiplications happen in G1 (cheaper than G2) and the two Miller
     loops share their squarings and one final exponentiation.

     Inputs are public, so nothing here is constant time.

   PORTABILITY
     C99. Includes only <stdint.h>, <stddef.h>, <stdbool.h>; calls no library function,
     allocates nothing, keeps no mutable global state (only static const tables) and
     does not recurse. Bytes are read one at a time, never punned into limbs, so the code
     is endianness-independent. Compilers may still emit memcpy/memset for large
     structure copies (clang does), as they may in any C code: freestanding users
     provide those symbols.

   COST (x86-64, one evm_kzg_verify_proof, bench/bench_kzg.c)
     time       about 1.5 ms with clang -O2, 2 ms with gcc -O2 (64-bit limbs), so
                30-40 ns per gas of the 50000; 4.5-5 ms with EVM_NO_INT128 (12.5 ms on
                i386). Thread CPU time on a shared 2-core EPYC VM.
     C stack    at most about 7 KiB (stack painting: 6.2-7.1 KiB across gcc, clang and
                tcc, both limb sizes; 8.4 KiB for i386, where more is spilled). The big
                phases are kept out of line so their locals never add up; the final
                exponentiation keeps 5 Fp12 values alive.

   CONFIGURATION (define before including)
     EVM_IMPLEMENTATION   emit the implementation in this translation unit
     EVM_NO_INT128        use 32-bit limbs and 32x32->64 products even where the compiler
                          has unsigned __int128 (otherwise 64-bit limbs are used with it)
     EVM_API              storage class of the public functions (default: extern)

   LICENSE
     MIT, as evm.h.
*/
#ifndef EVM_KZG_H
#define EVM_KZG_H

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

/* Verify a KZG proof that the polynomial committed to by `commitment` evaluates to y at z.
   commitment, proof: 48-byte compressed G1 points (ZCash/IETF serialization flags);
   z, y: 32-byte big-endian field elements. Returns false for any invalid encoding: z or y
   not canonical (>= BLS12-381 scalar modulus r), a point not decodable / not on the curve /
   not in the G1 subgroup / with bad flag bits, or a proof that does not verify.
   Checks e(commitment - [y]G1, G2) == e(proof, [tau]G2 - [z]G2). */
EVM_API bool evm_kzg_verify_proof(const uint8_t commitment[48], const uint8_t z[32],
                                  const uint8_t y[32], const uint8_t proof[48]);

#ifdef __cplusplus
}
#endif

#endif /* EVM_KZG_H */

/* ================================================================================= */

#if defined(EVM_IMPLEMENTATION) && !defined(EVM_KZG_IMPLEMENTED)
#define EVM_KZG_IMPLEMENTED

/* Private names start with evm__bls_ (curve and fields) or evm__kzg_ so they cannot meet
   the BN254 code of the other precompiles in the same translation unit. */

#if defined(__GNUC__) || defined(__clang__)
#define EVM__BLS_UNUSED __attribute__((unused))   /* helpers only the tests call */
#define EVM__BLS_NOINLINE __attribute__((noinline))
#else
#define EVM__BLS_UNUSED
#define EVM__BLS_NOINLINE
#endif
/* The big phases (decoding, scalar multiplication, Miller loop, final exponentiation) are
   kept out of line: inlined into one caller, their locals would share no stack space. */

/* ---------------------------------------------------------------------------------
   Limbs. Both paths use R = 2^384 for Montgomery form, so every constant below has
   the same value in both; EVM__BLS_FP takes six 64-bit words, most significant first,
   and lays them out as the limbs of the build.
   --------------------------------------------------------------------------------- */
#if defined(__SIZEOF_INT128__) && !defined(EVM_NO_INT128)
#define EVM__BLS_LIMB_BITS 64
typedef uint64_t evm__bls_limb;
__extension__ typedef unsigned __int128 evm__bls_dlimb;
#define EVM__BLS_FP(a5, a4, a3, a2, a1, a0) \
    {{ UINT64_C(a0), UINT64_C(a1), UINT64_C(a2), UINT64_C(a3), UINT64_C(a4), UINT64_C(a5) }}
#else
#define EVM__BLS_LIMB_BITS 32
typedef uint32_t evm__bls_limb;
typedef uint64_t evm__bls_dlimb;
#define EVM__BLS_L2(a) (uint32_t)(UINT64_C(a) & 0xffffffffu), (uint32_t)(UINT64_C(a) >> 32)
#define EVM__BLS_FP(a5, a4, a3, a2, a1, a0) \
    {{ EVM__BLS_L2(a0), EVM__BLS_L2(a1), EVM__BLS_L2(a2), \
       EVM__BLS_L2(a3), EVM__BLS_L2(a4), EVM__BLS_L2(a5) }}
#endif
#define EVM__BLS_N (384 / EVM__BLS_LIMB_BITS)

/* The limb loops have constant trip counts; fully unrolled they run about twice as fast
   (gcc does not unroll them at -O2 by itself). */
#if (defined(__GNUC__) && __GNUC__ >= 8) || defined(__clang__)
#define EVM__BLS_UNROLL _Pragma("GCC unroll 12")
#else
#define EVM__BLS_UNROLL
#endif

typedef struct evm__bls_fp { evm__bls_limb v[EVM__BLS_N]; } evm__bls_fp;   /* < p */
typedef struct evm__bls_fp2 { evm__bls_fp c0, c1; } evm__bls_fp2;          /* c0 + c1 u */
typedef struct evm__bls_fp6 { evm__bls_fp2 c0, c1, c2; } evm__bls_fp6;     /* + c1 v + c2 v^2 */
typedef struct evm__bls_fp12 { evm__bls_fp6 c0, c1; } evm__bls_fp12;       /* c0 + c1 w */

/* Points: affine with an infinity flag, Jacobian (x/z^2, y/z^3) with z == 0 at infinity. */
typedef struct evm__bls_g1a { evm__bls_fp x, y; bool inf; } evm__bls_g1a;
typedef struct evm__bls_g1 { evm__bls_fp x, y, z; } evm__bls_g1;
typedef struct evm__bls_g2a { evm__bls_fp2 x, y; bool inf; } evm__bls_g2a;
typedef struct evm__bls_g2 { evm__bls_fp2 x, y, z; } evm__bls_g2;

/* The base field modulus p and -p^-1 mod 2^64 (its low half is -p^-1 mod 2^32). */
static const evm__bls_fp evm__bls_p = EVM__BLS_FP(0x1a0111ea397fe69a, 0x4b1ba7b6434bacd7,
    0x64774b84f38512bf, 0x6730d2a0f6b0f624, 0x1eabfffeb153ffff, 0xb9feffffffffaaab);
#define EVM__BLS_PINV ((evm__bls_limb)UINT64_C(0x89f3fffcfffcfffd))

/* Montgomery forms: 1 (= R mod p), R^2 mod p (to enter Montgomery form), the curve
   constant b = 4 of y^2 = x^3 + 4. */
static const evm__bls_fp evm__bls_one = EVM__BLS_FP(0x15f65ec3fa80e493, 0x5c071a97a256ec6d,
    0x77ce585370525745, 0x5f48985753c758ba, 0xebf4000bc40c0002, 0x760900000002fffd);
static const evm__bls_fp evm__bls_r2 = EVM__BLS_FP(0x11988fe592cae3aa, 0x9a793e85b519952d,
    0x67eb88a9939d83c0, 0x8de5476c4c95b6d5, 0x0a76e6a609d104f1, 0xf4df1f341c341746);
static const evm__bls_fp evm__bls_b = EVM__BLS_FP(0x09d645513d83de7e, 0x8ec9733bbf78ab2f,
    0xb1d37ebee6ba24d7, 0x478fe97a6b0a807f, 0x53cc0032fc34000a, 0xaa270000000cfff3);

/* beta, the cube root of unity with phi(x, y) = (beta x, y) acting on G1 as [-x^2]
   (0x5f19672f...fffefffe in plain form), Montgomery form. */
static const evm__bls_fp evm__bls_beta = EVM__BLS_FP(0x051ba4ab241b6160, 0x3636b76660701c6e,
    0xc26a2ff874fd029b, 0x16a8ca3ac61577f7, 0xf3b8ddab7ece5a2a, 0x30f1361b798a64e8);

/* Frobenius constants, Montgomery form, xi = u + 1:
   xi^((p-1)/3) = 0 + FROB6_1 u, xi^(2(p-1)/3) = FROB6_2 (real),
   xi^((p-1)/6) = FROB12_0 + FROB12_1 u. */
static const evm__bls_fp evm__bls_frob6_1 = EVM__BLS_FP(0x18f0206554638741, 0x03f97d6e83d050d2,
    0x8eb60ebe01bacb9e, 0x587042afd3851b95, 0x5dab22461fcda5d2, 0xcd03c9e48671f071);
static const evm__bls_fp evm__bls_frob6_2 = EVM__BLS_FP(0x14e56d3f1564853a, 0x14e4f04fe2db9068,
    0xa20d1b8c7e881024, 0x50880866309b7e2c, 0x2af322533285a5d5, 0x890dc9e4867545c3);
static const evm__bls_fp2 evm__bls_frob12 = {
    EVM__BLS_FP(0x08f2220fb0fb66eb, 0x1ce393ea5daace4d, 0xa35baecab2dc29ee,
                0x97e83cccd117228f, 0xc6695f92b50a8313, 0x07089552b319d465),
    EVM__BLS_FP(0x110eefda88847faf, 0x2e3813cbe5a0de89, 0xc11b9cba40a8e8d0,
                0xcf4895d42599d394, 0x5842a06bfc497cec, 0xb2f66aad4ce5d646) };

/* Exponents (plain integers): p - 2 (inverse), (p + 1) / 4 (square root, p = 3 mod 4),
   (p - 3) / 4 and (p - 1) / 2 (square root in Fp2, and the sign of y). */
static const evm__bls_fp evm__bls_e_inv = EVM__BLS_FP(0x1a0111ea397fe69a, 0x4b1ba7b6434bacd7,
    0x64774b84f38512bf, 0x6730d2a0f6b0f624, 0x1eabfffeb153ffff, 0xb9feffffffffaaa9);
static const evm__bls_fp evm__bls_e_sqrt = EVM__BLS_FP(0x0680447a8e5ff9a6, 0x92c6e9ed90d2eb35,
    0xd91dd2e13ce144af, 0xd9cc34a83dac3d89, 0x07aaffffac54ffff, 0xee7fbfffffffeaab);
static const evm__bls_fp evm__bls_e_sqrt2 = EVM__BLS_FP(0x0680447a8e5ff9a6, 0x92c6e9ed90d2eb35,
    0xd91dd2e13ce144af, 0xd9cc34a83dac3d89, 0x07aaffffac54ffff, 0xee7fbfffffffeaaa);
static const evm__bls_fp evm__bls_e_half = EVM__BLS_FP(0x0d0088f51cbff34d, 0x258dd3db21a5d66b,
    0xb23ba5c279c2895f, 0xb39869507b587b12, 0x0f55ffff58a9ffff, 0xdcff7fffffffd555);

/* |x| of the BLS parameter x = -0xd201000000010000. */
#define EVM__BLS_X UINT64_C(0xd201000000010000)

/* Generators (plain big-endian coordinates, the standard ones) and [tau]G2. */
static const evm__bls_fp evm__bls_g1_gen[2] = {
    EVM__BLS_FP(0x17f1d3a73197d794, 0x2695638c4fa9ac0f, 0xc3688c4f9774b905,
                0xa14e3a3f171bac58, 0x6c55e83ff97a1aef, 0xfb3af00adb22c6bb),
    EVM__BLS_FP(0x08b3f481e3aaa0f1, 0xa09e30ed741d8ae4, 0xfcf5e095d5d00af6,
                0x00db18cb2c04b3ed, 0xd03cc744a2888ae4, 0x0caa232946c5e7e1) };
/* x.c0, x.c1, y.c0, y.c1 */
static const evm__bls_fp evm__bls_g2_gen[4] = {
    EVM__BLS_FP(0x024aa2b2f08f0a91, 0x260805272dc51051, 0xc6e47ad4fa403b02,
                0xb4510b647ae3d177, 0x0bac0326a805bbef, 0xd48056c8c121bdb8),
    EVM__BLS_FP(0x13e02b6052719f60, 0x7dacd3a088274f65, 0x596bd0d09920b61a,
                0xb5da61bbdc7f5049, 0x334cf11213945d57, 0xe5ac7d055d042b7e),
    EVM__BLS_FP(0x0ce5d527727d6e11, 0x8cc9cdc6da2e351a, 0xadfd9baa8cbdd3a7,
                0x6d429a695160d12c, 0x923ac9cc3baca289, 0xe193548608b82801),
    EVM__BLS_FP(0x0606c4a02ea734cc, 0x32acd2b02bc28b99, 0xcb3e287e85a763af,
                0x267492ab572e99ab, 0x3f370d275cec1da1, 0xaaa9075ff05f79be) };

/* [tau]G2: g2_monomial[1] of the Ethereum KZG ceremony, the 65 G2 points of
   ethereum/c-kzg-4844 src/trusted_setup.txt (line 4100) = consensus-specs
   presets/mainnet/trusted_setups/trusted_setup_4096.json "g2_monomial"[1]. Compressed:
     b5bfd7dd8cdeb128843bc287230af38926187075cbfbefa81009a2ce615ac53d
     2914e5870cb452d2afaaab24f3499f72185cbfee53492714734429b7b38608e2
     3926c911cceceac9a36851477ba4c60b087041de621000edc98edada20c1def2
   Kept here decompressed (x.c0, x.c1, y.c0, y.c1) to spare a square root in Fp2 per
   call; the tests decompress the bytes above and check they give exactly this point,
   on the curve and in the order-r subgroup. */
static const evm__bls_fp evm__bls_tau_g2[4] = {
    EVM__BLS_FP(0x185cbfee53492714, 0x734429b7b38608e2, 0x3926c911cceceac9,
                0xa36851477ba4c60b, 0x087041de621000ed, 0xc98edada20c1def2),
    EVM__BLS_FP(0x15bfd7dd8cdeb128, 0x843bc287230af389, 0x26187075cbfbefa8,
                0x1009a2ce615ac53d, 0x2914e5870cb452d2, 0xafaaab24f3499f72),
    EVM__BLS_FP(0x014353bdb96b626d, 0xd7d5ee8599d1fca2, 0x131569490e28de18,
                0xe82451a496a9c979, 0x4ce26d105941f383, 0xee689bfbbb832a99),
    EVM__BLS_FP(0x1666c54b0a325295, 0x03432fcae0181b4b, 0xef79de09fc63671f,
                0xda5ed1ba9bfa0789, 0x9495346f3d7ac9cd, 0x23048ef30d0a154f) };

/* The scalar field modulus r, big-endian: z and y must be below it. */
static const uint8_t evm__kzg_r_be[32] = {
    0x73, 0xed, 0xa7, 0x53, 0x29, 0x9d, 0x7d, 0x48, 0x33, 0x39, 0xd8, 0x08, 0x09, 0xa1, 0xd8, 0x05,
    0x53, 0xbd, 0xa4, 0x02, 0xff, 0xfe, 0x5b, 0xfe, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01
};

/* ---------------------------------------------------------------------------------
   Fp: Montgomery arithmetic, values always fully reduced (< p).
   --------------------------------------------------------------------------------- */

/* r = t - p if t >= p (t given with its carry limb hi), else t. t < 2p. */
static void evm__bls_fp_sub_p_if_ge(evm__bls_fp *r, const evm__bls_limb *t, evm__bls_limb hi)
{
    evm__bls_limb d[EVM__BLS_N], borrow = 0, keep;
    int i;
    EVM__BLS_UNROLL
    for (i = 0; i < EVM__BLS_N; i++) {
        evm__bls_limb x = t[i], y = evm__bls_p.v[i], s = x - y, b1 = x < y;
        d[i] = s - borrow;
        borrow = b1 | (s < borrow);
    }
    /* a mask, not a branch: the outcome is a coin flip, which predictors hate */
    keep = (evm__bls_limb)0 - (evm__bls_limb)(borrow & (hi == 0));   /* all ones: keep t */
    EVM__BLS_UNROLL
    for (i = 0; i < EVM__BLS_N; i++) r->v[i] = (t[i] & keep) | (d[i] & ~keep);
}

/* Montgomery multiplication r = a b / R mod p, CIOS with multiplication and reduction in
   one pass ("no-carry" variant, valid because the top limb of p is below half the limb
   range: the running value never needs an extra limb). r may alias a or b.
   EVM__BLS_MAC(hi, lo, x, y, c, d): hi:lo = x y + c + d, which cannot overflow; MAC1
   without d. With 64-bit limbs the additions are done on single limbs (gcc then keeps
   far fewer 128-bit temporaries alive); with 32-bit limbs the 64-bit sum is cheaper. */
#if EVM__BLS_LIMB_BITS == 64
#define EVM__BLS_MAC1(hi, lo, x, y, c) do { \
        evm__bls_dlimb p_ = (evm__bls_dlimb)(x) * (y); \
        evm__bls_limb l_ = (evm__bls_limb)p_, h_ = (evm__bls_limb)(p_ >> 64); \
        l_ += (c); h_ += l_ < (c); \
        (lo) = l_; (hi) = h_; } while (0)
#define EVM__BLS_MAC(hi, lo, x, y, c, d) do { \
        evm__bls_dlimb p_ = (evm__bls_dlimb)(x) * (y); \
        evm__bls_limb l_ = (evm__bls_limb)p_, h_ = (evm__bls_limb)(p_ >> 64); \
        l_ += (c); h_ += l_ < (c); l_ += (d); h_ += l_ < (d); \
        (lo) = l_; (hi) = h_; } while (0)
#else
#define EVM__BLS_MAC1(hi, lo, x, y, c) do { \
        evm__bls_dlimb s_ = (evm__bls_dlimb)(x) * (y) + (c); \
        (lo) = (evm__bls_limb)s_; (hi) = (evm__bls_limb)(s_ >> 32); } while (0)
#define EVM__BLS_MAC(hi, lo, x, y, c, d) do { \
        evm__bls_dlimb s_ = (evm__bls_dlimb)(x) * (y) + (c) + (d); \
        (lo) = (evm__bls_limb)s_; (hi) = (evm__bls_limb)(s_ >> 32); } while (0)
#endif

static void evm__bls_fp_mul(evm__bls_fp *r, const evm__bls_fp *a, const evm__bls_fp *b)
{
    evm__bls_limb t[EVM__BLS_N];
    int i, j;
    EVM__BLS_UNROLL
    for (i = 0; i < EVM__BLS_N; i++) t[i] = 0;
    EVM__BLS_UNROLL
    for (i = 0; i < EVM__BLS_N; i++) {
        evm__bls_limb bi = b->v[i], ca, cm, m, lo;
        EVM__BLS_MAC1(ca, t[0], a->v[0], bi, t[0]);
        m = (evm__bls_limb)((evm__bls_dlimb)t[0] * EVM__BLS_PINV);
        EVM__BLS_MAC1(cm, lo, m, evm__bls_p.v[0], t[0]);   /* lo is 0 by the choice of m */
        (void)lo;
        EVM__BLS_UNROLL
        for (j = 1; j < EVM__BLS_N; j++) {
            EVM__BLS_MAC(ca, t[j], a->v[j], bi, t[j], ca);
            EVM__BLS_MAC(cm, t[j - 1], m, evm__bls_p.v[j], t[j], cm);
        }
        t[EVM__BLS_N - 1] = ca + cm;
    }
    evm__bls_fp_sub_p_if_ge(r, t, 0);
}

static void evm__bls_fp_sqr(evm__bls_fp *r, const evm__bls_fp *a) { evm__bls_fp_mul(r, a, a); }

static void evm__bls_fp_add(evm__bls_fp *r, const evm__bls_fp *a, const evm__bls_fp *b)
{
    evm__bls_limb t[EVM__BLS_N], c = 0;
    int i;
    EVM__BLS_UNROLL
    for (i = 0; i < EVM__BLS_N; i++) {   /* carries kept in single limbs, as in fp_mul */
        evm__bls_limb s = a->v[i] + c, c1 = s < c;
        s += b->v[i];
        c = c1 | (s < b->v[i]);
        t[i] = s;
    }
    evm__bls_fp_sub_p_if_ge(r, t, c);
}

static void evm__bls_fp_sub(evm__bls_fp *r, const evm__bls_fp *a, const evm__bls_fp *b)
{
    evm__bls_limb t[EVM__BLS_N], borrow = 0, mask, c = 0;
    int i;
    EVM__BLS_UNROLL
    for (i = 0; i < EVM__BLS_N; i++) {
        evm__bls_limb x = a->v[i], y = b->v[i], d = x - y, b1 = x < y;
        t[i] = d - borrow;
        borrow = b1 | (d < borrow);
    }
    mask = (evm__bls_limb)0 - borrow;     /* add p back if it went below zero */
    EVM__BLS_UNROLL
    for (i = 0; i < EVM__BLS_N; i++) {
        evm__bls_limb pm = evm__bls_p.v[i] & mask, s = t[i] + c, c1 = s < c;
        s += pm;
        c = c1 | (s < pm);
        r->v[i] = s;
    }
}

static void evm__bls_fp_dbl(evm__bls_fp *r, const evm__bls_fp *a) { evm__bls_fp_add(r, a, a); }

static bool evm__bls_fp_is_zero(const evm__bls_fp *a)
{
    evm__bls_limb acc = 0;
    int i;
    for (i = 0; i < EVM__BLS_N; i++) acc |= a->v[i];
    return acc == 0;
}

static bool evm__bls_fp_eq(const evm__bls_fp *a, const evm__bls_fp *b)
{
    evm__bls_limb acc = 0;
    int i;
    for (i = 0; i < EVM__BLS_N; i++) acc |= a->v[i] ^ b->v[i];
    return acc == 0;
}

static void evm__bls_fp_neg(evm__bls_fp *r, const evm__bls_fp *a)
{
    evm__bls_fp zero;
    int i;
    for (i = 0; i < EVM__BLS_N; i++) zero.v[i] = 0;
    evm__bls_fp_sub(r, &zero, a);
}

/* Plain (non-Montgomery) limb compare: -1, 0, 1. */
static int evm__bls_fp_cmp_plain(const evm__bls_fp *a, const evm__bls_fp *b)
{
    int i;
    for (i = EVM__BLS_N - 1; i >= 0; i--) {
        if (a->v[i] != b->v[i]) return a->v[i] < b->v[i] ? -1 : 1;
    }
    return 0;
}

static void evm__bls_fp_from_mont(evm__bls_fp *r, const evm__bls_fp *a)
{
    evm__bls_fp one;
    int i;
    one.v[0] = 1;
    for (i = 1; i < EVM__BLS_N; i++) one.v[i] = 0;
    evm__bls_fp_mul(r, a, &one);
}

static void evm__bls_fp_to_mont(evm__bls_fp *r, const evm__bls_fp *a)
{
    evm__bls_fp_mul(r, a, &evm__bls_r2);
}

/* 48 big-endian bytes -> Montgomery form; false if the value is not below p. */
static bool evm__bls_fp_from_be(evm__bls_fp *r, const uint8_t in[48])
{
    evm__bls_fp t;
    int i;
    for (i = 0; i < EVM__BLS_N; i++) t.v[i] = 0;
    for (i = 0; i < 48; i++) {
        int k = 47 - i;   /* byte significance */
        t.v[k / (EVM__BLS_LIMB_BITS / 8)] |=
            (evm__bls_limb)in[i] << (8 * (k % (EVM__BLS_LIMB_BITS / 8)));
    }
    if (evm__bls_fp_cmp_plain(&t, &evm__bls_p) >= 0) return false;
    evm__bls_fp_to_mont(r, &t);
    return true;
}

static EVM__BLS_UNUSED void evm__bls_fp_to_be(uint8_t out[48], const evm__bls_fp *a)
{
    evm__bls_fp t;
    int i;
    evm__bls_fp_from_mont(&t, a);
    for (i = 0; i < 48; i++) {
        int k = 47 - i;
        out[i] = (uint8_t)(t.v[k / (EVM__BLS_LIMB_BITS / 8)] >>
                           (8 * (k % (EVM__BLS_LIMB_BITS / 8))));
    }
}

static bool evm__bls_exp_bit(const evm__bls_fp *e, int i)
{
    return (e->v[i / EVM__BLS_LIMB_BITS] >> (i % EVM__BLS_LIMB_BITS)) & 1;
}

/* r = a^e for a plain exponent e of at most 381 bits (left to right). */
static void evm__bls_fp_pow(evm__bls_fp *r, const evm__bls_fp *a, const evm__bls_fp *e)
{
    evm__bls_fp acc = evm__bls_one, base = *a;
    int i;
    for (i = 380; i >= 0; i--) {
        evm__bls_fp_sqr(&acc, &acc);
        if (evm__bls_exp_bit(e, i)) evm__bls_fp_mul(&acc, &acc, &base);
    }
    *r = acc;
}

/* r = 1/a (0 for a = 0). */
static void evm__bls_fp_inv(evm__bls_fp *r, const evm__bls_fp *a)
{
    evm__bls_fp_pow(r, a, &evm__bls_e_inv);
}

/* Square root for p = 3 mod 4; false if a is not a square. r may alias a. */
static bool evm__bls_fp_sqrt(evm__bls_fp *r, const evm__bls_fp *a)
{
    evm__bls_fp s, s2;
    evm__bls_fp_pow(&s, a, &evm__bls_e_sqrt);
    evm__bls_fp_sqr(&s2, &s);
    if (!evm__bls_fp_eq(&s2, a)) return false;
    *r = s;
    return true;
}

/* The ZCash sign: true if a > (p - 1) / 2, i.e. a is the larger of a and -a. */
static bool evm__bls_fp_is_larger(const evm__bls_fp *a)
{
    evm__bls_fp t;
    evm__bls_fp_from_mont(&t, a);
    return evm__bls_fp_cmp_plain(&t, &evm__bls_e_half) > 0;
}

/* ---------------------------------------------------------------------------------
   Fp2 = Fp[u] / (u^2 + 1). Every function allows its output to alias its inputs.
   --------------------------------------------------------------------------------- */

static void evm__bls_fp2_add(evm__bls_fp2 *r, const evm__bls_fp2 *a, const evm__bls_fp2 *b)
{
    evm__bls_fp_add(&r->c0, &a->c0, &b->c0);
    evm__bls_fp_add(&r->c1, &a->c1, &b->c1);
}

static void evm__bls_fp2_sub(evm__bls_fp2 *r, const evm__bls_fp2 *a, const evm__bls_fp2 *b)
{
    evm__bls_fp_sub(&r->c0, &a->c0, &b->c0);
    evm__bls_fp_sub(&r->c1, &a->c1, &b->c1);
}

static void evm__bls_fp2_dbl(evm__bls_fp2 *r, const evm__bls_fp2 *a) { evm__bls_fp2_add(r, a, a); }

static void evm__bls_fp2_neg(evm__bls_fp2 *r, const evm__bls_fp2 *a)
{
    evm__bls_fp_neg(&r->c0, &a->c0);
    evm__bls_fp_neg(&r->c1, &a->c1);
}

static void evm__bls_fp2_conj(evm__bls_fp2 *r, const evm__bls_fp2 *a)
{
    r->c0 = a->c0;
    evm__bls_fp_neg(&r->c1, &a->c1);
}

/* Karatsuba: 3 base multiplications. */
static void evm__bls_fp2_mul(evm__bls_fp2 *r, const evm__bls_fp2 *a, const evm__bls_fp2 *b)
{
    evm__bls_fp t0, t1, s0, s1;
    evm__bls_fp_mul(&t0, &a->c0, &b->c0);
    evm__bls_fp_mul(&t1, &a->c1, &b->c1);
    evm__bls_fp_add(&s0, &a->c0, &a->c1);
    evm__bls_fp_add(&s1, &b->c0, &b->c1);
    evm__bls_fp_mul(&s0, &s0, &s1);
    evm__bls_fp_sub(&s0, &s0, &t0);
    evm__bls_fp_sub(&r->c1, &s0, &t1);
    evm__bls_fp_sub(&r->c0, &t0, &t1);
}

/* (a0 + a1 u)^2 = (a0 + a1)(a0 - a1) + 2 a0 a1 u */
static void evm__bls_fp2_sqr(evm__bls_fp2 *r, const evm__bls_fp2 *a)
{
    evm__bls_fp s, d, m;
    evm__bls_fp_add(&s, &a->c0, &a->c1);
    evm__bls_fp_sub(&d, &a->c0, &a->c1);
    evm__bls_fp_mul(&m, &a->c0, &a->c1);
    evm__bls_fp_mul(&r->c0, &s, &d);
    evm__bls_fp_dbl(&r->c1, &m);
}

static void evm__bls_fp2_mul_fp(evm__bls_fp2 *r, const evm__bls_fp2 *a, const evm__bls_fp *b)
{
    evm__bls_fp_mul(&r->c0, &a->c0, b);
    evm__bls_fp_mul(&r->c1, &a->c1, b);
}

/* Multiply by the non-residue xi = u + 1: (a0 - a1) + (a0 + a1) u. */
static void evm__bls_fp2_mul_xi(evm__bls_fp2 *r, const evm__bls_fp2 *a)
{
    evm__bls_fp t;
    evm__bls_fp_sub(&t, &a->c0, &a->c1);
    evm__bls_fp_add(&r->c1, &a->c0, &a->c1);
    r->c0 = t;
}

static bool evm__bls_fp2_is_zero(const evm__bls_fp2 *a)
{
    return evm__bls_fp_is_zero(&a->c0) && evm__bls_fp_is_zero(&a->c1);
}

static bool evm__bls_fp2_eq(const evm__bls_fp2 *a, const evm__bls_fp2 *b)
{
    return evm__bls_fp_eq(&a->c0, &b->c0) && evm__bls_fp_eq(&a->c1, &b->c1);
}

/* 1/a = conj(a) / (a0^2 + a1^2) */
static void evm__bls_fp2_inv(evm__bls_fp2 *r, const evm__bls_fp2 *a)
{
    evm__bls_fp n, t;
    evm__bls_fp_sqr(&n, &a->c0);
    evm__bls_fp_sqr(&t, &a->c1);
    evm__bls_fp_add(&n, &n, &t);
    evm__bls_fp_inv(&n, &n);
    evm__bls_fp_mul(&r->c0, &a->c0, &n);
    evm__bls_fp_mul(&t, &a->c1, &n);
    evm__bls_fp_neg(&r->c1, &t);
}

static void evm__bls_fp2_pow(evm__bls_fp2 *r, const evm__bls_fp2 *a, const evm__bls_fp *e)
{
    evm__bls_fp2 acc, base = *a;
    int i;
    acc.c0 = evm__bls_one;
    for (i = 0; i < EVM__BLS_N; i++) acc.c1.v[i] = 0;
    for (i = 380; i >= 0; i--) {
        evm__bls_fp2_sqr(&acc, &acc);
        if (evm__bls_exp_bit(e, i)) evm__bls_fp2_mul(&acc, &acc, &base);
    }
    *r = acc;
}

/* Square root in Fp2 for p = 3 mod 4 (Adj and Rodriguez-Henriquez, "Square root
   computation over even extension fields", algorithm 9); false if none. */
static bool evm__bls_fp2_sqrt(evm__bls_fp2 *r, const evm__bls_fp2 *a)
{
    evm__bls_fp2 a1, alpha, x0, x, t;
    evm__bls_fp_neg(&t.c0, &evm__bls_one);           /* t = -1 */
    for (int i = 0; i < EVM__BLS_N; i++) t.c1.v[i] = 0;
    evm__bls_fp2_pow(&a1, a, &evm__bls_e_sqrt2);     /* a^((p-3)/4) */
    evm__bls_fp2_sqr(&alpha, &a1);
    evm__bls_fp2_mul(&alpha, &alpha, a);             /* a^((p-1)/2) */
    evm__bls_fp2_mul(&x0, &a1, a);                   /* a^((p+1)/4) */
    if (evm__bls_fp2_eq(&alpha, &t)) {
        x.c0 = x0.c1;                                /* u x0 = -x0.c1 + x0.c0 u */
        evm__bls_fp_neg(&x.c0, &x.c0);
        x.c1 = x0.c0;
    } else {
        evm__bls_fp_add(&alpha.c0, &alpha.c0, &evm__bls_one);
        evm__bls_fp2_pow(&t, &alpha, &evm__bls_e_half);
        evm__bls_fp2_mul(&x, &t, &x0);
    }
    evm__bls_fp2_sqr(&t, &x);
    if (!evm__bls_fp2_eq(&t, a)) return false;
    *r = x;
    return true;
}

/* ---------------------------------------------------------------------------------
   Fp6 = Fp2[v] / (v^3 - xi), Fp12 = Fp6[w] / (w^2 - v). Outputs may alias inputs.
   --------------------------------------------------------------------------------- */

static void evm__bls_fp6_add(evm__bls_fp6 *r, const evm__bls_fp6 *a, const evm__bls_fp6 *b)
{
    evm__bls_fp2_add(&r->c0, &a->c0, &b->c0);
    evm__bls_fp2_add(&r->c1, &a->c1, &b->c1);
    evm__bls_fp2_add(&r->c2, &a->c2, &b->c2);
}

static void evm__bls_fp6_sub(evm__bls_fp6 *r, const evm__bls_fp6 *a, const evm__bls_fp6 *b)
{
    evm__bls_fp2_sub(&r->c0, &a->c0, &b->c0);
    evm__bls_fp2_sub(&r->c1, &a->c1, &b->c1);
    evm__bls_fp2_sub(&r->c2, &a->c2, &b->c2);
}

static void evm__bls_fp6_neg(evm__bls_fp6 *r, const evm__bls_fp6 *a)
{
    evm__bls_fp2_neg(&r->c0, &a->c0);
    evm__bls_fp2_neg(&r->c1, &a->c1);
    evm__bls_fp2_neg(&r->c2, &a->c2);
}

/* Multiply by v: (c0, c1, c2) -> (xi c2, c0, c1). */
static void evm__bls_fp6_mul_v(evm__bls_fp6 *r, const evm__bls_fp6 *a)
{
    evm__bls_fp2 t;
    evm__bls_fp2_mul_xi(&t, &a->c2);
    r->c2 = a->c1;
    r->c1 = a->c0;
    r->c0 = t;
}

/* Karatsuba-style: 6 Fp2 multiplications. */
static EVM__BLS_NOINLINE void evm__bls_fp6_mul(evm__bls_fp6 *r, const evm__bls_fp6 *a,
                                               const evm__bls_fp6 *b)
{
    evm__bls_fp2 t0, t1, t2, s, u, c0, c1;
    evm__bls_fp2_mul(&t0, &a->c0, &b->c0);
    evm__bls_fp2_mul(&t1, &a->c1, &b->c1);
    evm__bls_fp2_mul(&t2, &a->c2, &b->c2);
    /* c0 = xi((a1 + a2)(b1 + b2) - t1 - t2) + t0 */
    evm__bls_fp2_add(&s, &a->c1, &a->c2);
    evm__bls_fp2_add(&u, &b->c1, &b->c2);
    evm__bls_fp2_mul(&s, &s, &u);
    evm__bls_fp2_sub(&s, &s, &t1);
    evm__bls_fp2_sub(&s, &s, &t2);
    evm__bls_fp2_mul_xi(&s, &s);
    evm__bls_fp2_add(&c0, &s, &t0);
    /* c1 = (a0 + a1)(b0 + b1) - t0 - t1 + xi t2 */
    evm__bls_fp2_add(&s, &a->c0, &a->c1);
    evm__bls_fp2_add(&u, &b->c0, &b->c1);
    evm__bls_fp2_mul(&s, &s, &u);
    evm__bls_fp2_sub(&s, &s, &t0);
    evm__bls_fp2_sub(&s, &s, &t1);
    evm__bls_fp2_mul_xi(&u, &t2);
    evm__bls_fp2_add(&c1, &s, &u);
    /* c2 = (a0 + a2)(b0 + b2) - t0 - t2 + t1 */
    evm__bls_fp2_add(&s, &a->c0, &a->c2);
    evm__bls_fp2_add(&u, &b->c0, &b->c2);
    evm__bls_fp2_mul(&s, &s, &u);
    evm__bls_fp2_sub(&s, &s, &t0);
    evm__bls_fp2_sub(&s, &s, &t2);
    evm__bls_fp2_add(&r->c2, &s, &t1);
    r->c0 = c0;
    r->c1 = c1;
}

/* Chung-Hasan SQR2. */
static EVM__BLS_NOINLINE void evm__bls_fp6_sqr(evm__bls_fp6 *r, const evm__bls_fp6 *a)
{
    evm__bls_fp2 s0, s1, s2, s3, s4;
    evm__bls_fp2_sqr(&s0, &a->c0);
    evm__bls_fp2_mul(&s1, &a->c0, &a->c1);
    evm__bls_fp2_dbl(&s1, &s1);
    evm__bls_fp2_sub(&s2, &a->c0, &a->c1);
    evm__bls_fp2_add(&s2, &s2, &a->c2);
    evm__bls_fp2_sqr(&s2, &s2);
    evm__bls_fp2_mul(&s3, &a->c1, &a->c2);
    evm__bls_fp2_dbl(&s3, &s3);
    evm__bls_fp2_sqr(&s4, &a->c2);
    /* c2 = s1 + s2 + s3 - s0 - s4 */
    evm__bls_fp2_add(&s2, &s2, &s1);
    evm__bls_fp2_add(&s2, &s2, &s3);
    evm__bls_fp2_sub(&s2, &s2, &s0);
    evm__bls_fp2_sub(&r->c2, &s2, &s4);
    evm__bls_fp2_mul_xi(&s3, &s3);
    evm__bls_fp2_add(&r->c0, &s3, &s0);
    evm__bls_fp2_mul_xi(&s4, &s4);
    evm__bls_fp2_add(&r->c1, &s4, &s1);
}

/* a * (b0 + b1 v) */
static EVM__BLS_NOINLINE void evm__bls_fp6_mul_by_01(evm__bls_fp6 *r, const evm__bls_fp6 *a,
                                                     const evm__bls_fp2 *b0,
                                                     const evm__bls_fp2 *b1)
{
    evm__bls_fp2 aa, bb, t, s;
    evm__bls_fp2_mul(&aa, &a->c0, b0);
    evm__bls_fp2_mul(&bb, &a->c1, b1);
    /* c2 = a2 b0 + bb  (computed before c0 and c1 overwrite anything) */
    evm__bls_fp2_mul(&t, &a->c2, b0);
    evm__bls_fp2_add(&t, &t, &bb);
    /* c1 = (b0 + b1)(a0 + a1) - aa - bb */
    evm__bls_fp2_add(&s, b0, b1);
    evm__bls_fp2_add(&r->c1, &a->c0, &a->c1);
    evm__bls_fp2_mul(&r->c1, &r->c1, &s);
    evm__bls_fp2_sub(&r->c1, &r->c1, &aa);
    evm__bls_fp2_sub(&r->c1, &r->c1, &bb);
    /* c0 = xi a2 b1 + aa */
    evm__bls_fp2_mul(&s, &a->c2, b1);
    evm__bls_fp2_mul_xi(&s, &s);
    evm__bls_fp2_add(&r->c0, &s, &aa);
    r->c2 = t;
}

/* a * (b1 v) */
static void evm__bls_fp6_mul_by_1(evm__bls_fp6 *r, const evm__bls_fp6 *a, const evm__bls_fp2 *b1)
{
    evm__bls_fp2 t;
    evm__bls_fp2_mul(&t, &a->c2, b1);
    evm__bls_fp2_mul_xi(&t, &t);
    evm__bls_fp2_mul(&r->c2, &a->c1, b1);
    evm__bls_fp2_mul(&r->c1, &a->c0, b1);
    r->c0 = t;
}

static void evm__bls_fp6_inv(evm__bls_fp6 *r, const evm__bls_fp6 *a)
{
    evm__bls_fp2 c0, c1, c2, t, s;
    /* c0 = a0^2 - xi a1 a2, c1 = xi a2^2 - a0 a1, c2 = a1^2 - a0 a2 */
    evm__bls_fp2_mul(&t, &a->c1, &a->c2);
    evm__bls_fp2_mul_xi(&t, &t);
    evm__bls_fp2_sqr(&c0, &a->c0);
    evm__bls_fp2_sub(&c0, &c0, &t);
    evm__bls_fp2_sqr(&c1, &a->c2);
    evm__bls_fp2_mul_xi(&c1, &c1);
    evm__bls_fp2_mul(&t, &a->c0, &a->c1);
    evm__bls_fp2_sub(&c1, &c1, &t);
    evm__bls_fp2_sqr(&c2, &a->c1);
    evm__bls_fp2_mul(&t, &a->c0, &a->c2);
    evm__bls_fp2_sub(&c2, &c2, &t);
    /* norm = xi (a1 c2 + a2 c1) + a0 c0 */
    evm__bls_fp2_mul(&t, &a->c1, &c2);
    evm__bls_fp2_mul(&s, &a->c2, &c1);
    evm__bls_fp2_add(&t, &t, &s);
    evm__bls_fp2_mul_xi(&t, &t);
    evm__bls_fp2_mul(&s, &a->c0, &c0);
    evm__bls_fp2_add(&t, &t, &s);
    evm__bls_fp2_inv(&t, &t);
    evm__bls_fp2_mul(&r->c0, &c0, &t);
    evm__bls_fp2_mul(&r->c1, &c1, &t);
    evm__bls_fp2_mul(&r->c2, &c2, &t);
}

/* a^p: conjugate the coefficients, times xi^((p-1)/3) and xi^(2(p-1)/3). */
static void evm__bls_fp6_frob(evm__bls_fp6 *r, const evm__bls_fp6 *a)
{
    evm__bls_fp2 t;
    evm__bls_fp2_conj(&r->c0, &a->c0);
    /* conj(a1) * (0 + f u) = -f a1.c1 + f a1.c0 u  (conj(a1) = a1.c0 - a1.c1 u) */
    evm__bls_fp_mul(&t.c0, &a->c1.c1, &evm__bls_frob6_1);
    evm__bls_fp_mul(&t.c1, &a->c1.c0, &evm__bls_frob6_1);
    r->c1 = t;
    evm__bls_fp2_conj(&t, &a->c2);
    evm__bls_fp2_mul_fp(&r->c2, &t, &evm__bls_frob6_2);
}

static void evm__bls_fp12_one(evm__bls_fp12 *r)
{
    int i;
    evm__bls_fp *f = &r->c0.c0.c0;
    for (i = 0; i < EVM__BLS_N; i++) f->v[i] = 0;
    r->c0.c0.c1 = *f; r->c0.c1.c0 = *f; r->c0.c1.c1 = *f; r->c0.c2.c0 = *f; r->c0.c2.c1 = *f;
    r->c1.c0.c0 = *f; r->c1.c0.c1 = *f; r->c1.c1.c0 = *f; r->c1.c1.c1 = *f; r->c1.c2.c0 = *f;
    r->c1.c2.c1 = *f;
    *f = evm__bls_one;
}

static EVM__BLS_UNUSED bool evm__bls_fp12_eq(const evm__bls_fp12 *a, const evm__bls_fp12 *b)
{
    return evm__bls_fp2_eq(&a->c0.c0, &b->c0.c0) && evm__bls_fp2_eq(&a->c0.c1, &b->c0.c1) &&
           evm__bls_fp2_eq(&a->c0.c2, &b->c0.c2) && evm__bls_fp2_eq(&a->c1.c0, &b->c1.c0) &&
           evm__bls_fp2_eq(&a->c1.c1, &b->c1.c1) && evm__bls_fp2_eq(&a->c1.c2, &b->c1.c2);
}

static bool evm__bls_fp12_is_one(const evm__bls_fp12 *a)
{
    return evm__bls_fp_eq(&a->c0.c0.c0, &evm__bls_one) && evm__bls_fp_is_zero(&a->c0.c0.c1) &&
           evm__bls_fp2_is_zero(&a->c0.c1) && evm__bls_fp2_is_zero(&a->c0.c2) &&
           evm__bls_fp2_is_zero(&a->c1.c0) && evm__bls_fp2_is_zero(&a->c1.c1) &&
           evm__bls_fp2_is_zero(&a->c1.c2);
}

static void evm__bls_fp12_conj(evm__bls_fp12 *r, const evm__bls_fp12 *a)
{
    r->c0 = a->c0;
    evm__bls_fp6_neg(&r->c1, &a->c1);
}

static EVM__BLS_NOINLINE void evm__bls_fp12_mul(evm__bls_fp12 *r, const evm__bls_fp12 *a,
                                                const evm__bls_fp12 *b)
{
    evm__bls_fp6 aa, bb, t;
    evm__bls_fp6_mul(&aa, &a->c0, &b->c0);
    evm__bls_fp6_mul(&bb, &a->c1, &b->c1);
    evm__bls_fp6_add(&t, &b->c0, &b->c1);  /* b is not read after this line */
    evm__bls_fp6_add(&r->c1, &a->c0, &a->c1);  /* nor a after this one */
    evm__bls_fp6_mul(&r->c1, &r->c1, &t);
    evm__bls_fp6_sub(&r->c1, &r->c1, &aa);
    evm__bls_fp6_sub(&r->c1, &r->c1, &bb);
    evm__bls_fp6_mul_v(&bb, &bb);
    evm__bls_fp6_add(&r->c0, &aa, &bb);
}

/* Complex squaring: c0 = (a0 + v a1)(a0 + a1) - ab - v ab, c1 = 2ab with ab = a0 a1. */
static EVM__BLS_NOINLINE void evm__bls_fp12_sqr(evm__bls_fp12 *r, const evm__bls_fp12 *a)
{
    evm__bls_fp6 ab, s, t;
    evm__bls_fp6_mul(&ab, &a->c0, &a->c1);
    evm__bls_fp6_add(&s, &a->c0, &a->c1);
    evm__bls_fp6_mul_v(&t, &a->c1);
    evm__bls_fp6_add(&t, &t, &a->c0);
    evm__bls_fp6_mul(&s, &s, &t);
    evm__bls_fp6_sub(&s, &s, &ab);
    evm__bls_fp6_mul_v(&t, &ab);
    evm__bls_fp6_sub(&r->c0, &s, &t);
    evm__bls_fp6_add(&r->c1, &ab, &ab);
}

/* f *= (l0 + l1 v) + (l4 v) w: the sparse shape of a line of the M-type twist. */
static EVM__BLS_NOINLINE void evm__bls_fp12_mul_by_014(evm__bls_fp12 *f, const evm__bls_fp2 *l0,
                                                       const evm__bls_fp2 *l1,
                                                       const evm__bls_fp2 *l4)
{
    evm__bls_fp6 aa, bb, s;
    evm__bls_fp2 o;
    evm__bls_fp6_mul_by_01(&aa, &f->c0, l0, l1);
    evm__bls_fp6_mul_by_1(&bb, &f->c1, l4);
    evm__bls_fp2_add(&o, l1, l4);
    evm__bls_fp6_add(&s, &f->c1, &f->c0);
    evm__bls_fp6_mul_by_01(&s, &s, l0, &o);
    evm__bls_fp6_sub(&s, &s, &aa);
    evm__bls_fp6_sub(&f->c1, &s, &bb);
    evm__bls_fp6_mul_v(&bb, &bb);
    evm__bls_fp6_add(&f->c0, &bb, &aa);
}

static EVM__BLS_NOINLINE void evm__bls_fp12_inv(evm__bls_fp12 *r, const evm__bls_fp12 *a)
{
    evm__bls_fp6 t, s;
    evm__bls_fp6_sqr(&t, &a->c0);
    evm__bls_fp6_sqr(&s, &a->c1);
    evm__bls_fp6_mul_v(&s, &s);
    evm__bls_fp6_sub(&t, &t, &s);         /* a0^2 - v a1^2 */
    evm__bls_fp6_inv(&t, &t);
    evm__bls_fp6_mul(&r->c0, &a->c0, &t);
    evm__bls_fp6_mul(&r->c1, &a->c1, &t);
    evm__bls_fp6_neg(&r->c1, &r->c1);
}

/* a^p. */
static void evm__bls_fp12_frob(evm__bls_fp12 *r, const evm__bls_fp12 *a)
{
    evm__bls_fp6_frob(&r->c0, &a->c0);
    evm__bls_fp6_frob(&r->c1, &a->c1);
    evm__bls_fp2_mul(&r->c1.c0, &r->c1.c0, &evm__bls_frob12);
    evm__bls_fp2_mul(&r->c1.c1, &r->c1.c1, &evm__bls_frob12);
    evm__bls_fp2_mul(&r->c1.c2, &r->c1.c2, &evm__bls_frob12);
}

/* Squaring in Fp4 = Fp2[s] / (s^2 - xi): (a + b s)^2. */
static void evm__bls_fp4_sqr(evm__bls_fp2 *c0, evm__bls_fp2 *c1, const evm__bls_fp2 *a,
                             const evm__bls_fp2 *b)
{
    evm__bls_fp2 t0, t1, t2;
    evm__bls_fp2_sqr(&t0, a);
    evm__bls_fp2_sqr(&t1, b);
    evm__bls_fp2_add(&t2, a, b);
    evm__bls_fp2_sqr(&t2, &t2);
    evm__bls_fp2_sub(&t2, &t2, &t0);
    evm__bls_fp2_sub(c1, &t2, &t1);
    evm__bls_fp2_mul_xi(&t1, &t1);
    evm__bls_fp2_add(c0, &t1, &t0);
}

/* z = 3t - 2z (sign -1) or 3t + 2z (sign +1): the Granger-Scott combination. */
static void evm__bls_cyc_comb(evm__bls_fp2 *z, const evm__bls_fp2 *t, int sign)
{
    evm__bls_fp2 s;
    if (sign < 0) evm__bls_fp2_sub(&s, t, z);
    else evm__bls_fp2_add(&s, t, z);
    evm__bls_fp2_dbl(&s, &s);
    evm__bls_fp2_add(z, &s, t);
}

/* Squaring of an element of the cyclotomic subgroup (Granger and Scott, "Faster squaring
   in the cyclotomic subgroup of sixth degree extensions"). In place. */
static EVM__BLS_NOINLINE void evm__bls_fp12_cyc_sqr(evm__bls_fp12 *f)
{
    evm__bls_fp2 t0, t1, t2, t3;
    /* z0..z5 = c0.c0, c1.c1, c1.c0, c0.c2, c0.c1, c1.c2 */
    evm__bls_fp4_sqr(&t0, &t1, &f->c0.c0, &f->c1.c1);
    evm__bls_cyc_comb(&f->c0.c0, &t0, -1);
    evm__bls_cyc_comb(&f->c1.c1, &t1, 1);
    evm__bls_fp4_sqr(&t0, &t1, &f->c1.c0, &f->c0.c2);
    evm__bls_fp4_sqr(&t2, &t3, &f->c0.c1, &f->c1.c2);
    evm__bls_cyc_comb(&f->c0.c1, &t0, -1);
    evm__bls_cyc_comb(&f->c1.c2, &t1, 1);
    evm__bls_fp2_mul_xi(&t0, &t3);
    evm__bls_cyc_comb(&f->c1.c0, &t0, 1);
    evm__bls_cyc_comb(&f->c0.c2, &t2, -1);
}

/* r = a^x for x = -0xd201000000010000 and a in the cyclotomic subgroup (where the
   inverse is the conjugate). r must not alias a. */
static void evm__bls_fp12_cyc_exp_x(evm__bls_fp12 *r, const evm__bls_fp12 *a)
{
    int i;
    *r = *a;                              /* the top bit of |x| */
    for (i = 62; i >= 0; i--) {
        evm__bls_fp12_cyc_sqr(r);
        if ((EVM__BLS_X >> i) & 1) evm__bls_fp12_mul(r, r, a);
    }
    evm__bls_fp12_conj(r, r);
}

/* f^(3 (p^12 - 1) / r): the easy part (p^6 - 1)(p^2 + 1), then the hard part
   3 (p^4 - p^2 + 1) / r = (x - 1)^2 (x + p)(x^2 + p^2 - 1) + 3, as an addition chain
   in x (the one of zkcrypto/bls12_381 and noble-curves, so the values are theirs). The
   cube costs nothing and changes nothing that matters: 3 does not divide r, so the
   pairing stays bilinear and non-degenerate. The factors of the chain's final product
   are multiplied into acc as soon as they are known, which keeps five Fp12 values alive
   instead of eight. In place. */
static EVM__BLS_NOINLINE void evm__bls_final_exp(evm__bls_fp12 *f)
{
    evm__bls_fp12 acc, t3, u0, u1, u6;
    /* easy part */
    evm__bls_fp12_inv(&u0, f);
    evm__bls_fp12_conj(f, f);             /* f^(p^6) */
    evm__bls_fp12_mul(f, f, &u0);         /* f^(p^6 - 1) */
    evm__bls_fp12_frob(&u0, f);
    evm__bls_fp12_frob(&u0, &u0);
    evm__bls_fp12_mul(f, f, &u0);         /* ^(p^2 + 1): now f is in the cyclotomic subgroup */
    /* hard part; with t5 = conj(f^2) f^x the result is
       conj(t5) f * (u1 f)^(p^3) * (t3 u0)^(p^2) * (u6 conj(f))^p * u6^x
       where t3 = f^x, u1 = t5^x, u0 = u1^x, u6 = u0^x t3^2 */
    acc = *f;
    evm__bls_fp12_cyc_sqr(&acc);
    evm__bls_fp12_conj(&acc, &acc);
    evm__bls_fp12_cyc_exp_x(&t3, f);
    evm__bls_fp12_mul(&acc, &acc, &t3);   /* t5 */
    evm__bls_fp12_cyc_exp_x(&u1, &acc);
    evm__bls_fp12_conj(&acc, &acc);
    evm__bls_fp12_mul(&acc, &acc, f);     /* conj(t5) f */
    evm__bls_fp12_cyc_exp_x(&u0, &u1);
    evm__bls_fp12_mul(&u1, &u1, f);
    evm__bls_fp12_frob(&u1, &u1);
    evm__bls_fp12_frob(&u1, &u1);
    evm__bls_fp12_frob(&u1, &u1);
    evm__bls_fp12_mul(&acc, &acc, &u1);   /* (u1 f)^(p^3) */
    evm__bls_fp12_cyc_exp_x(&u6, &u0);
    evm__bls_fp12_mul(&u0, &u0, &t3);
    evm__bls_fp12_frob(&u0, &u0);
    evm__bls_fp12_frob(&u0, &u0);
    evm__bls_fp12_mul(&acc, &acc, &u0);   /* (t3 u0)^(p^2) */
    evm__bls_fp12_cyc_sqr(&t3);
    evm__bls_fp12_mul(&u6, &u6, &t3);     /* u6 = u0^x t3^2 */
    evm__bls_fp12_cyc_exp_x(&t3, &u6);
    evm__bls_fp12_mul(&acc, &acc, &t3);   /* u6^x */
    evm__bls_fp12_conj(f, f);
    evm__bls_fp12_mul(&u6, &u6, f);
    evm__bls_fp12_frob(&u6, &u6);
    evm__bls_fp12_mul(f, &acc, &u6);      /* (u6 conj(f))^p */
}

/* ---------------------------------------------------------------------------------
   G1: y^2 = x^3 + 4 over Fp, Jacobian coordinates (a = 0 formulas of the EFD).
   --------------------------------------------------------------------------------- */

static void evm__bls_g1_set_inf(evm__bls_g1 *r)
{
    int i;
    for (i = 0; i < EVM__BLS_N; i++) r->z.v[i] = 0;
    r->x = evm__bls_one;
    r->y = evm__bls_one;
}

static void evm__bls_g1_from_affine(evm__bls_g1 *r, const evm__bls_g1a *a)
{
    if (a->inf) { evm__bls_g1_set_inf(r); return; }
    r->x = a->x;
    r->y = a->y;
    r->z = evm__bls_one;
}

/* dbl-2009-l. No point of G1's curve has y = 0 (the group order is odd). */
static void evm__bls_g1_dbl(evm__bls_g1 *r, const evm__bls_g1 *p)
{
    evm__bls_fp a, b, c, d, e, f;
    evm__bls_fp_sqr(&a, &p->x);
    evm__bls_fp_sqr(&b, &p->y);
    evm__bls_fp_sqr(&c, &b);
    evm__bls_fp_add(&d, &p->x, &b);
    evm__bls_fp_sqr(&d, &d);
    evm__bls_fp_sub(&d, &d, &a);
    evm__bls_fp_sub(&d, &d, &c);
    evm__bls_fp_dbl(&d, &d);               /* D = 2((X + B)^2 - A - C) */
    evm__bls_fp_dbl(&e, &a);
    evm__bls_fp_add(&e, &e, &a);           /* E = 3A */
    evm__bls_fp_sqr(&f, &e);
    evm__bls_fp_mul(&r->z, &p->y, &p->z);
    evm__bls_fp_dbl(&r->z, &r->z);         /* Z3 = 2YZ */
    evm__bls_fp_sub(&r->x, &f, &d);
    evm__bls_fp_sub(&r->x, &r->x, &d);     /* X3 = F - 2D */
    evm__bls_fp_sub(&d, &d, &r->x);
    evm__bls_fp_mul(&d, &d, &e);
    evm__bls_fp_dbl(&c, &c);
    evm__bls_fp_dbl(&c, &c);
    evm__bls_fp_dbl(&c, &c);
    evm__bls_fp_sub(&r->y, &d, &c);        /* Y3 = E(D - X3) - 8C */
}

/* add-2007-bl with every special case: infinity, P == Q, P == -Q. r may alias. */
static void evm__bls_g1_add(evm__bls_g1 *r, const evm__bls_g1 *p, const evm__bls_g1 *q)
{
    evm__bls_fp z1z1, z2z2, u1, u2, s1, s2, h, i, j, rr, v;
    if (evm__bls_fp_is_zero(&p->z)) { *r = *q; return; }
    if (evm__bls_fp_is_zero(&q->z)) { *r = *p; return; }
    evm__bls_fp_sqr(&z1z1, &p->z);
    evm__bls_fp_sqr(&z2z2, &q->z);
    evm__bls_fp_mul(&u1, &p->x, &z2z2);
    evm__bls_fp_mul(&u2, &q->x, &z1z1);
    evm__bls_fp_mul(&s1, &p->y, &q->z);
    evm__bls_fp_mul(&s1, &s1, &z2z2);
    evm__bls_fp_mul(&s2, &q->y, &p->z);
    evm__bls_fp_mul(&s2, &s2, &z1z1);
    evm__bls_fp_sub(&h, &u2, &u1);
    evm__bls_fp_sub(&rr, &s2, &s1);
    if (evm__bls_fp_is_zero(&h)) {
        if (evm__bls_fp_is_zero(&rr)) evm__bls_g1_dbl(r, p);
        else evm__bls_g1_set_inf(r);
        return;
    }
    evm__bls_fp_dbl(&rr, &rr);
    evm__bls_fp_dbl(&i, &h);
    evm__bls_fp_sqr(&i, &i);                /* I = (2H)^2 */
    evm__bls_fp_mul(&j, &h, &i);            /* J = H I */
    evm__bls_fp_mul(&v, &u1, &i);           /* V = U1 I */
    evm__bls_fp_add(&z1z1, &z1z1, &z2z2);   /* Z3 = ((Z1 + Z2)^2 - Z1Z1 - Z2Z2) H */
    evm__bls_fp_add(&z2z2, &p->z, &q->z);
    evm__bls_fp_sqr(&z2z2, &z2z2);
    evm__bls_fp_sub(&z2z2, &z2z2, &z1z1);
    evm__bls_fp_mul(&r->z, &z2z2, &h);
    evm__bls_fp_sqr(&r->x, &rr);            /* X3 = r^2 - J - 2V */
    evm__bls_fp_sub(&r->x, &r->x, &j);
    evm__bls_fp_sub(&r->x, &r->x, &v);
    evm__bls_fp_sub(&r->x, &r->x, &v);
    evm__bls_fp_sub(&v, &v, &r->x);         /* Y3 = r(V - X3) - 2 S1 J */
    evm__bls_fp_mul(&v, &v, &rr);
    evm__bls_fp_mul(&s1, &s1, &j);
    evm__bls_fp_dbl(&s1, &s1);
    evm__bls_fp_sub(&r->y, &v, &s1);
}

/* madd-2007-bl: r = p + q with q affine. r may alias p. */
static void evm__bls_g1_add_affine(evm__bls_g1 *r, const evm__bls_g1 *p, const evm__bls_g1a *q)
{
    evm__bls_fp z1z1, u2, s2, h, hh, i, j, rr, v;
    if (q->inf) { *r = *p; return; }
    if (evm__bls_fp_is_zero(&p->z)) { evm__bls_g1_from_affine(r, q); return; }
    evm__bls_fp_sqr(&z1z1, &p->z);
    evm__bls_fp_mul(&u2, &q->x, &z1z1);
    evm__bls_fp_mul(&s2, &q->y, &p->z);
    evm__bls_fp_mul(&s2, &s2, &z1z1);
    evm__bls_fp_sub(&h, &u2, &p->x);
    evm__bls_fp_sub(&rr, &s2, &p->y);
    if (evm__bls_fp_is_zero(&h)) {
        if (evm__bls_fp_is_zero(&rr)) evm__bls_g1_dbl(r, p);
        else evm__bls_g1_set_inf(r);
        return;
    }
    evm__bls_fp_dbl(&rr, &rr);
    evm__bls_fp_sqr(&hh, &h);
    evm__bls_fp_dbl(&i, &hh);
    evm__bls_fp_dbl(&i, &i);                /* I = 4 HH */
    evm__bls_fp_mul(&j, &h, &i);
    evm__bls_fp_mul(&v, &p->x, &i);
    evm__bls_fp_add(&u2, &p->z, &h);        /* Z3 = (Z1 + H)^2 - Z1Z1 - HH */
    evm__bls_fp_sqr(&u2, &u2);
    evm__bls_fp_sub(&u2, &u2, &z1z1);
    evm__bls_fp_sub(&r->z, &u2, &hh);
    evm__bls_fp_mul(&s2, &p->y, &j);        /* 2 Y1 J, before Y1 can be overwritten */
    evm__bls_fp_dbl(&s2, &s2);
    evm__bls_fp_sqr(&r->x, &rr);
    evm__bls_fp_sub(&r->x, &r->x, &j);
    evm__bls_fp_sub(&r->x, &r->x, &v);
    evm__bls_fp_sub(&r->x, &r->x, &v);
    evm__bls_fp_sub(&v, &v, &r->x);
    evm__bls_fp_mul(&v, &v, &rr);
    evm__bls_fp_sub(&r->y, &v, &s2);
}

static void evm__bls_g1_to_affine(evm__bls_g1a *r, const evm__bls_g1 *p)
{
    evm__bls_fp zi, zi2;
    if (evm__bls_fp_is_zero(&p->z)) {
        r->inf = true;
        r->x = evm__bls_one;
        r->y = evm__bls_one;
        return;
    }
    evm__bls_fp_inv(&zi, &p->z);
    evm__bls_fp_sqr(&zi2, &zi);
    evm__bls_fp_mul(&r->x, &p->x, &zi2);
    evm__bls_fp_mul(&zi2, &zi2, &zi);
    evm__bls_fp_mul(&r->y, &p->y, &zi2);
    r->inf = false;
}

/* r = [|x|] p, |x| = 0xd201000000010000. r may alias p. */
static void evm__bls_g1_mul_x(evm__bls_g1 *r, const evm__bls_g1 *p)
{
    evm__bls_g1 acc = *p;
    int i;
    for (i = 62; i >= 0; i--) {
        evm__bls_g1_dbl(&acc, &acc);
        if ((EVM__BLS_X >> i) & 1) evm__bls_g1_add(&acc, &acc, p);
    }
    *r = acc;
}

/* Membership in the order-r subgroup (Scott, eprint 2021/1130, proof in 2022/352):
   on the curve, P is in G1 iff phi(P) = (beta x, y) equals [-x^2] P. */
static bool evm__bls_g1_in_subgroup(const evm__bls_g1a *p)
{
    evm__bls_g1 t;
    evm__bls_fp z2, a, b;
    if (p->inf) return true;
    evm__bls_g1_from_affine(&t, p);
    evm__bls_g1_mul_x(&t, &t);
    evm__bls_g1_mul_x(&t, &t);                /* [x^2] P = (X, Y, Z) */
    if (evm__bls_fp_is_zero(&t.z)) return false;
    /* beta x == X / Z^2 and y == -Y / Z^3 */
    evm__bls_fp_sqr(&z2, &t.z);
    evm__bls_fp_mul(&a, &p->x, &evm__bls_beta);
    evm__bls_fp_mul(&a, &a, &z2);
    if (!evm__bls_fp_eq(&a, &t.x)) return false;
    evm__bls_fp_mul(&z2, &z2, &t.z);
    evm__bls_fp_mul(&a, &p->y, &z2);
    evm__bls_fp_neg(&b, &t.y);
    return evm__bls_fp_eq(&a, &b);
}

static EVM__BLS_UNUSED bool evm__bls_g1_on_curve(const evm__bls_g1a *p)
{
    evm__bls_fp l, r;
    if (p->inf) return true;
    evm__bls_fp_sqr(&l, &p->y);
    evm__bls_fp_sqr(&r, &p->x);
    evm__bls_fp_mul(&r, &r, &p->x);
    evm__bls_fp_add(&r, &r, &evm__bls_b);
    return evm__bls_fp_eq(&l, &r);
}

/* Compressed G1 (ZCash format): flag bits 0x80 compressed (required), 0x40 infinity
   (then every other bit is zero), 0x20 sign (y is the larger of y, -y). The x below p,
   on the curve and in G1, or false. */
static EVM__BLS_NOINLINE bool evm__bls_g1_decompress(evm__bls_g1a *r, const uint8_t in[48])
{
    uint8_t buf[48];
    evm__bls_fp rhs;
    int i;
    if (!(in[0] & 0x80)) return false;
    if (in[0] & 0x40) {
        if (in[0] & 0x3f) return false;
        for (i = 1; i < 48; i++) if (in[i]) return false;
        r->inf = true;
        r->x = evm__bls_one;
        r->y = evm__bls_one;
        return true;
    }
    for (i = 0; i < 48; i++) buf[i] = in[i];
    buf[0] &= 0x1f;
    if (!evm__bls_fp_from_be(&r->x, buf)) return false;
    evm__bls_fp_sqr(&rhs, &r->x);
    evm__bls_fp_mul(&rhs, &rhs, &r->x);
    evm__bls_fp_add(&rhs, &rhs, &evm__bls_b);
    if (!evm__bls_fp_sqrt(&r->y, &rhs)) return false;
    if (evm__bls_fp_is_larger(&r->y) != ((in[0] & 0x20) != 0)) evm__bls_fp_neg(&r->y, &r->y);
    r->inf = false;
    return evm__bls_g1_in_subgroup(r);
}

/* Bit i (0 = least significant) of a 32-byte big-endian scalar. */
static int evm__kzg_scalar_bit(const uint8_t s[32], int i)
{
    return (s[31 - i / 8] >> (i % 8)) & 1;
}

/* r = [a] p + [b] q for scalars below 2^255 (Straus-Shamir: one chain of doublings). */
static EVM__BLS_NOINLINE void evm__bls_g1_mul2(evm__bls_g1 *r, const evm__bls_g1a *p,
                                               const uint8_t a[32], const evm__bls_g1a *q,
                                               const uint8_t b[32])
{
    evm__bls_g1 acc, pq;
    int i;
    evm__bls_g1_from_affine(&pq, p);
    evm__bls_g1_add_affine(&pq, &pq, q);
    evm__bls_g1_set_inf(&acc);
    for (i = 254; i >= 0; i--) {
        int ba = evm__kzg_scalar_bit(a, i), bb = evm__kzg_scalar_bit(b, i);
        evm__bls_g1_dbl(&acc, &acc);
        if (ba && bb) evm__bls_g1_add(&acc, &acc, &pq);
        else if (ba) evm__bls_g1_add_affine(&acc, &acc, p);
        else if (bb) evm__bls_g1_add_affine(&acc, &acc, q);
    }
    *r = acc;
}

/* ---------------------------------------------------------------------------------
   G2: y^2 = x^3 + 4(u + 1) over Fp2 (the M-type sextic twist).
   --------------------------------------------------------------------------------- */

static void evm__bls_g2_from_consts(evm__bls_g2a *r, const evm__bls_fp c[4])
{
    evm__bls_fp_to_mont(&r->x.c0, &c[0]);
    evm__bls_fp_to_mont(&r->x.c1, &c[1]);
    evm__bls_fp_to_mont(&r->y.c0, &c[2]);
    evm__bls_fp_to_mont(&r->y.c1, &c[3]);
    r->inf = false;
}

static EVM__BLS_UNUSED bool evm__bls_g2_on_curve(const evm__bls_g2a *p)
{
    evm__bls_fp2 l, r, b;
    if (p->inf) return true;
    b.c0 = evm__bls_b;
    b.c1 = evm__bls_b;
    evm__bls_fp2_sqr(&l, &p->y);
    evm__bls_fp2_sqr(&r, &p->x);
    evm__bls_fp2_mul(&r, &r, &p->x);
    evm__bls_fp2_add(&r, &r, &b);
    return evm__bls_fp2_eq(&l, &r);
}

/* Compressed G2 (ZCash format: flags in byte 0, then x.c1, then x.c0; the sign compares
   y.c1 first, y.c0 if y.c1 is zero). Checks the encoding and the curve, not the
   subgroup (the one G2 point used here is a constant; the tests check it). */
static EVM__BLS_UNUSED bool evm__bls_g2_decompress(evm__bls_g2a *r, const uint8_t in[96])
{
    uint8_t buf[48];
    evm__bls_fp2 rhs, b;
    bool larger;
    int i;
    if (!(in[0] & 0x80)) return false;
    if (in[0] & 0x40) {
        if (in[0] & 0x3f) return false;
        for (i = 1; i < 96; i++) if (in[i]) return false;
        r->inf = true;
        r->x.c0 = r->x.c1 = r->y.c0 = r->y.c1 = evm__bls_one;
        return true;
    }
    for (i = 0; i < 48; i++) buf[i] = in[i];
    buf[0] &= 0x1f;
    if (!evm__bls_fp_from_be(&r->x.c1, buf)) return false;
    if (!evm__bls_fp_from_be(&r->x.c0, in + 48)) return false;
    b.c0 = evm__bls_b;
    b.c1 = evm__bls_b;
    evm__bls_fp2_sqr(&rhs, &r->x);
    evm__bls_fp2_mul(&rhs, &rhs, &r->x);
    evm__bls_fp2_add(&rhs, &rhs, &b);
    if (!evm__bls_fp2_sqrt(&r->y, &rhs)) return false;
    larger = evm__bls_fp_is_zero(&r->y.c1) ? evm__bls_fp_is_larger(&r->y.c0)
                                           : evm__bls_fp_is_larger(&r->y.c1);
    if (larger != ((in[0] & 0x20) != 0)) evm__bls_fp2_neg(&r->y, &r->y);
    r->inf = false;
    return true;
}

/* ---------------------------------------------------------------------------------
   Pairing: optimal ate Miller loop with G2 in Jacobian coordinates (Costello, Lange
   and Naehrig, eprint 2010/354, algorithms 26 and 27, as adapted by zkcrypto), lines
   evaluated at the affine G1 point.
   --------------------------------------------------------------------------------- */

/* T = 2T; line coefficients (l4 before the y of P, l1 before the x of P, l0). */
static EVM__BLS_NOINLINE void evm__bls_dbl_step(evm__bls_g2 *t, evm__bls_fp2 *l4, evm__bls_fp2 *l1,
                                                evm__bls_fp2 *l0)
{
    evm__bls_fp2 t0, t1, t2, t3, t4, t5, t6, zz;
    evm__bls_fp2_sqr(&t0, &t->x);
    evm__bls_fp2_sqr(&t1, &t->y);
    evm__bls_fp2_sqr(&t2, &t1);
    evm__bls_fp2_add(&t3, &t1, &t->x);
    evm__bls_fp2_sqr(&t3, &t3);
    evm__bls_fp2_sub(&t3, &t3, &t0);
    evm__bls_fp2_sub(&t3, &t3, &t2);
    evm__bls_fp2_dbl(&t3, &t3);
    evm__bls_fp2_dbl(&t4, &t0);
    evm__bls_fp2_add(&t4, &t4, &t0);
    evm__bls_fp2_add(&t6, &t->x, &t4);
    evm__bls_fp2_sqr(&t5, &t4);
    evm__bls_fp2_sqr(&zz, &t->z);
    evm__bls_fp2_sub(&t->x, &t5, &t3);
    evm__bls_fp2_sub(&t->x, &t->x, &t3);
    evm__bls_fp2_add(&t->z, &t->z, &t->y);
    evm__bls_fp2_sqr(&t->z, &t->z);
    evm__bls_fp2_sub(&t->z, &t->z, &t1);
    evm__bls_fp2_sub(&t->z, &t->z, &zz);
    evm__bls_fp2_sub(&t->y, &t3, &t->x);
    evm__bls_fp2_mul(&t->y, &t->y, &t4);
    evm__bls_fp2_dbl(&t2, &t2);
    evm__bls_fp2_dbl(&t2, &t2);
    evm__bls_fp2_dbl(&t2, &t2);
    evm__bls_fp2_sub(&t->y, &t->y, &t2);
    evm__bls_fp2_mul(&t3, &t4, &zz);
    evm__bls_fp2_dbl(&t3, &t3);
    evm__bls_fp2_neg(l1, &t3);
    evm__bls_fp2_sqr(&t6, &t6);
    evm__bls_fp2_sub(&t6, &t6, &t0);
    evm__bls_fp2_sub(&t6, &t6, &t5);
    evm__bls_fp2_dbl(&t1, &t1);
    evm__bls_fp2_dbl(&t1, &t1);
    evm__bls_fp2_sub(l0, &t6, &t1);
    evm__bls_fp2_mul(&t0, &t->z, &zz);
    evm__bls_fp2_dbl(l4, &t0);
}

/* T = T + Q (Q affine); line coefficients as for the doubling. */
static EVM__BLS_NOINLINE void evm__bls_add_step(evm__bls_g2 *t, const evm__bls_g2a *q,
                                                evm__bls_fp2 *l4, evm__bls_fp2 *l1,
                                                evm__bls_fp2 *l0)
{
    evm__bls_fp2 zz, yy, t0, t1, t2, t3, t4, t5, t6, t7, t9;
    evm__bls_fp2_sqr(&zz, &t->z);
    evm__bls_fp2_sqr(&yy, &q->y);
    evm__bls_fp2_mul(&t0, &zz, &q->x);
    evm__bls_fp2_add(&t1, &q->y, &t->z);
    evm__bls_fp2_sqr(&t1, &t1);
    evm__bls_fp2_sub(&t1, &t1, &yy);
    evm__bls_fp2_sub(&t1, &t1, &zz);
    evm__bls_fp2_mul(&t1, &t1, &zz);
    evm__bls_fp2_sub(&t2, &t0, &t->x);
    evm__bls_fp2_sqr(&t3, &t2);
    evm__bls_fp2_dbl(&t4, &t3);
    evm__bls_fp2_dbl(&t4, &t4);
    evm__bls_fp2_mul(&t5, &t4, &t2);
    evm__bls_fp2_sub(&t6, &t1, &t->y);
    evm__bls_fp2_sub(&t6, &t6, &t->y);
    evm__bls_fp2_mul(&t9, &t6, &q->x);
    evm__bls_fp2_mul(&t7, &t4, &t->x);
    evm__bls_fp2_sqr(&t->x, &t6);
    evm__bls_fp2_sub(&t->x, &t->x, &t5);
    evm__bls_fp2_sub(&t->x, &t->x, &t7);
    evm__bls_fp2_sub(&t->x, &t->x, &t7);
    evm__bls_fp2_add(&t->z, &t->z, &t2);
    evm__bls_fp2_sqr(&t->z, &t->z);
    evm__bls_fp2_sub(&t->z, &t->z, &zz);
    evm__bls_fp2_sub(&t->z, &t->z, &t3);
    evm__bls_fp2_sub(&t7, &t7, &t->x);
    evm__bls_fp2_mul(&t7, &t7, &t6);        /* t8 */
    evm__bls_fp2_mul(&t0, &t->y, &t5);
    evm__bls_fp2_dbl(&t0, &t0);
    evm__bls_fp2_sub(&t->y, &t7, &t0);
    evm__bls_fp2_add(&t0, &q->y, &t->z);    /* t10 */
    evm__bls_fp2_sqr(&t0, &t0);
    evm__bls_fp2_sub(&t0, &t0, &yy);
    evm__bls_fp2_sqr(&t1, &t->z);
    evm__bls_fp2_sub(&t0, &t0, &t1);
    evm__bls_fp2_dbl(&t9, &t9);
    evm__bls_fp2_sub(l0, &t9, &t0);
    evm__bls_fp2_dbl(l4, &t->z);
    evm__bls_fp2_neg(&t6, &t6);
    evm__bls_fp2_dbl(l1, &t6);
}

/* f *= the line at P. */
static EVM__BLS_NOINLINE void evm__bls_ell(evm__bls_fp12 *f, const evm__bls_fp2 *l4,
                                           const evm__bls_fp2 *l1, const evm__bls_fp2 *l0,
                                           const evm__bls_g1a *p)
{
    evm__bls_fp2 a, b;
    evm__bls_fp2_mul_fp(&a, l4, &p->y);
    evm__bls_fp2_mul_fp(&b, l1, &p->x);
    evm__bls_fp12_mul_by_014(f, l0, &b, &a);
}

/* f = prod over k < n (n <= 2) of the Miller loop of (p[k], q[k]); no infinities. */
static EVM__BLS_NOINLINE void evm__bls_miller_loop(evm__bls_fp12 *f, const evm__bls_g1a *p,
                                                   const evm__bls_g2a *q, int n)
{
    evm__bls_g2 t[2];
    evm__bls_fp2 l4, l1, l0;
    int i, k;
    for (k = 0; k < n; k++) {
        t[k].x = q[k].x;
        t[k].y = q[k].y;
        t[k].z.c0 = evm__bls_one;
        for (i = 0; i < EVM__BLS_N; i++) t[k].z.c1.v[i] = 0;
    }
    evm__bls_fp12_one(f);
    /* bits of |x| below its top bit, the last one (a zero) after the loop */
    for (i = 61; i >= 0; i--) {
        for (k = 0; k < n; k++) {
            evm__bls_dbl_step(&t[k], &l4, &l1, &l0);
            evm__bls_ell(f, &l4, &l1, &l0, &p[k]);
        }
        if (((EVM__BLS_X >> 1) >> i) & 1) {
            for (k = 0; k < n; k++) {
                evm__bls_add_step(&t[k], &q[k], &l4, &l1, &l0);
                evm__bls_ell(f, &l4, &l1, &l0, &p[k]);
            }
        }
        evm__bls_fp12_sqr(f, f);
    }
    for (k = 0; k < n; k++) {
        evm__bls_dbl_step(&t[k], &l4, &l1, &l0);
        evm__bls_ell(f, &l4, &l1, &l0, &p[k]);
    }
    evm__bls_fp12_conj(f, f);             /* x < 0 */
}

/* e(p, q), for the tests. */
static EVM__BLS_UNUSED void evm__bls_pairing(evm__bls_fp12 *r, const evm__bls_g1a *p,
                                             const evm__bls_g2a *q)
{
    if (p->inf || q->inf) { evm__bls_fp12_one(r); return; }
    evm__bls_miller_loop(r, p, q, 1);
    evm__bls_final_exp(r);
}

/* ---------------------------------------------------------------------------------
   KZG
   --------------------------------------------------------------------------------- */

static bool evm__kzg_scalar_canonical(const uint8_t s[32])
{
    int i;
    for (i = 0; i < 32; i++) {
        if (s[i] != evm__kzg_r_be[i]) return s[i] < evm__kzg_r_be[i];
    }
    return false;                         /* equal to r */
}

/* Decode the inputs and fold the scalars into G1: p[0] = C - [y]G1 + [z]proof,
   p[1] = -proof. False for any invalid input. Out of line so that its locals are gone
   before the pairing runs. */
static EVM__BLS_NOINLINE bool evm__kzg_prepare(evm__bls_g1a p[2], const uint8_t commitment[48],
                                               const uint8_t z[32], const uint8_t y[32],
                                               const uint8_t proof[48])
{
    evm__bls_g1a c, g;
    evm__bls_g1 acc;
    if (!evm__kzg_scalar_canonical(z) || !evm__kzg_scalar_canonical(y)) return false;
    if (!evm__bls_g1_decompress(&c, commitment)) return false;
    if (!evm__bls_g1_decompress(&p[1], proof)) return false;
    evm__bls_fp_to_mont(&g.x, &evm__bls_g1_gen[0]);
    evm__bls_fp_to_mont(&g.y, &evm__bls_g1_gen[1]);
    evm__bls_fp_neg(&g.y, &g.y);          /* -G1 */
    g.inf = false;
    evm__bls_g1_mul2(&acc, &p[1], z, &g, y);
    evm__bls_g1_add_affine(&acc, &acc, &c);
    evm__bls_g1_to_affine(&p[0], &acc);
    evm__bls_fp_neg(&p[1].y, &p[1].y);
    return true;
}

/* f = the Miller loops of (p[0], G2) and (p[1], [tau]G2), skipping pairs with a point at
   infinity (their pairing is 1); false if both are skipped. */
static EVM__BLS_NOINLINE bool evm__kzg_miller(evm__bls_fp12 *f, evm__bls_g1a p[2],
                                              const evm__bls_g2a *tau_g2)
{
    evm__bls_g2a q[2];
    int n = 0;
    if (!p[0].inf) {
        evm__bls_g2_from_consts(&q[0], evm__bls_g2_gen);
        n++;
    }
    if (!p[1].inf && !tau_g2->inf) {
        p[n] = p[1];
        q[n] = *tau_g2;
        n++;
    }
    if (n == 0) return false;
    evm__bls_miller_loop(f, p, q, n);
    return true;
}

/* The check with an arbitrary [tau]G2 (the tests use setups with a known tau):
   e(C - [y]G1 + [z]proof, G2) * e(-proof, [tau]G2) == 1. */
static bool evm__kzg_verify(const uint8_t commitment[48], const uint8_t z[32], const uint8_t y[32],
                            const uint8_t proof[48], const evm__bls_g2a *tau_g2)
{
    evm__bls_g1a p[2];
    evm__bls_fp12 f;
    if (!evm__kzg_prepare(p, commitment, z, y, proof)) return false;
    if (!evm__kzg_miller(&f, p, tau_g2)) return true;   /* 1 == 1 */
    evm__bls_final_exp(&f);
    return evm__bls_fp12_is_one(&f);
}

EVM_API bool EVM_ACCELERATED(evm_kzg_verify_proof)(const uint8_t commitment[48], const uint8_t z[32],
                                  const uint8_t y[32], const uint8_t proof[48])
{
    evm__bls_g2a tau;
    evm__bls_g2_from_consts(&tau, evm__bls_tau_g2);
    return evm__kzg_verify(commitment, z, y, proof, &tau);
}

#endif /* EVM_IMPLEMENTATION && !EVM_KZG_IMPLEMENTED */
