/* debug.c - `evm run --debug`: an interactive terminal debugger over evm_debug.h.
   Before the first instruction and at every pause it shows the instruction about to run
     pc 0x0004 (4) ADD  gas 78994  cost 3  depth 1  stack 2  memory 0
   and reads commands from stdin (one per line; "(evm) " is the prompt):
     step [N] | s [N]        run N instructions (default 1), then pause
     continue | c            run until a breakpoint matches or the call ends
     break PC | b PC         pause before the instruction at PC (decimal or 0x-hex)
     break op NAME           pause before every NAME (e.g. SSTORE), at any depth
     break                   list the breakpoints
     delete N                remove breakpoint N
     print stack|memory|storage|gas | p ...   (p s / p m / p st / p g)
     help
     quit | q                stop here: the process exits with status 0
   End of input continues to the end without pausing. No dependency beyond the C library:
   a script can drive it through a pipe. */
#include "cli.h"
#include "../evm_debug.h"
#include "../evm_state.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct cli_debug {
    evm_debugger dbg;
    evm_state *state;
    FILE *in, *out;
    uint64_t skip;                   /* "step N": pauses left to pass */
    bool eof, echo;
} cli_debug;

static cli_debug g_debug;

static void show_step(FILE *o, const evm_step *s)
{
    const char *name = evm_opcode_name(s->opcode);
    fprintf(o, "pc 0x%04x (%u) %s  gas %lld  cost %lld  depth %d  stack %d  memory %zu\n", s->pc, s->pc,
            name ? name : "INVALID", (long long)s->gas, (long long)s->gas_cost, s->depth, s->stack_size,
            s->memory_size);
}

static void print_what(cli_debug *c, const evm_step *s, const char *what)
{
    FILE *o = c->out;
    char buf[80];
    if (!strcmp(what, "stack") || !strcmp(what, "s")) {
        if (s->stack_size == 0)
            fprintf(o, "stack: empty\n");
        for (int32_t i = 0; i < s->stack_size; i++) {
            evm_u256 v;
            evm_debug_stack(s, i, &v);
            cli_u256_hex(buf, &v);
            fprintf(o, "%4d: %s\n", i, buf);
        }
    } else if (!strcmp(what, "memory") || !strcmp(what, "m")) {
        if (s->memory_size == 0)
            fprintf(o, "memory: empty\n");
        for (size_t off = 0; off < s->memory_size; off += 32) {
            uint8_t line[32];
            evm_debug_memory(s, off, 32, line);
            fprintf(o, "0x%04zx:", off);
            for (int i = 0; i < 32; i++)
                fprintf(o, "%s%02x", i % 8 ? "" : " ", line[i]);
            fprintf(o, "\n");
        }
    } else if (!strcmp(what, "storage") || !strcmp(what, "st")) {
        size_t iter = 0, n = 0;
        evm_u256 k, v;
        fprintf(o, "storage of ");
        cli_print_hex(o, s->address->bytes, 20);
        fprintf(o, ":\n");
        while (evm_state_next_slot(c->state, s->address, &iter, &k, &v)) {
            cli_u256_hex(buf, &k);
            fprintf(o, "  %s: ", buf);
            cli_u256_hex(buf, &v);
            fprintf(o, "%s\n", buf);
            n++;
        }
        if (!n)
            fprintf(o, "  (no non-zero slot)\n");
    } else if (!strcmp(what, "gas") || !strcmp(what, "g")) {
        fprintf(o, "gas %lld  refund %lld\n", (long long)s->gas, (long long)s->refund);
    } else {
        fprintf(o, "print what? stack, memory, storage or gas\n");
    }
}

static bool parse_num(const char *t, int64_t *out)
{
    char *end;
    long long v = strtoll(t, &end, 0);
    if (!*t || *end || v < 0)
        return false;
    *out = v;
    return true;
}

static int opcode_by_name(const char *name)
{
    for (int op = 0; op < 256; op++) {
        const char *n = evm_opcode_name((uint8_t)op);
        if (n) {
            size_t i = 0;
            while (n[i] && name[i] && (n[i] == name[i] || (name[i] >= 'a' && name[i] <= 'z' && n[i] == name[i] - 32)))
                i++;
            if (!n[i] && !name[i])
                return op;
        }
    }
    return -1;
}

