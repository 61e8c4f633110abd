/* test_field.c - the field and curve core (evm_field.h) at the size the 256-bit tests of
   test_secp256k1.c / test_bn254.c do not reach: BLS12-381's 381-bit base field in the
   384-bit instance (6 x 64 or 12 x 32 limbs).
   Expected values are from Python 3's integers (independent of this code):
     p = 0x1a0111ea...aaab, R = 2^384; r2 = R*R % p, one = R % p, inv = -p^-1 mod 2^64;
     random.seed(381); a = random.randrange(p); b = random.randrange(p)
     a*b % p, a*a % p, pow(a, -1, p), (a+b) % p, (a-b) % p, (b-a) % p, (2^384-1) % p;
     pow(b, (p-1)//2, p) != 1 (b is not a square). */
#include "../evm_field.h"
#include "test.h"

static const evm__mont384 bls_p = {
    { { EVM__F_W(0xb9feffffffffaaabULL), EVM__F_W(0x1eabfffeb153ffffULL),
        EVM__F_W(0x6730d2a0f6b0f624ULL), EVM__F_W(0x64774b84f38512bfULL),
        EVM__F_W(0x4b1ba7b6434bacd7ULL), EVM__F_W(0x1a0111ea397fe69aULL) } },
    { { EVM__F_W(0xf4df1f341c341746ULL), EVM__F_W(0x0a76e6a609d104f1ULL),
        EVM__F_W(0x8de5476c4c95b6d5ULL), EVM__F_W(0x67eb88a9939d83c0ULL),
        EVM__F_W(0x9a793e85b519952dULL), EVM__F_W(0x11988fe592cae3aaULL) } },
    { { EVM__F_W(0x760900000002fffdULL), EVM__F_W(0xebf4000bc40c0002ULL),
        EVM__F_W(0x5f48985753c758baULL), EVM__F_W(0x77ce585370525745ULL),
        EVM__F_W(0x5c071a97a256ec6dULL), EVM__F_W(0x15f65ec3fa80e493ULL) } },
    (evm__limb)0x89f3fffcfffcfffdULL
};

static void hex48(const char *h, uint8_t out[48])
{
    CHECK(test_hex(h, out, 48) == 48);
}

/* raw hex -> Montgomery form */
static void load(evm__fe384 *r, const char *h)
{
    uint8_t b[48];
    evm__fe384 raw;
    hex48(h, b);
    evm__f384_from_be(&raw, b);
    evm__f384_to_mont(r, &raw, &bls_p);
}

/* Montgomery form equals the raw hex value */
static int is(const evm__fe384 *a, const char *h)
{
    uint8_t want[48], got[48];
    evm__fe384 raw;
    hex48(h, want);
    evm__f384_from_mont(&raw, a, &bls_p);
    evm__f384_to_be(got, &raw);
    if (memcmp(got, want, 48) == 0) return 1;
    printf("    got  ");
    for (int i = 0; i < 48; i++) printf("%02x", got[i]);
    printf("\n    want %s\n", h);
    return 0;
}

#define A_HEX "070aa3f7a461f444637194ad3bfdf0b3a16c560044d4b90d9b5178fef3934f6e9ce8f03296ccb4439e8e86f287921216"
#define B_HEX "0d6aca3b9a2dcf6703e12b9b04ea4b7ad2087e78e5b0c00d3613621077284088d7191f50f22d78f7dd6342cdd0988d76"

static void test_bls12_381_mul(void)
{
    const evm__mont384 *m = &bls_p;
    evm__fe384 a, b, r;
    load(&a, A_HEX);
    load(&b, B_HEX);
    evm__f384_mul(&r, &a, &b, m);
    CHECK(is(&r, "00ca8ac4ec98ad89e01d650289cf04678275dfa393467e517b258961f3912618a80a0fa45a0c77a629fadba40b088e9f"));
    evm__f384_mul(&r, &b, &a, m);
    CHECK(is(&r, "00ca8ac4ec98ad89e01d650289cf04678275dfa393467e517b258961f3912618a80a0fa45a0c77a629fadba40b088e9f"));
    evm__f384_sqr(&r, &a, m);
    CHECK(is(&r, "049789ba3b5e51dc49a56d110aa06e09756efa548b6004d6b05956a2cb488f0cc271a38338163bf1b8aca76c64e425b6"));
    evm__f384_add(&r, &a, &b, m);
    CHECK(is(&r, "14756e333e8fc3ab6752c04840e83c2e7374d4792a85791ad164db0f6abb8ff774020f8388fa2d3b7bf1c9c0582a9f8c"));
    evm__f384_sub(&r, &a, &b, m);
    CHECK(is(&r, "13a0eba643b40b77aaac10c87a5f521033db230c52a90bbfcc6ee98f731c0509e47bd0e055f33b4b7b2a4424b6f92f4b"));
    evm__f384_sub(&r, &b, &a, m);
    CHECK(is(&r, "06602643f5cbdb22a06f96edc8ec5ac7309c2878a0dc06ff9ac1e9118394f11a3a302f1e5b60c4b43ed4bbdb49067b60"));
    evm__f384_neg(&r, &a, m);                       /* -a + a = 0 */
    evm__f384_add(&r, &r, &a, m);
    CHECK(evm__f384_is_zero(&r));
    evm__f384_half(&r, &a, m);                      /* a/2 * 2 = a */
    evm__f384_dbl(&r, &r, m);
    CHECK(evm__f384_eq(&r, &a));
}

