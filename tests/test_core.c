/* test_core.c - unit tests of evm.h's building blocks: 256-bit arithmetic (both paths:
   the Makefile builds this file with and without EVM_NO_INT128), Keccak-256, the memory
   gas table and tracker, the tiered arena, the generated opcode table, create addresses. */
#define EVM_IMPLEMENTATION
#include "../evm.h"
#include "test.h"
#include "vectors/u256_vectors.h"
#include <stdlib.h>

static evm_u256 word(const char *hex)
{
    unsigned char b[32];
    long n = test_hex(hex, b, sizeof b);
    return evm_u256_from_be(b, n < 0 ? 0 : (size_t)n);
}

static void check_word(evm_u256 got, const char *want, const u256_vector *v)
{
    unsigned char g[32], w[32];
    evm_u256_to_be(&got, g);
    test_hex(want, w, 32);
    if (memcmp(g, w, 32) != 0) {
        test__current_failed++;
        printf("  FAIL %s(%s, %s%s%s)\n    got  ", v->op, v->args[0], v->args[1],
               v->args[2] ? ", " : "", v->args[2] ? v->args[2] : "");
        for (int i = 0; i < 32; i++) printf("%02x", g[i]);
        printf("\n    want %s\n", want);
    }
}

static void test_u256_vectors(void)
{
    size_t n = sizeof u256_vectors / sizeof u256_vectors[0];
    for (size_t i = 0; i < n; i++) {
        const u256_vector *v = &u256_vectors[i];
        evm_u256 a = word(v->args[0]), b = word(v->args[1]), r;
        const char *op = v->op;
        if (!strcmp(op, "add")) r = evm_u256_add(a, b);
        else if (!strcmp(op, "sub")) r = evm_u256_sub(a, b);
        else if (!strcmp(op, "mul")) r = evm_u256_mul(a, b);
        else if (!strcmp(op, "div")) r = evm_u256_div(a, b);
        else if (!strcmp(op, "sdiv")) r = evm_u256_sdiv(a, b);
        else if (!strcmp(op, "mod")) r = evm_u256_mod(a, b);
        else if (!strcmp(op, "smod")) r = evm_u256_smod(a, b);
        else if (!strcmp(op, "exp")) r = evm_u256_exp(a, b);
        else if (!strcmp(op, "signextend")) r = evm_u256_signextend(a, b);
        else if (!strcmp(op, "byte")) r = evm_u256_byte(a, b);
        else if (!strcmp(op, "shl")) r = evm_u256_shl(a, b);
        else if (!strcmp(op, "shr")) r = evm_u256_shr(a, b);
        else if (!strcmp(op, "sar")) r = evm_u256_sar(a, b);
        else if (!strcmp(op, "addmod")) r = evm_u256_addmod(a, b, word(v->args[2]));
        else if (!strcmp(op, "mulmod")) r = evm_u256_mulmod(a, b, word(v->args[2]));
        else { CHECK(!"unknown op in vectors"); continue; }
        check_word(r, v->result, v);
    }
    CHECK(n > 3000);
}

