#!/usr/bin/env python3
"""eest_roundtrip.py - render every entry of an EEST state-test directory as t8n input
(alloc = pre, env, one JSON transaction signed from secretKey) and check that
`evm t8n --state-test` gives the state root `evm statetest --json` gives for the same
entry, and the fixture's logs hash; entries where both differ from the fixture's post hash (a failure of the library,
not of t8n) are counted on a separate line.

Usage: python3 tests/t8n/eest_roundtrip.py [--evm build/evm] [--fork NAME] DIR
Prints each mismatch and closes with "N passed, N failed, N skipped"."""
import json, os, subprocess, sys

def main():
    args = sys.argv[1:]
    evm, only = 'build/evm', None
    while args and args[0].startswith('--'):
        if args[0] == '--evm': evm = args[1]; args = args[2:]
        elif args[0] == '--fork': only = args[1]; args = args[2:]
        else: sys.exit(__doc__)
    if len(args) != 1: sys.exit(__doc__)
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(args[0]) for f in fs if f.endswith('.json'))
    passed = failed = skipped = fixture_differs = 0
    for path in files:
        # statetest's roots, one stdout line per entry, in file order
        cmd = [evm, 'statetest', '--json'] + (['--fork', only] if only else []) + [path]
        out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
        roots = [json.loads(l) for l in out.splitlines() if l.startswith('{')]
        k = 0
        tests = json.load(open(path))
        for name, t in tests.items():
            for fork, entries in t['post'].items():
                if only and fork != only:
                    continue
                for e in entries:
                    if k >= len(roots) or roots[k]['name'] != name or roots[k]['fork'] != fork:
                        skipped += 1           # a fork statetest does not run
                        continue
                    want = roots[k]['stateRoot']; k += 1
                    inp = render(t, fork, e)
                    if inp is None:
                        skipped += 1
                        continue
                    chain = t.get('config', {}).get('chainid', '0x1')
                    r = subprocess.run([evm, 't8n', '--input.alloc', 'stdin', '--input.env', 'stdin',
                                        '--input.txs', 'stdin', '--output.result', 'stdout',
                                        '--output.alloc', '', '--state.fork', fork, '--state-test',
                                        '--state.chainid', str(int(chain, 16) if chain.startswith('0x') else chain)],
                                       input=json.dumps(inp), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                    got = logs = None
                    try:
                        res = json.loads(r.stdout)['result']
                        got, logs = res['stateRoot'], res['logsHash']
                    except Exception: pass
                    if got == want and (logs == e['logs'] or want != e['hash']):
                        passed += 1
                        if want != e['hash']:
                            fixture_differs += 1   # statetest fails this entry too
                    else:
                        failed += 1
                        print('FAIL %s:%s:%s:%s t8n %s statetest %s fixture %s logs %s/%s %s' % (path, name, fork,
                              e['indexes'], got, want, e['hash'], logs, e['logs'], r.stderr.strip()[:200]))
    if fixture_differs:
        print('%d of the passed entries differ from the fixture in statetest too' % fixture_differs)
    print('%d passed, %d failed, %d skipped' % (passed, failed, skipped))
    return 1 if failed else 0

def render(t, fork, e):
    tx, ix = t['transaction'], e['indexes']
    if 'secretKey' not in tx:
        return None
    env = dict(t['env'])
    merged = fork not in ('Frontier', 'Homestead', 'EIP150', 'EIP158', 'Byzantium', 'Constantinople',
                          'ConstantinopleFix', 'Istanbul', 'Berlin', 'London')
    if merged:
        env.pop('currentDifficulty', None)
    else:
        env.pop('currentRandom', None)
    j = {'nonce': tx['nonce'], 'gas': tx['gasLimit'][ix['gas']], 'value': tx['value'][ix['value']],
         'input': tx['data'][ix['data']], 'to': tx.get('to') or None, 'secretKey': tx['secretKey'],
         'v': '0x0', 'r': '0x0', 's': '0x0'}
    if any(str(x).startswith('0x:bigint') for x in (j['nonce'], j['gas'], j['value'])):
        return None
    al = tx.get('accessLists')
    al = al[ix['data']] if al and ix['data'] < len(al) else None
    chain = t.get('config', {}).get('chainid', '0x1')
    if 'authorizationList' in tx: ty = 4
    elif 'blobVersionedHashes' in tx: ty = 3
    elif 'maxFeePerGas' in tx: ty = 2
    elif al is not None: ty = 1
    else: ty = 0
    j['type'] = hex(ty)
    if ty == 0:
        j['gasPrice'] = tx['gasPrice']; j['protected'] = False
    else:
        j['chainId'] = chain
        j['accessList'] = al or []
        if ty == 1: j['gasPrice'] = tx['gasPrice']
        else: j['maxFeePerGas'] = tx['maxFeePerGas']; j['maxPriorityFeePerGas'] = tx['maxPriorityFeePerGas']
    if ty == 3:
        j['maxFeePerBlobGas'] = tx['maxFeePerBlobGas']; j['blobVersionedHashes'] = tx['blobVersionedHashes']
    if ty == 4:
        j['authorizationList'] = tx['authorizationList']
    return {'alloc': t['pre'], 'env': env, 'txs': [j]}

if __name__ == '__main__':
    sys.exit(main())
