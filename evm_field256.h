/* evm_field256.h - 256-bit Montgomery field arithmetic and a = 0 Jacobian curve points,
   shared by evm_secp256k1.h and evm_bn254.h. Private: no public API, every name is evm__.

   USAGE
     Not meant to be included directly: evm_secp256k1.h and evm_bn254.h include it in their
     implementation part (under EVM_IMPLEMENTATION). It must sit beside them. Everything in it
     is static, so including it in several translation units is harmless.

   WHAT IT DOES
     Arithmetic modulo any odd 256-bit modulus in Montgomery form (R = 2^256), given by an
     evm__mont constant (modulus, R^2, R, -modulus^-1 mod 2^limb). Values are evm__fe: limbs,
     least significant first, either in Montgomery form (field elements) or "raw" (plain
     integers: scalars, exponents, values being converted). Inputs of the modular functions
     must be reduced (< modulus); evm__f_mul also accepts one raw factor up to 2^256 - 1 when
     the other is reduced, which is how evm__f_to_mont reduces as it converts.
     The curve part works on y^2 = x^3 + b (a = 0) with Jacobian coordinates (x = X/Z^2,
     y = Y/Z^3, Z = 0 is the point at infinity); b is not needed by the formulas.

   CONFIGURATION
     EVM_NO_INT128   use 32-bit limbs and 32x32->64 products even where the compiler has
                     unsigned __int128 (otherwise 64-bit limbs and 64x64->128 products)

   Bytes are converted limb by limb, never punned, so the code is endianness-independent.
   Nothing here is constant time: every input of the Ethereum precompiles is public.

   LICENSE
     MIT, as evm.h.
*/
#ifndef EVM_FIELD256_H
#define EVM_FIELD256_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#if defined(__SIZEOF_INT128__) && !defined(EVM_NO_INT128)
typedef uint64_t evm__limb;
__extension__ typedef unsigned __int128 evm__dlimb;
#define EVM__F_BITS 64
#define EVM__F_N 4
/* A 64-bit constant word as limbs: one limb here, two (low first) on the portable path. */
#define EVM__F_W(x) ((evm__limb)(x))
#else
typedef uint32_t evm__limb;
typedef uint64_t evm__dlimb;
#define EVM__F_BITS 32
#define EVM__F_N 8
#define EVM__F_W(x) ((evm__limb)((x) & 0xffffffffu)), ((evm__limb)((x) >> 32))
#endif

/* EVM__F_NOINLINE: big stages kept out of their caller's frame, which bounds the stack. */
#if defined(__GNUC__) || defined(__clang__)
#define EVM__F_FN static __attribute__((unused))
#define EVM__F_NOINLINE __attribute__((noinline))
#elif defined(__TINYC__)
#define EVM__F_FN static __attribute__((unused))
#define EVM__F_NOINLINE
#else
#define EVM__F_FN static
#define EVM__F_NOINLINE
#endif

typedef struct evm__fe { evm__limb v[EVM__F_N]; } evm__fe;
typedef struct evm__mont {
    evm__fe p;        /* the modulus */
    evm__fe r2;       /* R^2 mod p: converts into Montgomery form */
    evm__fe one;      /* R mod p: 1 in Montgomery form */
    evm__limb inv;    /* -p^-1 mod 2^EVM__F_BITS */
} evm__mont;
typedef struct evm__jac { evm__fe x, y, z; } evm__jac;   /* z = 0: the point at infinity */
typedef struct evm__aff { evm__fe x, y; } evm__aff;      /* never the point at infinity */

/* ---- raw limb helpers ----------------------------------------------------------------- */

/* Copies and clears are written out limb by limb: gcc turns a limb loop into a memmove
   or memset call, clang turns a struct assignment into memcpy at -O0, and both may call
   the library for the bigger structs. No code here asks for a copy of more than 32 bytes. */
