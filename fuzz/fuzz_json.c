/* fuzz_json.c - evm_json.h's reader.

   Input: JSON text (any bytes). Invariants (a violation aborts):
   - failure: no root, an error "line L, column C: ..." with L, C >= 1, nothing allocated;
   - success: a well-formed tree (child counts equal `len`, members have keys and elements
     do not, strings NUL-terminated at `len`, numbers match the RFC 8259 grammar), the
     value helpers (u256, u64, address, bytes32, hex) agree with each other on every
     scalar; the tree written back as JSON parses to the same tree;
   - with the allocator failing at a point chosen from the input: either the same tree
     or the error "out of memory", and nothing leaks. */
#define EVM_IMPLEMENTATION
#include "../evm_json.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* a growable text buffer */
typedef struct fz_text { char *p; size_t n, cap; } fz_text;
static void fz_put(fz_text *t, const char *s, size_t n)
{
    if (t->n + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 256;
        while (cap < t->n + n + 1) cap *= 2;
        char *q = (char *)realloc(t->p, cap);
        FZ_CHECK(q != NULL);
        t->p = q;
        t->cap = cap;
    }
    memcpy(t->p + t->n, s, n);
    t->n += n;
    t->p[t->n] = 0;
}

static void fz_put_string(fz_text *t, const char *s, size_t n)
{
    fz_put(t, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        if (c == '"' || c == '\\') { esc[0] = '\\'; esc[1] = (char)c; fz_put(t, esc, 2); }
        else if (c < 0x20) { snprintf(esc, sizeof esc, "\\u%04x", c); fz_put(t, esc, 6); }
        else fz_put(t, (const char *)&c, 1);
    }
    fz_put(t, "\"", 1);
}

static bool fz_number_ok(const char *s, size_t n)
{
    size_t i = 0;
    if (i < n && s[i] == '-') i++;
    if (i >= n) return false;
    if (s[i] == '0') i++;
    else if (s[i] >= '1' && s[i] <= '9') while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    else return false;
    if (i < n && s[i] == '.') {
        i++;
        size_t k = i;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        if (i == k) return false;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        size_t k = i;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        if (i == k) return false;
    }
    return i == n;
}

/* The helpers must agree: u64 ok => u256 ok with the same value; address/bytes32 ok =>
   hex ok with the same bytes. */
static void fz_scalar(const evm_json *v)
{
    evm_u256 w;
    uint64_t u;
    bool ok256 = evm_json_u256(v, &w), ok64 = evm_json_u64(v, &u);
    if (ok64) FZ_CHECK(ok256 && w.w[0] == u && !(w.w[1] | w.w[2] | w.w[3]));
    if (ok256 && !(w.w[1] | w.w[2] | w.w[3])) FZ_CHECK(ok64);
    uint8_t *bytes = NULL;
    size_t size = 0;
    bool okhex = evm_json_hex(v, NULL, &bytes, &size);
    evm_address a;
    evm_bytes32 b;
    if (evm_json_address(v, &a)) FZ_CHECK(okhex && size == 20 && memcmp(bytes, a.bytes, 20) == 0);
    if (evm_json_bytes32(v, &b)) {
        FZ_CHECK(okhex && size <= 32);
        for (size_t i = 0; i < 32 - size; i++) FZ_CHECK(b.bytes[i] == 0);
        FZ_CHECK(size == 0 || memcmp(b.bytes + 32 - size, bytes, size) == 0);
    }
    if (okhex) FZ_CHECK((size == 0) == (bytes == NULL));
    free(bytes);
}