static void test_bls12_381_inv_sqrt(void)
{
    const evm__mont384 *m = &bls_p;
    evm__fe384 a, b, r, s, e, one_raw;
    load(&a, A_HEX);
    load(&b, B_HEX);
    evm__f384_inv(&r, &a, m);
    CHECK(is(&r, "0f0751bb75eed6f9cbfa84d6ebddafb7906095ec8c9f3b4430743905317fe395b0904aa8e5d241dd9f1cc22c5dc96d4f"));
    /* Fermat: a^(p-2) is the same inverse */
    evm__f384_zero(&one_raw);
    one_raw.v[0] = 1;
    evm__f384_sub_raw(&e, &m->p, &one_raw);
    evm__f384_sub_raw(&e, &e, &one_raw);
    evm__f384_pow(&s, &a, &e, m);
    CHECK(evm__f384_eq(&s, &r));
    evm__f384_zero(&s);
    evm__f384_inv(&r, &s, m);
    CHECK(evm__f384_is_zero(&r));
    /* sqrt(a^2) = +-a (here +a), and b has none */
    evm__f384_sqr(&s, &a, m);
    CHECK(evm__f384_sqrt(&r, &s, m));
    CHECK(is(&r, A_HEX));
    CHECK(!evm__f384_sqrt(&r, &b, m));
    /* constants: 1 converts to R mod p, p - 1 squared is 1 */
    evm__f384_to_mont(&r, &one_raw, m);
    CHECK(evm__f384_eq(&r, &m->one));
    evm__f384_sub_raw(&e, &m->p, &one_raw);
    evm__f384_to_mont(&r, &e, m);
    evm__f384_sqr(&r, &r, m);
    CHECK(evm__f384_eq(&r, &m->one));
}

/* the dedicated squaring equals the product a * a: 2000 pseudo-random values (xorshift),
   0, 1, p - 1, in BLS12-381's field and in secp256k1's (p close to 2^256: the top carry) */
static const evm__mont256 secp_p = {
    { { EVM__F_W(0xfffffffefffffc2fULL), EVM__F_W(0xffffffffffffffffULL),
        EVM__F_W(0xffffffffffffffffULL), EVM__F_W(0xffffffffffffffffULL) } },
    { { EVM__F_W(0x000007a2000e90a1ULL), EVM__F_W(0x0000000000000001ULL),
        EVM__F_W(0x0000000000000000ULL), EVM__F_W(0x0000000000000000ULL) } },
    { { EVM__F_W(0x00000001000003d1ULL), EVM__F_W(0x0000000000000000ULL),
        EVM__F_W(0x0000000000000000ULL), EVM__F_W(0x0000000000000000ULL) } },
    (evm__limb)0xd838091dd2253531ULL
};

static uint64_t xs = 0x9e3779b97f4a7c15ULL;
static uint8_t next_byte(void)
{
    xs ^= xs << 13; xs ^= xs >> 7; xs ^= xs << 17;
    return (uint8_t)(xs >> 24);
}

static void test_sqr(void)
{
    int k, i, bad384 = 0, bad256 = 0;
    for (k = 0; k < 2003; k++) {
        uint8_t b[48];
        evm__fe384 a, s1, s2, one_raw;
        evm__fe256 c, t1, t2, one256;
        for (i = 0; i < 48; i++) b[i] = next_byte();
        evm__f384_from_be(&a, b);
        evm__f256_from_be(&c, b);
        evm__f384_zero(&one_raw);
        one_raw.v[0] = 1;
        evm__f256_zero(&one256);
        one256.v[0] = 1;
        if (k == 2000) { evm__f384_zero(&a); evm__f256_zero(&c); }
        if (k == 2001) { a = one_raw; c = one256; }
        if (k == 2002) { evm__f384_sub_raw(&a, &bls_p.p, &one_raw); evm__f256_sub_raw(&c, &secp_p.p, &one256); }
        evm__f384_to_mont(&a, &a, &bls_p);              /* reduces any 384-bit value */
        evm__f384_sqr(&s1, &a, &bls_p);
        evm__f384_mul(&s2, &a, &a, &bls_p);
        bad384 += !evm__f384_eq(&s1, &s2) || !evm__f384_lt(&s1, &bls_p.p);
        evm__f256_to_mont(&c, &c, &secp_p);
        evm__f256_sqr(&t1, &c, &secp_p);
        evm__f256_mul(&t2, &c, &c, &secp_p);
        bad256 += !evm__f256_eq(&t1, &t2) || !evm__f256_lt(&t1, &secp_p.p);
    }
    CHECK_EQ_INT(bad384, 0);
    CHECK_EQ_INT(bad256, 0);
}

