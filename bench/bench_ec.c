/* bench_ec.c - nanoseconds per call of the elliptic-curve precompile kernels:
   ecrecover (evm_secp256k1.h), P256VERIFY (evm_p256.h), bn254 add, mul and a 2-pair
   pairing check (evm_bn254.h).

     cc -std=c99 -O2 bench/bench_ec.c -o bench_ec && ./bench_ec     (add -DEVM_NO_INT128 for
                                                                      the portable arithmetic)
   Each result is the median of 31 timed runs after a warm-up run; a run repeats the call
   until it has taken about 20 ms. Outputs are checked so the work cannot be optimised away.
   ns/gas uses the Istanbul+ prices: 3000, 150, 6000 and 45000 + 34000 k; P256VERIFY's is
   Osaka's 6900. */
#define _POSIX_C_SOURCE 199309L
#define EVM_IMPLEMENTATION
#include "../evm_secp256k1.h"
#include "../evm_p256.h"
#include "../evm_bn254.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RUNS 31

/* from tests/test_bn254.c: "aG + bG", "aG * b", "2 pairs e(aG, bQ) e(-abG, Q): true" */
static const char *const add_in =
    "274ee19680cbb3d349f963c4c223290592ed75ec64fdf22384e901fa01694297"
    "1566d32eea3c8a6d48c0bf1698c8d50387607b525d67634cc971653aa67a7e51"
    "18a9f372510941af536114721e1da1670ab203779dc423bf2994fec136141d43"
    "0740935d13b3124153e0407000386fb1ed79865fe90054a53bc969ba766ddab8";
static const char *const add_out =
    "23af11db14e16c36f978c58aa265f1478ba5c10bacbfaa83fb722d50c4c5204e"
    "2c1ff86750b38a4865f42475008af87b6c4a26abc9efb0ce55d9c9eaa1de424e";
static const char *const mul_in =
    "274ee19680cbb3d349f963c4c223290592ed75ec64fdf22384e901fa01694297"
    "1566d32eea3c8a6d48c0bf1698c8d50387607b525d67634cc971653aa67a7e51"
    "0a5b142fbd21a3b5e9894ce350c13e25a3aae091a20cbe3588d7e6f231588f67";
static const char *const mul_out =
    "05b3f1636b4fed71611dd691588f3d00103cb3bf1ee5859da48e7c66a14c2480"
    "00bce3d38c298d7fdd37851b6a8c979655f0275813d4c38d8da93f6a0123acfc";
static const char *const pairing_in =
    "274ee19680cbb3d349f963c4c223290592ed75ec64fdf22384e901fa01694297"
    "1566d32eea3c8a6d48c0bf1698c8d50387607b525d67634cc971653aa67a7e51"
    "265ab85c73d2cac4dfcc1b3bb8c277402b5fa88b89e7be206730ed6493240eb7"
    "2908d1ee9f50108500961d9fe5a0b21e73a7f999986750a3b3c900edf6c30039"
    "29c0e083d1992fc0e5a4d7ed65e11ab4cdefdd83060ad9715084d56f6b72ebdd"
    "04beda94adccb703e49f9ccf9c4c2465222e6336d1f26fcdfaee4e0e0632b12d"
    "05b3f1636b4fed71611dd691588f3d00103cb3bf1ee5859da48e7c66a14c2480"
    "2fa76a9f550812a9db18c09b16f4c0c741914339549d06ffae774cacd759504b"
    "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
    "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
    "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b"
    "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa";
/* from tests/test_secp256k1.c: "key 4 signature" */
static const char *const ecr_hash = "17872d026d01be3e7328cf4aa37ca134b3a2749ce481b3778d6435f0bd19a5b0";
static const char *const ecr_r = "adaf1e8bae263aa860f2b337fdf5c3537314039023f62062f54f89d551f08e3a";
static const char *const ecr_s = "35ab650ec72c5f33381eb3b562c44fd6eeb04eb4eae6d4dbd29eccdd3b730f68";
static const int ecr_recovery_id = 1;
static const char *const ecr_pub =
    "9a1f25286a9ed4338e0277f9452724640863f7ad4599dc279fa44506b8f2aab0"
    "cb24a483124fbabb58b320e51c06963514698bd8337c8e4ed72734d19cbbb056";

