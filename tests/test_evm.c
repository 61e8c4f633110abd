/* test_evm.c - the interpreter on a tiny journaled host (tests/mini_host.h): exact gas
   of small programs, bad input, nested calls 1024 deep (also on a 64 KiB C stack), no
   allocation in the loop, arena exhaustion, creates, static mode, the tracer. */
#define _POSIX_C_SOURCE 200809L
#define EVM_IMPLEMENTATION
#include "../evm.h"
#include "test.h"
#include "mini_host.h"
#include "small_stack.h"
#include <stdlib.h>

static evm_address addr_of(uint8_t last)
{
    evm_address a;
    memset(&a, 0, sizeof a);
    a.bytes[0] = 0xaa;
    a.bytes[19] = last;
    return a;
}
#define CONTRACT addr_of(1)
#define CALLER_ADDR addr_of(2)

static mini_host host;
static evm_tx_context txc;
static uint8_t code_buf[4][4096];

static void setup(evm_fork fork)
{
    memset(&host, 0, sizeof host);
    host.fork = fork;
    memset(&txc, 0, sizeof txc);
    txc.origin = CALLER_ADDR;
    txc.number = 1000;
    txc.gas_limit = 30000000;
    txc.chain_id = evm_u256_from_u64(1);
    evm_address c = CALLER_ADDR;
    mini_add_account(&host, &c, 1000000000, 0, NULL, 0);
}

/* put code (hex) at address `a` */
static void deploy(int slot, evm_address a, const char *hex)
{
    long n = test_hex(hex, code_buf[slot], sizeof code_buf[slot]);
    mini_add_account(&host, &a, 0, 1, code_buf[slot], n < 0 ? 0 : (size_t)n);
}

static evm_status call_vm(evm_vm *vm, evm_fork fork, int64_t gas, const uint8_t *input,
                          size_t input_size, evm_result *r)
{
    evm_message m;
    memset(&m, 0, sizeof m);
    m.kind = EVM_CALL;
    m.gas = gas;
    m.recipient = CONTRACT;
    m.code_address = CONTRACT;
    m.sender = CALLER_ADDR;
    m.input = input;
    m.input_size = input_size;
    mini_begin_tx(&host);
    host.fork = fork;
    return evm_execute(vm, &mini_host_iface, &host, fork, &txc, &m, r);
}

/* run hex code as CONTRACT with a fresh VM */
static evm_status run(evm_fork fork, const char *hex, int64_t gas, evm_result *r)
{
    setup(fork);
    deploy(0, CONTRACT, hex);
    evm_vm vm;
    evm_vm_init(&vm, NULL);
    evm_status s = call_vm(&vm, fork, gas, NULL, 0, r);
    static uint8_t out[1024];
    if (r->output_size && r->output_size <= sizeof out) {   /* keep the output past destroy */
        memcpy(out, r->output, r->output_size);
        r->output = out;
    }
    evm_vm_destroy(&vm);
    return s;
}

/* a byte of the output, or -1 when there is no such byte */
static int out_byte(const evm_result *r, size_t i)
{
    return r->output && i < r->output_size ? r->output[i] : -1;
}

static void test_arithmetic_program(void)
{
    evm_result r;
    /* PUSH1 2 PUSH1 3 ADD PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN: 7 x 3 + 3 of memory */
    CHECK_EQ_INT(run(EVM_CANCUN, "600260030160005260206000f3", 100, &r), EVM_SUCCESS);
    CHECK_EQ_INT(100 - r.gas_left, 24);
    CHECK_EQ_UINT(r.output_size, 32);
    CHECK_EQ_UINT(out_byte(&r, 31), 5);
    /* exactly enough gas, then one less */
    CHECK_EQ_INT(run(EVM_CANCUN, "600260030160005260206000f3", 24, &r), EVM_SUCCESS);
    CHECK_EQ_INT(r.gas_left, 0);
    CHECK_EQ_INT(run(EVM_CANCUN, "600260030160005260206000f3", 23, &r), EVM_OUT_OF_GAS);
    CHECK_EQ_INT(r.gas_left, 0);
    /* EXP: 10 + 50 per exponent byte from Spurious Dragon, 10 before */
    CHECK_EQ_INT(run(EVM_CANCUN, "61010060020a00", 1000, &r), EVM_SUCCESS);     /* 2^256 */
    CHECK_EQ_INT(1000 - r.gas_left, 3 + 3 + 10 + 2 * 50);
    CHECK_EQ_INT(run(EVM_FRONTIER, "61010060020a00", 1000, &r), EVM_SUCCESS);
    CHECK_EQ_INT(1000 - r.gas_left, 3 + 3 + 10 + 2 * 10);
}

