/* evm.h - a header-only Ethereum Virtual Machine in C.

   USAGE
     In exactly one C file:
         #define EVM_IMPLEMENTATION
         #include "evm.h"
     Everywhere else just #include "evm.h". The files evm_memory.h, evm_arena.h and
     evm_gas_table.h must sit beside it; evm.h includes them.

     evm_vm vm;
     evm_vm_init(&vm, NULL);                      // zero desc = malloc-backed, no tracer
     evm_message msg = {0};
     msg.kind = EVM_CALL; msg.gas = 1000000; msg.recipient = addr; msg.code_address = addr;
     evm_result r;
     evm_execute(&vm, &my_host, my_ctx, EVM_CANCUN, &tx_ctx, &msg, &r);
     evm_vm_destroy(&vm);

   WHAT IT DOES
     evm_execute runs one message (a call or a contract creation) with all of its nested
     calls and creates, under the gas rules of any fork from Frontier to Cancun. Nested
     calls run on an explicit frame stack: the C stack does not grow with call depth.
     World state is reached only through the host interface (evm_host): a table of
     callbacks plus a context pointer. evm_state.h is a ready-made in-memory host.

   MEMORY
     Each frame takes one block from a LIFO arena (evm_arena.h) for its stack and code
     analysis; EVM memory, the only growable part, comes from the allocator hook
     (evm_memory.h). The interpreter loop itself never allocates. The arena can live in a
     buffer you give (no allocator call at all for frames) or grow from the allocator.
     Out of arena or allocator failure ends the execution with EVM_ARENA_EXHAUSTED or
     EVM_OUT_OF_MEMORY: not a consensus outcome, the host must discard the state changes.

   CONFIGURATION (define before including)
     EVM_IMPLEMENTATION   emit the implementation in this translation unit
     EVM_NO_STDLIB        freestanding: include only <stdint.h>, <stddef.h>, <stdbool.h>;
                          you must then define EVM_MEMCPY, EVM_MEMSET, EVM_MEMMOVE,
                          EVM_MEMCMP (or accept the byte-loop fallbacks) and pass an
                          allocator in evm_vm_desc (or use a static arena and code that
                          never grows memory)
     EVM_MEMCPY(d,s,n) EVM_MEMMOVE(d,s,n) EVM_MEMSET(d,c,n) EVM_MEMCMP(a,b,n)
                          override the string functions
     EVM_ASSERT(c)        debug assertions (default: assert() unless NDEBUG or EVM_NO_STDLIB)
     EVM_NO_INT128        use the portable 32x32->64 arithmetic even where the compiler
                          has unsigned __int128
     EVM_NO_COMPUTED_GOTO dispatch with a switch even on gcc/clang
     EVM_API              storage class of the public functions (default: extern)

   LICENSE
     MIT. See the end of the file.
*/
#ifndef EVM_H
#define EVM_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#ifndef EVM_API
#define EVM_API extern
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------
   Basic types
   --------------------------------------------------------------------------------- */

/* A 256-bit EVM word: four 64-bit limbs, least significant first (w[0]).
   Byte arrays are never punned into words: conversions go through evm_u256_from_be /
   evm_u256_to_be, so the code is endianness-independent. */
typedef struct evm_u256 { uint64_t w[4]; } evm_u256;

typedef struct evm_address { uint8_t bytes[20]; } evm_address;  /* big-endian, as on chain */
typedef struct evm_bytes32 { uint8_t bytes[32]; } evm_bytes32;  /* hashes, log topics */

/* Forks (hard-fork revisions). The gas schedule and the instruction set are chosen at run
   time from this value. Names follow the state tests; EVM_PETERSBURG is "ConstantinopleFix",
   EVM_TANGERINE_WHISTLE is "EIP150", EVM_SPURIOUS_DRAGON is "EIP158", EVM_PARIS is "Merge". */
typedef enum evm_fork {
    EVM_FRONTIER = 0,
    EVM_HOMESTEAD,
    EVM_TANGERINE_WHISTLE,
    EVM_SPURIOUS_DRAGON,
    EVM_BYZANTIUM,
    EVM_CONSTANTINOPLE,
    EVM_PETERSBURG,
    EVM_ISTANBUL,
    EVM_BERLIN,
    EVM_LONDON,
    EVM_PARIS,
    EVM_SHANGHAI,
    EVM_CANCUN,
    EVM_FORK_COUNT
} evm_fork;

