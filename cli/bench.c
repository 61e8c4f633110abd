/* bench.c - `evm bench [--fork NAME] [--min-time S] [--cpu-time] [--json] PATH...`:
   benchmark contracts in state-test format (evm-benchmarks main/ and micro/), in process.

   For each data variant of each file the pre-state is set up once; the transaction's
   call then runs repeatedly as a depth-0 message (warm sender and recipient), each run
   reverted with a journal snapshot so every run sees the same state. Reported per
   variant: gas used, number of runs, median and minimum time per execution, Mgas/s at
   the median, and, timed separately, the jump-destination analysis of the called
   contract per call. Names are group_file_label, as in PERF-ANCHORS.md. A last row
   gives the frame set-up cost per call for a 24 KiB contract (arena block, padded code
   copy, analysis). Calls are timed in wall time (CLOCK_MONOTONIC); with --cpu-time in the
   thread's CPU time (CLOCK_THREAD_CPUTIME_ID: on a loaded machine, without the waits for
   the CPU; a system call per reading, so only for calls of a hundred microseconds and
   more). --min-time stays wall time. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "../evm_json.h"
#include "../evm_state.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* the clock of the per-call times: wall, or the thread's CPU time with --cpu-time */
static clockid_t call_clock = CLOCK_MONOTONIC;

