/* estimate.c - the "Gas Cost Estimator" method (imapp-pl, stage III report) applied to evm.h.

     make estimate ESTIMATE_OUT=DIR [ESTIMATE_MODE=quick|full]
     build/bench/estimate --mode quick|full --out DIR [--seed N] [--only OPCODE] ...
     build/bench/estimate --compare DIR1 DIR2     (two runs side by side; exit 1 if an
                                                  arithmetic opcode moved by more than 10%)

   Measure marginal: for every opcode, programs that execute it k = 0..N times with the stack
   prepared by cheap instructions (PUSH1 3 arguments, POPs of the results), built so that the
   program for k+1 differs from the one for k by exactly one more instance: the same number of
   pushes and pops in every program, the extra POP of the new instance taken from the trailing
   run of POPs (the report's generator, src/program_generator/common.py). Every program is run
   in batches of back-to-back evm_execute calls timed with CLOCK_MONOTONIC; the batches of all
   programs of a phase run in a freshly shuffled order each round; a low quantile of the
   rounds (default the 10th percentile: timing noise on a shared machine is additive) is the
   program's time. The least-squares slope of time on k is the opcode's cost in ns,
   the intercept the engine overhead, r^2 says how straight the line is.

   Measure arguments: the same k sweep (k = 0..32) for one argument length L at a time
   (EXP exponent bytes, copy and KECCAK256 sizes, operand byte lengths); the slope per L is
   the cost at that length and a second least-squares fit over L gives the base and the
   per-byte / per-word cost.

   Scale: one factor s brings our ns to gas: the l2 fit to the nominal Cancun schedule with
   the nominal gas as counterweights (relative errors), using from the PUSH, DUP and SWAP
   families only PUSH1, DUP1 and SWAP1, as the report does. EXP is also turned into gas the
   report's way, relative to ADD and MUL.

   Outputs in DIR: report.md, estimate.csv (one row per opcode), arguments.csv,
   marginal_points.csv, chart.svg. See bench/README.md for the method's limits. */
#define _POSIX_C_SOURCE 200809L
#define EVM_IMPLEMENTATION
#define EVM_STATE_NO_PRECOMPILES
#include "../../evm_state.h"
#include "estimate_stats.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <errno.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#define FORK EVM_CANCUN
#define MSG_GAS 100000000
#define CALLDATA_SIZE 2048
#define HELPER_RETURN 2048        /* bytes of return data the helper contract gives */
#define MEM_PREFIX_TOP 0x0fff     /* memory pre-expanded to 4 KiB before the measured part */
#define CODECOPY_PAD 1100         /* code length for the CODECOPY size sweep (sizes <= 1024) */
#define MAX_SAMPLES 64

static void die(const char *fmt, const char *a)
{
    fprintf(stderr, "estimate: ");
    fprintf(stderr, fmt, a);
    fprintf(stderr, "\n");
    exit(2);
}

static void *xmalloc(size_t n)
{
    void *p = calloc(1, n ? n : 1);
    if (!p)
        die("%s", "out of memory");
    return p;
}

/* ---------------------------------------------------------------------------------
   Configuration
   --------------------------------------------------------------------------------- */
typedef struct config {
    const char *mode;
    int nmax, step, samples;        /* measure marginal: k = 0..nmax by step, rounds */
    double target_ns;               /* batch length aimed at */
    int arg_m, arg_k[8], arg_nk, arg_samples;
    double arg_target_ns;
    int operand_step, exp_step, size_step;   /* argument grids */
    const char *out, *report_csv, *report_exp_csv, *rev, *build, *only;
    uint64_t seed;
    int no_args, raw;
    double quantile;                /* program time = this quantile of its rounds */
} config;

static void config_mode(config *c, const char *mode)
{
    c->mode = mode;
    if (!strcmp(mode, "quick")) {
        c->nmax = 50; c->step = 5; c->samples = 15; c->target_ns = 100e3;
        c->arg_m = 32; c->arg_nk = 3; c->arg_k[0] = 0; c->arg_k[1] = 16; c->arg_k[2] = 32;
        c->arg_samples = 7; c->arg_target_ns = 100e3;
        c->operand_step = 4; c->exp_step = 4; c->size_step = 128;
    } else if (!strcmp(mode, "full")) {
        c->nmax = 50; c->step = 1; c->samples = 31; c->target_ns = 300e3;
        c->arg_m = 32; c->arg_nk = 5;
        for (int i = 0; i < 5; i++) c->arg_k[i] = 8 * i;
        c->arg_samples = 15; c->arg_target_ns = 300e3;
        c->operand_step = 1; c->exp_step = 1; c->size_step = 32;
    } else {
        die("unknown mode %s (quick or full)", mode);
    }
}

/* ---------------------------------------------------------------------------------
   Opcodes: the report's table in its order (names as the report writes them), then the
   extension (post-Merge opcodes and a few the report left out)
   --------------------------------------------------------------------------------- */
enum { K_NORMAL, K_DUP, K_SWAP, K_JUMP, K_JUMPI };
enum { F_MEM = 1, F_RET = 2 };

typedef struct opinfo {
    char name[16];
    uint8_t op;
    int ext;                        /* 0 = the report's set, 1 = extension */
    int kind, req, ret, imm, flags;
    double nominal;                 /* static gas, Cancun */
    int in_scale;
    /* results */
    int pset;                       /* marginal point set */
    est_fit fit;
    double scaled;
    long long gas_per;              /* gas per instance, measured (-1: not linear) */
} opinfo;

static const struct { const char *name; uint8_t op; int ext; } base_ops[] = {
    {"ADD", 0x01, 0}, {"MUL", 0x02, 0}, {"SUB", 0x03, 0}, {"DIV", 0x04, 0}, {"SDIV", 0x05, 0},
    {"MOD", 0x06, 0}, {"SMOD", 0x07, 0}, {"ADDMOD", 0x08, 0}, {"MULMOD", 0x09, 0},
    {"EXP", 0x0a, 0}, {"SIGNEXTEND", 0x0b, 0}, {"LT", 0x10, 0}, {"GT", 0x11, 0},
    {"SLT", 0x12, 0}, {"SGT", 0x13, 0}, {"EQ", 0x14, 0}, {"ISZERO", 0x15, 0}, {"AND", 0x16, 0},
    {"OR", 0x17, 0}, {"XOR", 0x18, 0}, {"NOT", 0x19, 0}, {"BYTE", 0x1a, 0}, {"SHL", 0x1b, 0},
    {"SHR", 0x1c, 0}, {"SAR", 0x1d, 0}, {"ADDRESS", 0x30, 0}, {"ORIGIN", 0x32, 0},
    {"CALLER", 0x33, 0}, {"CALLVALUE", 0x34, 0}, {"CALLDATALOAD", 0x35, 0},
    {"CALLDATASIZE", 0x36, 0}, {"CALLDATACOPY", 0x37, 0}, {"CODESIZE", 0x38, 0},
    {"CODECOPY", 0x39, 0}, {"GASPRICE", 0x3a, 0}, {"RETURNDATASIZE", 0x3d, 0},
    {"RETURNDATACOPY", 0x3e, 0}, {"COINBASE", 0x41, 0}, {"TIMESTAMP", 0x42, 0},
    {"NUMBER", 0x43, 0}, {"DIFFICULTY", 0x44, 0}, {"GASLIMIT", 0x45, 0}, {"CHAINID", 0x46, 0},
    {"SELFBALANCE", 0x47, 0}, {"POP", 0x50, 0}, {"MLOAD", 0x51, 0}, {"MSTORE", 0x52, 0},
    {"MSTORE8", 0x53, 0}, {"JUMP", 0x56, 0}, {"JUMPI", 0x57, 0}, {"PC", 0x58, 0},
    {"MSIZE", 0x59, 0}, {"GAS", 0x5a, 0}, {"JUMPDEST", 0x5b, 0},
    /* PUSH1..32, DUP1..16, SWAP1..16 are appended in this place by ops_init */
    {"PUSH0", 0x5f, 1}, {"MCOPY", 0x5e, 1}, {"TLOAD", 0x5c, 1}, {"TSTORE", 0x5d, 1},
    {"BLOBHASH", 0x49, 1}, {"BLOBBASEFEE", 0x4a, 1}, {"KECCAK256", 0x20, 1}, {"BASEFEE", 0x48, 1},
};

static opinfo *ops;
static int nops;

