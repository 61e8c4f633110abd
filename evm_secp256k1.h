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
     with the GLV endomorphism: one chain of about 129 doublings with width-7 NAF additions
     from static tables of odd multiples of G and of lambda*G = (beta*x, y), and width-5
     NAF additions from tables of odd multiples of R and lambda*R made per call, every
     addition a mixed one (Jacobian + affine): R's multiples are made affine over a common
     z without an inversion (see evm__secp_mul2). The base field is not in Montgomery form:
     products are reduced with 2^256 = 2^32 + 977 (mod p), x86-64 assembly for the 512-bit
     product where evm_field.h has it; square root and inverse by addition chains; the
     scalar arithmetic mod n is evm_field.h's Montgomery code. About 500,000 instructions
     per recovery on x86-64 (callgrind; 1,470,000 before these changes). Nothing is
     constant time: every input is public.
     Peak C stack use: about 3.5 KiB (measured with tests/small_stack.h: x86-64 gcc -O2
     3.5 KiB, clang -O2 3.4 KiB, i386 gcc -O2 4.4 KiB), no recursion.

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

/* ---- the base field: p = 2^256 - c with c = 2^32 + 977 ----------------------------------
   Elements are plain residues below p (not Montgomery form): a product is the 512-bit
   schoolbook product folded twice by 2^256 = c (mod p), about half the work of the
   Montgomery reduction, which cannot use p's shape. Addition, subtraction and negation
   are the field core's (they only need p). */

/* The field core's modulus struct, read here only for p (add, sub, neg) and for one (the
   z of an affine point and of the point at infinity), which is 1: no Montgomery form. */
static const evm__mont256 evm__secp_fp = {
    { { EVM__F_W(0xfffffffefffffc2fULL), EVM__F_W(0xffffffffffffffffULL),
        EVM__F_W(0xffffffffffffffffULL), EVM__F_W(0xffffffffffffffffULL) } },
    { { EVM__F_W(0x0000000000000000ULL), EVM__F_W(0x0000000000000000ULL),
        EVM__F_W(0x0000000000000000ULL), EVM__F_W(0x0000000000000000ULL) } },
    { { EVM__F_W(0x0000000000000001ULL), EVM__F_W(0x0000000000000000ULL),
        EVM__F_W(0x0000000000000000ULL), EVM__F_W(0x0000000000000000ULL) } },
    0
};

#define EVM__SECP_N EVM__F_LIMBS(4)
/* c = 2^32 + 977 as c0 + c1 2^limb: one limb (c1 = 0) with 64-bit limbs, two with 32 */
#if EVM__F_BITS == 64
#define EVM__SECP_C0 ((evm__limb)0x1000003d1ULL)
#define EVM__SECP_C1 0
#else
#define EVM__SECP_C0 ((evm__limb)977)
#define EVM__SECP_C1 1
#endif

/* x86-64 (EVM__F_ASM, see evm_field.h): the 512-bit product and square by columns
   (product scanning) with a three-register accumulator, mul/add/adc/adc per limb product,
   and the two folds. About 150 instructions per product against 250 for gcc's code from
   the C below (callgrind); the time is about the same (the carry chains' latency bounds
   both), so this mostly matters on narrower cores. */
#if EVM__F_ASM
#define EVM__SECP_ASM_MUL \
    "movq 0(%[a]), %%rax\n\t" \
    "mulq 0(%[b])\n\t" \
    "movq %%rax, %[x0]\n\t" \
    "movq %%rdx, %[x1]\n\t" \
    "xorl %k[x2], %k[x2]\n\t" \
    "movq %[x0], 0(%[t])\n\t" \
    "xorl %k[x0], %k[x0]\n\t" \
    "movq 0(%[a]), %%rax\n\t" \
    "mulq 8(%[b])\n\t" \
    "addq %%rax, %[x1]\n\t" \
    "adcq %%rdx, %[x2]\n\t" \
    "adcq $0, %[x0]\n\t" \
    "movq 8(%[a]), %%rax\n\t" \
    "mulq 0(%[b])\n\t" \
    "addq %%rax, %[x1]\n\t" \
    "adcq %%rdx, %[x2]\n\t" \
    "adcq $0, %[x0]\n\t" \
    "movq %[x1], 8(%[t])\n\t" \
    "xorl %k[x1], %k[x1]\n\t" \
    "movq 0(%[a]), %%rax\n\t" \
    "mulq 16(%[b])\n\t" \
    "addq %%rax, %[x2]\n\t" \
    "adcq %%rdx, %[x0]\n\t" \
    "adcq $0, %[x1]\n\t" \
    "movq 8(%[a]), %%rax\n\t" \
    "mulq 8(%[b])\n\t" \
    "addq %%rax, %[x2]\n\t" \
    "adcq %%rdx, %[x0]\n\t" \
    "adcq $0, %[x1]\n\t" \
    "movq 16(%[a]), %%rax\n\t" \
    "mulq 0(%[b])\n\t" \
    "addq %%rax, %[x2]\n\t" \
    "adcq %%rdx, %[x0]\n\t" \
    "adcq $0, %[x1]\n\t" \
    "movq %[x2], 16(%[t])\n\t" \
    "xorl %k[x2], %k[x2]\n\t" \
    "movq 0(%[a]), %%rax\n\t" \
    "mulq 24(%[b])\n\t" \
    "addq %%rax, %[x0]\n\t" \
    "adcq %%rdx, %[x1]\n\t" \
    "adcq $0, %[x2]\n\t" \
    "movq 8(%[a]), %%rax\n\t" \
    "mulq 16(%[b])\n\t" \
    "addq %%rax, %[x0]\n\t" \
    "adcq %%rdx, %[x1]\n\t" \
    "adcq $0, %[x2]\n\t" \
    "movq 16(%[a]), %%rax\n\t" \
    "mulq 8(%[b])\n\t" \
    "addq %%rax, %[x0]\n\t" \
    "adcq %%rdx, %[x1]\n\t" \
    "adcq $0, %[x2]\n\t" \
    "movq 24(%[a]), %%rax\n\t" \
    "mulq 0(%[b])\n\t" \
    "addq %%rax, %[x0]\n\t" \
    "adcq %%rdx, %[x1]\n\t" \
    "adcq $0, %[x2]\n\t" \
    "movq %[x0], 24(%[t])\n\t" \
    "xorl %k[x0], %k[x0]\n\t" \
    "movq 8(%[a]), %%rax\n\t" \
    "mulq 24(%[b])\n\t" \
    "addq %%rax, %[x1]\n\t" \
    "adcq %%rdx, %[x2]\n\t" \
    "adcq $0, %[x0]\n\t" \
    "movq 16(%[a]), %%rax\n\t" \
    "mulq 16(%[b])\n\t" \
    "addq %%rax, %[x1]\n\t" \
    "adcq %%rdx, %[x2]\n\t" \
    "adcq $0, %[x0]\n\t" \
    "movq 24(%[a]), %%rax\n\t" \
    "mulq 8(%[b])\n\t" \
    "addq %%rax, %[x1]\n\t" \
    "adcq %%rdx, %[x2]\n\t" \
    "adcq $0, %[x0]\n\t" \
    "movq %[x1], 32(%[t])\n\t" \
    "xorl %k[x1], %k[x1]\n\t" \
    "movq 16(%[a]), %%rax\n\t" \
    "mulq 24(%[b])\n\t" \
    "addq %%rax, %[x2]\n\t" \
    "adcq %%rdx, %[x0]\n\t" \
    "adcq $0, %[x1]\n\t" \
    "movq 24(%[a]), %%rax\n\t" \
    "mulq 16(%[b])\n\t" \
    "addq %%rax, %[x2]\n\t" \
    "adcq %%rdx, %[x0]\n\t" \
    "adcq $0, %[x1]\n\t" \
    "movq %[x2], 40(%[t])\n\t" \
    "xorl %k[x2], %k[x2]\n\t" \
    "movq 24(%[a]), %%rax\n\t" \
    "mulq 24(%[b])\n\t" \
    "addq %%rax, %[x0]\n\t" \
    "adcq %%rdx, %[x1]\n\t" \
    "adcq $0, %[x2]\n\t" \
    "movq %[x0], 48(%[t])\n\t" \
    "movq %[x1], 56(%[t])\n\t"
