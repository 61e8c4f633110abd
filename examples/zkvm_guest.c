/* zkvm_guest.c - stateless block validation as a bare-metal RISC-V zkVM guest.

   The conventions of zkVM guests (eth-act/zkvm-standards; ../shared/ZKVM.md): riscv64im
   (or rv32im), machine mode, no OS, no C library. Here under qemu-system-riscv64 -M virt:
     input   at 0x88000000 (GUEST_INPUT): a 64-bit little-endian length, then the bytes
             (tools/zkvm_witness's format: network, chain id, blob schedules, the block,
             the witness's headers, state nodes and codes); loaded with
             -device loader,file=IN,addr=0x88000000,force-raw=on
     output  text lines on the UART (0x10000000): status, block hash, post-state root,
             gas used, and the instruction counts (minstret, exact under -icount shift=0)
     exit    through the test finisher (0x100000): 0 valid, 1 invalid block, 2 incomplete
             witness, 3 bad input or headers, 4 out of memory
   Memory: a bump arena over a fixed buffer (GUEST_HEAP bytes; a realloc of the newest
   block grows in place, a free of it shrinks the arena, other frees are forgotten).

   Accelerators: built with EVM_ZKVM_ACCELERATORS, every costly primitive goes through
   the zkvm_* functions of evm_zkvm.h; here each one runs our C code (the _c names) and
   minstret is read around it, so the run reports the instructions inside the
   primitives ("hooks") and outside them (what a zkVM with accelerators would execute
   as plain RISC-V), both per gas. A zkVM build would link its own zkvm_* instead.

   Build and run: make zkvm (Makefile), or see tests/zkvm/run.sh. */
#define EVM_IMPLEMENTATION
#define EVM_NO_STDLIB
#define EVM_ZKVM_ACCELERATORS
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
/* the builtins: the compiler expands small fixed-size ones inline, calls ours otherwise */
#define EVM_MEMCPY(d, s, n) __builtin_memcpy((d), (s), (n))
#define EVM_MEMMOVE(d, s, n) __builtin_memmove((d), (s), (n))
#define EVM_MEMSET(d, c, n) __builtin_memset((d), (c), (n))
#define EVM_MEMCMP(a, b, n) __builtin_memcmp((a), (b), (n))
#include "evm_stateless.h"

#ifndef GUEST_INPUT
#define GUEST_INPUT 0x88000000u
#endif
#ifndef GUEST_HEAP
#define GUEST_HEAP (96u * 1024u * 1024u)
#endif
#define GUEST_UART ((volatile uint8_t *)0x10000000u)
#define GUEST_FINISHER ((volatile uint32_t *)0x100000u)

/* ---- the C functions a compiler may call, a word at a time ----------------------------
   The guest targets allow misaligned loads and stores (zkvm-standards: riscv64im with
   misaligned access; qemu emulates them), so no alignment test. */
