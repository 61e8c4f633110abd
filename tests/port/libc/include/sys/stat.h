/* sys/stat.h of the test libc (tests/port/libc): stat always fails (see dirent.h). */
#ifndef PORT_SYS_STAT_H
#define PORT_SYS_STAT_H
struct stat { unsigned st_mode; long st_size; };
#define S_IFMT 0170000u
#define S_IFDIR 0040000u
#define S_IFREG 0100000u
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
int stat(const char *path, struct stat *st);
#endif
