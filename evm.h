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
     calls and creates, under the gas rules of any fork from Frontier to Osaka. Nested
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
     EVM_NO_STDLIB        freestanding: every header of the library (the optional ones
                          too) includes only <stdint.h>, <stddef.h>, <stdbool.h>, calls
                          no C library or OS function and keeps no mutable global state.
                          The string functions fall back to byte loops unless you define
                          EVM_MEMCPY, EVM_MEMSET, EVM_MEMMOVE, EVM_MEMCMP; there is no
                          default allocator unless you define EVM_REALLOC and EVM_FREE:
                          pass one in evm_vm_desc (evm_state_init, ...) or give a static
                          arena and run code that never needs memory (an allocation then
                          fails cleanly: EVM_OUT_OF_MEMORY). The compiler itself may still
                          emit calls to memcpy/memset (and libgcc helpers for 64-bit
                          division on 32-bit targets): provide them. examples/embed.c
                          runs this way on rv32im with no C library.
     EVM_MEMCPY(d,s,n) EVM_MEMMOVE(d,s,n) EVM_MEMSET(d,c,n) EVM_MEMCMP(a,b,n)
                          override the string functions
     EVM_REALLOC(p,n) EVM_FREE(p)
                          the default allocator, used wherever an evm_allocator has no
                          realloc hook (define both; default: realloc and free, none
                          with EVM_NO_STDLIB). EVM_REALLOC(NULL, n) must allocate.
     EVM_ASSERT(c)        debug assertions (default: assert() unless NDEBUG or EVM_NO_STDLIB)
     EVM_NO_INT128        use the portable 32x32->64 arithmetic even where the compiler
                          has unsigned __int128
     EVM_NO_ASM           no inline assembly (x86-64 gcc/clang use add/adc and sub/sbb
                          chains for ADD and SUB; every other target is plain C)
     EVM_NO_COMPUTED_GOTO dispatch with a switch even on gcc/clang
     EVM_COMPUTED_GOTO    computed goto even when optimising for size (by default -Os
                          builds, which define __OPTIMIZE_SIZE__, get the smaller switch)
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
#ifndef EVM_ACCELERATED          /* evm_zkvm.h: an accelerated primitive's C definition */
#ifdef EVM_ZKVM_ACCELERATORS
#define EVM_ACCELERATED(name) name##_c
#else
#define EVM_ACCELERATED(name) name
#endif
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
    EVM_PRAGUE,
    EVM_OSAKA,
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
    evm_realloc_fn realloc;   /* NULL = the default: EVM_REALLOC/EVM_FREE (realloc/free;
                                 none with EVM_NO_STDLIB unless you define them) */
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
    /* a contract is being created at addr. If the account has a nonce, code or any
       storage (EIP-7610), change nothing and return EVM_CREATE_COLLISION. Otherwise
       create it if absent (keeping any balance it has), remember that it was created in
       this transaction (EIP-6780) and return EVM_SUCCESS (EVM_OUT_OF_MEMORY on failure). */
    evm_status (*create_account)(void *ctx, const evm_address *addr);
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
       Called for every CALL-kind message (with its code_address) right after the
       snapshot, before the value transfer and before any code is loaded: a precompile
       is a pure function of its input, and a failure reverts the transfer anyway.
       Return EVM_PRECOMPILE_NONE for addresses that are not precompiles at this fork. */
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
    /* EIP-7702 (from Prague): code_address is the target of the recipient's delegation
       designator, so its code runs even where it is a precompile's address. The
       interpreter follows designators itself (for a top-level call too): leave false. */
    bool delegated;
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
    const evm_address *address;      /* the frame's account (its storage), for debuggers */
    const uint8_t *code;             /* the code running (code[pc] == opcode) */
    size_t code_size;
} evm_step;
typedef void (*evm_tracer_fn)(void *user, const evm_step *step);

/* Called (with tracer_user) when a frame ends, only while a tracer is set: how it ended
   (EVM_SUCCESS, EVM_REVERT or the error that halted it) and the gas it gives back. An
   EIP-3155 tracer writes "error" from it on the frame's last step. Not called for
   precompiles or for calls that fail before a frame is entered; a create whose code cannot
   be deposited (size, 0xEF, gas) is reported as the frame returned it, before that check.
   evm_debug.h builds a debugger's pause/step API on the same tracer. */
typedef struct evm_frame_end {
    int32_t depth;                   /* as in evm_step: 1 for the outermost frame */
    evm_status status;
    int64_t gas_left;
    const uint8_t *output;
    size_t output_size;
} evm_frame_end;
typedef void (*evm_frame_end_fn)(void *user, const evm_frame_end *end);

/* Configuration needed by the implementation parts of the submodules. */
#if defined(EVM_IMPLEMENTATION) && !defined(EVM__CONFIG_DONE)
#define EVM__CONFIG_DONE
#if defined(EVM_REALLOC) != defined(EVM_FREE)
#error "define both EVM_REALLOC and EVM_FREE, or neither"
#endif
#ifndef EVM_NO_STDLIB
#include <string.h>
#include <stdlib.h>
#ifndef EVM_REALLOC
#define EVM_REALLOC(p, n) realloc((p), (n))
#define EVM_FREE(p) free(p)
#endif
#ifndef EVM_ASSERT
#include <assert.h>
#define EVM_ASSERT(c) assert(c)
#endif
#ifndef EVM_MEMCPY
#define EVM_MEMCPY(d, s, n) memcpy((d), (s), (n))
#endif
#ifndef EVM_MEMMOVE
#define EVM_MEMMOVE(d, s, n) memmove((d), (s), (n))
#endif
#ifndef EVM_MEMSET
#define EVM_MEMSET(d, c, n) memset((d), (c), (n))
#endif
#ifndef EVM_MEMCMP
#define EVM_MEMCMP(a, b, n) memcmp((a), (b), (n))
#endif
#else /* freestanding: byte loops unless the user supplied better */
#ifndef EVM_ASSERT
#define EVM_ASSERT(c) ((void)0)
#endif
#ifndef EVM_MEMCPY
#define EVM_MEMCPY(d, s, n) evm__bytecopy((d), (s), (n))
#endif
#ifndef EVM_MEMMOVE
#define EVM_MEMMOVE(d, s, n) evm__bytemove((d), (s), (n))
#endif
#ifndef EVM_MEMSET
#define EVM_MEMSET(d, c, n) evm__byteset((d), (c), (n))
#endif
#ifndef EVM_MEMCMP
#define EVM_MEMCMP(a, b, n) evm__bytecmp((a), (b), (n))
#endif
static inline void *evm__bytecopy(void *d, const void *s, size_t n)
{ uint8_t *o = (uint8_t *)d; const uint8_t *i = (const uint8_t *)s; while (n--) *o++ = *i++; return d; }
static inline void *evm__bytemove(void *d, const void *s, size_t n)
{
    uint8_t *o = (uint8_t *)d; const uint8_t *i = (const uint8_t *)s;
    if (o < i) while (n--) *o++ = *i++;
    else { o += n; i += n; while (n--) *--o = *--i; }
    return d;
}
static inline void *evm__byteset(void *d, int c, size_t n)
{ uint8_t *o = (uint8_t *)d; while (n--) *o++ = (uint8_t)c; return d; }
static inline int evm__bytecmp(const void *a, const void *b, size_t n)
{
    const uint8_t *x = (const uint8_t *)a, *y = (const uint8_t *)b;
    for (; n; n--, x++, y++) if (*x != *y) return *x < *y ? -1 : 1;
    return 0;
}
#endif
#endif

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
    evm_frame_end_fn frame_end;      /* optional, with a tracer: see evm_frame_end */
    /* bytes (from the allocator) for the analysis of called code kept across calls, keyed
       by code hash and fork (0 = none): a call into code of EVM_CODE_CACHE_MIN bytes or
       more then asks the host for the code hash and reuses the padded copy and jump
       analysis made at an earlier call, instead of making them again. For hosts whose
       get_code_hash is cheap (evm_state keeps it). */
    size_t code_cache_size;
} evm_vm_desc;
#define EVM_CODE_CACHE_MIN 256

