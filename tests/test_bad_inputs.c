/* test_bad_inputs.c - hostile input on the whole stack (evm_state.h as the host), the cases
   of tests/bad_inputs.md not already covered by test_evm.c, test_core.c, test_json.c,
   test_state.c and test_tx.c: offsets and sizes near 2^64 (and sums that wrap) for every
   memory-touching opcode, jumps into PUSH data, a message at depth 1024, an arena smaller
   than one frame, a capped arena, allocators failing at each request, impossible
   arguments. Each gives a clear status; the state is unchanged after an abort. Also the
   regression tests of what fuzzing found (fuzz/). */
#define EVM_IMPLEMENTATION
#define EVM_STATE_NO_PRECOMPILES
#include "../evm_state.h"
#include "test.h"
#include <stdlib.h>

static evm_address addr_of(uint8_t last)
{
    evm_address a;
    memset(&a, 0, sizeof a);
    a.bytes[19] = last;
    return a;
}

/* An allocator that fails from request `fail_from` on (-1: never) and counts live blocks. */
typedef struct failing { long live, requests, fail_from; } failing;
static void *failing_realloc(void *user, void *ptr, size_t size)
{
    failing *c = (failing *)user;
    if (size == 0) {
        if (ptr) c->live--;
        free(ptr);
        return NULL;
    }
    if (c->fail_from >= 0 && c->requests++ >= c->fail_from)
        return NULL;
    void *p = realloc(ptr, size);
    if (p && !ptr) c->live++;
    return p;
}

typedef struct run_opts {
    evm_fork fork;
    int64_t gas;
    int32_t depth;
    const evm_vm_desc *desc;      /* NULL: defaults */
    const char *callee;           /* code of 0xc2, if any */
} run_opts;

static evm_state st;
static uint8_t out[256];

/* Run hex code as contract 0xc1 (storage slot 0 = 7) on a fresh state; returns the status
   and keeps the output in `out`. */
static evm_status run_with(const run_opts *o, const char *hex, evm_result *r)
{
    static uint8_t code[8192], code2[8192];
    long n = test_hex(hex, code, sizeof code);
    CHECK(n >= 0);
    evm_state_init(&st, NULL);
    evm_address c = addr_of(0xc1), caller = addr_of(0xca);
    evm_u256 zero = evm_u256_from_u64(0), seven = evm_u256_from_u64(7), big = {{0, 0, 1, 0}};
    evm_state_set_code(&st, &c, code, n < 0 ? 0 : (size_t)n);
    evm_state_set_storage(&st, &c, &zero, &seven);
    evm_state_set_balance(&st, &caller, &big);
    if (o->callee) {
        long m = test_hex(o->callee, code2, sizeof code2);
        evm_address b = addr_of(0xc2);
        evm_state_set_code(&st, &b, code2, m < 0 ? 0 : (size_t)m);
    }
    evm_state_begin_transaction(&st, o->fork);
    evm_vm vm;
    evm_vm_init(&vm, o->desc);
    evm_message m;
    memset(&m, 0, sizeof m);
    m.kind = EVM_CALL;
    m.gas = o->gas;
    m.depth = o->depth;
    m.recipient = m.code_address = c;
    m.sender = caller;
    evm_tx_context tx;
    memset(&tx, 0, sizeof tx);
    tx.number = 1000;
    tx.gas_limit = 30000000;
    evm_status s = evm_execute(&vm, evm_state_host(), &st, o->fork, &tx, &m, r);
    CHECK_EQ_UINT(vm.arena.blocks, 0);
    if (r->output_size && r->output_size <= sizeof out) {
        memcpy(out, r->output, r->output_size);
        r->output = out;
    }
    evm_vm_destroy(&vm);
    return s;
}

static evm_status run(evm_fork fork, const char *hex, int64_t gas, evm_result *r)
{
    run_opts o = {fork, gas, 0, NULL, NULL};
    evm_status s = run_with(&o, hex, r);
    evm_state_destroy(&st);
    return s;
}

static uint64_t slot(uint64_t key)
{
    evm_address c = addr_of(0xc1);
    evm_u256 k = evm_u256_from_u64(key), v = evm_state_storage(&st, &c, &k);
    return v.w[0];
}

