/* evm_block.h - whole blocks for evm_state.h: decoding, header rules, execution, roots.

   USAGE
     In exactly one C file (the one that implements evm.h is fine):
         #define EVM_IMPLEMENTATION
         #include "evm_block.h"
     Everywhere else just #include "evm_block.h". It includes evm_tx.h (transactions),
     evm_state.h (the world state) and evm_precompiles.h (sha256 for EIP-7685); they must
     sit beside it.

     evm_chain_config chain;
     evm_chain_from_network(&chain, "CancunToPragueAtTime15k");   // or evm_chain_init
     evm_block parent, b;                                          // parent: decoded earlier
     evm_block_status st = evm_block_decode(&b, rlp, rlp_size, NULL);
     if (st == EVM_BLOCK_OK) {
         evm_block_result r;
         st = evm_block_execute(&state, &vm, &chain, &parent.header, &b, &r);
         // EVM_BLOCK_OK: the state holds the post-state, r has the roots, bloom, gas
         // used, requests; anything else: the block is invalid (evm_block_status_name,
         // r.tx_index / r.tx_status for a transaction) and the state is as before
         evm_block_result_free(&r);
     }
     evm_block_free(&b);                // the raw bytes must outlive b (b points into them)

     BLOCKHASH answers from evm_state_set_block_hash: give it your chain's hashes.

   WHAT IT CHECKS (one function per rule, as ethereum/execution-specs' fork.py has them)
     Header against parent (evm_block_validate_header): the field count of the fork
     (London adds the base fee, Shanghai the withdrawals root, Cancun blob gas used,
     excess blob gas and the parent beacon root, Prague the requests hash), parent hash,
     number, timestamp, extra data at most 32 bytes, gas used within the gas limit, the
     gas limit's 1/1024 bound and 5000 floor, the EIP-1559 base fee (1 gwei at the first
     London block, whose parent's limit counts twice), pre-merge difficulty (Frontier,
     Homestead, Byzantium formulas and each fork's bomb delay; no proof-of-work check),
     the merge's zero difficulty, nonce and empty ommers, EIP-4844 excess blob gas with
     the fork's blob schedule (target, max, update fraction: Cancun 3/6, Prague 6/9
     (EIP-7691), Osaka and the blob-parameter-only forks BPOn from the chain config),
     EIP-7918's reserve price from Osaka.
     Body (evm_block_execute): ommer hash, count and rewards before the merge; EIP-7934's
     8 MiB RLP cap from Osaka; every transaction's signature, chain id, gas and blob gas
     allowance, then evm_state_transact's rules; EIP-4788 and EIP-2935 system calls
     before the transactions, EIP-4895 withdrawals, EIP-6110 deposits from the logs
     (with the event layout check), the EIP-7002 and EIP-7251 system calls ("checked":
     missing code or a failing call makes the block invalid) and the EIP-7685 requests
     hash after them; then gas used, blob gas used, the transactions, receipts and
     withdrawals roots, the logs bloom and the state root against the header.
     Ommers: the list's hash, at most two, distinct, 1 to 6 generations older, rewarded;
     not checked: their own header rules and ancestry (that needs the chain, and the
     fixtures have no ommers), proof of work.

   MEMORY
     A decoded block owns one allocation per array (transactions, ommers, withdrawals)
     from the allocator (NULL = evm.h's default); evm_block_free releases them, also
     after a failure. evm_block_execute takes a copy of the state (from the state's
     allocator) and swaps it in when the block is invalid (no allocation on that path). Allocation failure is
     EVM_BLOCK_OUT_OF_MEMORY, never a crash; the state is then as before the block.

   CONFIGURATION
     Those of evm.h and evm_state.h; freestanding with EVM_NO_STDLIB like them.

   LICENSE
     MIT, as evm.h.
*/
#include "evm_tx.h"
#include "evm_precompiles.h"
#ifndef EVM_BLOCK_H
#define EVM_BLOCK_H

