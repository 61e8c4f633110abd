/* embed.c - evm.h embedded the way firmware or a zkVM guest would: no malloc, no C library
   needed. Frames live in a static arena buffer; EVM memory and the world state come from
   a tiny allocator over another static buffer. It runs two contracts and prints:
     1. a loop computing Fibonacci(90), RETURNed as a 32-byte word;
     2. a counter that keeps its value in storage (evm_state.h as the host), called three
        times in three transactions, then the state root.
   The output is the same on every target (examples/embed.expected; `make portability`
   compares it on x86-64, i386, s390x, ppc32, rv32im, wasm32 and tcc).

   The program is this file plus a platform file that provides
       int example_main(void);                         (here: the program)
       void example_write(const char *s, size_t n);     (there: the output)
   examples/platform_hosted.c   any hosted C:  cc -Os -I. examples/embed.c examples/platform_hosted.c
   examples/platform_rv32.c     rv32im, no C library, Linux write/exit system calls (qemu user):
       riscv64-unknown-elf-gcc -march=rv32im -mabi=ilp32 -Os -ffreestanding -nostdlib -static
         -DEVM_NO_STDLIB -I. examples/embed.c examples/platform_rv32.c -lgcc
   examples/platform_wasm.c     wasm32, output through an imported function (tests/port/wasm/run.mjs)
   With EVM_NO_STDLIB the library includes only <stdint.h>, <stddef.h>, <stdbool.h> and has
   no default allocator: every byte it uses is one of the two buffers below. */
#define EVM_IMPLEMENTATION
#define EVM_STATE_NO_PRECOMPILES          /* the contracts call no precompile */
#include "evm.h"
#include "evm_state.h"

void example_write(const char *s, size_t n);
int example_main(void);

/* ---- output helpers (no printf here) -------------------------------------------- */
static void put(const char *s)
{
    size_t n = 0;
    while (s[n]) n++;
    example_write(s, n);
}
static void put_u64(uint64_t v)
{
    char buf[21];
    int i = 20;
    buf[i] = 0;
    do { buf[--i] = (char)('0' + v % 10); v /= 10; } while (v);
    put(buf + i);
}
static void put_hex(const uint8_t *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    char two[3] = {0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        two[0] = digits[p[i] >> 4];
        two[1] = digits[p[i] & 15];
        put(two);
    }
}

/* ---- the allocator: power-of-two size classes over a static buffer ----------------
   Every block carries its class in a 16-byte header; a freed block goes onto its class's
   free list and is reused as is. Small and predictable, which is what embedded code
   wants; a failed allocation is a clean EVM_OUT_OF_MEMORY, never a crash. */
#define HEAP_BYTES (512u * 1024u)
static union { unsigned char bytes[HEAP_BYTES]; uint64_t align64; void *align_ptr; } heap_area;
#define heap heap_area.bytes
static size_t heap_used;
static void *free_lists[24];            /* class k: blocks of 2^k bytes, k = 4..23 */

static void *heap_realloc(void *user, void *ptr, size_t size)
{
    (void)user;
    unsigned old_k = ptr ? ((unsigned char *)ptr)[-16] : 0;
    if (size == 0) {                    /* free */
        if (ptr) {
            *(void **)ptr = free_lists[old_k];
            free_lists[old_k] = ptr;
        }
        return NULL;
    }
    if (ptr && size <= ((size_t)1 << old_k))
        return ptr;                     /* still fits */
    unsigned k = 4;
    while (k < 24 && ((size_t)1 << k) < size) k++;
    if (k == 24)
        return NULL;
    unsigned char *p;
    if (free_lists[k]) {
        p = (unsigned char *)free_lists[k];
        free_lists[k] = *(void **)p;
    } else {
        size_t need = 16 + ((size_t)1 << k);
        if (need > HEAP_BYTES - heap_used)
            return NULL;
        p = heap + heap_used + 16;
        heap_used += need;
        p[-16] = (unsigned char)k;
    }
    if (ptr) {                          /* grow: copy, then free the old block */
        for (size_t i = 0; i < ((size_t)1 << old_k); i++) p[i] = ((unsigned char *)ptr)[i];
        heap_realloc(user, ptr, 0);
    }
    return p;
}

/* ---- the frame arena: a static buffer, no allocation for frames ever ---------------
   Each frame takes one block (evm_frame_block_size(): some 50 KiB for code up to 4 KiB,
   the 1024-word stack is most of it); four blocks let these contracts call three deep. */
#define ARENA_BYTES (4u * 64u * 1024u)
static unsigned char arena[ARENA_BYTES];   /* evm_vm_init aligns blocks itself */