#define P8_MAX "67ffffffffffffffff"                 /* PUSH8 2^64 - 1 */
#define P8_MAX_32 "67ffffffffffffffe0"              /* PUSH8 2^64 - 32 */
#define P9_2_64 "68010000000000000000"              /* PUSH9 2^64 */

/* Every memory-touching opcode with an offset or size near 2^64, or an offset + size that
   wraps past 2^64: out of gas (all gas used), never an allocation attempt of that size. */
static void test_offsets_near_2_64(void)
{
    static const char *const cases[] = {
        "6001" "6000" P8_MAX "39",                       /* CODECOPY(2^64-1, 0, 1) */
        "6020" "6000" P8_MAX_32 "6001" "01" "39",        /* CODECOPY(2^64-31, 0, 32): wraps */
        "6001" "6000" P8_MAX "60c1" "3c",                /* EXTCODECOPY(c1, 2^64-1, 0, 1) */
        "6001" P8_MAX "6000" "5e",                       /* MCOPY(0, 2^64-1, 1): source */
        "6001" "6000" P8_MAX "5e",                       /* MCOPY(2^64-1, 0, 1): destination */
        P8_MAX "6000" "6000" "5e",                       /* MCOPY(0, 0, 2^64-1): size */
        "6020" P8_MAX_32 "6001" "01" "a0",               /* LOG0(2^64-31, 32): wraps */
        P8_MAX "6000" "a0",                              /* LOG0(0, 2^64-1) */
        "6000" "6000" "6001" P8_MAX "6000" "60c2" "5a" "f1",      /* CALL input at 2^64-1 */
        P8_MAX "6000" "6000" "6000" "6000" "60c2" "5a" "f1",      /* CALL output size 2^64-1 */
        "6020" P8_MAX_32 "6001" "01" "6000" "6000" "6000" "60c2" "5a" "f1", /* CALL output wraps */
        P8_MAX "6000" "6000" "f0",                       /* CREATE(0, 0, 2^64-1) */
        "6000" P8_MAX "6000" "6000" "f5",                /* CREATE2(0, 0, 2^64-1, 0) */
        "6001" P8_MAX "fd",                              /* REVERT(2^64-1, 1) */
        "6001" P8_MAX "20",                              /* KECCAK256(2^64-1, 1) */
        "6020" P8_MAX_32 "6001" "01" "20",               /* KECCAK256(2^64-31, 32): wraps */
        "6020" "6000" P8_MAX_32 "6001" "01" "37",        /* CALLDATACOPY(2^64-31, 0, 32): wraps */
        "6000" P9_2_64 "52",                             /* MSTORE(2^64, 0) */
        P9_2_64 "51",                                    /* MLOAD(2^64) */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        evm_result r;
        evm_status s = run(EVM_CANCUN, cases[i], 1000000, &r);
        if (s != EVM_OUT_OF_GAS) printf("  case %zu: %s\n", i, evm_status_name(s));
        CHECK_EQ_INT(s, EVM_OUT_OF_GAS);
        CHECK_EQ_INT(r.gas_left, 0);
    }
    /* zero sizes at huge offsets cost nothing and touch no memory */
    static const char *const free_cases[] = {
        "6000" "6000" P8_MAX "39" "5900",                /* CODECOPY(2^64-1, 0, 0); MSIZE */
        "6000" P9_2_64 P9_2_64 "5e" "5900",              /* MCOPY(2^64, 2^64, 0) */
        "6000" P9_2_64 "a0" "5900",                      /* LOG0(2^64, 0) */
        "6000" P9_2_64 "6000" "6000" "6000" "60c2" "5a" "f1" "5900", /* CALL, empty regions */
        "6000" "6000" P9_2_64 "3e" "5900",               /* RETURNDATACOPY(2^64, 0, 0) */
    };
    for (size_t i = 0; i < sizeof free_cases / sizeof free_cases[0]; i++) {
        evm_result r;
        CHECK_EQ_INT(run(EVM_CANCUN, free_cases[i], 1000000, &r), EVM_SUCCESS);
    }
    /* RETURNDATACOPY with a source range beyond the return data: an exceptional halt, even
       for size 1 at 2^64 - 1 (no wrap to a valid range) and for size 0 at 2^64 (the
       specification checks offset + size against the return data size whatever the size) */
    evm_result r;
    CHECK_EQ_INT(run(EVM_CANCUN, "6001" P8_MAX "6000" "3e", 100000, &r), EVM_INVALID_MEMORY_ACCESS);
    CHECK_EQ_INT(r.gas_left, 0);
    CHECK_EQ_INT(run(EVM_CANCUN, "6000" P9_2_64 "6000" "3e", 100000, &r), EVM_INVALID_MEMORY_ACCESS);
    /* values that are not offsets: CALLDATALOAD(2^64-1) is 0, BYTE(2^64, x) is 0,
       SIGNEXTEND(2^64, x) is x, SHL(2^64, 1) is 0, BLOCKHASH(2^64 + 999) is 0,
       JUMP(2^64) is a bad jump */
    CHECK_EQ_INT(run(EVM_CANCUN, P8_MAX "35" "600055" "00", 100000, &r), EVM_SUCCESS);
    CHECK_EQ_INT(run(EVM_CANCUN, "60ff" P9_2_64 "1a" "600052" "60206000f3", 100000, &r), EVM_SUCCESS);
    CHECK_EQ_INT(r.output_size, 32);
    CHECK_EQ_INT(out[31], 0);
    CHECK_EQ_INT(run(EVM_CANCUN, "60ff" P9_2_64 "0b" "600052" "60206000f3", 100000, &r), EVM_SUCCESS);
    CHECK_EQ_INT(out[31], 0xff);
    CHECK_EQ_INT(out[0], 0);
    CHECK_EQ_INT(run(EVM_CANCUN, "6001" P9_2_64 "1b" "600052" "60206000f3", 100000, &r), EVM_SUCCESS);
    CHECK_EQ_INT(out[31], 0);
    CHECK_EQ_INT(run(EVM_CANCUN, "680100000000000003e7" "40" "600052" "60206000f3", 100000, &r), EVM_SUCCESS);
    CHECK_EQ_INT(out[0] | out[31], 0);
    CHECK_EQ_INT(run(EVM_CANCUN, P9_2_64 "56", 100000, &r), EVM_BAD_JUMP_DESTINATION);
}