void *memcpy(void *d, const void *s, size_t n)
{
    uint8_t *o = (uint8_t *)d;
    const uint8_t *i = (const uint8_t *)s;
    size_t *ow;
    const size_t *iw;
    for (; n >= 4 * sizeof(size_t); n -= 4 * sizeof(size_t), o += 4 * sizeof(size_t), i += 4 * sizeof(size_t)) {
        ow = (size_t *)(void *)o;         /* four words a turn: fewer counter updates and branches */
        iw = (const size_t *)(const void *)i;
        size_t w0 = iw[0], w1 = iw[1], w2 = iw[2], w3 = iw[3];
        ow[0] = w0;
        ow[1] = w1;
        ow[2] = w2;
        ow[3] = w3;
    }
    for (; n >= sizeof(size_t); n -= sizeof(size_t), o += sizeof(size_t), i += sizeof(size_t))
        *(size_t *)(void *)o = *(const size_t *)(const void *)i;
    while (n--)
        *o++ = *i++;
    return d;
}
void *memmove(void *d, const void *s, size_t n)
{
    uint8_t *o = (uint8_t *)d;
    const uint8_t *i = (const uint8_t *)s;
    if (o <= i || o >= i + n)
        return memcpy(d, s, n);
    o += n;
    i += n;
    while (n--)
        *--o = *--i;
    return d;
}
void *memset(void *d, int c, size_t n)
{
    uint8_t *o = (uint8_t *)d;
    size_t w = (uint8_t)c;
    w |= w << 8;
    w |= w << 16;
    if (sizeof(size_t) > 4)
        w |= w << 16 << 16;
    for (; n >= sizeof(size_t); n -= sizeof(size_t), o += sizeof(size_t))
        *(size_t *)(void *)o = w;
    while (n--)
        *o++ = (uint8_t)c;
    return d;
}
/* equal words are skipped a word at a time */
typedef size_t guest_word;
int memcmp(const void *a, const void *b, size_t n)
{
    const uint8_t *x = (const uint8_t *)a, *y = (const uint8_t *)b;
    for (; n >= sizeof(guest_word) &&
           *(const guest_word *)(const void *)x == *(const guest_word *)(const void *)y;
         n -= sizeof(guest_word), x += sizeof(guest_word), y += sizeof(guest_word)) {
    }
    for (; n; n--, x++, y++)
        if (*x != *y)
            return *x < *y ? -1 : 1;
    return 0;
}

/* ---- instruction counter ----------------------------------------------------------- */
static inline uint64_t guest_instret(void)
{
#if __riscv_xlen == 64
    uint64_t v;
    __asm__ volatile(".word 0xb0202573\n\tmv %0, a0" : "=r"(v) : : "a0");   /* csrr a0, minstret */
    return v;
#else
    uint32_t hi, lo, hi2;
    do {
        __asm__ volatile(".word 0xb8202573\n\tmv %0, a0" : "=r"(hi) : : "a0");  /* csrr a0, minstreth */
        __asm__ volatile(".word 0xb0202573\n\tmv %0, a0" : "=r"(lo) : : "a0");
        __asm__ volatile(".word 0xb8202573\n\tmv %0, a0" : "=r"(hi2) : : "a0");
    } while (hi != hi2);
    return (uint64_t)hi << 32 | lo;
#endif
}