#define EVM__SECP_ASM_SQR \
    "movq 0(%[a]), %%rax\n\t" \
    "mulq %%rax\n\t" \
    "movq %%rax, %[x0]\n\t" \
    "movq %%rdx, %[x1]\n\t" \
    "xorl %k[x2], %k[x2]\n\t" \
    "movq %[x0], 0(%[t])\n\t" \
    "xorl %k[x0], %k[x0]\n\t" \
    "movq 0(%[a]), %%rax\n\t" \
    "mulq 8(%[a])\n\t" \
    "addq %%rax, %[x1]\n\t" \
    "adcq %%rdx, %[x2]\n\t" \
    "adcq $0, %[x0]\n\t" \
    "addq %%rax, %[x1]\n\t" \
    "adcq %%rdx, %[x2]\n\t" \
    "adcq $0, %[x0]\n\t" \
    "movq %[x1], 8(%[t])\n\t" \
    "xorl %k[x1], %k[x1]\n\t" \
    "movq 0(%[a]), %%rax\n\t" \
    "mulq 16(%[a])\n\t" \
    "addq %%rax, %[x2]\n\t" \
    "adcq %%rdx, %[x0]\n\t" \
    "adcq $0, %[x1]\n\t" \
    "addq %%rax, %[x2]\n\t" \
    "adcq %%rdx, %[x0]\n\t" \
    "adcq $0, %[x1]\n\t" \
    "movq 8(%[a]), %%rax\n\t" \
    "mulq %%rax\n\t" \
    "addq %%rax, %[x2]\n\t" \
    "adcq %%rdx, %[x0]\n\t" \
    "adcq $0, %[x1]\n\t" \
    "movq %[x2], 16(%[t])\n\t" \
    "xorl %k[x2], %k[x2]\n\t" \
    "movq 0(%[a]), %%rax\n\t" \
    "mulq 24(%[a])\n\t" \
    "addq %%rax, %[x0]\n\t" \
    "adcq %%rdx, %[x1]\n\t" \
    "adcq $0, %[x2]\n\t" \
    "addq %%rax, %[x0]\n\t" \
    "adcq %%rdx, %[x1]\n\t" \
    "adcq $0, %[x2]\n\t" \
    "movq 8(%[a]), %%rax\n\t" \
    "mulq 16(%[a])\n\t" \
    "addq %%rax, %[x0]\n\t" \
    "adcq %%rdx, %[x1]\n\t" \
    "adcq $0, %[x2]\n\t" \
    "addq %%rax, %[x0]\n\t" \
    "adcq %%rdx, %[x1]\n\t" \
    "adcq $0, %[x2]\n\t" \
    "movq %[x0], 24(%[t])\n\t" \
    "xorl %k[x0], %k[x0]\n\t" \
    "movq 8(%[a]), %%rax\n\t" \
    "mulq 24(%[a])\n\t" \
    "addq %%rax, %[x1]\n\t" \
    "adcq %%rdx, %[x2]\n\t" \
    "adcq $0, %[x0]\n\t" \
    "addq %%rax, %[x1]\n\t" \
    "adcq %%rdx, %[x2]\n\t" \
    "adcq $0, %[x0]\n\t" \
    "movq 16(%[a]), %%rax\n\t" \
    "mulq %%rax\n\t" \
    "addq %%rax, %[x1]\n\t" \
    "adcq %%rdx, %[x2]\n\t" \
    "adcq $0, %[x0]\n\t" \
    "movq %[x1], 32(%[t])\n\t" \
    "xorl %k[x1], %k[x1]\n\t" \
    "movq 16(%[a]), %%rax\n\t" \
    "mulq 24(%[a])\n\t" \
    "addq %%rax, %[x2]\n\t" \
    "adcq %%rdx, %[x0]\n\t" \
    "adcq $0, %[x1]\n\t" \
    "addq %%rax, %[x2]\n\t" \
    "adcq %%rdx, %[x0]\n\t" \
    "adcq $0, %[x1]\n\t" \
    "movq %[x2], 40(%[t])\n\t" \
    "xorl %k[x2], %k[x2]\n\t" \
    "movq 24(%[a]), %%rax\n\t" \
    "mulq %%rax\n\t" \
    "addq %%rax, %[x0]\n\t" \
    "adcq %%rdx, %[x1]\n\t" \
    "adcq $0, %[x2]\n\t" \
    "movq %[x0], 48(%[t])\n\t" \
    "movq %[x1], 56(%[t])\n\t"
EVM__F_K void evm__secp_mul512(evm__limb *t, const evm__limb *a, const evm__limb *b)
{
    uint64_t x0, x1, x2, ra, rd;
    __asm__ volatile(EVM__SECP_ASM_MUL
        : [x0] "=&r" (x0), [x1] "=&r" (x1), [x2] "=&r" (x2), "=&a" (ra), "=&d" (rd)
        : [a] "r" (a), [b] "r" (b), [t] "r" (t)
        : "cc", "memory");
}
EVM__F_K void evm__secp_sqr512(evm__limb *t, const evm__limb *a)
{
    uint64_t x0, x1, x2, ra, rd;
    __asm__ volatile(EVM__SECP_ASM_SQR
        : [x0] "=&r" (x0), [x1] "=&r" (x1), [x2] "=&r" (x2), "=&a" (ra), "=&d" (rd)
        : [a] "r" (a), [t] "r" (t)
        : "cc", "memory");
}
EVM__F_K evm__limb evm__secp_reduce_asm(evm__limb *r, const evm__limb *t)
{
    uint64_t r0, r1, r2, r3, x0, ra, rd;
    __asm__ volatile(
        "movq 32(%[t]), %%rax\n\t"
        "mulq %[c]\n\t"
        "addq 0(%[t]), %%rax\n\t"
        "adcq $0, %%rdx\n\t"
        "movq %%rax, %[r0]\n\t"
        "movq %%rdx, %[x0]\n\t"
        "movq 40(%[t]), %%rax\n\t"
        "mulq %[c]\n\t"
        "addq 8(%[t]), %%rax\n\t"
        "adcq $0, %%rdx\n\t"
        "addq %[x0], %%rax\n\t"
        "adcq $0, %%rdx\n\t"
        "movq %%rax, %[r1]\n\t"
        "movq %%rdx, %[x0]\n\t"
        "movq 48(%[t]), %%rax\n\t"
        "mulq %[c]\n\t"
        "addq 16(%[t]), %%rax\n\t"
        "adcq $0, %%rdx\n\t"
        "addq %[x0], %%rax\n\t"
        "adcq $0, %%rdx\n\t"
        "movq %%rax, %[r2]\n\t"
        "movq %%rdx, %[x0]\n\t"
        "movq 56(%[t]), %%rax\n\t"
        "mulq %[c]\n\t"
        "addq 24(%[t]), %%rax\n\t"
        "adcq $0, %%rdx\n\t"
        "addq %[x0], %%rax\n\t"
        "adcq $0, %%rdx\n\t"
        "movq %%rax, %[r3]\n\t"
        "movq %%rdx, %%rax\n\t"
        "mulq %[c]\n\t"
        "addq %%rax, %[r0]\n\t"
        "adcq %%rdx, %[r1]\n\t"
        "adcq $0, %[r2]\n\t"
        "adcq $0, %[r3]\n\t"
        "sbbq %[x0], %[x0]\n\t"
        : [r0] "=&r" (r0), [r1] "=&r" (r1), [r2] "=&r" (r2), [r3] "=&r" (r3),
          [x0] "=&r" (x0), "=&a" (ra), "=&d" (rd)
        : [t] "r" (t), [c] "r" ((uint64_t)0x1000003d1ULL)
        : "cc", "memory");
    r[0] = r0; r[1] = r1; r[2] = r2; r[3] = r3;
    return (evm__limb)x0;
}
#endif

/* r = a + top c over the limbs (c = 2^256 mod p = C1 2^64 + C0, top below 2^34): the fold
   of a value's part above 2^256; returns the last column, whose carry is above 2^256 */
EVM__F_K evm__dlimb evm__secp_fold(evm__limb *r, const evm__limb *a, evm__dlimb top)
{
    evm__dlimb c = top * EVM__SECP_C0 + a[0];
    int j;
    r[0] = (evm__limb)c;
    c = (c >> EVM__F_BITS) + a[1];
#if EVM__SECP_C1
    c += top;
#endif
    r[1] = (evm__limb)c;
    EVM__F_UNROLL
    for (j = 2; j < EVM__SECP_N; j++) {
        c = (c >> EVM__F_BITS) + a[j];
        r[j] = (evm__limb)c;
    }
    return c;
}

/* r = t mod p for a 2N-limb t (any value below 2^512). t = H 2^256 + L = H c + L (mod p),
   below 2^290; its part above 2^256 (below 2^34) folds the same way, which leaves a value
   below 2^256 + 2^68: one more fold of c if that carries out (for about 2^-188 of the
   inputs) and one subtraction of p if the result is not below p (about 2^-222): two
   branches that are as good as never taken. */
EVM__F_K void evm__secp_reduce(evm__limb *r, const evm__limb *t)
{
    evm__dlimb c = 0;
    evm__limb carry, ones;
    int j;
#if EVM__F_ASM
    carry = evm__secp_reduce_asm(r, t);
#else
    evm__dlimb top;
    EVM__F_UNROLL
    for (j = 0; j < EVM__SECP_N; j++) {
        c = (evm__dlimb)t[EVM__SECP_N + j] * EVM__SECP_C0 + t[j] + (c >> EVM__F_BITS);
#if EVM__SECP_C1
        if (j > 0) c += t[EVM__SECP_N + j - 1];
#endif
        r[j] = (evm__limb)c;
    }
    top = c >> EVM__F_BITS;
#if EVM__SECP_C1
    top += t[2 * EVM__SECP_N - 1];
#endif
    c = evm__secp_fold(r, r, top);
    carry = (evm__limb)(c >> EVM__F_BITS);
#endif
    if (carry) {                         /* 2^256 = c: r is below 2^68 here, no carry out */
        c = (evm__dlimb)r[0] + EVM__SECP_C0;
        r[0] = (evm__limb)c;
        c = (c >> EVM__F_BITS) + r[1] + EVM__SECP_C1;
        r[1] = (evm__limb)c;
        for (j = 2; j < EVM__SECP_N; j++) {
            c = (c >> EVM__F_BITS) + r[j];
            r[j] = (evm__limb)c;
        }
    }
    /* r >= p needs all the limbs of r that are all ones in p (every limb above the low
       64 bits) all ones */
    ones = r[EVM__SECP_N - 1];
    EVM__F_UNROLL
    for (j = 64 / EVM__F_BITS; j < EVM__SECP_N - 1; j++) ones &= r[j];
    if (ones == (evm__limb)~(evm__limb)0 && !evm__fk_lt(r, evm__secp_fp.p.v, EVM__SECP_N))
        evm__fk_sub_raw(r, r, evm__secp_fp.p.v, EVM__SECP_N);
}


/* r = a b mod p (a, b below 2^256; r may alias either) */
EVM__F_K void evm__secp_mul_k(evm__limb *r, const evm__limb *a, const evm__limb *b)
{
    evm__limb t[2 * EVM__SECP_N];
#if EVM__F_ASM
    evm__secp_mul512(t, a, b);
#else
    int i, j;
    EVM__F_UNROLL
    for (i = 0; i < 2 * EVM__SECP_N; i += 2) { t[i] = 0; t[i + 1] = 0; }
    EVM__F_UNROLL
    for (i = 0; i < EVM__SECP_N; i++) {
        evm__dlimb c = 0;
        evm__limb bi = b[i];
        EVM__F_UNROLL
        for (j = 0; j < EVM__SECP_N; j++) {
            c = (evm__dlimb)a[j] * bi + t[i + j] + (c >> EVM__F_BITS);
            t[i + j] = (evm__limb)c;
        }
        t[i + EVM__SECP_N] = (evm__limb)(c >> EVM__F_BITS);
    }
#endif
    evm__secp_reduce(r, t);
}