EVM__F_FN void evm__f_copy(evm__fe *r, const evm__fe *a)
{
    r->v[0] = a->v[0]; r->v[1] = a->v[1]; r->v[2] = a->v[2]; r->v[3] = a->v[3];
#if EVM__F_N == 8
    r->v[4] = a->v[4]; r->v[5] = a->v[5]; r->v[6] = a->v[6]; r->v[7] = a->v[7];
#endif
}

EVM__F_FN void evm__f_zero(evm__fe *r)
{
    r->v[0] = 0; r->v[1] = 0; r->v[2] = 0; r->v[3] = 0;
#if EVM__F_N == 8
    r->v[4] = 0; r->v[5] = 0; r->v[6] = 0; r->v[7] = 0;
#endif
}

EVM__F_FN bool evm__f_is_zero(const evm__fe *a)
{
    evm__limb acc = 0;
    int i;
    for (i = 0; i < EVM__F_N; i++) acc |= a->v[i];
    return acc == 0;
}

EVM__F_FN bool evm__f_eq(const evm__fe *a, const evm__fe *b)
{
    evm__limb acc = 0;
    int i;
    for (i = 0; i < EVM__F_N; i++) acc |= a->v[i] ^ b->v[i];
    return acc == 0;
}

/* a < b as plain integers */
EVM__F_FN bool evm__f_lt(const evm__fe *a, const evm__fe *b)
{
    int i;
    for (i = EVM__F_N - 1; i >= 0; i--)
        if (a->v[i] != b->v[i]) return a->v[i] < b->v[i];
    return false;
}

/* 32 big-endian bytes -> raw value */
EVM__F_FN void evm__f_from_be(evm__fe *r, const uint8_t in[32])
{
    int i;
    evm__f_zero(r);
    for (i = 0; i < 32; i++)
        r->v[i / (EVM__F_BITS / 8)] |= (evm__limb)in[31 - i] << (8 * (i % (EVM__F_BITS / 8)));
}

EVM__F_FN void evm__f_to_be(uint8_t out[32], const evm__fe *a)
{
    int i;
    for (i = 0; i < 32; i++)
        out[31 - i] = (uint8_t)(a->v[i / (EVM__F_BITS / 8)] >> (8 * (i % (EVM__F_BITS / 8))));
}

/* r = a + b, returns the carry out of 2^256 */
EVM__F_FN evm__limb evm__f_add_raw(evm__fe *r, const evm__fe *a, const evm__fe *b)
{
    evm__dlimb c = 0;
    int i;
    for (i = 0; i < EVM__F_N; i++) {
        c += (evm__dlimb)a->v[i] + b->v[i];
        r->v[i] = (evm__limb)c;
        c >>= EVM__F_BITS;
    }
    return (evm__limb)c;
}

/* r = a - b, returns the borrow (1 if a < b) */
EVM__F_FN evm__limb evm__f_sub_raw(evm__fe *r, const evm__fe *a, const evm__fe *b)
{
    evm__limb borrow = 0;
    int i;
    for (i = 0; i < EVM__F_N; i++) {
        evm__dlimb d = (evm__dlimb)a->v[i] - b->v[i] - borrow;
        r->v[i] = (evm__limb)d;
        borrow = (evm__limb)(d >> EVM__F_BITS) & 1;
    }
    return borrow;
}

/* cnt (1..8) bits of a raw value starting at bit pos; bits past 255 read as 0 */
EVM__F_FN unsigned evm__f_bits(const evm__fe *k, int pos, int cnt)
{
    int li = pos / EVM__F_BITS, sh = pos % EVM__F_BITS;
    unsigned v;
    if (li >= EVM__F_N) return 0;
    v = (unsigned)(k->v[li] >> sh) & 0xffu;
    if (sh + cnt > EVM__F_BITS && li + 1 < EVM__F_N)
        v |= (unsigned)(k->v[li + 1] << (EVM__F_BITS - sh)) & 0xffu;
    return v & ((1u << cnt) - 1u);
}

/* ---- modular arithmetic ------------------------------------------------------------- */

#if EVM__F_BITS == 64
/* Unrolled 4 x 64-bit versions of the hot functions. Selections use masks, not branches:
   the operands are effectively random, so a branch would be mispredicted half the time. */

