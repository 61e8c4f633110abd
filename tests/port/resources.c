/* resources.c - the resource figures of `make portability`, measured on every target:
     stack.base    what the stack set-up itself takes (a thread's descriptor and TLS at
                   the top of its stack, on hosted targets): part of the two below
     stack.one     C stack bytes used by one execution (a loop, memory, RETURN) on the
                   tiny host, measured by painting a 64 KiB stack (tests/small_stack.h)
     stack.chain3  the same for a 3-frame call chain (the message starts at depth 1022)
     stack.deep    the same for the 1025-frame chain (depths 0..1024) of that contract:
                   the interpreter keeps frames on its own stack, so this must equal
                   stack.chain3 (within DEPTH_SLACK bytes)
     arena.block   evm_frame_block_size() of the chain's contract (40 bytes of code)
     arena.need    1025 blocks: the arena bytes the deepest call chain needs
     arena.peak    vm.arena.peak measured over the chain (must equal arena.need)
   and checks them: the chain runs in a static arena of exactly arena.need bytes, and
   aborts with EVM_ARENA_EXHAUSTED in one of a byte less. Each figure is printed as
   "figure NAME VALUE"; the checks end with "resources: N passed, N failed". */
#define _POSIX_C_SOURCE 200809L
#define EVM_IMPLEMENTATION
#include "../../evm.h"
#include "../test.h"
#include "../mini_host.h"
#include "../small_stack.h"
#include <stdlib.h>

#define STACK_SIZE (64 * 1024)
#define DEEP_FRAMES 1025
/* what the 1025-frame chain may take over the 3-frame one: nothing (both run in a static
   arena; a growing arena would add the allocator's own stack when it takes a new chunk) */
#define DEPTH_SLACK 0

static mini_host host;
static evm_tx_context txc;
static uint8_t code[256];

static evm_address addr_of(uint8_t last)
{
    evm_address a;
    memset(&a, 0, sizeof a);
    a.bytes[19] = last;
    return a;
}

/* slot0 += 1; CALL(gas - 256, self, 0, 0, 0, 0, 0); STOP  (test_evm.c's run_deep) */
static const char deep_hex[] = "600054600101600055" "60006000600060006000" "30" "610100" "5a" "03" "f1" "00";
/* Fibonacci(90) by a loop, MSTORE, RETURN (examples/embed.c) */
static const char loop_hex[] = "60006001605a" "5b" "8015601857" "60019003" "9181019091" "600656"
                               "5b5050" "60005260206000f3";

typedef struct job {
    const char *hex;
    evm_fork fork;
    int32_t depth;
    evm_vm_desc desc;
    evm_status status;
    uint64_t slot0;
    size_t peak;
    size_t code_size;
} job;

static void run_job(void *p)
{
    job *j = (job *)p;
    memset(&host, 0, sizeof host);
    host.fork = j->fork;
    memset(&txc, 0, sizeof txc);
    txc.gas_limit = 30000000;
    evm_address caller = addr_of(2), contract = addr_of(1);
    mini_add_account(&host, &caller, 1000000000, 0, NULL, 0);
    long n = test_hex(j->hex, code, sizeof code);
    j->code_size = n < 0 ? 0 : (size_t)n;
    mini_add_account(&host, &contract, 0, 1, code, j->code_size);
    evm_vm vm;
    evm_vm_init(&vm, &j->desc);
    evm_message m;
    memset(&m, 0, sizeof m);
    m.kind = EVM_CALL;
    m.gas = 100000000;
    m.depth = j->depth;
    m.recipient = m.code_address = contract;
    m.sender = caller;
    mini_begin_tx(&host);
    evm_result r;
    j->status = evm_execute(&vm, &mini_host_iface, &host, j->fork, &txc, &m, &r);
    j->slot0 = mini_storage(&host, &contract, 0).w[0];
    j->peak = vm.arena.peak;
    evm_vm_destroy(&vm);
}

static void figure(const char *name, unsigned long long v) { printf("figure %s %llu\n", name, v); }

static void nothing(void *p) { (void)p; }

/* A static arena big enough for the deepest chain, so that the stack figures measure the
   interpreter and not the allocator growing a chunked arena. */