static void op_fill(opinfo *o, const char *name, uint8_t op, int ext)
{
    memset(o, 0, sizeof *o);
    snprintf(o->name, sizeof o->name, "%s", name);
    o->op = op;
    o->ext = ext;
    const evm_op_info *inf = &evm_op_table[FORK][op];
    if (!(inf->flags & EVM_OP_DEFINED))
        die("opcode %s not defined in Cancun", name);
    o->nominal = inf->gas;
    o->req = inf->stack_req;
    o->ret = inf->stack_req + inf->stack_change;
    o->kind = K_NORMAL;
    if (op >= 0x60 && op <= 0x7f) o->imm = op - 0x5f;
    if (op >= 0x80 && op <= 0x8f) { o->kind = K_DUP; o->ret = 1; }
    if (op >= 0x90 && op <= 0x9f) { o->kind = K_SWAP; o->ret = 0; }
    if (op == 0x56) o->kind = K_JUMP;
    if (op == 0x57) o->kind = K_JUMPI;
    switch (op) {
    case 0x20: case 0x37: case 0x39: case 0x51: case 0x52: case 0x53: case 0x5e:
        o->flags |= F_MEM; break;
    case 0x3d: case 0x3e:
        o->flags |= F_MEM | F_RET; break;
    default: break;
    }
    /* the l2 scale: the report's set, from the PUSH/DUP/SWAP families only the first */
    o->in_scale = !ext && !((op > 0x60 && op <= 0x7f) || (op > 0x80 && op <= 0x8f) ||
                            (op > 0x90 && op <= 0x9f));
    o->pset = -1;
    o->gas_per = -1;
}

static void ops_init(void)
{
    size_t nb = sizeof base_ops / sizeof base_ops[0];
    ops = (opinfo *)xmalloc((nb + 64) * sizeof *ops);
    nops = 0;
    for (size_t i = 0; i < nb; i++) {
        if (!strcmp(base_ops[i].name, "PUSH0")) {
            char nm[16];
            for (int n = 1; n <= 32; n++) { snprintf(nm, sizeof nm, "PUSH%d", n); op_fill(&ops[nops++], nm, (uint8_t)(0x5f + n), 0); }
            for (int n = 1; n <= 16; n++) { snprintf(nm, sizeof nm, "DUP%d", n); op_fill(&ops[nops++], nm, (uint8_t)(0x7f + n), 0); }
            for (int n = 1; n <= 16; n++) { snprintf(nm, sizeof nm, "SWAP%d", n); op_fill(&ops[nops++], nm, (uint8_t)(0x8f + n), 0); }
        }
        op_fill(&ops[nops++], base_ops[i].name, base_ops[i].op, base_ops[i].ext);
    }
}

static int op_find(const char *name)
{
    for (int i = 0; i < nops; i++)
        if (!strcmp(ops[i].name, name))
            return i;
    return -1;
}

/* ---------------------------------------------------------------------------------
   Program generation
   --------------------------------------------------------------------------------- */
typedef struct buf { uint8_t *p; size_t n, cap; } buf;
static void put(buf *b, uint8_t v)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 1024;
        b->p = (uint8_t *)realloc(b->p, b->cap);
        if (!b->p)
            die("%s", "out of memory");
    }
    b->p[b->n++] = v;
}
static void put2(buf *b, uint8_t a, uint8_t c) { put(b, a); put(b, c); }

typedef struct argval { int len; uint8_t v[32]; } argval;     /* big-endian, len bytes */

static argval arg_small(unsigned v)
{
    argval a;
    memset(&a, 0, sizeof a);
    if (v == 0) return a;
    if (v < 256) { a.len = 1; a.v[0] = (uint8_t)v; }
    else { a.len = 2; a.v[0] = (uint8_t)(v >> 8); a.v[1] = (uint8_t)v; }
    return a;
}
/* a value of exactly len significant bytes (top byte non-zero), from a fixed seed so that
   every run measures the same numbers */
static argval arg_random(int len, uint64_t seed)
{
    argval a;
    memset(&a, 0, sizeof a);
    est_rng r = {seed * 0x9e3779b97f4a7c15ull + 12345};
    a.len = len;
    for (int i = 0; i < len; i++)
        a.v[i] = (uint8_t)est_rng_next(&r);
    if (len && a.v[0] == 0)
        a.v[0] = 0x5a;
    return a;
}
static void put_push(buf *b, const argval *a)
{
    if (a->len == 0) { put2(b, 0x60, 0x00); return; }
    put(b, (uint8_t)(0x5f + a->len));
    for (int i = 0; i < a->len; i++) put(b, a->v[i]);
}

static const evm_address recipient = {{0xc0, 0xde, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01}};
static const evm_address sender = {{0x5e, 0x4d, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02}};
static const evm_address helper = {{0x4e, 0x1f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x03}};

/* One program: [prefix] [void pushes] [argument pushes] [measured part] [trailing POPs].
   The measured part is op (POP^ret op)^(k-1); the trailing POPs make the total number of
   POPs m*ret for every k. Every instance consumes its own argument set, so the value
   each instance sees is the same. DUP/SWAP do not consume: one set, no void pushes for SWAP.
   JUMP/JUMPI follow the report: m blocks "PUSH3 dest, [op], JUMPDEST", k of them with op. */
static void gen_program(buf *b, const opinfo *o, const argval *args, int k, int m, int flags,
                        size_t pad_to)
{
    b->n = 0;
    if (flags & F_MEM) {                        /* MSTORE8(0x0fff, 0): 4 KiB of memory */
        put2(b, 0x60, 0x00); put(b, 0x61); put2(b, MEM_PREFIX_TOP >> 8, MEM_PREFIX_TOP & 0xff);
        put(b, 0x53);
    }
    if (flags & F_RET) {                        /* CALL(gas, helper, 0, 0, 0, 0, 0); POP */
        for (int i = 0; i < 5; i++) put2(b, 0x60, 0x00);
        put(b, 0x73);
        for (int i = 0; i < 20; i++) put(b, helper.bytes[i]);
        put(b, 0x5a); put(b, 0xf1); put(b, 0x50);
    }
    if (o->kind == K_JUMP || o->kind == K_JUMPI) {
        if (o->kind == K_JUMPI)
            for (int i = 0; i < m; i++) put_push(b, &args[0]);   /* conditions */
        for (int i = 0; i < m; i++) {
            int with = i < k;
            size_t dest = b->n + 4 + (with ? 1 : 0);
            put(b, 0x62); put(b, (uint8_t)(dest >> 16)); put(b, (uint8_t)(dest >> 8)); put(b, (uint8_t)dest);
            if (with) put(b, o->op);
            put(b, 0x5b);
        }
    } else {
        int sets = m, voids = m * o->ret;
        if (o->kind == K_DUP || o->kind == K_SWAP) sets = 1;
        for (int i = 0; i < voids; i++) put2(b, 0x60, 0x00);
        for (int s = 0; s < sets; s++)
            for (int a = o->req - 1; a >= 0; a--)             /* arg0 ends on top */
                put_push(b, &args[a]);
        int pops = m * o->ret;
        for (int i = 0; i < k; i++) {
            if (i > 0)
                for (int j = 0; j < o->ret; j++) { put(b, 0x50); pops--; }
            put(b, o->op);
            for (int j = 0; j < o->imm; j++) put(b, 0x03);   /* PUSHn 0x0303... */
        }
        for (int i = 0; i < pops; i++) put(b, 0x50);
    }
    put(b, 0x00);                                             /* STOP */
    while (b->n < pad_to) put(b, 0x00);
}

/* ---------------------------------------------------------------------------------
   The engine under test: one VM, one state, set up once
   --------------------------------------------------------------------------------- */
static evm_vm vm;
static evm_state st;
static evm_tx_context tx;
static evm_message msg;
static evm_bytes32 blob_hashes[6];
static uint8_t calldata[CALLDATA_SIZE];