/* Hand-picked edge cases, each with its reason. */
static void test_u256_edges(void)
{
    evm_u256 max = word("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
    evm_u256 min_signed = word("8000000000000000000000000000000000000000000000000000000000000000");
    evm_u256 one = evm_u256_from_u64(1), zero = evm_u256_from_u64(0);
    /* division by zero is zero, for every division-like opcode */
    evm_u256 r = evm_u256_div(max, zero);
    CHECK(evm_u256_is_zero(&r));
    r = evm_u256_mod(max, zero);
    CHECK(evm_u256_is_zero(&r));
    r = evm_u256_addmod(max, max, zero);
    CHECK(evm_u256_is_zero(&r));
    /* SDIV(-2^255, -1) overflows back to -2^255 */
    r = evm_u256_sdiv(min_signed, max);
    CHECK(evm_u256_eq(&r, &min_signed));
    /* SMOD takes the sign of the dividend: -7 smod 3 = -1, 7 smod -3 = 1 */
    r = evm_u256_smod(evm_u256_sub(zero, evm_u256_from_u64(7)), evm_u256_from_u64(3));
    CHECK(evm_u256_eq(&r, &max));
    r = evm_u256_smod(evm_u256_from_u64(7), evm_u256_sub(zero, evm_u256_from_u64(3)));
    CHECK(evm_u256_eq(&r, &one));
    /* ADDMOD/MULMOD work on the full 257/512-bit intermediate */
    r = evm_u256_addmod(max, evm_u256_from_u64(2), max);
    CHECK(evm_u256_eq(&r, &(evm_u256){{2, 0, 0, 0}}));
    r = evm_u256_mulmod(max, max, evm_u256_from_u64(12));
    CHECK(evm_u256_eq(&r, &(evm_u256){{9, 0, 0, 0}}));   /* (2^256-1)^2 mod 12 = 3^2 mod 12 */
    /* 0^0 = 1 */
    r = evm_u256_exp(zero, zero);
    CHECK(evm_u256_eq(&r, &one));
    /* SIGNEXTEND from byte 0 of 0xff is -1; index >= 31 leaves x alone */
    r = evm_u256_signextend(zero, evm_u256_from_u64(0xff));
    CHECK(evm_u256_eq(&r, &max));
    r = evm_u256_signextend(evm_u256_from_u64(31), evm_u256_from_u64(0xff));
    CHECK(evm_u256_eq(&r, &(evm_u256){{0xff, 0, 0, 0}}));
    r = evm_u256_signextend(max, evm_u256_from_u64(0x80));
    CHECK(evm_u256_eq(&r, &(evm_u256){{0x80, 0, 0, 0}}));
    /* the sign byte at the top of a limb (7, 15, 23) and at the bottom of the next (8);
       index 30: only the top byte takes the sign; a positive sign clears the bits above */
    r = evm_u256_signextend(evm_u256_from_u64(7), (evm_u256){{0x80ff00ff00ff00ffu, 5, 6, 7}});
    CHECK(evm_u256_eq(&r, &(evm_u256){{0x80ff00ff00ff00ffu, ~0ull, ~0ull, ~0ull}}));
    r = evm_u256_signextend(evm_u256_from_u64(8), (evm_u256){{0x80ff00ff00ff00ffu, 0x1ff, 6, 7}});
    CHECK(evm_u256_eq(&r, &(evm_u256){{0x80ff00ff00ff00ffu, 0xffffffffffffffffu, ~0ull, ~0ull}}));
    r = evm_u256_signextend(evm_u256_from_u64(15), (evm_u256){{1, 0x7fffffffffffffffu, 6, 7}});
    CHECK(evm_u256_eq(&r, &(evm_u256){{1, 0x7fffffffffffffffu, 0, 0}}));
    r = evm_u256_signextend(evm_u256_from_u64(16), (evm_u256){{1, 2, 0x17f, 7}});
    CHECK(evm_u256_eq(&r, &(evm_u256){{1, 2, 0x7f, 0}}));
    r = evm_u256_signextend(evm_u256_from_u64(30), (evm_u256){{1, 2, 3, 0x0080000000000000u}});
    CHECK(evm_u256_eq(&r, &(evm_u256){{1, 2, 3, 0xff80000000000000u}}));
    r = evm_u256_signextend(evm_u256_from_u64(30), (evm_u256){{1, 2, 3, 0xff7f000000000000u}});
    CHECK(evm_u256_eq(&r, &(evm_u256){{1, 2, 3, 0x007f000000000000u}}));
    r = evm_u256_signextend((evm_u256){{3, 0, 1, 0}}, max);       /* a huge index */
    CHECK(evm_u256_eq(&r, &max));
    /* BYTE counts from the most significant byte */
    r = evm_u256_byte(zero, min_signed);
    CHECK(evm_u256_eq(&r, &(evm_u256){{0x80, 0, 0, 0}}));
    r = evm_u256_byte(evm_u256_from_u64(32), max);
    CHECK(evm_u256_is_zero(&r));
    /* shifts by 256 or more; SAR of a negative number fills with ones */
    r = evm_u256_shl(evm_u256_from_u64(256), max);
    CHECK(evm_u256_is_zero(&r));
    r = evm_u256_sar(max, min_signed);
    CHECK(evm_u256_eq(&r, &max));
    r = evm_u256_sar(evm_u256_from_u64(255), min_signed);
    CHECK(evm_u256_eq(&r, &max));
    r = evm_u256_shr(evm_u256_from_u64(255), min_signed);
    CHECK(evm_u256_eq(&r, &one));
    CHECK(evm_u256_slt(&min_signed, &zero));
    CHECK(!evm_u256_lt(&min_signed, &zero));
}

/* Division against a bit-serial reference on many random operands of mixed sizes:
   exercises every branch of Knuth's algorithm D (normalisation, q-hat correction,
   add-back). */
static uint64_t rnd_state = 88172645463325252ull;
static uint64_t rnd(void)
{
    rnd_state ^= rnd_state << 13; rnd_state ^= rnd_state >> 7; rnd_state ^= rnd_state << 17;
    return rnd_state;
}
static evm_u256 rnd_word(void)
{
    evm_u256 v = {{rnd(), rnd(), rnd(), rnd()}};
    int limbs = (int)(rnd() % 4) + 1;
    for (int i = limbs; i < 4; i++) v.w[i] = 0;
    switch (rnd() % 5) {
    case 0: v.w[limbs - 1] |= 0x8000000000000000ull; break;     /* already normalised */
    case 1: v.w[limbs - 1] >>= rnd() % 64; break;
    case 2: v.w[0] = ~(uint64_t)0; break;
    default: break;
    }
    return v;
}
static void ref_divmod(evm_u256 a, evm_u256 b, evm_u256 *q, evm_u256 *r)
{
    evm_u256 quo = {{0, 0, 0, 0}}, rem = {{0, 0, 0, 0}};
    for (int i = 255; i >= 0; i--) {
        rem = evm_u256_shl(evm_u256_from_u64(1), rem);
        rem.w[0] |= (a.w[i / 64] >> (i % 64)) & 1;
        if (!evm_u256_lt(&rem, &b)) {
            rem = evm_u256_sub(rem, b);
            quo.w[i / 64] |= (uint64_t)1 << (i % 64);
        }
    }
    *q = quo;
    *r = rem;
}
static void test_division_random(void)
{
    for (int i = 0; i < 20000; i++) {
        evm_u256 a = rnd_word(), b = rnd_word(), q, r;
        if (evm_u256_is_zero(&b)) continue;
        ref_divmod(a, b, &q, &r);
        evm_u256 q2 = evm_u256_div(a, b), r2 = evm_u256_mod(a, b);
        if (!evm_u256_eq(&q, &q2) || !evm_u256_eq(&r, &r2)) {
            CHECK(!"division differs from the bit-serial reference");
            break;
        }
    }
}

/* Divisors that are powers of two take a shift (DIV, SDIV) or a mask (MOD, SMOD):
   every exponent, against the bit-serial reference, with signed operands too. */
static void test_division_powers_of_two(void)
{
    evm_u256 zero = evm_u256_from_u64(0);
    for (int k = 0; k < 256; k++) {
        evm_u256 b = evm_u256_shl(evm_u256_from_u64((uint64_t)k), evm_u256_from_u64(1));
        for (int i = 0; i < 12; i++) {
            evm_u256 a = i == 0 ? b : i == 1 ? evm_u256_sub(b, evm_u256_from_u64(1)) : rnd_word(), q, r;
            if (i == 2) a = evm_u256_sub(zero, evm_u256_from_u64(1));
            ref_divmod(a, b, &q, &r);
            evm_u256 q2 = evm_u256_div(a, b), r2 = evm_u256_mod(a, b);
            if (!evm_u256_eq(&q, &q2) || !evm_u256_eq(&r, &r2)) {
                printf("  FAIL div/mod by 2^%d, case %d\n", k, i);
                CHECK(!"power-of-two division differs from the reference");
                return;
            }
            /* signed: -a / 2^k = -(a / 2^k), -a % 2^k = -(a % 2^k), for a below 2^255 */
            a.w[3] &= 0x7fffffffffffffffull;
            if (k == 255) continue;                      /* 2^255 is negative as a signed word */
            ref_divmod(a, b, &q, &r);
            evm_u256 na = evm_u256_sub(zero, a);
            evm_u256 sq = evm_u256_sdiv(na, b), sr = evm_u256_smod(na, b);
            evm_u256 nq = evm_u256_sub(zero, q), nr = evm_u256_sub(zero, r);
            if (!evm_u256_eq(&sq, &nq) || !evm_u256_eq(&sr, &nr)) {
                printf("  FAIL sdiv/smod by 2^%d, case %d\n", k, i);
                CHECK(!"power-of-two signed division differs from the reference");
                return;
            }
        }
    }
}

/* MULMOD against double-and-add modulo m (only compare and subtract, a route apart
   from the library's 512-bit product and division), on operands whose limbs come from
   edge values (0, 1, all ones, top bit only, all ones less one) and random ones, so
   the quotient-digit corrections and the add-back step of the division are taken. */
static uint64_t edge_limb(void)
{
    switch (rnd() % 7) {
    case 0: return 0;
    case 1: return 1;
    case 2: return ~(uint64_t)0;
    case 3: return 0x8000000000000000ull;
    case 4: return ~(uint64_t)1;
    default: return rnd();
    }
}
static evm_u256 add_mod_ref(evm_u256 x, evm_u256 y, evm_u256 m)   /* x, y < m */
{
    evm_u256 room = evm_u256_sub(m, y);               /* x + y >= m iff x >= m - y */
    return evm_u256_lt(&x, &room) ? evm_u256_add(x, y) : evm_u256_sub(x, room);
}
static void test_mulmod_random(void)
{
    for (int i = 0; i < 4000; i++) {
        evm_u256 a = {{edge_limb(), edge_limb(), edge_limb(), edge_limb()}};
        evm_u256 b = {{edge_limb(), edge_limb(), edge_limb(), edge_limb()}};
        evm_u256 m = {{edge_limb(), edge_limb(), edge_limb(), edge_limb()}};
        if (i % 4 == 0) m.w[3] = 0;                   /* shorter moduli too */
        if (evm_u256_is_zero(&m)) continue;
        evm_u256 am = evm_u256_mod(a, m), bm = evm_u256_mod(b, m), want = {{0, 0, 0, 0}};
        for (int k = 255; k >= 0; k--) {
            want = add_mod_ref(want, want, m);
            if ((am.w[k / 64] >> (k % 64)) & 1)
                want = add_mod_ref(want, bm, m);
        }
        evm_u256 got = evm_u256_mulmod(a, b, m);
        if (!evm_u256_eq(&got, &want)) {
            printf("  FAIL mulmod case %d\n", i);
            CHECK(!"mulmod differs from double-and-add");
            return;
        }
    }
}

static void test_keccak(void)
{
    size_t n = sizeof keccak_vectors / sizeof keccak_vectors[0];
    unsigned char data[1000], h[32], want[32];
    for (size_t i = 0; i < n; i++) {
        int len = keccak_vectors[i].n;
        for (int k = 0; k < len; k++) data[k] = (unsigned char)((k * 7 + len) & 0xff);
        evm_keccak256(data, (size_t)len, h);
        test_hex(keccak_vectors[i].hash, want, 32);
        CHECK_EQ_MEM(h, want, 32);
    }
}

static void test_memory_table(void)
{
    /* the generated table against the formula, for every size it holds */
    for (uint64_t w = 0; w <= EVM_MEMORY_TABLE_WORDS; w++) {
        int64_t c;
        CHECK(evm_memory_cost(w, &c));
        CHECK_EQ_INT(c, 3 * w + w * w / 512);
        CHECK_EQ_UINT(evm_memory_cost_table[w], 3 * w + w * w / 512);
    }
    /* sampled sizes above, against w*w computed as a 128-bit product of 32-bit halves
       (a different route from the library's (w/512)*w + (w%512)*w/512) */
    uint64_t samples[] = {1025, 1026, 4096, 65536, 1000000, 123456789, (uint64_t)1 << 32,
                          ((uint64_t)1 << 35) + 12345,
                          ((uint64_t)1 << 36) - ((uint64_t)1 << 20)};
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        uint64_t w = samples[i], h = w >> 32, l = w & 0xffffffffu;
        uint64_t lo = l * l, mid = 2 * h * l, hi = h * h;          /* w^2 = hi 2^64 + mid 2^32 + lo */
        uint64_t lo2 = lo + (mid << 32);
        uint64_t hi2 = hi + (mid >> 32) + (lo2 < lo);
        uint64_t q = (lo2 >> 9) | (hi2 << 55);                      /* floor(w^2 / 512) */
        int64_t c = -1;
        CHECK(evm_memory_cost(w, &c));
        CHECK(hi2 < 512);
        CHECK_EQ_UINT((uint64_t)c, 3 * w + q);
    }
    int64_t c;
    /* 2^36 - 1 words would cost 2^63 + 3*2^36 - ...: more than any int64 gas */
    CHECK(!evm_memory_cost(EVM_MEMORY_MAX_WORDS - 1, &c));
    CHECK(!evm_memory_cost(EVM_MEMORY_MAX_WORDS, &c));
    CHECK(!evm_memory_cost(UINT64_MAX / 32, &c));
}

