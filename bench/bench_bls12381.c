/* bench_bls12381.c - time per call and per gas of the EIP-2537 precompiles 0x0b..0x11,
   through evm_precompiles_run (gas accounting, decoding and checks included), and the
   MSMs' time per point against one scalar multiplication per point.

   Build and run (POSIX: clock_gettime):
       cc -std=c99 -O2 -I. bench/bench_bls12381.c -o bench_bls12381 && ./bench_bls12381
   (-DEVM_NO_INT128 for the portable 32-bit-limb arithmetic.)

   Inputs are made by the library itself: points are images of the map precompiles
   (so they are in the subgroups), scalars and field elements come from a fixed
   xorshift sequence. Timing: thread CPU time (the machine is shared), one warm-up call,
   then RUNS samples of a batch of calls sized to take about 20 ms; the median sample
   per call is printed, with its ns per gas. */
#define _POSIX_C_SOURCE 200809L
#define EVM_IMPLEMENTATION
#include "../evm_precompiles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RUNS 11
#define MAX_K 256

static evm_precompiles pc;
static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* a 64-byte field element below p: 16 zero bytes, then 48 with a top byte below 0x1a */
static void rand_fp(uint8_t out[64])
{
    memset(out, 0, 16);
    for (int i = 16; i < 64; i++) out[i] = (uint8_t)next();
    out[16] &= 0x0f;
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, w = *(const double *)b;
    return (x > w) - (x < w);
}

static uint8_t g1pts[MAX_K][128], g2pts[MAX_K][256];
static uint8_t msm1[MAX_K * 160], msm2[MAX_K * 288], pairs[8 * 384], buf[512];

static int call(int addr, const uint8_t *in, size_t n, uint64_t *gas)
{
    evm_address a = {{0}};
    evm_precompile_result res;
    a.bytes[19] = (uint8_t)addr;
    if (evm_precompiles_run(&pc, EVM_PRAGUE, &a, in, n, 100000000, &res) != EVM_PRECOMPILE_OK)
        return 0;
    *gas = (uint64_t)res.gas_used;
    return 1;
}

/* median ns per call of the precompile on this input */
static double time_call(int addr, const uint8_t *in, size_t n, uint64_t *gas)
{
    double s[RUNS], t0;
    int batch = 1, r, k;
    if (!call(addr, in, n, gas)) { fprintf(stderr, "0x%02x failed\n", addr); exit(1); }
    t0 = now_ns();
    call(addr, in, n, gas);
    batch = (int)(20e6 / (now_ns() - t0 + 1));
    if (batch < 1) batch = 1;
    for (r = 0; r < RUNS; r++) {
        t0 = now_ns();
        for (k = 0; k < batch; k++) call(addr, in, n, gas);
        s[r] = (now_ns() - t0) / batch;
    }
    qsort(s, RUNS, sizeof s[0], cmp_double);
    return s[RUNS / 2];
}

static void row(const char *name, int addr, const uint8_t *in, size_t n)
{
    uint64_t gas = 0;
    double t = time_call(addr, in, n, &gas);
    printf("| %-26s | %9llu | %10.1f | %6.2f |\n", name, (unsigned long long)gas, t / 1e3, t / (double)gas);
}

