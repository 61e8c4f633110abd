#!/bin/sh
# sanitize.sh - every unit test and the VM tests under AddressSanitizer + UndefinedBehavior-
# Sanitizer (gcc and clang, both arithmetic paths), the fuzz targets' seed corpora replayed
# under the same sanitizers (fuzz/replay.c, no libFuzzer needed), and the unit tests and
# VM tests under valgrind. Ends with the sum "N passed, N failed" of all runs
# (tests/run.sh). Usage: sh tests/sanitize.sh [SHARED]   (JOBS=n: parallel builds)
#
# Optimisation: build time dominates (the interpreter is one large function; with UBSan,
# gcc -O1 takes about 9 s a file and clang -O1 about 20 s, -O0 2 to 3 s), so the sanitizer
# builds are -O0 (every local then gets its own redzone: the strictest checking), built in
# parallel; the -O2 builds of `make` run under valgrind. One exception: test_evm with
# clang at -O1, whose 1024-deep call chain on a 64 KiB C stack does not fit in clang's
# unoptimised, instrumented frames. The command-line tool is built at -O1 too: the VM
# tests run three times faster for the extra 20 s of building.
shared=${1:-../shared}
vm="$shared/ethereum-tests/VMTests"
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
common="-std=c99 -g -Wall -Wextra -Werror -Wshadow -I. -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"
list=build/sanitize-builds.txt
mkdir -p build
: > $list
set -- ; cmds=""
for cc in gcc clang; do
    command -v $cc >/dev/null 2>&1 || { echo "sanitize: $cc not found"; continue; }
    out=build/sanitize-$cc
    mkdir -p $out
    opt=-O0
    for t in tests/test_*.c; do
        n=$(basename $t .c)
        o=$opt; [ $cc = clang ] && [ $n = test_evm ] && o=-O1
        echo "$cc $o $common $t -o $out/$n -lm -lpthread" >> $list
        echo "$cc $o $common -DEVM_NO_INT128 $t -o $out/${n}_portable -lm -lpthread" >> $list
        set -- "$@" $out/$n $out/${n}_portable
    done
    echo "$cc -O1 $common -D_POSIX_C_SOURCE=200809L cli/*.c -o $out/evm -lm" >> $list
    cmds="$cmds|$out/evm vmtest $vm"
    for f in fuzz/fuzz_*.c; do
        n=$(basename $f .c | sed 's/^fuzz_//')
        echo "$cc $opt $common $f fuzz/replay.c -o $out/replay_$n -lm" >> $list
        cmds="$cmds|$out/replay_$n fuzz/corpus/$n"
    done
done
# build in parallel; a failed build fails the run
if ! xargs -P "$jobs" -I CMD sh -c 'CMD || { echo "sanitize: did not build: CMD"; exit 255; }' < $list; then
    echo "0 passed, 1 failed"
    exit 1
fi
# valgrind on the normal builds (memcheck: leaks and invalid accesses are errors)
make -s -j"$jobs" all >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
if command -v valgrind >/dev/null 2>&1; then
    for t in build/tests/test_*; do
        case $t in *_portable) ;; *) cmds="$cmds|$vg $t";; esac
    done
    cmds="$cmds|$vg build/evm vmtest $vm"
else
    echo "sanitize: valgrind not found, skipped"
fi
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
old_ifs=$IFS; IFS='|'; set -- "$@" --
for c in $cmds; do [ -n "$c" ] && set -- "$@" "$c"; done
IFS=$old_ifs
RUN_JOBS=$jobs exec sh tests/run.sh "$@"
