# cli_t8n.sh - sourced by tests/cli.sh: `evm t8n` against geth's own t8n test cases
# (tests/t8n/geth, see its LICENSE.md), compared by value with tests/t8n/jsoncmp
# (rejection messages are free text: only their indices are compared), then our own cases.
jsoncmp=${JSONCMP:-$(dirname $evm)/jsoncmp}
g=$here/t8n/geth
if [ -f $g/cases.txt ] && [ -x $jsoncmp ]; then
    while read dir alloc txs env fork reward outputs expected code; do
        case "$dir" in ''|'#'*) continue ;; esac
        set -- --input.alloc $g/$dir/$alloc --input.txs $g/$dir/$txs --input.env $g/$dir/$env --state.fork $fork
        [ "$reward" != - ] && set -- "$@" --state.reward $reward
        for o in alloc result body; do
            case ",$outputs," in *",$o,"*) set -- "$@" --output.$o stdout ;; *) set -- "$@" --output.$o "" ;; esac
        done
        $evm t8n "$@" > $tmp/t8n.out 2> $tmp/t8n.err; rc=$?
        name="geth t8n $dir $txs $env $fork"
        if [ $rc -ne $code ]; then bad "$name: exit $rc, want $code"; head -3 $tmp/t8n.err; continue; fi
        if [ "$expected" != - ] && ! $jsoncmp --ignore error $g/$dir/$expected $tmp/t8n.out > $tmp/t8n.diff; then
            bad "$name"; head -10 $tmp/t8n.diff; continue
        fi
        ok
    done < $g/cases.txt
else
    echo "skipped: geth t8n cases ($g or $jsoncmp absent)"
fi

# ---- our own t8n cases ----
if [ -d $g/1 ] && [ -x $jsoncmp ]; then
    # stdin: alloc, env and txs as one object give geth's case 1 result
    { printf '{"alloc":'; cat $g/1/alloc.json; printf ',"env":'; cat $g/1/env.json; printf ',"txs":'; cat $g/1/txs.json; printf '}'; } > $tmp/stdin.json
    $evm t8n --input.alloc stdin --input.env stdin --input.txs stdin --output.alloc stdout --output.result stdout \
        --state.fork Byzantium < $tmp/stdin.json > $tmp/t8n.out 2>&1 \
        && $jsoncmp --ignore error $g/1/exp.json $tmp/t8n.out > $tmp/t8n.diff && ok || { bad "t8n stdin"; head $tmp/t8n.diff; }
    # --trace: one EIP-3155 file per transaction in the base dir, named by index and hash,
    # closing with the transaction's gas used (case 24: 0xa861 and 0x5aa5 in geth's receipts);
    # result and alloc as files there too
    $evm t8n --input.alloc $g/24/alloc.json --input.env $g/24/env.json --input.txs $g/24/txs.json \
        --state.fork Paris --output.basedir $tmp/t8nout --output.result result.json --output.alloc alloc.json \
        --output.body body.json --trace > $tmp/t8n.out 2>&1; rc=$?
    t0=$tmp/t8nout/trace-0-0x92ea4a28224d033afb20e0cc2b290d4c7c2d61f6a4800a680e4e19ac962ee941.jsonl
    t1=$tmp/t8nout/trace-1-0x16b1d912f1d664f3f60f4e1b5f296f3c82a64a1a253117b4851d18bc03c4f1da.jsonl
    [ $rc -eq 0 ] && [ -s $tmp/t8nout/result.json ] && [ -s $tmp/t8nout/alloc.json ] && [ -s $tmp/t8nout/body.json ] \
        && tail -1 $t0 | grep -q '"gasUsed":"0xa861"' && tail -1 $t1 | grep -q '"gasUsed":"0x5aa5"' \
        && head -1 $t0 | grep -q '^{"pc":0,"op":' && ok || bad "t8n --trace and output files (exit $rc)"
    grep -q '"stateRoot": "0x9e4224c6bba343d5b0fdbe9200cc66a7ef2068240d901ae516e634c45a043c15"' $tmp/t8nout/result.json \
        && ok || bad "t8n result.json"
    # bad input: a clear message and geth's exit codes
    printf '{"currentCoinbase": ' > $tmp/bad_env.json
    $evm t8n --input.alloc $g/1/alloc.json --input.env $tmp/bad_env.json --input.txs $g/1/txs.json \
        --state.fork Byzantium > /dev/null 2> $tmp/err; rc=$?
    [ $rc -eq 10 ] && grep -q 'malformed JSON' $tmp/err && ok || bad "t8n malformed env: exit $rc"
    $evm t8n --input.alloc $tmp/missing.json --input.env $g/1/env.json --input.txs $g/1/txs.json \
        --state.fork Byzantium > /dev/null 2> $tmp/err; rc=$?
    [ $rc -eq 11 ] && [ -s $tmp/err ] && ok || bad "t8n missing alloc: exit $rc"
    printf '[{"type":"0x2","nonce":"zz"}]' > $tmp/bad_txs.json
    $evm t8n --input.alloc $g/1/alloc.json --input.env $g/1/env.json --input.txs $tmp/bad_txs.json \
        --state.fork Byzantium > /dev/null 2> $tmp/err; rc=$?
    [ $rc -eq 10 ] && [ -s $tmp/err ] && ok || bad "t8n malformed tx: exit $rc"
    # --state-test: one EEST-style entry, the transaction alone (tests/t8n/eest_roundtrip.py
    # runs whole directories this way)
    $evm t8n --input.alloc stdin --input.env stdin --input.txs stdin --output.result stdout --output.alloc "" \
        --state.fork Cancun --state-test < $here/t8n/state_test_entry.json > $tmp/t8n.out 2>&1 \
        && grep -q '"stateRoot": "0xef283c1b0bcd8e048dbe3a039e00dd44474c591e2d140783dbe9bb4bd084189b"' $tmp/t8n.out \
        && ok || { bad "t8n --state-test"; head -5 $tmp/t8n.out; }
fi
