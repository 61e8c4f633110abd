/* impl.c - the one translation unit that compiles the library's implementation. */
#define EVM_IMPLEMENTATION
#include "../evm.h"
