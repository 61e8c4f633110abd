/* evm_field.h - the one field and curve arithmetic core of the cryptographic precompiles:
   Montgomery arithmetic modulo an odd prime of 256 or 384 bits (the limb count is fixed
   per field at compile time), and short Weierstrass points in Jacobian coordinates.
   Private: every name is evm__ / EVM__; used by evm_secp256k1.h, evm_p256.h, evm_bn254.h
   (the 256-bit instance) and evm_bls12381.h (the 384-bit instance; evm_kzg.h through it).

   USAGE
     Not meant to be included directly: the curve headers include it in their
     implementation part (under EVM_IMPLEMENTATION). It must sit beside them. Everything in
     it is static, so including it in several translation units is harmless.

   THE API (two instances, one per field size; "W" below is 256 or 384)
     Types
       evm__feW        a field element or a raw integer: v[] limbs, least significant first
                       (EVM__F_LIMBS(4) = 4 x 64 or 8 x 32 bits for W = 256; EVM__F_LIMBS(6)
                       = 6 x 64 or 12 x 32 for W = 384)
       evm__montW      a modulus: { p, r2 = R^2 mod p, one = R mod p, inv = -p^-1 mod 2^limb }
                       with R = 2^W; constants are written with EVM__F_W(0x...ULL) per 64-bit
                       word, low word first, so one table serves both limb sizes
       evm__jacW       a point (x, y, z) in Jacobian coordinates (x = X/Z^2, y = Y/Z^3),
                       Montgomery form; z = 0 is the point at infinity
       evm__affW       an affine point (x, y), never the point at infinity
     Field (every modular function takes reduced inputs < p and gives reduced outputs;
     r may alias any input)
       evm__fW_add / _sub / _neg / _dbl / _half (r, a[, b], m)
       evm__fW_mul (r, a, b, m)    Montgomery product a b / R; b may be any raw value
                                   below 2^W when a is reduced
       evm__fW_sqr (r, a, m)       a^2 / R, its own kernel (fewer products than _mul)
       evm__fW_to_mont (r, a, m)   raw (any value below 2^W) -> Montgomery form, reduced
       evm__fW_from_mont (r, a, m)
       evm__fW_inv (r, a, m)       a^-1 (0 -> 0), binary extended Euclid, Montgomery in/out
       evm__fW_pow (r, a, e, m)    a^e, e raw
       evm__fW_sqrt (r, a, m)      for p = 3 mod 4 (all five curves' base fields): r =
                                   a^((p+1)/4); returns whether r^2 = a (a is a square)
     Raw integers (no modulus)
       evm__fW_copy / _zero / _is_zero / _eq / _lt (a < b) / _add_raw / _sub_raw (return the
       carry / borrow) / _bits (cnt <= 8 bits from bit pos) / _wnaf (width-w NAF digits)
       evm__fW_from_be (r, in) / _to_be (out, a)   W/8 big-endian bytes, never punned
     Points (a = 0 curves: y^2 = x^3 + b; the _a3 variants for a = -3: y^2 = x^3 - 3x + b;
     b itself never enters these formulas; r may alias the inputs)
       evm__jacW_set_inf / _is_inf / _copy / _from_aff / _to_aff (false for infinity)
       evm__jacW_dbl, evm__jacW_add (Jacobian + Jacobian), evm__jacW_add_aff (+ affine),
       evm__jacW_dbl_a3, evm__jacW_add_a3, evm__jacW_add_aff_a3
       The additions handle every special case (infinity, P = Q, P = -Q).

     Another size is one line: EVM__FIELD_DEFINE(fe type, function prefix, mont type, limbs)
     and EVM__CURVE_DEFINE(jac type, aff type, point function prefix, field prefix, fe type,
     mont type) at the end of this file.

   HOW
     Each function is a thin wrapper that calls an always-inline kernel (evm__fk_*) on limb
     arrays with the limb count as a compile-time constant; with the loops marked for full
     unrolling, the compiler turns each instance into straight-line code with the running
     values in registers, which is what the hand-unrolled 4 x 64-bit code did before.
     Montgomery multiplication is CIOS (Koc, Acar, Kaliski 1996) with one extra limb plus one
     bit for the running sum, enough for moduli up to 2^W - 1 (secp256k1's p is close to it);
     squaring is SOS (the square first, then the reduction), which saves n(n-1)/2 of the
     2n^2 limb products: measured (CPU time, one core of a loaded machine) 8-10 % faster
     than the product for 6 x 64 bits, about 20 % for 12 x 32, no change for 4 x 64.
     The wrappers themselves are ordinary functions: forcing add, sub and dbl inline saved
     4-7 % of the instructions of ecrecover and P256VERIFY but no measurable time, and
     doubled the code (-O2 .text of evm_secp256k1.h 28 KiB -> 48 KiB).
     When the modulus leaves the top bit of its top limb free (BN254, BLS12-381: a test on
     p that the branch predictor always gets right) the "no-carry" CIOS runs instead:
     product and reduction fused in one pass, no extra limb. That kernel needs the first
     factor reduced; the raw one (to_mont's input) is passed second.
     On x86-64 (gcc, clang, 64-bit limbs) the modular addition and subtraction and the final
     subtraction of the no-carry product are add/adc, sub/sbb chains in inline assembly for
     4 and 6 limbs (EVM_NO_ASM: the C kernels everywhere); the 6-limb product and square
     (BLS12-381) use mulx/adcx/adox when the CPU has BMI2 and ADX, asked once through cpuid
     and kept in one static flag (the only mutable state; with -madx -mbmi2 no check, and
     with EVM_NO_STDLIB no flag: ADX only when the compiler targets it):
     about 130 instructions instead of 650, a KZG check 35 % faster.
     Inversion is Pornin's batched binary GCD (evm__fk_inv).
     Selections after an addition or a product use masks, not branches: the operands are
     effectively random, so a branch would be mispredicted half the time.

   CONFIGURATION
     EVM_NO_INT128   use 32-bit limbs and 32x32->64 products even where the compiler has
                     unsigned __int128 (otherwise 64-bit limbs and 64x64->128 products)
     EVM_NO_ASM      no inline assembly (it is only used on x86-64 with 64-bit limbs)

   Bytes are converted limb by limb, never punned, so the code is endianness-independent.
   No library call: copies are written as limb assignments (a copying loop could become a
   memcpy call). Nothing here is constant time: every input of the precompiles is public.

   LICENSE
     MIT, as evm.h.
*/
#ifndef EVM_FIELD_H
#define EVM_FIELD_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#if defined(__SIZEOF_INT128__) && !defined(EVM_NO_INT128)
typedef uint64_t evm__limb;
__extension__ typedef unsigned __int128 evm__dlimb;
#define EVM__F_BITS 64
/* A 64-bit constant word as limbs: one limb here, two (low first) on the portable path. */
#define EVM__F_W(x) ((evm__limb)(x))
#else
typedef uint32_t evm__limb;
typedef uint64_t evm__dlimb;
#define EVM__F_BITS 32
#define EVM__F_W(x) ((evm__limb)((x) & 0xffffffffu)), ((evm__limb)((x) >> 32))
#endif
/* limbs of a number of w64 64-bit words */
#define EVM__F_LIMBS(w64) ((w64) * (64 / EVM__F_BITS))
/* the largest field (384 bits): scratch arrays inside the kernels */
#define EVM__F_MAXN EVM__F_LIMBS(6)

/* EVM__F_FN: the instances (static, possibly unused in a given translation unit).
   EVM__F_K: the kernels, always inlined so the limb count is a constant in them.
   EVM__F_NOINLINE: big stages kept out of their caller's frame, which bounds the stack.
   EVM__F_UNROLL: full unrolling of the limb loops (gcc 8+, clang).
   At -Os (__OPTIMIZE_SIZE__) none of the forced inlining or unrolling: the kernels stay
   loops and the compiler chooses, which keeps secp256k1, P-256 and bn254 at about their
   size before this core (unrolled they are five times larger). */
#if (defined(__GNUC__) || defined(__clang__)) && !defined(__OPTIMIZE_SIZE__)
#define EVM__F_FN static __attribute__((unused))
#define EVM__F_K static inline __attribute__((always_inline, unused))
#define EVM__F_NOINLINE __attribute__((noinline))
#elif defined(__GNUC__) || defined(__clang__) || defined(__TINYC__)
#define EVM__F_FN static __attribute__((unused))
#define EVM__F_K static inline __attribute__((unused))
#if defined(__TINYC__)
#define EVM__F_NOINLINE
#else
#define EVM__F_NOINLINE __attribute__((noinline))
#endif
#else
#define EVM__F_FN static
#define EVM__F_K static inline
#define EVM__F_NOINLINE
#endif
#if (defined(__clang__) || (defined(__GNUC__) && __GNUC__ >= 8)) && !defined(__OPTIMIZE_SIZE__)
#define EVM__F_UNROLL _Pragma("GCC unroll 16")
#else
#define EVM__F_UNROLL
#endif

/* ---- kernels on limb arrays of n limbs (n even, at most EVM__F_MAXN) -------------------- */

/* Two limbs per step: a loop of single-limb copies (or clears) may be turned into a
   memcpy (memset) call, which a freestanding build does not have. */
EVM__F_K void evm__fk_copy(evm__limb *r, const evm__limb *a, int n)
{
    int i;
    EVM__F_UNROLL
    for (i = 0; i < n; i += 2) { r[i] = a[i]; r[i + 1] = a[i + 1]; }
}

EVM__F_K void evm__fk_zero(evm__limb *r, int n)
{
    int i;
    EVM__F_UNROLL
    for (i = 0; i < n; i += 2) { r[i] = 0; r[i + 1] = 0; }
}

EVM__F_K bool evm__fk_is_zero(const evm__limb *a, int n)
{
    evm__limb acc = 0;
    int i;
    EVM__F_UNROLL
    for (i = 0; i < n; i++) acc |= a[i];
    return acc == 0;
}

EVM__F_K bool evm__fk_eq(const evm__limb *a, const evm__limb *b, int n)
{
    evm__limb acc = 0;
    int i;
    EVM__F_UNROLL
    for (i = 0; i < n; i++) acc |= a[i] ^ b[i];
    return acc == 0;
}

EVM__F_K bool evm__fk_lt(const evm__limb *a, const evm__limb *b, int n)
{
    int i;
    for (i = n - 1; i >= 0; i--)
        if (a[i] != b[i]) return a[i] < b[i];
    return false;
}

EVM__F_K evm__limb evm__fk_add_raw(evm__limb *r, const evm__limb *a, const evm__limb *b, int n)
{
    evm__dlimb c = 0;
    int i;
    EVM__F_UNROLL
    for (i = 0; i < n; i++) {
        c += (evm__dlimb)a[i] + b[i];
        r[i] = (evm__limb)c;
        c >>= EVM__F_BITS;
    }
    return (evm__limb)c;
}