/* EIP-7939 CLZ: leading zero bits of the top of the stack, 256 for zero; 5 gas, Osaka on */
static void test_clz(void)
{
    static const struct { const char *push; int want; } cases[] = {
        {"6000", 256}, {"6001", 255}, {"60ff", 248}, {"610100", 247},
        {"677fffffffffffffff", 193}, {"68010000000000000000", 191},
        {"7f8000000000000000000000000000000000000000000000000000000000000000", 0},
        {"7f0000000000000000000000000000000000000000000000010000000000000000", 191},
        {"7f00000000000000000000000000000000000000000000000000000000ffffffff", 224},
        {"7f0000000000000000000000000000000100000000000000000000000000000000", 127},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char code[160];
        evm_result r;
        /* PUSH x CLZ PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN */
        snprintf(code, sizeof code, "%s1e60005260206000f3", cases[i].push);
        CHECK_EQ_INT(run(EVM_OSAKA, code, 100, &r), EVM_SUCCESS);
        CHECK_EQ_INT(100 - r.gas_left, 3 + 5 + 3 + 3 + 3 + 3 + 3);
        CHECK_EQ_INT(out_byte(&r, 30) * 256 + out_byte(&r, 31), cases[i].want);
        CHECK_EQ_INT(run(EVM_PRAGUE, code, 100, &r), EVM_UNDEFINED_INSTRUCTION);
    }
}