/* Wycheproof's first valid ecdsa_secp256r1_sha256 case (tests/test_p256.c) */
static const char *const p256_in =
    "bb5a52f42f9c9261ed4361f59422a1e30036e7c32b270c8807a419feca605023"
    "2ba3a8be6b94d5ec80a6d9d1190a436effe50d85a1eee859b8cc6af9bd5c2e18"
    "4cd60b855d442f5b3c7b11eb6c4e0ae7525fe710fab9aa7c77a67f79e6fadd76"
    "2927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838"
    "c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e7341513e";

static uint8_t p256_buf[160];
static uint8_t ecr_in[3][32], ecr_want[64], add_buf[128], mul_buf[96], pairing_buf[384];
static uint8_t add_want[64], mul_want[64];
static volatile unsigned sink;

static void hex(const char *h, uint8_t *out, size_t n)
{
    size_t i;
    if (strlen(h) != 2 * n) { fprintf(stderr, "bad vector\n"); exit(1); }
    for (i = 0; i < n; i++) {
        unsigned v;
        if (sscanf(h + 2 * i, "%2x", &v) != 1) { fprintf(stderr, "bad vector\n"); exit(1); }
        out[i] = (uint8_t)v;
    }
}

static void fail(const char *what)
{
    fprintf(stderr, "%s: wrong result\n", what);
    exit(1);
}

static void call_ecrecover(void)
{
    uint8_t pub[64];
    if (!evm_secp256k1_recover(ecr_in[0], ecr_in[1], ecr_in[2], ecr_recovery_id, pub) ||
        memcmp(pub, ecr_want, 64) != 0) fail("ecrecover");
    sink += pub[0];
}

static void call_p256(void)
{
    if (!evm_p256_verify(p256_buf, p256_buf + 32, p256_buf + 64, p256_buf + 96, p256_buf + 128))
        fail("p256verify");
    sink += 1;
}

static void call_add(void)
{
    uint8_t out[64];
    if (!evm_bn254_add(add_buf, out) || memcmp(out, add_want, 64) != 0) fail("bn254 add");
    sink += out[0];
}

static void call_mul(void)
{
    uint8_t out[64];
    if (!evm_bn254_mul(mul_buf, out) || memcmp(out, mul_want, 64) != 0) fail("bn254 mul");
    sink += out[0];
}

static void call_pairing(void)
{
    uint8_t out[32];
    if (!evm_bn254_pairing(pairing_buf, 2, out) || out[31] != 1) fail("bn254 pairing");
    sink += out[31];
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void bench(const char *name, void (*fn)(void), double gas)
{
    double t[RUNS], start;
    long iters = 1, i;
    int r;
    /* warm-up, and find the repeat count for about 20 ms per run */
    for (;;) {
        start = now_ns();
        for (i = 0; i < iters; i++) fn();
        if (now_ns() - start > 20e6) break;
        iters *= 2;
    }
    for (r = 0; r < RUNS; r++) {
        start = now_ns();
        for (i = 0; i < iters; i++) fn();
        t[r] = (now_ns() - start) / (double)iters;
    }
    qsort(t, RUNS, sizeof t[0], cmp_double);
    printf("%-22s %12.0f ns/call  %8.0f gas  %7.2f ns/gas  (min %.0f, max %.0f)\n",
           name, t[RUNS / 2], gas, t[RUNS / 2] / gas, t[0], t[RUNS - 1]);
}

int main(void)
{
    hex(ecr_hash, ecr_in[0], 32);
    hex(ecr_r, ecr_in[1], 32);
    hex(ecr_s, ecr_in[2], 32);
    hex(ecr_pub, ecr_want, 64);
    hex(p256_in, p256_buf, 160);
    hex(add_in, add_buf, 128);
    hex(add_out, add_want, 64);
    hex(mul_in, mul_buf, 96);
    hex(mul_out, mul_want, 64);
    hex(pairing_in, pairing_buf, 384);
#if defined(__SIZEOF_INT128__) && !defined(EVM_NO_INT128)
    printf("arithmetic: 64-bit limbs, unsigned __int128\n");
#else
    printf("arithmetic: 32-bit limbs, portable\n");
#endif
    bench("ecrecover", call_ecrecover, 3000);
    bench("p256verify", call_p256, 6900);
    bench("bn254 add", call_add, 150);
    bench("bn254 mul", call_mul, 6000);
    bench("bn254 pairing, 2 pairs", call_pairing, 45000 + 2 * 34000);
    return (int)(sink & 0);
}