/* Walk the tree without recursion (an explicit stack of nodes), check it, write it out. */
static void fz_walk(const evm_json *root, fz_text *out)
{
    size_t cap = 64, depth = 0;
    const evm_json **stack = (const evm_json **)malloc(cap * sizeof *stack);
    FZ_CHECK(stack != NULL);
    const evm_json *v = root;
    for (;;) {
        FZ_CHECK(v->type <= EVM_JSON_OBJECT);
        bool member = depth > 0 && stack[depth - 1]->type == EVM_JSON_OBJECT;
        FZ_CHECK(member == (v->key != NULL));
        if (member) { fz_put_string(out, v->key, strlen(v->key)); fz_put(out, ":", 1); }
        bool descend = false;
        switch (v->type) {
        case EVM_JSON_NULL: fz_put(out, "null", 4); break;
        case EVM_JSON_FALSE: fz_put(out, "false", 5); break;
        case EVM_JSON_TRUE: fz_put(out, "true", 4); break;
        case EVM_JSON_NUMBER:
            FZ_CHECK(v->str && v->str[v->len] == 0 && fz_number_ok(v->str, v->len));
            fz_scalar(v);
            fz_put(out, v->str, v->len);
            break;
        case EVM_JSON_STRING:
            FZ_CHECK(v->str && v->str[v->len] == 0);
            fz_scalar(v);
            fz_put_string(out, v->str, v->len);
            break;
        default: {
            size_t count = 0;
            for (const evm_json *c = v->child; c; c = c->next) count++;
            FZ_CHECK(count == v->len);
            fz_put(out, v->type == EVM_JSON_ARRAY ? "[" : "{", 1);
            descend = v->child != NULL;
            if (!descend) fz_put(out, v->type == EVM_JSON_ARRAY ? "]" : "}", 1);
        }
        }
        if (descend) {
            if (depth == cap) {
                cap *= 2;
                const evm_json **s = (const evm_json **)realloc((void *)stack, cap * sizeof *stack);
                FZ_CHECK(s != NULL);
                stack = s;
            }
            stack[depth++] = v;
            v = v->child;
            continue;
        }
        /* climb to the next sibling */
        while (depth > 0 && !v->next) {
            v = stack[--depth];
            fz_put(out, v->type == EVM_JSON_ARRAY ? "]" : "}", 1);
        }
        if (depth == 0) break;
        fz_put(out, ",", 1);
        v = v->next;
    }
    free((void *)stack);
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
    fz_alloc a = {0, 0, -1, 0};
    evm_allocator alloc = {fz_realloc, &a};
    evm_json_doc doc;
    bool ok = evm_json_parse(&doc, (const char *)d, n, &alloc);
    long requests = a.requests;
    if (!ok) {
        unsigned line = 0, col = 0;
        FZ_CHECK(doc.root == NULL);
        FZ_CHECK(sscanf(doc.error, "line %u, column %u:", &line, &col) == 2 && line >= 1 && col >= 1);
        FZ_CHECK(a.live == 0);
        evm_json_free(&doc);
        return 0;
    }
    FZ_CHECK(doc.root != NULL && doc.error[0] == 0);
    fz_text t1 = {NULL, 0, 0}, t2 = {NULL, 0, 0};
    fz_walk(doc.root, &t1);
    evm_json_doc again;
    FZ_CHECK(evm_json_parse(&again, t1.p, t1.n, NULL));
    fz_walk(again.root, &t2);
    FZ_CHECK(t1.n == t2.n && memcmp(t1.p, t2.p, t1.n) == 0);
    evm_json_free(&again);
    evm_json_free(&doc);
    evm_json_free(&doc);                      /* twice is harmless */
    FZ_CHECK(a.live == 0);

    /* the same text with the allocator failing at one of its requests */
    if (requests > 0) {
        fz_alloc b = {0, 0, (long)(n % (size_t)requests), 0};
        evm_allocator balloc = {fz_realloc, &b};
        if (evm_json_parse(&doc, (const char *)d, n, &balloc)) {
            fz_text t3 = {NULL, 0, 0};
            fz_walk(doc.root, &t3);
            FZ_CHECK(t3.n == t1.n && memcmp(t3.p, t1.p, t1.n) == 0);
            free(t3.p);
            evm_json_free(&doc);
        } else {
            FZ_CHECK(strstr(doc.error, "out of memory") != NULL);
        }
        FZ_CHECK(b.live == 0);
    }
    free(t1.p);
    free(t2.p);
    return 0;
}