EVM__F_K evm__limb evm__fk_sub_raw(evm__limb *r, const evm__limb *a, const evm__limb *b, int n)
{
    evm__limb borrow = 0;
    int i;
    EVM__F_UNROLL
    for (i = 0; i < n; i++) {
        evm__dlimb d = (evm__dlimb)a[i] - b[i] - borrow;
        r[i] = (evm__limb)d;
        borrow = (evm__limb)(d >> EVM__F_BITS) & 1;
    }
    return borrow;
}

/* x86-64 (gcc, clang, 64-bit limbs, 4 or 6 of them): the modular addition and subtraction
   as add/adc and sub/sbb chains in inline assembly. Compiled from C, every carry goes
   through a compare and a setc: a 384-bit addition took about 165 instructions, here 50,
   branchless (the reduced and unreduced sums are selected with a mask: the outcome is a
   coin flip that a branch would mispredict). EVM_NO_ASM keeps the C, and so does an
   unoptimised build (-O0), whose operands would not fit in the registers. */
#if EVM__F_BITS == 64 && defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) \
    && !defined(__TINYC__) && defined(__OPTIMIZE__) && !defined(EVM_NO_ASM)
#define EVM__F_ASM 1
/* r = a + b mod p for a, b < p; the carry out of the top limb is kept in c, and c - borrow
   of (a + b) - p is all ones exactly when a + b < p. r may alias a or b: both are read
   before r is written. */
EVM__F_K void evm__fk_add_asm(evm__limb *r, const evm__limb *a, const evm__limb *b,
                              const evm__limb *p, int n)
{
    uint64_t t[6], c, x;
    if (n == 6) {
        __asm__ volatile(
            "xorl %k[c], %k[c]\n\t"
            "movq 0(%[a]), %[t0]\n\t"
            "movq 8(%[a]), %[t1]\n\t"
            "movq 16(%[a]), %[t2]\n\t"
            "movq 24(%[a]), %[t3]\n\t"
            "movq 32(%[a]), %[t4]\n\t"
            "movq 40(%[a]), %[t5]\n\t"
            "addq 0(%[b]), %[t0]\n\t"
            "adcq 8(%[b]), %[t1]\n\t"
            "adcq 16(%[b]), %[t2]\n\t"
            "adcq 24(%[b]), %[t3]\n\t"
            "adcq 32(%[b]), %[t4]\n\t"
            "adcq 40(%[b]), %[t5]\n\t"
            "adcq $0, %[c]\n\t"
            "movq %[t0], 0(%[r])\n\t"
            "movq %[t1], 8(%[r])\n\t"
            "movq %[t2], 16(%[r])\n\t"
            "movq %[t3], 24(%[r])\n\t"
            "movq %[t4], 32(%[r])\n\t"
            "movq %[t5], 40(%[r])\n\t"
            "subq %[p0], %[t0]\n\t"
            "sbbq %[p1], %[t1]\n\t"
            "sbbq %[p2], %[t2]\n\t"
            "sbbq %[p3], %[t3]\n\t"
            "sbbq %[p4], %[t4]\n\t"
            "sbbq %[p5], %[t5]\n\t"
            "sbbq $0, %[c]\n\t"
            "movq 0(%[r]), %[x]\n\t"
            "xorq %[t0], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t0]\n\t"
            "movq %[t0], 0(%[r])\n\t"
            "movq 8(%[r]), %[x]\n\t"
            "xorq %[t1], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t1]\n\t"
            "movq %[t1], 8(%[r])\n\t"
            "movq 16(%[r]), %[x]\n\t"
            "xorq %[t2], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t2]\n\t"
            "movq %[t2], 16(%[r])\n\t"
            "movq 24(%[r]), %[x]\n\t"
            "xorq %[t3], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t3]\n\t"
            "movq %[t3], 24(%[r])\n\t"
            "movq 32(%[r]), %[x]\n\t"
            "xorq %[t4], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t4]\n\t"
            "movq %[t4], 32(%[r])\n\t"
            "movq 40(%[r]), %[x]\n\t"
            "xorq %[t5], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t5]\n\t"
            "movq %[t5], 40(%[r])\n\t"
            : [t0] "=&r" (t[0]), [t1] "=&r" (t[1]), [t2] "=&r" (t[2]), [t3] "=&r" (t[3]),
              [t4] "=&r" (t[4]), [t5] "=&r" (t[5]),
              [c] "=&r" (c), [x] "=&r" (x)
            : [r] "r" (r), [a] "r" (a), [b] "r" (b),
              [p0] "m" (p[0]), [p1] "m" (p[1]), [p2] "m" (p[2]), [p3] "m" (p[3]),
              [p4] "m" (p[4]), [p5] "m" (p[5])
            : "cc", "memory");
    } else {
        __asm__ volatile(
            "xorl %k[c], %k[c]\n\t"
            "movq 0(%[a]), %[t0]\n\t"
            "movq 8(%[a]), %[t1]\n\t"
            "movq 16(%[a]), %[t2]\n\t"
            "movq 24(%[a]), %[t3]\n\t"
            "addq 0(%[b]), %[t0]\n\t"
            "adcq 8(%[b]), %[t1]\n\t"
            "adcq 16(%[b]), %[t2]\n\t"
            "adcq 24(%[b]), %[t3]\n\t"
            "adcq $0, %[c]\n\t"
            "movq %[t0], 0(%[r])\n\t"
            "movq %[t1], 8(%[r])\n\t"
            "movq %[t2], 16(%[r])\n\t"
            "movq %[t3], 24(%[r])\n\t"
            "subq %[p0], %[t0]\n\t"
            "sbbq %[p1], %[t1]\n\t"
            "sbbq %[p2], %[t2]\n\t"
            "sbbq %[p3], %[t3]\n\t"
            "sbbq $0, %[c]\n\t"
            "movq 0(%[r]), %[x]\n\t"
            "xorq %[t0], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t0]\n\t"
            "movq %[t0], 0(%[r])\n\t"
            "movq 8(%[r]), %[x]\n\t"
            "xorq %[t1], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t1]\n\t"
            "movq %[t1], 8(%[r])\n\t"
            "movq 16(%[r]), %[x]\n\t"
            "xorq %[t2], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t2]\n\t"
            "movq %[t2], 16(%[r])\n\t"
            "movq 24(%[r]), %[x]\n\t"
            "xorq %[t3], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t3]\n\t"
            "movq %[t3], 24(%[r])\n\t"
            : [t0] "=&r" (t[0]), [t1] "=&r" (t[1]), [t2] "=&r" (t[2]), [t3] "=&r" (t[3]),
              [c] "=&r" (c), [x] "=&r" (x)
            : [r] "r" (r), [a] "r" (a), [b] "r" (b),
              [p0] "m" (p[0]), [p1] "m" (p[1]), [p2] "m" (p[2]), [p3] "m" (p[3])
            : "cc", "memory");
    }
}
/* the same when p < 2^(W-1): a + b < 2p has no carry out, and the borrow of (a + b) - p
   alone is the mask */