/* The textbook baseline: decode, check, then a plain 256-bit double-and-add per point. */
static void plain_msm(int g2, size_t k, uint8_t out[256])
{
    if (!g2) {
        evm__bls_g1 acc, t;
        evm__bls_g1a p;
        evm__bls_g1_set_inf(&acc);
        for (size_t i = 0; i < k; i++) {
            const uint8_t *q = msm1 + 160 * i;
            if (!evm__bls_g1_decode(&p, q) || !evm__bls_g1_in_subgroup(&p)) exit(1);
            evm__bls_g1_set_inf(&t);
            for (int b = 255; b >= 0; b--) {
                evm__bls_g1_dbl(&t, &t);
                if (evm__bls_scalar_bit(q + 128, b)) evm__bls_g1_add_affine(&t, &t, &p);
            }
            evm__bls_g1_add(&acc, &acc, &t);
        }
        evm__bls_g1_encode(out, &acc);
    } else {
        evm__bls_g2 acc, t;
        evm__bls_g2a p;
        evm__bls_g2_set_inf(&acc);
        for (size_t i = 0; i < k; i++) {
            const uint8_t *q = msm2 + 288 * i;
            if (!evm__bls_g2_decode(&p, q) || !evm__bls_g2_in_subgroup(&p)) exit(1);
            evm__bls_g2_set_inf(&t);
            for (int b = 255; b >= 0; b--) {
                evm__bls_g2_dbl(&t, &t);
                if (evm__bls_scalar_bit(q + 256, b)) evm__bls_g2_add_affine(&t, &t, &p);
            }
            evm__bls_g2_add(&acc, &acc, &t);
        }
        evm__bls_g2_encode(out, &acc);
    }
}

/* median ns of evm_bls12381_gX_msm with or without scratch (plain: the baseline above) */
static double time_msm(int g2, size_t k, void *scratch)
{
    double s[RUNS], t0;
    uint8_t out[256];
    int r;
    for (r = 0; r < RUNS; r++) {
        t0 = now_ns();
        if (scratch == (void *)1) plain_msm(g2, k, out);
        else if (g2) evm_bls12381_g2_msm(msm2, k, out, scratch);
        else evm_bls12381_g1_msm(msm1, k, out, scratch);
        s[r] = now_ns() - t0;
    }
    qsort(s, RUNS, sizeof s[0], cmp_double);
    return s[RUNS / 2];
}

/* `bench_bls12381 once NAME` (NAME: g1add g2add g1msmK g2msmK pairingK map1 map2, K the
   number of pairs): the set-up, then exactly one call of that precompile, for
   valgrind --tool=callgrind --toggle-collect=measured (instruction counts). */
/* the one call that is counted (kept out of line so callgrind can name it) */
static __attribute__((noinline)) int measured(int addr, const uint8_t *in, size_t n, uint64_t *gas)
{
    return call(addr, in, n, gas);
}

static int once(const char *name)
{
    uint8_t in[128];
    uint64_t gas;
    unsigned k = 0;
    if (!strcmp(name, "g1add")) {
        memcpy(buf, g1pts[0], 128); memcpy(buf + 128, g1pts[1], 128);
        return !measured(0x0b, buf, 256, &gas);
    }
    if (!strcmp(name, "g2add")) {
        memcpy(buf, g2pts[0], 256); memcpy(buf + 256, g2pts[1], 256);
        return !measured(0x0d, buf, 512, &gas);
    }
    if (sscanf(name, "g1msm%u", &k) == 1 && k >= 1 && k <= MAX_K)
        return !measured(0x0c, msm1, 160 * k, &gas);
    if (sscanf(name, "g2msm%u", &k) == 1 && k >= 1 && k <= MAX_K)
        return !measured(0x0e, msm2, 288 * k, &gas);
    if (sscanf(name, "pairing%u", &k) == 1 && k >= 1 && k <= 8)
        return !measured(0x0f, pairs, 384 * k, &gas);
    rand_fp(in);
    rand_fp(in + 64);
    if (!strcmp(name, "map1")) return !measured(0x10, in, 64, &gas);
    if (!strcmp(name, "map2")) return !measured(0x11, in, 128, &gas);
    fprintf(stderr, "unknown case %s\n", name);
    return 2;
}

