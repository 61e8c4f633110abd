/* evm_state.h - an in-memory world state for evm.h: journal, host, transactions, state root.

   USAGE
     In exactly one C file (the one that implements evm.h is fine):
         #define EVM_IMPLEMENTATION
         #include "evm_state.h"
     Everywhere else just #include "evm_state.h". evm.h and evm_precompiles.h (with its
     crypto headers) must sit beside it; define EVM_STATE_NO_PRECOMPILES to leave the
     precompiles out (the state then answers "no precompile" for every address).

     evm_state st;
     evm_state_init(&st, NULL);                         // NULL = the C library's realloc
     evm_precompiles pc;                                // optional: 0x01..0x0a, 0x100
     evm_precompiles_init(&pc, NULL);
     evm_state_set_precompiles(&st, &pc);
     evm_state_set_balance(&st, &alice, &one_ether);    // set-up (outside a transaction)
     evm_state_set_code(&st, &contract, code, code_size);

     // a whole transaction: validation, fees, execution, refunds, EIP-161 clean-up
     evm_tx_result r;
     if (evm_state_transact(&st, &vm, EVM_CANCUN, &block, &tx, &r) != EVM_TX_OK)
         printf("invalid: %s\n", evm_tx_status_name(r.status));
     evm_bytes32 root, logs;
     evm_state_root(&st, &root);                        // Merkle-Patricia state root
     evm_state_logs_hash(&st, &logs);                   // of the last transaction

     // or drive evm_execute yourself with the state as its host:
     evm_state_begin_transaction(&st, EVM_CANCUN);
     evm_state_warm_account(&st, &caller);              // EIP-2929 pre-warming, if wanted
     evm_execute(&vm, evm_state_host(), &st, EVM_CANCUN, &tx_ctx, &msg, &res);
     evm_state_end_transaction(&st);                    // selfdestructs, EIP-161
     evm_state_destroy(&st);

   WHAT IT HOLDS
     Accounts (balance, nonce, code, storage) in open-addressing hash tables keyed by
     address and by (account, slot): no scan per access. A journal records every change
     made through the host (balances, nonces, code, storage, transient storage, account
     creation, EIP-2929 warm marks, logs, EIP-6780 "created here" marks, selfdestruct
     registrations, EIP-161 touches) so that revert(snapshot) undoes them. Per-transaction
     marks (warm, created, touched, selfdestructed, original storage values) carry the
     number of the transaction that set them, so beginning a transaction resets them all
     in O(1).

     Snapshots nest like the frames that take them: revert(x) ends every snapshot taken
     after x (the interpreter works that way). A slot rewritten with no snapshot taken
     since its last journal entry gets no new entry, so SSTORE loops do not grow the
     journal.

     The set-up functions (evm_state_set_*, evm_state_delete_account) change the state
     directly, without journal: call them outside transactions. Reads may be called at
     any time.

   MEMORY
     Everything comes from the allocator given to evm_state_init (NULL = evm.h's default
     allocator: realloc/free, or EVM_REALLOC/EVM_FREE). Set-up and transaction functions return false / EVM_TX_ABORTED
     on allocation failure, never crash. Host callbacks that cannot report failure
     (access_account, access_storage) set a sticky flag instead, which
     evm_state_transact and evm_state_end_transaction report (evm_state_failed()).

   CONFIGURATION (define before including)
     EVM_STATE_NO_PRECOMPILES  do not include evm_precompiles.h (evm_secp256k1.h stays:
                               EIP-7702 authorities are recovered from their signatures)
     and those of evm.h (EVM_IMPLEMENTATION, EVM_NO_STDLIB, EVM_MEMCPY, EVM_REALLOC, EVM_API, ...).

   FREESTANDING
     With EVM_NO_STDLIB this header and those it includes (evm.h, evm_precompiles.h and
     its crypto headers) include only <stdint.h>, <stddef.h>, <stdbool.h>, call no library
     or OS function and keep no mutable global state (evm_state_host() returns a constant
     table). Give evm_state_init an allocator (or define EVM_REALLOC/EVM_FREE):
     examples/embed.c runs it over a static buffer on rv32im with no C library.

   LICENSE
     MIT, as evm.h.
*/
#include "evm.h"
#ifndef EVM_STATE_H
#define EVM_STATE_H

#ifndef EVM_STATE_NO_PRECOMPILES
#include "evm_precompiles.h"
#endif
#include "evm_secp256k1.h"   /* EIP-7702 authorities are recovered from their signatures */

#ifdef __cplusplus
extern "C" {
#endif

struct evm_precompiles;

/* hash of block `number` (BLOCKHASH); the default is keccak256 of the number's decimal
   ASCII digits, as the Ethereum state tests define it */
typedef void (*evm_block_hash_fn)(void *user, uint64_t number, evm_bytes32 *hash);
/* a precompile implementation: the contract of evm_host.precompile, with its own context */
typedef evm_precompile_status (*evm_precompile_fn)(void *user, evm_fork fork, const evm_address *addr,
                                                   const uint8_t *input, size_t input_size,
                                                   int64_t gas, evm_precompile_result *result);

typedef struct evm__state_account evm__state_account;
typedef struct evm__state_slot evm__state_slot;
typedef struct evm__state_tslot evm__state_tslot;
typedef struct evm__state_jentry evm__state_jentry;
typedef struct evm__state_log evm__state_log;

typedef struct evm__state_table {   /* open addressing: index + 1 per bucket, 0 = empty */
    uint32_t *buckets;
    size_t mask;                     /* capacity - 1; capacity is a power of two or 0 */
} evm__state_table;

/* The world state. All fields are private; the zero value is not usable: call
   evm_state_init. */
typedef struct evm_state {
    evm_allocator allocator;
    evm__state_account *accounts;
    uint32_t account_count, account_cap;
    evm__state_table account_table;
    evm__state_slot *slots;
    uint32_t slot_count, slot_cap;
    evm__state_table slot_table;
    evm__state_tslot *tslots;
    uint32_t tslot_count, tslot_cap;
    evm__state_table tslot_table;
    evm__state_jentry *journal;
    uint32_t journal_count, journal_cap;
    uint32_t *touched, touched_count, touched_cap;          /* account indices */
    uint32_t *destructed, destructed_count, destructed_cap;
    evm__state_log *logs;
    uint32_t log_count, log_cap;
    uint8_t *log_data;
    size_t log_data_size, log_data_cap;
    uint32_t epoch;                  /* number of the current transaction (>= 1) */
    evm_fork fork;
    bool failed;                     /* an allocation failed where it could not be reported */
    uint32_t last_account;           /* lookup cache: index + 1 of the last account found */
    uint32_t last_slot;              /* lookup cache: index + 1 of the last slot found */
    uint32_t last_snapshot;          /* the newest snapshot that may still be reverted to */
    evm_block_hash_fn block_hash;
    void *block_hash_user;
    evm_precompile_fn precompile;
    void *precompile_user;
    const evm_host *host;            /* evm_state_set_host; NULL = evm_state_host() */
    void *host_user;
    void *auth_memo;                 /* EIP-7702 authorities recovered, by list index */
    uint32_t auth_memo_cap;
} evm_state;

/* A log as the state keeps it; pointers valid until the next state change. */
typedef struct evm_state_log {
    evm_address address;
    const evm_bytes32 *topics;
    size_t topic_count;
    const uint8_t *data;
    size_t data_size;
} evm_state_log;

/* ---- life cycle ---- */
EVM_API void evm_state_init(evm_state *s, const evm_allocator *alloc);   /* alloc may be NULL */
EVM_API void evm_state_destroy(evm_state *s);
EVM_API void evm_state_clear(evm_state *s);       /* remove every account, keep the tables */
EVM_API void evm_state_set_block_hash(evm_state *s, evm_block_hash_fn fn, void *user); /* NULL = default */
/* the precompiles: evm_precompiles.h's (NULL = none), or any function of your own */
EVM_API void evm_state_set_precompiles(evm_state *s, struct evm_precompiles *p);
EVM_API void evm_state_set_precompile_fn(evm_state *s, evm_precompile_fn fn, void *user);
/* The host evm_state_transact (and evm_block.h's system calls) run the EVM with, instead
   of evm_state_host(): a wrapper around it (its callbacks get the state as ctx, and find
   their own data with evm_state_host_user), e.g. evm_stateless.h's, which loads accounts
   from a witness on first use. NULL = evm_state_host(). */
EVM_API void evm_state_set_host(evm_state *s, const evm_host *host, void *user);
EVM_API void *evm_state_host_user(const evm_state *s);
EVM_API const evm_host *evm_state_active_host(const evm_state *s);
EVM_API bool evm_state_failed(const evm_state *s);

/* ---- set-up (direct, not journaled) and reads ---- */
EVM_API bool evm_state_create(evm_state *s, const evm_address *addr);      /* an empty account */
EVM_API bool evm_state_set_balance(evm_state *s, const evm_address *addr, const evm_u256 *balance);
EVM_API bool evm_state_set_nonce(evm_state *s, const evm_address *addr, uint64_t nonce);
EVM_API bool evm_state_set_code(evm_state *s, const evm_address *addr, const uint8_t *code, size_t size);
EVM_API bool evm_state_set_storage(evm_state *s, const evm_address *addr, const evm_u256 *key,
                                   const evm_u256 *value);
EVM_API void evm_state_delete_account(evm_state *s, const evm_address *addr);
EVM_API bool evm_state_exists(const evm_state *s, const evm_address *addr);
EVM_API evm_u256 evm_state_balance(const evm_state *s, const evm_address *addr);
EVM_API uint64_t evm_state_nonce(const evm_state *s, const evm_address *addr);
EVM_API const uint8_t *evm_state_code(const evm_state *s, const evm_address *addr, size_t *size);
EVM_API void evm_state_code_hash(evm_state *s, const evm_address *addr, evm_bytes32 *hash);
EVM_API evm_u256 evm_state_storage(const evm_state *s, const evm_address *addr, const evm_u256 *key);
/* Iterate existing accounts / an account's non-zero slots: start with *iter = 0; returns
   false at the end. Order is insertion order. */
EVM_API bool evm_state_next_account(const evm_state *s, size_t *iter, evm_address *addr);
EVM_API bool evm_state_next_slot(const evm_state *s, const evm_address *addr, size_t *iter,
                                 evm_u256 *key, evm_u256 *value);

/* ---- the host (ctx = the evm_state *) ---- */
EVM_API const evm_host *evm_state_host(void);

/* ---- transactions driven by hand ---- */
/* Reset the per-transaction sets (warm, transient, logs, original values, created,
   selfdestructed, touched) and remember the fork. */
EVM_API void evm_state_begin_transaction(evm_state *s, evm_fork fork);
EVM_API bool evm_state_warm_account(evm_state *s, const evm_address *addr);
EVM_API bool evm_state_warm_slot(evm_state *s, const evm_address *addr, const evm_u256 *key);
EVM_API uint32_t evm_state_snapshot(evm_state *s);
EVM_API void evm_state_revert(evm_state *s, uint32_t snapshot);
/* Delete selfdestructed accounts and (from Spurious Dragon on) touched empty accounts,
   commit the journal. Returns false if an allocation failed during the transaction. */
EVM_API bool evm_state_end_transaction(evm_state *s);
/* logs of the current / last transaction */
EVM_API size_t evm_state_log_count(const evm_state *s);
EVM_API bool evm_state_get_log(const evm_state *s, size_t i, evm_state_log *out);
/* keccak256(rlp([[address, [topics...], data], ...])) */
EVM_API bool evm_state_logs_hash(const evm_state *s, evm_bytes32 *out);

/* ---- state root ---- */
EVM_API bool evm_state_root(const evm_state *s, evm_bytes32 *root);
EVM_API bool evm_state_storage_root(const evm_state *s, const evm_address *addr, evm_bytes32 *root);
/* Root of a Merkle-Patricia trie of arbitrary keys and values (keys distinct; no key
   hashing: hash them yourself for a secure trie). Empty: 56e81f17...b421. */
typedef struct evm_trie_item {
    const uint8_t *key;
    size_t key_size;
    const uint8_t *value;            /* non-empty */
    size_t value_size;
} evm_trie_item;
EVM_API bool evm_trie_root(evm_trie_item *items, size_t count, const evm_allocator *alloc,
                           evm_bytes32 *root);   /* sorts items in place */

/* ---- transactions ---- */
typedef struct evm_access_list_entry {
    evm_address address;
    const evm_bytes32 *keys;
    size_t key_count;
} evm_access_list_entry;

/* EIP-7702: one entry of a set-code transaction's authorization list, as signed by the
   authority: keccak256(0x05 || rlp([chain_id, address, nonce])). The authority is
   recovered from (y_parity, r, s) when the transaction runs; an entry whose signature,
   chain id or nonce does not fit is skipped, never an invalid transaction. */
typedef struct evm_authorization {
    evm_u256 chain_id;               /* 0 = valid on every chain */
    evm_address address;             /* the code to delegate to; zero = clear the delegation */
    uint64_t nonce;                  /* 2^64 - 1 is never valid (EIP-2681) */
    evm_u256 y_parity, r, s;
} evm_authorization;

typedef struct evm_transaction {
    uint8_t type;                    /* 0 legacy, 1 EIP-2930, 2 EIP-1559, 3 EIP-4844,
                                        4 EIP-7702 */
    evm_address sender;              /* already recovered from the signature */
    bool create;                     /* no `to`: a contract creation */
    evm_address to;
    uint64_t nonce;
    uint64_t gas_limit;
    evm_u256 value;
    evm_u256 gas_price;              /* types 0 and 1 */
    evm_u256 max_fee_per_gas;        /* types 2, 3 and 4 */
    evm_u256 max_priority_fee_per_gas;
    evm_u256 max_fee_per_blob_gas;   /* type 3 */
    const uint8_t *data;
    size_t data_size;
    const evm_access_list_entry *access_list;   /* types 1 to 4 */
    size_t access_list_count;
    const evm_bytes32 *blob_hashes;  /* type 3 */
    size_t blob_hash_count;
    const evm_authorization *authorizations;   /* type 4 */
    size_t authorization_count;
} evm_transaction;

/* Blob parameters of a fork (EIP-4844, EIP-7691, EIP-7892 blob-parameter-only forks):
   blobs per block aimed at and allowed, and the base fee update fraction. */
typedef struct evm_blob_params {
    uint64_t target, max, update_fraction;
} evm_blob_params;
/* The mainnet values of a fork: Cancun 3/6/3338477, Prague and Osaka 6/9/5007716; zero
   before Cancun. The BPO forks change only these: give them in evm_block_env.blob. */
EVM_API evm_blob_params evm_fork_blob_params(evm_fork fork);
/* The blob schedule as data (EIP-7840, EIP-7892): every fork that set blob parameters,
   under the name fixtures and chain configurations use ("Cancun", "Prague", "Osaka",
   "BPO1", "BPO2"), the EVM rules it runs (BPO forks: those of Osaka) and its mainnet
   activation time. */
typedef struct evm_blob_fork {
    const char *name;
    evm_fork rules;
    uint64_t mainnet_timestamp;
    evm_blob_params params;
} evm_blob_fork;
EVM_API const evm_blob_fork *evm_blob_schedule(size_t *count);
/* By name (case-insensitive); NULL if unknown */
EVM_API const evm_blob_fork *evm_blob_fork_by_name(const char *name);

typedef struct evm_block_env {
    evm_address coinbase;
    uint64_t number;
    uint64_t timestamp;
    uint64_t gas_limit;
    evm_u256 prevrandao;             /* the difficulty before Paris */
    evm_u256 base_fee;               /* from London */
    uint64_t excess_blob_gas;        /* from Cancun */
    evm_u256 chain_id;
    evm_blob_params blob;            /* from Cancun; all zero = evm_fork_blob_params(fork) */
} evm_block_env;

typedef enum evm_tx_status {
    EVM_TX_OK = 0,                   /* included: see exec_status for the execution */
    EVM_TX_TYPE_NOT_SUPPORTED,       /* typed transaction before its fork */
    EVM_TX_INTRINSIC_GAS_TOO_LOW,
    EVM_TX_NONCE_IS_MAX,             /* EIP-2681 */
    EVM_TX_NONCE_MISMATCH,
    EVM_TX_INITCODE_SIZE_EXCEEDED,   /* EIP-3860 */
    EVM_TX_GAS_ALLOWANCE_EXCEEDED,   /* gas limit above the block's */
    EVM_TX_PRIORITY_GREATER_THAN_MAX_FEE,
    EVM_TX_INSUFFICIENT_MAX_FEE_PER_GAS,  /* below the base fee */
    EVM_TX_BLOB_CONTRACT_CREATION,
    EVM_TX_BLOB_ZERO_BLOBS,
    EVM_TX_BLOB_COUNT_EXCEEDED,      /* EIP-7594: more than 6 blobs in one transaction */
    EVM_TX_BLOB_GAS_ALLOWANCE_EXCEEDED,   /* more blobs than a block may hold */
    EVM_TX_BLOB_INVALID_VERSIONED_HASH,
    EVM_TX_INSUFFICIENT_MAX_FEE_PER_BLOB_GAS,
    EVM_TX_INSUFFICIENT_ACCOUNT_FUNDS,
    EVM_TX_SENDER_NOT_EOA,           /* EIP-3607 (a delegation designator is allowed) */
    EVM_TX_INTRINSIC_GAS_BELOW_FLOOR,     /* EIP-7623: gas limit below the calldata floor */
    EVM_TX_GAS_LIMIT_EXCEEDS_MAXIMUM,     /* EIP-7825: gas limit above 2^24 */
    EVM_TX_SETCODE_CONTRACT_CREATION,     /* a type-4 transaction without `to` */
    EVM_TX_SETCODE_EMPTY_AUTHORIZATIONS,  /* a type-4 transaction with no authorization */
    EVM_TX_ABORTED,                  /* not a consensus outcome: the execution could not
                                        complete (exec_status says why: out of memory, arena
                                        exhausted, unsupported precompile); state unchanged */
    EVM_TX_STATUS_COUNT
} evm_tx_status;

typedef struct evm_tx_result {
    evm_tx_status status;
    evm_status exec_status;          /* outcome of the message (EVM_TX_OK only) */
    uint64_t gas_used;               /* after the refund */
    uint64_t gas_refund;             /* refund given (capped) */
    const uint8_t *output;           /* owned by the vm */
    size_t output_size;
    evm_address create_address;      /* a successful creation */
} evm_tx_result;

/* Run one transaction: validate (an invalid one changes nothing), charge, execute,
   refund, pay the coinbase, clean up. Returns result->status. */
EVM_API evm_tx_status evm_state_transact(evm_state *s, evm_vm *vm, evm_fork fork,
                                         const evm_block_env *block, const evm_transaction *tx,
                                         evm_tx_result *result);
/* Intrinsic gas of a transaction (EIP-2028, EIP-2930, EIP-3860, EIP-7702) */
EVM_API uint64_t evm_tx_intrinsic_gas(evm_fork fork, const evm_transaction *tx);
/* EIP-7623: the least gas a transaction uses, 21000 + 10 per calldata token (a zero byte
   is one token, any other byte four); 0 before Prague */
EVM_API uint64_t evm_tx_floor_gas(evm_fork fork, const evm_transaction *tx);
/* EIP-4844 blob gas price: fake_exponential(1, excess_blob_gas, update_fraction) */
EVM_API evm_u256 evm_blob_base_fee(uint64_t excess_blob_gas, uint64_t update_fraction);
EVM_API const char *evm_tx_status_name(evm_tx_status s);   /* "INTRINSIC_GAS_TOO_LOW", ... */

#ifdef __cplusplus
}
#endif
#endif /* EVM_STATE_H */

