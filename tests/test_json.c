/* test_json.c - unit tests of evm_json.h: exact trees of valid documents, the exact
   message of every malformed-input error, allocation failure, and the helpers. */
#define EVM_IMPLEMENTATION
#include "../evm_json.h"
#include "test.h"
#include <stdlib.h>


static bool parse(evm_json_doc *doc, const char *text)
{
    return evm_json_parse(doc, text, strlen(text), NULL);
}

/* The error message for text, or "OK". */
static char err_buf[200];
static const char *error_of(const char *text, size_t size)
{
    evm_json_doc doc;
    if (evm_json_parse(&doc, text, size, NULL)) {
        evm_json_free(&doc);
        return "OK";
    }
    CHECK(doc.root == NULL);
    strcpy(err_buf, doc.error);
    return err_buf;
}
#define ERR(text) error_of((text), strlen(text))

static void test_object_tree(void)
{
    evm_json_doc doc;
    const char *t = " {\"a\" : 1, \"b\":[true,false,null, -2.5e+3 ],\n\"c\":{\"d\":\"xy\"},\"e\":{},\"f\":[]} ";
    CHECK(parse(&doc, t));
    const evm_json *r = doc.root;
    CHECK_EQ_INT(r->type, EVM_JSON_OBJECT);
    CHECK(r->key == NULL);
    CHECK_EQ_UINT(r->len, 5);
    CHECK(r->next == NULL);
    const evm_json *a = r->child;
    CHECK_EQ_STR(a->key, "a");
    CHECK_EQ_INT(a->type, EVM_JSON_NUMBER);
    CHECK_EQ_STR(a->str, "1");
    CHECK_EQ_UINT(a->len, 1);
    const evm_json *b = a->next;
    CHECK_EQ_STR(b->key, "b");
    CHECK_EQ_INT(b->type, EVM_JSON_ARRAY);
    CHECK_EQ_UINT(b->len, 4);
    const evm_json *e = b->child;
    CHECK_EQ_INT(e->type, EVM_JSON_TRUE);
    CHECK(e->key == NULL);
    CHECK_EQ_INT(e->next->type, EVM_JSON_FALSE);
    CHECK_EQ_INT(e->next->next->type, EVM_JSON_NULL);
    CHECK_EQ_INT(e->next->next->next->type, EVM_JSON_NUMBER);
    CHECK_EQ_STR(e->next->next->next->str, "-2.5e+3");
    CHECK_EQ_UINT(e->next->next->next->len, 7);
    CHECK(e->next->next->next->next == NULL);
    const evm_json *c = b->next;
    CHECK_EQ_STR(c->key, "c");
    CHECK_EQ_UINT(c->len, 1);
    CHECK_EQ_STR(c->child->key, "d");
    CHECK_EQ_INT(c->child->type, EVM_JSON_STRING);
    CHECK_EQ_STR(c->child->str, "xy");
    CHECK_EQ_UINT(c->child->len, 2);
    const evm_json *eo = c->next, *fa = eo->next;
    CHECK_EQ_INT(eo->type, EVM_JSON_OBJECT);
    CHECK_EQ_UINT(eo->len, 0);
    CHECK(eo->child == NULL);
    CHECK_EQ_INT(fa->type, EVM_JSON_ARRAY);
    CHECK_EQ_UINT(fa->len, 0);
    CHECK(fa->child == NULL);
    CHECK(fa->next == NULL);
    CHECK(evm_json_get(r, "c") == c);
    CHECK(evm_json_get(r, "f") == fa);
    CHECK(evm_json_get(r, "g") == NULL);
    CHECK(evm_json_get(r, "") == NULL);
    CHECK(evm_json_get(b, "a") == NULL);          /* not an object */
    CHECK(evm_json_get(NULL, "a") == NULL);
    evm_json_free(&doc);
    CHECK(doc.root == NULL);
    evm_json_free(&doc);                          /* twice is harmless */
}