static uint8_t *arena_buf;
static size_t arena_len;
static evm_vm_desc static_arena(void)
{
    evm_vm_desc d;
    memset(&d, 0, sizeof d);
    if (!arena_buf) {
        arena_len = evm_frame_block_size(64) * DEEP_FRAMES + EVM_ARENA_ALIGN;
        arena_buf = (uint8_t *)malloc(arena_len);
    }
    d.arena_buffer = arena_buf;
    d.arena_size = arena_buf ? arena_len : 0;
    return d;
}

static size_t stack_base, stack_one, stack_chain3, stack_deep;
static void stack_figures(void)
{
    CHECK_EQ_INT(small_stack_run(STACK_SIZE, nothing, NULL, &stack_base), 0);
    CHECK(static_arena().arena_buffer != NULL);
    job one = {loop_hex, EVM_CANCUN, 0, static_arena(), EVM_INVALID_ARGUMENT, 0, 0, 0};
    CHECK_EQ_INT(small_stack_run(STACK_SIZE, run_job, &one, &stack_one), 0);
    CHECK_EQ_INT(one.status, EVM_SUCCESS);
    job chain3 = {deep_hex, EVM_FRONTIER, 1022, static_arena(), EVM_INVALID_ARGUMENT, 0, 0, 0};
    CHECK_EQ_INT(small_stack_run(STACK_SIZE, run_job, &chain3, &stack_chain3), 0);
    CHECK_EQ_INT(chain3.status, EVM_SUCCESS);
    CHECK_EQ_UINT(chain3.slot0, 3);
    job deep = {deep_hex, EVM_FRONTIER, 0, static_arena(), EVM_INVALID_ARGUMENT, 0, 0, 0};
    CHECK_EQ_INT(small_stack_run(STACK_SIZE, run_job, &deep, &stack_deep), 0);
    CHECK_EQ_INT(deep.status, EVM_SUCCESS);
    CHECK_EQ_UINT(deep.slot0, DEEP_FRAMES);
    figure("stack.base", stack_base);
    figure("stack.one", stack_one);
    figure("stack.chain3", stack_chain3);
    figure("stack.deep", stack_deep);
    CHECK(stack_one > 0 && stack_deep <= STACK_SIZE);
    CHECK(stack_deep <= stack_chain3 + DEPTH_SLACK);  /* the C stack does not grow with depth */
    free(arena_buf);
    arena_buf = NULL;
}

static void arena_figures(void)
{
    /* a growing arena: what the chain really takes */
    job deep = {deep_hex, EVM_FRONTIER, 0, {{0, 0}, 0, 0, 0, 0, 0, 0, 0}, EVM_INVALID_ARGUMENT, 0, 0, 0};
    run_job(&deep);
    size_t block = evm_frame_block_size(deep.code_size), need = block * DEEP_FRAMES;
    figure("arena.block", block);
    figure("arena.need", need);
    figure("arena.peak", deep.peak);
    CHECK_EQ_UINT(deep.slot0, DEEP_FRAMES);
    CHECK_EQ_UINT(deep.peak, need);
    /* a static arena of exactly that size suffices; one byte less does not */
    uint8_t *buf = (uint8_t *)malloc(need + EVM_ARENA_ALIGN);
    CHECK(buf != NULL);
    if (!buf) return;
    uint8_t *aligned = buf + (EVM_ARENA_ALIGN - (size_t)((uintptr_t)buf % EVM_ARENA_ALIGN)) % EVM_ARENA_ALIGN;
    job fixed = deep;
    fixed.desc.arena_buffer = aligned;
    fixed.desc.arena_size = need;
    run_job(&fixed);
    CHECK_EQ_INT(fixed.status, EVM_SUCCESS);
    CHECK_EQ_UINT(fixed.slot0, DEEP_FRAMES);
    fixed.desc.arena_size = need - 1;
    run_job(&fixed);
    CHECK_EQ_INT(fixed.status, EVM_ARENA_EXHAUSTED);
    free(buf);
}

int main(void)
{
    RUN(stack_figures);
    RUN(arena_figures);
    return TEST_END("resources");
}
