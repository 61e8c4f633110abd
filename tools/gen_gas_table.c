/* gen_gas_table.c - generates evm_gas_table.h, the single source of the opcode table.

   Every opcode appears once below with its name, the stack items it needs, how it
   changes the stack height, the fork that introduced it and its static gas there.
   Later repricings are listed once as per-fork deltas. The output holds, per fork and
   opcode, the static gas, stack requirement and stack change, plus the opcode names and
   the memory expansion cost of 0..EVM_MEMORY_TABLE_WORDS words.

   Usage: gen_gas_table > evm_gas_table.h */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

enum { FRONTIER, HOMESTEAD, TANGERINE, SPURIOUS, BYZANTIUM, CONSTANTINOPLE, PETERSBURG,
       ISTANBUL, BERLIN, LONDON, PARIS, SHANGHAI, CANCUN, PRAGUE, OSAKA, FORKS };
static const char *const fork_names[FORKS] = {
    "Frontier", "Homestead", "TangerineWhistle", "SpuriousDragon", "Byzantium",
    "Constantinople", "Petersburg", "Istanbul", "Berlin", "London", "Paris", "Shanghai", "Cancun",
    "Prague", "Osaka"};

typedef struct { int op; const char *name; int req; int change; int since; int gas; } opdef;

static const opdef ops[] = {
    {0x00, "STOP", 0, 0, FRONTIER, 0},
    {0x01, "ADD", 2, -1, FRONTIER, 3},
    {0x02, "MUL", 2, -1, FRONTIER, 5},
    {0x03, "SUB", 2, -1, FRONTIER, 3},
    {0x04, "DIV", 2, -1, FRONTIER, 5},
    {0x05, "SDIV", 2, -1, FRONTIER, 5},
    {0x06, "MOD", 2, -1, FRONTIER, 5},
    {0x07, "SMOD", 2, -1, FRONTIER, 5},
    {0x08, "ADDMOD", 3, -2, FRONTIER, 8},
    {0x09, "MULMOD", 3, -2, FRONTIER, 8},
    {0x0a, "EXP", 2, -1, FRONTIER, 10},
    {0x0b, "SIGNEXTEND", 2, -1, FRONTIER, 5},
    {0x10, "LT", 2, -1, FRONTIER, 3},
    {0x11, "GT", 2, -1, FRONTIER, 3},
    {0x12, "SLT", 2, -1, FRONTIER, 3},
    {0x13, "SGT", 2, -1, FRONTIER, 3},
    {0x14, "EQ", 2, -1, FRONTIER, 3},
    {0x15, "ISZERO", 1, 0, FRONTIER, 3},
    {0x16, "AND", 2, -1, FRONTIER, 3},
    {0x17, "OR", 2, -1, FRONTIER, 3},
    {0x18, "XOR", 2, -1, FRONTIER, 3},
    {0x19, "NOT", 1, 0, FRONTIER, 3},
    {0x1a, "BYTE", 2, -1, FRONTIER, 3},
    {0x1b, "SHL", 2, -1, CONSTANTINOPLE, 3},
    {0x1c, "SHR", 2, -1, CONSTANTINOPLE, 3},
    {0x1d, "SAR", 2, -1, CONSTANTINOPLE, 3},
    {0x1e, "CLZ", 1, 0, OSAKA, 5},              /* EIP-7939 */
    {0x20, "KECCAK256", 2, -1, FRONTIER, 30},
    {0x30, "ADDRESS", 0, 1, FRONTIER, 2},
    {0x31, "BALANCE", 1, 0, FRONTIER, 20},
    {0x32, "ORIGIN", 0, 1, FRONTIER, 2},
    {0x33, "CALLER", 0, 1, FRONTIER, 2},
    {0x34, "CALLVALUE", 0, 1, FRONTIER, 2},
    {0x35, "CALLDATALOAD", 1, 0, FRONTIER, 3},
    {0x36, "CALLDATASIZE", 0, 1, FRONTIER, 2},
    {0x37, "CALLDATACOPY", 3, -3, FRONTIER, 3},
    {0x38, "CODESIZE", 0, 1, FRONTIER, 2},
    {0x39, "CODECOPY", 3, -3, FRONTIER, 3},
    {0x3a, "GASPRICE", 0, 1, FRONTIER, 2},
    {0x3b, "EXTCODESIZE", 1, 0, FRONTIER, 20},
    {0x3c, "EXTCODECOPY", 4, -4, FRONTIER, 20},
    {0x3d, "RETURNDATASIZE", 0, 1, BYZANTIUM, 2},
    {0x3e, "RETURNDATACOPY", 3, -3, BYZANTIUM, 3},
    {0x3f, "EXTCODEHASH", 1, 0, CONSTANTINOPLE, 400},
    {0x40, "BLOCKHASH", 1, 0, FRONTIER, 20},
    {0x41, "COINBASE", 0, 1, FRONTIER, 2},
    {0x42, "TIMESTAMP", 0, 1, FRONTIER, 2},
    {0x43, "NUMBER", 0, 1, FRONTIER, 2},
    {0x44, "PREVRANDAO", 0, 1, FRONTIER, 2},   /* DIFFICULTY before Paris */
    {0x45, "GASLIMIT", 0, 1, FRONTIER, 2},
    {0x46, "CHAINID", 0, 1, ISTANBUL, 2},
    {0x47, "SELFBALANCE", 0, 1, ISTANBUL, 5},
    {0x48, "BASEFEE", 0, 1, LONDON, 2},
    {0x49, "BLOBHASH", 1, 0, CANCUN, 3},
    {0x4a, "BLOBBASEFEE", 0, 1, CANCUN, 2},
    {0x50, "POP", 1, -1, FRONTIER, 2},
    {0x51, "MLOAD", 1, 0, FRONTIER, 3},
    {0x52, "MSTORE", 2, -2, FRONTIER, 3},
    {0x53, "MSTORE8", 2, -2, FRONTIER, 3},
    {0x54, "SLOAD", 1, 0, FRONTIER, 50},
    {0x55, "SSTORE", 2, -2, FRONTIER, 0},       /* all of its cost is dynamic */
    {0x56, "JUMP", 1, -1, FRONTIER, 8},
    {0x57, "JUMPI", 2, -2, FRONTIER, 10},
    {0x58, "PC", 0, 1, FRONTIER, 2},
    {0x59, "MSIZE", 0, 1, FRONTIER, 2},
    {0x5a, "GAS", 0, 1, FRONTIER, 2},
    {0x5b, "JUMPDEST", 0, 0, FRONTIER, 1},
    {0x5c, "TLOAD", 1, 0, CANCUN, 100},
    {0x5d, "TSTORE", 2, -2, CANCUN, 100},
    {0x5e, "MCOPY", 3, -3, CANCUN, 3},
    {0x5f, "PUSH0", 0, 1, SHANGHAI, 2},
    /* PUSH1..32, DUP1..16, SWAP1..16, LOG0..4 are generated in main() */
    {0xf0, "CREATE", 3, -2, FRONTIER, 32000},
    {0xf1, "CALL", 7, -6, FRONTIER, 40},
    {0xf2, "CALLCODE", 7, -6, FRONTIER, 40},
    {0xf3, "RETURN", 2, -2, FRONTIER, 0},
    {0xf4, "DELEGATECALL", 6, -5, HOMESTEAD, 40},
    {0xf5, "CREATE2", 4, -3, CONSTANTINOPLE, 32000},
    {0xfa, "STATICCALL", 6, -5, BYZANTIUM, 700},
    {0xfd, "REVERT", 2, -2, BYZANTIUM, 0},
    {0xfe, "INVALID", 0, 0, FRONTIER, 0},
    {0xff, "SELFDESTRUCT", 1, -1, FRONTIER, 0},
};

