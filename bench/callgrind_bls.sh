#!/bin/sh
# callgrind_bls.sh - instructions of one call of each EIP-2537 precompile (through
# evm_precompiles_run) and of one KZG point evaluation check (evm_kzg_verify_proof),
# under valgrind --tool=callgrind: the stable figure on a shared machine.
# Usage: sh bench/callgrind_bls.sh [CASE...]   (default: the cases below; build first:
# make build/bench_bls12381 build/bench_kzg)
cases=${*:-"g1add g2add g1msm1 g1msm8 g1msm32 g1msm128 g2msm1 g2msm8 g2msm32 g2msm128 pairing1 pairing2 pairing4 map1 map2 kzg"}
tmp=${TMPDIR:-/tmp}/bls-callgrind.$$
mkdir -p $tmp
for c in $cases; do
    if [ "$c" = kzg ]; then
        valgrind --tool=callgrind --toggle-collect=evm_kzg_verify_proof \
            --callgrind-out-file=$tmp/out build/bench_kzg once > /dev/null 2> $tmp/err
    else
        valgrind --tool=callgrind --toggle-collect=measured \
            --callgrind-out-file=$tmp/out build/bench_bls12381 once $c > /dev/null 2> $tmp/err
    fi
    printf '%-10s %12s\n' $c "$(grep -o 'Collected : [0-9]*' $tmp/err | awk '{print $3}')"
done
rm -rf $tmp
