/* fuzz_precompile.c - arbitrary input to every precompile (0x01..0x11, 0x100) through
   evm_precompiles_run, at Cancun, Prague or Osaka, with a gas limit.

   Input: [which] [fork] [gas: 3 bytes, big-endian] then the precompile's input.
     which % 19: 0..16 the precompiles 0x01..0x11, 17 P256VERIFY (0x100), 18 an address
                 next to them that is no precompile (0x12, 0x101, 0x1001)
     fork & 3:   0 Cancun, 1 Prague, 2 Osaka (3: Cancun); fork & 0x80: a second run whose
                 allocator fails from its ((fork >> 2) & 7)-th request on
     gas:        0 .. 2^24-1 (blake2f: at most 2^17 rounds are paid for, to keep runs short)
   Invariants (a violation aborts):
   - NONE exactly for the addresses not active at the fork (an independent table), never
     UNSUPPORTED; NO_MEMORY only from the failing allocator, with gas_used 0 and nothing
     leaked, and the same call with a working allocator then gives the first result;
   - OK: gas_used <= gas, and equal to the precompile's price where that is a formula of
     the input length (every one but modexp; the MSMs between their discount bounds); an
     OK output of exactly the size the precompile has (128 G1ADD/G1MSM/MAP_FP_TO_G1, 256
     G2ADD/G2MSM/MAP_FP2_TO_G2, 32 pairings, 64 point evaluation, len_m modexp, 32 or 0
     ecrecover/P256VERIFY, the input's size identity...), the price independent of the gas
     given (exactly gas_used: the same result; one less: out of gas);
   - OUT_OF_GAS / ERROR: all gas consumed (EIP-2537's failures included), no output;
     out of gas only when the gas is below the price;
   - determinism: a fresh evm_precompiles object (no reused buffer) gives the same status,
     gas and output bytes as the long-lived one;
   - per precompile: identity echoes, ripemd160/ecrecover outputs start with 12 zero
     bytes (ecrecover: the other recovery id gives another address), pairings and P256VERIFY answer 0 or 1 (P256VERIFY: a valid signature stays
     valid with s -> n - s and fails with one hash bit flipped), modexp's output is below
     the modulus (and equals a 64-bit model for small operands), point evaluation's is the
     constant pair (and another y fails); G1ADD, G2ADD and bn254 ADD commute (a+b == b+a) and their outputs and
     the maps', MSMs' outputs are points (adding infinity gives them back); an MSM of the
     first point with scalar 1 gives the point; a pairing check of up to 3 pairs gives the
     same answer in reverse order. */
#define EVM_IMPLEMENTATION
#include "../evm_precompiles.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static const int fz_addrs[18] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 0x100};

static evm_address fz_addr(int a)
{
    evm_address x;
    memset(&x, 0, sizeof x);
    x.bytes[18] = (uint8_t)(a >> 8);
    x.bytes[19] = (uint8_t)a;
    return x;
}

/* the first fork of each precompile, from the EIPs (not from evm_precompile_is_active) */
static bool fz_active(int a, evm_fork f)
{
    if (a >= 1 && a <= 10) return true;                  /* all by Cancun */
    if (a >= 11 && a <= 17) return f >= EVM_PRAGUE;      /* EIP-2537 */
    if (a == 0x100) return f >= EVM_OSAKA;               /* EIP-7951 */
    return false;
}

static uint64_t fz_words(size_t n) { return (n + 31) / 32; }

/* the price where it is a formula of the input (0: none here) */
static uint64_t fz_price(int a, const uint8_t *in, size_t n)
{
    switch (a) {
    case 1: return 3000;
    case 2: return 60 + 12 * fz_words(n);
    case 3: return 600 + 120 * fz_words(n);
    case 4: return 15 + 3 * fz_words(n);
    case 6: return 150;
    case 7: return 6000;
    case 8: return 45000 + 34000 * (uint64_t)(n / 192);
    case 9: return n == 213 ? (uint64_t)in[0] << 24 | (uint64_t)in[1] << 16 | (uint64_t)in[2] << 8 | in[3] : 0;
    case 10: return 50000;
    case 11: return 375;
    case 13: return 600;
    case 15: return n && n % 384 == 0 ? 37700 + 32600 * (uint64_t)(n / 384) : 0;
    case 16: return 5500;
    case 17: return 23800;
    case 0x100: return 6900;
    default: return 0;
    }
}

