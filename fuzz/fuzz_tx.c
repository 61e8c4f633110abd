/* fuzz_tx.c - raw transactions through evm_tx.h's decoder, and what decodes through
   evm_state_transact.

   Input: the raw transaction bytes, as in a block or in the state tests' txbytes.
   Invariants (a violation aborts): the status is a known one and a failure leaves nothing
   allocated, an error offset within the input; a success re-encodes to exactly the input
   (the decoder accepts canonical RLP only, so the encoding is unique); decoding the
   encoding gives the same fields; the signing hash and sender recovery run. When a
   sender is recovered it gets a large balance and the transaction runs on a small state
   (one contract at `to`, Prague or Osaka): a transaction status, gas used within the limit, and
   with the allocator failing (chosen by the input length) an aborted transaction that
   leaves the state root unchanged. Nothing leaks. */
#define EVM_IMPLEMENTATION
#include "../evm_tx.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static void fz_same_tx(const evm_signed_tx *a, const evm_signed_tx *b)
{
    const evm_transaction *x = &a->tx, *y = &b->tx;
    FZ_CHECK(x->type == y->type && x->create == y->create && x->nonce == y->nonce);
    FZ_CHECK(x->gas_limit == y->gas_limit && memcmp(x->to.bytes, y->to.bytes, 20) == 0);
    FZ_CHECK(evm_u256_eq(&x->value, &y->value) && evm_u256_eq(&x->gas_price, &y->gas_price));
    FZ_CHECK(evm_u256_eq(&x->max_fee_per_gas, &y->max_fee_per_gas));
    FZ_CHECK(evm_u256_eq(&x->max_priority_fee_per_gas, &y->max_priority_fee_per_gas));
    FZ_CHECK(evm_u256_eq(&x->max_fee_per_blob_gas, &y->max_fee_per_blob_gas));
    FZ_CHECK(x->data_size == y->data_size && (!x->data_size || memcmp(x->data, y->data, x->data_size) == 0));
    FZ_CHECK(x->access_list_count == y->access_list_count && x->blob_hash_count == y->blob_hash_count);
    for (size_t i = 0; i < x->access_list_count; i++) {
        FZ_CHECK(memcmp(x->access_list[i].address.bytes, y->access_list[i].address.bytes, 20) == 0);
        FZ_CHECK(x->access_list[i].key_count == y->access_list[i].key_count);
        if (x->access_list[i].key_count)
            FZ_CHECK(memcmp(x->access_list[i].keys, y->access_list[i].keys, 32 * x->access_list[i].key_count) == 0);
    }
    if (x->blob_hash_count)
        FZ_CHECK(memcmp(x->blob_hashes, y->blob_hashes, 32 * x->blob_hash_count) == 0);
    FZ_CHECK(x->authorization_count == y->authorization_count);
    for (size_t i = 0; i < x->authorization_count; i++) {
        const evm_authorization *p = &x->authorizations[i], *q = &y->authorizations[i];
        FZ_CHECK(evm_u256_eq(&p->chain_id, &q->chain_id) && p->nonce == q->nonce);
        FZ_CHECK(memcmp(p->address.bytes, q->address.bytes, 20) == 0);
        FZ_CHECK(evm_u256_eq(&p->y_parity, &q->y_parity) && evm_u256_eq(&p->r, &q->r) &&
                 evm_u256_eq(&p->s, &q->s));
    }
    FZ_CHECK(evm_u256_eq(&a->chain_id, &b->chain_id) && a->eip155 == b->eip155);
    FZ_CHECK(evm_u256_eq(&a->v, &b->v) && a->y_parity == b->y_parity);
    FZ_CHECK(evm_u256_eq(&a->r, &b->r) && evm_u256_eq(&a->s, &b->s));
}