static void engine_init(void)
{
    if (evm_vm_init(&vm, NULL) != EVM_SUCCESS)
        die("%s", "evm_vm_init failed");
    evm_state_init(&st, NULL);
    evm_u256 ether = evm_u256_from_u64(1000000000000000000ull);
    static const uint8_t helper_code[] = {0x61, HELPER_RETURN >> 8, HELPER_RETURN & 0xff,
                                          0x60, 0x00, 0xf3};   /* RETURN(0, 2048) */
    if (!evm_state_set_balance(&st, &recipient, &ether) || !evm_state_set_balance(&st, &sender, &ether) ||
        !evm_state_set_code(&st, &helper, helper_code, sizeof helper_code) ||
        !evm_state_set_balance(&st, &helper, &ether))
        die("%s", "state set-up failed");
    memset(&tx, 0, sizeof tx);
    tx.gas_price = evm_u256_from_u64(7);
    tx.origin = sender;
    tx.coinbase.bytes[0] = 0xcb; tx.coinbase.bytes[19] = 0x05;
    tx.number = 20000000;
    tx.timestamp = 1700000000;
    tx.gas_limit = 30000000;
    tx.prevrandao = evm_u256_from_u64(0x1234567890abcdefull);
    tx.chain_id = evm_u256_from_u64(1);
    tx.base_fee = evm_u256_from_u64(7);
    tx.blob_base_fee = evm_u256_from_u64(1);
    for (int i = 0; i < 6; i++) { blob_hashes[i].bytes[0] = 0x01; blob_hashes[i].bytes[31] = (uint8_t)i; }
    tx.blob_hashes = blob_hashes;
    tx.blob_hashes_count = 6;
    for (int i = 0; i < CALLDATA_SIZE; i++) calldata[i] = (uint8_t)(i * 7 + 1);
    memset(&msg, 0, sizeof msg);
    msg.kind = EVM_CALL;
    msg.gas = MSG_GAS;
    msg.recipient = recipient;
    msg.sender = sender;
    msg.code_address = recipient;
    msg.input = calldata;
    msg.input_size = CALLDATA_SIZE;
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* One untimed execution: status and gas used. */
static evm_status run_once(const uint8_t *code, size_t size, long long *gas_used)
{
    evm_result r;
    evm_state_begin_transaction(&st, FORK);
    msg.code = code;
    msg.code_size = size;
    evm_execute(&vm, evm_state_host(), &st, FORK, &tx, &msg, &r);
    evm_state_end_transaction(&st);
    *gas_used = MSG_GAS - r.gas_left;
    return r.status;
}

/* A batch: reps back-to-back executions, ns per execution. Only the evm_execute calls are
   inside the clock; the transaction bracket (journal reset) is outside. */
static double run_batch(const uint8_t *code, size_t size, int reps)
{
    evm_result r;
    const evm_host *h = evm_state_host();
    unsigned bad = 0;
    evm_state_begin_transaction(&st, FORK);
    msg.code = code;
    msg.code_size = size;
    double t0 = now_ns();
    for (int i = 0; i < reps; i++)
        bad |= (unsigned)evm_execute(&vm, h, &st, FORK, &tx, &msg, &r);
    double t1 = now_ns();
    evm_state_end_transaction(&st);
    if (bad)
        die("%s", "a program failed during timing");
    return (t1 - t0) / reps;
}

/* ---------------------------------------------------------------------------------
   Point sets: programs that differ only in k; one fit each
   --------------------------------------------------------------------------------- */
typedef struct prog {
    uint8_t *code;
    size_t size;
    int k, pset;
    long long gas;
    double samples[MAX_SAMPLES];
    double time, median;            /* time: the configured quantile of the rounds */
} prog;

typedef struct pset {
    int opi, series, L;
    int first, count;
    int reps;
    est_fit fit;
    long long gas_per;              /* -1 if the gas is not linear in k */
} pset;

static prog *progs;
static int nprogs, capprogs;
static pset *psets;
static int npsets, cappsets;

static int pset_add(int opi, int series, int L, const argval *args, int m, const int *ks, int nk,
                    int flags, size_t pad_to)
{
    if (npsets == cappsets) {
        cappsets = cappsets ? 2 * cappsets : 256;
        psets = (pset *)realloc(psets, (size_t)cappsets * sizeof *psets);
        if (!psets) die("%s", "out of memory");
    }
    pset *ps = &psets[npsets];
    memset(ps, 0, sizeof *ps);
    ps->opi = opi; ps->series = series; ps->L = L;
    ps->first = nprogs; ps->count = nk;
    buf b = {0, 0, 0};
    for (int i = 0; i < nk; i++) {
        if (nprogs == capprogs) {
            capprogs = capprogs ? 2 * capprogs : 1024;
            progs = (prog *)realloc(progs, (size_t)capprogs * sizeof *progs);
            if (!progs) die("%s", "out of memory");
        }
        gen_program(&b, &ops[opi], args, ks[i], m, flags, pad_to);
        prog *p = &progs[nprogs++];
        memset(p, 0, sizeof *p);
        p->code = (uint8_t *)xmalloc(b.n);
        memcpy(p->code, b.p, b.n);
        p->size = b.n;
        p->k = ks[i];
        p->pset = npsets;
    }
    free(b.p);
    return npsets++;
}

/* Check every program (success, gas linear in k) and choose the batch length. */
static void pset_prepare(pset *ps, double target_ns)
{
    prog *p0 = &progs[ps->first], *pl = &progs[ps->first + ps->count - 1];
    for (int i = 0; i < ps->count; i++) {
        prog *p = &progs[ps->first + i];
        evm_status s = run_once(p->code, p->size, &p->gas);
        if (s != EVM_SUCCESS) {
            fprintf(stderr, "estimate: %s k=%d L=%d: %s\n", ops[ps->opi].name, p->k, ps->L,
                    evm_status_name(s));
            exit(2);
        }
    }
    ps->gas_per = -1;
    if (pl->k != p0->k && (pl->gas - p0->gas) % (pl->k - p0->k) == 0) {
        long long d = (pl->gas - p0->gas) / (pl->k - p0->k);
        ps->gas_per = d;
        for (int i = 0; i < ps->count; i++) {
            prog *p = &progs[ps->first + i];
            if (p->gas != p0->gas + d * (p->k - p0->k)) ps->gas_per = -1;
        }
    }
    /* batch length from the longest program: warm up, double the batch until it takes
       20 us, then take the fastest of 5 such batches: a preemption during calibration
       must not leave the set with batches of one cold execution */
    run_batch(pl->code, pl->size, 2);
    int reps = 1;
    for (;;) {
        double t = run_batch(pl->code, pl->size, reps) * reps;
        if (t >= 20e3 || reps >= (1 << 20)) break;
        reps *= 2;
    }
    double per = HUGE_VAL;
    for (int i = 0; i < 5; i++) {
        double t = run_batch(pl->code, pl->size, reps);
        if (t < per) per = t;
    }
    ps->reps = (int)(target_ns / per + 0.5);
    if (ps->reps < 1) ps->reps = 1;
}

/* Run rounds x all programs of point sets [from, to) in shuffled order; fit each set. */
static void run_phase(const char *label, int from, int to, int rounds, double target_ns, double quantile,
                      est_rng *rng)
{
    double t0 = now_ns();
    for (int i = from; i < to; i++)
        pset_prepare(&psets[i], target_ns);
    int pf = psets[from].first, pt = psets[to - 1].first + psets[to - 1].count;
    int n = pt - pf;
    int *order = (int *)xmalloc((size_t)n * sizeof *order);
    fprintf(stderr, "%s: %d programs, %d rounds (checked and calibrated in %.1f s)\n", label, n,
            rounds, (now_ns() - t0) / 1e9);
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < n; i++) order[i] = pf + i;
        est_shuffle(order, n, rng);
        for (int i = 0; i < n; i++) {
            prog *p = &progs[order[i]];
            p->samples[r] = run_batch(p->code, p->size, psets[p->pset].reps);
        }
        fprintf(stderr, "  round %d/%d  %.1f s\n", r + 1, rounds, (now_ns() - t0) / 1e9);
    }
    free(order);
    double scratch[MAX_SAMPLES], x[256], y[256];
    for (int i = from; i < to; i++) {
        pset *ps = &psets[i];
        for (int j = 0; j < ps->count; j++) {
            prog *p = &progs[ps->first + j];
            p->median = est_median(p->samples, rounds, scratch);
            p->time = est_quantile(p->samples, rounds, quantile, scratch);
            x[j] = p->k;
            y[j] = p->time;
        }
        ps->fit = est_linfit(x, y, ps->count);
    }
}

/* ---------------------------------------------------------------------------------
   Argument series
   --------------------------------------------------------------------------------- */
enum { AS_EXP, AS_SIZE, AS_OPERAND };
typedef struct aseries {
    char name[40];
    int opi, kind;
    int var_arg;                    /* AS_OPERAND: -1 all operands of length L, else only
                                       this one (the others 32 bytes) */
    const char *unit;
    double unit_bytes;
    double nominal_per_unit;
    int first_pset, npsets;
    est_fit fit;                    /* cost (ns) on units */
} aseries;

static aseries *series;
static int nseries;