/* Outcome of a message. Values up to EVM_PRECOMPILE_FAILURE are consensus outcomes.
   The halts (EVM_OUT_OF_GAS .. EVM_PRECOMPILE_FAILURE) consume all gas of the frame and
   revert its state changes. The values from EVM_OUT_OF_MEMORY on are not consensus
   outcomes: the execution could not be completed on this machine, and the host must throw
   away every state change of the message. */
typedef enum evm_status {
    EVM_SUCCESS = 0,
    EVM_REVERT,                      /* REVERT: state reverted, unused gas returned */
    EVM_OUT_OF_GAS,
    EVM_STACK_UNDERFLOW,
    EVM_STACK_OVERFLOW,
    EVM_UNDEFINED_INSTRUCTION,       /* opcode not defined in this fork */
    EVM_INVALID_INSTRUCTION,         /* the designated INVALID (0xFE) */
    EVM_BAD_JUMP_DESTINATION,
    EVM_STATIC_MODE_VIOLATION,       /* state change inside STATICCALL */
    EVM_INVALID_MEMORY_ACCESS,       /* RETURNDATACOPY beyond the return data */
    EVM_CALL_DEPTH_EXCEEDED,         /* only reported for a top-level message at depth > 1024 */
    EVM_INSUFFICIENT_BALANCE,        /* only reported for a top-level message; nothing ran */
    EVM_CREATE_COLLISION,            /* CREATE/CREATE2 target already has code or nonce */
    EVM_CONTRACT_VALIDATION_FAILURE, /* EIP-3541: deployed code starts with 0xEF */
    EVM_CODE_SIZE_EXCEEDED,          /* EIP-170: deployed code over 24576 bytes */
    EVM_INITCODE_SIZE_EXCEEDED,      /* EIP-3860: init code over 49152 bytes */
    EVM_PRECOMPILE_FAILURE,          /* invalid precompile input */
    /* not consensus outcomes: */
    EVM_OUT_OF_MEMORY,               /* the allocator returned NULL */
    EVM_ARENA_EXHAUSTED,             /* no room in the frame arena for one more frame */
    EVM_UNSUPPORTED_PRECOMPILE,      /* the host has no implementation of a precompile */
    EVM_INVALID_ARGUMENT,            /* the caller passed something impossible */
    EVM_STATUS_COUNT
} evm_status;

/* realloc-like allocator hook: ptr NULL = allocate, size 0 = free (returns NULL),
   otherwise resize keeping the contents. Return NULL on failure; never abort. */
typedef void *(*evm_realloc_fn)(void *user, void *ptr, size_t size);
typedef struct evm_allocator {
    evm_realloc_fn realloc;   /* NULL = the C library's realloc/free (hosted builds only) */
    void *user;
} evm_allocator;

/* ---------------------------------------------------------------------------------
   Host interface
   ---------------------------------------------------------------------------------
   Everything the interpreter knows about the world comes through these callbacks; every
   gas rule stays in the interpreter. All mutations must be journaled by the host so that
   revert(snapshot()) undoes them: balances, nonces, code, storage, transient storage,
   accounts created, warm sets, logs, self-destruct registrations and EIP-161 touches.
   Pointers passed in are only valid during the callback; evm_u256 storage keys and
   values are plain numbers (convert with evm_u256_to_be for hashing). */
typedef enum evm_precompile_status {
    EVM_PRECOMPILE_NONE = 0,         /* not a precompile at this fork: run the account's code */
    EVM_PRECOMPILE_OK,               /* ran; gas_used and output set */
    EVM_PRECOMPILE_OUT_OF_GAS,       /* all gas consumed */
    EVM_PRECOMPILE_ERROR,            /* invalid input: all gas consumed */
    EVM_PRECOMPILE_UNSUPPORTED,      /* a precompile the host cannot compute: aborts execution */
    EVM_PRECOMPILE_NO_MEMORY         /* allocation failed: aborts execution */
} evm_precompile_status;

