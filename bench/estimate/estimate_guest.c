/* estimate_guest.c - the gas cost estimator's rv64im measuring guest (zk-cost mode).

   A bare-metal RISC-V program that runs a batch of EVM programs and precompile calls and
   counts the instructions each one executes, read from minstret (exact under
   qemu-system-riscv64 -icount shift=0). The host (bench/estimate/estimate.c --engine rv64)
   generates the batch, starts qemu once per phase and reads the counts back.

   It reuses examples/zkvm_guest.c's runtime (C functions, instruction counter, UART, test
   finisher, bump arena, frame arena, the accelerator hooks with our C code counted inside,
   start-up code and linker script) and adds its own guest_main.

   Input at 0x88000000 (GUEST_INPUT), all integers little-endian:
     u64 length of what follows
     "EVME", u32 version (1), u32 fork (evm_fork), u32 item count, then per item:
       u8 kind (0 = program, 1 = precompile call), u32 id (echoed back),
       kind 0: u32 code size, the code          (run as in estimate_engine.h)
       kind 1: u32 address (0x01..0x100), u32 input size, the input   (evm_precompiles_run)
   Output on the UART, one line each:
     keccakf <instructions of one keccak-f[1600] permutation>
     r <id> <status> <gas used> <instructions> <in accelerator hooks> <keccak-f permutations>
     done <items> heap_peak <bytes>
   "instructions" are those between the two minstret reads around evm_execute (or
   evm_precompiles_run) in the second of two runs of the item: the first, not counted,
   leaves the VM's buffers (memory, frame arena, state tables, precompile output) grown,
   so one-time growth is not charged to whichever item comes first (the time engine's
   batches are warm the same way). The transaction bracket of each program is outside. status is
   the evm_status (programs) or evm_precompile_status (precompiles) as a number.
   Exit 0, or 3 on malformed input (with a "bad input" line saying where). */
#define ZKVM_GUEST_RUNTIME_ONLY
#include "../../examples/zkvm_guest.c"
#include "estimate_engine.h"

static est_engine engine;
static evm_precompiles precompiles;

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t hooks_total(void)
{
    uint64_t h = 0;
    for (int i = 0; i < H_COUNT; i++)
        h += hook_instret[i];
    return h;
}

static void put_result(uint32_t id, unsigned status, uint64_t gas, uint64_t instr, uint64_t hooks, uint64_t kf)
{
    put("r ");
    put_u64(id);
    put(" ");
    put_u64(status);
    put(" ");
    put_u64(gas);
    put(" ");
    put_u64(instr);
    put(" ");
    put_u64(hooks);
    put(" ");
    put_u64(kf);
    put("\n");
}

static int bad_input(const char *what, uint32_t item)
{
    put("bad input: ");
    put(what);
    put(" at item ");
    put_u64(item);
    put("\n");
    return 3;
}

/* The instructions of one keccak-f[1600] (evm.h's evm__keccakf: no data-dependent branch,
   so the count is the same for every state), less those of the two counter reads. */
static uint64_t keccakf_instructions(void)
{
    uint64_t st[25] = {0}, a = guest_instret(), b = guest_instret();
    uint64_t empty = b - a;
    a = guest_instret();
    evm__keccakf(st);
    __asm__ volatile("" : : "r"(st) : "memory");   /* the state is used: the call stays */
    b = guest_instret();
    return b - a - empty;
}

int guest_main(void)
{
    const uint8_t *base = (const uint8_t *)(uintptr_t)GUEST_INPUT;
    uint64_t len = 0;
    for (int i = 7; i >= 0; i--)
        len = len << 8 | base[i];
    const uint8_t *p = base + 8, *end = base + 8 + len;
    if (len < 16 || len > 256u * 1024u * 1024u || p[0] != 'E' || p[1] != 'V' || p[2] != 'M' || p[3] != 'E' ||
        rd32(p + 4) != 1)
        return bad_input("header", 0);
    uint32_t fork = rd32(p + 8), count = rd32(p + 12);
    if (fork > EVM_OSAKA)
        return bad_input("fork", 0);
    p += 16;

    evm_vm_desc desc = {0};
    desc.allocator = guest_alloc;
    desc.arena_buffer = guest_arena;
    desc.arena_size = sizeof guest_arena;
    if (!est_engine_init(&engine, &desc, &guest_alloc)) {
        put("engine set-up failed\n");
        return 4;
    }
    evm_precompiles_init(&precompiles, &guest_alloc);
    const evm_host *host = evm_state_host();

    put("keccakf ");
    put_u64(keccakf_instructions());
    put("\n");
    for (uint32_t i = 0; i < count; i++) {
        if (end - p < 9)
            return bad_input("truncated item", i);
        uint8_t kind = p[0];
        uint32_t id = rd32(p + 1);
        p += 5;
        if (kind == 0) {
            uint32_t size = rd32(p);
            p += 4;
            if ((uint64_t)(end - p) < size)
                return bad_input("code runs past the end", i);
            evm_result r;
            uint64_t t0 = 0, t1 = 0, h0 = 0, h1 = 0, k0 = 0, k1 = 0;
            engine.msg.code = p;
            engine.msg.code_size = size;
            for (int pass = 0; pass < 2; pass++) {      /* a warm-up run, then the counted one */
                evm_state_begin_transaction(&engine.st, (evm_fork)fork);
                h0 = hooks_total(), k0 = keccak_blocks;
                t0 = guest_instret();
                evm_execute(&engine.vm, host, &engine.st, (evm_fork)fork, &engine.tx, &engine.msg, &r);
                t1 = guest_instret();
                h1 = hooks_total(), k1 = keccak_blocks;
                evm_state_end_transaction(&engine.st);
            }
            put_result(id, (unsigned)r.status, (uint64_t)(EST_MSG_GAS - r.gas_left), t1 - t0, h1 - h0, k1 - k0);
            p += size;
        } else if (kind == 1) {
            if (end - p < 8)
                return bad_input("truncated precompile item", i);
            uint32_t addr = rd32(p), size = rd32(p + 4);
            p += 8;
            if ((uint64_t)(end - p) < size || addr == 0 || addr > 0xffff)
                return bad_input("precompile input", i);
            evm_address a = {{0}};
            a.bytes[18] = (uint8_t)(addr >> 8);
            a.bytes[19] = (uint8_t)addr;
            evm_precompile_result res;
            evm_precompile_status s = EVM_PRECOMPILE_NONE;
            uint64_t t0 = 0, t1 = 0, h0 = 0, h1 = 0, k0 = 0, k1 = 0;
            for (int pass = 0; pass < 2; pass++) {      /* a warm-up run, then the counted one */
                h0 = hooks_total(), k0 = keccak_blocks;
                t0 = guest_instret();
                s = evm_precompiles_run(&precompiles, (evm_fork)fork, &a, p, size, EST_MSG_GAS, &res);
                t1 = guest_instret();
                h1 = hooks_total(), k1 = keccak_blocks;
            }
            put_result(id, (unsigned)s, s == EVM_PRECOMPILE_OK ? (uint64_t)res.gas_used : 0, t1 - t0, h1 - h0,
                       k1 - k0);
            p += size;
        } else {
            return bad_input("item kind", i);
        }
    }
    put("done ");
    put_u64(count);
    put(" heap_peak ");
    put_u64(guest_peak);
    put("\n");
    return 0;
}
