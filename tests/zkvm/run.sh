#!/bin/sh
# run.sh - the zkVM guest on fixtures under qemu, instructions counted exactly.
#   tests/zkvm/run.sh GUEST.elf QEMU INPUT_DIR CYCLES_CSV
# For every input in INPUT_DIR/index.tsv (tools/zkvm_witness input): runs the guest under
# QEMU (-icount shift=0: minstret counts retired instructions exactly), checks its status,
# post-state root and block hash against the full run's, and prints one table row: gas,
# our instructions in the validation (total and outside the accelerator hooks, each per
# gas), and the reth and ethrex guests' cycles per gas from CYCLES_CSV (ZisK, set
# eest-fd1dd63) where the fixture name matches. Closes with "N passed, N failed".
elf=$1; qemu=$2; dir=$3; csv=$4
passed=0; failed=0
printf '| fixture | gas | instructions | outside hooks | instr/gas | outside/gas | reth cycles/gas | ethrex cycles/gas |\n'
printf '|---|---:|---:|---:|---:|---:|---:|---:|\n'
while IFS="$(printf '\t')" read -r bin name gas root hash; do
    out=$(timeout 600 "$qemu" -M virt -m 512M -bios none -nographic -monitor none -serial stdio \
          -icount shift=0 -kernel "$elf" -device loader,file="$dir/$bin",addr=0x88000000,force-raw=on \
          < /dev/null 2>&1)
    rc=$?
    status=$(printf '%s\n' "$out" | awk '/^status/ {print $2}')
    groot=$(printf '%s\n' "$out" | awk '/^post_state_root/ {print $2}')
    ghash=$(printf '%s\n' "$out" | awk '/^block_hash/ {print $2}')
    total=$(printf '%s\n' "$out" | awk '/^instret / {print $2}')
    hooks=$(printf '%s\n' "$out" | awk '/^instret_hooks/ {print $2}')
    short=${name##*/}
    if [ "$rc" -ne 0 ] || [ "$status" != VALID ] || [ "$groot" != "$root" ] || [ "$ghash" != "$hash" ]; then
        failed=$((failed + 1))
        printf 'FAIL %s (exit %s, status %s)\n' "$short" "$rc" "$status"
        continue
    fi
    passed=$((passed + 1))
    awk -F, -v f="$short" -v gas="$gas" -v total="$total" -v hooks="$hooks" '
        { sub(/\r$/, "") }
        $1 == f && $6 == "eest-fd1dd63" && $7 == "ok" && $5 != "" {
            if ($3 ~ /^reth/) reth = $5; else if ($3 ~ /^ethrex/) ethrex = $5 }
        END {
            out = total - hooks
            r = reth != "" ? sprintf("%.2f", reth / gas) : "-"
            e = ethrex != "" ? sprintf("%.2f", ethrex / gas) : "-"
            if (gas == 0) { printf "| %s | 0 | %.0f | %.0f | - | - | - | - |\n", f, total, out; exit }
            printf "| %s | %.0f | %.0f | %.0f | %.2f | %.2f | %s | %s |\n", f, gas, total, out, total / gas, out / gas, r, e
        }' "$csv"
done < "$dir/index.tsv"
echo "zkvm guest: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
