/* replay.c - runs a fuzz target without libFuzzer: every file named (directories are
   walked one level deep) goes once through LLVMFuzzerTestOneInput. Used by
   tests/sanitize.sh to replay the checked-in corpora under ASan+UBSan with gcc and clang,
   and to reproduce a crash: build/fuzz/replay_exec CRASH_FILE. A violated invariant or a
   sanitizer report aborts; otherwise the last line is "<target>: N passed, 0 failed". */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static long replayed;

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "replay: cannot open %s\n", path); return 1; }
    size_t cap = 4096, n = 0;
    uint8_t *buf = (uint8_t *)malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            uint8_t *b = (uint8_t *)realloc(buf, cap * 2);
            if (!b) { free(buf); buf = NULL; break; }
            buf = b;
            cap *= 2;
        }
    }
    fclose(f);
    if (!buf) { fprintf(stderr, "replay: out of memory\n"); return 1; }
    /* an exact-size copy, so ASan sees reads past the end */
    uint8_t *exact = (uint8_t *)malloc(n ? n : 1);
    if (!exact) { free(buf); return 1; }
    memcpy(exact, buf, n);
    free(buf);
    LLVMFuzzerTestOneInput(exact, n);
    free(exact);
    replayed++;
    return 0;
}

int main(int argc, char **argv)
{
    int bad = 0;
    const char *name = argc > 0 ? strrchr(argv[0], '/') : NULL;
    name = name ? name + 1 : argc > 0 ? argv[0] : "replay";
    for (int i = 1; i < argc; i++) {
        struct stat sb;
        if (stat(argv[i], &sb) != 0) { fprintf(stderr, "replay: no such file %s\n", argv[i]); bad++; continue; }
        if (!S_ISDIR(sb.st_mode)) { bad += replay_file(argv[i]); continue; }
        DIR *d = opendir(argv[i]);
        struct dirent *de;
        while (d && (de = readdir(d)) != NULL) {
            if (de->d_name[0] == '.') continue;
            size_t len = strlen(argv[i]) + strlen(de->d_name) + 2;
            char *p = (char *)malloc(len);
            if (!p) { bad++; break; }
            snprintf(p, len, "%s/%s", argv[i], de->d_name);
            if (stat(p, &sb) == 0 && !S_ISDIR(sb.st_mode)) bad += replay_file(p);
            free(p);
        }
        if (d) closedir(d);
    }
    printf("%s: %ld passed, %d failed\n", name, replayed, bad);
    return bad ? 1 : 0;
}
