// gen_ec_vectors.mjs - known-answer vectors for tests/test_secp256k1.c and tests/test_bn254.c,
// computed with an independent implementation: @noble/curves (and @noble/hashes).
//
// Run it from a scratch directory outside the repository (ES modules find their packages next
// to the script, so copy it there; node_modules never goes into the repository):
//
//   mkdir -p /tmp/vec && cd /tmp/vec && npm init -y && npm install @noble/curves @noble/hashes
//   cp <repo>/tests/vectors/gen_ec_vectors.mjs /tmp/vec/
//   node gen_ec_vectors.mjs secp     # -> the secp_vectors[] array of tests/test_secp256k1.c
//   node gen_ec_vectors.mjs p256     # -> the p256_vectors[] array of tests/test_p256.c
//   node gen_ec_vectors.mjs bn254    # -> the bn_*_vectors[] arrays and white-box values of
//                                    #    tests/test_bn254.c
//
// The output is deterministic (the "random" numbers are keccak256 of a counter) and is
// pasted into the tests as is. The precompile rules (EIP-196/197 input validation, (0,0) as
// infinity, empty pairing = true, ecrecover's r/s range) are written out here on top of
// noble's curve arithmetic, which is where the answers come from.
// Written with @noble/curves 2.4.0 and @noble/hashes 2.4.0.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bn254 } from '@noble/curves/bn254.js';
import { p256 } from '@noble/curves/nist.js';
import { keccak_256 } from '@noble/hashes/sha3.js';

const hex = (b) => Buffer.from(b).toString('hex');
const be32 = (x) => x.toString(16).padStart(64, '0');
const fromHex = (h) => BigInt('0x' + h);
const utf8 = (s) => new TextEncoder().encode(s);
// deterministic "random" 256-bit numbers
let ctr = 0;
const rnd = () => fromHex(hex(keccak_256(utf8('gen_ec_vectors ' + ctr++))));
const cstr = (s) => '"' + s + '"';
// long hex strings are split into C string literals of 64 characters
const chex = (h, indent) => {
  if (h.length <= 64) return cstr(h);
  const parts = [];
  for (let i = 0; i < h.length; i += 64) parts.push(cstr(h.slice(i, i + 64)));
  return parts.join('\n' + indent);
};

