/* test_block.c - unit tests of evm_block.h: the network names and fork schedule, block
   decoding (a Frontier and a Shanghai block of execution-spec-tests' test_tx_nonce, their
   hashes and fields), every header rule on hand-made parents, the base fee and excess
   blob gas formulas, execution of the two blocks to their state roots, an invalid block
   leaving the state as it was, truncated and corrupted RLP, allocator failure. */
#define EVM_IMPLEMENTATION
#include "../evm_block.h"
#include "test.h"
#include <stdlib.h>

/* tests/frontier/validation/test_transaction.py::test_tx_nonce[fork_X-blockchain_test-
   nonce_diff_0-expected_exception_None]: one transfer of 0 wei from 0x0c38..1d63 (nonce 5) */
static const char *frontier_genesis =
    "f901f9f901f4a00000000000000000000000000000000000000000000000000000000000000000a01dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347940000000000000000000000000000000000000000a036400faaac895929e3b50c16aa8854bf02beecf17392140709c914c3ae28e6d1a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421b90100"
    "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "83020000808407270e00808000a00000000000000000000000000000000000000000000000000000000000000000880000000000000000c0c0";
static const char *frontier_block =
    "f9025df901f6a0fafddfd68b917cdd03688f8c1c7f98b931f92473f4561ab7d9dd073ca34f8c3ea01dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347942adc25665018aa1fe0e6bc666dac8fc2697ff9baa0a49629e129083edbcd7d0083ded40bfaef7948a96c92b8df788ac2ac223142eba0921fa5ec061223dedf3de538322bd576927b58b9f10726bd6ddcc72c1a1e7915a060271f364939ced44ce3027f43cbce08817153590434dcea587ff806bc47cddcb90100"
    "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "83020040018407270e008252080c80a00000000000000000000000000000000000000000000000000000000000000000880000000000000000f861f85f050a82520894239d8f4155ea51080175d6d1cb9d0a8a4f8e27bc80801ca04cbd4c6a3fdb44020f1b8b90926784069a8fcec1e487065f422182f5c6bee518a03367b6789a388d40ef567ec3347cc20921e9d4b4416c47137b1bd19132ad6290c0";
static const char *shanghai_genesis =
    "f90219f90213a00000000000000000000000000000000000000000000000000000000000000000a01dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347940000000000000000000000000000000000000000a036400faaac895929e3b50c16aa8854bf02beecf17392140709c914c3ae28e6d1a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421b90100"
    "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "80808407270e00808000a0000000000000000000000000000000000000000000000000000000000000000088000000000000000007a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421c0c0c0";
static const char *shanghai_block =
    "f9027df90215a0e482eec0ef3e833365c0f9b25c2d03d579ebba4c3f3dea23e87b63c991834942a01dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347942adc25665018aa1fe0e6bc666dac8fc2697ff9baa0b352c1f03df7f497171ca32e006a28b42dffafbc8a1aaa34183783ed6f5aabb0a0921fa5ec061223dedf3de538322bd576927b58b9f10726bd6ddcc72c1a1e7915a0056b23fbba480696b65fe5a59b8f2148a1299103c4f57df839233af2cf4ca2d2b90100"
    "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "80018407270e008252080c80a0000000000000000000000000000000000000000000000000000000000000000088000000000000000007a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421f861f85f050a82520894239d8f4155ea51080175d6d1cb9d0a8a4f8e27bc80801ca04cbd4c6a3fdb44020f1b8b90926784069a8fcec1e487065f422182f5c6bee518a03367b6789a388d40ef567ec3347cc20921e9d4b4416c47137b1bd19132ad6290c0c0";

static unsigned char *unhex(const char *hex, size_t *n)
{
    size_t len = strlen(hex) / 2;
    unsigned char *p = malloc(len ? len : 1);
    CHECK(p != NULL);
    CHECK_EQ_INT(test_hex(hex, p, len), (long)len);
    *n = len;
    return p;
}

static void hex32(const char *hex, uint8_t out[32]) { CHECK_EQ_INT(test_hex(hex, out, 32), 32); }

static evm_address addr_hex(const char *hex)
{
    evm_address a;
    CHECK_EQ_INT(test_hex(hex, a.bytes, 20), 20);
    return a;
}

/* the pre-state of both tests: two accounts of 1000 ether, the sender with nonce 5 */
static void load_pre(evm_state *s)
{
    evm_address a = addr_hex("0c388231f816841bc83f2fa45f81c2e436d31d63"),
                b = addr_hex("239d8f4155ea51080175d6d1cb9d0a8a4f8e27bc");
    uint8_t thousand[9];
    CHECK_EQ_INT(test_hex("3635c9adc5dea00000", thousand, 9), 9);
    evm_u256 bal = evm_u256_from_be(thousand, 9);
    CHECK(evm_state_set_balance(s, &a, &bal) && evm_state_set_nonce(s, &a, 5));
    CHECK(evm_state_set_balance(s, &b, &bal));
}