static void test_scalar_roots(void)
{
    evm_json_doc doc;
    CHECK(parse(&doc, " \t\r\n42\n"));
    CHECK_EQ_INT(doc.root->type, EVM_JSON_NUMBER);
    CHECK_EQ_STR(doc.root->str, "42");
    evm_json_free(&doc);
    CHECK(parse(&doc, "7"));                      /* number at the very end of the input */
    CHECK_EQ_STR(doc.root->str, "7");
    evm_json_free(&doc);
    CHECK(parse(&doc, "\"s\""));
    CHECK_EQ_INT(doc.root->type, EVM_JSON_STRING);
    CHECK_EQ_STR(doc.root->str, "s");
    evm_json_free(&doc);
    CHECK(parse(&doc, "null"));
    CHECK_EQ_INT(doc.root->type, EVM_JSON_NULL);
    evm_json_free(&doc);
    CHECK(parse(&doc, "true"));
    CHECK_EQ_INT(doc.root->type, EVM_JSON_TRUE);
    evm_json_free(&doc);
    CHECK(parse(&doc, "false"));
    CHECK_EQ_INT(doc.root->type, EVM_JSON_FALSE);
    evm_json_free(&doc);
    /* the input need not be NUL-terminated: only size bytes are read */
    CHECK(evm_json_parse(&doc, "123456", 3, NULL));
    CHECK_EQ_STR(doc.root->str, "123");
    evm_json_free(&doc);
    CHECK(evm_json_parse(&doc, "[1]]", 3, NULL));
    CHECK_EQ_UINT(doc.root->len, 1);
    evm_json_free(&doc);
}

static void test_numbers(void)
{
    static const char *const ok[] = {"0", "-0", "-0.0", "0e0", "0E+0", "1.5e-10", "-12.34E5",
                                     "9007199254740993", "1e400", "123456789012345678901234567890"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        evm_json_doc doc;
        CHECK(parse(&doc, ok[i]));
        if (doc.root) {
            CHECK_EQ_INT(doc.root->type, EVM_JSON_NUMBER);
            CHECK_EQ_STR(doc.root->str, ok[i]);
            CHECK_EQ_UINT(doc.root->len, strlen(ok[i]));
        }
        evm_json_free(&doc);
    }
    CHECK_EQ_STR(ERR("01"), "line 1, column 1: leading zero in number");
    CHECK_EQ_STR(ERR("-01"), "line 1, column 2: leading zero in number");
    CHECK_EQ_STR(ERR("[00]"), "line 1, column 2: leading zero in number");
    CHECK_EQ_STR(ERR("-"), "line 1, column 2: invalid number");
    CHECK_EQ_STR(ERR("-a"), "line 1, column 2: invalid number");
    CHECK_EQ_STR(ERR("1."), "line 1, column 3: digit expected after '.'");
    CHECK_EQ_STR(ERR("1.e3"), "line 1, column 3: digit expected after '.'");
    CHECK_EQ_STR(ERR("1e"), "line 1, column 3: digit expected in exponent");
    CHECK_EQ_STR(ERR("1e+"), "line 1, column 4: digit expected in exponent");
    CHECK_EQ_STR(ERR("1E-x"), "line 1, column 4: digit expected in exponent");
    CHECK_EQ_STR(ERR(".5"), "line 1, column 1: unexpected character");
    CHECK_EQ_STR(ERR("+1"), "line 1, column 1: unexpected character");
    CHECK_EQ_STR(ERR("0x10"), "line 1, column 2: unexpected character after the document");
    CHECK_EQ_STR(ERR("1 2"), "line 1, column 3: unexpected character after the document");
    CHECK_EQ_STR(ERR("[1a]"), "line 1, column 3: expected ',' or ']'");
    CHECK_EQ_STR(ERR("NaN"), "line 1, column 1: unexpected character");
    CHECK_EQ_STR(ERR("-Infinity"), "line 1, column 2: invalid number");
}