/* =================================================================================
   IMPLEMENTATION
   ================================================================================= */
#if defined(EVM_IMPLEMENTATION) && !defined(EVM_STATE_IMPLEMENTED)
#define EVM_STATE_IMPLEMENTED

struct evm__state_account {
    evm_address address;
    evm_u256 balance;
    uint64_t nonce;
    uint8_t *code;                   /* from the allocator; NULL when size is 0 */
    size_t code_size;
    evm_bytes32 code_hash;           /* valid if hash_valid */
    uint32_t first_slot;             /* index + 1 of the newest slot of this account */
    uint32_t nonzero_slots;          /* slots with a non-zero value (EIP-7610) */
    uint32_t warm_epoch, created_epoch, touched_epoch, destructed_epoch;
    bool exists;
    bool hash_valid;
};

struct evm__state_slot {
    evm_u256 key, value, original;   /* original: valid if orig_epoch is the current one */
    uint32_t account;
    uint32_t next;                   /* index + 1 of the next (older) slot of the account */
    uint32_t orig_epoch, warm_epoch;
    uint32_t journaled;              /* journal index of its newest value entry */
};

struct evm__state_tslot {            /* transient storage (EIP-1153), cleared per transaction */
    evm_u256 key, value;
    uint32_t account;
    uint32_t journaled;
};

enum {
    EVM__J_BALANCE, EVM__J_NONCE, EVM__J_CODE, EVM__J_EXISTS, EVM__J_CREATED, EVM__J_STORAGE,
    EVM__J_TRANSIENT, EVM__J_WARM_ACCOUNT, EVM__J_WARM_SLOT, EVM__J_TOUCH, EVM__J_DESTRUCT,
    EVM__J_LOG
};

struct evm__state_jentry {
    uint32_t kind;
    uint32_t index;                  /* account, slot or transient slot */
    uint32_t old_epoch;
    uint64_t old_nonce;
    evm_u256 old;                    /* balance or slot value */
    uint8_t *old_code;               /* owned by the entry until the journal is cleared */
    size_t old_code_size;
};

struct evm__state_log {
    evm_address address;
    uint32_t topic_count;
    evm_bytes32 topics[4];
    size_t data_offset, data_size;
};

#define EVM__STATE_NONE 0xffffffffu

/* ---------------------------------------------------------------------------------
   Small helpers
   --------------------------------------------------------------------------------- */
static void *evm__st_alloc(const evm_state *s, void *p, size_t size)
{
    return evm_allocate(&s->allocator, p, size);
}

/* grow an array to hold at least `need` elements of `elem` bytes */
static bool evm__st_reserve(const evm_state *s, void **arr, uint32_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    if (need > 0x7fffffffu)
        return false;
    size_t ncap = *cap ? (size_t)*cap * 2 : 16;
    while (ncap < need)
        ncap *= 2;
    if (ncap > 0xffffffffu)
        ncap = 0xffffffffu;
    if (ncap > SIZE_MAX / elem)
        return false;
    void *p = evm__st_alloc(s, *arr, ncap * elem);
    if (!p)
        return false;
    *arr = p;
    *cap = (uint32_t)ncap;
    return true;
}

static inline uint64_t evm__st_mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}

static inline uint64_t evm__st_load64(const uint8_t *p)
{
    return (uint64_t)p[0] << 56 | (uint64_t)p[1] << 48 | (uint64_t)p[2] << 40 | (uint64_t)p[3] << 32 |
           (uint64_t)p[4] << 24 | (uint64_t)p[5] << 16 | (uint64_t)p[6] << 8 | (uint64_t)p[7];
}

static inline uint64_t evm__st_hash_address(const evm_address *a)
{
    uint64_t x = evm__st_load64(a->bytes), y = evm__st_load64(a->bytes + 8);
    uint64_t z = (uint64_t)a->bytes[16] << 24 | (uint64_t)a->bytes[17] << 16 |
                 (uint64_t)a->bytes[18] << 8 | a->bytes[19];
    return evm__st_mix(x * 0x9e3779b97f4a7c15ull + y * 0xbf58476d1ce4e5b9ull + z * 0x94d049bb133111ebull);
}

static inline uint64_t evm__st_hash_slot(uint32_t account, const evm_u256 *k)
{
    return evm__st_mix(k->w[0] * 0x9e3779b97f4a7c15ull + k->w[1] * 0xbf58476d1ce4e5b9ull +
                       k->w[2] * 0x94d049bb133111ebull + k->w[3] * 0xd6e8feb86659fd93ull +
                       (uint64_t)account * 0xa0761d6478bd642full);
}

static inline bool evm__st_addr_eq(const evm_address *a, const evm_address *b)
{
    return EVM_MEMCMP(a->bytes, b->bytes, 20) == 0;
}

static inline bool evm__st_u256_eq(const evm_u256 *a, const evm_u256 *b)
{
    return ((a->w[0] ^ b->w[0]) | (a->w[1] ^ b->w[1]) | (a->w[2] ^ b->w[2]) | (a->w[3] ^ b->w[3])) == 0;
}

static inline bool evm__st_u256_zero(const evm_u256 *a)
{
    return (a->w[0] | a->w[1] | a->w[2] | a->w[3]) == 0;
}

/* (Re)build a table of capacity `cap` (a power of two) from the entries 0..count-1. */
static bool evm__st_table_rebuild(evm_state *s, evm__state_table *t, size_t cap, uint32_t count,
                                  int which)
{
    uint32_t *b = (uint32_t *)evm__st_alloc(s, NULL, cap * sizeof(uint32_t));
    if (!b)
        return false;
    EVM_MEMSET(b, 0, cap * sizeof(uint32_t));
    size_t mask = cap - 1;
    for (uint32_t i = 0; i < count; i++) {
        uint64_t h = which == 0 ? evm__st_hash_address(&s->accounts[i].address)
                   : which == 1 ? evm__st_hash_slot(s->slots[i].account, &s->slots[i].key)
                                : evm__st_hash_slot(s->tslots[i].account, &s->tslots[i].key);
        size_t j = (size_t)h & mask;
        while (b[j])
            j = (j + 1) & mask;
        b[j] = i + 1;
    }
    if (t->buckets)
        evm__st_alloc(s, t->buckets, 0);
    t->buckets = b;
    t->mask = mask;
    return true;
}

