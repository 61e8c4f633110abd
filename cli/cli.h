/* cli.h - shared declarations of the `evm` command-line tool (build/evm).
   Each subcommand lives in its own file and has the signature int cmd(int argc, char **argv)
   with argv[0] the subcommand name. Exit status: 0 success, 1 failures found, 2 usage or
   input error. */
#ifndef EVM_CLI_H
#define EVM_CLI_H
#include <stdio.h>
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include "../evm.h"

int evm_cmd_run(int argc, char **argv);
int evm_cmd_vmtest(int argc, char **argv);
int evm_cmd_statetest(int argc, char **argv);
int evm_cmd_bench(int argc, char **argv);
int evm_cmd_t8n(int argc, char **argv);
int evm_cmd_blocktest(int argc, char **argv);

/* Read a whole file (NUL-terminated); NULL and a message on stderr on failure. */
char *cli_read_file(const char *path, size_t *size);
/* Collect the *.json files under each path (files or directories, recursively, sorted).
   Returns the count; *out is a malloc'ed array of malloc'ed paths. */
size_t cli_collect_json(char **paths, int count, char ***out);
void cli_free_list(char **list, size_t n);
/* Hex text (optional 0x, even length) -> new malloc'ed buffer; false on bad input. */
bool cli_parse_hex(const char *hex, uint8_t **out, size_t *size);
void cli_print_hex(FILE *f, const uint8_t *data, size_t size);

/* EIP-3155 step tracer (trace.c): give cli_trace_step as the vm's tracer and
   cli_trace_frame_end as its frame_end, both with a cli_tracer as user; call
   cli_trace_done after the transaction to print the last pending step. */
typedef struct cli_tracer {
    FILE *out;                    /* NULL = stderr */
    char *line;                   /* the pending step: its JSON without gasCost */
    size_t size, cap, split;      /* gasCost goes in at `split` */
    bool pending;
    int64_t gas, cost;
    int32_t depth;
} cli_tracer;
void cli_trace_step(void *user, const evm_step *s);
void cli_trace_frame_end(void *user, const evm_frame_end *e);
void cli_trace_done(cli_tracer *t);
void cli_trace_free(cli_tracer *t);
const char *cli_trace_error(evm_status s);
/* debug.c: make desc's tracer the terminal debugger reading commands from `in` */
struct evm_state;
/* override.c: geth's eth_call state overrides from a JSON file; 0 or 2 (message printed) */
int cli_apply_overrides(struct evm_state *st, const char *path);
void cli_debug_attach(evm_vm_desc *desc, struct evm_state *state, FILE *in, FILE *out);       /* geth's words where it has them */
void cli_u256_hex(char *out, const evm_u256 *v); /* 0x-hex, no leading zeros; out >= 67 */
#endif