typedef struct evm_precompile_result {
    int64_t gas_used;
    const uint8_t *output;           /* owned by the host, valid until its next callback */
    size_t output_size;
} evm_precompile_result;

typedef struct evm_host {
    /* -- reads -------------------------------------------------------------------- */
    /* true if the account is in the state, even if empty (nonce 0, balance 0, no code) */
    bool (*account_exists)(void *ctx, const evm_address *addr);
    void (*get_balance)(void *ctx, const evm_address *addr, evm_u256 *balance);
    uint64_t (*get_nonce)(void *ctx, const evm_address *addr);
    /* the code of an account (size 0 and any pointer for none); valid until the next
       host callback: the interpreter copies what it keeps */
    const uint8_t *(*get_code)(void *ctx, const evm_address *addr, size_t *size);
    /* keccak-256 of the account's code; called only for accounts that exist and are not
       empty (the interpreter answers 0 for the others) */
    void (*get_code_hash)(void *ctx, const evm_address *addr, evm_bytes32 *hash);
    void (*get_storage)(void *ctx, const evm_address *addr, const evm_u256 *key, evm_u256 *value);
    /* value of the slot at the start of the transaction (EIP-1283/2200 SSTORE gas) */
    void (*get_original_storage)(void *ctx, const evm_address *addr, const evm_u256 *key,
                                 evm_u256 *value);
    void (*get_transient)(void *ctx, const evm_address *addr, const evm_u256 *key, evm_u256 *value);
    /* hash of block `number`; the interpreter has already checked the 256-block window */
    void (*get_block_hash)(void *ctx, uint64_t number, evm_bytes32 *hash);

    /* -- EIP-2929 warm sets: mark warm, return true if it was warm already ------------ */
    bool (*access_account)(void *ctx, const evm_address *addr);
    bool (*access_storage)(void *ctx, const evm_address *addr, const evm_u256 *key);

    /* -- writes: return false only if the host ran out of memory ----------------------- */
    bool (*set_storage)(void *ctx, const evm_address *addr, const evm_u256 *key, const evm_u256 *value);
    bool (*set_transient)(void *ctx, const evm_address *addr, const evm_u256 *key, const evm_u256 *value);
    bool (*set_nonce)(void *ctx, const evm_address *addr, uint64_t nonce);
    bool (*set_code)(void *ctx, const evm_address *addr, const uint8_t *code, size_t size);
    /* move value (<= balance of from, checked by the interpreter) from one account to
       another, creating `to` if absent. A zero value still creates/touches `to` (EIP-161
       deletes touched empty accounts at the end of the transaction from Spurious Dragon
       on). from == to changes no balance but touches. */
    bool (*transfer)(void *ctx, const evm_address *from, const evm_address *to, const evm_u256 *value);
    /* a contract is being created at addr (collision already excluded): create the
       account if absent keeping any balance it has, clear its storage, and remember
       that it was created in this transaction (EIP-6780) */
    bool (*create_account)(void *ctx, const evm_address *addr);
    /* SELFDESTRUCT of addr in favour of beneficiary (gas already charged): move the whole
       balance of addr to beneficiary; before Cancun, or if addr was created in this
       transaction, also register addr for deletion at the end of the transaction and
       leave it with a zero balance (so a self-beneficiary burns the balance). From
       Cancun, for an account not created in this transaction, only the balance moves
       (to itself: nothing happens). Returns true if addr was not registered before
       (the pre-London refund is given only then). */
    bool (*selfdestruct)(void *ctx, const evm_address *addr, const evm_address *beneficiary);
    bool (*emit_log)(void *ctx, const evm_address *addr, const evm_bytes32 *topics, size_t topic_count,
                     const uint8_t *data, size_t data_size);

    /* -- journal ---------------------------------------------------------------------- */
    /* a snapshot id (the journal length); revert undoes everything after it */
    uint32_t (*snapshot)(void *ctx);
    void (*revert)(void *ctx, uint32_t snapshot);

    /* -- precompiles (may be NULL: no precompiles) -------------------------------------
       Called for every CALL-kind message before the target's code is loaded, after the
       value transfer. Return EVM_PRECOMPILE_NONE for addresses that are not precompiles
       at this fork. */
    evm_precompile_status (*precompile)(void *ctx, evm_fork fork, const evm_address *addr,
                                        const uint8_t *input, size_t input_size, int64_t gas,
                                        evm_precompile_result *result);
} evm_host;

