/* util.c - file and hex helpers shared by the subcommands. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>

char *cli_read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: cannot open\n", path);
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap)
            break;
        char *nb = realloc(buf, cap * 2 + 1);
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    bool err = ferror(f);
    fclose(f);
    if (!buf || err) {
        free(buf);
        fprintf(stderr, "%s: %s\n", path, err ? "read error" : "out of memory");
        return NULL;
    }
    buf[n] = 0;
    if (size)
        *size = n;
    return buf;
}

typedef struct { char **items; size_t n, cap; } cli__list;

static void cli__add(cli__list *l, const char *s)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        char **p = realloc(l->items, cap * sizeof *p);
        if (!p)
            return;
        l->items = p;
        l->cap = cap;
    }
    char *d = malloc(strlen(s) + 1);
    if (d) {
        strcpy(d, s);
        l->items[l->n++] = d;
    }
}

static void cli__walk(cli__list *l, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "%s: no such file or directory\n", path);
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        cli__add(l, path);
        return;
    }
    DIR *d = opendir(path);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        char *p = malloc(len);
        if (!p)
            continue;
        snprintf(p, len, "%s/%s", path, e->d_name);
        struct stat s2;
        if (stat(p, &s2) == 0) {
            if (S_ISDIR(s2.st_mode))
                cli__walk(l, p);
            else if (len > 6 && !strcmp(p + strlen(p) - 5, ".json"))
                cli__add(l, p);
        }
        free(p);
    }
    closedir(d);
}

static int cli__cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t cli_collect_json(char **paths, int count, char ***out)
{
    cli__list l = {0, 0, 0};
    for (int i = 0; i < count; i++)
        cli__walk(&l, paths[i]);
    if (l.n)
        qsort(l.items, l.n, sizeof *l.items, cli__cmp);
    *out = l.items;
    return l.n;
}

void cli_free_list(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

static int cli__nibble(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool cli_parse_hex(const char *hex, uint8_t **out, size_t *size)
{
    if (hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X'))
        hex += 2;
    size_t n = strlen(hex);
    if (n % 2)
        return false;
    uint8_t *b = malloc(n / 2 + 1);
    if (!b)
        return false;
    for (size_t i = 0; i < n / 2; i++) {
        int hi = cli__nibble(hex[2 * i]), lo = cli__nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            free(b);
            return false;
        }
        b[i] = (uint8_t)(hi << 4 | lo);
    }
    *out = b;
    *size = n / 2;
    return true;
}

void cli_print_hex(FILE *f, const uint8_t *data, size_t size)
{
    fputs("0x", f);
    for (size_t i = 0; i < size; i++)
        fprintf(f, "%02x", data[i]);
}