/* ---- chain configuration ---- */
static void test_networks(void)
{
    evm_chain_config c;
    CHECK(evm_chain_from_network(&c, "Cancun"));
    evm_block_rules r = evm_chain_rules(&c, 1000000, 1u << 31);
    CHECK_EQ_INT(r.fork, EVM_CANCUN);
    CHECK_EQ_UINT(r.blob.target, 3);
    CHECK_EQ_UINT(r.blob.max, 6);
    CHECK_EQ_UINT(r.blob.update_fraction, 3338477);
    CHECK(evm_chain_from_network(&c, "ConstantinopleFix"));
    CHECK_EQ_INT(evm_chain_rules(&c, 1, 1).fork, EVM_PETERSBURG);
    CHECK_EQ_UINT(evm_chain_rules(&c, 1, 1).blob.max, 0);

    CHECK(evm_chain_from_network(&c, "ShanghaiToCancunAtTime15k"));
    CHECK_EQ_INT(evm_chain_rules(&c, 100, 14999).fork, EVM_SHANGHAI);
    CHECK_EQ_INT(evm_chain_rules(&c, 1, 15000).fork, EVM_CANCUN);
    CHECK(evm_chain_from_network(&c, "FrontierToHomesteadAt5"));
    CHECK_EQ_INT(evm_chain_rules(&c, 4, 99999).fork, EVM_FRONTIER);
    CHECK_EQ_INT(evm_chain_rules(&c, 5, 0).fork, EVM_HOMESTEAD);
    CHECK(evm_chain_from_network(&c, "PragueToOsakaAtTime15k"));
    CHECK_EQ_INT(evm_chain_rules(&c, 1, 14999).fork, EVM_PRAGUE);
    CHECK_EQ_UINT(evm_chain_rules(&c, 1, 14999).blob.update_fraction, 5007716);
    CHECK_EQ_INT(evm_chain_rules(&c, 1, 15000).fork, EVM_OSAKA);

    CHECK(evm_chain_from_network(&c, "BPO1ToBPO2AtTime15k"));
    r = evm_chain_rules(&c, 1, 14999);
    CHECK_EQ_INT(r.fork, EVM_OSAKA);
    CHECK_EQ_UINT(r.bpo, 1);
    CHECK_EQ_UINT(r.blob.max, 15);
    r = evm_chain_rules(&c, 2, 15000);
    CHECK_EQ_UINT(r.bpo, 2);
    CHECK_EQ_UINT(r.blob.target, 14);
    CHECK_EQ_UINT(r.blob.update_fraction, 11684671);
    evm_blob_params s3 = {21, 32, 20609697};
    CHECK(evm_chain_from_network(&c, "BPO2ToBPO3AtTime15k"));
    CHECK(evm_chain_set_blob_schedule(&c, "BPO3", &s3));
    CHECK_EQ_UINT(evm_chain_rules(&c, 2, 15000).blob.max, 32);
    CHECK(!evm_chain_set_blob_schedule(&c, "Nonsense", &s3));

    CHECK(!evm_chain_from_network(&c, "Nonsense"));
    CHECK(!evm_chain_from_network(&c, "CancunToPrague"));
    CHECK(!evm_chain_from_network(&c, "CancunToPragueAtTime"));
    CHECK(!evm_chain_from_network(&c, "CancunToPragueAtTime15q"));
    CHECK(!evm_chain_from_network(&c, "CancunToNothingAt5"));
    CHECK(!evm_chain_from_network(&c, "BPO9"));
    CHECK(!evm_chain_from_network(&c, "CancunToPragueAt99999999999999999999999"));
}

/* ---- decoding ---- */
static void test_decode(void)
{
    size_t n;
    unsigned char *raw = unhex(frontier_block, &n);
    evm_block b;
    CHECK_EQ_INT(evm_block_decode(&b, raw, n, NULL), EVM_BLOCK_OK);
    uint8_t want[32];
    hex32("5721ff879eaa2d5605684d1e5115f8d99a12bb16519829514a2f3afa273d4679", want);
    CHECK_EQ_MEM(b.header.hash.bytes, want, 32);
    hex32("a49629e129083edbcd7d0083ded40bfaef7948a96c92b8df788ac2ac223142eb", want);
    CHECK_EQ_MEM(b.header.state_root.bytes, want, 32);
    CHECK_EQ_UINT(b.header.field_count, 15);
    CHECK_EQ_UINT(b.header.number, 1);
    CHECK_EQ_UINT(b.header.gas_limit, 0x07270e00);
    CHECK_EQ_UINT(b.header.gas_used, 21000);
    CHECK_EQ_UINT(b.header.timestamp, 12);
    CHECK_EQ_UINT(b.header.difficulty.w[0], 0x020040);
    CHECK_EQ_UINT(b.header.extra_data_size, 0);
    CHECK_EQ_UINT(b.tx_count, 1);
    CHECK_EQ_UINT(b.ommer_count, 0);
    CHECK(!b.has_withdrawals);
    CHECK_EQ_UINT(b.txs[0].tx.nonce, 5);
    CHECK_EQ_UINT(b.txs[0].tx.gas_limit, 21000);
    CHECK_EQ_UINT(b.tx_raw_size[0], 0x5f + 2);
    CHECK_EQ_UINT(b.rlp_size, n);
    evm_block_free(&b);
    evm_block_free(&b);                  /* safe twice */
    free(raw);

    raw = unhex(shanghai_block, &n);
    CHECK_EQ_INT(evm_block_decode(&b, raw, n, NULL), EVM_BLOCK_OK);
    CHECK_EQ_UINT(b.header.field_count, 17);
    CHECK_EQ_UINT(b.header.base_fee.w[0], 7);
    CHECK(b.has_withdrawals);
    CHECK_EQ_UINT(b.withdrawal_count, 0);
    hex32("91f1ab7c0bd4466de16355e897d0cea06a43befa8ddfbbeb35de9a63fb8f6669", want);
    CHECK_EQ_MEM(b.header.hash.bytes, want, 32);
    evm_block_free(&b);
    free(raw);

    /* a header alone */
    raw = unhex(frontier_genesis, &n);
    evm_block_header h;
    CHECK_EQ_INT(evm_block_decode_header(&h, raw + 3, n - 3 - 2), EVM_BLOCK_OK);
    CHECK_EQ_UINT(h.gas_limit, 0x07270e00);
    hex32("fafddfd68b917cdd03688f8c1c7f98b931f92473f4561ab7d9dd073ca34f8c3e", want);
    CHECK_EQ_MEM(h.hash.bytes, want, 32);
    CHECK_EQ_INT(evm_block_decode_header(&h, raw + 3, n - 3), EVM_BLOCK_RLP);   /* trailing */
    CHECK_EQ_INT(evm_block_decode_header(&h, raw, 0), EVM_BLOCK_RLP);
    free(raw);
}

