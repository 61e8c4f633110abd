# cli_override.sh - sourced by tests/cli.sh: `evm run --override` (geth's eth_call state
# overrides) and the simulation switches.
# The code returns SLOAD(1) + SLOAD(2) + BALANCE(0xaa) + EXTCODESIZE(0xaa); --storage puts
# 9 in slot 2 and the override 7 in slot 1, 0x1234 wei and 10 bytes of code at 0xaa:
# stateDiff keeps slot 2: 7 + 9 + 0x1234 + 10 = 0x124e; state replaces the storage, slot 2
# reads 0: 0x1245.
C=0x6001546002540160aa310160aa3b0160005260206000f3
o=$here/override
run_out() { $evm run "$@" 2>&1 | grep -o '"output":"[^"]*"' ; }
[ "$(run_out --override $o/diff.json --storage '{"0x2":"0x9"}' $C)" = '"output":"0x000000000000000000000000000000000000000000000000000000000000124e"' ] \
    && ok || bad "override stateDiff"
[ "$(run_out --override $o/state.json --storage '{"0x2":"0x9"}' $C)" = '"output":"0x0000000000000000000000000000000000000000000000000000000000001245"' ] \
    && ok || bad "override state"
# --transact from a caller the override leaves with no wei (nonce 3): the gas at price 10
# cannot be paid; --no-balance-check runs it at price 0 and base fee 0: GASPRICE, BASEFEE,
# STOP = 21000 + 2 + 2 gas
out=$($evm run --transact --gas-price 10 --override $o/poor.json 0x00); rc=$?
[ "$out" = '{"status":"invalid","error":"INSUFFICIENT_ACCOUNT_FUNDS"}' ] && [ $rc -eq 1 ] && ok || bad "transact without funds: $out"
out=$($evm run --transact --gas-price 10 --no-balance-check --override $o/poor.json 0x3a4800)
[ "$out" = '{"status":"success","error":null,"gasUsed":21004,"gasLeft":9978996,"gasRefund":0,"output":"0x","logs":[],"storage":{}}' ] \
    && ok || bad "transact --no-balance-check: $out"
# --no-base-fee: BASEFEE returns 0 even with --base-fee 7
[ "$(run_out --base-fee 7 --no-base-fee 0x4860005260206000f3)" = '"output":"0x0000000000000000000000000000000000000000000000000000000000000000"' ] \
    && ok || bad "no-base-fee"
[ "$(run_out --base-fee 7 0x4860005260206000f3)" = '"output":"0x0000000000000000000000000000000000000000000000000000000000000007"' ] \
    && ok || bad "base-fee"
# bad override files: a message and status 2
for f in both badhex malformed; do
    $evm run --override $o/$f.json 0x00 > $tmp/out 2> $tmp/err; rc=$?
    [ $rc -eq 2 ] && [ -s $tmp/err ] && [ ! -s $tmp/out ] && ok || bad "override $f: exit $rc"
done
$evm run --override $o/missing.json 0x00 > /dev/null 2>&1; [ $? -eq 2 ] && ok || bad "override missing file"
