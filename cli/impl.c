/* impl.c - the one translation unit that compiles the implementations of the headers. */
#define EVM_IMPLEMENTATION
#include "../evm.h"
#include "../evm_json.h"
#include "../evm_precompiles.h"
#include "../evm_state.h"
#include "../evm_debug.h"
#include "../evm_tx.h"
#include "../evm_block.h"
