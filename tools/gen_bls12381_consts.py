#!/usr/bin/env python3
"""gen_bls12381_consts.py - prints the constant tables of evm_bls12381.h's EIP-2537 maps
(Montgomery form, R = 2^384) from their published values:
  - the SSWU curves and isogeny maps: EIP-2537 assets/eip-2537/field_to_curve.md, which
    repeats RFC 9380 sections 8.8.1-8.8.2 and appendices E.2-E.3 (read into this file's
    tables below: G1, ISO1, ISO2);
  - derived values (sqrt(-Z^3), B/(ZA), -B/A, the psi constants 1/(1+u)^((p-1)/3) and
    1/(1+u)^((p-1)/2) of RFC 9380 appendix G.3) computed here with Python integers.
Run: python3 tools/gen_bls12381_consts.py  (prints C to stdout; pasted into the header)."""
import sys

P = 0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab
R = pow(2, 384, P)

def mont(v): return v * R % P
def words(v):
    return ["0x%016x" % ((v >> (64 * i)) & (2**64 - 1)) for i in range(5, -1, -1)]
def fp_c(v, indent="    "):
    w = words(mont(v % P))
    return "EVM__BLS_FP(%s, %s, %s,\n%s            %s, %s, %s)" % (w[0], w[1], w[2], indent, w[3], w[4], w[5])

# Fp2 as pairs
def f2mul(a, b): return ((a[0]*b[0] - a[1]*b[1]) % P, (a[0]*b[1] + a[1]*b[0]) % P)
def f2pow(a, e):
    r = (1, 0)
    while e:
        if e & 1: r = f2mul(r, a)
        a = f2mul(a, a); e >>= 1
    return r
def f2inv(a):
    n = (a[0]*a[0] + a[1]*a[1]) % P
    ni = pow(n, P - 2, P)
    return (a[0]*ni % P, (-a[1])*ni % P)
def sqrt_fp(a):
    s = pow(a, (P + 1) // 4, P)
    assert s * s % P == a % P
    return s

def read_table(path):
    t = {}
    for line in open(path):
        f = line.split()
        if not f: continue
        t[(f[0], f[1])] = [int(x, 16) if x.startswith("0x") else int(x) for x in f[2:]]
    return t

def main():
    here = sys.argv[1] if len(sys.argv) > 1 else "tools/bls12381_iso"
    g1 = read_table(here + "_g1.txt")
    g2 = read_table(here + "_g2.txt")
    A, B, Z = g1[("G1", "A")][0], g1[("G1", "B")][0], 11
    out = []
    out.append("/* SSWU on E1': y^2 = x^3 + A x + B, Z = 11 (RFC 9380 8.8.1). */")
    out.append("static const evm__bls_fp evm__bls_sswu1_a = " + fp_c(A) + ";")
    out.append("static const evm__bls_fp evm__bls_sswu1_b = " + fp_c(B) + ";")
    out.append("static const evm__bls_fp evm__bls_sswu1_z = " + fp_c(Z) + ";")
    c = sqrt_fp((-Z**3) % P)
    out.append("/* -B/A, B/(Z A) (x1 when Z^2 u^4 + Z u^2 = 0), sqrt(-Z^3) */")
    out.append("static const evm__bls_fp evm__bls_sswu1_mba = " + fp_c(-B * pow(A, P - 2, P)) + ";")
    out.append("static const evm__bls_fp evm__bls_sswu1_bza = " + fp_c(B * pow(Z * A, P - 2, P)) + ";")
    out.append("static const evm__bls_fp evm__bls_sswu1_c = " + fp_c(c) + ";")
    for name, k, n in (("xnum", "k1", 12), ("xden", "k2", 10), ("ynum", "k3", 16), ("yden", "k4", 15)):
        out.append("static const evm__bls_fp evm__bls_iso1_%s[%d] = {   /* %s_(0..%d) */" % (name, n, k, n - 1))
        out.append(",\n".join("    " + fp_c(g1[(k, str(i))][0], "    ") for i in range(n)) + " };")
    out.append("/* SSWU on E2': A = 240 u, B = 1012 (1 + u), Z = -(2 + u) (RFC 9380 8.8.2): c0, c1 */")
    A2, B2, Z2 = (0, 240), (1012, 1012), ((-2) % P, (-1) % P)
    mba = f2mul((-B2[0] % P, -B2[1] % P), f2inv(A2))
    bza = f2mul(B2, f2inv(f2mul(Z2, A2)))
    for nm, v in (("a", A2), ("b", B2), ("z", Z2), ("mba", mba), ("bza", bza)):
        out.append("static const evm__bls_fp2 evm__bls_sswu2_%s = {\n    %s,\n    %s };" % (nm, fp_c(v[0]), fp_c(v[1])))
    for name, k, n in (("xnum", "k1", 4), ("xden", "k2", 2), ("ynum", "k3", 4), ("yden", "k4", 3)):
        out.append("static const evm__bls_fp2 evm__bls_iso2_%s[%d] = {   /* %s_(0..%d) */" % (name, n, k, n - 1))
        out.append(",\n".join("    { %s,\n      %s }" % (fp_c(g2[(k, str(i))][0], "      "), fp_c(g2[(k, str(i))][1], "      ")) for i in range(n)) + " };")
    cx = f2inv(f2pow((1, 1), (P - 1) // 3))
    cy = f2inv(f2pow((1, 1), (P - 1) // 2))
    out.append("/* psi(x, y) = (conj(x) cx, conj(y) cy): cx = 1/(1+u)^((p-1)/3), cy = 1/(1+u)^((p-1)/2) */")
    for nm, v in (("psi_cx", cx), ("psi_cy", cy)):
        out.append("static const evm__bls_fp2 evm__bls_%s = {\n    %s,\n    %s };" % (nm, fp_c(v[0]), fp_c(v[1])))
    print("\n".join(out))

main()