EVM__F_FN void evm__f_add(evm__fe *r, const evm__fe *a, const evm__fe *b, const evm__mont *m)
{
    evm__dlimb c;
    uint64_t s0, s1, s2, s3, d0, d1, d2, d3, carry, borrow, keep;
    c = (evm__dlimb)a->v[0] + b->v[0];                s0 = (uint64_t)c;
    c = (evm__dlimb)a->v[1] + b->v[1] + (c >> 64);    s1 = (uint64_t)c;
    c = (evm__dlimb)a->v[2] + b->v[2] + (c >> 64);    s2 = (uint64_t)c;
    c = (evm__dlimb)a->v[3] + b->v[3] + (c >> 64);    s3 = (uint64_t)c;
    carry = (uint64_t)(c >> 64);
    c = (evm__dlimb)s0 - m->p.v[0];                   d0 = (uint64_t)c;
    c = (evm__dlimb)s1 - m->p.v[1] - ((c >> 64) & 1); d1 = (uint64_t)c;
    c = (evm__dlimb)s2 - m->p.v[2] - ((c >> 64) & 1); d2 = (uint64_t)c;
    c = (evm__dlimb)s3 - m->p.v[3] - ((c >> 64) & 1); d3 = (uint64_t)c;
    borrow = (uint64_t)(c >> 64) & 1;
    /* a + b < 2p: keep the sum only if it did not reach 2^256 and is below p */
    keep = 0 - ((carry ^ 1) & borrow);
    r->v[0] = (s0 & keep) | (d0 & ~keep);
    r->v[1] = (s1 & keep) | (d1 & ~keep);
    r->v[2] = (s2 & keep) | (d2 & ~keep);
    r->v[3] = (s3 & keep) | (d3 & ~keep);
}

EVM__F_FN void evm__f_sub(evm__fe *r, const evm__fe *a, const evm__fe *b, const evm__mont *m)
{
    evm__dlimb c;
    uint64_t d0, d1, d2, d3, mask;
    c = (evm__dlimb)a->v[0] - b->v[0];                d0 = (uint64_t)c;
    c = (evm__dlimb)a->v[1] - b->v[1] - ((c >> 64) & 1); d1 = (uint64_t)c;
    c = (evm__dlimb)a->v[2] - b->v[2] - ((c >> 64) & 1); d2 = (uint64_t)c;
    c = (evm__dlimb)a->v[3] - b->v[3] - ((c >> 64) & 1); d3 = (uint64_t)c;
    mask = 0 - ((uint64_t)(c >> 64) & 1);            /* a < b: add p back */
    c = (evm__dlimb)d0 + (m->p.v[0] & mask);             r->v[0] = (uint64_t)c;
    c = (evm__dlimb)d1 + (m->p.v[1] & mask) + (c >> 64); r->v[1] = (uint64_t)c;
    c = (evm__dlimb)d2 + (m->p.v[2] & mask) + (c >> 64); r->v[2] = (uint64_t)c;
    c = (evm__dlimb)d3 + (m->p.v[3] & mask) + (c >> 64); r->v[3] = (uint64_t)c;
}

#else

EVM__F_FN void evm__f_add(evm__fe *r, const evm__fe *a, const evm__fe *b, const evm__mont *m)
{
    evm__fe s, d;
    evm__limb carry = evm__f_add_raw(&s, a, b);
    evm__limb borrow = evm__f_sub_raw(&d, &s, &m->p);
    /* a + b < 2p: keep the sum only if it did not reach 2^256 and is below p */
    evm__limb keep = 0 - ((carry ^ 1) & borrow);
    int i;
    for (i = 0; i < EVM__F_N; i++) r->v[i] = (s.v[i] & keep) | (d.v[i] & ~keep);
}

