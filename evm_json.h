/* evm_json.h - a strict, fast, non-recursive JSON reader for the evm.h family.

   USAGE
     In exactly one C file (the same one that implements evm.h is fine):
         #define EVM_IMPLEMENTATION
         #include "evm_json.h"
     Everywhere else just #include "evm_json.h". evm.h must sit beside it.

     evm_json_doc doc;
     if (!evm_json_parse(&doc, text, size, NULL)) {      // NULL = the C library's realloc
         fprintf(stderr, "%s\n", doc.error);             // "line 3, column 7: ..."
         return;                                         // nothing to free on failure
     }
     const evm_json *env = evm_json_get(doc.root, "env");
     for (const evm_json *m = env ? env->child : NULL; m; m = m->next)
         printf("%s = %s\n", m->key, m->type == EVM_JSON_STRING ? m->str : "...");
     evm_u256 n;
     if (evm_json_u256(evm_json_get(env, "currentNumber"), &n)) ...
     evm_json_free(&doc);

   WHAT IT ACCEPTS
     RFC 8259 exactly: one value with optional whitespace (space, tab, CR, LF) around it.
     Rejected with a message: empty input, trailing commas, leading zeros, "1.", ".5",
     "+1", bad or unknown escapes, lone or reversed UTF-16 surrogates in \u escapes,
     unescaped control characters (below 0x20) inside strings, unterminated strings and
     containers, anything after the root value, nesting deeper than EVM_JSON_MAX_DEPTH.
     Bytes >= 0x80 are passed through untouched (invalid UTF-8 is not an error).
     Escapes are decoded (\uXXXX and surrogate pairs to UTF-8); a decoded string may
     contain NUL bytes (\u0000): `len` is then the true length. Duplicate member names
     are kept; evm_json_get returns the first.

   THE TREE
     Every value is an evm_json node. Children of an array or object are a singly linked
     list (`child`, then `next`), in document order; `len` is their count. Members carry
     their decoded name in `key`. Numbers are not converted: `str` holds the literal text
     (use evm_json_u64 / evm_json_u256). All nodes and strings live in the document and
     stay valid until evm_json_free; the input text may be freed right after parsing.

   MEMORY
     All memory comes from the allocator hook given to evm_json_parse (NULL = evm.h's
     default allocator: realloc/free, or EVM_REALLOC/EVM_FREE): one block for every decoded string
     (at most the input size plus one byte, so strings are never reallocated) and node
     blocks that grow geometrically. Parsing is iterative (an explicit parent chain
     threaded through the open containers' own nodes): the C stack does not grow with
     nesting. Allocation failure is the error "out of memory", never a crash.

   CONFIGURATION (define before including)
     EVM_JSON_MAX_DEPTH   deepest nesting of arrays and objects accepted (default 1000)
     and those of evm.h (EVM_IMPLEMENTATION, EVM_NO_STDLIB, EVM_MEMCPY, EVM_REALLOC, EVM_API).

   FREESTANDING
     With EVM_NO_STDLIB this header, like evm.h, includes only <stdint.h>, <stddef.h>,
     <stdbool.h>, calls no library or OS function and keeps no mutable global state; give
     evm_json_parse an allocator (or define EVM_REALLOC/EVM_FREE).

   LICENSE
     MIT, as evm.h.
*/
#include "evm.h"
#ifndef EVM_JSON_H
#define EVM_JSON_H