static void test_decode_bad(void)
{
    size_t n;
    unsigned char *raw = unhex(frontier_block, &n);
    evm_block b;
    counting c = {0, 0, 1000000};
    evm_allocator a = {counting_realloc, &c};
    /* every truncation is an error with nothing left allocated */
    for (size_t k = 0; k < n; k++) {
        evm_block_status s = evm_block_decode(&b, raw, k, &a);
        CHECK(s == EVM_BLOCK_RLP || s == EVM_BLOCK_TX_RLP);
        CHECK(b.txs == NULL && b.tx_count == 0);
        CHECK(b.error_offset <= n);
        evm_block_free(&b);
    }
    CHECK_EQ_INT(c.live, 0);
    CHECK_EQ_INT(evm_block_decode(&b, NULL, 0, &a), EVM_BLOCK_RLP);
    /* a trailing byte; a string where the block list belongs */
    unsigned char *more = malloc(n + 1);
    memcpy(more, raw, n);
    more[n] = 0;
    CHECK_EQ_INT(evm_block_decode(&b, more, n + 1, &a), EVM_BLOCK_RLP);
    more[0] = 0xb9;
    CHECK_EQ_INT(evm_block_decode(&b, more, n, &a), EVM_BLOCK_RLP);
    /* the transaction's nonce 05 as a non-canonical 81 05 inside the same lengths is
       found by the transaction decoder: find f85f05, make the 05 a 00 with a leading zero */
    memcpy(more, raw, n);
    size_t at = 0;
    for (size_t i = 0; i + 3 < n; i++)
        if (more[i] == 0xf8 && more[i + 1] == 0x5f && more[i + 2] == 0x05)
            at = i + 2;
    CHECK(at != 0);
    more[at] = 0x00;                     /* a single byte 0x00: an integer with a leading zero */
    CHECK_EQ_INT(evm_block_decode(&b, more, n, &a), EVM_BLOCK_TX_RLP);
    CHECK_EQ_UINT(b.tx_index, 0);
    CHECK_EQ_INT(b.tx_decode_status, EVM_TXD_LEADING_ZERO);
    /* a header with 16 fields decodes (London's); the counts between forks are format errors */
    CHECK_EQ_INT(c.live, 0);
    /* allocation failure at every request */
    for (long f = 0; f < 6; f++) {
        c.fail_from = c.requests + f;
        evm_block_status s = evm_block_decode(&b, raw, n, &a);
        CHECK(s == EVM_BLOCK_OK || s == EVM_BLOCK_OUT_OF_MEMORY);
        evm_block_free(&b);
        CHECK_EQ_INT(c.live, 0);
    }
    free(more);
    free(raw);
}

/* a header of n fields: 15 mandatory ones, then 0x07 / 32-byte strings as each needs */
static size_t make_header(unsigned char *out, unsigned fields)
{
    unsigned char body[1024];
    size_t k = 0;
    for (unsigned f = 0; f < fields; f++) {
        size_t len = f == 2 ? 20 : f == 6 ? 256 : f == 14 ? 8 : (f >= 7 && f <= 12) || f == 15 || f == 17 || f == 18 ? 0 : 32;
        if (len == 0) {
            body[k++] = 0x07;
        } else if (len < 56) {
            body[k++] = (unsigned char)(0x80 + len);
            memset(body + k, 0x11, len);
            k += len;
        } else {
            body[k++] = 0xb9;
            body[k++] = 0x01;
            body[k++] = 0x00;
            memset(body + k, 0, 256);
            k += 256;
        }
    }
    out[0] = 0xf9;
    out[1] = (unsigned char)(k >> 8);
    out[2] = (unsigned char)k;
    memcpy(out + 3, body, k);
    return k + 3;
}

static void test_header_field_counts(void)
{
    unsigned char h[1100];
    evm_block_header hd;
    static const int want[] = {EVM_BLOCK_RLP, EVM_BLOCK_OK, EVM_BLOCK_OK, EVM_BLOCK_OK, EVM_BLOCK_FORMAT,
                               EVM_BLOCK_FORMAT, EVM_BLOCK_OK, EVM_BLOCK_OK, EVM_BLOCK_FORMAT};
    for (unsigned f = 14; f <= 22; f++) {
        size_t n = make_header(h, f);
        CHECK_EQ_INT(evm_block_decode_header(&hd, h, n), want[f - 14]);
        if (want[f - 14] == EVM_BLOCK_OK)
            CHECK_EQ_UINT(hd.field_count, f);
    }
}