EVM__F_K void evm__fk_add_asm_nc(evm__limb *r, const evm__limb *a, const evm__limb *b,
                              const evm__limb *p, int n)
{
    uint64_t t[6], c, x;
    if (n == 6) {
        __asm__ volatile(
            "movq 0(%[a]), %[t0]\n\t"
            "movq 8(%[a]), %[t1]\n\t"
            "movq 16(%[a]), %[t2]\n\t"
            "movq 24(%[a]), %[t3]\n\t"
            "movq 32(%[a]), %[t4]\n\t"
            "movq 40(%[a]), %[t5]\n\t"
            "addq 0(%[b]), %[t0]\n\t"
            "adcq 8(%[b]), %[t1]\n\t"
            "adcq 16(%[b]), %[t2]\n\t"
            "adcq 24(%[b]), %[t3]\n\t"
            "adcq 32(%[b]), %[t4]\n\t"
            "adcq 40(%[b]), %[t5]\n\t"
            "movq %[t0], 0(%[r])\n\t"
            "movq %[t1], 8(%[r])\n\t"
            "movq %[t2], 16(%[r])\n\t"
            "movq %[t3], 24(%[r])\n\t"
            "movq %[t4], 32(%[r])\n\t"
            "movq %[t5], 40(%[r])\n\t"
            "subq %[p0], %[t0]\n\t"
            "sbbq %[p1], %[t1]\n\t"
            "sbbq %[p2], %[t2]\n\t"
            "sbbq %[p3], %[t3]\n\t"
            "sbbq %[p4], %[t4]\n\t"
            "sbbq %[p5], %[t5]\n\t"
            "sbbq %[c], %[c]\n\t"
            "movq 0(%[r]), %[x]\n\t"
            "xorq %[t0], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t0]\n\t"
            "movq %[t0], 0(%[r])\n\t"
            "movq 8(%[r]), %[x]\n\t"
            "xorq %[t1], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t1]\n\t"
            "movq %[t1], 8(%[r])\n\t"
            "movq 16(%[r]), %[x]\n\t"
            "xorq %[t2], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t2]\n\t"
            "movq %[t2], 16(%[r])\n\t"
            "movq 24(%[r]), %[x]\n\t"
            "xorq %[t3], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t3]\n\t"
            "movq %[t3], 24(%[r])\n\t"
            "movq 32(%[r]), %[x]\n\t"
            "xorq %[t4], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t4]\n\t"
            "movq %[t4], 32(%[r])\n\t"
            "movq 40(%[r]), %[x]\n\t"
            "xorq %[t5], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t5]\n\t"
            "movq %[t5], 40(%[r])\n\t"
            : [t0] "=&r" (t[0]), [t1] "=&r" (t[1]), [t2] "=&r" (t[2]), [t3] "=&r" (t[3]),
              [t4] "=&r" (t[4]), [t5] "=&r" (t[5]),
              [c] "=&r" (c), [x] "=&r" (x)
            : [r] "r" (r), [a] "r" (a), [b] "r" (b),
              [p0] "m" (p[0]), [p1] "m" (p[1]), [p2] "m" (p[2]), [p3] "m" (p[3]),
              [p4] "m" (p[4]), [p5] "m" (p[5])
            : "cc", "memory");
    } else {
        __asm__ volatile(
            "movq 0(%[a]), %[t0]\n\t"
            "movq 8(%[a]), %[t1]\n\t"
            "movq 16(%[a]), %[t2]\n\t"
            "movq 24(%[a]), %[t3]\n\t"
            "addq 0(%[b]), %[t0]\n\t"
            "adcq 8(%[b]), %[t1]\n\t"
            "adcq 16(%[b]), %[t2]\n\t"
            "adcq 24(%[b]), %[t3]\n\t"
            "movq %[t0], 0(%[r])\n\t"
            "movq %[t1], 8(%[r])\n\t"
            "movq %[t2], 16(%[r])\n\t"
            "movq %[t3], 24(%[r])\n\t"
            "subq %[p0], %[t0]\n\t"
            "sbbq %[p1], %[t1]\n\t"
            "sbbq %[p2], %[t2]\n\t"
            "sbbq %[p3], %[t3]\n\t"
            "sbbq %[c], %[c]\n\t"
            "movq 0(%[r]), %[x]\n\t"
            "xorq %[t0], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t0]\n\t"
            "movq %[t0], 0(%[r])\n\t"
            "movq 8(%[r]), %[x]\n\t"
            "xorq %[t1], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t1]\n\t"
            "movq %[t1], 8(%[r])\n\t"
            "movq 16(%[r]), %[x]\n\t"
            "xorq %[t2], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t2]\n\t"
            "movq %[t2], 16(%[r])\n\t"
            "movq 24(%[r]), %[x]\n\t"
            "xorq %[t3], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t3]\n\t"
            "movq %[t3], 24(%[r])\n\t"
            : [t0] "=&r" (t[0]), [t1] "=&r" (t[1]), [t2] "=&r" (t[2]), [t3] "=&r" (t[3]),
              [c] "=&r" (c), [x] "=&r" (x)
            : [r] "r" (r), [a] "r" (a), [b] "r" (b),
              [p0] "m" (p[0]), [p1] "m" (p[1]), [p2] "m" (p[2]), [p3] "m" (p[3])
            : "cc", "memory");
    }
}
/* r = a - b mod p for a, b < p: subtract, then add p masked by the borrow. */
EVM__F_K void evm__fk_sub_asm(evm__limb *r, const evm__limb *a, const evm__limb *b,
                              const evm__limb *p, int n)
{
    uint64_t t[6], c;
    if (n == 6) {
        __asm__ volatile(
            "movq 0(%[a]), %[t0]\n\t"
            "movq 8(%[a]), %[t1]\n\t"
            "movq 16(%[a]), %[t2]\n\t"
            "movq 24(%[a]), %[t3]\n\t"
            "movq 32(%[a]), %[t4]\n\t"
            "movq 40(%[a]), %[t5]\n\t"
            "subq 0(%[b]), %[t0]\n\t"
            "sbbq 8(%[b]), %[t1]\n\t"
            "sbbq 16(%[b]), %[t2]\n\t"
            "sbbq 24(%[b]), %[t3]\n\t"
            "sbbq 32(%[b]), %[t4]\n\t"
            "sbbq 40(%[b]), %[t5]\n\t"
            "sbbq %[c], %[c]\n\t"
            "movq %[t0], 0(%[r])\n\t"
            "movq %[t1], 8(%[r])\n\t"
            "movq %[t2], 16(%[r])\n\t"
            "movq %[t3], 24(%[r])\n\t"
            "movq %[t4], 32(%[r])\n\t"
            "movq %[t5], 40(%[r])\n\t"
            "movq %[p0], %[t0]\n\t"
            "movq %[p1], %[t1]\n\t"
            "movq %[p2], %[t2]\n\t"
            "movq %[p3], %[t3]\n\t"
            "movq %[p4], %[t4]\n\t"
            "movq %[p5], %[t5]\n\t"
            "andq %[c], %[t0]\n\t"
            "andq %[c], %[t1]\n\t"
            "andq %[c], %[t2]\n\t"
            "andq %[c], %[t3]\n\t"
            "andq %[c], %[t4]\n\t"
            "andq %[c], %[t5]\n\t"
            "addq %[t0], 0(%[r])\n\t"
            "adcq %[t1], 8(%[r])\n\t"
            "adcq %[t2], 16(%[r])\n\t"
            "adcq %[t3], 24(%[r])\n\t"
            "adcq %[t4], 32(%[r])\n\t"
            "adcq %[t5], 40(%[r])\n\t"
            : [t0] "=&r" (t[0]), [t1] "=&r" (t[1]), [t2] "=&r" (t[2]), [t3] "=&r" (t[3]),
              [t4] "=&r" (t[4]), [t5] "=&r" (t[5]),
              [c] "=&r" (c)
            : [r] "r" (r), [a] "r" (a), [b] "r" (b),
              [p0] "m" (p[0]), [p1] "m" (p[1]), [p2] "m" (p[2]), [p3] "m" (p[3]),
              [p4] "m" (p[4]), [p5] "m" (p[5])
            : "cc", "memory");
    } else {
        __asm__ volatile(
            "movq 0(%[a]), %[t0]\n\t"
            "movq 8(%[a]), %[t1]\n\t"
            "movq 16(%[a]), %[t2]\n\t"
            "movq 24(%[a]), %[t3]\n\t"
            "subq 0(%[b]), %[t0]\n\t"
            "sbbq 8(%[b]), %[t1]\n\t"
            "sbbq 16(%[b]), %[t2]\n\t"
            "sbbq 24(%[b]), %[t3]\n\t"
            "sbbq %[c], %[c]\n\t"
            "movq %[t0], 0(%[r])\n\t"
            "movq %[t1], 8(%[r])\n\t"
            "movq %[t2], 16(%[r])\n\t"
            "movq %[t3], 24(%[r])\n\t"
            "movq %[p0], %[t0]\n\t"
            "movq %[p1], %[t1]\n\t"
            "movq %[p2], %[t2]\n\t"
            "movq %[p3], %[t3]\n\t"
            "andq %[c], %[t0]\n\t"
            "andq %[c], %[t1]\n\t"
            "andq %[c], %[t2]\n\t"
            "andq %[c], %[t3]\n\t"
            "addq %[t0], 0(%[r])\n\t"
            "adcq %[t1], 8(%[r])\n\t"
            "adcq %[t2], 16(%[r])\n\t"
            "adcq %[t3], 24(%[r])\n\t"
            : [t0] "=&r" (t[0]), [t1] "=&r" (t[1]), [t2] "=&r" (t[2]), [t3] "=&r" (t[3]),
              [c] "=&r" (c)
            : [r] "r" (r), [a] "r" (a), [b] "r" (b),
              [p0] "m" (p[0]), [p1] "m" (p[1]), [p2] "m" (p[2]), [p3] "m" (p[3])
            : "cc", "memory");
    }
}
/* r = t mod p for t < 2p (no carry limb): the last step of the no-carry product */
EVM__F_K void evm__fk_csub_asm(evm__limb *r, evm__limb *t, const evm__limb *p, int n)
{
    uint64_t c, x;
    if (n == 6) {
        __asm__ volatile(
            "movq %[t0], 0(%[r])\n\t"
            "movq %[t1], 8(%[r])\n\t"
            "movq %[t2], 16(%[r])\n\t"
            "movq %[t3], 24(%[r])\n\t"
            "movq %[t4], 32(%[r])\n\t"
            "movq %[t5], 40(%[r])\n\t"
            "subq %[p0], %[t0]\n\t"
            "sbbq %[p1], %[t1]\n\t"
            "sbbq %[p2], %[t2]\n\t"
            "sbbq %[p3], %[t3]\n\t"
            "sbbq %[p4], %[t4]\n\t"
            "sbbq %[p5], %[t5]\n\t"
            "sbbq %[c], %[c]\n\t"
            "movq 0(%[r]), %[x]\n\t"
            "xorq %[t0], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t0]\n\t"
            "movq %[t0], 0(%[r])\n\t"
            "movq 8(%[r]), %[x]\n\t"
            "xorq %[t1], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t1]\n\t"
            "movq %[t1], 8(%[r])\n\t"
            "movq 16(%[r]), %[x]\n\t"
            "xorq %[t2], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t2]\n\t"
            "movq %[t2], 16(%[r])\n\t"
            "movq 24(%[r]), %[x]\n\t"
            "xorq %[t3], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t3]\n\t"
            "movq %[t3], 24(%[r])\n\t"
            "movq 32(%[r]), %[x]\n\t"
            "xorq %[t4], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t4]\n\t"
            "movq %[t4], 32(%[r])\n\t"
            "movq 40(%[r]), %[x]\n\t"
            "xorq %[t5], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t5]\n\t"
            "movq %[t5], 40(%[r])\n\t"
            : [t0] "+&r" (t[0]), [t1] "+&r" (t[1]), [t2] "+&r" (t[2]), [t3] "+&r" (t[3]),
              [t4] "+&r" (t[4]), [t5] "+&r" (t[5]),
              [c] "=&r" (c), [x] "=&r" (x)
            : [r] "r" (r),
              [p0] "m" (p[0]), [p1] "m" (p[1]), [p2] "m" (p[2]), [p3] "m" (p[3]),
              [p4] "m" (p[4]), [p5] "m" (p[5])
            : "cc", "memory");
    } else {
        __asm__ volatile(
            "movq %[t0], 0(%[r])\n\t"
            "movq %[t1], 8(%[r])\n\t"
            "movq %[t2], 16(%[r])\n\t"
            "movq %[t3], 24(%[r])\n\t"
            "subq %[p0], %[t0]\n\t"
            "sbbq %[p1], %[t1]\n\t"
            "sbbq %[p2], %[t2]\n\t"
            "sbbq %[p3], %[t3]\n\t"
            "sbbq %[c], %[c]\n\t"
            "movq 0(%[r]), %[x]\n\t"
            "xorq %[t0], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t0]\n\t"
            "movq %[t0], 0(%[r])\n\t"
            "movq 8(%[r]), %[x]\n\t"
            "xorq %[t1], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t1]\n\t"
            "movq %[t1], 8(%[r])\n\t"
            "movq 16(%[r]), %[x]\n\t"
            "xorq %[t2], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t2]\n\t"
            "movq %[t2], 16(%[r])\n\t"
            "movq 24(%[r]), %[x]\n\t"
            "xorq %[t3], %[x]\n\t"
            "andq %[c], %[x]\n\t"
            "xorq %[x], %[t3]\n\t"
            "movq %[t3], 24(%[r])\n\t"
            : [t0] "+&r" (t[0]), [t1] "+&r" (t[1]), [t2] "+&r" (t[2]), [t3] "+&r" (t[3]),
              [c] "=&r" (c), [x] "=&r" (x)
            : [r] "r" (r),
              [p0] "m" (p[0]), [p1] "m" (p[1]), [p2] "m" (p[2]), [p3] "m" (p[3])
            : "cc", "memory");
    }
}
/* x86-64 with BMI2 and ADX (Broadwell and later; checked at run time by cpuid, once, unless
   the compiler already targets them): the 6-limb Montgomery product with mulx and the two
   carry chains of adcx / adox, operand scanning (CIOS) with a seventh running limb. About
   130 instructions against some 650 for the compiled C, which spends its time moving
   carries through 128-bit temporaries. Needs p < 2^383 (the running sum stays below 2p,
   so the seventh limb never overflows); the final subtraction is evm__fk_csub_asm's. */
/* gcc's ASan keeps a register for itself, and the 13 of the product no longer fit */
#if defined(__SANITIZE_ADDRESS__)
#define EVM__F_ADX 0
#else
#define EVM__F_ADX 1
#endif
EVM__F_K bool evm__f_have_adx(void)
{
#if defined(__ADX__) && defined(__BMI2__)
    return true;
#elif defined(EVM_NO_STDLIB)
    return false;          /* freestanding: no mutable state at all, so no cached answer */
#else
    /* 0: not asked yet, 1: no, 2: yes. Written once per process with the same value by
       whichever thread asks first: the only mutable static in the library. */
    static volatile int state;
    if (!state) {
        uint32_t a = 0, b = 0, c = 0, d = 0;
        __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
        if (a >= 7) {
            a = 7; c = 0;
            __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
            state = ((b >> 8) & 1) && ((b >> 19) & 1) ? 2 : 1;    /* BMI2, ADX */
        } else {
            state = 1;
        }
    }
    return state == 2;
#endif
}