/* counting allocator: proves "no allocation" claims */
static int alloc_calls;
static void *call_counting_realloc(void *user, void *ptr, size_t size)
{
    (void)user;
    alloc_calls++;
    if (!size) { free(ptr); return NULL; }
    return realloc(ptr, size);
}
static void *failing_realloc(void *user, void *ptr, size_t size)
{
    (void)user;
    if (!size) free(ptr);
    return NULL;
}

static void test_memory_tracker(void)
{
    evm_allocator a = {call_counting_realloc, NULL};
    evm_buffer_pool pool = {0, 0};
    evm_memory m;
    evm_memory_acquire(&m, &pool);
    int64_t gas = 1000000;
    /* first touch of word 0: 3 gas */
    CHECK_EQ_INT(evm_memory_expand64(&m, &a, 0, 32, &gas), EVM_SUCCESS);
    CHECK_EQ_INT(gas, 1000000 - 3);
    CHECK_EQ_UINT(m.size, 32);
    /* inside the paid size: free */
    CHECK_EQ_INT(evm_memory_expand64(&m, &a, 5, 20, &gas), EVM_SUCCESS);
    CHECK_EQ_INT(gas, 1000000 - 3);
    /* to 1024 words: pays cost(1024) - cost(1) = 3072 + 2048 - 3 */
    CHECK_EQ_INT(evm_memory_expand64(&m, &a, 32 * 1023, 1, &gas), EVM_SUCCESS);
    CHECK_EQ_INT(gas, 1000000 - 5120);
    CHECK_EQ_INT(m.cost, 5120);
    /* beyond the table: 2000 words = 6000 + 7812 */
    CHECK_EQ_INT(evm_memory_expand64(&m, &a, 0, 64000, &gas), EVM_SUCCESS);
    CHECK_EQ_INT(gas, 1000000 - 13812);
    /* size zero never expands, even at an absurd offset */
    evm_u256 huge = {{0, 0, 0, 1}}, zero = {{0, 0, 0, 0}};
    CHECK_EQ_INT(evm_memory_expand(&m, &a, &huge, &zero, &gas), EVM_SUCCESS);
    CHECK_EQ_INT(gas, 1000000 - 13812);
    /* unpayable sizes end in out-of-gas before any allocation, gas untouched */
    int calls = alloc_calls;
    evm_u256 one = {{1, 0, 0, 0}}, near64 = {{UINT64_MAX - 31, 0, 0, 0}};
    CHECK_EQ_INT(evm_memory_expand(&m, &a, &huge, &one, &gas), EVM_OUT_OF_GAS);
    CHECK_EQ_INT(evm_memory_expand(&m, &a, &near64, &one, &gas), EVM_OUT_OF_GAS);
    CHECK_EQ_INT(evm_memory_expand64(&m, &a, (uint64_t)1 << 41, 1, &gas), EVM_OUT_OF_GAS);
    CHECK_EQ_INT(alloc_calls, calls);
    CHECK_EQ_INT(gas, 1000000 - 13812);
    /* exactly enough gas succeeds, one less fails */
    int64_t need = (3 * 6000 + 6000 * 6000 / 512) - 13812;   /* 2000 -> 6000 words */
    int64_t g2 = need - 1;
    CHECK_EQ_INT(evm_memory_expand64(&m, &a, 0, 6000 * 32, &g2), EVM_OUT_OF_GAS);
    CHECK_EQ_INT(g2, need - 1);
    g2 = need;
    CHECK_EQ_INT(evm_memory_expand64(&m, &a, 0, 6000 * 32, &g2), EVM_SUCCESS);
    CHECK_EQ_INT(g2, 0);
    /* new bytes are zero, also in a recycled buffer */
    m.buf.data[100] = 7;
    evm_buffer_release(&m.buf, &pool, &a);
    CHECK_EQ_UINT(pool.count, 1);
    calls = alloc_calls;
    evm_memory_acquire(&m, &pool);
    gas = 100000;
    CHECK_EQ_INT(evm_memory_expand64(&m, &a, 0, 1000, &gas), EVM_SUCCESS);
    CHECK_EQ_INT(alloc_calls, calls);          /* reused: no allocator call */
    CHECK_EQ_INT(m.buf.data[100], 0);
    evm_buffer_release(&m.buf, &pool, &a);
    evm_buffer_pool_clear(&pool, &a);
    /* allocation failure is a status, with the gas already charged */
    evm_allocator bad = {failing_realloc, NULL};
    evm_memory_acquire(&m, &pool);
    gas = 1000;
    CHECK_EQ_INT(evm_memory_expand64(&m, &bad, 0, 32, &gas), EVM_OUT_OF_MEMORY);
    CHECK(m.buf.data == NULL);
}