/* ---- header rules ---- */
static evm_block_header parent_header(void)
{
    evm_block_header p;
    memset(&p, 0, sizeof p);
    p.number = 10;
    p.timestamp = 1000;
    p.gas_limit = 30000000;
    p.gas_used = 15000000;
    p.base_fee = evm_u256_from_u64(1000000000);
    p.field_count = 17;
    hex32("1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347", p.ommers_hash.bytes);
    p.hash.bytes[0] = 0xab;
    return p;
}

static evm_block_header child_of(const evm_block_header *p)
{
    evm_block_header h = *p;
    h.parent_hash = p->hash;
    h.number = p->number + 1;
    h.timestamp = p->timestamp + 12;
    h.gas_used = 0;
    return h;
}

static void test_header_rules(void)
{
    evm_chain_config c;
    evm_chain_init(&c, EVM_SHANGHAI);
    evm_block_header p = parent_header(), h = child_of(&p);
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &h), EVM_BLOCK_OK);

    evm_block_header x = h;
    x.field_count = 16;
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &x), EVM_BLOCK_FORMAT);
    x = h;
    x.parent_hash.bytes[0] ^= 1;
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &x), EVM_BLOCK_UNKNOWN_PARENT);
    x = h;
    x.number = 12;
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &x), EVM_BLOCK_NUMBER);
    x = h;
    x.timestamp = p.timestamp;
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &x), EVM_BLOCK_TIMESTAMP);
    x = h;
    x.extra_data_size = 33;
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &x), EVM_BLOCK_EXTRA_DATA);
    x.extra_data_size = 32;
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &x), EVM_BLOCK_OK);
    x = h;
    x.gas_used = x.gas_limit + 1;
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &x), EVM_BLOCK_GAS_USED_ABOVE_LIMIT);
    /* the gas limit moves by less than 1/1024 of the parent's: 29,296 here */
    x = h;
    x.gas_limit = 30000000 + 29295;
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &x), EVM_BLOCK_OK);
    x.gas_limit = 30000000 + 29296;
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &x), EVM_BLOCK_GAS_LIMIT);
    x.gas_limit = 30000000 - 29295;
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &x), EVM_BLOCK_OK);
    x.gas_limit = 30000000 - 29296;
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &x), EVM_BLOCK_GAS_LIMIT);
    x = h;
    x.base_fee = evm_u256_from_u64(1000000001);
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &x), EVM_BLOCK_BASE_FEE);
    x = h;
    x.difficulty = evm_u256_from_u64(1);
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &x), EVM_BLOCK_DIFFICULTY);
    x = h;
    x.nonce[7] = 1;
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &x), EVM_BLOCK_NONCE);
    x = h;
    x.ommers_hash.bytes[0] ^= 1;
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &x), EVM_BLOCK_OMMERS);

    /* EIP-1559 base fee: full parent +12.5 %, empty parent -12.5 %, at least +1 */
    evm_u256 fee;
    p.gas_used = 30000000;
    CHECK(evm_block_base_fee(&p, 30000000, &fee));
    CHECK_EQ_UINT(fee.w[0], 1125000000);
    p.gas_used = 0;
    CHECK(evm_block_base_fee(&p, 30000000, &fee));
    CHECK_EQ_UINT(fee.w[0], 875000000);
    p.base_fee = evm_u256_from_u64(7);
    p.gas_used = 15000001;
    CHECK(evm_block_base_fee(&p, 30000000, &fee));
    CHECK_EQ_UINT(fee.w[0], 8);
    CHECK(!evm_block_base_fee(&p, 4999, &fee));

    /* the first London block: 1 gwei, its parent's limit counted twice */
    evm_chain_from_network(&c, "BerlinToLondonAt5");
    evm_block_header bp = parent_header(), bh;
    bp.number = 4;
    bp.field_count = 15;
    bp.difficulty = evm_u256_from_u64(131072);
    bp.gas_limit = 15000000;
    bh = child_of(&bp);
    bh.field_count = 16;
    bh.gas_limit = 30000000 - 1;
    bh.difficulty = evm_u256_from_u64(131072);        /* 12 s: factor 1 - 12 / 9 = 0 */
    bh.base_fee = evm_u256_from_u64(1000000000);
    CHECK_EQ_INT(evm_block_validate_header(&c, &bp, &bh), EVM_BLOCK_OK);
    bh.base_fee = evm_u256_from_u64(7);
    CHECK_EQ_INT(evm_block_validate_header(&c, &bp, &bh), EVM_BLOCK_BASE_FEE);
}

static void test_difficulty(void)
{
    evm_chain_config c;
    evm_chain_init(&c, EVM_FRONTIER);
    evm_block_header p = parent_header(), h;
    p.field_count = 15;
    p.difficulty = evm_u256_from_u64(0x20000);
    h = child_of(&p);
    /* Frontier: under 13 s up by parent / 2048 */
    h.difficulty = evm_u256_from_u64(0x20040);
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &h), EVM_BLOCK_OK);
    /* 13 s or more: down, but never below 131072 */
    h.timestamp = p.timestamp + 13;
    h.difficulty = evm_u256_from_u64(0x20000);
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &h), EVM_BLOCK_OK);
    p.difficulty = evm_u256_from_u64(0x100000);
    h.difficulty = evm_u256_from_u64(0x100000 - 0x200);
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &h), EVM_BLOCK_OK);
    /* Homestead: 1 - dt / 10, down to -99: 25 s = -1 step */
    evm_chain_init(&c, EVM_HOMESTEAD);
    h.timestamp = p.timestamp + 25;
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &h), EVM_BLOCK_OK);
    h.timestamp = p.timestamp + 5;
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &h), EVM_BLOCK_DIFFICULTY);
    h.difficulty = evm_u256_from_u64(0x100000 + 0x200);
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &h), EVM_BLOCK_OK);
    /* Byzantium: a parent with ommers counts 2: 9 s gives +1 step */
    evm_chain_init(&c, EVM_BYZANTIUM);
    p.ommers_hash.bytes[0] ^= 1;
    h.timestamp = p.timestamp + 9;
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &h), EVM_BLOCK_OK);
    /* the bomb: Frontier, block 300,000: + 2^1 */
    evm_chain_init(&c, EVM_FRONTIER);
    p.number = 299999;
    h.number = 300000;
    h.timestamp = p.timestamp + 1;
    h.difficulty = evm_u256_from_u64(0x100000 + 0x200 + 2);
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &h), EVM_BLOCK_OK);
}

