/* dirent.h of the test libc (tests/port/libc): the ROM file system has no directories, so
   opendir always fails (tests that walk a directory given on the command line get none). */
#ifndef PORT_DIRENT_H
#define PORT_DIRENT_H
typedef struct port_dir DIR;
struct dirent { char d_name[256]; };
DIR *opendir(const char *path);
struct dirent *readdir(DIR *d);
int closedir(DIR *d);
#endif
