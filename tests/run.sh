#!/bin/sh
# run.sh - run test binaries (and, after "--", whole commands whose directory argument
# exists), echo their output, and sum their "N passed, N failed" lines into one closing
# line. Exit status 1 if anything failed or did not report.
# RUN_JOBS=N runs up to N of them at once (default 1); the outputs are still printed and
# tallied in the order given.
passed=0; failed=0; status=0
jobs=${RUN_JOBS:-1}
tally() {   # $1: output of one run, $2: its exit code, $3: its name
    line=$(printf '%s\n' "$1" | grep -E '[0-9]+ passed, [0-9]+ failed' | tail -1)
    if [ -z "$line" ]; then
        echo "$3: no result line (exit $2)"; failed=$((failed + 1)); status=1; return
    fi
    p=$(printf '%s' "$line" | sed -E 's/^(.*[^0-9])?([0-9]+) passed, ([0-9]+) failed.*$/\2/')
    f=$(printf '%s' "$line" | sed -E 's/^(.*[^0-9])?([0-9]+) passed, ([0-9]+) failed.*$/\3/')
    passed=$((passed + p)); failed=$((failed + f))
    [ "$f" -ne 0 ] && status=1
    [ "$2" -ne 0 ] && [ "$f" -eq 0 ] && { echo "$3: exit $2"; status=1; failed=$((failed + 1)); }
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/run.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
# the list: one file per item (kind, name, command), run by index
commands=0; n=0
for t in "$@"; do
    if [ "$t" = "--" ]; then commands=1; continue; fi
    n=$((n + 1))
    if [ $commands = 0 ]; then
        printf 'bin\n%s\n' "$t" > "$tmp/item.$n"
        printf '%s\n' "$t" > "$tmp/cmd.$n"
    else
        dir=$(echo "$t" | awk '{print $NF}')
        if [ ! -e "$dir" ]; then printf 'skip\n%s\n' "$t" > "$tmp/item.$n"; continue; fi
        printf 'cmd\n%s\n' "$t" > "$tmp/item.$n"
        printf '%s\n' "$t" > "$tmp/cmd.$n"
    fi
done
i=1; : > "$tmp/list"
while [ $i -le $n ]; do [ -f "$tmp/cmd.$i" ] && echo $i >> "$tmp/list"; i=$((i + 1)); done
# each item: its output and exit code in files
xargs -P "$jobs" -I IDX sh -c 'sh "$1/cmd.$2" > "$1/out.$2" 2>&1; echo $? > "$1/rc.$2"' run "$tmp" IDX \
    < "$tmp/list"
i=1
while [ $i -le $n ]; do
    kind=$(sed -n 1p "$tmp/item.$i"); t=$(sed -n 2p "$tmp/item.$i")
    case $kind in
    skip) echo "skipped (not found: $(echo "$t" | awk '{print $NF}')): $t" ;;
    bin)
        out=$(cat "$tmp/out.$i"); rc=$(cat "$tmp/rc.$i" 2>/dev/null || echo 1)
        printf '%s\n' "$out" | grep -v '^  FAIL\|^FAILED' | tail -1
        printf '%s\n' "$out" | grep '^  FAIL\|^FAILED'
        tally "$out" "$rc" "$t" ;;
    cmd)
        echo "== $t"
        out=$(cat "$tmp/out.$i"); rc=$(cat "$tmp/rc.$i" 2>/dev/null || echo 1)
        printf '%s\n' "$out" | tail -25
        tally "$out" "$rc" "$t" ;;
    esac
    i=$((i + 1))
done
echo "$passed passed, $failed failed"
exit $status