/* make room for one more entry (load factor <= 1/2) */
static bool evm__st_table_room(evm_state *s, evm__state_table *t, uint32_t count, int which)
{
    size_t cap = t->buckets ? t->mask + 1 : 0;
    if ((size_t)(count + 1) * 2 <= cap)
        return true;
    size_t ncap = cap ? cap * 2 : 64;
    if (ncap > SIZE_MAX / sizeof(uint32_t))
        return false;
    return evm__st_table_rebuild(s, t, ncap, count, which);
}

/* ---------------------------------------------------------------------------------
   Accounts
   --------------------------------------------------------------------------------- */
static uint32_t evm__st_find(const evm_state *s, const evm_address *a)
{
    if (s->last_account && evm__st_addr_eq(&s->accounts[s->last_account - 1].address, a))
        return s->last_account - 1;
    if (!s->account_table.buckets)
        return EVM__STATE_NONE;
    size_t mask = s->account_table.mask, j = (size_t)evm__st_hash_address(a) & mask;
    for (;;) {
        uint32_t e = s->account_table.buckets[j];
        if (!e)
            return EVM__STATE_NONE;
        if (evm__st_addr_eq(&s->accounts[e - 1].address, a)) {
            ((evm_state *)s)->last_account = e;   /* a cache, not state */
            return e - 1;
        }
        j = (j + 1) & mask;
    }
}

/* find or add a record (exists = false for a new one); EVM__STATE_NONE if out of memory */
static uint32_t evm__st_record(evm_state *s, const evm_address *a)
{
    uint32_t i = evm__st_find(s, a);
    if (i != EVM__STATE_NONE)
        return i;
    if (!evm__st_reserve(s, (void **)&s->accounts, &s->account_cap, (size_t)s->account_count + 1,
                         sizeof(evm__state_account)) ||
        !evm__st_table_room(s, &s->account_table, s->account_count, 0))
        return EVM__STATE_NONE;
    i = s->account_count++;
    evm__state_account *acc = &s->accounts[i];
    EVM_MEMSET(acc, 0, sizeof *acc);
    acc->address = *a;
    size_t mask = s->account_table.mask, j = (size_t)evm__st_hash_address(a) & mask;
    while (s->account_table.buckets[j])
        j = (j + 1) & mask;
    s->account_table.buckets[j] = i + 1;
    s->last_account = i + 1;
    return i;
}

static inline const evm__state_account *evm__st_get(const evm_state *s, const evm_address *a)
{
    uint32_t i = evm__st_find(s, a);
    return i != EVM__STATE_NONE && s->accounts[i].exists ? &s->accounts[i] : NULL;
}

static inline bool evm__st_empty(const evm__state_account *acc)
{
    return acc->nonce == 0 && acc->code_size == 0 && evm__st_u256_zero(&acc->balance);
}

/* ---------------------------------------------------------------------------------
   Storage slots
   --------------------------------------------------------------------------------- */
static uint32_t evm__st_slot_find(const evm_state *s, uint32_t account, const evm_u256 *key)
{
    if (s->last_slot) {
        const evm__state_slot *c = &s->slots[s->last_slot - 1];
        if (c->account == account && evm__st_u256_eq(&c->key, key))
            return s->last_slot - 1;
    }
    if (!s->slot_table.buckets)
        return EVM__STATE_NONE;
    size_t mask = s->slot_table.mask, j = (size_t)evm__st_hash_slot(account, key) & mask;
    for (;;) {
        uint32_t e = s->slot_table.buckets[j];
        if (!e)
            return EVM__STATE_NONE;
        const evm__state_slot *c = &s->slots[e - 1];
        if (c->account == account && evm__st_u256_eq(&c->key, key)) {
            ((evm_state *)s)->last_slot = e;
            return e - 1;
        }
        j = (j + 1) & mask;
    }
}

static uint32_t evm__st_slot_record(evm_state *s, uint32_t account, const evm_u256 *key)
{
    uint32_t i = evm__st_slot_find(s, account, key);
    if (i != EVM__STATE_NONE)
        return i;
    if (!evm__st_reserve(s, (void **)&s->slots, &s->slot_cap, (size_t)s->slot_count + 1,
                         sizeof(evm__state_slot)) ||
        !evm__st_table_room(s, &s->slot_table, s->slot_count, 1))
        return EVM__STATE_NONE;
    i = s->slot_count++;
    evm__state_slot *sl = &s->slots[i];
    EVM_MEMSET(sl, 0, sizeof *sl);
    sl->key = *key;
    sl->account = account;
    sl->journaled = EVM__STATE_NONE;
    sl->next = s->accounts[account].first_slot;
    s->accounts[account].first_slot = i + 1;
    size_t mask = s->slot_table.mask, j = (size_t)evm__st_hash_slot(account, key) & mask;
    while (s->slot_table.buckets[j])
        j = (j + 1) & mask;
    s->slot_table.buckets[j] = i + 1;
    s->last_slot = i + 1;
    return i;
}

static void evm__st_slot_assign(evm_state *s, evm__state_slot *sl, const evm_u256 *value)
{
    bool was = !evm__st_u256_zero(&sl->value), now = !evm__st_u256_zero(value);
    if (was != now) {
        if (now)
            s->accounts[sl->account].nonzero_slots++;
        else
            s->accounts[sl->account].nonzero_slots--;
    }
    sl->value = *value;
}

/* remove everything of an account (not journaled: outside or at the end of a transaction) */
static void evm__st_wipe(evm_state *s, uint32_t i)
{
    evm__state_account *acc = &s->accounts[i];
    for (uint32_t k = acc->first_slot; k; k = s->slots[k - 1].next) {
        s->slots[k - 1].value = (evm_u256){{0, 0, 0, 0}};
        s->slots[k - 1].orig_epoch = 0;
    }
    acc->nonzero_slots = 0;
    if (acc->code)
        evm__st_alloc(s, acc->code, 0);
    acc->code = NULL;
    acc->code_size = 0;
    acc->hash_valid = false;
    acc->nonce = 0;
    acc->balance = (evm_u256){{0, 0, 0, 0}};
    acc->exists = false;
}

/* ---------------------------------------------------------------------------------
   Life cycle and set-up
   --------------------------------------------------------------------------------- */
static void evm__st_default_block_hash(void *user, uint64_t number, evm_bytes32 *hash)
{
    char digits[24];
    int n = 0;
    (void)user;
    do {
        digits[n++] = (char)('0' + number % 10);
        number /= 10;
    } while (number);
    char text[24];
    for (int k = 0; k < n; k++)
        text[k] = digits[n - 1 - k];
    evm_keccak256((const uint8_t *)text, (size_t)n, hash->bytes);
}

void evm_state_init(evm_state *s, const evm_allocator *alloc)
{
    EVM_MEMSET(s, 0, sizeof *s);
    if (alloc)
        s->allocator = *alloc;
    s->epoch = 1;
    s->fork = EVM_CANCUN;
    s->block_hash = evm__st_default_block_hash;
}

static void evm__st_journal_clear(evm_state *s)
{
    for (uint32_t i = 0; i < s->journal_count; i++)
        if (s->journal[i].kind == EVM__J_CODE && s->journal[i].old_code)
            evm__st_alloc(s, s->journal[i].old_code, 0);
    s->journal_count = 0;
    s->last_snapshot = 0;
}

void evm_state_clear(evm_state *s)
{
    evm__st_journal_clear(s);
    for (uint32_t i = 0; i < s->account_count; i++)
        if (s->accounts[i].code)
            evm__st_alloc(s, s->accounts[i].code, 0);
    s->account_count = s->slot_count = s->tslot_count = 0;
    if (s->account_table.buckets)
        EVM_MEMSET(s->account_table.buckets, 0, (s->account_table.mask + 1) * sizeof(uint32_t));
    if (s->slot_table.buckets)
        EVM_MEMSET(s->slot_table.buckets, 0, (s->slot_table.mask + 1) * sizeof(uint32_t));
    if (s->tslot_table.buckets)
        EVM_MEMSET(s->tslot_table.buckets, 0, (s->tslot_table.mask + 1) * sizeof(uint32_t));
    s->touched_count = s->destructed_count = 0;
    s->log_count = 0;
    s->log_data_size = 0;
    s->last_account = s->last_slot = 0;
    s->failed = false;
    s->epoch++;
}

void evm_state_destroy(evm_state *s)
{
    evm_state_clear(s);
    void *arrays[] = {s->accounts, s->account_table.buckets, s->slots, s->slot_table.buckets,
                      s->tslots, s->tslot_table.buckets, s->journal, s->touched, s->destructed,
                      s->logs, s->log_data, s->auth_memo};
    for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++)
        if (arrays[i])
            evm__st_alloc(s, arrays[i], 0);
    evm_allocator a = s->allocator;
    EVM_MEMSET(s, 0, sizeof *s);
    s->allocator = a;
}

void evm_state_set_block_hash(evm_state *s, evm_block_hash_fn fn, void *user)
{
    s->block_hash = fn ? fn : evm__st_default_block_hash;
    s->block_hash_user = fn ? user : NULL;
}

#ifndef EVM_STATE_NO_PRECOMPILES
static evm_precompile_status evm__st_run_precompiles(void *user, evm_fork fork, const evm_address *addr,
                                                     const uint8_t *input, size_t input_size,
                                                     int64_t gas, evm_precompile_result *result)
{
    return evm_precompiles_run((evm_precompiles *)user, fork, addr, input, input_size, gas, result);
}
#endif

void evm_state_set_precompiles(evm_state *s, struct evm_precompiles *p)
{
#ifndef EVM_STATE_NO_PRECOMPILES
    evm_state_set_precompile_fn(s, p ? evm__st_run_precompiles : NULL, p);
#else
    (void)p;
    evm_state_set_precompile_fn(s, NULL, NULL);
#endif
}

void evm_state_set_host(evm_state *s, const evm_host *host, void *user)
{
    s->host = host;
    s->host_user = user;
}
void *evm_state_host_user(const evm_state *s) { return s->host_user; }
const evm_host *evm_state_active_host(const evm_state *s) { return s->host ? s->host : evm_state_host(); }

void evm_state_set_precompile_fn(evm_state *s, evm_precompile_fn fn, void *user)
{
    s->precompile = fn;
    s->precompile_user = fn ? user : NULL;
}
bool evm_state_failed(const evm_state *s) { return s->failed; }

static evm__state_account *evm__st_setup(evm_state *s, const evm_address *addr)
{
    uint32_t i = evm__st_record(s, addr);
    if (i == EVM__STATE_NONE)
        return NULL;
    s->accounts[i].exists = true;
    return &s->accounts[i];
}

bool evm_state_create(evm_state *s, const evm_address *addr) { return evm__st_setup(s, addr) != NULL; }

bool evm_state_set_balance(evm_state *s, const evm_address *addr, const evm_u256 *balance)
{
    evm__state_account *acc = evm__st_setup(s, addr);
    if (acc)
        acc->balance = *balance;
    return acc != NULL;
}

bool evm_state_set_nonce(evm_state *s, const evm_address *addr, uint64_t nonce)
{
    evm__state_account *acc = evm__st_setup(s, addr);
    if (acc)
        acc->nonce = nonce;
    return acc != NULL;
}

static bool evm__st_copy_code(evm_state *s, uint8_t **out, const uint8_t *code, size_t size)
{
    *out = NULL;
    if (!size)
        return true;
    *out = (uint8_t *)evm__st_alloc(s, NULL, size);
    if (!*out)
        return false;
    EVM_MEMCPY(*out, code, size);
    return true;
}

bool evm_state_set_code(evm_state *s, const evm_address *addr, const uint8_t *code, size_t size)
{
    uint8_t *copy;
    evm__state_account *acc = evm__st_setup(s, addr);
    if (!acc || !evm__st_copy_code(s, &copy, code, size))
        return false;
    if (acc->code)
        evm__st_alloc(s, acc->code, 0);
    acc->code = copy;
    acc->code_size = size;
    acc->hash_valid = false;
    return true;
}

bool evm_state_set_storage(evm_state *s, const evm_address *addr, const evm_u256 *key,
                           const evm_u256 *value)
{
    if (!evm__st_setup(s, addr))
        return false;
    uint32_t i = evm__st_find(s, addr);
    uint32_t k = evm__st_slot_record(s, i, key);
    if (k == EVM__STATE_NONE)
        return false;
    evm__st_slot_assign(s, &s->slots[k], value);
    return true;
}

void evm_state_delete_account(evm_state *s, const evm_address *addr)
{
    uint32_t i = evm__st_find(s, addr);
    if (i != EVM__STATE_NONE)
        evm__st_wipe(s, i);
}

bool evm_state_exists(const evm_state *s, const evm_address *addr) { return evm__st_get(s, addr) != NULL; }

evm_u256 evm_state_balance(const evm_state *s, const evm_address *addr)
{
    const evm__state_account *acc = evm__st_get(s, addr);
    return acc ? acc->balance : (evm_u256){{0, 0, 0, 0}};
}

uint64_t evm_state_nonce(const evm_state *s, const evm_address *addr)
{
    const evm__state_account *acc = evm__st_get(s, addr);
    return acc ? acc->nonce : 0;
}

