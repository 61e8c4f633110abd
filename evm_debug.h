/* evm_debug.h - a step API for debuggers over evm.h's tracer: pause before an
   instruction (every one, or at breakpoints on pc, opcode and depth), look at the stack,
   memory, storage and gas, continue.

   USAGE
     In exactly one C file (the one that implements evm.h is fine):
         #define EVM_IMPLEMENTATION
         #include "evm_debug.h"
     Everywhere else just #include "evm_debug.h". evm.h must sit beside it.

     static evm_debug_action on_pause(void *user, evm_debugger *d, const evm_step *s)
     {
         // the instruction at s->pc has not run yet: s->gas, s->stack, s->memory,
         // s->address (whose storage evm_debug_storage reads through the host)
         evm_u256 top;
         if (evm_debug_stack(s, 0, &top)) ...
         return EVM_DEBUG_STEP;           // pause again before the next instruction
         // or EVM_DEBUG_CONTINUE: run until a breakpoint matches
     }
     evm_debugger dbg;
     evm_debug_init(&dbg, on_pause, my_context);      // starts in step mode
     evm_debug_break(&dbg, 0x42, -1, 0);              // pc 0x42, any opcode, any depth
     evm_vm_desc desc = {0};
     evm_debug_attach(&dbg, &desc);                   // desc.tracer = the debugger
     evm_vm_init(&vm, &desc);
     evm_execute(&vm, host, ctx, fork, &tx, &msg, &result);   // pauses call on_pause

   HOW IT WORKS
     The debugger is a tracer (evm_tracer_fn): the interpreter calls it before every
     instruction, and it calls on_pause when it is stepping or a breakpoint matches. A
     pause is that call: execution resumes when on_pause returns, which makes the API
     usable from a terminal loop, a GUI event loop on another thread (block in on_pause),
     or a script. An untraced vm never reaches this code: the interpreter's fast path is
     the same with or without this header (the tracer is one test per basic block on
     entry, as before). A second tracer (an EIP-3155 printer, say) can be chained.
     Stopping early is not a pause action: evm.h has no cancel, so quit the process or
     let the transaction run out.

   CONFIGURATION
     EVM_DEBUG_MAX_BREAKPOINTS   breakpoints held (default 64)
     and those of evm.h. Freestanding like evm.h: no library call, no allocation.

   LICENSE
     MIT, as evm.h.
*/
#include "evm.h"
#ifndef EVM_DEBUG_H
#define EVM_DEBUG_H

#ifndef EVM_DEBUG_MAX_BREAKPOINTS
#define EVM_DEBUG_MAX_BREAKPOINTS 64
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef enum evm_debug_action {
    EVM_DEBUG_STEP = 0,              /* pause before the next instruction */
    EVM_DEBUG_CONTINUE               /* run until a breakpoint matches */
} evm_debug_action;

/* A breakpoint matches an instruction about to run when every given field matches:
   pc < 0, opcode < 0 or depth <= 0 mean "any". */
typedef struct evm_breakpoint {
    int64_t pc;
    int opcode;
    int32_t depth;
} evm_breakpoint;

struct evm_debugger;
typedef evm_debug_action (*evm_debug_pause_fn)(void *user, struct evm_debugger *d, const evm_step *s);

typedef struct evm_debugger {
    evm_debug_pause_fn on_pause;
    void *user;
    bool stepping;                   /* pause before every instruction */
    evm_breakpoint breakpoints[EVM_DEBUG_MAX_BREAKPOINTS];
    size_t breakpoint_count;
    uint64_t steps;                  /* instructions seen so far */
    evm_tracer_fn chain;             /* optional: another tracer called for every step */
    void *chain_user;
} evm_debugger;

/* Step mode, no breakpoints, no chained tracer. */
EVM_API void evm_debug_init(evm_debugger *d, evm_debug_pause_fn on_pause, void *user);
/* Add a breakpoint; false if the table is full. */
EVM_API bool evm_debug_break(evm_debugger *d, int64_t pc, int opcode, int32_t depth);
/* Remove breakpoint i (later ones move down); false if there is none. */
EVM_API bool evm_debug_delete(evm_debugger *d, size_t i);
/* Make the debugger desc's tracer (tracer, tracer_user); desc's frame_end is left alone. */
EVM_API void evm_debug_attach(evm_debugger *d, evm_vm_desc *desc);
/* The tracer itself (user = the evm_debugger), for those who chain tracers themselves. */
EVM_API void evm_debug_tracer(void *user, const evm_step *s);