static void test_blob_gas(void)
{
    evm_chain_config c;
    evm_chain_init(&c, EVM_CANCUN);
    evm_block_rules r = evm_chain_rules(&c, 1, 1);
    evm_block_header p = parent_header();
    p.field_count = 20;
    p.excess_blob_gas = 0;
    p.blob_gas_used = 6 * 131072;
    CHECK_EQ_UINT(evm_block_excess_blob_gas(&r, &p), 3 * 131072);
    p.blob_gas_used = 2 * 131072;
    CHECK_EQ_UINT(evm_block_excess_blob_gas(&r, &p), 0);
    p.excess_blob_gas = 5 * 131072;
    CHECK_EQ_UINT(evm_block_excess_blob_gas(&r, &p), 4 * 131072);
    p.field_count = 17;                       /* a Shanghai parent: zero */
    CHECK_EQ_UINT(evm_block_excess_blob_gas(&r, &p), 0);
    /* the blob gas price: 1 at zero excess, e^(excess / fraction) */

    /* Osaka, EIP-7918: with a high base fee the excess grows by used * (max - target) / max */
    evm_chain_init(&c, EVM_OSAKA);
    r = evm_chain_rules(&c, 1, 1);
    p.field_count = 21;
    p.excess_blob_gas = 10 * 131072;          /* blob price e^(1310720 / 5007716) -> 1 */
    p.blob_gas_used = 6 * 131072;
    p.base_fee = evm_u256_from_u64(1000);     /* 8192 * 1000 > 131072 * 1 */
    CHECK_EQ_UINT(evm_block_excess_blob_gas(&r, &p), (10 + 6 * 3 / 9) * 131072);
    p.base_fee = evm_u256_from_u64(16);       /* 8192 * 16 == 131072 * 1: not above */
    CHECK_EQ_UINT(evm_block_excess_blob_gas(&r, &p), 10 * 131072);

    evm_block_header h = child_of(&p);        /* parent at its gas target: fee stays 16 */
    h.excess_blob_gas = 10 * 131072 + 1;
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &h), EVM_BLOCK_EXCESS_BLOB_GAS);
    h.excess_blob_gas = 10 * 131072;
    CHECK_EQ_INT(evm_block_validate_header(&c, &p, &h), EVM_BLOCK_OK);
}

static void test_bloom(void)
{
    /* the bloom of one log of address 0x00..00 with no topics sets three bits of
       keccak256(20 zero bytes) = 5380c7b7ae81a58eb98d9c78de4a1fd7fd9535fc953ed2be602daaa41767312a */
    uint8_t bloom[256];
    memset(bloom, 0, sizeof bloom);
    evm_address zero;
    memset(&zero, 0, sizeof zero);
    evm_block_bloom_add(bloom, &zero, NULL, 0);
    int bits = 0;
    for (int i = 0; i < 256; i++)
        for (int k = 0; k < 8; k++)
            bits += (bloom[i] >> k) & 1;
    CHECK_EQ_INT(bits, 3);
    /* 0x5380 & 2047 = 0x380 = 896: byte 255 - 112 = 143, bit 0 */
    CHECK(bloom[143] & 1);
    /* 0xc7b7 & 2047 = 0x7b7 = 1975: byte 255 - 246 = 9, bit 7 */
    CHECK(bloom[9] & 0x80);
    /* 0xae81 & 2047 = 0x681 = 1665: byte 255 - 208 = 47, bit 1 */
    CHECK(bloom[47] & 0x02);
}