/* JUMPDEST bytes inside PUSH data are not destinations, wherever the PUSH is. */
static void test_jumps_into_push_data(void)
{
    evm_result r;
    /* PUSH1 3; JUMPI-taken into PUSH1's data (0x5b) */
    CHECK_EQ_INT(run(EVM_CANCUN, "6001" "6006" "57" "00" "605b" "00", 100, &r), EVM_BAD_JUMP_DESTINATION);
    /* a 0x5b at the end of a PUSH32's data */
    CHECK_EQ_INT(run(EVM_CANCUN, "6022" "56" "7f" "0000000000000000000000000000000000000000000000000000000000005b5b"
                     "00", 100, &r), EVM_BAD_JUMP_DESTINATION);
    /* ... and the JUMPDEST right after the PUSH32 is one */
    CHECK_EQ_INT(run(EVM_CANCUN, "6024" "56" "7f" "0000000000000000000000000000000000000000000000000000000000005b5b"
                     "5b" "00", 100, &r), EVM_SUCCESS);
    /* a truncated PUSH whose missing bytes would cover a 0x5b: still data */
    CHECK_EQ_INT(run(EVM_CANCUN, "6003" "56" "62" "5b", 100, &r), EVM_BAD_JUMP_DESTINATION);
    /* jump to the code size exactly (the implicit STOP is not a JUMPDEST) */
    CHECK_EQ_INT(run(EVM_CANCUN, "6003" "56", 100, &r), EVM_BAD_JUMP_DESTINATION);
}

/* A message at depth 1024: its own CALL and CREATE fail (result 0, gas returned), the
   frame goes on and succeeds. A message deeper than 1024 is refused. */
