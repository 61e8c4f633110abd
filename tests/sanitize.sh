#!/bin/sh
# sanitize.sh - every unit test and the VM tests under AddressSanitizer + UndefinedBehavior-
# Sanitizer (gcc and clang, both arithmetic paths) and under valgrind. Ends with the sum
# "N passed, N failed" of all runs (tests/run.sh). Usage: sh tests/sanitize.sh [SHARED]
shared=${1:-../shared}
vm="$shared/ethereum-tests/VMTests"
san="-std=c99 -O1 -g -Wall -Wextra -Werror -Wshadow -I. -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"
set -- ; cmds=""
for cc in gcc clang; do
    command -v $cc >/dev/null 2>&1 || { echo "sanitize: $cc not found"; continue; }
    out=build/sanitize-$cc
    mkdir -p $out
    for t in tests/test_*.c; do
        n=$(basename $t .c)
        $cc $san $t -o $out/$n -lm -lpthread || { echo "sanitize: $cc $t did not build"; exit 1; }
        $cc $san -DEVM_NO_INT128 $t -o $out/${n}_portable -lm -lpthread || exit 1
        set -- "$@" $out/$n $out/${n}_portable
    done
    $cc $san -D_POSIX_C_SOURCE=200809L cli/*.c -o $out/evm -lm || exit 1
    cmds="$cmds|$out/evm vmtest $vm"
done
# valgrind on the normal builds (memcheck: leaks and invalid accesses are errors)
make -s all >/dev/null || exit 1
vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
for t in build/tests/test_*; do
    case $t in *_portable) ;; *) cmds="$cmds|$vg $t";; esac
done
cmds="$cmds|$vg build/evm vmtest $vm"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
old_ifs=$IFS; IFS='|'; set -- "$@" --
for c in $cmds; do [ -n "$c" ] && set -- "$@" "$c"; done
IFS=$old_ifs
exec sh tests/run.sh "$@"
