#!/usr/bin/env python3
"""seeds.py - writes the checked-in seed corpora fuzz/corpus/<target>/ (small, readable
inputs that reach each part quickly; libFuzzer grows its own corpus under build/fuzz/).
Run from the repository root: python3 fuzz/seeds.py [SHARED]  (SHARED: ../shared, for a
few state-test transactions and a state-test file as JSON seeds). The seeds that need
elliptic curves (fuzz/corpus/precompile/, signed type-4 transactions) come from
fuzz/seeds_curves.mjs."""
import glob, json, os, sys

root = 'fuzz/corpus'
shared = sys.argv[1] if len(sys.argv) > 1 else '../shared'

def write(target, name, data):
    d = os.path.join(root, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)

# ---- exec: header [fork, flags, gas(3), knob, input length, split] + code A + code B + input
def exec_seed(name, a, b='', inp='', fork=12, flags=0, gas=1000000, knob=0):
    a, b, inp = bytes.fromhex(a), bytes.fromhex(b), bytes.fromhex(inp)
    # split so that code[:k] == a, with k = len(code) * (s + 1) // 256 (pad A with STOPs)
    s = 255
    if b:
        while True:
            code = a + b
            xs = [x for x in range(256) if len(code) * (x + 1) // 256 == len(a)]
            if xs:
                s = xs[0]
                break
            a += b'\x00'
    code = a + b
    hdr = bytes([fork, flags, (gas >> 16) & 0xff, (gas >> 8) & 0xff, gas & 0xff, knob, len(inp), s])
    write('exec', name, hdr + code + inp)

CALL_B = '6000600060006000600060c25af1'          # CALL(gas, 0xc2, 0, 0, 0, 0, 0)
exec_seed('arith', '600260030160005260206000f3')
exec_seed('arith_frontier', '6002600302600a04600052600160ff0b60205260406000f3', fork=0)
exec_seed('sstore_refund', '6001600055600060005560016001556000600155', flags=0x40)
exec_seed('call_b', CALL_B + '3d6000803e3d6000f3', '60aa60005260206000f3')
exec_seed('call_b_value', '60006000600060006007' + '60c2' + '5af100', '600054600101600055', flags=0x20)
exec_seed('staticcall_b', '600060006000600060c25afa00', '6001600055', flags=0x10)
exec_seed('delegatecall_b', '600060006000600060c25af400', '6002600055')
exec_seed('callcode_b', '6000600060006000600060c25af200', '33600055')
exec_seed('create', '6c63ffffffff6000526004601cf3600052600d60136000f060005500')
exec_seed('create2', '600a6000600a60f6f5' '00', fork=7)
exec_seed('top_create', '600160005560206000f3', flags=0x02)
exec_seed('revert_b', CALL_B + '00', '60016000556001601ffd')
exec_seed('logs', '60aa60005360ff60016000a1600060006000a0')
exec_seed('sha256_pre', '602060006020600060026107d0fa00', inp='00' * 4)
exec_seed('ecrecover_pre', '3660006000376080600060806000600161ffff' 'fa00', inp='11' * 128)
exec_seed('selfdestruct', '60caff', fork=8)
exec_seed('selfdestruct_b', CALL_B + '00', '60caff', fork=3)
exec_seed('recurse_self', '60006000600060006000305af100', flags=0x04, knob=3)
exec_seed('recurse_deep', '600054600101600055600060006000600060003061c350f100', fork=0)
exec_seed('jumps', '6004565b5b600a565b00600456', )
exec_seed('jump_into_push', '6003566100005b00')
exec_seed('mcopy', '60206000600e5e600560105e60406000f3', fork=12)
exec_seed('transient', '600160025d60025c60005260206000f3')
exec_seed('blobhash', '60004960014960024900')
exec_seed('memory_big', '6001630100000052')
exec_seed('returndatacopy_oob', CALL_B + '6001600060003e', '60016000f3')
exec_seed('extcode', '60c23b60c23f6020600060c23c')
exec_seed('env', '303132333441424344454647484a')
exec_seed('oom_vm', '6001620100005200', flags=0x08, knob=1)
exec_seed('oom_state', '600160005560016001556001600255', flags=0x08, knob=5)
exec_seed('tracer', '600160020160005260206000f3', flags=0x10)
exec_seed('tx_call', '600160005500', flags=0x80, knob=2, inp='aabb')
exec_seed('tx_create', '60016000f3', flags=0x82, knob=3)
exec_seed('tx_legacy_frontier', '600160005500', fork=0, flags=0x80)
exec_seed('truncated_push', '7f0102')
exec_seed('stack_overflow', '5b5f600056', fork=12)

# ---- tx: a few transactions of each type from the state tests
txs = {}
for f in sorted(glob.glob(os.path.join(shared, 'ethereum-tests/GeneralStateTests/**/*.json'), recursive=True)):
    try:
        d = json.load(open(f))
    except Exception:
        continue
    for t in d.values():
        for entries in t.get('post', {}).values():
            for e in entries:
                tb = bytes.fromhex(e['txbytes'][2:])
                ty = tb[0] if tb[0] < 4 else 0
                key = (ty, 'expectException' in e)
                if len(tb) < 400 and len(txs.get(key, [])) < 4:
                    txs.setdefault(key, []).append(tb)
# type 4 (EIP-7702) from the EEST fixtures, when they are unpacked under build/eest
for f in sorted(glob.glob('build/eest/state_tests/prague/eip7702_set_code_tx/*.json')):
    d = json.load(open(f))
    for t in d.values():
        for entries in t.get('post', {}).values():
            for e in entries:
                tb = bytes.fromhex(e['txbytes'][2:])
                key = (tb[0], 'expectException' in e)
                if tb[0] == 4 and len(tb) < 600 and len(txs.get(key, [])) < 4:
                    txs.setdefault(key, []).append(tb)
for (ty, bad), lst in sorted(txs.items()):
    for i, tb in enumerate(lst):
        write('tx', f'type{ty}{"_invalid" if bad else ""}_{i}', tb)
write('tx', 'eip155_example', bytes.fromhex(
    'f86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a7'
    '6400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a0'
    '67cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83'))
write('tx', 'long_list', bytes.fromhex('f84b8080808080b840' + '01' * 64 + '1b8080'))

# ---- block: the first blocks of a few blockchain tests (execution-spec-tests, unpacked
# by `make eest` into build/eest), one per network and kind
eest = 'build/eest/blockchain_tests'
picks = [
    ('frontier/validation/test_tx_nonce.json', 'fork_Frontier-blockchain_test-nonce_diff_0', 'frontier_transfer'),
    ('frontier/validation/test_tx_nonce.json', 'fork_Shanghai-blockchain_test-nonce_diff_0', 'shanghai_transfer'),
    ('shanghai/eip4895_withdrawals/test_withdrawing_to_precompiles.json', 'fork_Shanghai', 'shanghai_withdrawals'),
    ('cancun/eip4844_blobs/test_blob_tx_attribute_opcodes.json', 'fork_Cancun', 'cancun_blobs'),
    ('prague/eip6110_deposits/test_eip_6110.json', 'fork_Prague', 'prague_deposits'),
    ('prague/eip6110_deposits/test_invalid_layout.json', 'fork_Osaka', 'osaka_bad_deposit'),
    ('osaka/eip7918_blob_reserve_price/test_reserve_price_at_transition.json', 'BPO1ToBPO2', 'bpo_transition'),
]
for path, key, name in picks:
    f = os.path.join(eest, path)
    if not os.path.exists(f):
        continue
    for test, v in json.load(open(f)).items():
        if key in test:
            write('block', name, bytes.fromhex(v['blocks'][0]['rlp'][2:]))
            break

# ---- json
for name, text in [
    ('object', '{"a": [1, -2.5e3, true, false, null], "b": {"c": "x\\u00e9\\ud83d\\ude00\\n"}}'),
    ('numbers', '[0, -0, 1e10, 0x10, "0x", "0x0a", "12345678901234567890123", 18446744073709551616]'),
    ('addresses', '{"to": "0x095e7baea6a6c7c4c2dfeb977efac326af552d87", "k": "0x01", "h": "0xabcd"}'),
    ('escapes', '["\\"\\\\\\/\\b\\f\\n\\r\\t", "\\u0000", ""]'),
    ('deep', '[' * 50 + ']' * 50),
    ('bad_trailing', '[1, 2,]'),
    ('bad_surrogate', '"\\udc00"'),
]:
    write('json', name, text.encode())
small = sorted(glob.glob(os.path.join(shared, 'ethereum-tests/GeneralStateTests/Cancun/stEIP1153-transientStorage/1*.json')))
if small:
    write('json', 'statetest', open(small[0], 'rb').read())

# ---- memory: [mode] then operations (see fuzz_memory.c)
write('memory', 'memory_ops', bytes([0, 0, 0, 5, 1, 0, 64, 0, 0x10, 0,   2, 0, 0, 3, 0, 8, 0x77,
                                     0x80, 2, 1, 0, 1, 0, 0x20, 0, 0, 0x10, 0,  3,  4, 0, 200,
                                     1, 3, 0, 0, 0x80,  1, 6, 1, 0, 0, 0x81,  5, 0, 1, 0]))
write('memory', 'memory_huge', bytes([0, 0, 4, 10, 0, 0x20, 0x80, 0, 3, 5, 0, 0x20, 0x85, 0, 5, 3, 0, 2, 0x7f]))
write('memory', 'arena_static', bytes([1, 0x01, 0x00, 0x00, 7, 0, 1, 0, 16, 1, 0, 2, 0, 0, 0x10, 0, 1, 1, 0, 0xff, 3]))
write('memory', 'arena_growing', bytes([2, 5, 0, 0x40, 0, 0, 3, 0x20, 0, 0, 3, 0x20, 0, 0, 0xfe, 0, 1, 1, 0, 3, 0, 1]))
write('memory', 'arena_failing', bytes([2, 4, 1, 0, 3, 0x10, 0, 0, 3, 0x10, 0, 0, 3, 0x10, 0, 1, 1, 1]))
