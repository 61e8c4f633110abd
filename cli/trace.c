/* trace.c - the EIP-3155 step tracer shared by `statetest --json/--trace`, `t8n --trace`
   and `run --trace`.

   One JSON object per executed instruction, in this field order (geth's, which EIP-3155
   follows):
     {"pc":N,"op":N,"gas":"0xH","gasCost":"0xH","memSize":N,"stack":["0xH",..],
      "depth":N,"refund":N,"opName":"NAME"[,"error":"..."]}
   pc, op, memSize (bytes), depth (1 = the transaction's frame) and refund (the refund
   counter) are decimal numbers; gas (left before the instruction), gasCost and the stack
   items (bottom first) are 0x-hex without leading zeros ("0x0" for zero).

   gasCost. The interpreter reports each step before it runs, with its static cost. A
   step is printed when the next event arrives, so that its whole cost (memory expansion,
   cold access, SSTORE, copy words) is known where it can be measured:
     - followed by a step of the same frame: the difference of the two gas values;
     - the last step of a frame that ended normally (STOP, RETURN, REVERT, SELFDESTRUCT):
       gas before it minus the gas the frame gives back;
     - a step that enters a child frame (CALL*, CREATE*): its static cost (geth adds the
       gas handed to the child; we do not know it before the child runs);
     - a step that failed: its static cost, and "error" names the failure.
   A call that enters no frame (a precompile, an account without code) is followed by a
   step of the same frame: its gasCost is the net gas it took (the forwarded gas that came
   back is not counted). */
#include "cli.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void tr_add(cli_tracer *t, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int n = vsnprintf(t->line + t->size, t->cap - t->size, fmt, ap);
        va_end(ap);
        if (n < 0)
            return;
        if ((size_t)n < t->cap - t->size) {
            t->size += (size_t)n;
            return;
        }
        size_t cap = t->cap * 2 + (size_t)n + 256;
        char *p = realloc(t->line, cap);
        if (!p)
            return;
        t->line = p;
        t->cap = cap;
    }
}

void cli_u256_hex(char *out, const evm_u256 *v)
{
    uint8_t be[32];
    evm_u256_to_be(v, be);
    size_t z = 0;
    while (z < 31 && be[z] == 0)
        z++;
    static const char dig[] = "0123456789abcdef";
    *out++ = '0';
    *out++ = 'x';
    bool lead = true;
    for (size_t i = z; i < 32; i++) {
        if (!(lead && be[i] >> 4 == 0))
            *out++ = dig[be[i] >> 4];
        lead = false;
        *out++ = dig[be[i] & 15];
    }
    *out = 0;
}

const char *cli_trace_error(evm_status s)
{
    switch (s) {
    case EVM_OUT_OF_GAS: return "out of gas";
    case EVM_UNDEFINED_INSTRUCTION:
    case EVM_INVALID_INSTRUCTION: return "invalid opcode";
    case EVM_BAD_JUMP_DESTINATION: return "invalid jump destination";
    case EVM_STATIC_MODE_VIOLATION: return "write protection";
    case EVM_INVALID_MEMORY_ACCESS: return "return data out of bounds";
    case EVM_REVERT: return "execution reverted";
    default: return evm_status_name(s);
    }
}

static void tr_flush(cli_tracer *t, int64_t cost, const char *error)
{
    if (!t->pending || !t->line)
        return;
    FILE *f = t->out ? t->out : stderr;
    fprintf(f, "%.*s,\"gasCost\":\"0x%llx\"", (int)t->split, t->line, (unsigned long long)cost);
    if (error)
        fprintf(f, "%.*s,\"error\":\"%s\"}\n", (int)(t->size - t->split - 1), t->line + t->split, error);
    else
        fprintf(f, "%s\n", t->line + t->split);
    t->pending = false;
}

void cli_trace_step(void *user, const evm_step *s)
{
    cli_tracer *t = (cli_tracer *)user;
    if (t->pending)
        tr_flush(t, s->depth == t->depth && t->gas >= s->gas ? t->gas - s->gas : t->cost, NULL);
    char buf[80];
    t->size = 0;
    if (!t->line && !(t->line = malloc(t->cap = 4096)))
        return;
    tr_add(t, "{\"pc\":%u,\"op\":%u,\"gas\":\"0x%llx\"", s->pc, s->opcode, (unsigned long long)s->gas);
    t->split = t->size;
    tr_add(t, ",\"memSize\":%zu,\"stack\":[", s->memory_size);
    for (int32_t i = 0; i < s->stack_size; i++) {
        cli_u256_hex(buf, &s->stack[i]);
        tr_add(t, "%s\"%s\"", i ? "," : "", buf);
    }
    const char *name = evm_opcode_name(s->opcode);
    tr_add(t, "],\"depth\":%d,\"refund\":%lld,\"opName\":\"%s\"}", s->depth, (long long)s->refund,
           name ? name : "INVALID");
    t->pending = true;
    t->gas = s->gas;
    t->cost = s->gas_cost;
    t->depth = s->depth;
}

void cli_trace_frame_end(void *user, const evm_frame_end *e)
{
    cli_tracer *t = (cli_tracer *)user;
    if (!t->pending || t->depth != e->depth)
        return;
    if (e->status == EVM_SUCCESS || e->status == EVM_REVERT)
        tr_flush(t, t->gas >= e->gas_left ? t->gas - e->gas_left : t->cost, NULL);
    else
        tr_flush(t, t->cost, cli_trace_error(e->status));
}

void cli_trace_done(cli_tracer *t)
{
    tr_flush(t, t->cost, NULL);
}

void cli_trace_free(cli_tracer *t)
{
    free(t->line);
    t->line = NULL;
    t->cap = t->size = 0;
    t->pending = false;
}