/* the output size on success; -1: depends (ecrecover, P256VERIFY: 32 or 0; modexp: len_m) */
static long fz_out_size(int a, size_t n)
{
    switch (a) {
    case 2: case 3: case 8: case 15: return 32;
    case 4: return (long)n;
    case 6: case 7: case 9: case 10: return 64;
    case 11: case 12: case 16: return 128;
    case 13: case 14: case 17: return 256;
    default: return -1;
    }
}

typedef struct fz_res {
    evm_precompile_status s;
    int64_t gas;
    uint8_t *out;
    size_t size;
} fz_res;

static fz_res fz_run(evm_precompiles *p, int a, evm_fork f, const uint8_t *in, size_t n, int64_t gas)
{
    evm_address x = fz_addr(a);
    evm_precompile_result r;
    fz_res o;
    o.s = evm_precompiles_run(p, f, &x, in, n, gas, &r);
    o.gas = r.gas_used;
    o.size = r.output_size;
    o.out = NULL;
    FZ_CHECK(r.output_size == 0 || r.output != NULL);
    if (r.output_size) {
        o.out = (uint8_t *)malloc(r.output_size);
        FZ_CHECK(o.out != NULL);
        memcpy(o.out, r.output, r.output_size);
    }
    return o;
}

static bool fz_same(const fz_res *x, const fz_res *y)
{
    return x->s == y->s && x->gas == y->gas && x->size == y->size &&
           (x->size == 0 || memcmp(x->out, y->out, x->size) == 0);
}

static void fz_free(fz_res *x) { free(x->out); x->out = NULL; }

/* big-endian bytes [off, off + len) of the input, zero beyond its end */
static void fz_read(const uint8_t *in, size_t n, uint64_t off, size_t len, uint8_t *dst)
{
    for (size_t i = 0; i < len; i++)
        dst[i] = off + i < n ? in[off + i] : 0;
}

static uint64_t fz_len(const uint8_t *in, size_t n, uint64_t off)     /* saturated at 2^40 */
{
    uint8_t w[32];
    fz_read(in, n, off, 32, w);
    uint64_t v = 0;
    for (int i = 0; i < 32; i++) {
        if (i < 27 && w[i]) return (uint64_t)1 << 40;
        v = v << 8 | w[i];
    }
    return v > ((uint64_t)1 << 40) ? (uint64_t)1 << 40 : v;
}

static uint64_t fz_be64(const uint8_t *b, size_t len)                 /* len <= 8 */
{
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++)
        v = v << 8 | b[i];
    return v;
}

static void fz_modexp(const uint8_t *in, size_t n, const fz_res *r)
{
    uint64_t lb = fz_len(in, n, 0), le = fz_len(in, n, 32), lm = fz_len(in, n, 64);
    FZ_CHECK(r->size == lm);
    if (lm == 0 || lm > 4096 || lb > 4096 || le > 4096)
        return;
    uint8_t *m = (uint8_t *)malloc(lm);
    FZ_CHECK(m != NULL);
    fz_read(in, n, 96 + lb + le, lm, m);
    /* the output is below the modulus; x mod 0 is 0 */
    size_t i = 0;
    while (i < lm && r->out[i] == m[i]) i++;
    bool mzero = true;
    for (size_t k = 0; k < lm; k++) mzero = mzero && m[k] == 0;
    if (mzero) {
        for (size_t k = 0; k < lm; k++) FZ_CHECK(r->out[k] == 0);
    } else {
        FZ_CHECK(i < lm && r->out[i] < m[i]);
    }
    /* small operands: square-and-multiply on 32-bit values in 64-bit words */
    if (lb <= 4 && lm <= 4 && le <= 8) {
        uint8_t b[4], e[8];
        fz_read(in, n, 96, (size_t)lb, b);
        fz_read(in, n, 96 + lb, (size_t)le, e);
        uint64_t mv = fz_be64(m, (size_t)lm), bv = fz_be64(b, (size_t)lb), ev = fz_be64(e, (size_t)le);
        uint64_t want = 0;
        if (mv) {
            uint64_t acc = 1 % mv, base = bv % mv;
            for (int k = 63; k >= 0; k--) {
                acc = acc * acc % mv;
                if (ev >> k & 1) acc = acc * base % mv;
            }
            want = acc;
        }
        FZ_CHECK(fz_be64(r->out, (size_t)lm) == want);
    }
    free(m);
}