static void test_arena(void)
{
    /* tiers by code size */
    CHECK_EQ_UINT(evm_arena_tier_capacity(0), 4096);
    CHECK_EQ_UINT(evm_arena_tier_capacity(4096), 4096);
    CHECK_EQ_UINT(evm_arena_tier_capacity(4097), 8192);
    CHECK_EQ_UINT(evm_arena_tier_capacity(24576), 32768);
    CHECK_EQ_UINT(evm_arena_tier_capacity(49152), 65536);
    CHECK_EQ_UINT(evm_arena_tier_capacity(65537), 69632);
    CHECK_EQ_INT(evm_arena_tier(100), 0);
    CHECK_EQ_INT(evm_arena_tier(8192), 1);
    CHECK_EQ_INT(evm_arena_tier(16385), 3);
    CHECK_EQ_INT(evm_arena_tier(65536), 4);
    CHECK_EQ_INT(evm_arena_tier(65537), 5);
    /* a frame block holds the stack (1025 words), the padded code, its jump bitmap and
       the block checks (4 bytes per code byte), plus the frame record */
    size_t parts = 1025 * 32 + 4096 + 512 + 4 * 4096;
    CHECK(evm_frame_block_size(0) > parts);
    CHECK(evm_frame_block_size(0) < parts + 1024);
    CHECK(evm_frame_block_size(24576) > 1025 * 32 + 5 * 32768);   /* tier 32 KiB */
    CHECK(evm_frame_block_size(24576) < 1025 * 32 + 5 * 32768 + 32768 / 8 + 1024);

    /* static arena: LIFO, alignment, exhaustion, peak */
    static unsigned char buf[10000];
    evm_arena a;
    evm_arena_init_static(&a, buf + 1, sizeof buf - 1);   /* deliberately misaligned */
    void *b1 = evm_arena_push(&a, 1000), *b2 = evm_arena_push(&a, 3000);
    CHECK(b1 && b2);
    CHECK(((uintptr_t)b1 % EVM_ARENA_ALIGN) == 0 && ((uintptr_t)b2 % EVM_ARENA_ALIGN) == 0);
    CHECK((unsigned char *)b2 >= (unsigned char *)b1 + 1000);
    CHECK(evm_arena_push(&a, 6000) == NULL);               /* exhausted: a clear NULL */
    size_t peak = a.peak;
    evm_arena_pop(&a, b2);
    void *b3 = evm_arena_push(&a, 3000);
    CHECK(b3 == b2);                                        /* LIFO reuse */
    evm_arena_pop(&a, b3);
    evm_arena_pop(&a, b1);
    CHECK_EQ_UINT(a.in_use, 0);
    CHECK_EQ_UINT(a.peak, peak);
    CHECK_EQ_UINT(a.blocks, 0);

    /* growing arena: chunks from the allocator, capped */
    evm_allocator al = {call_counting_realloc, NULL};
    evm_arena g;
    evm_arena_init_growing(&g, &al, 4u << 20);
    int calls = alloc_calls;
    void *p[8];
    for (int i = 0; i < 8; i++) {
        p[i] = evm_arena_push(&g, 300000);
        CHECK(p[i] != NULL);
    }
    CHECK_EQ_INT(alloc_calls - calls, 3);                   /* 1 MiB chunks: 3 per 8 blocks */
    CHECK(evm_arena_push(&g, 2u << 20) == NULL);             /* over the 4 MiB cap */
    for (int i = 7; i >= 0; i--) evm_arena_pop(&g, p[i]);
    calls = alloc_calls;
    for (int i = 0; i < 3; i++) p[i] = evm_arena_push(&g, 300000);
    CHECK_EQ_INT(alloc_calls, calls);                       /* the spare chunk is reused */
    for (int i = 2; i >= 0; i--) evm_arena_pop(&g, p[i]);
    evm_arena_destroy(&g);
    CHECK_EQ_UINT(g.chunk_bytes, 0);
    /* a failing allocator: exhaustion, not a crash */
    evm_allocator bad = {failing_realloc, NULL};
    evm_arena_init_growing(&g, &bad, 0);
    CHECK(evm_arena_push(&g, 100) == NULL);
    evm_arena_destroy(&g);
}