static void fz_transact(evm_signed_tx *t, size_t n)
{
    fz_alloc sa = {0, 0, -1, 0};
    evm_allocator alloc = {fz_realloc, &sa};
    evm_state st;
    evm_state_init(&st, &alloc);
    evm_u256 big = {{0, 0, 0, 1}};
    static const uint8_t code[] = {0x60, 0x01, 0x60, 0x00, 0x55, 0x36, 0x60, 0x00, 0xa0, 0x00};
    FZ_CHECK(evm_state_set_balance(&st, &t->tx.sender, &big));
    if (!t->tx.create)
        FZ_CHECK(evm_state_set_code(&st, &t->tx.to, code, sizeof code));
    evm_vm vm;
    evm_vm_desc desc;
    memset(&desc, 0, sizeof desc);
    desc.allocator = alloc;
    evm_vm_init(&vm, &desc);
    evm_block_env block;
    memset(&block, 0, sizeof block);
    block.number = 1;
    block.gas_limit = 30000000;
    block.base_fee = evm_u256_from_u64(7);
    block.chain_id = evm_u256_from_u64(1);
    block.coinbase.bytes[19] = 0xcb;
    evm_bytes32 before, after;
    bool failing = n % 5 == 0;
    bool have_before = failing && evm_state_root(&st, &before);
    if (failing)
        sa.fail_from = sa.requests + (long)(n / 5 % 8);
    evm_tx_result r;
    /* Prague and later run all five types (type 4's authorities are recovered here) */
    evm_tx_status s = evm_state_transact(&st, &vm, n & 1 ? EVM_OSAKA : EVM_PRAGUE, &block, &t->tx, &r);
    FZ_CHECK((unsigned)s < EVM_TX_STATUS_COUNT && r.status == s);
    if (s == EVM_TX_OK) {
        FZ_CHECK(r.gas_used <= t->tx.gas_limit);
        FZ_CHECK((unsigned)r.exec_status < EVM_OUT_OF_MEMORY);
    }
    sa.fail_from = -1;
    if (s != EVM_TX_OK && have_before && evm_state_root(&st, &after))
        FZ_CHECK(memcmp(before.bytes, after.bytes, 32) == 0);
    FZ_CHECK(vm.arena.blocks == 0);
    evm_vm_destroy(&vm);
    evm_state_destroy(&st);
    FZ_CHECK(sa.live == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
    fz_alloc a = {0, 0, n % 3 == 0 ? (long)(n / 3 % 4) : -1, 0};
    evm_allocator alloc = {fz_realloc, &a};
    evm_signed_tx t;
    evm_tx_decode_status s = evm_tx_decode(&t, d, n, &alloc);
    FZ_CHECK((unsigned)s < EVM_TXD_STATUS_COUNT);
    if (s != EVM_TXD_OK) {
        FZ_CHECK(t.block == NULL && t.tx.data == NULL && t.tx.access_list == NULL);
        FZ_CHECK(t.error_offset <= n);
        FZ_CHECK(a.live == 0);
        FZ_CHECK(evm_tx_decode_status_name(s)[0] != 0);
        return 0;
    }
    a.fail_from = -1;
    FZ_CHECK(t.tx.type <= 4 && (t.tx.type != 0 || d[0] >= 0xc0));
    uint8_t *enc = NULL;
    size_t size = 0;
    FZ_CHECK(evm_tx_encode(&t, &alloc, &enc, &size));
    FZ_CHECK(size == n && memcmp(enc, d, n) == 0);
    evm_signed_tx u;
    FZ_CHECK(evm_tx_decode(&u, enc, size, &alloc) == EVM_TXD_OK);
    fz_same_tx(&t, &u);
    FZ_CHECK(memcmp(t.hash.bytes, u.hash.bytes, 32) == 0);
    evm_signed_tx_free(&u);
    evm_allocate(&alloc, enc, 0);
    evm_bytes32 h;
    FZ_CHECK(evm_tx_signing_hash(&t, &h));
    if (evm_tx_recover_sender(&t, EVM_CANCUN))
        fz_transact(&t, n);
    evm_signed_tx_free(&t);
    FZ_CHECK(a.live == 0);
    return 0;
}
