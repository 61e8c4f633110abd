// seeds_curves.mjs - the seeds that need elliptic curves (fuzz/seeds.py writes the rest):
// the corpus fuzz/corpus/precompile/ of fuzz_precompile.c (valid, and a few broken, inputs
// for every precompile) and signed EIP-7702 (type 4) transactions for fuzz/corpus/tx/,
// made with @noble/curves 2.4.0 and @noble/hashes (the difftest's oracle dependencies,
// installed under build/ejs by `make difftest-deps`; never dependencies of the library).
// Run from the repository root:
//   make difftest-deps && node fuzz/seeds_curves.mjs
// Each seed: [which] [fork] [gas: 3 bytes] input (see fuzz_precompile.c). Scalars and keys
// come from fixed numbers, so the corpus is the same on every run. The point evaluation
// seed is go-ethereum's core/vm/testdata/precompiles/pointEvaluation.json case
// pointEvaluation1 (data, also in tests/test_precompiles.c); the blake2f seed is EIP-152's
// test vector 5 (the "abc" compression, 12 rounds).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const NM = path.resolve('build/ejs/node_modules');
const esm = (p) => import(pathToFileURL(path.join(NM, p)).href);
const { bls12_381: BLS } = await esm('@noble/curves/bls12-381.js');
const { bn254: BN } = await esm('@noble/curves/bn254.js');
const { p256: P256 } = await esm('@noble/curves/nist.js');
const { secp256k1: K1 } = await esm('@noble/curves/secp256k1.js');

const OUT = 'fuzz/corpus/precompile';
fs.mkdirSync(OUT, { recursive: true });
const WHICH = { 1: 0, 2: 1, 3: 2, 4: 3, 5: 4, 6: 5, 7: 6, 8: 7, 9: 8, 10: 9, 11: 10, 12: 11, 13: 12,
  14: 13, 15: 14, 16: 15, 17: 16, 0x100: 17 };
const FORK = { Cancun: 0, Prague: 1, Osaka: 2 };
function seed(name, addr, fork, gas, hex, flags = 0) {
  const h = Buffer.from([WHICH[addr], FORK[fork] | flags, (gas >> 16) & 255, (gas >> 8) & 255, gas & 255]);
  fs.writeFileSync(path.join(OUT, name), Buffer.concat([h, Buffer.from(hex, 'hex')]));
}
const hexN = (v, n) => BigInt.asUintN(8 * n, v).toString(16).padStart(2 * n, '0');
const h32 = (v) => hexN(v, 32), h64 = (v) => hexN(v, 64);

// ---- BLS12-381 (EIP-2537 encodings: 64-byte field elements, Fp2 as c0 || c1)
const G1 = BLS.G1.Point, G2 = BLS.G2.Point, R = BLS.fields.Fr.ORDER, P = BLS.fields.Fp.ORDER;
const g1 = (p) => (p.equals(G1.ZERO) ? '00'.repeat(128) : ((a) => h64(a.x) + h64(a.y))(p.toAffine()));
const g2 = (p) => (p.equals(G2.ZERO) ? '00'.repeat(256) :
  ((a) => h64(a.x.c0) + h64(a.x.c1) + h64(a.y.c0) + h64(a.y.c1))(p.toAffine()));
const s = [0x1234567n, 0xdeadbeefcafebabe1234n, R - 2n, 3n];
const A1 = G1.BASE.multiply(s[0]), B1 = G1.BASE.multiply(s[1]);
const A2 = G2.BASE.multiply(s[0]), B2 = G2.BASE.multiply(s[1]);
seed('g1add', 11, 'Prague', 375, g1(A1) + g1(B1));
seed('g1add_double', 11, 'Osaka', 1000, g1(A1) + g1(A1));
seed('g1add_negation', 11, 'Prague', 375, g1(A1) + g1(A1.negate()));
seed('g1add_infinity', 11, 'Osaka', 375, g1(G1.ZERO) + g1(B1));
seed('g1add_not_on_curve', 11, 'Prague', 5000, h64(1n) + h64(1n) + g1(B1));
seed('g1add_x_not_canonical', 11, 'Prague', 5000, h64(A1.toAffine().x + P) + h64(A1.toAffine().y) + g1(B1));
seed('g1add_cancun', 11, 'Cancun', 375, g1(A1) + g1(B1));
seed('g2add', 13, 'Prague', 600, g2(A2) + g2(B2));
seed('g2add_double', 13, 'Osaka', 600, g2(B2) + g2(B2));
seed('g2add_infinity', 13, 'Osaka', 600, g2(A2) + g2(G2.ZERO));
seed('g1msm_1', 12, 'Prague', 12000, g1(A1) + h32(s[2]));
seed('g1msm_3', 12, 'Osaka', 40000, g1(A1) + h32(s[1]) + g1(B1) + h32(s[2]) + g1(G1.BASE) + h32(0n));
seed('g1msm_scalar_r', 12, 'Osaka', 40000, g1(B1) + h32(R) + g1(A1) + h32((1n << 256n) - 1n));
seed('g2msm_1', 14, 'Prague', 22500, g2(A2) + h32(s[3]));
seed('g2msm_2', 14, 'Osaka', 50000, g2(A2) + h32(s[1]) + g2(B2) + h32(s[2]));
// e(aP, bQ) e(-abP, Q) = 1
const ab = (s[0] * s[1]) % R;
seed('pairing_holds', 15, 'Prague', 102900, g1(A1) + g2(B2) + g1(G1.BASE.multiply(ab).negate()) + g2(G2.BASE));
seed('pairing_holds_3', 15, 'Osaka', 135500, g1(A1) + g2(B2) + g1(G1.ZERO) + g2(A2) +
  g1(G1.BASE.multiply(ab).negate()) + g2(G2.BASE));