int main(int argc, char **argv)
{
    static uint64_t scratch[EVM_BLS12381_MSM_SCRATCH_SIZE / 8];
    uint8_t in[128];
    uint64_t gas;
    int npts = MAX_K;                 /* once: only the points that case needs */
    evm_precompiles_init(&pc, NULL);
    if (argc == 3) {
        const char *d = argv[2] + strlen(argv[2]);      /* the trailing number, if any */
        while (d > argv[2] && d[-1] >= '0' && d[-1] <= '9') d--;
        npts = *d ? atoi(d) : 2;
        if (npts < 8) npts = 8;
        if (npts > MAX_K) npts = MAX_K;
    }
    for (int i = 0; i < npts; i++) {
        rand_fp(in);
        if (!call(0x10, in, 64, &gas)) return 1;
        memcpy(g1pts[i], pc.out, 128);
        rand_fp(in);
        rand_fp(in + 64);
        if (!call(0x11, in, 128, &gas)) return 1;
        memcpy(g2pts[i], pc.out, 256);
        memcpy(msm1 + 160 * i, g1pts[i], 128);
        memcpy(msm2 + 288 * i, g2pts[i], 256);
        for (int j = 0; j < 32; j++) msm1[160 * i + 128 + j] = msm2[288 * i + 256 + j] = (uint8_t)next();
    }
    for (int i = 0; i < 8; i++) {
        memcpy(pairs + 384 * i, g1pts[i], 128);
        memcpy(pairs + 384 * i + 128, g2pts[i], 256);
    }
    if (argc == 3 && !strcmp(argv[1], "once")) {
        int rc = once(argv[2]);
        evm_precompiles_destroy(&pc);
        return rc;
    }
    printf("EIP-2537 precompiles (%s limbs), median of %d samples, thread CPU time\n\n",
           sizeof(evm__bls_limb) == 8 ? "64-bit" : "32-bit", RUNS);
    printf("| %-26s | %9s | %10s | %6s |\n", "precompile", "gas", "us/call", "ns/gas");
    printf("|%s|%s|%s|%s|\n", "----------------------------", "----------:", "-----------:", "-------:");
    memcpy(buf, g1pts[0], 128); memcpy(buf + 128, g1pts[1], 128);
    row("g1add (0x0b)", 0x0b, buf, 256);
    memcpy(buf, g2pts[0], 256); memcpy(buf + 256, g2pts[1], 256);
    row("g2add (0x0d)", 0x0d, buf, 512);
    static const size_t ks[] = {1, 2, 8, 32, 64, 128, 256};
    for (size_t i = 0; i < sizeof ks / sizeof ks[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "g1msm (0x0c), k = %zu", ks[i]);
        row(name, 0x0c, msm1, 160 * ks[i]);
    }
    for (size_t i = 0; i < sizeof ks / sizeof ks[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "g2msm (0x0e), k = %zu", ks[i]);
        row(name, 0x0e, msm2, 288 * ks[i]);
    }
    static const size_t kp[] = {1, 2, 4, 8};
    for (size_t i = 0; i < sizeof kp / sizeof kp[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "pairing (0x0f), k = %zu", kp[i]);
        row(name, 0x0f, pairs, 384 * kp[i]);
    }
    rand_fp(in);
    row("map fp to g1 (0x10)", 0x10, in, 64);
    rand_fp(in);
    rand_fp(in + 64);
    row("map fp2 to g2 (0x11)", 0x11, in, 128);

    printf("\nMSM, us per point: the library's method (endomorphism-split Straus below 128\n"
           "points, Pippenger from 128) against one multiplication per point (no scratch\n"
           "memory; each one endomorphism-split) and against a plain 256-bit double-and-add\n\n");
    printf("| k | G1 MSM | G1 per point | G1 plain | G2 MSM | G2 per point | G2 plain |\n"
           "|--:|--:|--:|--:|--:|--:|--:|\n");
    static const size_t km[] = {1, 8, 32, 128, 256};
    for (size_t i = 0; i < sizeof km / sizeof km[0]; i++) {
        size_t k = km[i];
        printf("| %zu | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |\n", k,
               time_msm(0, k, scratch) / 1e3 / k, time_msm(0, k, NULL) / 1e3 / k,
               time_msm(0, k, (void *)1) / 1e3 / k, time_msm(1, k, scratch) / 1e3 / k,
               time_msm(1, k, NULL) / 1e3 / k, time_msm(1, k, (void *)1) / 1e3 / k);
    }
    evm_precompiles_destroy(&pc);
    return 0;
}