#ifdef __cplusplus
extern "C" {
#endif

/* Why a block is not valid. The comments name the execution-spec-tests exception class
   each one stands for. */
typedef enum evm_block_status {
    EVM_BLOCK_OK = 0,
    EVM_BLOCK_RLP,                   /* malformed RLP: RLP_STRUCTURES_ENCODING */
    EVM_BLOCK_TX_RLP,                /* a transaction that does not decode (tx_decode_status) */
    EVM_BLOCK_FORMAT,                /* header fields or body parts wrong for the fork:
                                        INCORRECT_BLOCK_FORMAT */
    EVM_BLOCK_UNKNOWN_PARENT,        /* parent hash is not the parent's: UNKNOWN_PARENT */
    EVM_BLOCK_NUMBER,                /* not parent + 1: INVALID_BLOCK_NUMBER */
    EVM_BLOCK_TIMESTAMP,             /* not after the parent: INVALID_BLOCK_TIMESTAMP_OLDER_THAN_PARENT */
    EVM_BLOCK_EXTRA_DATA,            /* more than 32 bytes: EXTRA_DATA_TOO_BIG */
    EVM_BLOCK_GAS_LIMIT,             /* outside the parent's bounds: INVALID_GASLIMIT */
    EVM_BLOCK_GAS_USED_ABOVE_LIMIT,  /* gas used > gas limit: GAS_USED_OVERFLOW */
    EVM_BLOCK_BASE_FEE,              /* INVALID_BASEFEE_PER_GAS */
    EVM_BLOCK_DIFFICULTY,            /* INVALID_DIFFICULTY */
    EVM_BLOCK_NONCE,                 /* non-zero nonce after the merge: INVALID_BLOCK_NONCE */
    EVM_BLOCK_OMMERS,                /* ommers hash, count, or ommers after the merge:
                                        INVALID_UNCLES_HASH / TOO_MANY_UNCLES */
    EVM_BLOCK_EXCESS_BLOB_GAS,       /* INCORRECT_EXCESS_BLOB_GAS */
    EVM_BLOCK_BLOB_GAS_USED,         /* header's blob gas used is not the body's: INCORRECT_BLOB_GAS_USED */
    EVM_BLOCK_BLOB_GAS_EXCEEDED,     /* a transaction's blobs beyond the block's maximum:
                                        TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED */
    EVM_BLOCK_RLP_TOO_LARGE,         /* EIP-7934: RLP_BLOCK_LIMIT_EXCEEDED */
    EVM_BLOCK_TX_SIGNATURE,          /* no sender recoverable: INVALID_SIGNATURE_VRS */
    EVM_BLOCK_TX_CHAIN_ID,           /* INVALID_CHAINID */
    EVM_BLOCK_TX_GAS_ALLOWANCE,      /* more gas than the block has left: GAS_ALLOWANCE_EXCEEDED */
    EVM_BLOCK_TX_INVALID,            /* evm_state_transact rejected it (tx_status) */
    EVM_BLOCK_SYSTEM_CONTRACT_EMPTY, /* EIP-7002/7251 contract without code: SYSTEM_CONTRACT_EMPTY */
    EVM_BLOCK_SYSTEM_CALL_FAILED,    /* SYSTEM_CONTRACT_CALL_FAILED */
    EVM_BLOCK_DEPOSIT_LAYOUT,        /* EIP-6110 log not the DepositEvent ABI: INVALID_DEPOSIT_EVENT_LAYOUT */
    EVM_BLOCK_GAS_USED,              /* header's gas used is not the sum: INVALID_GAS_USED */
    EVM_BLOCK_TX_ROOT,               /* INVALID_TRANSACTIONS_ROOT */
    EVM_BLOCK_RECEIPTS_ROOT,         /* INVALID_RECEIPTS_ROOT */
    EVM_BLOCK_BLOOM,                 /* INVALID_LOG_BLOOM */
    EVM_BLOCK_WITHDRAWALS_ROOT,      /* INVALID_WITHDRAWALS_ROOT */
    EVM_BLOCK_REQUESTS_HASH,         /* INVALID_REQUESTS */
    EVM_BLOCK_STATE_ROOT,            /* INVALID_STATE_ROOT */
    EVM_BLOCK_OUT_OF_MEMORY,         /* not a consensus outcome */
    EVM_BLOCK_ABORTED,               /* not a consensus outcome: a transaction could not run
                                        (tx_status EVM_TX_ABORTED) */
    EVM_BLOCK_STATUS_COUNT
} evm_block_status;

/* EIP-4844 blob parameters of a fork: evm_state.h's evm_blob_params (in blobs; the gas is
   131072 per blob) */

#define EVM_CHAIN_MAX_FORKS 4
#define EVM_CHAIN_MAX_BPO 8

/* One step of the fork schedule: from block `at` (or timestamp `at` when by_time). */
typedef struct evm_chain_fork {
    evm_fork fork;
    unsigned bpo;                    /* n for the blob-parameter-only fork BPOn (Osaka rules), else 0 */
    bool by_time;
    uint64_t at;
} evm_chain_fork;

typedef struct evm_chain_config {
    evm_u256 chain_id;
    evm_chain_fork forks[EVM_CHAIN_MAX_FORKS];       /* ascending */
    size_t fork_count;
    evm_blob_params blob[EVM_FORK_COUNT];          /* per fork, from Cancun */
    evm_blob_params bpo[EVM_CHAIN_MAX_BPO];        /* [n - 1]: BPOn */
} evm_chain_config;

/* The rules one block runs under. */
typedef struct evm_block_rules {
    evm_fork fork;
    unsigned bpo;
    evm_blob_params blob;          /* zero before Cancun */
} evm_block_rules;

typedef struct evm_block_header {
    evm_bytes32 parent_hash, ommers_hash;
    evm_address coinbase;
    evm_bytes32 state_root, tx_root, receipts_root;
    uint8_t bloom[256];
    evm_u256 difficulty;
    uint64_t number, gas_limit, gas_used, timestamp;
    uint8_t extra_data[32];          /* the first 32 bytes; longer is invalid anyway */
    size_t extra_data_size;
    evm_bytes32 mix_hash;            /* PREVRANDAO from the merge */
    uint8_t nonce[8];
    unsigned field_count;            /* 15 (Frontier) .. 21 (Prague): which below are present */
    evm_u256 base_fee;               /* 16+ */
    evm_bytes32 withdrawals_root;    /* 17+ */
    uint64_t blob_gas_used, excess_blob_gas;   /* 20+ */
    evm_bytes32 parent_beacon_root;  /* 20+ */
    evm_bytes32 requests_hash;       /* 21 */
    evm_bytes32 hash;                /* keccak256 of the header's RLP */
} evm_block_header;

typedef struct evm_withdrawal {
    uint64_t index, validator;
    evm_address address;
    uint64_t amount;                 /* in gwei */
} evm_withdrawal;

typedef struct evm_block {
    evm_block_header header;
    evm_signed_tx *txs;              /* senders are recovered by evm_block_execute */
    const uint8_t **tx_raw;          /* each transaction's bytes, into the input */
    size_t *tx_raw_size;
    size_t tx_count;
    evm_block_header *ommers;
    size_t ommer_count;
    evm_bytes32 ommers_list_hash;    /* keccak256 of the ommers list's RLP */
    evm_withdrawal *withdrawals;
    size_t withdrawal_count;
    bool has_withdrawals;            /* the body has the fourth list (Shanghai) */
    size_t rlp_size;
    /* on failure */
    size_t error_offset;
    size_t tx_index;                 /* EVM_BLOCK_TX_RLP: which transaction */
    evm_tx_decode_status tx_decode_status;
    /* private */
    evm_allocator allocator;
} evm_block;

typedef struct evm_block_request {
    uint8_t type;                    /* 0 deposits, 1 withdrawals, 2 consolidations */
    const uint8_t *data;             /* owned by the result */
    size_t size;
} evm_block_request;

typedef struct evm_block_result {
    evm_block_status status;
    size_t tx_index;                 /* the transaction a transaction status is about */
    evm_tx_status tx_status;         /* EVM_BLOCK_TX_INVALID / ABORTED */
    evm_bytes32 state_root, tx_root, receipts_root, withdrawals_root, requests_hash;
    uint8_t bloom[256];
    uint64_t gas_used, blob_gas_used;
    evm_block_request requests[3];   /* non-empty ones, in type order (Prague) */
    size_t request_count;
    /* private */
    uint8_t *request_data;
    evm_allocator allocator;
} evm_block_result;

EVM_API const char *evm_block_status_name(evm_block_status s);

/* ---- chain configuration ---- */
/* One fork from genesis, chain id 1, the default blob schedules (Cancun 3/6/3338477,
   Prague and Osaka 6/9/5007716, BPO1 10/15/8346193, BPO2 14/21/11684671). */
EVM_API void evm_chain_init(evm_chain_config *c, evm_fork fork);
/* The execution-spec-tests network names: a fork ("Cancun", "ConstantinopleFix", "BPO1")
   or a transition "AToBAtN" (block N) / "AToBAtTimeN" (timestamp N; "15k" = 15000).
   False for a name it does not know. */
EVM_API bool evm_chain_from_network(evm_chain_config *c, const char *name);
/* Set the blob schedule of a fork by name ("Cancun", "Prague", "Osaka", "BPO3"). */
EVM_API bool evm_chain_set_blob_schedule(evm_chain_config *c, const char *fork_name,
                                         const evm_blob_params *s);
EVM_API evm_block_rules evm_chain_rules(const evm_chain_config *c, uint64_t number, uint64_t timestamp);

/* ---- decoding ---- */
/* Decode rlp([header, transactions, ommers]) or rlp([header, transactions, ommers,
   withdrawals]); the block points into raw, which must outlive it. On failure the
   status, b->error_offset (and for a transaction b->tx_index, b->tx_decode_status);
   evm_block_free is safe either way. */
EVM_API evm_block_status evm_block_decode(evm_block *b, const uint8_t *raw, size_t size,
                                          const evm_allocator *alloc);
EVM_API void evm_block_free(evm_block *b);
/* A header alone (its RLP list); fills h->hash. */
EVM_API evm_block_status evm_block_decode_header(evm_block_header *h, const uint8_t *raw, size_t size);

/* ---- rules ---- */
EVM_API evm_block_status evm_block_validate_header(const evm_chain_config *c,
                                                   const evm_block_header *parent,
                                                   const evm_block_header *h);
/* EIP-1559: the base fee a child of parent must have (false: gas limit out of bounds) */
EVM_API bool evm_block_base_fee(const evm_block_header *parent, uint64_t gas_limit, evm_u256 *out);
/* EIP-4844 / EIP-7918: the excess blob gas a child of parent must have under rules */
EVM_API uint64_t evm_block_excess_blob_gas(const evm_block_rules *rules, const evm_block_header *parent);
/* The 2048-bit bloom of one log, ORed into bloom */
EVM_API void evm_block_bloom_add(uint8_t bloom[256], const evm_address *address,
                                 const evm_bytes32 *topics, size_t topic_count);

/* ---- execution ---- */
/* Validate b against parent, run it on s (BLOCKHASH through the state's block-hash
   callback) and compare every result with the header. On EVM_BLOCK_OK the state is the
   post-state; otherwise it is as before. r is filled in both cases (roots as computed,
   as far as execution got); free it with evm_block_result_free. */
EVM_API evm_block_status evm_block_execute(evm_state *s, evm_vm *vm, const evm_chain_config *c,
                                           const evm_block_header *parent, const evm_block *b,
                                           evm_block_result *r);
EVM_API void evm_block_result_free(evm_block_result *r);
/* Hooks for a state that is not all in memory (evm_stateless.h): zero = none. */
typedef struct evm_block_hooks {
    void *user;
    /* the post-state root, instead of evm_state_root(s); false: the block cannot be
       judged (EVM_BLOCK_ABORTED) */
    bool (*state_root)(void *user, evm_state *s, evm_bytes32 *root);
    /* before each transaction runs, its sender recovered (to load what it reads) */
    void (*before_tx)(void *user, evm_state *s, const evm_transaction *tx);
    /* leave an invalid block's changes in the state (no copy of it is taken) */
    bool keep_state;
} evm_block_hooks;
EVM_API evm_block_status evm_block_execute_hooked(evm_state *s, evm_vm *vm, const evm_chain_config *c,
                                                  const evm_block_header *parent, const evm_block *b,
                                                  evm_block_result *r, const evm_block_hooks *hooks);
/* Copy every account of src into dst (cleared first). */
EVM_API bool evm_block_copy_state(evm_state *dst, const evm_state *src);

#ifdef __cplusplus
}
#endif
#endif /* EVM_BLOCK_H */

/* ================================================================================= */
#if defined(EVM_IMPLEMENTATION) && !defined(EVM_BLOCK_IMPLEMENTED)
#define EVM_BLOCK_IMPLEMENTED

const char *evm_block_status_name(evm_block_status s)
{
    static const char *const names[EVM_BLOCK_STATUS_COUNT] = {
        "OK", "RLP_STRUCTURES_ENCODING", "TX_RLP", "INCORRECT_BLOCK_FORMAT", "UNKNOWN_PARENT",
        "INVALID_BLOCK_NUMBER", "INVALID_BLOCK_TIMESTAMP_OLDER_THAN_PARENT", "EXTRA_DATA_TOO_BIG",
        "INVALID_GASLIMIT", "GAS_USED_OVERFLOW", "INVALID_BASEFEE_PER_GAS", "INVALID_DIFFICULTY",
        "INVALID_BLOCK_NONCE", "INVALID_UNCLES", "INCORRECT_EXCESS_BLOB_GAS",
        "INCORRECT_BLOB_GAS_USED", "BLOB_GAS_USED_ABOVE_LIMIT", "RLP_BLOCK_LIMIT_EXCEEDED",
        "INVALID_SIGNATURE_VRS", "INVALID_CHAINID", "GAS_ALLOWANCE_EXCEEDED", "TX_INVALID",
        "SYSTEM_CONTRACT_EMPTY", "SYSTEM_CONTRACT_CALL_FAILED", "INVALID_DEPOSIT_EVENT_LAYOUT",
        "INVALID_GAS_USED", "INVALID_TRANSACTIONS_ROOT", "INVALID_RECEIPTS_ROOT",
        "INVALID_LOG_BLOOM", "INVALID_WITHDRAWALS_ROOT", "INVALID_REQUESTS", "INVALID_STATE_ROOT",
        "OUT_OF_MEMORY", "ABORTED"};
    return (unsigned)s < EVM_BLOCK_STATUS_COUNT ? names[s] : "UNKNOWN";
}

/* ---------------------------------------------------------------------------------
   Chain configuration
   --------------------------------------------------------------------------------- */
void evm_chain_init(evm_chain_config *c, evm_fork fork)
{
    EVM_MEMSET(c, 0, sizeof *c);
    c->chain_id = evm_u256_from_u64(1);
    c->forks[0].fork = fork;
    c->fork_count = 1;
    /* mainnet's schedule (evm_state.h's data): the forks', then BPO1 and BPO2 */
    for (int f = EVM_CANCUN; f < EVM_FORK_COUNT; f++)
        c->blob[f] = evm_fork_blob_params((evm_fork)f);
    c->bpo[0] = evm_blob_fork_by_name("BPO1")->params;
    c->bpo[1] = evm_blob_fork_by_name("BPO2")->params;
}

