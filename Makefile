# Makefile - plain Make, no package needed at run time.
#   make            build the CLI (build/evm), the generator and every test
#   make test       run every test; the last line is "N passed, N failed"
#   make check      prove that the committed evm_gas_table.h is what the generator makes
#   make gas-table  regenerate evm_gas_table.h
CC      ?= cc
OPT     ?= -O2
WARN    := -Wall -Wextra -Werror -Wshadow
CFLAGS  ?=
ALL_CFLAGS := -std=c99 $(OPT) $(WARN) -I. $(CFLAGS)
SHARED  ?= ../shared
BUILD   := build

HEADERS := $(wildcard evm*.h)
CLI_SRC := $(wildcard cli/*.c)
TEST_SRC := $(wildcard tests/test_*.c)
# every unit test is built twice: with unsigned __int128 (where the compiler has it)
# and with the portable 32x32->64 arithmetic
TESTS   := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRC)) \
           $(patsubst tests/%.c,$(BUILD)/tests/%_portable,$(TEST_SRC))

.PHONY: all test unit vmtest check gas-table bench clean
all: $(BUILD)/evm $(BUILD)/gen_gas_table $(TESTS)

$(BUILD)/gen_gas_table: tools/gen_gas_table.c
	@mkdir -p $(BUILD)
	$(CC) $(ALL_CFLAGS) $< -o $@

gas-table: $(BUILD)/gen_gas_table
	$(BUILD)/gen_gas_table > evm_gas_table.h

check: $(BUILD)/gen_gas_table
	@$(BUILD)/gen_gas_table > $(BUILD)/evm_gas_table.h.new
	@cmp -s $(BUILD)/evm_gas_table.h.new evm_gas_table.h \
	  && echo "evm_gas_table.h is current" \
	  || { echo "evm_gas_table.h is stale: run make gas-table"; exit 1; }

$(BUILD)/evm: $(CLI_SRC) cli/cli.h $(HEADERS)
	@mkdir -p $(BUILD)
	$(CC) $(ALL_CFLAGS) -D_POSIX_C_SOURCE=200809L $(CLI_SRC) -o $@ -lm

$(BUILD)/tests/%: tests/%.c tests/test.h $(HEADERS)
	@mkdir -p $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) $< -o $@ -lm

$(BUILD)/tests/%_portable: tests/%.c tests/test.h $(HEADERS)
	@mkdir -p $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -DEVM_NO_INT128 $< -o $@ -lm

unit: $(TESTS)
	@sh tests/run.sh $(TESTS)

# Conformance suites run when ../shared is present (CI has it beside the checkout).
vmtest: $(BUILD)/evm
	@if [ -d $(SHARED)/ethereum-tests/VMTests ]; then \
	  $(BUILD)/evm vmtest $(SHARED)/ethereum-tests/VMTests; \
	else echo "vmtest: $(SHARED)/ethereum-tests/VMTests not found, skipped"; fi

test: all
	@sh tests/run.sh $(TESTS) -- "$(BUILD)/evm vmtest $(SHARED)/ethereum-tests/VMTests"

# The standard benchmark set, timed in process (see `evm bench --help`).
BENCH_DIR ?= $(SHARED)/evm-benchmarks/benchmarks
bench: $(BUILD)/evm
	$(BUILD)/evm bench $(BENCH_ARGS) $(BENCH_DIR)/main $(BENCH_DIR)/micro

clean:
	rm -rf $(BUILD)