/* Inspection helpers over a paused step */
/* Stack item i counted from the top (0 = top); false if the stack is shallower. */
EVM_API bool evm_debug_stack(const evm_step *s, int32_t i, evm_u256 *out);
/* Copy memory [offset, offset + size) into out, zero beyond the memory's size. */
EVM_API void evm_debug_memory(const evm_step *s, size_t offset, size_t size, uint8_t *out);
/* Current value of a storage slot of the paused frame's account, through the host. */
EVM_API evm_u256 evm_debug_storage(const evm_host *host, void *host_ctx, const evm_step *s,
                                   const evm_u256 *key);

#ifdef __cplusplus
}
#endif
#endif /* EVM_DEBUG_H */

#if defined(EVM_IMPLEMENTATION) && !defined(EVM_DEBUG_IMPLEMENTED)
#define EVM_DEBUG_IMPLEMENTED

void evm_debug_init(evm_debugger *d, evm_debug_pause_fn on_pause, void *user)
{
    EVM_MEMSET(d, 0, sizeof *d);
    d->on_pause = on_pause;
    d->user = user;
    d->stepping = true;
}

bool evm_debug_break(evm_debugger *d, int64_t pc, int opcode, int32_t depth)
{
    if (d->breakpoint_count >= EVM_DEBUG_MAX_BREAKPOINTS)
        return false;
    evm_breakpoint *b = &d->breakpoints[d->breakpoint_count++];
    b->pc = pc;
    b->opcode = opcode;
    b->depth = depth;
    return true;
}

bool evm_debug_delete(evm_debugger *d, size_t i)
{
    if (i >= d->breakpoint_count)
        return false;
    for (; i + 1 < d->breakpoint_count; i++)
        d->breakpoints[i] = d->breakpoints[i + 1];
    d->breakpoint_count--;
    return true;
}

void evm_debug_attach(evm_debugger *d, evm_vm_desc *desc)
{
    desc->tracer = evm_debug_tracer;
    desc->tracer_user = d;
}

static bool evm__debug_hit(const evm_debugger *d, const evm_step *s)
{
    for (size_t i = 0; i < d->breakpoint_count; i++) {
        const evm_breakpoint *b = &d->breakpoints[i];
        if ((b->pc < 0 || (uint64_t)b->pc == s->pc) && (b->opcode < 0 || b->opcode == s->opcode) &&
            (b->depth <= 0 || b->depth == s->depth))
            return true;
    }
    return false;
}

void evm_debug_tracer(void *user, const evm_step *s)
{
    evm_debugger *d = (evm_debugger *)user;
    d->steps++;
    if (d->chain)
        d->chain(d->chain_user, s);
    if (d->on_pause && (d->stepping || evm__debug_hit(d, s)))
        d->stepping = d->on_pause(d->user, d, s) == EVM_DEBUG_STEP;
}

bool evm_debug_stack(const evm_step *s, int32_t i, evm_u256 *out)
{
    if (i < 0 || i >= s->stack_size)
        return false;
    *out = s->stack[s->stack_size - 1 - i];
    return true;
}

void evm_debug_memory(const evm_step *s, size_t offset, size_t size, uint8_t *out)
{
    for (size_t i = 0; i < size; i++)
        out[i] = offset < s->memory_size && i < s->memory_size - offset ? s->memory[offset + i] : 0;
}

evm_u256 evm_debug_storage(const evm_host *host, void *host_ctx, const evm_step *s, const evm_u256 *key)
{
    evm_u256 v;
    EVM_MEMSET(&v, 0, sizeof v);
    if (s->address)
        host->get_storage(host_ctx, s->address, key, &v);
    return v;
}

#endif /* EVM_IMPLEMENTATION && !EVM_DEBUG_IMPLEMENTED */