static evm_debug_action on_pause(void *user, evm_debugger *d, const evm_step *s)
{
    cli_debug *c = (cli_debug *)user;
    if (c->skip) {
        c->skip--;
        if (c->skip)
            return EVM_DEBUG_STEP;
    }
    show_step(c->out, s);
    char line[256];
    for (;;) {
        fprintf(c->out, "(evm) ");
        fflush(c->out);
        if (!fgets(line, sizeof line, c->in)) {
            fprintf(c->out, "\n(end of input: continuing)\n");
            c->eof = true;
            d->breakpoint_count = 0;
            return EVM_DEBUG_CONTINUE;
        }
        if (c->echo)
            fputs(line, c->out);             /* a scripted session reads like a terminal */
        char *argv[4] = {0, 0, 0, 0};
        int argc = 0;
        for (char *tok = strtok(line, " \t\r\n"); tok && argc < 4; tok = strtok(NULL, " \t\r\n"))
            argv[argc++] = tok;
        if (argc == 0)
            continue;
        const char *cmd = argv[0];
        if (!strcmp(cmd, "step") || !strcmp(cmd, "s")) {
            int64_t n = 1;
            if (argc > 1 && (!parse_num(argv[1], &n) || n < 1)) {
                fprintf(c->out, "step: bad count %s\n", argv[1]);
                continue;
            }
            c->skip = (uint64_t)n;
            return EVM_DEBUG_STEP;
        } else if (!strcmp(cmd, "continue") || !strcmp(cmd, "c")) {
            return EVM_DEBUG_CONTINUE;
        } else if (!strcmp(cmd, "break") || !strcmp(cmd, "b")) {
            int64_t pc;
            if (argc == 1) {
                if (!d->breakpoint_count)
                    fprintf(c->out, "no breakpoints\n");
                for (size_t i = 0; i < d->breakpoint_count; i++) {
                    const evm_breakpoint *b = &d->breakpoints[i];
                    if (b->pc >= 0)
                        fprintf(c->out, "%zu: pc 0x%llx\n", i, (unsigned long long)b->pc);
                    else
                        fprintf(c->out, "%zu: op %s\n", i, evm_opcode_name((uint8_t)b->opcode));
                }
            } else if (!strcmp(argv[1], "op") && argc > 2) {
                int op = opcode_by_name(argv[2]);
                if (op < 0)
                    fprintf(c->out, "break: unknown opcode %s\n", argv[2]);
                else if (evm_debug_break(d, -1, op, 0))
                    fprintf(c->out, "breakpoint %zu at op %s\n", d->breakpoint_count - 1, evm_opcode_name((uint8_t)op));
            } else if (parse_num(argv[1], &pc)) {
                if (evm_debug_break(d, pc, -1, 0))
                    fprintf(c->out, "breakpoint %zu at pc 0x%llx\n", d->breakpoint_count - 1, (unsigned long long)pc);
                else
                    fprintf(c->out, "break: too many breakpoints\n");
            } else {
                fprintf(c->out, "break: bad pc %s\n", argv[1]);
            }
        } else if (!strcmp(cmd, "delete") || !strcmp(cmd, "d")) {
            int64_t i;
            if (argc < 2 || !parse_num(argv[1], &i) || !evm_debug_delete(d, (size_t)i))
                fprintf(c->out, "delete: no such breakpoint\n");
        } else if (!strcmp(cmd, "print") || !strcmp(cmd, "p")) {
            print_what(c, s, argc > 1 ? argv[1] : "");
        } else if (!strcmp(cmd, "quit") || !strcmp(cmd, "q")) {
            fprintf(c->out, "quit\n");
            fflush(c->out);
            exit(0);
        } else if (!strcmp(cmd, "help") || !strcmp(cmd, "h")) {
            fprintf(c->out, "step [N], continue, break PC, break op NAME, break, delete N,\n"
                            "print stack|memory|storage|gas, quit\n");
        } else {
            fprintf(c->out, "unknown command %s (try help)\n", cmd);
        }
    }
}

void cli_debug_attach(evm_vm_desc *desc, evm_state *state, FILE *in, FILE *out)
{
    cli_debug *c = &g_debug;
    memset(c, 0, sizeof *c);
    c->state = state;
    c->in = in;
    c->out = out;
    c->echo = !isatty(fileno(in));
    evm_debug_init(&c->dbg, on_pause, c);
    evm_debug_attach(&c->dbg, desc);
}