struct evm__frame;
struct evm__code_entry;
typedef struct evm_vm {
    evm_allocator allocator;
    evm_arena arena;
    evm_tracer_fn tracer;
    void *tracer_user;
    evm_frame_end_fn frame_end;
    evm_buffer_pool pool;            /* reused memory / return-data buffers */
    evm_buffer output;               /* the last result's output */
    struct evm__code_entry *code_cache;   /* analysed code, newest first */
    size_t code_cache_size, code_cache_used;
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

/* Jump-destination analysis for tools: marks in `jumpdests` (size / 8 + 1 bytes) the
   JUMPDEST positions that are not inside PUSH data (a frame keeps the same facts as a
   flag in its per-byte block words). */
EVM_API void evm_analyze(const uint8_t *code, size_t size, uint8_t *jumpdests);
/* Bytes of arena one frame takes for code of this size (its tier); a chain of n nested
   frames needs at most the sum of theirs. */
EVM_API size_t evm_frame_block_size(size_t code_size);

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
#define EVM__DECLARED   /* the implementation below needs every declaration above */
#endif /* EVM_H */

/* =================================================================================
   IMPLEMENTATION
   ================================================================================= */
#if defined(EVM_IMPLEMENTATION) && defined(EVM__DECLARED) && !defined(EVM_IMPLEMENTED)
#define EVM_IMPLEMENTED
#define EVM__IMPLEMENTING
#include "evm_gas_table.h"
#include "evm_memory.h"
#include "evm_arena.h"

#if defined(__GNUC__) || defined(__clang__)
#define EVM__LIKELY(x) __builtin_expect(!!(x), 1)
#define EVM__UNLIKELY(x) __builtin_expect(!!(x), 0)
#define EVM__INLINE static inline __attribute__((always_inline))
#define EVM__NOINLINE static __attribute__((noinline))
#else
#define EVM__LIKELY(x) (x)
#define EVM__UNLIKELY(x) (x)
#define EVM__INLINE static inline
#define EVM__NOINLINE static
#endif

#if defined(__SIZEOF_INT128__) && !defined(EVM_NO_INT128)
#define EVM__INT128 1
__extension__ typedef unsigned __int128 evm__u128;
#endif

/* ---------------------------------------------------------------------------------
   256-bit arithmetic
   --------------------------------------------------------------------------------- */

/* 64x64 -> 128 multiplication */
EVM__INLINE uint64_t evm__mul64(uint64_t a, uint64_t b, uint64_t *hi)
{
#ifdef EVM__INT128
    evm__u128 p = (evm__u128)a * b;
    *hi = (uint64_t)(p >> 64);
    return (uint64_t)p;
#else
    uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
    uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
    *hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
    return (mid << 32) | (uint32_t)ll;
#endif
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(EVM_NO_ASM)
/* gcc does not turn the portable carry idioms into add/adc chains: on x86-64 the
   carry chains use the compiler's add-with-carry builtins, and ADD/SUB four
   instructions of assembly (EVM_NO_ASM turns both off) */
#define EVM__X86_ASM 1
#endif

/* a + b + *c (*c is 0 or 1); the carry out goes to *c */
EVM__INLINE uint64_t evm__adc(uint64_t a, uint64_t b, unsigned char *c)
{
#if defined(EVM__X86_ASM) && defined(__clang__)
    unsigned long long out;
    uint64_t s = __builtin_addcll(a, b, *c, &out);
    *c = (unsigned char)out;
    return s;
#elif defined(EVM__X86_ASM)
    unsigned long long s;
    *c = __builtin_ia32_addcarryx_u64(*c, a, b, &s);
    return s;
#else
    uint64_t s = a + b, c1 = s < a, t = s + *c;
    *c = (unsigned char)(c1 | (t < s));
    return t;
#endif
}
/* a - b - *c (*c is 0 or 1); the borrow out goes to *c */
EVM__INLINE uint64_t evm__sbb(uint64_t a, uint64_t b, unsigned char *c)
{
#if defined(EVM__X86_ASM) && defined(__clang__)
    unsigned long long out;
    uint64_t d = __builtin_subcll(a, b, *c, &out);
    *c = (unsigned char)out;
    return d;
#elif defined(EVM__X86_ASM)
    unsigned long long d;
    *c = __builtin_ia32_sbb_u64(*c, a, b, &d);
    return d;
#else
    uint64_t d = a - b, b1 = a < b, t = d - *c;
    *c = (unsigned char)(b1 | (d < *c));
    return t;
#endif
}

EVM__INLINE int evm__ctz64(uint64_t x)   /* x != 0 */
{
#if defined(__GNUC__) || defined(__clang__)
    return __builtin_ctzll(x);
#else
    int n = 0;
    while (!(x & 1)) { x >>= 1; n++; }
    return n;
#endif
}

EVM__INLINE int evm__clz64(uint64_t x)   /* x != 0 */
{
#if defined(__GNUC__) || defined(__clang__)
    return __builtin_clzll(x);
#else
    int n = 0;
    while (!(x & 0x8000000000000000ull)) { x <<= 1; n++; }
    return n;
#endif
}

/* (hi:lo) / d with hi < d: the quotient fits in 64 bits. Portable version after
   Hacker's Delight's divlu (two 32-bit quotient digits). */
static uint64_t evm__div128(uint64_t hi, uint64_t lo, uint64_t d, uint64_t *rem)
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(EVM_NO_INT128)
    uint64_t q, r;   /* one divq: hi < d, so the quotient fits and it cannot fault */
    __asm__("divq %4" : "=a"(q), "=d"(r) : "a"(lo), "d"(hi), "rm"(d));
    *rem = r;
    return q;
#elif defined(EVM__INT128)
    evm__u128 n = ((evm__u128)hi << 64) | lo;
    *rem = (uint64_t)(n % d);
    return (uint64_t)(n / d);
#else
    const uint64_t b = (uint64_t)1 << 32;
    int s = evm__clz64(d);
    d <<= s;
    uint64_t un32 = s ? (hi << s) | (lo >> (64 - s)) : hi;
    uint64_t un10 = lo << s;
    uint64_t vn1 = d >> 32, vn0 = (uint32_t)d;
    uint64_t un1 = un10 >> 32, un0 = (uint32_t)un10;
    uint64_t q1 = un32 / vn1, rhat = un32 - q1 * vn1;
    while (q1 >= b || q1 * vn0 > ((rhat << 32) | un1)) {
        q1--;
        rhat += vn1;
        if (rhat >= b)
            break;
    }
    uint64_t un21 = (un32 << 32) + un1 - q1 * d;
    uint64_t q0 = un21 / vn1;
    rhat = un21 - q0 * vn1;
    while (q0 >= b || q0 * vn0 > ((rhat << 32) | un0)) {
        q0--;
        rhat += vn1;
        if (rhat >= b)
            break;
    }
    *rem = ((un21 << 32) + un0 - q0 * d) >> s;
    return (q1 << 32) | q0;
#endif
}

/* Knuth's algorithm D on 64-bit limbs (least significant first), for a divisor of n
   limbs, 2 <= n <= 4, v[n-1] != 0, and a dividend of m limbs, n <= m <= 8. q gets
   m-n+1 limbs (may be NULL), r gets n limbs (may be NULL). Always inlined and called
   with constant n, so each divisor length gets its own unrolled copy. */
EVM__INLINE void evm__udivrem_n(uint64_t *q, uint64_t *r, const uint64_t *u, int m, const uint64_t *v, const int n)
{
    uint64_t un[9], vn[4];
    const int s = evm__clz64(v[n - 1]);
    /* normalise: shift left by s; (x >> 1) >> (63 - s) is x >> (64 - s), and 0 for s = 0 */
    for (int i = n - 1; i > 0; i--)
        vn[i] = (v[i] << s) | ((v[i - 1] >> 1) >> (63 - s));
    vn[0] = v[0] << s;
    un[m] = (u[m - 1] >> 1) >> (63 - s);
    for (int i = m - 1; i > 0; i--)
        un[i] = (u[i] << s) | ((u[i - 1] >> 1) >> (63 - s));
    un[0] = u[0] << s;

    for (int j = m - n; j >= 0; j--) {
        uint64_t qhat, rhat;
        bool rhat_big = false;
        if (un[j + n] >= vn[n - 1]) {        /* equal, as un[j+n] <= vn[n-1] always */
            qhat = ~(uint64_t)0;
            rhat = un[j + n - 1] + vn[n - 1];
            rhat_big = rhat < vn[n - 1];     /* overflowed: rhat >= 2^64, test passes */
        } else {
            qhat = evm__div128(un[j + n], un[j + n - 1], vn[n - 1], &rhat);
        }
        while (!rhat_big) {
            uint64_t ph, pl = evm__mul64(qhat, vn[n - 2], &ph);
            if (ph > rhat || (ph == rhat && pl > un[j + n - 2])) {
                qhat--;
                uint64_t old = rhat;
                rhat += vn[n - 1];
                if (rhat < old)
                    break;
            } else {
                break;
            }
        }
        /* un[j .. j+n] -= qhat * vn */
        bool negative;
#ifdef EVM__INT128
        {
            evm__u128 carry = 0, diff = 0;
            for (int i = 0; i < n; i++) {
                carry += (evm__u128)qhat * vn[i];
                diff = (evm__u128)un[i + j] - (uint64_t)carry - (uint64_t)(diff >> 127);
                un[i + j] = (uint64_t)diff;
                carry >>= 64;
            }
            diff = (evm__u128)un[j + n] - (uint64_t)carry - (uint64_t)(diff >> 127);
            un[j + n] = (uint64_t)diff;
            negative = (bool)(diff >> 127);
        }
#else
        {
            uint64_t borrow = 0, carry = 0;
            for (int i = 0; i < n; i++) {
                uint64_t ph, pl = evm__mul64(qhat, vn[i], &ph);
                pl += carry;
                ph += pl < carry;
                carry = ph;
                uint64_t t = un[i + j] - pl;
                uint64_t b1 = un[i + j] < pl;
                uint64_t t2 = t - borrow;
                borrow = b1 + (t < borrow);
                un[i + j] = t2;
            }
            uint64_t t = un[j + n] - carry;
            uint64_t b1 = un[j + n] < carry;
            un[j + n] = t - borrow;
            negative = b1 + (t < borrow);
        }
#endif
        if (negative) {   /* qhat was one too large: add back */
            qhat--;
            uint64_t c = 0;
            for (int i = 0; i < n; i++) {
                uint64_t x = un[i + j] + vn[i];
                uint64_t c1 = x < vn[i];
                x += c;
                c1 += x < c;
                un[i + j] = x;
                c = c1;
            }
            un[j + n] += c;
        }
        if (q) q[j] = qhat;
    }
    if (r) {
        for (int i = 0; i < n - 1; i++)
            r[i] = (un[i] >> s) | ((un[i + 1] << 1) << (63 - s));
        r[n - 1] = un[n - 1] >> s;
    }
}

static void evm__udivrem(uint64_t *q, uint64_t *r, const uint64_t *u, int m, const uint64_t *v, int n)
{
    if (n == 1) {
        uint64_t rem = 0;
        for (int i = m - 1; i >= 0; i--) {
            uint64_t qi = evm__div128(rem, u[i], v[0], &rem);
            if (q) q[i] = qi;
        }
        if (r) r[0] = rem;
    } else if (n == 2) {
        evm__udivrem_n(q, r, u, m, v, 2);
    } else if (n == 3) {
        evm__udivrem_n(q, r, u, m, v, 3);
    } else {
        evm__udivrem_n(q, r, u, m, v, 4);
    }
}

EVM__INLINE int evm__limbs(const uint64_t *a, int n)   /* significant limbs */
{
    while (n > 0 && a[n - 1] == 0) n--;
    return n;
}

/* q = u / v, r = u % v for u of m limbs (m <= 8), v of 4 limbs; v != 0 */
static void evm__divmod_limbs(const uint64_t *u, int m, const evm_u256 *v, evm_u256 *q, evm_u256 *r)
{
    uint64_t qq[8] = {0}, rr[4] = {0};
    int n = evm__limbs(v->w, 4), mm = evm__limbs(u, m);
    if (mm < n) {
        for (int i = 0; i < 4; i++) rr[i] = i < mm ? u[i] : 0;
    } else {
        evm__udivrem(qq, rr, u, mm, v->w, n);
    }
    if (q) for (int i = 0; i < 4; i++) q->w[i] = qq[i];
    if (r) for (int i = 0; i < 4; i++) r->w[i] = rr[i];
}

/* DUP and SWAP copy stack words limb by limb. Opcode bodies compute in general registers
   and store a result as four 8-byte stores; a 16-byte vector load of that word while
   those stores are still pending cannot take its bytes from them (store-to-load
   forwarding fails: some 15 cycles on current x86-64 cores), and compilers make a word
   copy out of such loads. DUP1 after ADD is an everyday pair: evm__reg's empty asm keeps
   a limb in a general register. On the standard benchmarks (gcc 12 -O2, x86-64, fastest
   calls): 11 % less time over the main cases, half the time on memory_grow, for 4 more
   instructions per DUP and 8 per SWAP. (The same for AND/OR/XOR/NOT cost more
   instructions than it saved time.) clang also vectorises the comparisons below. */
EVM__INLINE uint64_t evm__reg(uint64_t v)
{
#if defined(__GNUC__) || defined(__clang__)
    __asm__("" : "+r"(v));
#endif
    return v;
}
EVM__INLINE void evm__copy_word(evm_u256 *d, const evm_u256 *s)
{
    uint64_t a = evm__reg(s->w[0]), b = evm__reg(s->w[1]), c = evm__reg(s->w[2]), e = evm__reg(s->w[3]);
    d->w[0] = a; d->w[1] = b; d->w[2] = c; d->w[3] = e;
}
#ifdef __clang__
#define EVM__CMP_REG(x) evm__reg(x)
#else
#define EVM__CMP_REG(x) (x)     /* gcc keeps these in general registers */
#endif
EVM__INLINE bool evm__is_zero(const evm_u256 *a)
{
    return (EVM__CMP_REG(a->w[0]) | EVM__CMP_REG(a->w[1]) | EVM__CMP_REG(a->w[2]) | EVM__CMP_REG(a->w[3])) == 0;
}
EVM__INLINE bool evm__eq(const evm_u256 *a, const evm_u256 *b)
{
    return ((EVM__CMP_REG(a->w[0]) ^ b->w[0]) | (EVM__CMP_REG(a->w[1]) ^ b->w[1]) |
            (EVM__CMP_REG(a->w[2]) ^ b->w[2]) | (EVM__CMP_REG(a->w[3]) ^ b->w[3])) == 0;
}
EVM__INLINE bool evm__lt(const evm_u256 *a, const evm_u256 *b)
{
    if (EVM__CMP_REG(a->w[3]) != b->w[3]) return a->w[3] < b->w[3];
    if (a->w[2] != b->w[2]) return a->w[2] < b->w[2];
    if (a->w[1] != b->w[1]) return a->w[1] < b->w[1];
    return a->w[0] < b->w[0];
}
EVM__INLINE bool evm__slt(const evm_u256 *a, const evm_u256 *b)
{
    uint64_t sa = a->w[3] >> 63, sb = b->w[3] >> 63;
    if (sa != sb) return sa > sb;
    return evm__lt(a, b);
}
EVM__INLINE void evm__add(evm_u256 *r, const evm_u256 *a, const evm_u256 *b)
{
#ifdef EVM__X86_ASM
    uint64_t r0 = a->w[0], r1 = a->w[1], r2 = a->w[2], r3 = a->w[3];
    __asm__("addq %4, %0\n\tadcq %5, %1\n\tadcq %6, %2\n\tadcq %7, %3"
            : "+&r"(r0), "+&r"(r1), "+&r"(r2), "+r"(r3)
            : "rm"(b->w[0]), "rm"(b->w[1]), "rm"(b->w[2]), "rm"(b->w[3])
            : "cc");
    r->w[0] = r0; r->w[1] = r1; r->w[2] = r2; r->w[3] = r3;
#else
    uint64_t c = 0;
    for (int i = 0; i < 4; i++) {
        uint64_t x = a->w[i] + b->w[i];
        uint64_t c1 = x < a->w[i];
        uint64_t y = x + c;
        c = c1 | (y < x);
        r->w[i] = y;
    }
#endif
}
EVM__INLINE void evm__sub(evm_u256 *r, const evm_u256 *a, const evm_u256 *b)
{
#ifdef EVM__X86_ASM
    uint64_t r0 = a->w[0], r1 = a->w[1], r2 = a->w[2], r3 = a->w[3];
    __asm__("subq %4, %0\n\tsbbq %5, %1\n\tsbbq %6, %2\n\tsbbq %7, %3"
            : "+&r"(r0), "+&r"(r1), "+&r"(r2), "+r"(r3)
            : "rm"(b->w[0]), "rm"(b->w[1]), "rm"(b->w[2]), "rm"(b->w[3])
            : "cc");
    r->w[0] = r0; r->w[1] = r1; r->w[2] = r2; r->w[3] = r3;
#else
    uint64_t bw = 0;
    for (int i = 0; i < 4; i++) {
        uint64_t x = a->w[i] - b->w[i];
        uint64_t b1 = a->w[i] < b->w[i];
        uint64_t y = x - bw;
        bw = b1 | (x < bw);
        r->w[i] = y;
    }
#endif
}
EVM__INLINE void evm__neg(evm_u256 *r, const evm_u256 *a)
{
    evm_u256 z = {{0, 0, 0, 0}};
    evm__sub(r, &z, a);
}
EVM__INLINE void evm__mul(evm_u256 *r, const evm_u256 *a, const evm_u256 *b)
{
#ifdef EVM__INT128
    /* column by column, only as wide as the low 256 bits need: limb 3 takes the low
       halves of its four products, and whatever overflows column 2 lies above 2^256 */
    const uint64_t a0 = a->w[0], a1 = a->w[1], a2 = a->w[2], a3 = a->w[3];
    const uint64_t b0 = b->w[0], b1 = b->w[1], b2 = b->w[2], b3 = b->w[3];
    evm__u128 p = (evm__u128)a0 * b0;
    evm__u128 c1 = (evm__u128)a0 * b1 + (uint64_t)(p >> 64);
    evm__u128 c1b = c1 + (evm__u128)a1 * b0;
    uint64_t carry3 = c1b < c1;                 /* column 1's carry out of 128 bits */
    evm__u128 c2 = (c1b >> 64) + (evm__u128)a0 * b2;
    c2 += (evm__u128)a1 * b1;
    c2 += (evm__u128)a2 * b0;
    r->w[0] = (uint64_t)p;
    r->w[1] = (uint64_t)c1b;
    r->w[2] = (uint64_t)c2;
    r->w[3] = (uint64_t)(c2 >> 64) + carry3 + a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
#else
    uint64_t t[4] = {0, 0, 0, 0};
    for (int i = 0; i < 4; i++) {
        uint64_t carry = 0;
        for (int j = 0; i + j < 4; j++) {
            uint64_t hi, lo = evm__mul64(a->w[i], b->w[j], &hi);
            lo += carry;
            hi += lo < carry;
            lo += t[i + j];
            hi += lo < t[i + j];
            t[i + j] = lo;
            carry = hi;
        }
    }
    for (int i = 0; i < 4; i++) r->w[i] = t[i];
#endif
}
/* full 256x256 -> 512 product */
static void evm__mul_full(uint64_t out[8], const evm_u256 *a, const evm_u256 *b)
{
#ifdef EVM__INT128
#ifdef EVM__X86_ASM
    /* column by column: each product is added into three accumulator registers with
       add/adc/adc; after a column its lowest register is stored and becomes the top */
    uint64_t x = 0, y = 0, z = 0;
#define EVM__MAC(i, j, r0, r1, r2)                                                         \
    "movq " #i "*8(%[a]), %%rax\n\tmulq " #j "*8(%[b])\n\t"                                \
    "addq %%rax, %[" #r0 "]\n\tadcq %%rdx, %[" #r1 "]\n\tadcq $0, %[" #r2 "]\n\t"
#define EVM__COL(k, r0) "movq %[" #r0 "], " #k "*8(%[o])\n\txorl %k[" #r0 "], %k[" #r0 "]\n\t"
    __asm__ volatile(EVM__MAC(0, 0, x, y, z) EVM__COL(0, x)
            EVM__MAC(0, 1, y, z, x) EVM__MAC(1, 0, y, z, x) EVM__COL(1, y)
            EVM__MAC(0, 2, z, x, y) EVM__MAC(1, 1, z, x, y) EVM__MAC(2, 0, z, x, y) EVM__COL(2, z)
            EVM__MAC(0, 3, x, y, z) EVM__MAC(1, 2, x, y, z) EVM__MAC(2, 1, x, y, z)
            EVM__MAC(3, 0, x, y, z) EVM__COL(3, x)
            EVM__MAC(1, 3, y, z, x) EVM__MAC(2, 2, y, z, x) EVM__MAC(3, 1, y, z, x) EVM__COL(4, y)
            EVM__MAC(2, 3, z, x, y) EVM__MAC(3, 2, z, x, y) EVM__COL(5, z)
            "movq 3*8(%[a]), %%rax\n\tmulq 3*8(%[b])\n\t"
            "addq %%rax, %[x]\n\tadcq %%rdx, %[y]\n\t"
            "movq %[x], 6*8(%[o])\n\tmovq %[y], 7*8(%[o])"
            : [x] "+&r"(x), [y] "+&r"(y), [z] "+&r"(z)
            : [a] "r"(a->w), [b] "r"(b->w), [o] "r"(out)
            : "rax", "rdx", "cc", "memory");
#undef EVM__MAC
#undef EVM__COL
#else
    /* column by column: each 64x64 product is added into a three-limb accumulator
       (c0, c1, c2), which then shifts down one limb per column */
    const uint64_t a0 = a->w[0], a1 = a->w[1], a2 = a->w[2], a3 = a->w[3];
    const uint64_t b0 = b->w[0], b1 = b->w[1], b2 = b->w[2], b3 = b->w[3];
    uint64_t c0 = 0, c1 = 0, c2 = 0;
#define EVM__MAC(x, y)                                                                     \
    do {                                                                                   \
        evm__u128 p_ = (evm__u128)(x) * (y);                                               \
        unsigned char k_ = 0;                                                              \
        c0 = evm__adc(c0, (uint64_t)p_, &k_);                                              \
        c1 = evm__adc(c1, (uint64_t)(p_ >> 64), &k_);                                      \
        c2 += k_;                                                                          \
    } while (0)
#define EVM__COL(k) do { out[k] = c0; c0 = c1; c1 = c2; c2 = 0; } while (0)
    EVM__MAC(a0, b0); EVM__COL(0);
    EVM__MAC(a0, b1); EVM__MAC(a1, b0); EVM__COL(1);
    EVM__MAC(a0, b2); EVM__MAC(a1, b1); EVM__MAC(a2, b0); EVM__COL(2);
    EVM__MAC(a0, b3); EVM__MAC(a1, b2); EVM__MAC(a2, b1); EVM__MAC(a3, b0); EVM__COL(3);
    EVM__MAC(a1, b3); EVM__MAC(a2, b2); EVM__MAC(a3, b1); EVM__COL(4);
    EVM__MAC(a2, b3); EVM__MAC(a3, b2); EVM__COL(5);
    EVM__MAC(a3, b3); EVM__COL(6);
    out[7] = c0;
#undef EVM__MAC
#undef EVM__COL
#endif
#else
    for (int i = 0; i < 8; i++) out[i] = 0;
    for (int i = 0; i < 4; i++) {
        uint64_t carry = 0;
        for (int j = 0; j < 4; j++) {
            uint64_t hi, lo = evm__mul64(a->w[i], b->w[j], &hi);
            lo += carry;
            hi += lo < carry;
            lo += out[i + j];
            hi += lo < out[i + j];
            out[i + j] = lo;
            carry = hi;
        }
        out[i + 4] = carry;
    }
#endif
}
static void evm__shr(evm_u256 *r, const evm_u256 *shift, const evm_u256 *x);
/* b, with a limb above the lowest one set, a power of two? *top gets its limb. */
EVM__INLINE bool evm__pow2_above64(const evm_u256 *b, int *top)
{
    int k = b->w[3] ? 3 : b->w[2] ? 2 : 1;
    uint64_t t = b->w[k], below = b->w[0] | (k > 1 ? b->w[1] : 0) | (k > 2 ? b->w[2] : 0);
    *top = k;
    return t && (t & (t - 1)) == 0 && below == 0;
}
static void evm__div(evm_u256 *r, const evm_u256 *a, const evm_u256 *b)
{
    if ((b->w[1] | b->w[2] | b->w[3]) == 0) {   /* a one-limb divisor: a chain of 128/64 steps */
        uint64_t d = b->w[0], rem = 0;
        if ((a->w[1] | a->w[2] | a->w[3]) == 0 || d == 0) {
            *r = (evm_u256){{d ? a->w[0] / d : 0, 0, 0, 0}};
            return;
        }
        evm_u256 q;
        for (int i = 3; i >= 0; i--)
            q.w[i] = evm__div128(rem, a->w[i], d, &rem);
        *r = q;
        return;
    }
    /* a power of two is a shift: pre-Constantinople code (and Solidity dividing by
       2**k) shifts right this way */
    int top;
    if (evm__pow2_above64(b, &top)) {
        evm_u256 shift = {{(uint64_t)(64 * top + evm__ctz64(b->w[top])), 0, 0, 0}};
        evm__shr(r, &shift, a);
        return;
    }
    if (evm__lt(a, b)) { *r = (evm_u256){{0, 0, 0, 0}}; return; }
    evm__divmod_limbs(a->w, 4, b, r, NULL);
}
EVM__INLINE uint64_t evm__mod64(const evm_u256 *x, uint64_t m);
static void evm__mod(evm_u256 *r, const evm_u256 *a, const evm_u256 *b)
{
    if ((b->w[1] | b->w[2] | b->w[3]) == 0) {
        uint64_t d = b->w[0];
        if ((a->w[1] | a->w[2] | a->w[3]) == 0 || d == 0)
            *r = (evm_u256){{d ? a->w[0] % d : 0, 0, 0, 0}};
        else
            *r = (evm_u256){{evm__mod64(a, d), 0, 0, 0}};
        return;
    }
    int top;
    if (evm__pow2_above64(b, &top)) {           /* a power of two: a mask */
        uint64_t t = b->w[top];
        for (int i = 0; i < 4; i++)
            r->w[i] = i < top ? a->w[i] : i == top ? a->w[i] & (t - 1) : 0;
        return;
    }
    if (evm__lt(a, b)) { *r = *a; return; }
    evm__divmod_limbs(a->w, 4, b, NULL, r);
}
/* true if x is the 256-bit sign extension of the int64 *v */
EVM__INLINE bool evm__fits_i64(const evm_u256 *x, int64_t *v)
{
    uint64_t ext = (uint64_t)((int64_t)x->w[0] >> 63);   /* all ones if negative */
    *v = (int64_t)x->w[0];
    return ((x->w[1] ^ ext) | (x->w[2] ^ ext) | (x->w[3] ^ ext)) == 0;
}
EVM__INLINE void evm__from_i64(evm_u256 *r, int64_t v)
{
    uint64_t ext = (uint64_t)(v >> 63);
    r->w[0] = (uint64_t)v;
    r->w[1] = r->w[2] = r->w[3] = ext;
}
static void evm__sdiv(evm_u256 *r, const evm_u256 *a, const evm_u256 *b)
{
    int64_t sx, sy;
    if (evm__fits_i64(a, &sx) && evm__fits_i64(b, &sy) && !(sx == INT64_MIN && sy == -1)) {
        evm__from_i64(r, sy ? sx / sy : 0);   /* C truncates toward zero, as SDIV does */
        return;
    }
    bool na = a->w[3] >> 63, nb = b->w[3] >> 63;
    evm_u256 x = *a, y = *b;
    if (na) evm__neg(&x, &x);
    if (nb) evm__neg(&y, &y);
    evm__div(r, &x, &y);
    if (na != nb) evm__neg(r, r);
}
static void evm__smod(evm_u256 *r, const evm_u256 *a, const evm_u256 *b)
{
    int64_t sx, sy;
    if (evm__fits_i64(a, &sx) && evm__fits_i64(b, &sy) && !(sx == INT64_MIN && sy == -1)) {
        evm__from_i64(r, sy ? sx % sy : 0);   /* C's remainder takes the dividend's sign, as SMOD */
        return;
    }
    bool na = a->w[3] >> 63, nb = b->w[3] >> 63;
    evm_u256 x = *a, y = *b;
    if (na) evm__neg(&x, &x);
    if (nb) evm__neg(&y, &y);
    evm__mod(r, &x, &y);
    if (na) evm__neg(r, r);
}
/* x mod m for a 256-bit x and a modulus of one limb */
EVM__INLINE uint64_t evm__mod64(const evm_u256 *x, uint64_t m)
{
    uint64_t rem = 0;
    for (int i = 3; i >= 0; i--)
        evm__div128(rem, x->w[i], m, &rem);
    return rem;
}
static void evm__addmod(evm_u256 *r, const evm_u256 *a, const evm_u256 *b, const evm_u256 *m)
{
    if (evm__is_zero(m)) { *r = (evm_u256){{0, 0, 0, 0}}; return; }
    uint64_t s[5];
    uint64_t c = 0;
    for (int i = 0; i < 4; i++) {
        uint64_t x = a->w[i] + b->w[i];
        uint64_t c1 = x < a->w[i];
        uint64_t y = x + c;
        c = c1 | (y < x);
        s[i] = y;
    }
    s[4] = c;
    if (evm__lt(a, m) && evm__lt(b, m)) {
        /* reduced operands (the usual case in field arithmetic): a + b < 2m, so one
           subtraction of m replaces the division */
        evm_u256 sum = {{s[0], s[1], s[2], s[3]}};
        if (c || !evm__lt(&sum, m))
            evm__sub(&sum, &sum, m);
        *r = sum;
        return;
    }
    evm__divmod_limbs(s, 5, m, NULL, r);
}
#ifdef EVM__INT128
/* One step of algorithm D for a four-limb normalised divisor v: the window w4..w0
   (w4:w3 < v3:... so the quotient digit fits) loses qhat * v, leaving the remainder
   in w3..w0. */
EVM__INLINE void evm__mod_step(uint64_t *w4, uint64_t *w3, uint64_t *w2, uint64_t *w1, uint64_t *w0,
                               uint64_t v3, uint64_t v2, uint64_t v1, uint64_t v0)
{
    uint64_t qhat, rhat;
    bool big = false;
    if (*w4 >= v3) {
        qhat = ~(uint64_t)0;
        rhat = *w3 + v3;
        big = rhat < v3;
    } else {
        qhat = evm__div128(*w4, *w3, v3, &rhat);
    }
    while (!big) {
        evm__u128 p = (evm__u128)qhat * v2;
        if ((uint64_t)(p >> 64) > rhat || ((uint64_t)(p >> 64) == rhat && (uint64_t)p > *w2)) {
            qhat--;
            uint64_t old = rhat;
            rhat += v3;
            big = rhat < old;
        } else {
            break;
        }
    }
    /* w -= qhat * v: the five-limb product by one carry chain, then one borrow chain;
       a borrow out of the top means qhat was one too large: add v back */
    uint64_t h0, h1, h2, h3;
    uint64_t l0 = evm__mul64(qhat, v0, &h0), l1 = evm__mul64(qhat, v1, &h1);
    uint64_t l2 = evm__mul64(qhat, v2, &h2), l3 = evm__mul64(qhat, v3, &h3);
    unsigned char c = 0, bw = 0;
    l1 = evm__adc(l1, h0, &c);
    l2 = evm__adc(l2, h1, &c);
    l3 = evm__adc(l3, h2, &c);
    h3 += c;
    *w0 = evm__sbb(*w0, l0, &bw);
    *w1 = evm__sbb(*w1, l1, &bw);
    *w2 = evm__sbb(*w2, l2, &bw);
    *w3 = evm__sbb(*w3, l3, &bw);
    evm__sbb(*w4, h3, &bw);
    if (bw) {
        c = 0;
        *w0 = evm__adc(*w0, v0, &c);
        *w1 = evm__adc(*w1, v1, &c);
        *w2 = evm__adc(*w2, v2, &c);
        *w3 = evm__adc(*w3, v3, &c);
    }
}

/* u mod d for a 512-bit u and a 256-bit d with d[3] != 0 (the MULMOD of field
   arithmetic): algorithm D unrolled, the normalised dividend in nine scalars n8..n0
   and the window sliding down by renaming, one step per quotient digit. */
static void evm__mod_512_256(evm_u256 *r, const uint64_t u[8], const uint64_t d[4])
{
    const int s = evm__clz64(d[3]);
#define EVM__SHL2(hi, lo) (((hi) << s) | (((lo) >> 1) >> (63 - s)))
    const uint64_t v3 = EVM__SHL2(d[3], d[2]), v2 = EVM__SHL2(d[2], d[1]);
    const uint64_t v1 = EVM__SHL2(d[1], d[0]), v0 = d[0] << s;
    uint64_t n8 = (u[7] >> 1) >> (63 - s), n7 = EVM__SHL2(u[7], u[6]), n6 = EVM__SHL2(u[6], u[5]);
    uint64_t n5 = EVM__SHL2(u[5], u[4]), n4 = EVM__SHL2(u[4], u[3]), n3 = EVM__SHL2(u[3], u[2]);
    uint64_t n2 = EVM__SHL2(u[2], u[1]), n1 = EVM__SHL2(u[1], u[0]), n0 = u[0] << s;
#undef EVM__SHL2
    evm__mod_step(&n8, &n7, &n6, &n5, &n4, v3, v2, v1, v0);
    evm__mod_step(&n7, &n6, &n5, &n4, &n3, v3, v2, v1, v0);
    evm__mod_step(&n6, &n5, &n4, &n3, &n2, v3, v2, v1, v0);
    evm__mod_step(&n5, &n4, &n3, &n2, &n1, v3, v2, v1, v0);
    evm__mod_step(&n4, &n3, &n2, &n1, &n0, v3, v2, v1, v0);
    r->w[0] = (n0 >> s) | ((n1 << 1) << (63 - s));
    r->w[1] = (n1 >> s) | ((n2 << 1) << (63 - s));
    r->w[2] = (n2 >> s) | ((n3 << 1) << (63 - s));
    r->w[3] = n3 >> s;
}
#endif

static void evm__mulmod(evm_u256 *r, const evm_u256 *a, const evm_u256 *b, const evm_u256 *m)
{
    if (evm__is_zero(m)) { *r = (evm_u256){{0, 0, 0, 0}}; return; }
    if ((m->w[1] | m->w[2] | m->w[3]) == 0) {
        /* a one-limb modulus: reduce both operands, then one 128/64 division */
        uint64_t x = evm__mod64(a, m->w[0]), y = evm__mod64(b, m->w[0]), hi, rem;
        uint64_t lo = evm__mul64(x, y, &hi);
        evm__div128(hi, lo, m->w[0], &rem);
        *r = (evm_u256){{rem, 0, 0, 0}};
        return;
    }
    uint64_t p[8];
    evm__mul_full(p, a, b);
#ifdef EVM__INT128
    if (m->w[3] && p[7]) {            /* full-size product: the unrolled path */
        evm__mod_512_256(r, p, m->w);
        return;
    }
#endif
    evm__divmod_limbs(p, 8, m, NULL, r);
}
static void evm__exp(evm_u256 *r, const evm_u256 *base, const evm_u256 *exponent)
{
    evm_u256 result = {{1, 0, 0, 0}}, b = *base;
    int limbs = evm__limbs(exponent->w, 4);
    for (int i = 0; i < limbs; i++) {
        uint64_t e = exponent->w[i];
        int bits = i == limbs - 1 ? 64 - evm__clz64(e) : 64;
        for (int k = 0; k < bits; k++, e >>= 1) {
            if (e & 1) evm__mul(&result, &result, &b);
            if (k + 1 < bits || i + 1 < limbs) evm__mul(&b, &b, &b);
        }
    }
    *r = result;
}
/* SIGNEXTEND in place: the byte idx (from the right) carries the sign; the bits above it
   in its limb take the sign, whole limbs above take the sign's fill. No function call and
   one branch for the usual index (evmone's form: shift the sign byte into place). */
EVM__INLINE void evm__signextend_in(evm_u256 *x, const evm_u256 *idx)
{
    if (EVM__UNLIKELY((idx->w[1] | idx->w[2] | idx->w[3]) != 0 || idx->w[0] >= 31)) return;
    unsigned e = (unsigned)idx->w[0], li = e / 8, sh = (e % 8) * 8;
    uint64_t w = x->w[li];
    uint64_t sb = (((w >> sh) & 0xff) ^ 0x80) - 0x80;      /* the sign byte, extended */
    uint64_t fill = (uint64_t)0 - (sb >> 63);
    x->w[li] = (sb << sh) | (w & ~(~(uint64_t)0 << sh));
    for (unsigned i = li + 1; i < 4; i++) x->w[i] = fill;
}
static void evm__signextend(evm_u256 *r, const evm_u256 *idx, const evm_u256 *x)
{
    evm_u256 v = *x;
    evm__signextend_in(&v, idx);
    *r = v;
}
static void evm__byte(evm_u256 *r, const evm_u256 *idx, const evm_u256 *x)
{
    uint64_t v = 0;
    if (!(idx->w[1] | idx->w[2] | idx->w[3]) && idx->w[0] < 32) {
        unsigned bit = (31 - (unsigned)idx->w[0]) * 8;
        v = (x->w[bit / 64] >> (bit % 64)) & 0xff;
    }
    *r = (evm_u256){{v, 0, 0, 0}};
}
/* Shifts read a zero-padded window of limbs, so there is no branch per limb; the
   second half of each limb comes from a double shift, (v >> 1) >> (63 - bits), which is
   defined (and zero) for bits == 0. */
static void evm__shl(evm_u256 *r, const evm_u256 *shift, const evm_u256 *x)
{
    if ((shift->w[1] | shift->w[2] | shift->w[3]) != 0 || shift->w[0] >= 256) {
        *r = (evm_u256){{0, 0, 0, 0}};
        return;
    }
    /* whole limbs first, then bits; no variable index into a local array (GCC 12 -m32
       -O2 schedules such a load before the array's initialisation) */
    unsigned s = (unsigned)shift->w[0], limbs = s / 64, bits = s % 64;
    uint64_t a0 = x->w[0], a1 = x->w[1], a2 = x->w[2], a3 = x->w[3];
    for (unsigned k = 0; k < limbs; k++) { a3 = a2; a2 = a1; a1 = a0; a0 = 0; }
    if (bits) {
        a3 = a3 << bits | a2 >> (64 - bits);
        a2 = a2 << bits | a1 >> (64 - bits);
        a1 = a1 << bits | a0 >> (64 - bits);
        a0 <<= bits;
    }
    r->w[0] = a0; r->w[1] = a1; r->w[2] = a2; r->w[3] = a3;
}
static void evm__shr(evm_u256 *r, const evm_u256 *shift, const evm_u256 *x)
{
    if ((shift->w[1] | shift->w[2] | shift->w[3]) != 0 || shift->w[0] >= 256) {
        *r = (evm_u256){{0, 0, 0, 0}};
        return;
    }
    unsigned s = (unsigned)shift->w[0], limbs = s / 64, bits = s % 64;
    uint64_t a0 = x->w[0], a1 = x->w[1], a2 = x->w[2], a3 = x->w[3];
    for (unsigned k = 0; k < limbs; k++) { a0 = a1; a1 = a2; a2 = a3; a3 = 0; }
    if (bits) {
        a0 = a0 >> bits | a1 << (64 - bits);
        a1 = a1 >> bits | a2 << (64 - bits);
        a2 = a2 >> bits | a3 << (64 - bits);
        a3 >>= bits;
    }
    r->w[0] = a0; r->w[1] = a1; r->w[2] = a2; r->w[3] = a3;
}
static void evm__sar(evm_u256 *r, const evm_u256 *shift, const evm_u256 *x)
{
    bool neg = x->w[3] >> 63;
    if (!neg) { evm__shr(r, shift, x); return; }
    evm_u256 inv = {{~x->w[0], ~x->w[1], ~x->w[2], ~x->w[3]}};
    evm__shr(r, shift, &inv);                             /* sar(x) = ~shr(~x) */
    for (int i = 0; i < 4; i++) r->w[i] = ~r->w[i];
}

/* public wrappers */
evm_u256 evm_u256_from_u64(uint64_t v) { evm_u256 r = {{v, 0, 0, 0}}; return r; }
evm_u256 evm_u256_from_be(const uint8_t *bytes, size_t size)
{
    evm_u256 r = {{0, 0, 0, 0}};
    if (size > 32) { bytes += size - 32; size = 32; }
    for (size_t i = 0; i < size; i++) {
        size_t bit = (size - 1 - i) * 8;
        r.w[bit / 64] |= (uint64_t)bytes[i] << (bit % 64);
    }
    return r;
}
void evm_u256_to_be(const evm_u256 *v, uint8_t out[32])
{
    for (int i = 0; i < 32; i++) out[i] = (uint8_t)(v->w[3 - i / 8] >> (56 - 8 * (i % 8)));
}
bool evm_u256_is_zero(const evm_u256 *a) { return evm__is_zero(a); }
bool evm_u256_eq(const evm_u256 *a, const evm_u256 *b) { return evm__eq(a, b); }
bool evm_u256_lt(const evm_u256 *a, const evm_u256 *b) { return evm__lt(a, b); }
bool evm_u256_slt(const evm_u256 *a, const evm_u256 *b) { return evm__slt(a, b); }
#define EVM__WRAP2(name, fn) evm_u256 name(evm_u256 a, evm_u256 b) { evm_u256 r; fn(&r, &a, &b); return r; }
EVM__WRAP2(evm_u256_add, evm__add)
EVM__WRAP2(evm_u256_sub, evm__sub)
EVM__WRAP2(evm_u256_mul, evm__mul)
EVM__WRAP2(evm_u256_div, evm__div)
EVM__WRAP2(evm_u256_sdiv, evm__sdiv)
EVM__WRAP2(evm_u256_mod, evm__mod)
EVM__WRAP2(evm_u256_smod, evm__smod)
EVM__WRAP2(evm_u256_exp, evm__exp)
EVM__WRAP2(evm_u256_signextend, evm__signextend)
EVM__WRAP2(evm_u256_byte, evm__byte)
EVM__WRAP2(evm_u256_shl, evm__shl)
EVM__WRAP2(evm_u256_shr, evm__shr)
EVM__WRAP2(evm_u256_sar, evm__sar)
#undef EVM__WRAP2
evm_u256 evm_u256_addmod(evm_u256 a, evm_u256 b, evm_u256 m) { evm_u256 r; evm__addmod(&r, &a, &b, &m); return r; }
evm_u256 evm_u256_mulmod(evm_u256 a, evm_u256 b, evm_u256 m) { evm_u256 r; evm__mulmod(&r, &a, &b, &m); return r; }

/* ---------------------------------------------------------------------------------
   Keccak-256 (the original Keccak padding, as Ethereum uses it)
   --------------------------------------------------------------------------------- */
static const uint64_t evm__keccak_rc[24] = {
    0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808aull, 0x8000000080008000ull,
    0x000000000000808bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
    0x000000000000008aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000aull,
    0x000000008000808bull, 0x800000000000008bull, 0x8000000000008089ull, 0x8000000000008003ull,
    0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800aull, 0x800000008000000aull,
    0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull};

EVM__INLINE uint64_t evm__rol64(uint64_t x, unsigned n) { return (x << (n & 63)) | (x >> ((64 - n) & 63)); }

/* Keccak-f[1600] with the 25 lanes in local variables (the compiler keeps most in
   registers). Each output row y of rho+pi+chi reads five old lanes rotated into place,
   B[x] = rot(A[x+k][x], r) with k = 0, 3, 1, 4, 2 for rows 0..4, and writes
   B[x] ^ (~B[x+1] & B[x+2]). */
#define EVM__KECCAK_ROW(o0, o1, o2, o3, o4, i0, d0, r0, i1, d1, r1, i2, d2, r2, i3, d3, r3, i4, d4, r4) \
    do {                                                                                         \
        uint64_t b0 = evm__rol64(i0 ^ d0, r0), b1 = evm__rol64(i1 ^ d1, r1),                     \
                 b2 = evm__rol64(i2 ^ d2, r2), b3 = evm__rol64(i3 ^ d3, r3),                     \
                 b4 = evm__rol64(i4 ^ d4, r4);                                                   \
        o0 = b0 ^ (~b1 & b2); o1 = b1 ^ (~b2 & b3); o2 = b2 ^ (~b3 & b4);                        \
        o3 = b3 ^ (~b4 & b0); o4 = b4 ^ (~b0 & b1);                                              \
    } while (0)

static void evm__keccakf(uint64_t st[25])
{
    uint64_t a00 = st[0], a01 = st[1], a02 = st[2], a03 = st[3], a04 = st[4];
    uint64_t a05 = st[5], a06 = st[6], a07 = st[7], a08 = st[8], a09 = st[9];
    uint64_t a10 = st[10], a11 = st[11], a12 = st[12], a13 = st[13], a14 = st[14];
    uint64_t a15 = st[15], a16 = st[16], a17 = st[17], a18 = st[18], a19 = st[19];
    uint64_t a20 = st[20], a21 = st[21], a22 = st[22], a23 = st[23], a24 = st[24];
    for (int round = 0; round < 24; round++) {
        uint64_t c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20, c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21;
        uint64_t c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22, c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23;
        uint64_t c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24;
        uint64_t d0 = c4 ^ evm__rol64(c1, 1), d1 = c0 ^ evm__rol64(c2, 1), d2 = c1 ^ evm__rol64(c3, 1);
        uint64_t d3 = c2 ^ evm__rol64(c4, 1), d4 = c3 ^ evm__rol64(c0, 1);
        uint64_t e00, e01, e02, e03, e04, e05, e06, e07, e08, e09, e10, e11, e12;
        uint64_t e13, e14, e15, e16, e17, e18, e19, e20, e21, e22, e23, e24;
        EVM__KECCAK_ROW(e00, e01, e02, e03, e04, a00, d0, 0, a06, d1, 44, a12, d2, 43, a18, d3, 21, a24, d4, 14);
        EVM__KECCAK_ROW(e05, e06, e07, e08, e09, a03, d3, 28, a09, d4, 20, a10, d0, 3, a16, d1, 45, a22, d2, 61);
        EVM__KECCAK_ROW(e10, e11, e12, e13, e14, a01, d1, 1, a07, d2, 6, a13, d3, 25, a19, d4, 8, a20, d0, 18);
        EVM__KECCAK_ROW(e15, e16, e17, e18, e19, a04, d4, 27, a05, d0, 36, a11, d1, 10, a17, d2, 15, a23, d3, 56);
        EVM__KECCAK_ROW(e20, e21, e22, e23, e24, a02, d2, 62, a08, d3, 55, a14, d4, 39, a15, d0, 41, a21, d1, 2);
        a00 = e00 ^ evm__keccak_rc[round]; a01 = e01; a02 = e02; a03 = e03; a04 = e04;
        a05 = e05; a06 = e06; a07 = e07; a08 = e08; a09 = e09;
        a10 = e10; a11 = e11; a12 = e12; a13 = e13; a14 = e14;
        a15 = e15; a16 = e16; a17 = e17; a18 = e18; a19 = e19;
        a20 = e20; a21 = e21; a22 = e22; a23 = e23; a24 = e24;
    }
    st[0] = a00; st[1] = a01; st[2] = a02; st[3] = a03; st[4] = a04;
    st[5] = a05; st[6] = a06; st[7] = a07; st[8] = a08; st[9] = a09;
    st[10] = a10; st[11] = a11; st[12] = a12; st[13] = a13; st[14] = a14;
    st[15] = a15; st[16] = a16; st[17] = a17; st[18] = a18; st[19] = a19;
    st[20] = a20; st[21] = a21; st[22] = a22; st[23] = a23; st[24] = a24;
}
#undef EVM__KECCAK_ROW

EVM__INLINE uint64_t evm__load64le(const uint8_t *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
           (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

void EVM_ACCELERATED(evm_keccak256)(const uint8_t *data, size_t size, uint8_t out[32])
{
    enum { RATE = 136 };
    uint64_t st[25] = {0};
    while (size >= RATE) {
        for (int i = 0; i < RATE / 8; i++) st[i] ^= evm__load64le(data + 8 * i);
        evm__keccakf(st);
        data += RATE;
        size -= RATE;
    }
    uint8_t last[RATE];
    EVM_MEMSET(last, 0, RATE);
    if (size) EVM_MEMCPY(last, data, size);
    last[size] ^= 0x01;
    last[RATE - 1] ^= 0x80;
    for (int i = 0; i < RATE / 8; i++) st[i] ^= evm__load64le(last + 8 * i);
    evm__keccakf(st);
    for (int i = 0; i < 32; i++) out[i] = (uint8_t)(st[i / 8] >> (8 * (i % 8)));
}

/* ---------------------------------------------------------------------------------
   Small conversions
   --------------------------------------------------------------------------------- */
/* Big-endian 64-bit loads and stores: a byte swap of a memcpy where the compiler says
   which byte order it targets, a portable byte loop elsewhere (no type punning). */
#if defined(__riscv) && !defined(__riscv_zbb)
/* RISC-V without Zbb has no byte swap: __builtin_bswap64 is a libgcc call (about 40
   instructions, and the memcpy of an unaligned word is byte loads anyway), so the byte
   loop below, 22 instructions a load, is the fast form there (the zkVM guest) */
#elif defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define EVM__BSWAP64(x) __builtin_bswap64(x)
#elif defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define EVM__BSWAP64(x) (x)
#endif
EVM__INLINE uint64_t evm__load64be(const uint8_t *p)
{
#ifdef EVM__BSWAP64
    uint64_t v;
    EVM_MEMCPY(&v, p, 8);
    return EVM__BSWAP64(v);
#else
    return (uint64_t)p[0] << 56 | (uint64_t)p[1] << 48 | (uint64_t)p[2] << 40 | (uint64_t)p[3] << 32 |
           (uint64_t)p[4] << 24 | (uint64_t)p[5] << 16 | (uint64_t)p[6] << 8 | (uint64_t)p[7];
#endif
}
EVM__INLINE void evm__store64be(uint8_t *p, uint64_t v)
{
#ifdef EVM__BSWAP64
    v = EVM__BSWAP64(v);
    EVM_MEMCPY(p, &v, 8);
#else
    for (int i = 7; i >= 0; i--, v >>= 8) p[i] = (uint8_t)v;
#endif
}
/* n <= 32 big-endian bytes at p -> word */
EVM__INLINE void evm__load_be32(evm_u256 *r, const uint8_t *p)
{
    r->w[3] = evm__load64be(p);
    r->w[2] = evm__load64be(p + 8);
    r->w[1] = evm__load64be(p + 16);
    r->w[0] = evm__load64be(p + 24);
}
EVM__INLINE void evm__load_be(evm_u256 *r, const uint8_t *p, unsigned n)
{
    uint64_t w[4] = {0, 0, 0, 0};
    unsigned i = n, limb = 0;
    while (i >= 8) { w[limb++] = evm__load64be(p + i - 8); i -= 8; }
    if (i) {
        uint64_t v = 0;
        for (unsigned k = 0; k < i; k++) v = v << 8 | p[k];
        w[limb] = v;
    }
    r->w[0] = w[0]; r->w[1] = w[1]; r->w[2] = w[2]; r->w[3] = w[3];
}
/* PUSHn's immediate, n <= 32 bytes at p inside the padded code copy: the partial top
   limb is one 8-byte load shifted down (the padding makes reading past the data safe) */
EVM__INLINE void evm__load_push(evm_u256 *r, const uint8_t *p, unsigned n)
{
    uint64_t w[4] = {0, 0, 0, 0};
    unsigned i = n, limb = 0;
    while (i >= 8) { w[limb++] = evm__load64be(p + i - 8); i -= 8; }
    if (i)
        w[limb] = evm__load64be(p) >> (64 - 8 * i);
    r->w[0] = w[0]; r->w[1] = w[1]; r->w[2] = w[2]; r->w[3] = w[3];
}
EVM__INLINE void evm__store_be(uint8_t *p, const evm_u256 *v)
{
    evm__store64be(p, v->w[3]);
    evm__store64be(p + 8, v->w[2]);
    evm__store64be(p + 16, v->w[1]);
    evm__store64be(p + 24, v->w[0]);
}
EVM__INLINE void evm__to_address(evm_address *a, const evm_u256 *v)
{
    uint8_t b[32];
    evm__store_be(b, v);
    EVM_MEMCPY(a->bytes, b + 12, 20);
}
EVM__INLINE void evm__from_address(evm_u256 *v, const evm_address *a) { evm__load_be(v, a->bytes, 20); }
EVM__INLINE void evm__from_bytes32(evm_u256 *v, const evm_bytes32 *b) { evm__load_be(v, b->bytes, 32); }
EVM__INLINE bool evm__fits64(const evm_u256 *v) { return (v->w[1] | v->w[2] | v->w[3]) == 0; }
EVM__INLINE uint64_t evm__words(uint64_t bytes) { return (bytes + 31) / 32; }   /* bytes < 2^63 */

/* Copy `size` bytes of src[offset..] to dst, zero-filling past src_size. */
static void evm__copy_padded(uint8_t *dst, size_t size, const uint8_t *src, size_t src_size,
                             const evm_u256 *offset)
{
    size_t n = 0;
    if (evm__fits64(offset) && offset->w[0] < src_size) {
        size_t off = (size_t)offset->w[0];
        n = src_size - off < size ? src_size - off : size;
        if (n) EVM_MEMCPY(dst, src + off, n);
    }
    if (size > n) EVM_MEMSET(dst + n, 0, size - n);
}

/* ---------------------------------------------------------------------------------
   Frames: one arena block each (record, stack, padded code, jump-destination map)
   --------------------------------------------------------------------------------- */
#define EVM__STACK_WORDS 1024
#define EVM__CODE_PAD 64     /* zeros after the code: PUSH32 at the end reads zeros and
                                running off the end reads STOP, with no bounds checks */

typedef struct evm__frame evm__frame;
struct evm__frame {
    evm__frame *parent;
    /* the message */
    evm_call_kind kind;
    bool is_static;
    bool pending_create;           /* the child this frame waits for is a create */
    int32_t depth;
    uint32_t snapshot;
    evm_address recipient, sender, code_address;
    evm_u256 value;
    evm_u256 recipient_w, sender_w;  /* ADDRESS and CALLER as words, once words_ready */
    bool words_ready;
    const uint8_t *input;
    size_t input_size;
    /* code and its analysis, in this frame's arena block */
    uint8_t *code;
    size_t code_size;
    uint32_t *blocks;              /* per code byte: JUMPDEST flag, block entry's packed checks */
    struct evm__code_entry *cached; /* code and blocks are this entry's, not ours */
    /* execution state, saved while a child runs */
    evm_u256 *stack;               /* stack[0] is a guard slot, stack[1] the bottom item */
    evm_u256 *sp;                  /* the top item; == stack when empty */
    size_t pc;
    int64_t gas;
    int64_t refund;
    evm_memory memory;
    /* return data of the last call this frame made */
    evm_buffer ret_owner;
    const uint8_t *ret_data;
    size_t ret_size;
    /* where the pending call's output goes */
    uint64_t out_offset, out_size;
};

#define EVM__ALIGN64(x) (((x) + 63) & ~(size_t)63)

/* Arena block layout for a code capacity:
   [frame][stack: 1 + 1024 words][code + pad][block words: u32 per code byte] */
typedef struct evm__layout { size_t stack, code, blocks, size; } evm__layout;
static evm__layout evm__frame_layout(size_t cap)
{
    evm__layout l;
    size_t off = EVM__ALIGN64(sizeof(evm__frame));
    l.stack = off;
    off += (EVM__STACK_WORDS + 1) * sizeof(evm_u256);
    l.code = off;
    off += EVM__ALIGN64(cap + EVM__CODE_PAD);
    l.blocks = off;
    off += EVM__ALIGN64((cap + EVM__CODE_PAD) * sizeof(uint32_t));   /* analysis clears past the end */
    l.size = off;
    return l;
}

size_t evm_frame_block_size(size_t code_size)
{
    /* evm_arena_push rounds every block up to EVM_ARENA_ALIGN and adds its header */
    return EVM__ALIGN64(evm__frame_layout(evm_arena_tier_capacity(code_size)).size) + EVM_ARENA_ALIGN;
}

/* Blocks. Execution enters a block where it arrives by a jump (at the JUMPDEST), at a
   frame's start, and after an instruction flagged EVM_OP_ENDS_BLOCK that did not jump
   (JUMPI not taken, GAS, SSTORE, a finished call); the block runs straight on, through
   any JUMPDESTs, to the next instruction that ends a block. All of it will run (or the
   frame halts, which consumes all gas anyway), so its static gas can be charged at
   entry, and where gas is observed the charge is exact, as those instructions end
   blocks.
   The first two times an entry is taken, its block runs "checked": each instruction
   checks its own stack bounds and static gas. The third time, the block is measured
   (static gas, stack height needed at entry, stack growth) and cached at the entry pc,
   packed into 32 bits; from then on it runs unchecked after one check and one charge.
   Code that runs once or twice (a short call into a large contract, a function called
   from two places) so pays no measuring, and loops pay it once (measuring at the
   second entry instead cost the short swap_math calls 5 % more instructions). Measuring
   is paid for by execution: an entry is measured only when taken a third time, and
   then the whole measured block runs (or the frame halts, which ends it), so measuring
   m instructions comes with executing m instructions of at least 1 gas each, even for
   hostile code with many entries into one long run.
   The block words (one per code byte, all zero after the analysis but for the flag
   EVM__BLOCK_JUMPDEST at the valid jump destinations) hold both: a jump is valid where
   the flag is set, and the entry state is the rest. Unmeasured (bit 31 clear): the low
   two bits count 0, 1, 2 entries, or are EVM__BLOCK_CHECKED for a block whose checks
   do not fit the packing (it always runs checked). Measured (bit 31 set): bits 0-16
   static gas, 18-23 the stack height needed (req), 24-30 req plus the growth (both at
   most 63), so the stack bounds are one unsigned compare: height - req > 1024 - (req +
   growth) fails both a too-low and a too-high stack. Bit 17 is the JUMPDEST flag in
   both states. */
#define EVM__BLOCK_MEASURED 0x80000000u
#define EVM__BLOCK_JUMPDEST 0x00020000u
#define EVM__BLOCK_CHECKED 3u

typedef struct evm__block_checks { int64_t gas; int32_t req, grow; bool fits; } evm__block_checks;

EVM__INLINE uint32_t evm__block_pack(evm__block_checks c)
{
    if (c.req < 0) c.req = 0;
    if (c.grow < 0) c.grow = 0;
    if (!c.fits || c.gas > 0x1ffff || c.req > 63 || c.grow > 63)
        return EVM__BLOCK_CHECKED;
    return EVM__BLOCK_MEASURED | (uint32_t)c.gas | (uint32_t)c.req << 18 | (uint32_t)(c.req + c.grow) << 24;
}

/* Measure the block entered at pc: walk it to the instruction that ends it (the
   padding's STOP at the latest: a PUSH32 in the last byte reads 32 of the
   EVM__CODE_PAD zeros, and the next byte is a STOP). */
static evm__block_checks evm__block_measure(const uint8_t *code, size_t pc, const evm_op_info *tab)
{
    evm__block_checks c = {0, 0, 0, false};
    int32_t change = 0;
    for (size_t i = pc;;) {
        uint8_t op = code[i];
        const evm_op_info *in = &tab[op];
        if (in->stack_req - change > c.req) c.req = in->stack_req - change;
        change += in->stack_change;
        if (change > c.grow) c.grow = change;
        c.gas += in->gas;
        if ((in->flags & (EVM_OP_DEFINED | EVM_OP_ENDS_BLOCK)) != EVM_OP_DEFINED) {
            c.fits = true;
            break;
        }
        i++;
        if ((int8_t)op >= 0x60)                    /* PUSH1..PUSH32: skip the data */
            i += (size_t)(op - 0x5f);
    }
    return c;
}

void evm_analyze(const uint8_t *code, size_t n, uint8_t *jd)
{
    EVM_MEMSET(jd, 0, n / 8 + 1);
    for (size_t i = 0; i < n; i++) {
        uint8_t op = code[i];
        if (op == 0x5b)
            jd[i >> 3] |= (uint8_t)(1u << (i & 7));
        else if ((uint8_t)(op - 0x60) < 32)
            i += op - 0x5f;                       /* skip PUSH data */
    }
}

/* The frame's analysis: the block words of code[0..n] (n: the padding, where code without
   a final STOP continues) cleared, then the JUMPDEST flag at every JUMPDEST outside push
   data. Clearing runs 16 words (64 bytes) a round in stores the compiler makes wide; the
   empty asm on the pointer keeps it from calling memset instead (a call that costs more
   than it saves for the few KiB of a contract). As a signed byte, an opcode is at least
   JUMPDEST (0x5b) only from JUMPDEST to PUSH32: one compare for the common case (a step
   looked up in a table would have no branch, but every step would then wait for two
   loads: slower on real code, whose PUSHes are well predicted). Four instructions per
   round: the code is padded with EVM__CODE_PAD zeros (STOPs, which the loop passes
   over), and a round that starts before the end reads at most 32 + 3 bytes past it. */
static void evm__analyze_frame(const uint8_t *code, size_t n, uint32_t *blocks)
{
    for (size_t i = 0; i <= n; i += 16) {          /* n + 16 <= cap + EVM__CODE_PAD words */
        uint32_t *q = blocks + i;
#if defined(__GNUC__) || defined(__clang__)
        __asm__("" : "+r"(q));
#endif
        for (int k = 0; k < 16; k++)
            q[k] = 0;
    }
#define EVM__ANALYZE_ONE()                                                                  \
    do {                                                                                    \
        int op = (int8_t)code[i];                                                           \
        if (op >= 0x5b) {                                                                   \
            if (op >= 0x60)                                                                 \
                i += (size_t)(op - 0x5f);                                                   \
            else if (op == 0x5b)                                                            \
                blocks[i] = EVM__BLOCK_JUMPDEST;                                            \
        }                                                                                   \
        i++;                                                                                \
    } while (0)
    size_t i = 0;
    while (i < n) {
        EVM__ANALYZE_ONE(); EVM__ANALYZE_ONE(); EVM__ANALYZE_ONE(); EVM__ANALYZE_ONE();
    }
#undef EVM__ANALYZE_ONE
}

/* Measure the block entered at pc and pack its checks for the cache. */
EVM__NOINLINE uint32_t evm__block_first(const uint8_t *code, size_t n, size_t pc, const evm_op_info *tab)
{
    EVM_ASSERT(pc <= n);   /* an instruction start, or the padding at n */
    (void)n;
    return evm__block_pack(evm__block_measure(code, pc, tab));
}

/* The code cache (evm_vm_desc.code_cache_size): one allocation per code, laid out as a
   frame's block without the frame and stack ([entry][code + pad][jumpdest bits][block
   checks]), so frames share it: the jump analysis is the code's, and the block checks
   depend only on the code and the fork's table (a block measured in one call is measured
   for the next). An entry in use by a frame (active) is never evicted; a full cache with
   every entry in use leaves the call to the frame's own copy. */
typedef struct evm__code_entry {
    struct evm__code_entry *next;
    evm_bytes32 hash;
    evm_fork fork;
    uint32_t active;               /* frames running this code */
    size_t size, bytes;            /* code size, allocation size */
    uint8_t *code;
    uint32_t *blocks;
} evm__code_entry;

static evm__code_entry *evm__code_cache_get(evm_vm *vm, const evm_bytes32 *hash, const uint8_t *code,
                                            size_t code_size)
{
    evm__code_entry **pp = &vm->code_cache, *e;
    for (; (e = *pp) != NULL; pp = &e->next)
        if (e->size == code_size && e->fork == vm->fork && EVM_MEMCMP(e->hash.bytes, hash->bytes, 32) == 0) {
            *pp = e->next;                         /* to the front */
            e->next = vm->code_cache;
            vm->code_cache = e;
            return e;
        }
    evm__layout l = evm__frame_layout(code_size);
    size_t head = EVM__ALIGN64(sizeof(evm__code_entry)), bytes = head + l.size - l.code;
    if (bytes > vm->code_cache_size)
        return NULL;
    while (vm->code_cache_used + bytes > vm->code_cache_size) {   /* evict the oldest idle */
        evm__code_entry **victim = NULL;
        for (pp = &vm->code_cache; *pp; pp = &(*pp)->next)
            if (!(*pp)->active)
                victim = pp;
        if (!victim)
            return NULL;
        e = *victim;
        *victim = e->next;
        vm->code_cache_used -= e->bytes;
        evm_allocate(&vm->allocator, e, 0);
    }
    uint8_t *b = (uint8_t *)evm_allocate(&vm->allocator, NULL, bytes + 63);
    if (!b)
        return NULL;
    e = (evm__code_entry *)(void *)b;
    uint8_t *base = (uint8_t *)(((uintptr_t)b + head + 63) & ~(uintptr_t)63) - l.code;
    e->hash = *hash;
    e->fork = vm->fork;
    e->active = 0;
    e->size = code_size;
    e->bytes = bytes + 63;
    e->code = base + l.code;
    e->blocks = (uint32_t *)(void *)(base + l.blocks);
    EVM_MEMCPY(e->code, code, code_size);
    EVM_MEMSET(e->code + code_size, 0, EVM__CODE_PAD);
    evm__analyze_frame(e->code, code_size, e->blocks);
    e->next = vm->code_cache;
    vm->code_cache = e;
    vm->code_cache_used += e->bytes;
    return e;
}

static void evm__code_cache_clear(evm_vm *vm)
{
    while (vm->code_cache) {
        evm__code_entry *e = vm->code_cache;
        vm->code_cache = e->next;
        evm_allocate(&vm->allocator, e, 0);
    }
    vm->code_cache_used = 0;
}

static evm__frame *evm__frame_push(evm_vm *vm, const uint8_t *code, size_t code_size, evm__code_entry *ce)
{
    size_t cap = evm_arena_tier_capacity(ce ? 0 : code_size);
    if (cap < (ce ? 0 : code_size))
        return NULL;
    evm__layout l = evm__frame_layout(cap);
    uint8_t *block = (uint8_t *)evm_arena_push(&vm->arena, ce ? l.code : l.size);
    if (!block)
        return NULL;
    evm__frame *f = (evm__frame *)block;
    EVM_ASSERT(((uintptr_t)block & (EVM_ARENA_ALIGN - 1)) == 0);
    EVM_MEMSET(f, 0, sizeof *f);
    f->stack = (evm_u256 *)(block + l.stack);
    f->sp = f->stack;
    f->code_size = code_size;
    if (ce) {
        f->code = ce->code;
        f->blocks = ce->blocks;
        f->cached = ce;
        ce->active++;
    } else {
        f->code = block + l.code;
        f->blocks = (uint32_t *)(block + l.blocks);
        if (code_size)
            EVM_MEMCPY(f->code, code, code_size);
        EVM_MEMSET(f->code + code_size, 0, EVM__CODE_PAD);
        evm__analyze_frame(f->code, code_size, f->blocks);
    }
    evm_memory_acquire(&f->memory, &vm->pool);
    return f;
}

/* ADDRESS and CALLER as words, converted at the first use in a frame (a 20-byte
   big-endian load is ~100 rv64im instructions; a frame that uses neither pays nothing) */
EVM__NOINLINE void evm__frame_words(evm__frame *f)
{
    evm__from_address(&f->recipient_w, &f->recipient);
    evm__from_address(&f->sender_w, &f->sender);
    f->words_ready = true;
}

static void evm__frame_pop(evm_vm *vm, evm__frame *f)
{
    if (f->cached)
        f->cached->active--;
    evm_arena_pop(&vm->arena, f);
}

/* ---------------------------------------------------------------------------------
   Messages: starting one, finishing one, handing the outcome to the caller
   --------------------------------------------------------------------------------- */
typedef struct evm__outcome {
    evm_status status;
    int64_t gas_left;
    int64_t refund;
    const uint8_t *output;
    size_t output_size;
    evm_buffer owner;              /* holds output; handed over with it */
    evm_address created;
} evm__outcome;

EVM__INLINE bool evm__is_halt(evm_status s) { return s >= EVM_OUT_OF_GAS && s < EVM_OUT_OF_MEMORY; }
EVM__INLINE bool evm__is_abort(evm_status s) { return s >= EVM_OUT_OF_MEMORY; }

static bool evm__own_copy(evm_vm *vm, evm_buffer *b, const uint8_t *data, size_t size)
{
    b->data = NULL;
    b->capacity = 0;
    if (!size)
        return true;
    evm_memory tmp;
    evm_memory_acquire(&tmp, &vm->pool);
    *b = tmp.buf;
    if (!evm_buffer_reserve(b, &vm->allocator, size)) {
        evm_buffer_release(b, &vm->pool, &vm->allocator);
        return false;
    }
    EVM_MEMCPY(b->data, data, size);
    return true;
}

/* EIP-7702: if the code of addr is a delegation designator (0xef0100 || target), the
   target. */
static bool evm__delegation(const evm_host *h, void *ctx, const evm_address *addr, evm_address *target)
{
    size_t n = 0;
    const uint8_t *c = h->get_code(ctx, addr, &n);
    if (n != 23 || c[0] != 0xef || c[1] != 0x01 || c[2] != 0x00)
        return false;
    EVM_MEMCPY(target->bytes, c + 3, 20);
    return true;
}

/* Start a message. Returns true with *child set if a frame must run; false if *o
   already holds the outcome (a precompile, no code, a collision, an abort). */
static bool evm__start(evm_vm *vm, const evm_message *msg, evm__frame **child, evm__outcome *o)
{
    const evm_host *h = vm->host;
    void *ctx = vm->host_ctx;
    EVM_MEMSET(o, 0, sizeof *o);
    o->status = EVM_SUCCESS;
    o->gas_left = msg->gas;
    uint32_t snap = h->snapshot(ctx);
    const uint8_t *code;
    size_t code_size = 0;
    evm__code_entry *ce = NULL;
    bool create = msg->kind == EVM_CREATE || msg->kind == EVM_CREATE2;
    if (create) {
        evm_status cs = h->create_account(ctx, &msg->recipient);
        if (cs != EVM_SUCCESS) {
            h->revert(ctx, snap);
            o->status = cs;
            o->gas_left = cs == EVM_CREATE_COLLISION ? 0 : msg->gas;
            return false;
        }
        if ((vm->fork >= EVM_SPURIOUS_DRAGON && !h->set_nonce(ctx, &msg->recipient, 1)) ||
            !h->transfer(ctx, &msg->sender, &msg->recipient, &msg->value)) {
            h->revert(ctx, snap);
            o->status = EVM_OUT_OF_MEMORY;
            return false;
        }
        o->created = msg->recipient;
        code = msg->input;
        code_size = msg->input_size;
    } else {
        if (!msg->code && !msg->delegated && h->precompile) {
            evm_precompile_result pr;
            EVM_MEMSET(&pr, 0, sizeof pr);
            evm_precompile_status ps = h->precompile(ctx, vm->fork, &msg->code_address, msg->input,
                                                     msg->input_size, msg->gas, &pr);
            if (ps != EVM_PRECOMPILE_NONE) {
                if (ps == EVM_PRECOMPILE_OK && pr.gas_used >= 0 && pr.gas_used <= msg->gas) {
                    if ((msg->kind == EVM_CALL &&
                         !h->transfer(ctx, &msg->sender, &msg->recipient, &msg->value)) ||
                        !evm__own_copy(vm, &o->owner, pr.output, pr.output_size)) {
                        h->revert(ctx, snap);
                        o->status = EVM_OUT_OF_MEMORY;
                        return false;
                    }
                    o->gas_left = msg->gas - pr.gas_used;
                    o->output = o->owner.data;
                    o->output_size = pr.output_size;
                    return false;
                }
                h->revert(ctx, snap);
                o->gas_left = 0;
                o->status = ps == EVM_PRECOMPILE_OUT_OF_GAS ? EVM_OUT_OF_GAS
                          : ps == EVM_PRECOMPILE_ERROR ? EVM_PRECOMPILE_FAILURE
                          : ps == EVM_PRECOMPILE_UNSUPPORTED ? EVM_UNSUPPORTED_PRECOMPILE
                          : ps == EVM_PRECOMPILE_NO_MEMORY ? EVM_OUT_OF_MEMORY
                          : EVM_OUT_OF_GAS;   /* OK with impossible gas: treat as exhausted */
                return false;
            }
        }
        if (msg->kind == EVM_CALL) {
            /* EIP-161: a zero-value call to an absent account neither creates nor touches it */
            if (vm->fork >= EVM_SPURIOUS_DRAGON && !msg->code && evm__is_zero(&msg->value) &&
                !h->account_exists(ctx, &msg->recipient))
                return false;
            if (!h->transfer(ctx, &msg->sender, &msg->recipient, &msg->value)) {
                h->revert(ctx, snap);
                o->status = EVM_OUT_OF_MEMORY;
                return false;
            }
        }
        if (msg->code) {
            code = msg->code;
            code_size = msg->code_size;
        } else {
            code = h->get_code(ctx, &msg->code_address, &code_size);
            if (code_size >= EVM_CODE_CACHE_MIN && vm->code_cache_size) {
                evm_bytes32 hash;
                h->get_code_hash(ctx, &msg->code_address, &hash);
                code = h->get_code(ctx, &msg->code_address, &code_size);  /* valid again */
                ce = evm__code_cache_get(vm, &hash, code, code_size);
            }
        }
        if (code_size == 0)
            return false;
    }
    if (create && code_size == 0)
        return false;                  /* an empty contract, deployed with no code */
    evm__frame *f = evm__frame_push(vm, code, code_size, ce);
    if (!f) {
        h->revert(ctx, snap);
        o->status = EVM_ARENA_EXHAUSTED;
        o->gas_left = msg->gas;
        return false;
    }
    f->kind = msg->kind;
    f->is_static = msg->is_static;
    f->depth = msg->depth;
    f->snapshot = snap;
    f->recipient = msg->recipient;
    f->sender = msg->sender;
    f->code_address = create ? msg->recipient : msg->code_address;
    f->value = msg->value;
    f->input = create ? NULL : msg->input;
    f->input_size = create ? 0 : msg->input_size;
    f->gas = msg->gas;
    *child = f;
    return true;
}

/* Finish frame f with status and output [out, out + out_size) of its memory: deploy
   code for a create, revert on failure, release the frame. Returns its parent. */
static evm__frame *evm__finish(evm_vm *vm, evm__frame *f, evm_status status, const uint8_t *out,
                               size_t out_size, evm__outcome *o)
{
    const evm_host *h = vm->host;
    void *ctx = vm->host_ctx;
    if (vm->frame_end) {                 /* only set with a tracer */
        evm_frame_end e = {f->depth + 1, status, f->gas, out, out_size};
        vm->frame_end(vm->tracer_user, &e);
    }
    EVM_MEMSET(o, 0, sizeof *o);
    int64_t gas = f->gas;
    if ((f->kind == EVM_CREATE || f->kind == EVM_CREATE2) && status == EVM_SUCCESS) {
        o->created = f->recipient;
        if (vm->fork >= EVM_SPURIOUS_DRAGON && out_size > 24576) {
            status = EVM_CODE_SIZE_EXCEEDED;
        } else if (vm->fork >= EVM_LONDON && out_size > 0 && out[0] == 0xef) {
            status = EVM_CONTRACT_VALIDATION_FAILURE;
        } else {
            int64_t cost = 200 * (int64_t)out_size;
            if (gas < cost) {
                if (vm->fork >= EVM_HOMESTEAD)
                    status = EVM_OUT_OF_GAS;
                /* Frontier: the contract stays, without code, and keeps its gas */
            } else {
                gas -= cost;
                if (out_size && !h->set_code(ctx, &f->recipient, out, out_size))
                    status = EVM_OUT_OF_MEMORY;
            }
        }
        out_size = 0;                  /* a successful create returns no data */
    }
    o->status = status;
    if (status == EVM_SUCCESS || status == EVM_REVERT) {
        o->gas_left = gas;
        if (status == EVM_SUCCESS)
            o->refund = f->refund;
        if (out_size) {                /* hand the memory buffer over with the output */
            o->owner = f->memory.buf;
            o->output = out;
            o->output_size = out_size;
            f->memory.buf.data = NULL;
            f->memory.buf.capacity = 0;
        }
    }
    if (status != EVM_SUCCESS)
        h->revert(ctx, f->snapshot);
    evm_buffer_release(&f->memory.buf, &vm->pool, &vm->allocator);
    evm_buffer_release(&f->ret_owner, &vm->pool, &vm->allocator);
    evm__frame *parent = f->parent;
    evm__frame_pop(vm, f);
    return parent;
}

/* Give the outcome of a call or create to the frame that made it (whose sp has the
   arguments popped already): gas, refund, return data, output copy, result word. */
static void evm__deliver(evm_vm *vm, evm__frame *f, evm__outcome *o)
{
    f->gas += o->gas_left;
    if (o->status == EVM_SUCCESS)
        f->refund += o->refund;
    evm_buffer_release(&f->ret_owner, &vm->pool, &vm->allocator);
    evm_u256 *top = ++f->sp;
    if (f->pending_create) {
        if (o->status == EVM_SUCCESS)
            evm__from_address(top, &o->created);
        else
            *top = (evm_u256){{0, 0, 0, 0}};
        if (o->status != EVM_REVERT) {    /* return data only from a reverted create */
            evm_buffer_release(&o->owner, &vm->pool, &vm->allocator);
            o->output = NULL;
            o->output_size = 0;
        }
    } else {
        *top = (evm_u256){{o->status == EVM_SUCCESS, 0, 0, 0}};
        size_t n = o->output_size < f->out_size ? o->output_size : (size_t)f->out_size;
        if (n)
            EVM_MEMCPY(f->memory.buf.data + f->out_offset, o->output, n);
    }
    f->ret_owner = o->owner;
    f->ret_data = o->output;
    f->ret_size = o->output_size;
}

/* ---------------------------------------------------------------------------------
   Gas rules that need more than the static table
   --------------------------------------------------------------------------------- */

/* EIP-161: an account is empty if it has no nonce, no balance and no code; an absent
   account counts as empty too. */
static bool evm__account_empty(const evm_host *h, void *ctx, const evm_address *a)
{
    if (!h->account_exists(ctx, a))
        return true;
    evm_u256 bal;
    size_t n = 0;
    h->get_balance(ctx, a, &bal);
    h->get_code(ctx, a, &n);
    return !n && !h->get_nonce(ctx, a) && evm__is_zero(&bal);
}

/* SSTORE: returns the cost and adds the refund change (Frontier rules, EIP-1283 in
   Constantinople, EIP-2200 from Istanbul, EIP-2929 costs from Berlin, EIP-3529 refunds
   from London). `cold` adds the EIP-2929 cold-slot charge. */
static int64_t evm__sstore_cost(evm_fork fork, const evm_u256 *original, const evm_u256 *current,
                                const evm_u256 *value, bool cold, int64_t *refund)
{
    bool net = fork == EVM_CONSTANTINOPLE || fork >= EVM_ISTANBUL;
    if (!net) {
        if (evm__is_zero(current) && !evm__is_zero(value))
            return 20000;
        if (!evm__is_zero(current) && evm__is_zero(value))
            *refund += 15000;
        return 5000;
    }
    int64_t warm_read = fork >= EVM_BERLIN ? 100 : fork >= EVM_ISTANBUL ? 800 : 200;
    int64_t set = 20000, reset = fork >= EVM_BERLIN ? 2900 : 5000;
    int64_t clear = fork >= EVM_LONDON ? 4800 : 15000;
    int64_t cost = cold ? 2100 : 0;
    if (evm__eq(current, value))
        return cost + warm_read;
    if (evm__eq(original, current)) {
        if (evm__is_zero(original))
            return cost + set;
        if (evm__is_zero(value))
            *refund += clear;
        return cost + reset;
    }
    if (!evm__is_zero(original)) {
        if (evm__is_zero(current))
            *refund -= clear;
        if (evm__is_zero(value))
            *refund += clear;
    }
    if (evm__eq(original, value))
        *refund += evm__is_zero(original) ? set - warm_read : reset - warm_read;
    return cost + warm_read;
}

EVM__NOINLINE void evm__trace(evm_vm *vm, evm__frame *f, const uint8_t *pc, int64_t gas, evm_u256 *sp)
{
    evm_step s;                        /* traced code runs checked: gas is exact here */
    s.pc = (uint32_t)(pc - f->code);
    s.opcode = *pc;
    s.depth = f->depth + 1;
    s.gas = gas;
    s.gas_cost = evm_op_table[vm->fork][*pc].gas;
    s.refund = f->refund;
    s.stack = f->stack + 1;
    s.stack_size = (int32_t)(sp - f->stack);
    s.memory_size = (size_t)f->memory.size;
    s.memory = f->memory.buf.data;
    s.return_data_size = f->ret_size;
    s.return_data = f->ret_data;
    s.address = &f->recipient;
    s.code = f->code;
    s.code_size = f->code_size;
    vm->tracer(vm->tracer_user, &s);
}

/* ---------------------------------------------------------------------------------
   The interpreter loop
   ---------------------------------------------------------------------------------
   One function runs every frame of a message: a CALL or CREATE saves the registers into
   the frame record, pushes the child's frame and continues with it; RETURN & co. finish
   the frame, hand the outcome to the parent and continue with the parent. The C stack
   therefore does not grow with call depth.

   Dispatch is written once through EVM__OP / EVM__NEXT: computed goto on gcc and clang
   (each opcode ends with its own indirect jump), a switch elsewhere and when optimising
   for size (-Os: 17 % less code on rv32im, 34 % on x86-64). Stack bounds and
   static gas are checked per instruction the first time a basic block runs and once
   per block afterwards (EVM__ENTER): at a JUMPDEST, and where execution continues after
   an instruction that ends a block without jumping. Opcode bodies themselves only
   charge their dynamic costs. */
#if (defined(__GNUC__) || defined(__clang__)) && !defined(EVM_NO_COMPUTED_GOTO) &&             \
    (!defined(__OPTIMIZE_SIZE__) || defined(EVM_COMPUTED_GOTO))
#define EVM__CGOTO 1
#endif

/* an opcode from a later fork is undefined before it */
#define EVM__PRE(NAME)                                                                      \
    if (EVM__SINCE_##NAME > 0 && (int)fork < EVM__SINCE_##NAME) goto undefined;

/* The checks of one instruction in checked mode: only those it can fail (specialised at
   compile time from the generated table), its static gas as a constant where no fork
   changes it. A failure goes to check_failed, which works out which check it was. */
#define EVM__CHECK(NAME)                                                                    \
    if (EVM__REQ_##NAME > 0 && EVM__UNLIKELY(sp - f->stack < EVM__REQ_##NAME)) goto check_failed; \
    if (EVM__CHG_##NAME > 0 && EVM__UNLIKELY(sp - f->stack > EVM__STACK_WORDS - EVM__CHG_##NAME)) \
        goto check_failed;                                                                  \
    gas -= EVM__GAS_##NAME >= 0 ? (int64_t)EVM__GAS_##NAME : (int64_t)optab[EVM_OP_##NAME].gas; \
    if (EVM__UNLIKELY(gas < 0)) goto check_failed;

/* Entering the block at pc: run it checked the first two times (and always under a tracer,
   so traced gas is exact per instruction, and always for EVM__BLOCK_CHECKED blocks);
   measure it the third time; then check and charge it once, and run it unchecked. */
#define EVM__ENTER() do {                                                                   \
        uint32_t *bc_ = &f->blocks[pc - f->code];                                           \
        uint32_t b_ = *bc_;                                                                 \
        if (EVM__UNLIKELY(!(b_ & EVM__BLOCK_MEASURED))) {    /* 0, 1, 2 or CHECKED */       \
            if ((b_ & 3) < 2) {                  /* the first or second time: checked */    \
                *bc_ = b_ + 1;                                                              \
                EVM__CHECKED_MODE();                                                        \
                break;                                                                      \
            }                                                                               \
            if ((b_ & 3) == 2 && !tracing)                                                  \
                b_ = *bc_ = (b_ & EVM__BLOCK_JUMPDEST) |                                    \
                            evm__block_first(f->code, f->code_size, (size_t)(pc - f->code), optab); \
            if (!(b_ & EVM__BLOCK_MEASURED)) {                                              \
                EVM__CHECKED_MODE();                                                        \
                break;                                                                      \
            }                                                                               \
        }                                                                                   \
        if (EVM__UNLIKELY((uint32_t)(sp - f->stack) - ((b_ >> 18) & 63) >                   \
                          EVM__STACK_WORDS - ((b_ >> 24) & 127)))                           \
            goto block_stack_failed;                                                        \
        gas -= b_ & 0x1ffff;                                                                \
        if (EVM__UNLIKELY(gas < 0)) goto oog;                                               \
        EVM__FAST_MODE();                                                                   \
    } while (0)
/* Execution continues at pc after an instruction that ended a block without jumping. */
#define EVM__CONTINUE() EVM__ENTER()

#ifdef EVM__CGOTO
/* two entry points per opcode: checked (jump table `checked_labels`) and plain (`labels`) */
#define EVM__OP(NAME) L_chk_##NAME: EVM__CHECK(NAME) L_##NAME: EVM__PRE(NAME)
#define EVM__NEXT(n) do { pc += (n); goto *jt[*pc]; } while (0)
#define EVM__CHECKED_MODE() (jt = tracing ? trace_labels : checked_labels)
#define EVM__FAST_MODE() (jt = labels)
#else
#define EVM__OP(NAME) case EVM_OP_##NAME: EVM__PRE(NAME)
#define EVM__NEXT(n) do { pc += (n); goto dispatch; } while (0)
#define EVM__CHECKED_MODE() (checked = true)
#define EVM__FAST_MODE() (checked = false)
#endif

/* Charge, or halt with out-of-gas. */
#define EVM__CHARGE(c) do { gas -= (int64_t)(c); if (EVM__UNLIKELY(gas < 0)) goto oog; } while (0)
/* The one memory expansion entry (evm_memory.h). */
#define EVM__MEMORY(off, size) do {                                                        \
        evm_status ms_ = evm_memory_expand(&f->memory, alloc, (off), (size), &gas);         \
        if (EVM__UNLIKELY(ms_ != EVM_SUCCESS)) { status = ms_; goto fail; }                 \
    } while (0)
#define EVM__MEMORY32(off) do {                                                            \
        if (EVM__UNLIKELY(!evm__fits64(off))) goto oog;                                     \
        evm_status ms_ = evm_memory_expand64(&f->memory, alloc, (off)->w[0], 32, &gas);    \
        if (EVM__UNLIKELY(ms_ != EVM_SUCCESS)) { status = ms_; goto fail; }                 \
    } while (0)
#define EVM__HOST_OK(call) do { if (EVM__UNLIKELY(!(call))) { status = EVM_OUT_OF_MEMORY; goto fail; } } while (0)
/* EIP-2929 cold account surcharge (from Berlin) */
#define EVM__ACCESS_ACCOUNT(addr) do {                                                     \
        if (fork >= EVM_BERLIN && !host->access_account(hctx, (addr))) EVM__CHARGE(2500);   \
    } while (0)
#define EVM__SAVE() do { f->pc = (size_t)(pc - f->code); f->sp = sp; f->gas = gas; } while (0)
#define EVM__LOAD() do { pc = f->code + f->pc; sp = f->sp; gas = f->gas; } while (0)
/* continue with frame f: a new one, or a caller whose call just finished */
#define EVM__RESUME() do { EVM__LOAD(); EVM__CONTINUE(); EVM__NEXT(0); } while (0)

/* Rarely used state is read from the vm and the frame record where it is used: across
   the many calls in opcode bodies only the callee-saved registers survive, and they are
   kept for pc, sp, gas, the jump table, f and vm. */
#define host (vm->host)
#define hctx (vm->host_ctx)
#define optab (evm_op_table[fork])
#define tx (vm->tx)
#define alloc (&vm->allocator)
static void evm__loop(evm_vm *vm, evm__frame *f, evm__outcome *final)
{
    const evm_fork fork = vm->fork;
    const uint8_t *pc;
    evm_u256 *sp;
    int64_t gas;
    evm_status status = EVM_SUCCESS;
    const uint8_t *out = NULL;       /* RETURN / REVERT output */
    size_t out_size = 0;
    evm__outcome o;
    evm_message msg;

    const bool tracing = vm->tracer != NULL;
#ifdef EVM__CGOTO
#define EVM__LABEL(NAME) &&L_##NAME,
#define EVM__CHK_LABEL(NAME) &&L_chk_##NAME,
#define EVM__UNDEF &&undefined,
#define EVM__TRACE_LABEL(NAME) &&trace,
#define EVM__TRACE_UNDEF &&trace,
    static const void *const labels[256] = {EVM_OPCODE_TABLE(EVM__LABEL, EVM__UNDEF)};
    static const void *const checked_labels[256] = {EVM_OPCODE_TABLE(EVM__CHK_LABEL, EVM__UNDEF)};
    static const void *const trace_labels[256] = {EVM_OPCODE_TABLE(EVM__TRACE_LABEL, EVM__TRACE_UNDEF)};
    const void *const *jt = tracing ? trace_labels : checked_labels;
#undef EVM__LABEL
#undef EVM__CHK_LABEL
#undef EVM__UNDEF
#undef EVM__TRACE_LABEL
#undef EVM__TRACE_UNDEF
#else
    bool checked = true;
#endif

    EVM__RESUME();

#ifdef EVM__CGOTO
trace:
    evm__trace(vm, f, pc, gas, sp);
    goto *checked_labels[*pc];
#else
dispatch:
    if (EVM__UNLIKELY(tracing))
        evm__trace(vm, f, pc, gas, sp);
    if (checked) {                  /* the generic form of EVM__CHECK */
        const evm_op_info *in = &optab[*pc];
        if (sp - f->stack < in->stack_req || sp - f->stack > EVM__STACK_WORDS - in->stack_change)
            goto check_failed;
        gas -= in->gas;
        if (EVM__UNLIKELY(gas < 0)) goto check_failed;
    }
    switch (*pc) {
#endif

    /* ---- stop and arithmetic ---- */
    EVM__OP(STOP) { status = EVM_SUCCESS; out_size = 0; goto finish; }
    EVM__OP(ADD) { evm__add(&sp[-1], &sp[0], &sp[-1]); sp--; EVM__NEXT(1); }
    EVM__OP(MUL) { evm__mul(&sp[-1], &sp[0], &sp[-1]); sp--; EVM__NEXT(1); }
    EVM__OP(SUB) { evm__sub(&sp[-1], &sp[0], &sp[-1]); sp--; EVM__NEXT(1); }
    EVM__OP(DIV) { evm__div(&sp[-1], &sp[0], &sp[-1]); sp--; EVM__NEXT(1); }
    EVM__OP(SDIV) { evm__sdiv(&sp[-1], &sp[0], &sp[-1]); sp--; EVM__NEXT(1); }
    EVM__OP(MOD) { evm__mod(&sp[-1], &sp[0], &sp[-1]); sp--; EVM__NEXT(1); }
    EVM__OP(SMOD) { evm__smod(&sp[-1], &sp[0], &sp[-1]); sp--; EVM__NEXT(1); }
    EVM__OP(ADDMOD) { evm__addmod(&sp[-2], &sp[0], &sp[-1], &sp[-2]); sp -= 2; EVM__NEXT(1); }
    EVM__OP(MULMOD) { evm__mulmod(&sp[-2], &sp[0], &sp[-1], &sp[-2]); sp -= 2; EVM__NEXT(1); }
    EVM__OP(EXP) {
        int bytes = 0;
        for (int i = 3; i >= 0; i--)
            if (sp[-1].w[i]) { bytes = i * 8 + (64 - evm__clz64(sp[-1].w[i]) + 7) / 8; break; }
        EVM__CHARGE((fork >= EVM_SPURIOUS_DRAGON ? 50 : 10) * bytes);
        evm__exp(&sp[-1], &sp[0], &sp[-1]);
        sp--;
        EVM__NEXT(1);
    }
    EVM__OP(SIGNEXTEND) { evm__signextend_in(&sp[-1], &sp[0]); sp--; EVM__NEXT(1); }

    /* ---- comparison and bitwise logic ---- */
    EVM__OP(LT) { bool r = evm__lt(&sp[0], &sp[-1]); sp--; *sp = (evm_u256){{r, 0, 0, 0}}; EVM__NEXT(1); }
    EVM__OP(GT) { bool r = evm__lt(&sp[-1], &sp[0]); sp--; *sp = (evm_u256){{r, 0, 0, 0}}; EVM__NEXT(1); }
    EVM__OP(SLT) { bool r = evm__slt(&sp[0], &sp[-1]); sp--; *sp = (evm_u256){{r, 0, 0, 0}}; EVM__NEXT(1); }
    EVM__OP(SGT) { bool r = evm__slt(&sp[-1], &sp[0]); sp--; *sp = (evm_u256){{r, 0, 0, 0}}; EVM__NEXT(1); }
    EVM__OP(EQ) { bool r = evm__eq(&sp[0], &sp[-1]); sp--; *sp = (evm_u256){{r, 0, 0, 0}}; EVM__NEXT(1); }
    EVM__OP(ISZERO) { bool r = evm__is_zero(&sp[0]); *sp = (evm_u256){{r, 0, 0, 0}}; EVM__NEXT(1); }
    EVM__OP(AND) {
        for (int i = 0; i < 4; i++) sp[-1].w[i] &= sp[0].w[i];
        sp--;
        EVM__NEXT(1);
    }
    EVM__OP(OR) {
        for (int i = 0; i < 4; i++) sp[-1].w[i] |= sp[0].w[i];
        sp--;
        EVM__NEXT(1);
    }
    EVM__OP(XOR) {
        for (int i = 0; i < 4; i++) sp[-1].w[i] ^= sp[0].w[i];
        sp--;
        EVM__NEXT(1);
    }
    EVM__OP(NOT) { for (int i = 0; i < 4; i++) sp[0].w[i] = ~sp[0].w[i]; EVM__NEXT(1); }
    EVM__OP(BYTE) { evm__byte(&sp[-1], &sp[0], &sp[-1]); sp--; EVM__NEXT(1); }
    EVM__OP(SHL) { evm__shl(&sp[-1], &sp[0], &sp[-1]); sp--; EVM__NEXT(1); }
    EVM__OP(SHR) { evm__shr(&sp[-1], &sp[0], &sp[-1]); sp--; EVM__NEXT(1); }
    EVM__OP(SAR) { evm__sar(&sp[-1], &sp[0], &sp[-1]); sp--; EVM__NEXT(1); }
    EVM__OP(CLZ) {   /* EIP-7939: leading zero bits, 256 for zero */
        int n = 0, i = 3;
        while (i >= 0 && sp[0].w[i] == 0) { n += 64; i--; }
        if (i >= 0)
            n += evm__clz64(sp[0].w[i]);
        sp[0].w[0] = (uint64_t)n; sp[0].w[1] = sp[0].w[2] = sp[0].w[3] = 0;
        EVM__NEXT(1);
    }

    /* ---- keccak ---- */
    EVM__OP(KECCAK256) {
        EVM__MEMORY(&sp[0], &sp[-1]);
        uint64_t size = sp[-1].w[0];
        EVM__CHARGE(6 * evm__words(size));
        uint8_t h[32];
        evm_keccak256(size ? f->memory.buf.data + sp[0].w[0] : (const uint8_t *)"", (size_t)size, h);
        sp--;
        evm__load_be(sp, h, 32);
        EVM__NEXT(1);
    }

    /* ---- environment ---- */
    EVM__OP(ADDRESS) { if (EVM__UNLIKELY(!f->words_ready)) evm__frame_words(f); *++sp = f->recipient_w; EVM__NEXT(1); }
    EVM__OP(BALANCE) {
        evm_address a;
        evm__to_address(&a, sp);
        EVM__ACCESS_ACCOUNT(&a);
        host->get_balance(hctx, &a, sp);
        EVM__NEXT(1);
    }
    EVM__OP(ORIGIN) { evm__from_address(++sp, &tx->origin); EVM__NEXT(1); }
    EVM__OP(CALLER) { if (EVM__UNLIKELY(!f->words_ready)) evm__frame_words(f); *++sp = f->sender_w; EVM__NEXT(1); }
    EVM__OP(CALLVALUE) { *++sp = f->value; EVM__NEXT(1); }
    EVM__OP(CALLDATALOAD) {
        uint8_t b[32];
        evm__copy_padded(b, 32, f->input, f->input_size, sp);
        evm__load_be(sp, b, 32);
        EVM__NEXT(1);
    }
    EVM__OP(CALLDATASIZE) { *++sp = (evm_u256){{(uint64_t)f->input_size, 0, 0, 0}}; EVM__NEXT(1); }
/* CALLDATACOPY and CODECOPY: memory[sp0 .. +sp2] = src[sp1 ..], zero-filled past src_size */
#define EVM__COPY_OP(src, src_size) {                                                       \
        EVM__MEMORY(&sp[0], &sp[-2]);                                                       \
        uint64_t size = sp[-2].w[0];                                                        \
        EVM__CHARGE(3 * evm__words(size));                                                  \
        if (size)                                                                           \
            evm__copy_padded(f->memory.buf.data + sp[0].w[0], (size_t)size, (src), (src_size), &sp[-1]); \
        sp -= 3;                                                                            \
        EVM__NEXT(1);                                                                       \
    }
    EVM__OP(CALLDATACOPY) EVM__COPY_OP(f->input, f->input_size)
    EVM__OP(CODESIZE) { *++sp = (evm_u256){{(uint64_t)f->code_size, 0, 0, 0}}; EVM__NEXT(1); }
    EVM__OP(CODECOPY) EVM__COPY_OP(f->code, f->code_size)
#undef EVM__COPY_OP
    EVM__OP(GASPRICE) { *++sp = tx->gas_price; EVM__NEXT(1); }
    EVM__OP(EXTCODESIZE) {
        evm_address a;
        size_t n = 0;
        evm__to_address(&a, sp);
        EVM__ACCESS_ACCOUNT(&a);
        host->get_code(hctx, &a, &n);
        *sp = (evm_u256){{(uint64_t)n, 0, 0, 0}};
        EVM__NEXT(1);
    }
    EVM__OP(EXTCODECOPY) {
        evm_address a;
        evm__to_address(&a, &sp[0]);
        EVM__MEMORY(&sp[-1], &sp[-3]);
        uint64_t size = sp[-3].w[0];
        EVM__CHARGE(3 * evm__words(size));
        EVM__ACCESS_ACCOUNT(&a);
        if (size) {
            size_t n = 0;
            const uint8_t *c = host->get_code(hctx, &a, &n);
            evm__copy_padded(f->memory.buf.data + sp[-1].w[0], (size_t)size, c, n, &sp[-2]);
        }
        sp -= 4;
        EVM__NEXT(1);
    }
    EVM__OP(RETURNDATASIZE) { *++sp = (evm_u256){{(uint64_t)f->ret_size, 0, 0, 0}}; EVM__NEXT(1); }
    EVM__OP(RETURNDATACOPY) {
        EVM__MEMORY(&sp[0], &sp[-2]);
        uint64_t size = sp[-2].w[0];
        EVM__CHARGE(3 * evm__words(size));
        /* reading past the return data is an exceptional halt (EIP-211) */
        if (!evm__fits64(&sp[-1]) || sp[-1].w[0] > f->ret_size || (size && size > f->ret_size - sp[-1].w[0])) {
            status = EVM_INVALID_MEMORY_ACCESS;
            goto fail;
        }
        if (size)
            EVM_MEMCPY(f->memory.buf.data + sp[0].w[0], f->ret_data + sp[-1].w[0], (size_t)size);
        sp -= 3;
        EVM__NEXT(1);
    }
    EVM__OP(EXTCODEHASH) {
        evm_address a;
        evm__to_address(&a, sp);
        EVM__ACCESS_ACCOUNT(&a);
        *sp = (evm_u256){{0, 0, 0, 0}};
        if (!evm__account_empty(host, hctx, &a)) {
            evm_bytes32 h;
            host->get_code_hash(hctx, &a, &h);
            evm__from_bytes32(sp, &h);
        }
        EVM__NEXT(1);
    }

    /* ---- block ---- */
    EVM__OP(BLOCKHASH) {
        uint64_t cur = tx->number;
        evm_u256 *n = sp;
        bool in = evm__fits64(n) && n->w[0] < cur && cur - n->w[0] <= 256;
        if (in) {
            evm_bytes32 h;
            host->get_block_hash(hctx, n->w[0], &h);
            evm__from_bytes32(sp, &h);
        } else {
            *sp = (evm_u256){{0, 0, 0, 0}};
        }
        EVM__NEXT(1);
    }
    EVM__OP(COINBASE) { evm__from_address(++sp, &tx->coinbase); EVM__NEXT(1); }
    EVM__OP(TIMESTAMP) { *++sp = (evm_u256){{tx->timestamp, 0, 0, 0}}; EVM__NEXT(1); }
    EVM__OP(NUMBER) { *++sp = (evm_u256){{tx->number, 0, 0, 0}}; EVM__NEXT(1); }
    EVM__OP(PREVRANDAO) { *++sp = tx->prevrandao; EVM__NEXT(1); }
    EVM__OP(GASLIMIT) { *++sp = (evm_u256){{(uint64_t)tx->gas_limit, 0, 0, 0}}; EVM__NEXT(1); }
    EVM__OP(CHAINID) { *++sp = tx->chain_id; EVM__NEXT(1); }
    EVM__OP(SELFBALANCE) { host->get_balance(hctx, &f->recipient, ++sp); EVM__NEXT(1); }
    EVM__OP(BASEFEE) { *++sp = tx->base_fee; EVM__NEXT(1); }
    EVM__OP(BLOBHASH) {
        if (evm__fits64(sp) && sp->w[0] < tx->blob_hashes_count)
            evm__from_bytes32(sp, &tx->blob_hashes[sp->w[0]]);
        else
            *sp = (evm_u256){{0, 0, 0, 0}};
        EVM__NEXT(1);
    }
    EVM__OP(BLOBBASEFEE) { *++sp = tx->blob_base_fee; EVM__NEXT(1); }

    /* ---- stack, memory, storage, flow ---- */
    EVM__OP(POP) { sp--; EVM__NEXT(1); }
    EVM__OP(MLOAD) {
        EVM__MEMORY32(sp);
        evm__load_be32(sp, f->memory.buf.data + sp->w[0]);
        EVM__NEXT(1);
    }
    EVM__OP(MSTORE) {
        EVM__MEMORY32(&sp[0]);
        evm__store_be(f->memory.buf.data + sp[0].w[0], &sp[-1]);
        sp -= 2;
        EVM__NEXT(1);
    }
    EVM__OP(MSTORE8) {
        if (EVM__UNLIKELY(!evm__fits64(&sp[0]))) goto oog;
        evm_status ms = evm_memory_expand64(&f->memory, alloc, sp[0].w[0], 1, &gas);
        if (EVM__UNLIKELY(ms != EVM_SUCCESS)) { status = ms; goto fail; }
        f->memory.buf.data[sp[0].w[0]] = (uint8_t)sp[-1].w[0];
        sp -= 2;
        EVM__NEXT(1);
    }
    EVM__OP(SLOAD) {
        if (fork >= EVM_BERLIN && !host->access_storage(hctx, &f->recipient, sp))
            EVM__CHARGE(2000);
        host->get_storage(hctx, &f->recipient, sp, sp);
        EVM__NEXT(1);
    }
    EVM__OP(SSTORE) {
        if (f->is_static) { status = EVM_STATIC_MODE_VIOLATION; goto fail; }
        if (fork >= EVM_ISTANBUL && gas <= 2300) goto oog;     /* EIP-2200 reentrancy sentry */
        bool cold = fork >= EVM_BERLIN && !host->access_storage(hctx, &f->recipient, &sp[0]);
        evm_u256 current, original = {{0, 0, 0, 0}};
        host->get_storage(hctx, &f->recipient, &sp[0], &current);
        bool net = fork == EVM_CONSTANTINOPLE || fork >= EVM_ISTANBUL;
        if (net && !evm__eq(&current, &sp[-1]))
            host->get_original_storage(hctx, &f->recipient, &sp[0], &original);
        int64_t refund = f->refund;
        EVM__CHARGE(evm__sstore_cost(fork, &original, &current, &sp[-1], cold, &refund));
        f->refund = refund;
        if (!evm__eq(&current, &sp[-1]))
            EVM__HOST_OK(host->set_storage(hctx, &f->recipient, &sp[0], &sp[-1]));
        sp -= 2;
        pc++;
        EVM__CONTINUE();
        EVM__NEXT(0);
    }
    EVM__OP(JUMP) {
        const evm_u256 *d = sp--;
        if (EVM__UNLIKELY(!evm__fits64(d) || d->w[0] >= f->code_size ||
                          !(f->blocks[d->w[0]] & EVM__BLOCK_JUMPDEST))) {
            status = EVM_BAD_JUMP_DESTINATION;
            goto fail;
        }
        pc = f->code + d->w[0];
        EVM__ENTER();
        EVM__NEXT(0);
    }
    EVM__OP(JUMPI) {
        const evm_u256 *d = &sp[0];
        bool cond = !evm__is_zero(&sp[-1]);
        sp -= 2;
        if (cond) {
            if (EVM__UNLIKELY(!evm__fits64(d) || d->w[0] >= f->code_size ||
                              !(f->blocks[d->w[0]] & EVM__BLOCK_JUMPDEST))) {
                status = EVM_BAD_JUMP_DESTINATION;
                goto fail;
            }
            pc = f->code + d->w[0];
            EVM__ENTER();
            EVM__NEXT(0);
        }
        pc++;
        EVM__CONTINUE();
        EVM__NEXT(0);
    }
    EVM__OP(PC) { *++sp = (evm_u256){{(uint64_t)(pc - f->code), 0, 0, 0}}; EVM__NEXT(1); }
    EVM__OP(MSIZE) { *++sp = (evm_u256){{f->memory.size, 0, 0, 0}}; EVM__NEXT(1); }
    EVM__OP(GAS) {
        *++sp = (evm_u256){{(uint64_t)gas, 0, 0, 0}};   /* exact: GAS ends its block */
        pc++;
        EVM__CONTINUE();
        EVM__NEXT(0);
    }
    EVM__OP(JUMPDEST) { EVM__NEXT(1); }
    EVM__OP(TLOAD) { host->get_transient(hctx, &f->recipient, sp, sp); EVM__NEXT(1); }
    EVM__OP(TSTORE) {
        if (f->is_static) { status = EVM_STATIC_MODE_VIOLATION; goto fail; }
        EVM__HOST_OK(host->set_transient(hctx, &f->recipient, &sp[0], &sp[-1]));
        sp -= 2;
        EVM__NEXT(1);
    }
    EVM__OP(MCOPY) {
        /* expanding for the destination then the source charges exactly the cost of
           the larger of the two, as the incremental tracker only charges differences */
        EVM__MEMORY(&sp[0], &sp[-2]);
        EVM__MEMORY(&sp[-1], &sp[-2]);
        uint64_t size = sp[-2].w[0];
        EVM__CHARGE(3 * evm__words(size));
        if (size)
            EVM_MEMMOVE(f->memory.buf.data + sp[0].w[0], f->memory.buf.data + sp[-1].w[0], (size_t)size);
        sp -= 3;
        EVM__NEXT(1);
    }

    /* ---- push, dup, swap ---- */
    EVM__OP(PUSH0) { *++sp = (evm_u256){{0, 0, 0, 0}}; EVM__NEXT(1); }
    EVM__OP(PUSH1) { *++sp = (evm_u256){{pc[1], 0, 0, 0}}; EVM__NEXT(2); }
#define EVM__PUSH(N) EVM__OP(PUSH##N) { evm__load_push(++sp, pc + 1, N); EVM__NEXT(N + 1); }
    EVM__PUSH(2) EVM__PUSH(3) EVM__PUSH(4) EVM__PUSH(5) EVM__PUSH(6) EVM__PUSH(7) EVM__PUSH(8)
    EVM__PUSH(9) EVM__PUSH(10) EVM__PUSH(11) EVM__PUSH(12) EVM__PUSH(13) EVM__PUSH(14)
    EVM__PUSH(15) EVM__PUSH(16) EVM__PUSH(17) EVM__PUSH(18) EVM__PUSH(19) EVM__PUSH(20)
    EVM__PUSH(21) EVM__PUSH(22) EVM__PUSH(23) EVM__PUSH(24) EVM__PUSH(25) EVM__PUSH(26)
    EVM__PUSH(27) EVM__PUSH(28) EVM__PUSH(29) EVM__PUSH(30) EVM__PUSH(31) EVM__PUSH(32)
#undef EVM__PUSH
#define EVM__DUP(N) EVM__OP(DUP##N) { evm__copy_word(&sp[1], &sp[1 - N]); sp++; EVM__NEXT(1); }
    EVM__DUP(1) EVM__DUP(2) EVM__DUP(3) EVM__DUP(4) EVM__DUP(5) EVM__DUP(6) EVM__DUP(7) EVM__DUP(8)
    EVM__DUP(9) EVM__DUP(10) EVM__DUP(11) EVM__DUP(12) EVM__DUP(13) EVM__DUP(14) EVM__DUP(15) EVM__DUP(16)
#undef EVM__DUP
#define EVM__SWAP(N) EVM__OP(SWAP##N) { evm_u256 t; evm__copy_word(&t, &sp[0]); evm__copy_word(&sp[0], &sp[-N]); evm__copy_word(&sp[-N], &t); EVM__NEXT(1); }
    EVM__SWAP(1) EVM__SWAP(2) EVM__SWAP(3) EVM__SWAP(4) EVM__SWAP(5) EVM__SWAP(6) EVM__SWAP(7)
    EVM__SWAP(8) EVM__SWAP(9) EVM__SWAP(10) EVM__SWAP(11) EVM__SWAP(12) EVM__SWAP(13)
    EVM__SWAP(14) EVM__SWAP(15) EVM__SWAP(16)
#undef EVM__SWAP

    /* ---- logs ---- */
#define EVM__LOG(N) EVM__OP(LOG##N) {                                                      \
        if (f->is_static) { status = EVM_STATIC_MODE_VIOLATION; goto fail; }                \
        EVM__MEMORY(&sp[0], &sp[-1]);                                                       \
        uint64_t size = sp[-1].w[0];                                                        \
        EVM__CHARGE(8 * size);                                                              \
        evm_bytes32 topics[4];                                                              \
        for (int i = 0; i < N; i++) evm__store_be(topics[i].bytes, &sp[-2 - i]);            \
        EVM__HOST_OK(host->emit_log(hctx, &f->recipient, topics, N,                          \
                                    size ? f->memory.buf.data + sp[0].w[0] : NULL, (size_t)size)); \
        sp -= 2 + N;                                                                        \
        EVM__NEXT(1);                                                                       \
    }
    EVM__LOG(0) EVM__LOG(1) EVM__LOG(2) EVM__LOG(3) EVM__LOG(4)
#undef EVM__LOG

    /* ---- calls and creates ---- */
    EVM__OP(CREATE) { goto create; }
    EVM__OP(CREATE2) { goto create; }
    EVM__OP(CALL) { goto call; }
    EVM__OP(CALLCODE) { goto call; }
    EVM__OP(DELEGATECALL) { goto call; }
    EVM__OP(STATICCALL) { goto call; }

    EVM__OP(RETURN) {
        EVM__MEMORY(&sp[0], &sp[-1]);
        status = EVM_SUCCESS;
        out_size = (size_t)sp[-1].w[0];
        out = out_size ? f->memory.buf.data + sp[0].w[0] : NULL;
        goto finish;
    }
    EVM__OP(REVERT) {
        EVM__MEMORY(&sp[0], &sp[-1]);
        status = EVM_REVERT;
        out_size = (size_t)sp[-1].w[0];
        out = out_size ? f->memory.buf.data + sp[0].w[0] : NULL;
        goto finish;
    }
    EVM__OP(INVALID) { status = EVM_INVALID_INSTRUCTION; goto fail; }
    EVM__OP(SELFDESTRUCT) {
        if (f->is_static) { status = EVM_STATIC_MODE_VIOLATION; goto fail; }
        evm_address b;
        evm__to_address(&b, sp);
        if (fork >= EVM_BERLIN && !host->access_account(hctx, &b))
            EVM__CHARGE(2600);             /* the whole cold cost: 5000 is not a warm cost */
        if (fork >= EVM_TANGERINE_WHISTLE) {
            bool charge_new;
            if (fork >= EVM_SPURIOUS_DRAGON) {
                evm_u256 bal;
                host->get_balance(hctx, &f->recipient, &bal);
                charge_new = !evm__is_zero(&bal) && evm__account_empty(host, hctx, &b);
            } else {
                charge_new = !host->account_exists(hctx, &b);
            }
            if (charge_new)
                EVM__CHARGE(25000);
        }
        if (host->selfdestruct(hctx, &f->recipient, &b) && fork < EVM_LONDON)
            f->refund += 24000;
        status = EVM_SUCCESS;
        out_size = 0;
        goto finish;
    }

#ifndef EVM__CGOTO
    default:
        goto undefined;
    }
#endif

call: {
        uint8_t opc = *pc;
        bool has_value = opc == EVM_OP_CALL || opc == EVM_OP_CALLCODE;
        evm_u256 *req_gas = &sp[0];
        evm_address to;
        evm__to_address(&to, &sp[-1]);
        evm_u256 value = has_value ? sp[-2] : (evm_u256){{0, 0, 0, 0}};
        evm_u256 *a = has_value ? &sp[-3] : &sp[-2];    /* in offset, in size, out offset, out size */
        sp -= has_value ? 7 : 6;
        bool transfers = has_value && !evm__is_zero(&value);
        if (opc == EVM_OP_CALL && transfers && f->is_static) {
            status = EVM_STATIC_MODE_VIOLATION;
            goto fail;
        }
        EVM__MEMORY(&a[0], &a[-1]);
        EVM__MEMORY(&a[-2], &a[-3]);
        EVM__ACCESS_ACCOUNT(&to);
        evm_address code_at = to;
        bool delegated = fork >= EVM_PRAGUE && evm__delegation(host, hctx, &to, &code_at);
        if (delegated)                         /* EIP-7702: the delegation's target is accessed too */
            EVM__CHARGE(host->access_account(hctx, &code_at) ? 100 : 2600);
        if (transfers)
            EVM__CHARGE(9000);
        if (opc == EVM_OP_CALL) {
            bool charge_new;
            if (fork >= EVM_SPURIOUS_DRAGON)
                charge_new = transfers && evm__account_empty(host, hctx, &to);
            else
                charge_new = !host->account_exists(hctx, &to);
            if (charge_new)
                EVM__CHARGE(25000);
        }
        int64_t child_gas;
        if (fork >= EVM_TANGERINE_WHISTLE) {
            int64_t cap = gas - gas / 64;      /* EIP-150: all but one 64th */
            child_gas = evm__fits64(req_gas) && req_gas->w[0] < (uint64_t)cap ? (int64_t)req_gas->w[0] : cap;
        } else {
            if (!evm__fits64(req_gas) || req_gas->w[0] > (uint64_t)gas)
                goto oog;
            child_gas = (int64_t)req_gas->w[0];
        }
        EVM__CHARGE(child_gas);
        if (transfers)
            child_gas += 2300;                 /* the stipend is free */
        f->out_size = evm__is_zero(&a[-3]) ? 0 : a[-3].w[0];   /* fits: memory was paid */
        f->out_offset = f->out_size ? a[-2].w[0] : 0;
        f->pending_create = false;
        pc++;
        EVM__SAVE();
        if (f->depth >= 1024) {
            EVM_MEMSET(&o, 0, sizeof o);
            o.status = EVM_CALL_DEPTH_EXCEEDED;
            o.gas_left = child_gas;
            evm__deliver(vm, f, &o);
            EVM__RESUME();
        }
        if (has_value) {
            evm_u256 bal;
            host->get_balance(hctx, &f->recipient, &bal);
            if (evm__lt(&bal, &value)) {
                EVM_MEMSET(&o, 0, sizeof o);
                o.status = EVM_INSUFFICIENT_BALANCE;
                o.gas_left = child_gas;
                evm__deliver(vm, f, &o);
                EVM__RESUME();
            }
        }
        EVM_MEMSET(&msg, 0, sizeof msg);
        msg.kind = opc == EVM_OP_DELEGATECALL ? EVM_DELEGATECALL : opc == EVM_OP_CALLCODE ? EVM_CALLCODE : EVM_CALL;
        msg.is_static = f->is_static || opc == EVM_OP_STATICCALL;
        msg.depth = f->depth + 1;
        msg.gas = child_gas;
        msg.code_address = code_at;
        msg.delegated = delegated;
        msg.input_size = evm__is_zero(&a[-1]) ? 0 : (size_t)a[-1].w[0];
        msg.input = msg.input_size ? f->memory.buf.data + a[0].w[0] : NULL;
        if (opc == EVM_OP_CALL || opc == EVM_OP_STATICCALL) {
            msg.recipient = to;
            msg.sender = f->recipient;
            msg.value = value;
        } else if (opc == EVM_OP_CALLCODE) {
            msg.recipient = f->recipient;
            msg.sender = f->recipient;
            msg.value = value;
        } else {                               /* DELEGATECALL keeps sender and value */
            msg.recipient = f->recipient;
            msg.sender = f->sender;
            msg.value = f->value;
        }
        goto start_message;
    }

create: {
        uint8_t opc = *pc;
        if (f->is_static) { status = EVM_STATIC_MODE_VIOLATION; goto fail; }
        evm_u256 value = sp[0];
        EVM__MEMORY(&sp[-1], &sp[-2]);
        uint64_t size = evm__is_zero(&sp[-2]) ? 0 : sp[-2].w[0];
        if (fork >= EVM_SHANGHAI) {
            if (size > 49152) { status = EVM_INITCODE_SIZE_EXCEEDED; goto fail; }   /* EIP-3860 */
            EVM__CHARGE(2 * evm__words(size));
        }
        if (opc == EVM_OP_CREATE2)
            EVM__CHARGE(6 * evm__words(size));                              /* hashing */
        const uint8_t *init = size ? f->memory.buf.data + sp[-1].w[0] : NULL;
        evm_bytes32 salt;
        if (opc == EVM_OP_CREATE2)
            evm__store_be(salt.bytes, &sp[-3]);
        sp -= opc == EVM_OP_CREATE2 ? 4 : 3;
        int64_t child_gas = fork >= EVM_TANGERINE_WHISTLE ? gas - gas / 64 : gas;
        gas -= child_gas;
        f->pending_create = true;
        f->out_offset = f->out_size = 0;
        pc++;
        EVM__SAVE();
        EVM_MEMSET(&o, 0, sizeof o);
        o.gas_left = child_gas;
        if (f->depth >= 1024) {
            o.status = EVM_CALL_DEPTH_EXCEEDED;
        } else {
            evm_u256 bal;
            host->get_balance(hctx, &f->recipient, &bal);
            uint64_t nonce = host->get_nonce(hctx, &f->recipient);
            if (evm__lt(&bal, &value))
                o.status = EVM_INSUFFICIENT_BALANCE;
            else if (nonce == UINT64_MAX)
                o.status = EVM_OUT_OF_GAS;     /* EIP-2681: the create fails, gas returned */
        }
        if (o.status != EVM_SUCCESS) {
            evm__deliver(vm, f, &o);
            EVM__RESUME();
        }
        EVM_MEMSET(&msg, 0, sizeof msg);
        msg.kind = opc == EVM_OP_CREATE2 ? EVM_CREATE2 : EVM_CREATE;
        msg.depth = f->depth + 1;
        msg.gas = child_gas;
        msg.sender = f->recipient;
        msg.value = value;
        msg.input = init;
        msg.input_size = (size_t)size;
        uint64_t nonce = host->get_nonce(hctx, &f->recipient);
        if (opc == EVM_OP_CREATE2)
            evm_create2_address(&f->recipient, &salt, init, (size_t)size, &msg.recipient);
        else
            evm_create_address(&f->recipient, nonce, &msg.recipient);
        if (!host->set_nonce(hctx, &f->recipient, nonce + 1)) { status = EVM_OUT_OF_MEMORY; goto abort; }
        if (fork >= EVM_BERLIN)
            host->access_account(hctx, &msg.recipient);  /* stays warm even if the create fails */
        goto start_message;
    }

start_message: {
        evm__frame *child;
        if (evm__start(vm, &msg, &child, &o)) {
            child->parent = f;
            f = child;
            EVM__RESUME();
        }
        if (evm__is_abort(o.status)) {
            status = o.status;
            goto abort;
        }
        evm__deliver(vm, f, &o);
        EVM__RESUME();
    }

block_stack_failed: {                /* a block's stack check failed: which bound? */
        evm__block_checks c = evm__block_measure(f->code, (size_t)(pc - f->code), optab);
        status = sp - f->stack < c.req ? EVM_STACK_UNDERFLOW : EVM_STACK_OVERFLOW;
        goto fail;
    }
check_failed: {                      /* which of an instruction's own checks failed */
        const evm_op_info *in = &optab[*pc];
        status = sp - f->stack < in->stack_req ? EVM_STACK_UNDERFLOW
               : sp - f->stack > EVM__STACK_WORDS - in->stack_change ? EVM_STACK_OVERFLOW : EVM_OUT_OF_GAS;
        goto fail;
    }
undefined:
    status = EVM_UNDEFINED_INSTRUCTION;
    goto fail;
oog:
    status = EVM_OUT_OF_GAS;
fail:
    if (evm__is_abort(status))
        goto abort;
    out = NULL;
    out_size = 0;
    gas = 0;
finish:
    f->gas = gas;
    {
        evm__frame *parent = evm__finish(vm, f, status, out, out_size, &o);
        if (evm__is_abort(o.status)) {
            status = o.status;
            f = parent;
            if (!f) {
                *final = o;
                return;
            }
            goto abort;
        }
        if (!parent) {
            *final = o;
            return;
        }
        f = parent;
        evm__deliver(vm, f, &o);
        EVM__RESUME();
    }

abort:
    /* not a consensus outcome: unwind every frame, undo all state changes */
    while (f) {
        evm__frame *parent = f->parent;
        if (!parent)
            host->revert(hctx, f->snapshot);
        evm_buffer_release(&f->memory.buf, &vm->pool, &vm->allocator);
        evm_buffer_release(&f->ret_owner, &vm->pool, &vm->allocator);
        evm__frame_pop(vm, f);
        f = parent;
    }
    EVM_MEMSET(final, 0, sizeof *final);
    final->status = status;
}
#undef host
#undef hctx
#undef optab
#undef tx
#undef alloc

