/* test.h - the tiny unit-test harness shared by tests/test_*.c.

   A test is a function; RUN(fn) runs it and counts it as passed if none of its CHECKs
   failed. A failing CHECK prints file:line and the expression (and both values for the
   _EQ forms) and the test goes on, so one run shows every failure. TEST_END() prints
   "<binary>: N passed, N failed" and returns the exit status; tests/run.sh sums the
   lines of all binaries into the closing line of `make test`. */
#ifndef EVM_TEST_H
#define EVM_TEST_H
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>

static int test__passed, test__failed, test__current_failed;
static const char *test__name = "";

#define CHECK(cond) do { if (!(cond)) { test__current_failed++; \
    printf("  FAIL %s:%d in %s: %s\n", __FILE__, __LINE__, test__name, #cond); } } while (0)

#define CHECK_EQ_INT(a, b) do { long long test__a = (long long)(a), test__b = (long long)(b); \
    if (test__a != test__b) { test__current_failed++; \
        printf("  FAIL %s:%d in %s: %s == %s (%lld != %lld)\n", __FILE__, __LINE__, test__name, \
               #a, #b, test__a, test__b); } } while (0)

#define CHECK_EQ_UINT(a, b) do { unsigned long long test__a = (unsigned long long)(a), \
    test__b = (unsigned long long)(b); if (test__a != test__b) { test__current_failed++; \
        printf("  FAIL %s:%d in %s: %s == %s (%llu != %llu)\n", __FILE__, __LINE__, test__name, \
               #a, #b, test__a, test__b); } } while (0)

#define CHECK_EQ_STR(a, b) do { const char *test__a = (a), *test__b = (b); \
    if (!test__a || !test__b || strcmp(test__a, test__b) != 0) { test__current_failed++; \
        printf("  FAIL %s:%d in %s: %s == %s (\"%s\" != \"%s\")\n", __FILE__, __LINE__, test__name, \
               #a, #b, test__a ? test__a : "(null)", test__b ? test__b : "(null)"); } } while (0)

/* Compare n bytes; prints both as hex on mismatch. */
#define CHECK_EQ_MEM(a, b, n) do { const unsigned char *test__a = (const unsigned char *)(a), \
    *test__b = (const unsigned char *)(b); size_t test__n = (n); \
    if (memcmp(test__a, test__b, test__n) != 0) { test__current_failed++; \
        printf("  FAIL %s:%d in %s: %s == %s\n    got  ", __FILE__, __LINE__, test__name, #a, #b); \
        for (size_t test__i = 0; test__i < test__n; test__i++) printf("%02x", test__a[test__i]); \
        printf("\n    want "); \
        for (size_t test__i = 0; test__i < test__n; test__i++) printf("%02x", test__b[test__i]); \
        printf("\n"); } } while (0)

/* An allocator for evm_allocator that counts requests and live blocks and fails from
   request fail_from on: {counting_realloc, &c} with counting c = {0, 0, n}. */
typedef struct counting { long live, requests, fail_from; } counting;
static inline void *counting_realloc(void *user, void *ptr, size_t size)
{
    counting *c = (counting *)user;
    if (size == 0) {
        if (ptr) c->live--;
        free(ptr);
        return NULL;
    }
    if (c->requests++ >= c->fail_from)
        return NULL;
    void *q = realloc(ptr, size);
    if (q && !ptr) c->live++;
    return q;
}

#define RUN(fn) do { test__name = #fn; test__current_failed = 0; fn(); \
    if (test__current_failed) { test__failed++; printf("FAILED %s\n", #fn); } \
    else test__passed++; } while (0)

#define TEST_END(binary) (printf("%s: %d passed, %d failed\n", (binary), test__passed, test__failed), \
    test__failed ? 1 : 0)

/* Parse a hex string (optional 0x) into out; returns the byte count or -1. */
static inline long test_hex(const char *hex, unsigned char *out, size_t cap)
{
    if (hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X')) hex += 2;
    size_t n = strlen(hex);
    if (n % 2 || n / 2 > cap) return -1;
    for (size_t i = 0; i < n / 2; i++) {
        int v = 0;
        for (int k = 0; k < 2; k++) {
            char c = hex[2 * i + k];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= c - '0';
            else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
            else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
            else return -1;
        }
        out[i] = (unsigned char)v;
    }
    return (long)(n / 2);
}
#endif
