#!/bin/sh
# evmone.sh - side by side: evmone's baseline interpreter (its evmone-bench) and ours
# (`build/evm bench`) on the same benchmark cases, alternating, in one run; wall time for
# short calls, CPU time for long ones (see below).
#
# Usage: sh bench/evmone.sh [EVMONE_BENCH] [BENCH_DIR]      (or make bench-evmone EVMONE_BENCH=...)
#   EVMONE_BENCH  path to evmone-bench (built from evmone's sources, outside this repository);
#                 absent: one skip line, exit status 0 (a measurement tool, not a test)
#   BENCH_DIR     default ../shared/evm-benchmarks/benchmarks (its main/ and micro/ files)
# Environment: ROUNDS (default 5), MIN_TIME (seconds per case, side and round; default 0.2),
#   KIND (evmone's entry: total, default, or execute; see below), EVM (default build/evm),
#   FORK (ours, default Istanbul: evmone-bench runs every case under Istanbul), KEEP (a
#   directory to keep the raw outputs in).
#
# A calibration pass runs ours once on every file (warm-up, and the time per call of every
# case). Then a round runs every benchmark file once on each side, evmone first in odd rounds
# and ours first in even ones, file after file, so a busy period of the machine falls on
# both. Per case the table gives the median over the rounds of each side, in microseconds
# per execution, and ours / evmone; then the geometric mean of the ratios over the main
# cases and, separately, over the micro cases, and the main geometric mean of each round
# alone (its spread says how much the noise moved the figure).
#
# What is measured, the same on both sides: one execution of the case's code with the case's
# input, the code analysis included, in wall time (CLOCK_MONOTONIC; google benchmark's
# real_time is std::chrono::steady_clock, the same clock), from short samples:
#   ours: `evm bench --fork Istanbul --min-time MIN_TIME`: evm_execute of a depth-0 call
#     (code copy and jumpdest analysis on every call) against evm_state.h, reverted to a
#     snapshot after each call; gas limit from the file. Every call is timed on its own;
#     it reports the median and the minimum of the per-call times over MIN_TIME seconds.
#   evmone: `baseline/total/<group>/<file>/<label>` = evmc execute() of the baseline VM: the
#     jumpdest analysis and padded code copy on every call, then the interpreter, against
#     evmc's MockedHost, revision Istanbul, gas limit 2^63-1 (its storage is not reset
#     between calls). google benchmark times batches of calls: a sample is a batch of N
#     calls (--benchmark_min_time=Nx), N chosen from our calibration time to make a batch
#     about 200 us (N = 1 for calls longer than about 133 us), over R repetitions filling
#     about MIN_TIME seconds (5 <= R <= 100).
#   Per case and round the statistic is, on both sides alike:
#     - calls shorter than ~133 us (N > 1): the median sample in wall time (ours: of single
#       calls, evmone: of its ~200 us batches). Short samples on both sides: on a shared
#       machine a sample longer than a scheduler time slice is mostly time spent waiting
#       for the CPU, and a short one is rarely hit by such a wait.
#     - longer calls (N = 1, single calls on both sides): the median of the calls' CPU time
#       (ours: a second `evm bench --cpu-time` run of the file, CLOCK_THREAD_CPUTIME_ID per
#       call; evmone: google benchmark's cpu_time of each one-call repetition). A call of a
#       millisecond or more waits for the CPU more often than not on a loaded machine (at a
#       load of 15 on 2 cores, sha1_shifts_5311: wall time minimum 1.7 ms, median 18 ms),
#       and the wall-time minimum is no way out: evmone-bench runs a test call right before
#       each timed one, so a timed call of some milliseconds starts late in its time slice
#       and is preempted nearly every time (sha1_divs_5311: 47 of 47 calls, minimum 5.8 ms
#       against 3.6 ms of CPU time), while ours runs back to back.
#   The table shows which one ("stat": wall or cpu); the case's figure is the median over
#   the rounds. Contention that CPU time keeps (caches, memory bandwidth, a hypervisor's
#   steal) falls on both sides alike, on average.
#   (`baseline/execute/...` - KIND=execute - leaves evmone's analysis out: done once before
#     its loop. Ours has no such entry: evm_execute always analyses, so that comparison is
#     not like with like and only shows the analysis share.)
# Gas used is compared per case (evmone's gas_used counter against ours); a difference is
# marked in the table with "gas!" (the two would not be running the same path).
# Needs python3 for reading the two JSON outputs (as bench/callgrind.sh does).
eb=${1:-$EVMONE_BENCH}
dir=${2:-../shared/evm-benchmarks/benchmarks}
rounds=${ROUNDS:-5}
min_time=${MIN_TIME:-0.2}
kind=${KIND:-total}
evm=${EVM:-build/evm}
fork=${FORK:-Istanbul}