/* "Cancun" or "BPO3" (n = 3, Osaka rules); the name's first `len` characters */
static bool evm__chain_fork_name(const char *name, size_t len, evm_fork *fork, unsigned *bpo)
{
    char buf[24];
    if (len == 0 || len >= sizeof buf)
        return false;
    for (size_t i = 0; i < len; i++)
        buf[i] = name[i];
    buf[len] = 0;
    *bpo = 0;
    if (len == 4 && buf[0] == 'B' && buf[1] == 'P' && buf[2] == 'O' && buf[3] >= '1' &&
        buf[3] <= '0' + EVM_CHAIN_MAX_BPO) {
        *fork = EVM_OSAKA;
        *bpo = (unsigned)(buf[3] - '0');
        return true;
    }
    return evm_fork_from_name(buf, fork);
}

static size_t evm__chain_find(const char *s, const char *what)
{
    for (size_t i = 0; s[i]; i++) {
        size_t k = 0;
        while (what[k] && s[i + k] == what[k])
            k++;
        if (!what[k])
            return i;
    }
    return (size_t)-1;
}

bool evm_chain_from_network(evm_chain_config *c, const char *name)
{
    evm_fork f;
    unsigned bpo;
    size_t n = 0;
    while (name[n])
        n++;
    evm_chain_init(c, EVM_FRONTIER);
    size_t to = evm__chain_find(name, "To");
    if (to == (size_t)-1) {
        if (!evm__chain_fork_name(name, n, &f, &bpo))
            return false;
        c->forks[0].fork = f;
        c->forks[0].bpo = bpo;
        return true;
    }
    const char *rest = name + to + 2;
    size_t at = evm__chain_find(rest, "At");
    if (at == (size_t)-1 || !evm__chain_fork_name(name, to, &f, &bpo))
        return false;
    c->forks[0].fork = f;
    c->forks[0].bpo = bpo;
    if (!evm__chain_fork_name(rest, at, &f, &bpo))
        return false;
    const char *num = rest + at + 2;
    bool by_time = false;
    if (num[0] == 'T' && num[1] == 'i' && num[2] == 'm' && num[3] == 'e') {
        by_time = true;
        num += 4;
    }
    uint64_t v = 0;
    size_t digits = 0;
    for (; num[digits] >= '0' && num[digits] <= '9'; digits++) {
        if (v > UINT64_MAX / 10 - 9)
            return false;
        v = v * 10 + (uint64_t)(num[digits] - '0');
    }
    if (!digits)
        return false;
    if (num[digits] == 'k' && num[digits + 1] == 0)
        v *= 1000;
    else if (num[digits] != 0)
        return false;
    c->forks[1].fork = f;
    c->forks[1].bpo = bpo;
    c->forks[1].by_time = by_time;
    c->forks[1].at = v;
    c->fork_count = 2;
    return true;
}

bool evm_chain_set_blob_schedule(evm_chain_config *c, const char *fork_name, const evm_blob_params *s)
{
    evm_fork f;
    unsigned bpo;
    size_t n = 0;
    while (fork_name[n])
        n++;
    if (!evm__chain_fork_name(fork_name, n, &f, &bpo))
        return false;
    if (bpo)
        c->bpo[bpo - 1] = *s;
    else
        c->blob[f] = *s;
    return true;
}

evm_block_rules evm_chain_rules(const evm_chain_config *c, uint64_t number, uint64_t timestamp)
{
    evm_block_rules r;
    EVM_MEMSET(&r, 0, sizeof r);
    for (size_t i = 0; i < c->fork_count; i++) {
        const evm_chain_fork *f = &c->forks[i];
        if (i == 0 || (f->by_time ? timestamp >= f->at : number >= f->at)) {
            r.fork = f->fork;
            r.bpo = f->bpo;
        }
    }
    if (r.bpo)
        r.blob = c->bpo[r.bpo - 1];
    else if (r.fork >= EVM_CANCUN)
        r.blob = c->blob[r.fork];
    return r;
}

/* a header with a field count no fork has (a status of the reader's type, past its own) */
#define EVM__TXD_HEADER_FORMAT ((evm_tx_decode_status)(EVM_TXD_STATUS_COUNT + 1))

/* ---------------------------------------------------------------------------------
   Decoding (evm_tx.h's strict RLP reader: canonical lengths, minimal integers)
   --------------------------------------------------------------------------------- */
static evm_block_status evm__blk_txd(evm_tx_decode_status s)
{
    if (s == EVM__TXD_HEADER_FORMAT)
        return EVM_BLOCK_FORMAT;
    return s == EVM_TXD_OK ? EVM_BLOCK_OK : s == EVM_TXD_OUT_OF_MEMORY ? EVM_BLOCK_OUT_OF_MEMORY
                                                                      : EVM_BLOCK_RLP;
}

/* a string of exactly n bytes */
static evm_tx_decode_status evm__blk_fixed(evm__rlpr *r, uint8_t *out, size_t n)
{
    const uint8_t *at = r->p;
    evm__rlpr_item it;
    evm_tx_decode_status s = evm__rlpr_kind(r, &it, false, EVM_TXD_NOT_A_LIST);
    if (s != EVM_TXD_OK)
        return s;
    if (it.size != n)
        return evm__rlpr_fail(r, at, EVM_TXD_BAD_STORAGE_KEY);
    EVM_MEMCPY(out, it.data, n);
    return EVM_TXD_OK;
}

/* the fields of a header list whose payload is f (the caller hashes the whole item) */
static evm_tx_decode_status evm__blk_header_fields(evm__rlpr *f, evm_block_header *h)
{
    evm_tx_decode_status s;
    evm__rlpr_item it;
    EVM_MEMSET(h, 0, sizeof *h);
#define EVM__BLK_TRY(x) do { if ((s = (x)) != EVM_TXD_OK) return s; } while (0)
    EVM__BLK_TRY(evm__blk_fixed(f, h->parent_hash.bytes, 32));
    EVM__BLK_TRY(evm__blk_fixed(f, h->ommers_hash.bytes, 32));
    EVM__BLK_TRY(evm__blk_fixed(f, h->coinbase.bytes, 20));
    EVM__BLK_TRY(evm__blk_fixed(f, h->state_root.bytes, 32));
    EVM__BLK_TRY(evm__blk_fixed(f, h->tx_root.bytes, 32));
    EVM__BLK_TRY(evm__blk_fixed(f, h->receipts_root.bytes, 32));
    EVM__BLK_TRY(evm__blk_fixed(f, h->bloom, 256));
    EVM__BLK_TRY(evm__rlpr_uint(f, 32, &h->difficulty));
    EVM__BLK_TRY(evm__rlpr_u64(f, &h->number));
    EVM__BLK_TRY(evm__rlpr_u64(f, &h->gas_limit));
    EVM__BLK_TRY(evm__rlpr_u64(f, &h->gas_used));
    EVM__BLK_TRY(evm__rlpr_u64(f, &h->timestamp));
    EVM__BLK_TRY(evm__rlpr_kind(f, &it, false, EVM_TXD_NOT_A_LIST));
    h->extra_data_size = it.size;
    EVM_MEMCPY(h->extra_data, it.data, it.size < 32 ? it.size : 32);
    EVM__BLK_TRY(evm__blk_fixed(f, h->mix_hash.bytes, 32));
    EVM__BLK_TRY(evm__blk_fixed(f, h->nonce, 8));
    h->field_count = 15;
    /* the optional tail, in fork order (London's base fee, Shanghai's withdrawals root,
       Cancun's three, Prague's requests hash): a count between those of two forks is
       a format error, not an encoding error (it gets its own status) */
    size_t tail = 0;
    evm__rlpr probe = *f;
    while (probe.p < probe.end) {
        EVM__BLK_TRY(evm__rlpr_next(&probe, &it));
        tail++;
    }
    if (tail != 0 && tail != 1 && tail != 2 && tail != 5 && tail != 6) {
        h->field_count = (unsigned)(15 + (tail < 100 ? tail : 100));
        return EVM_TXD_FIELD_COUNT;
    }
    if (tail >= 1)
        EVM__BLK_TRY(evm__rlpr_uint(f, 32, &h->base_fee));
    if (tail >= 2)
        EVM__BLK_TRY(evm__blk_fixed(f, h->withdrawals_root.bytes, 32));
    if (tail >= 5) {
        EVM__BLK_TRY(evm__rlpr_u64(f, &h->blob_gas_used));
        EVM__BLK_TRY(evm__rlpr_u64(f, &h->excess_blob_gas));
        EVM__BLK_TRY(evm__blk_fixed(f, h->parent_beacon_root.bytes, 32));
    }
    if (tail >= 6)
        EVM__BLK_TRY(evm__blk_fixed(f, h->requests_hash.bytes, 32));
    h->field_count = (unsigned)(15 + tail);
#undef EVM__BLK_TRY
    return EVM_TXD_OK;
}

/* the next item of r, which must be a header list */
static evm_tx_decode_status evm__blk_header(evm__rlpr *r, evm_block_header *h)
{
    const uint8_t *start = r->p;
    evm__rlpr_item it;
    evm_tx_decode_status s = evm__rlpr_kind(r, &it, true, EVM_TXD_NOT_A_LIST);
    if (s != EVM_TXD_OK)
        return s;
    evm__rlpr f = evm__rlpr_sub(r, &it);
    s = evm__blk_header_fields(&f, h);
    if (s == EVM_TXD_FIELD_COUNT && h->field_count > 15)
        s = EVM__TXD_HEADER_FORMAT;
    if (s == EVM_TXD_OK)
        evm_keccak256(start, (size_t)(r->p - start), h->hash.bytes);
    return s;
}