/* ---------------------------------------------------------------------------------
   Public entry points
   --------------------------------------------------------------------------------- */
evm_status evm_vm_init(evm_vm *vm, const evm_vm_desc *desc)
{
    evm_vm_desc d;
    if (!vm)
        return EVM_INVALID_ARGUMENT;
    if (desc)
        d = *desc;
    else
        EVM_MEMSET(&d, 0, sizeof d);
    EVM_MEMSET(vm, 0, sizeof *vm);
    vm->allocator = d.allocator;
    vm->tracer = d.tracer;
    vm->tracer_user = d.tracer_user;
    vm->frame_end = d.tracer ? d.frame_end : NULL;
    vm->code_cache_size = d.code_cache_size;
    if (d.arena_buffer)
        evm_arena_init_static(&vm->arena, d.arena_buffer, d.arena_size);
    else
        evm_arena_init_growing(&vm->arena, &vm->allocator, d.arena_limit);
    return EVM_SUCCESS;
}

void evm_vm_destroy(evm_vm *vm)
{
    if (!vm)
        return;
    evm_buffer_release(&vm->output, &vm->pool, &vm->allocator);
    evm_buffer_pool_clear(&vm->pool, &vm->allocator);
    evm__code_cache_clear(vm);
    evm_arena_destroy(&vm->arena);
}