static void test_bad_code(void)
{
    evm_result r;
    /* stack underflow, overflow */
    CHECK_EQ_INT(run(EVM_CANCUN, "01", 1000, &r), EVM_STACK_UNDERFLOW);
    CHECK_EQ_INT(r.gas_left, 0);
    char over[2 * 1030 + 1];
    for (int i = 0; i < 1025; i++) memcpy(over + 2 * i, "58", 2);   /* 1025 x PC */
    over[2 * 1025] = 0;
    CHECK_EQ_INT(run(EVM_CANCUN, over, 100000, &r), EVM_STACK_OVERFLOW);
    over[2 * 1024] = 0;                                           /* 1024 x PC is fine */
    CHECK_EQ_INT(run(EVM_CANCUN, over, 100000, &r), EVM_SUCCESS);
    CHECK_EQ_INT(100000 - r.gas_left, 2048);
    /* jumps: to a JUMPDEST, into PUSH data, past the end, to a huge number */
    CHECK_EQ_INT(run(EVM_CANCUN, "6003565b00", 100, &r), EVM_SUCCESS);
    CHECK_EQ_INT(100 - r.gas_left, 3 + 8 + 1);
    CHECK_EQ_INT(run(EVM_CANCUN, "600456605b00", 100, &r), EVM_BAD_JUMP_DESTINATION);
    CHECK_EQ_INT(run(EVM_CANCUN, "60ff56", 100, &r), EVM_BAD_JUMP_DESTINATION);
    CHECK_EQ_INT(run(EVM_CANCUN, "7f010000000000000000000000000000000000000000000000000000000000000356", 100, &r),
                 EVM_BAD_JUMP_DESTINATION);
    /* the analysis takes only PUSH1..PUSH32 to carry data: a JUMPDEST right after any
       other opcode is one (at every alignment of its unrolled loop) */
    for (int op = 0; op < 256; op++) {
        for (int k = 0; k < 5; k++) {
            char hex[64];
            int len = 0;
            for (int j = 0; j < k; j++) len += sprintf(hex + len, "5b");
            sprintf(hex + len, "60%02x56%02x5b00", k + 4, op);
            evm_status want = op >= 0x60 && op <= 0x7f ? EVM_BAD_JUMP_DESTINATION : EVM_SUCCESS;
            if (run(EVM_CANCUN, hex, 100, &r) != want) {
                printf("  FAIL jump over opcode 0x%02x at offset %d\n", op, k + 3);
                CHECK(!"jump destination after an opcode");
            }
        }
    }
    /* JUMPI not taken ignores a bad destination */
    CHECK_EQ_INT(run(EVM_CANCUN, "600060ff5700", 100, &r), EVM_SUCCESS);
    /* truncated PUSH at the end of code reads zeros: PUSH2 0x01 -> 0x0100 */
    CHECK_EQ_INT(run(EVM_CANCUN, "6001", 100, &r), EVM_SUCCESS);
    CHECK_EQ_INT(run(EVM_CANCUN, "61ab", 100, &r), EVM_SUCCESS);
    CHECK_EQ_INT(run(EVM_CANCUN, "7f", 100, &r), EVM_SUCCESS);
    CHECK_EQ_INT(100 - r.gas_left, 3);
    /* the padding is visible: PUSH2 with one byte left pushes 0x0100 (stored at 0, returned) */
    CHECK_EQ_INT(run(EVM_CANCUN, "60056100", 100, &r), EVM_SUCCESS);
    CHECK_EQ_INT(run(EVM_CANCUN, "600e56" "5b60005260206000f3" "5b" "00" "61ab", 100, &r), EVM_BAD_JUMP_DESTINATION);
    /* undefined and designated-invalid instructions */
    CHECK_EQ_INT(run(EVM_CANCUN, "0c", 100, &r), EVM_UNDEFINED_INSTRUCTION);
    CHECK_EQ_INT(run(EVM_CANCUN, "fe", 100, &r), EVM_INVALID_INSTRUCTION);
    CHECK_EQ_INT(r.gas_left, 0);
    /* an opcode of a later fork is undefined before it */
    CHECK_EQ_INT(run(EVM_PARIS, "5f00", 100, &r), EVM_UNDEFINED_INSTRUCTION);
    CHECK_EQ_INT(run(EVM_SHANGHAI, "5f00", 100, &r), EVM_SUCCESS);
    CHECK_EQ_INT(100 - r.gas_left, 2);
    CHECK_EQ_INT(run(EVM_SHANGHAI, "600060006000", 100, &r), EVM_SUCCESS);
    CHECK_EQ_INT(run(EVM_SHANGHAI, "6000600060005e00", 100, &r), EVM_UNDEFINED_INSTRUCTION);
    CHECK_EQ_INT(run(EVM_CANCUN, "6000600060005e00", 100, &r), EVM_SUCCESS);
    CHECK_EQ_INT(run(EVM_CONSTANTINOPLE, "60016001f400", 100000, &r), EVM_STACK_UNDERFLOW);
    CHECK_EQ_INT(run(EVM_FRONTIER, "600060006000600060006000f400", 100000, &r), EVM_UNDEFINED_INSTRUCTION);
    /* empty code: success, no gas used */
    CHECK_EQ_INT(run(EVM_CANCUN, "", 100, &r), EVM_SUCCESS);
    CHECK_EQ_INT(r.gas_left, 100);
}