const uint8_t *evm_state_code(const evm_state *s, const evm_address *addr, size_t *size)
{
    const evm__state_account *acc = evm__st_get(s, addr);
    *size = acc ? acc->code_size : 0;
    return acc && acc->code ? acc->code : (const uint8_t *)"";
}

void evm_state_code_hash(evm_state *s, const evm_address *addr, evm_bytes32 *hash)
{
    uint32_t i = evm__st_find(s, addr);
    if (i == EVM__STATE_NONE || !s->accounts[i].exists) {
        evm_keccak256(NULL, 0, hash->bytes);
        return;
    }
    evm__state_account *acc = &s->accounts[i];
    if (!acc->hash_valid) {
        evm_keccak256(acc->code, acc->code_size, acc->code_hash.bytes);
        acc->hash_valid = true;
    }
    *hash = acc->code_hash;
}

evm_u256 evm_state_storage(const evm_state *s, const evm_address *addr, const evm_u256 *key)
{
    uint32_t i = evm__st_find(s, addr);
    if (i == EVM__STATE_NONE || !s->accounts[i].exists)
        return (evm_u256){{0, 0, 0, 0}};
    uint32_t k = evm__st_slot_find(s, i, key);
    return k == EVM__STATE_NONE ? (evm_u256){{0, 0, 0, 0}} : s->slots[k].value;
}

bool evm_state_next_account(const evm_state *s, size_t *iter, evm_address *addr)
{
    while (*iter < s->account_count) {
        const evm__state_account *acc = &s->accounts[(*iter)++];
        if (acc->exists) {
            *addr = acc->address;
            return true;
        }
    }
    return false;
}

/* *iter: 0 to start, then index + 1 of the next slot to look at, SIZE_MAX at the end */
bool evm_state_next_slot(const evm_state *s, const evm_address *addr, size_t *iter,
                         evm_u256 *key, evm_u256 *value)
{
    if (*iter == SIZE_MAX)
        return false;
    if (*iter == 0) {
        const evm__state_account *acc = evm__st_get(s, addr);
        *iter = acc && acc->first_slot ? acc->first_slot : SIZE_MAX;
    }
    while (*iter != SIZE_MAX) {
        const evm__state_slot *sl = &s->slots[*iter - 1];
        *iter = sl->next ? sl->next : SIZE_MAX;
        if (!evm__st_u256_zero(&sl->value)) {
            *key = sl->key;
            *value = sl->value;
            return true;
        }
    }
    return false;
}

/* ---------------------------------------------------------------------------------
   The journal
   --------------------------------------------------------------------------------- */
static evm__state_jentry *evm__st_journal(evm_state *s, uint32_t kind, uint32_t index)
{
    if (!evm__st_reserve(s, (void **)&s->journal, &s->journal_cap, (size_t)s->journal_count + 1,
                         sizeof(evm__state_jentry)))
        return NULL;
    evm__state_jentry *e = &s->journal[s->journal_count++];
    e->kind = kind;
    e->index = index;
    e->old_code = NULL;
    return e;
}

uint32_t evm_state_snapshot(evm_state *s)
{
    s->last_snapshot = s->journal_count;
    return s->journal_count;
}

/* A slot written again with no snapshot taken since its last journal entry needs no new
   entry: any revert goes back at least past that entry, which restores an older value.
   Snapshots are LIFO (a revert to X ends every snapshot after X), so after a revert the
   newest live snapshot is at most X. This keeps loops of SSTORE / TSTORE in one frame
   at one entry per slot. */
static bool evm__st_journaled(const evm_state *s, uint32_t kind, uint32_t index, uint32_t at)
{
    return at >= s->last_snapshot && at < s->journal_count && s->journal[at].kind == kind &&
           s->journal[at].index == index;
}

void evm_state_revert(evm_state *s, uint32_t snapshot)
{
    if (snapshot < s->last_snapshot)
        s->last_snapshot = snapshot;
    while (s->journal_count > snapshot) {
        evm__state_jentry *e = &s->journal[--s->journal_count];
        switch (e->kind) {
        case EVM__J_BALANCE: s->accounts[e->index].balance = e->old; break;
        case EVM__J_NONCE: s->accounts[e->index].nonce = e->old_nonce; break;
        case EVM__J_CODE: {
            evm__state_account *acc = &s->accounts[e->index];
            if (acc->code)
                evm__st_alloc(s, acc->code, 0);
            acc->code = e->old_code;
            acc->code_size = e->old_code_size;
            acc->hash_valid = false;
            e->old_code = NULL;
            break;
        }
        case EVM__J_EXISTS: s->accounts[e->index].exists = false; break;
        case EVM__J_CREATED: s->accounts[e->index].created_epoch = e->old_epoch; break;
        case EVM__J_STORAGE: evm__st_slot_assign(s, &s->slots[e->index], &e->old); break;
        case EVM__J_TRANSIENT: s->tslots[e->index].value = e->old; break;
        case EVM__J_WARM_ACCOUNT: s->accounts[e->index].warm_epoch = e->old_epoch; break;
        case EVM__J_WARM_SLOT: s->slots[e->index].warm_epoch = e->old_epoch; break;
        case EVM__J_TOUCH: s->accounts[e->index].touched_epoch = e->old_epoch; break;
        case EVM__J_DESTRUCT: s->accounts[e->index].destructed_epoch = e->old_epoch; break;
        case EVM__J_LOG:
            s->log_count--;
            s->log_data_size = s->logs[s->log_count].data_offset;
            break;
        default: break;
        }
    }
}

/* the 0x03 (RIPEMD-160) exception: see evm__st_touch */
static bool evm__st_is_ripemd(const evm_address *a)
{
    for (int i = 0; i < 19; i++)
        if (a->bytes[i])
            return false;
    return a->bytes[19] == 3;
}

/* EIP-161: remember that account i was touched (deleted at the end if empty). Mainnet
   block 2675119 cleared the empty account 0x03 although the call that touched it ran
   out of gas; to keep that history, a touch of 0x03 is never reverted (as in geth's
   journal and execution-specs' incorporate_child_on_error). */
static bool evm__st_touch(evm_state *s, uint32_t i)
{
    evm__state_account *acc = &s->accounts[i];
    if (s->fork < EVM_SPURIOUS_DRAGON || acc->touched_epoch == s->epoch)
        return true;
    if (!evm__st_reserve(s, (void **)&s->touched, &s->touched_cap, (size_t)s->touched_count + 1,
                         sizeof(uint32_t)))
        return false;
    if (!evm__st_is_ripemd(&acc->address)) {
        evm__state_jentry *e = evm__st_journal(s, EVM__J_TOUCH, i);
        if (!e)
            return false;
        e->old_epoch = acc->touched_epoch;
    }
    s->touched[s->touched_count++] = i;
    acc->touched_epoch = s->epoch;
    return true;
}

/* make account i exist (journaled); touches it */
static bool evm__st_make_exist(evm_state *s, uint32_t i)
{
    if (!s->accounts[i].exists) {
        if (!evm__st_journal(s, EVM__J_EXISTS, i))
            return false;
        s->accounts[i].exists = true;
    }
    return evm__st_touch(s, i);
}

static bool evm__st_set_balance_j(evm_state *s, uint32_t i, const evm_u256 *balance)
{
    evm__state_jentry *e = evm__st_journal(s, EVM__J_BALANCE, i);
    if (!e)
        return false;
    e->old = s->accounts[i].balance;
    s->accounts[i].balance = *balance;
    return evm__st_touch(s, i);
}

/* add to the balance of addr, creating and touching it (a zero value included) */
static bool evm__st_credit(evm_state *s, const evm_address *addr, const evm_u256 *value)
{
    uint32_t i = evm__st_record(s, addr);
    if (i == EVM__STATE_NONE || !evm__st_make_exist(s, i))
        return false;
    if (evm__st_u256_zero(value))
        return true;
    evm_u256 b = evm_u256_add(s->accounts[i].balance, *value);
    return evm__st_set_balance_j(s, i, &b);
}

/* ---------------------------------------------------------------------------------
   Host callbacks
   --------------------------------------------------------------------------------- */
static bool evm__sh_account_exists(void *ctx, const evm_address *addr)
{
    return evm__st_get((const evm_state *)ctx, addr) != NULL;
}

static void evm__sh_get_balance(void *ctx, const evm_address *addr, evm_u256 *balance)
{
    *balance = evm_state_balance((const evm_state *)ctx, addr);
}

static uint64_t evm__sh_get_nonce(void *ctx, const evm_address *addr)
{
    return evm_state_nonce((const evm_state *)ctx, addr);
}

static const uint8_t *evm__sh_get_code(void *ctx, const evm_address *addr, size_t *size)
{
    return evm_state_code((const evm_state *)ctx, addr, size);
}

static void evm__sh_get_code_hash(void *ctx, const evm_address *addr, evm_bytes32 *hash)
{
    evm_state_code_hash((evm_state *)ctx, addr, hash);
}

static void evm__sh_get_storage(void *ctx, const evm_address *addr, const evm_u256 *key, evm_u256 *value)
{
    *value = evm_state_storage((const evm_state *)ctx, addr, key);
}

static void evm__sh_get_original_storage(void *ctx, const evm_address *addr, const evm_u256 *key_in,
                                         evm_u256 *value)
{
    const evm_state *s = (const evm_state *)ctx;
    evm_u256 kv = *key_in;
    const evm_u256 *key = &kv;
    *value = (evm_u256){{0, 0, 0, 0}};
    uint32_t i = evm__st_find(s, addr);
    if (i == EVM__STATE_NONE)
        return;
    uint32_t k = evm__st_slot_find(s, i, key);
    if (k == EVM__STATE_NONE)
        return;
    const evm__state_slot *sl = &s->slots[k];
    *value = sl->orig_epoch == s->epoch ? sl->original : sl->value;
}

/* key and value may be the same word (the interpreter reads in place) */
static void evm__sh_get_transient(void *ctx, const evm_address *addr, const evm_u256 *key_in, evm_u256 *value)
{
    const evm_state *s = (const evm_state *)ctx;
    evm_u256 k = *key_in;
    const evm_u256 *key = &k;
    *value = (evm_u256){{0, 0, 0, 0}};
    uint32_t i = evm__st_find(s, addr);
    if (i == EVM__STATE_NONE || !s->tslot_table.buckets)
        return;
    size_t mask = s->tslot_table.mask, j = (size_t)evm__st_hash_slot(i, key) & mask;
    for (uint32_t e; (e = s->tslot_table.buckets[j]) != 0; j = (j + 1) & mask) {
        const evm__state_tslot *t = &s->tslots[e - 1];
        if (t->account == i && evm__st_u256_eq(&t->key, key)) {
            *value = t->value;
            return;
        }
    }
}

static void evm__sh_get_block_hash(void *ctx, uint64_t number, evm_bytes32 *hash)
{
    const evm_state *s = (const evm_state *)ctx;
    s->block_hash(s->block_hash_user, number, hash);
}

static bool evm__sh_access_account(void *ctx, const evm_address *addr)
{
    evm_state *s = (evm_state *)ctx;
    uint32_t i = evm__st_record(s, addr);
    if (i == EVM__STATE_NONE) {
        s->failed = true;
        return true;
    }
    evm__state_account *acc = &s->accounts[i];
    if (acc->warm_epoch == s->epoch)
        return true;
    evm__state_jentry *e = evm__st_journal(s, EVM__J_WARM_ACCOUNT, i);
    if (!e) {
        s->failed = true;
        return true;
    }
    e->old_epoch = acc->warm_epoch;
    acc->warm_epoch = s->epoch;
    return false;
}

static bool evm__sh_access_storage(void *ctx, const evm_address *addr, const evm_u256 *key)
{
    evm_state *s = (evm_state *)ctx;
    uint32_t i = evm__st_record(s, addr);
    uint32_t k = i == EVM__STATE_NONE ? EVM__STATE_NONE : evm__st_slot_record(s, i, key);
    if (k == EVM__STATE_NONE) {
        s->failed = true;
        return true;
    }
    evm__state_slot *sl = &s->slots[k];
    if (sl->warm_epoch == s->epoch)
        return true;
    evm__state_jentry *e = evm__st_journal(s, EVM__J_WARM_SLOT, k);
    if (!e) {
        s->failed = true;
        return true;
    }
    e->old_epoch = sl->warm_epoch;
    sl->warm_epoch = s->epoch;
    return false;
}

static bool evm__sh_set_storage(void *ctx, const evm_address *addr, const evm_u256 *key,
                                const evm_u256 *value)
{
    evm_state *s = (evm_state *)ctx;
    uint32_t i = evm__st_record(s, addr);
    uint32_t k = i == EVM__STATE_NONE ? EVM__STATE_NONE : evm__st_slot_record(s, i, key);
    if (k == EVM__STATE_NONE)
        return false;
    evm__state_slot *sl = &s->slots[k];
    if (!evm__st_journaled(s, EVM__J_STORAGE, k, sl->journaled)) {
        sl->journaled = s->journal_count;
        evm__state_jentry *e = evm__st_journal(s, EVM__J_STORAGE, k);
        if (!e)
            return false;
        e->old = sl->value;
    }
    if (sl->orig_epoch != s->epoch) {      /* first write of the transaction */
        sl->original = sl->value;
        sl->orig_epoch = s->epoch;
    }
    evm__st_slot_assign(s, sl, value);
    return true;
}