static void test_depth_1024(void)
{
    evm_result r;
    run_opts o = {EVM_CANCUN, 1000000, 1024, NULL, "6001600055"};
    /* SSTORE(1, CALL(gas, c2, 0, 0, 0, 0, 0)); SSTORE(2, CREATE(0, 0, 0)); SSTORE(3, 1) */
    CHECK_EQ_INT(run_with(&o, "6000600060006000600060c25af1600155" "600060006000f0600255" "6001600355", &r),
                 EVM_SUCCESS);
    CHECK_EQ_UINT(slot(1), 0);
    CHECK_EQ_UINT(slot(2), 0);
    CHECK_EQ_UINT(slot(3), 1);
    evm_address b = addr_of(0xc2);
    evm_u256 k = evm_u256_from_u64(0), v = evm_state_storage(&st, &b, &k);
    CHECK(evm_u256_is_zero(&v));                       /* the callee never ran */
    CHECK(r.gas_left > 1000000 - 100000);              /* the call's gas came back */
    evm_state_destroy(&st);
    o.depth = 1023;                                    /* one level less: the callee runs */
    CHECK_EQ_INT(run_with(&o, "6000600060006000600060c25af1600155", &r), EVM_SUCCESS);
    CHECK_EQ_UINT(slot(1), 1);
    evm_state_destroy(&st);
    o.depth = 1025;
    CHECK_EQ_INT(run_with(&o, "00", &r), EVM_CALL_DEPTH_EXCEEDED);
    CHECK_EQ_INT(r.gas_left, 1000000);
    evm_state_destroy(&st);
}

/* The arena: a buffer smaller than one frame, a capped growing arena, and allocators that
   fail at every request in turn. Aborts leave the state as it was and leak nothing. */
static void test_arena_and_allocator(void)
{
    evm_result r;
    static uint8_t small[4096];
    evm_vm_desc d;
    memset(&d, 0, sizeof d);
    d.arena_buffer = small;
    d.arena_size = sizeof small;
    run_opts o = {EVM_CANCUN, 100000, 0, &d, NULL};
    CHECK_EQ_INT(run_with(&o, "6001600055", &r), EVM_ARENA_EXHAUSTED);
    CHECK_EQ_INT(r.gas_left, 0);
    CHECK_EQ_UINT(slot(0), 7);
    evm_state_destroy(&st);

    /* a growing arena capped at two frames: recursion stops with ARENA_EXHAUSTED and every
       SSTORE of every frame is undone */
    memset(&d, 0, sizeof d);
    d.arena_limit = 2 * evm_frame_block_size(64) + 4096;
    o.desc = &d;
    o.gas = 10000000;
    CHECK_EQ_INT(run_with(&o, "600054600101600055" "6000600060006000600030" "5a" "f1" "00", &r),
                 EVM_ARENA_EXHAUSTED);
    CHECK_EQ_UINT(slot(0), 7);
    evm_state_destroy(&st);

    /* an allocator failing at request k, for every k until the run succeeds: each run ends
       in OUT_OF_MEMORY or ARENA_EXHAUSTED (the arena's chunk is the first request) with
       the state untouched, or succeeds; nothing leaks */
    const char *code = "600160005560aa610100536020610100600060006000" "60c25af1" "50" "6020610100f3";
    int statuses[EVM_STATUS_COUNT] = {0};
    for (long k = 0; k < 50; k++) {
        failing f = {0, 0, k};
        memset(&d, 0, sizeof d);
        d.allocator.realloc = failing_realloc;
        d.allocator.user = &f;
        run_opts fo = {EVM_CANCUN, 1000000, 0, &d, "60ff60005260206000f3"};
        evm_status s = run_with(&fo, code, &r);
        statuses[s]++;
        if (s == EVM_SUCCESS) {
            CHECK_EQ_UINT(slot(0), 1);
            CHECK_EQ_UINT(r.output_size, 32);
            evm_state_destroy(&st);
            CHECK_EQ_INT(f.live, 0);
            break;
        }
        if (s != EVM_OUT_OF_MEMORY && s != EVM_ARENA_EXHAUSTED)
            printf("  allocation %ld fails: %s\n", k, evm_status_name(s));
        CHECK(s == EVM_OUT_OF_MEMORY || s == EVM_ARENA_EXHAUSTED);
        CHECK_EQ_UINT(slot(0), 7);
        CHECK_EQ_INT(r.gas_left, 0);
        CHECK_EQ_UINT(evm_state_log_count(&st), 0);
        evm_state_destroy(&st);
        CHECK_EQ_INT(f.live, 0);
    }
    CHECK_EQ_INT(statuses[EVM_SUCCESS], 1);
    CHECK(statuses[EVM_ARENA_EXHAUSTED] >= 1);
    CHECK(statuses[EVM_OUT_OF_MEMORY] >= 1);
}