EVM__F_FN void evm__f_sub(evm__fe *r, const evm__fe *a, const evm__fe *b, const evm__mont *m)
{
    evm__fe d, pm;
    evm__limb mask = 0 - evm__f_sub_raw(&d, a, b);
    int i;
    for (i = 0; i < EVM__F_N; i++) pm.v[i] = m->p.v[i] & mask;
    evm__f_add_raw(r, &d, &pm);
}

#endif

EVM__F_FN void evm__f_neg(evm__fe *r, const evm__fe *a, const evm__mont *m)
{
    if (evm__f_is_zero(a)) evm__f_zero(r);
    else evm__f_sub_raw(r, &m->p, a);
}

EVM__F_FN void evm__f_dbl(evm__fe *r, const evm__fe *a, const evm__mont *m)
{
    evm__f_add(r, a, a, m);
}

/* r = a / 2: (a or a + p, whichever is even) shifted right, keeping the carry bit */
EVM__F_FN void evm__f_half(evm__fe *r, const evm__fe *a, const evm__mont *m)
{
    evm__limb top = 0;
    int i;
    if (a->v[0] & 1) top = evm__f_add_raw(r, a, &m->p);
    else evm__f_copy(r, a);
    for (i = 0; i < EVM__F_N - 1; i++)
        r->v[i] = (r->v[i] >> 1) | (r->v[i + 1] << (EVM__F_BITS - 1));
    r->v[EVM__F_N - 1] = (r->v[EVM__F_N - 1] >> 1) | (top << (EVM__F_BITS - 1));
}

/* Montgomery product a * b / R mod p (CIOS). The running sum stays below 2p < 2^257,
   so one extra limb and one bit suffice even for the 256-bit secp256k1 moduli. */
#if EVM__F_BITS == 64

/* one CIOS round: t += a * bi, then t = (t + q p) / 2^64 with q making the low limb 0 */
#define EVM__F_ROUND(bi) do { \
        uint64_t q_; \
        c = (evm__dlimb)a0 * (bi) + t0;              t0 = (uint64_t)c; \
        c = (evm__dlimb)a1 * (bi) + t1 + (c >> 64);  t1 = (uint64_t)c; \
        c = (evm__dlimb)a2 * (bi) + t2 + (c >> 64);  t2 = (uint64_t)c; \
        c = (evm__dlimb)a3 * (bi) + t3 + (c >> 64);  t3 = (uint64_t)c; \
        c = (evm__dlimb)t4 + (c >> 64);              t4 = (uint64_t)c; t5 = (uint64_t)(c >> 64); \
        q_ = t0 * inv; \
        c = (evm__dlimb)q_ * p0 + t0; \
        c = (evm__dlimb)q_ * p1 + t1 + (c >> 64);    t0 = (uint64_t)c; \
        c = (evm__dlimb)q_ * p2 + t2 + (c >> 64);    t1 = (uint64_t)c; \
        c = (evm__dlimb)q_ * p3 + t3 + (c >> 64);    t2 = (uint64_t)c; \
        c = (evm__dlimb)t4 + (c >> 64);              t3 = (uint64_t)c; \
        t4 = t5 + (uint64_t)(c >> 64); \
    } while (0)

EVM__F_FN void evm__f_mul(evm__fe *r, const evm__fe *a, const evm__fe *b, const evm__mont *m)
{
    const uint64_t a0 = a->v[0], a1 = a->v[1], a2 = a->v[2], a3 = a->v[3];
    const uint64_t p0 = m->p.v[0], p1 = m->p.v[1], p2 = m->p.v[2], p3 = m->p.v[3], inv = m->inv;
    const uint64_t b0 = b->v[0], b1 = b->v[1], b2 = b->v[2], b3 = b->v[3];
    uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5, d0, d1, d2, d3, keep;
    evm__dlimb c;
    EVM__F_ROUND(b0);
    EVM__F_ROUND(b1);
    EVM__F_ROUND(b2);
    EVM__F_ROUND(b3);
    c = (evm__dlimb)t0 - p0;                   d0 = (uint64_t)c;
    c = (evm__dlimb)t1 - p1 - ((c >> 64) & 1); d1 = (uint64_t)c;
    c = (evm__dlimb)t2 - p2 - ((c >> 64) & 1); d2 = (uint64_t)c;
    c = (evm__dlimb)t3 - p3 - ((c >> 64) & 1); d3 = (uint64_t)c;
    keep = 0 - ((t4 ^ 1) & (uint64_t)(c >> 64) & 1);
    r->v[0] = (t0 & keep) | (d0 & ~keep);
    r->v[1] = (t1 & keep) | (d1 & ~keep);
    r->v[2] = (t2 & keep) | (d2 & ~keep);
    r->v[3] = (t3 & keep) | (d3 & ~keep);
}
#undef EVM__F_ROUND

