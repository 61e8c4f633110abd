#!/bin/sh
# cli.sh - tests of the command-line tool's interfaces for other tools: EIP-3155 traces
# (tests/trace), the debugger (tests/debug), state overrides (tests/override) and t8n
# (tests/t8n). Usage: sh tests/cli.sh [build/evm]. Last line: "N passed, N failed".
evm=${1:-build/evm}
here=$(dirname "$0")
tmp=${TMPDIR:-/tmp}/evm-cli.$$
mkdir -p $tmp
trap 'rm -rf $tmp' EXIT
passed=0; failed=0
ok()   { passed=$((passed + 1)); }
bad()  { failed=$((failed + 1)); echo "FAIL $1"; }
# same NAME EXPECTED_FILE ACTUAL_FILE
same() { if cmp -s "$2" "$3"; then ok; else bad "$1"; diff "$2" "$3" | head -10; fi; }

# ---- EIP-3155: statetest --json, byte for byte (time normalised) ----
$evm statetest --json $here/trace/trace.json > $tmp/out 2> $tmp/err
sed -E 's/"time":[0-9]+/"time":0/' $tmp/err > $tmp/err2
same "statetest --json stdout" $here/trace/trace.stdout $tmp/out
same "statetest --json stderr" $here/trace/trace.stderr $tmp/err2
$evm statetest $here/trace/trace.json > $tmp/out 2>&1
same "statetest --human" /dev/stdin $tmp/out <<X
3 passed, 0 failed
X

for t in $here/cli_*.sh; do
    [ -f "$t" ] && . "$t"
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