static void test_huge_offsets(void)
{
    evm_result r;
    /* MLOAD at 2^64, 2^40, 2^255; MSTORE8 at 2^64 - 1; sizes near 2^64: out of gas, and
       gas_left 0, never an allocation attempt of that size (the run would fail otherwise) */
    CHECK_EQ_INT(run(EVM_CANCUN, "680100000000000000005100", 1000000, &r), EVM_OUT_OF_GAS);
    CHECK_EQ_INT(run(EVM_CANCUN, "6401000000005100", 1000000, &r), EVM_OUT_OF_GAS);
    CHECK_EQ_INT(run(EVM_CANCUN, "7f80000000000000000000000000000000000000000000000000000000000000005100", 1000000, &r), EVM_OUT_OF_GAS);
    CHECK_EQ_INT(run(EVM_CANCUN, "600067ffffffffffffffff5300", 1000000, &r), EVM_OUT_OF_GAS);
    /* CALLDATACOPY(0, 0, 2^64 - 1), KECCAK256(0, 2^63), RETURN(2^64 - 32, 32) */
    CHECK_EQ_INT(run(EVM_CANCUN, "67ffffffffffffffff6000600037", 1000000, &r), EVM_OUT_OF_GAS);
    CHECK_EQ_INT(run(EVM_CANCUN, "678000000000000000600020", 1000000, &r), EVM_OUT_OF_GAS);
    CHECK_EQ_INT(run(EVM_CANCUN, "602067ffffffffffffffe0f3", 1000000, &r), EVM_OUT_OF_GAS);
    CHECK_EQ_INT(r.gas_left, 0);
    /* zero size at a huge offset costs nothing: RETURN(2^255, 0) */
    CHECK_EQ_INT(run(EVM_CANCUN, "60007f8000000000000000000000000000000000000000000000000000000000000000f3", 100, &r), EVM_SUCCESS);
    CHECK_EQ_INT(100 - r.gas_left, 6);
    /* RETURNDATACOPY beyond the (empty) return data is an exceptional halt */
    CHECK_EQ_INT(run(EVM_CANCUN, "6001600060003e00", 1000, &r), EVM_INVALID_MEMORY_ACCESS);
    CHECK_EQ_INT(run(EVM_CANCUN, "6000600060003e00", 1000, &r), EVM_SUCCESS);
}

static void test_storage_gas(void)
{
    evm_result r;
    /* SSTORE 0 -> 1 on a cold slot: Cancun 22100, Frontier 20000 */
    CHECK_EQ_INT(run(EVM_CANCUN, "6001600055", 100000, &r), EVM_SUCCESS);
    CHECK_EQ_INT(100000 - r.gas_left, 6 + 22100);
    CHECK_EQ_INT(run(EVM_FRONTIER, "6001600055", 100000, &r), EVM_SUCCESS);
    CHECK_EQ_INT(100000 - r.gas_left, 6 + 20000);
    /* set then clear in one transaction: 22100 + 100, refund 19900 (EIP-2200/3529) */
    CHECK_EQ_INT(run(EVM_CANCUN, "60016000556000600055", 100000, &r), EVM_SUCCESS);
    CHECK_EQ_INT(100000 - r.gas_left, 12 + 22100 + 100);
    CHECK_EQ_INT(r.gas_refund, 19900);
    /* Istanbul: the reentrancy sentry, SSTORE needs more than 2300 gas left */
    CHECK_EQ_INT(run(EVM_ISTANBUL, "6001600055", 2306, &r), EVM_OUT_OF_GAS);
    /* SLOAD cold then warm: 2100 + 100 */
    CHECK_EQ_INT(run(EVM_CANCUN, "6000546000545000", 100000, &r), EVM_SUCCESS);
    CHECK_EQ_INT(100000 - r.gas_left, 3 + 2100 + 3 + 100 + 2);
    /* transient storage round trip: TSTORE(0, 7) TLOAD(0) */
    CHECK_EQ_INT(run(EVM_CANCUN, "600760005d60005c60005260206000f3", 100000, &r), EVM_SUCCESS);
    CHECK_EQ_UINT(out_byte(&r, 31), 7);
    CHECK_EQ_INT(100000 - r.gas_left, 3 + 3 + 100 + 3 + 100 + 3 + 6 + 3 + 3);
}

