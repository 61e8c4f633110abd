#!/usr/bin/env python3
"""gen_coinbase_touch.py - writes tests/statetest/coinbase_touch.json, a legacy-format
(retesteth-filled style) state test whose only post entries are transactions that are
invalid before anything runs, under Frontier, Homestead, EIP150 and EIP158.

The legacy convention (geth's state-test runner, which filled those suites): after the
transaction, valid or not, the coinbase is credited with a zero reward. Before EIP-161
(Frontier..EIP150) that touch creates an empty coinbase account, so the expected root is
the pre-state plus that account; from EIP158 on the empty account is not kept. The roots
here are computed independently of the C code: Keccak-256 and the Merkle-Patricia trie
are written out below from the Yellow Paper's definitions."""
import json, sys

# ---- Keccak-256 (the original padding 0x01, not SHA3's 0x06) ----
RC = [0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
      0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
      0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
      0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
      0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
      0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008]
ROT = [[0, 36, 3, 41, 18], [1, 44, 10, 45, 2], [62, 6, 43, 15, 61], [28, 55, 25, 21, 56],
       [27, 20, 39, 8, 14]]
M = (1 << 64) - 1
def rol(x, n): return ((x << n) | (x >> (64 - n))) & M if n else x
def keccak_f(a):
    for rc in RC:
        c = [a[x][0] ^ a[x][1] ^ a[x][2] ^ a[x][3] ^ a[x][4] for x in range(5)]
        d = [c[(x - 1) % 5] ^ rol(c[(x + 1) % 5], 1) for x in range(5)]
        a = [[a[x][y] ^ d[x] for y in range(5)] for x in range(5)]
        b = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                b[y][(2 * x + 3 * y) % 5] = rol(a[x][y], ROT[x][y])
        a = [[b[x][y] ^ (~b[(x + 1) % 5][y] & b[(x + 2) % 5][y]) for y in range(5)] for x in range(5)]
        a[0][0] ^= rc
    return a
def keccak(data):
    rate = 136
    p = bytearray(data) + b'\x01' + b'\x00' * ((-len(data) - 1) % rate)
    p[-1] |= 0x80
    a = [[0] * 5 for _ in range(5)]
    for off in range(0, len(p), rate):
        for i in range(rate // 8):
            a[i % 5][i // 5] ^= int.from_bytes(p[off + 8 * i: off + 8 * i + 8], 'little')
        a = keccak_f(a)
    return b''.join(a[i % 5][i // 5].to_bytes(8, 'little') for i in range(4))
assert keccak(b'').hex() == 'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470'

# ---- RLP and the trie ----
def rlp(x):
    if isinstance(x, list):
        p = b''.join(rlp(i) for i in x)
        return (bytes([0xc0 + len(p)]) if len(p) < 56 else
                bytes([0xf7 + len(L(len(p)))]) + L(len(p))) + p
    if len(x) == 1 and x[0] < 0x80:
        return x
    return (bytes([0x80 + len(x)]) if len(x) < 56 else bytes([0xb7 + len(L(len(x)))]) + L(len(x))) + x
def L(n): return n.to_bytes((n.bit_length() + 7) // 8, 'big')
def num(n): return L(n) if n else b''
def hp(nibs, leaf):
    f = (2 if leaf else 0) + (len(nibs) & 1)
    nibs = ([f] if len(nibs) & 1 else [f, 0]) + nibs
    return bytes(16 * nibs[i] + nibs[i + 1] for i in range(0, len(nibs), 2))
def node(items):          # items: [(nibbles, value)], returns the node's RLP structure
    if len(items) == 1:
        return [hp(items[0][0], True), items[0][1]]
    pre = 0
    while all(len(k) > pre for k, _ in items) and len({k[pre] for k, _ in items}) == 1:
        pre += 1
    if pre:
        return [hp(items[0][0][:pre], False), ref(node([(k[pre:], v) for k, v in items]))]
    br = [b''] * 17
    for n in range(16):
        sub = [(k[1:], v) for k, v in items if k and k[0] == n]
        if sub:
            br[n] = ref(node(sub))
    for k, v in items:
        if not k:
            br[16] = v
    return br
def ref(n):
    e = rlp(n)
    return n if len(e) < 32 else keccak(e)
def root(kv):
    if not kv:
        return keccak(rlp(b''))
    items = [([(k[j // 2] >> 4) if j % 2 == 0 else k[j // 2] & 15 for j in range(64)], v)
             for k, v in kv.items()]
    return keccak(rlp(node(items)))
EMPTY_ROOT = keccak(rlp(b''))
EMPTY_CODE = keccak(b'')
def account(balance, nonce):
    return rlp([num(nonce), num(balance), EMPTY_ROOT, EMPTY_CODE])
def state_root(accounts):   # {address bytes: (balance, nonce)}
    return root({keccak(a): account(b, n) for a, (b, n) in accounts.items()})

SENDER = bytes.fromhex('a94f5374fce5edbc8e2a8697c15331677e6ebf0b')
TO = bytes.fromhex('095e7baea6a6c7c4c2dfeb977efac326af552d87')
COINBASE = bytes.fromhex('2adc25665018aa1fe0e6bc666dac8fc2697ff9ba')
pre = {SENDER: (10**18, 0)}
with_coinbase = dict(pre)
with_coinbase[COINBASE] = (0, 0)
touched = '0x' + state_root(with_coinbase).hex()
untouched = '0x' + state_root(pre).hex()
LOGS = '0x' + keccak(rlp([])).hex()

def post(fork, root_hex):
    # gas index 0: 20999 < 21000 intrinsic gas; gas index 1: the sender cannot pay 10^18 gas
    return [{"indexes": {"data": 0, "gas": g, "value": 0}, "hash": root_hex, "logs": LOGS,
             "expectException": e}
            for g, e in ((0, "TransactionException.INTRINSIC_GAS_TOO_LOW"),
                         (1, "TransactionException.INSUFFICIENT_ACCOUNT_FUNDS"))]
test = {"coinbase_touch": {
    "_info": {"comment": "generated by tests/vectors/gen_coinbase_touch.py",
              "filling-rpc-server": "legacy convention (zero coinbase reward after every transaction)"},
    "env": {"currentCoinbase": '0x' + COINBASE.hex(), "currentDifficulty": "0x020000",
            "currentGasLimit": "0x7fffffffffffffff", "currentNumber": "0x01",
            "currentTimestamp": "0x03e8"},
    "pre": {'0x' + SENDER.hex(): {"balance": hex(10**18), "code": "0x", "nonce": "0x00", "storage": {}}},
    "transaction": {"data": ["0x"], "gasLimit": ["0x5207", hex(10**18)], "gasPrice": "0x0a",
                    "nonce": "0x00", "to": '0x' + TO.hex(), "value": ["0x00"],
                    "sender": '0x' + SENDER.hex(),
                    "secretKey": "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8"},
    "post": {"Frontier": post("Frontier", touched), "Homestead": post("Homestead", touched),
             "EIP150": post("EIP150", touched), "EIP158": post("EIP158", untouched)}}}
json.dump(test, sys.stdout, indent=2)
print()