#else

/* The portable path: 8 x 32-bit limbs, inner loops written out (gcc does not unroll them
   at -O2, and this is the path of the 32-bit targets). */
#define EVM__F_MA(j) \
    c = (evm__dlimb)a->v[j] * bi + t[j] + (c >> 32); t[j] = (evm__limb)c
#define EVM__F_RD(j) \
    c = (evm__dlimb)q * m->p.v[j] + t[j] + (c >> 32); t[j - 1] = (evm__limb)c

EVM__F_FN void evm__f_mul(evm__fe *r, const evm__fe *a, const evm__fe *b, const evm__mont *m)
{
    evm__limb t[EVM__F_N + 2], keep;
    evm__fe d;
    int i;
    for (i = 0; i < EVM__F_N + 2; i++) t[i] = 0;
    for (i = 0; i < EVM__F_N; i++) {
        evm__dlimb c = 0;
        evm__limb bi = b->v[i], q;
        EVM__F_MA(0); EVM__F_MA(1); EVM__F_MA(2); EVM__F_MA(3);
        EVM__F_MA(4); EVM__F_MA(5); EVM__F_MA(6); EVM__F_MA(7);
        c = (evm__dlimb)t[8] + (c >> 32);
        t[8] = (evm__limb)c;
        t[9] = (evm__limb)(c >> 32);
        q = (evm__limb)((evm__dlimb)t[0] * m->inv);
        c = (evm__dlimb)q * m->p.v[0] + t[0];
        EVM__F_RD(1); EVM__F_RD(2); EVM__F_RD(3); EVM__F_RD(4);
        EVM__F_RD(5); EVM__F_RD(6); EVM__F_RD(7);
        c = (evm__dlimb)t[8] + (c >> 32);
        t[7] = (evm__limb)c;
        t[8] = t[9] + (evm__limb)(c >> 32);
    }
    for (i = 0; i < EVM__F_N; i++) d.v[i] = t[i];
    keep = 0 - ((t[EVM__F_N] ^ 1) & evm__f_sub_raw(r, &d, &m->p));
    for (i = 0; i < EVM__F_N; i++) r->v[i] = (d.v[i] & keep) | (r->v[i] & ~keep);
}
#undef EVM__F_MA
#undef EVM__F_RD

#endif

EVM__F_FN void evm__f_sqr(evm__fe *r, const evm__fe *a, const evm__mont *m)
{
    evm__f_mul(r, a, a, m);
}

/* raw (any value below 2^256) -> Montgomery form, reduced */
EVM__F_FN void evm__f_to_mont(evm__fe *r, const evm__fe *a, const evm__mont *m)
{
    evm__f_mul(r, a, &m->r2, m);
}

/* Montgomery form -> raw */
EVM__F_FN void evm__f_from_mont(evm__fe *r, const evm__fe *a, const evm__mont *m)
{
    evm__fe one;
    evm__f_zero(&one);
    one.v[0] = 1;
    evm__f_mul(r, a, &one, m);
}