/* ---------------------------------------------------------------------------------
   Transaction and block context (constant during a transaction)
   --------------------------------------------------------------------------------- */
typedef struct evm_tx_context {
    evm_u256 gas_price;              /* effective gas price (GASPRICE) */
    evm_address origin;
    evm_address coinbase;
    uint64_t number;
    uint64_t timestamp;
    int64_t gas_limit;               /* block gas limit */
    evm_u256 prevrandao;             /* DIFFICULTY before Paris, PREVRANDAO after */
    evm_u256 chain_id;
    evm_u256 base_fee;
    evm_u256 blob_base_fee;
    const evm_bytes32 *blob_hashes;  /* EIP-4844 versioned hashes of the transaction */
    size_t blob_hashes_count;
} evm_tx_context;

/* ---------------------------------------------------------------------------------
   Messages and results
   --------------------------------------------------------------------------------- */
typedef enum evm_call_kind {
    EVM_CALL = 0,
    EVM_DELEGATECALL,
    EVM_CALLCODE,
    EVM_CREATE,
    EVM_CREATE2
} evm_call_kind;

typedef struct evm_message {
    evm_call_kind kind;
    bool is_static;                  /* STATICCALL context: no state changes allowed */
    int32_t depth;                   /* 0 for a transaction's message */
    int64_t gas;
    evm_address recipient;           /* the executing account (storage, ADDRESS); for a
                                        create: the new contract's address, computed by
                                        the caller (evm_create_address) */
    evm_address sender;              /* CALLER */
    evm_address code_address;        /* whose code runs (calls only) */
    evm_u256 value;                  /* CALLVALUE; transferred except for DELEGATECALL */
    const uint8_t *input;            /* call data; for a create: the init code */
    size_t input_size;
    /* Optional: run this code instead of the code stored at code_address (a call only).
       Used by `evm run` and by tests; NULL means load it through the host. */
    const uint8_t *code;
    size_t code_size;
} evm_message;

typedef struct evm_result {
    evm_status status;
    int64_t gas_left;                /* 0 after a halt */
    int64_t gas_refund;              /* refund counter (uncapped; the cap is the caller's) */
    const uint8_t *output;           /* return or revert data; owned by the vm, valid until
                                        the next evm_execute or evm_vm_destroy */
    size_t output_size;
    evm_address create_address;      /* for a successful create */
} evm_result;

/* ---------------------------------------------------------------------------------
   Tracer (optional): called before every instruction
   --------------------------------------------------------------------------------- */
typedef struct evm_step {
    uint32_t pc;
    uint8_t opcode;
    int32_t depth;                   /* EIP-3155 depth: 1 for the outermost frame */
    int64_t gas;                     /* gas left before the instruction */
    int64_t gas_cost;                /* its static cost */
    int64_t refund;
    const evm_u256 *stack;           /* bottom first */
    int32_t stack_size;
    size_t memory_size;              /* bytes */
    const uint8_t *memory;
    size_t return_data_size;
    const uint8_t *return_data;
} evm_step;
typedef void (*evm_tracer_fn)(void *user, const evm_step *step);

#include "evm_gas_table.h"
#include "evm_memory.h"
#include "evm_arena.h"

/* ---------------------------------------------------------------------------------
   The virtual machine: reusable across executions, one per thread.
   --------------------------------------------------------------------------------- */
typedef struct evm_vm_desc {         /* the zero value is a sane default */
    evm_allocator allocator;         /* memory growth, return data, a growing arena */
    void *arena_buffer;              /* frame arena in this buffer: no allocation for frames */
    size_t arena_size;
    size_t arena_limit;              /* cap on a growing arena in bytes (0 = no cap) */
    evm_tracer_fn tracer;
    void *tracer_user;
} evm_vm_desc;