static void test_logs_and_revert(void)
{
    evm_result r;
    /* LOG1 of 1 byte: 375 + 375 + 8 + memory 3 */
    CHECK_EQ_INT(run(EVM_CANCUN, "60aa60005360ff60016000a100", 100000, &r), EVM_SUCCESS);
    CHECK_EQ_UINT(host.log_count, 1);
    CHECK_EQ_UINT(host.logs[0].data[0], 0xaa);
    CHECK_EQ_UINT(host.logs[0].topics[0].bytes[31], 0xff);
    CHECK_EQ_INT(100000 - r.gas_left, 3 + 3 + 3 + 3 + 3 + 3 + 3 + 375 * 2 + 8);
    /* REVERT returns data, keeps unused gas, undoes the log */
    CHECK_EQ_INT(run(EVM_CANCUN, "60aa60005360ff60016000a160016000fd", 100000, &r), EVM_REVERT);
    CHECK_EQ_UINT(r.output_size, 1);
    CHECK_EQ_UINT(out_byte(&r, 0), 0xaa);
    CHECK_EQ_UINT(host.log_count, 0);
    CHECK(r.gas_left > 90000);
}

/* 1025 frames: the contract counts its depth in slot 0 and calls itself with all but
   256 of its gas (Frontier: no 63/64 rule, so gas is not the limit) until the call at
   depth 1024 fails. */
static void run_deep(evm_vm *vm, evm_result *r, uint64_t *count)
{
    setup(EVM_FRONTIER);
    /* slot0 += 1; CALL(gas - 256, self, 0, 0, 0, 0, 0); STOP */
    deploy(0, CONTRACT, "600054600101600055" "60006000600060006000" "30" "610100" "5a" "03" "f1" "00");
    call_vm(vm, EVM_FRONTIER, 100000000, NULL, 0, r);
    evm_address c = CONTRACT;
    *count = mini_storage(&host, &c, 0).w[0];
}
static void test_deep_calls(void)
{
    evm_vm vm;
    evm_vm_init(&vm, NULL);
    evm_result r;
    uint64_t count;
    run_deep(&vm, &r, &count);
    CHECK_EQ_INT(r.status, EVM_SUCCESS);
    CHECK_EQ_UINT(count, 1025);                   /* depths 0..1024 ran, 1025 did not */
    CHECK(vm.arena.peak >= 1025 * evm_frame_block_size(40) - 1025 * EVM_ARENA_ALIGN);
    CHECK_EQ_UINT(vm.arena.blocks, 0);
    CHECK_EQ_UINT(vm.arena.in_use, 0);
    evm_vm_destroy(&vm);
}

static void deep_on_small_stack(void *arg)
{
    evm_vm vm;
    evm_vm_init(&vm, NULL);
    evm_result r;
    uint64_t count;
    run_deep(&vm, &r, &count);
    evm_vm_destroy(&vm);
    *(uint64_t *)arg = count;
}
/* The same chain on a C stack of 64 KiB: a thread's whole stack where there are threads,
   with nothing accessible below it (tests/small_stack.h; tests/port/resources.c measures
   how much of it is used). */
static void test_deep_calls_small_stack(void)
{
    uint64_t count = 0;
    CHECK_EQ_INT(small_stack_run(64 * 1024, deep_on_small_stack, &count, NULL), 0);
    CHECK_EQ_UINT(count, 1025);
}

/* counting allocator */
static int allocs;
static void *count_realloc(void *u, void *p, size_t n)
{
    (void)u;
    if (n) allocs++;
    if (!n) { free(p); return NULL; }
    return realloc(p, n);
}
static int fail_after;
static void *failing_realloc(void *u, void *p, size_t n)
{
    (void)u;
    if (!n) { free(p); return NULL; }
    if (fail_after-- <= 0) return NULL;
    return realloc(p, n);
}