static void series_add(config *c, const char *opname, int kind, int var_arg)
{
    aseries *s = &series[nseries];
    memset(s, 0, sizeof *s);
    s->opi = op_find(opname);
    if (s->opi < 0) die("no opcode %s", opname);
    s->kind = kind;
    s->var_arg = var_arg;
    const opinfo *o = &ops[s->opi];
    int Ls[64], nL = 0;
    if (kind == AS_EXP) {
        snprintf(s->name, sizeof s->name, "EXP exponent");
        s->unit = "byte"; s->unit_bytes = 1; s->nominal_per_unit = 50;
        for (int L = 0; L <= 32; L += c->exp_step) Ls[nL++] = L;
    } else if (kind == AS_SIZE) {
        snprintf(s->name, sizeof s->name, "%s size", opname);
        s->unit = "word"; s->unit_bytes = 32;
        s->nominal_per_unit = o->op == 0x20 ? 6 : 3;
        for (int L = 0; L <= 1024; L += c->size_step) Ls[nL++] = L;
    } else {
        if (var_arg < 0) snprintf(s->name, sizeof s->name, "%s operands", opname);
        else snprintf(s->name, sizeof s->name, "%s arg%d", opname, var_arg);
        s->unit = "byte"; s->unit_bytes = 1; s->nominal_per_unit = 0;
        for (int L = 1; L <= 32; L += c->operand_step) Ls[nL++] = L;
        if (Ls[nL - 1] != 32) Ls[nL++] = 32;
        if (c->operand_step > 1 && var_arg == o->req - 1 && var_arg > 0) {
            /* make sure L = 16 (the "expensive" point) is in the grid */
            int have = 0;
            for (int i = 0; i < nL; i++) have |= Ls[i] == 16;
            if (!have) Ls[nL++] = 16;
        }
    }
    s->first_pset = npsets;
    for (int i = 0; i < nL; i++) {
        int L = Ls[i];
        argval args[3];
        int flags = o->flags;
        size_t pad = 0;
        uint64_t seed = (uint64_t)(nseries + 1) * 1000 + (uint64_t)L;
        if (kind == AS_EXP) {
            args[0] = arg_random(32, seed);                  /* base */
            args[1] = arg_random(L, seed + 500000);          /* exponent: L bytes */
        } else if (kind == AS_SIZE) {
            args[0] = arg_small(0);
            if (o->op == 0x20) { args[1] = arg_small((unsigned)L); }            /* KECCAK256(0, L) */
            else if (o->op == 0x5e) { args[1] = arg_small(2048); args[2] = arg_small((unsigned)L); }
            else { args[1] = arg_small(0); args[2] = arg_small((unsigned)L); }
            if (o->op == 0x39) pad = CODECOPY_PAD;
        } else {
            for (int a = 0; a < o->req; a++) {
                int len = (var_arg < 0 || var_arg == a) ? L : 32;
                args[a] = arg_random(len, seed * 7 + (uint64_t)a);
            }
        }
        pset_add(s->opi, nseries, L, args, c->arg_m, c->arg_k, c->arg_nk, flags, pad);
    }
    s->npsets = npsets - s->first_pset;
    nseries++;
}

static void series_fit(aseries *s)
{
    double x[64], y[64];
    for (int i = 0; i < s->npsets; i++) {
        pset *ps = &psets[s->first_pset + i];
        x[i] = ps->L / s->unit_bytes;
        y[i] = ps->fit.slope;
    }
    s->fit = est_linfit(x, y, s->npsets);
}

static const pset *series_point(const aseries *s, int L)
{
    for (int i = 0; i < s->npsets; i++)
        if (psets[s->first_pset + i].L == L) return &psets[s->first_pset + i];
    return NULL;
}

static int series_find(int kind, const char *opname, int var_arg)
{
    for (int i = 0; i < nseries; i++)
        if (series[i].kind == kind && !strcmp(ops[series[i].opi].name, opname) &&
            series[i].var_arg == var_arg)
            return i;
    return -1;
}

/* ---------------------------------------------------------------------------------
   The report's data
   --------------------------------------------------------------------------------- */
typedef struct reprow { char name[40]; double nominal, scaled, change, var, proposed; } reprow;
static reprow reprows[200];
static int nreprows;
typedef struct repexp { char client[32]; double add, mul, byte_ns, byte_gas, base_ns, base_gas; } repexp;
static repexp repexps[16];
static int nrepexps;
static const double REPORT_FINAL_SCALE = 1.4;   /* the report's rescale of its averaged schedule */

static int split_csv(char *line, char **f, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        f[n++] = p;
        char *c = strchr(p, ',');
        if (!c) break;
        *c = 0;
        p = c + 1;
    }
    char *e = f[n - 1] + strlen(f[n - 1]);
    while (e > f[n - 1] && (e[-1] == '\n' || e[-1] == '\r')) *--e = 0;
    return n;
}
static double num_or_nan(const char *s) { return *s ? strtod(s, NULL) : NAN; }

static void load_report(const char *path, const char *exp_path)
{
    char line[1024];
    char *f[16];
    FILE *fp = fopen(path, "r");
    if (!fp) die("cannot read %s", path);
    int header = 0;
    while (fgets(line, sizeof line, fp)) {
        if (line[0] == '#' || line[0] == '\n') continue;
        if (!header) { header = 1; continue; }
        int n = split_csv(line, f, 16);
        if (n < 6 || nreprows >= 200) continue;
        reprow *r = &reprows[nreprows++];
        snprintf(r->name, sizeof r->name, "%s", f[0]);
        for (char *q = r->name; *q; q++) if (*q == '_') *q = ' ';   /* "expensive_cost" */
        r->nominal = num_or_nan(f[1]); r->scaled = num_or_nan(f[2]);
        r->change = num_or_nan(f[3]); r->var = num_or_nan(f[4]); r->proposed = num_or_nan(f[5]);
    }
    fclose(fp);
    fp = fopen(exp_path, "r");
    if (!fp) die("cannot read %s", exp_path);
    header = 0;
    while (fgets(line, sizeof line, fp)) {
        if (line[0] == '#' || line[0] == '\n') continue;
        if (!header) { header = 1; continue; }
        int n = split_csv(line, f, 16);
        if (n < 7 || nrepexps >= 16) continue;
        repexp *r = &repexps[nrepexps++];
        snprintf(r->client, sizeof r->client, "%s", f[0]);
        r->add = strtod(f[1], NULL); r->mul = strtod(f[2], NULL); r->byte_ns = strtod(f[3], NULL);
        r->byte_gas = strtod(f[4], NULL); r->base_ns = strtod(f[5], NULL); r->base_gas = strtod(f[6], NULL);
    }
    fclose(fp);
}

static const reprow *report_row(const char *name)
{
    for (int i = 0; i < nreprows; i++)
        if (!strcmp(reprows[i].name, name)) return &reprows[i];
    return NULL;
}

/* ---------------------------------------------------------------------------------
   Rows of the result (opcodes and the argument-derived rows the report also has)
   --------------------------------------------------------------------------------- */
typedef struct row {
    char name[40];
    const char *section;            /* "main", "extension", "argument" */
    double nominal, ns, intercept, r2, se, scaled, change;
    long long gas_per;
    const reprow *rep;
    double vs_report;               /* (scaled * 1.4 / report scaled - 1) * 100, or NaN */
} row;
static row rows[256];
static int nrows;

static void fmt_num(char *out, size_t n, double v, int prec)
{
    if (isnan(v)) snprintf(out, n, "%s", "");
    else snprintf(out, n, "%.*f", prec, v);
}

/* ---------------------------------------------------------------------------------
   Output
   --------------------------------------------------------------------------------- */
static FILE *open_out(const char *dir, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    if (!fp) die("cannot write %s", path);
    return fp;
}

static void svg_text(FILE *fp, double x, double y, const char *anchor, int size, const char *fill,
                     const char *text)
{
    fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" fill=\"%s\">%s</text>\n",
            x, y, anchor, size, fill, text);
}

