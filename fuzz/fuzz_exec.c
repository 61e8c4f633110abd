/* fuzz_exec.c - random bytecode through the whole interpreter on evm_state.h.

   Input: 8 header bytes, then code and call data.
     [0] fork (mod the fork count)        [1] flags (below)
     [2..4] gas, 20 bits                  [5] resource knob (arena size / allocation to fail)
     [6] call-data length (taken from the end)  [7] where the code splits into A and B
   Contract A (0xc1) runs first, B (0xc2) is there to be called (PUSH1 0xc2 reaches it),
   with storage slot 0 = 1; the precompiles are on. Flags:
     0x01 static call        0x02 top-level create (A's code is the init code)
     0x04 static arena buffer of ([5] + 1) * 8 KiB (deep calls run out of it)
     0x08 the VM's allocator fails from its [5]-th request; 0x01 of [5] also makes the
          state's allocator fail a few requests after set-up
     0x10 tracer that checks every step     0x20 value 7 with the call
     0x40 run twice on fresh states with the same VM: identical outcome
     0x80 as a whole transaction (evm_state_transact) instead of evm_execute
   Invariants (a violation aborts): the status is valid; 0 <= gas left <= gas; a halt
   leaves no gas and no output; the refund is 0 unless success, never negative and at
   most 5 * gas used + 48000 (no rule refunds more per gas; two self-destructs of the
   existing contracts); the arena is empty afterwards; an aborted execution
   (out of memory, arena exhausted) leaves the state root as it was; the tracer sees
   gas >= 0, 0 <= stack <= 1024, depth 1..1025, memory a multiple of 32; nothing leaks. */
#define EVM_IMPLEMENTATION
#include "../evm_state.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static void fz_tracer(void *user, const evm_step *s)
{
    (void)user;
    FZ_CHECK(s->gas >= 0);
    FZ_CHECK(s->stack_size >= 0 && s->stack_size <= 1024);
    FZ_CHECK(s->depth >= 1 && s->depth <= 1025);
    FZ_CHECK(s->memory_size % 32 == 0);
    FZ_CHECK(s->return_data_size == 0 || s->return_data != NULL);
}

static evm_address fz_addr(uint8_t last)
{
    evm_address a;
    memset(&a, 0, sizeof a);
    a.bytes[19] = last;
    return a;
}

typedef struct fz_outcome {
    int status;
    int64_t gas_left, refund;
    uint8_t output[64];
    size_t output_size;
    evm_bytes32 root;
    bool root_ok;
} fz_outcome;

static bool fz_setup(evm_state *st, const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
    evm_address caller = fz_addr(0xca), ca = fz_addr(0xc1), cb = fz_addr(0xc2);
    evm_u256 big = {{0, 1, 0, 0}}, thousand = evm_u256_from_u64(1000), one = evm_u256_from_u64(1);
    evm_u256 zero = evm_u256_from_u64(0);
    return evm_state_set_balance(st, &caller, &big) && evm_state_set_balance(st, &ca, &thousand) &&
           evm_state_set_code(st, &ca, a, an) && evm_state_set_code(st, &cb, b, bn) &&
           evm_state_set_nonce(st, &cb, 1) && evm_state_set_storage(st, &cb, &zero, &one);
}