// ---------------------------------------------------------------------------------------
// secp256k1 ecrecover
// ---------------------------------------------------------------------------------------
function secp() {
  const N = secp256k1.Point.Fn.ORDER;
  const P = secp256k1.Point.Fp.ORDER;
  const G = secp256k1.Point.BASE;
  const out = [];
  const skey = (d) => Uint8Array.from(Buffer.from(be32(d), 'hex'));
  // the reference answer: noble's SEC 1 recovery, or invalid if noble refuses
  const recover = (hash, r, s, recid) => {
    try {
      const sig = new secp256k1.Signature(r, s, recid);
      const q = sig.recoverPublicKey(hash);
      q.assertValidity();
      return hex(q.toBytes(false)).slice(2);
    } catch (e) {
      return null;
    }
  };
  const add = (name, hash, r, s, recid) => {
    const pub = recover(hash, r, s, recid);
    out.push({ name, hash: hex(hash), r: be32(r), s: be32(s), recid, pub });
  };
  const keys = [1n, 2n, 3n, N - 1n, rnd() % N, rnd() % N, rnd() % N];
  keys.forEach((d, i) => {
    const hash = keccak_256(utf8('message ' + i));
    const sig = secp256k1.Signature.fromBytes(
      secp256k1.sign(hash, skey(d), { prehash: false, format: 'recovered' }), 'recovered');
    add(`key ${i} signature`, hash, sig.r, sig.s, sig.recovery);
    // the other recovery id recovers another key (or none): still a valid answer
    add(`key ${i} other recovery id`, hash, sig.r, sig.s, sig.recovery ^ 1);
    // high s: the same key with the flipped parity (no low-s rule in the precompile)
    if (i < 3) add(`key ${i} high s`, hash, sig.r, N - sig.s, sig.recovery ^ 1);
  });
  const h = keccak_256(utf8('edge'));
  const sig = secp256k1.Signature.fromBytes(
    secp256k1.sign(h, skey(7n), { prehash: false, format: 'recovered' }), 'recovered');
  const r = sig.r, s = sig.s, v = sig.recovery;
  const b = (x) => Uint8Array.from(Buffer.from(be32(x), 'hex'));
  add('hash 0', b(0n), r, s, 0);
  add('hash n (reduces to 0)', b(N), r, s, 1);
  add('hash 2^256-1 (reduced mod n)', b((1n << 256n) - 1n), r, s, 0);
  add('r = 1', h, 1n, s, 0);
  add('s = 1', h, r, 1n, v);
  add('r = n-1', h, N - 1n, s, 0);
  add('s = n-1', h, r, N - 1n, v);
  add('r = 0', h, 0n, s, v);
  add('s = 0', h, r, 0n, v);
  add('r = n', h, N, s, v);
  add('s = n', h, r, N, v);
  add('s = n+1', h, r, N + 1n, v);
  add('r = n+1', h, N + 1n, s, v);
  add('s = 2^256-1', h, r, (1n << 256n) - 1n, v);
  add('r = 2^256-1', h, (1n << 256n) - 1n, s, v);
  add('r = p-1 (> n)', h, P - 1n, s, v);
  // r whose x^3 + 7 is not a square
  let x = 5n;
  for (;;) { try { secp256k1.Point.Fp.sqrt((x ** 3n + 7n) % P); x++; } catch { break; } }
  add(`r = ${x}: not the x of a curve point`, h, x, s, 0);
  add(`r = ${x}: not the x of a curve point, id 1`, h, x, s, 1);
  // recovered key at infinity: R = kG, hash = s*k mod n gives s*R = e*G, Q = 0
  const k = rnd() % N;
  const R = G.multiply(k).toAffine();
  const rec = Number(R.y & 1n);
  add('recovered key at infinity', b((5n * k) % N), R.x, 5n, rec);
  add('same, other recovery id', b((5n * k) % N), R.x, 5n, rec ^ 1);

  console.log('/* generated by tests/vectors/gen_ec_vectors.mjs secp (@noble/curves) */');
  console.log('static const struct secp_vector secp_vectors[] = {');
  for (const t of out) {
    console.log(`    { ${cstr(t.name)},\n      ${cstr(t.hash)},\n      ${cstr(t.r)},\n      ${cstr(t.s)}, ${t.recid},\n      ${t.pub ? chex(t.pub, '      ') : 'NULL'} },`);
  }
  console.log('};');
}