#ifdef __cplusplus
extern "C" {
#endif

#ifndef EVM_JSON_MAX_DEPTH
#define EVM_JSON_MAX_DEPTH 1000
#endif

typedef enum evm_json_type {
    EVM_JSON_NULL,
    EVM_JSON_FALSE,
    EVM_JSON_TRUE,
    EVM_JSON_NUMBER,
    EVM_JSON_STRING,
    EVM_JSON_ARRAY,
    EVM_JSON_OBJECT
} evm_json_type;

typedef struct evm_json evm_json;
struct evm_json {
    evm_json_type type;
    const char *key;        /* member name inside an object (decoded, NUL-terminated), else NULL */
    const char *str;        /* STRING: decoded text, NUL-terminated; NUMBER: its literal text */
    size_t len;             /* byte length of str; for ARRAY/OBJECT: number of children */
    evm_json *child;        /* first element / member */
    evm_json *next;         /* next sibling */
};

typedef struct evm__json_chunk evm__json_chunk;

typedef struct evm_json_doc {
    evm_json *root;             /* NULL after a failed parse */
    /* private */
    evm_allocator allocator;
    evm__json_chunk *chunks;    /* node blocks, newest first */
    char *strings;              /* every decoded string, one block */
    /* public */
    char error[160];            /* "line L, column C: what" on failure, else "" */
} evm_json_doc;

/* Parse size bytes of text (need not be NUL-terminated). On failure returns false with
   doc->error set and nothing left to free; on success the caller frees with
   evm_json_free. alloc may be NULL. */
EVM_API bool evm_json_parse(evm_json_doc *doc, const char *text, size_t size,
                            const evm_allocator *alloc);
/* Free a document; safe to call twice or after a failed parse. */
EVM_API void evm_json_free(evm_json_doc *doc);
/* The first member of object named key; NULL if absent or object is not an object. */
EVM_API const evm_json *evm_json_get(const evm_json *object, const char *key);

/* Helpers for the test formats. Each returns false (never crashes) for a NULL node, a
   wrong type, a malformed value or an overflow, leaving *out unspecified.
   u256 / u64: a STRING or NUMBER, either "0x" + hex digits (any count, odd allowed,
   leading zeros allowed, "0x" alone is 0) or plain decimal digits.
   address: a STRING "0x" + exactly 40 hex digits.
   bytes32: a STRING "0x" + an even count of hex digits, at most 64; left-padded with
   zero bytes to 32.
   hex: a STRING "0x" + an even count of hex digits, decoded into a new buffer from alloc
   (NULL = the C library's realloc); the caller frees it with the same allocator. Zero
   bytes give *out = NULL, *size = 0 and true. */
EVM_API bool evm_json_u256(const evm_json *v, evm_u256 *out);
EVM_API bool evm_json_u64(const evm_json *v, uint64_t *out);
EVM_API bool evm_json_address(const evm_json *v, evm_address *out);
EVM_API bool evm_json_bytes32(const evm_json *v, evm_bytes32 *out);
EVM_API bool evm_json_hex(const evm_json *v, const evm_allocator *alloc, uint8_t **out,
                          size_t *size);

#ifdef __cplusplus
}
#endif
#endif /* EVM_JSON_H */

/* ================================================================================= */
#if defined(EVM_IMPLEMENTATION) && !defined(EVM_JSON_IMPLEMENTED)
#define EVM_JSON_IMPLEMENTED

#if !defined(EVM_MEMCPY) && !defined(EVM_NO_STDLIB)
#include <string.h>
#define EVM__JSON_MEMCPY(d, s, n) memcpy((d), (s), (n))
#elif defined(EVM_MEMCPY)
#define EVM__JSON_MEMCPY(d, s, n) EVM_MEMCPY((d), (s), (n))
#endif

