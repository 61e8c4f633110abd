/* blocktest.c - `evm blocktest [--run REGEX] [--network NAME] [--jobs N] [--verbose] PATH...`: run
   execution-spec-tests blockchain tests through evm_block.h. For every test: the chain
   configuration from `network` and `config` (chain id, blobSchedule), `pre` as the
   genesis state (its root must be the genesis header's), then each block of `blocks` in
   order: a block without `expectException` must decode, validate and execute to exactly
   its header (state root, receipts, bloom, gas, requests: evm_block_execute compares
   them) and becomes the head; a block with `expectException` must be rejected, and the
   chain stays at its parent. A rejection for a reason outside the class the test names
   still passes, but is listed ("reason differs") with both names. Then `postState`
   (or `postStateHash`) against the state and `lastblockhash` against the head.
   Failures are named file:test; the closing lines give the count per network and
   "N passed, N failed". */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "../evm_json.h"
#include "../evm_block.h"
#include <stdlib.h>
#include <string.h>
#include <regex.h>
#include <unistd.h>
#include <sys/wait.h>

enum { BT_MAX_NETWORKS = 32 };

typedef struct bt_network { char name[40]; long passed, failed; } bt_network;

typedef struct bt_counts {
    long passed, failed, reason_differs;
    bt_network nets[BT_MAX_NETWORKS];
    int net_count;
} bt_counts;

typedef struct bt_runner {
    evm_vm vm;
    evm_state state, scratch;
    evm_precompiles pc;
    regex_t re;
    bool has_re, verbose;
    const char *only_network;
    bt_counts c;
    evm_block_header *chain;          /* the canonical chain from genesis */
    size_t chain_len, chain_cap;
} bt_runner;

static void bt_block_hash(void *user, uint64_t number, evm_bytes32 *hash)
{
    bt_runner *r = (bt_runner *)user;
    memset(hash->bytes, 0, 32);
    if (r->chain_len && number >= r->chain[0].number && number - r->chain[0].number < r->chain_len)
        *hash = r->chain[number - r->chain[0].number].hash;
}

static bool bt_push(bt_runner *r, const evm_block_header *h)
{
    if (r->chain_len == r->chain_cap) {
        size_t cap = r->chain_cap ? r->chain_cap * 2 : 64;
        evm_block_header *p = realloc(r->chain, cap * sizeof *p);
        if (!p)
            return false;
        r->chain = p;
        r->chain_cap = cap;
    }
    r->chain[r->chain_len++] = *h;
    return true;
}

static bt_network *bt_net(bt_counts *c, const char *name)
{
    for (int i = 0; i < c->net_count; i++)
        if (!strcmp(c->nets[i].name, name))
            return &c->nets[i];
    if (c->net_count == BT_MAX_NETWORKS)
        return &c->nets[BT_MAX_NETWORKS - 1];
    bt_network *n = &c->nets[c->net_count++];
    memset(n, 0, sizeof *n);
    snprintf(n->name, sizeof n->name, "%s", name);
    return n;
}