/* r = a^2 mod p: the cross products once, doubled, plus the squares */
EVM__F_K void evm__secp_sqr_k(evm__limb *r, const evm__limb *a)
{
    evm__limb t[2 * EVM__SECP_N];
#if EVM__F_ASM
    evm__secp_sqr512(t, a);
#else
    evm__dlimb c;
    int i, j;
    EVM__F_UNROLL
    for (i = 0; i < 2 * EVM__SECP_N; i += 2) { t[i] = 0; t[i + 1] = 0; }
    EVM__F_UNROLL
    for (i = 0; i < EVM__SECP_N - 1; i++) {
        c = 0;
        EVM__F_UNROLL
        for (j = i + 1; j < EVM__SECP_N; j++) {
            c = (evm__dlimb)a[i] * a[j] + t[i + j] + (c >> EVM__F_BITS);
            t[i + j] = (evm__limb)c;
        }
        t[i + EVM__SECP_N] = (evm__limb)(c >> EVM__F_BITS);
    }
    t[2 * EVM__SECP_N - 1] = t[2 * EVM__SECP_N - 2] >> (EVM__F_BITS - 1);
    EVM__F_UNROLL
    for (i = 2 * EVM__SECP_N - 2; i > 1; i--) t[i] = (t[i] << 1) | (t[i - 1] >> (EVM__F_BITS - 1));
    t[1] <<= 1;
    c = 0;
    EVM__F_UNROLL
    for (i = 0; i < EVM__SECP_N; i++) {
        evm__dlimb sq = (evm__dlimb)a[i] * a[i];
        c = (evm__dlimb)t[2 * i] + (evm__limb)sq + (c >> EVM__F_BITS);
        t[2 * i] = (evm__limb)c;
        c = (evm__dlimb)t[2 * i + 1] + (evm__limb)(sq >> EVM__F_BITS) + (c >> EVM__F_BITS);
        t[2 * i + 1] = (evm__limb)c;
    }
#endif
    evm__secp_reduce(r, t);
}

/* The field functions the curve layer (EVM__CURVE_DEFINE) calls, prefix evm__fsk: the
   product and square above, the rest the field core's (m is evm__secp_fp). */
EVM__F_FN void evm__fsk_mul(evm__fe256 *r, const evm__fe256 *a, const evm__fe256 *b,
                            const evm__mont256 *m)
{
    (void)m;
    evm__secp_mul_k(r->v, a->v, b->v);
}
EVM__F_FN void evm__fsk_sqr(evm__fe256 *r, const evm__fe256 *a, const evm__mont256 *m)
{
    (void)m;
    evm__secp_sqr_k(r->v, a->v);
}
#define evm__fsk_copy evm__f256_copy
#define evm__fsk_zero evm__f256_zero
#define evm__fsk_is_zero evm__f256_is_zero
#define evm__fsk_eq evm__f256_eq
#define evm__fsk_add evm__f256_add
#define evm__fsk_sub evm__f256_sub
#define evm__fsk_dbl evm__f256_dbl
#define evm__fsk_neg evm__f256_neg

/* r = a^(2^k - 1) chains: x_k = a^(2^k - 1) */
static void evm__secp_sqr_n(evm__fe256 *r, const evm__fe256 *a, int k)
{
    evm__fsk_sqr(r, a, &evm__secp_fp);
    while (--k > 0) evm__fsk_sqr(r, r, &evm__secp_fp);
}

/* x223 = a^(2^223 - 1) and x22, x2 on the way: the common head of the addition chains
   for a^(p-2) and a^((p+1)/4), whose binary forms both begin with 223 ones, a zero and
   22 ones (as libsecp256k1's chains; tests/test_secp256k1.c checks the results).
   222 squarings, 11 products. */
static void evm__secp_pow_head(evm__fe256 *x223, evm__fe256 *x22, evm__fe256 *x2,
                               const evm__fe256 *a)
{
    const evm__mont256 *m = &evm__secp_fp;
    evm__fe256 x3, x6, x11, x44, x88, t;
    evm__fsk_sqr(x2, a, m);
    evm__fsk_mul(x2, x2, a, m);
    evm__fsk_sqr(&x3, x2, m);
    evm__fsk_mul(&x3, &x3, a, m);
    evm__secp_sqr_n(&x6, &x3, 3);
    evm__fsk_mul(&x6, &x6, &x3, m);
    evm__secp_sqr_n(&t, &x6, 3);                     /* x9 */
    evm__fsk_mul(&t, &t, &x3, m);
    evm__secp_sqr_n(&x11, &t, 2);
    evm__fsk_mul(&x11, &x11, x2, m);
    evm__secp_sqr_n(x22, &x11, 11);
    evm__fsk_mul(x22, x22, &x11, m);
    evm__secp_sqr_n(&x44, x22, 22);
    evm__fsk_mul(&x44, &x44, x22, m);
    evm__secp_sqr_n(&x88, &x44, 44);
    evm__fsk_mul(&x88, &x88, &x44, m);
    evm__secp_sqr_n(&t, &x88, 88);                   /* x176 */
    evm__fsk_mul(&t, &t, &x88, m);
    evm__secp_sqr_n(&t, &t, 44);                     /* x220 */
    evm__fsk_mul(&t, &t, &x44, m);
    evm__secp_sqr_n(x223, &t, 3);
    evm__fsk_mul(x223, x223, &x3, m);
}

/* r = a^-1 = a^(p-2) (0 -> 0): 255 squarings, 15 products; r may alias a */
EVM__F_FN void evm__fsk_inv(evm__fe256 *r, const evm__fe256 *a, const evm__mont256 *m)
{
    evm__fe256 x223, x22, x2, t;
    evm__secp_pow_head(&x223, &x22, &x2, a);
    evm__secp_sqr_n(&t, &x223, 23);
    evm__fsk_mul(&t, &t, &x22, m);
    evm__secp_sqr_n(&t, &t, 5);
    evm__fsk_mul(&t, &t, a, m);
    evm__secp_sqr_n(&t, &t, 3);
    evm__fsk_mul(&t, &t, &x2, m);
    evm__secp_sqr_n(&t, &t, 2);
    evm__fsk_mul(r, &t, a, m);
}

/* r = a^((p+1)/4), a square root of a if a has one; returns whether r^2 = a. 253
   squarings, 13 products. r may alias a. */
static bool evm__fsk_sqrt(evm__fe256 *r, const evm__fe256 *a)
{
    const evm__mont256 *m = &evm__secp_fp;
    evm__fe256 x223, x22, x2, t;
    bool ok;
    evm__secp_pow_head(&x223, &x22, &x2, a);
    evm__secp_sqr_n(&t, &x223, 23);
    evm__fsk_mul(&t, &t, &x22, m);
    evm__secp_sqr_n(&t, &t, 6);
    evm__fsk_mul(&t, &t, &x2, m);
    evm__secp_sqr_n(&t, &t, 2);
    evm__fsk_sqr(&x2, &t, m);
    ok = evm__fsk_eq(&x2, a);
    evm__fsk_copy(r, &t);
    return ok;
}

/* points over this field: evm__jsk (Jacobian), evm__ask (affine), the curve layer's
   formulas for a = 0 (dbl, add, add_aff, to_aff, ...) */
EVM__CURVE_DEFINE(evm__jsk, evm__ask, evm__jsk, evm__fsk, evm__fe256, evm__mont256)

/* r = a k mod p for a small k (below 2^16), a below 2^256: one row of products and one
   fold of the top limb */
EVM__F_K void evm__secp_mulk_k(evm__limb *r, const evm__limb *a, evm__limb k)
{
    evm__limb t[EVM__SECP_N], ones;
    evm__dlimb c = 0, top;
    int j;
    EVM__F_UNROLL
    for (j = 0; j < EVM__SECP_N; j++) {
        c = (evm__dlimb)a[j] * k + (c >> EVM__F_BITS);
        t[j] = (evm__limb)c;
    }
    top = c >> EVM__F_BITS;                          /* below k */
    c = evm__secp_fold(r, t, top);
    if (c >> EVM__F_BITS) {                          /* r is below 2^50 here */
        c = (evm__dlimb)r[0] + EVM__SECP_C0;
        r[0] = (evm__limb)c;
        c = (c >> EVM__F_BITS) + r[1] + EVM__SECP_C1;
        r[1] = (evm__limb)c;
        for (j = 2; j < EVM__SECP_N; j++) {
            c = (c >> EVM__F_BITS) + r[j];
            r[j] = (evm__limb)c;
        }
    }
    ones = r[EVM__SECP_N - 1];
    EVM__F_UNROLL
    for (j = 64 / EVM__F_BITS; j < EVM__SECP_N - 1; j++) ones &= r[j];
    if (ones == (evm__limb)~(evm__limb)0 && !evm__fk_lt(r, evm__secp_fp.p.v, EVM__SECP_N))
        evm__fk_sub_raw(r, r, evm__secp_fp.p.v, EVM__SECP_N);
}
static void evm__fsk_mulk(evm__fe256 *r, const evm__fe256 *a, unsigned k)
{
    evm__secp_mulk_k(r->v, a->v, (evm__limb)k);
}

/* ---- the point formulas of the hot loop (a = 0), on evm__jsk / evm__ask -------------- */

/* r = 2p, 3M + 4S: the usual doubling (M = 3X^2, S = 4XY^2, X3 = M^2 - 2S,
   Y3 = M(S - X3) - 8Y^4, Z3 = 2YZ) with the point scaled by 1/2 (X by 1/4, Y by 1/8, Z by
   1/2): L = 3X^2 / 2, T = XY^2, X3 = L^2 - 2T, Y3 = L(T - X3) - Y^4, Z3 = YZ. The
   infinity (Z = 0) stays infinity; no point of this curve has Y = 0. r may alias p. */