/* ---- execution ---- */
static void run_pair(const char *network, const char *genesis_hex, const char *block_hex,
                     const char *post_root_hex, const char *coinbase_balance_hex)
{
    evm_chain_config c;
    CHECK(evm_chain_from_network(&c, network));
    evm_state st;
    evm_state_init(&st, NULL);
    evm_precompiles pc;
    evm_precompiles_init(&pc, NULL);
    evm_state_set_precompiles(&st, &pc);
    evm_vm vm;
    evm_vm_init(&vm, NULL);
    load_pre(&st);
    size_t gn, bn;
    unsigned char *g = unhex(genesis_hex, &gn), *raw = unhex(block_hex, &bn);
    evm_block gb, b;
    CHECK_EQ_INT(evm_block_decode(&gb, g, gn, NULL), EVM_BLOCK_OK);
    evm_bytes32 root;
    CHECK(evm_state_root(&st, &root));
    CHECK_EQ_MEM(root.bytes, gb.header.state_root.bytes, 32);

    /* a corrupted state root: invalid, state untouched */
    unsigned char *bad = malloc(bn);
    memcpy(bad, raw, bn);
    size_t at = 0;
    uint8_t want_root[32];
    hex32(post_root_hex, want_root);
    for (size_t i = 0; i + 32 <= bn; i++)
        if (!memcmp(bad + i, want_root, 32))
            at = i;
    CHECK(at != 0);
    bad[at + 31] ^= 1;
    evm_block_result r;
    CHECK_EQ_INT(evm_block_decode(&b, bad, bn, NULL), EVM_BLOCK_OK);
    CHECK_EQ_INT(evm_block_execute(&st, &vm, &c, &gb.header, &b, &r), EVM_BLOCK_STATE_ROOT);
    CHECK_EQ_INT(r.status, EVM_BLOCK_STATE_ROOT);
    CHECK_EQ_MEM(r.state_root.bytes, want_root, 32);
    evm_bytes32 after;
    CHECK(evm_state_root(&st, &after));
    CHECK_EQ_MEM(after.bytes, root.bytes, 32);
    evm_block_result_free(&r);
    evm_block_free(&b);

    /* wrong parent */
    CHECK_EQ_INT(evm_block_decode(&b, raw, bn, NULL), EVM_BLOCK_OK);
    CHECK_EQ_INT(evm_block_execute(&st, &vm, &c, &b.header, &b, &r), EVM_BLOCK_TIMESTAMP);

    /* the real block: the post-state root, 21000 gas, the coinbase's fee (and reward) */
    CHECK_EQ_INT(evm_block_execute(&st, &vm, &c, &gb.header, &b, &r), EVM_BLOCK_OK);
    CHECK_EQ_UINT(r.gas_used, 21000);
    CHECK_EQ_MEM(r.state_root.bytes, want_root, 32);
    CHECK_EQ_MEM(r.receipts_root.bytes, b.header.receipts_root.bytes, 32);
    CHECK_EQ_MEM(r.tx_root.bytes, b.header.tx_root.bytes, 32);
    CHECK(evm_state_root(&st, &after));
    CHECK_EQ_MEM(after.bytes, want_root, 32);
    evm_address cb = addr_hex("2adc25665018aa1fe0e6bc666dac8fc2697ff9ba");
    uint8_t be[32], w[16];
    long wl = test_hex(coinbase_balance_hex, w, 16);
    evm_u256 bal = evm_state_balance(&st, &cb);
    evm_u256_to_be(&bal, be);
    CHECK_EQ_MEM(be + 32 - wl, w, (size_t)wl);
    evm_block_result_free(&r);

    /* the same block again: its parent is now the head's parent, nonce 6 is used up */
    CHECK_EQ_INT(evm_block_execute(&st, &vm, &c, &gb.header, &b, &r), EVM_BLOCK_TX_INVALID);
    CHECK_EQ_INT(r.tx_status, EVM_TX_NONCE_MISMATCH);
    CHECK(evm_state_root(&st, &after));
    CHECK_EQ_MEM(after.bytes, want_root, 32);

    evm_block_free(&b);
    evm_block_free(&gb);
    free(bad);
    free(g);
    free(raw);
    evm_vm_destroy(&vm);
    evm_precompiles_destroy(&pc);
    evm_state_destroy(&st);
}

static void test_execute_frontier(void)
{
    /* 5 ether reward + 21000 * 10 wei: 0x4563918244f73450 */
    run_pair("Frontier", frontier_genesis, frontier_block,
             "a49629e129083edbcd7d0083ded40bfaef7948a96c92b8df788ac2ac223142eb", "4563918244f73450");
}

static void test_execute_shanghai(void)
{
    /* no reward; a tip of 10 - 7 wei per gas: 63000 = 0xf618 */
    run_pair("Shanghai", shanghai_genesis, shanghai_block,
             "b352c1f03df7f497171ca32e006a28b42dffafbc8a1aaa34183783ed6f5aabb0", "f618");
}

/* allocation failure at each request of execution: OUT_OF_MEMORY and the state as it
   was, until enough requests succeed */
static void test_execute_oom(void)
{
    counting cnt = {0, 0, 1000000};
    evm_allocator a = {counting_realloc, &cnt};
    evm_chain_config c;
    evm_chain_from_network(&c, "Frontier");
    size_t gn, bn;
    unsigned char *g = unhex(frontier_genesis, &gn), *raw = unhex(frontier_block, &bn);
    evm_block gb, b;
    CHECK_EQ_INT(evm_block_decode(&gb, g, gn, NULL), EVM_BLOCK_OK);
    CHECK_EQ_INT(evm_block_decode(&b, raw, bn, NULL), EVM_BLOCK_OK);
    bool done = false;
    for (long f = 0; f < 400 && !done; f++) {
        evm_state st;
        evm_state_init(&st, &a);
        cnt.fail_from = 1000000;
        load_pre(&st);
        evm_vm vm;
        evm_vm_init(&vm, NULL);
        cnt.fail_from = cnt.requests + f;
        evm_block_result r;
        evm_block_status s = evm_block_execute(&st, &vm, &c, &gb.header, &b, &r);
        cnt.fail_from = 1000000;
        evm_bytes32 root;
        CHECK(evm_state_root(&st, &root));
        if (s == EVM_BLOCK_OK) {
            CHECK_EQ_MEM(root.bytes, b.header.state_root.bytes, 32);
            done = true;
        } else {
            CHECK_EQ_INT(s, EVM_BLOCK_OUT_OF_MEMORY);
            CHECK_EQ_MEM(root.bytes, gb.header.state_root.bytes, 32);
        }
        evm_block_result_free(&r);
        evm_vm_destroy(&vm);
        evm_state_destroy(&st);
        CHECK_EQ_INT(cnt.live, 0);
    }
    CHECK(done);
    evm_block_free(&b);
    evm_block_free(&gb);
    free(g);
    free(raw);
}

