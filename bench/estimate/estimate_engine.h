/* estimate_engine.h - the execution set-up of the gas cost estimator, shared by the host
   (bench/estimate/estimate.c, timed) and the rv64im guest (bench/estimate/estimate_guest.c,
   instructions counted), so that both engines run every program in exactly the same world.

   One evm_vm and one evm_state (the in-memory host of evm_state.h) are set up once: the
   measured contract at RECIPIENT (balance 1 ether, the code is passed in the message), the
   sender, and a helper contract that returns 2 KiB (RETURNDATASIZE/RETURNDATACOPY call it).
   Every program runs as a CALL with 2 KiB of call data and 10^8 gas, inside its own
   transaction bracket (the journal must not grow without end).

   Include after evm_state.h (with EVM_IMPLEMENTATION where the library is implemented).
   Freestanding: uses only the evm_state.h API, memset and memcpy. */
#ifndef EST_ENGINE_H
#define EST_ENGINE_H

#define EST_MSG_GAS 100000000
#define EST_CALLDATA_SIZE 2048
#define EST_HELPER_RETURN 2048        /* bytes of return data the helper contract gives */

typedef struct est_engine {
    evm_vm vm;
    evm_state st;
    evm_tx_context tx;
    evm_message msg;
    evm_bytes32 blob_hashes[6];
    uint8_t calldata[EST_CALLDATA_SIZE];
} est_engine;

static const evm_address est_recipient = {{0xc0, 0xde, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01}};
static const evm_address est_sender = {{0x5e, 0x4d, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02}};
static const evm_address est_helper = {{0x4e, 0x1f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x03}};

/* vm_desc and alloc may be NULL (defaults). Returns 0 on failure. */
static inline int est_engine_init(est_engine *e, const evm_vm_desc *vm_desc, const evm_allocator *alloc)
{
    memset(e, 0, sizeof *e);
    if (evm_vm_init(&e->vm, vm_desc) != EVM_SUCCESS)
        return 0;
    evm_state_init(&e->st, alloc);
    evm_u256 ether = evm_u256_from_u64(1000000000000000000ull);
    static const uint8_t helper_code[] = {0x61, EST_HELPER_RETURN >> 8, EST_HELPER_RETURN & 0xff,
                                          0x60, 0x00, 0xf3};   /* RETURN(0, 2048) */
    if (!evm_state_set_balance(&e->st, &est_recipient, &ether) ||
        !evm_state_set_balance(&e->st, &est_sender, &ether) ||
        !evm_state_set_code(&e->st, &est_helper, helper_code, sizeof helper_code) ||
        !evm_state_set_balance(&e->st, &est_helper, &ether))
        return 0;
    evm_tx_context *tx = &e->tx;
    tx->gas_price = evm_u256_from_u64(7);
    tx->origin = est_sender;
    tx->coinbase.bytes[0] = 0xcb;
    tx->coinbase.bytes[19] = 0x05;
    tx->number = 20000000;
    tx->timestamp = 1700000000;
    tx->gas_limit = 30000000;
    tx->prevrandao = evm_u256_from_u64(0x1234567890abcdefull);
    tx->chain_id = evm_u256_from_u64(1);
    tx->base_fee = evm_u256_from_u64(7);
    tx->blob_base_fee = evm_u256_from_u64(1);
    for (int i = 0; i < 6; i++) {
        e->blob_hashes[i].bytes[0] = 0x01;
        e->blob_hashes[i].bytes[31] = (uint8_t)i;
    }
    tx->blob_hashes = e->blob_hashes;
    tx->blob_hashes_count = 6;
    for (int i = 0; i < EST_CALLDATA_SIZE; i++)
        e->calldata[i] = (uint8_t)(i * 7 + 1);
    evm_message *m = &e->msg;
    m->kind = EVM_CALL;
    m->gas = EST_MSG_GAS;
    m->recipient = est_recipient;
    m->sender = est_sender;
    m->code_address = est_recipient;
    m->input = e->calldata;
    m->input_size = EST_CALLDATA_SIZE;
    return 1;
}

static inline void est_engine_destroy(est_engine *e)
{
    evm_state_destroy(&e->st);
    evm_vm_destroy(&e->vm);
}

#endif
