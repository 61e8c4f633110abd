/* bench_kzg.c - time of one EIP-4844 point-evaluation proof check (evm_kzg_verify_proof),
   and the peak C stack it uses.

   Build and run (POSIX: clock_gettime, and pthreads for the stack measurement):
       cc -std=c99 -O2 -I. bench/bench_kzg.c -o bench_kzg -lpthread && ./bench_kzg
   (-DEVM_NO_INT128 for the portable 32-bit-limb arithmetic.)

   Timing: 3 warm-up calls, then RUNS samples of BATCH calls each, in thread CPU time;
   prints the median sample per call, in ns and in ns per gas (the precompile costs 50000
   gas).
   Stack: runs one call on a thread whose stack is a painted buffer, then finds the
   deepest byte that changed; an empty thread on the same buffer gives the baseline
   that the thread start-up itself uses, which is subtracted. */
#define _POSIX_C_SOURCE 200809L
#define EVM_IMPLEMENTATION
#include "../evm_kzg.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RUNS 21
#define BATCH 5
#define GAS 50000.0

/* c-kzg-4844 tests/verify_kzg_proof/kzg-mainnet/verify_kzg_proof_case_correct_proof_4_5:
   a valid opening against the ceremony setup, the input of go-ethereum's benchmark. */
static const char *const commitment_hex =
    "8f59a8d2a1a625a17f3fea0fe5eb8c896db3764f3185481bc22f91b4aaffcca25f26936857bc3a7c2539ea8ec3a952b7";
static const char *const z_hex = "564c0a11a0f704f4fc3e8acfe0f8245f0ad1347b378fbf96e206da11a5d36306";
static const char *const y_hex = "24d25032e67a7e6a4910df5834b8fe70e6bcfeeac0352434196bdf4b2485d5a1";
static const char *const proof_hex =
    "873033e038326e87ed3e1276fd140253fa08e9fc25fb2d9a98527fc22a2c9612fbeafdad446cbc7bcdbdcd780af2c16a";

static uint8_t commitment[48], z[32], y[32], proof[48];

/* Called through a volatile pointer: the compiler may otherwise see that the function
   only reads memory and keep one result for all the calls of a batch. */
static bool (*volatile verify)(const uint8_t *, const uint8_t *, const uint8_t *,
                               const uint8_t *) = evm_kzg_verify_proof;

static void unhex(const char *h, uint8_t *out, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned v;
        if (sscanf(h + 2 * i, "%2x", &v) != 1) { fprintf(stderr, "bad hex\n"); exit(1); }
        out[i] = (uint8_t)v;
    }
}

/* CPU time of this thread: on a shared, loaded machine wall time mostly measures the
   other processes. */
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

/* ---- stack painting ---- */
#define STACK_BYTES (256 * 1024)
#define PAINT 0xa5

static void *run_verify(void *arg)
{
    *(int *)arg = verify(commitment, z, y, proof);
    return NULL;
}

static void *run_nothing(void *arg)
{
    *(int *)arg = 1;
    return NULL;
}

/* Bytes of the painted stack that fn touched, or -1. */
static long stack_used(void *(*fn)(void *))
{
    unsigned char *buf = malloc(STACK_BYTES);
    pthread_attr_t attr;
    pthread_t th;
    int result = 0;
    long i = -1;
    if (!buf) return -1;
    memset(buf, PAINT, STACK_BYTES);
    if (pthread_attr_init(&attr) == 0 && pthread_attr_setstack(&attr, buf, STACK_BYTES) == 0 &&
        pthread_create(&th, &attr, fn, &result) == 0) {
        pthread_join(th, NULL);
        for (i = 0; i < STACK_BYTES && buf[i] == PAINT; i++) {}
        i = STACK_BYTES - i;              /* the stack grows down from the end */
        if (!result) i = -1;
    }
    free(buf);
    return i;
}

/* `bench_kzg once`: exactly one call, for valgrind --tool=callgrind
   --toggle-collect=evm_kzg_verify_proof (instruction counts). */
int main(int argc, char **argv)
{
    double samples[RUNS];
    int r, k, ok = 1;
    long base, used;
    unhex(commitment_hex, commitment, 48);
    unhex(z_hex, z, 32);
    unhex(y_hex, y, 32);
    unhex(proof_hex, proof, 48);
    if (argc == 2 && !strcmp(argv[1], "once")) return verify(commitment, z, y, proof) ? 0 : 1;
    for (k = 0; k < 3; k++) ok &= verify(commitment, z, y, proof);
    if (!ok) { fprintf(stderr, "the benchmark proof did not verify\n"); return 1; }
    for (r = 0; r < RUNS; r++) {
        double t0 = now_ns();
        for (k = 0; k < BATCH; k++) ok &= verify(commitment, z, y, proof);
        samples[r] = (now_ns() - t0) / BATCH;
    }
    if (!ok) { fprintf(stderr, "a timed call failed\n"); return 1; }
    qsort(samples, RUNS, sizeof samples[0], cmp_double);
    printf("evm_kzg_verify_proof (%s limbs): median %.0f ns/call (min %.0f, max %.0f; %d runs of %d), "
           "%.2f ns/gas at 50000 gas\n",
           EVM__BLS_LIMB_BITS == 64 ? "64-bit" : "32-bit", samples[RUNS / 2], samples[0],
           samples[RUNS - 1], RUNS, BATCH, samples[RUNS / 2] / GAS);
    base = stack_used(run_nothing);
    used = stack_used(run_verify);
    if (base >= 0 && used >= 0)
        printf("peak stack of one call: %ld bytes (%ld touched, %ld of them by the thread start)\n",
               used - base, used, base);
    else
        printf("peak stack: not measured\n");
    return 0;
}