static int bt_hexdigit(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static bool bt_address(const char *s, evm_address *out)
{
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        s += 2;
    if (strlen(s) != 40)
        return false;
    for (int i = 0; i < 20; i++) {
        int hi = bt_hexdigit(s[2 * i]), lo = bt_hexdigit(s[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out->bytes[i] = (uint8_t)(hi * 16 + lo);
    }
    return true;
}

static bool bt_bytes(const evm_json *v, uint8_t **out, size_t *size)
{
    *out = NULL;
    *size = 0;
    if (!v || v->type != EVM_JSON_STRING)
        return false;
    if (v->str[0] == 0 || !strcmp(v->str, "0x"))
        return true;
    return evm_json_hex(v, NULL, out, size);
}

/* accounts of a pre/postState object into s (cleared first) */
static bool bt_load(evm_state *s, const evm_json *accounts, char *err, size_t err_size)
{
    evm_state_clear(s);
    if (!accounts || accounts->type != EVM_JSON_OBJECT) {
        snprintf(err, err_size, "accounts are not an object");
        return false;
    }
    for (const evm_json *a = accounts->child; a; a = a->next) {
        evm_address addr;
        evm_u256 bal;
        uint64_t nonce;
        uint8_t *code;
        size_t code_size;
        if (!bt_address(a->key, &addr) || !evm_json_u256(evm_json_get(a, "balance"), &bal) ||
            !evm_json_u64(evm_json_get(a, "nonce"), &nonce) ||
            !bt_bytes(evm_json_get(a, "code"), &code, &code_size)) {
            snprintf(err, err_size, "bad account %s", a->key);
            return false;
        }
        bool ok = evm_state_create(s, &addr) && evm_state_set_balance(s, &addr, &bal) &&
                  evm_state_set_nonce(s, &addr, nonce) &&
                  (!code_size || evm_state_set_code(s, &addr, code, code_size));
        free(code);
        const evm_json *st = evm_json_get(a, "storage");
        for (const evm_json *e = st && st->type == EVM_JSON_OBJECT ? st->child : NULL; ok && e; e = e->next) {
            evm_json key = *e;
            key.type = EVM_JSON_STRING;
            key.str = e->key;
            key.len = strlen(e->key);
            evm_u256 k, v;
            if (!evm_json_u256(&key, &k) || !evm_json_u256(e, &v)) {
                snprintf(err, err_size, "bad storage of %s", a->key);
                return false;
            }
            if (!evm_u256_is_zero(&v))
                ok = evm_state_set_storage(s, &addr, &k, &v);
        }
        if (!ok) {
            snprintf(err, err_size, "out of memory");
            return false;
        }
    }
    return true;
}

static void bt_hex(char *out, const uint8_t *p, size_t n)
{
    static const char d[] = "0123456789abcdef";
    *out++ = '0';
    *out++ = 'x';
    for (size_t i = 0; i < n; i++) {
        *out++ = d[p[i] >> 4];
        *out++ = d[p[i] & 15];
    }
    *out = 0;
}

/* the execution-spec-tests exception class of a rejection */
static void bt_class(evm_block_status st, evm_tx_status ts, char *out, size_t n)
{
    switch (st) {
    case EVM_BLOCK_TX_INVALID:
        if (ts == EVM_TX_TYPE_NOT_SUPPORTED)
            snprintf(out, n, "TransactionException._TX_PRE_FORK");
        else
            snprintf(out, n, "TransactionException.%s", evm_tx_status_name(ts));
        return;
    case EVM_BLOCK_TX_SIGNATURE: case EVM_BLOCK_TX_CHAIN_ID: case EVM_BLOCK_TX_GAS_ALLOWANCE:
        snprintf(out, n, "TransactionException.%s", evm_block_status_name(st));
        return;
    case EVM_BLOCK_BLOB_GAS_EXCEEDED:
        snprintf(out, n, "TransactionException.TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED");
        return;
    case EVM_BLOCK_TX_RLP: case EVM_BLOCK_RLP:
        snprintf(out, n, "BlockException.RLP_STRUCTURES_ENCODING");
        return;
    default:
        snprintf(out, n, "BlockException.%s", evm_block_status_name(st));
    }
}

/* does our class match one of the '|'-separated alternatives? (nonce mismatches and
   pre-fork types are matched by their common part) */
static bool bt_matches(const char *expected, const char *ours)
{
    const char *p = expected;
    while (*p) {
        const char *e = strchr(p, '|');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        char alt[160];
        snprintf(alt, sizeof alt, "%.*s", (int)len, p);
        if (!strcmp(alt, ours))
            return true;
        if (!strcmp(ours, "TransactionException.NONCE_MISMATCH") &&
            !strncmp(alt, "TransactionException.NONCE_MISMATCH", 35))
            return true;
        if (!strcmp(ours, "TransactionException._TX_PRE_FORK") && strstr(alt, "_TX_PRE_FORK"))
            return true;
        if (!e)
            break;
        p = e + 1;
    }
    return false;
}

#define BT_FAIL(...) do { printf("FAIL %s:%s: ", file, name); printf(__VA_ARGS__); printf("\n"); \
                          goto failed; } while (0)

static void bt_run_test(bt_runner *r, const char *file, const evm_json *t)
{
    const char *name = t->key;
    const evm_json *net = evm_json_get(t, "network");
    const char *net_name = net && net->type == EVM_JSON_STRING ? net->str : "?";
    if (r->only_network && strcmp(r->only_network, net_name) != 0)
        return;
    bt_network *ns = bt_net(&r->c, net_name);
    evm_chain_config chain;
    char err[256], a[80], b[80];
    evm_block blk;
    uint8_t *raw = NULL;
    size_t raw_size;
    memset(&blk, 0, sizeof blk);
    r->chain_len = 0;

    if (!evm_chain_from_network(&chain, net_name))
        BT_FAIL("unknown network %s", net_name);
    const evm_json *cfg = evm_json_get(t, "config");
    if (cfg) {
        const evm_json *cid = evm_json_get(cfg, "chainid"), *bs = evm_json_get(cfg, "blobSchedule");
        if (cid && !evm_json_u256(cid, &chain.chain_id))
            BT_FAIL("bad config.chainid");
        for (const evm_json *f = bs && bs->type == EVM_JSON_OBJECT ? bs->child : NULL; f; f = f->next) {
            evm_blob_params s;
            if (!evm_json_u64(evm_json_get(f, "target"), &s.target) ||
                !evm_json_u64(evm_json_get(f, "max"), &s.max) ||
                !evm_json_u64(evm_json_get(f, "baseFeeUpdateFraction"), &s.update_fraction))
                BT_FAIL("bad blobSchedule entry %s", f->key);
            evm_chain_set_blob_schedule(&chain, f->key, &s);   /* unknown forks: unused */
        }
    }
    if (!bt_load(&r->state, evm_json_get(t, "pre"), err, sizeof err))
        BT_FAIL("pre: %s", err);

    /* genesis */
    if (!bt_bytes(evm_json_get(t, "genesisRLP"), &raw, &raw_size))
        BT_FAIL("bad genesisRLP");
    evm_block_status st = evm_block_decode(&blk, raw, raw_size, NULL);
    if (st != EVM_BLOCK_OK)
        BT_FAIL("genesis does not decode: %s", evm_block_status_name(st));
    evm_bytes32 want, root;
    const evm_json *gh = evm_json_get(t, "genesisBlockHeader");
    if (evm_json_bytes32(evm_json_get(gh, "hash"), &want) && memcmp(want.bytes, blk.header.hash.bytes, 32)) {
        bt_hex(a, want.bytes, 32);
        bt_hex(b, blk.header.hash.bytes, 32);
        BT_FAIL("genesis hash: expected %s, got %s", a, b);
    }
    if (!evm_state_root(&r->state, &root))
        BT_FAIL("out of memory");
    if (memcmp(root.bytes, blk.header.state_root.bytes, 32)) {
        bt_hex(a, blk.header.state_root.bytes, 32);
        bt_hex(b, root.bytes, 32);
        BT_FAIL("genesis state root: expected %s, got %s", a, b);
    }
    if (!bt_push(r, &blk.header))
        BT_FAIL("out of memory");
    evm_block_free(&blk);
    free(raw);
    raw = NULL;

    /* the blocks */
    const evm_json *blocks = evm_json_get(t, "blocks");
    size_t k = 0;
    for (const evm_json *bj = blocks && blocks->type == EVM_JSON_ARRAY ? blocks->child : NULL; bj; bj = bj->next, k++) {
        const evm_json *exc = evm_json_get(bj, "expectException");
        const char *expected = exc && exc->type == EVM_JSON_STRING ? exc->str : NULL;
        if (!bt_bytes(evm_json_get(bj, "rlp"), &raw, &raw_size))
            BT_FAIL("block %zu: bad rlp", k);
        evm_block_result res;
        memset(&res, 0, sizeof res);
        st = evm_block_decode(&blk, raw, raw_size, NULL);
        const evm_block_header *head = &r->chain[r->chain_len - 1];
        if (st == EVM_BLOCK_OK && memcmp(blk.header.parent_hash.bytes, head->hash.bytes, 32) != 0) {
            for (size_t i = 0; i + 1 < r->chain_len; i++)
                if (!memcmp(blk.header.parent_hash.bytes, r->chain[i].hash.bytes, 32))
                    BT_FAIL("block %zu: builds on block %zu, not the head (reorgs not supported)", k, i);
            st = EVM_BLOCK_UNKNOWN_PARENT;
        }
        if (st == EVM_BLOCK_OK)
            st = evm_block_execute(&r->state, &r->vm, &chain, head, &blk, &res);
        evm_block_result_free(&res);   /* the roots stay; the requests are not needed */
        if (st == EVM_BLOCK_OUT_OF_MEMORY || st == EVM_BLOCK_ABORTED)
            BT_FAIL("block %zu: %s (tx %zu: %s)", k, evm_block_status_name(st), res.tx_index,
                    evm_tx_status_name(res.tx_status));
        if (expected) {
            if (st == EVM_BLOCK_OK)
                BT_FAIL("block %zu: expected %s, the block was valid", k, expected);
            char cls[160];
            bt_class(st, res.tx_status, cls, sizeof cls);
            if (!bt_matches(expected, cls)) {
                r->c.reason_differs++;
                if (r->verbose)
                    printf("REASON %s:%s: block %zu: expected %s, rejected as %s\n", file, name, k, expected, cls);
            }
        } else if (st != EVM_BLOCK_OK) {
            if (st == EVM_BLOCK_TX_INVALID)
                BT_FAIL("block %zu: tx %zu invalid: %s", k, res.tx_index, evm_tx_status_name(res.tx_status));
            if (st == EVM_BLOCK_TX_RLP)
                BT_FAIL("block %zu: tx %zu does not decode: %s", k, blk.tx_index,
                        evm_tx_decode_status_name(blk.tx_decode_status));
            if (st == EVM_BLOCK_STATE_ROOT) {
                bt_hex(a, blk.header.state_root.bytes, 32);
                bt_hex(b, res.state_root.bytes, 32);
                BT_FAIL("block %zu: state root: expected %s, got %s", k, a, b);
            }
            if (st == EVM_BLOCK_GAS_USED)
                BT_FAIL("block %zu: gas used: expected %llu, got %llu", k,
                        (unsigned long long)blk.header.gas_used, (unsigned long long)res.gas_used);
            BT_FAIL("block %zu: rejected: %s", k, evm_block_status_name(st));
        } else {
            const evm_json *bh = evm_json_get(evm_json_get(bj, "blockHeader"), "hash");
            if (bh && evm_json_bytes32(bh, &want) && memcmp(want.bytes, blk.header.hash.bytes, 32))
                BT_FAIL("block %zu: hash differs from blockHeader.hash", k);
            if (!bt_push(r, &blk.header))
                BT_FAIL("out of memory");
        }
        evm_block_free(&blk);
        free(raw);
        raw = NULL;
    }

    /* the end state and head */
    const evm_json *post = evm_json_get(t, "postState"), *post_hash = evm_json_get(t, "postStateHash");
    if (!evm_state_root(&r->state, &root))
        BT_FAIL("out of memory");
    if (post) {
        if (!bt_load(&r->scratch, post, err, sizeof err))
            BT_FAIL("postState: %s", err);
        if (!evm_state_root(&r->scratch, &want))
            BT_FAIL("out of memory");
    } else if (!post_hash || !evm_json_bytes32(post_hash, &want)) {
        BT_FAIL("no postState");
    }
    if (memcmp(root.bytes, want.bytes, 32)) {
        bt_hex(a, want.bytes, 32);
        bt_hex(b, root.bytes, 32);
        printf("FAIL %s:%s: post state root: expected %s, got %s\n", file, name, a, b);
        if (post) {   /* name the first account that differs */
            size_t it = 0;
            evm_address ad;
            while (evm_state_next_account(&r->scratch, &it, &ad)) {
                evm_u256 x = evm_state_balance(&r->scratch, &ad), y = evm_state_balance(&r->state, &ad);
                evm_bytes32 s1, s2;
                evm_state_storage_root(&r->scratch, &ad, &s1);
                evm_state_storage_root(&r->state, &ad, &s2);
                if (!evm_state_exists(&r->state, &ad) || !evm_u256_eq(&x, &y) ||
                    evm_state_nonce(&r->scratch, &ad) != evm_state_nonce(&r->state, &ad) || memcmp(s1.bytes, s2.bytes, 32)) {
                    bt_hex(a, ad.bytes, 20);
                    printf("  first difference: account %s (%s)\n", a,
                           !evm_state_exists(&r->state, &ad) ? "missing" : !evm_u256_eq(&x, &y) ? "balance"
                           : evm_state_nonce(&r->scratch, &ad) != evm_state_nonce(&r->state, &ad) ? "nonce" : "storage");
                    break;
                }
            }
            it = 0;
            while (evm_state_next_account(&r->state, &it, &ad))
                if (!evm_state_exists(&r->scratch, &ad)) {
                    bt_hex(a, ad.bytes, 20);
                    printf("  account %s should not exist\n", a);
                    break;
                }
        }
        goto failed;
    }
    if (evm_json_bytes32(evm_json_get(t, "lastblockhash"), &want) &&
        memcmp(want.bytes, r->chain[r->chain_len - 1].hash.bytes, 32))
        BT_FAIL("lastblockhash differs (head is block %llu)", (unsigned long long)r->chain[r->chain_len - 1].number);
    r->c.passed++;
    ns->passed++;
    return;

failed:
    evm_block_free(&blk);
    free(raw);
    r->c.failed++;
    ns->failed++;
}

static void bt_run_file(bt_runner *r, const char *path)
{
    size_t size;
    char *text = cli_read_file(path, &size);
    if (!text) {
        printf("FAIL %s: cannot read\n", path);
        r->c.failed++;
        return;
    }
    evm_json_doc doc;
    bool ok = evm_json_parse(&doc, text, size, NULL);
    free(text);
    if (!ok || doc.root->type != EVM_JSON_OBJECT) {
        printf("FAIL %s: malformed JSON: %s\n", path, ok ? "not an object" : doc.error);
        r->c.failed++;
        if (ok)
            evm_json_free(&doc);
        return;
    }
    for (const evm_json *t = doc.root->child; t; t = t->next) {
        if (r->has_re && regexec(&r->re, t->key, 0, NULL, 0) != 0)
            continue;
        bt_run_test(r, path, t);
    }
    evm_json_free(&doc);
    fflush(stdout);
}

static int bt_usage(void)
{
    fprintf(stderr,
            "usage: evm blocktest [--run REGEX] [--network NAME] [--jobs N] [--verbose] PATH...\n"
            "  --run REGEX     only tests whose name matches (POSIX extended regex)\n"
            "  --network NAME  only tests of this network (\"Cancun\", \"BPO1ToBPO2AtTime15k\")\n"
            "  --jobs N        run N worker processes (default 1)\n"
            "  --verbose       list invalid blocks rejected for another reason than expected\n");
    return 2;
}

static void bt_add(bt_counts *to, const bt_counts *from)
{
    to->passed += from->passed;
    to->failed += from->failed;
    to->reason_differs += from->reason_differs;
    for (int i = 0; i < from->net_count; i++) {
        bt_network *n = bt_net(to, from->nets[i].name);
        n->passed += from->nets[i].passed;
        n->failed += from->nets[i].failed;
    }
}

int evm_cmd_blocktest(int argc, char **argv)
{
    static bt_runner r;
    memset(&r, 0, sizeof r);
    int jobs = 1, first = 1;
    for (; first < argc && argv[first][0] == '-'; first++) {
        const char *o = argv[first];
        if (!strcmp(o, "--run") && first + 1 < argc) {
            if (regcomp(&r.re, argv[++first], REG_EXTENDED | REG_NOSUB) != 0) {
                fprintf(stderr, "blocktest: bad regular expression %s\n", argv[first]);
                return 2;
            }
            r.has_re = true;
        } else if (!strcmp(o, "--jobs") && first + 1 < argc) {
            jobs = atoi(argv[++first]);
            if (jobs < 1 || jobs > 64)
                return bt_usage();
        } else if (!strcmp(o, "--network") && first + 1 < argc) {
            r.only_network = argv[++first];
        } else if (!strcmp(o, "--verbose")) {
            r.verbose = true;
        } else {
            return bt_usage();
        }
    }
    if (first >= argc)
        return bt_usage();
    char **files;
    size_t nfiles = cli_collect_json(argv + first, argc - first, &files);
    if (nfiles == 0) {
        fprintf(stderr, "blocktest: no .json files found\n");
        return 2;
    }
    bt_counts total;
    memset(&total, 0, sizeof total);
    int fds[64], worker = 0;
    pid_t pids[64];
    bool is_worker = false;
    if (jobs > 1) {
        fflush(stdout);
        for (worker = 0; worker < jobs; worker++) {
            int p[2];
            if (pipe(p) != 0) {
                perror("pipe");
                return 2;
            }
            pid_t pid = fork();
            if (pid < 0) {
                perror("fork");
                return 2;
            }
            if (pid == 0) {
                close(p[0]);
                fds[0] = p[1];
                is_worker = true;
                break;
            }
            close(p[1]);
            fds[worker] = p[0];
            pids[worker] = pid;
        }
    }
    if (jobs == 1 || is_worker) {
        evm_vm_desc desc;
        memset(&desc, 0, sizeof desc);
        desc.code_cache_size = 4u << 20;          /* as the zkVM guest: analysis kept across calls */
        evm_vm_init(&r.vm, &desc);
        evm_state_init(&r.state, NULL);
        evm_state_init(&r.scratch, NULL);
        evm_precompiles_init(&r.pc, NULL);
        evm_state_set_precompiles(&r.state, &r.pc);
        evm_state_set_block_hash(&r.state, bt_block_hash, &r);
        setvbuf(stdout, NULL, _IOLBF, 0);
        for (size_t i = 0; i < nfiles; i++)
            if (jobs == 1 || (int)(i % (size_t)jobs) == worker)
                bt_run_file(&r, files[i]);
        evm_precompiles_destroy(&r.pc);
        evm_state_destroy(&r.state);
        evm_state_destroy(&r.scratch);
        evm_vm_destroy(&r.vm);
        free(r.chain);
        total = r.c;
        if (is_worker) {
            fflush(stdout);
            ssize_t w = write(fds[0], &total, sizeof total);
            close(fds[0]);
            _exit(w == (ssize_t)sizeof total ? 0 : 3);
        }
    } else {
        for (int k = 0; k < jobs; k++) {
            bt_counts c;
            size_t got = 0;
            while (got < sizeof c) {
                ssize_t n = read(fds[k], (char *)&c + got, sizeof c - got);
                if (n <= 0)
                    break;
                got += (size_t)n;
            }
            close(fds[k]);
            int status = 0;
            waitpid(pids[k], &status, 0);
            if (got != sizeof c) {
                printf("FAIL worker %d died (status %d)\n", k, status);
                total.failed++;
                continue;
            }
            bt_add(&total, &c);
        }
    }
    cli_free_list(files, nfiles);
    if (r.has_re)
        regfree(&r.re);
    for (int i = 0; i < total.net_count; i++)
        printf("  %-28s %6ld passed, %ld failed\n", total.nets[i].name, total.nets[i].passed, total.nets[i].failed);
    if (total.reason_differs)
        printf("invalid blocks rejected for another reason than the test names: %ld (--verbose lists them)\n",
               total.reason_differs);
    printf("%ld passed, %ld failed\n", total.passed, total.failed);
    return total.failed ? 1 : 0;
}