evm_block_status evm_block_decode_header(evm_block_header *h, const uint8_t *raw, size_t size)
{
    size_t err = 0;
    evm__rlpr r = {raw, raw + size, raw, &err};
    if (!raw || !size)
        return EVM_BLOCK_RLP;
    evm_tx_decode_status s = evm__blk_header(&r, h);
    if (s == EVM_TXD_OK && r.p != r.end)
        s = EVM_TXD_TRAILING_BYTES;
    return evm__blk_txd(s);
}

/* number of items in a list's payload (false if one is malformed) */
static evm_tx_decode_status evm__blk_count(const evm__rlpr *r, const evm__rlpr_item *list, size_t *n)
{
    evm__rlpr l = evm__rlpr_sub(r, list);
    evm__rlpr_item it;
    *n = 0;
    while (l.p < l.end) {
        evm_tx_decode_status s = evm__rlpr_next(&l, &it);
        if (s != EVM_TXD_OK)
            return s;
        (*n)++;
    }
    return EVM_TXD_OK;
}

static void *evm__blk_array(evm_block *b, size_t n, size_t elem)
{
    if (n == 0)
        return NULL;
    if (n > SIZE_MAX / elem)
        return NULL;
    void *p = evm_allocate(&b->allocator, NULL, n * elem);
    if (p)
        EVM_MEMSET(p, 0, n * elem);
    return p;
}

void evm_block_free(evm_block *b)
{
    for (size_t i = 0; i < b->tx_count; i++)
        evm_signed_tx_free(&b->txs[i]);
    if (b->txs)
        evm_allocate(&b->allocator, b->txs, 0);
    if (b->tx_raw)
        evm_allocate(&b->allocator, (void *)b->tx_raw, 0);
    if (b->tx_raw_size)
        evm_allocate(&b->allocator, b->tx_raw_size, 0);
    if (b->ommers)
        evm_allocate(&b->allocator, b->ommers, 0);
    if (b->withdrawals)
        evm_allocate(&b->allocator, b->withdrawals, 0);
    b->txs = NULL;
    b->tx_raw = NULL;
    b->tx_raw_size = NULL;
    b->ommers = NULL;
    b->withdrawals = NULL;
    b->tx_count = b->ommer_count = b->withdrawal_count = 0;
}

evm_block_status evm_block_decode(evm_block *b, const uint8_t *raw, size_t size, const evm_allocator *alloc)
{
    size_t err = 0;
    EVM_MEMSET(b, 0, sizeof *b);
    if (alloc)
        b->allocator = *alloc;
    b->rlp_size = size;
    if (!raw || !size)
        return EVM_BLOCK_RLP;
    evm__rlpr r = {raw, raw + size, raw, &err};
    evm__rlpr_item outer, txl, oml, wdl;
    evm_tx_decode_status s;
    evm_block_status bs = EVM_BLOCK_RLP;
    if ((s = evm__rlpr_kind(&r, &outer, true, EVM_TXD_NOT_A_LIST)) != EVM_TXD_OK)
        goto fail;
    if (r.p != r.end) {
        s = evm__rlpr_fail(&r, r.p, EVM_TXD_TRAILING_BYTES);
        goto fail;
    }
    evm__rlpr body = evm__rlpr_sub(&r, &outer);
    if ((s = evm__blk_header(&body, &b->header)) != EVM_TXD_OK ||
        (s = evm__rlpr_kind(&body, &txl, true, EVM_TXD_NOT_A_LIST)) != EVM_TXD_OK)
        goto fail;
    const uint8_t *om_start = body.p;
    if ((s = evm__rlpr_kind(&body, &oml, true, EVM_TXD_NOT_A_LIST)) != EVM_TXD_OK)
        goto fail;
    evm_keccak256(om_start, (size_t)(body.p - om_start), b->ommers_list_hash.bytes);
    if (body.p != body.end) {
        if ((s = evm__rlpr_kind(&body, &wdl, true, EVM_TXD_NOT_A_LIST)) != EVM_TXD_OK)
            goto fail;
        b->has_withdrawals = true;
        if (body.p != body.end) {
            s = evm__rlpr_fail(&body, body.p, EVM_TXD_FIELD_COUNT);
            goto fail;
        }
    }

    /* transactions: a list is a legacy one, a string holds type || payload */
    size_t n;
    if ((s = evm__blk_count(&body, &txl, &n)) != EVM_TXD_OK)
        goto fail;
    if (n) {
        b->txs = (evm_signed_tx *)evm__blk_array(b, n, sizeof *b->txs);
        b->tx_raw = (const uint8_t **)evm__blk_array(b, n, sizeof *b->tx_raw);
        b->tx_raw_size = (size_t *)evm__blk_array(b, n, sizeof *b->tx_raw_size);
        if (!b->txs || !b->tx_raw || !b->tx_raw_size) {
            bs = EVM_BLOCK_OUT_OF_MEMORY;
            goto fail_bs;
        }
    }
    evm__rlpr l = evm__rlpr_sub(&body, &txl);
    for (size_t i = 0; i < n; i++) {
        const uint8_t *start = l.p;
        evm__rlpr_item it;
        evm__rlpr_next(&l, &it);               /* counted above: cannot fail */
        const uint8_t *tx = it.list ? start : it.data;
        size_t tx_size = it.list ? (size_t)(l.p - start) : it.size;
        evm_tx_decode_status ts = EVM_TXD_NOT_A_LIST;
        if (it.list || (it.size && it.data[0] < 0x80))  /* a typed one wraps no list */
            ts = evm_tx_decode(&b->txs[b->tx_count], tx, tx_size, &b->allocator);
        if (ts != EVM_TXD_OK) {
            err = (size_t)(tx - raw) + b->txs[b->tx_count].error_offset;
            b->tx_index = i;
            b->tx_decode_status = ts;
            bs = ts == EVM_TXD_OUT_OF_MEMORY ? EVM_BLOCK_OUT_OF_MEMORY : EVM_BLOCK_TX_RLP;
            goto fail_bs;
        }
        b->tx_raw[i] = tx;
        b->tx_raw_size[i] = tx_size;
        b->tx_count++;
    }

    /* ommers: headers */
    if ((s = evm__blk_count(&body, &oml, &n)) != EVM_TXD_OK)
        goto fail;
    if (n && !(b->ommers = (evm_block_header *)evm__blk_array(b, n, sizeof *b->ommers))) {
        bs = EVM_BLOCK_OUT_OF_MEMORY;
        goto fail_bs;
    }
    l = evm__rlpr_sub(&body, &oml);
    for (size_t i = 0; i < n; i++) {
        if ((s = evm__blk_header(&l, &b->ommers[i])) != EVM_TXD_OK)
            goto fail;
        b->ommer_count++;
    }

    /* withdrawals: [index, validator index, address, amount in gwei] */
    if (b->has_withdrawals) {
        if ((s = evm__blk_count(&body, &wdl, &n)) != EVM_TXD_OK)
            goto fail;
        if (n && !(b->withdrawals = (evm_withdrawal *)evm__blk_array(b, n, sizeof *b->withdrawals))) {
            bs = EVM_BLOCK_OUT_OF_MEMORY;
            goto fail_bs;
        }
        l = evm__rlpr_sub(&body, &wdl);
        for (size_t i = 0; i < n; i++) {
            evm__rlpr_item it;
            if ((s = evm__rlpr_kind(&l, &it, true, EVM_TXD_NOT_A_LIST)) != EVM_TXD_OK)
                goto fail;
            evm__rlpr w = evm__rlpr_sub(&l, &it);
            evm_withdrawal *wd = &b->withdrawals[i];
            if ((s = evm__rlpr_u64(&w, &wd->index)) != EVM_TXD_OK ||
                (s = evm__rlpr_u64(&w, &wd->validator)) != EVM_TXD_OK ||
                (s = evm__blk_fixed(&w, wd->address.bytes, 20)) != EVM_TXD_OK ||
                (s = evm__rlpr_u64(&w, &wd->amount)) != EVM_TXD_OK)
                goto fail;
            if (w.p != w.end) {
                s = evm__rlpr_fail(&w, w.p, EVM_TXD_FIELD_COUNT);
                goto fail;
            }
            b->withdrawal_count++;
        }
    }
    return EVM_BLOCK_OK;

fail:
    bs = evm__blk_txd(s);
fail_bs:
    evm_block_free(b);
    b->error_offset = err;
    return bs;
}

/* ---------------------------------------------------------------------------------
   Header rules
   --------------------------------------------------------------------------------- */
static const uint8_t evm__blk_empty_ommers[32] = {
    0x1d, 0xcc, 0x4d, 0xe8, 0xde, 0xc7, 0x5d, 0x7a, 0xab, 0x85, 0xb5, 0x67, 0xb6, 0xcc, 0xd4, 0x1a,
    0xd3, 0x12, 0x45, 0x1b, 0x94, 0x8a, 0x74, 0x13, 0xf0, 0xa1, 0x42, 0xfd, 0x40, 0xd4, 0x93, 0x47};

#define EVM__GAS_PER_BLOB 131072u

static unsigned evm__blk_field_count(evm_fork f)
{
    return f >= EVM_PRAGUE ? 21 : f >= EVM_CANCUN ? 20 : f >= EVM_SHANGHAI ? 17 : f >= EVM_LONDON ? 16 : 15;
}

/* a gas limit within 1/1024 of the parent's (exclusive) and at least 5000 */
static bool evm__blk_gas_limit_ok(uint64_t gas_limit, uint64_t parent_limit)
{
    uint64_t delta = parent_limit / 1024;      /* the distance, so nothing wraps */
    uint64_t d = gas_limit >= parent_limit ? gas_limit - parent_limit : parent_limit - gas_limit;
    return d < delta && gas_limit >= 5000;
}

