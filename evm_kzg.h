/* evm_kzg.h - the KZG proof check behind the EIP-4844 point-evaluation precompile
   (address 0x0a). Part of the header-only EVM; usable on its own. The curve and the
   pairing are evm_bls12381.h's, which must sit beside this file.

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

     The field tower, the groups and the optimal-ate pairing are those of
     evm_bls12381.h. The check
         e(C - [y]G1, G2) == e(proof, [tau]G2 - [z]G2)
     is evaluated as the equivalent
         e(C - [y]G1 + [z]proof, G2) * e(-proof, [tau]G2) == 1
     so both scalar multiplications happen in G1 (cheaper than G2) and the two Miller
     loops share their squarings and one final exponentiation.

     Inputs are public, so nothing here is constant time.

   PORTABILITY
     C99. Includes only <stdint.h>, <stddef.h>, <stdbool.h>; calls no library function,
     allocates nothing, keeps no mutable global state (only static const tables, and on
     x86-64 evm_field.h's one flag caching whether the CPU has ADX/BMI2) and
     does not recurse. Bytes are read one at a time, never punned into limbs, so the code
     is endianness-independent. Compilers may still emit memcpy/memset for large
     structure copies (clang does), as they may in any C code: freestanding users
     provide those symbols.

   COST (x86-64, one evm_kzg_verify_proof, bench/bench_kzg.c)
     time       about 1.5 ms with clang -O2, 2 ms with gcc -O2 (64-bit limbs), so
                30-40 ns per gas of the 50000; 4.5-5 ms with EVM_NO_INT128 (12.5 ms on
                i386). Thread CPU time on a shared 2-core EPYC VM, measured before the
                arithmetic moved to evm_bls12381.h, whose inversion and add/sub changes
                cut the instructions of one check from 34.6 to 23.3 million (callgrind).
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
#include "evm_bls12381.h"

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