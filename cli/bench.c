/* bench.c - placeholder until the subcommand lands; reports that it is missing. */
#include "cli.h"
int evm_cmd_bench(int argc, char **argv)
{
    (void)argc;
    fprintf(stderr, "evm %s: not available in this build yet\n", argv[0]);
    return 2;
}