static void evm__secp_dbl(evm__jsk *r, const evm__jsk *p)
{
    const evm__mont256 *m = &evm__secp_fp;
    evm__fe256 l, s, t, u;
    evm__fsk_sqr(&l, &p->x, m);
    evm__fsk_mulk(&l, &l, 3);
    evm__f256_half(&l, &l, m);                       /* L = 3X^2 / 2 */
    evm__fsk_sqr(&s, &p->y, m);                      /* Y^2 */
    evm__fsk_mul(&t, &p->x, &s, m);                  /* T = X Y^2 */
    evm__fsk_mul(&r->z, &p->y, &p->z, m);            /* before r->y is written */
    evm__fsk_sqr(&u, &l, m);
    evm__fsk_sub(&u, &u, &t, m);
    evm__fsk_sub(&r->x, &u, &t, m);                  /* X3 = L^2 - 2T */
    evm__fsk_sub(&t, &t, &r->x, m);
    evm__fsk_mul(&t, &t, &l, m);
    evm__fsk_sqr(&s, &s, m);
    evm__fsk_sub(&r->y, &t, &s, m);                  /* Y3 = L (T - X3) - Y^4 */
}

/* r = p + q for an affine q (Z2 = 1), 8M + 3S: H = X2 Z1^2 - X1, R = Y2 Z1^3 - Y1,
   X3 = R^2 - H^3 - 2 X1 H^2, Y3 = R (X1 H^2 - X3) - Y1 H^3, Z3 = Z1 H. *zr (if not NULL)
   gets H, the ratio Z3 / Z1 (only meaningful when the general formula ran). With
   qz (not NULL) q stands for the point (qx, qy, 1/qz) instead, i.e. Z1 counts as Z1 qz
   in the products with q and Z3 = Z1 H still (one more product; libsecp256k1's
   "add_zinv" trick for a table kept in other coordinates). Special cases: p infinite
   (r = q, brought to z = 1 with qz), p = q (doubling), p = -q (infinity). r may alias p. */
static void evm__secp_add_aff(evm__jsk *r, const evm__jsk *p, const evm__ask *q,
                              const evm__fe256 *qz, evm__fe256 *zr)
{
    const evm__mont256 *m = &evm__secp_fp;
    evm__fe256 z1, z1z1, u2, s2, h, rr, hh, hhh, v;
    if (evm__fsk_is_zero(&p->z)) {
        if (qz) {                                    /* (qx qz^2, qy qz^3, 1) */
            evm__fsk_sqr(&z1z1, qz, m);
            evm__fsk_mul(&r->x, &q->x, &z1z1, m);
            evm__fsk_mul(&z1z1, &z1z1, qz, m);
            evm__fsk_mul(&r->y, &q->y, &z1z1, m);
            evm__fsk_copy(&r->z, &m->one);
        } else {
            evm__jsk_from_aff(r, q, m);
        }
        return;
    }
    if (qz) evm__fsk_mul(&z1, &p->z, qz, m);
    else evm__fsk_copy(&z1, &p->z);
    evm__fsk_sqr(&z1z1, &z1, m);
    evm__fsk_mul(&u2, &q->x, &z1z1, m);
    evm__fsk_mul(&s2, &q->y, &z1z1, m);
    evm__fsk_mul(&s2, &s2, &z1, m);
    evm__fsk_sub(&h, &u2, &p->x, m);
    evm__fsk_sub(&rr, &s2, &p->y, m);
    if (evm__fsk_is_zero(&h)) {
        if (evm__fsk_is_zero(&rr)) evm__secp_dbl(r, p);
        else evm__jsk_set_inf(r, m);
        if (zr) evm__fsk_zero(zr);
        return;
    }
    if (zr) evm__fsk_copy(zr, &h);
    evm__fsk_sqr(&hh, &h, m);
    evm__fsk_mul(&hhh, &h, &hh, m);
    evm__fsk_mul(&v, &p->x, &hh, m);
    evm__fsk_mul(&s2, &p->y, &hhh, m);               /* Y1 H^3 */
    evm__fsk_mul(&r->z, &p->z, &h, m);               /* p is read no more: r may be p */
    evm__fsk_sqr(&r->x, &rr, m);
    evm__fsk_sub(&r->x, &r->x, &hhh, m);
    evm__fsk_sub(&r->x, &r->x, &v, m);
    evm__fsk_sub(&r->x, &r->x, &v, m);
    evm__fsk_sub(&v, &v, &r->x, m);
    evm__fsk_mul(&v, &v, &rr, m);
    evm__fsk_sub(&r->y, &v, &s2, m);
}

/* ---- the group order n: the field core's Montgomery arithmetic ------------------------- */
static const evm__mont256 evm__secp_n = {
    { { EVM__F_W(0xbfd25e8cd0364141ULL), EVM__F_W(0xbaaedce6af48a03bULL),
        EVM__F_W(0xfffffffffffffffeULL), EVM__F_W(0xffffffffffffffffULL) } },
    { { EVM__F_W(0x896cf21467d7d140ULL), EVM__F_W(0x741496c20e7cf878ULL),
        EVM__F_W(0xe697f5e45bcd07c6ULL), EVM__F_W(0x9d671cd581c69bc5ULL) } },
    { { EVM__F_W(0x402da1732fc9bebfULL), EVM__F_W(0x4551231950b75fc4ULL),
        EVM__F_W(0x0000000000000001ULL), EVM__F_W(0x0000000000000000ULL) } },
    (evm__limb)0x4b0dff665588b13fULL
};

/* 7, the curve's b */
static const evm__fe256 evm__secp_b = { {
    EVM__F_W(0x0000000000000007ULL), EVM__F_W(0x0000000000000000ULL),
    EVM__F_W(0x0000000000000000ULL), EVM__F_W(0x0000000000000000ULL) } };

#define EVM__SECP_G_WINDOW 7
/* (2i+1)G and (2i+1) lambda G = (beta x, y) for i = 0..31, affine
   (tests/test_secp256k1.c recomputes them) */