/* ---- ommers: blocks built here, the expected balances from the reward formulas ---- */
typedef struct hdr_spec {
    const uint8_t *parent;           /* 32 bytes */
    const uint8_t *ommers_hash;
    uint8_t coinbase;
    const uint8_t *state_root;
    uint64_t difficulty, number, timestamp;
} hdr_spec;

static void put_header(evm__rlp_buf *b, const hdr_spec *h)
{
    static const uint8_t zero[256] = {0};
    uint8_t empty_trie[32], cb[20];
    hex32("56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421", empty_trie);
    memset(cb, 0, 20);
    cb[19] = h->coinbase;
    size_t start = b->size;
    evm__rlp_bytes(b, h->parent, 32);
    evm__rlp_bytes(b, h->ommers_hash, 32);
    evm__rlp_bytes(b, cb, 20);
    evm__rlp_bytes(b, h->state_root, 32);
    evm__rlp_bytes(b, empty_trie, 32);
    evm__rlp_bytes(b, empty_trie, 32);
    evm__rlp_bytes(b, zero, 256);
    evm__rlp_u64(b, h->difficulty);
    evm__rlp_u64(b, h->number);
    evm__rlp_u64(b, 5000000);
    evm__rlp_u64(b, 0);
    evm__rlp_u64(b, h->timestamp);
    evm__rlp_bytes(b, zero, 0);
    evm__rlp_bytes(b, zero, 32);
    evm__rlp_bytes(b, zero, 8);
    evm__rlp_wrap_list(b, start);
}

/* rlp([header, [], [ommers]]) */
static void put_block(evm__rlp_buf *b, const hdr_spec *h, const hdr_spec *ommers, size_t n)
{
    put_header(b, h);
    evm__rlp_wrap_list(b, b->size);              /* no transactions */
    size_t om = b->size;
    for (size_t i = 0; i < n; i++)
        put_header(b, &ommers[i]);
    evm__rlp_wrap_list(b, om);
    evm__rlp_wrap_list(b, 0);
}

static void root_of(const uint64_t milli_eth[3], uint8_t out[32])
{
    /* accounts 0x..0a, 0x..0b, 0x..0c with balances in milli-ether */
    evm_state s;
    evm_state_init(&s, NULL);
    for (int i = 0; i < 3; i++) {
        if (!milli_eth[i])
            continue;
        evm_address a;
        memset(&a, 0, sizeof a);
        a.bytes[19] = (uint8_t)(0x0a + i);
        evm_u256 v = evm_u256_mul(evm_u256_from_u64(milli_eth[i]), evm_u256_from_u64(1000000000000000ull));
        CHECK(evm_state_set_balance(&s, &a, &v));
    }
    evm_bytes32 r;
    CHECK(evm_state_root(&s, &r));
    memcpy(out, r.bytes, 32);
    evm_state_destroy(&s);
}