if [ -z "$eb" ]; then
    echo "bench/evmone.sh: no evmone-bench given (EVMONE_BENCH=/path/to/evmone-bench), skipped"
    exit 0
fi
if [ ! -x "$eb" ]; then
    echo "bench/evmone.sh: $eb is not an executable, skipped"
    exit 0
fi
case $kind in total|execute) ;; *) echo "bench/evmone.sh: KIND must be total or execute" >&2; exit 2 ;; esac
[ -x "$evm" ] || { echo "bench/evmone.sh: $evm not built (make $evm)" >&2; exit 2; }
[ -d "$dir/main" ] || { echo "bench/evmone.sh: $dir/main not found" >&2; exit 2; }

tmp=${TMPDIR:-/tmp}/evm-evmone.$$
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
mkdir -p "$tmp/out"

run_evmone() { # group file round: every case of the file, one evmone-bench run each
    # a directory holding only this file, so evmone-bench loads one case file
    rm -rf "$tmp/sel" && mkdir -p "$tmp/sel/$1" && cp "$dir/$1/$2.json" "$tmp/sel/$1/" || exit 1
    grep "^$1 $2 " "$tmp/cases" | while read -r g f label t; do
        n=$(awk -v t="$t" 'BEGIN { n = int(200 / t + 0.5); print (n < 1 ? 1 : n) }')
        reps=$(awk -v t="$t" -v n="$n" -v m="$min_time" \
            'BEGIN { r = int(m * 1e6 / (n * t)); print (r < 5 ? 5 : (r > 100 ? 100 : r)) }')
        "$eb" "$tmp/sel" --benchmark_filter="^baseline/$kind/$g/$f/$label\$" \
            --benchmark_format=json --benchmark_min_time="${n}x" --benchmark_repetitions="$reps" \
            > "$tmp/out/evmone.$3.$g.$f.$label.json" 2> "$tmp/err" ||
            { echo "bench/evmone.sh: $eb failed on $g/$f/$label:" >&2; cat "$tmp/err" >&2; exit 1; }
    done || exit 1
}
run_ours() { # group/file min-time output [--cpu-time]
    "$evm" bench --fork "$fork" --min-time "$2" $4 --json "$dir/$1.json" > "$3" 2> "$tmp/err" ||
        { echo "bench/evmone.sh: $evm bench failed on $1:" >&2; cat "$tmp/err" >&2; exit 1; }
}
run_ours_both() { # group file round: wall time; CPU time too if the file has calls > 133 us
    run_ours "$1/$2" "$min_time" "$tmp/out/ours.$3.$1.$2.json"
    if grep "^$1 $2 " "$tmp/cases" | awk '$4 > 133.3 { f = 1 } END { exit !f }'; then
        run_ours "$1/$2" "$min_time" "$tmp/out/ourscpu.$3.$1.$2.json" --cpu-time
    fi
}

echo "evmone-bench: $eb (baseline/$kind); ours: $evm bench --fork $fork; $rounds rounds, $min_time s per case, side and round"
# calibration: group file label microseconds-per-call, from one short run of ours per file
: > "$tmp/cases"
for f in "$dir"/main/*.json "$dir"/micro/*.json; do
    g=$(basename "$(dirname "$f")"); b=$(basename "$f" .json)
    run_ours "$g/$b" 0.05 "$tmp/cal.json"
    sed -n 's/.*"name":"'"${g}_${b}"'_\([^"]*\)".*"median_us":\([0-9.]*\).*/\1 \2/p' "$tmp/cal.json" |
        while read -r label t; do echo "$g $b $label $t"; done >> "$tmp/cases"
