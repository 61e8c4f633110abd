#!/usr/bin/env python3
"""Generates tests/vectors/u256_vectors.h: expected results of the 256-bit opcodes and
Keccak-256, computed with Python's big integers and a small pure-Python Keccak, an
implementation independent of evm.h. Run: python3 tests/vectors/gen_u256_vectors.py"""
import random

M = 1 << 256
def s(x): return x - M if x >> 255 else x          # to signed
def u(x): return x % M                             # to unsigned

def div(a, b): return 0 if b == 0 else a // b
def mod(a, b): return 0 if b == 0 else a % b
def sdiv(a, b):
    if b == 0: return 0
    x, y = s(a), s(b)
    q = abs(x) // abs(y)
    return u(-q if (x < 0) != (y < 0) else q)
def smod(a, b):
    if b == 0: return 0
    x, y = s(a), s(b)
    r = abs(x) % abs(y)
    return u(-r if x < 0 else r)
def addmod(a, b, m): return 0 if m == 0 else (a + b) % m
def mulmod(a, b, m): return 0 if m == 0 else (a * b) % m
def exp(a, b): return pow(a, b, M)
def signextend(b, x):
    if b >= 31: return x
    bit = b * 8 + 7
    if (x >> bit) & 1: return x | (M - (1 << (bit + 1)))
    return x & ((1 << (bit + 1)) - 1)
def byte(i, x): return 0 if i >= 32 else (x >> (8 * (31 - i))) & 0xff
def shl(sh, x): return 0 if sh >= 256 else (x << sh) % M
def shr(sh, x): return 0 if sh >= 256 else x >> sh
def sar(sh, x):
    v = s(x)
    if sh >= 256: return u(-1) if v < 0 else 0
    return u(v >> sh)

BIN = [("add", lambda a, b: (a + b) % M), ("sub", lambda a, b: (a - b) % M),
       ("mul", lambda a, b: (a * b) % M), ("div", div), ("sdiv", sdiv), ("mod", mod),
       ("smod", smod), ("exp", exp), ("signextend", signextend), ("byte", byte),
       ("shl", shl), ("shr", shr), ("sar", sar)]
TER = [("addmod", addmod), ("mulmod", mulmod)]

edges = [0, 1, 2, 3, 7, 31, 32, 255, 256, 2**63 - 1, 2**63, 2**64 - 1, 2**64, 2**64 + 1,
         2**127, 2**128 - 1, 2**128, 2**192 - 1, 2**192, 2**255 - 1, 2**255, 2**255 + 1,
         M - 2, M - 1, 0x8000000000000000ffffffffffffffff,
         0xffffffffffffffff0000000000000001, 0x123456789abcdef0fedcba9876543210,
         0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe]
rnd = random.Random(20261122)
def rand_word():
    k = rnd.choice([8, 16, 64, 65, 128, 130, 192, 200, 255, 256])
    v = rnd.getrandbits(k)
    if rnd.random() < 0.2: v |= (1 << (k - 1))
    return v % M

def hexw(x): return "%064x" % x

lines = []
def emit(op, args, res):
    lines.append('    {"%s", {%s}, "%s"},' % (op, ", ".join('"%s"' % hexw(a) for a in args), hexw(res)))

for name, f in BIN:
    pairs = [(a, b) for a in edges for b in edges if rnd.random() < 0.25]
    pairs += [(rand_word(), rand_word()) for _ in range(60)]
    if name in ("exp",):
        pairs += [(rand_word(), rnd.getrandbits(rnd.choice([8, 16, 64, 256]))) for _ in range(20)]
    if name in ("signextend", "byte", "shl", "shr", "sar"):
        pairs += [(rnd.randrange(0, 300), rand_word()) for _ in range(60)]
    for a, b in pairs:
        emit(name, (a, b), f(a, b))
for name, f in TER:
    triples = [(rnd.choice(edges), rnd.choice(edges), rnd.choice(edges)) for _ in range(150)]
    triples += [(rand_word(), rand_word(), rand_word()) for _ in range(100)]
    for a, b, m in triples:
        emit(name, (a, b, m), f(a, b, m))

# --- Keccak-256 (original padding), pure Python -----------------------------------
RC = [0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
      0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
      0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
      0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
      0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
      0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008]
ROT = [[0, 36, 3, 41, 18], [1, 44, 10, 45, 2], [62, 6, 43, 15, 61], [28, 55, 25, 21, 56],
       [27, 20, 39, 8, 14]]
def rol(x, n): return ((x << n) | (x >> (64 - n))) & (2**64 - 1) if n else x
def keccak_f(A):
    for rc in RC:
        C = [A[x][0] ^ A[x][1] ^ A[x][2] ^ A[x][3] ^ A[x][4] for x in range(5)]
        D = [C[(x - 1) % 5] ^ rol(C[(x + 1) % 5], 1) for x in range(5)]
        A = [[A[x][y] ^ D[x] for y in range(5)] for x in range(5)]
        B = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                B[y][(2 * x + 3 * y) % 5] = rol(A[x][y], ROT[x][y])
        A = [[B[x][y] ^ ((~B[(x + 1) % 5][y]) & B[(x + 2) % 5][y]) for y in range(5)] for x in range(5)]
        A[0][0] ^= rc
    return A
def keccak256(data):
    rate = 136
    msg = bytearray(data) + b"\x01"
    while len(msg) % rate: msg += b"\x00"
    msg[-1] ^= 0x80
    A = [[0] * 5 for _ in range(5)]
    for off in range(0, len(msg), rate):
        block = msg[off:off + rate]
        for i in range(rate // 8):
            A[i % 5][i // 5] ^= int.from_bytes(block[8 * i:8 * i + 8], "little")
        A = keccak_f(A)
    out = b""
    for i in range(4):
        out += A[i % 5][i // 5].to_bytes(8, "little")
    return out.hex()
assert keccak256(b"") == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
assert keccak256(b"abc") == "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"

klines = []
for n in [0, 1, 3, 31, 32, 33, 55, 56, 64, 100, 135, 136, 137, 200, 271, 272, 273, 1000]:
    data = bytes((i * 7 + n) & 0xff for i in range(n))
    klines.append('    {%d, "%s"},' % (n, keccak256(data)))

print("/* GENERATED by tests/vectors/gen_u256_vectors.py (Python big integers and a")
print("   pure-Python Keccak): do not edit. */")
print("typedef struct { const char *op; const char *args[3]; const char *result; } u256_vector;")
print("static const u256_vector u256_vectors[] = {")
print("\n".join(lines))
print("};")
print("/* keccak256 of n bytes b[i] = (7*i + n) & 0xff */")
print("typedef struct { int n; const char *hash; } keccak_vector;")
print("static const keccak_vector keccak_vectors[] = {")
print("\n".join(klines))
print("};")