/* out is a valid point: adding the point at infinity (all zero bytes) gives it back */
static void fz_is_point(evm_precompiles *aux, evm_fork f, const uint8_t *pt, size_t len)
{
    uint8_t in[512];
    memset(in, 0, sizeof in);
    memcpy(in, pt, len);
    fz_res r = fz_run(aux, len == 128 ? 11 : 13, f, in, 2 * len, 1000);
    FZ_CHECK(r.s == EVM_PRECOMPILE_OK && r.size == len && memcmp(r.out, pt, len) == 0);
    memset(in, 0, len);
    memcpy(in + len, pt, len);                  /* 0 + P as well */
    fz_free(&r);
    r = fz_run(aux, len == 128 ? 11 : 13, f, in, 2 * len, 1000);
    FZ_CHECK(r.s == EVM_PRECOMPILE_OK && r.size == len && memcmp(r.out, pt, len) == 0);
    fz_free(&r);
}

static void fz_swap_halves(const uint8_t *in, size_t half, uint8_t *dst)
{
    memcpy(dst, in + half, half);
    memcpy(dst + half, in, half);
}

/* what each precompile's result must satisfy beyond size and gas */
static void fz_semantics(evm_precompiles *aux, int a, evm_fork f, const uint8_t *in, size_t n,
                         const fz_res *r)
{
    uint8_t buf[512];
    if (a == 4 && r->s == EVM_PRECOMPILE_OK)
        FZ_CHECK(r->size == n && (n == 0 || memcmp(r->out, in, n) == 0));
    if ((a == 1 || a == 3) && r->size)
        for (int i = 0; i < 12; i++) FZ_CHECK(r->out[i] == 0);
    if ((a == 8 || a == 15 || a == 0x100) && r->size) {
        for (int i = 0; i < 31; i++) FZ_CHECK(r->out[i] == 0);
        FZ_CHECK(r->out[31] <= 1 && (a != 0x100 || r->out[31] == 1));
    }
    if (a == 5 && r->s == EVM_PRECOMPILE_OK)
        fz_modexp(in, n, r);
    if (a == 10 && r->s == EVM_PRECOMPILE_OK) {
        static const uint8_t modulus[32] = {
            0x73, 0xed, 0xa7, 0x53, 0x29, 0x9d, 0x7d, 0x48, 0x33, 0x39, 0xd8, 0x08, 0x09, 0xa1, 0xd8, 0x05,
            0x53, 0xbd, 0xa4, 0x02, 0xff, 0xfe, 0x5b, 0xfe, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01};
        for (int i = 0; i < 30; i++) FZ_CHECK(r->out[i] == 0);
        FZ_CHECK(r->out[30] == 0x10 && r->out[31] == 0 && memcmp(r->out + 32, modulus, 32) == 0);
        /* another y for the same commitment, z and proof must fail */
        memcpy(buf, in, 192);
        buf[95] ^= 1;
        fz_res x = fz_run(aux, 10, f, buf, 192, 50000);
        FZ_CHECK(x.s == EVM_PRECOMPILE_ERROR);
        fz_free(&x);
    }
    /* a + b == b + a (bn254, G1, G2): same status, same sum */
    if ((a == 6 && n >= 128) || (a == 11 && n == 256) || (a == 13 && n == 512)) {
        size_t half = a == 6 ? 64 : n / 2;
        fz_swap_halves(in, half, buf);
        int64_t g = a == 6 ? 150 : a == 11 ? 375 : 600;
        if (r->s != EVM_PRECOMPILE_OUT_OF_GAS) {
            fz_res x = fz_run(aux, a, f, buf, 2 * half, g);
            FZ_CHECK(x.s == r->s && x.size == r->size && (!x.size || memcmp(x.out, r->out, x.size) == 0));
            fz_free(&x);
        }
    }
    if (r->s != EVM_PRECOMPILE_OK)
        return;
    if (a == 11 || a == 12 || a == 16) fz_is_point(aux, f, r->out, 128);
    if (a == 13 || a == 14 || a == 17) fz_is_point(aux, f, r->out, 256);
    if (a == 12 || a == 14) {                   /* MSM(P, 1) = P for the first point P */
        size_t pt = a == 12 ? 128 : 256;
        memcpy(buf, in, pt);
        memset(buf + pt, 0, 32);
        buf[pt + 31] = 1;
        fz_res x = fz_run(aux, a, f, buf, pt + 32, 100000);
        FZ_CHECK(x.s == EVM_PRECOMPILE_OK && x.size == pt && memcmp(x.out, in, pt) == 0);
        fz_free(&x);
    }
    if (a == 15 && n <= 3 * 384 && n > 384) {   /* the product does not depend on the order */
        uint8_t *rev = (uint8_t *)malloc(n);
        FZ_CHECK(rev != NULL);
        for (size_t k = 0; k < n / 384; k++)
            memcpy(rev + k * 384, in + n - (k + 1) * 384, 384);
        fz_res x = fz_run(aux, 15, f, rev, n, 200000);
        FZ_CHECK(fz_same(&x, r));
        fz_free(&x);
        free(rev);
    }
    if (a == 1 && r->size == 32) {              /* the other recovery id: another key */
        fz_read(in, n, 0, 128, buf);
        buf[63] ^= 27 ^ 28;
        fz_res x = fz_run(aux, 1, f, buf, 128, 3000);
        FZ_CHECK(x.s == EVM_PRECOMPILE_OK && x.size == 32 && memcmp(x.out, r->out, 32) != 0);
        fz_free(&x);
    }
    if (a == 0x100 && r->size == 32) {          /* a valid signature */
        static const uint8_t order[32] = {
            0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
            0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51};
        memcpy(buf, in, 160);
        int borrow = 0;                         /* s -> n - s (0 < s < n: both valid) */
        for (int i = 31; i >= 0; i--) {
            int d = order[i] - in[64 + i] - borrow;
            borrow = d < 0;
            buf[64 + i] = (uint8_t)(d + (borrow ? 256 : 0));
        }
        FZ_CHECK(borrow == 0);
        fz_res x = fz_run(aux, 0x100, f, buf, 160, 6900);
        FZ_CHECK(x.s == EVM_PRECOMPILE_OK && x.size == 32 && x.out[31] == 1);
        fz_free(&x);
        memcpy(buf, in, 160);
        buf[31] ^= 1;                           /* another hash */
        x = fz_run(aux, 0x100, f, buf, 160, 6900);
        FZ_CHECK(x.s == EVM_PRECOMPILE_OK && x.size == 0);
        fz_free(&x);
    }
}