static bool evm__host_complete(const evm_host *h)
{
    return h->account_exists && h->get_balance && h->get_nonce && h->get_code && h->get_code_hash &&
           h->get_storage && h->get_original_storage && h->get_transient && h->get_block_hash &&
           h->access_account && h->access_storage && h->set_storage && h->set_transient &&
           h->set_nonce && h->set_code && h->transfer && h->create_account && h->selfdestruct &&
           h->emit_log && h->snapshot && h->revert;
}

evm_status evm_execute(evm_vm *vm, const evm_host *host, void *host_ctx, evm_fork fork,
                       const evm_tx_context *tx, const evm_message *msg, evm_result *result)
{
    evm_result dummy;
    if (!result)
        result = &dummy;
    EVM_MEMSET(result, 0, sizeof *result);
    if (!vm || !host || !tx || !msg || (unsigned)fork >= EVM_FORK_COUNT || msg->gas < 0 ||
        (msg->input_size && !msg->input) || (msg->code_size && !msg->code) ||
        (unsigned)msg->kind > EVM_CREATE2 || !evm__host_complete(host)) {
        result->status = EVM_INVALID_ARGUMENT;
        return result->status;
    }
    evm_buffer_release(&vm->output, &vm->pool, &vm->allocator);
    vm->host = host;
    vm->host_ctx = host_ctx;
    vm->tx = tx;
    vm->fork = fork;
    result->gas_left = msg->gas;
    if (msg->depth > 1024 || msg->depth < 0) {
        result->status = EVM_CALL_DEPTH_EXCEEDED;
        return result->status;
    }
    if (msg->kind != EVM_DELEGATECALL && !evm__is_zero(&msg->value)) {
        evm_u256 bal;
        host->get_balance(host_ctx, &msg->sender, &bal);
        if (evm__lt(&bal, &msg->value)) {
            result->status = EVM_INSUFFICIENT_BALANCE;
            return result->status;
        }
    }
    evm_message resolved;
    if (fork >= EVM_PRAGUE && !msg->code && !msg->delegated && msg->kind <= EVM_CALLCODE &&
        evm__delegation(host, host_ctx, &msg->code_address, &resolved.code_address)) {
        evm_address target = resolved.code_address;
        resolved = *msg;                   /* EIP-7702: run the target's code, warm it */
        resolved.code_address = target;
        resolved.delegated = true;
        host->access_account(host_ctx, &target);
        msg = &resolved;
    }
    evm__outcome o;
    evm__frame *f;
    if (evm__start(vm, msg, &f, &o)) {
        f->parent = NULL;
        evm__loop(vm, f, &o);
    }
    result->status = o.status;
    result->gas_left = evm__is_abort(o.status) ? 0 : o.gas_left;
    result->gas_refund = o.status == EVM_SUCCESS ? o.refund : 0;
    result->output = o.output;
    result->output_size = o.output_size;
    if (o.status == EVM_SUCCESS)
        result->create_address = o.created;
    vm->output = o.owner;
    EVM_ASSERT(vm->arena.blocks == 0);
    return result->status;
}