bool evm_block_base_fee(const evm_block_header *parent, uint64_t gas_limit, evm_u256 *out)
{
    if (!evm__blk_gas_limit_ok(gas_limit, parent->gas_limit))
        return false;
    uint64_t target = parent->gas_limit / 2;
    evm_u256 fee = parent->base_fee;
    if (target == 0 || parent->gas_used == target) {
        *out = fee;
        return true;
    }
    bool up = parent->gas_used > target;
    uint64_t d = up ? parent->gas_used - target : target - parent->gas_used;
    evm_u256 delta = evm_u256_div(evm_u256_mul(fee, evm_u256_from_u64(d)), evm_u256_from_u64(target));
    delta = evm_u256_div(delta, evm_u256_from_u64(8));
    if (up) {
        if (evm_u256_is_zero(&delta))
            delta = evm_u256_from_u64(1);
        *out = evm_u256_add(fee, delta);
    } else {
        *out = evm_u256_sub(fee, delta);
    }
    return true;
}

uint64_t evm_block_excess_blob_gas(const evm_block_rules *rules, const evm_block_header *parent)
{
    /* a parent from before Cancun counts as zero excess and zero use */
    bool has = parent->field_count >= 20;
    uint64_t excess = has ? parent->excess_blob_gas : 0, used = has ? parent->blob_gas_used : 0;
    uint64_t target = rules->blob.target * EVM__GAS_PER_BLOB;
    uint64_t sum = excess + used;
    if (sum < excess || sum < target)
        return 0;
    if (rules->fork >= EVM_OSAKA && rules->blob.max) {
        /* EIP-7918: while execution gas sets a higher price than the blobs do, the excess
           grows only by the share of use above the target */
        evm_u256 base = parent->field_count >= 16 ? parent->base_fee : evm_u256_from_u64(0);
        evm_u256 lhs = evm_u256_mul(evm_u256_from_u64(8192), base);
        evm_u256 rhs = evm_u256_mul(evm_u256_from_u64(EVM__GAS_PER_BLOB),
                                    evm_blob_base_fee(excess, rules->blob.update_fraction));
        if (evm_u256_lt(&rhs, &lhs))
            return excess + used * (rules->blob.max - rules->blob.target) / rules->blob.max;
    }
    return sum - target;
}

static evm_u256 evm__blk_difficulty(evm_fork fork, const evm_block_header *parent, const evm_block_header *h)
{
    evm_u256 pd = parent->difficulty, step = evm_u256_div(pd, evm_u256_from_u64(2048));
    uint64_t dt = h->timestamp - parent->timestamp;          /* > 0: checked before */
    int64_t factor;
    if (fork >= EVM_BYZANTIUM) {
        bool ommers = EVM_MEMCMP(parent->ommers_hash.bytes, evm__blk_empty_ommers, 32) != 0;
        int64_t q = dt / 9 > 1000 ? 1000 : (int64_t)(dt / 9);
        factor = (ommers ? 2 : 1) - q;
    } else if (fork >= EVM_HOMESTEAD) {
        int64_t q = dt / 10 > 1000 ? 1000 : (int64_t)(dt / 10);
        factor = 1 - q;
    } else {
        factor = dt < 13 ? 1 : -1;
    }
    if (factor < -99)
        factor = -99;
    evm_u256 d;
    if (factor >= 0) {
        d = evm_u256_add(pd, evm_u256_mul(step, evm_u256_from_u64((uint64_t)factor)));
    } else {
        evm_u256 down = evm_u256_mul(step, evm_u256_from_u64((uint64_t)-factor));
        d = evm_u256_lt(&pd, &down) ? evm_u256_from_u64(0) : evm_u256_sub(pd, down);
    }
    /* the difficulty bomb, delayed by Byzantium (3M), Constantinople (5M), Berlin (9M,
       Muir Glacier's), London (9.7M) */
    uint64_t delay = fork >= EVM_LONDON ? 9700000 : fork >= EVM_BERLIN ? 9000000
                   : fork >= EVM_CONSTANTINOPLE ? 5000000 : fork >= EVM_BYZANTIUM ? 3000000 : 0;
    if (h->number >= delay) {
        uint64_t periods = (h->number - delay) / 100000;
        if (periods >= 2 && periods - 2 < 256)
            d = evm_u256_add(d, evm_u256_shl(evm_u256_from_u64(periods - 2), evm_u256_from_u64(1)));
    }
    evm_u256 min = evm_u256_from_u64(131072);
    return evm_u256_lt(&d, &min) ? min : d;
}

evm_block_status evm_block_validate_header(const evm_chain_config *c, const evm_block_header *parent,
                                           const evm_block_header *h)
{
    evm_block_rules rules = evm_chain_rules(c, h->number, h->timestamp);
    evm_fork pf = evm_chain_rules(c, parent->number, parent->timestamp).fork;
    evm_fork fork = rules.fork;
    if (h->field_count != evm__blk_field_count(fork))
        return EVM_BLOCK_FORMAT;
    if (fork >= EVM_CANCUN && h->excess_blob_gas != evm_block_excess_blob_gas(&rules, parent))
        return EVM_BLOCK_EXCESS_BLOB_GAS;
    if (h->gas_used > h->gas_limit)
        return EVM_BLOCK_GAS_USED_ABOVE_LIMIT;
    if (fork >= EVM_LONDON) {
        evm_u256 want;
        if (pf < EVM_LONDON) {
            /* the first London block: its parent's limit counts as twice the target */
            uint64_t twice = parent->gas_limit > UINT64_MAX / 2 ? UINT64_MAX : parent->gas_limit * 2;
            if (!evm__blk_gas_limit_ok(h->gas_limit, twice))
                return EVM_BLOCK_GAS_LIMIT;
            want = evm_u256_from_u64(1000000000);
        } else if (!evm_block_base_fee(parent, h->gas_limit, &want)) {
            return EVM_BLOCK_GAS_LIMIT;
        }
        if (!evm_u256_eq(&want, &h->base_fee))
            return EVM_BLOCK_BASE_FEE;
    } else if (!evm__blk_gas_limit_ok(h->gas_limit, parent->gas_limit)) {
        return EVM_BLOCK_GAS_LIMIT;
    }
    if (h->timestamp <= parent->timestamp)
        return EVM_BLOCK_TIMESTAMP;
    if (h->number != parent->number + 1)
        return EVM_BLOCK_NUMBER;
    if (h->extra_data_size > 32)
        return EVM_BLOCK_EXTRA_DATA;
    if (fork >= EVM_PARIS) {
        static const uint8_t zero8[8] = {0};
        if (!evm_u256_is_zero(&h->difficulty))
            return EVM_BLOCK_DIFFICULTY;
        if (EVM_MEMCMP(h->nonce, zero8, 8) != 0)
            return EVM_BLOCK_NONCE;
        if (EVM_MEMCMP(h->ommers_hash.bytes, evm__blk_empty_ommers, 32) != 0)
            return EVM_BLOCK_OMMERS;
    } else {
        evm_u256 d = evm__blk_difficulty(fork, parent, h);
        if (!evm_u256_eq(&d, &h->difficulty))
            return EVM_BLOCK_DIFFICULTY;
    }
    if (EVM_MEMCMP(h->parent_hash.bytes, parent->hash.bytes, 32) != 0)
        return EVM_BLOCK_UNKNOWN_PARENT;
    return EVM_BLOCK_OK;
}

/* ---------------------------------------------------------------------------------
   Execution
   --------------------------------------------------------------------------------- */
void evm_block_bloom_add(uint8_t bloom[256], const evm_address *address, const evm_bytes32 *topics,
                         size_t topic_count)
{
    for (size_t k = 0; k <= topic_count; k++) {
        uint8_t h[32];
        if (k == 0)
            evm_keccak256(address->bytes, 20, h);
        else
            evm_keccak256(topics[k - 1].bytes, 32, h);
        for (int i = 0; i < 6; i += 2) {
            unsigned bit = ((unsigned)h[i] << 8 | h[i + 1]) & 2047u;
            bloom[255 - bit / 8] |= (uint8_t)(1u << (bit % 8));
        }
    }
}

bool evm_block_copy_state(evm_state *dst, const evm_state *src)
{
    evm_state_clear(dst);
    size_t it = 0;
    evm_address a;
    while (evm_state_next_account(src, &it, &a)) {
        evm_u256 bal = evm_state_balance(src, &a);
        size_t code_size = 0;
        const uint8_t *code = evm_state_code(src, &a, &code_size);
        if (!evm_state_create(dst, &a) || !evm_state_set_balance(dst, &a, &bal) ||
            !evm_state_set_nonce(dst, &a, evm_state_nonce(src, &a)) ||
            (code_size && !evm_state_set_code(dst, &a, code, code_size)))
            return false;
        size_t si = 0;
        evm_u256 k, v;
        while (evm_state_next_slot(src, &a, &si, &k, &v))
            if (!evm_state_set_storage(dst, &a, &k, &v))
                return false;
    }
    return true;
}

void evm_block_result_free(evm_block_result *r)
{
    if (r->request_data)
        evm_allocate(&r->allocator, r->request_data, 0);
    r->request_data = NULL;
    r->request_count = 0;
}

typedef struct evm__blk_run {
    evm_state *s;
    evm_vm *vm;
    const evm_block *b;
    evm_block_rules rules;
    evm_block_env env;
    evm_u256 blob_price;
    evm_block_result *r;
    const evm_block_hooks *hooks;
    evm__rlp_buf receipts;           /* the receipts, one after another */
    size_t *receipt_end;
    evm__rlp_buf deposits;           /* EIP-6110 request data */
    uint8_t *sys_out;                /* the last system call's output */
    size_t sys_out_size;
} evm__blk_run;

