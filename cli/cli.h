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
#endif