/* ---- output ------------------------------------------------------------------------ */
static void put(const char *s)
{
    while (*s)
        *GUEST_UART = (uint8_t)*s++;
}
static void put_u64(uint64_t v)
{
    char b[21];
    int i = 20;
    b[i] = 0;
    do {
        b[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    put(b + i);
}
static void __attribute__((noreturn)) guest_exit(unsigned code)
{
    *GUEST_FINISHER = code ? (code << 16) | 0x3333u : 0x5555u;
    for (;;)
        __asm__ volatile("wfi");
}

/* ---- the bump arena ---------------------------------------------------------------- */
static union { uint8_t b[GUEST_HEAP]; uint64_t align; } guest_heap __attribute__((section(".noinit")));
static size_t guest_top, guest_peak;
typedef struct { size_t size, pad; } guest_block;   /* 16 bytes before each block */

static void *guest_realloc(void *user, void *p, size_t n)
{
    (void)user;
    guest_block *h = p ? (guest_block *)p - 1 : NULL;
    bool newest = p && (uint8_t *)p + ((h->size + 15) & ~(size_t)15) == guest_heap.b + guest_top;
    if (n == 0) {
        if (newest)
            guest_top = (size_t)((uint8_t *)h - guest_heap.b);
        return NULL;
    }
    size_t need = (n + 15) & ~(size_t)15;
    if (newest) {
        size_t at = (size_t)((uint8_t *)p - guest_heap.b);
        if (need > GUEST_HEAP - at)
            return NULL;
        guest_top = at + need;
        h->size = n;
    } else {
        if (need + 16 > GUEST_HEAP - guest_top)
            return NULL;
        guest_block *nb = (guest_block *)(void *)(guest_heap.b + guest_top);
        nb->size = n;
        guest_top += 16 + need;
        if (p)
            memcpy(nb + 1, p, h->size < n ? h->size : n);
        p = nb + 1;
    }
    if (guest_top > guest_peak)
        guest_peak = guest_top;
    return p;
}

/* ---- accelerators: our C, counted -------------------------------------------------- */
enum { H_KECCAK, H_SHA256, H_RIPEMD, H_BLAKE2F, H_ECRECOVER, H_MODEXP, H_BN_ADD, H_BN_MUL,
       H_BN_PAIRING, H_KZG, H_P256, H_BLS_G1_ADD, H_BLS_G1_MSM, H_BLS_G2_ADD, H_BLS_G2_MSM,
       H_BLS_PAIRING, H_BLS_MAP_G1, H_BLS_MAP_G2, H_COUNT };
static const char *const hook_names[H_COUNT] = {"keccak256", "sha256", "ripemd160", "blake2f", "ecrecover",
                                                "modexp", "bn254_add", "bn254_mul", "bn254_pairing", "kzg",
                                                "p256verify", "bls12_g1_add", "bls12_g1_msm", "bls12_g2_add",
                                                "bls12_g2_msm", "bls12_pairing", "bls12_map_fp_to_g1",
                                                "bls12_map_fp2_to_g2"};
static uint64_t hook_calls[H_COUNT], hook_instret[H_COUNT];
static uint64_t keccak_blocks;      /* keccak-f permutations inside zkvm_keccak256 (136-byte rate) */
static const evm_allocator guest_alloc = {guest_realloc, NULL};

#define HOOK(i, body) do { uint64_t t0_ = guest_instret(); body; \
    hook_instret[i] += guest_instret() - t0_; hook_calls[i]++; } while (0)

zkvm_status zkvm_keccak256(const uint8_t *data, size_t len, zkvm_keccak256_hash *out)
{
    HOOK(H_KECCAK, evm_keccak256_c(data, len, out->data));
    keccak_blocks += len / 136 + 1;
    return ZKVM_EOK;
}
zkvm_status zkvm_sha256(const uint8_t *data, size_t len, zkvm_sha256_hash *out)
{
    HOOK(H_SHA256, evm_sha256_c(data, len, out->data));
    return ZKVM_EOK;
}
zkvm_status zkvm_ripemd160(const uint8_t *data, size_t len, zkvm_ripemd160_hash *out)
{
    HOOK(H_RIPEMD, memset(out->data, 0, 12); evm_ripemd160_c(data, len, out->data + 12));
    return ZKVM_EOK;
}
/* The standard's bytes to our words and back are inside the count, as everything in a zkvm_*
   function is: an accelerator takes the bytes and replaces all of it. */
static void guest_blake2f(uint32_t rounds, zkvm_blake2f_state *h, const zkvm_blake2f_message *m,
                          const zkvm_blake2f_offset *t, uint8_t f)
{
    uint64_t w[26];
    for (int i = 0; i < 26; i++) {
        const uint8_t *p = i < 8 ? h->data + 8 * i : i < 24 ? m->data + 8 * (i - 8) : t->data + 8 * (i - 24);
        uint64_t x = 0;
        for (int k = 7; k >= 0; k--)
            x = x << 8 | p[k];
        w[i] = x;
    }
    evm_blake2b_compress_c(rounds, w, w + 8, w + 24, f != 0);
    for (int i = 0; i < 8; i++)
        for (int k = 0; k < 8; k++)
            h->data[8 * i + k] = (uint8_t)(w[i] >> (8 * k));
}
zkvm_status zkvm_blake2f(uint32_t rounds, zkvm_blake2f_state *h, const zkvm_blake2f_message *m,
                         const zkvm_blake2f_offset *t, uint8_t f)
{
    HOOK(H_BLAKE2F, guest_blake2f(rounds, h, m, t, f));
    return ZKVM_EOK;
}
zkvm_status zkvm_secp256k1_ecrecover(const zkvm_secp256k1_hash *msg, const zkvm_secp256k1_signature *sig,
                                     uint8_t recid, zkvm_secp256k1_pubkey *out)
{
    bool ok;
    HOOK(H_ECRECOVER, ok = evm_secp256k1_recover_c(msg->data, sig->data, sig->data + 32, recid, out->data));
    return ok ? ZKVM_EOK : ZKVM_EFAIL;
}
zkvm_status zkvm_modexp(const uint8_t *b, size_t bl, const uint8_t *e, size_t el, const uint8_t *m, size_t ml,
                        uint8_t *out)
{
    bool ok;
    HOOK(H_MODEXP, ok = evm_modexp_c(b, bl, e, el, m, ml, out, &guest_alloc));
    return ok ? ZKVM_EOK : ZKVM_EFAIL;
}
zkvm_status zkvm_bn254_g1_add(const zkvm_bn254_g1_point *p1, const zkvm_bn254_g1_point *p2, zkvm_bn254_g1_point *r)
{
    uint8_t in[128];
    bool ok;
    HOOK(H_BN_ADD, memcpy(in, p1->data, 64); memcpy(in + 64, p2->data, 64);
         ok = evm_bn254_add_c(in, r->data));
    return ok ? ZKVM_EOK : ZKVM_EFAIL;
}
zkvm_status zkvm_bn254_g1_mul(const zkvm_bn254_g1_point *p, const zkvm_bn254_scalar *k, zkvm_bn254_g1_point *r)
{
    uint8_t in[96];
    bool ok;
    HOOK(H_BN_MUL, memcpy(in, p->data, 64); memcpy(in + 64, k->data, 32);
         ok = evm_bn254_mul_c(in, r->data));
    return ok ? ZKVM_EOK : ZKVM_EFAIL;
}
zkvm_status zkvm_bn254_pairing(const zkvm_bn254_pairing_pair *pairs, size_t n, bool *verified)
{
    uint8_t out[32];
    bool ok;
    HOOK(H_BN_PAIRING, ok = evm_bn254_pairing_c((const uint8_t *)pairs, n, out));
    if (!ok)
        return ZKVM_EFAIL;
    *verified = out[31] == 1;
    return ZKVM_EOK;
}
zkvm_status zkvm_kzg_point_eval(const zkvm_kzg_commitment *c, const zkvm_kzg_field_element *z,
                                const zkvm_kzg_field_element *y, const zkvm_kzg_proof *p, bool *verified)
{
    HOOK(H_KZG, *verified = evm_kzg_verify_proof_c(c->data, z->data, y->data, p->data));
    return ZKVM_EOK;
}

zkvm_status zkvm_secp256r1_verify(const zkvm_secp256r1_hash *msg, const zkvm_secp256r1_signature *sig,
                                  const zkvm_secp256r1_pubkey *pub, bool *verified)
{
    HOOK(H_P256, *verified = evm_p256_verify_c(msg->data, sig->data, sig->data + 32, pub->data, pub->data + 32));
    return ZKVM_EOK;
}

/* BLS12-381: the standard's 48-byte field elements widened to EIP-2537's 64 for our C
   and the answer narrowed, inside the count as everything in a zkvm_* function is (an
   accelerator reads its own layout) */
static void fp_wide(uint8_t *d, const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++, d += 64, s += 48) {
        memset(d, 0, 16);
        memcpy(d + 16, s, 48);
    }
}
static void fp_narrow(uint8_t *d, const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++, d += 48, s += 64)
        memcpy(d, s + 16, 48);
}
zkvm_status zkvm_bls12_g1_add(const zkvm_bls12_381_g1_point *p1, const zkvm_bls12_381_g1_point *p2,
                              zkvm_bls12_381_g1_point *r)
{
    uint8_t in[256], out[128];
    bool ok;
    HOOK(H_BLS_G1_ADD, fp_wide(in, p1->data, 2); fp_wide(in + 128, p2->data, 2);
         ok = evm_bls12381_g1_add_c(in, out); if (ok) fp_narrow(r->data, out, 2));
    return ok ? ZKVM_EOK : ZKVM_EFAIL;
}
zkvm_status zkvm_bls12_g2_add(const zkvm_bls12_381_g2_point *p1, const zkvm_bls12_381_g2_point *p2,
                              zkvm_bls12_381_g2_point *r)
{
    uint8_t in[512], out[256];
    bool ok;
    HOOK(H_BLS_G2_ADD, fp_wide(in, p1->data, 4); fp_wide(in + 256, p2->data, 4);
         ok = evm_bls12381_g2_add_c(in, out); if (ok) fp_narrow(r->data, out, 4));
    return ok ? ZKVM_EOK : ZKVM_EFAIL;
}
static uint64_t guest_msm_scratch[EVM_BLS12381_MSM_SCRATCH_SIZE / 8];
static zkvm_status guest_msm(int hook, const uint8_t *pairs, size_t k, uint8_t *r, size_t fps)
{
    size_t per = fps * 48 + 32, wide = fps * 64 + 32;
    uint8_t out[256], *in = (uint8_t *)guest_realloc(NULL, NULL, k * wide);
    bool ok;
    if (!in)
        return ZKVM_EFAIL;
    HOOK(hook, for (size_t i = 0; i < k; i++) {
                   fp_wide(in + i * wide, pairs + i * per, fps);
                   memcpy(in + i * wide + wide - 32, pairs + i * per + per - 32, 32);
               }
               ok = fps == 2 ? evm_bls12381_g1_msm_c(in, k, out, guest_msm_scratch)
                             : evm_bls12381_g2_msm_c(in, k, out, guest_msm_scratch);
               if (ok) fp_narrow(r, out, fps));
    guest_realloc(NULL, in, 0);
    return ok ? ZKVM_EOK : ZKVM_EFAIL;
}
zkvm_status zkvm_bls12_g1_msm(const zkvm_bls12_381_g1_msm_pair *pairs, size_t n, zkvm_bls12_381_g1_point *r)
{
    return guest_msm(H_BLS_G1_MSM, pairs->point.data, n, r->data, 2);
}
zkvm_status zkvm_bls12_g2_msm(const zkvm_bls12_381_g2_msm_pair *pairs, size_t n, zkvm_bls12_381_g2_point *r)
{
    return guest_msm(H_BLS_G2_MSM, pairs->point.data, n, r->data, 4);
}
zkvm_status zkvm_bls12_pairing(const zkvm_bls12_381_pairing_pair *pairs, size_t n, bool *verified)
{
    uint8_t out[32], *in = (uint8_t *)guest_realloc(NULL, NULL, n * 384);
    bool ok;
    if (!in)
        return ZKVM_EFAIL;
    HOOK(H_BLS_PAIRING, for (size_t i = 0; i < n; i++) {
                            fp_wide(in + 384 * i, pairs[i].g1.data, 2);
                            fp_wide(in + 384 * i + 128, pairs[i].g2.data, 4);
                        }
                        ok = evm_bls12381_pairing_check_c(in, n, out, NULL));
    guest_realloc(NULL, in, 0);
    if (!ok)
        return ZKVM_EFAIL;
    *verified = out[31] == 1;
    return ZKVM_EOK;
}
zkvm_status zkvm_bls12_map_fp_to_g1(const zkvm_bls12_381_fp *u, zkvm_bls12_381_g1_point *r)
{
    uint8_t in[64], out[128];
    bool ok;
    HOOK(H_BLS_MAP_G1, fp_wide(in, u->data, 1); ok = evm_bls12381_map_fp_to_g1_c(in, out);
         if (ok) fp_narrow(r->data, out, 2));
    return ok ? ZKVM_EOK : ZKVM_EFAIL;
}
zkvm_status zkvm_bls12_map_fp2_to_g2(const zkvm_bls12_381_fp2 *u, zkvm_bls12_381_g2_point *r)
{
    uint8_t in[128], out[256];
    bool ok;
    HOOK(H_BLS_MAP_G2, fp_wide(in, u->data, 2); ok = evm_bls12381_map_fp2_to_g2_c(in, out);
         if (ok) fp_narrow(r->data, out, 4));
    return ok ? ZKVM_EOK : ZKVM_EFAIL;
}