static const uint8_t evm__blk_system[20] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe};
static const uint8_t evm__blk_beacon_roots[20] = {
    0x00, 0x0F, 0x3d, 0xf6, 0xD7, 0x32, 0x80, 0x7E, 0xf1, 0x31,
    0x9f, 0xB7, 0xB8, 0xbB, 0x85, 0x22, 0xd0, 0xBe, 0xac, 0x02};
static const uint8_t evm__blk_history[20] = {
    0x00, 0x00, 0xF9, 0x08, 0x27, 0xF1, 0xC5, 0x3a, 0x10, 0xcb,
    0x7A, 0x02, 0x33, 0x5B, 0x17, 0x53, 0x20, 0x00, 0x29, 0x35};
static const uint8_t evm__blk_withdrawal_requests[20] = {
    0x00, 0x00, 0x09, 0x61, 0xEf, 0x48, 0x0E, 0xb5, 0x5e, 0x80,
    0xD1, 0x9a, 0xd8, 0x35, 0x79, 0xA6, 0x4c, 0x00, 0x70, 0x02};
static const uint8_t evm__blk_consolidations[20] = {
    0x00, 0x00, 0xBB, 0xdD, 0xc7, 0xCE, 0x48, 0x86, 0x42, 0xfb,
    0x57, 0x9F, 0x8B, 0x00, 0xf3, 0xa5, 0x90, 0x00, 0x72, 0x51};
static const uint8_t evm__blk_deposit_contract[20] = {
    0x00, 0x00, 0x00, 0x00, 0x21, 0x9a, 0xb5, 0x40, 0x35, 0x6c,
    0xbb, 0x83, 0x9c, 0xbe, 0x05, 0x30, 0x3d, 0x77, 0x05, 0xfa};
static const uint8_t evm__blk_deposit_topic[32] = {
    0x64, 0x9b, 0xbc, 0x62, 0xd0, 0xe3, 0x13, 0x42, 0xaf, 0xea, 0x4e, 0x5c, 0xd8, 0x2d, 0x40, 0x49,
    0xe7, 0xe1, 0xee, 0x91, 0x2f, 0xc0, 0x88, 0x9a, 0xa7, 0x90, 0x80, 0x3b, 0xe3, 0x90, 0x38, 0xc5};

/* A system call (EIP-4788, 2935, 7002, 7251): from the system address with 30M gas, no
   fee, no nonce, outside the block's gas. Unchecked: no code means nothing happens and
   a failure is ignored; checked: either makes the block invalid. */
static evm_block_status evm__blk_system_call(evm__blk_run *x, const uint8_t target[20], const uint8_t *data,
                                             size_t size, bool checked)
{
    evm_address to;
    EVM_MEMCPY(to.bytes, target, 20);
    x->sys_out_size = 0;
    size_t code_size = 0;
    evm_state_code(x->s, &to, &code_size);
    if (code_size == 0)
        return checked ? EVM_BLOCK_SYSTEM_CONTRACT_EMPTY : EVM_BLOCK_OK;
    evm_state_begin_transaction(x->s, x->rules.fork);
    evm_message m;
    EVM_MEMSET(&m, 0, sizeof m);
    m.kind = EVM_CALL;
    m.gas = 30000000;
    EVM_MEMCPY(m.sender.bytes, evm__blk_system, 20);
    m.recipient = m.code_address = to;
    m.input = data;
    m.input_size = size;
    evm_tx_context ctx;
    EVM_MEMSET(&ctx, 0, sizeof ctx);
    ctx.gas_price = x->env.base_fee;
    ctx.origin = m.sender;
    ctx.coinbase = x->env.coinbase;
    ctx.number = x->env.number;
    ctx.timestamp = x->env.timestamp;
    ctx.gas_limit = x->env.gas_limit > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)x->env.gas_limit;
    ctx.prevrandao = x->env.prevrandao;
    ctx.chain_id = x->env.chain_id;
    ctx.base_fee = x->env.base_fee;
    ctx.blob_base_fee = x->blob_price;
    evm_result res;
    evm_execute(x->vm, evm_state_active_host(x->s), x->s, x->rules.fork, &ctx, &m, &res);
    if (res.status >= EVM_OUT_OF_MEMORY || evm_state_failed(x->s)) {
        evm_state_revert(x->s, 0);
        evm_state_end_transaction(x->s);
        return EVM_BLOCK_OUT_OF_MEMORY;
    }
    if (!evm_state_end_transaction(x->s))
        return EVM_BLOCK_OUT_OF_MEMORY;
    if (res.status != EVM_SUCCESS)
        return checked ? EVM_BLOCK_SYSTEM_CALL_FAILED : EVM_BLOCK_OK;
    if (res.output_size) {
        uint8_t *p = (uint8_t *)evm_allocate(&x->r->allocator, x->sys_out, res.output_size);
        if (!p)
            return EVM_BLOCK_OUT_OF_MEMORY;
        x->sys_out = p;
        EVM_MEMCPY(p, res.output, res.output_size);
        x->sys_out_size = res.output_size;
    }
    return EVM_BLOCK_OK;
}

static uint64_t evm__blk_be_word_u64(const uint8_t *w)
{
    for (int i = 0; i < 24; i++)
        if (w[i])
            return UINT64_MAX;
    uint64_t v = 0;
    for (int i = 24; i < 32; i++)
        v = v << 8 | w[i];
    return v;
}

/* EIP-6110: the DepositEvent's ABI encoding, five dynamic byte strings at fixed offsets
   and sizes; the request is their contents concatenated (192 bytes) */
static evm_block_status evm__blk_deposit(evm__blk_run *x, const uint8_t *d, size_t n)
{
    static const uint64_t offset[5] = {160, 256, 320, 384, 512}, size[5] = {48, 32, 8, 96, 8};
    if (n != 576)
        return EVM_BLOCK_DEPOSIT_LAYOUT;
    for (int i = 0; i < 5; i++)
        if (evm__blk_be_word_u64(d + 32 * i) != offset[i])
            return EVM_BLOCK_DEPOSIT_LAYOUT;
    for (int i = 0; i < 5; i++)
        if (evm__blk_be_word_u64(d + offset[i]) != size[i])
            return EVM_BLOCK_DEPOSIT_LAYOUT;
    for (int i = 0; i < 5; i++) {
        uint8_t *o = evm__rlp_grow(&x->deposits, (size_t)size[i]);
        if (!o)
            return EVM_BLOCK_OUT_OF_MEMORY;
        EVM_MEMCPY(o, d + offset[i] + 32, (size_t)size[i]);
    }
    return EVM_BLOCK_OK;
}

/* The receipt of the transaction just run: its logs into the bloom and the deposits. */
static evm_block_status evm__blk_receipt(evm__blk_run *x, size_t i, const evm_tx_result *tr,
                                         uint64_t cumulative)
{
    evm__rlp_buf *b = &x->receipts;
    uint8_t bloom[256];
    EVM_MEMSET(bloom, 0, sizeof bloom);
    uint8_t type = x->b->txs[i].tx.type;
    if (type) {
        uint8_t *t = evm__rlp_grow(b, 1);
        if (t)
            *t = type;
    }
    size_t list = b->size;
    if (x->rules.fork >= EVM_BYZANTIUM) {
        uint8_t one = 1;
        evm__rlp_bytes(b, &one, tr->exec_status == EVM_SUCCESS ? 1 : 0);
    } else {
        /* before Byzantium a receipt holds the state root after the transaction */
        evm_bytes32 root;
        if (!evm_state_root(x->s, &root))
            return EVM_BLOCK_OUT_OF_MEMORY;
        evm__rlp_bytes(b, root.bytes, 32);
    }
    evm__rlp_u64(b, cumulative);
    size_t bloom_at = b->size;
    evm__rlp_bytes(b, bloom, 256);               /* filled in below */
    size_t logs = b->size;
    size_t n = evm_state_log_count(x->s);
    for (size_t k = 0; k < n; k++) {
        evm_state_log lg;
        if (!evm_state_get_log(x->s, k, &lg))
            break;                               /* k < count: cannot happen */
        evm_block_bloom_add(bloom, &lg.address, lg.topics, lg.topic_count);
        size_t one = b->size;
        evm__rlp_bytes(b, lg.address.bytes, 20);
        size_t topics = b->size;
        for (size_t t = 0; t < lg.topic_count; t++)
            evm__rlp_bytes(b, lg.topics[t].bytes, 32);
        evm__rlp_wrap_list(b, topics);
        evm__rlp_bytes(b, lg.data, lg.data_size);
        evm__rlp_wrap_list(b, one);
        if (x->rules.fork >= EVM_PRAGUE && EVM_MEMCMP(lg.address.bytes, evm__blk_deposit_contract, 20) == 0 &&
            lg.topic_count > 0 && EVM_MEMCMP(lg.topics[0].bytes, evm__blk_deposit_topic, 32) == 0) {
            evm_block_status ds = evm__blk_deposit(x, lg.data, lg.data_size);
            if (ds != EVM_BLOCK_OK)
                return ds;
        }
    }
    evm__rlp_wrap_list(b, logs);
    if (b->failed)
        return EVM_BLOCK_OUT_OF_MEMORY;
    /* before the list's header moves it: after the bloom's b9 01 00 prefix */
    EVM_MEMCPY(b->data + bloom_at + 3, bloom, 256);
    evm__rlp_wrap_list(b, list);
    if (b->failed)
        return EVM_BLOCK_OUT_OF_MEMORY;
    for (int k = 0; k < 256; k++)
        x->r->bloom[k] |= bloom[k];
    x->receipt_end[i] = b->size;
    return EVM_BLOCK_OK;
}