/* r = a^e (a in Montgomery form, e raw), fixed 4-bit window: 255 squarings, <= 64 products */
EVM__F_FN void evm__f_pow(evm__fe *r, const evm__fe *a, const evm__fe *e, const evm__mont *m)
{
    evm__fe tab[16], acc;
    int i, k;
    bool started = false;
    evm__f_copy(&tab[0], &m->one);
    evm__f_copy(&tab[1], a);
    for (i = 2; i < 16; i++) evm__f_mul(&tab[i], &tab[i - 1], a, m);
    evm__f_copy(&acc, &m->one);
    for (i = 252; i >= 0; i -= 4) {
        unsigned w = evm__f_bits(e, i, 4);
        if (started)
            for (k = 0; k < 4; k++) evm__f_sqr(&acc, &acc, m);
        if (w) {
            if (started) evm__f_mul(&acc, &acc, &tab[w], m);
            else evm__f_copy(&acc, &tab[w]);
            started = true;
        }
    }
    evm__f_copy(r, &acc);
}

/* r = a^-1 for a prime modulus, by the binary extended Euclidean algorithm on the raw values
   (a few times cheaper than a^(p-2)). a = 0 gives 0. Montgomery form in and out: the raw
   inverse of aR is a^-1 R^-1, and two products by R^2 bring it to a^-1 R. */
EVM__F_FN void evm__f_inv(evm__fe *r, const evm__fe *a, const evm__mont *m)
{
    evm__fe u, v, x1, x2;
    int i;
    if (evm__f_is_zero(a)) { evm__f_zero(r); return; }
    evm__f_copy(&u, a);
    evm__f_copy(&v, &m->p);
    evm__f_zero(&x1);
    x1.v[0] = 1;
    evm__f_zero(&x2);
    /* invariants: x1 * a = u, x2 * a = v (mod p); u, v > 0; gcd(u, v) = 1 */
    for (;;) {
        bool u_one = u.v[0] == 1, v_one = v.v[0] == 1;
        for (i = 1; i < EVM__F_N && (u_one || v_one); i++) {
            if (u.v[i]) u_one = false;
            if (v.v[i]) v_one = false;
        }
        if (u_one || v_one) break;
        while (!(u.v[0] & 1)) {
            for (i = 0; i < EVM__F_N - 1; i++)
                u.v[i] = (u.v[i] >> 1) | (u.v[i + 1] << (EVM__F_BITS - 1));
            u.v[EVM__F_N - 1] >>= 1;
            evm__f_half(&x1, &x1, m);
        }
        while (!(v.v[0] & 1)) {
            for (i = 0; i < EVM__F_N - 1; i++)
                v.v[i] = (v.v[i] >> 1) | (v.v[i + 1] << (EVM__F_BITS - 1));
            v.v[EVM__F_N - 1] >>= 1;
            evm__f_half(&x2, &x2, m);
        }
        if (!evm__f_lt(&u, &v)) {
            evm__f_sub_raw(&u, &u, &v);
            evm__f_sub(&x1, &x1, &x2, m);
        } else {
            evm__f_sub_raw(&v, &v, &u);
            evm__f_sub(&x2, &x2, &x1, m);
        }
    }
    if (u.v[0] == 1) evm__f_copy(r, &x1);
    else evm__f_copy(r, &x2);
    evm__f_mul(r, r, &m->r2, m);
    evm__f_mul(r, r, &m->r2, m);
}

/* ---- width-w NAF of a raw scalar k < 2^bits (bits <= 256) ----------------------------
   naf[0..bits] (bits + 1 entries) gets digits that are 0 or odd with |digit| < 2^(w-1),
   nonzero digits at least w apart, sum naf[i] 2^i = k. Returns the number of digits up to
   the highest nonzero one (0 for k = 0). */
EVM__F_FN int evm__f_wnaf(int8_t *naf, const evm__fe *k, int w, int bits)
{
    int bit, len = 0, carry = 0, skip = 0;
    for (bit = 0; bit < bits; bit++) {
        int now, word;
        naf[bit] = 0;
        if (skip) { skip--; continue; }
        if ((int)evm__f_bits(k, bit, 1) == carry) continue;
        now = bits - bit < w ? bits - bit : w;
        word = (int)evm__f_bits(k, bit, now) + carry;
        carry = (word >> (w - 1)) & 1;
        word -= carry << w;
        naf[bit] = (int8_t)word;
        len = bit + 1;
        skip = now - 1;
    }
    naf[bits] = (int8_t)carry;
    return carry ? bits + 1 : len;
}