EVM__F_K void evm__fk_mul6_adx(evm__limb *r, const evm__limb *a, const evm__limb *b,
                               const evm__limb *p, evm__limb inv)
{
    uint64_t t[6], t0, t1, t2, t3, t4, t5, t6, lo, hi;
    __asm__(
        "movq 0(%[b]), %%rdx\n\t"
        "mulxq 0(%[a]), %[t0], %[t1]\n\t"
        "mulxq 8(%[a]), %[lo], %[t2]\n\t"
        "addq %[lo], %[t1]\n\t"
        "mulxq 16(%[a]), %[lo], %[t3]\n\t"
        "adcq %[lo], %[t2]\n\t"
        "mulxq 24(%[a]), %[lo], %[t4]\n\t"
        "adcq %[lo], %[t3]\n\t"
        "mulxq 32(%[a]), %[lo], %[t5]\n\t"
        "adcq %[lo], %[t4]\n\t"
        "mulxq 40(%[a]), %[lo], %[t6]\n\t"
        "adcq %[lo], %[t5]\n\t"
        "adcq $0, %[t6]\n\t"
        "movq %[t0], %%rdx\n\t"
        "imulq %[inv], %%rdx\n\t"
        "xorl %k[lo], %k[lo]\n\t"
        "mulxq %[p0], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t0]\n\t"
        "adoxq %[hi], %[t1]\n\t"
        "mulxq %[p1], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t1]\n\t"
        "adoxq %[hi], %[t2]\n\t"
        "mulxq %[p2], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t2]\n\t"
        "adoxq %[hi], %[t3]\n\t"
        "mulxq %[p3], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t3]\n\t"
        "adoxq %[hi], %[t4]\n\t"
        "mulxq %[p4], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t4]\n\t"
        "adoxq %[hi], %[t5]\n\t"
        "mulxq %[p5], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t5]\n\t"
        "adoxq %[hi], %[t6]\n\t"
        "adcq $0, %[t6]\n\t"
        "movq 8(%[b]), %%rdx\n\t"
        "xorl %k[t0], %k[t0]\n\t"
        "mulxq 0(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t1]\n\t"
        "adoxq %[hi], %[t2]\n\t"
        "mulxq 8(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t2]\n\t"
        "adoxq %[hi], %[t3]\n\t"
        "mulxq 16(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t3]\n\t"
        "adoxq %[hi], %[t4]\n\t"
        "mulxq 24(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t4]\n\t"
        "adoxq %[hi], %[t5]\n\t"
        "mulxq 32(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t5]\n\t"
        "adoxq %[hi], %[t6]\n\t"
        "mulxq 40(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t6]\n\t"
        "adoxq %[hi], %[t0]\n\t"
        "adcq $0, %[t0]\n\t"
        "movq %[t1], %%rdx\n\t"
        "imulq %[inv], %%rdx\n\t"
        "xorl %k[lo], %k[lo]\n\t"
        "mulxq %[p0], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t1]\n\t"
        "adoxq %[hi], %[t2]\n\t"
        "mulxq %[p1], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t2]\n\t"
        "adoxq %[hi], %[t3]\n\t"
        "mulxq %[p2], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t3]\n\t"
        "adoxq %[hi], %[t4]\n\t"
        "mulxq %[p3], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t4]\n\t"
        "adoxq %[hi], %[t5]\n\t"
        "mulxq %[p4], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t5]\n\t"
        "adoxq %[hi], %[t6]\n\t"
        "mulxq %[p5], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t6]\n\t"
        "adoxq %[hi], %[t0]\n\t"
        "adcq $0, %[t0]\n\t"
        "movq 16(%[b]), %%rdx\n\t"
        "xorl %k[t1], %k[t1]\n\t"
        "mulxq 0(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t2]\n\t"
        "adoxq %[hi], %[t3]\n\t"
        "mulxq 8(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t3]\n\t"
        "adoxq %[hi], %[t4]\n\t"
        "mulxq 16(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t4]\n\t"
        "adoxq %[hi], %[t5]\n\t"
        "mulxq 24(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t5]\n\t"
        "adoxq %[hi], %[t6]\n\t"
        "mulxq 32(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t6]\n\t"
        "adoxq %[hi], %[t0]\n\t"
        "mulxq 40(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t0]\n\t"
        "adoxq %[hi], %[t1]\n\t"
        "adcq $0, %[t1]\n\t"
        "movq %[t2], %%rdx\n\t"
        "imulq %[inv], %%rdx\n\t"
        "xorl %k[lo], %k[lo]\n\t"
        "mulxq %[p0], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t2]\n\t"
        "adoxq %[hi], %[t3]\n\t"
        "mulxq %[p1], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t3]\n\t"
        "adoxq %[hi], %[t4]\n\t"
        "mulxq %[p2], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t4]\n\t"
        "adoxq %[hi], %[t5]\n\t"
        "mulxq %[p3], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t5]\n\t"
        "adoxq %[hi], %[t6]\n\t"
        "mulxq %[p4], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t6]\n\t"
        "adoxq %[hi], %[t0]\n\t"
        "mulxq %[p5], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t0]\n\t"
        "adoxq %[hi], %[t1]\n\t"
        "adcq $0, %[t1]\n\t"
        "movq 24(%[b]), %%rdx\n\t"
        "xorl %k[t2], %k[t2]\n\t"
        "mulxq 0(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t3]\n\t"
        "adoxq %[hi], %[t4]\n\t"
        "mulxq 8(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t4]\n\t"
        "adoxq %[hi], %[t5]\n\t"
        "mulxq 16(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t5]\n\t"
        "adoxq %[hi], %[t6]\n\t"
        "mulxq 24(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t6]\n\t"
        "adoxq %[hi], %[t0]\n\t"
        "mulxq 32(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t0]\n\t"
        "adoxq %[hi], %[t1]\n\t"
        "mulxq 40(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t1]\n\t"
        "adoxq %[hi], %[t2]\n\t"
        "adcq $0, %[t2]\n\t"
        "movq %[t3], %%rdx\n\t"
        "imulq %[inv], %%rdx\n\t"
        "xorl %k[lo], %k[lo]\n\t"
        "mulxq %[p0], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t3]\n\t"
        "adoxq %[hi], %[t4]\n\t"
        "mulxq %[p1], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t4]\n\t"
        "adoxq %[hi], %[t5]\n\t"
        "mulxq %[p2], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t5]\n\t"
        "adoxq %[hi], %[t6]\n\t"
        "mulxq %[p3], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t6]\n\t"
        "adoxq %[hi], %[t0]\n\t"
        "mulxq %[p4], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t0]\n\t"
        "adoxq %[hi], %[t1]\n\t"
        "mulxq %[p5], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t1]\n\t"
        "adoxq %[hi], %[t2]\n\t"
        "adcq $0, %[t2]\n\t"
        "movq 32(%[b]), %%rdx\n\t"
        "xorl %k[t3], %k[t3]\n\t"
        "mulxq 0(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t4]\n\t"
        "adoxq %[hi], %[t5]\n\t"
        "mulxq 8(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t5]\n\t"
        "adoxq %[hi], %[t6]\n\t"
        "mulxq 16(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t6]\n\t"
        "adoxq %[hi], %[t0]\n\t"
        "mulxq 24(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t0]\n\t"
        "adoxq %[hi], %[t1]\n\t"
        "mulxq 32(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t1]\n\t"
        "adoxq %[hi], %[t2]\n\t"
        "mulxq 40(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t2]\n\t"
        "adoxq %[hi], %[t3]\n\t"
        "adcq $0, %[t3]\n\t"
        "movq %[t4], %%rdx\n\t"
        "imulq %[inv], %%rdx\n\t"
        "xorl %k[lo], %k[lo]\n\t"
        "mulxq %[p0], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t4]\n\t"
        "adoxq %[hi], %[t5]\n\t"
        "mulxq %[p1], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t5]\n\t"
        "adoxq %[hi], %[t6]\n\t"
        "mulxq %[p2], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t6]\n\t"
        "adoxq %[hi], %[t0]\n\t"
        "mulxq %[p3], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t0]\n\t"
        "adoxq %[hi], %[t1]\n\t"
        "mulxq %[p4], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t1]\n\t"
        "adoxq %[hi], %[t2]\n\t"
        "mulxq %[p5], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t2]\n\t"
        "adoxq %[hi], %[t3]\n\t"
        "adcq $0, %[t3]\n\t"
        "movq 40(%[b]), %%rdx\n\t"
        "xorl %k[t4], %k[t4]\n\t"
        "mulxq 0(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t5]\n\t"
        "adoxq %[hi], %[t6]\n\t"
        "mulxq 8(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t6]\n\t"
        "adoxq %[hi], %[t0]\n\t"
        "mulxq 16(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t0]\n\t"
        "adoxq %[hi], %[t1]\n\t"
        "mulxq 24(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t1]\n\t"
        "adoxq %[hi], %[t2]\n\t"
        "mulxq 32(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t2]\n\t"
        "adoxq %[hi], %[t3]\n\t"
        "mulxq 40(%[a]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t3]\n\t"
        "adoxq %[hi], %[t4]\n\t"
        "adcq $0, %[t4]\n\t"
        "movq %[t5], %%rdx\n\t"
        "imulq %[inv], %%rdx\n\t"
        "xorl %k[lo], %k[lo]\n\t"
        "mulxq %[p0], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t5]\n\t"
        "adoxq %[hi], %[t6]\n\t"
        "mulxq %[p1], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t6]\n\t"
        "adoxq %[hi], %[t0]\n\t"
        "mulxq %[p2], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t0]\n\t"
        "adoxq %[hi], %[t1]\n\t"
        "mulxq %[p3], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t1]\n\t"
        "adoxq %[hi], %[t2]\n\t"
        "mulxq %[p4], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t2]\n\t"
        "adoxq %[hi], %[t3]\n\t"
        "mulxq %[p5], %[lo], %[hi]\n\t"
        "adcxq %[lo], %[t3]\n\t"
        "adoxq %[hi], %[t4]\n\t"
        "adcq $0, %[t4]\n\t"
        : [t0] "=&r" (t0), [t1] "=&r" (t1), [t2] "=&r" (t2), [t3] "=&r" (t3),
          [t4] "=&r" (t4), [t5] "=&r" (t5), [t6] "=&r" (t6), [lo] "=&r" (lo), [hi] "=&r" (hi)
        : [a] "r" (a), [b] "r" (b), [inv] "m" (inv),
          [p0] "m" (p[0]), [p1] "m" (p[1]), [p2] "m" (p[2]), [p3] "m" (p[3]),
          [p4] "m" (p[4]), [p5] "m" (p[5])
        : "rdx", "cc");
    t[0] = t6; t[1] = t0; t[2] = t1; t[3] = t2; t[4] = t3; t[5] = t4;
    evm__fk_csub_asm(r, t, p, 6);
}
#else
#define EVM__F_ASM 0
#endif