static const evm__ask evm__secp_g_table[1 << (EVM__SECP_G_WINDOW - 2)] = {
    { /* 1G */
      { { EVM__F_W(0x59f2815b16f81798ULL), EVM__F_W(0x029bfcdb2dce28d9ULL),
          EVM__F_W(0x55a06295ce870b07ULL), EVM__F_W(0x79be667ef9dcbbacULL) } },
      { { EVM__F_W(0x9c47d08ffb10d4b8ULL), EVM__F_W(0xfd17b448a6855419ULL),
          EVM__F_W(0x5da4fbfc0e1108a8ULL), EVM__F_W(0x483ada7726a3c465ULL) } } },
    { /* 3G */
      { { EVM__F_W(0x8601f113bce036f9ULL), EVM__F_W(0xb531c845836f99b0ULL),
          EVM__F_W(0x49344f85f89d5229ULL), EVM__F_W(0xf9308a019258c310ULL) } },
      { { EVM__F_W(0x6cb9fd7584b8e672ULL), EVM__F_W(0x6500a99934c2231bULL),
          EVM__F_W(0x0fe337e62a37f356ULL), EVM__F_W(0x388f7b0f632de814ULL) } } },
    { /* 5G */
      { { EVM__F_W(0xcba8d569b240efe4ULL), EVM__F_W(0xe88b84bddc619ab7ULL),
          EVM__F_W(0x55b4a7250a5c5128ULL), EVM__F_W(0x2f8bde4d1a072093ULL) } },
      { { EVM__F_W(0xdca87d3aa6ac62d6ULL), EVM__F_W(0xf788271bab0d6840ULL),
          EVM__F_W(0xd4dba9dda6c9c426ULL), EVM__F_W(0xd8ac222636e5e3d6ULL) } } },
    { /* 7G */
      { { EVM__F_W(0xe92bddedcac4f9bcULL), EVM__F_W(0x3d419b7e0330e39cULL),
          EVM__F_W(0xa398f365f2ea7a0eULL), EVM__F_W(0x5cbdf0646e5db4eaULL) } },
      { { EVM__F_W(0xa5082628087264daULL), EVM__F_W(0xa813d0b813fde7b5ULL),
          EVM__F_W(0xa3178d6d861a54dbULL), EVM__F_W(0x6aebca40ba255960ULL) } } },
    { /* 9G */
      { { EVM__F_W(0xc35f110dfc27ccbeULL), EVM__F_W(0xe09796974c57e714ULL),
          EVM__F_W(0x09ad178a9f559abdULL), EVM__F_W(0xacd484e2f0c7f653ULL) } },
      { { EVM__F_W(0x05cc262ac64f9c37ULL), EVM__F_W(0xadd888a4375f8e0fULL),
          EVM__F_W(0x64380971763b61e9ULL), EVM__F_W(0xcc338921b0a7d9fdULL) } } },
    { /* 11G */
      { { EVM__F_W(0xbbec17895da008cbULL), EVM__F_W(0x5649980be5c17891ULL),
          EVM__F_W(0x5ef4246b70c65aacULL), EVM__F_W(0x774ae7f858a9411eULL) } },
      { { EVM__F_W(0x301d74c9c953c61bULL), EVM__F_W(0x372db1e2dff9d6a8ULL),
          EVM__F_W(0x0243dd56d7b7b365ULL), EVM__F_W(0xd984a032eb6b5e19ULL) } } },
    { /* 13G */
      { { EVM__F_W(0xdeeddf8f19405aa8ULL), EVM__F_W(0xb075fbc6610e58cdULL),
          EVM__F_W(0xc7d1d205c3748651ULL), EVM__F_W(0xf28773c2d975288bULL) } },
      { { EVM__F_W(0x29b5cb52db03ed81ULL), EVM__F_W(0x3a1a06da521fa91fULL),
          EVM__F_W(0x758212eb65cdaf47ULL), EVM__F_W(0x0ab0902e8d880a89ULL) } } },
    { /* 15G */
      { { EVM__F_W(0x44adbcf8e27e080eULL), EVM__F_W(0x31e5946f3c85f79eULL),
          EVM__F_W(0x5a465ae3095ff411ULL), EVM__F_W(0xd7924d4f7d43ea96ULL) } },
      { { EVM__F_W(0xc504dc9ff6a26b58ULL), EVM__F_W(0xea40af2bd896d3a5ULL),
          EVM__F_W(0x83842ec228cc6defULL), EVM__F_W(0x581e2872a86c72a6ULL) } } },
    { /* 17G */
      { { EVM__F_W(0x66e4faa04a2d4a34ULL), EVM__F_W(0xeb9898ae79b97687ULL),
          EVM__F_W(0xa420fee807eacf21ULL), EVM__F_W(0xdefdea4cdb677750ULL) } },
      { { EVM__F_W(0xcfb199f69e56eb77ULL), EVM__F_W(0xced1f4a04a95c0f6ULL),
          EVM__F_W(0xe997b0ead2a93daeULL), EVM__F_W(0x4211ab0694635168ULL) } } },
    { /* 19G */
      { { EVM__F_W(0x7475656138385b6cULL), EVM__F_W(0xf06acfebd7e86d27ULL),
          EVM__F_W(0x93ef5cff444f4979ULL), EVM__F_W(0x2b4ea0a797a443d2ULL) } },
      { { EVM__F_W(0xb570c854e5c09b7aULL), EVM__F_W(0x1a01f60c50269763ULL),
          EVM__F_W(0xb343083b5a1c8613ULL), EVM__F_W(0x85e89bc037945d93ULL) } } },
    { /* 21G */
      { { EVM__F_W(0x81340aef25be59d5ULL), EVM__F_W(0x1d9ad40271f81071ULL),
          EVM__F_W(0x4f93fa332ce33330ULL), EVM__F_W(0x352bbf4a4cdd1256ULL) } },
      { { EVM__F_W(0x67bd3d8bcf81998cULL), EVM__F_W(0x4a1b3b2e71b1039cULL),
          EVM__F_W(0xd59c18259dda3e1fULL), EVM__F_W(0x321eb4075348f534ULL) } } },
    { /* 23G */
      { { EVM__F_W(0xdc9cdadd4ecacc3fULL), EVM__F_W(0xe42ab8dfeff5ff29ULL),
          EVM__F_W(0x0230010559879124ULL), EVM__F_W(0x2fa2104d6b38d11bULL) } },
      { { EVM__F_W(0x423ba76b532b7d67ULL), EVM__F_W(0x181d70ecfc882648ULL),
          EVM__F_W(0xb64569335bd5dd80ULL), EVM__F_W(0x02de1068295dd865ULL) } } },
    { /* 25G */
      { { EVM__F_W(0x69ca0cd7f5453714ULL), EVM__F_W(0x263c3d84e09572e2ULL),
          EVM__F_W(0xab21a9b066edda83ULL), EVM__F_W(0x9248279b09b4d68dULL) } },
      { { EVM__F_W(0xe54a32ce97cb3402ULL), EVM__F_W(0x3fc0de2a887912ffULL),
          EVM__F_W(0x5d1aa71bdea2b1ffULL), EVM__F_W(0x73016f7bf234aadeULL) } } },
    { /* 27G */
      { { EVM__F_W(0x7e996d443dee8729ULL), EVM__F_W(0x2f570e144bf615c0ULL),
          EVM__F_W(0x8e70132fb0beb752ULL), EVM__F_W(0xdaed4f2be3a8bf27ULL) } },
      { { EVM__F_W(0xab40e52290be1c55ULL), EVM__F_W(0x3f83c230f3afa726ULL),
          EVM__F_W(0xd4a1aca87ef8d700ULL), EVM__F_W(0xa69dce4a7d6c98e8ULL) } } },
    { /* 29G */
      { { EVM__F_W(0xe6a3b5e87d22e7dbULL), EVM__F_W(0x11ecd9e9fdf281b0ULL),
          EVM__F_W(0x8acf28d7cbb19f90ULL), EVM__F_W(0xc44d12c7065d812eULL) } },
      { { EVM__F_W(0xa039063f0e0e6482ULL), EVM__F_W(0x0e106e861edf61c5ULL),
          EVM__F_W(0x76c45926c982fdacULL), EVM__F_W(0x2119a460ce326cdcULL) } } },
    { /* 31G */
      { { EVM__F_W(0xb61c65cbd269e6b4ULL), EVM__F_W(0x152b695336c28063ULL),
          EVM__F_W(0xc89a20cfded60853ULL), EVM__F_W(0x6a245bf6dc698504ULL) } },
      { { EVM__F_W(0xfd5e6348100d8a82ULL), EVM__F_W(0x8b33ba48d0423b6eULL),
          EVM__F_W(0x8b3f5126f16a24adULL), EVM__F_W(0xe022cf42c2bd4a70ULL) } } },
    { /* 33G */
      { { EVM__F_W(0xf95ae57f0d0bd6a5ULL), EVM__F_W(0xce13300b0bec1146ULL),
          EVM__F_W(0xc077e3d2fe541084ULL), EVM__F_W(0x1697ffa6fd9de627ULL) } },
      { { EVM__F_W(0xadee9d63d01b2396ULL), EVM__F_W(0xa2cf15009e498ae7ULL),
          EVM__F_W(0x27561506e4557433ULL), EVM__F_W(0xb9c398f186806f5dULL) } } },
    { /* 35G */
      { { EVM__F_W(0xf982345ef27a7479ULL), EVM__F_W(0x9deb8360ffb7f61dULL),
          EVM__F_W(0x986d0f07e834cb0dULL), EVM__F_W(0x605bdb019981718bULL) } },
      { { EVM__F_W(0x3b01e1e9056b8c49ULL), EVM__F_W(0xc26bfae84fb14db4ULL),
          EVM__F_W(0x81a78d93ec96fe23ULL), EVM__F_W(0x02972d2de4f8d206ULL) } } },
    { /* 37G */
      { { EVM__F_W(0xfe31c7e9d87ff33dULL), EVM__F_W(0xdcb01c354959b10cULL),
          EVM__F_W(0x7402fdc45a215e10ULL), EVM__F_W(0x62d14dab4150bf49ULL) } },
      { { EVM__F_W(0x35f5642483b25eafULL), EVM__F_W(0x01aa132967ab4722ULL),
          EVM__F_W(0x98088a1950eed0dbULL), EVM__F_W(0x80fc06bd8cc5b010ULL) } } },
    { /* 39G */
      { { EVM__F_W(0x5e555c2f86308b6fULL), EVM__F_W(0x2c50e9f56b9b8b42ULL),
          EVM__F_W(0xde5b4b06c408e56bULL), EVM__F_W(0x80c60ad0040f27daULL) } },
      { { EVM__F_W(0x1aa01f56430bd57aULL), EVM__F_W(0xa65eed4cbe7024ebULL),
          EVM__F_W(0x26e66bad7fe72f70ULL), EVM__F_W(0x1c38303f1cc5c30fULL) } } },
    { /* 41G */
      { { EVM__F_W(0x9d5eabb0fa03c8fbULL), EVM__F_W(0x4cc5dc9487d84704ULL),
          EVM__F_W(0xaa74c6348cc54d34ULL), EVM__F_W(0x7a9375ad6167ad54ULL) } },
      { { EVM__F_W(0x02d499ec224dc7f7ULL), EVM__F_W(0xbdc59ea10c70ce2bULL),
          EVM__F_W(0x09559e0d79269046ULL), EVM__F_W(0x0d0e3fa9eca87269ULL) } } },
    { /* 43G */
      { { EVM__F_W(0x4bb51f459bc3ffc9ULL), EVM__F_W(0xbb408ec39b68df50ULL),
          EVM__F_W(0x907a9ed045447a79ULL), EVM__F_W(0xd528ecd9b696b54cULL) } },
      { { EVM__F_W(0x063465b521409933ULL), EVM__F_W(0xbc4345405c520dbcULL),
          EVM__F_W(0x9966f21881fd656eULL), EVM__F_W(0xeecf41253136e5f9ULL) } } },
    { /* 45G */
      { { EVM__F_W(0x87231808f8b45963ULL), EVM__F_W(0x5266115e4a7ecb13ULL),
          EVM__F_W(0xea25f514e8ecdad0ULL), EVM__F_W(0x049370a4b5f43412ULL) } },
      { { EVM__F_W(0xb653052a12949c9aULL), EVM__F_W(0x54c3f3afbb5b6764ULL),
          EVM__F_W(0x8b3081b0512fd62aULL), EVM__F_W(0x758f3f41afd6ed42ULL) } } },
    { /* 47G */
      { { EVM__F_W(0xf1c13eb1fc345d74ULL), EVM__F_W(0x881d811e0e1498e2ULL),
          EVM__F_W(0xd73df930d64702efULL), EVM__F_W(0x77f230936ee88cbbULL) } },
      { { EVM__F_W(0xbe8eb3c7671c60d6ULL), EVM__F_W(0x96c95330d97077cbULL),
          EVM__F_W(0x0a08266e9ba1b378ULL), EVM__F_W(0x958ef42a7886b640ULL) } } },
    { /* 49G */
      { { EVM__F_W(0xeb28531b7739f530ULL), EVM__F_W(0x58c80074ab9d4dbaULL),
          EVM__F_W(0xea44887e5c7c0bceULL), EVM__F_W(0xf2dac991cc4ce4b9ULL) } },
      { { EVM__F_W(0x1a117dba703a3c37ULL), EVM__F_W(0x9eb5fbeb0598e4fdULL),
          EVM__F_W(0x4da1f32dec2531dfULL), EVM__F_W(0xe0dedc9b3b2f8dadULL) } } },
    { /* 51G */
      { { EVM__F_W(0xbcba4850c690d45bULL), EVM__F_W(0x5a216cdfc9dae3deULL),
          EVM__F_W(0x1b4be8fbbe252012ULL), EVM__F_W(0x463b3d9f662621fbULL) } },
      { { EVM__F_W(0x1cb377b01af7307eULL), EVM__F_W(0xc622e27c970a1de3ULL),
          EVM__F_W(0x43114306dd8622d7ULL), EVM__F_W(0x5ed430d78c296c35ULL) } } },
    { /* 53G */
      { { EVM__F_W(0xa32496b49998f247ULL), EVM__F_W(0x6b98fac14328a2d1ULL),
          EVM__F_W(0x09232d4aff3b5997ULL), EVM__F_W(0xf16f804244e46e2aULL) } },
      { { EVM__F_W(0xd6579962c4e31df6ULL), EVM__F_W(0x2a6c53c26e5cce26ULL),
          EVM__F_W(0x13d206fcdf4e33d9ULL), EVM__F_W(0xcedabd9b82203f7eULL) } } },
    { /* 55G */
      { { EVM__F_W(0x369e15f7151d41d1ULL), EVM__F_W(0x5d245315ace27c65ULL),
          EVM__F_W(0xb0352b7a14311af5ULL), EVM__F_W(0xcaf754272dc84563ULL) } },
      { { EVM__F_W(0xc32f908318a04476ULL), EVM__F_W(0x5f4fa9b7962232a5ULL),
          EVM__F_W(0xa41b643fa5e46057ULL), EVM__F_W(0xcb474660ef35f5f2ULL) } } },
    { /* 57G */
      { { EVM__F_W(0x24497bc86f082120ULL), EVM__F_W(0x44a09c07cb86d7c1ULL),
          EVM__F_W(0xf85d0f1709979d8bULL), EVM__F_W(0x2600ca4b282cb986ULL) } },
      { { EVM__F_W(0x4b0be9475a7e4b40ULL), EVM__F_W(0x5ac6be74ab5f0ef4ULL),
          EVM__F_W(0xa693b03fcddbb45dULL), EVM__F_W(0x4119b88753c15bd6ULL) } } },
    { /* 59G */
      { { EVM__F_W(0xc602a7746998e435ULL), EVM__F_W(0x01c48685e24f7dc8ULL),
          EVM__F_W(0x338ec53cd12220bcULL), EVM__F_W(0x7635ca72d7e8432cULL) } },
      { { EVM__F_W(0xd9e76f302c5b9c61ULL), EVM__F_W(0x4ecfc061d57048baULL),
          EVM__F_W(0x3d1d5e590f78e6d7ULL), EVM__F_W(0x091b649609489d61ULL) } } },
    { /* 61G */
      { { EVM__F_W(0xc1a50743bf56cc18ULL), EVM__F_W(0xb7f2b33479d468fbULL),
          EVM__F_W(0xdbbf4a87deee8a66ULL), EVM__F_W(0x754e3239f325570cULL) } },
      { { EVM__F_W(0x0c5d98093c536683ULL), EVM__F_W(0x23ee33d0197a695dULL),
          EVM__F_W(0xb3cd0ed304ea49a0ULL), EVM__F_W(0x0673fb86e5bda30fULL) } } },
    { /* 63G */
      { { EVM__F_W(0x9fe2694691d9b9e8ULL), EVM__F_W(0x330800661d1c952fULL),
          EVM__F_W(0xff57859c82d570f0ULL), EVM__F_W(0xe3e6bd1071a1e96aULL) } },
      { { EVM__F_W(0x67002af4920e37f5ULL), EVM__F_W(0xa5a2283993e90c41ULL),
          EVM__F_W(0x40c0aa58379a3cb6ULL), EVM__F_W(0x59c9e0bba394e76fULL) } } }

};
static const evm__ask evm__secp_lg_table[1 << (EVM__SECP_G_WINDOW - 2)] = {
    { /* 1lambda G */
      { { EVM__F_W(0xa7bba04400b88fcbULL), EVM__F_W(0x872844067f15e98dULL),
          EVM__F_W(0xab0102b696902325ULL), EVM__F_W(0xbcace2e99da01887ULL) } },
      { { EVM__F_W(0x9c47d08ffb10d4b8ULL), EVM__F_W(0xfd17b448a6855419ULL),
          EVM__F_W(0x5da4fbfc0e1108a8ULL), EVM__F_W(0x483ada7726a3c465ULL) } } },
    { /* 3lambda G */
      { { EVM__F_W(0xf7f0728c77206b2fULL), EVM__F_W(0x8af1e022c6dc8e1cULL),
          EVM__F_W(0x8dcd8dcf2a28fa2fULL), EVM__F_W(0xdf6edf03731f9b4bULL) } },
      { { EVM__F_W(0x6cb9fd7584b8e672ULL), EVM__F_W(0x6500a99934c2231bULL),
          EVM__F_W(0x0fe337e62a37f356ULL), EVM__F_W(0x388f7b0f632de814ULL) } } },
    { /* 5lambda G */
      { { EVM__F_W(0x138c694695a83668ULL), EVM__F_W(0xa045693ee0d097ccULL),
          EVM__F_W(0xf79f54fbccb94671ULL), EVM__F_W(0x337b52e3acda49dfULL) } },
      { { EVM__F_W(0xdca87d3aa6ac62d6ULL), EVM__F_W(0xf788271bab0d6840ULL),
          EVM__F_W(0xd4dba9dda6c9c426ULL), EVM__F_W(0xd8ac222636e5e3d6ULL) } } },
    { /* 7lambda G */
      { { EVM__F_W(0x3bc4686e4e53bc94ULL), EVM__F_W(0x0d3b20e20faf7aaaULL),
          EVM__F_W(0xa4fec4d1c095c06eULL), EVM__F_W(0x13f26e754bea0b77ULL) } },
      { { EVM__F_W(0xa5082628087264daULL), EVM__F_W(0xa813d0b813fde7b5ULL),
          EVM__F_W(0xa3178d6d861a54dbULL), EVM__F_W(0x6aebca40ba255960ULL) } } },
    { /* 9lambda G */
      { { EVM__F_W(0x20cd912e65953a52ULL), EVM__F_W(0xb565cdf5ef6d44e1ULL),
          EVM__F_W(0x7b6558afec58ab20ULL), EVM__F_W(0x87b404037e44e819ULL) } },
      { { EVM__F_W(0x05cc262ac64f9c37ULL), EVM__F_W(0xadd888a4375f8e0fULL),
          EVM__F_W(0x64380971763b61e9ULL), EVM__F_W(0xcc338921b0a7d9fdULL) } } },
    { /* 11lambda G */
      { { EVM__F_W(0xc5ff4334bb209ce7ULL), EVM__F_W(0x79859bb70b5ff620ULL),
          EVM__F_W(0x8d897c41bebf1a26ULL), EVM__F_W(0x51f4d3d1171dac1dULL) } },
      { { EVM__F_W(0x301d74c9c953c61bULL), EVM__F_W(0x372db1e2dff9d6a8ULL),
          EVM__F_W(0x0243dd56d7b7b365ULL), EVM__F_W(0xd984a032eb6b5e19ULL) } } },
    { /* 13lambda G */
      { { EVM__F_W(0x60aaee6a475fb678ULL), EVM__F_W(0x32907ed74a3d0562ULL),
          EVM__F_W(0x07046c4578fc783bULL), EVM__F_W(0xf14d58374bb890a2ULL) } },
      { { EVM__F_W(0x29b5cb52db03ed81ULL), EVM__F_W(0x3a1a06da521fa91fULL),
          EVM__F_W(0x758212eb65cdaf47ULL), EVM__F_W(0x0ab0902e8d880a89ULL) } } },
    { /* 15lambda G */
      { { EVM__F_W(0x3ac0a40c71b1b3b4ULL), EVM__F_W(0x05cc3bc9c1c0a639ULL),
          EVM__F_W(0x0e1b4825512b6948ULL), EVM__F_W(0x805f1105f5f9454aULL) } },
      { { EVM__F_W(0xc504dc9ff6a26b58ULL), EVM__F_W(0xea40af2bd896d3a5ULL),
          EVM__F_W(0x83842ec228cc6defULL), EVM__F_W(0x581e2872a86c72a6ULL) } } },
    { /* 17lambda G */
      { { EVM__F_W(0xc640b26af6433cc9ULL), EVM__F_W(0x5cd58547a6754102ULL),
          EVM__F_W(0xdd08754cc8986867ULL), EVM__F_W(0xc2e95843a1f110e2ULL) } },
      { { EVM__F_W(0xcfb199f69e56eb77ULL), EVM__F_W(0xced1f4a04a95c0f6ULL),
          EVM__F_W(0xe997b0ead2a93daeULL), EVM__F_W(0x4211ab0694635168ULL) } } },
    { /* 19lambda G */
      { { EVM__F_W(0x5d2eb9142ed76769ULL), EVM__F_W(0x57bafb25d78eeb1cULL),
          EVM__F_W(0x3272082dbfc45cc5ULL), EVM__F_W(0x54f51a8f5a6bb0f6ULL) } },
      { { EVM__F_W(0xb570c854e5c09b7aULL), EVM__F_W(0x1a01f60c50269763ULL),
          EVM__F_W(0xb343083b5a1c8613ULL), EVM__F_W(0x85e89bc037945d93ULL) } } },
    { /* 21lambda G */
      { { EVM__F_W(0x2fdeaab069cbbc35ULL), EVM__F_W(0x592bc884809f2969ULL),
          EVM__F_W(0xa63d667a0a204325ULL), EVM__F_W(0x680eb70f9b7e452eULL) } },
      { { EVM__F_W(0x67bd3d8bcf81998cULL), EVM__F_W(0x4a1b3b2e71b1039cULL),
          EVM__F_W(0xd59c18259dda3e1fULL), EVM__F_W(0x321eb4075348f534ULL) } } },
    { /* 23lambda G */
      { { EVM__F_W(0xb6704dce788930fcULL), EVM__F_W(0x47c5360f34a09b26ULL),
          EVM__F_W(0xcfe162a03aed4da4ULL), EVM__F_W(0xbae0440b1659bc6eULL) } },
      { { EVM__F_W(0x423ba76b532b7d67ULL), EVM__F_W(0x181d70ecfc882648ULL),
          EVM__F_W(0xb64569335bd5dd80ULL), EVM__F_W(0x02de1068295dd865ULL) } } },
    { /* 25lambda G */
      { { EVM__F_W(0x8d758e87ef3195beULL), EVM__F_W(0xe15b71f68400aa85ULL),
          EVM__F_W(0x1f7497e0301d395fULL), EVM__F_W(0xf7554ece5468c831ULL) } },
      { { EVM__F_W(0xe54a32ce97cb3402ULL), EVM__F_W(0x3fc0de2a887912ffULL),
          EVM__F_W(0x5d1aa71bdea2b1ffULL), EVM__F_W(0x73016f7bf234aadeULL) } } },
    { /* 27lambda G */
      { { EVM__F_W(0x837a2dfef61b7229ULL), EVM__F_W(0x546322c61318a794ULL),
          EVM__F_W(0x1d6d435f1ac76911ULL), EVM__F_W(0x8ca980cfe497be98ULL) } },
      { { EVM__F_W(0xab40e52290be1c55ULL), EVM__F_W(0x3f83c230f3afa726ULL),
          EVM__F_W(0xd4a1aca87ef8d700ULL), EVM__F_W(0xa69dce4a7d6c98e8ULL) } } },
    { /* 29lambda G */
      { { EVM__F_W(0xc5c56571d53ba020ULL), EVM__F_W(0x1b9c0525119bd70cULL),
          EVM__F_W(0x188c807e0658f9ebULL), EVM__F_W(0xe48590b373b31775ULL) } },
      { { EVM__F_W(0xa039063f0e0e6482ULL), EVM__F_W(0x0e106e861edf61c5ULL),
          EVM__F_W(0x76c45926c982fdacULL), EVM__F_W(0x2119a460ce326cdcULL) } } },
    { /* 31lambda G */
      { { EVM__F_W(0x8f8022a6afac1b9bULL), EVM__F_W(0x20ba50015945eb46ULL),
          EVM__F_W(0xe84d275183b19a3aULL), EVM__F_W(0xe6034c74dae527c2ULL) } },
      { { EVM__F_W(0xfd5e6348100d8a82ULL), EVM__F_W(0x8b33ba48d0423b6eULL),
          EVM__F_W(0x8b3f5126f16a24adULL), EVM__F_W(0xe022cf42c2bd4a70ULL) } } },
    { /* 33lambda G */
      { { EVM__F_W(0x4457db1dae44e551ULL), EVM__F_W(0x1fa0e628e0674325ULL),
          EVM__F_W(0x73175272408c8fa1ULL), EVM__F_W(0xd3ea40607daab599ULL) } },
      { { EVM__F_W(0xadee9d63d01b2396ULL), EVM__F_W(0xa2cf15009e498ae7ULL),
          EVM__F_W(0x27561506e4557433ULL), EVM__F_W(0xb9c398f186806f5dULL) } } },
    { /* 35lambda G */
      { { EVM__F_W(0xb5888b9a7429b03fULL), EVM__F_W(0xa473aa2f5494174bULL),
          EVM__F_W(0x6851dcdf234e9878ULL), EVM__F_W(0x7ff6966b4f8f79e9ULL) } },
      { { EVM__F_W(0x3b01e1e9056b8c49ULL), EVM__F_W(0xc26bfae84fb14db4ULL),
          EVM__F_W(0x81a78d93ec96fe23ULL), EVM__F_W(0x02972d2de4f8d206ULL) } } },
    { /* 37lambda G */
      { { EVM__F_W(0xeb070ef4045cfcb3ULL), EVM__F_W(0xd1acc036018d2aadULL),
          EVM__F_W(0x554ce32c94e4ec59ULL), EVM__F_W(0xab880849ed4c54afULL) } },
      { { EVM__F_W(0x35f5642483b25eafULL), EVM__F_W(0x01aa132967ab4722ULL),
          EVM__F_W(0x98088a1950eed0dbULL), EVM__F_W(0x80fc06bd8cc5b010ULL) } } },
    { /* 39lambda G */
      { { EVM__F_W(0xef4eadd83e1f51a1ULL), EVM__F_W(0x3aa695ac94af5f75ULL),
          EVM__F_W(0xfaa581fba9fccfdfULL), EVM__F_W(0x148d9eee8fa96dbdULL) } },
      { { EVM__F_W(0x1aa01f56430bd57aULL), EVM__F_W(0xa65eed4cbe7024ebULL),
          EVM__F_W(0x26e66bad7fe72f70ULL), EVM__F_W(0x1c38303f1cc5c30fULL) } } },
    { /* 41lambda G */
      { { EVM__F_W(0x30e6211e6a19f543ULL), EVM__F_W(0xc7b2def83c35304cULL),
          EVM__F_W(0x6bc8823efdba68baULL), EVM__F_W(0xc5011eacb8769193ULL) } },
      { { EVM__F_W(0x02d499ec224dc7f7ULL), EVM__F_W(0xbdc59ea10c70ce2bULL),
          EVM__F_W(0x09559e0d79269046ULL), EVM__F_W(0x0d0e3fa9eca87269ULL) } } },
    { /* 43lambda G */
      { { EVM__F_W(0x60bb6fa33b5e25e7ULL), EVM__F_W(0x3fa22df8ec823ea9ULL),
          EVM__F_W(0x89eb86d54a9bd852ULL), EVM__F_W(0xe9c9d489f658169bULL) } },
      { { EVM__F_W(0x063465b521409933ULL), EVM__F_W(0xbc4345405c520dbcULL),
          EVM__F_W(0x9966f21881fd656eULL), EVM__F_W(0xeecf41253136e5f9ULL) } } },
    { /* 45lambda G */
      { { EVM__F_W(0x06ba66db4351973dULL), EVM__F_W(0xb9af414eeeb1662dULL),
          EVM__F_W(0x4abe8c119f6c352eULL), EVM__F_W(0x5e51873a71eb0aa7ULL) } },
      { { EVM__F_W(0xb653052a12949c9aULL), EVM__F_W(0x54c3f3afbb5b6764ULL),
          EVM__F_W(0x8b3081b0512fd62aULL), EVM__F_W(0x758f3f41afd6ed42ULL) } } },
    { /* 47lambda G */
      { { EVM__F_W(0x575e312130323cacULL), EVM__F_W(0xe26f62cd10a2ed1dULL),
          EVM__F_W(0x0cf2d3ea4dce1c4fULL), EVM__F_W(0xa0a5df60c8a81c44ULL) } },
      { { EVM__F_W(0xbe8eb3c7671c60d6ULL), EVM__F_W(0x96c95330d97077cbULL),
          EVM__F_W(0x0a08266e9ba1b378ULL), EVM__F_W(0x958ef42a7886b640ULL) } } },
    { /* 49lambda G */
      { { EVM__F_W(0xa9b4c1e66d0865eeULL), EVM__F_W(0xd68631e918ec3d0dULL),
          EVM__F_W(0x8cce3ff1a1c0ba81ULL), EVM__F_W(0x88bf82907965eff5ULL) } },
      { { EVM__F_W(0x1a117dba703a3c37ULL), EVM__F_W(0x9eb5fbeb0598e4fdULL),
          EVM__F_W(0x4da1f32dec2531dfULL), EVM__F_W(0xe0dedc9b3b2f8dadULL) } } },
    { /* 51lambda G */
      { { EVM__F_W(0xdb2eb2c6a6151ccdULL), EVM__F_W(0x2ee49dc8f4120947ULL),
          EVM__F_W(0xa273c509461c8f85ULL), EVM__F_W(0xd3d898009f38f50eULL) } },
      { { EVM__F_W(0x1cb377b01af7307eULL), EVM__F_W(0xc622e27c970a1de3ULL),
          EVM__F_W(0x43114306dd8622d7ULL), EVM__F_W(0x5ed430d78c296c35ULL) } } },
    { /* 53lambda G */
      { { EVM__F_W(0xf8e4228dbb643650ULL), EVM__F_W(0xe618bd708c9cdda6ULL),
          EVM__F_W(0xe68c6222c186e54dULL), EVM__F_W(0xaaaa6ea8422ead4aULL) } },
      { { EVM__F_W(0xd6579962c4e31df6ULL), EVM__F_W(0x2a6c53c26e5cce26ULL),
          EVM__F_W(0x13d206fcdf4e33d9ULL), EVM__F_W(0xcedabd9b82203f7eULL) } } },
    { /* 55lambda G */
      { { EVM__F_W(0xd41882a114a4f300ULL), EVM__F_W(0xb7f55b5495505fa9ULL),
          EVM__F_W(0x783f1d5be329e931ULL), EVM__F_W(0x9bdf1191c50b7cf2ULL) } },
      { { EVM__F_W(0xc32f908318a04476ULL), EVM__F_W(0x5f4fa9b7962232a5ULL),
          EVM__F_W(0xa41b643fa5e46057ULL), EVM__F_W(0xcb474660ef35f5f2ULL) } } },
    { /* 57lambda G */
      { { EVM__F_W(0x0abd22060cb65103ULL), EVM__F_W(0xe3d8d7924d3f70f9ULL),
          EVM__F_W(0x77df55e43b922921ULL), EVM__F_W(0x6c89c3391cfcff60ULL) } },
      { { EVM__F_W(0x4b0be9475a7e4b40ULL), EVM__F_W(0x5ac6be74ab5f0ef4ULL),
          EVM__F_W(0xa693b03fcddbb45dULL), EVM__F_W(0x4119b88753c15bd6ULL) } } },
    { /* 59lambda G */
      { { EVM__F_W(0x7b55a11ed0e6c1cfULL), EVM__F_W(0xc139c7ab67d378faULL),
          EVM__F_W(0x361baf7aa5cf654aULL), EVM__F_W(0xfb81bec00632ec3aULL) } },
      { { EVM__F_W(0xd9e76f302c5b9c61ULL), EVM__F_W(0x4ecfc061d57048baULL),
          EVM__F_W(0x3d1d5e590f78e6d7ULL), EVM__F_W(0x091b649609489d61ULL) } } },
    { /* 61lambda G */
      { { EVM__F_W(0x0d769207101c2518ULL), EVM__F_W(0xf6cdff78fd8b3e68ULL),
          EVM__F_W(0x6228149ad347db19ULL), EVM__F_W(0xbe02db9626ddc9f5ULL) } },
      { { EVM__F_W(0x0c5d98093c536683ULL), EVM__F_W(0x23ee33d0197a695dULL),
          EVM__F_W(0xb3cd0ed304ea49a0ULL), EVM__F_W(0x0673fb86e5bda30fULL) } } },
    { /* 63lambda G */
      { { EVM__F_W(0xc17b586f6baeef76ULL), EVM__F_W(0xaf721aa9a550463eULL),
          EVM__F_W(0x175635870889d21dULL), EVM__F_W(0x87bd9a8f1c28c565ULL) } },
      { { EVM__F_W(0x67002af4920e37f5ULL), EVM__F_W(0xa5a2283993e90c41ULL),
          EVM__F_W(0x40c0aa58379a3cb6ULL), EVM__F_W(0x59c9e0bba394e76fULL) } } }

};