static void test_strings(void)
{
    evm_json_doc doc;
    CHECK(parse(&doc, "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\", \"\\u0041\\u00e9\\u20AC\\ud83d\\uDE00\","
                      " \"a\\u0000b\", \"\", \"\xff\xfe\xc3\", \"\x7f\"]"));
    const evm_json *s = doc.root->child;
    CHECK_EQ_UINT(s->len, 8);
    CHECK_EQ_MEM(s->str, "\"\\/\b\f\n\r\t", 9);      /* includes the NUL */
    s = s->next;
    CHECK_EQ_UINT(s->len, 1 + 2 + 3 + 4);
    CHECK_EQ_MEM(s->str, "A\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 11);
    s = s->next;
    CHECK_EQ_UINT(s->len, 3);                        /* an embedded NUL keeps its length */
    CHECK_EQ_MEM(s->str, "a\0b", 4);
    s = s->next;
    CHECK_EQ_UINT(s->len, 0);
    CHECK_EQ_STR(s->str, "");
    s = s->next;                                     /* invalid UTF-8 passes through */
    CHECK_EQ_UINT(s->len, 3);
    CHECK_EQ_MEM(s->str, "\xff\xfe\xc3", 4);
    s = s->next;
    CHECK_EQ_STR(s->str, "\x7f");
    evm_json_free(&doc);

    /* long strings cross the 8-byte fast path at every alignment */
    for (int n = 0; n < 40; n++) {
        char text[128], want[64];
        int k = 0;
        text[k++] = '"';
        for (int i = 0; i < n; i++) { text[k++] = (char)('a' + i % 26); want[i] = (char)('a' + i % 26); }
        want[n] = 0;
        if (n % 3 == 1) { text[k++] = '\\'; text[k++] = 'n'; want[n] = '\n'; want[n + 1] = 0; }
        text[k++] = '"';
        CHECK(evm_json_parse(&doc, text, (size_t)k, NULL));
        if (doc.root)
            CHECK_EQ_STR(doc.root->str, want);
        evm_json_free(&doc);
        /* and an unterminated one fails at the end, wherever it is */
        CHECK(!evm_json_parse(&doc, text, (size_t)k - 1, NULL));
    }

    /* member names are decoded too */
    CHECK(parse(&doc, "{\"k\\u00e9y\": 1, \"k\\u00e9y\": 2, \"\": 3}"));
    CHECK_EQ_STR(evm_json_get(doc.root, "k\xc3\xa9y")->str, "1");   /* the first duplicate */
    CHECK_EQ_STR(evm_json_get(doc.root, "")->str, "3");
    CHECK_EQ_UINT(doc.root->len, 3);
    evm_json_free(&doc);

    CHECK_EQ_STR(ERR("\"abc"), "line 1, column 5: unterminated string");
    CHECK_EQ_STR(ERR("\"abc\\"), "line 1, column 6: unterminated string");
    CHECK_EQ_STR(ERR("\"a\\x\""), "line 1, column 3: invalid escape");
    CHECK_EQ_STR(ERR("\"a\\'\""), "line 1, column 3: invalid escape");
    CHECK_EQ_STR(ERR("\"\\u12G4\""), "line 1, column 6: invalid hex digit in \\u escape");
    CHECK_EQ_STR(ERR("\"\\u12\""), "line 1, column 2: truncated \\u escape");
    CHECK_EQ_STR(ERR("\"\\udc00\""), "line 1, column 2: lone low surrogate");
    CHECK_EQ_STR(ERR("\"\\ud800\""), "line 1, column 2: high surrogate not followed by a low surrogate");
    CHECK_EQ_STR(ERR("\"\\ud800\\u0041\""), "line 1, column 2: high surrogate not followed by a low surrogate");
    CHECK_EQ_STR(ERR("\"\\ud800\\ud800\""), "line 1, column 2: high surrogate not followed by a low surrogate");
    CHECK_EQ_STR(ERR("\"\\ud800\\n\""), "line 1, column 2: high surrogate not followed by a low surrogate");
    CHECK_EQ_STR(ERR("\"\\ud800\\udc0\""), "line 1, column 13: invalid hex digit in \\u escape");
    CHECK_EQ_STR(ERR("\"a\tb\""), "line 1, column 3: control character in string");
    CHECK_EQ_STR(ERR("\"a\nb\""), "line 1, column 3: control character in string");
    CHECK_EQ_STR(error_of("\"a\0b\"", 5), "line 1, column 3: control character in string");
    CHECK_EQ_STR(ERR("\"0123456789abcdef\x1f\""), "line 1, column 18: control character in string");
    CHECK_EQ_STR(ERR("'a'"), "line 1, column 1: unexpected character");
}

static void test_structure_errors(void)
{
    CHECK_EQ_STR(ERR(""), "line 1, column 1: empty input");
    CHECK_EQ_STR(error_of(NULL, 0), "line 1, column 1: empty input");
    CHECK_EQ_STR(ERR("  \n "), "line 2, column 2: empty input");
    CHECK_EQ_STR(ERR("["), "line 1, column 2: unexpected end of input");
    CHECK_EQ_STR(ERR("[1,2"), "line 1, column 5: unexpected end of input");
    CHECK_EQ_STR(ERR("[1,"), "line 1, column 4: unexpected end of input");
    CHECK_EQ_STR(ERR("{"), "line 1, column 2: unexpected end of input");
    CHECK_EQ_STR(ERR("{\"a\""), "line 1, column 5: unexpected end of input");
    CHECK_EQ_STR(ERR("{\"a\":"), "line 1, column 6: unexpected end of input");
    CHECK_EQ_STR(ERR("{\"a\":1"), "line 1, column 7: unexpected end of input");
    CHECK_EQ_STR(ERR("{\"a\":1,"), "line 1, column 8: unexpected end of input");
    CHECK_EQ_STR(ERR("[1,]"), "line 1, column 4: unexpected ']' (trailing comma?)");
    CHECK_EQ_STR(ERR("[,1]"), "line 1, column 2: unexpected character");
    CHECK_EQ_STR(ERR("{\"a\":1,}"), "line 1, column 8: unexpected '}' (trailing comma?)");
    CHECK_EQ_STR(ERR("{,}"), "line 1, column 2: expected a member name");
    CHECK_EQ_STR(ERR("{\"a\" 1}"), "line 1, column 6: expected ':'");
    CHECK_EQ_STR(ERR("{1:2}"), "line 1, column 2: expected a member name");
    CHECK_EQ_STR(ERR("{a:2}"), "line 1, column 2: expected a member name");
    CHECK_EQ_STR(ERR("[1 2]"), "line 1, column 4: expected ',' or ']'");
    CHECK_EQ_STR(ERR("[1}"), "line 1, column 3: expected ',' or ']'");
    CHECK_EQ_STR(ERR("{\"a\":1]"), "line 1, column 7: expected ',' or '}'");
    CHECK_EQ_STR(ERR("{\"a\":1 \"b\":2}"), "line 1, column 8: expected ',' or '}'");
    CHECK_EQ_STR(ERR("{\"a\"::1}"), "line 1, column 6: unexpected character");
    CHECK_EQ_STR(ERR("[]]"), "line 1, column 3: unexpected character after the document");
    CHECK_EQ_STR(ERR("{} x"), "line 1, column 4: unexpected character after the document");
    CHECK_EQ_STR(error_of("{}\0", 3), "line 1, column 3: unexpected character after the document");
    CHECK_EQ_STR(ERR("tru"), "line 1, column 1: invalid literal");
    CHECK_EQ_STR(ERR("truE"), "line 1, column 1: invalid literal");
    CHECK_EQ_STR(ERR("nul"), "line 1, column 1: invalid literal");
    CHECK_EQ_STR(ERR("[fals]"), "line 1, column 2: invalid literal");
    CHECK_EQ_STR(ERR("falsey"), "line 1, column 6: unexpected character after the document");
    CHECK_EQ_STR(ERR("\xef\xbb\xbf{}"), "line 1, column 1: unexpected character");   /* no BOM */
    CHECK_EQ_STR(ERR("[1,\n  2,\n  tru]"), "line 3, column 3: invalid literal");
    CHECK_EQ_STR(ERR("{\n\"a\": [\r\n1,\n2\n"), "line 5, column 1: unexpected end of input");
    CHECK_EQ_STR(ERR("/* c */ 1"), "line 1, column 1: unexpected character");
    CHECK_EQ_STR(ERR("[\f]"), "line 1, column 2: unexpected character");            /* not JSON space */
}

/* Every proper prefix of a document fails (none is a document itself), cleanly. */
static void test_truncation(void)
{
    const char *t = "{\"env\": {\"n\": \"0x01\", \"list\": [1, -2.5e3, true, false, null, \"\\u00e9\\ud83d\\ude00\"]},"
                    " \"x\": {}, \"y\": [[], [{}]]}";
    size_t n = strlen(t);
    evm_json_doc doc;
    CHECK(evm_json_parse(&doc, t, n, NULL));
    evm_json_free(&doc);
    int failures = 0;
    for (size_t k = 0; k < n; k++) {
        if (!evm_json_parse(&doc, t, k, NULL)) {
            failures++;
            CHECK(doc.error[0] != 0);
        } else {
            evm_json_free(&doc);
        }
    }
    CHECK_EQ_INT(failures, (int)n);
}

static void test_nesting(void)
{
    enum { LIMIT = EVM_JSON_MAX_DEPTH };
    static char text[2 * (LIMIT + 10) * 6];
    /* exactly the limit: fine, and the innermost value is reachable */
    for (int i = 0; i < LIMIT; i++) { text[i] = '['; text[2 * LIMIT - 1 - i] = ']'; }
    evm_json_doc doc;
    CHECK(evm_json_parse(&doc, text, 2 * LIMIT, NULL));
    int depth = 0;
    for (const evm_json *v = doc.root; v; v = v->child)
        depth++;
    CHECK_EQ_INT(depth, LIMIT);
    evm_json_free(&doc);
    /* one more: a clear error at the bracket that crosses it */
    for (int i = 0; i <= LIMIT; i++) { text[i] = '['; text[2 * LIMIT + 1 - i] = ']'; }
    CHECK_EQ_STR(error_of(text, 2 * LIMIT + 2), "line 1, column 1001: nesting deeper than 1000 levels");
    /* objects count too; an unbounded depth is an error, not a stack overflow */
    size_t k = 0;
    for (int i = 0; i < LIMIT + 5; i++) { memcpy(text + k, "{\"a\":", 5); k += 5; }
    CHECK_EQ_STR(error_of(text, k), "line 1, column 5001: nesting deeper than 1000 levels");
    char *deep = (char *)malloc(1000000);
    memset(deep, '[', 1000000);
    CHECK_EQ_STR(error_of(deep, 1000000), "line 1, column 1001: nesting deeper than 1000 levels");
    free(deep);
}

static void test_large_array(void)
{
    enum { N = 100000 };
    char *text = (char *)malloc(N * 12 + 2), *o = text;
    *o++ = '[';
    for (int i = 0; i < N; i++)
        o += sprintf(o, i ? ",%d" : "%d", i);
    *o++ = ']';
    evm_json_doc doc;
    CHECK(evm_json_parse(&doc, text, (size_t)(o - text), NULL));
    CHECK_EQ_UINT(doc.root->len, N);
    int i = 0, bad = 0;
    for (const evm_json *v = doc.root->child; v; v = v->next, i++) {
        uint64_t x;
        if (!evm_json_u64(v, &x) || x != (uint64_t)i)
            bad++;
    }
    CHECK_EQ_INT(i, N);
    CHECK_EQ_INT(bad, 0);
    evm_json_free(&doc);
    free(text);
}

static void test_out_of_memory(void)
{
    const char *t = "{\"a\": [1, 2, 3], \"b\": {\"c\": \"d\"}}";
    /* fail the first, the second, ... request: always "out of memory", nothing leaked */
    int succeeded_at = -1;
    for (int n = 0; n < 50 && succeeded_at < 0; n++) {
        counting c = {0, 0, n};
        evm_allocator a = {counting_realloc, &c};
        evm_json_doc doc;
        if (evm_json_parse(&doc, t, strlen(t), &a)) {
            succeeded_at = n;
            CHECK(c.live > 0);
            evm_json_free(&doc);
        } else {
            CHECK_EQ_STR(doc.error, "line 1, column 1: out of memory");
            CHECK(doc.root == NULL);
        }
        CHECK_EQ_INT(c.live, 0);
    }
    CHECK_EQ_INT(succeeded_at, 2);            /* one string block and one node block */

    /* node growth beyond the first block fails cleanly in the middle of a document */
    enum { N = 5000 };
    char *text = (char *)malloc(2 * N + 2), *o = text;
    *o++ = '[';
    for (int i = 0; i < N; i++) { *o++ = '0'; *o++ = ','; }
    o[-1] = ']';
    size_t size = (size_t)(o - text);
    counting c = {0, 0, 2};
    evm_allocator a = {counting_realloc, &c};
    evm_json_doc doc;
    CHECK(!evm_json_parse(&doc, text, size, &a));
    CHECK(strstr(doc.error, ": out of memory") != NULL);
    CHECK(strncmp(doc.error, "line 1, column ", 15) == 0);
    CHECK_EQ_INT(c.live, 0);
    counting c2 = {0, 0, 1000};
    a.user = &c2;
    CHECK(evm_json_parse(&doc, text, size, &a));
    CHECK(c2.live > 2);
    CHECK_EQ_UINT(doc.root->len, N);
    evm_json_free(&doc);
    CHECK_EQ_INT(c2.live, 0);
    free(text);
}

/* Parse text and return its root's first child (the value under test). */
static evm_json_doc hdoc;
static const evm_json *val(const char *text)
{
    evm_json_free(&hdoc);
    if (!evm_json_parse(&hdoc, text, strlen(text), NULL)) {
        printf("  cannot parse %s: %s\n", text, hdoc.error);
        return NULL;
    }
    return hdoc.root->child;
}

static void test_u256(void)
{
    evm_u256 x;
    CHECK(evm_json_u256(val("[\"0x\"]"), &x));
    CHECK(x.w[0] == 0 && x.w[1] == 0 && x.w[2] == 0 && x.w[3] == 0);
    CHECK(evm_json_u256(val("[\"0x1\"]"), &x));
    CHECK(x.w[0] == 1 && x.w[1] == 0 && x.w[2] == 0 && x.w[3] == 0);
    CHECK(evm_json_u256(val("[\"0xAbCdEf\"]"), &x));
    CHECK_EQ_UINT(x.w[0], 0xabcdef);
    CHECK(evm_json_u256(val("[\"0X10\"]"), &x));
    CHECK_EQ_UINT(x.w[0], 16);
    CHECK(evm_json_u256(val("[\"0x0123456789abcdef_fedcba9876543210\"]"), &x) == false);
    CHECK(evm_json_u256(val("[\"0x112233445566778899aabbccddeeff00102030405060708090a0b0c0d0e0f0ff\"]"), &x));
    CHECK_EQ_UINT(x.w[3], 0x1122334455667788u);
    CHECK_EQ_UINT(x.w[2], 0x99aabbccddeeff00u);
    CHECK_EQ_UINT(x.w[1], 0x1020304050607080u);
    CHECK_EQ_UINT(x.w[0], 0x90a0b0c0d0e0f0ffu);
    /* 65 digits: fine with a leading zero, overflow without */
    CHECK(evm_json_u256(val("[\"0x0000ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\"]"), &x));
    CHECK(x.w[0] == UINT64_MAX && x.w[1] == UINT64_MAX && x.w[2] == UINT64_MAX && x.w[3] == UINT64_MAX);
    CHECK(!evm_json_u256(val("[\"0x10000000000000000000000000000000000000000000000000000000000000000\"]"), &x));
    CHECK(evm_json_u256(val("[\"12345678901234567890123456789\"]"), &x));
    CHECK_EQ_UINT(x.w[0], 0x46bec9b16e398115u);   /* 12345678901234567890123456789 = 0x27e41b3246bec9b16e398115 */
    CHECK_EQ_UINT(x.w[1], 0x27e41b32u);
    CHECK(evm_json_u256(val("[\"115792089237316195423570985008687907853269984665640564039457584007913129639935\"]"), &x));
    CHECK(x.w[0] == UINT64_MAX && x.w[1] == UINT64_MAX && x.w[2] == UINT64_MAX && x.w[3] == UINT64_MAX);
    CHECK(!evm_json_u256(val("[\"115792089237316195423570985008687907853269984665640564039457584007913129639936\"]"), &x));
    CHECK(!evm_json_u256(val("[\"999999999999999999999999999999999999999999999999999999999999999999999999999999999\"]"), &x));
    CHECK(evm_json_u256(val("[42]"), &x));          /* a JSON number */
    CHECK_EQ_UINT(x.w[0], 42);
    CHECK(evm_json_u256(val("[\"007\"]"), &x));
    CHECK_EQ_UINT(x.w[0], 7);
    CHECK(!evm_json_u256(val("[-1]"), &x));
    CHECK(!evm_json_u256(val("[1.0]"), &x));
    CHECK(!evm_json_u256(val("[1e3]"), &x));
    CHECK(!evm_json_u256(val("[\"\"]"), &x));
    CHECK(!evm_json_u256(val("[\"0xg\"]"), &x));
    CHECK(!evm_json_u256(val("[\"0x 1\"]"), &x));
    CHECK(!evm_json_u256(val("[\" 1\"]"), &x));
    CHECK(!evm_json_u256(val("[\"x1\"]"), &x));
    CHECK(!evm_json_u256(val("[\"0x1\\u0000\"]"), &x));
    CHECK(!evm_json_u256(val("[true]"), &x));
    CHECK(!evm_json_u256(val("[null]"), &x));
    CHECK(!evm_json_u256(val("[[]]"), &x));
    CHECK(!evm_json_u256(NULL, &x));
}

static void test_u64(void)
{
    uint64_t x = 0;
    CHECK(evm_json_u64(val("[\"0xffffffffffffffff\"]"), &x));
    CHECK_EQ_UINT(x, UINT64_MAX);
    CHECK(evm_json_u64(val("[\"0x00000000000000000000ffffffffffffffff\"]"), &x));
    CHECK_EQ_UINT(x, UINT64_MAX);
    CHECK(!evm_json_u64(val("[\"0x10000000000000000\"]"), &x));
    CHECK(evm_json_u64(val("[\"18446744073709551615\"]"), &x));
    CHECK_EQ_UINT(x, UINT64_MAX);
    CHECK(!evm_json_u64(val("[\"18446744073709551616\"]"), &x));
    CHECK(evm_json_u64(val("[0]"), &x));
    CHECK_EQ_UINT(x, 0);
    CHECK(evm_json_u64(val("[\"0x0a\"]"), &x));
    CHECK_EQ_UINT(x, 10);
    CHECK(!evm_json_u64(val("[\"-5\"]"), &x));
    CHECK(!evm_json_u64(val("[{}]"), &x));
}

static void test_address_bytes32(void)
{
    evm_address a;
    unsigned char want[32];
    CHECK(evm_json_address(val("[\"0x095e7baea6a6c7c4c2dfd97ed8e0a9f4ce4d4b1C\"]"), &a));
    test_hex("095e7baea6a6c7c4c2dfd97ed8e0a9f4ce4d4b1c", want, 20);
    CHECK_EQ_MEM(a.bytes, want, 20);
    CHECK(!evm_json_address(val("[\"0x095e7baea6a6c7c4c2dfd97ed8e0a9f4ce4d4b\"]"), &a));
    CHECK(!evm_json_address(val("[\"0x095e7baea6a6c7c4c2dfd97ed8e0a9f4ce4d4b1c00\"]"), &a));
    CHECK(!evm_json_address(val("[\"095e7baea6a6c7c4c2dfd97ed8e0a9f4ce4d4b1c\"]"), &a));
    CHECK(!evm_json_address(val("[\"0x095e7baea6a6c7c4c2dfd97ed8e0a9f4ce4d4bzz\"]"), &a));
    CHECK(!evm_json_address(val("[\"\"]"), &a));
    CHECK(!evm_json_address(val("[1]"), &a));
    CHECK(!evm_json_address(NULL, &a));

    evm_bytes32 b;
    memset(want, 0, 32);
    want[31] = 1;
    CHECK(evm_json_bytes32(val("[\"0x01\"]"), &b));
    CHECK_EQ_MEM(b.bytes, want, 32);
    memset(want, 0, 32);
    CHECK(evm_json_bytes32(val("[\"0x\"]"), &b));
    CHECK_EQ_MEM(b.bytes, want, 32);
    test_hex("55fb44d083c9a28f3bad4ad2c31d8d6a4070568512b00bc8976c8f40b4d55c41", want, 32);
    CHECK(evm_json_bytes32(val("[\"0x55fb44d083c9a28f3bad4ad2c31d8d6a4070568512b00bc8976c8f40b4d55c41\"]"), &b));
    CHECK_EQ_MEM(b.bytes, want, 32);
    CHECK(!evm_json_bytes32(val("[\"0x0055fb44d083c9a28f3bad4ad2c31d8d6a4070568512b00bc8976c8f40b4d55c41\"]"), &b));
    CHECK(!evm_json_bytes32(val("[\"0x123\"]"), &b));
    CHECK(!evm_json_bytes32(val("[\"0x1g\"]"), &b));
    CHECK(!evm_json_bytes32(val("[\"12\"]"), &b));
}

static void test_hex_bytes(void)
{
    uint8_t *p;
    size_t n;
    CHECK(evm_json_hex(val("[\"0x\"]"), NULL, &p, &n));
    CHECK(p == NULL);
    CHECK_EQ_UINT(n, 0);
    CHECK(evm_json_hex(val("[\"0x0102fF\"]"), NULL, &p, &n));
    CHECK_EQ_UINT(n, 3);
    CHECK_EQ_MEM(p, "\x01\x02\xff", 3);
    free(p);
    CHECK(!evm_json_hex(val("[\"0x123\"]"), NULL, &p, &n));
    CHECK(p == NULL);
    CHECK(!evm_json_hex(val("[\"0xzz\"]"), NULL, &p, &n));
    CHECK(!evm_json_hex(val("[\"\"]"), NULL, &p, &n));
    CHECK(!evm_json_hex(val("[\"0102\"]"), NULL, &p, &n));
    CHECK(!evm_json_hex(val("[0]"), NULL, &p, &n));
    CHECK(!evm_json_hex(NULL, NULL, &p, &n));
    /* through a given allocator; its failure is a clean false */
    counting c = {0, 0, 1};
    evm_allocator a = {counting_realloc, &c};
    CHECK(evm_json_hex(val("[\"0xdeadbeef\"]"), &a, &p, &n));
    CHECK_EQ_UINT(n, 4);
    CHECK_EQ_MEM(p, "\xde\xad\xbe\xef", 4);
    CHECK_EQ_INT(c.live, 1);
    counting_realloc(&c, p, 0);
    CHECK_EQ_INT(c.live, 0);
    CHECK(!evm_json_hex(val("[\"0xdeadbeef\"]"), &a, &p, &n));
    CHECK(p == NULL);
    CHECK_EQ_INT(c.live, 0);
    evm_json_free(&hdoc);
}

int main(void)
{
    RUN(test_object_tree);
    RUN(test_scalar_roots);
    RUN(test_numbers);
    RUN(test_strings);
    RUN(test_structure_errors);
    RUN(test_truncation);
    RUN(test_nesting);
    RUN(test_large_array);
    RUN(test_out_of_memory);
    RUN(test_u256);
    RUN(test_u64);
    RUN(test_address_bytes32);
    RUN(test_hex_bytes);
    return TEST_END("test_json");
}