/* r = a + b mod p for a, b < p */
EVM__F_K void evm__fk_add(evm__limb *r, const evm__limb *a, const evm__limb *b,
                          const evm__limb *p, int n)
{
    evm__limb s[EVM__F_MAXN], d[EVM__F_MAXN], carry, borrow, keep;
    int i;
#if EVM__F_ASM
    if ((n == 4 || n == 6) && (p[n - 1] >> (EVM__F_BITS - 1)) == 0)   /* known for a constant p */
        { evm__fk_add_asm_nc(r, a, b, p, n); return; }
    if (n == 4 || n == 6) { evm__fk_add_asm(r, a, b, p, n); return; }
#endif
    carry = evm__fk_add_raw(s, a, b, n);
    borrow = evm__fk_sub_raw(d, s, p, n);
    /* a + b < 2p: keep the sum only if it did not reach 2^W and is below p */
    keep = 0 - ((carry ^ 1) & borrow);
    EVM__F_UNROLL
    for (i = 0; i < n; i++) r[i] = (s[i] & keep) | (d[i] & ~keep);
}

/* r = a - b mod p for a, b < p */
EVM__F_K void evm__fk_sub(evm__limb *r, const evm__limb *a, const evm__limb *b,
                          const evm__limb *p, int n)
{
    evm__limb d[EVM__F_MAXN], pm[EVM__F_MAXN], mask;
    int i;
#if EVM__F_ASM
    if (n == 4 || n == 6) { evm__fk_sub_asm(r, a, b, p, n); return; }
#endif
    mask = 0 - evm__fk_sub_raw(d, a, b, n);            /* a < b: add p back */
    EVM__F_UNROLL
    for (i = 0; i < n; i++) pm[i] = p[i] & mask;
    evm__fk_add_raw(r, d, pm, n);
}

EVM__F_K void evm__fk_neg(evm__limb *r, const evm__limb *a, const evm__limb *p, int n)
{
    if (evm__fk_is_zero(a, n)) evm__fk_zero(r, n);
    else evm__fk_sub_raw(r, p, a, n);
}

/* r = a / 2 mod p: (a or a + p, whichever is even) shifted right, keeping the carry bit */
EVM__F_K void evm__fk_half(evm__limb *r, const evm__limb *a, const evm__limb *p, int n)
{
    evm__limb top = 0;
    int i;
    if (a[0] & 1) top = evm__fk_add_raw(r, a, p, n);
    else evm__fk_copy(r, a, n);
    EVM__F_UNROLL
    for (i = 0; i < n - 1; i++) r[i] = (r[i] >> 1) | (r[i + 1] << (EVM__F_BITS - 1));
    r[n - 1] = (r[n - 1] >> 1) | (top << (EVM__F_BITS - 1));
}

/* raw right shift by one bit */
EVM__F_K void evm__fk_shr1(evm__limb *r, int n)
{
    int i;
    EVM__F_UNROLL
    for (i = 0; i < n - 1; i++) r[i] = (r[i] >> 1) | (r[i + 1] << (EVM__F_BITS - 1));
    r[n - 1] >>= 1;
}

/* Montgomery product a b / R mod p (CIOS). t holds the running sum, below 2p < 2^(W+1):
   n limbs, one more, and a last one that is only ever 0 or 1. */
EVM__F_K void evm__fk_mul(evm__limb *r, const evm__limb *a, const evm__limb *b,
                          const evm__limb *p, evm__limb inv, int n)
{
    evm__limb t[EVM__F_MAXN + 2], d[EVM__F_MAXN], keep, borrow;
    int i, j;
    EVM__F_UNROLL
    for (j = 0; j < n + 2; j += 2) { t[j] = 0; t[j + 1] = 0; }
    EVM__F_UNROLL
    for (i = 0; i < n; i++) {
        evm__dlimb c = 0;
        evm__limb bi = b[i], q;
        /* t += a * b[i] */
        EVM__F_UNROLL
        for (j = 0; j < n; j++) {
            c = (evm__dlimb)a[j] * bi + t[j] + (c >> EVM__F_BITS);
            t[j] = (evm__limb)c;
        }
        c = (evm__dlimb)t[n] + (c >> EVM__F_BITS);
        t[n] = (evm__limb)c;
        t[n + 1] = (evm__limb)(c >> EVM__F_BITS);
        /* t = (t + q p) / 2^limb, q chosen to clear the low limb */
        q = (evm__limb)((evm__dlimb)t[0] * inv);
        c = (evm__dlimb)q * p[0] + t[0];
        EVM__F_UNROLL
        for (j = 1; j < n; j++) {
            c = (evm__dlimb)q * p[j] + t[j] + (c >> EVM__F_BITS);
            t[j - 1] = (evm__limb)c;
        }
        c = (evm__dlimb)t[n] + (c >> EVM__F_BITS);
        t[n - 1] = (evm__limb)c;
        t[n] = t[n + 1] + (evm__limb)(c >> EVM__F_BITS);
    }
    borrow = evm__fk_sub_raw(d, t, p, n);
    keep = 0 - ((t[n] ^ 1) & borrow);                  /* t < p: keep t, else t - p */
    EVM__F_UNROLL
    for (i = 0; i < n; i++) r[i] = (t[i] & keep) | (d[i] & ~keep);
}

/* Montgomery square a^2 / R mod p (SOS): the 2n-limb square from n(n-1)/2 cross products,
   doubled, plus the n diagonal ones, then n reduction rounds; n(n+1)/2 + n^2 products
   against the product's 2 n^2, which is what doublings (mostly squarings) gain. The square
   is below p^2, so the reduced value (a^2 + q p) / R stays below 2p: one extra bit. */
EVM__F_K void evm__fk_sqr(evm__limb *r, const evm__limb *a, const evm__limb *p, evm__limb inv,
                          int n)
{
    evm__limb t[2 * EVM__F_MAXN], d[EVM__F_MAXN], top = 0, keep, borrow;
    evm__dlimb c;
    int i, j;
#if EVM__F_ASM && EVM__F_ADX
    if (n == 6 && p[5] < ((evm__limb)1 << 62) && evm__f_have_adx())
        { evm__fk_mul6_adx(r, a, a, p, inv); return; }   /* as fast as a dedicated square */
#endif
    EVM__F_UNROLL
    for (i = 0; i < 2 * n; i += 2) { t[i] = 0; t[i + 1] = 0; }
    /* cross products a_i a_j, i < j */
    EVM__F_UNROLL
    for (i = 0; i < n - 1; i++) {
        c = 0;
        EVM__F_UNROLL
        for (j = i + 1; j < n; j++) {
            c = (evm__dlimb)a[i] * a[j] + t[i + j] + (c >> EVM__F_BITS);
            t[i + j] = (evm__limb)c;
        }
        t[i + n] = (evm__limb)(c >> EVM__F_BITS);
    }
    /* doubled, plus the squares a_i^2 */
    t[2 * n - 1] = t[2 * n - 2] >> (EVM__F_BITS - 1);
    EVM__F_UNROLL
    for (i = 2 * n - 2; i > 1; i--) t[i] = (t[i] << 1) | (t[i - 1] >> (EVM__F_BITS - 1));
    t[1] <<= 1;
    c = 0;
    EVM__F_UNROLL
    for (i = 0; i < n; i++) {
        evm__dlimb sq = (evm__dlimb)a[i] * a[i];
        c = (evm__dlimb)t[2 * i] + (evm__limb)sq + (c >> EVM__F_BITS);
        t[2 * i] = (evm__limb)c;
        c = (evm__dlimb)t[2 * i + 1] + (evm__limb)(sq >> EVM__F_BITS) + (c >> EVM__F_BITS);
        t[2 * i + 1] = (evm__limb)c;
    }
    /* reduction: row i clears limb i; its carry goes into limb i + n, and the carry out of
       that limb (top) into the next row's */
    EVM__F_UNROLL
    for (i = 0; i < n; i++) {
        evm__limb q = (evm__limb)((evm__dlimb)t[i] * inv);
        c = (evm__dlimb)q * p[0] + t[i];
        EVM__F_UNROLL
        for (j = 1; j < n; j++) {
            c = (evm__dlimb)q * p[j] + t[i + j] + (c >> EVM__F_BITS);
            t[i + j] = (evm__limb)c;
        }
        c = (evm__dlimb)t[i + n] + (c >> EVM__F_BITS) + top;
        t[i + n] = (evm__limb)c;
        top = (evm__limb)(c >> EVM__F_BITS);
    }
    borrow = evm__fk_sub_raw(d, t + n, p, n);
    keep = 0 - ((top ^ 1) & borrow);                   /* below p: keep, else subtract p */
    EVM__F_UNROLL
    for (i = 0; i < n; i++) r[i] = (t[n + i] & keep) | (d[i] & ~keep);
}

/* The same product for a modulus whose top limb is below 2^(limb-1) - 1 (BN254, BLS12-381;
   not secp256k1 or P-256): multiplication and reduction fused in one pass, and the running
   value never needs an extra limb ("no-carry" CIOS, as in gnark-crypto and blst). With
   64-bit limbs the additions are done on single limbs: gcc then keeps far fewer 128-bit
   temporaries alive. */
#if EVM__F_BITS == 64
#define EVM__F_MAC1(hi, lo, x, y, c) do {                                                     \
        evm__dlimb p_ = (evm__dlimb)(x) * (y);                                                \
        evm__limb l_ = (evm__limb)p_, h_ = (evm__limb)(p_ >> 64);                             \
        l_ += (c); h_ += l_ < (c);                                                            \
        (lo) = l_; (hi) = h_; } while (0)
#define EVM__F_MAC(hi, lo, x, y, c, d) do {                                                   \
        evm__dlimb p_ = (evm__dlimb)(x) * (y);                                                \
        evm__limb l_ = (evm__limb)p_, h_ = (evm__limb)(p_ >> 64);                             \
        l_ += (c); h_ += l_ < (c); l_ += (d); h_ += l_ < (d);                                 \
        (lo) = l_; (hi) = h_; } while (0)
#else
#define EVM__F_MAC1(hi, lo, x, y, c) do {                                                     \
        evm__dlimb s_ = (evm__dlimb)(x) * (y) + (c);                                          \
        (lo) = (evm__limb)s_; (hi) = (evm__limb)(s_ >> EVM__F_BITS); } while (0)
#define EVM__F_MAC(hi, lo, x, y, c, d) do {                                                   \
        evm__dlimb s_ = (evm__dlimb)(x) * (y) + (c) + (d);                                    \
        (lo) = (evm__limb)s_; (hi) = (evm__limb)(s_ >> EVM__F_BITS); } while (0)
