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
   marginal_points.csv, chart.svg. See bench/README.md for the method's limits.

   zk-cost mode (--engine rv64, make estimate ESTIMATE_ENGINE=rv64): the same programs run
   in the bare-metal rv64im guest bench/estimate/estimate_guest.c under qemu-system-riscv64
   -icount shift=0, one qemu start per run for the whole batch; a program's cost is the
   instructions retired (minstret) in evm_execute, deterministic, so one run suffices
   (--repeat N runs it N times and requires equal counts). The fork is Osaka (CLZ), the
   accelerator hooks' instructions and the keccak-f permutations are counted apart, the
   precompiles are measured per call, and the report adds the prover's to-do list
   (instructions per gas) and the time-based estimate beside (quick time phases of the
   same programs on the host, or --time-from DIR) with the opcodes ranked by how far
   their rank moves between time and instructions. The scaling and the report are the
   time engine's, in instructions. Also written: precompiles.csv, counts.csv (every count,
   for comparing two runs byte for byte). */
#define _POSIX_C_SOURCE 200809L
#define EVM_IMPLEMENTATION
#define EVM_STATE_NO_PRECOMPILES
#include "../../evm_state.h"
#include "../../evm_precompiles.h"   /* the rv64 engine's precompile inputs are made here */
#include "estimate_stats.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <errno.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include "estimate_engine.h"

static evm_fork g_fork = EVM_CANCUN;  /* the time engine's default; the rv64 engine runs Osaka */
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
    const char *engine;             /* "time" (host, CLOCK_MONOTONIC) or "rv64" (guest, minstret) */
    const char *guest, *qemu, *time_from;
    int no_time, rv64_repeat;
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
    {"CLZ", 0x1e, 1},               /* Osaka (EIP-7939): only when the fork measured has it */
};

static opinfo *ops;
static int nops;