// ---------------------------------------------------------------------------------------
// BN254 (alt_bn128): EIP-196 add and mul, EIP-197 pairing check
// ---------------------------------------------------------------------------------------
function bn() {
  const { Fp2, Fp12 } = bn254.fields;
  const G1 = bn254.G1.Point, G2 = bn254.G2.Point;
  const P = G1.Fp.ORDER, R = G1.Fn.ORDER;
  const g1enc = (pt) => { if (pt.is0()) return '0'.repeat(128); const a = pt.toAffine(); return be32(a.x) + be32(a.y); };
  const g2enc = (pt) => {
    if (pt.is0()) return '0'.repeat(256);
    const a = pt.toAffine();
    return be32(a.x.c1) + be32(a.x.c0) + be32(a.y.c1) + be32(a.y.c0);
  };
  // the precompile's decoding, on top of noble's curve checks; null = invalid input
  const g1dec = (h) => {
    const x = fromHex(h.slice(0, 64)), y = fromHex(h.slice(64, 128));
    if (x >= P || y >= P) return null;
    if (x === 0n && y === 0n) return G1.ZERO;
    try { const pt = G1.fromAffine({ x, y }); pt.assertValidity(); return pt; } catch { return null; }
  };
  const g2dec = (h) => {
    const v = [0, 1, 2, 3].map((i) => fromHex(h.slice(64 * i, 64 * i + 64)));
    if (v.some((c) => c >= P)) return null;
    if (v.every((c) => c === 0n)) return G2.ZERO;
    try {
      const pt = G2.fromAffine({ x: Fp2.fromBigTuple([v[1], v[0]]), y: Fp2.fromBigTuple([v[3], v[2]]) });
      pt.assertValidity();
      return pt;
    } catch { return null; }
  };
  const mulAny = (pt, k) => { k %= R; return k === 0n || pt.is0() ? G1.ZERO : pt.multiply(k); };
  const ecadd = (h) => { const a = g1dec(h.slice(0, 128)), b = g1dec(h.slice(128, 256)); return a && b ? g1enc(a.add(b)) : null; };
  const ecmul = (h) => { const a = g1dec(h.slice(0, 128)); return a ? g1enc(mulAny(a, fromHex(h.slice(128, 192)))) : null; };
  const pairing = (h) => {
    const pairs = [];
    for (let i = 0; i < h.length; i += 384) {
      const a = g1dec(h.slice(i, i + 128)), b = g2dec(h.slice(i + 128, i + 384));
      if (!a || !b) return null;
      if (!a.is0() && !b.is0()) pairs.push({ g1: a, g2: b });
    }
    const one = pairs.length === 0 || Fp12.eql(bn254.pairingBatch(pairs), Fp12.ONE);
    return be32(one ? 1n : 0n);
  };
  const g = G1.BASE, q = G2.BASE;
  const gen = g1enc(g), q2 = g2enc(q);
  const a = rnd() % R, b2 = rnd() % R, c = rnd() % R, d = rnd() % R;
  const pa = g1enc(g.multiply(a)), pb = g1enc(g.multiply(b2));
  // raw encodings for the invalid cases
  const notOnCurve = be32(1n) + be32(3n);
  const gy = g.toAffine().y;
  const xPlusP = be32(1n + P) + be32(2n);       // x + p: G if it were reduced mod p
  const yPlusP = be32(1n) + be32(gy + P);       // y + p < 2^256: same point if reduced
  const zero = '0'.repeat(128);
  // a twist point outside the order-r subgroup: first x = (i, 1) whose x^3 + b' is a square
  let nsg;
  for (let i = 1n; ; i++) {
    const x = Fp2.fromBigTuple([i, 1n]);
    const rhs = Fp2.add(Fp2.mul(Fp2.sqr(x), x), bn254.G2.Point.CURVE().b);
    let y;
    try { y = Fp2.sqrt(rhs); } catch { continue; }
    const pt = G2.fromAffine({ x, y });
    let inSub = true;
    try { pt.assertValidity(); } catch { inSub = false; }
    // independent of noble's fast test: [r]pt by plain double-and-add
    let acc = G2.ZERO, base = pt;
    for (let k = R; k > 0n; k >>= 1n) { if (k & 1n) acc = acc.add(base); base = base.double(); }
    if (inSub !== acc.is0()) throw new Error('subgroup tests disagree');
    if (!inSub) { nsg = pt; break; }
  }
  const nsgEnc = g2enc(nsg);
  const q2NotOnCurve = q2.slice(0, 192) + be32((q.toAffine().y.c0 + 1n) % P);
  // a coordinate + p (still below 2^256): Q itself if it were reduced mod p
  const qa = q.toAffine();
  const q2XimPlusP = be32(qa.x.c1 + P) + q2.slice(64);
  const q2YrePlusP = q2.slice(0, 192) + be32(qa.y.c0 + P);
  const pq = (p1, p2) => p1 + p2;

  const addv = [
    ['G + G', gen + gen],
    ['G + 2G', gen + g1enc(g.double())],
    ['aG + bG', pa + pb],
    ['P + (-P) = infinity', pa + g1enc(g.multiply(a).negate())],
    ['P + infinity', pa + zero],
    ['infinity + P', zero + pb],
    ['infinity + infinity (all-zero input)', zero + zero],
    ['first not on curve', notOnCurve + gen],
    ['second not on curve', gen + notOnCurve],
    ['(0, 3) not on curve', be32(0n) + be32(3n) + zero],
    ['x + p (reduces to G)', xPlusP + gen],
    ['y + p (reduces to G)', gen + yPlusP],
    ['x = 2^256-1', 'f'.repeat(64) + be32(2n) + zero],
  ];
  const mulv = [
    ['G * 0', gen + be32(0n)],
    ['G * 1', gen + be32(1n)],
    ['G * 2', gen + be32(2n)],
    ['G * (r-1)', gen + be32(R - 1n)],
    ['G * r', gen + be32(R)],
    ['G * (r+1)', gen + be32(R + 1n)],
    ['G * (2^256-1)', gen + be32((1n << 256n) - 1n)],
    ['aG * b', pa + be32(b2)],
    ['aG * 2^255', pa + be32(1n << 255n)],
    ['infinity * 5', zero + be32(5n)],
    ['all-zero input', zero + be32(0n)],
    ['not on curve * 0', notOnCurve + be32(0n)],
    ['not on curve * 1', notOnCurve + be32(1n)],
    ['x + p (reduces to G) * 1', xPlusP + be32(1n)],
    ['y + p * 1', yPlusP + be32(1n)],
  ];
  const ab = (a * b2) % R;
  const negG = (k) => g1enc(g.multiply(k).negate());
  const pairv = [
    ['0 pairs', ''],
    ['1 pair (G1, G2): false', pq(gen, q2)],
    ['1 pair (infinity, G2): true', pq(zero, q2)],
    ['1 pair (G1, infinity): true', pq(gen, '0'.repeat(256))],
    ['1 pair all zero: true', '0'.repeat(384)],
    ['2 pairs e(aG, bQ) e(-abG, Q): true', pq(pa, g2enc(q.multiply(b2))) + pq(negG(ab), q2)],
    ['2 pairs e(aG, bQ) e(abG, Q): false', pq(pa, g2enc(q.multiply(b2))) + pq(g1enc(g.multiply(ab)), q2)],
    ['2 pairs e(G, Q) e(-G, Q): true', pq(gen, q2) + pq(negG(1n), q2)],
    ['2 pairs e(G, Q) e(G, -Q): true', pq(gen, q2) + pq(gen, g2enc(q.negate()))],
    ['3 pairs e(aG, bQ) e(cG, dQ) e(-(ab+cd)G, Q): true',
      pq(pa, g2enc(q.multiply(b2))) + pq(g1enc(g.multiply(c)), g2enc(q.multiply(d))) + pq(negG((ab + c * d) % R), q2)],
    ['3 pairs, last off by one: false',
      pq(pa, g2enc(q.multiply(b2))) + pq(g1enc(g.multiply(c)), g2enc(q.multiply(d))) + pq(negG((ab + c * d + 1n) % R), q2)],
    ['4 pairs, two with infinity: true', pq(pa, q2) + pq(zero, q2) + pq(gen, '0'.repeat(256)) + pq(negG(a), q2)],
    ['5 pairs: true', pq(gen, q2).repeat(4) + pq(negG(4n), q2)],
    ['6 pairs: false', pq(gen, q2).repeat(5) + pq(negG(4n), q2)],
    ['G2 not in subgroup', pq(gen, nsgEnc)],
    ['G2 not in subgroup, G1 infinity', pq(zero, nsgEnc)],
    ['G2 not on curve', pq(gen, q2NotOnCurve)],
    ['G2 x_imaginary + p (reduces to Q)', pq(gen, q2XimPlusP)],
    ['G2 y_real + p (reduces to Q)', pq(gen, q2YrePlusP)],
    ['G2 swapped real/imaginary', pq(gen, q2.slice(64, 128) + q2.slice(0, 64) + q2.slice(192, 256) + q2.slice(128, 192))],
    ['G1 not on curve, G2 infinity', pq(notOnCurve, '0'.repeat(256))],
    ['G1 x + p (reduces to G)', pq(xPlusP, q2)],
    ['second pair invalid', pq(gen, q2) + pq(gen, q2NotOnCurve)],
  ];
  const pr = (name, list, fn) => {
    console.log(`static const struct bn_vector ${name}[] = {`);
    for (const [n, inp] of list) {
      const o = fn(inp);
      console.log(`    { ${cstr(n)},\n      ${inp ? chex(inp, '      ') : '""'},\n      ${o === null ? 'NULL' : chex(o, '      ')} },`);
    }
    console.log('};');
  };
  console.log('/* generated by tests/vectors/gen_ec_vectors.mjs bn254 (@noble/curves) */');
  pr('bn_add_vectors', addv, ecadd);
  pr('bn_mul_vectors', mulv, ecmul);
  pr('bn_pairing_vectors', pairv, pairing);

  // Internal values for the white-box tests: the full pairing value e(P, Q) in the tower
  // Fp2 = Fp[i]/(i^2+1), Fp6 = Fp2[v]/(v^3-(9+i)), Fp12 = Fp6[w]/(w^2-v), listed as
  // c0.c0.c0, c0.c0.c1, c0.c1.c0, ... c1.c2.c1, and the final exponentiation of a
  // fixed element.
  const fp12flat = (f) => [f.c0, f.c1].flatMap((x6) => [x6.c0, x6.c1, x6.c2]).flatMap((x2) => [x2.c0, x2.c1]);
  const pIn = g.multiply(a), qIn = q.multiply(b2);
  const e = bn254.pairing(pIn, qIn);
  const f = { c0: {}, c1: {} };
  for (const h6 of ['c0', 'c1']) for (const h2 of ['c0', 'c1', 'c2']) f[h6][h2] = Fp2.fromBigTuple([rnd() % P, rnd() % P]);
  const fe = Fp12.finalExponentiate(f);
  const arr = (name, list) => {
    console.log(`static const char *const ${name}[12] = {`);
    for (const x of list) console.log(`    ${cstr(be32(x))},`);
    console.log('};');
  };
  console.log(`static const char *const bn_pairing_p = ${chex(g1enc(pIn), '    ')};`);
  console.log(`static const char *const bn_pairing_q = ${chex(g2enc(qIn), '    ')};`);
  arr('bn_pairing_value', fp12flat(e));
  arr('bn_final_exp_in', fp12flat(f));
  arr('bn_final_exp_out', fp12flat(fe));
}