#endif
EVM__F_K void evm__fk_mul_nc(evm__limb *r, const evm__limb *a, const evm__limb *b,
                             const evm__limb *p, evm__limb inv, int n)
{
    evm__limb t[EVM__F_MAXN], d[EVM__F_MAXN], keep;
    int i, j;
    EVM__F_UNROLL
    for (j = 0; j < n; j += 2) { t[j] = 0; t[j + 1] = 0; }
    EVM__F_UNROLL
    for (i = 0; i < n; i++) {
        evm__limb bi = b[i], ca, cm, q, lo;
        EVM__F_MAC1(ca, t[0], a[0], bi, t[0]);
        q = (evm__limb)((evm__dlimb)t[0] * inv);
        EVM__F_MAC1(cm, lo, q, p[0], t[0]);             /* lo is 0 by the choice of q */
        (void)lo;
        EVM__F_UNROLL
        for (j = 1; j < n; j++) {
            EVM__F_MAC(ca, t[j], a[j], bi, t[j], ca);
            EVM__F_MAC(cm, t[j - 1], q, p[j], t[j], cm);
        }
        t[n - 1] = ca + cm;
    }
#if EVM__F_ASM
    if (n == 4 || n == 6) { evm__fk_csub_asm(r, t, p, n); return; }
#endif
    keep = 0 - evm__fk_sub_raw(d, t, p, n);            /* t < p: keep t, else t - p */
    EVM__F_UNROLL
    for (i = 0; i < n; i++) r[i] = (t[i] & keep) | (d[i] & ~keep);
}

/* the product by whichever kernel the modulus allows (the test is predicted perfectly) */
EVM__F_K void evm__fk_mulm(evm__limb *r, const evm__limb *a, const evm__limb *b,
                           const evm__limb *p, evm__limb inv, int n)
{
#if EVM__F_ASM && EVM__F_ADX
    if (n == 6 && p[5] < ((evm__limb)1 << 62) && evm__f_have_adx())
        { evm__fk_mul6_adx(r, a, b, p, inv); return; }
#endif
    if (p[n - 1] < ((evm__limb)1 << (EVM__F_BITS - 1)) - 1) evm__fk_mul_nc(r, a, b, p, inv, n);
    else evm__fk_mul(r, a, b, p, inv, n);
}

/* cnt (1..8) bits of a raw value starting at bit pos; bits past the top read as 0 */
EVM__F_K unsigned evm__fk_bits(const evm__limb *k, int pos, int cnt, int n)
{
    int li = pos / EVM__F_BITS, sh = pos % EVM__F_BITS;
    unsigned v;
    if (li >= n) return 0;
    v = (unsigned)(k[li] >> sh) & 0xffu;
    if (sh + cnt > EVM__F_BITS && li + 1 < n)
        v |= (unsigned)(k[li + 1] << (EVM__F_BITS - sh)) & 0xffu;
    return v & ((1u << cnt) - 1u);
}

EVM__F_K void evm__fk_from_be(evm__limb *r, const uint8_t *in, int n)
{
    int i, bytes = n * (EVM__F_BITS / 8);
    evm__fk_zero(r, n);
    for (i = 0; i < bytes; i++)
        r[i / (EVM__F_BITS / 8)] |= (evm__limb)in[bytes - 1 - i] << (8 * (i % (EVM__F_BITS / 8)));
}

EVM__F_K void evm__fk_to_be(uint8_t *out, const evm__limb *a, int n)
{
    int i, bytes = n * (EVM__F_BITS / 8);
    for (i = 0; i < bytes; i++)
        out[bytes - 1 - i] = (uint8_t)(a[i / (EVM__F_BITS / 8)] >> (8 * (i % (EVM__F_BITS / 8))));
}

/* r = a^e (a in Montgomery form, e raw), fixed 4-bit window: W - 1 squarings and at most
   W / 4 products. one = R mod p. */
EVM__F_K void evm__fk_pow(evm__limb *r, const evm__limb *a, const evm__limb *e,
                          const evm__limb *p, const evm__limb *one, evm__limb inv, int n)
{
    evm__limb tab[16][EVM__F_MAXN], acc[EVM__F_MAXN];
    int i, k;
    bool started = false;
    evm__fk_copy(tab[0], one, n);
    evm__fk_copy(tab[1], a, n);
    for (i = 2; i < 16; i++) evm__fk_mulm(tab[i], tab[i - 1], a, p, inv, n);
    evm__fk_copy(acc, one, n);
    for (i = n * EVM__F_BITS - 4; i >= 0; i -= 4) {
        unsigned w = evm__fk_bits(e, i, 4, n);
        if (started)
            for (k = 0; k < 4; k++) evm__fk_sqr(acc, acc, p, inv, n);
        if (w) {
            if (started) evm__fk_mulm(acc, acc, tab[w], p, inv, n);
            else evm__fk_copy(acc, tab[w], n);
            started = true;
        }
    }
    evm__fk_copy(r, acc, n);
}

/* ---- inversion: Pornin's optimized binary GCD (eprint 2020/972, algorithm 2) ----------
   The binary extended Euclid on (a, b) = (y, p) takes about 2 log2 p steps, each a
   shift or a subtraction of whole multi-limb numbers. Here the steps run in batches of
   S (31 with 64-bit limbs, 30 with 32-bit ones) on 64-bit approximations of a and b
   (their low S bits and their top S + 2 bits): the batch only looks at the parities and
   at which of a, b is larger, which the approximations get right or nearly right, and
   its effect is a 2 x 2 matrix of signed factors (|f0| + |g0| <= 2^S) applied once to
   the full numbers: (a, b) <- ((f0 a + g0 b) / 2^S, (f1 a + g1 b) / 2^S), and the same
   to the coefficients (u, v) modulo p, where the division by 2^S is a Montgomery-style
   step (add the multiple of p that clears the low S bits). With the invariants
   a u0 = y u, b u0 = y v (mod p) and u0 the start value of u, b ends at gcd = 1 and
   v = u0 / y; starting with u0 = R^2 mod p gives the Montgomery form of the inverse of
   a Montgomery-form input directly. About 25 batches for 381 bits. */
#if EVM__F_BITS == 64
__extension__ typedef __int128 evm__sdlimb;
#define EVM__F_INV_S 31
#else
typedef int64_t evm__sdlimb;
#define EVM__F_INV_S 30
#endif

/* 64 bits of a (n limbs) from bit pos; bits past the top read as 0 */
EVM__F_K uint64_t evm__fk_get64(const evm__limb *a, int pos, int n)
{
    uint64_t v = 0;
    int i, li = pos / EVM__F_BITS, sh = pos % EVM__F_BITS;
    for (i = 0; i * EVM__F_BITS < 64 + EVM__F_BITS && li + i < n; i++) {
        int at = i * EVM__F_BITS - sh;              /* where limb li + i lands in v */
        if (at >= 64) break;
        if (at >= 0) v |= (uint64_t)a[li + i] << at;
        else v |= (uint64_t)a[li + i] >> -at;
    }
    return v;
}

/* r (n + 1 limbs, two's complement) = a f + b g for a, b of n limbs, |f| + |g| <= 2^S */
EVM__F_K void evm__fk_lincomb(evm__limb *r, const evm__limb *a, int64_t f, const evm__limb *b,
                              int64_t g, int n)
{
    evm__sdlimb c = 0;
    int i;
    EVM__F_UNROLL
    for (i = 0; i < n; i++) {
        c += (evm__sdlimb)a[i] * f + (evm__sdlimb)b[i] * g;
        r[i] = (evm__limb)c;
        c >>= EVM__F_BITS;                          /* arithmetic: gcc, clang, tcc */
    }
    r[n] = (evm__limb)c;
}

/* r = a >> S for a of n + 1 limbs (two's complement); returns whether it was negative,
   and then r = -(a >> S) (the magnitude; a is exactly divisible by 2^S) */
EVM__F_K bool evm__fk_shr_abs(evm__limb *r, evm__limb *a, int n)
{
    bool neg = (a[n] >> (EVM__F_BITS - 1)) != 0;
    int i;
    if (neg) {                                      /* two's complement negation */
        evm__limb c = 1;
        for (i = 0; i <= n; i++) { a[i] = ~a[i] + c; c = c && a[i] == 0; }
    }
    EVM__F_UNROLL
    for (i = 0; i < n; i++)
        r[i] = (a[i] >> EVM__F_INV_S) | (a[i + 1] << (EVM__F_BITS - EVM__F_INV_S));
    return neg;
}

/* r = (u f + v g) / 2^S mod p for u, v < p; r may alias u or v */
EVM__F_K void evm__fk_inv_uv(evm__limb *r, const evm__limb *u, int64_t f, const evm__limb *v,
                             int64_t g, const evm__limb *p, evm__limb inv, int n)
{
    evm__limb w[EVM__F_MAXN + 1], t[EVM__F_MAXN + 1], q;
    evm__dlimb c = 0;
    int i;
    evm__fk_lincomb(w, u, f, v, g, n);
    q = (evm__limb)(w[0] * inv) & (((evm__limb)1 << EVM__F_INV_S) - 1);
    EVM__F_UNROLL
    for (i = 0; i < n; i++) {                       /* w += q p: clears the low S bits */
        c += (evm__dlimb)q * p[i] + w[i];
        w[i] = (evm__limb)c;
        c >>= EVM__F_BITS;
    }
    w[n] += (evm__limb)c;
    EVM__F_UNROLL                                   /* arithmetic shift: -p < w < 2p */
    for (i = 0; i < n; i++)
        t[i] = (w[i] >> EVM__F_INV_S) | (w[i + 1] << (EVM__F_BITS - EVM__F_INV_S));
    t[n] = (w[n] >> EVM__F_INV_S) |
           ((w[n] >> (EVM__F_BITS - 1)) ? ~(~(evm__limb)0 >> EVM__F_INV_S) : 0);
    if (t[n] >> (EVM__F_BITS - 1)) {
        evm__fk_add_raw(r, t, p, n);                /* negative: + p */
    } else if (t[n] || !evm__fk_lt(t, p, n)) {
        evm__fk_sub_raw(r, t, p, n);                /* at least p: - p */
    } else {
        evm__fk_copy(r, t, n);
    }
}

