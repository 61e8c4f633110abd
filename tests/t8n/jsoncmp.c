/* jsoncmp.c - compare two JSON documents by value, as geth's t8n test does (objects by
   key, in any order; arrays element by element; numbers and strings by their text).
   Usage: jsoncmp [--ignore KEY]... WANT HAVE
   Members named KEY are skipped on both sides (t8n's rejection messages are free text).
   Prints each difference with its path; exit 0 equal, 1 different, 2 bad input. */
#define EVM_IMPLEMENTATION
#include "../../evm_json.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *ignored[16];
static int n_ignored, differences;

static bool skip(const char *key)
{
    for (int i = 0; key && i < n_ignored; i++)
        if (!strcmp(key, ignored[i]))
            return true;
    return false;
}

static const char *type_name(evm_json_type t)
{
    static const char *const n[] = {"null", "false", "true", "number", "string", "array", "object"};
    return n[t];
}

static void diff(const evm_json *w, const evm_json *h, char *path, size_t len)
{
    if (w->type != h->type) {
        printf("%s: want %s, have %s\n", path[0] ? path : "/", type_name(w->type), type_name(h->type));
        differences++;
        return;
    }
    if (w->type == EVM_JSON_NUMBER || w->type == EVM_JSON_STRING) {
        if (strcmp(w->str, h->str) != 0) {
            printf("%s: want %.80s, have %.80s\n", path, w->str, h->str);
            differences++;
        }
        return;
    }
    if (w->type == EVM_JSON_ARRAY) {
        if (w->len != h->len) {
            printf("%s: want %zu elements, have %zu\n", path, w->len, h->len);
            differences++;
        }
        size_t i = 0;
        for (const evm_json *a = w->child, *b = h->child; a && b; a = a->next, b = b->next, i++) {
            snprintf(path + len, 1024 - len, "/%zu", i);
            diff(a, b, path, strlen(path));
        }
        path[len] = 0;
        return;
    }
    if (w->type == EVM_JSON_OBJECT) {
        for (const evm_json *a = w->child; a; a = a->next) {
            if (skip(a->key))
                continue;
            snprintf(path + len, 1024 - len, "/%s", a->key);
            const evm_json *b = evm_json_get(h, a->key);
            if (!b) {
                printf("%s: missing\n", path);
                differences++;
            } else {
                diff(a, b, path, strlen(path));
            }
        }
        for (const evm_json *b = h->child; b; b = b->next) {
            if (!skip(b->key) && !evm_json_get(w, b->key)) {
                snprintf(path + len, 1024 - len, "/%s", b->key);
                printf("%s: not expected\n", path);
                differences++;
            }
        }
        path[len] = 0;
    }
}

static bool load(const char *file, evm_json_doc *doc, char **text)
{
    FILE *f = fopen(file, "rb");
    if (!f) {
        fprintf(stderr, "jsoncmp: cannot open %s\n", file);
        return false;
    }
    size_t cap = 1 << 16, n = 0, got;
    *text = malloc(cap);
    while (*text && (got = fread(*text + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *p = realloc(*text, cap *= 2);
            if (!p) {
                free(*text);
                *text = NULL;
            }
            *text = p;
        }
    }
    fclose(f);
    if (!*text || !evm_json_parse(doc, *text, n, NULL)) {
        fprintf(stderr, "jsoncmp: %s: %s\n", file, *text ? doc->error : "out of memory");
        return false;
    }
    return true;
}

int main(int argc, char **argv)
{
    int i = 1;
    for (; i + 1 < argc && !strcmp(argv[i], "--ignore") && n_ignored < 16; i += 2)
        ignored[n_ignored++] = argv[i + 1];
    if (argc - i != 2) {
        fprintf(stderr, "usage: jsoncmp [--ignore KEY]... WANT HAVE\n");
        return 2;
    }
    evm_json_doc w, h;
    char *tw = NULL, *th = NULL;
    memset(&w, 0, sizeof w);
    memset(&h, 0, sizeof h);
    if (!load(argv[i], &w, &tw) || !load(argv[i + 1], &h, &th))
        return 2;
    char path[1024] = "";
    diff(w.root, h.root, path, 0);
    evm_json_free(&w);
    evm_json_free(&h);
    free(tw);
    free(th);
    return differences ? 1 : 0;
}
