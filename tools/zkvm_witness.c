/* zkvm_witness.c - execution-spec-tests blockchain tests as stateless cases.

   build/zkvm_witness check [--mutate N] PATH...
       Every test whose network is Paris or later: the chain runs block by block on the
       full state (evm_block_execute), and before each block its witness is generated from
       that state (evm_stateless_witness) and the block validated from the witness alone
       (evm_stateless_validate). The stateless run must agree with the full run: valid
       with the same post-state root and block hash, or invalid for the same reason; the
       chain's last block hash must be the test's lastblockhash. Then up to N witness
       entries per block (default 4, spread over state nodes, codes and headers) are
       removed, and the same entries altered (one byte flipped), one at a time: each run
       must report INCOMPLETE_WITNESS (or BAD_HEADERS for the parent's header), or give the
       unchanged answer (an entry the block did not need); any other answer is a failure.
       Closes with "N passed, N failed" (one per test).

   build/zkvm_witness input FIXTURE.json OUT_DIR [MAX [MATCH]]
       For each test in the file (Paris or later, at most MAX, whose name contains MATCH),
       the last valid block as a
       zkVM guest input (examples/zkvm_guest.c reads it): OUT_DIR/<n>.bin, and a line
       "<n>.bin<TAB>test name<TAB>gas used<TAB>post-state root<TAB>block hash" in
       OUT_DIR/index.tsv. The format (all lengths u32 little-endian):
         u64 size of the rest (the guest reads its input as length + bytes)
         "EVMW" u32 version (1)
         network name (len, bytes), chain id (32 bytes), blob schedules (count; each:
         name (len, bytes), target, max, update fraction as u64)
         block RLP (len, bytes)
         headers, state nodes, codes: each a count, then (len, bytes) per entry */
#define _POSIX_C_SOURCE 200809L
#define EVM_IMPLEMENTATION
#include "../cli/cli.h"
#include "../evm_json.h"
#include "../evm_stateless.h"
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct zw {
    evm_vm vm;
    evm_precompiles pc;
    evm_state state;
    long passed, failed, skipped, full_wrong;
    long mut_runs, mut_detected, mut_harmless;
    int mutate;
    /* input mode */
    const char *out_dir;
    FILE *index;
    int written, max_out;
    const char *match;                    /* input mode: only tests whose name contains it */
    evm_block_header *chain;              /* the full run's chain, for BLOCKHASH */
    size_t chain_len;
} zw;

static bool zw_bytes(const evm_json *v, uint8_t **out, size_t *size)
{
    *out = NULL;
    *size = 0;
    if (!v || v->type != EVM_JSON_STRING)
        return false;
    if (v->str[0] == 0 || !strcmp(v->str, "0x"))
        return true;
    return evm_json_hex(v, NULL, out, size);
}