#define EVM__SECP_R_WINDOW 5
#define EVM__SECP_R_TAB (1 << (EVM__SECP_R_WINDOW - 2))

/* The GLV endomorphism: lambda * (x, y) = (beta * x, y), lambda^3 = 1 mod n, beta^3 = 1 mod p.
   A scalar k splits into k1 + k2 lambda with |k1|, |k2| < 2^128 (libsecp256k1's
   secp256k1_scalar_split_lambda: c1 = round(k g1 / 2^384), c2 = round(k g2 / 2^384),
   k2 = c1 (-b1) + c2 (-b2), k1 = k - k2 lambda), which halves the doublings. */
static const evm__fe256 evm__secp_beta = { {              /* mod p */
    EVM__F_W(0xc1396c28719501eeULL), EVM__F_W(0x9cf0497512f58995ULL),
    EVM__F_W(0x6e64479eac3434e9ULL), EVM__F_W(0x7ae96a2b657c0710ULL) } };
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

/* P = a*G + b*R (a, b raw scalars < n, R affine): both scalars split by the endomorphism,
   then Strauss' method over one chain of about 129 doublings for the four half-size
   products, every addition a mixed one:
   - G and lambda G: width-7 NAF digits, the static affine tables above;
   - R and lambda R: width-5 NAF digits, odd multiples R, 3R, ..., 15R made per call with
     no inversion ("effective affine", as libsecp256k1): with d = 2R = (dx, dy, dz), the
     multiples are made on the isomorphic curve (x, y) -> (x dz^2, y dz^3), where d is
     affine, by mixed additions, then brought to one common z (each scaled by the product
     of the later additions' z ratios). They are then affine points over that z, zg in
     all: the chain runs in the frame where they are affine, adds G's entries as the
     points (x, y, 1/zg), and multiplies its z by zg at the end. (The formulas do not
     involve b, and a = 0 on every isomorphic curve, so nothing else changes.) */
