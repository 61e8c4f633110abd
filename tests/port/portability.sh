#!/bin/sh
# portability.sh - `make portability`: build and run every unit test, the embedding example
# (examples/embed.c) and the resource measurements (tests/port/resources.c) on each target,
# run the VM tests with the command-line tool where it is built, check the freestanding
# build of every header, measure code size, then print one closing line "N passed, N failed".
#
#   target            compiler                                  runs on
#   x86-64-gcc-c99    gcc -std=c99 / -std=c11                   native
#   x86-64-gcc-c11
#   x86-64-clang-c99  clang -std=c99 / -std=c11                 native
#   x86-64-clang-c11
#   i386              gcc -m32 (no __int128)                    native
#   s390x             s390x-linux-gnu-gcc -static (big-endian)  qemu-s390x-static
#   ppc32             powerpc-linux-gnu-gcc -static (BE, 32-bit, no __int128)  qemu-ppc-static
#   rv32im            riscv64-unknown-elf-gcc -march=rv32im, no C library at all:
#                     tests/port/rv32 + tests/port/libc     qemu-riscv32-static
#   tcc               tcc                                       native
#   wasm32            clang --target=wasm32, no C library:
#                     tests/port/wasm + tests/port/libc         node (WebAssembly.Instance)
#
# Every target must pass every unit test with the same count (each test binary is built
# with and without EVM_NO_INT128, as `make test` does). Targets without a file system read
# the files the tests open from a ROM file system embedded at build time (tests/port/romfs.c),
# so test_erc20 and test_benchmarks run there too; without ../shared test_benchmarks
# reports that it did not run, on every target alike.
#
# Usage: sh tests/port/portability.sh [SHARED]     from the repository root
#        TARGETS="rv32im wasm32" sh tests/port/portability.sh     a subset
#        JOBS=N   targets built and run at once (default 2)
# Toolchains: the apt-get line of .ci/run (see also ../shared/PORTABILITY.md).
set -u
MODE=all
if [ "${1:-}" = "--target" ]; then MODE=$2; shift 2; fi   # internal: one target
SHARED=${1:-../shared}
OUT=build/port
JOBS=${JOBS:-2}
ALL_TARGETS="x86-64-gcc-c99 x86-64-gcc-c11 x86-64-clang-c99 x86-64-clang-c11 i386 s390x ppc32 rv32im tcc wasm32"
TARGETS=${TARGETS:-$ALL_TARGETS}
WARN="-Wall -Wextra -Werror -Wshadow"
QEMU_RV32="qemu-riscv32-static -cpu rv32,a=false,c=false,f=false,d=false"
# limits checked on the figures (bytes)
LIMIT_TEXT_X86=65536         # .text of evm.h alone at -Os on x86-64 (the stated target)
LIMIT_TEXT_RV32=65536        # the same on rv32im (-Os selects switch dispatch; the figure
                             # with -DEVM_COMPUTED_GOTO is reported, not limited)
LIMIT_STACK=65536            # the 1024-deep chain runs on a 64 KiB C stack
# the VM tests run with the command-line tool built for these targets
VMTEST_TARGETS="x86-64-clang-c11 i386 s390x"
unset EVM_BENCHMARKS         # test_benchmarks reads ../shared everywhere

config() {   # sets CC CFLAGS RUN KIND EXE for target $1
    RUN=""; KIND=hosted; EXE=""; CFLAGS="-O2 $WARN"
    case $1 in
    x86-64-gcc-c99)   CC="gcc -std=c99" ;;
    x86-64-gcc-c11)   CC="gcc -std=c11" ;;
    x86-64-clang-c99) CC="clang -std=c99" ;;
    x86-64-clang-c11) CC="clang -std=c11" ;;
    i386)             CC="gcc -m32 -std=c99" ;;
    s390x)            CC="s390x-linux-gnu-gcc -std=c99 -static"; RUN="qemu-s390x-static" ;;
    ppc32)            CC="powerpc-linux-gnu-gcc -std=c99 -static"; RUN="qemu-ppc-static" ;;
    tcc)              CC="tcc -std=c99"; CFLAGS="-Wall -Werror" ;;   # tcc has no -Wextra/-Wshadow
    rv32im)           CC="riscv64-unknown-elf-gcc -march=rv32im -mabi=ilp32 -std=c99 -ffreestanding -nostdlib -static"
                      RUN=$QEMU_RV32; KIND=rv32 ;;
    wasm32)           CC="clang --target=wasm32 -std=c99 -ffreestanding -nostdlib"
                      RUN="node tests/port/wasm/run.mjs"; KIND=wasm; EXE=.wasm ;;
    *) echo "unknown target $1"; return 1 ;;
    esac
}