static int zw_hexdigit(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static bool zw_address(const char *s, evm_address *out)
{
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        s += 2;
    if (strlen(s) != 40)
        return false;
    for (int i = 0; i < 20; i++) {
        int h = zw_hexdigit(s[2 * i]), l = zw_hexdigit(s[2 * i + 1]);
        if (h < 0 || l < 0)
            return false;
        out->bytes[i] = (uint8_t)(h << 4 | l);
    }
    return true;
}

static bool zw_load(evm_state *s, const evm_json *accounts)
{
    evm_state_clear(s);
    if (!accounts || accounts->type != EVM_JSON_OBJECT)
        return false;
    for (const evm_json *a = accounts->child; a; a = a->next) {
        evm_address addr;
        evm_u256 bal;
        uint64_t nonce;
        uint8_t *code;
        size_t code_size;
        if (!zw_address(a->key, &addr) || !evm_json_u256(evm_json_get(a, "balance"), &bal) ||
            !evm_json_u64(evm_json_get(a, "nonce"), &nonce) || !zw_bytes(evm_json_get(a, "code"), &code, &code_size))
            return false;
        bool ok = evm_state_create(s, &addr) && evm_state_set_balance(s, &addr, &bal) &&
                  evm_state_set_nonce(s, &addr, nonce) && (!code_size || evm_state_set_code(s, &addr, code, code_size));
        free(code);
        const evm_json *st = evm_json_get(a, "storage");
        for (const evm_json *e = st && st->type == EVM_JSON_OBJECT ? st->child : NULL; ok && e; e = e->next) {
            evm_json key = *e;
            key.type = EVM_JSON_STRING;
            key.str = e->key;
            key.len = strlen(e->key);
            evm_u256 k, v;
            if (!evm_json_u256(&key, &k) || !evm_json_u256(e, &v))
                return false;
            if (!evm_u256_is_zero(&v))
                ok = evm_state_set_storage(s, &addr, &k, &v);
        }
        if (!ok)
            return false;
    }
    return true;
}

/* the header's RLP inside a block's RLP: the first item of the outer list */
static bool zw_header_rlp(const uint8_t *b, size_t n, evm_stateless_bytes *out)
{
    size_t off = 0;
    evm__rlpr r = {b, b + n, b, &off};
    evm__rlpr_item outer, h;
    if (evm__rlpr_next(&r, &outer) != EVM_TXD_OK || !outer.list)
        return false;
    evm__rlpr in = evm__rlpr_sub(&r, &outer);
    const uint8_t *start = in.p;
    if (evm__rlpr_next(&in, &h) != EVM_TXD_OK || !h.list)
        return false;
    out->data = start;
    out->size = (size_t)(in.p - start);
    return true;
}

static void zw_hex(char *out, const uint8_t *p, size_t n)
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

static void zw_put32(FILE *f, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    fwrite(b, 1, 4, f);
}
static void zw_put64(FILE *f, uint64_t v)
{
    zw_put32(f, (uint32_t)v);
    zw_put32(f, (uint32_t)(v >> 32));
}
static void zw_putb(FILE *f, const void *p, size_t n)
{
    zw_put32(f, (uint32_t)n);
    fwrite(p, 1, n, f);
}
static void zw_put_list(FILE *f, const evm_stateless_bytes *l, size_t n)
{
    zw_put32(f, (uint32_t)n);
    for (size_t i = 0; i < n; i++)
        zw_putb(f, l[i].data, l[i].size);
}

static bool zw_write_input(zw *z, const char *name, const char *net, const evm_chain_config *chain,
                           const evm_json *sched, const uint8_t *raw, size_t raw_size, const evm_witness *w,
                           const evm_stateless_result *r)
{
    char path[1024], a[80], b[80];
    snprintf(path, sizeof path, "%s/%d.bin", z->out_dir, z->written);
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    zw_put64(f, 0);                       /* the length, written at the end */
    fwrite("EVMW", 1, 4, f);
    zw_put32(f, 1);
    zw_putb(f, net, strlen(net));
    uint8_t cid[32];
    evm_u256_to_be(&chain->chain_id, cid);
    fwrite(cid, 1, 32, f);
    uint32_t ns = 0;
    for (const evm_json *e = sched && sched->type == EVM_JSON_OBJECT ? sched->child : NULL; e; e = e->next)
        ns++;
    zw_put32(f, ns);
    for (const evm_json *e = sched && sched->type == EVM_JSON_OBJECT ? sched->child : NULL; e; e = e->next) {
        uint64_t t = 0, m = 0, u = 0;
        evm_json_u64(evm_json_get(e, "target"), &t);
        evm_json_u64(evm_json_get(e, "max"), &m);
        evm_json_u64(evm_json_get(e, "baseFeeUpdateFraction"), &u);
        zw_putb(f, e->key, strlen(e->key));
        zw_put64(f, t);
        zw_put64(f, m);
        zw_put64(f, u);
    }
    zw_putb(f, raw, raw_size);
    zw_put_list(f, w->headers, w->header_count);
    zw_put_list(f, w->state, w->state_count);
    zw_put_list(f, w->codes, w->code_count);
    long end = ftell(f);
    fseek(f, 0, SEEK_SET);
    zw_put64(f, (uint64_t)end - 8);
    fclose(f);
    zw_hex(a, r->post_state_root.bytes, 32);
    zw_hex(b, r->block_hash.bytes, 32);
    fprintf(z->index, "%d.bin\t%s\t%llu\t%s\t%s\n", z->written, name, (unsigned long long)r->gas_used, a, b);
    z->written++;
    return true;
}

/* one mutated run: the answer must be "incomplete" (or bad headers), or the same as before */
static bool zw_mutant(zw *z, const evm_chain_config *chain, const uint8_t *raw, size_t n, const evm_witness *w,
                      const evm_stateless_result *want, const char *what)
{
    evm_stateless_result r;
    evm_stateless_validate(chain, &z->vm, &z->pc, raw, n, w, NULL, &r);
    z->mut_runs++;
    if (r.status == EVM_STATELESS_INCOMPLETE_WITNESS || r.status == EVM_STATELESS_BAD_HEADERS) {
        z->mut_detected++;
        return true;
    }
    if (r.status == want->status && r.block_status == want->block_status &&
        (r.status != EVM_STATELESS_VALID || !memcmp(r.post_state_root.bytes, want->post_state_root.bytes, 32))) {
        z->mut_harmless++;
        return true;
    }
    printf("  mutation (%s): %s / %s instead of %s / %s\n", what, evm_stateless_status_name(r.status),
           evm_block_status_name(r.block_status), evm_stateless_status_name(want->status),
           evm_block_status_name(want->block_status));
    return false;
}

static bool zw_mutations(zw *z, const evm_chain_config *chain, const uint8_t *raw, size_t n, const evm_witness *w,
                         const evm_stateless_result *want, unsigned seed)
{
    size_t total = w->state_count + w->code_count + w->header_count;
    if (!total || z->mutate <= 0)
        return true;
    evm_stateless_bytes *items = malloc(total * sizeof *items);
    if (!items)
        return false;
    bool ok = true;
    for (int m = 0; m < z->mutate && ok; m++) {
        size_t pick = (size_t)((seed * 2654435761u + (unsigned)m * 40503u) % total);
        if (m == 0 && w->state_count)
            pick = 0;                                         /* a state node */
        if (m == 1 && w->code_count)
            pick = w->state_count;                            /* a code */
        if (m == 2 && w->header_count)
            pick = w->state_count + w->code_count;            /* the oldest header */
        memcpy(items, w->state, w->state_count * sizeof *items);
        memcpy(items + w->state_count, w->codes, w->code_count * sizeof *items);
        memcpy(items + w->state_count + w->code_count, w->headers, w->header_count * sizeof *items);
        evm_witness v;
        /* removed: the last entry takes its place in the same part */
        int part = pick < w->state_count ? 0 : pick < w->state_count + w->code_count ? 1 : 2;
        size_t part_start = part == 0 ? 0 : part == 1 ? w->state_count : w->state_count + w->code_count;
        size_t part_count = part == 0 ? w->state_count : part == 1 ? w->code_count : w->header_count;
        if (part == 2)                        /* headers: keep the order */
            memmove(items + pick, items + pick + 1, (part_start + part_count - pick - 1) * sizeof *items);
        else
            items[pick] = items[part_start + part_count - 1];
        v.state = items;
        v.state_count = w->state_count - (part == 0);
        v.codes = items + w->state_count;
        v.code_count = w->code_count - (part == 1);
        v.headers = items + w->state_count + w->code_count;
        v.header_count = w->header_count - (part == 2);
        ok = zw_mutant(z, chain, raw, n, &v, want, "removed");
        /* altered: one byte flipped */
        memcpy(items, w->state, w->state_count * sizeof *items);
        memcpy(items + w->state_count, w->codes, w->code_count * sizeof *items);
        memcpy(items + w->state_count + w->code_count, w->headers, w->header_count * sizeof *items);
        uint8_t *copy = malloc(items[pick].size ? items[pick].size : 1);
        if (!copy)
            break;
        memcpy(copy, items[pick].data, items[pick].size);
        if (items[pick].size)
            copy[(seed + (unsigned)m) % items[pick].size] ^= 0x01;
        items[pick].data = copy;
        v.state_count = w->state_count;
        v.code_count = w->code_count;
        v.header_count = w->header_count;
        ok = ok && zw_mutant(z, chain, raw, n, &v, want, "altered");
        free(copy);
    }
    free(items);
    return ok;
}

static void zw_block_hash(void *user, uint64_t number, evm_bytes32 *hash)
{
    zw *z = (zw *)user;
    memset(hash->bytes, 0, 32);
    if (z->chain_len && number >= z->chain[0].number && number - z->chain[0].number < z->chain_len)
        *hash = z->chain[number - z->chain[0].number].hash;
}

#define ZW_FAIL(...) do { printf("FAIL %s: ", name); printf(__VA_ARGS__); printf("\n"); goto failed; } while (0)

static void zw_test(zw *z, const evm_json *t)
{
    const char *name = t->key;
    const evm_json *net = evm_json_get(t, "network");
    const char *net_name = net && net->type == EVM_JSON_STRING ? net->str : "?";
    evm_chain_config chain;
    evm_stateless_bytes *anc = NULL;
    uint8_t **raws = NULL;
    size_t anc_n = 0, raw_n = 0;
    uint8_t *raw = NULL;
    size_t raw_size;
    evm_block blk;
    memset(&blk, 0, sizeof blk);
    evm_witness_owned wo;
    memset(&wo, 0, sizeof wo);
    if (z->match && !strstr(name, z->match))
        return;
    if (!evm_chain_from_network(&chain, net_name) || chain.forks[0].fork < EVM_PARIS) {
        z->skipped++;
        return;
    }
    const evm_json *cfg = evm_json_get(t, "config"), *sched = NULL;
    if (cfg) {
        const evm_json *cid = evm_json_get(cfg, "chainid");
        sched = evm_json_get(cfg, "blobSchedule");
        if (cid)
            evm_json_u256(cid, &chain.chain_id);
        for (const evm_json *f = sched && sched->type == EVM_JSON_OBJECT ? sched->child : NULL; f; f = f->next) {
            evm_blob_params s;
            if (evm_json_u64(evm_json_get(f, "target"), &s.target) && evm_json_u64(evm_json_get(f, "max"), &s.max) &&
                evm_json_u64(evm_json_get(f, "baseFeeUpdateFraction"), &s.update_fraction))
                evm_chain_set_blob_schedule(&chain, f->key, &s);
        }
    }
    if (!zw_load(&z->state, evm_json_get(t, "pre")))
        ZW_FAIL("bad pre");
    const evm_json *blocks = evm_json_get(t, "blocks");
    size_t nblocks = 0;
    for (const evm_json *bj = blocks && blocks->type == EVM_JSON_ARRAY ? blocks->child : NULL; bj; bj = bj->next)
        nblocks++;
    anc = calloc(nblocks + 2, sizeof *anc);
    free(z->chain);
    z->chain = calloc(nblocks + 2, sizeof *z->chain);
    z->chain_len = 0;
    if (!z->chain)
        ZW_FAIL("out of memory");
    raws = calloc(nblocks + 2, sizeof *raws);
    if (!anc || !raws)
        ZW_FAIL("out of memory");
    if (!zw_bytes(evm_json_get(t, "genesisRLP"), &raw, &raw_size) || !zw_header_rlp(raw, raw_size, &anc[0]))
        ZW_FAIL("bad genesisRLP");
    raws[raw_n++] = raw;
    anc_n = 1;
    raw = NULL;
    evm_block_header head;
    if (evm_block_decode_header(&head, anc[0].data, anc[0].size) != EVM_BLOCK_OK)
        ZW_FAIL("genesis header");
    z->chain[z->chain_len++] = head;
    size_t k = 0, last_valid = (size_t)-1, idx = 0;
    bool full_wrong = false;                  /* the full run disagrees with the fixture */
    for (const evm_json *bj = blocks && blocks->type == EVM_JSON_ARRAY ? blocks->child : NULL; bj; bj = bj->next)
        if (!evm_json_get(bj, "expectException"))
            last_valid = idx++;
        else
            idx++;
    idx = 0;
    for (const evm_json *bj = blocks && blocks->type == EVM_JSON_ARRAY ? blocks->child : NULL; bj; bj = bj->next, k++, idx++) {
        if (!zw_bytes(evm_json_get(bj, "rlp"), &raw, &raw_size))
            ZW_FAIL("block %zu: bad rlp", k);
        evm_block_status st = evm_block_decode(&blk, raw, raw_size, NULL);
        if (st == EVM_BLOCK_OK && memcmp(blk.header.parent_hash.bytes, head.hash.bytes, 32) != 0) {
            evm_block_free(&blk);   /* a fork off an older block: not the chain this runner follows */
            free(raw);
            raw = NULL;
            continue;
        }
        /* the stateless run from a generated witness */
        size_t first = anc_n > 256 ? anc_n - 256 : 0;
        evm_stateless_result gen, sl;
        evm_stateless_witness(&chain, &z->vm, &z->pc, &z->state, raw, raw_size, anc + first, anc_n - first, NULL, &wo, &gen);
        if (gen.status == EVM_STATELESS_OUT_OF_MEMORY)
            ZW_FAIL("block %zu: witness generation ran out of memory", k);
        evm_stateless_validate(&chain, &z->vm, &z->pc, raw, raw_size, &wo.w, NULL, &sl);
        /* the full run */
        evm_block_result res;
        memset(&res, 0, sizeof res);
        if (st == EVM_BLOCK_OK)
            st = evm_block_execute(&z->state, &z->vm, &chain, &head, &blk, &res);
        evm_block_result_free(&res);
        if ((st == EVM_BLOCK_OK) != !evm_json_get(bj, "expectException"))
            full_wrong = true;
        if (st == EVM_BLOCK_OK) {
            if (sl.status != EVM_STATELESS_VALID)
                ZW_FAIL("block %zu: valid, stateless says %s (%s, tx %zu %s)", k, evm_stateless_status_name(sl.status),
                        evm_block_status_name(sl.block_status), sl.tx_index, evm_tx_status_name(sl.tx_status));
            if (memcmp(sl.post_state_root.bytes, res.state_root.bytes, 32) || memcmp(sl.block_hash.bytes, blk.header.hash.bytes, 32))
                ZW_FAIL("block %zu: stateless post root or block hash differs", k);
        } else if (sl.status != EVM_STATELESS_INVALID_BLOCK || sl.block_status != st) {
            ZW_FAIL("block %zu: invalid (%s), stateless says %s (%s)", k, evm_block_status_name(st),
                    evm_stateless_status_name(sl.status), evm_block_status_name(sl.block_status));
        }
        if (!zw_mutations(z, &chain, raw, raw_size, &wo.w, &sl, (unsigned)(k * 7919u + anc_n)))
            ZW_FAIL("block %zu: a changed witness gave another answer", k);
        if (z->out_dir && idx == last_valid && st == EVM_BLOCK_OK && z->written < z->max_out)
            zw_write_input(z, name, net_name, &chain, sched, raw, raw_size, &wo.w, &sl);
        evm_witness_owned_free(&wo);
        if (st == EVM_BLOCK_OK) {
            head = blk.header;
            z->chain[z->chain_len++] = head;
            if (!zw_header_rlp(raw, raw_size, &anc[anc_n]))
                ZW_FAIL("header");
            anc_n++;
            raws[raw_n++] = raw;
            raw = NULL;
        }
        evm_block_free(&blk);
        free(raw);
        raw = NULL;
    }
    evm_bytes32 want;
    if (evm_json_bytes32(evm_json_get(t, "lastblockhash"), &want) && memcmp(want.bytes, head.hash.bytes, 32))
        full_wrong = true;
    if (full_wrong) {          /* the block layer's failure (evm blocktest shows it), not ours */
        z->full_wrong++;
        goto done;
    }
    z->passed++;
    goto done;
failed:
    z->failed++;
    evm_witness_owned_free(&wo);
    evm_block_free(&blk);
    free(raw);
done:
    for (size_t i = 0; i < raw_n; i++)
        free(raws[i]);
    free(raws);
    free(anc);
}

static void zw_file(zw *z, const char *path)
{
    size_t size;
    char *text = cli_read_file(path, &size);
    if (!text) {
        z->failed++;
        return;
    }
    evm_json_doc doc;
    bool ok = evm_json_parse(&doc, text, size, NULL);
    free(text);
    if (!ok || doc.root->type != EVM_JSON_OBJECT) {
        printf("FAIL %s: malformed JSON\n", path);
        z->failed++;
        if (ok)
            evm_json_free(&doc);
        return;
    }
    for (const evm_json *t = doc.root->child; t; t = t->next)
        zw_test(z, t);
    evm_json_free(&doc);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    static zw z;
    memset(&z, 0, sizeof z);
    z.mutate = 4;
    if (argc < 3 || (strcmp(argv[1], "check") && strcmp(argv[1], "input"))) {
        fprintf(stderr, "usage: zkvm_witness check [--mutate N] PATH... | input FIXTURE.json OUT_DIR [MAX [MATCH]]\n");
        return 2;
    }
    evm_vm_desc desc;
    memset(&desc, 0, sizeof desc);
    desc.code_cache_size = 4u << 20;              /* as the guest */
    evm_vm_init(&z.vm, &desc);
    evm_precompiles_init(&z.pc, NULL);
    evm_state_init(&z.state, NULL);
    evm_state_set_precompiles(&z.state, &z.pc);
    evm_state_set_block_hash(&z.state, zw_block_hash, &z);
    int first = 2;
    if (!strcmp(argv[1], "input")) {
        if (argc < 4)
            return 2;
        z.out_dir = argv[3];
        z.max_out = argc > 4 ? atoi(argv[4]) : 1000000;
        z.match = argc > 5 ? argv[5] : NULL;
        z.mutate = 0;
        mkdir(z.out_dir, 0777);
        char p[1024];
        snprintf(p, sizeof p, "%s/index.tsv", z.out_dir);
        FILE *old = fopen(p, "r");            /* number on after the inputs already there */
        int first_number = 0;
        for (int ch; old && (ch = fgetc(old)) != EOF;)
            first_number += ch == '\n';
        if (old)
            fclose(old);
        z.index = fopen(p, "a");
        if (!z.index)
            return 2;
        z.written = first_number;
        z.max_out += first_number;
        zw_file(&z, argv[2]);
        fclose(z.index);
    } else {
        if (argc > 3 && !strcmp(argv[2], "--mutate")) {
            z.mutate = atoi(argv[3]);
            first = 4;
        }
        char **files;
        size_t n = cli_collect_json(argv + first, argc - first, &files);
        for (size_t i = 0; i < n; i++)
            zw_file(&z, files[i]);
        cli_free_list(files, n);
        printf("stateless mutations: %ld runs, %ld detected (incomplete witness), %ld harmless (entry not needed)\n",
               z.mut_runs, z.mut_detected, z.mut_harmless);
        printf("zkvm_witness: %ld tests before Paris skipped; %ld where the full run itself disagrees with "
               "the fixture (evm blocktest fails them too) not counted\n", z.skipped, z.full_wrong);
    }
    printf("zkvm_witness: %ld passed, %ld failed\n", z.passed, z.failed);
    evm_state_destroy(&z.state);
    evm_precompiles_destroy(&z.pc);
    evm_vm_destroy(&z.vm);
    return z.failed ? 1 : 0;
}