static void evm__secp_mul2(evm__jsk *out, const evm__fe256 *a, const evm__ask *rpt, const evm__fe256 *b)
{
    const evm__mont256 *m = &evm__secp_fp;
    int8_t naf[4][130];          /* digits for G, lambda G, R, lambda R */
    evm__fe256 k[4], zr[EVM__SECP_R_TAB], zg, f, f2;
    bool neg[4];
    evm__ask tab[2][EVM__SECP_R_TAB], e;
    evm__jsk acc, d;
    int len[4], i, j, top = 0;

    evm__secp_split(&k[0], &neg[0], &k[1], &neg[1], a);
    evm__secp_split(&k[2], &neg[2], &k[3], &neg[3], b);
    for (j = 0; j < 4; j++) {
        len[j] = evm__f256_wnaf(naf[j], &k[j], j < 2 ? EVM__SECP_G_WINDOW : EVM__SECP_R_WINDOW, 129);
        if (len[j] > top) top = len[j];
    }

    /* d = 2R (never infinite: the group has odd prime order); R and the odd multiples on
       the isomorphic curve. Adding d to the i-th multiple never meets a special case
       either: (2i - 1)R = +-2R would need R of order 2i - 3 or 2i + 1 < n. */
    evm__jsk_from_aff(&acc, rpt, m);
    evm__secp_dbl(&d, &acc);
    evm__fsk_sqr(&f2, &d.z, m);
    evm__fsk_mul(&f, &f2, &d.z, m);
    evm__fsk_mul(&acc.x, &rpt->x, &f2, m);
    evm__fsk_mul(&acc.y, &rpt->y, &f, m);
    evm__fsk_copy(&acc.z, &m->one);
    evm__fsk_copy(&e.x, &d.x);
    evm__fsk_copy(&e.y, &d.y);
    /* tab[0][i] first gets x, y of the i-th multiple (z: the product of zr[1..i]) */
    for (i = 0; i < EVM__SECP_R_TAB; i++) {
        if (i > 0) evm__secp_add_aff(&acc, &acc, &e, NULL, &zr[i]);
        evm__fsk_copy(&tab[0][i].x, &acc.x);
        evm__fsk_copy(&tab[0][i].y, &acc.y);
    }
    /* the common z is the last one's: entry i is scaled by f = zr[i+1] ... zr[last] */
    evm__fsk_mul(&zg, &acc.z, &d.z, m);
    evm__fsk_copy(&f, &zr[EVM__SECP_R_TAB - 1]);
    for (i = EVM__SECP_R_TAB - 2; i >= 0; i--) {
        if (i < EVM__SECP_R_TAB - 2) evm__fsk_mul(&f, &f, &zr[i + 1], m);
        evm__fsk_sqr(&f2, &f, m);
        evm__fsk_mul(&tab[0][i].x, &tab[0][i].x, &f2, m);
        evm__fsk_mul(&f2, &f2, &f, m);
        evm__fsk_mul(&tab[0][i].y, &tab[0][i].y, &f2, m);
    }
    for (i = 0; i < EVM__SECP_R_TAB; i++) {          /* lambda (x, y) = (beta x, y) */
        evm__fsk_mul(&tab[1][i].x, &tab[0][i].x, &evm__secp_beta, m);
        evm__fsk_copy(&tab[1][i].y, &tab[0][i].y);
    }

    evm__jsk_set_inf(&acc, m);
    for (i = top - 1; i >= 0; i--) {
        if (!evm__jsk_is_inf(&acc)) evm__secp_dbl(&acc, &acc);
        for (j = 0; j < 4; j++) {
            int dg = naf[j][i];
            const evm__ask *src;
            if (!dg) continue;
            src = j == 0 ? &evm__secp_g_table[(dg < 0 ? -dg : dg) >> 1]
                : j == 1 ? &evm__secp_lg_table[(dg < 0 ? -dg : dg) >> 1]
                : &tab[j - 2][(dg < 0 ? -dg : dg) >> 1];
            evm__fsk_copy(&e.x, &src->x);
            if ((dg < 0) != neg[j]) evm__fsk_neg(&e.y, &src->y, m);
            else evm__fsk_copy(&e.y, &src->y);
            evm__secp_add_aff(&acc, &acc, &e, j < 2 ? &zg : NULL, NULL);
        }
    }
    if (!evm__jsk_is_inf(&acc)) evm__fsk_mul(&acc.z, &acc.z, &zg, m);
    evm__jsk_copy(out, &acc);
}