static bool evm__sh_set_transient(void *ctx, const evm_address *addr, const evm_u256 *key,
                                  const evm_u256 *value)
{
    evm_state *s = (evm_state *)ctx;
    uint32_t i = evm__st_record(s, addr);
    if (i == EVM__STATE_NONE)
        return false;
    uint32_t k = EVM__STATE_NONE;
    if (s->tslot_table.buckets) {
        size_t mask = s->tslot_table.mask, j = (size_t)evm__st_hash_slot(i, key) & mask;
        for (uint32_t e; (e = s->tslot_table.buckets[j]) != 0; j = (j + 1) & mask)
            if (s->tslots[e - 1].account == i && evm__st_u256_eq(&s->tslots[e - 1].key, key)) {
                k = e - 1;
                break;
            }
    }
    if (k == EVM__STATE_NONE) {
        if (!evm__st_reserve(s, (void **)&s->tslots, &s->tslot_cap, (size_t)s->tslot_count + 1,
                             sizeof(evm__state_tslot)) ||
            !evm__st_table_room(s, &s->tslot_table, s->tslot_count, 2))
            return false;
        k = s->tslot_count++;
        s->tslots[k].journaled = EVM__STATE_NONE;
        s->tslots[k].account = i;
        s->tslots[k].key = *key;
        s->tslots[k].value = (evm_u256){{0, 0, 0, 0}};
        size_t mask = s->tslot_table.mask, j = (size_t)evm__st_hash_slot(i, key) & mask;
        while (s->tslot_table.buckets[j])
            j = (j + 1) & mask;
        s->tslot_table.buckets[j] = k + 1;
    }
    if (!evm__st_journaled(s, EVM__J_TRANSIENT, k, s->tslots[k].journaled)) {
        s->tslots[k].journaled = s->journal_count;
        evm__state_jentry *e = evm__st_journal(s, EVM__J_TRANSIENT, k);
        if (!e)
            return false;
        e->old = s->tslots[k].value;
    }
    s->tslots[k].value = *value;
    return true;
}

static bool evm__sh_set_nonce(void *ctx, const evm_address *addr, uint64_t nonce)
{
    evm_state *s = (evm_state *)ctx;
    uint32_t i = evm__st_record(s, addr);
    if (i == EVM__STATE_NONE || !evm__st_make_exist(s, i))
        return false;
    evm__state_jentry *e = evm__st_journal(s, EVM__J_NONCE, i);
    if (!e)
        return false;
    e->old_nonce = s->accounts[i].nonce;
    s->accounts[i].nonce = nonce;
    return true;
}

static bool evm__sh_set_code(void *ctx, const evm_address *addr, const uint8_t *code, size_t size)
{
    evm_state *s = (evm_state *)ctx;
    uint8_t *copy;
    uint32_t i = evm__st_record(s, addr);
    if (i == EVM__STATE_NONE || !evm__st_make_exist(s, i) || !evm__st_copy_code(s, &copy, code, size))
        return false;
    evm__state_jentry *e = evm__st_journal(s, EVM__J_CODE, i);
    if (!e) {
        if (copy)
            evm__st_alloc(s, copy, 0);
        return false;
    }
    evm__state_account *acc = &s->accounts[i];
    e->old_code = acc->code;
    e->old_code_size = acc->code_size;
    acc->code = copy;
    acc->code_size = size;
    acc->hash_valid = false;
    return true;
}

static bool evm__sh_transfer(void *ctx, const evm_address *from, const evm_address *to,
                             const evm_u256 *value)
{
    evm_state *s = (evm_state *)ctx;
    if (!evm__st_u256_zero(value) && !evm__st_addr_eq(from, to)) {
        uint32_t i = evm__st_record(s, from);
        if (i == EVM__STATE_NONE)
            return false;
        evm_u256 b = evm_u256_sub(s->accounts[i].balance, *value);
        if (!evm__st_set_balance_j(s, i, &b))
            return false;
        return evm__st_credit(s, to, value);
    }
    evm_u256 zero = {{0, 0, 0, 0}};
    return evm__st_credit(s, to, &zero);
}

static evm_status evm__sh_create_account(void *ctx, const evm_address *addr)
{
    evm_state *s = (evm_state *)ctx;
    uint32_t i = evm__st_record(s, addr);
    if (i == EVM__STATE_NONE)
        return EVM_OUT_OF_MEMORY;
    evm__state_account *acc = &s->accounts[i];
    if (acc->exists && (acc->nonce || acc->code_size || acc->nonzero_slots))
        return EVM_CREATE_COLLISION;
    if (!evm__st_make_exist(s, i))
        return EVM_OUT_OF_MEMORY;
    evm__state_jentry *e = evm__st_journal(s, EVM__J_CREATED, i);
    if (!e)
        return EVM_OUT_OF_MEMORY;
    e->old_epoch = acc->created_epoch;
    acc->created_epoch = s->epoch;
    return EVM_SUCCESS;
}

static bool evm__sh_selfdestruct(void *ctx, const evm_address *addr, const evm_address *beneficiary)
{
    evm_state *s = (evm_state *)ctx;
    uint32_t i = evm__st_record(s, addr);
    if (i == EVM__STATE_NONE) {
        s->failed = true;
        return false;
    }
    evm_u256 balance = s->accounts[i].balance;
    bool destroy = s->fork < EVM_CANCUN || s->accounts[i].created_epoch == s->epoch;
    bool ok;
    if (!destroy) {                        /* EIP-6780: only the balance moves */
        ok = evm__sh_transfer(ctx, addr, beneficiary, &balance);
    } else {
        evm_u256 zero = {{0, 0, 0, 0}};
        ok = evm__st_credit(s, beneficiary, &balance) && evm__st_set_balance_j(s, i, &zero);
    }
    bool first = s->accounts[i].destructed_epoch != s->epoch;
    if (ok && destroy && first) {
        evm__state_jentry *e;
        ok = evm__st_reserve(s, (void **)&s->destructed, &s->destructed_cap,
                             (size_t)s->destructed_count + 1, sizeof(uint32_t)) &&
             (e = evm__st_journal(s, EVM__J_DESTRUCT, i)) != NULL;
        if (ok) {
            e->old_epoch = s->accounts[i].destructed_epoch;
            s->accounts[i].destructed_epoch = s->epoch;
            s->destructed[s->destructed_count++] = i;
        }
    }
    if (!ok)
        s->failed = true;
    return first;
}

static bool evm__sh_emit_log(void *ctx, const evm_address *addr, const evm_bytes32 *topics,
                             size_t topic_count, const uint8_t *data, size_t data_size)
{
    evm_state *s = (evm_state *)ctx;
    if (topic_count > 4 || data_size > SIZE_MAX - s->log_data_size)
        return false;
    if (!evm__st_reserve(s, (void **)&s->logs, &s->log_cap, (size_t)s->log_count + 1,
                         sizeof(evm__state_log)))
        return false;
    size_t need = s->log_data_size + data_size;
    if (need > s->log_data_cap) {
        size_t cap = s->log_data_cap ? s->log_data_cap : 256;
        while (cap < need)
            cap = cap > SIZE_MAX / 2 ? need : cap * 2;
        uint8_t *p = (uint8_t *)evm__st_alloc(s, s->log_data, cap);
        if (!p)
            return false;
        s->log_data = p;
        s->log_data_cap = cap;
    }
    if (!evm__st_journal(s, EVM__J_LOG, 0))
        return false;
    evm__state_log *l = &s->logs[s->log_count++];
    l->address = *addr;
    l->topic_count = (uint32_t)topic_count;
    for (size_t k = 0; k < topic_count; k++)
        l->topics[k] = topics[k];
    l->data_offset = s->log_data_size;
    l->data_size = data_size;
    if (data_size)
        EVM_MEMCPY(s->log_data + s->log_data_size, data, data_size);
    s->log_data_size = need;
    return true;
}

static uint32_t evm__sh_snapshot(void *ctx) { return evm_state_snapshot((evm_state *)ctx); }
static void evm__sh_revert(void *ctx, uint32_t snapshot) { evm_state_revert((evm_state *)ctx, snapshot); }

static evm_precompile_status evm__sh_precompile(void *ctx, evm_fork fork, const evm_address *addr,
                                                const uint8_t *input, size_t input_size, int64_t gas,
                                                evm_precompile_result *result)
{
    evm_state *s = (evm_state *)ctx;
    if (!s->precompile)
        return EVM_PRECOMPILE_NONE;
    evm_precompile_status ps = s->precompile(s->precompile_user, fork, addr, input, input_size,
                                             gas, result);
    /* the 0x03 exception (see evm__st_touch): a failed call still touches it */
    if ((ps == EVM_PRECOMPILE_OUT_OF_GAS || ps == EVM_PRECOMPILE_ERROR) && evm__st_is_ripemd(addr) &&
        fork >= EVM_SPURIOUS_DRAGON) {
        uint32_t i = evm__st_find(s, addr);
        if (i != EVM__STATE_NONE && !evm__st_touch(s, i))
            s->failed = true;
    }
    return ps;
}

const evm_host *evm_state_host(void)
{
    static const evm_host host = {
        evm__sh_account_exists, evm__sh_get_balance, evm__sh_get_nonce, evm__sh_get_code,
        evm__sh_get_code_hash, evm__sh_get_storage, evm__sh_get_original_storage,
        evm__sh_get_transient, evm__sh_get_block_hash, evm__sh_access_account,
        evm__sh_access_storage, evm__sh_set_storage, evm__sh_set_transient, evm__sh_set_nonce,
        evm__sh_set_code, evm__sh_transfer, evm__sh_create_account, evm__sh_selfdestruct,
        evm__sh_emit_log, evm__sh_snapshot, evm__sh_revert, evm__sh_precompile};
    return &host;
}

/* ---------------------------------------------------------------------------------
   Transactions driven by hand
   --------------------------------------------------------------------------------- */
void evm_state_begin_transaction(evm_state *s, evm_fork fork)
{
    evm__st_journal_clear(s);
    s->fork = fork;
    if (++s->epoch == 0) {                 /* wrapped: forget every old mark */
        for (uint32_t i = 0; i < s->account_count; i++) {
            evm__state_account *a = &s->accounts[i];
            a->warm_epoch = a->created_epoch = a->touched_epoch = a->destructed_epoch = 0;
        }
        for (uint32_t i = 0; i < s->slot_count; i++)
            s->slots[i].warm_epoch = s->slots[i].orig_epoch = 0;
        s->epoch = 1;
    }
    if (s->tslot_count) {
        EVM_MEMSET(s->tslot_table.buckets, 0, (s->tslot_table.mask + 1) * sizeof(uint32_t));
        s->tslot_count = 0;
    }
    s->touched_count = s->destructed_count = 0;
    s->log_count = 0;
    s->log_data_size = 0;
    s->failed = false;
}

bool evm_state_warm_account(evm_state *s, const evm_address *addr)
{
    evm__sh_access_account(s, addr);
    return !s->failed;
}

bool evm_state_warm_slot(evm_state *s, const evm_address *addr, const evm_u256 *key)
{
    evm__sh_access_storage(s, addr, key);
    return !s->failed;
}

bool evm_state_end_transaction(evm_state *s)
{
    for (uint32_t k = 0; k < s->destructed_count; k++) {
        uint32_t i = s->destructed[k];
        if (s->accounts[i].destructed_epoch == s->epoch)
            evm__st_wipe(s, i);
    }
    if (s->fork >= EVM_SPURIOUS_DRAGON)
        for (uint32_t k = 0; k < s->touched_count; k++) {
            uint32_t i = s->touched[k];
            evm__state_account *acc = &s->accounts[i];
            if (acc->touched_epoch == s->epoch && acc->exists && evm__st_empty(acc))
                evm__st_wipe(s, i);
        }
    evm__st_journal_clear(s);
    s->touched_count = s->destructed_count = 0;
    return !s->failed;
}

size_t evm_state_log_count(const evm_state *s) { return s->log_count; }

bool evm_state_get_log(const evm_state *s, size_t i, evm_state_log *out)
{
    if (i >= s->log_count)
        return false;
    const evm__state_log *l = &s->logs[i];
    out->address = l->address;
    out->topics = l->topics;
    out->topic_count = l->topic_count;
    out->data = l->data_size ? s->log_data + l->data_offset : NULL;
    out->data_size = l->data_size;
    return true;
}

/* ---------------------------------------------------------------------------------
   RLP and the Merkle-Patricia trie
   --------------------------------------------------------------------------------- */
typedef struct evm__rlp_buf {
    uint8_t *data;
    size_t size, cap;
    const evm_allocator *alloc;
    bool failed;
} evm__rlp_buf;