/* the trie of items keyed by rlp(index) */
static bool evm__blk_index_root(const evm_allocator *alloc, size_t n, const uint8_t *const *values,
                                const size_t *sizes, evm_bytes32 *root)
{
    if (n == 0)
        return evm_trie_root(NULL, 0, alloc, root);
    if (n > SIZE_MAX / (sizeof(evm_trie_item) + 9))
        return false;
    uint8_t *mem = (uint8_t *)evm_allocate(alloc, NULL, n * (sizeof(evm_trie_item) + 9));
    if (!mem)
        return false;
    evm_trie_item *items = (evm_trie_item *)(void *)mem;
    uint8_t *keys = mem + n * sizeof(evm_trie_item);
    for (size_t i = 0; i < n; i++) {
        uint8_t *k = keys + 9 * i;
        size_t kl;
        if (i == 0) {
            k[0] = 0x80;
            kl = 1;
        } else if (i < 0x80) {
            k[0] = (uint8_t)i;
            kl = 1;
        } else {
            size_t len = 0;
            for (uint64_t v = i; v; v >>= 8)
                len++;
            k[0] = (uint8_t)(0x80 + len);
            for (size_t j = 0; j < len; j++)
                k[1 + j] = (uint8_t)((uint64_t)i >> (8 * (len - 1 - j)));
            kl = 1 + len;
        }
        items[i].key = k;
        items[i].key_size = kl;
        items[i].value = values[i];
        items[i].value_size = sizes[i];
    }
    bool ok = evm_trie_root(items, n, alloc, root);
    evm_allocate(alloc, mem, 0);
    return ok;
}

/* The transaction layer's block environment, with the block's blob parameters (BPO
   forks and a test's config.blobSchedule included) */
static void evm__blk_env(evm_block_env *env, const evm_chain_config *c, const evm_block_header *h,
                         const evm_block_rules *rules)
{
    evm_fork fork = rules->fork;
    env->coinbase = h->coinbase;
    env->number = h->number;
    env->timestamp = h->timestamp;
    env->gas_limit = h->gas_limit;
    env->prevrandao = fork >= EVM_PARIS ? evm_u256_from_be(h->mix_hash.bytes, 32) : h->difficulty;
    env->base_fee = fork >= EVM_LONDON ? h->base_fee : evm_u256_from_u64(0);
    env->excess_blob_gas = h->excess_blob_gas;
    env->chain_id = c->chain_id;
    env->blob = rules->blob;
}

static evm_block_status evm__blk_body(evm__blk_run *x, uint64_t *blob_gas)
{
    const evm_block *b = x->b;
    const evm_block_header *h = &b->header;
    evm_fork fork = x->rules.fork;
    evm_block_result *r = x->r;
    evm_block_status st;

    if (fork >= EVM_CANCUN &&
        (st = evm__blk_system_call(x, evm__blk_beacon_roots, h->parent_beacon_root.bytes, 32, false)) != EVM_BLOCK_OK)
        return st;
    if (fork >= EVM_PRAGUE &&
        (st = evm__blk_system_call(x, evm__blk_history, h->parent_hash.bytes, 32, false)) != EVM_BLOCK_OK)
        return st;

    uint64_t gas_used = 0, max_blob_gas = x->rules.blob.max * EVM__GAS_PER_BLOB;
    for (size_t i = 0; i < b->tx_count; i++) {
        r->tx_index = i;
        evm_signed_tx t = b->txs[i];              /* a shallow copy for the sender */
        if (!evm_tx_recover_sender(&t, fork))
            return EVM_BLOCK_TX_SIGNATURE;
        if ((t.tx.type || t.eip155) && !evm_u256_eq(&t.chain_id, &x->env.chain_id))
            return EVM_BLOCK_TX_CHAIN_ID;
        if (t.tx.gas_limit > h->gas_limit - gas_used)
            return EVM_BLOCK_TX_GAS_ALLOWANCE;
        uint64_t tx_blob_gas = 0;
        if (fork >= EVM_CANCUN && t.tx.type == 3) {
            tx_blob_gas = (uint64_t)t.tx.blob_hash_count * EVM__GAS_PER_BLOB;
            if (t.tx.blob_hash_count > x->rules.blob.max || *blob_gas + tx_blob_gas > max_blob_gas)
                return EVM_BLOCK_BLOB_GAS_EXCEEDED;
        }
        evm_tx_result tr;
        if (x->hooks && x->hooks->before_tx)
            x->hooks->before_tx(x->hooks->user, x->s, &t.tx);
        evm_tx_status ts = evm_state_transact(x->s, x->vm, fork, &x->env, &t.tx, &tr);
        if (ts != EVM_TX_OK) {
            r->tx_status = ts;
            if (ts != EVM_TX_ABORTED)
                return EVM_BLOCK_TX_INVALID;
            return tr.exec_status == EVM_OUT_OF_MEMORY ? EVM_BLOCK_OUT_OF_MEMORY : EVM_BLOCK_ABORTED;
        }
        gas_used += tr.gas_used;
        *blob_gas += tx_blob_gas;
        if ((st = evm__blk_receipt(x, i, &tr, gas_used)) != EVM_BLOCK_OK)
            return st;
    }
    r->gas_used = gas_used;

    /* EIP-4895: withdrawals credit gwei; an account left empty is removed */
    for (size_t i = 0; i < b->withdrawal_count; i++) {
        const evm_withdrawal *w = &b->withdrawals[i];
        evm_u256 amount = evm_u256_mul(evm_u256_from_u64(w->amount), evm_u256_from_u64(1000000000));
        bool exists = evm_state_exists(x->s, &w->address);
        if (!exists && w->amount == 0)
            continue;
        evm_u256 bal = evm_u256_add(evm_state_balance(x->s, &w->address), amount);
        if (!evm_state_set_balance(x->s, &w->address, &bal))
            return EVM_BLOCK_OUT_OF_MEMORY;
        size_t cs = 0;
        evm_state_code(x->s, &w->address, &cs);
        if (evm_u256_is_zero(&bal) && evm_state_nonce(x->s, &w->address) == 0 && cs == 0 &&
            fork >= EVM_SPURIOUS_DRAGON)
            evm_state_delete_account(x->s, &w->address);
    }

    /* block and ommer rewards before the merge */
    if (fork < EVM_PARIS) {
        uint64_t eth = fork >= EVM_CONSTANTINOPLE ? 2 : fork >= EVM_BYZANTIUM ? 3 : 5;
        evm_u256 reward = evm_u256_mul(evm_u256_from_u64(eth), evm_u256_from_u64(1000000000000000000ull));
        evm_u256 mine = evm_u256_add(reward, evm_u256_mul(evm_u256_div(reward, evm_u256_from_u64(32)),
                                                         evm_u256_from_u64(b->ommer_count)));
        evm_u256 bal = evm_u256_add(evm_state_balance(x->s, &h->coinbase), mine);
        if (!evm_state_set_balance(x->s, &h->coinbase, &bal))
            return EVM_BLOCK_OUT_OF_MEMORY;
        for (size_t i = 0; i < b->ommer_count; i++) {
            const evm_block_header *o = &b->ommers[i];
            uint64_t k = o->number + 8 - h->number;   /* 1..7 for a valid ommer */
            evm_u256 part = evm_u256_div(evm_u256_mul(evm_u256_from_u64(k), reward), evm_u256_from_u64(8));
            evm_u256 ob = evm_u256_add(evm_state_balance(x->s, &o->coinbase), part);
            if (!evm_state_set_balance(x->s, &o->coinbase, &ob))
                return EVM_BLOCK_OUT_OF_MEMORY;
        }
    }

    /* EIP-7685 requests: deposits from the logs, then the two checked system calls */
    if (fork >= EVM_PRAGUE) {
        if (x->deposits.failed)
            return EVM_BLOCK_OUT_OF_MEMORY;
        size_t total = x->deposits.size;
        uint8_t *outs[2] = {NULL, NULL};
        size_t sizes[2] = {0, 0};
        const uint8_t *targets[2] = {evm__blk_withdrawal_requests, evm__blk_consolidations};
        for (int k = 0; k < 2; k++) {
            if ((st = evm__blk_system_call(x, targets[k], NULL, 0, true)) != EVM_BLOCK_OK) {
                if (outs[0])
                    evm_allocate(&r->allocator, outs[0], 0);
                return st;
            }
            outs[k] = x->sys_out;
            sizes[k] = x->sys_out_size;
            x->sys_out = NULL;
            x->sys_out_size = 0;
            total += sizes[k];
        }
        uint8_t *all = total ? (uint8_t *)evm_allocate(&r->allocator, NULL, total) : NULL;
        if (total && !all) {
            for (int k = 0; k < 2; k++)
                if (outs[k])
                    evm_allocate(&r->allocator, outs[k], 0);
            return EVM_BLOCK_OUT_OF_MEMORY;
        }
        r->request_data = all;
        size_t at = 0;
        const uint8_t *srcs[3] = {x->deposits.data, outs[0], outs[1]};
        size_t lens[3] = {x->deposits.size, sizes[0], sizes[1]};
        uint8_t outer[32 * 3];
        size_t outer_n = 0;
        for (int k = 0; k < 3; k++) {
            if (lens[k] == 0)
                continue;
            EVM_MEMCPY(all + at, srcs[k], lens[k]);
            evm_block_request *q = &r->requests[r->request_count++];
            q->type = (uint8_t)k;
            q->data = all + at;
            q->size = lens[k];
            at += lens[k];
            /* sha256(type || data), without copying data next to its type */
            uint8_t *tmp = (uint8_t *)evm_allocate(&r->allocator, NULL, lens[k] + 1);
            if (!tmp) {
                for (int j = 0; j < 2; j++)
                    if (outs[j])
                        evm_allocate(&r->allocator, outs[j], 0);
                return EVM_BLOCK_OUT_OF_MEMORY;
            }
            tmp[0] = (uint8_t)k;
            EVM_MEMCPY(tmp + 1, srcs[k], lens[k]);
            evm_sha256(tmp, lens[k] + 1, outer + outer_n);
            evm_allocate(&r->allocator, tmp, 0);
            outer_n += 32;
        }
        for (int k = 0; k < 2; k++)
            if (outs[k])
                evm_allocate(&r->allocator, outs[k], 0);
        evm_sha256(outer, outer_n, r->requests_hash.bytes);
    }
    return EVM_BLOCK_OK;
}

