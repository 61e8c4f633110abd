/* gen_kzg_lines.c - prints the Miller-loop line coefficients of the two fixed G2 points of
   the KZG check (the generator G2 and the ceremony's [tau]G2), in loop order, as the
   evm__kzg_lines table of evm_kzg.h (Montgomery form, EVM__BLS_FP words, most significant
   first). Build with 64-bit limbs: cc -std=c99 -O2 -I. tools/gen_kzg_lines.c -o gen && ./gen
   tests/test_kzg.c recomputes every entry and compares. */
#include <stdio.h>
#define EVM_IMPLEMENTATION
#include "../evm_kzg.h"

static void fp(const evm__bls_fp *a, int last)
{
    printf("EVM__BLS_FP(0x%016llx, 0x%016llx, 0x%016llx,\n                0x%016llx, 0x%016llx, 0x%016llx)%s",
           (unsigned long long)a->v[5], (unsigned long long)a->v[4], (unsigned long long)a->v[3],
           (unsigned long long)a->v[2], (unsigned long long)a->v[1], (unsigned long long)a->v[0],
           last ? "" : ",\n    ");
}

static void line(const evm__bls_fp2 *l4, const evm__bls_fp2 *l1, const evm__bls_fp2 *l0, int last)
{
    printf("  { { ");
    fp(&l4->c0, 0); fp(&l4->c1, 1);
    printf(" },\n    { ");
    fp(&l1->c0, 0); fp(&l1->c1, 1);
    printf(" },\n    { ");
    fp(&l0->c0, 0); fp(&l0->c1, 1);
    printf(" } }%s\n", last ? "" : ",");
}

int main(void)
{
    evm__bls_g2a q[2];
    int k;
    if (sizeof(evm__bls_limb) != 8) { fprintf(stderr, "build with 64-bit limbs\n"); return 1; }
    evm__bls_g2_from_consts(&q[0], evm__bls_g2_gen);
    evm__bls_g2_from_consts(&q[1], evm__bls_tau_g2);
    printf("static const evm__kzg_line evm__kzg_lines[2][EVM__KZG_LINES] = {\n");
    for (k = 0; k < 2; k++) {
        evm__bls_g2 t;
        evm__bls_fp2 l4, l1, l0;
        int i, n = 0;
        t.x = q[k].x; t.y = q[k].y;
        t.z.c0 = evm__bls_one; evm__bls_fp_set_zero(&t.z.c1);
        printf("{\n");
        for (i = 61; i >= 0; i--) {
            evm__bls_dbl_step(&t, &l4, &l1, &l0);
            line(&l4, &l1, &l0, 0); n++;
            if (((EVM__BLS_X >> 1) >> i) & 1) {
                evm__bls_add_step(&t, &q[k], &l4, &l1, &l0);
                line(&l4, &l1, &l0, 0); n++;
            }
        }
        evm__bls_dbl_step(&t, &l4, &l1, &l0);
        line(&l4, &l1, &l0, 1); n++;
        printf("}%s\n", k ? "" : ",");
        fprintf(stderr, "%d lines\n", n);
    }
    printf("};\n");
    return 0;
}