static void op_fill(opinfo *o, const char *name, uint8_t op, int ext)
{
    memset(o, 0, sizeof *o);
    snprintf(o->name, sizeof o->name, "%s", name);
    o->op = op;
    o->ext = ext;
    const evm_op_info *inf = &evm_op_table[g_fork][op];
    if (!(inf->flags & EVM_OP_DEFINED))
        die("opcode %s not defined at the fork measured", name);
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
        if (base_ops[i].ext && !(evm_op_table[g_fork][base_ops[i].op].flags & EVM_OP_DEFINED))
            continue;
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
        for (int i = 0; i < 20; i++) put(b, est_helper.bytes[i]);
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
   The engine under test: one VM, one state, set up once (estimate_engine.h, the same
   set-up as the rv64 guest's)
   --------------------------------------------------------------------------------- */
static est_engine eng;

static void engine_init(void)
{
    if (!est_engine_init(&eng, NULL, NULL))
        die("%s", "engine set-up (evm_vm_init, evm_state) failed");
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
    evm_state_begin_transaction(&eng.st, g_fork);
    eng.msg.code = code;
    eng.msg.code_size = size;
    evm_execute(&eng.vm, evm_state_host(), &eng.st, g_fork, &eng.tx, &eng.msg, &r);
    evm_state_end_transaction(&eng.st);
    *gas_used = EST_MSG_GAS - r.gas_left;
    return r.status;
}

/* A batch: reps back-to-back executions, ns per execution. Only the evm_execute calls are
   inside the clock; the transaction bracket (journal reset) is outside. */
static double run_batch(const uint8_t *code, size_t size, int reps)
{
    evm_result r;
    const evm_host *h = evm_state_host();
    unsigned bad = 0;
    evm_state_begin_transaction(&eng.st, g_fork);
    eng.msg.code = code;
    eng.msg.code_size = size;
    double t0 = now_ns();
    for (int i = 0; i < reps; i++)
        bad |= (unsigned)evm_execute(&eng.vm, h, &eng.st, g_fork, &eng.tx, &eng.msg, &r);
    double t1 = now_ns();
    evm_state_end_transaction(&eng.st);
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
    double time, median;            /* time: the configured quantile of the rounds; rv64:
                                       the instruction count (both) */
    uint64_t instr, hooks, kperm;   /* rv64: instructions, of them in accelerator hooks,
                                       keccak-f permutations */
} prog;

typedef struct pset {
    int opi, series, L;
    int first, count;
    int reps;
    est_fit fit;
    est_fit hook_fit, kf_fit;       /* rv64: hook instructions and keccak-f permutations on k */
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

/* gas_per: the gas of one more instance if the gas used is exactly linear in k, else -1 */
static void pset_check_gas(pset *ps)
{
    prog *p0 = &progs[ps->first], *pl = &progs[ps->first + ps->count - 1];
    ps->gas_per = -1;
    if (pl->k != p0->k && (pl->gas - p0->gas) % (pl->k - p0->k) == 0) {
        long long d = (pl->gas - p0->gas) / (pl->k - p0->k);
        ps->gas_per = d;
        for (int i = 0; i < ps->count; i++) {
            prog *p = &progs[ps->first + i];
            if (p->gas != p0->gas + d * (p->k - p0->k)) ps->gas_per = -1;
        }
    }
}

/* Check every program (success, gas linear in k) and choose the batch length. */
static void pset_prepare(pset *ps, double target_ns)
{
    prog *pl = &progs[ps->first + ps->count - 1];
    for (int i = 0; i < ps->count; i++) {
        prog *p = &progs[ps->first + i];
        evm_status s = run_once(p->code, p->size, &p->gas);
        if (s != EVM_SUCCESS) {
            fprintf(stderr, "estimate: %s k=%d L=%d: %s\n", ops[ps->opi].name, p->k, ps->L,
                    evm_status_name(s));
            exit(2);
        }
    }
    pset_check_gas(ps);
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

/* The least-squares lines on k of each point set in [from, to): the program's time (or
   instruction count), and in rv64 runs its hook instructions and keccak-f permutations. */
static void psets_fit(int from, int to)
{
    double x[256], y[256], yh[256], yk[256];
    for (int i = from; i < to; i++) {
        pset *ps = &psets[i];
        for (int j = 0; j < ps->count; j++) {
            const prog *p = &progs[ps->first + j];
            x[j] = p->k;
            y[j] = p->time;
            yh[j] = (double)p->hooks;
            yk[j] = (double)p->kperm;
        }
        ps->fit = est_linfit(x, y, ps->count);
        ps->hook_fit = est_linfit(x, yh, ps->count);
        ps->kf_fit = est_linfit(x, yk, ps->count);
    }
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
    double scratch[MAX_SAMPLES];
    for (int i = pf; i < pt; i++) {
        progs[i].median = est_median(progs[i].samples, rounds, scratch);
        progs[i].time = est_quantile(progs[i].samples, rounds, quantile, scratch);
    }
    psets_fit(from, to);
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
    est_fit fit;                    /* cost (ns or instructions) on units */
    est_fit hook_fit, kf_fit;       /* rv64: the same for the hook instructions and keccak-f */
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
    double x[64], y[64], yh[64], yk[64];
    for (int i = 0; i < s->npsets; i++) {
        pset *ps = &psets[s->first_pset + i];
        x[i] = ps->L / s->unit_bytes;
        y[i] = ps->fit.slope;
        yh[i] = ps->hook_fit.slope;
        yk[i] = ps->kf_fit.slope;
    }
    s->fit = est_linfit(x, y, s->npsets);
    s->hook_fit = est_linfit(x, yh, s->npsets);
    s->kf_fit = est_linfit(x, yk, s->npsets);
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
    double accel, kf;               /* rv64: hook instructions, keccak-f permutations per instance */
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

static void write_svg(const char *dir, double scale, const char *unit)
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
    snprintf(t, sizeof t, "evm.h: scaled cost per opcode (scale %.4g gas/%s) beside nominal gas (%s)", scale, unit,
             g_fork == EVM_OSAKA ? "Osaka" : "Cancun");
    svg_text(fp, 10, 22, "start", 15, "#000", t);
    /* legend */
    fprintf(fp, "<rect x=\"10\" y=\"36\" width=\"14\" height=\"8\" fill=\"#9e9e9e\"/>\n");
    svg_text(fp, 28, 44, "start", 12, "#000", "nominal gas");
    fprintf(fp, "<rect x=\"130\" y=\"36\" width=\"14\" height=\"8\" fill=\"#1f77b4\"/>\n");
    snprintf(t, sizeof t, "ours: %s slope x scale", unit);
    svg_text(fp, 148, 44, "start", 12, "#000", t);
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
typedef struct cmprow { char section[16], name[40]; double scaled, ns; } cmprow;
static int load_estimate(const char *dir, cmprow *out, int max);

/* ---------------------------------------------------------------------------------
   The rv64 engine (zk-cost mode): the same programs in the bare-metal rv64im guest
   (bench/estimate/estimate_guest.c) under qemu -icount shift=0; cost = instructions
   retired (minstret) instead of time. Deterministic: one run gives the counts, repeated
   runs must give the same counts exactly (checked).
   --------------------------------------------------------------------------------- */
typedef struct pcall {              /* one precompile call measured in the guest */
    char name[48];
    const char *group;              /* "Osaka", "Prague (BLS12-381)", "earlier" */
    uint32_t addr;
    uint8_t *in;
    size_t size;
    long long gas;
    uint64_t instr, hooks, kperm;
} pcall;
static pcall pcalls[64];
static int npcalls;
static uint64_t keccakf_instr;      /* instructions of one keccak-f[1600] in the guest */
static int rv64_runs;               /* how many guest runs gave the same counts */
static evm_precompiles host_pc;     /* makes the precompile inputs (BLS12-381 points) */

static void set_name(char *dst, size_t cap, const char *src)
{
    size_t l = strlen(src);
    if (l >= cap) l = cap - 1;
    memcpy(dst, src, l);
    dst[l] = 0;
}

static void put32(buf *b, uint32_t v)
{
    for (int i = 0; i < 4; i++) put(b, (uint8_t)(v >> (8 * i)));
}

static void hex_to(uint8_t *out, const char *hex, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1) die("bad hex constant %s", hex);
        out[i] = (uint8_t)v;
    }
}

static void pcall_add(const char *name, const char *group, uint32_t addr, const uint8_t *in, size_t n)
{
    if (npcalls == (int)(sizeof pcalls / sizeof pcalls[0])) die("%s", "too many precompile calls");
    pcall *q = &pcalls[npcalls++];
    memset(q, 0, sizeof *q);
    snprintf(q->name, sizeof q->name, "%s", name);
    q->group = group;
    q->addr = addr;
    q->in = (uint8_t *)xmalloc(n);
    memcpy(q->in, in, n);
    q->size = n;
}

/* a precompile run on the host (to make inputs from outputs); dies unless it succeeds */
static const uint8_t *host_call(uint32_t addr, const uint8_t *in, size_t n, size_t *out_size)
{
    evm_address a = {{0}};
    evm_precompile_result r;
    a.bytes[18] = (uint8_t)(addr >> 8);
    a.bytes[19] = (uint8_t)addr;
    if (evm_precompiles_run(&host_pc, g_fork, &a, in, n, EST_MSG_GAS, &r) != EVM_PRECOMPILE_OK)
        die("%s", "making a precompile input failed");
    *out_size = r.output_size;
    return r.output;
}

static void fill_random(uint8_t *p, size_t n, est_rng *r)
{
    for (size_t i = 0; i < n; i++) p[i] = (uint8_t)est_rng_next(r);
}

/* The precompile calls: Osaka's (P256VERIFY, modexp under EIP-7883 by operand size),
   Prague's BLS12-381 0x0b..0x11, and the older ones. Inputs are valid (the calls do their
   full work and succeed); they are made here, from fixed seeds, the points by the library
   itself (BLS12-381: images of the map precompiles, so in the subgroups). */
static void pcalls_init(void)
{
    evm_precompiles_init(&host_pc, NULL);
    est_rng r = {0x5eed};
    uint8_t in[128 * 288], buf1[1024];
    size_t n;
    const uint8_t *o;
    /* P256VERIFY: a signature made for this program (key 0x1234...ef, nonce 0x0badc0ffee...)
       with the curve's arithmetic in Python; the host checks that it verifies */
    hex_to(in, "5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed"
               "2a6d75aa2fc6bcacdad49b497e03a77d3325aad307b6be04965efd5c7b9bca22"
               "6f68017e2669da2d0d2a8f7d81dd2cdf65c71b7d5eed5d6056a1518f4c8664bb"
               "471c3e758c4904285bba7e53118ed0f524adeb0757d25bd2f8e7b0d76dfa714c"
               "dd520f7aca8a8b917acc37f51de8f0c9bbe3ad858382e702dc25a12d09f7a858", 160);
    o = host_call(0x100, in, 160, &n);
    if (n != 32 || o[31] != 1) die("%s", "the P256VERIFY input does not verify");
    pcall_add("P256VERIFY", "Osaka", 0x100, in, 160);
    /* modexp by size: base and modulus L bytes (odd modulus, top bytes non-zero), a
       32-byte exponent; EIP-7883 prices */
    static const int mlen[] = {32, 64, 128, 256, 512, 1024};
    for (int i = 0; i < 6; i++) {
        int L = mlen[i];
        memset(in, 0, 96);
        in[31] = (uint8_t)L; in[30] = (uint8_t)(L >> 8);
        in[63] = 32;
        in[95] = (uint8_t)L; in[94] = (uint8_t)(L >> 8);
        fill_random(in + 96, (size_t)L + 32 + (size_t)L, &r);
        in[96] |= 0x80;                              /* base */
        in[96 + L] |= 0x80;                          /* exponent: 256 bits */
        in[96 + L + 32] |= 0x80;                     /* modulus */
        in[96 + L + 32 + L - 1] |= 1;
        char name[48];
        snprintf(name, sizeof name, "MODEXP %d-byte, 32-byte exponent", L);
        pcall_add(name, "Osaka", 0x05, in, 96 + 2 * (size_t)L + 32);
    }
    /* BLS12-381: field elements below p (16 zero bytes, then 48 with a small top byte) */
    uint8_t g1[8][128], g2[8][256];
    for (int i = 0; i < 8; i++) {
        memset(in, 0, 128);
        fill_random(in + 16, 48, &r); in[16] &= 0x0f;
        if (i == 0) pcall_add("BLS12_MAP_FP_TO_G1", "Prague (BLS12-381)", 0x10, in, 64);
        o = host_call(0x10, in, 64, &n);
        memcpy(g1[i], o, 128);
        fill_random(in + 16, 48, &r); in[16] &= 0x0f;
        fill_random(in + 80, 48, &r); in[80] &= 0x0f;
        if (i == 0) pcall_add("BLS12_MAP_FP2_TO_G2", "Prague (BLS12-381)", 0x11, in, 128);
        o = host_call(0x11, in, 128, &n);
        memcpy(g2[i], o, 256);
    }
    memcpy(in, g1[0], 128); memcpy(in + 128, g1[1], 128);
    pcall_add("BLS12_G1ADD", "Prague (BLS12-381)", 0x0b, in, 256);
    memcpy(in, g2[0], 256); memcpy(in + 256, g2[1], 256);
    pcall_add("BLS12_G2ADD", "Prague (BLS12-381)", 0x0d, in, 512);
    static const int msm_k[] = {1, 2, 16, 128};
    for (int i = 0; i < 4; i++) {
        int k = msm_k[i];
        char name[48];
        for (int j = 0; j < k; j++) {
            memcpy(in + 160 * j, g1[j % 8], 128);
            fill_random(in + 160 * j + 128, 32, &r);
        }
        snprintf(name, sizeof name, "BLS12_G1MSM k=%d", k);
        pcall_add(name, "Prague (BLS12-381)", 0x0c, in, 160 * (size_t)k);
        for (int j = 0; j < k; j++) {
            memcpy(in + 288 * j, g2[j % 8], 256);
            fill_random(in + 288 * j + 256, 32, &r);
        }
        snprintf(name, sizeof name, "BLS12_G2MSM k=%d", k);
        pcall_add(name, "Prague (BLS12-381)", 0x0e, in, 288 * (size_t)k);
    }
    static const int pair_k[] = {1, 2, 4};
    for (int i = 0; i < 3; i++) {
        int k = pair_k[i];
        char name[48];
        for (int j = 0; j < k; j++) {
            memcpy(in + 384 * j, g1[j], 128);
            memcpy(in + 384 * j + 128, g2[j], 256);
        }
        snprintf(name, sizeof name, "BLS12_PAIRING_CHECK k=%d", k);
        pcall_add(name, "Prague (BLS12-381)", 0x0f, in, 384 * (size_t)k);
    }
    /* the older ones */
    memset(in, 0, 128);
    fill_random(in, 32, &r);                                      /* hash */
    in[63] = 27;                                                  /* v */
    hex_to(in + 64, "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798", 32);  /* r = G.x */
    fill_random(in + 96, 32, &r); in[96] &= 0x7f;                 /* s < n */
    o = host_call(0x01, in, 128, &n);
    if (n != 32) die("%s", "the ECRECOVER input does not recover");
    pcall_add("ECRECOVER", "earlier", 0x01, in, 128);
    fill_random(buf1, sizeof buf1, &r);
    pcall_add("SHA256 1024 bytes", "earlier", 0x02, buf1, 1024);
    pcall_add("RIPEMD160 1024 bytes", "earlier", 0x03, buf1, 1024);
    pcall_add("IDENTITY 1024 bytes", "earlier", 0x04, buf1, 1024);
    uint8_t g[64] = {0};                                          /* bn254 G1 generator (1, 2) */
    g[31] = 1; g[63] = 2;
    memcpy(in, g, 64);
    fill_random(in + 64, 32, &r);
    pcall_add("BN254_MUL", "earlier", 0x07, in, 96);
    memset(in + 64, 0, 32); in[95] = 2;
    o = host_call(0x07, in, 96, &n);                              /* 2G */
    memcpy(in + 64, o, 64);
    memcpy(in, g, 64);
    pcall_add("BN254_ADD", "earlier", 0x06, in, 128);
    for (int j = 0; j < 2; j++) {                                 /* (G1, G2) twice */
        memcpy(in + 192 * j, g, 64);
        hex_to(in + 192 * j + 64, "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
                                  "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
                                  "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b"
                                  "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa", 128);
    }
    pcall_add("BN254_PAIRING 2 pairs", "earlier", 0x08, in, 384);
    memset(in, 0, 213);
    in[3] = 12;                                                   /* rounds */
    fill_random(in + 4, 208, &r);
    in[212] = 1;
    pcall_add("BLAKE2F 12 rounds", "earlier", 0x09, in, 213);
    for (int i = 0; i < npcalls; i++) {                           /* every input succeeds here */
        (void)host_call(pcalls[i].addr, pcalls[i].in, pcalls[i].size, &n);
    }
}

/* Shell-quote a path for popen (single quotes; a path with one is refused). */
static void quoted(char *out, size_t cap, const char *path)
{
    if (strchr(path, '\'')) die("path with a single quote: %s", path);
    snprintf(out, cap, "'%s'", path);
}

/* One batch through the guest: programs [pf, pt) and, if with_pc, every precompile call;
   run `runs` times, the counts compared exactly. */
static void rv64_run(const config *c, const char *label, int pf, int pt, int with_pc)
{
    buf b = {0, 0, 0};
    uint32_t count = (uint32_t)(pt - pf) + (with_pc ? (uint32_t)npcalls : 0);
    for (int i = 0; i < 8; i++) put(&b, 0);
    put(&b, 'E'); put(&b, 'V'); put(&b, 'M'); put(&b, 'E');
    put32(&b, 1);
    put32(&b, (uint32_t)g_fork);
    put32(&b, count);
    for (int i = pf; i < pt; i++) {
        put(&b, 0);
        put32(&b, (uint32_t)i);
        put32(&b, (uint32_t)progs[i].size);
        for (size_t j = 0; j < progs[i].size; j++) put(&b, progs[i].code[j]);
    }
    if (with_pc)
        for (int i = 0; i < npcalls; i++) {
            put(&b, 1);
            put32(&b, (uint32_t)(nprogs + i));
            put32(&b, pcalls[i].addr);
            put32(&b, (uint32_t)pcalls[i].size);
            for (size_t j = 0; j < pcalls[i].size; j++) put(&b, pcalls[i].in[j]);
        }
    uint64_t len = b.n - 8;
    for (int i = 0; i < 8; i++) b.p[i] = (uint8_t)(len >> (8 * i));
    if (b.n > 256u * 1024u * 1024u) die("%s", "the batch is larger than the guest's input area");
    char path[1024], qin[1100], qelf[1100], qqemu[1100], cmd[4096], line[512];
    snprintf(path, sizeof path, "%s/rv64_batch.bin", c->out);
    FILE *fp = fopen(path, "wb");
    if (!fp || fwrite(b.p, 1, b.n, fp) != b.n || fclose(fp) != 0) die("cannot write %s", path);
    free(b.p);
    quoted(qin, sizeof qin, path);
    quoted(qelf, sizeof qelf, c->guest);
    quoted(qqemu, sizeof qqemu, c->qemu);
    snprintf(cmd, sizeof cmd, "%s -M virt -m 512M -bios none -nographic -monitor none -serial stdio "
                              "-icount shift=0 -kernel %s -device loader,file=%s,addr=0x88000000,force-raw=on "
                              "< /dev/null 2>&1", qqemu, qelf, qin);
    FILE *g = fopen(c->guest, "rb");
    if (!g) die("no guest %s (make it with: make estimate ESTIMATE_ENGINE=rv64, or build/bench/estimate_guest.elf)", c->guest);
    fclose(g);
    unsigned char *seen = (unsigned char *)xmalloc((size_t)nprogs + (size_t)npcalls + 1);
    for (int run = 0; run < c->rv64_repeat; run++) {
        double t0 = now_ns();
        memset(seen, 0, (size_t)nprogs + (size_t)npcalls + 1);
        FILE *q = popen(cmd, "r");
        if (!q) die("cannot start %s", c->qemu);
        int done = 0;
        uint32_t got = 0;
        char last[512] = "";
        while (fgets(line, sizeof line, q)) {
            unsigned id, st;
            unsigned long long gas, ins, hk, kf;
            if (sscanf(line, "r %u %u %llu %llu %llu %llu", &id, &st, &gas, &ins, &hk, &kf) == 6) {
                if (id >= (unsigned)(nprogs + npcalls) || seen[id]) die("guest output: bad id in %s", line);
                seen[id] = 1;
                got++;
                if (id < (unsigned)nprogs) {
                    prog *p = &progs[id];
                    if (st != EVM_SUCCESS) {
                        fprintf(stderr, "estimate: guest: %s k=%d L=%d: %s\n", ops[psets[p->pset].opi].name, p->k,
                                psets[p->pset].L, evm_status_name((evm_status)st));
                        exit(2);
                    }
                    if (run == 0) {
                        if (p->gas && p->gas != (long long)gas)
                            die("the guest's gas differs from the host's for %s", ops[psets[p->pset].opi].name);
                        p->gas = (long long)gas; p->instr = ins; p->hooks = hk; p->kperm = kf;
                    } else if (p->instr != ins || p->hooks != hk || p->kperm != kf || p->gas != (long long)gas) {
                        die("NOT DETERMINISTIC: two guest runs counted %s differently", ops[psets[p->pset].opi].name);
                    }
                } else {
                    pcall *pc = &pcalls[id - (unsigned)nprogs];
                    if (st != EVM_PRECOMPILE_OK) die("guest: the precompile call %s failed", pc->name);
                    if (run == 0) {
                        pc->gas = (long long)gas; pc->instr = ins; pc->hooks = hk; pc->kperm = kf;
                    } else if (pc->instr != ins || pc->hooks != hk || pc->kperm != kf || pc->gas != (long long)gas) {
                        die("NOT DETERMINISTIC: two guest runs counted %s differently", pc->name);
                    }
                }
            } else if (!strncmp(line, "keccakf ", 8)) {
                uint64_t v = strtoull(line + 8, NULL, 10);
                if (run > 0 && v != keccakf_instr) die("%s", "NOT DETERMINISTIC: keccak-f count differs");
                keccakf_instr = v;
            } else if (!strncmp(line, "done ", 5)) {
                done = 1;
            } else {
                snprintf(last, sizeof last, "%s", line);
            }
        }
        int rc = pclose(q);
        if (!done || got != count || rc != 0) {
            fprintf(stderr, "estimate: the guest run failed (exit status %d, %u of %u results)%s%s",
                    WIFEXITED(rc) ? WEXITSTATUS(rc) : rc, got, count, *last ? "; last output: " : "\n", last);
            exit(2);
        }
        fprintf(stderr, "%s: %u programs and calls in the rv64 guest, run %d/%d, %.1f s%s\n", label, count, run + 1,
                c->rv64_repeat, (now_ns() - t0) / 1e9, run ? ": counts identical" : "");
    }
    free(seen);
    rv64_runs = c->rv64_repeat;
    for (int i = pf; i < pt; i++) {
        progs[i].time = progs[i].median = (double)progs[i].instr;
        progs[i].samples[0] = progs[i].time;
    }
}

/* ---------------------------------------------------------------------------------
   Analysis: scale, rows (shared by both engines)
   --------------------------------------------------------------------------------- */
typedef struct analysis {
    double scale, overhead;
    int nscale, s_exp;
    double add_ns, mul_ns, exp_total_ns, exp_byte_ns, exp_byte_gas, exp_base_gas;
} analysis;

static void row_accel(row *w, const est_fit *hook, const est_fit *kf)
{
    w->accel = hook->slope;
    w->kf = kf->slope;
}

static analysis analyse(void)
{
    analysis A;
    memset(&A, 0, sizeof A);
    nrows = 0;
    /* ---- scale ---- */
    double cost[256], nomv[256];
    for (int i = 0; i < nops; i++) {
        opinfo *o = &ops[i];
        if (o->pset < 0) continue;
        o->fit = psets[o->pset].fit;
        o->gas_per = psets[o->pset].gas_per;
        if (o->in_scale) { cost[A.nscale] = o->fit.slope; nomv[A.nscale] = o->nominal; A.nscale++; }
    }
    A.scale = est_scale_counterweighted(cost, nomv, A.nscale);
    for (int i = 0; i < nops; i++) ops[i].scaled = ops[i].fit.slope * A.scale;
    double icpt[256], scratch[256];
    int nicpt = 0;
    for (int i = 0; i < nops; i++) if (ops[i].pset >= 0 && !ops[i].ext) icpt[nicpt++] = ops[i].fit.intercept;
    A.overhead = est_median(icpt, nicpt, scratch);

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
            row_accel(w, &psets[o->pset].hook_fit, &psets[o->pset].kf_fit);
        }
    /* argument-derived rows named as in the report */
    A.s_exp = series_find(AS_EXP, "EXP", 1);
    if (A.s_exp >= 0) {
        const aseries *se = &series[A.s_exp];
        row *w = &rows[nrows++];
        memset(w, 0, sizeof *w);
        snprintf(w->name, sizeof w->name, "EXP arg1 cost");
        w->section = "argument"; w->nominal = 50; w->ns = se->fit.slope;
        w->intercept = se->fit.intercept; w->r2 = se->fit.r2;
        w->se = se->fit.slope_se; w->scaled = w->ns * A.scale;
        w->change = est_change_pct(w->scaled, 50); w->gas_per = 50; w->rep = report_row(w->name);
        row_accel(w, &se->hook_fit, &se->kf_fit);
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
        w->scaled = w->ns * A.scale; w->change = est_change_pct(w->scaled, w->nominal);
        w->gas_per = ps->gas_per; w->rep = report_row(w->name);
        row_accel(w, &ps->hook_fit, &ps->kf_fit);
    }
    for (int i = 0; i < nrows; i++)
        rows[i].vs_report = rows[i].rep && !isnan(rows[i].rep->scaled) && rows[i].rep->scaled > 0
            ? (rows[i].scaled * REPORT_FINAL_SCALE / rows[i].rep->scaled - 1) * 100 : NAN;

    /* ---- EXP the report's way ---- */
    A.add_ns = ops[op_find("ADD")].fit.slope;
    A.mul_ns = ops[op_find("MUL")].fit.slope;
    A.exp_total_ns = ops[op_find("EXP")].fit.slope;
    A.exp_byte_ns = A.s_exp >= 0 ? series[A.s_exp].fit.slope : NAN;
    A.exp_byte_gas = A.exp_base_gas = NAN;
    if (A.s_exp >= 0)
        est_exp_report(A.add_ns, A.mul_ns, 3, 5, A.exp_byte_ns, A.exp_total_ns, &A.exp_byte_gas, &A.exp_base_gas);
    return A;
}

/* The time-based figures beside an rv64 run: from the same process (quick time phases on
   the same programs) or from an earlier run's estimate.csv (--time-from). */
static cmprow trows[256];
static int ntrows;
static double time_scaled_of(const char *name)
{
    for (int i = 0; i < ntrows; i++)
        if (!strcmp(trows[i].name, name)) return trows[i].scaled;
    return NAN;
}

static int only_has(const config *c, const char *name)
{
    if (!c->only) return 1;
    size_t n = strlen(name);
    for (const char *p = c->only; *p;) {
        const char *e = strchr(p, ',');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l == n && !strncmp(p, name, n)) return 1;
        if (!e) break;
        p = e + 1;
    }
    return 0;
}

/* One candidate of the prover's to-do list: instructions per unit of gas */
typedef struct zkrow { char name[64]; const char *kind; double instr, gas, accel, kf; } zkrow;

static void usage(void)
{
    fprintf(stderr,
            "usage: estimate [--mode quick|full] [--out DIR] [--seed N] [--quantile Q] [--only OP[,OP...]]\n"
            "                [--no-args] [--raw]\n"
            "                [--report CSV] [--report-exp CSV] [--rev TEXT] [--build TEXT]\n"
            "                [--engine time|rv64] [--guest ELF] [--qemu PROGRAM] [--repeat N]\n"
            "                [--time-from DIR | --no-time]       (rv64: the time-based figures beside)\n"
            "       estimate --compare DIR1 DIR2\n"
            "       estimate --dump OPCODE K M     (hex of a measure-marginal program)\n");
    exit(2);
}

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
    c.engine = "time";
    c.guest = "build/bench/estimate_guest.elf";
    c.qemu = "qemu-system-riscv64";
    c.rv64_repeat = 1;
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
        else if (!strcmp(a, "--engine") && v) { c.engine = v; i++; }
        else if (!strcmp(a, "--guest") && v) { c.guest = v; i++; }
        else if (!strcmp(a, "--qemu") && v) { c.qemu = v; i++; }
        else if (!strcmp(a, "--repeat") && v) { c.rv64_repeat = atoi(v); i++; }
        else if (!strcmp(a, "--time-from") && v) { c.time_from = v; i++; }
        else if (!strcmp(a, "--no-time")) c.no_time = 1;
        else if (!strcmp(a, "--no-args")) c.no_args = 1;
        else if (!strcmp(a, "--raw")) c.raw = 1;
        else usage();
    }
    int rv64 = !strcmp(c.engine, "rv64");
    if (!rv64 && strcmp(c.engine, "time")) die("unknown engine %s (time or rv64)", c.engine);
    if (c.rv64_repeat < 1 || c.rv64_repeat > 10) die("%s", "--repeat takes 1 to 10");
    if (c.quantile < 0 || c.quantile > 1) die("%s", "--quantile takes a value in [0, 1]");
    const char *U = rv64 ? "instr" : "ns";        /* the unit of a cost */
    if (rv64) g_fork = EVM_OSAKA;                  /* CLZ and the Osaka precompiles */
    if (mkdir(c.out, 0777) != 0 && errno != EEXIST)
        die("cannot create %s", c.out);
    load_report(c.report_csv, c.report_exp_csv);
    ops_init();
    engine_init();
    est_rng rng = {c.seed};
    double t_start = now_ns();

    /* ---- the programs: measure marginal ---- */
    int ks[256], nk = 0;
    for (int k = 0; k <= c.nmax; k += c.step) ks[nk++] = k;
    if (ks[nk - 1] != c.nmax) ks[nk++] = c.nmax;
    argval three[17];                            /* SWAP16 needs 17 items */
    for (int i = 0; i < 17; i++) three[i] = arg_small(3);
    int mfrom = npsets;
    for (int i = 0; i < nops; i++) {
        if (!only_has(&c, ops[i].name)) continue;
        ops[i].pset = pset_add(i, -1, 0, three, c.nmax, ks, nk, ops[i].flags, 0);
    }
    int mto = npsets;

    /* ---- the programs: measure arguments (with --only: the series of those opcodes) ---- */
    series = (aseries *)xmalloc(64 * sizeof *series);
    if (!c.no_args) {
        if (only_has(&c, "EXP")) series_add(&c, "EXP", AS_EXP, 1);
        static const char *const sized[] = {"CALLDATACOPY", "CODECOPY", "RETURNDATACOPY", "MCOPY", "KECCAK256"};
        for (int i = 0; i < 5; i++) if (only_has(&c, sized[i])) series_add(&c, sized[i], AS_SIZE, 2);
        static const char *const all_only[] = {"ISZERO", "ADD", "SUB"};
        for (int i = 0; i < 3; i++) if (only_has(&c, all_only[i])) series_add(&c, all_only[i], AS_OPERAND, -1);
        static const char *const per_arg[] = {"MUL", "DIV", "SDIV", "MOD", "SMOD", "ADDMOD", "MULMOD"};
        for (int i = 0; i < 7; i++) {
            if (!only_has(&c, per_arg[i])) continue;
            series_add(&c, per_arg[i], AS_OPERAND, -1);
            for (int a = 0; a < ops[op_find(per_arg[i])].req; a++) series_add(&c, per_arg[i], AS_OPERAND, a);
        }
    }
    int afrom = mto, ato = npsets;
    if (rv64) {
        pcalls_init();
        if (c.only) {                             /* --only keeps the precompiles it names */
            int n = 0;
            for (int i = 0; i < npcalls; i++)
                if (only_has(&c, pcalls[i].name)) pcalls[n++] = pcalls[i];
            npcalls = n;
        }
    }
    if (mto == mfrom && npcalls == 0) die("no opcode or precompile %s", c.only ? c.only : "");

    /* ---- the time engine (also beside an rv64 run unless --time-from or --no-time) ---- */
    double empty_ns = NAN, elapsed_time = 0;
    analysis A;
    int have_time = 0;
    if (!rv64 || (!c.no_time && !c.time_from)) {
        if (mto > mfrom)
            run_phase("measure marginal", mfrom, mto, c.samples, c.target_ns, c.quantile, &rng);
        if (ato > afrom)
            run_phase("measure arguments", afrom, ato, c.arg_samples, c.arg_target_ns, c.quantile, &rng);
        for (int i = 0; i < nseries; i++) series_fit(&series[i]);
        /* evm_execute of a one-byte STOP program: the fixed cost of a call, for reference */
        static const uint8_t stop_code[1] = {0x00};
        double empty[MAX_SAMPLES], empty_scratch[MAX_SAMPLES];
        run_batch(stop_code, 1, 1000);
        for (int r = 0; r < c.samples; r++) empty[r] = run_batch(stop_code, 1, 1000);
        empty_ns = est_quantile(empty, c.samples, c.quantile, empty_scratch);
        elapsed_time = (now_ns() - t_start) / 1e9;
        A = analyse();
        if (rv64) {
            for (int i = 0; i < nrows && ntrows < 256; i++) {
                snprintf(trows[ntrows].section, sizeof trows[ntrows].section, "%s", rows[i].section);
                set_name(trows[ntrows].name, sizeof trows[ntrows].name, rows[i].name);
                trows[ntrows].scaled = rows[i].scaled;
                trows[ntrows].ns = rows[i].ns;
                ntrows++;
            }
            have_time = 1;
        }
    }
    if (rv64 && c.time_from) {
        ntrows = load_estimate(c.time_from, trows, 256);
        have_time = ntrows > 0;
    }

    /* ---- the rv64 engine ---- */
    double elapsed = elapsed_time;
    if (rv64) {
        double t1 = now_ns();
        rv64_run(&c, "rv64 guest", 0, nprogs, 1);   /* every program: marginal, then arguments */
        for (int i = 0; i < npsets; i++) pset_check_gas(&psets[i]);
        psets_fit(0, npsets);
        for (int i = 0; i < nseries; i++) series_fit(&series[i]);
        elapsed = (now_ns() - t1) / 1e9;
        A = analyse();
    }
    double scale = A.scale, overhead = A.overhead;
    int nscale = A.nscale, s_exp = A.s_exp;

    /* ---- estimate.csv ---- */
    char b1[32], b2[32], b3[32], b4[32], b5[32], b6[32];
    FILE *fp = open_out(c.out, "estimate.csv");
    fprintf(fp, "section,opcode,nominal_gas,our_%s,our_%s_stderr,intercept_%s,r2,scaled_cost,change_pct,"
                "gas_per_instance,in_scale,report_nominal_gas,report_scaled_cost,report_change_pct,"
                "report_client_variability_pct,report_proposed_gas,our_scaled_x1.4,vs_report_pct%s\n", U, U, U,
            rv64 ? ",accel_instr,keccakf_per_instance,outside_accel_instr,instr_per_gas,time_scaled_cost" : "");
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
        fprintf(fp, "%s,%s,%g,%.4f,%.4f,%.2f,%.4f,%.3f,%.1f,%lld,%d,%s,%s,%s,%s,%s,%.3f,%s", w->section,
                w->name, w->nominal, w->ns, w->se, w->intercept, w->r2, w->scaled, w->change, w->gas_per,
                oi >= 0 ? ops[oi].in_scale : 0, b1, b2, b3, b4, b5, w->scaled * REPORT_FINAL_SCALE, b6);
        if (rv64) {
            fmt_num(b1, sizeof b1, time_scaled_of(w->name), 3);
            fprintf(fp, ",%.4f,%.4f,%.4f,%.4f,%s", w->accel, w->kf, w->ns - w->accel,
                    w->nominal > 0 ? w->ns / w->nominal : 0, b1);
        }
        fprintf(fp, "\n");
    }
    fclose(fp);

    /* ---- marginal_points.csv, arguments.csv ---- */
    fp = open_out(c.out, "marginal_points.csv");
    if (rv64) fprintf(fp, "opcode,k,instructions,accel_instructions,keccakf,gas_used\n");
    else fprintf(fp, "opcode,k,time_ns,median_ns,min_ns,max_ns,batch_reps,gas_used\n");
    for (int i = mfrom; i < mto; i++)
        for (int j = 0; j < psets[i].count; j++) {
            const prog *p = &progs[psets[i].first + j];
            if (rv64) {
                fprintf(fp, "%s,%d,%llu,%llu,%llu,%lld\n", ops[psets[i].opi].name, p->k,
                        (unsigned long long)p->instr, (unsigned long long)p->hooks, (unsigned long long)p->kperm,
                        p->gas);
                continue;
            }
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
    fprintf(fp, "series,opcode,unit,length_bytes,units,cost_%s,cost_r2,scaled_cost,gas_per_instance%s\n", U,
            rv64 ? ",accel_instr,keccakf_per_instance" : "");
    for (int s = 0; s < nseries; s++)
        for (int i = 0; i < series[s].npsets; i++) {
            const pset *ps = &psets[series[s].first_pset + i];
            fprintf(fp, "%s,%s,%s,%d,%g,%.4f,%.4f,%.3f,%lld", series[s].name, ops[series[s].opi].name,
                    series[s].unit, ps->L, ps->L / series[s].unit_bytes, ps->fit.slope, ps->fit.r2,
                    ps->fit.slope * scale, ps->gas_per);
            if (rv64) fprintf(fp, ",%.4f,%.4f", ps->hook_fit.slope, ps->kf_fit.slope);
            fprintf(fp, "\n");
        }
    fclose(fp);

    if (rv64) {                     /* every count, exactly: two runs must give the same file */
        fp = open_out(c.out, "counts.csv");
        fprintf(fp, "kind,name,length_bytes,k,instructions,accel_instructions,keccakf,gas_used\n");
        for (int i = 0; i < npsets; i++)
            for (int j = 0; j < psets[i].count; j++) {
                const prog *p = &progs[psets[i].first + j];
                fprintf(fp, "%s,%s,%d,%d,%llu,%llu,%llu,%lld\n", psets[i].series >= 0 ? "argument" : "marginal",
                        psets[i].series >= 0 ? series[psets[i].series].name : ops[psets[i].opi].name, psets[i].L,
                        p->k, (unsigned long long)p->instr, (unsigned long long)p->hooks,
                        (unsigned long long)p->kperm, p->gas);
            }
        for (int i = 0; i < npcalls; i++)
            fprintf(fp, "precompile,%s,%zu,1,%llu,%llu,%llu,%lld\n", pcalls[i].name, pcalls[i].size,
                    (unsigned long long)pcalls[i].instr, (unsigned long long)pcalls[i].hooks,
                    (unsigned long long)pcalls[i].kperm, pcalls[i].gas);
        fprintf(fp, "keccakf,keccak-f[1600],200,1,%llu,0,1,0\n", (unsigned long long)keccakf_instr);
        fclose(fp);
        fp = open_out(c.out, "precompiles.csv");
        fprintf(fp, "precompile,address,group,input_bytes,gas,instructions,accel_instructions,outside_accel,"
                    "instr_per_gas,outside_per_gas,scaled_cost,change_pct\n");
        for (int i = 0; i < npcalls; i++) {
            const pcall *q = &pcalls[i];
            double g = (double)q->gas;
            fprintf(fp, "%s,0x%02x,%s,%zu,%lld,%llu,%llu,%llu,%.3f,%.3f,%.1f,%.1f\n", q->name, q->addr, q->group,
                    q->size, q->gas, (unsigned long long)q->instr, (unsigned long long)q->hooks,
                    (unsigned long long)(q->instr - q->hooks), g > 0 ? q->instr / g : 0,
                    g > 0 ? (q->instr - q->hooks) / g : 0, q->instr * scale, est_change_pct(q->instr * scale, g));
        }
        fclose(fp);
    }

    if (c.raw && !rv64) {           /* every batch, for re-analysis */
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
    write_svg(c.out, scale, U);

    /* ---- report.md ---- */
    fp = open_out(c.out, "report.md");
    struct utsname un;
    char host[300] = "unknown";
    if (uname(&un) == 0) snprintf(host, sizeof host, "%s %s %s", un.sysname, un.release, un.machine);
    time_t now = time(NULL);
    char date[64];
    strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S UTC", gmtime(&now));
    const char *fork_name = g_fork == EVM_OSAKA ? "Osaka" : "Cancun";
    if (rv64) {
        fprintf(fp, "# Gas cost estimate of evm.h in instructions (zk-cost mode, the \"Gas Cost Estimator\" stage III "
                    "method)\n\n");
        fprintf(fp, "- date: %s; host: %s; evm.h revision: %s; build of the estimator: %s\n", date, host,
                *c.rev ? c.rev : "(not given)", *c.build ? c.build : "(not given)");
        fprintf(fp, "- engine **rv64**: every program in the bare-metal rv64im guest `%s` under `%s -icount shift=0`; "
                    "cost = instructions retired between the two `minstret` reads around `evm_execute` (the "
                    "guest is built with the accelerator hooks of `evm_zkvm.h`, our C code inside them, counted apart)\n",
                c.guest, c.qemu);
        fprintf(fp, "- grid of mode **%s**: measure marginal k = 0..%d step %d; measure arguments k in {", c.mode, c.nmax,
                c.step);
        for (int i = 0; i < c.arg_nk; i++) fprintf(fp, "%s%d", i ? "," : "", c.arg_k[i]);
        fprintf(fp, "}; %d guest run%s of every program, **the counts identical in every run**; the guest took "
                    "%.1f s\n", rv64_runs, rv64_runs > 1 ? "s" : "", elapsed);
        fprintf(fp, "- fork %s; nominal gas = the static gas of `evm_gas_table.h`; cost = least-squares slope of the "
                    "instruction count over k; intercept = engine overhead (subtracted); see `bench/README.md`\n\n",
                fork_name);
    } else {
        fprintf(fp, "# Gas cost estimate of evm.h (the \"Gas Cost Estimator\" stage III method)\n\n");
        fprintf(fp, "- date: %s; host: %s; evm.h revision: %s; build: %s\n", date, host,
                *c.rev ? c.rev : "(not given)", *c.build ? c.build : "(not given)");
        fprintf(fp, "- mode **%s**: measure marginal k = 0..%d step %d, %d rounds; measure arguments k in {", c.mode,
                c.nmax, c.step, c.samples);
        for (int i = 0; i < c.arg_nk; i++) fprintf(fp, "%s%d", i ? "," : "", c.arg_k[i]);
        fprintf(fp, "}, %d rounds; batches of about %.0f us; run-order seed %llu; measuring took %.0f s\n",
                c.arg_samples, c.target_ns / 1e3, (unsigned long long)c.seed, elapsed);
        fprintf(fp, "- fork %s; nominal gas = the static gas of `evm_gas_table.h`; program time = the %g-quantile of "
                    "the rounds of ns per `evm_execute` (batch time / executions); cost = least-squares slope over k; "
                    "intercept = engine overhead (subtracted); see `bench/README.md`\n\n", fork_name, c.quantile);
    }
    fprintf(fp, "## Summary\n\n");
    fprintf(fp, "- **scale factor: %.4f gas per %s** (l2 fit to the nominal schedule with the nominal gas as "
                "counterweights, over %d opcodes of the report's set, PUSH1, DUP1 and SWAP1 only from their families)\n",
            scale, rv64 ? "instruction" : "ns", nscale);
    if (rv64)
        fprintf(fp, "- engine overhead: median intercept %.0f instructions (a measurement program with k = 0: its "
                    "set-up pushes and pops plus the per-call work)\n", overhead);
    else
        fprintf(fp, "- engine overhead: median intercept %.0f ns (a measurement program with k = 0: its set-up pushes "
                    "and pops plus the per-call work); `evm_execute` of a one-byte STOP program: %.0f ns\n",
                overhead, empty_ns);
    if (!rv64 && mto > mfrom) {
        int lo_i = mfrom, hi_i = mfrom;
        for (int i = mfrom; i < mto; i++) {
            if (psets[i].reps < psets[lo_i].reps) lo_i = i;
            if (psets[i].reps > psets[hi_i].reps) hi_i = i;
        }
        fprintf(fp, "- batch length in measure marginal: %d (%s) to %d (%s) executions\n", psets[lo_i].reps,
                ops[psets[lo_i].opi].name, psets[hi_i].reps, ops[psets[hi_i].opi].name);
    }
    int lowr2 = 0;
    for (int i = 0; i < nops; i++) if (ops[i].pset >= 0 && ops[i].fit.r2 < 0.9) lowr2++;
    fprintf(fp, "- fits with r^2 < 0.9: %d of %d opcodes (marked `*` below; their cost is small against the %s)\n",
            lowr2, mto - mfrom, rv64 ? "non-linear part" : "noise");
    int nonlin = 0;
    for (int i = 0; i < nops; i++) if (ops[i].pset >= 0 && ops[i].gas_per < 0) nonlin++;
    fprintf(fp, "- gas check: every program ran to success, and gas used is linear in k for %d of %d opcodes "
                "(the column \"gas/inst\" is the measured gas of one instance)%s\n\n",
            mto - mfrom - nonlin, mto - mfrom,
            rv64 && have_time && !c.time_from ? "; the guest's gas used equals the host's for every program" : "");
    if (s_exp >= 0)
        fprintf(fp, "- EXP the report's way (relative to ADD and MUL): **%.2f gas per exponent byte** (nominal 50, "
                    "report's recommendation 25), base %.2f gas (nominal 10)\n\n", A.exp_byte_gas, A.exp_base_gas);

    double order[320][2];
    int no = 0;
    if (rv64) {
        /* ---- the prover's to-do list: most instructions per unit of gas ---- */
        static zkrow zk[320];
        int nzk = 0;
        for (int i = 0; i < nrows && nzk < 320; i++) {
            if (rows[i].nominal <= 0 || rows[i].ns <= 0) continue;
            zkrow *z = &zk[nzk++];
            set_name(z->name, sizeof z->name, rows[i].name);
            z->kind = strcmp(rows[i].section, "argument") ? "opcode" : "opcode (argument)";
            z->instr = rows[i].ns; z->gas = rows[i].nominal; z->accel = rows[i].accel; z->kf = rows[i].kf;
        }
        for (int s = 0; s < nseries && nzk < 320; s++) {
            const aseries *a = &series[s];
            if (a->nominal_per_unit <= 0 || a->fit.slope <= 0) continue;
            zkrow *z = &zk[nzk++];
            snprintf(z->name, sizeof z->name, "%s per %s", ops[a->opi].name, a->unit);
            z->kind = "opcode (per unit)";
            z->instr = a->fit.slope; z->gas = a->nominal_per_unit; z->accel = a->hook_fit.slope; z->kf = a->kf_fit.slope;
        }
        for (int i = 0; i < npcalls && nzk < 320; i++) {
            if (pcalls[i].gas <= 0) continue;
            zkrow *z = &zk[nzk++];
            set_name(z->name, sizeof z->name, pcalls[i].name);
            z->kind = "precompile";
            z->instr = (double)pcalls[i].instr; z->gas = (double)pcalls[i].gas;
            z->accel = (double)pcalls[i].hooks; z->kf = (double)pcalls[i].kperm;
        }
        double zkey[320];
        int zo[320];
        for (int i = 0; i < nzk; i++) zkey[i] = zk[i].instr / zk[i].gas;
        est_order_desc(zkey, nzk, zo);
        fprintf(fp, "## To-do list for provers\n\n"
                    "The ten opcodes or precompiles that cost a prover the most RISC-V instructions per unit of gas "
                    "(instructions per instance, per argument unit or per call, divided by its gas; opcodes: the "
                    "slope over k with the engine overhead left out; precompiles: one `evm_precompiles_run` call, "
                    "no CALL around it). \"in accelerators\" = instructions inside the `evm_zkvm.h` hooks (our C code "
                    "there; a zkVM with that accelerator replaces them by its own circuit); \"outside\" = what is left "
                    "as plain RISC-V. The average opcode of the report's set costs %.1f instructions per gas (1 / the "
                    "scale factor).\n\n", scale > 0 ? 1 / scale : 0);
        fprintf(fp, "| # | opcode or precompile | kind | gas | instructions | instr/gas | in accelerators | "
                    "outside, per gas |\n|---:|:---|:---|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < nzk && i < 10; i++) {
            const zkrow *z = &zk[zo[i]];
            fprintf(fp, "| %d | %s | %s | %.0f | %.0f | **%.1f** | %.0f | %.1f |\n", i + 1, z->name, z->kind, z->gas,
                    z->instr, z->instr / z->gas, z->accel, (z->instr - z->accel) / z->gas);
        }
        fprintf(fp, "\nThe next ten:");
        for (int i = 10; i < nzk && i < 20; i++)
            fprintf(fp, "%s %s (%.1f)", i > 10 ? "," : "", zk[zo[i]].name, zk[zo[i]].instr / zk[zo[i]].gas);
        /* a zkVM with every accelerator of evm_zkvm.h: what stays plain RISC-V */
        for (int i = 0; i < nzk; i++) zkey[i] = (zk[i].instr - zk[i].accel) / zk[i].gas;
        est_order_desc(zkey, nzk, zo);
        fprintf(fp, ".\n\nWith an accelerator for every hooked primitive, the most instructions per gas left "
                    "outside them:");
        for (int i = 0; i < nzk && i < 10; i++)
            fprintf(fp, "%s %s (%.1f)", i ? "," : "", zk[zo[i]].name, zkey[zo[i]]);
        fprintf(fp, ".\n\n");

        /* ---- time against instructions ---- */
        if (have_time) {
            double tv[256], iv[256], rt[256], ri[256], rr[256], rv[256], scr[512];
            int idx[256], n = 0, nrep = 0;
            for (int i = 0; i < nrows && n < 256; i++) {
                if (!strcmp(rows[i].section, "argument")) continue;
                double t = time_scaled_of(rows[i].name);
                if (isnan(t) || t <= 0 || rows[i].scaled <= 0) continue;
                tv[n] = t; iv[n] = rows[i].scaled; idx[n] = i; n++;
            }
            est_ranks(tv, n, rt);
            est_ranks(iv, n, ri);
            for (int i = 0; i < n; i++) {
                const row *w = &rows[idx[i]];
                if (w->rep && !isnan(w->rep->scaled) && w->rep->scaled > 0) {
                    rr[nrep] = w->rep->scaled; rv[nrep] = w->scaled; nrep++;
                }
            }
            double rho_ti = est_spearman(tv, iv, n, scr), rho_ir = est_spearman(rv, rr, nrep, scr);
            for (int i = 0, m = 0; i < n; i++) {
                const row *w = &rows[idx[i]];
                if (w->rep && !isnan(w->rep->scaled) && w->rep->scaled > 0) { rr[m] = w->rep->scaled; rv[m] = tv[i]; m++; }
            }
            double rho_tr = est_spearman(rv, rr, nrep, scr);
            double shift[256];
            int so[256];
            for (int i = 0; i < n; i++) shift[i] = fabs(rt[i] - ri[i]);
            est_order_desc(shift, n, so);
            char time_src[1200];
            if (c.time_from) snprintf(time_src, sizeof time_src, "from `%s/estimate.csv`", c.time_from);
            else snprintf(time_src, sizeof time_src, "the time phases of this run in mode %s, on the host, the same "
                                                     "programs", c.mode);
            fprintf(fp, "## Time against instructions\n\n"
                        "Our time-based estimate (%s), our instruction-based estimate (this run) and the report's "
                        "consensus, each scaled to the schedule by its own l2 factor (the report's divided by its 1.4 "
                        "so that all three stand on the same footing). Rank 1 = the most expensive of the %d opcodes "
                        "that all runs have; ties share the mean rank. Spearman's rank correlation: time vs "
                        "instructions %.3f, time vs report %.3f, instructions vs report %.3f (over the %d opcodes the "
                        "report has).\n\n",
                    time_src,
                    n, rho_ti, rho_tr, rho_ir, nrep);
            fprintf(fp, "Opcodes whose rank differs most between time and instructions:");
            for (int i = 0; i < n && i < 10; i++) {
                int k = so[i];
                fprintf(fp, "%s **%s** (%g -> %g)", i ? "," : "", rows[idx[k]].name, rt[k], ri[k]);
            }
            fprintf(fp, ".\n\n| opcode | nominal | time scaled | rank | instr scaled | rank | rank shift | "
                        "report / 1.4 | instructions | in accelerators |\n"
                        "|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (int i = 0; i < n; i++) {
                int k = so[i];
                const row *w = &rows[idx[k]];
                fmt_num(b1, sizeof b1, w->rep ? w->rep->scaled / REPORT_FINAL_SCALE : NAN, 2);
                fprintf(fp, "| %s | %g | %.2f | %g | %.2f | %g | %+g | %s | %.1f | %.1f |\n", w->name, w->nominal, tv[k],
                        rt[k], w->scaled, ri[k], rt[k] - ri[k], b1, w->ns, w->accel);
            }
            fprintf(fp, "\nrank shift = time rank - instruction rank: positive = the opcode is relatively more "
                        "expensive to prove than to run.\n\n");
        }
    }

    /* to-do lists */
    no = 0;
    for (int i = 0; i < nrows; i++)
        if (strcmp(rows[i].section, "extension")) {
            order[no][0] = est_log_distance(rows[i].scaled, rows[i].nominal); order[no][1] = i; no++;
        }
    qsort(order, (size_t)no, sizeof order[0], cmp_dist_desc);
    fprintf(fp, "## To-do list for the interpreter\n\n");
    fprintf(fp, "### Where we differ most from the nominal schedule\n\n"
                "Ranked by |ln(scaled / nominal)| (x2 and x0.5 rank alike). \"slower\" = the opcode takes more of "
                "our %s than its gas pays for: a candidate for optimisation; \"faster\" = cheap for us.\n\n",
            rv64 ? "instructions" : "time");
    fprintf(fp, "| # | opcode | nominal | scaled | change %% | our %s | r^2 | |\n|---:|:---|---:|---:|---:|---:|---:|:---|\n", U);
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

    const char *accel_head = rv64 ? " in accelerators | keccak-f |" : "";
    const char *accel_rule = rv64 ? "---:|---:|" : "";
    fprintf(fp, "\n## Measure marginal: the report's opcodes\n\n");
    fprintf(fp, "| opcode | nominal | our %s | +- | overhead %s | r^2 | gas/inst | scaled | change %% | report scaled | "
                "report proposed | ours x1.4 vs report %% |%s\n"
                "|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%s\n", U, U, accel_head, accel_rule);
    for (int pass = 0; pass < 3; pass++) {
        static const char *const secname[3] = {"main", "argument", "extension"};
        if (pass == 1) fprintf(fp, "\n## Argument-dependent rows (measure arguments)\n\n"
                                   "`EXP arg1 cost`: per exponent byte (slope of the EXP exponent series, nominal 50). "
                                   "`X expensive cost`: the first operand(s) 32 bytes and the last (divisor, modulus) "
                                   "16 bytes.\n\n"
                                   "| opcode | nominal | our %s | +- | overhead %s | r^2 | gas/inst | scaled | change %% | report scaled | "
                                   "report proposed | ours x1.4 vs report %% |%s\n"
                                   "|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%s\n", U, U, accel_head,
                               accel_rule);
        if (pass == 2) fprintf(fp, "\n## Extension: opcodes the report left out\n\n"
                                   "Post-Merge opcodes (PUSH0, MCOPY, TLOAD, TSTORE, BLOBHASH, BLOBBASEFEE%s) and "
                                   "KECCAK256 and BASEFEE, measured the same way with the same scale factor; not part "
                                   "of the scale. TLOAD/TSTORE go through `evm_state.h`'s transient storage.\n\n"
                                   "| opcode | nominal | our %s | +- | overhead %s | r^2 | gas/inst | scaled | change %% | | | |%s\n"
                                   "|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%s\n",
                               g_fork >= EVM_OSAKA ? ", Osaka's CLZ" : "", U, U, accel_head, accel_rule);
        for (int i = 0; i < nrows; i++) {
            const row *w = &rows[i];
            if (strcmp(w->section, secname[pass])) continue;
            fmt_num(b1, sizeof b1, w->rep ? w->rep->scaled : NAN, 2);
            fmt_num(b2, sizeof b2, w->rep ? w->rep->proposed : NAN, 0);
            fmt_num(b3, sizeof b3, w->vs_report, 1);
            fprintf(fp, "| %s%s | %g | %.3f | %.3f | %.0f | %.3f | %lld | %.2f | %+.1f | %s | %s | %s |", w->name,
                    w->r2 < 0.9 ? " *" : "", w->nominal, w->ns, w->se, w->intercept, w->r2, w->gas_per, w->scaled,
                    w->change, b1, b2, b3);
            if (rv64) fprintf(fp, " %.1f | %.3f |", w->accel, w->kf);
            fprintf(fp, "\n");
        }
    }

    if (s_exp >= 0) {
        fprintf(fp, "\n## EXP relative to ADD and MUL (the report's EXP table)\n\n"
                    "exp_byte_gas = exp_byte_%s / (add_%s + mul_%s) * (3 + 5); exp_base_gas = max(0, "
                    "exp_%s / (add_%s + mul_%s) * 8 - exp_byte_gas), exp_%s = the marginal EXP cost with a 1-byte "
                    "exponent. These formulas reproduce the report's rows (tests/test_estimator.c).%s\n\n",
                U, U, U, U, U, U, U, rv64 ? " Our row is in instructions, the clients' in ns: the gas columns compare." : "");
        fprintf(fp, "| client | ADD | MUL | EXP per byte | EXP per byte gas | EXP base | EXP base gas |\n"
                    "|:---|---:|---:|---:|---:|---:|---:|\n");
        fprintf(fp, "| **evm.h (this run, %s)** | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n", U, A.add_ns, A.mul_ns,
                A.exp_byte_ns, A.exp_byte_gas, A.exp_total_ns, A.exp_base_gas);
        for (int i = 0; i < nrepexps; i++)
            fprintf(fp, "| %s (report, ns) | %g | %g | %g | %g | %g | %g |\n", repexps[i].client, repexps[i].add,
                    repexps[i].mul, repexps[i].byte_ns, repexps[i].byte_gas, repexps[i].base_ns, repexps[i].base_gas);
        fprintf(fp, "\nWith the l2 scale instead: %.2f gas per exponent byte, EXP with a 0-byte exponent %.2f gas "
                    "(intercept of the exponent series %.2f %s).\n",
                A.exp_byte_ns * scale, series[s_exp].fit.intercept * scale, series[s_exp].fit.intercept, U);
    }

    if (nseries) {
        fprintf(fp, "\n## Measure arguments: cost on argument length\n\n"
                    "Per length L: the slope over k (%s per instance); then a least-squares line over L. "
                    "Sizes in 32-byte words (nominal 3 gas per word for the copies, 6 for KECCAK256), exponent "
                    "and operands in bytes. `operands`: every operand L bytes; `argN`: operand N L bytes, the "
                    "others 32 bytes (arg0 = top of the stack). Values are random with a non-zero top byte, the "
                    "same in every run. Full per-L data: `arguments.csv`.%s\n\n", U,
                rv64 ? " \"in accelerators\": instructions inside the hooks per unit (KECCAK256: the whole "
                       "`zkvm_keccak256`, sponge and permutations), \"keccak-f\": permutations per unit." : "");
        fprintf(fp, "| series | unit | points | base %s | %s per unit | r^2 | scaled base | scaled per unit | nominal per unit | min | max |%s\n"
                    "|:---|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|%s\n", U, U,
                rv64 ? " in accelerators per unit | keccak-f per unit |" : "", rv64 ? "---:|---:|" : "");
        for (int s = 0; s < nseries; s++) {
            const aseries *a = &series[s];
            double lo = HUGE_VAL, hi = -HUGE_VAL;
            for (int i = 0; i < a->npsets; i++) {
                double v = psets[a->first_pset + i].fit.slope;
                if (v < lo) lo = v;
                if (v > hi) hi = v;
            }
            fprintf(fp, "| %s | %s | %d | %.2f | %.3f | %.3f | %.2f | %.3f | %g | %.2f | %.2f |", a->name, a->unit,
                    a->npsets, a->fit.intercept, a->fit.slope, a->fit.r2, a->fit.intercept * scale,
                    a->fit.slope * scale, a->nominal_per_unit, lo, hi);
            if (rv64) fprintf(fp, " %.1f | %.4f |", a->hook_fit.slope, a->kf_fit.slope);
            fprintf(fp, "\n");
        }
    }

    if (rv64) {
        int sk = series_find(AS_SIZE, "KECCAK256", 2);
        fprintf(fp, "\n## Accelerated primitives: KECCAK256 with keccak-f counted apart\n\n"
                    "One keccak-f[1600] permutation is **%llu instructions** in this guest (evm.h's `evm__keccakf`, "
                    "no data-dependent branch: the same for every state; measured once per guest run). A zkVM with a "
                    "keccak accelerator replaces the hook (`zkvm_keccak256`: the sponge and its permutations) or only the "
                    "permutations; the rest of KECCAK256 stays plain RISC-V.\n\n", (unsigned long long)keccakf_instr);
        if (sk >= 0) {
            const aseries *a = &series[sk];
            double kfi = a->kf_fit.slope * (double)keccakf_instr;
            fprintf(fp, "| KECCAK256, per 32-byte word | instructions | per gas (6 per word) |\n|:---|---:|---:|\n");
            fprintf(fp, "| all | %.1f | %.1f |\n", a->fit.slope, a->fit.slope / 6);
            fprintf(fp, "| in keccak-f (%.4f permutations per word x %llu) | %.1f | %.1f |\n", a->kf_fit.slope,
                    (unsigned long long)keccakf_instr, kfi, kfi / 6);
            fprintf(fp, "| in the hook outside keccak-f (absorbing, padding) | %.1f | %.1f |\n",
                    a->hook_fit.slope - kfi, (a->hook_fit.slope - kfi) / 6);
            fprintf(fp, "| outside the hook (interpreter, memory) | %.1f | %.1f |\n", a->fit.slope - a->hook_fit.slope,
                    (a->fit.slope - a->hook_fit.slope) / 6);
            fprintf(fp, "\nThe per-word line is a fit over a staircase (one permutation per 136 bytes); base of the "
                        "series (KECCAK256 of 0 bytes, per instance): %.0f instructions, %.0f of them in the hook.\n",
                    a->fit.intercept, a->hook_fit.intercept);
        }
        if (npcalls) {
            fprintf(fp, "\n## Precompiles\n\n"
                        "One `evm_precompiles_run` call each (gas accounting, decoding and checks included; the CALL "
                        "opcode around it is not), at Osaka, valid inputs made by this program (BLS12-381 points: images "
                        "of the map precompiles). \"scaled\" = instructions x the opcodes' scale factor: what the call "
                        "would cost if priced like the average opcode; \"change %%\" against its gas. BLS12-381 has no "
                        "accelerator hook in `evm_zkvm.h` yet, so all of it is plain RISC-V. Also in `precompiles.csv`."
                        "\n\n");
            fprintf(fp, "| precompile | group | input bytes | gas | instructions | instr/gas | in accelerators | "
                        "outside, per gas | scaled | change %% |\n|:---|:---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (int i = 0; i < npcalls; i++) {
                const pcall *q = &pcalls[i];
                double g = (double)q->gas;
                fprintf(fp, "| %s | %s | %zu | %lld | %llu | %.1f | %llu | %.1f | %.0f | %+.0f |\n", q->name, q->group,
                        q->size, q->gas, (unsigned long long)q->instr, g > 0 ? q->instr / g : 0,
                        (unsigned long long)q->hooks, g > 0 ? (q->instr - q->hooks) / g : 0, q->instr * scale,
                        est_change_pct(q->instr * scale, g));
            }
        }
    }
    fprintf(fp, "\n## Files\n\n- `estimate.csv`: one row per opcode (and the argument-derived rows), ours beside the "
                "report's figures\n- `marginal_points.csv`: %s per program (opcode, k)\n"
                "- `arguments.csv`: cost per argument length\n- `chart.svg`: scaled cost beside nominal gas\n%s"
                "- the report's figures: `bench/estimate/report_stage3.csv`, `bench/estimate/report_stage3_exp.csv`\n",
            rv64 ? "instructions, in accelerators, keccak-f permutations, gas" : "median, min, max ns",
            rv64 ? "- `precompiles.csv`: the precompile calls\n- `counts.csv`: every count of the run, exact (two runs "
                   "give the same file)\n" : "");
    fclose(fp);

    fprintf(stderr, "scale %.4f gas/%s over %d opcodes; wrote %s/{report.md,estimate.csv,arguments.csv,"
                    "marginal_points.csv,chart.svg%s} (%.0f s)\n", scale, U, nscale, c.out,
            rv64 ? ",precompiles.csv,counts.csv" : "", (now_ns() - t_start) / 1e9);
    est_engine_destroy(&eng);
    if (rv64) evm_precompiles_destroy(&host_pc);
    return 0;
}

/* ---------------------------------------------------------------------------------
   --compare: two runs side by side
   --------------------------------------------------------------------------------- */
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