static uint8_t *evm__rlp_grow(evm__rlp_buf *b, size_t n)
{
    if (b->failed)
        return NULL;
    if (n > SIZE_MAX - b->size) {
        b->failed = true;
        return NULL;
    }
    if (b->size + n > b->cap) {
        size_t cap = b->cap ? b->cap : 512;
        while (cap < b->size + n)
            cap = cap > SIZE_MAX / 2 ? b->size + n : cap * 2;
        uint8_t *p = (uint8_t *)evm_allocate(b->alloc, b->data, cap);
        if (!p) {
            b->failed = true;
            return NULL;
        }
        b->data = p;
        b->cap = cap;
    }
    uint8_t *r = b->data + b->size;
    b->size += n;
    return r;
}

/* length prefix for a string (0x80) or list (0xc0) payload of n bytes into out; returns its size */
static size_t evm__rlp_header(uint8_t out[9], uint8_t base, size_t n)
{
    if (n < 56) {
        out[0] = (uint8_t)(base + n);
        return 1;
    }
    int len = 0;
    for (size_t v = n; v; v >>= 8)
        len++;
    out[0] = (uint8_t)(base + 55 + len);
    for (int i = 0; i < len; i++)
        out[1 + i] = (uint8_t)(n >> (8 * (len - 1 - i)));
    return 1 + (size_t)len;
}

static void evm__rlp_bytes(evm__rlp_buf *b, const uint8_t *p, size_t n)
{
    uint8_t h[9];
    size_t hl = 0;
    if (!(n == 1 && p[0] < 0x80))
        hl = evm__rlp_header(h, 0x80, n);
    uint8_t *o = evm__rlp_grow(b, hl + n);
    if (!o)
        return;
    if (hl)
        EVM_MEMCPY(o, h, hl);
    if (n)
        EVM_MEMCPY(o + hl, p, n);
}

/* a number: big-endian without leading zeros */
static void evm__rlp_u256(evm__rlp_buf *b, const evm_u256 *v)
{
    uint8_t be[32];
    evm_u256_to_be(v, be);
    size_t z = 0;
    while (z < 32 && be[z] == 0)
        z++;
    evm__rlp_bytes(b, be + z, 32 - z);
}

static void evm__rlp_u64(evm__rlp_buf *b, uint64_t v)
{
    evm_u256 w = {{v, 0, 0, 0}};
    evm__rlp_u256(b, &w);
}

/* turn the bytes from `start` to the end of b into a list (insert the header) */
static void evm__rlp_wrap_list(evm__rlp_buf *b, size_t start)
{
    if (b->failed)
        return;
    uint8_t h[9];
    size_t n = b->size - start, hl = evm__rlp_header(h, 0xc0, n);
    if (!evm__rlp_grow(b, hl))
        return;
    EVM_MEMMOVE(b->data + start + hl, b->data + start, n);
    EVM_MEMCPY(b->data + start, h, hl);
}

static inline unsigned evm__nibble(const uint8_t *key, size_t i)
{
    return i & 1 ? key[i / 2] & 15 : key[i / 2] >> 4;
}

/* hex-prefix encoding of nibbles [from, to) of key as an RLP string */
static void evm__rlp_hex_prefix(evm__rlp_buf *b, const uint8_t *key, size_t from, size_t to, bool leaf)
{
    uint8_t tmp[1 + 64];
    uint8_t *enc = tmp;
    size_t n = to - from, len = n / 2 + 1;
    evm__rlp_buf big = {NULL, 0, 0, b->alloc, false};
    if (len > sizeof tmp) {
        enc = evm__rlp_grow(&big, len);
        if (!enc) {
            b->failed = true;
            return;
        }
    }
    uint8_t flag = (uint8_t)((leaf ? 2 : 0) + (n & 1));
    size_t k = from;
    if (n & 1)
        enc[0] = (uint8_t)(flag << 4 | evm__nibble(key, k++));
    else
        enc[0] = (uint8_t)(flag << 4);
    for (size_t o = 1; k < to; k += 2, o++)
        enc[o] = (uint8_t)(evm__nibble(key, k) << 4 | evm__nibble(key, k + 1));
    evm__rlp_bytes(b, enc, len);
    if (big.data)
        evm_allocate(b->alloc, big.data, 0);
}

/* replace the node encoded from `start` with its reference: itself if shorter than 32
   bytes, else the RLP string of its keccak (always the hash for the root) */
static void evm__trie_ref(evm__rlp_buf *b, size_t start, bool root)
{
    if (b->failed)
        return;
    size_t n = b->size - start;
    if (n < 32 && !root)
        return;
    uint8_t h[32];
    evm_keccak256(b->data + start, n, h);
    b->size = start;
    if (root) {
        uint8_t *o = evm__rlp_grow(b, 32);
        if (o)
            EVM_MEMCPY(o, h, 32);
    } else {
        evm__rlp_bytes(b, h, 32);
    }
}

/* Append the reference of the node holding items [lo, hi) (sorted, distinct, each
   with at least `depth` nibbles, sharing the first `depth`). The recursion is at most
   one level per nibble of the longest key plus one. */
static void evm__trie_node(evm__rlp_buf *b, const evm_trie_item *it, size_t lo, size_t hi,
                           size_t depth, bool root)
{
    size_t start = b->size;
    if (hi - lo == 1) {                    /* leaf */
        evm__rlp_hex_prefix(b, it[lo].key, depth, it[lo].key_size * 2, true);
        evm__rlp_bytes(b, it[lo].value, it[lo].value_size);
        evm__rlp_wrap_list(b, start);
        evm__trie_ref(b, start, root);
        return;
    }
    /* common prefix of the first and the last key (so of all) */
    size_t la = it[lo].key_size * 2, lb = it[hi - 1].key_size * 2, cp = depth;
    while (cp < la && cp < lb && evm__nibble(it[lo].key, cp) == evm__nibble(it[hi - 1].key, cp))
        cp++;
    if (cp > depth) {                      /* extension */
        evm__rlp_hex_prefix(b, it[lo].key, depth, cp, false);
        evm__trie_node(b, it, lo, hi, cp, false);
        evm__rlp_wrap_list(b, start);
        evm__trie_ref(b, start, root);
        return;
    }
    /* branch: a key that ends here is the value (it sorts first) */
    const evm_trie_item *value = NULL;
    if (it[lo].key_size * 2 == depth)
        value = &it[lo++];
    size_t k = lo;
    for (unsigned nib = 0; nib < 16; nib++) {
        size_t e = k;
        while (e < hi && evm__nibble(it[e].key, depth) == nib)
            e++;
        if (e == k) {
            uint8_t *o = evm__rlp_grow(b, 1);
            if (o)
                *o = 0x80;
        } else {
            evm__trie_node(b, it, k, e, depth + 1, false);
        }
        k = e;
    }
    if (value)
        evm__rlp_bytes(b, value->value, value->value_size);
    else {
        uint8_t *o = evm__rlp_grow(b, 1);
        if (o)
            *o = 0x80;
    }
    evm__rlp_wrap_list(b, start);
    evm__trie_ref(b, start, root);
}

static int evm__trie_cmp(const evm_trie_item *a, const evm_trie_item *b)
{
    size_t n = a->key_size < b->key_size ? a->key_size : b->key_size;
    int c = n ? EVM_MEMCMP(a->key, b->key, n) : 0;
    if (c)
        return c;
    return a->key_size < b->key_size ? -1 : a->key_size > b->key_size;
}

/* heap sort: no recursion, no allocation, no dependence on qsort */
static void evm__trie_sort(evm_trie_item *a, size_t n)
{
    if (n < 2)
        return;
    for (size_t start = n / 2; start-- > 0;) {
        size_t root = start;
        for (size_t child; (child = 2 * root + 1) < n; root = child) {
            if (child + 1 < n && evm__trie_cmp(&a[child], &a[child + 1]) < 0)
                child++;
            if (evm__trie_cmp(&a[root], &a[child]) >= 0)
                break;
            evm_trie_item t = a[root]; a[root] = a[child]; a[child] = t;
        }
    }
    for (size_t end = n - 1; end > 0; end--) {
        evm_trie_item t = a[0]; a[0] = a[end]; a[end] = t;
        size_t root = 0;
        for (size_t child; (child = 2 * root + 1) < end; root = child) {
            if (child + 1 < end && evm__trie_cmp(&a[child], &a[child + 1]) < 0)
                child++;
            if (evm__trie_cmp(&a[root], &a[child]) >= 0)
                break;
            t = a[root]; a[root] = a[child]; a[child] = t;
        }
    }
}

bool evm_trie_root(evm_trie_item *items, size_t count, const evm_allocator *alloc, evm_bytes32 *root)
{
    if (count == 0) {
        uint8_t empty = 0x80;
        evm_keccak256(&empty, 1, root->bytes);
        return true;
    }
    evm__trie_sort(items, count);
    evm__rlp_buf b = {NULL, 0, 0, alloc, false};
    evm__trie_node(&b, items, 0, count, 0, true);
    bool ok = !b.failed && b.size == 32;
    if (ok)
        EVM_MEMCPY(root->bytes, b.data, 32);
    if (b.data)
        evm_allocate(alloc, b.data, 0);
    return ok;
}

/* storage root of account i: keys keccak256(slot), values rlp(value without leading zeros) */
static bool evm__st_storage_root(const evm_state *s, uint32_t i, evm_bytes32 *root)
{
    const evm__state_account *acc = &s->accounts[i];
    size_t n = acc->nonzero_slots;
    if (n == 0)
        return evm_trie_root(NULL, 0, &s->allocator, root);
    /* per slot: 32 bytes of hashed key + 33 of RLP value */
    uint8_t *mem = (uint8_t *)evm__st_alloc(s, NULL, n * (65 + sizeof(evm_trie_item)));
    if (!mem)
        return false;
    evm_trie_item *items = (evm_trie_item *)mem;
    uint8_t *bytes = mem + n * sizeof(evm_trie_item);
    size_t m = 0;
    for (uint32_t k = acc->first_slot; k && m < n; k = s->slots[k - 1].next) {
        const evm__state_slot *sl = &s->slots[k - 1];
        if (evm__st_u256_zero(&sl->value))
            continue;
        uint8_t *key = bytes + m * 65, *val = key + 32, be[32];
        evm_u256_to_be(&sl->key, be);
        evm_keccak256(be, 32, key);
        evm_u256_to_be(&sl->value, be);
        size_t z = 0;
        while (be[z] == 0)
            z++;
        size_t len = 32 - z;
        if (len == 1 && be[z] < 0x80) {
            val[0] = be[z];
        } else {
            val[0] = (uint8_t)(0x80 + len);
            EVM_MEMCPY(val + 1, be + z, len);
        }
        items[m].key = key;
        items[m].key_size = 32;
        items[m].value = val;
        items[m].value_size = len == 1 && be[z] < 0x80 ? 1 : len + 1;
        m++;
    }
    bool ok = evm_trie_root(items, m, &s->allocator, root);
    evm__st_alloc(s, mem, 0);
    return ok;
}

bool evm_state_storage_root(const evm_state *s, const evm_address *addr, evm_bytes32 *root)
{
    uint32_t i = evm__st_find(s, addr);
    if (i == EVM__STATE_NONE || !s->accounts[i].exists)
        return evm_trie_root(NULL, 0, &s->allocator, root);
    return evm__st_storage_root(s, i, root);
}

bool evm_state_root(const evm_state *s, evm_bytes32 *root)
{
    size_t n = 0;
    for (uint32_t i = 0; i < s->account_count; i++)
        n += s->accounts[i].exists;
    /* per account: 32 bytes of hashed key + at most 1+2+9+33+33+33 = 111 of RLP value */
    enum { VAL = 112, PER = 32 + VAL };
    uint8_t *mem = n ? (uint8_t *)evm__st_alloc(s, NULL, n * (PER + sizeof(evm_trie_item))) : NULL;
    if (n && !mem)
        return false;
    evm_trie_item *items = (evm_trie_item *)mem;
    uint8_t *bytes = mem ? mem + n * sizeof(evm_trie_item) : NULL;
    size_t m = 0;
    bool ok = true;
    evm__rlp_buf b = {NULL, 0, 0, &s->allocator, false};
    for (uint32_t i = 0; i < s->account_count && ok; i++) {
        const evm__state_account *acc = &s->accounts[i];
        if (!acc->exists)
            continue;
        uint8_t *key = bytes + m * PER, *val = key + 32;
        evm_keccak256(acc->address.bytes, 20, key);
        evm_bytes32 sroot, chash;
        ok = evm__st_storage_root(s, i, &sroot);
        if (acc->hash_valid)
            chash = acc->code_hash;
        else
            evm_keccak256(acc->code, acc->code_size, chash.bytes);
        b.size = 0;
        evm__rlp_u64(&b, acc->nonce);
        evm__rlp_u256(&b, &acc->balance);
        evm__rlp_bytes(&b, sroot.bytes, 32);
        evm__rlp_bytes(&b, chash.bytes, 32);
        evm__rlp_wrap_list(&b, 0);
        ok = ok && !b.failed && b.size <= VAL;
        if (ok)
            EVM_MEMCPY(val, b.data, b.size);
        items[m].key = key;
        items[m].key_size = 32;
        items[m].value = val;
        items[m].value_size = b.size;
        m++;
    }
    if (b.data)
        evm__st_alloc(s, b.data, 0);
    ok = ok && evm_trie_root(items, m, &s->allocator, root);
    if (mem)
        evm__st_alloc(s, mem, 0);
    return ok;
}