static void write_svg(const char *dir, double scale)
{
    FILE *fp = open_out(dir, "chart.svg");
    const double left = 170, width = 640, rowh = 20, top = 104;
    int n = 0;
    double vmax = 0;
    for (int i = 0; i < nrows; i++) {
        n++;
        if (!strcmp(rows[i].section, "main")) {
            if (rows[i].nominal > vmax) vmax = rows[i].nominal;
            if (rows[i].scaled > vmax) vmax = rows[i].scaled;
            if (rows[i].rep && rows[i].rep->scaled / REPORT_FINAL_SCALE > vmax)
                vmax = rows[i].rep->scaled / REPORT_FINAL_SCALE;
        }
    }
    double axis = vmax <= 10 ? 10 : vmax <= 20 ? 20 : vmax <= 30 ? 30 : 10 * (double)(int)(vmax / 10 + 1);
    double height = top + n * rowh + 60;
    fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                "font-family=\"Helvetica, Arial, sans-serif\">\n", left + width + 120, height);
    fprintf(fp, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
    char t[256];
    snprintf(t, sizeof t, "evm.h: scaled cost per opcode (scale %.4g gas/ns) beside nominal gas (Cancun)", scale);
    svg_text(fp, 10, 22, "start", 15, "#000", t);
    /* legend */
    fprintf(fp, "<rect x=\"10\" y=\"36\" width=\"14\" height=\"8\" fill=\"#9e9e9e\"/>\n");
    svg_text(fp, 28, 44, "start", 12, "#000", "nominal gas");
    fprintf(fp, "<rect x=\"130\" y=\"36\" width=\"14\" height=\"8\" fill=\"#1f77b4\"/>\n");
    svg_text(fp, 148, 44, "start", 12, "#000", "ours: ns slope x scale");
    fprintf(fp, "<path d=\"M 315 35 l 5 5 l -5 5 l -5 -5 z\" fill=\"#ff7f0e\"/>\n");
    svg_text(fp, 326, 44, "start", 12, "#000",
             "report consensus / 1.4 (its final rescale undone: same footing as ours)");
    svg_text(fp, 10, 62, "start", 11, "#555",
             "Below the dashed lines: the argument-dependent rows (measure arguments), then the extension (opcodes the");
    svg_text(fp, 10, 76, "start", 11, "#555",
             "report left out); neither is part of the scale. Bars past the axis are clipped and labelled with their value.");
    /* grid */
    for (int g = 0; g <= 10; g++) {
        double v = axis * g / 10, x = left + width * g / 10;
        fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>\n", x, top - 8,
                x, top + n * rowh);
        snprintf(t, sizeof t, "%g", v);
        svg_text(fp, x, top - 12, "middle", 10, "#555", t);
        svg_text(fp, x, top + n * rowh + 14, "middle", 10, "#555", t);
    }
    svg_text(fp, left + width / 2, top + n * rowh + 32, "middle", 12, "#000", "gas");
    int r = 0;
    const char *prev = "main";
    for (int pass = 0; pass < 3; pass++) for (int i = 0; i < nrows; i++) {
        static const char *const order[3] = {"main", "argument", "extension"};
        const row *w = &rows[i];
        if (strcmp(w->section, order[pass])) continue;
        double y = top + r * rowh;
        if (strcmp(w->section, prev)) {
            fprintf(fp, "<line x1=\"10\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>\n",
                    y - 1, left + width + 110, y - 1);
            svg_text(fp, left + width + 108, y - 3, "end", 10, "#555", w->section);
            prev = w->section;
        }
        svg_text(fp, left - 6, y + 13, "end", 11, "#000", w->name);
        double vals[2] = {w->nominal, w->scaled};
        const char *cols[2] = {"#9e9e9e", "#1f77b4"};
        for (int b = 0; b < 2; b++) {
            double v = vals[b] < 0 ? 0 : vals[b];
            double len = v > axis ? width : width * v / axis;
            fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"8\" fill=\"%s\"/>\n", left,
                    y + 2 + b * 8, len, cols[b]);
            if (v > axis) {
                snprintf(t, sizeof t, "%.1f &#9654;", vals[b]);
                svg_text(fp, left + width + 4, y + 9 + b * 8, "start", 10, cols[b], t);
            }
        }
        if (w->rep && !isnan(w->rep->scaled)) {
            double v = w->rep->scaled / REPORT_FINAL_SCALE;
            double x = left + (v > axis ? width : width * v / axis);
            fprintf(fp, "<path d=\"M %.1f %.1f l 5 5 l -5 5 l -5 -5 z\" fill=\"#ff7f0e\"/>\n", x, y + 5);
        }
        r++;
    }
    fprintf(fp, "</svg>\n");
    fclose(fp);
}

static int cmp_dist_desc(const void *a, const void *b)
{
    double x = ((const double *)a)[0], y = ((const double *)b)[0];
    return x < y ? 1 : x > y ? -1 : 0;
}

static int do_compare(const char *a, const char *b);