/* r = a^-1 for a prime modulus (a = 0 gives 0), Montgomery form in and out */
EVM__F_K void evm__fk_inv(evm__limb *r, const evm__limb *a, const evm__limb *p,
                          const evm__limb *r2, evm__limb inv, int n)
{
    evm__limb xa[EVM__F_MAXN], xb[EVM__F_MAXN], u[EVM__F_MAXN], v[EVM__F_MAXN];
    evm__limb t[EVM__F_MAXN + 1], t2[EVM__F_MAXN + 1];
    int guard;
    if (evm__fk_is_zero(a, n)) { evm__fk_zero(r, n); return; }
    evm__fk_copy(xa, a, n);
    evm__fk_copy(xb, p, n);
    evm__fk_copy(u, r2, n);
    evm__fk_zero(v, n);
    /* each batch removes S - 1 bits or more of a b; the guard only stops a broken input
       (p not prime) from looping for ever */
    for (guard = 0; guard < 4 * n * EVM__F_BITS / EVM__F_INV_S; guard++) {
        uint64_t ta, tb, f0 = 1, g0 = 0, f1 = 0, g1 = 1;
        int i, len = n * EVM__F_BITS;
        evm__limb top;
        int64_t sf0, sg0, sf1, sg1;
        bool na, nb;
        if (evm__fk_is_zero(xa, n)) break;
        /* bit length of the larger of a, b */
        for (i = n - 1; i > 0 && (xa[i] | xb[i]) == 0; i--) len -= EVM__F_BITS;
        for (top = xa[i] | xb[i]; !(top >> (EVM__F_BITS - 1)); top <<= 1) len--;
        if (len <= 2 * (EVM__F_INV_S + 1)) {
            ta = evm__fk_get64(xa, 0, n);
            tb = evm__fk_get64(xb, 0, n);
        } else {                                    /* low S bits, top S + 2 bits */
            uint64_t lo = ((uint64_t)1 << EVM__F_INV_S) - 1;
            ta = (evm__fk_get64(xa, 0, n) & lo) |
                 (evm__fk_get64(xa, len - EVM__F_INV_S - 2, n) << EVM__F_INV_S);
            tb = (evm__fk_get64(xb, 0, n) & lo) |
                 (evm__fk_get64(xb, len - EVM__F_INV_S - 2, n) << EVM__F_INV_S);
        }
        for (i = 0; i < EVM__F_INV_S; i++) {        /* branch-free: the outcomes are coin flips */
            uint64_t odd = 0 - (ta & 1), sw = odd & (0 - (uint64_t)(ta < tb)), x;
            x = (ta ^ tb) & sw; ta ^= x; tb ^= x;
            x = (f0 ^ f1) & sw; f0 ^= x; f1 ^= x;
            x = (g0 ^ g1) & sw; g0 ^= x; g1 ^= x;
            ta -= tb & odd; f0 -= f1 & odd; g0 -= g1 & odd;
            ta >>= 1; f1 <<= 1; g1 <<= 1;
        }
        sf0 = (int64_t)f0; sg0 = (int64_t)g0; sf1 = (int64_t)f1; sg1 = (int64_t)g1;
        evm__fk_lincomb(t, xa, sf0, xb, sg0, n);
        evm__fk_lincomb(t2, xa, sf1, xb, sg1, n);
        na = evm__fk_shr_abs(xa, t, n);
        nb = evm__fk_shr_abs(xb, t2, n);
        if (na) { sf0 = -sf0; sg0 = -sg0; }
        if (nb) { sf1 = -sf1; sg1 = -sg1; }
        evm__fk_inv_uv(t, u, sf0, v, sg0, p, inv, n);
        evm__fk_inv_uv(v, u, sf1, v, sg1, p, inv, n);
        evm__fk_copy(u, t, n);
    }
    evm__fk_copy(r, v, n);
}

/* r = a^((p+1)/4), a square root of a when p = 3 mod 4 and a is a square; returns r^2 == a */
EVM__F_K bool evm__fk_sqrt(evm__limb *r, const evm__limb *a, const evm__limb *p,
                           const evm__limb *one, evm__limb inv, int n)
{
    evm__limb e[EVM__F_MAXN], s[EVM__F_MAXN], unit[EVM__F_MAXN];
    evm__fk_zero(unit, n);
    unit[0] = 1;
    evm__fk_add_raw(e, p, unit, n);                 /* p < 2^W - 1: no carry out */
    evm__fk_shr1(e, n);
    evm__fk_shr1(e, n);
    evm__fk_pow(s, a, e, p, one, inv, n);
    evm__fk_sqr(e, s, p, inv, n);
    evm__fk_copy(r, s, n);
    return evm__fk_eq(e, a, n);
}

/* Width-w NAF of a raw scalar k < 2^bits: naf[0..bits] (bits + 1 entries) gets digits that
   are 0 or odd with |digit| < 2^(w-1), nonzero digits at least w apart, sum naf[i] 2^i = k.
   Returns the number of digits up to the highest nonzero one (0 for k = 0). */
EVM__F_K int evm__fk_wnaf(int8_t *naf, const evm__limb *k, int w, int bits, int n)
{
    int bit, len = 0, carry = 0, skip = 0;
    for (bit = 0; bit < bits; bit++) {
        int now, word;
        naf[bit] = 0;
        if (skip) { skip--; continue; }
        if ((int)evm__fk_bits(k, bit, 1, n) == carry) continue;
        now = bits - bit < w ? bits - bit : w;
        word = (int)evm__fk_bits(k, bit, now, n) + carry;
        carry = (word >> (w - 1)) & 1;
        word -= carry << w;
        naf[bit] = (int8_t)word;
        len = bit + 1;
        skip = now - 1;
    }
    naf[bits] = (int8_t)carry;
    return carry ? bits + 1 : len;
}

/* ---- a field instance: types and thin wrappers ---------------------------------------- */

#define EVM__FIELD_DEFINE(FE, F, MONT, N)                                                      \
typedef struct FE { evm__limb v[N]; } FE;                                                      \
typedef struct MONT {                                                                          \
    FE p;            /* the modulus */                                                         \
    FE r2;           /* R^2 mod p: converts into Montgomery form */                            \
    FE one;          /* R mod p: 1 in Montgomery form */                                       \
    evm__limb inv;   /* -p^-1 mod 2^EVM__F_BITS */                                             \
} MONT;                                                                                        \
EVM__F_FN void F##_copy(FE *r, const FE *a) { evm__fk_copy(r->v, a->v, N); }                  \
EVM__F_FN void F##_zero(FE *r) { evm__fk_zero(r->v, N); }                                      \
EVM__F_FN bool F##_is_zero(const FE *a) { return evm__fk_is_zero(a->v, N); }                  \
EVM__F_FN bool F##_eq(const FE *a, const FE *b) { return evm__fk_eq(a->v, b->v, N); }         \
EVM__F_FN bool F##_lt(const FE *a, const FE *b) { return evm__fk_lt(a->v, b->v, N); }         \
EVM__F_FN evm__limb F##_add_raw(FE *r, const FE *a, const FE *b)                              \
    { return evm__fk_add_raw(r->v, a->v, b->v, N); }                                           \
EVM__F_FN evm__limb F##_sub_raw(FE *r, const FE *a, const FE *b)                              \
    { return evm__fk_sub_raw(r->v, a->v, b->v, N); }                                           \
EVM__F_FN unsigned F##_bits(const FE *k, int pos, int cnt)                                    \
    { return evm__fk_bits(k->v, pos, cnt, N); }                                                \
EVM__F_FN int F##_wnaf(int8_t *naf, const FE *k, int w, int bits)                             \
    { return evm__fk_wnaf(naf, k->v, w, bits, N); }                                            \
EVM__F_FN void F##_from_be(FE *r, const uint8_t *in) { evm__fk_from_be(r->v, in, N); }        \
EVM__F_FN void F##_to_be(uint8_t *out, const FE *a) { evm__fk_to_be(out, a->v, N); }          \
EVM__F_FN void F##_add(FE *r, const FE *a, const FE *b, const MONT *m)                        \
    { evm__fk_add(r->v, a->v, b->v, m->p.v, N); }                                              \
EVM__F_FN void F##_sub(FE *r, const FE *a, const FE *b, const MONT *m)                        \
    { evm__fk_sub(r->v, a->v, b->v, m->p.v, N); }                                              \
EVM__F_FN void F##_dbl(FE *r, const FE *a, const MONT *m)                                     \
    { evm__fk_add(r->v, a->v, a->v, m->p.v, N); }                                              \
EVM__F_FN void F##_neg(FE *r, const FE *a, const MONT *m) { evm__fk_neg(r->v, a->v, m->p.v, N); } \
EVM__F_FN void F##_half(FE *r, const FE *a, const MONT *m)                                    \
    { evm__fk_half(r->v, a->v, m->p.v, N); }                                                   \
EVM__F_FN void F##_mul(FE *r, const FE *a, const FE *b, const MONT *m)                        \
    { evm__fk_mulm(r->v, a->v, b->v, m->p.v, m->inv, N); }                                     \
EVM__F_FN void F##_sqr(FE *r, const FE *a, const MONT *m)                                     \
    { evm__fk_sqr(r->v, a->v, m->p.v, m->inv, N); }                                            \
EVM__F_FN void F##_to_mont(FE *r, const FE *a, const MONT *m)                                 \
    { evm__fk_mulm(r->v, m->r2.v, a->v, m->p.v, m->inv, N); }                                  \
EVM__F_FN void F##_from_mont(FE *r, const FE *a, const MONT *m)                               \
{                                                                                              \
    FE one_raw;                                                                                \
    evm__fk_zero(one_raw.v, N);                                                                \
    one_raw.v[0] = 1;                                                                          \
    evm__fk_mulm(r->v, a->v, one_raw.v, m->p.v, m->inv, N);                                    \
}                                                                                              \
EVM__F_FN void F##_pow(FE *r, const FE *a, const FE *e, const MONT *m)                        \
    { evm__fk_pow(r->v, a->v, e->v, m->p.v, m->one.v, m->inv, N); }                            \
EVM__F_FN void F##_inv(FE *r, const FE *a, const MONT *m)                                     \
    { evm__fk_inv(r->v, a->v, m->p.v, m->r2.v, m->inv, N); }                                   \
EVM__F_FN bool F##_sqrt(FE *r, const FE *a, const MONT *m)                                    \
    { return evm__fk_sqrt(r->v, a->v, m->p.v, m->one.v, m->inv, N); }

/* ---- points over a field instance, Jacobian coordinates -------------------------------
   Doubling: dbl-2009-l for a = 0 (2M + 5S), dbl-2001-b for a = -3 (3M + 5S); addition:
   add-2007-bl (11M + 5S) and madd-2007-bl (7M + 4S), which do not depend on a except in
   their fall-back to doubling when P = Q (explicit-formulas database, Bernstein-Lange). */
