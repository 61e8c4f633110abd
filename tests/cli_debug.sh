# cli_debug.sh - sourced by tests/cli.sh: `evm run --debug` driven by a script on stdin.
# session.in steps, sets breakpoints on a pc and on an opcode, prints the stack, storage,
# memory and gas; session.out is the whole screen (checked by hand: the stack after PUSH1 2
# PUSH1 3 is 0x3 over 0x2, SSTORE pops key 0 and value 5, the slot reads 0x5 after it,
# the gas drops by 22100 across the cold SSTORE, MSTORE puts 0xaa in byte 31).
$evm run --debug 0x600260030160005560aa60005200 < $here/debug/session.in > $tmp/dbg 2>&1
same "run --debug session" $here/debug/session.out $tmp/dbg
printf 'step\nquit\n' | $evm run --debug 0x6001600101 > $tmp/dbg 2>&1; rc=$?
printf 'pc 0x0000 (0) PUSH1  gas 10000000  cost 3  depth 1  stack 0  memory 0\n(evm) step\npc 0x0002 (2) PUSH1  gas 9999997  cost 3  depth 1  stack 1  memory 0\n(evm) quit\nquit\n' > $tmp/want
same "run --debug quit" $tmp/want $tmp/dbg
[ $rc -eq 0 ] && ok || bad "run --debug quit: exit $rc"