/* Repricings: from fork `fork` on, opcode `op` costs `gas`. */
typedef struct { int fork; int op; int gas; } delta;
static const delta deltas[] = {
    /* EIP-150 (Tangerine Whistle): IO-heavy operations */
    {TANGERINE, 0x31, 400}, {TANGERINE, 0x3b, 700}, {TANGERINE, 0x3c, 700},
    {TANGERINE, 0x54, 200}, {TANGERINE, 0xf1, 700}, {TANGERINE, 0xf2, 700},
    {TANGERINE, 0xf4, 700}, {TANGERINE, 0xff, 5000},
    /* EIP-1884 (Istanbul) */
    {ISTANBUL, 0x31, 700}, {ISTANBUL, 0x54, 800}, {ISTANBUL, 0x3f, 700},
    /* EIP-2929 (Berlin): the static part is the warm cost; cold surcharges are dynamic */
    {BERLIN, 0x31, 100}, {BERLIN, 0x3b, 100}, {BERLIN, 0x3c, 100}, {BERLIN, 0x3f, 100},
    {BERLIN, 0x54, 100}, {BERLIN, 0xf1, 100}, {BERLIN, 0xf2, 100}, {BERLIN, 0xf4, 100},
    {BERLIN, 0xfa, 100},
};

#define TABLE_WORDS 1024