#define EVM__CURVE_DEFINE(JAC, AFF, J, F, FE, MONT)                                            \
typedef struct JAC { FE x, y, z; } JAC;     /* z = 0: the point at infinity */                 \
typedef struct AFF { FE x, y; } AFF;        /* never the point at infinity */                  \
EVM__F_FN bool J##_is_inf(const JAC *p) { return F##_is_zero(&p->z); }                        \
EVM__F_FN void J##_set_inf(JAC *r, const MONT *m)                                              \
{                                                                                              \
    F##_copy(&r->x, &m->one);                                                                  \
    F##_copy(&r->y, &m->one);                                                                  \
    F##_zero(&r->z);                                                                           \
}                                                                                              \
EVM__F_FN void J##_from_aff(JAC *r, const AFF *a, const MONT *m)                              \
{                                                                                              \
    F##_copy(&r->x, &a->x);                                                                    \
    F##_copy(&r->y, &a->y);                                                                    \
    F##_copy(&r->z, &m->one);                                                                  \
}                                                                                              \
EVM__F_FN void J##_copy(JAC *r, const JAC *a)                                                  \
{                                                                                              \
    F##_copy(&r->x, &a->x);                                                                    \
    F##_copy(&r->y, &a->y);                                                                    \
    F##_copy(&r->z, &a->z);                                                                    \
}                                                                                              \
/* a = 0. Infinity stays infinity (Z3 = 2YZ = 0); r may alias p. */                            \
EVM__F_FN void J##_dbl(JAC *r, const JAC *p, const MONT *m)                                   \
{                                                                                              \
    FE a, b, c, d, e, f;                                                                       \
    F##_sqr(&a, &p->x, m);                                                                     \
    F##_sqr(&b, &p->y, m);                                                                     \
    F##_sqr(&c, &b, m);                                                                        \
    F##_add(&d, &p->x, &b, m);                                                                 \
    F##_sqr(&d, &d, m);                                                                        \
    F##_sub(&d, &d, &a, m);                                                                    \
    F##_sub(&d, &d, &c, m);                                                                    \
    F##_dbl(&d, &d, m);                                                                        \
    F##_dbl(&e, &a, m);                                                                        \
    F##_add(&e, &e, &a, m);                                                                    \
    F##_sqr(&f, &e, m);                                                                        \
    F##_mul(&r->z, &p->y, &p->z, m);      /* before r->y is written: r may be p */             \
    F##_dbl(&r->z, &r->z, m);                                                                  \
    F##_dbl(&a, &d, m);                                                                        \
    F##_sub(&r->x, &f, &a, m);                                                                 \
    F##_sub(&d, &d, &r->x, m);                                                                 \
    F##_mul(&d, &d, &e, m);                                                                    \
    F##_dbl(&c, &c, m);                                                                        \
    F##_dbl(&c, &c, m);                                                                        \
    F##_dbl(&c, &c, m);                                                                        \
    F##_sub(&r->y, &d, &c, m);                                                                 \
}                                                                                              \
/* a = -3: alpha = 3 (X - Z^2)(X + Z^2). Infinity stays infinity; r may alias p. */            \
EVM__F_FN void J##_dbl_a3(JAC *r, const JAC *p, const MONT *m)                                \
{                                                                                              \
    FE delta, gamma, beta, alpha, t;                                                           \
    F##_sqr(&delta, &p->z, m);                                                                 \
    F##_sqr(&gamma, &p->y, m);                                                                 \
    F##_mul(&beta, &p->x, &gamma, m);                                                          \
    F##_sub(&t, &p->x, &delta, m);                                                             \
    F##_add(&alpha, &p->x, &delta, m);                                                         \
    F##_mul(&alpha, &alpha, &t, m);                                                            \
    F##_dbl(&t, &alpha, m);                                                                    \
    F##_add(&alpha, &alpha, &t, m);                                                            \
    F##_add(&t, &p->y, &p->z, m);         /* Z3 = (Y + Z)^2 - gamma - delta, before r->y */    \
    F##_sqr(&t, &t, m);                                                                        \
    F##_sub(&t, &t, &gamma, m);                                                                \
    F##_sub(&r->z, &t, &delta, m);                                                             \
    F##_dbl(&beta, &beta, m);                                                                  \
    F##_dbl(&beta, &beta, m);             /* 4 beta */                                         \
    F##_sqr(&t, &alpha, m);                                                                    \
    F##_sub(&t, &t, &beta, m);                                                                 \
    F##_sub(&r->x, &t, &beta, m);         /* alpha^2 - 8 beta */                               \
    F##_sub(&beta, &beta, &r->x, m);                                                           \
    F##_mul(&beta, &beta, &alpha, m);                                                          \
    F##_sqr(&gamma, &gamma, m);                                                                \
    F##_dbl(&gamma, &gamma, m);                                                                \
    F##_dbl(&gamma, &gamma, m);                                                                \
    F##_dbl(&gamma, &gamma, m);                                                                \
    F##_sub(&r->y, &beta, &gamma, m);                                                          \
}                                                                                              \
/* P + Q, add-2007-bl; a3 selects the doubling for P = Q. r may alias p or q. */               \
EVM__F_K void J##_add_any(JAC *r, const JAC *p, const JAC *q, const MONT *m, bool a3)         \
{                                                                                              \
    FE z1z1, z2z2, u1, u2, s1, s2, h, i, j, rr, v;                                             \
    if (J##_is_inf(p)) { J##_copy(r, q); return; }                                             \
    if (J##_is_inf(q)) { J##_copy(r, p); return; }                                             \
    F##_sqr(&z1z1, &p->z, m);                                                                  \
    F##_sqr(&z2z2, &q->z, m);                                                                  \
    F##_mul(&u1, &p->x, &z2z2, m);                                                             \
    F##_mul(&u2, &q->x, &z1z1, m);                                                             \
    F##_mul(&s1, &p->y, &q->z, m);                                                             \
    F##_mul(&s1, &s1, &z2z2, m);                                                               \
    F##_mul(&s2, &q->y, &p->z, m);                                                             \
    F##_mul(&s2, &s2, &z1z1, m);                                                               \
    F##_sub(&h, &u2, &u1, m);                                                                  \
    F##_sub(&rr, &s2, &s1, m);                                                                 \
    if (F##_is_zero(&h)) {                                                                     \
        if (!F##_is_zero(&rr)) J##_set_inf(r, m);                                              \
        else if (a3) J##_dbl_a3(r, p, m);                                                      \
        else J##_dbl(r, p, m);                                                                 \
        return;                                                                                \
    }                                                                                          \
    F##_dbl(&i, &h, m);                                                                        \
    F##_sqr(&i, &i, m);                                                                        \
    F##_mul(&j, &h, &i, m);                                                                    \
    F##_dbl(&rr, &rr, m);                                                                      \
    F##_mul(&v, &u1, &i, m);                                                                   \
    /* Z3 = ((Z1 + Z2)^2 - Z1Z1 - Z2Z2) * H, before r->z is overwritten */                     \
    F##_add(&i, &p->z, &q->z, m);                                                              \
    F##_sqr(&i, &i, m);                                                                        \
    F##_sub(&i, &i, &z1z1, m);                                                                 \
    F##_sub(&i, &i, &z2z2, m);                                                                 \
    F##_mul(&r->z, &i, &h, m);                                                                 \
    F##_sqr(&r->x, &rr, m);                                                                    \
    F##_sub(&r->x, &r->x, &j, m);                                                              \
    F##_sub(&r->x, &r->x, &v, m);                                                              \
    F##_sub(&r->x, &r->x, &v, m);                                                              \
    F##_sub(&v, &v, &r->x, m);                                                                 \
    F##_mul(&v, &v, &rr, m);                                                                   \
    F##_mul(&s1, &s1, &j, m);                                                                  \
    F##_dbl(&s1, &s1, m);                                                                      \
    F##_sub(&r->y, &v, &s1, m);                                                                \
}                                                                                              \
/* P + Q with Q affine (Z2 = 1), madd-2007-bl. r may alias p. */                               \
EVM__F_K void J##_add_aff_any(JAC *r, const JAC *p, const AFF *q, const MONT *m, bool a3)     \
{                                                                                              \
    FE z1z1, u2, s2, h, hh, i, j, rr, v;                                                       \
    if (J##_is_inf(p)) { J##_from_aff(r, q, m); return; }                                      \
    F##_sqr(&z1z1, &p->z, m);                                                                  \
    F##_mul(&u2, &q->x, &z1z1, m);                                                             \
    F##_mul(&s2, &q->y, &p->z, m);                                                             \
    F##_mul(&s2, &s2, &z1z1, m);                                                               \
    F##_sub(&h, &u2, &p->x, m);                                                                \
    F##_sub(&rr, &s2, &p->y, m);                                                               \
    if (F##_is_zero(&h)) {                                                                     \
        if (!F##_is_zero(&rr)) J##_set_inf(r, m);                                              \
        else if (a3) J##_dbl_a3(r, p, m);                                                      \
        else J##_dbl(r, p, m);                                                                 \
        return;                                                                                \
    }                                                                                          \
    F##_sqr(&hh, &h, m);                                                                       \
    F##_dbl(&i, &hh, m);                                                                       \
    F##_dbl(&i, &i, m);                                                                        \
    F##_mul(&j, &h, &i, m);                                                                    \
    F##_dbl(&rr, &rr, m);                                                                      \
    F##_mul(&v, &p->x, &i, m);                                                                 \
    F##_mul(&s2, &p->y, &j, m);           /* Y1 * J, before r->y is overwritten */             \
    F##_add(&i, &p->z, &h, m);                                                                 \
    F##_sqr(&i, &i, m);                                                                        \
    F##_sub(&i, &i, &z1z1, m);                                                                 \
    F##_sub(&r->z, &i, &hh, m);                                                                \
    F##_sqr(&r->x, &rr, m);                                                                    \
    F##_sub(&r->x, &r->x, &j, m);                                                              \
    F##_sub(&r->x, &r->x, &v, m);                                                              \
    F##_sub(&r->x, &r->x, &v, m);                                                              \
    F##_sub(&v, &v, &r->x, m);                                                                 \
    F##_mul(&v, &v, &rr, m);                                                                   \
    F##_dbl(&s2, &s2, m);                                                                      \
    F##_sub(&r->y, &v, &s2, m);                                                                \
}                                                                                              \
EVM__F_FN void J##_add(JAC *r, const JAC *p, const JAC *q, const MONT *m)                     \
    { J##_add_any(r, p, q, m, false); }                                                        \
EVM__F_FN void J##_add_a3(JAC *r, const JAC *p, const JAC *q, const MONT *m)                  \
    { J##_add_any(r, p, q, m, true); }                                                         \
EVM__F_FN void J##_add_aff(JAC *r, const JAC *p, const AFF *q, const MONT *m)                 \
    { J##_add_aff_any(r, p, q, m, false); }                                                    \
EVM__F_FN void J##_add_aff_a3(JAC *r, const JAC *p, const AFF *q, const MONT *m)              \
    { J##_add_aff_any(r, p, q, m, true); }                                                     \
/* Jacobian -> affine; false for the point at infinity */                                     \
EVM__F_FN bool J##_to_aff(AFF *r, const JAC *p, const MONT *m)                                \
{                                                                                              \
    FE zi, zi2;                                                                                \
    if (J##_is_inf(p)) return false;                                                           \
    F##_inv(&zi, &p->z, m);                                                                    \
    F##_sqr(&zi2, &zi, m);                                                                     \
    F##_mul(&r->x, &p->x, &zi2, m);                                                            \
    F##_mul(&zi2, &zi2, &zi, m);                                                               \
    F##_mul(&r->y, &p->y, &zi2, m);                                                            \
    return true;                                                                               \
}

/* ---- the instances -------------------------------------------------------------------- */

/* 256-bit primes: secp256k1, P-256, BN254 (base fields and group orders) */
EVM__FIELD_DEFINE(evm__fe256, evm__f256, evm__mont256, EVM__F_LIMBS(4))
EVM__CURVE_DEFINE(evm__jac256, evm__aff256, evm__jac256, evm__f256, evm__fe256, evm__mont256)
/* 384-bit limbs for 381-bit primes: BLS12-381's base field */
EVM__FIELD_DEFINE(evm__fe384, evm__f384, evm__mont384, EVM__F_LIMBS(6))
EVM__CURVE_DEFINE(evm__jac384, evm__aff384, evm__jac384, evm__f384, evm__fe384, evm__mont384)

#endif /* EVM_FIELD_H */
