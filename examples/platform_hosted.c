/* platform_hosted.c - examples/embed.c on a hosted C implementation: output to stdout. */
#include <stdio.h>

void example_write(const char *s, size_t n);
int example_main(void);

void example_write(const char *s, size_t n) { fwrite(s, 1, n, stdout); }

int main(void) { return example_main(); }
