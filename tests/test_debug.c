/* test_debug.c - evm_debug.h: step mode, breakpoints on pc / opcode / depth, the stack,
   memory and storage seen at a pause, a chained tracer. */
#define EVM_IMPLEMENTATION
#define EVM_STATE_NO_PRECOMPILES
#include "../evm.h"
#include "../evm_state.h"
#include "../evm_debug.h"
#include "test.h"

typedef struct seen {
    int pauses;
    uint32_t pcs[64];
    int32_t depths[64];
    evm_u256 top[64];
    uint64_t slot0[64];
    evm_debug_action next;
    evm_state *st;
    int chained;
} seen;

static evm_debug_action record(void *user, evm_debugger *d, const evm_step *s)
{
    seen *w = (seen *)user;
    (void)d;
    if (w->pauses < 64) {
        w->pcs[w->pauses] = s->pc;
        w->depths[w->pauses] = s->depth;
        if (!evm_debug_stack(s, 0, &w->top[w->pauses]))
            w->top[w->pauses] = evm_u256_from_u64(0xdead);
        evm_u256 k = evm_u256_from_u64(0);
        w->slot0[w->pauses] = evm_debug_storage(evm_state_host(), w->st, s, &k).w[0];
    }
    w->pauses++;
    return w->next;
}

static void chained(void *user, const evm_step *s)
{
    (void)s;
    ((seen *)user)->chained++;
}

/* 0x1000: PUSH1 7 PUSH1 0 SSTORE, CALL 0x2000 (all gas), PUSH1 0x2a PUSH1 0 MSTORE STOP
   0x2000: PUSH1 1 PUSH1 2 ADD STOP */
static const uint8_t outer[] = {0x60, 0x07, 0x60, 0x00, 0x55,                      /* 0..4 */
                                0x60, 0x00, 0x60, 0x00, 0x60, 0x00, 0x60, 0x00, 0x60, 0x00, /* 5..14 */
                                0x61, 0x20, 0x00, 0x5a, 0xf1, 0x50,                /* 15..20 */
                                0x60, 0x2a, 0x60, 0x00, 0x52, 0x00};               /* 21..26 */
static const uint8_t inner[] = {0x60, 0x01, 0x60, 0x02, 0x01, 0x00};

static void run(seen *w, evm_debugger *d)
{
    evm_state st;
    evm_state_init(&st, NULL);
    w->st = &st;
    evm_address a1, a2, caller;
    memset(&a1, 0, sizeof a1);
    memset(&a2, 0, sizeof a2);
    memset(&caller, 0, sizeof caller);
    a1.bytes[18] = 0x10;
    a2.bytes[18] = 0x20;
    caller.bytes[19] = 1;
    CHECK(evm_state_set_code(&st, &a1, outer, sizeof outer));
    CHECK(evm_state_set_code(&st, &a2, inner, sizeof inner));
    evm_vm_desc desc;
    memset(&desc, 0, sizeof desc);
    evm_debug_attach(d, &desc);
    evm_vm vm;
    evm_vm_init(&vm, &desc);
    evm_tx_context tx;
    memset(&tx, 0, sizeof tx);
    evm_message m;
    memset(&m, 0, sizeof m);
    m.kind = EVM_CALL;
    m.gas = 100000;
    m.recipient = m.code_address = a1;
    m.sender = caller;
    evm_state_begin_transaction(&st, EVM_CANCUN);
    evm_result r;
    evm_execute(&vm, evm_state_host(), &st, EVM_CANCUN, &tx, &m, &r);
    CHECK_EQ_INT(r.status, EVM_SUCCESS);
    evm_vm_destroy(&vm);
    evm_state_destroy(&st);
}

static void test_step_mode(void)
{
    seen w;
    memset(&w, 0, sizeof w);
    w.next = EVM_DEBUG_STEP;
    evm_debugger d;
    evm_debug_init(&d, record, &w);
    d.chain = chained;
    d.chain_user = &w;
    run(&w, &d);
    /* 16 instructions at depth 1 and 4 at depth 2: every one pauses */
    CHECK_EQ_INT(w.pauses, 20);
    CHECK_EQ_INT(w.chained, 20);
    CHECK_EQ_UINT(d.steps, 20);
    CHECK_EQ_UINT(w.pcs[2], 4);                 /* SSTORE */
    CHECK_EQ_UINT(w.top[2].w[0], 0);            /* key on top */
    CHECK_EQ_UINT(w.slot0[2], 0);               /* before it runs */
    CHECK_EQ_UINT(w.slot0[3], 7);               /* after */
    CHECK_EQ_UINT(w.pcs[11], 0);                /* the child's first step */
    CHECK_EQ_INT(w.depths[11], 2);
    CHECK_EQ_UINT(w.slot0[11], 0);              /* 0x2000's storage */
    CHECK_EQ_UINT(w.pcs[15], 20);               /* POP after the CALL */
    CHECK_EQ_UINT(w.top[15].w[0], 1);           /* the call succeeded */
}

static void test_breakpoints(void)
{
    seen w;
    memset(&w, 0, sizeof w);
    w.next = EVM_DEBUG_CONTINUE;
    evm_debugger d;
    evm_debug_init(&d, record, &w);
    d.stepping = false;
    CHECK(evm_debug_break(&d, 25, -1, 0));      /* MSTORE of the outer frame */
    CHECK(evm_debug_break(&d, -1, 0x01, 0));    /* every ADD */
    CHECK(evm_debug_break(&d, 5, -1, 2));       /* pc 5 at depth 2 only: the child's STOP */
    run(&w, &d);
    CHECK_EQ_INT(w.pauses, 3);
    CHECK_EQ_UINT(w.pcs[0], 4);                 /* ADD at depth 2 (pc 4 at depth 1, SSTORE, is no ADD) */
    CHECK_EQ_INT(w.depths[0], 2);
    CHECK_EQ_UINT(w.top[0].w[0], 2);
    CHECK_EQ_UINT(w.pcs[1], 5);                 /* STOP at depth 2 (pc 5 at depth 1 is a PUSH1) */
    CHECK_EQ_INT(w.depths[1], 2);
    CHECK_EQ_UINT(w.pcs[2], 25);
    CHECK_EQ_UINT(w.top[2].w[0], 0);
    CHECK(evm_debug_delete(&d, 1));
    CHECK(!evm_debug_delete(&d, 5));
    CHECK_EQ_UINT(d.breakpoint_count, 2);
    CHECK_EQ_INT(d.breakpoints[1].depth, 2);
}

static void test_memory(void)
{
    uint8_t mem[40], out[8];
    for (int i = 0; i < 40; i++)
        mem[i] = (uint8_t)i;
    evm_step s;
    memset(&s, 0, sizeof s);
    s.memory = mem;
    s.memory_size = 40;
    evm_debug_memory(&s, 36, 8, out);
    CHECK(out[0] == 36 && out[3] == 39 && out[4] == 0 && out[7] == 0);
    evm_debug_memory(&s, 100, 8, out);
    CHECK(out[0] == 0 && out[7] == 0);
}

int main(void)
{
    RUN(test_step_mode);
    RUN(test_breakpoints);
    RUN(test_memory);
    return TEST_END("test_debug");
}