seed('pairing_fails', 15, 'Osaka', 70300, g1(A1) + g2(B2));
seed('map_fp_to_g1', 16, 'Prague', 5500, h64(0x0123456789abcdefn * 0xfedcba9876543210n));
seed('map_fp_to_g1_p_minus_1', 16, 'Osaka', 5500, h64(P - 1n));
seed('map_fp2_to_g2', 17, 'Prague', 23800, h64(0x1111n * 0xabcdefn) + h64(P - 3n));
seed('map_fp2_to_g2_zero', 17, 'Osaka', 23800, h64(0n) + h64(0n));

// ---- P256VERIFY (EIP-7951): hash || r || s || x || y
function p256(hash, sk, lowS) {
  const hb = Buffer.from(h32(hash), 'hex'), skb = Buffer.from(h32(sk), 'hex');
  const pub = Buffer.from(P256.getPublicKey(skb, false)).toString('hex').slice(2);
  const sig = Buffer.from(P256.sign(hb, skb, { prehash: false, lowS })).toString('hex');
  return h32(hash) + sig + pub;
}
seed('p256verify', 0x100, 'Osaka', 6900, p256(0xabcdef0123456789n ** 3n, 0x1234567890abcdefn ** 2n, true));
seed('p256verify_high_s', 0x100, 'Osaka', 6900, p256(0x55555n ** 11n, 0x77777777n ** 5n, false));
seed('p256verify_bad_hash', 0x100, 'Osaka', 6900, p256(0x99n ** 20n, 12345n, true).replace(/^../, 'ff'));
seed('p256verify_prague', 0x100, 'Prague', 6900, p256(7n, 8n, true));

// ---- ecrecover: hash || v || r || s
{
  const hash = Buffer.from(h32(0x4242n ** 15n), 'hex'), sk = Buffer.from(h32(0x31415926535n ** 3n), 'hex');
  const sig = Buffer.from(K1.sign(hash, sk, { prehash: false, format: 'recovered' }));
  // 'recovered': the recovery byte first, then r || s
  seed('ecrecover', 1, 'Cancun', 3000, hash.toString('hex') + h32(27n + BigInt(sig[0])) + sig.subarray(1).toString('hex'));
}

// ---- bn254 (EIP-196/197: G2 as x.c1 || x.c0 || y.c1 || y.c0)
{
  const B1g = BN.G1.Point, B2g = BN.G2.Point;
  const bg1 = (p) => ((a) => h32(a.x) + h32(a.y))(p.toAffine());
  const bg2 = (p) => ((a) => h32(a.x.c1) + h32(a.x.c0) + h32(a.y.c1) + h32(a.y.c0))(p.toAffine());
  const X = B1g.BASE.multiply(5n), Y = B1g.BASE.multiply(0xabcdefn);
  seed('bn254_add', 6, 'Prague', 150, bg1(X) + bg1(Y));
  seed('bn254_mul', 7, 'Osaka', 6000, bg1(Y) + h32(0x1234567890n ** 5n));
  seed('bn254_pairing', 8, 'Cancun', 113000, bg1(X) + bg2(B2g.BASE) + bg1(B1g.BASE.multiply(5n).negate()) + bg2(B2g.BASE));
}

// ---- the others
seed('sha256', 2, 'Cancun', 200, Buffer.from('abc').toString('hex'));
seed('ripemd160', 3, 'Prague', 1000, Buffer.from('message digest').toString('hex'));
seed('identity', 4, 'Osaka', 100, '0102030405');
seed('modexp_small', 5, 'Prague', 1000, h32(1n) + h32(1n) + h32(2n) + '03' + '05' + '0101');
seed('modexp_osaka', 5, 'Osaka', 100000, h32(32n) + h32(32n) + h32(32n) + h32(3n ** 100n) + h32(-2n) + h32((1n << 255n) + 19n));
seed('modexp_osaka_too_long', 5, 'Osaka', 100000, h32(1025n) + h32(1n) + h32(1n));
seed('blake2f', 9, 'Cancun', 12, '0000000c48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b' +
  '6162630000000000000000000000000000000000000000000000000000000000' + '00'.repeat(96) + '0300000000000000' + '0000000000000000' + '01');