const char *evm_status_name(evm_status s)
{
    static const char *const names[EVM_STATUS_COUNT] = {
        "success", "revert", "out of gas", "stack underflow", "stack overflow",
        "undefined instruction", "invalid instruction", "bad jump destination",
        "static mode violation", "invalid memory access", "call depth exceeded",
        "insufficient balance", "create collision", "contract validation failure",
        "code size exceeded", "initcode size exceeded", "precompile failure",
        "out of memory", "arena exhausted", "unsupported precompile", "invalid argument"};
    return (unsigned)s < EVM_STATUS_COUNT ? names[s] : "unknown status";
}

static const char *const evm__fork_names[EVM_FORK_COUNT] = {
    "Frontier", "Homestead", "EIP150", "EIP158", "Byzantium", "Constantinople",
    "ConstantinopleFix", "Istanbul", "Berlin", "London", "Paris", "Shanghai", "Cancun",
    "Prague", "Osaka"};

const char *evm_fork_name(evm_fork f)
{
    return (unsigned)f < EVM_FORK_COUNT ? evm__fork_names[f] : "unknown fork";
}

static bool evm__streq_nocase(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
        if (x != y)
            return false;
    }
    return *a == *b;
}

bool evm_fork_from_name(const char *name, evm_fork *out)
{
    static const struct { const char *name; evm_fork fork; } aliases[] = {
        {"TangerineWhistle", EVM_TANGERINE_WHISTLE}, {"SpuriousDragon", EVM_SPURIOUS_DRAGON},
        {"Petersburg", EVM_PETERSBURG}, {"Merge", EVM_PARIS}};
    if (!name)
        return false;
    for (int i = 0; i < EVM_FORK_COUNT; i++)
        if (evm__streq_nocase(name, evm__fork_names[i])) { *out = (evm_fork)i; return true; }
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (evm__streq_nocase(name, aliases[i].name)) { *out = aliases[i].fork; return true; }
    return false;
}