/* 2^384 - 1 (the largest raw value) converts to its residue; bytes round-trip */
static void test_bls12_381_bytes(void)
{
    uint8_t ones[48], out[48];
    evm__fe384 raw, r;
    memset(ones, 0xff, sizeof ones);
    evm__f384_from_be(&raw, ones);
    evm__f384_to_be(out, &raw);
    CHECK_EQ_MEM(out, ones, 48);
    evm__f384_to_mont(&r, &raw, &bls_p);
    CHECK(is(&r, "15f65ec3fa80e4935c071a97a256ec6d77ce5853705257455f48985753c758baebf4000bc40c0002760900000002fffc"));
    CHECK(!evm__f384_lt(&raw, &bls_p.p));
    CHECK(evm__f384_lt(&bls_p.one, &bls_p.p));
}

/* The batched binary GCD against the definition, a a^-1 = 1, over values that stress
   its approximations: random, small (one limb), just below p, powers of two, and values
   with long runs of equal bits; the 256-bit instance with secp256k1's p (close to 2^256,
   where the signed intermediates have the least room). */
static uint64_t rng_state = 0x243f6a8885a308d3ULL;
static uint64_t rng64(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void test_inv_random(void)
{
    int it, i, bad = 0;
    for (it = 0; it < 3000; it++) {
        evm__fe384 a, r, c;
        evm__fe256 b, s, d;
        int kind = it % 6;
        for (i = 0; i < EVM__F_LIMBS(6); i++) a.v[i] = (evm__limb)rng64();
        for (i = 0; i < EVM__F_LIMBS(4); i++) b.v[i] = (evm__limb)rng64();
        if (kind == 1) {                              /* one limb */
            for (i = 1; i < EVM__F_LIMBS(6); i++) a.v[i] = 0;
            for (i = 1; i < EVM__F_LIMBS(4); i++) b.v[i] = 0;
        } else if (kind == 2) {                       /* p - small */
            a = bls_p.p; a.v[0] -= (evm__limb)(1 + it % 97);
            b = secp_p.p; b.v[0] -= (evm__limb)(1 + it % 97);
        } else if (kind == 3) {                       /* a power of two */
            evm__f384_zero(&a); a.v[(it / 6) % EVM__F_LIMBS(6)] = (evm__limb)1 << (it % EVM__F_BITS);
            evm__f256_zero(&b); b.v[(it / 6) % EVM__F_LIMBS(4)] = (evm__limb)1 << (it % EVM__F_BITS);
        } else if (kind == 4) {                       /* runs of ones and zeros */
            for (i = 0; i < EVM__F_LIMBS(6); i++) a.v[i] = (i + it) % 3 ? ~(evm__limb)0 : 0;
            for (i = 0; i < EVM__F_LIMBS(4); i++) b.v[i] = (i + it) % 3 ? ~(evm__limb)0 : 0;
        }
        a.v[EVM__F_LIMBS(6) - 1] &= (evm__limb)0x0fffffffffffffffULL;   /* below p */
        if (!evm__f384_is_zero(&a)) {
            evm__f384_inv(&r, &a, &bls_p);
            evm__f384_mul(&c, &r, &a, &bls_p);
            bad += !evm__f384_eq(&c, &bls_p.one);
        }
        if (evm__f256_lt(&b, &secp_p.p) && !evm__f256_is_zero(&b)) {
            evm__f256_inv(&s, &b, &secp_p);
            evm__f256_mul(&d, &s, &b, &secp_p);
            bad += !evm__f256_eq(&d, &secp_p.one);
        }
    }
    CHECK(bad == 0);
}

int main(void)
{
    RUN(test_inv_random);
    RUN(test_bls12_381_mul);
    RUN(test_bls12_381_inv_sqrt);
    RUN(test_bls12_381_bytes);
    RUN(test_sqr);
    return TEST_END("test_field");
}