evm_block_status evm_block_execute(evm_state *s, evm_vm *vm, const evm_chain_config *c,
                                   const evm_block_header *parent, const evm_block *b, evm_block_result *r)
{
    return evm_block_execute_hooked(s, vm, c, parent, b, r, NULL);
}

evm_block_status evm_block_execute_hooked(evm_state *s, evm_vm *vm, const evm_chain_config *c,
                                          const evm_block_header *parent, const evm_block *b,
                                          evm_block_result *r, const evm_block_hooks *hooks)
{
    bool keep = hooks && hooks->keep_state;
    const evm_block_header *h = &b->header;
    EVM_MEMSET(r, 0, sizeof *r);
    r->allocator = s->allocator;
    evm_block_rules rules = evm_chain_rules(c, h->number, h->timestamp);
    evm_fork fork = rules.fork;
    evm_block_status st = EVM_BLOCK_OK;

    if (fork >= EVM_OSAKA && b->rlp_size > 8388608)          /* EIP-7934: 10 MiB - 2 MiB */
        st = EVM_BLOCK_RLP_TOO_LARGE;
    if (!st)
        st = evm_block_validate_header(c, parent, h);
    if (!st && b->has_withdrawals != (fork >= EVM_SHANGHAI))
        st = EVM_BLOCK_FORMAT;
    if (!st && (EVM_MEMCMP(b->ommers_list_hash.bytes, h->ommers_hash.bytes, 32) != 0 ||
                b->ommer_count > 2 || (fork >= EVM_PARIS && b->ommer_count)))
        st = EVM_BLOCK_OMMERS;
    if (!st)
        for (size_t i = 0; i < b->ommer_count; i++) {
            /* an ommer is 1 to 6 generations older, included once */
            uint64_t o = b->ommers[i].number;
            if (o >= h->number || h->number - o > 6)
                st = EVM_BLOCK_OMMERS;
            for (size_t k = 0; k < i; k++)
                if (EVM_MEMCMP(b->ommers[k].hash.bytes, b->ommers[i].hash.bytes, 32) == 0)
                    st = EVM_BLOCK_OMMERS;
        }
    if (st) {
        r->status = st;
        return st;
    }

    evm_state backup;
    evm_state_init(&backup, &s->allocator);
    if (!keep && !evm_block_copy_state(&backup, s)) {
        evm_state_destroy(&backup);
        r->status = EVM_BLOCK_OUT_OF_MEMORY;
        return EVM_BLOCK_OUT_OF_MEMORY;
    }

    evm__blk_run x;
    EVM_MEMSET(&x, 0, sizeof x);
    x.s = s;
    x.vm = vm;
    x.b = b;
    x.r = r;
    x.hooks = hooks;
    x.rules = rules;
    x.receipts.alloc = &r->allocator;
    x.deposits.alloc = &r->allocator;
    evm__blk_env(&x.env, c, h, &rules);
    x.blob_price = fork >= EVM_CANCUN ? evm_blob_base_fee(h->excess_blob_gas, rules.blob.update_fraction)
                                      : evm_u256_from_u64(0);
    uint64_t blob_gas = 0;
    if (b->tx_count && !(x.receipt_end = (size_t *)evm_allocate(&r->allocator, NULL, b->tx_count * sizeof(size_t))))
        st = EVM_BLOCK_OUT_OF_MEMORY;
    if (!st)
        st = evm__blk_body(&x, &blob_gas);
    r->blob_gas_used = blob_gas;

    /* the roots, compared in execution-specs' order */
    if (!st) {
        const uint8_t **vals = NULL;
        size_t *sizes = NULL;
        size_t n = b->tx_count > b->withdrawal_count ? b->tx_count : b->withdrawal_count;
        if (n) {
            vals = (const uint8_t **)evm_allocate(&r->allocator, NULL, n * sizeof *vals);
            sizes = (size_t *)evm_allocate(&r->allocator, NULL, n * sizeof *sizes);
        }
        if (n && (!vals || !sizes))
            st = EVM_BLOCK_OUT_OF_MEMORY;
        if (!st && !evm__blk_index_root(&r->allocator, b->tx_count, b->tx_raw, b->tx_raw_size, &r->tx_root))
            st = EVM_BLOCK_OUT_OF_MEMORY;
        if (!st) {
            for (size_t i = 0; i < b->tx_count; i++) {
                size_t from = i ? x.receipt_end[i - 1] : 0;
                vals[i] = x.receipts.data + from;
                sizes[i] = x.receipt_end[i] - from;
            }
            if (!evm__blk_index_root(&r->allocator, b->tx_count, vals, sizes, &r->receipts_root))
                st = EVM_BLOCK_OUT_OF_MEMORY;
        }
        evm__rlp_buf wb;
        EVM_MEMSET(&wb, 0, sizeof wb);
        wb.alloc = &r->allocator;
        if (!st && b->has_withdrawals) {
            size_t *ends = sizes;
            for (size_t i = 0; i < b->withdrawal_count; i++) {
                const evm_withdrawal *w = &b->withdrawals[i];
                size_t start = wb.size;
                evm__rlp_u64(&wb, w->index);
                evm__rlp_u64(&wb, w->validator);
                evm__rlp_bytes(&wb, w->address.bytes, 20);
                evm__rlp_u64(&wb, w->amount);
                evm__rlp_wrap_list(&wb, start);
                ends[i] = wb.size;
            }
            if (wb.failed)
                st = EVM_BLOCK_OUT_OF_MEMORY;
            for (size_t i = b->withdrawal_count; !st && i-- > 0;) {
                size_t from = i ? ends[i - 1] : 0;
                vals[i] = wb.data + from;
                sizes[i] = ends[i] - from;
            }
            if (!st && !evm__blk_index_root(&r->allocator, b->withdrawal_count, vals, sizes, &r->withdrawals_root))
                st = EVM_BLOCK_OUT_OF_MEMORY;
        }
        if (wb.data)
            evm_allocate(&r->allocator, wb.data, 0);
        if (vals)
            evm_allocate(&r->allocator, (void *)vals, 0);
        if (sizes)
            evm_allocate(&r->allocator, sizes, 0);
        if (!st && hooks && hooks->state_root) {
            if (!hooks->state_root(hooks->user, s, &r->state_root))
                st = EVM_BLOCK_ABORTED;
        } else if (!st && !evm_state_root(s, &r->state_root)) {
            st = EVM_BLOCK_OUT_OF_MEMORY;
        }
    }
    if (!st) {
        if (r->gas_used != h->gas_used)
            st = EVM_BLOCK_GAS_USED;
        else if (EVM_MEMCMP(r->tx_root.bytes, h->tx_root.bytes, 32) != 0)
            st = EVM_BLOCK_TX_ROOT;
        else if (EVM_MEMCMP(r->state_root.bytes, h->state_root.bytes, 32) != 0)
            st = EVM_BLOCK_STATE_ROOT;
        else if (EVM_MEMCMP(r->receipts_root.bytes, h->receipts_root.bytes, 32) != 0)
            st = EVM_BLOCK_RECEIPTS_ROOT;
        else if (EVM_MEMCMP(r->bloom, h->bloom, 256) != 0)
            st = EVM_BLOCK_BLOOM;
        else if (fork >= EVM_SHANGHAI &&
                 EVM_MEMCMP(r->withdrawals_root.bytes, h->withdrawals_root.bytes, 32) != 0)
            st = EVM_BLOCK_WITHDRAWALS_ROOT;
        else if (fork >= EVM_CANCUN && r->blob_gas_used != h->blob_gas_used)
            st = EVM_BLOCK_BLOB_GAS_USED;
        else if (fork >= EVM_PRAGUE && EVM_MEMCMP(r->requests_hash.bytes, h->requests_hash.bytes, 32) != 0)
            st = EVM_BLOCK_REQUESTS_HASH;
    }
    if (x.receipt_end)
        evm_allocate(&r->allocator, x.receipt_end, 0);
    if (x.receipts.data)
        evm_allocate(&r->allocator, x.receipts.data, 0);
    if (x.deposits.data)
        evm_allocate(&r->allocator, x.deposits.data, 0);
    if (x.sys_out)
        evm_allocate(&r->allocator, x.sys_out, 0);
    if (st && !keep) {
        /* an invalid block changes nothing: the copy becomes the state (a swap, so that
           putting it back needs no allocation), keeping the caller's callbacks */
        evm_state used = *s;
        *s = backup;
        s->block_hash = used.block_hash;
        s->block_hash_user = used.block_hash_user;
        s->precompile = used.precompile;
        s->precompile_user = used.precompile_user;
        s->host = used.host;
        s->host_user = used.host_user;
        backup = used;
    }
    if (st) {
        evm_block_result_free(r);
    }
    evm_state_destroy(&backup);
    r->status = st;
    return st;
}

#endif /* EVM_IMPLEMENTATION */