done
r=1
while [ $r -le "$rounds" ]; do
    for f in "$dir"/main/*.json "$dir"/micro/*.json; do
        g=$(basename "$(dirname "$f")"); b=$(basename "$f" .json)
        if [ $((r % 2)) -eq 1 ]; then
            run_evmone "$g" "$b" $r; run_ours_both "$g" "$b" $r
        else
            run_ours_both "$g" "$b" $r; run_evmone "$g" "$b" $r
        fi
    done
    echo "round $r of $rounds done" >&2
    r=$((r + 1))
done

[ -n "$KEEP" ] && mkdir -p "$KEEP" && cp "$tmp"/out/*.json "$tmp/cases" "$KEEP"/
python3 - "$tmp/out" "$rounds" <<'PY'
import glob, json, math, os, sys
out, rounds = sys.argv[1], int(sys.argv[2])
# ev[name][round] = (wall times, CPU times, calls per sample); ours[name][round] = median
# per call in wall time, ourscpu[name][round] in CPU time
ev, ours, ourscpu, gas_e, gas_o = {}, {}, {}, {}, {}
for p in sorted(glob.glob(os.path.join(out, '*.json'))):
    side, rnd = os.path.basename(p).split('.')[:2]
    d = json.load(open(p))
    if side == 'evmone':
        for b in d['benchmarks']:
            if b.get('run_type') != 'iteration':
                continue
            # run_name baseline/total/main/sha1_divs/5311[/...] -> main_sha1_divs_5311
            name = '_'.join(b['run_name'].split('/')[2:5])
            scale = {'ns': 1e-3, 'us': 1.0, 'ms': 1e3, 's': 1e6}[b['time_unit']]
            e = ev.setdefault(name, {}).setdefault(rnd, ([], [], b['iterations']))
            e[0].append(b['real_time'] * scale)
            e[1].append(b['cpu_time'] * scale)
            gas_e[name] = int(b.get('gas_used', -1))
    else:
        for row in d:
            if 'gas' not in row:
                continue            # the frame set-up row
            (ours if side == 'ours' else ourscpu).setdefault(row['name'], {})[rnd] = row['median_us']
            gas_o[row['name']] = row['gas']
med = lambda v: sorted(v)[len(v) // 2] if len(v) % 2 else sum(sorted(v)[len(v) // 2 - 1:len(v) // 2 + 1]) / 2
gm = lambda v: math.exp(sum(map(math.log, v)) / len(v)) if v else float('nan')
def per_round(n, k):
    """the two sides' statistic of round k: wall-time medians of short samples, or CPU-time
    medians of single long calls"""
    wall, cpu, calls = ev[n][k]
    if calls == 1 and k in ourscpu.get(n, {}):
        return med(cpu), ourscpu[n][k], 'cpu'
    return med(wall), ours[n][k], 'wall'
print('%-42s %11s %12s %12s %7s  %s' % ('case', 'gas', 'evmone us', 'ours us', 'ratio', 'stat'))
ratios = {'main': [], 'micro': []}
order = sorted(ours, key=lambda n: (not n.startswith('main_'), n))
for n in order:
    if n not in ev:
        print('%-42s  missing on the evmone side' % n)
        continue
    rs = [per_round(n, k) for k in ours[n] if k in ev[n]]
    e, o = med([r[0] for r in rs]), med([r[1] for r in rs])
    ratios['main' if n.startswith('main_') else 'micro'].append(o / e)
    mark = '' if gas_e.get(n) == gas_o[n] else '  gas! evmone %s' % gas_e.get(n)
    print('%-42s %11d %12.2f %12.2f %7.3f  %s%s' % (n, gas_o[n], e, o, o / e, rs[0][2], mark))
for g in ('main', 'micro'):
    v = ratios[g]
    if v:
        print('geometric mean of ours/evmone over %d %s cases: %.3f (range %.3f..%.3f)'
              % (len(v), g, gm(v), min(v), max(v)))
rounds_gm = []
for i in range(1, rounds + 1):
    k = str(i)
    v = [per_round(n, k) for n in order if n.startswith('main_') and k in ours[n] and k in ev.get(n, {})]
    rounds_gm.append('%.3f' % gm([o / e for e, o, _ in v]))
print('main geometric mean of each round alone: ' + ' '.join(rounds_gm))
PY
