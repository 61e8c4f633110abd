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