wasm_rt() { clang --target=wasm32-wasi -rtlib=compiler-rt -print-libgcc-file-name; }

# Link flags per kind. rv32: libgcc for 64-bit division and soft float; the bare-metal
# linker script puts a program without a .data section (the example) into one RWX
# segment, which it warns about: harmless under qemu user mode, every other link warning
# is an error. wasm32: clang's builtins for __int128, an 8 MiB shadow stack placed first
# so that an overflow traps instead of corrupting data.
link_flags() {
    case $KIND in
    hosted) echo "-lm -lpthread" ;;
    rv32)   echo "-lgcc -Wl,--fatal-warnings -Wl,--no-warn-rwx-segments" ;;
    wasm)   echo "$(wasm_rt) -Wl,--no-entry -Wl,-z,stack-size=8388608 -Wl,--stack-first -Wl,--fatal-warnings" ;;
    esac
}

# ---- one target: build and run everything, write $OUT/$t/results ----------------------
target() {
    t=$1
    config "$t" || return 1
    d=$OUT/$t
    rm -rf "$d"; mkdir -p "$d"
    res=$d/results; : > "$res"
    log=$d/log; : > "$log"
    lf=$(link_flags)
    libc=""; incl=""
    if [ $KIND != hosted ]; then   # the test C library and start file
        incl="-isystem tests/port/libc/include"
        nb="-fno-builtin"; [ $KIND = rv32 ] && nb="$nb -fno-tree-loop-distribute-patterns"
        $CC $CFLAGS $nb $incl -I$OUT/gen -c tests/port/libc/minilibc.c -o $d/minilibc.o >>"$log" 2>&1 &&
        $CC $CFLAGS $incl -c tests/port/$KIND/start.c -o $d/start.o >>"$log" 2>&1 ||
            { echo "build error: tests/port libc" >>"$res"; }
        libc="$d/minilibc.o $d/start.o"
        incl="$incl -include tests/port/libc/port_config.h"
    fi
    up=0; uf=0
    for src in tests/test_*.c tests/port/resources.c; do
        n=$(basename "$src" .c)
        for v in "" _portable; do
            [ $n = resources ] && [ -n "$v" ] && continue
            def=""; [ -n "$v" ] && def="-DEVM_NO_INT128"
            bin=$d/$n$v$EXE
            if ! $CC $CFLAGS $def $incl -I. "$src" $libc -o "$bin" $lf >>"$log" 2>&1; then
                echo "  FAIL $t: $src$v did not build (see $log)" >>"$res"
                [ $n = resources ] && echo "resources 0 1" >>"$res" || uf=$((uf + 1))
                continue
            fi
            out=$($RUN "$bin" 2>&1); rc=$?
            printf '%s\n' "$out" > "$bin.out"
            line=$(printf '%s\n' "$out" | grep -E '[0-9]+ passed, [0-9]+ failed' | tail -1)
            p=$(printf '%s' "$line" | sed -nE 's/^(.*[^0-9])?([0-9]+) passed, ([0-9]+) failed.*$/\2/p')
            f=$(printf '%s' "$line" | sed -nE 's/^(.*[^0-9])?([0-9]+) passed, ([0-9]+) failed.*$/\3/p')
            if [ -z "$p" ]; then p=0; f=1; echo "  FAIL $t: $n$v: no result line (exit $rc)" >>"$res"
            elif [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "  FAIL $t: $n$v: exit $rc" >>"$res"; fi
            [ "$f" -ne 0 ] && printf '%s\n' "$out" | grep -E '^  FAIL|^FAILED' | sed "s|^|  $t $n$v: |" >>"$res"
            if [ $n = resources ]; then
                echo "resources $p $f" >>"$res"
                printf '%s\n' "$out" | grep '^figure ' >>"$res"
            else
                up=$((up + p)); uf=$((uf + f))
            fi
        done
    done
    echo "unit $up $uf" >>"$res"
    # the example: hosted as any program; rv32im and wasm32 with EVM_NO_STDLIB and no C library
    case $KIND in
    hosted) ex="examples/platform_hosted.c"; exdef="" ;;
    rv32)   ex="examples/platform_rv32.c -fno-tree-loop-distribute-patterns"; exdef="-DEVM_NO_STDLIB" ;;
    wasm)   ex="examples/platform_wasm.c -fno-builtin"; exdef="-DEVM_NO_STDLIB" ;;
    esac
    exlf=$lf; [ $KIND = hosted ] && exlf=""
    if $CC $CFLAGS $exdef -I. examples/embed.c $ex -o $d/embed$EXE $exlf >>"$log" 2>&1 &&
       $RUN $d/embed$EXE > $d/embed.out 2>&1 && cmp -s $d/embed.out examples/embed.expected; then
        echo "example 1 0" >>"$res"
    else
        echo "example 0 1" >>"$res"
        echo "  FAIL $t: examples/embed.c (output in $d/embed.out, expected examples/embed.expected)" >>"$res"
    fi
    # the VM tests with the command-line tool
    case " $VMTEST_TARGETS " in *" $t "*)
        if $CC $CFLAGS -D_POSIX_C_SOURCE=200809L -I. cli/*.c -o $d/evm -lm >>"$log" 2>&1; then
            if [ -d "$SHARED/ethereum-tests/VMTests" ]; then
                out=$($RUN $d/evm vmtest "$SHARED/ethereum-tests/VMTests" 2>&1); rc=$?
                line=$(printf '%s\n' "$out" | grep -E '[0-9]+ passed, [0-9]+ failed' | tail -1)
                p=$(printf '%s' "$line" | sed -nE 's/^(.*[^0-9])?([0-9]+) passed, ([0-9]+) failed.*$/\2/p')
                f=$(printf '%s' "$line" | sed -nE 's/^(.*[^0-9])?([0-9]+) passed, ([0-9]+) failed.*$/\3/p')
                [ -z "$p" ] && { p=0; f=1; }
                [ $rc -ne 0 ] && [ "$f" -eq 0 ] && f=1
                echo "vmtest $p $f" >>"$res"
                [ "$f" -ne 0 ] && printf '%s\n' "$out" | tail -20 | sed "s|^|  $t vmtest: |" >>"$res"
            else
                echo "vmtest-skipped" >>"$res"
            fi
        else
            echo "vmtest 0 1" >>"$res"; echo "  FAIL $t: cli did not build (see $log)" >>"$res"
        fi ;;
    esac
    echo "done" >>"$res"
}

# the headers a user includes (evm_memory.h, evm_arena.h, evm_gas_table.h come with evm.h,
# evm_field.h with the curve headers)
modules() { ls evm*.h | grep -vE '^evm_(memory|arena|gas_table|field)\.h$'; }

# ---- freestanding headers: only <stdint.h>, <stddef.h>, <stdbool.h>; no library or OS
# call (undefined symbols: at most the four string functions the compiler may emit and
# libgcc's helpers); no mutable global state (no .data/.bss/.sdata/.sbss bytes) ----------
freestanding() {
    fp=0; ff=0
    d=$OUT/freestanding
    rm -rf $d; mkdir -p $d/only3
    gi=$(gcc -print-file-name=include)
    cp "$gi/stdint.h" "$gi/stdint-gcc.h" "$gi/stddef.h" "$gi/stdbool.h" $d/only3/
    for arch in x86-64 rv32im; do
        case $arch in
        x86-64) cc="gcc -fno-pic"; nm=nm; size=size ;;
        rv32im) cc="riscv64-unknown-elf-gcc -march=rv32im -mabi=ilp32"; nm=riscv64-unknown-elf-nm; size=riscv64-unknown-elf-size ;;
        esac
        for m in $(modules); do
            src=$d/${m%.h}.c
            printf '#define EVM_IMPLEMENTATION\n#define EVM_NO_STDLIB\n#include "%s"\n' $m > $src
            obj=$d/${m%.h}-$arch.o
            why=""
            if ! $cc -std=c99 -O2 $WARN -ffreestanding -nostdinc -isystem $d/only3 -I. -c $src -o $obj >$obj.log 2>&1; then
                why="does not build with only the three headers: $(head -3 $obj.log | tr '\n' ' ')"
            else
                undef=$($nm -u $obj | awk '{print $2}' | grep -vE '^(memcpy|memset|memmove|memcmp|__[a-z0-9]+[sdt]i[0-9])$' | tr '\n' ' ')
                [ -n "$undef" ] && why="calls outside the library: $undef"
                rw=$($size -A $obj | awk '$1 ~ /^\.(s?data|s?bss)/ && $1 !~ /rel\.ro/ && $2 > 0 {printf "%s(%d) ", $1, $2}')
                [ -n "$rw" ] && why="$why mutable global state: $rw"
            fi
            if [ -z "$why" ]; then fp=$((fp + 1)); else ff=$((ff + 1)); echo "  FAIL freestanding $m ($arch): $why"; fi
        done
    done
    echo "freestanding $fp $ff" >> $OUT/checks
    echo "freestanding headers ($(modules | wc -w) modules x 2 architectures, EVM_NO_STDLIB, -nostdinc): $fp passed, $ff failed"
}

# ---- code size (.text at -Os) of evm.h alone, with evm_state.h, with everything ---------
sizes() {
    d=$OUT/size; rm -rf $d; mkdir -p $d
    sp=0; sf=0
    printf '#define EVM_IMPLEMENTATION\n#include "evm.h"\n' > $d/core.c
    printf '#define EVM_IMPLEMENTATION\n#define EVM_STATE_NO_PRECOMPILES\n#include "evm_state.h"\n' > $d/state.c
    { printf '#define EVM_IMPLEMENTATION\n'; for m in $(modules); do printf '#include "%s"\n' $m; done; } > $d/all.c
    for arch in x86-64 rv32im; do
        case $arch in
        x86-64) cc="gcc"; size=size ;;
        rv32im) cc="riscv64-unknown-elf-gcc -march=rv32im -mabi=ilp32 -ffreestanding -DEVM_NO_STDLIB"; size=riscv64-unknown-elf-size ;;
        esac
        for part in core state all cgoto; do
            src=$part; x=""; [ $part = cgoto ] && { src=core; x=-DEVM_COMPUTED_GOTO; }
            $cc -std=c99 -Os $x $WARN -I. -c $d/$src.c -o $d/$part-$arch.o || { sf=$((sf + 1)); continue; }
            text=$($size -A $d/$part-$arch.o | awk '$1 ~ /^\.text/ {t += $2} END {print t + 0}')
            ro=$($size -A $d/$part-$arch.o | awk '$1 ~ /^\.s?rodata/ || $1 ~ /rel\.ro/ {t += $2} END {print t + 0}')
            echo "figure size.$part.$arch.text $text" >> $OUT/figures
            echo "figure size.$part.$arch.rodata $ro" >> $OUT/figures
        done
        # the static C stack bound of evm_execute's call tree at -O2 (host callbacks excluded)
        $cc -std=c99 -O2 $WARN -I. -fcallgraph-info=su -c $d/core.c -o $d/stack-$arch.o || sf=$((sf + 1))
        bound=$(awk -v ROOT=evm_execute -f tests/port/callgraph.awk $d/stack-$arch.ci)
        echo "figure stack.static.$arch ${bound%% *}" >> $OUT/figures
        case $bound in
        *recursive*) sf=$((sf + 1)); echo "  FAIL stack: evm_execute's call tree recurses on $arch: $bound" ;;
        *) if [ "${bound:-0}" -gt 0 ] && [ "$bound" -le $LIMIT_STACK ]; then sp=$((sp + 1))
           else sf=$((sf + 1)); echo "  FAIL stack: static bound of evm_execute on $arch is '$bound', limit $LIMIT_STACK"; fi ;;
        esac
        core=$(awk -v k="size.core.$arch.text" '$2 == k {print $3}' $OUT/figures)
        limit=$LIMIT_TEXT_X86; [ $arch = rv32im ] && limit=$LIMIT_TEXT_RV32
        if [ -n "$core" ] && [ "$core" -lt $limit ]; then sp=$((sp + 1))
        else sf=$((sf + 1)); echo "  FAIL size: evm.h .text at -Os on $arch is ${core:-?} bytes, limit $limit"; fi
    done
    echo "size $sp $sf" >> $OUT/checks
}

# ---- the driver --------------------------------------------------------------------------
case $MODE in
all) ;;
freestanding) freestanding > $OUT/freestanding.log 2>&1; exit 0 ;;
sizes) sizes > $OUT/size.log 2>&1; exit 0 ;;
*) target "$MODE"; exit 0 ;;
esac

start=$(date +%s)
mkdir -p $OUT/gen
: > $OUT/checks; : > $OUT/figures
# the ROM file system: the paths exactly as the tests open them
cc -O2 tests/port/romfs.c -o $OUT/romfs || exit 1
set -- "tests/solidity/Token.bin=tests/solidity/Token.bin"
for f in ../shared/evm-benchmarks/benchmarks/main/*.json ../shared/evm-benchmarks/benchmarks/micro/*.json; do
    [ -f "$f" ] && set -- "$@" "$f=$f"
done
$OUT/romfs $OUT/gen/romfs.h "$@" || exit 1

self=$0
printf '%s\n' $TARGETS freestanding sizes | xargs -P "$JOBS" -I{} sh "$self" --target {} "$SHARED"
cat $OUT/freestanding.log $OUT/size.log
# ---- the report ----------------------------------------------------------------------------
total_p=0; total_f=0; ref=""; ref_t=""
fig() { awk -v k="$2" '$1 == "figure" && $2 == k {print $3}' "$1" | head -1; }
kib() { awk -v b="${1:-0}" 'BEGIN {printf "%.1f KiB", b / 1024}'; }
echo
printf '%-17s %-24s %-8s %-10s %-12s %s\n' target "unit tests" example resources vmtest "C stack: base / 1 call / 3 deep / 1025 deep"
for t in $TARGETS; do
    r=$OUT/$t/results
    if [ ! -f $r ] || ! grep -q '^done' $r; then
        echo "$t: did not finish"; total_f=$((total_f + 1)); continue
    fi
    grep '^  ' $r
    set -- $(awk '$1 == "unit" {print $2, $3}' $r); up=${1:-0}; uf=${2:-1}
    set -- $(awk '$1 == "example" {print $2, $3}' $r); ep=${1:-0}; ef=${2:-1}
    set -- $(awk '$1 == "resources" {p += $2; f += $3} END {print p + 0, f + 0}' $r); rp=$1; rf=$2
    vm="-"
    if grep -q '^vmtest ' $r; then
        set -- $(awk '$1 == "vmtest" {print $2, $3}' $r); vm="$1/$(( $1 + $2 ))"
        total_p=$((total_p + $1)); total_f=$((total_f + $2))
    elif grep -q '^vmtest-skipped' $r; then vm="no ../shared"; fi
    total_p=$((total_p + up + ep + rp)); total_f=$((total_f + uf + ef + rf))
    ex="ok"; [ "$ef" -ne 0 ] && ex="FAILED"
    stack="$(fig $r stack.base) / $(fig $r stack.one) / $(fig $r stack.chain3) / $(fig $r stack.deep)"
    printf '%-17s %-24s %-8s %-10s %-12s %s\n' $t "$up passed, $uf failed" "$ex" "$rp/$((rp + rf))" "$vm" "$stack"
    if [ -z "$ref" ]; then ref=$up; ref_t=$t
    elif [ "$up" != "$ref" ]; then
        echo "  FAIL $t ran $up unit tests, $ref_t ran $ref: every target must run the same tests"
        total_f=$((total_f + 1))
    fi
    d=$(fig $r stack.deep)
    if [ -n "$d" ] && [ "$d" -gt $LIMIT_STACK ]; then
        echo "  FAIL $t: the 1025-deep chain used $d bytes of C stack, limit $LIMIT_STACK"; total_f=$((total_f + 1))
    fi
done
set -- $(awk '{p += $2; f += $3} END {print p + 0, f + 0}' $OUT/checks)
total_p=$((total_p + $1)); total_f=$((total_f + $2))
echo
echo "arena for the deepest call chain (1025 frames, 40 bytes of code; resources checks"
echo "vm.arena.peak = 1025 x evm_frame_block_size on each target):"
for t in $TARGETS; do
    r=$OUT/$t/results
    [ -f $r ] && printf '  %-17s %s bytes per frame block, %s for the chain, peak %s\n' $t \
        "$(fig $r arena.block)" "$(fig $r arena.need)" "$(fig $r arena.peak)"
done
echo "code size at -Os (.text / .rodata, bytes; limits for evm.h .text: x86-64 $LIMIT_TEXT_X86, rv32im $LIMIT_TEXT_RV32):"
for arch in x86-64 rv32im; do
    line="  $arch:"
    for part in core cgoto state all; do
        case $part in core) nm="evm.h" ;; cgoto) nm="evm.h with -DEVM_COMPUTED_GOTO" ;;
                      state) nm="with evm_state.h" ;; all) nm="all modules" ;; esac
        line="$line  $nm $(fig $OUT/figures size.$part.$arch.text) / $(fig $OUT/figures size.$part.$arch.rodata);"
    done
    echo "$line"
done
echo "C stack of evm_execute, static bound from gcc -fcallgraph-info=su at -O2 (host callbacks and"
echo "  allocator excluded): x86-64 $(fig $OUT/figures stack.static.x86-64), rv32im $(fig $OUT/figures stack.static.rv32im) bytes;"
echo "  measured by painting (table above, bytes): the thread set-up (base), one execution with the test"
echo "  host and malloc (one call), a 3- and a 1025-frame call chain (must be equal: no C recursion)"
echo "portability: $(( $(date +%s) - start )) s, targets: $TARGETS"
echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