static evm_precompiles fz_long, fz_aux;         /* reused across inputs, as in a node */
static fz_alloc fz_long_alloc = {0, 0, -1, 0}, fz_aux_alloc = {0, 0, -1, 0};

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t size)
{
    static bool ready;
    if (!ready) {
        evm_allocator al = {fz_realloc, &fz_long_alloc}, aa = {fz_realloc, &fz_aux_alloc};
        evm_precompiles_init(&fz_long, &al);
        evm_precompiles_init(&fz_aux, &aa);
        ready = true;
    }
    if (size < 5)
        return 0;
    int which = d[0] % 19;
    static const int others[3] = {0x12, 0x101, 0x1001};
    int a = which < 18 ? fz_addrs[which] : others[d[2] % 3];
    evm_fork f = (evm_fork)(EVM_CANCUN + (d[1] & 3) % 3);
    int64_t gas = (int64_t)d[2] << 16 | (int64_t)d[3] << 8 | d[4];
    if (a == 9 && gas > (1 << 17))
        gas = 1 << 17;
    const uint8_t *in = d + 5;
    size_t n = size - 5;

    fz_res r = fz_run(&fz_long, a, f, in, n, gas);
    FZ_CHECK(r.s != EVM_PRECOMPILE_UNSUPPORTED && r.s != EVM_PRECOMPILE_NO_MEMORY);
    if (!fz_active(a, f)) {
        FZ_CHECK(r.s == EVM_PRECOMPILE_NONE && r.gas == 0 && r.size == 0);
        return 0;
    }
    FZ_CHECK(r.s != EVM_PRECOMPILE_NONE);
    uint64_t price = fz_price(a, in, n);
    if (r.s == EVM_PRECOMPILE_OK) {
        FZ_CHECK(r.gas >= 0 && r.gas <= gas);
        if (price) FZ_CHECK((uint64_t)r.gas == price);
        if (a == 12 || a == 14) {               /* k * base * discount / 1000, discount 1000..519/524 */
            uint64_t k = n / (a == 12 ? 160 : 288), base = a == 12 ? 12000 : 22500;
            FZ_CHECK((uint64_t)r.gas <= k * base && (uint64_t)r.gas >= k * base * (a == 12 ? 519 : 524) / 1000);
        }
        if (a == 5) FZ_CHECK(r.gas >= 200);
        long want = fz_out_size(a, n);
        if (want >= 0) FZ_CHECK(r.size == (size_t)want);
        if (a == 1 || a == 0x100) FZ_CHECK(r.size == 0 || r.size == 32);
        /* the price does not depend on the gas given */
        fz_res x = fz_run(&fz_aux, a, f, in, n, r.gas);
        FZ_CHECK(fz_same(&x, &r));
        fz_free(&x);
        if (r.gas > 0) {
            x = fz_run(&fz_aux, a, f, in, n, r.gas - 1);
            FZ_CHECK(x.s == EVM_PRECOMPILE_OUT_OF_GAS && x.gas == r.gas - 1 && x.size == 0);
            fz_free(&x);
        }
    } else {
        FZ_CHECK(r.s == EVM_PRECOMPILE_OUT_OF_GAS || r.s == EVM_PRECOMPILE_ERROR);
        FZ_CHECK(r.gas == gas && r.size == 0);
        if (r.s == EVM_PRECOMPILE_OUT_OF_GAS && price) FZ_CHECK(price > (uint64_t)gas);
    }

    /* determinism: a fresh object, nothing reused */
    fz_alloc fa = {0, 0, -1, 0};
    evm_allocator al = {fz_realloc, &fa};
    evm_precompiles fresh;
    evm_precompiles_init(&fresh, &al);
    fz_res y = fz_run(&fresh, a, f, in, n, gas);
    FZ_CHECK(fz_same(&y, &r));
    fz_free(&y);
    evm_precompiles_destroy(&fresh);
    FZ_CHECK(fa.live == 0);

    /* a failing allocator: NO_MEMORY with no gas and no leak, or the same result */
    if (d[1] & 0x80) {
        fz_alloc fb = {0, 0, (d[1] >> 2) & 7, 0};
        evm_allocator ab = {fz_realloc, &fb};
        evm_precompiles_init(&fresh, &ab);
        y = fz_run(&fresh, a, f, in, n, gas);
        if (y.s == EVM_PRECOMPILE_NO_MEMORY)
            FZ_CHECK(y.gas == 0 && y.size == 0);
        else
            FZ_CHECK(fz_same(&y, &r));
        fz_free(&y);
        fb.fail_from = -1;                      /* the same object, now able to allocate */
        y = fz_run(&fresh, a, f, in, n, gas);
        FZ_CHECK(fz_same(&y, &r));
        fz_free(&y);
        evm_precompiles_destroy(&fresh);
        FZ_CHECK(fb.live == 0);
    }

    fz_semantics(&fz_aux, a, f, in, n, &r);
    fz_free(&r);
    return 0;
}