/* ---- points on y^2 = x^3 + b, Jacobian coordinates, Montgomery form -------------------- */

EVM__F_FN bool evm__jac_is_inf(const evm__jac *p) { return evm__f_is_zero(&p->z); }

EVM__F_FN void evm__jac_set_inf(evm__jac *r, const evm__mont *m)
{
    evm__f_copy(&r->x, &m->one);
    evm__f_copy(&r->y, &m->one);
    evm__f_zero(&r->z);
}

EVM__F_FN void evm__jac_from_aff(evm__jac *r, const evm__aff *a, const evm__mont *m)
{
    evm__f_copy(&r->x, &a->x);
    evm__f_copy(&r->y, &a->y);
    evm__f_copy(&r->z, &m->one);
}

EVM__F_FN void evm__jac_copy(evm__jac *r, const evm__jac *a)
{
    evm__f_copy(&r->x, &a->x);
    evm__f_copy(&r->y, &a->y);
    evm__f_copy(&r->z, &a->z);
}

/* dbl-2009-l (a = 0): 2M + 5S. r may alias p. Infinity stays infinity (Z3 = 2YZ = 0). */
EVM__F_FN void evm__jac_dbl(evm__jac *r, const evm__jac *p, const evm__mont *m)
{
    evm__fe a, b, c, d, e, f;
    evm__f_sqr(&a, &p->x, m);
    evm__f_sqr(&b, &p->y, m);
    evm__f_sqr(&c, &b, m);
    evm__f_add(&d, &p->x, &b, m);
    evm__f_sqr(&d, &d, m);
    evm__f_sub(&d, &d, &a, m);
    evm__f_sub(&d, &d, &c, m);
    evm__f_dbl(&d, &d, m);
    evm__f_dbl(&e, &a, m);
    evm__f_add(&e, &e, &a, m);
    evm__f_sqr(&f, &e, m);
    evm__f_mul(&r->z, &p->y, &p->z, m);      /* before r->y is written: r may be p */
    evm__f_dbl(&r->z, &r->z, m);
    evm__f_dbl(&a, &d, m);
    evm__f_sub(&r->x, &f, &a, m);
    evm__f_sub(&d, &d, &r->x, m);
    evm__f_mul(&d, &d, &e, m);
    evm__f_dbl(&c, &c, m);
    evm__f_dbl(&c, &c, m);
    evm__f_dbl(&c, &c, m);
    evm__f_sub(&r->y, &d, &c, m);
}

/* add-2007-bl: 11M + 5S, with the special cases (either input at infinity, P = Q, P = -Q).
   r may alias p or q. */
EVM__F_FN void evm__jac_add(evm__jac *r, const evm__jac *p, const evm__jac *q, const evm__mont *m)
{
    evm__fe z1z1, z2z2, u1, u2, s1, s2, h, i, j, rr, v;
    if (evm__jac_is_inf(p)) { evm__jac_copy(r, q); return; }
    if (evm__jac_is_inf(q)) { evm__jac_copy(r, p); return; }
    evm__f_sqr(&z1z1, &p->z, m);
    evm__f_sqr(&z2z2, &q->z, m);
    evm__f_mul(&u1, &p->x, &z2z2, m);
    evm__f_mul(&u2, &q->x, &z1z1, m);
    evm__f_mul(&s1, &p->y, &q->z, m);
    evm__f_mul(&s1, &s1, &z2z2, m);
    evm__f_mul(&s2, &q->y, &p->z, m);
    evm__f_mul(&s2, &s2, &z1z1, m);
    evm__f_sub(&h, &u2, &u1, m);
    evm__f_sub(&rr, &s2, &s1, m);
    if (evm__f_is_zero(&h)) {
        if (evm__f_is_zero(&rr)) evm__jac_dbl(r, p, m);
        else evm__jac_set_inf(r, m);
        return;
    }
    evm__f_dbl(&i, &h, m);
    evm__f_sqr(&i, &i, m);
    evm__f_mul(&j, &h, &i, m);
    evm__f_dbl(&rr, &rr, m);
    evm__f_mul(&v, &u1, &i, m);
    /* Z3 = ((Z1 + Z2)^2 - Z1Z1 - Z2Z2) * H, before r->z is overwritten */
    evm__f_add(&i, &p->z, &q->z, m);
    evm__f_sqr(&i, &i, m);
    evm__f_sub(&i, &i, &z1z1, m);
    evm__f_sub(&i, &i, &z2z2, m);
    evm__f_mul(&r->z, &i, &h, m);
    evm__f_sqr(&r->x, &rr, m);
    evm__f_sub(&r->x, &r->x, &j, m);
    evm__f_sub(&r->x, &r->x, &v, m);
    evm__f_sub(&r->x, &r->x, &v, m);
    evm__f_sub(&v, &v, &r->x, m);
    evm__f_mul(&v, &v, &rr, m);
    evm__f_mul(&s1, &s1, &j, m);
    evm__f_dbl(&s1, &s1, m);
    evm__f_sub(&r->y, &v, &s1, m);
}