int main(int argc, char **argv)
{
    config c;
    memset(&c, 0, sizeof c);
    config_mode(&c, "quick");
    c.out = "build/estimate-report";
    c.report_csv = "bench/estimate/report_stage3.csv";
    c.report_exp_csv = "bench/estimate/report_stage3_exp.csv";
    c.rev = "";
    c.build = "";
    c.seed = (uint64_t)time(NULL);
    c.quantile = 0.1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--compare") && i + 2 < argc) return do_compare(argv[i + 1], argv[i + 2]);
        if (!strcmp(a, "--dump") && i + 3 < argc) {   /* the marginal program of OP for k, m */
            ops_init();
            int oi = op_find(argv[i + 1]);
            if (oi < 0) die("no opcode %s", argv[i + 1]);
            argval three[17];
            for (int j = 0; j < 17; j++) three[j] = arg_small(3);
            buf b = {0, 0, 0};
            gen_program(&b, &ops[oi], three, atoi(argv[i + 2]), atoi(argv[i + 3]), ops[oi].flags, 0);
            for (size_t j = 0; j < b.n; j++) printf("%02x", b.p[j]);
            printf("\n");
            free(b.p);
            return 0;
        }
        else if (!strcmp(a, "--mode") && v) { config_mode(&c, v); i++; }
        else if (!strcmp(a, "--out") && v) { c.out = v; i++; }
        else if (!strcmp(a, "--report") && v) { c.report_csv = v; i++; }
        else if (!strcmp(a, "--report-exp") && v) { c.report_exp_csv = v; i++; }
        else if (!strcmp(a, "--seed") && v) { c.seed = strtoull(v, NULL, 0); i++; }
        else if (!strcmp(a, "--rev") && v) { c.rev = v; i++; }
        else if (!strcmp(a, "--build") && v) { c.build = v; i++; }
        else if (!strcmp(a, "--only") && v) { c.only = v; i++; }
        else if (!strcmp(a, "--quantile") && v) { c.quantile = strtod(v, NULL); i++; }
        else if (!strcmp(a, "--no-args")) c.no_args = 1;
        else if (!strcmp(a, "--raw")) c.raw = 1;
        else {
            fprintf(stderr,
                    "usage: estimate [--mode quick|full] [--out DIR] [--seed N] [--quantile Q] [--only OPCODE]\n"
                    "                [--no-args] [--raw]\n"
                    "                [--report CSV] [--report-exp CSV] [--rev TEXT] [--build TEXT]\n"
                    "       estimate --compare DIR1 DIR2\n"
                    "       estimate --dump OPCODE K M     (hex of a measure-marginal program)\n");
            return 2;
        }
    }
    if (mkdir(c.out, 0777) != 0 && errno != EEXIST)
        die("cannot create %s", c.out);
    load_report(c.report_csv, c.report_exp_csv);
    ops_init();
    engine_init();
    est_rng rng = {c.seed};
    double t_start = now_ns();

    /* ---- measure marginal ---- */
    int ks[256], nk = 0;
    for (int k = 0; k <= c.nmax; k += c.step) ks[nk++] = k;
    if (ks[nk - 1] != c.nmax) ks[nk++] = c.nmax;
    argval three[17];                            /* SWAP16 needs 17 items */
    for (int i = 0; i < 17; i++) three[i] = arg_small(3);
    int mfrom = npsets;
    for (int i = 0; i < nops; i++) {
        if (c.only && strcmp(c.only, ops[i].name)) continue;
        ops[i].pset = pset_add(i, -1, 0, three, c.nmax, ks, nk, ops[i].flags, 0);
    }
    if (npsets == mfrom) die("no opcode %s", c.only ? c.only : "");
    int mto = npsets;

    /* ---- measure arguments ---- */
    series = (aseries *)xmalloc(64 * sizeof *series);
    if (!c.no_args && !c.only) {
        series_add(&c, "EXP", AS_EXP, 1);
        static const char *const sized[] = {"CALLDATACOPY", "CODECOPY", "RETURNDATACOPY", "MCOPY", "KECCAK256"};
        for (int i = 0; i < 5; i++) series_add(&c, sized[i], AS_SIZE, 2);
        static const char *const all_only[] = {"ISZERO", "ADD", "SUB"};
        for (int i = 0; i < 3; i++) series_add(&c, all_only[i], AS_OPERAND, -1);
        static const char *const per_arg[] = {"MUL", "DIV", "SDIV", "MOD", "SMOD", "ADDMOD", "MULMOD"};
        for (int i = 0; i < 7; i++) {
            series_add(&c, per_arg[i], AS_OPERAND, -1);
            for (int a = 0; a < ops[op_find(per_arg[i])].req; a++) series_add(&c, per_arg[i], AS_OPERAND, a);
        }
    }
    int afrom = mto, ato = npsets;

    run_phase("measure marginal", mfrom, mto, c.samples, c.target_ns, c.quantile, &rng);
    if (ato > afrom)
        run_phase("measure arguments", afrom, ato, c.arg_samples, c.arg_target_ns, c.quantile, &rng);
    for (int i = 0; i < nseries; i++) series_fit(&series[i]);
    /* evm_execute of a one-byte STOP program: the fixed cost of a call, for reference */
    static const uint8_t stop_code[1] = {0x00};
    double empty[MAX_SAMPLES], empty_scratch[MAX_SAMPLES];
    run_batch(stop_code, 1, 1000);
    for (int r = 0; r < c.samples; r++) empty[r] = run_batch(stop_code, 1, 1000);
    double empty_ns = est_quantile(empty, c.samples, c.quantile, empty_scratch);
    double elapsed = (now_ns() - t_start) / 1e9;

    /* ---- scale ---- */
    double cost[256], nomv[256];
    int nscale = 0;
    for (int i = 0; i < nops; i++) {
        opinfo *o = &ops[i];
        if (o->pset < 0) continue;
        o->fit = psets[o->pset].fit;
        o->gas_per = psets[o->pset].gas_per;
        if (o->in_scale) { cost[nscale] = o->fit.slope; nomv[nscale] = o->nominal; nscale++; }
    }
    double scale = est_scale_counterweighted(cost, nomv, nscale);
    for (int i = 0; i < nops; i++) ops[i].scaled = ops[i].fit.slope * scale;
    double icpt[256], scratch[256];
    int nicpt = 0;
    for (int i = 0; i < nops; i++) if (ops[i].pset >= 0 && !ops[i].ext) icpt[nicpt++] = ops[i].fit.intercept;
    double overhead = est_median(icpt, nicpt, scratch);

    /* ---- rows ---- */
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < nops; i++) {
            opinfo *o = &ops[i];
            if (o->pset < 0 || o->ext != pass) continue;
            row *w = &rows[nrows++];
            memset(w, 0, sizeof *w);
            snprintf(w->name, sizeof w->name, "%s", o->name);
            w->section = o->ext ? "extension" : "main";
            w->nominal = o->nominal; w->ns = o->fit.slope; w->intercept = o->fit.intercept;
            w->r2 = o->fit.r2; w->se = o->fit.slope_se; w->scaled = o->scaled;
            w->change = est_change_pct(o->scaled, o->nominal);
            w->gas_per = o->gas_per;
            w->rep = report_row(o->name);
        }
    /* argument-derived rows named as in the report */
    int s_exp = series_find(AS_EXP, "EXP", 1);
    if (s_exp >= 0) {
        row *w = &rows[nrows++];
        memset(w, 0, sizeof *w);
        snprintf(w->name, sizeof w->name, "EXP arg1 cost");
        w->section = "argument"; w->nominal = 50; w->ns = series[s_exp].fit.slope;
        w->intercept = series[s_exp].fit.intercept; w->r2 = series[s_exp].fit.r2;
        w->se = series[s_exp].fit.slope_se; w->scaled = w->ns * scale;
        w->change = est_change_pct(w->scaled, 50); w->gas_per = 50; w->rep = report_row(w->name);
    }
    static const char *const expensive[] = {"DIV", "SDIV", "MOD", "SMOD", "ADDMOD", "MULMOD"};
    for (int i = 0; i < 6; i++) {
        int oi = op_find(expensive[i]);
        int si = series_find(AS_OPERAND, expensive[i], ops[oi].req - 1);
        if (si < 0) continue;
        const pset *ps = series_point(&series[si], 16);
        if (!ps) continue;
        row *w = &rows[nrows++];
        memset(w, 0, sizeof *w);
        snprintf(w->name, sizeof w->name, "%s expensive cost", expensive[i]);
        w->section = "argument"; w->nominal = ops[oi].nominal; w->ns = ps->fit.slope;
        w->intercept = ps->fit.intercept; w->r2 = ps->fit.r2; w->se = ps->fit.slope_se;
        w->scaled = w->ns * scale; w->change = est_change_pct(w->scaled, w->nominal);
        w->gas_per = ps->gas_per; w->rep = report_row(w->name);
    }
    for (int i = 0; i < nrows; i++)
        rows[i].vs_report = rows[i].rep && !isnan(rows[i].rep->scaled) && rows[i].rep->scaled > 0
            ? (rows[i].scaled * REPORT_FINAL_SCALE / rows[i].rep->scaled - 1) * 100 : NAN;

    /* ---- EXP the report's way ---- */
    double add_ns = ops[op_find("ADD")].fit.slope, mul_ns = ops[op_find("MUL")].fit.slope;
    double exp_total_ns = ops[op_find("EXP")].fit.slope;
    double exp_byte_ns = s_exp >= 0 ? series[s_exp].fit.slope : NAN;
    double exp_byte_gas = NAN, exp_base_gas = NAN;
    if (s_exp >= 0)
        est_exp_report(add_ns, mul_ns, 3, 5, exp_byte_ns, exp_total_ns, &exp_byte_gas, &exp_base_gas);

    /* ---- estimate.csv ---- */
    char b1[32], b2[32], b3[32], b4[32], b5[32], b6[32];
    FILE *fp = open_out(c.out, "estimate.csv");
    fprintf(fp, "section,opcode,nominal_gas,our_ns,our_ns_stderr,intercept_ns,r2,scaled_cost,change_pct,"
                "gas_per_instance,in_scale,report_nominal_gas,report_scaled_cost,report_change_pct,"
                "report_client_variability_pct,report_proposed_gas,our_scaled_x1.4,vs_report_pct\n");
    for (int i = 0; i < nrows; i++) {
        const row *w = &rows[i];
        int oi = op_find(w->name);
        const reprow *r = w->rep;
        fmt_num(b1, sizeof b1, r ? r->nominal : NAN, 0);
        fmt_num(b2, sizeof b2, r ? r->scaled : NAN, 2);
        fmt_num(b3, sizeof b3, r ? r->change : NAN, 2);
        fmt_num(b4, sizeof b4, r ? r->var : NAN, 2);
        fmt_num(b5, sizeof b5, r ? r->proposed : NAN, 0);
        fmt_num(b6, sizeof b6, w->vs_report, 1);
        fprintf(fp, "%s,%s,%g,%.4f,%.4f,%.2f,%.4f,%.3f,%.1f,%lld,%d,%s,%s,%s,%s,%s,%.3f,%s\n", w->section,
                w->name, w->nominal, w->ns, w->se, w->intercept, w->r2, w->scaled, w->change, w->gas_per,
                oi >= 0 ? ops[oi].in_scale : 0, b1, b2, b3, b4, b5, w->scaled * REPORT_FINAL_SCALE, b6);
    }
    fclose(fp);

    /* ---- marginal_points.csv, arguments.csv ---- */
    fp = open_out(c.out, "marginal_points.csv");
    fprintf(fp, "opcode,k,time_ns,median_ns,min_ns,max_ns,batch_reps,gas_used\n");
    for (int i = mfrom; i < mto; i++)
        for (int j = 0; j < psets[i].count; j++) {
            const prog *p = &progs[psets[i].first + j];
            double lo = p->samples[0], hi = p->samples[0];
            for (int r = 1; r < c.samples; r++) {
                if (p->samples[r] < lo) lo = p->samples[r];
                if (p->samples[r] > hi) hi = p->samples[r];
            }
            fprintf(fp, "%s,%d,%.2f,%.2f,%.2f,%.2f,%d,%lld\n", ops[psets[i].opi].name, p->k, p->time, p->median,
                    lo, hi, psets[i].reps, p->gas);
        }
    fclose(fp);
    fp = open_out(c.out, "arguments.csv");
    fprintf(fp, "series,opcode,unit,length_bytes,units,cost_ns,cost_r2,scaled_cost,gas_per_instance\n");
    for (int s = 0; s < nseries; s++)
        for (int i = 0; i < series[s].npsets; i++) {
            const pset *ps = &psets[series[s].first_pset + i];
            fprintf(fp, "%s,%s,%s,%d,%g,%.4f,%.4f,%.3f,%lld\n", series[s].name, ops[series[s].opi].name,
                    series[s].unit, ps->L, ps->L / series[s].unit_bytes, ps->fit.slope, ps->fit.r2,
                    ps->fit.slope * scale, ps->gas_per);
        }
    fclose(fp);

    if (c.raw) {                    /* every batch, for re-analysis */
        fp = open_out(c.out, "samples.csv");
        fprintf(fp, "phase,name,length_bytes,k,round,ns\n");
        for (int i = 0; i < npsets; i++) {
            const pset *ps = &psets[i];
            int rounds = i < mto ? c.samples : c.arg_samples;
            const char *name = ps->series >= 0 ? series[ps->series].name : ops[ps->opi].name;
            for (int j = 0; j < ps->count; j++)
                for (int r = 0; r < rounds; r++)
                    fprintf(fp, "%s,%s,%d,%d,%d,%.2f\n", i < mto ? "marginal" : "arguments", name, ps->L,
                            progs[ps->first + j].k, r, progs[ps->first + j].samples[r]);
        }
        fclose(fp);
    }
    write_svg(c.out, scale);

    /* ---- report.md ---- */
    fp = open_out(c.out, "report.md");
    struct utsname un;
    char host[300] = "unknown";
    if (uname(&un) == 0) snprintf(host, sizeof host, "%s %s %s", un.sysname, un.release, un.machine);
    time_t now = time(NULL);
    char date[64];
    strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S UTC", gmtime(&now));
    fprintf(fp, "# Gas cost estimate of evm.h (the \"Gas Cost Estimator\" stage III method)\n\n");
    fprintf(fp, "- date: %s; host: %s; evm.h revision: %s; build: %s\n", date, host,
            *c.rev ? c.rev : "(not given)", *c.build ? c.build : "(not given)");
    fprintf(fp, "- mode **%s**: measure marginal k = 0..%d step %d, %d rounds; measure arguments k in {", c.mode,
            c.nmax, c.step, c.samples);
    for (int i = 0; i < c.arg_nk; i++) fprintf(fp, "%s%d", i ? "," : "", c.arg_k[i]);
    fprintf(fp, "}, %d rounds; batches of about %.0f us; run-order seed %llu; measuring took %.0f s\n",
            c.arg_samples, c.target_ns / 1e3, (unsigned long long)c.seed, elapsed);
    fprintf(fp, "- fork Cancun; nominal gas = the static gas of `evm_gas_table.h`; program time = the %g-quantile of "
                "the rounds of ns per `evm_execute` (batch time / executions); cost = least-squares slope over k; "
                "intercept = engine overhead (subtracted); see `bench/README.md`\n\n", c.quantile);
    fprintf(fp, "## Summary\n\n");
    fprintf(fp, "- **scale factor: %.4f gas per ns** (l2 fit to the nominal schedule with the nominal gas as "
                "counterweights, over %d opcodes of the report's set, PUSH1, DUP1 and SWAP1 only from their families)\n",
            scale, nscale);
    fprintf(fp, "- engine overhead: median intercept %.0f ns (a measurement program with k = 0: its set-up pushes "
                "and pops plus the per-call work); `evm_execute` of a one-byte STOP program: %.0f ns\n",
            overhead, empty_ns);
    int lo_i = mfrom, hi_i = mfrom;
    for (int i = mfrom; i < mto; i++) {
        if (psets[i].reps < psets[lo_i].reps) lo_i = i;
        if (psets[i].reps > psets[hi_i].reps) hi_i = i;
    }
    fprintf(fp, "- batch length in measure marginal: %d (%s) to %d (%s) executions\n", psets[lo_i].reps,
            ops[psets[lo_i].opi].name, psets[hi_i].reps, ops[psets[hi_i].opi].name);
    int lowr2 = 0;
    for (int i = 0; i < nops; i++) if (ops[i].pset >= 0 && ops[i].fit.r2 < 0.9) lowr2++;
    fprintf(fp, "- fits with r^2 < 0.9: %d of %d opcodes (marked `*` below; their cost is small against the noise)\n",
            lowr2, mto - mfrom);
    int nonlin = 0;
    for (int i = 0; i < nops; i++) if (ops[i].pset >= 0 && ops[i].gas_per < 0) nonlin++;
    fprintf(fp, "- gas check: every program ran to success, and gas used is linear in k for %d of %d opcodes "
                "(the column \"gas/inst\" is the measured gas of one instance)\n\n",
            mto - mfrom - nonlin, mto - mfrom);
    if (s_exp >= 0)
        fprintf(fp, "- EXP the report's way (relative to ADD and MUL): **%.2f gas per exponent byte** (nominal 50, "
                    "report's recommendation 25), base %.2f gas (nominal 10)\n\n", exp_byte_gas, exp_base_gas);

    /* to-do lists */
    double order[256][2];
    int no = 0;
    for (int i = 0; i < nrows; i++)
        if (strcmp(rows[i].section, "extension")) {
            order[no][0] = est_log_distance(rows[i].scaled, rows[i].nominal); order[no][1] = i; no++;
        }
    qsort(order, (size_t)no, sizeof order[0], cmp_dist_desc);
    fprintf(fp, "## To-do list for the interpreter\n\n");
    fprintf(fp, "### Where we differ most from the nominal schedule\n\n"
                "Ranked by |ln(scaled / nominal)| (x2 and x0.5 rank alike). \"slower\" = the opcode takes more of "
                "our time than its gas pays for: a candidate for optimisation; \"faster\" = cheap for us.\n\n");
    fprintf(fp, "| # | opcode | nominal | scaled | change %% | our ns | r^2 | |\n|---:|:---|---:|---:|---:|---:|---:|:---|\n");
    for (int i = 0; i < no && i < 10; i++) {
        const row *w = &rows[(int)order[i][1]];
        fprintf(fp, "| %d | %s | %g | %.2f | %+.1f | %.2f | %.3f | %s |\n", i + 1, w->name, w->nominal, w->scaled,
                w->change, w->ns, w->r2, w->scaled > w->nominal ? "slower" : "faster");
    }
    fprintf(fp, "\nSlower than nominal only (the optimisation candidates), in order:");
    for (int i = 0, m = 0; i < no && m < 10; i++) {
        const row *w = &rows[(int)order[i][1]];
        if (w->scaled <= w->nominal) continue;
        fprintf(fp, "%s %s (%+.0f%%)", m++ ? "," : "", w->name, w->change);
    }
    fprintf(fp, ".\nExtension opcodes slower than nominal:");
    for (int i = 0, m = 0; i < nrows; i++) {
        const row *w = &rows[i];
        if (strcmp(w->section, "extension") || w->scaled <= w->nominal) continue;
        fprintf(fp, "%s %s (%+.0f%%)", m++ ? "," : "", w->name, w->change);
    }
    fprintf(fp, ".\n");
    no = 0;
    for (int i = 0; i < nrows; i++)
        if (!isnan(rows[i].vs_report)) {
            order[no][0] = est_log_distance(rows[i].scaled * REPORT_FINAL_SCALE, rows[i].rep->scaled);
            order[no][1] = i; no++;
        }
    qsort(order, (size_t)no, sizeof order[0], cmp_dist_desc);
    fprintf(fp, "\n### Where we differ most from the report's consensus\n\n"
                "The report's \"Scaled Calculated Cost\" is the mean of seven clients' l2-scaled costs, rescaled by 1.4; "
                "ours is multiplied by the same 1.4 before comparing. \"slower\" = relatively slower than the average "
                "client.\n\n");
    fprintf(fp, "| # | opcode | nominal | ours x1.4 | report | vs report %% | |\n|---:|:---|---:|---:|---:|---:|:---|\n");
    for (int i = 0; i < no && i < 10; i++) {
        const row *w = &rows[(int)order[i][1]];
        fprintf(fp, "| %d | %s | %g | %.2f | %.2f | %+.1f | %s |\n", i + 1, w->name, w->nominal,
                w->scaled * REPORT_FINAL_SCALE, w->rep->scaled, w->vs_report, w->vs_report > 0 ? "slower" : "faster");
    }
    fprintf(fp, "\nRelatively slower than the average client only, in order:");
    for (int i = 0, m = 0; i < no && m < 10; i++) {
        const row *w = &rows[(int)order[i][1]];
        if (w->vs_report <= 0) continue;
        fprintf(fp, "%s %s (%+.0f%%)", m++ ? "," : "", w->name, w->vs_report);
    }
    fprintf(fp, ".\n");

    fprintf(fp, "\n## Measure marginal: the report's opcodes\n\n");
    fprintf(fp, "| opcode | nominal | our ns | +- | overhead ns | r^2 | gas/inst | scaled | change %% | report scaled | "
                "report proposed | ours x1.4 vs report %% |\n"
                "|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int pass = 0; pass < 3; pass++) {
        static const char *const secname[3] = {"main", "argument", "extension"};
        if (pass == 1) fprintf(fp, "\n## Argument-dependent rows (measure arguments)\n\n"
                                   "`EXP arg1 cost`: per exponent byte (slope of the EXP exponent series, nominal 50). "
                                   "`X expensive cost`: the first operand(s) 32 bytes and the last (divisor, modulus) "
                                   "16 bytes.\n\n"
                                   "| opcode | nominal | our ns | +- | overhead ns | r^2 | gas/inst | scaled | change %% | report scaled | "
                                   "report proposed | ours x1.4 vs report %% |\n"
                                   "|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        if (pass == 2) fprintf(fp, "\n## Extension: opcodes the report left out\n\n"
                                   "Post-Merge opcodes (PUSH0, MCOPY, TLOAD, TSTORE, BLOBHASH, BLOBBASEFEE) and "
                                   "KECCAK256 and BASEFEE, measured the same way with the same scale factor; not part "
                                   "of the scale. TLOAD/TSTORE go through `evm_state.h`'s transient storage.\n\n"
                                   "| opcode | nominal | our ns | +- | overhead ns | r^2 | gas/inst | scaled | change %% | | | |\n"
                                   "|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < nrows; i++) {
            const row *w = &rows[i];
            if (strcmp(w->section, secname[pass])) continue;
            fmt_num(b1, sizeof b1, w->rep ? w->rep->scaled : NAN, 2);
            fmt_num(b2, sizeof b2, w->rep ? w->rep->proposed : NAN, 0);
            fmt_num(b3, sizeof b3, w->vs_report, 1);
            fprintf(fp, "| %s%s | %g | %.3f | %.3f | %.0f | %.3f | %lld | %.2f | %+.1f | %s | %s | %s |\n", w->name,
                    w->r2 < 0.9 ? " *" : "", w->nominal, w->ns, w->se, w->intercept, w->r2, w->gas_per, w->scaled,
                    w->change, b1, b2, b3);
        }
    }

    if (s_exp >= 0) {
        fprintf(fp, "\n## EXP relative to ADD and MUL (the report's EXP table)\n\n"
                    "exp_byte_gas = exp_byte_ns / (add_ns + mul_ns) * (3 + 5); exp_base_gas = max(0, "
                    "exp_ns / (add_ns + mul_ns) * 8 - exp_byte_gas), exp_ns = the marginal EXP cost with a 1-byte "
                    "exponent. These formulas reproduce the report's rows (tests/test_estimator.c).\n\n");
        fprintf(fp, "| client | ADD ns | MUL ns | EXP per byte ns | EXP per byte gas | EXP base ns | EXP base gas |\n"
                    "|:---|---:|---:|---:|---:|---:|---:|\n");
        fprintf(fp, "| **evm.h (this run)** | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n", add_ns, mul_ns,
                exp_byte_ns, exp_byte_gas, exp_total_ns, exp_base_gas);
        for (int i = 0; i < nrepexps; i++)
            fprintf(fp, "| %s (report) | %g | %g | %g | %g | %g | %g |\n", repexps[i].client, repexps[i].add,
                    repexps[i].mul, repexps[i].byte_ns, repexps[i].byte_gas, repexps[i].base_ns, repexps[i].base_gas);
        fprintf(fp, "\nWith the l2 scale instead: %.2f gas per exponent byte, EXP with a 0-byte exponent %.2f gas "
                    "(intercept of the exponent series %.2f ns).\n",
                exp_byte_ns * scale, series[s_exp].fit.intercept * scale, series[s_exp].fit.intercept);
    }

    if (nseries) {
        fprintf(fp, "\n## Measure arguments: cost on argument length\n\n"
                    "Per length L: the slope over k (ns per instance); then a least-squares line over L. "
                    "Sizes in 32-byte words (nominal 3 gas per word for the copies, 6 for KECCAK256), exponent "
                    "and operands in bytes. `operands`: every operand L bytes; `argN`: operand N L bytes, the "
                    "others 32 bytes (arg0 = top of the stack). Values are random with a non-zero top byte, the "
                    "same in every run. Full per-L data: `arguments.csv`.\n\n");
        fprintf(fp, "| series | unit | points | base ns | ns per unit | r^2 | scaled base | scaled per unit | nominal per unit | min ns | max ns |\n"
                    "|:---|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int s = 0; s < nseries; s++) {
            const aseries *a = &series[s];
            double lo = HUGE_VAL, hi = -HUGE_VAL;
            for (int i = 0; i < a->npsets; i++) {
                double v = psets[a->first_pset + i].fit.slope;
                if (v < lo) lo = v;
                if (v > hi) hi = v;
            }
            fprintf(fp, "| %s | %s | %d | %.2f | %.3f | %.3f | %.2f | %.3f | %g | %.2f | %.2f |\n", a->name, a->unit,
                    a->npsets, a->fit.intercept, a->fit.slope, a->fit.r2, a->fit.intercept * scale,
                    a->fit.slope * scale, a->nominal_per_unit, lo, hi);
        }
    }
    fprintf(fp, "\n## Files\n\n- `estimate.csv`: one row per opcode (and the argument-derived rows), ours beside the "
                "report's figures\n- `marginal_points.csv`: median, min, max ns per program (opcode, k)\n"
                "- `arguments.csv`: cost per argument length\n- `chart.svg`: scaled cost beside nominal gas\n"
                "- the report's figures: `bench/estimate/report_stage3.csv`, `bench/estimate/report_stage3_exp.csv`\n");
    fclose(fp);

    fprintf(stderr, "scale %.4f gas/ns over %d opcodes; wrote %s/{report.md,estimate.csv,arguments.csv,"
                    "marginal_points.csv,chart.svg} (%.0f s)\n", scale, nscale, c.out, (now_ns() - t_start) / 1e9);
    evm_state_destroy(&st);
    evm_vm_destroy(&vm);
    return 0;
}