static double call_clock_s(void)
{
    struct timespec t;
    clock_gettime(call_clock, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef struct {
    char name[256];
    int64_t gas;
    evm_status status;
    size_t runs;
    double median, min, analysis;
} bench_row;

/* time f(arg) repeatedly for at least min_time seconds and at least 5 runs */
typedef struct {
    evm_vm *vm;
    evm_state *st;
    evm_tx_context *tx;
    evm_message *msg;
    evm_result r;
} bench_call;

static void one_call(bench_call *c)
{
    uint32_t snap = evm_state_snapshot(c->st);
    evm_execute(c->vm, evm_state_host(), c->st, c->st->fork, c->tx, c->msg, &c->r);
    evm_state_revert(c->st, snap);
}

static double *times;
static size_t times_cap;

static bool measure(bench_call *c, double min_time, bench_row *row)
{
    size_t n = 0;
    double start = now_s();
    one_call(c);                             /* warm-up: caches, arena, memory pool */
    row->gas = c->msg->gas - c->r.gas_left;
    row->status = c->r.status;
    while (n < 5 || now_s() - start < min_time) {
        if (n == times_cap) {
            size_t cap = times_cap ? times_cap * 2 : 1024;
            double *t = realloc(times, cap * sizeof *t);
            if (!t) return false;
            times = t;
            times_cap = cap;
        }
        double t0 = call_clock_s();
        one_call(c);
        times[n++] = call_clock_s() - t0;
        if (n >= 10000000) break;
    }
    qsort(times, n, sizeof *times, cmp_double);
    row->runs = n;
    row->min = times[0];
    row->median = n % 2 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
    return true;
}

static double measure_analysis(const uint8_t *code, size_t size, double min_time)
{
    uint8_t *jd = malloc(size / 8 + 1);
    if (!jd) return 0;
    size_t n = 0, reps = 1;
    double best = 1e9, start = now_s();
    while (n < 5 || now_s() - start < min_time / 10) {
        double t0 = now_s();
        for (size_t i = 0; i < reps; i++) evm_analyze(code, size, jd);
        double t = (now_s() - t0) / (double)reps;
        if (t < best) best = t;
        if (now_s() - t0 < 1e-4) reps *= 2;
        n++;
    }
    free(jd);
    return best;
}

static int bench_file(const char *path, evm_fork fork, double min_time, bool json, bool *first)
{
    size_t size;
    char *text = cli_read_file(path, &size);
    if (!text) return 1;
    evm_json_doc doc;
    if (!evm_json_parse(&doc, text, size, NULL)) {
        fprintf(stderr, "%s: %s\n", path, doc.error);
        free(text);
        return 1;
    }
    free(text);
    /* group = name of the directory holding the file, file = its base name */
    char group[64] = "", file[96] = "";
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    snprintf(file, sizeof file, "%.*s", (int)(strlen(base) > 5 ? strlen(base) - 5 : strlen(base)), base);
    if (slash) {
        const char *p = slash;
        while (p > path && p[-1] != '/') p--;
        snprintf(group, sizeof group, "%.*s", (int)(slash - p), p);
    }
    int rc = 0;
    for (const evm_json *t = doc.root->type == EVM_JSON_OBJECT ? doc.root->child : NULL; t; t = t->next) {
        const evm_json *pre = evm_json_get(t, "pre"), *tx = evm_json_get(t, "transaction");
        const evm_json *env = evm_json_get(t, "env");
        const evm_json *labels = evm_json_get(evm_json_get(t, "_info"), "labels");
        const evm_json *datas = evm_json_get(tx, "data");
        evm_address to, sender;
        uint64_t gas_limit = 0;
        const evm_json *gl = evm_json_get(tx, "gasLimit");
        if (!pre || !tx || !datas || !evm_json_address(evm_json_get(tx, "to"), &to) ||
            !evm_json_address(evm_json_get(tx, "sender"), &sender) || !gl || !gl->child ||
            !evm_json_u64(gl->child, &gas_limit)) {
            fprintf(stderr, "%s: %s: not a call benchmark in state-test format\n", path, t->key);
            rc = 1;
            continue;
        }
        evm_state st;
        evm_state_init(&st, NULL);
        bool ok = true;
        for (const evm_json *a = pre->child; a && ok; a = a->next) {
            evm_address addr;
            evm_json k = {EVM_JSON_STRING, NULL, a->key, strlen(a->key), NULL, NULL};
            evm_u256 bal = {{0, 0, 0, 0}};
            uint64_t nonce = 0;
            uint8_t *code = NULL;
            size_t code_size = 0;
            ok = evm_json_address(&k, &addr) && evm_json_u256(evm_json_get(a, "balance"), &bal) &&
                 evm_json_u64(evm_json_get(a, "nonce"), &nonce) &&
                 evm_json_hex(evm_json_get(a, "code"), NULL, &code, &code_size) &&
                 evm_state_create(&st, &addr) && evm_state_set_balance(&st, &addr, &bal) &&
                 evm_state_set_nonce(&st, &addr, nonce) && evm_state_set_code(&st, &addr, code, code_size);
            free(code);
            const evm_json *storage = evm_json_get(a, "storage");
            for (const evm_json *sl = storage ? storage->child : NULL; ok && sl; sl = sl->next) {
                evm_u256 key, val;
                evm_json kj = {EVM_JSON_STRING, NULL, sl->key, strlen(sl->key), NULL, NULL};
                ok = evm_json_u256(&kj, &key) && evm_json_u256(sl, &val) &&
                     evm_state_set_storage(&st, &addr, &key, &val);
            }
        }
        evm_tx_context txc;
        memset(&txc, 0, sizeof txc);
        txc.origin = sender;
        txc.gas_limit = (int64_t)gas_limit;
        txc.chain_id = evm_u256_from_u64(1);
        if (env) {
            evm_json_address(evm_json_get(env, "currentCoinbase"), &txc.coinbase);
            evm_json_u64(evm_json_get(env, "currentNumber"), &txc.number);
            evm_json_u64(evm_json_get(env, "currentTimestamp"), &txc.timestamp);
            evm_json_u256(evm_json_get(env, "currentBaseFee"), &txc.base_fee);
        }
        evm_json_u256(evm_json_get(tx, "gasPrice"), &txc.gas_price);
        size_t code_size = 0;
        const uint8_t *code = evm_state_code(&st, &to, &code_size);
        int index = 0;
        for (const evm_json *d = datas->child; d && ok; d = d->next, index++) {
            uint8_t *input = NULL;
            size_t input_size = 0;
            if (!evm_json_hex(d, NULL, &input, &input_size)) {
                ok = false;
                break;
            }
            evm_message m;
            memset(&m, 0, sizeof m);
            m.kind = EVM_CALL;
            m.gas = (int64_t)gas_limit;
            m.sender = sender;
            m.recipient = m.code_address = to;
            m.input = input;
            m.input_size = input_size;
            evm_vm vm;
            evm_vm_init(&vm, NULL);
            evm_state_begin_transaction(&st, fork);
            evm_state_warm_account(&st, &sender);
            evm_state_warm_account(&st, &to);
            bench_call c = {&vm, &st, &txc, &m, {0}};
            bench_row row;
            memset(&row, 0, sizeof row);
            char key[16];
            snprintf(key, sizeof key, "%d", index);
            const evm_json *label = labels ? evm_json_get(labels, key) : NULL;
            snprintf(row.name, sizeof row.name, "%s%s%s_%s", group, group[0] ? "_" : "", file,
                     label && label->type == EVM_JSON_STRING ? label->str : key);
            measure(&c, min_time, &row);
            row.analysis = measure_analysis(code, code_size, min_time);
            double mgas = row.median > 0 ? (double)row.gas / row.median / 1e6 : 0;
            if (json) {
                printf("%s\n  {\"name\":\"%s\",\"gas\":%lld,\"status\":\"%s\",\"runs\":%zu,"
                       "\"median_us\":%.3f,\"min_us\":%.3f,\"mgas_per_s\":%.1f,\"analysis_us\":%.3f}",
                       *first ? "" : ",", row.name, (long long)row.gas, evm_status_name(row.status),
                       row.runs, row.median * 1e6, row.min * 1e6, mgas, row.analysis * 1e6);
            } else {
                printf("%-42s %11lld %8zu %12.2f %12.2f %9.1f %10.2f%s\n", row.name, (long long)row.gas,
                       row.runs, row.median * 1e6, row.min * 1e6, mgas, row.analysis * 1e6,
                       row.status == EVM_SUCCESS ? "" : "  (not success!)");
            }
            fflush(stdout);
            *first = false;
            if (row.status != EVM_SUCCESS) rc = 1;
            evm_state_end_transaction(&st);
            evm_vm_destroy(&vm);
            free(input);
        }
        if (!ok) {
            fprintf(stderr, "%s: %s: malformed pre-state or data\n", path, t->key);
            rc = 1;
        }
        evm_state_destroy(&st);
    }
    evm_json_free(&doc);
    return rc;
}

/* Frame set-up per call for a 24 KiB contract that stops at once: arena block, padded
   code copy and analysis, with nothing else to do. */
static void bench_frame_setup(evm_fork fork, double min_time, bool json, bool *first)
{
    static uint8_t code[24576];
    for (size_t i = 0; i < sizeof code; i++)
        code[i] = (uint8_t)(i * 7 + 1);         /* arbitrary bytes, some PUSHes and JUMPDESTs */
    code[0] = 0x00;                             /* STOP */
    evm_state st;
    evm_state_init(&st, NULL);
    evm_address a;
    memset(&a, 0, sizeof a);
    a.bytes[19] = 0x24;
    evm_state_create(&st, &a);
    evm_state_set_code(&st, &a, code, sizeof code);
    evm_tx_context txc;
    memset(&txc, 0, sizeof txc);
    evm_message m;
    memset(&m, 0, sizeof m);
    m.kind = EVM_CALL;
    m.gas = 100000;
    m.recipient = m.code_address = a;
    evm_vm vm;
    evm_vm_init(&vm, NULL);
    evm_state_begin_transaction(&st, fork);
    bench_call c = {&vm, &st, &txc, &m, {0}};
    bench_row row;
    memset(&row, 0, sizeof row);
    snprintf(row.name, sizeof row.name, "frame_setup_24KiB");
    measure(&c, min_time, &row);
    if (json)
        printf("%s\n  {\"name\":\"%s\",\"median_us\":%.3f,\"min_us\":%.3f,\"runs\":%zu}",
               *first ? "" : ",", row.name, row.median * 1e6, row.min * 1e6, row.runs);
    else
        printf("%-42s %11s %8zu %12.2f %12.2f   (arena block + code copy + analysis per call)\n",
               row.name, "-", row.runs, row.median * 1e6, row.min * 1e6);
    *first = false;
    evm_vm_destroy(&vm);
    evm_state_destroy(&st);
}

int evm_cmd_bench(int argc, char **argv)
{
    evm_fork fork = EVM_CANCUN;
    double min_time = 1.0;
    bool json = false;
    int first_path = 1;
    for (; first_path < argc && argv[first_path][0] == '-'; first_path++) {
        const char *o = argv[first_path];
        if (!strcmp(o, "--json")) {
            json = true;
        } else if (!strcmp(o, "--cpu-time")) {
            call_clock = CLOCK_THREAD_CPUTIME_ID;
        } else if (!strcmp(o, "--fork") && first_path + 1 < argc) {
            if (!evm_fork_from_name(argv[++first_path], &fork)) {
                fprintf(stderr, "bench: unknown fork %s\n", argv[first_path]);
                return 2;
            }
        } else if (!strcmp(o, "--min-time") && first_path + 1 < argc) {
            min_time = atof(argv[++first_path]);
            if (!(min_time >= 0)) return 2;
        } else {
            fprintf(stderr, "usage: evm bench [--fork NAME] [--min-time S] [--cpu-time] [--json] PATH...\n"
                            "  times each data variant's call of state-test-format benchmarks\n"
                            "  (--cpu-time: per-call times in thread CPU time instead of wall time)\n");
            return 2;
        }
    }
    char **files;
    size_t n = cli_collect_json(argv + first_path, argc - first_path, &files);
    if (!n) {
        fprintf(stderr, "bench: no benchmark files\n");
        return 2;
    }
    if (json)
        printf("[");
    else
        printf("%-42s %11s %8s %12s %12s %9s %10s\n", "benchmark", "gas", "runs", "median us",
               "min us", "Mgas/s", "analysis us");
    int rc = 0;
    bool first = true;
    for (size_t i = 0; i < n; i++)
        rc |= bench_file(files[i], fork, min_time, json, &first);
    bench_frame_setup(fork, min_time, json, &first);
    if (json) printf("\n]\n");
    cli_free_list(files, n);
    free(times);
    times = NULL;
    times_cap = 0;
    return rc;
}