bool evm_state_logs_hash(const evm_state *s, evm_bytes32 *out)
{
    evm__rlp_buf b = {NULL, 0, 0, &s->allocator, false};
    for (uint32_t i = 0; i < s->log_count; i++) {
        const evm__state_log *l = &s->logs[i];
        size_t start = b.size;
        evm__rlp_bytes(&b, l->address.bytes, 20);
        size_t topics = b.size;
        for (uint32_t t = 0; t < l->topic_count; t++)
            evm__rlp_bytes(&b, l->topics[t].bytes, 32);
        evm__rlp_wrap_list(&b, topics);
        evm__rlp_bytes(&b, l->data_size ? s->log_data + l->data_offset : NULL, l->data_size);
        evm__rlp_wrap_list(&b, start);
    }
    evm__rlp_wrap_list(&b, 0);
    bool ok = !b.failed;
    if (ok)
        evm_keccak256(b.data, b.size, out->bytes);
    if (b.data)
        evm__st_alloc(s, b.data, 0);
    return ok;
}

/* ---------------------------------------------------------------------------------
   Transactions
   --------------------------------------------------------------------------------- */
const char *evm_tx_status_name(evm_tx_status s)
{
    static const char *const names[EVM_TX_STATUS_COUNT] = {
        "OK", "TYPE_NOT_SUPPORTED", "INTRINSIC_GAS_TOO_LOW", "NONCE_IS_MAX", "NONCE_MISMATCH",
        "INITCODE_SIZE_EXCEEDED", "GAS_ALLOWANCE_EXCEEDED", "PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS",
        "INSUFFICIENT_MAX_FEE_PER_GAS", "TYPE_3_TX_CONTRACT_CREATION", "TYPE_3_TX_ZERO_BLOBS",
        "TYPE_3_TX_BLOB_COUNT_EXCEEDED", "TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED",
        "TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH", "INSUFFICIENT_MAX_FEE_PER_BLOB_GAS",
        "INSUFFICIENT_ACCOUNT_FUNDS", "SENDER_NOT_EOA", "INTRINSIC_GAS_BELOW_FLOOR_GAS_COST",
        "GAS_LIMIT_EXCEEDS_MAXIMUM", "TYPE_4_TX_CONTRACT_CREATION",
        "TYPE_4_EMPTY_AUTHORIZATION_LIST", "ABORTED"};
    return (unsigned)s < EVM_TX_STATUS_COUNT ? names[s] : "UNKNOWN";
}

uint64_t evm_tx_intrinsic_gas(evm_fork fork, const evm_transaction *tx)
{
    uint64_t g = 21000, nonzero = fork >= EVM_ISTANBUL ? 16 : 68;
    for (size_t i = 0; i < tx->data_size; i++)
        g += tx->data[i] ? nonzero : 4;
    if (tx->create) {
        if (fork >= EVM_HOMESTEAD)
            g += 32000;
        if (fork >= EVM_SHANGHAI)
            g += 2 * (((uint64_t)tx->data_size + 31) / 32);
    }
    for (size_t i = 0; i < tx->access_list_count; i++)
        g += 2400 + 1900 * (uint64_t)tx->access_list[i].key_count;
    if (fork >= EVM_PRAGUE && tx->type == 4)
        g += 25000 * (uint64_t)tx->authorization_count;         /* EIP-7702 */
    return g;
}

uint64_t evm_tx_floor_gas(evm_fork fork, const evm_transaction *tx)
{
    if (fork < EVM_PRAGUE)
        return 0;
    uint64_t tokens = 0;
    for (size_t i = 0; i < tx->data_size; i++)
        tokens += tx->data[i] ? 4 : 1;
    return 21000 + 10 * tokens;
}

static const evm_blob_fork evm__st_blob_forks[] = {
    {"Cancun", EVM_CANCUN, 1710338135u, {3, 6, 3338477}},
    {"Prague", EVM_PRAGUE, 1746612311u, {6, 9, 5007716}},
    {"Osaka", EVM_OSAKA, 1764798551u, {6, 9, 5007716}},
    {"BPO1", EVM_OSAKA, 1765290071u, {10, 15, 8346193}},
    {"BPO2", EVM_OSAKA, 1767747671u, {14, 21, 11684671}},
};

const evm_blob_fork *evm_blob_schedule(size_t *count)
{
    *count = sizeof evm__st_blob_forks / sizeof evm__st_blob_forks[0];
    return evm__st_blob_forks;
}

const evm_blob_fork *evm_blob_fork_by_name(const char *name)
{
    for (size_t i = 0; name && i < sizeof evm__st_blob_forks / sizeof evm__st_blob_forks[0]; i++) {
        const char *a = name, *b = evm__st_blob_forks[i].name;
        for (; *a && *b && (*a | 32) == (*b | 32); a++, b++) {}
        if (!*a && !*b)
            return &evm__st_blob_forks[i];
    }
    return NULL;
}

evm_blob_params evm_fork_blob_params(evm_fork fork)
{
    evm_blob_params p = {0, 0, 0};
    for (size_t i = 0; i < sizeof evm__st_blob_forks / sizeof evm__st_blob_forks[0]; i++)
        if (evm__st_blob_forks[i].rules == fork) {
            p = evm__st_blob_forks[i].params;        /* the first entry of the fork */
            break;
        }
    return p;
}

static evm_blob_params evm__st_blob_params(evm_fork fork, const evm_block_env *block)
{
    return block->blob.update_fraction ? block->blob : evm_fork_blob_params(fork);
}

/* a * b, false on overflow of 256 bits (the wrapped product divided by a is then
   smaller than b) */
static bool evm__st_mul_ok(const evm_u256 *a, const evm_u256 *b, evm_u256 *r)
{
    *r = evm_u256_mul(*a, *b);
    if (evm__st_u256_zero(a))
        return true;
    evm_u256 q = evm_u256_div(*r, *a);
    return evm__st_u256_eq(&q, b);
}

static bool evm__st_add_ok(const evm_u256 *a, const evm_u256 *b, evm_u256 *r)
{
    *r = evm_u256_add(*a, *b);
    return !evm_u256_lt(r, a);
}

/* EIP-4844 fake_exponential(1, excess, update_fraction) */
evm_u256 evm_blob_base_fee(uint64_t excess_blob_gas, uint64_t update_fraction)
{
    if (update_fraction == 0)
        return evm_u256_from_u64(1);
    const evm_u256 denominator = {{update_fraction, 0, 0, 0}}, numerator = {{excess_blob_gas, 0, 0, 0}};
    evm_u256 output = {{0, 0, 0, 0}}, acc = denominator;   /* factor * denominator */
    for (uint64_t i = 1; !evm__st_u256_zero(&acc); i++) {
        output = evm_u256_add(output, acc);
        evm_u256 d = evm_u256_mul(denominator, evm_u256_from_u64(i));
        acc = evm_u256_div(evm_u256_mul(acc, numerator), d);
    }
    return evm_u256_div(output, denominator);
}

#define EVM__BLOB_GAS_PER_BLOB 131072u
#define EVM__MAX_BLOBS_PER_TX 6u                    /* EIP-7594, from Osaka */
#define EVM__MAX_TX_GAS ((uint64_t)1 << 24)        /* EIP-7825, from Osaka */

/* EIP-7702: code that is a delegation designator, 0xef0100 || address */
static bool evm__st_is_delegation(const uint8_t *code, size_t size)
{
    return size == 23 && code[0] == 0xef && code[1] == 0x01 && code[2] == 0x00;
}

static evm_tx_status evm__st_validate(evm_state *s, evm_fork fork, const evm_block_env *block,
                                      const evm_transaction *tx, uint64_t *intrinsic,
                                      evm_u256 *price, evm_u256 *blob_fee)
{
    if ((tx->type == 1 && fork < EVM_BERLIN) || (tx->type == 2 && fork < EVM_LONDON) ||
        (tx->type == 3 && fork < EVM_CANCUN) || (tx->type == 4 && fork < EVM_PRAGUE) || tx->type > 4)
        return EVM_TX_TYPE_NOT_SUPPORTED;
    /* the order of the checks is the specification's: a test may name only the first */
    *intrinsic = evm_tx_intrinsic_gas(fork, tx);
    uint64_t floor = evm_tx_floor_gas(fork, tx);
    if (*intrinsic > tx->gas_limit)
        return EVM_TX_INTRINSIC_GAS_TOO_LOW;
    if (floor > tx->gas_limit)
        return EVM_TX_INTRINSIC_GAS_BELOW_FLOOR;
    if (tx->nonce == UINT64_MAX)
        return EVM_TX_NONCE_IS_MAX;
    if (tx->create && fork >= EVM_SHANGHAI && tx->data_size > 49152)
        return EVM_TX_INITCODE_SIZE_EXCEEDED;
    if (fork >= EVM_OSAKA && tx->gas_limit > EVM__MAX_TX_GAS)
        return EVM_TX_GAS_LIMIT_EXCEEDS_MAXIMUM;
    if (tx->gas_limit > block->gas_limit || tx->gas_limit > (uint64_t)INT64_MAX)
        return EVM_TX_GAS_ALLOWANCE_EXCEEDED;
    evm_blob_params bp = evm__st_blob_params(fork, block);
    if (tx->type == 3 && tx->blob_hash_count > bp.max)   /* more than a block holds */
        return fork >= EVM_OSAKA ? EVM_TX_BLOB_GAS_ALLOWANCE_EXCEEDED : EVM_TX_BLOB_COUNT_EXCEEDED;
    evm_u256 max_price;
    if (tx->type >= 2) {
        if (evm_u256_lt(&tx->max_fee_per_gas, &tx->max_priority_fee_per_gas))
            return EVM_TX_PRIORITY_GREATER_THAN_MAX_FEE;
        if (evm_u256_lt(&tx->max_fee_per_gas, &block->base_fee))
            return EVM_TX_INSUFFICIENT_MAX_FEE_PER_GAS;
        evm_u256 room = evm_u256_sub(tx->max_fee_per_gas, block->base_fee);
        const evm_u256 *tip = evm_u256_lt(&room, &tx->max_priority_fee_per_gas)
                            ? &room : &tx->max_priority_fee_per_gas;
        *price = evm_u256_add(block->base_fee, *tip);
        max_price = tx->max_fee_per_gas;
    } else {
        if (fork >= EVM_LONDON && evm_u256_lt(&tx->gas_price, &block->base_fee))
            return EVM_TX_INSUFFICIENT_MAX_FEE_PER_GAS;
        *price = max_price = tx->gas_price;
    }
    evm_u256 gas = evm_u256_from_u64(tx->gas_limit), max_fee;
    bool ok = evm__st_mul_ok(&gas, &max_price, &max_fee);
    *blob_fee = (evm_u256){{0, 0, 0, 0}};
    if (tx->type == 3) {
        if (tx->create)
            return EVM_TX_BLOB_CONTRACT_CREATION;
        if (tx->blob_hash_count == 0)
            return EVM_TX_BLOB_ZERO_BLOBS;
        if (fork >= EVM_OSAKA && tx->blob_hash_count > EVM__MAX_BLOBS_PER_TX)
            return EVM_TX_BLOB_COUNT_EXCEEDED;
        for (size_t i = 0; i < tx->blob_hash_count; i++)
            if (tx->blob_hashes[i].bytes[0] != 0x01)
                return EVM_TX_BLOB_INVALID_VERSIONED_HASH;
        evm_u256 blob_price = evm_blob_base_fee(block->excess_blob_gas, bp.update_fraction);
        if (evm_u256_lt(&tx->max_fee_per_blob_gas, &blob_price))
            return EVM_TX_INSUFFICIENT_MAX_FEE_PER_BLOB_GAS;
        evm_u256 blob_gas = evm_u256_from_u64(EVM__BLOB_GAS_PER_BLOB * (uint64_t)tx->blob_hash_count);
        evm_u256 max_blob_fee;
        ok = ok && evm__st_mul_ok(&blob_gas, &tx->max_fee_per_blob_gas, &max_blob_fee) &&
             evm__st_add_ok(&max_fee, &max_blob_fee, &max_fee);
        *blob_fee = evm_u256_mul(blob_gas, blob_price);
    }
    if (tx->type == 4) {
        if (tx->create)
            return EVM_TX_SETCODE_CONTRACT_CREATION;
        if (tx->authorization_count == 0)
            return EVM_TX_SETCODE_EMPTY_AUTHORIZATIONS;
    }
    const evm__state_account *acc = evm__st_get(s, &tx->sender);
    uint64_t nonce = acc ? acc->nonce : 0;
    if (nonce != tx->nonce)
        return EVM_TX_NONCE_MISMATCH;
    evm_u256 balance = acc ? acc->balance : (evm_u256){{0, 0, 0, 0}}, need;
    if (!ok || !evm__st_add_ok(&max_fee, &tx->value, &need) || evm_u256_lt(&balance, &need))
        return EVM_TX_INSUFFICIENT_ACCOUNT_FUNDS;
    if (acc && acc->code_size &&
        !(fork >= EVM_PRAGUE && evm__st_is_delegation(acc->code, acc->code_size)))
        return EVM_TX_SENDER_NOT_EOA;
    return EVM_TX_OK;
}