/* a loop of `iterations` rounds of MSTORE/MLOAD/KECCAK over the same 64 bytes */
static void loop_code(char *hex, unsigned iterations)
{
    /* PUSH4 n; JUMPDEST(5); DUP1 MLOAD-ish body; PUSH1 1 SWAP1 SUB; DUP1; PUSH1 5; JUMPI; STOP */
    sprintf(hex, "63%08x" "5b" "80600052" "6040600020" "50" "600190 03" "80" "6005" "57" "00", iterations);
    char *w = hex, *rd = hex;
    for (; *rd; rd++) if (*rd != ' ') *w++ = *rd;
    *w = 0;
}
static void test_no_allocation_in_loop(void)
{
    evm_vm_desc d;
    memset(&d, 0, sizeof d);
    d.allocator.realloc = count_realloc;
    char hex[128];
    evm_result r;
    int per_run[3];
    unsigned iters[3] = {1, 10000, 10000};
    evm_vm vm;
    for (int k = 0; k < 3; k++) {
        if (k < 2)                          /* runs 0 and 1 on a new VM, run 2 reuses run 1's */
            evm_vm_init(&vm, &d);
        setup(EVM_CANCUN);
        loop_code(hex, iters[k]);
        deploy(0, CONTRACT, hex);
        allocs = 0;
        CHECK_EQ_INT(call_vm(&vm, EVM_CANCUN, 10000000, NULL, 0, &r), EVM_SUCCESS);
        per_run[k] = allocs;
        if (k == 0 || k == 2)
            evm_vm_destroy(&vm);
    }
    /* 1 iteration or 10,000: the same allocations (arena chunk, memory buffer) ... */
    CHECK_EQ_INT(per_run[0], per_run[1]);
    CHECK(per_run[0] <= 2);
    /* ... and none at all once the VM's arena and buffer pool are warm */
    CHECK_EQ_INT(per_run[2], 0);
}

static void test_resource_exhaustion(void)
{
    evm_result r;
    /* a static arena for one frame only: the nested call cannot get a frame */
    static uint8_t arena[64 * 1024];
    evm_vm_desc d;
    memset(&d, 0, sizeof d);
    d.arena_buffer = arena;
    d.arena_size = sizeof arena;
    evm_vm vm;
    CHECK_EQ_INT(evm_vm_init(&vm, &d), EVM_SUCCESS);
    setup(EVM_CANCUN);
    /* SSTORE(0, 1) then CALL(self) */
    deploy(0, CONTRACT, "6001600055" "60006000600060006000305af1" "00");
    CHECK_EQ_INT(call_vm(&vm, EVM_CANCUN, 1000000, NULL, 0, &r), EVM_ARENA_EXHAUSTED);
    evm_address c = CONTRACT;
    evm_u256 v = mini_storage(&host, &c, 0);
    CHECK(evm_u256_is_zero(&v));                       /* the SSTORE was undone */
    CHECK_EQ_UINT(vm.arena.blocks, 0);
    evm_vm_destroy(&vm);

    /* the allocator fails when memory grows */
    memset(&d, 0, sizeof d);
    d.allocator.realloc = failing_realloc;
    fail_after = 1;                        /* the arena chunk succeeds, memory fails */
    evm_vm_init(&vm, &d);
    setup(EVM_CANCUN);
    deploy(0, CONTRACT, "6001600055" "600160005200");
    CHECK_EQ_INT(call_vm(&vm, EVM_CANCUN, 1000000, NULL, 0, &r), EVM_OUT_OF_MEMORY);
    v = mini_storage(&host, &c, 0);
    CHECK(evm_u256_is_zero(&v));
    evm_vm_destroy(&vm);

    /* the host's write fails */
    evm_vm_init(&vm, NULL);
    setup(EVM_CANCUN);
    deploy(0, CONTRACT, "6001600055");
    host.fail_writes = true;
    CHECK_EQ_INT(call_vm(&vm, EVM_CANCUN, 1000000, NULL, 0, &r), EVM_OUT_OF_MEMORY);
    evm_vm_destroy(&vm);

    /* impossible arguments */
    evm_vm_init(&vm, NULL);
    evm_message m;
    memset(&m, 0, sizeof m);
    m.gas = -1;
    CHECK_EQ_INT(evm_execute(&vm, &mini_host_iface, &host, EVM_CANCUN, &txc, &m, &r), EVM_INVALID_ARGUMENT);
    m.gas = 100;
    CHECK_EQ_INT(evm_execute(&vm, &mini_host_iface, &host, (evm_fork)99, &txc, &m, &r), EVM_INVALID_ARGUMENT);
    m.input_size = 5;
    CHECK_EQ_INT(evm_execute(&vm, &mini_host_iface, &host, EVM_CANCUN, &txc, &m, &r), EVM_INVALID_ARGUMENT);
    m.input_size = 0;
    m.depth = 1025;
    CHECK_EQ_INT(evm_execute(&vm, &mini_host_iface, &host, EVM_CANCUN, &txc, &m, &r), EVM_CALL_DEPTH_EXCEEDED);
    CHECK_EQ_INT(r.gas_left, 100);
    evm_host incomplete = mini_host_iface;
    incomplete.transfer = NULL;
    m.depth = 0;
    CHECK_EQ_INT(evm_execute(&vm, &incomplete, &host, EVM_CANCUN, &txc, &m, &r), EVM_INVALID_ARGUMENT);
    evm_vm_destroy(&vm);
}