const char *evm_opcode_name(uint8_t op) { return evm_op_names[op]; }

void evm_create_address(const evm_address *sender, uint64_t nonce, evm_address *out)
{
    uint8_t buf[1 + 21 + 9], h[32];
    size_t n = 1;
    buf[n++] = 0x80 + 20;
    EVM_MEMCPY(buf + n, sender->bytes, 20);
    n += 20;
    if (nonce == 0) {
        buf[n++] = 0x80;
    } else if (nonce < 0x80) {
        buf[n++] = (uint8_t)nonce;
    } else {
        int len = 0;
        for (uint64_t v = nonce; v; v >>= 8) len++;
        buf[n++] = (uint8_t)(0x80 + len);
        for (int i = len - 1; i >= 0; i--) buf[n++] = (uint8_t)(nonce >> (8 * i));
    }
    buf[0] = (uint8_t)(0xc0 + (n - 1));
    evm_keccak256(buf, n, h);
    EVM_MEMCPY(out->bytes, h + 12, 20);
}

void evm_create2_address(const evm_address *sender, const evm_bytes32 *salt,
                         const uint8_t *init_code, size_t init_code_size, evm_address *out)
{
    uint8_t buf[85], h[32];
    buf[0] = 0xff;
    EVM_MEMCPY(buf + 1, sender->bytes, 20);
    EVM_MEMCPY(buf + 21, salt->bytes, 32);
    evm_keccak256(init_code ? init_code : buf, init_code_size, buf + 53);
    evm_keccak256(buf, 85, h);
    EVM_MEMCPY(out->bytes, h + 12, 20);
}

#endif /* EVM_IMPLEMENTATION */

#if defined(EVM_ZKVM_ACCELERATORS) && !defined(EVM_ZKVM_H)
#include "evm_zkvm.h"           /* the adapters from the public names to zkvm_* */
#endif

/*
   MIT License. Copyright (c) 2026 the evm.h authors.
   Permission is hereby granted, free of charge, to any person obtaining a copy of this
   software and associated documentation files (the "Software"), to deal in the Software
   without restriction, including without limitation the rights to use, copy, modify,
   merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
   permit persons to whom the Software is furnished to do so, subject to the following
   conditions: The above copyright notice and this permission notice shall be included in
   all copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED "AS IS",
   WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.
*/