/* EIP-2929 pre-warms every precompile of the fork: 0x01 up to the last one in order, and
   from Osaka P256VERIFY (EIP-7951) at 0x0100 */
static unsigned evm__st_precompile_count(evm_fork fork)
{
    return fork >= EVM_PRAGUE ? 17 : fork >= EVM_CANCUN ? 10 : fork >= EVM_ISTANBUL ? 9
         : fork >= EVM_BYZANTIUM ? 8 : 4;
}

/* EIP-7702: the authority that signed keccak256(0x05 || rlp([chain_id, address, nonce]));
   false for a signature the specification rejects */
static bool evm__st_authority(evm_state *s, const evm_authorization *a, evm_address *out)
{
    static const evm_u256 n = {{0xbfd25e8cd0364141ull, 0xbaaedce6af48a03bull,
                                0xfffffffffffffffeull, 0xffffffffffffffffull}};
    static const evm_u256 half_n = {{0xdfe92f46681b20a0ull, 0x5d576e7357a4501dull,
                                     0xffffffffffffffffull, 0x7fffffffffffffffull}};
    if (a->y_parity.w[1] | a->y_parity.w[2] | a->y_parity.w[3] || a->y_parity.w[0] > 1 ||
        evm__st_u256_zero(&a->r) || !evm_u256_lt(&a->r, &n) ||
        evm__st_u256_zero(&a->s) || evm_u256_lt(&half_n, &a->s))
        return false;
    evm__rlp_buf b = {NULL, 0, 0, &s->allocator, false};
    uint8_t *magic = evm__rlp_grow(&b, 1);
    if (magic)
        *magic = 0x05;
    evm__rlp_u256(&b, &a->chain_id);
    evm__rlp_bytes(&b, a->address.bytes, 20);
    evm__rlp_u64(&b, a->nonce);
    evm__rlp_wrap_list(&b, 1);
    bool ok = !b.failed;
    uint8_t hash[32], r[32], sig_s[32], pub[64];
    if (ok)
        evm_keccak256(b.data, b.size, hash);
    if (b.data)
        evm_allocate(&s->allocator, b.data, 0);
    if (!ok) {
        s->failed = true;
        return false;
    }
    evm_u256_to_be(&a->r, r);
    evm_u256_to_be(&a->s, sig_s);
    if (!evm_secp256k1_recover(hash, r, sig_s, (int)a->y_parity.w[0], pub))
        return false;
    evm_keccak256(pub, 64, hash);
    EVM_MEMCPY(out->bytes, hash + 12, 20);
    return true;
}

/* The authority of a transaction's i-th authorization, recovered once: a stateless host
   preloads the authorities before the transaction (evm_stateless.h) and the transaction
   applies them; both ask here. The memo is kept by list index with the authorization's
   content, so a hit is the same signed tuple (and the same answer), whatever the tx. */
typedef struct evm__st_auth_memo {
    evm_u256 chain_id, y_parity, r, s;
    evm_address address, authority;
    uint64_t nonce;
    uint8_t state;                   /* 0 empty, 1 no authority, 2 authority */
} evm__st_auth_memo;

static bool evm__st_authority_at(evm_state *s, const evm_transaction *tx, size_t i, evm_address *out)
{
    const evm_authorization *a = &tx->authorizations[i];
    evm__st_auth_memo *m = NULL;
    uint32_t had = s->auth_memo_cap;
    if (i < had || evm__st_reserve(s, &s->auth_memo, &s->auth_memo_cap, tx->authorization_count, sizeof *m)) {
        if (s->auth_memo_cap > had)                 /* new entries empty */
            EVM_MEMSET((evm__st_auth_memo *)s->auth_memo + had, 0,
                       (s->auth_memo_cap - had) * sizeof *m);
        m = (evm__st_auth_memo *)s->auth_memo + i;
        if (m->state && m->nonce == a->nonce && evm__st_u256_eq(&m->r, &a->r) &&
            evm__st_u256_eq(&m->s, &a->s) && evm__st_u256_eq(&m->y_parity, &a->y_parity) &&
            evm__st_u256_eq(&m->chain_id, &a->chain_id) &&
            EVM_MEMCMP(m->address.bytes, a->address.bytes, 20) == 0) {
            *out = m->authority;
            return m->state == 2;
        }
    }
    bool ok = evm__st_authority(s, a, out);
    if (m && !s->failed) {
        m->chain_id = a->chain_id;
        m->y_parity = a->y_parity;
        m->r = a->r;
        m->s = a->s;
        m->address = a->address;
        m->nonce = a->nonce;
        if (ok)
            m->authority = *out;
        m->state = ok ? 2 : 1;
    }
    return ok;
}

/* EIP-7702 set_delegation: apply each valid authorization (journaled, before the message:
   a failing execution keeps them); returns the refund for authorities that existed */
static uint64_t evm__st_set_delegations(evm_state *s, const evm_block_env *block,
                                        const evm_transaction *tx)
{
    uint64_t refund = 0;
    for (size_t i = 0; i < tx->authorization_count && !s->failed; i++) {
        const evm_authorization *a = &tx->authorizations[i];
        evm_address authority;
        if ((!evm__st_u256_zero(&a->chain_id) && !evm__st_u256_eq(&a->chain_id, &block->chain_id)) ||
            a->nonce == UINT64_MAX || !evm__st_authority_at(s, tx, i, &authority))
            continue;
        evm_state_warm_account(s, &authority);
        const evm__state_account *acc = evm__st_get(s, &authority);
        if (acc && acc->code_size && !evm__st_is_delegation(acc->code, acc->code_size))
            continue;
        if ((acc ? acc->nonce : 0) != a->nonce)
            continue;
        if (acc && acc->exists)
            refund += 25000 - 12500;
        uint8_t designator[23] = {0xef, 0x01, 0x00};
        EVM_MEMCPY(designator + 3, a->address.bytes, 20);
        bool clear = true;
        for (int k = 0; k < 20; k++)
            clear = clear && a->address.bytes[k] == 0;
        if (!evm__sh_set_code(s, &authority, designator, clear ? 0 : 23) ||
            !evm__sh_set_nonce(s, &authority, a->nonce + 1))
            s->failed = true;
    }
    return refund;
}

evm_tx_status evm_state_transact(evm_state *s, evm_vm *vm, evm_fork fork, const evm_block_env *block,
                                 const evm_transaction *tx, evm_tx_result *result)
{
    evm_tx_result dummy;
    if (!result)
        result = &dummy;
    EVM_MEMSET(result, 0, sizeof *result);
    evm_state_begin_transaction(s, fork);
    uint64_t intrinsic = 0;
    evm_u256 price, blob_fee;
    evm_tx_status st = evm__st_validate(s, fork, block, tx, &intrinsic, &price, &blob_fee);
    if (st != EVM_TX_OK) {
        result->status = st;
        return st;
    }

    /* charge the gas up front, bump the nonce, warm the EIP-2929 sets */
    uint32_t sender = evm__st_record(s, &tx->sender);
    if (sender == EVM__STATE_NONE)
        goto oom;
    uint64_t nonce = s->accounts[sender].nonce;
    evm_u256 gas_fee = evm_u256_mul(evm_u256_from_u64(tx->gas_limit), price);
    evm_u256 bal = evm_u256_sub(evm_u256_sub(s->accounts[sender].balance, gas_fee), blob_fee);
    if (!evm__st_make_exist(s, sender) || !evm__st_set_balance_j(s, sender, &bal) ||
        !evm__sh_set_nonce(s, &tx->sender, nonce + 1))
        goto oom;

    evm_message msg;
    EVM_MEMSET(&msg, 0, sizeof msg);
    msg.kind = tx->create ? EVM_CREATE : EVM_CALL;
    msg.gas = (int64_t)(tx->gas_limit - intrinsic);
    msg.sender = tx->sender;
    if (tx->create)
        evm_create_address(&tx->sender, nonce, &msg.recipient);
    else
        msg.recipient = tx->to;
    msg.code_address = msg.recipient;
    msg.value = tx->value;
    msg.input = tx->data;
    msg.input_size = tx->data_size;

    if (fork >= EVM_BERLIN) {
        evm_address pc;
        EVM_MEMSET(&pc, 0, sizeof pc);
        evm_state_warm_account(s, &tx->sender);
        evm_state_warm_account(s, &msg.recipient);
        for (unsigned a = 1; a <= evm__st_precompile_count(fork); a++) {
            pc.bytes[19] = (uint8_t)a;
            evm_state_warm_account(s, &pc);
        }
        if (fork >= EVM_OSAKA) {
            pc.bytes[18] = 1;
            pc.bytes[19] = 0;
            evm_state_warm_account(s, &pc);              /* P256VERIFY, EIP-7951 */
        }
        if (fork >= EVM_SHANGHAI)
            evm_state_warm_account(s, &block->coinbase);     /* EIP-3651 */
        for (size_t i = 0; i < tx->access_list_count; i++) {
            const evm_access_list_entry *e = &tx->access_list[i];
            evm_state_warm_account(s, &e->address);
            for (size_t k = 0; k < e->key_count; k++) {
                evm_u256 key = evm_u256_from_be(e->keys[k].bytes, 32);
                evm_state_warm_slot(s, &e->address, &key);
            }
        }
        if (s->failed)
            goto oom;
    }
    /* EIP-7702: delegations first; evm_execute then follows the recipient's designator */
    uint64_t auth_refund = tx->type == 4 ? evm__st_set_delegations(s, block, tx) : 0;
    if (s->failed)
        goto oom;

    evm_tx_context ctx;
    EVM_MEMSET(&ctx, 0, sizeof ctx);
    ctx.gas_price = price;
    ctx.origin = tx->sender;
    ctx.coinbase = block->coinbase;
    ctx.number = block->number;
    ctx.timestamp = block->timestamp;
    ctx.gas_limit = block->gas_limit > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)block->gas_limit;
    ctx.prevrandao = block->prevrandao;
    ctx.chain_id = block->chain_id;
    ctx.base_fee = block->base_fee;
    ctx.blob_base_fee = fork >= EVM_CANCUN
        ? evm_blob_base_fee(block->excess_blob_gas, evm__st_blob_params(fork, block).update_fraction)
        : (evm_u256){{0, 0, 0, 0}};
    ctx.blob_hashes = tx->blob_hashes;
    ctx.blob_hashes_count = tx->blob_hash_count;

    evm_result r;
    evm_execute(vm, evm_state_active_host(s), s, fork, &ctx, &msg, &r);
    if (r.status >= EVM_OUT_OF_MEMORY) {
        evm_state_revert(s, 0);
        evm__st_journal_clear(s);
        result->status = EVM_TX_ABORTED;
        result->exec_status = r.status;
        return EVM_TX_ABORTED;
    }
    if (s->failed)
        goto oom;

    /* refund (EIP-3529 cap from London), pay the coinbase */
    uint64_t gas_left = r.gas_left > 0 ? (uint64_t)r.gas_left : 0;
    uint64_t gas_used = tx->gas_limit - gas_left;
    uint64_t cap = gas_used / (fork >= EVM_LONDON ? 5 : 2);
    uint64_t refund = (r.gas_refund > 0 ? (uint64_t)r.gas_refund : 0) + auth_refund;
    if (refund > cap)
        refund = cap;
    /* EIP-7623: the transaction pays at least the calldata floor */
    uint64_t floor = evm_tx_floor_gas(fork, tx);
    if (gas_used - refund < floor) {
        refund = 0;
        gas_used = floor;
        gas_left = tx->gas_limit - floor;
    }
    evm_u256 back = evm_u256_mul(evm_u256_from_u64(gas_left + refund), price);
    evm_u256 sb = evm_u256_add(s->accounts[sender].balance, back);
    if (!evm__st_set_balance_j(s, sender, &sb))
        goto oom;
    evm_u256 tip = fork >= EVM_LONDON ? evm_u256_sub(price, block->base_fee) : price;
    evm_u256 fee = evm_u256_mul(evm_u256_from_u64(gas_used - refund), tip);
    if (!evm__st_credit(s, &block->coinbase, &fee))
        goto oom;
    if (!evm_state_end_transaction(s))
        goto oom;
    result->status = EVM_TX_OK;
    result->exec_status = r.status;
    result->gas_used = gas_used - refund;
    result->gas_refund = refund;
    result->output = r.output;
    result->output_size = r.output_size;
    if (r.status == EVM_SUCCESS && tx->create)
        result->create_address = msg.recipient;
    return EVM_TX_OK;

oom:
    evm_state_revert(s, 0);
    evm__st_journal_clear(s);
    result->status = EVM_TX_ABORTED;
    result->exec_status = EVM_OUT_OF_MEMORY;
    return EVM_TX_ABORTED;
}

#endif /* EVM_IMPLEMENTATION */