/* evm_execute refuses what cannot be run, before touching anything. */
static void test_impossible_arguments(void)
{
    evm_state s;
    evm_state_init(&s, NULL);
    evm_vm vm;
    evm_vm_init(&vm, NULL);
    evm_tx_context tx;
    memset(&tx, 0, sizeof tx);
    evm_message m;
    memset(&m, 0, sizeof m);
    m.gas = 100;
    evm_result r;
    const evm_host *h = evm_state_host();
    CHECK_EQ_INT(evm_execute(NULL, h, &s, EVM_CANCUN, &tx, &m, &r), EVM_INVALID_ARGUMENT);
    CHECK_EQ_INT(evm_execute(&vm, NULL, &s, EVM_CANCUN, &tx, &m, &r), EVM_INVALID_ARGUMENT);
    CHECK_EQ_INT(evm_execute(&vm, h, &s, EVM_CANCUN, NULL, &m, &r), EVM_INVALID_ARGUMENT);
    CHECK_EQ_INT(evm_execute(&vm, h, &s, EVM_CANCUN, &tx, NULL, &r), EVM_INVALID_ARGUMENT);
    CHECK_EQ_INT(evm_execute(&vm, h, &s, EVM_CANCUN, &tx, &m, NULL), EVM_SUCCESS);   /* result optional */
    CHECK_EQ_INT(evm_execute(&vm, h, &s, (evm_fork)-1, &tx, &m, &r), EVM_INVALID_ARGUMENT);
    m.kind = (evm_call_kind)7;
    CHECK_EQ_INT(evm_execute(&vm, h, &s, EVM_CANCUN, &tx, &m, &r), EVM_INVALID_ARGUMENT);
    m.kind = EVM_CALL;
    m.code_size = 3;                                   /* code_size without code */
    CHECK_EQ_INT(evm_execute(&vm, h, &s, EVM_CANCUN, &tx, &m, &r), EVM_INVALID_ARGUMENT);
    m.code_size = 0;
    m.depth = -1;
    CHECK_EQ_INT(evm_execute(&vm, h, &s, EVM_CANCUN, &tx, &m, &r), EVM_CALL_DEPTH_EXCEEDED);
    m.depth = 0;
    m.value = evm_u256_from_u64(1);                    /* the sender has nothing */
    CHECK_EQ_INT(evm_execute(&vm, h, &s, EVM_CANCUN, &tx, &m, &r), EVM_INSUFFICIENT_BALANCE);
    CHECK_EQ_INT(r.gas_left, 100);
    CHECK_EQ_STR(evm_status_name((evm_status)99), "unknown status");
    CHECK_EQ_STR(evm_fork_name((evm_fork)99), "unknown fork");
    evm_fork f;
    CHECK(!evm_fork_from_name("Amsterdam", &f));
    CHECK(!evm_fork_from_name(NULL, &f));
    evm_vm_destroy(&vm);
    evm_vm_destroy(NULL);                              /* harmless */
    CHECK_EQ_INT(evm_vm_init(NULL, NULL), EVM_INVALID_ARGUMENT);
    evm_state_destroy(&s);
}

int main(void)
{
    RUN(test_offsets_near_2_64);
    RUN(test_jumps_into_push_data);
    RUN(test_depth_1024);
    RUN(test_arena_and_allocator);
    RUN(test_impossible_arguments);
    return TEST_END("test_bad_inputs");
}