/* ---- the frame arena ---------------------------------------------------------------- */
static uint8_t guest_arena[8u * 1024u * 1024u] __attribute__((aligned(64), section(".noinit")));

/* Everything above is the guest's runtime (C functions, instruction counter, UART, exit,
   arena, counted accelerators, start-up); a measuring guest reuses it by defining
   ZKVM_GUEST_RUNTIME_ONLY, including this file and defining its own guest_main
   (bench/estimate/estimate_guest.c). */
int guest_main(void);
#ifndef ZKVM_GUEST_RUNTIME_ONLY
static void put_hex(const uint8_t *p, size_t n)
{
    static const char d[] = "0123456789abcdef";
    char two[3] = {0, 0, 0};
    put("0x");
    for (size_t i = 0; i < n; i++) {
        two[0] = d[p[i] >> 4];
        two[1] = d[p[i] & 15];
        put(two);
    }
}
/* ---- input ------------------------------------------------------------------------- */
typedef struct guest_in {
    const uint8_t *p, *end;
    bool bad;
} guest_in;

static uint64_t in_u(guest_in *in, int bytes)
{
    if ((size_t)(in->end - in->p) < (size_t)bytes) {
        in->bad = true;
        return 0;
    }
    uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; i--)
        v = v << 8 | in->p[i];
    in->p += bytes;
    return v;
}
static const uint8_t *in_bytes(guest_in *in, size_t *n)
{
    *n = (size_t)in_u(in, 4);
    if (in->bad || (size_t)(in->end - in->p) < *n) {
        in->bad = true;
        return NULL;
    }
    const uint8_t *p = in->p;
    in->p += *n;
    return p;
}
static evm_stateless_bytes *in_list(guest_in *in, size_t *count)
{
    *count = (size_t)in_u(in, 4);
    if (in->bad || *count > (size_t)(in->end - in->p) / 4) {
        in->bad = true;
        return NULL;
    }
    evm_stateless_bytes *l = (evm_stateless_bytes *)guest_realloc(NULL, NULL, (*count + 1) * sizeof *l);
    if (!l) {
        in->bad = true;
        return NULL;
    }
    for (size_t i = 0; i < *count && !in->bad; i++)
        l[i].data = in_bytes(in, &l[i].size);
    return l;
}