static void fz_run(const uint8_t *d, size_t n, evm_vm *vm, fz_alloc *state_alloc, fz_outcome *out)
{
    evm_fork fork = (evm_fork)(d[0] % EVM_FORK_COUNT);
    uint8_t flags = d[1], knob = d[5];
    int64_t gas = (int64_t)((((uint32_t)d[2] << 16) | ((uint32_t)d[3] << 8) | d[4]) & 0xfffff);
    const uint8_t *body = d + 8;
    size_t bn = n - 8, in_len = d[6] < bn ? d[6] : bn, code_len = bn - in_len;
    size_t split = code_len * ((size_t)d[7] + 1) / 256;
    const uint8_t *input = body + code_len, *code_a = body, *code_b = body + split;
    size_t a_len = split, b_len = code_len - split;

    evm_state st;
    evm_allocator sa = {fz_realloc, state_alloc};
    evm_state_init(&st, &sa);
    evm_precompiles pc;
    evm_precompiles_init(&pc, NULL);
    evm_state_set_precompiles(&st, &pc);
    memset(out, 0, sizeof *out);
    bool flags_create = (flags & 0x02) != 0;
    FZ_CHECK(fz_setup(&st, flags_create ? NULL : code_a, flags_create ? 0 : a_len, code_b, b_len));
    if ((flags & 0x08) && (knob & 1))
        state_alloc->fail_from = state_alloc->requests + (knob >> 1) % 16;

    evm_address caller = fz_addr(0xca), ca = fz_addr(0xc1), coinbase = fz_addr(0xcb);
    evm_bytes32 blobs[2];
    memset(blobs, 0, sizeof blobs);
    blobs[0].bytes[0] = blobs[1].bytes[0] = 1;
    blobs[1].bytes[31] = 2;
    evm_bytes32 root_before;
    bool limited = (flags & 0x0c) != 0, have_root_before = false;

    if (flags & 0x80) {
        evm_transaction tx;
        memset(&tx, 0, sizeof tx);
        int max_type = fork >= EVM_CANCUN ? 3 : fork >= EVM_LONDON ? 2 : fork >= EVM_BERLIN ? 1 : 0;
        tx.type = (uint8_t)(knob % 4 <= max_type ? knob % 4 : 0);
        tx.sender = caller;
        tx.create = flags_create;
        tx.to = ca;
        tx.gas_limit = (uint64_t)gas + 21000 + (flags_create ? 32000 : 0) + 16 * (uint64_t)(flags_create ? a_len : in_len);
        tx.value = evm_u256_from_u64(flags & 0x20 ? 7 : 0);
        tx.gas_price = evm_u256_from_u64(10);
        tx.max_fee_per_gas = evm_u256_from_u64(10);
        tx.max_priority_fee_per_gas = evm_u256_from_u64(knob & 3);
        tx.max_fee_per_blob_gas = evm_u256_from_u64(1);
        tx.data = flags_create ? (a_len ? code_a : NULL) : (in_len ? input : NULL);
        tx.data_size = flags_create ? a_len : in_len;
        evm_access_list_entry al = {ca, blobs, 2};
        if (tx.type >= 1) { tx.access_list = &al; tx.access_list_count = 1; }
        if (tx.type == 3) { tx.blob_hashes = blobs; tx.blob_hash_count = 2; }
        evm_block_env block;
        memset(&block, 0, sizeof block);
        block.coinbase = coinbase;
        block.number = 100;
        block.timestamp = 1000;
        block.gas_limit = 30000000;
        block.base_fee = evm_u256_from_u64(fork >= EVM_LONDON ? 7 : 0);
        block.chain_id = evm_u256_from_u64(1);
        block.prevrandao = evm_u256_from_u64(0x1234);
        have_root_before = limited && evm_state_root(&st, &root_before);
        evm_tx_result r;
        evm_tx_status ts = evm_state_transact(&st, vm, fork, &block, &tx, &r);
        FZ_CHECK((unsigned)ts < EVM_TX_STATUS_COUNT);
        FZ_CHECK(r.status == ts);
        out->status = 100 + (int)ts;
        if (ts == EVM_TX_OK) {
            FZ_CHECK((unsigned)r.exec_status < EVM_OUT_OF_MEMORY);
            FZ_CHECK(r.gas_used <= tx.gas_limit);
            FZ_CHECK(r.gas_used + r.gas_refund >= evm_tx_intrinsic_gas(fork, &tx));
            FZ_CHECK(r.gas_refund <= (r.gas_used + r.gas_refund) / 2);
            out->status = r.exec_status;
            out->gas_left = (int64_t)r.gas_used;
            out->refund = (int64_t)r.gas_refund;
            out->output_size = r.output_size;
            if (r.output_size)
            if (r.output_size)
                memcpy(out->output, r.output, r.output_size < 64 ? r.output_size : 64);
        } else if (ts == EVM_TX_ABORTED) {
            FZ_CHECK(r.exec_status >= EVM_OUT_OF_MEMORY);
        }
        if (ts != EVM_TX_OK && have_root_before && !evm_state_failed(&st)) {
            evm_bytes32 after;
            if (evm_state_root(&st, &after))
                FZ_CHECK(memcmp(after.bytes, root_before.bytes, 32) == 0);
        }
    } else {
        evm_state_begin_transaction(&st, fork);
        evm_message msg;
        memset(&msg, 0, sizeof msg);
        msg.kind = flags_create ? EVM_CREATE : EVM_CALL;
        msg.is_static = !flags_create && (flags & 0x01);
        msg.gas = gas;
        msg.sender = caller;
        msg.value = evm_u256_from_u64(flags & 0x20 ? 7 : 0);
        if (flags_create) {
            uint64_t nonce = evm_state_nonce(&st, &caller);
            evm_create_address(&caller, nonce, &msg.recipient);
            evm_state_set_nonce(&st, &caller, nonce + 1);
            msg.input = a_len ? code_a : NULL;
            msg.input_size = a_len;
        } else {
            msg.recipient = ca;
            msg.input = in_len ? input : NULL;
            msg.input_size = in_len;
        }
        msg.code_address = msg.recipient;
        if (fork >= EVM_BERLIN) {
            evm_state_warm_account(&st, &caller);
            evm_state_warm_account(&st, &msg.recipient);
            for (uint8_t p = 1; p <= 10; p++) {
                evm_address pa = fz_addr(p);
                evm_state_warm_account(&st, &pa);
            }
            if (fork >= EVM_SHANGHAI)
                evm_state_warm_account(&st, &coinbase);
        }
        evm_tx_context tx;
        memset(&tx, 0, sizeof tx);
        tx.gas_price = evm_u256_from_u64(10);
        tx.origin = caller;
        tx.coinbase = coinbase;
        tx.number = 100;
        tx.timestamp = 1000;
        tx.gas_limit = 30000000;
        tx.prevrandao = evm_u256_from_u64(0x1234);
        tx.chain_id = evm_u256_from_u64(1);
        tx.base_fee = evm_u256_from_u64(7);
        tx.blob_base_fee = evm_u256_from_u64(1);
        tx.blob_hashes = blobs;
        tx.blob_hashes_count = 2;
        have_root_before = limited && evm_state_root(&st, &root_before);
        evm_result r;
        evm_status s = evm_execute(vm, evm_state_host(), &st, fork, &tx, &msg, &r);
        FZ_CHECK(s == r.status);
        FZ_CHECK((unsigned)s < EVM_STATUS_COUNT);
        FZ_CHECK(s != EVM_INVALID_ARGUMENT && s != EVM_UNSUPPORTED_PRECOMPILE);
        FZ_CHECK(r.gas_left >= 0 && r.gas_left <= gas);
        if (s != EVM_SUCCESS && s != EVM_REVERT) {
            FZ_CHECK(r.gas_left == 0);
            FZ_CHECK(r.output_size == 0);
        }
        if (s == EVM_SUCCESS && flags_create)
            FZ_CHECK(r.output_size == 0);
        FZ_CHECK(r.output_size == 0 || r.output != NULL);
        FZ_CHECK(r.gas_refund >= 0);
        FZ_CHECK(s == EVM_SUCCESS || r.gas_refund == 0);
        FZ_CHECK(r.gas_refund <= 5 * (gas - r.gas_left) + 48000);
        if (s >= EVM_OUT_OF_MEMORY) {
            FZ_CHECK(evm_state_log_count(&st) == 0);
            if (have_root_before && !evm_state_failed(&st)) {
                evm_bytes32 after;
                if (evm_state_root(&st, &after))
                    FZ_CHECK(memcmp(after.bytes, root_before.bytes, 32) == 0);
            }
        }
        out->status = s;
        out->gas_left = r.gas_left;
        out->refund = r.gas_refund;
        out->output_size = r.output_size;
        if (r.output_size)
            if (r.output_size)
                memcpy(out->output, r.output, r.output_size < 64 ? r.output_size : 64);
        evm_state_end_transaction(&st);
    }
    FZ_CHECK(vm->arena.blocks == 0);
    FZ_CHECK(vm->arena.in_use == 0);
    out->root_ok = evm_state_root(&st, &out->root);
    evm_state_destroy(&st);
    evm_precompiles_destroy(&pc);
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
    if (n < 8 || n > 64 * 1024)
        return 0;
    uint8_t flags = d[1], knob = d[5];
    fz_alloc vm_alloc = {0, 0, (flags & 0x08) ? (long)knob : -1, 0};
    fz_alloc state_alloc = {0, 0, -1, 0};
    evm_vm_desc desc;
    memset(&desc, 0, sizeof desc);
    desc.allocator.realloc = fz_realloc;
    desc.allocator.user = &vm_alloc;
    void *arena = NULL;
    if (flags & 0x04) {
        desc.arena_size = ((size_t)knob + 1) * 8192;
        arena = malloc(desc.arena_size);
        desc.arena_buffer = arena;
    }
    if (flags & 0x10)
        desc.tracer = fz_tracer;
    evm_vm vm;
    FZ_CHECK(evm_vm_init(&vm, &desc) == EVM_SUCCESS);
    fz_outcome first, second;
    fz_run(d, n, &vm, &state_alloc, &first);
    if ((flags & 0x40) && !(flags & 0x08)) {
        state_alloc.fail_from = -1;
        fz_run(d, n, &vm, &state_alloc, &second);
        FZ_CHECK(first.status == second.status);
        FZ_CHECK(first.gas_left == second.gas_left);
        FZ_CHECK(first.refund == second.refund);
        FZ_CHECK(first.output_size == second.output_size);
        FZ_CHECK(memcmp(first.output, second.output, sizeof first.output) == 0);
        FZ_CHECK(first.root_ok == second.root_ok);
        FZ_CHECK(!first.root_ok || memcmp(first.root.bytes, second.root.bytes, 32) == 0);
    }
    evm_vm_destroy(&vm);
    free(arena);
    FZ_CHECK(vm_alloc.live == 0);
    FZ_CHECK(state_alloc.live == 0);
    return 0;
}
