#!/bin/sh
# run.sh - run test binaries (and, after "--", whole commands whose directory argument
# exists), echo their output, and sum their "N passed, N failed" lines into one closing
# line. Exit status 1 if anything failed or did not report.
passed=0; failed=0; status=0
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
commands=0
for t in "$@"; do
    if [ "$t" = "--" ]; then commands=1; continue; fi
    if [ $commands = 0 ]; then
        out=$("$t" 2>&1); rc=$?
        printf '%s\n' "$out" | grep -v '^  FAIL\|^FAILED' | tail -1
        printf '%s\n' "$out" | grep '^  FAIL\|^FAILED'
        tally "$out" $rc "$t"
    else
        dir=$(echo "$t" | awk '{print $NF}')
        if [ ! -e "$dir" ]; then echo "skipped (not found: $dir): $t"; continue; fi
        echo "== $t"
        out=$(sh -c "$t" 2>&1); rc=$?
        printf '%s\n' "$out" | tail -25
        tally "$out" $rc "$t"
    fi
done
echo "$passed passed, $failed failed"
exit $status