#ifdef __cplusplus
extern "C" {
#endif

struct evm__json_chunk {
    evm__json_chunk *next;
    size_t used;
    size_t cap;
    evm_json nodes[];           /* cap nodes */
};

#define EVM__JSON_STR2(x) #x
#define EVM__JSON_STR(x) EVM__JSON_STR2(x)

static const char evm__json_oom[] = "out of memory";

/* Copy n bytes; the byte loop is only for freestanding builds without EVM_MEMCPY. */
static inline void evm__json_copy(char *d, const unsigned char *s, size_t n)
{
#ifdef EVM__JSON_MEMCPY
    EVM__JSON_MEMCPY(d, s, n);
#else
    for (size_t i = 0; i < n; i++)
        d[i] = (char)s[i];
#endif
}

/* 0..15, or -1 for a non-hex character */
static inline int evm__json_hexval(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c |= 0x20;                                  /* ASCII lower case */
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

static inline bool evm__json_is_ws(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* Eight bytes as one word, in a fixed order (the tests below are per byte, so the order
   does not matter and no unaligned or punned load is needed). */
static inline uint64_t evm__json_load8(const unsigned char *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
           (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
           (uint64_t)p[7] << 56;
}

/* True if any of the 8 bytes is '"', '\\' or below 0x20 (the classic exact
   "has zero byte" / "has byte less than n" tests; false positives cannot occur for the
   question "any such byte?"). */
static inline bool evm__json_special8(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
    uint64_t r = ((q - ones) & ~q) | ((b - ones) & ~b) | ((x - ones * 0x20) & ~x);
    return (r & high) != 0;
}

/* "line L, column C: msg" into doc->error, for a failure at text[pos]. */
static void evm__json_set_error(evm_json_doc *doc, const char *text, size_t pos, const char *msg)
{
    size_t line = 1, col = 1;
    for (size_t i = 0; i < pos; i++) {
        if (text[i] == '\n') { line++; col = 1; }
        else col++;
    }
    char *o = doc->error, *lim = doc->error + sizeof doc->error - 1;
    const char *parts[4] = {"line ", ", column ", ": ", msg};
    size_t nums[2] = {line, col};
    for (int k = 0; k < 4; k++) {
        for (const char *q = parts[k]; *q && o < lim; q++)
            *o++ = *q;
        if (k < 2) {
            char digits[24];
            int nd = 0;
            size_t v = nums[k];
            do { digits[nd++] = (char)('0' + v % 10); v /= 10; } while (v);
            while (nd && o < lim)
                *o++ = digits[--nd];
        }
    }
    *o = 0;
}

/* Free everything the document holds. */
EVM_API void evm_json_free(evm_json_doc *doc)
{
    if (!doc)
        return;
    evm__json_chunk *c = doc->chunks;
    while (c) {
        evm__json_chunk *n = c->next;
        evm_allocate(&doc->allocator, c, 0);
        c = n;
    }
    if (doc->strings)
        evm_allocate(&doc->allocator, doc->strings, 0);
    doc->chunks = NULL;
    doc->strings = NULL;
    doc->root = NULL;
}

/* A fresh node block of at least `want` nodes (twice the previous block); NULL on failure. */
static evm_json *evm__json_grow(evm_json_doc *doc, size_t want)
{
    size_t cap = doc->chunks ? doc->chunks->cap : 0;
    cap = cap > want ? cap : want;
    if (doc->chunks)
        cap = cap <= ((size_t)-1) / 2 ? cap * 2 : cap;
    size_t header = sizeof(evm__json_chunk);
    if (cap > (((size_t)-1) - header) / sizeof(evm_json))
        return NULL;
    evm__json_chunk *c =
        (evm__json_chunk *)evm_allocate(&doc->allocator, NULL, header + cap * sizeof(evm_json));
    if (!c)
        return NULL;
    c->next = doc->chunks;
    c->cap = cap;
    c->used = 1;
    doc->chunks = c;
    return &c->nodes[0];
}

static inline evm_json *evm__json_node(evm_json_doc *doc, size_t want)
{
    evm__json_chunk *c = doc->chunks;
    if (c && c->used < c->cap)
        return &c->nodes[c->used++];
    return evm__json_grow(doc, want);
}

/* Parse the string starting at *pp (on the opening quote) into *sp: decoded bytes plus a
   NUL. Returns NULL, or an error message with *pp at the offending character. */
static const char *evm__json_string(const unsigned char **pp, const unsigned char *end,
                                    char **sp, size_t *len)
{
    const unsigned char *p = *pp + 1;
    char *s = *sp, *start = s;
    for (;;) {
        /* the common case: runs of plain characters, 8 at a time */
        while (end - p >= 8 && !evm__json_special8(evm__json_load8(p))) {
            evm__json_copy(s, p, 8);
            s += 8;
            p += 8;
        }
        while (p < end && *p != '"' && *p != '\\' && *p >= 0x20)
            *s++ = (char)*p++;
        if (p == end) { *pp = p; return "unterminated string"; }
        unsigned char c = *p;
        if (c == '"')
            break;
        if (c < 0x20) { *pp = p; return "control character in string"; }
        /* an escape */
        if (end - p < 2) { *pp = end; return "unterminated string"; }
        const unsigned char *esc = p;
        switch (p[1]) {
        case '"': *s++ = '"'; p += 2; continue;
        case '\\': *s++ = '\\'; p += 2; continue;
        case '/': *s++ = '/'; p += 2; continue;
        case 'b': *s++ = '\b'; p += 2; continue;
        case 'f': *s++ = '\f'; p += 2; continue;
        case 'n': *s++ = '\n'; p += 2; continue;
        case 'r': *s++ = '\r'; p += 2; continue;
        case 't': *s++ = '\t'; p += 2; continue;
        case 'u': break;
        default: *pp = p; return "invalid escape";
        }
        uint32_t cp = 0;
        for (int half = 0; half < 2; half++) {
            /* p is on a backslash followed by 'u' */
            if (end - p < 6) { *pp = p; return "truncated \\u escape"; }
            uint32_t u = 0;
            for (int i = 2; i < 6; i++) {
                int h = evm__json_hexval(p[i]);
                if (h < 0) { *pp = p + i; return "invalid hex digit in \\u escape"; }
                u = (u << 4) | (uint32_t)h;
            }
            if (half == 0) {
                p += 6;
                if (u >= 0xDC00 && u <= 0xDFFF) { *pp = esc; return "lone low surrogate"; }
                if (u < 0xD800 || u > 0xDBFF) { cp = u; break; }
                cp = u;
                if (end - p < 2 || p[0] != '\\' || p[1] != 'u') {
                    *pp = esc;
                    return "high surrogate not followed by a low surrogate";
                }
            } else {
                if (u < 0xDC00 || u > 0xDFFF) {
                    *pp = esc;
                    return "high surrogate not followed by a low surrogate";
                }
                p += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (u - 0xDC00);
            }
        }
        if (cp < 0x80) {
            *s++ = (char)cp;
        } else if (cp < 0x800) {
            *s++ = (char)(0xC0 | (cp >> 6));
            *s++ = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            *s++ = (char)(0xE0 | (cp >> 12));
            *s++ = (char)(0x80 | ((cp >> 6) & 0x3F));
            *s++ = (char)(0x80 | (cp & 0x3F));
        } else {
            *s++ = (char)(0xF0 | (cp >> 18));
            *s++ = (char)(0x80 | ((cp >> 12) & 0x3F));
            *s++ = (char)(0x80 | ((cp >> 6) & 0x3F));
            *s++ = (char)(0x80 | (cp & 0x3F));
        }
    }
    *len = (size_t)(s - start);
    *s++ = 0;
    *sp = s;
    *pp = p + 1;
    return NULL;
}

/* Validate the number at *pp (RFC 8259 grammar) and copy its text into *sp. */
static const char *evm__json_number(const unsigned char **pp, const unsigned char *end,
                                    char **sp, size_t *len)
{
    const unsigned char *p = *pp, *start = p;
    if (*p == '-')
        p++;
    if (p == end || *p < '0' || *p > '9') { *pp = p; return "invalid number"; }
    if (*p == '0') {
        p++;
        if (p < end && *p >= '0' && *p <= '9') { *pp = p - 1; return "leading zero in number"; }
    } else {
        while (p < end && *p >= '0' && *p <= '9')
            p++;
    }
    if (p < end && *p == '.') {
        p++;
        if (p == end || *p < '0' || *p > '9') { *pp = p; return "digit expected after '.'"; }
        while (p < end && *p >= '0' && *p <= '9')
            p++;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        if (p == end || *p < '0' || *p > '9') { *pp = p; return "digit expected in exponent"; }
        while (p < end && *p >= '0' && *p <= '9')
            p++;
    }
    size_t n = (size_t)(p - start);
    evm__json_copy(*sp, start, n);
    (*sp)[n] = 0;
    *sp += n + 1;
    *len = n;
    *pp = p;
    return NULL;
}

EVM_API bool evm_json_parse(evm_json_doc *doc, const char *text, size_t size,
                            const evm_allocator *alloc)
{
    doc->root = NULL;
    doc->chunks = NULL;
    doc->strings = NULL;
    doc->error[0] = 0;
    doc->allocator.realloc = alloc ? alloc->realloc : NULL;
    doc->allocator.user = alloc ? alloc->user : NULL;
    if (!text) {
        text = "";
        size = 0;
    }

    const unsigned char *p = (const unsigned char *)text, *end = p + size;
    const char *err;
    /* Every string or number token of n source bytes decodes into at most n bytes
       including its NUL (a number's NUL takes the place of the delimiter after it, or of
       the end of the input), so one block of size + 1 bytes holds every string. */
    char *s = size < ((size_t)-1) ? (char *)evm_allocate(&doc->allocator, NULL, size + 1) : NULL;
    if (!s) { err = evm__json_oom; goto fail; }
    doc->strings = s;
    /* nodes: a first guess from the size (the test files hold one value per ~100 bytes) */
    size_t want = size / 64 + 16;

    evm_json *cur = NULL;       /* innermost open container; its `next` is its parent */
    evm_json *node;
    const char *key = NULL;     /* name of the member being parsed */
    unsigned depth = 0;

value:
    while (p < end && evm__json_is_ws(*p))
        p++;
    if (p == end) { err = cur ? "unexpected end of input" : "empty input"; goto fail; }
    node = evm__json_node(doc, want);
    if (!node) { err = evm__json_oom; goto fail; }
    node->key = key;
    node->str = NULL;
    node->len = 0;
    node->child = NULL;
    node->next = NULL;
    key = NULL;
    switch (*p) {
    case '{':
    case '[':
        if (++depth > EVM_JSON_MAX_DEPTH) {
            err = "nesting deeper than " EVM__JSON_STR(EVM_JSON_MAX_DEPTH) " levels";
            goto fail;
        }
        node->type = *p == '{' ? EVM_JSON_OBJECT : EVM_JSON_ARRAY;
        p++;
        node->next = cur;
        cur = node;
        while (p < end && evm__json_is_ws(*p))
            p++;
        if (p < end && *p == (cur->type == EVM_JSON_OBJECT ? '}' : ']')) {
            p++;
            goto close;
        }
        if (cur->type == EVM_JSON_OBJECT)
            goto member;
        goto value;
    case '"':
        node->type = EVM_JSON_STRING;
        node->str = s;
        if ((err = evm__json_string(&p, end, &s, &node->len)) != NULL)
            goto fail;
        break;
    case 't':
        if (end - p < 4 || p[1] != 'r' || p[2] != 'u' || p[3] != 'e') { err = "invalid literal"; goto fail; }
        node->type = EVM_JSON_TRUE;
        p += 4;
        break;
    case 'f':
        if (end - p < 5 || p[1] != 'a' || p[2] != 'l' || p[3] != 's' || p[4] != 'e') {
            err = "invalid literal";
            goto fail;
        }
        node->type = EVM_JSON_FALSE;
        p += 5;
        break;
    case 'n':
        if (end - p < 4 || p[1] != 'u' || p[2] != 'l' || p[3] != 'l') { err = "invalid literal"; goto fail; }
        node->type = EVM_JSON_NULL;
        p += 4;
        break;
    default:
        if (*p != '-' && (*p < '0' || *p > '9')) {
            err = *p == ']' ? "unexpected ']' (trailing comma?)" : "unexpected character";
            goto fail;
        }
        node->type = EVM_JSON_NUMBER;
        node->str = s;
        if ((err = evm__json_number(&p, end, &s, &node->len)) != NULL)
            goto fail;
        break;
    }

attach:                         /* node is complete: prepend it to cur (reversed at close) */
    if (!cur)
        goto done;
    node->next = cur->child;
    cur->child = node;
    cur->len++;
    while (p < end && evm__json_is_ws(*p))
        p++;
    if (p == end) { err = "unexpected end of input"; goto fail; }
    if (cur->type == EVM_JSON_OBJECT) {
        if (*p == ',') { p++; goto member; }
        if (*p == '}') { p++; goto close; }
        err = "expected ',' or '}'";
    } else {
        if (*p == ',') { p++; goto value; }
        if (*p == ']') { p++; goto close; }
        err = "expected ',' or ']'";
    }
    goto fail;

member:
    while (p < end && evm__json_is_ws(*p))
        p++;
    if (p == end) { err = "unexpected end of input"; goto fail; }
    if (*p != '"') {
        err = *p == '}' ? "unexpected '}' (trailing comma?)" : "expected a member name";
        goto fail;
    }
    {
        size_t klen;
        key = s;
        if ((err = evm__json_string(&p, end, &s, &klen)) != NULL)
            goto fail;
    }
    while (p < end && evm__json_is_ws(*p))
        p++;
    if (p == end) { err = "unexpected end of input"; goto fail; }
    if (*p != ':') { err = "expected ':'"; goto fail; }
    p++;
    goto value;

close:                          /* cur is complete: restore document order, pop it */
    node = cur;
    cur = node->next;
    depth--;
    {
        evm_json *prev = NULL, *c = node->child;
        while (c) {
            evm_json *n = c->next;
            c->next = prev;
            prev = c;
            c = n;
        }
        node->child = prev;
    }
    node->next = NULL;
    goto attach;

done:
    while (p < end && evm__json_is_ws(*p))
        p++;
    if (p != end) { err = "unexpected character after the document"; goto fail; }
    doc->root = node;
    return true;

fail:
    evm__json_set_error(doc, text, (size_t)(p - (const unsigned char *)text), err);
    evm_json_free(doc);
    return false;
}

EVM_API const evm_json *evm_json_get(const evm_json *object, const char *key)
{
    if (!object || object->type != EVM_JSON_OBJECT || !key)
        return NULL;
    for (const evm_json *m = object->child; m; m = m->next) {
        const char *a = m->key, *b = key;
        while (*a && *a == *b) { a++; b++; }
        if (*a == *b)
            return m;
    }
    return NULL;
}

/* The hex digits of a "0x..." string or number: *digits and *n; false if not "0x". */
static bool evm__json_hex_digits(const evm_json *v, bool numbers_too, const char **digits, size_t *n)
{
    if (!v || !(v->type == EVM_JSON_STRING || (numbers_too && v->type == EVM_JSON_NUMBER)))
        return false;
    if (v->len < 2 || v->str[0] != '0' || (v->str[1] != 'x' && v->str[1] != 'X'))
        return false;
    *digits = v->str + 2;
    *n = v->len - 2;
    return true;
}

/* Decode n hex digits (n even) into out[0..n/2). */
static bool evm__json_unhex(const char *d, size_t n, uint8_t *out)
{
    for (size_t i = 0; i < n; i += 2) {
        int hi = evm__json_hexval((unsigned char)d[i]), lo = evm__json_hexval((unsigned char)d[i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[i / 2] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

EVM_API bool evm_json_u256(const evm_json *v, evm_u256 *out)
{
    const char *d;
    size_t n;
    for (int i = 0; i < 4; i++)
        out->w[i] = 0;
    if (evm__json_hex_digits(v, true, &d, &n)) {
        while (n && d[0] == '0') { d++; n--; }
        if (n > 64)
            return false;
        for (size_t i = 0; i < n; i++) {          /* digit i from the right is nibble i */
            int h = evm__json_hexval((unsigned char)d[n - 1 - i]);
            if (h < 0)
                return false;
            out->w[i / 16] |= (uint64_t)h << (4 * (i % 16));
        }
        return true;
    }
    if (!v || (v->type != EVM_JSON_STRING && v->type != EVM_JSON_NUMBER) || v->len == 0)
        return false;
    for (size_t i = 0; i < v->len; i++) {
        unsigned char c = (unsigned char)v->str[i];
        if (c < '0' || c > '9')
            return false;
        /* out = out * 10 + digit, in 32-bit pieces so it needs no 128-bit product */
        uint64_t carry = (uint64_t)(c - '0');
        for (int k = 0; k < 4; k++) {
            uint64_t lo = (out->w[k] & 0xFFFFFFFFu) * 10 + carry;
            uint64_t hi = (out->w[k] >> 32) * 10 + (lo >> 32);
            out->w[k] = (hi << 32) | (lo & 0xFFFFFFFFu);
            carry = hi >> 32;
        }
        if (carry)
            return false;
    }
    return true;
}

EVM_API bool evm_json_u64(const evm_json *v, uint64_t *out)
{
    evm_u256 x;
    if (!evm_json_u256(v, &x) || (x.w[1] | x.w[2] | x.w[3]) != 0)
        return false;
    *out = x.w[0];
    return true;
}

EVM_API bool evm_json_address(const evm_json *v, evm_address *out)
{
    const char *d;
    size_t n;
    return evm__json_hex_digits(v, false, &d, &n) && n == 40 && evm__json_unhex(d, n, out->bytes);
}

EVM_API bool evm_json_bytes32(const evm_json *v, evm_bytes32 *out)
{
    const char *d;
    size_t n;
    if (!evm__json_hex_digits(v, false, &d, &n) || n % 2 || n > 64)
        return false;
    size_t pad = 32 - n / 2;
    for (size_t i = 0; i < pad; i++)
        out->bytes[i] = 0;
    return evm__json_unhex(d, n, out->bytes + pad);
}

EVM_API bool evm_json_hex(const evm_json *v, const evm_allocator *alloc, uint8_t **out,
                          size_t *size)
{
    const char *d;
    size_t n;
    *out = NULL;
    *size = 0;
    if (!evm__json_hex_digits(v, false, &d, &n) || n % 2)
        return false;
    for (size_t i = 0; i < n; i++)              /* validate before allocating */
        if (evm__json_hexval((unsigned char)d[i]) < 0)
            return false;
    if (n == 0)
        return true;
    evm_allocator a = {NULL, NULL};
    if (alloc)
        a = *alloc;
    uint8_t *buf = (uint8_t *)evm_allocate(&a, NULL, n / 2);
    if (!buf)
        return false;
    evm__json_unhex(d, n, buf);
    *out = buf;
    *size = n / 2;
    return true;
}

#ifdef __cplusplus
}
#endif
#endif /* EVM_IMPLEMENTATION && !EVM_JSON_IMPLEMENTED */