EVM_API bool EVM_ACCELERATED(evm_secp256k1_recover)(const uint8_t hash[32], const uint8_t r[32],
                                   const uint8_t s[32], int recovery_id, uint8_t pubkey[64])
{
    const evm__mont256 *fp = &evm__secp_fp, *fn = &evm__secp_n;
    evm__fe256 rr, ss, e, t, rinv, u1, u2;
    evm__ask R;
    evm__jsk q;

    if (recovery_id != 0 && recovery_id != 1) return false;
    evm__f256_from_be(&rr, r);
    evm__f256_from_be(&ss, s);
    if (evm__f256_is_zero(&rr) || !evm__f256_lt(&rr, &fn->p)) return false;
    if (evm__f256_is_zero(&ss) || !evm__f256_lt(&ss, &fn->p)) return false;

    /* R = (r, y) with y^2 = r^3 + 7; r < n < p, so x = r needs no reduction */
    evm__fsk_copy(&R.x, &rr);
    evm__fsk_sqr(&t, &R.x, fp);
    evm__fsk_mul(&t, &t, &R.x, fp);
    evm__fsk_add(&t, &t, &evm__secp_b, fp);
    if (!evm__fsk_sqrt(&R.y, &t)) return false;        /* r^3 + 7 is not a square */
    if ((int)(R.y.v[0] & 1) != recovery_id) evm__fsk_neg(&R.y, &R.y, fp);

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
    if (!evm__jsk_to_aff(&R, &q, fp)) return false;
    evm__f256_to_be(pubkey, &R.x);
    evm__f256_to_be(pubkey + 32, &R.y);
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
#define EVM__SG_AFF evm__ask
#define EVM__SG_JAC evm__jsk
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
#define EVM__SG_TO_AFF evm__jsk_to_aff

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
    const EVM__SG_MONT *fp = &evm__secp_fp, *fn = &evm__secp_n;
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
                rr = R.x;                                       /* plain residues */
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
                        u = R.y;
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