static void test_calls(void)
{
    evm_result r;
    evm_vm vm;
    evm_vm_init(&vm, NULL);
    setup(EVM_CANCUN);
    evm_address callee = addr_of(9);
    /* callee returns CALLER in a word; caller CALLs it and returns the returned word */
    deploy(1, callee, "3360005260206000f3");
    deploy(0, CONTRACT, "60206000600060006000" "730000000000000000000000000000000000000000" "5a" "f1" "50" "60206000f3");
    memcpy(code_buf[0] + 11, callee.bytes, 20);       /* the PUSH20's operand */
    CHECK_EQ_INT(call_vm(&vm, EVM_CANCUN, 100000, NULL, 0, &r), EVM_SUCCESS);
    CHECK_EQ_UINT(r.output_size, 32);
    evm_address me = CONTRACT;
    CHECK(r.output_size == 32 && !memcmp(r.output + 12, me.bytes, 20));
    /* gas: 5 x PUSH1, PUSH20, GAS, CALL (100 warm + 2500 cold surcharge + 3 memory), the
       callee's CALLER PUSH1 MSTORE(+3 memory) PUSH1 PUSH1 RETURN, POP, PUSH1 PUSH1 RETURN */
    CHECK_EQ_INT(100000 - r.gas_left, 5 * 3 + 3 + 2 + 100 + 2500 + 3 + (2 + 3 + 3 + 3 + 3 + 3) + 2 + 3 + 3);

    /* STATICCALL to a contract that writes storage: the call fails, the caller goes on */
    setup(EVM_CANCUN);
    deploy(1, callee, "6001600055");
    deploy(0, CONTRACT, "6000600060006000" "730000000000000000000000000000000000000000" "5a" "fa"
                        "60005260206000f3");
    memcpy(code_buf[0] + 9, callee.bytes, 20);
    CHECK_EQ_INT(call_vm(&vm, EVM_CANCUN, 100000, NULL, 0, &r), EVM_SUCCESS);
    CHECK_EQ_UINT(out_byte(&r, 31), 0);
    evm_u256 v = mini_storage(&host, &callee, 0);
    CHECK(evm_u256_is_zero(&v));
    evm_vm_destroy(&vm);
}