seed('point_evaluation', 10, 'Osaka', 50000,
  '01e798154708fe7789429634053cbf9f99b619f9f084048927333fce637f549b' +
  '564c0a11a0f704f4fc3e8acfe0f8245f0ad1347b378fbf96e206da11a5d36306' +
  '24d25032e67a7e6a4910df5834b8fe70e6bcfeeac0352434196bdf4b2485d5a1' +
  '8f59a8d2a1a625a17f3fea0fe5eb8c896db3764f3185481bc22f91b4aaffcca25f26936857bc3a7c2539ea8ec3a952b7' +
  '873033e038326e87ed3e1276fd140253fa08e9fc25fb2d9a98527fc22a2c9612fbeafdad446cbc7bcdbdcd780af2c16a');
// a failing allocator (fork byte 0x80 | k << 2) on the calls that allocate most
seed('g1msm_alloc_fails', 12, 'Prague', 12000, g1(A1) + h32(s[2]), 0x80);
seed('modexp_alloc_fails', 5, 'Osaka', 100000, h32(32n) + h32(32n) + h32(32n) + h32(5n) + h32(-1n) + h32(-1n), 0x80 | 4);
console.log(`${fs.readdirSync(OUT).length} seeds in ${OUT}`);

// ---- type 4 transactions: 0x04 || rlp([chain_id, nonce, max_priority_fee, max_fee, gas,
// to, value, data, access_list, authorization_list, y_parity, r, s]); an authorization
// [chain_id, address, nonce, y_parity, r, s] signs keccak(0x05 || rlp([chain_id, address, nonce]))
const { keccak_256 } = await esm('@noble/hashes/sha3.js');
const be = (v) => { let h = BigInt(v).toString(16); if (h === '0') return Buffer.alloc(0); if (h.length % 2) h = '0' + h; return Buffer.from(h, 'hex'); };
function rlp(x) {
  const len = (n, off) => (n < 56 ? Buffer.from([off + n]) : ((b) => Buffer.concat([Buffer.from([off + 55 + b.length]), b]))(be(n)));
  if (Array.isArray(x)) { const body = Buffer.concat(x.map(rlp)); return Buffer.concat([len(body.length, 0xc0), body]); }
  const b = Buffer.isBuffer(x) ? x : be(x);
  return b.length === 1 && b[0] < 0x80 ? b : Buffer.concat([len(b.length, 0x80), b]);
}
const addrOf = (sk) => Buffer.from(keccak_256(K1.getPublicKey(sk, false).subarray(1))).subarray(12);
const key = (n) => Buffer.from(h32(BigInt(n)), 'hex');
function sign(hash, sk) {
  const sig = Buffer.from(K1.sign(hash, sk, { prehash: false, format: 'recovered' }));
  return [BigInt(sig[0]), BigInt('0x' + sig.subarray(1, 33).toString('hex')), BigInt('0x' + sig.subarray(33).toString('hex'))];
}
function auth(chainId, address, nonce, sk) {
  const h = keccak_256(Buffer.concat([Buffer.from([5]), rlp([chainId, address, nonce])]));
  return [chainId, address, nonce, ...sign(h, sk)];
}
function tx4(name, f) {
  const sk = key(0xa11ce);
  const fields = [f.chainId ?? 1, f.nonce ?? 0, 2, 1000, f.gas ?? 100000, Buffer.from('00000000000000000000000000000000000000c2', 'hex'),
    f.value ?? 0, f.data ?? Buffer.alloc(0), f.accessList ?? [], f.auths];
  const h = keccak_256(Buffer.concat([Buffer.from([4]), rlp(fields)]));
  fs.writeFileSync(path.join('fuzz/corpus/tx', name), Buffer.concat([Buffer.from([4]), rlp([...fields, ...sign(h, sk)])]));
}
const target = Buffer.from('00000000000000000000000000000000000000c3', 'hex');
const sender = addrOf(key(0xa11ce));
tx4('type4_any_chain_access_list', { auths: [auth(0, target, 0, key(0xb0b))], data: Buffer.from('c0ffee', 'hex'),
  accessList: [[target, [key(1), key(2)]]], value: 7 });
tx4('type4_self_sponsored', { auths: [auth(1, target, 1, key(0xa11ce)), auth(1, sender, 0, key(0xc4a7))] });
tx4('type4_clear_delegation', { auths: [auth(1, Buffer.alloc(20), 0, key(0xb0b))] });
tx4('type4_bad_auths', { auths: [[1, target, 0, 0, 0, 0], auth(7, target, 0, key(0xd00d)),
  auth(1, target, (1n << 64n) - 1n, key(0xe1e))] });
tx4('type4_empty_auth_list', { auths: [] });
tx4('type4_auth_nonce_2_64', { auths: [auth(1, target, 1n << 64n, key(0xf00))] });
console.log('type 4 transactions in fuzz/corpus/tx');
