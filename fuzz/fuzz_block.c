/* fuzz_block.c - whole blocks through evm_block.h's decoder and header rules, and what
   validates through evm_block_execute.

   Input: the block's RLP, as in the blockchain tests' "rlp". The input length picks an
   allocator failure point (every third length) and one of a few chain configurations.
   Invariants (a violation aborts): the status is a known one with a name; a failure
   leaves nothing allocated and an error offset within the input; a success has the
   input's size, arrays matching their counts, a header hash equal to keccak256 of the
   header's bytes (the decoder accepts canonical RLP only) and decoding the header alone
   gives the same hash. Then the header is checked against a parent made to fit it
   (number - 1, earlier timestamp, its parent hash) and against the block itself as
   parent (never valid: same number); the status is known. When the made-up parent
   lets it through, the block runs on an empty state: a known status, and on any
   failure the state root is unchanged. Nothing leaks. */
#define EVM_IMPLEMENTATION
#include "../evm_block.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static const char *const fz_networks[] = {"Frontier", "Byzantium", "London", "Shanghai",
                                          "Cancun", "Prague", "Osaka", "BPO1ToBPO2AtTime15k"};

static void fz_execute(const evm_chain_config *c, const evm_block_header *parent, const evm_block *b)
{
    fz_alloc sa = {0, 0, -1, 0};
    evm_allocator alloc = {fz_realloc, &sa};
    evm_state st;
    evm_state_init(&st, &alloc);
    evm_vm vm;
    evm_vm_desc desc;
    memset(&desc, 0, sizeof desc);
    desc.allocator = alloc;
    evm_vm_init(&vm, &desc);
    evm_bytes32 before, after;
    FZ_CHECK(evm_state_root(&st, &before));
    evm_block_result r;
    evm_block_status s = evm_block_execute(&st, &vm, c, parent, b, &r);
    FZ_CHECK((unsigned)s < EVM_BLOCK_STATUS_COUNT && r.status == s);
    if (s != EVM_BLOCK_OK) {
        FZ_CHECK(evm_state_root(&st, &after));
        FZ_CHECK(memcmp(before.bytes, after.bytes, 32) == 0);
    }
    evm_block_result_free(&r);
    evm_vm_destroy(&vm);
    evm_state_destroy(&st);
    FZ_CHECK(sa.live == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
    fz_alloc a = {0, 0, n % 3 == 0 ? (long)(n / 3 % 6) : -1, 0};
    evm_allocator alloc = {fz_realloc, &a};
    evm_block b;
    evm_block_status s = evm_block_decode(&b, d, n, &alloc);
    FZ_CHECK((unsigned)s < EVM_BLOCK_STATUS_COUNT && evm_block_status_name(s)[0] != 0);
    if (s != EVM_BLOCK_OK) {
        FZ_CHECK(b.txs == NULL && b.ommers == NULL && b.withdrawals == NULL && b.tx_count == 0);
        FZ_CHECK(b.error_offset <= n);
        FZ_CHECK(a.live == 0);
        evm_block_free(&b);
        return 0;
    }
    a.fail_from = -1;
    FZ_CHECK(b.rlp_size == n);
    FZ_CHECK(!b.tx_count || (b.txs && b.tx_raw && b.tx_raw_size));
    FZ_CHECK(!b.ommer_count || b.ommers);
    FZ_CHECK(!b.withdrawal_count || b.withdrawals);
    for (size_t i = 0; i < b.tx_count; i++)
        FZ_CHECK(b.tx_raw[i] >= d && b.tx_raw[i] + b.tx_raw_size[i] <= d + n);
    FZ_CHECK(b.header.field_count == 15 || b.header.field_count == 16 || b.header.field_count == 17 ||
             b.header.field_count == 20 || b.header.field_count == 21);

    /* the header's bytes: the outer list's first item */
    size_t hl = d[0] <= 0xf7 ? 1 : 1 + (size_t)(d[0] - 0xf7);
    const uint8_t *hp = d + hl;
    size_t hs = hp[0] <= 0xf7 ? 1 + (size_t)(hp[0] - 0xc0) : 0;
    if (!hs) {
        size_t ll = (size_t)(hp[0] - 0xf7), len = 0;
        for (size_t i = 0; i < ll; i++)
            len = len << 8 | hp[1 + i];
        hs = 1 + ll + len;
    }
    uint8_t h[32];
    evm_keccak256(hp, hs, h);
    FZ_CHECK(memcmp(h, b.header.hash.bytes, 32) == 0);
    evm_block_header alone;
    FZ_CHECK(evm_block_decode_header(&alone, hp, hs) == EVM_BLOCK_OK);
    FZ_CHECK(memcmp(alone.hash.bytes, h, 32) == 0 && alone.number == b.header.number);

    evm_chain_config c;
    FZ_CHECK(evm_chain_from_network(&c, fz_networks[n % (sizeof fz_networks / sizeof fz_networks[0])]));
    evm_block_header parent = b.header;
    parent.number = b.header.number ? b.header.number - 1 : 0;
    parent.timestamp = b.header.timestamp ? b.header.timestamp - 1 : 0;
    parent.hash = b.header.parent_hash;
    parent.gas_used = parent.gas_limit / 2;
    evm_block_status v = evm_block_validate_header(&c, &parent, &b.header);
    FZ_CHECK((unsigned)v < EVM_BLOCK_STATUS_COUNT);
    FZ_CHECK(evm_block_validate_header(&c, &b.header, &b.header) != EVM_BLOCK_OK);
    if (v == EVM_BLOCK_OK)
        fz_execute(&c, &parent, &b);
    evm_block_free(&b);
    FZ_CHECK(a.live == 0);
    return 0;
}