static void test_gas_table(void)
{
    CHECK_EQ_INT(evm_op_table[EVM_FRONTIER][0x54].gas, 50);         /* SLOAD */
    CHECK_EQ_INT(evm_op_table[EVM_TANGERINE_WHISTLE][0x54].gas, 200);
    CHECK_EQ_INT(evm_op_table[EVM_ISTANBUL][0x54].gas, 800);
    CHECK_EQ_INT(evm_op_table[EVM_BERLIN][0x54].gas, 100);
    CHECK_EQ_INT(evm_op_table[EVM_CANCUN][0xf1].gas, 100);          /* CALL, warm */
    CHECK_EQ_INT(evm_op_table[EVM_FRONTIER][0xf1].gas, 40);
    CHECK_EQ_INT(evm_op_table[EVM_CANCUN][0xa4].gas, 1875);         /* LOG4 */
    CHECK_EQ_INT(evm_op_table[EVM_SHANGHAI][0x5f].flags, 1);        /* PUSH0 */
    CHECK_EQ_INT(evm_op_table[EVM_PARIS][0x5f].flags, 0);
    CHECK_EQ_INT(evm_op_table[EVM_CANCUN][0x5e].flags, 1);          /* MCOPY */
    CHECK_EQ_INT(evm_op_table[EVM_SHANGHAI][0x5e].flags, 0);
    CHECK_EQ_INT(evm_op_table[EVM_CANCUN][0x9f].stack_req, 17);     /* SWAP16 */
    CHECK_EQ_INT(evm_op_table[EVM_CANCUN][0xf1].stack_change, -6);
    CHECK_EQ_STR(evm_opcode_name(0x20), "KECCAK256");
    CHECK(evm_opcode_name(0x0c) == NULL);
    int defined = 0;
    for (int op = 0; op < 256; op++) defined += evm_op_table[EVM_CANCUN][op].flags & EVM_OP_DEFINED;
    CHECK_EQ_INT(defined, 149);   /* the Cancun instruction set, INVALID included */
}

