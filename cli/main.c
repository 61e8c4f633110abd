/* main.c - `evm`: the command-line face of the library. */
#include "cli.h"
#include <string.h>

static int usage(void)
{
    fprintf(stderr,
            "usage: evm <command> [options]\n"
            "  run [options] CODE_HEX     run bytecode as a contract called at depth 0\n"
            "  vmtest PATH...             run classic VM tests (files or directories)\n"
            "  statetest [opts] PATH...   run Ethereum state tests\n"
            "  blocktest [opts] PATH...   run Ethereum blockchain tests (execution-spec-tests)\n"
            "  bench [opts] PATH...       benchmark state-test-format contracts\n"
            "  t8n [options]              geth's state transition tool (alloc, env, txs -> result)\n"
            "Run `evm <command> --help` for a command's options.\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    const char *c = argv[1];
    if (!strcmp(c, "run"))
        return evm_cmd_run(argc - 1, argv + 1);
    if (!strcmp(c, "vmtest"))
        return evm_cmd_vmtest(argc - 1, argv + 1);
    if (!strcmp(c, "statetest"))
        return evm_cmd_statetest(argc - 1, argv + 1);
    if (!strcmp(c, "t8n"))
        return evm_cmd_t8n(argc - 1, argv + 1);
    if (!strcmp(c, "blocktest"))
        return evm_cmd_blocktest(argc - 1, argv + 1);
    if (!strcmp(c, "bench"))
        return evm_cmd_bench(argc - 1, argv + 1);
    return usage();
}