/* ---------------------------------------------------------------------------------
   --compare: two runs side by side
   --------------------------------------------------------------------------------- */
typedef struct cmprow { char section[16], name[40]; double scaled, ns; } cmprow;

static int load_estimate(const char *dir, cmprow *out, int max)
{
    char path[1024], line[2048];
    char *f[32];
    snprintf(path, sizeof path, "%s/estimate.csv", dir);
    FILE *fp = fopen(path, "r");
    if (!fp) die("cannot read %s", path);
    int n = 0, header = 0;
    while (fgets(line, sizeof line, fp) && n < max) {
        if (!header) { header = 1; continue; }
        if (split_csv(line, f, 32) < 9) continue;
        snprintf(out[n].section, sizeof out[n].section, "%s", f[0]);
        snprintf(out[n].name, sizeof out[n].name, "%s", f[1]);
        out[n].ns = strtod(f[3], NULL);
        out[n].scaled = strtod(f[7], NULL);
        n++;
    }
    fclose(fp);
    return n;
}

static int do_compare(const char *a, const char *b)
{
    static cmprow ra[256], rb[256];
    int na = load_estimate(a, ra, 256), nb = load_estimate(b, rb, 256);
    static const char *const arith[] = {"ADD", "MUL", "SUB", "DIV", "SDIV", "MOD", "SMOD", "ADDMOD", "MULMOD",
                                        "EXP", "SIGNEXTEND"};
    printf("| opcode | section | run 1 scaled | run 2 scaled | diff %% | run 1 ns | run 2 ns |\n"
           "|:---|:---|---:|---:|---:|---:|---:|\n");
    double worst_arith = 0, sum_abs = 0;
    int over = 0, n = 0, arith_fail = 0;
    for (int i = 0; i < na; i++) {
        const cmprow *y = NULL;
        for (int j = 0; j < nb; j++) if (!strcmp(ra[i].name, rb[j].name)) y = &rb[j];
        if (!y) continue;
        double d = ra[i].scaled != 0 ? (y->scaled / ra[i].scaled - 1) * 100 : 0;
        int is_arith = 0;
        for (size_t k = 0; k < sizeof arith / sizeof arith[0]; k++) is_arith |= !strcmp(arith[k], ra[i].name);
        printf("| %s%s | %s | %.3f | %.3f | %+.1f | %.3f | %.3f |\n", is_arith ? "**" : "", ra[i].name,
               ra[i].section, ra[i].scaled, y->scaled, d, ra[i].ns, y->ns);
        if (is_arith) {
            if (fabs(d) > worst_arith) worst_arith = fabs(d);
            if (fabs(d) > 10) arith_fail++;
        }
        if (fabs(d) > 10) over++;
        sum_abs += fabs(d);
        n++;
    }
    printf("\n%d rows compared; mean |diff| %.1f%%, %d rows beyond 10%%; "
           "arithmetic opcodes (bold): largest |diff| %.1f%%, %s\n", n, n ? sum_abs / n : 0, over, worst_arith,
           arith_fail ? "NOT all within 10%" : "all within 10%");
    return arith_fail ? 1 : 0;
}