static void test_names(void)
{
    evm_fork f;
    CHECK(evm_fork_from_name("Cancun", &f) && f == EVM_CANCUN);
    CHECK(evm_fork_from_name("ConstantinopleFix", &f) && f == EVM_PETERSBURG);
    CHECK(evm_fork_from_name("merge", &f) && f == EVM_PARIS);
    CHECK(evm_fork_from_name("EIP150", &f) && f == EVM_TANGERINE_WHISTLE);
    CHECK(evm_fork_from_name("Prague", &f) && f == EVM_PRAGUE);
    CHECK(evm_fork_from_name("Osaka", &f) && f == EVM_OSAKA);
    CHECK(!evm_fork_from_name("Amsterdam", &f));
    CHECK(!evm_fork_from_name(NULL, &f));
    CHECK_EQ_STR(evm_fork_name(EVM_SPURIOUS_DRAGON), "EIP158");
    CHECK_EQ_STR(evm_status_name(EVM_OUT_OF_GAS), "out of gas");
    CHECK_EQ_STR(evm_status_name((evm_status)999), "unknown status");
}

static void test_create_addresses(void)
{
    evm_address s, out, want;
    /* widely published example: sender 0x6ac7...dbf0 at nonces 0 and 1 */
    test_hex("6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0", s.bytes, 20);
    evm_create_address(&s, 0, &out);
    test_hex("cd234a471b72ba2f1ccf0a70fcaba648a5eecd8d", want.bytes, 20);
    CHECK_EQ_MEM(out.bytes, want.bytes, 20);
    evm_create_address(&s, 1, &out);
    test_hex("343c43a37d37dff08ae8c4a11544c718abb4fcf8", want.bytes, 20);
    CHECK_EQ_MEM(out.bytes, want.bytes, 20);
    /* EIP-1014 examples 0 and 5 */
    evm_bytes32 salt;
    memset(&salt, 0, sizeof salt);
    memset(&s, 0, sizeof s);
    unsigned char init[64];
    init[0] = 0;
    evm_create2_address(&s, &salt, init, 1, &out);
    test_hex("4D1A2e2bB4F88F0250f26Ffff098B0b30B26BF38", want.bytes, 20);
    CHECK_EQ_MEM(out.bytes, want.bytes, 20);
    test_hex("00000000000000000000000000000000deadbeef", s.bytes, 20);
    test_hex("00000000000000000000000000000000000000000000000000000000cafebabe", salt.bytes, 32);
    long n = test_hex("deadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef", init, sizeof init);
    evm_create2_address(&s, &salt, init, (size_t)n, &out);
    test_hex("1d8bfDC5D46DC4f61D6b6115972536eBE6A8854C", want.bytes, 20);
    CHECK_EQ_MEM(out.bytes, want.bytes, 20);
}

int main(void)
{
    RUN(test_u256_vectors);
    RUN(test_u256_edges);
    RUN(test_division_random);
    RUN(test_division_powers_of_two);
    RUN(test_mulmod_random);
    RUN(test_keccak);
    RUN(test_memory_table);
    RUN(test_memory_tracker);
    RUN(test_arena);
    RUN(test_gas_table);
    RUN(test_names);
    RUN(test_create_addresses);
#ifdef EVM_NO_INT128
    return TEST_END("test_core (portable arithmetic)");
#else
    return TEST_END("test_core");
#endif
}