/* Instructions after which a new basic block starts: control flow and halts, and the
   instructions whose effect depends on the exact gas left (GAS, the calls and creates
   with their 63/64 rule, SSTORE with its EIP-2200 sentry). The interpreter charges the
   static gas of a whole block at its start; ending blocks here keeps gas exact. */
static int ends_block(int op)
{
    switch (op) {
    case 0x00: case 0x56: case 0x57: case 0xf3: case 0xfd: case 0xfe: case 0xff:   /* STOP JUMP JUMPI RETURN REVERT INVALID SELFDESTRUCT */
    case 0x5a: case 0x55:                                                          /* GAS SSTORE */
    case 0xf0: case 0xf1: case 0xf2: case 0xf4: case 0xf5: case 0xfa:              /* CREATE CALL CALLCODE DELEGATECALL CREATE2 STATICCALL */
        return 1;
    default:
        return 0;
    }
}

typedef struct { int defined, gas, req, change; } entry;
static entry table[FORKS][256];
static char names[256][16];
static int since[256];

static void define(int op, const char *name, int req, int change, int since_fork, int gas)
{
    snprintf(names[op], sizeof names[op], "%s", name);
    since[op] = since_fork;
    for (int f = since_fork; f < FORKS; f++) {
        table[f][op].defined = 1;
        table[f][op].gas = gas;
        table[f][op].req = req;
        table[f][op].change = change;
    }
}