/* madd-2007-bl: P + Q with Q affine (Z2 = 1), 7M + 4S, special cases as above. r may alias p. */
EVM__F_FN void evm__jac_add_aff(evm__jac *r, const evm__jac *p, const evm__aff *q, const evm__mont *m)
{
    evm__fe z1z1, u2, s2, h, hh, i, j, rr, v;
    if (evm__jac_is_inf(p)) { evm__jac_from_aff(r, q, m); return; }
    evm__f_sqr(&z1z1, &p->z, m);
    evm__f_mul(&u2, &q->x, &z1z1, m);
    evm__f_mul(&s2, &q->y, &p->z, m);
    evm__f_mul(&s2, &s2, &z1z1, m);
    evm__f_sub(&h, &u2, &p->x, m);
    evm__f_sub(&rr, &s2, &p->y, m);
    if (evm__f_is_zero(&h)) {
        if (evm__f_is_zero(&rr)) evm__jac_dbl(r, p, m);
        else evm__jac_set_inf(r, m);
        return;
    }
    evm__f_sqr(&hh, &h, m);
    evm__f_dbl(&i, &hh, m);
    evm__f_dbl(&i, &i, m);
    evm__f_mul(&j, &h, &i, m);
    evm__f_dbl(&rr, &rr, m);
    evm__f_mul(&v, &p->x, &i, m);
    evm__f_mul(&s2, &p->y, &j, m);           /* Y1 * J, before r->y is overwritten */
    evm__f_add(&i, &p->z, &h, m);
    evm__f_sqr(&i, &i, m);
    evm__f_sub(&i, &i, &z1z1, m);
    evm__f_sub(&r->z, &i, &hh, m);
    evm__f_sqr(&r->x, &rr, m);
    evm__f_sub(&r->x, &r->x, &j, m);
    evm__f_sub(&r->x, &r->x, &v, m);
    evm__f_sub(&r->x, &r->x, &v, m);
    evm__f_sub(&v, &v, &r->x, m);
    evm__f_mul(&v, &v, &rr, m);
    evm__f_dbl(&s2, &s2, m);
    evm__f_sub(&r->y, &v, &s2, m);
}

/* Jacobian -> affine; false for the point at infinity */
EVM__F_FN bool evm__jac_to_aff(evm__aff *r, const evm__jac *p, const evm__mont *m)
{
    evm__fe zi, zi2;
    if (evm__jac_is_inf(p)) return false;
    evm__f_inv(&zi, &p->z, m);
    evm__f_sqr(&zi2, &zi, m);
    evm__f_mul(&r->x, &p->x, &zi2, m);
    evm__f_mul(&zi2, &zi2, &zi, m);
    evm__f_mul(&r->y, &p->y, &zi2, m);
    return true;
}

#endif /* EVM_FIELD256_H */
