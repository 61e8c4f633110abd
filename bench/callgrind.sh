#!/bin/sh
# callgrind.sh - instructions executed inside evm_execute for one call of each benchmark
# case (analysis included), as ../shared/PERF-ANCHORS.md measures evmone: one
# `build/evm run --fork Cancun --gas 1000000000` per case under
# valgrind --tool=callgrind --toggle-collect=evm_execute.
# Usage: sh bench/callgrind.sh [BENCH_DIR] [ANCHORS] > bench/callgrind_baseline.txt
# Prints: case, gas used, our instructions, evmone baseline's, ratio; then the geometric
# means over the main cases.
dir=${1:-../shared/evm-benchmarks/benchmarks}
anchors=${2:-../shared/PERF-ANCHORS.md}
evm=${EVM:-build/evm}
tmp=${TMPDIR:-/tmp}/evm-callgrind.$$
mkdir -p $tmp
printf '%-42s %11s %13s %13s %7s\n' case gas instructions evmone ratio
for f in $dir/main/*.json $dir/micro/*.json; do
    group=$(basename $(dirname $f)); file=$(basename $f .json)
    python3 - "$f" > $tmp/cases <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); t = list(d.values())[0]; tx = t['transaction']
labels = t.get('_info', {}).get('labels', {})
for i, data in enumerate(tx['data']):
    print(labels.get(str(i), str(i)), data, tx['to'], tx['sender'], t['pre'][tx['to']]['code'])
PY
    while read label data to sender code; do
        name=${group}_${file}_${label}
        valgrind --tool=callgrind --toggle-collect=evm_execute --callgrind-out-file=$tmp/out \
            $evm run --fork Cancun --gas 1000000000 --input $data --address $to --caller $sender $code \
            > $tmp/run 2> $tmp/err
        ours=$(grep -o 'Collected : [0-9]*' $tmp/err | awk '{print $3}')
        gas=$(grep -o '"gasUsed":[0-9]*' $tmp/run | cut -d: -f2)
        ref=$(grep "| $name |" $anchors 2>/dev/null | awk -F'|' '{gsub(/[ ,]/,"",$4); print $4}')
        ratio=$( [ -n "$ref" ] && awk -v a=$ours -v b=$ref 'BEGIN{printf "%.3f", a/b}' || echo -)
        printf '%-42s %11s %13s %13s %7s\n' $name $gas $ours ${ref:--} $ratio
    done < $tmp/cases
done > $tmp/table
cat $tmp/table
awk '$1 ~ /^main_/ && $5 != "-" { n++; so += log($3); se += log($4); sr += log($5); if ($5 > mx) { mx = $5; mc = $1 } }
     END { if (n) printf "geometric mean over %d main cases: ours %.0f, evmone %.0f, ratio %.3f; worst %s %.3f\n",
           n, exp(so/n), exp(se/n), exp(sr/n), mc, mx }' $tmp/table
rm -rf $tmp