/* Fibonacci(90) by a loop: a=0, b=1, n=90; while n: (a, b, n) = (b, a+b, n-1); return a */
static const uint8_t fib_code[] = {
    0x60, 0x00, 0x60, 0x01, 0x60, 0x5a,          /* PUSH1 0, PUSH1 1, PUSH1 90      a b n    */
    0x5b,                                        /* loop: JUMPDEST                            */
    0x80, 0x15, 0x60, 0x18, 0x57,                /* DUP1 ISZERO PUSH1 end JUMPI               */
    0x60, 0x01, 0x90, 0x03,                      /* n - 1                          a b n-1  */
    0x91, 0x81, 0x01, 0x90, 0x91,                /* SWAP2 DUP2 ADD SWAP1 SWAP2     b a+b n-1 */
    0x60, 0x06, 0x56,                            /* PUSH1 loop JUMP                           */
    0x5b, 0x50, 0x50,                            /* end: JUMPDEST POP POP          a        */
    0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xf3 /* MSTORE at 0, RETURN 32 bytes          */
};

/* counter: slot0 += 1; return slot0 */
static const uint8_t counter_code[] = {
    0x60, 0x00, 0x54, 0x60, 0x01, 0x01, 0x80,    /* SLOAD(0) + 1, DUP1   */
    0x60, 0x00, 0x55,                            /* SSTORE(0)            */
    0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xf3 /* return it as a word */
};

static evm_address address(uint8_t last)
{
    evm_address a;
    for (int i = 0; i < 20; i++) a.bytes[i] = 0;
    a.bytes[19] = last;
    return a;
}

int example_main(void)
{
    evm_allocator alloc = {heap_realloc, NULL};
    evm_vm_desc desc = {0};
    desc.allocator = alloc;
    desc.arena_buffer = arena;
    desc.arena_size = sizeof arena;
    evm_vm vm;
    evm_vm_init(&vm, &desc);

    evm_state st;
    evm_state_init(&st, &alloc);
    evm_address user = address(0x11), fib = address(0xf1), counter = address(0xc0);
    evm_state_set_code(&st, &fib, fib_code, sizeof fib_code);
    evm_state_set_code(&st, &counter, counter_code, sizeof counter_code);

    evm_tx_context tx = {0};
    tx.origin = user;
    tx.gas_limit = 30000000;
    tx.chain_id = evm_u256_from_u64(1);
    evm_message msg = {0};
    msg.kind = EVM_CALL;
    msg.gas = 1000000;
    msg.sender = user;
    evm_result r;
    int failures = 0;

    /* 1. the loop */
    msg.recipient = msg.code_address = fib;
    evm_state_begin_transaction(&st, EVM_CANCUN);
    evm_execute(&vm, evm_state_host(), &st, EVM_CANCUN, &tx, &msg, &r);
    evm_state_end_transaction(&st);
    evm_u256 v = evm_u256_from_be(r.output, r.output_size);
    put("fibonacci(90) = ");
    put_u64(v.w[0]);
    put(" (status ");
    put(evm_status_name(r.status));
    put(", gas used ");
    put_u64((uint64_t)(msg.gas - r.gas_left));
    put(")\n");
    failures += r.status != EVM_SUCCESS || r.output_size != 32 || v.w[0] != 2880067194370816120u;

    /* 2. storage, three transactions */
    msg.recipient = msg.code_address = counter;
    for (int i = 1; i <= 3; i++) {
        evm_state_begin_transaction(&st, EVM_CANCUN);
        evm_state_warm_account(&st, &user);
        evm_state_warm_account(&st, &counter);
        evm_execute(&vm, evm_state_host(), &st, EVM_CANCUN, &tx, &msg, &r);
        failures += !evm_state_end_transaction(&st);
        v = evm_u256_from_be(r.output, r.output_size);
        put("counter call ");
        put_u64((uint64_t)i);
        put(": returned ");
        put_u64(v.w[0]);
        put(", gas used ");
        put_u64((uint64_t)(msg.gas - r.gas_left));
        put("\n");
        failures += r.status != EVM_SUCCESS || v.w[0] != (uint64_t)i;
    }
    evm_u256 zero = evm_u256_from_u64(0);
    evm_u256 slot = evm_state_storage(&st, &counter, &zero);
    put("counter storage slot 0 = ");
    put_u64(slot.w[0]);
    put("\n");
    failures += slot.w[0] != 3;

    evm_bytes32 root;
    failures += !evm_state_root(&st, &root);
    put("state root 0x");
    put_hex(root.bytes, 32);
    put("\n");

    put("frame blocks in use at most: ");
    put_u64(vm.arena.peak / evm_frame_block_size(sizeof fib_code));
    put("\n");
    evm_state_destroy(&st);
    evm_vm_destroy(&vm);
    put(failures ? "FAILED\n" : "ok\n");
    return failures ? 1 : 0;
}