struct evm__frame;
typedef struct evm_vm {
    evm_allocator allocator;
    evm_arena arena;
    evm_tracer_fn tracer;
    void *tracer_user;
    evm_buffer_pool pool;            /* reused memory / return-data buffers */
    evm_buffer output;               /* the last result's output */
    /* set during evm_execute */
    const evm_host *host;
    void *host_ctx;
    const evm_tx_context *tx;
    evm_fork fork;
} evm_vm;

EVM_API evm_status evm_vm_init(evm_vm *vm, const evm_vm_desc *desc);   /* desc may be NULL */
EVM_API void evm_vm_destroy(evm_vm *vm);

/* Run a message and all nested calls. For a call: take a snapshot, transfer the value,
   run a precompile or the code, revert on failure. For a create: the caller has already
   computed msg->recipient and bumped the sender's nonce; evm_execute checks collision,
   creates the account, transfers the value, runs the init code and deploys its output.
   Returns result->status. */
EVM_API evm_status evm_execute(evm_vm *vm, const evm_host *host, void *host_ctx, evm_fork fork,
                               const evm_tx_context *tx, const evm_message *msg, evm_result *result);

/* ---------------------------------------------------------------------------------
   Helpers
   --------------------------------------------------------------------------------- */
EVM_API const char *evm_status_name(evm_status s);
EVM_API const char *evm_fork_name(evm_fork f);         /* state-test names: "Cancun", ... */
EVM_API bool evm_fork_from_name(const char *name, evm_fork *out); /* accepts aliases */
EVM_API const char *evm_opcode_name(uint8_t op);       /* "ADD", ...; NULL if never defined */

EVM_API void evm_keccak256(const uint8_t *data, size_t size, uint8_t out[32]);
/* address of CREATE (rlp([sender, nonce])) and CREATE2 (0xff ++ sender ++ salt ++ keccak(init)) */
EVM_API void evm_create_address(const evm_address *sender, uint64_t nonce, evm_address *out);
EVM_API void evm_create2_address(const evm_address *sender, const evm_bytes32 *salt,
                                 const uint8_t *init_code, size_t init_code_size, evm_address *out);

/* 256-bit arithmetic, as the opcodes define it (division by zero gives zero). */
EVM_API evm_u256 evm_u256_from_u64(uint64_t v);
EVM_API evm_u256 evm_u256_from_be(const uint8_t *bytes, size_t size);   /* size <= 32 */
EVM_API void evm_u256_to_be(const evm_u256 *v, uint8_t out[32]);
EVM_API bool evm_u256_is_zero(const evm_u256 *a);
EVM_API bool evm_u256_eq(const evm_u256 *a, const evm_u256 *b);
EVM_API bool evm_u256_lt(const evm_u256 *a, const evm_u256 *b);
EVM_API evm_u256 evm_u256_add(evm_u256 a, evm_u256 b);
EVM_API evm_u256 evm_u256_sub(evm_u256 a, evm_u256 b);
EVM_API evm_u256 evm_u256_mul(evm_u256 a, evm_u256 b);
EVM_API evm_u256 evm_u256_div(evm_u256 a, evm_u256 b);
EVM_API evm_u256 evm_u256_sdiv(evm_u256 a, evm_u256 b);
EVM_API evm_u256 evm_u256_mod(evm_u256 a, evm_u256 b);
EVM_API evm_u256 evm_u256_smod(evm_u256 a, evm_u256 b);
EVM_API evm_u256 evm_u256_addmod(evm_u256 a, evm_u256 b, evm_u256 m);
EVM_API evm_u256 evm_u256_mulmod(evm_u256 a, evm_u256 b, evm_u256 m);
EVM_API evm_u256 evm_u256_exp(evm_u256 base, evm_u256 exponent);
EVM_API evm_u256 evm_u256_signextend(evm_u256 byte_index, evm_u256 x);
EVM_API evm_u256 evm_u256_byte(evm_u256 index, evm_u256 x);
EVM_API evm_u256 evm_u256_shl(evm_u256 shift, evm_u256 x);
EVM_API evm_u256 evm_u256_shr(evm_u256 shift, evm_u256 x);
EVM_API evm_u256 evm_u256_sar(evm_u256 shift, evm_u256 x);
EVM_API bool evm_u256_slt(const evm_u256 *a, const evm_u256 *b);

#ifdef __cplusplus
}
#endif
#endif /* EVM_H */