// ---------------------------------------------------------------------------------------
// P-256 (secp256r1) P256VERIFY, EIP-7951
// ---------------------------------------------------------------------------------------
function p256v() {
  const N = p256.Point.Fn.ORDER;
  const P = p256.Point.Fp.ORDER;
  const G = p256.Point.BASE;
  const B = p256.Point.CURVE().b;
  const out = [];
  const b32 = (x) => Uint8Array.from(Buffer.from(be32(x), 'hex'));
  const onCurve = (x, y) => (y * y - (x * x * x - 3n * x + B)) % P === 0n;
  // the reference answer: EIP-7951's input rules written out, then noble's ECDSA verify
  // (no low-s rule, the 32-byte hash used as is)
  const verify = (hash, r, s, qx, qy) => {
    if (r <= 0n || r >= N || s <= 0n || s >= N) return false;
    if (qx >= P || qy >= P) return false;
    if (qx === 0n && qy === 0n) return false;
    if (!onCurve(qx, qy)) return false;
    const pub = new Uint8Array(65);
    pub[0] = 4; pub.set(b32(qx), 1); pub.set(b32(qy), 33);
    const sig = new Uint8Array(64);
    sig.set(b32(r), 0); sig.set(b32(s), 32);
    try {
      return p256.verify(sig, hash, pub, { prehash: false, lowS: false, format: 'compact' });
    } catch (e) {
      return false;
    }
  };
  const add = (name, hash, r, s, qx, qy) => {
    out.push({ name, hash: hex(hash), r: be32(r), s: be32(s), qx: be32(qx), qy: be32(qy),
               ok: verify(hash, r, s, qx, qy) });
  };
  const keys = [1n, 2n, N - 1n, rnd() % N, rnd() % N, rnd() % N, rnd() % N];
  let last;
  keys.forEach((d, i) => {
    const hash = keccak_256(utf8('p256 message ' + i));
    const sig = p256.Signature.fromBytes(
      p256.sign(hash, b32(d), { prehash: false, lowS: false, format: 'compact' }), 'compact');
    const q = G.multiply(d).toAffine();
    add(`key ${i} signature`, hash, sig.r, sig.s, q.x, q.y);
    add(`key ${i} high s`, hash, sig.r, N - sig.s, q.x, q.y);
    const bad = Uint8Array.from(hash); bad[31] ^= 1;
    add(`key ${i} other hash`, bad, sig.r, sig.s, q.x, q.y);
    add(`key ${i} r and s swapped`, hash, sig.s, sig.r, q.x, q.y);
    add(`key ${i} negated key`, hash, sig.r, sig.s, q.x, P - q.y);
    last = { hash, r: sig.r, s: sig.s, q, d };
  });
  const { hash: h, r, s, q, d } = last;
  // hashes at and above n: e = h mod n
  for (const [name, e] of [['hash 0', 0n], ['hash n', N], ['hash n+5', N + 5n],
                           ['hash 2^256-1', (1n << 256n) - 1n]]) {
    const k = rnd() % N, R = G.multiply(k).toAffine(), rr = R.x % N;
    const ss = ((e % N) + rr * d) * Fn_inv(k, N) % N;
    add(name + ' (valid)', b32(e), rr, ss, q.x, q.y);
    add(name + ' reduced differently', b32(e % N === e ? e + N : e % N), rr, ss, q.x, q.y);
  }
  add('r = 0', h, 0n, s, q.x, q.y);
  add('s = 0', h, r, 0n, q.x, q.y);
  add('r = n', h, N, s, q.x, q.y);
  add('s = n', h, r, N, q.x, q.y);
  add('r = r + n', h, r + N, s, q.x, q.y);
  add('s = s + n', h, r, s + N, q.x, q.y);
  add('r = 2^256-1', h, (1n << 256n) - 1n, s, q.x, q.y);
  add('qx = qx + p', h, r, s, q.x + P, q.y);
  add('qy = qy + p', h, r, s, q.x, q.y + P);
  add('qx = p', h, r, s, P, q.y);
  add('key (0, 0): infinity', h, r, s, 0n, 0n);
  add('key not on the curve', h, r, s, q.x, (q.y + 1n) % P);
  add('key (0, sqrt(b))', h, r, s, 0n, p256.Point.Fp.sqrt(B));
  add('r = 1, s = 1', h, 1n, 1n, q.x, q.y);
  add('r = n-1, s = n-1', h, N - 1n, N - 1n, q.x, q.y);
  // R' = u1 G + u2 Q at infinity: Q = G, hash = n - r makes u1 = -u2
  add("R' at infinity", b32(N - r), r, s, G.x, G.y);
  // x(R') >= n: hash 0 and s = r give u1 = 0, u2 = 1, R' = Q; a Q with x in [n, p)
  let x = N;
  for (;;) { try { const y = p256.Point.Fp.sqrt((x * x * x - 3n * x + B) % P);
    add("x(R') >= n, r = x - n", b32(0n), x - N, x - N, x, y);
    add("x(R') >= n, r = x", b32(0n), x, x, x, y);
    break; } catch { x++; } }
  // u1 = u2 with Q = G: the scalars' digits meet on the same point
  add('Q = G, hash = r', b32(r), r, s, G.x, G.y);

  console.log('/* generated by tests/vectors/gen_ec_vectors.mjs p256 (@noble/curves) */');
  console.log('static const struct p256_vector p256_vectors[] = {');
  for (const t of out) {
    console.log(`    { ${cstr(t.name)},\n      ${cstr(t.hash)},\n      ${cstr(t.r)},\n      ${cstr(t.s)},\n      ${cstr(t.qx)},\n      ${cstr(t.qy)}, ${t.ok ? 1 : 0} },`);
  }
  console.log('};');
}
// k^-1 mod n by Fermat
function Fn_inv(k, n) {
  let r = 1n, b = k % n, e = n - 2n;
  while (e > 0n) { if (e & 1n) r = r * b % n; b = b * b % n; e >>= 1n; }
  return r;
}

const what = process.argv[2] || 'all';
if (what === 'secp' || what === 'all') secp();
if (what === 'bn254' || what === 'all') bn();
if (what === 'p256' || what === 'all') p256v();