static void test_create(void)
{
    evm_result r;
    evm_vm vm;
    evm_vm_init(&vm, NULL);
    setup(EVM_CANCUN);
    /* init code: return the 2-byte runtime 0x6001 (CODECOPY it from the init code's tail):
       PUSH1 2 PUSH1 12 PUSH1 0 CODECOPY PUSH1 2 PUSH1 0 RETURN | 6001 */
    const char *init = "6002600c60003960026000f36001";
    /* caller: store init code in memory with CODECOPY from its own tail, CREATE, return addr */
    char hex[256];
    /* CODECOPY(dest 0, offset 22, size 14); CREATE(value 0, offset 0, size 14); MSTORE; RETURN */
    sprintf(hex, "600e6016600039" "600e60006000f0" "60005260206000f3" "%s", init);
    deploy(0, CONTRACT, hex);
    CHECK_EQ_INT(call_vm(&vm, EVM_CANCUN, 1000000, NULL, 0, &r), EVM_SUCCESS);
    evm_address me = CONTRACT, want;
    evm_create_address(&me, 1, &want);
    CHECK(r.output_size == 32 && !memcmp(r.output + 12, want.bytes, 20));
    size_t n;
    const uint8_t *c = mini_get_code(&host, &want, &n);
    CHECK_EQ_UINT(n, 2);
    CHECK(n == 2 && c[0] == 0x60 && c[1] == 0x01);
    CHECK_EQ_UINT(mini_get_nonce(&host, &me), 2);
    CHECK_EQ_UINT(mini_get_nonce(&host, &want), 1);
    /* creating at the same address again collides (a nonce is there): 0 is pushed and
       the create's gas is gone */
    host.accounts[mini__find(&host, &me)].nonce = 1;
    CHECK_EQ_INT(call_vm(&vm, EVM_CANCUN, 1000000, NULL, 0, &r), EVM_SUCCESS);
    CHECK_EQ_UINT(out_byte(&r, 31), 0);
    CHECK(r.gas_left < 1000000 / 64 + 1000);
    /* EIP-3541: deploying code that starts with 0xEF fails from London */
    setup(EVM_CANCUN);
    sprintf(hex, "600e6016600039" "600e60006000f0" "60005260206000f3" "%s", "6002600c60003960026000f3ef01");
    deploy(0, CONTRACT, hex);
    CHECK_EQ_INT(call_vm(&vm, EVM_CANCUN, 1000000, NULL, 0, &r), EVM_SUCCESS);
    CHECK_EQ_UINT(out_byte(&r, 31), 0);
    evm_vm_destroy(&vm);
}

static int traced_steps;
static uint32_t traced_pcs[16];
static void tracer(void *user, const evm_step *s)
{
    (void)user;
    if (traced_steps < 16) traced_pcs[traced_steps] = s->pc;
    traced_steps++;
}
static void test_tracer(void)
{
    evm_vm_desc d;
    memset(&d, 0, sizeof d);
    d.tracer = tracer;
    evm_vm vm;
    evm_vm_init(&vm, &d);
    setup(EVM_CANCUN);
    deploy(0, CONTRACT, "6003565b600100");
    evm_result r;
    traced_steps = 0;
    CHECK_EQ_INT(call_vm(&vm, EVM_CANCUN, 1000, NULL, 0, &r), EVM_SUCCESS);
    CHECK_EQ_INT(traced_steps, 5);
    CHECK_EQ_UINT(traced_pcs[0], 0);
    CHECK_EQ_UINT(traced_pcs[1], 2);
    CHECK_EQ_UINT(traced_pcs[2], 3);
    CHECK_EQ_UINT(traced_pcs[3], 4);
    CHECK_EQ_UINT(traced_pcs[4], 6);
    evm_vm_destroy(&vm);
}

int main(void)
{
    RUN(test_arithmetic_program);
    RUN(test_clz);
    RUN(test_bad_code);
    RUN(test_huge_offsets);
    RUN(test_storage_gas);
    RUN(test_logs_and_revert);
    RUN(test_deep_calls);
    RUN(test_deep_calls_small_stack);
    RUN(test_no_allocation_in_loop);
    RUN(test_resource_exhaustion);
    RUN(test_calls);
    RUN(test_create);
    RUN(test_tracer);
#ifdef EVM_NO_INT128
    return TEST_END("test_evm (portable arithmetic)");
#else
    return TEST_END("test_evm");
#endif
}