int main(void)
{
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        define(ops[i].op, ops[i].name, ops[i].req, ops[i].change, ops[i].since, ops[i].gas);
    char n[16];
    for (int i = 1; i <= 32; i++) {
        snprintf(n, sizeof n, "PUSH%d", i);
        define(0x5f + i, n, 0, 1, FRONTIER, 3);
    }
    for (int i = 1; i <= 16; i++) {
        snprintf(n, sizeof n, "DUP%d", i);
        define(0x7f + i, n, i, 1, FRONTIER, 3);
        snprintf(n, sizeof n, "SWAP%d", i);
        define(0x8f + i, n, i + 1, 0, FRONTIER, 3);
    }
    for (int i = 0; i <= 4; i++) {
        snprintf(n, sizeof n, "LOG%d", i);
        define(0xa0 + i, n, i + 2, -(i + 2), FRONTIER, 375 * (i + 1));
    }
    for (size_t i = 0; i < sizeof deltas / sizeof deltas[0]; i++)
        for (int f = deltas[i].fork; f < FORKS; f++)
            table[f][deltas[i].op].gas = deltas[i].gas;

    printf("/* evm_gas_table.h - GENERATED by tools/gen_gas_table.c: do not edit.\n"
           "   Regenerate with `make gas-table`; `make check` fails if this copy is stale.\n\n"
           "   evm_op_table[fork][opcode]: static gas (the warm cost from Berlin on; dynamic\n"
           "   parts are charged next to each opcode in evm.h), stack items required, stack\n"
           "   height change, flags: EVM_OP_DEFINED if the opcode exists in that fork,\n"
           "   EVM_OP_ENDS_BLOCK if a basic block ends after it.\n"
           "   evm_memory_cost_table[w]: gas of w words of memory, 3*w + w*w/512, w <= %d. */\n",
           TABLE_WORDS);
    printf("#include \"evm.h\"\n#ifndef EVM_GAS_TABLE_H\n#define EVM_GAS_TABLE_H\n\n");
    printf("#define EVM_OP_DEFINED 1\n"
           "#define EVM_OP_ENDS_BLOCK 2   /* jumps, halts, and what observes the gas left */\n\n");
    printf("typedef struct evm_op_info {\n    int16_t gas;\n    uint8_t stack_req;\n"
           "    int8_t stack_change;\n    uint8_t flags;\n} evm_op_info;\n\n");
    printf("extern const evm_op_info evm_op_table[EVM_FORK_COUNT][256];\n");
    printf("extern const char *const evm_op_names[256];\n");
    printf("extern const uint32_t evm_memory_cost_table[%d];\n\n", TABLE_WORDS + 1);
    printf("/* Compile-time facts per opcode, for the interpreter's specialised checks:\n"
           "   EVM_OP_<NAME> opcode, EVM__REQ_<NAME> stack items needed, EVM__CHG_<NAME> stack\n"
           "   change, EVM__SINCE_<NAME> first fork, EVM__GAS_<NAME> static gas if the same in\n"
           "   every fork that has the opcode, else -1 (then read evm_op_table). */\n");
    for (int op = 0; op < 256; op++) {
        if (!names[op][0])
            continue;
        int g = table[FORKS - 1][op].gas;
        for (int f = since[op]; f < FORKS; f++)
            if (table[f][op].gas != g)
                g = -1;
        printf("#define EVM_OP_%s 0x%02x\n#define EVM__REQ_%s %d\n#define EVM__CHG_%s (%d)\n"
               "#define EVM__SINCE_%s %d\n#define EVM__GAS_%s (%d)\n",
               names[op], op, names[op], table[FORKS - 1][op].req, names[op],
               table[FORKS - 1][op].change, names[op], since[op], names[op], g);
    }
    printf("\n/* X-macro over every opcode ever defined: X(NAME) */\n#define EVM_OPCODE_LIST(X)");
    for (int op = 0; op < 256; op++)
        if (names[op][0])
            printf(" \\\n    X(%s)", names[op]);
    printf("\n\n/* All 256 opcodes in order: X(NAME) where defined in some fork, else U */\n"
           "#define EVM_OPCODE_TABLE(X, U)");
    for (int op = 0; op < 256; op++) {
        if (op % 8 == 0)
            printf(" \\\n   ");
        if (names[op][0])
            printf(" X(%s)", names[op]);
        else
            printf(" U");
    }
    printf("\n\n#endif /* EVM_GAS_TABLE_H */\n\n");
    printf("#if defined(EVM__IMPLEMENTING) && !defined(EVM_GAS_TABLE_IMPLEMENTED)\n"
           "#define EVM_GAS_TABLE_IMPLEMENTED\n\n");
    printf("const evm_op_info evm_op_table[EVM_FORK_COUNT][256] = {\n");
    for (int f = 0; f < FORKS; f++) {
        printf("    { /* %s */\n", fork_names[f]);
        for (int op = 0; op < 256; op++) {
            const entry *e = &table[f][op];
            if (op % 4 == 0)
                printf("       ");
            printf(" {%d, %d, %d, %d},", e->defined ? e->gas : 0, e->defined ? e->req : 0,
                   e->defined ? e->change : 0, e->defined ? 1 | (ends_block(op) ? 2 : 0) : 0);
            if (op % 4 == 3)
                printf(" /* 0x%02x */\n", op - 3);
        }
        printf("    },\n");
    }
    printf("};\n\n");
    printf("const char *const evm_op_names[256] = {\n");
    for (int op = 0; op < 256; op++) {
        if (names[op][0])
            printf("    \"%s\",", names[op]);
        else
            printf("    0,");
        printf(" /* 0x%02x */\n", op);
    }
    printf("};\n\n");
    printf("const uint32_t evm_memory_cost_table[%d] = {", TABLE_WORDS + 1);
    for (uint64_t w = 0; w <= TABLE_WORDS; w++) {
        if (w % 8 == 0)
            printf("\n   ");
        printf(" %llu,", (unsigned long long)(3 * w + w * w / 512));
    }
    printf("\n};\n\n#endif /* EVM__IMPLEMENTING */\n");
    return 0;
}