static void test_ommers(void)
{
    evm_chain_config c;
    evm_chain_init(&c, EVM_FRONTIER);
    uint8_t zero[32], empty_ommers[32], root0[32], root1[32], root2[32];
    memset(zero, 0, 32);
    hex32("1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347", empty_ommers);
    const uint64_t none[3] = {0, 0, 0}, after1[3] = {5000, 0, 0};
    root_of(none, root0);
    root_of(after1, root1);
    /* after block 2: 0x0a 5 + 5 + 5/32 ether (10.15625, not whole milli-ether: in wei);
       0x0c, the ommer's coinbase: (1 + 8 - 2) / 8 * 5 = 4.375 ether */
    {
        evm_state s;
        evm_state_init(&s, NULL);
        evm_address a;
        memset(&a, 0, sizeof a);
        a.bytes[19] = 0x0a;
        evm_u256 v = evm_u256_mul(evm_u256_from_u64(1015625), evm_u256_from_u64(10000000000000ull));
        CHECK(evm_state_set_balance(&s, &a, &v));
        a.bytes[19] = 0x0c;
        v = evm_u256_mul(evm_u256_from_u64(4375), evm_u256_from_u64(1000000000000000ull));
        CHECK(evm_state_set_balance(&s, &a, &v));
        evm_bytes32 r;
        CHECK(evm_state_root(&s, &r));
        memcpy(root2, r.bytes, 32);
        evm_state_destroy(&s);
    }

    evm__rlp_buf gb = {NULL, 0, 0, NULL, false}, b1 = gb, b2 = gb, ob = gb;
    hdr_spec g = {zero, empty_ommers, 0, root0, 131072, 0, 0};
    put_block(&gb, &g, NULL, 0);
    evm_block G, B1, B2;
    CHECK_EQ_INT(evm_block_decode(&G, gb.data, gb.size, NULL), EVM_BLOCK_OK);
    /* block 1 and its sibling, the ommer to be (another coinbase, one second later) */
    hdr_spec h1 = {G.header.hash.bytes, empty_ommers, 0x0a, root1, 131072 + 64, 1, 10};
    hdr_spec u = {G.header.hash.bytes, empty_ommers, 0x0c, zero, 131072 + 64, 1, 11};
    put_block(&b1, &h1, NULL, 0);
    CHECK_EQ_INT(evm_block_decode(&B1, b1.data, b1.size, NULL), EVM_BLOCK_OK);
    /* the ommers list's hash: keccak256(rlp([u])) */
    put_header(&ob, &u);
    evm__rlp_wrap_list(&ob, 0);
    uint8_t oh[32];
    evm_keccak256(ob.data, ob.size, oh);
    hdr_spec h2 = {B1.header.hash.bytes, oh, 0x0a, root2, 131136 + 64, 2, 20};
    put_block(&b2, &h2, &u, 1);
    CHECK(!gb.failed && !b1.failed && !b2.failed && !ob.failed);
    CHECK_EQ_INT(evm_block_decode(&B2, b2.data, b2.size, NULL), EVM_BLOCK_OK);
    CHECK_EQ_UINT(B2.ommer_count, 1);
    CHECK_EQ_UINT(B2.ommers[0].number, 1);
    CHECK_EQ_MEM(B2.ommers_list_hash.bytes, oh, 32);

    evm_state st;
    evm_state_init(&st, NULL);
    evm_vm vm;
    evm_vm_init(&vm, NULL);
    evm_block_result r;
    CHECK_EQ_INT(evm_block_execute(&st, &vm, &c, &G.header, &B1, &r), EVM_BLOCK_OK);
    CHECK_EQ_INT(evm_block_execute(&st, &vm, &c, &B1.header, &B2, &r), EVM_BLOCK_OK);
    evm_address cb;
    memset(&cb, 0, sizeof cb);
    cb.bytes[19] = 0x0c;
    evm_u256 bal = evm_state_balance(&st, &cb);
    CHECK_EQ_UINT(bal.w[0], 4375000000000000000ull);
    evm_block_free(&B2);

    /* the same ommer twice; an ommer in a Paris block */
    evm__rlp_buf b3 = {NULL, 0, 0, NULL, false};
    hdr_spec two[2] = {u, u};
    evm__rlp_buf ob2 = {NULL, 0, 0, NULL, false};
    put_header(&ob2, &u);
    put_header(&ob2, &u);
    evm__rlp_wrap_list(&ob2, 0);
    evm_keccak256(ob2.data, ob2.size, oh);
    put_block(&b3, &h2, two, 2);
    CHECK_EQ_INT(evm_block_decode(&B2, b3.data, b3.size, NULL), EVM_BLOCK_OK);
    B2.header.ommers_hash = B2.ommers_list_hash;   /* only the duplicate is wrong */
    evm_state_clear(&st);
    CHECK_EQ_INT(evm_block_execute(&st, &vm, &c, &G.header, &B1, &r), EVM_BLOCK_OK);
    CHECK_EQ_INT(evm_block_execute(&st, &vm, &c, &B1.header, &B2, &r), EVM_BLOCK_OMMERS);
    evm_block_free(&B2);

    free(gb.data);
    free(b1.data);
    free(b2.data);
    free(b3.data);
    free(ob.data);
    free(ob2.data);
    evm_block_free(&G);
    evm_block_free(&B1);
    evm_vm_destroy(&vm);
    evm_state_destroy(&st);
}

/* EIP-7934 (Osaka): a block's RLP of at most 8 MiB (10 MiB less a 2 MiB margin); the
   fixtures that test it are too large for the archive, so the size is set by hand */
static void test_rlp_cap(void)
{
    size_t n;
    unsigned char *raw = unhex(frontier_block, &n);
    evm_block b;
    CHECK_EQ_INT(evm_block_decode(&b, raw, n, NULL), EVM_BLOCK_OK);
    evm_chain_config c;
    evm_chain_init(&c, EVM_OSAKA);
    evm_state st;
    evm_state_init(&st, NULL);
    evm_vm vm;
    evm_vm_init(&vm, NULL);
    evm_block_result r;
    b.rlp_size = 8388609;
    CHECK_EQ_INT(evm_block_execute(&st, &vm, &c, &b.header, &b, &r), EVM_BLOCK_RLP_TOO_LARGE);
    b.rlp_size = 8388608;                /* allowed: the next rule (Frontier's 15 fields) fails */
    CHECK_EQ_INT(evm_block_execute(&st, &vm, &c, &b.header, &b, &r), EVM_BLOCK_FORMAT);
    evm_chain_init(&c, EVM_PRAGUE);      /* no cap before Osaka */
    b.rlp_size = 100000000;
    CHECK_EQ_INT(evm_block_execute(&st, &vm, &c, &b.header, &b, &r), EVM_BLOCK_FORMAT);
    CHECK_EQ_STR(evm_block_status_name(EVM_BLOCK_RLP_TOO_LARGE), "RLP_BLOCK_LIMIT_EXCEEDED");
    CHECK_EQ_STR(evm_block_status_name(EVM_BLOCK_STATUS_COUNT), "UNKNOWN");
    evm_vm_destroy(&vm);
    evm_state_destroy(&st);
    evm_block_free(&b);
    free(raw);
}

int main(void)
{
    RUN(test_networks);
    RUN(test_decode);
    RUN(test_decode_bad);
    RUN(test_header_field_counts);
    RUN(test_header_rules);
    RUN(test_difficulty);
    RUN(test_blob_gas);
    RUN(test_bloom);
    RUN(test_execute_frontier);
    RUN(test_execute_shanghai);
    RUN(test_execute_oom);
    RUN(test_ommers);
    RUN(test_rlp_cap);
    return TEST_END("test_block");
}