int guest_main(void)
{
    const uint8_t *base = (const uint8_t *)(uintptr_t)GUEST_INPUT;
    guest_in in = {base + 8, base + 8, false};
    uint64_t len = 0;
    for (int i = 7; i >= 0; i--)
        len = len << 8 | base[i];
    in.end = base + 8 + len;
    evm_chain_config chain;
    char name[64];
    size_t n;
    const uint8_t *magic = in.p;
    in.p += 4;
    if (len < 8 || magic[0] != 'E' || magic[1] != 'V' || magic[2] != 'M' || magic[3] != 'W' || in_u(&in, 4) != 1) {
        put("bad input\n");
        return 3;
    }
    const uint8_t *net = in_bytes(&in, &n);
    if (in.bad || n >= sizeof name)
        return 3;
    memcpy(name, net, n);
    name[n] = 0;
    if (!evm_chain_from_network(&chain, name)) {
        put("unknown network\n");
        return 3;
    }
    if ((size_t)(in.end - in.p) < 32)
        return 3;
    chain.chain_id = evm_u256_from_be(in.p, 32);
    in.p += 32;
    size_t schedules = (size_t)in_u(&in, 4);
    for (size_t i = 0; i < schedules && !in.bad; i++) {
        const uint8_t *fn = in_bytes(&in, &n);
        evm_blob_params s;
        s.target = in_u(&in, 8);
        s.max = in_u(&in, 8);
        s.update_fraction = in_u(&in, 8);
        if (!in.bad && n < sizeof name) {
            memcpy(name, fn, n);
            name[n] = 0;
            evm_chain_set_blob_schedule(&chain, name, &s);
        }
    }
    size_t block_size;
    const uint8_t *block = in_bytes(&in, &block_size);
    evm_witness w;
    evm_stateless_bytes *h = in_list(&in, &w.header_count);
    evm_stateless_bytes *s = in_list(&in, &w.state_count);
    evm_stateless_bytes *c = in_list(&in, &w.code_count);
    w.headers = h;
    w.state = s;
    w.codes = c;
    if (in.bad) {
        put("bad input\n");
        return 3;
    }

    evm_vm_desc desc = {0};
    desc.allocator = guest_alloc;
    desc.arena_buffer = guest_arena;
    desc.arena_size = sizeof guest_arena;
    desc.code_cache_size = 4u << 20;             /* code analysis kept across calls */
    evm_vm vm;
    evm_vm_init(&vm, &desc);
    evm_precompiles pc;
    evm_precompiles_init(&pc, &guest_alloc);

    uint64_t t0 = guest_instret();
    evm_stateless_result r;
    evm_stateless_validate(&chain, &vm, &pc, block, block_size, &w, &guest_alloc, &r);
    uint64_t total = guest_instret() - t0;

    uint64_t hooks = 0;
    for (int i = 0; i < H_COUNT; i++)
        hooks += hook_instret[i];
    put("status ");
    put(evm_stateless_status_name(r.status));
    put(" ");
    put(evm_block_status_name(r.block_status));
    put("\nblock_hash ");
    put_hex(r.block_hash.bytes, 32);
    put("\npost_state_root ");
    put_hex(r.post_state_root.bytes, 32);
    put("\ngas_used ");
    put_u64(r.gas_used);
    put("\ninstret ");
    put_u64(total);
    put("\ninstret_hooks ");
    put_u64(hooks);
    put("\nheap_peak ");
    put_u64(guest_peak);
    put("\nkeccak_f ");
    put_u64(keccak_blocks);
    put("\n");
    for (int i = 0; i < H_COUNT; i++)
        if (hook_calls[i]) {
            put("hook ");
            put(hook_names[i]);
            put(" calls ");
            put_u64(hook_calls[i]);
            put(" instret ");
            put_u64(hook_instret[i]);
            put("\n");
        }
    switch (r.status) {
    case EVM_STATELESS_VALID: return 0;
    case EVM_STATELESS_INVALID_BLOCK: return 1;
    case EVM_STATELESS_INCOMPLETE_WITNESS: return 2;
    case EVM_STATELESS_BAD_HEADERS: return 3;
    default: return 4;
    }
}
#endif /* ZKVM_GUEST_RUNTIME_ONLY */

void guest_start(void) __attribute__((noreturn));
void guest_start(void)
{
    guest_exit((unsigned)guest_main());
}

/* machine mode from reset: zero .bss (the big buffers are in .noinit), a stack, then C;
   linked with examples/zkvm_guest.ld and --no-relax (no gp) */
__asm__(".pushsection .text.init, \"ax\"\n"
        ".globl _start\n"
        "_start:\n"
        "    la t0, __bss_start\n"
        "    la t1, _end\n"
        "1:  bgeu t0, t1, 2f\n"
        "    sb zero, 0(t0)\n"
        "    addi t0, t0, 1\n"
        "    j 1b\n"
        "2:  la sp, guest_stack_top\n"
        "    call guest_start\n"
        ".popsection\n"
        ".pushsection .noinit, \"aw\", @nobits\n"
        ".balign 16\n"
        "guest_stack:\n"
        "    .skip 1048576\n"
        "guest_stack_top:\n"
        ".popsection\n");
