/* test_estimator.c - the statistics of the gas cost estimator (bench/estimate/estimate_stats.h)
   on data sets small enough to compute by hand; the expected values are exact rationals,
   compared to 1e-12 (they are not all representable in binary). */
#include "test.h"
#include "../bench/estimate/estimate_stats.h"

#define NEAR(a, b, tol) (fabs((double)(a) - (double)(b)) <= (tol))
#define CHECK_NEAR(a, b) CHECK(NEAR((a), (b), 1e-12))

static void fit_perfect_line(void)
{
    /* y = 1 + 2x exactly */
    const double x[] = {0, 1, 2, 3}, y[] = {1, 3, 5, 7};
    est_fit f = est_linfit(x, y, 4);
    CHECK_EQ_INT(f.ok, 1);
    CHECK_EQ_INT(f.n, 4);
    CHECK_NEAR(f.slope, 2.0);
    CHECK_NEAR(f.intercept, 1.0);
    CHECK_NEAR(f.r2, 1.0);
    CHECK_NEAR(f.slope_se, 0.0);
}

static void fit_noisy_four_points(void)
{
    /* mean x 3/2, mean y 9/4; Sxx = 5, Sxy = 9/2, Syy = 19/4
       slope = 9/10, intercept = 9/4 - 27/20 = 9/10
       residuals 0.1, 0.2, -0.7, 0.4: SS_res = 7/10, r^2 = 1 - (7/10)/(19/4) = 81/95
       se = sqrt(SS_res / (n-2) / Sxx) = sqrt(7/100) */
    const double x[] = {0, 1, 2, 3}, y[] = {1, 2, 2, 4};
    est_fit f = est_linfit(x, y, 4);
    CHECK_EQ_INT(f.ok, 1);
    CHECK_NEAR(f.slope, 0.9);
    CHECK_NEAR(f.intercept, 0.9);
    CHECK_NEAR(f.r2, 81.0 / 95.0);
    CHECK_NEAR(f.slope_se, sqrt(0.07));
}

static void fit_five_points(void)
{
    /* mean x 3, mean y 4; Sxy = 6, Sxx = 10, Syy = 6: slope 3/5, intercept 11/5,
       r^2 = (Sxy^2 / Sxx) / Syy = 3.6 / 6 = 3/5; SS_res = 12/5, se = sqrt(0.8/10) */
    const double x[] = {1, 2, 3, 4, 5}, y[] = {2, 4, 5, 4, 5};
    est_fit f = est_linfit(x, y, 5);
    CHECK_EQ_INT(f.ok, 1);
    CHECK_NEAR(f.slope, 0.6);
    CHECK_NEAR(f.intercept, 2.2);
    CHECK_NEAR(f.r2, 0.6);
    CHECK_NEAR(f.slope_se, sqrt(0.08));
}

static void fit_order_does_not_matter(void)
{
    /* the five points above, shuffled: same fit (shuffled run order is the method) */
    const double x[] = {4, 1, 5, 3, 2}, y[] = {4, 2, 5, 5, 4};
    est_fit f = est_linfit(x, y, 5);
    CHECK_NEAR(f.slope, 0.6);
    CHECK_NEAR(f.intercept, 2.2);
    CHECK_NEAR(f.r2, 0.6);
}

static void fit_constant_x(void)
{
    /* every program has the same instance count: no slope can be estimated */
    const double x[] = {2, 2, 2}, y[] = {1, 2, 3};
    est_fit f = est_linfit(x, y, 3);
    CHECK_EQ_INT(f.ok, 0);
    CHECK_NEAR(f.slope, 0.0);
    CHECK_NEAR(f.intercept, 2.0);   /* mean of y */
    CHECK_NEAR(f.r2, 0.0);
}

static void fit_constant_y(void)
{
    /* an opcode that costs nothing: slope 0, and the flat line fits exactly */
    const double x[] = {0, 1, 2}, y[] = {5, 5, 5};
    est_fit f = est_linfit(x, y, 3);
    CHECK_EQ_INT(f.ok, 1);
    CHECK_NEAR(f.slope, 0.0);
    CHECK_NEAR(f.intercept, 5.0);
    CHECK_NEAR(f.r2, 1.0);
    CHECK_NEAR(f.slope_se, 0.0);
}

static void fit_too_few_points(void)
{
    const double x[] = {1, 3}, y[] = {2, 6};
    est_fit f0 = est_linfit(x, y, 0);
    CHECK_EQ_INT(f0.ok, 0);
    est_fit f1 = est_linfit(x, y, 1);
    CHECK_EQ_INT(f1.ok, 0);
    CHECK_NEAR(f1.intercept, 2.0);
    /* two points: the line through them, r^2 = 1, no degrees of freedom for an error */
    est_fit f2 = est_linfit(x, y, 2);
    CHECK_EQ_INT(f2.ok, 1);
    CHECK_NEAR(f2.slope, 2.0);
    CHECK_NEAR(f2.intercept, 0.0);
    CHECK_NEAR(f2.r2, 1.0);
    CHECK_NEAR(f2.slope_se, 0.0);
}

static void fit_large_offset(void)
{
    /* centred sums: a large x offset does not destroy the slope */
    const double x[] = {1e9, 1e9 + 1, 1e9 + 2, 1e9 + 3}, y[] = {1, 3, 5, 7};
    est_fit f = est_linfit(x, y, 4);
    CHECK(NEAR(f.slope, 2.0, 1e-9));
    CHECK(NEAR(f.r2, 1.0, 1e-9));
}

static void fit_negative_slope(void)
{
    const double x[] = {0, 1, 2}, y[] = {4, 2, 0};
    est_fit f = est_linfit(x, y, 3);
    CHECK_NEAR(f.slope, -2.0);
    CHECK_NEAR(f.intercept, 4.0);
    CHECK_NEAR(f.r2, 1.0);
}

static void median_odd_even(void)
{
    double scratch[8];
    const double a[] = {3, 1, 2};
    CHECK_NEAR(est_median(a, 3, scratch), 2.0);
    CHECK_NEAR(a[0], 3.0);                      /* input untouched */
    const double b[] = {4, 1, 3, 2};
    CHECK_NEAR(est_median(b, 4, scratch), 2.5);
    const double c[] = {7};
    CHECK_NEAR(est_median(c, 1, scratch), 7.0);
    CHECK_NEAR(est_median(c, 0, scratch), 0.0);
    /* one wild outlier (a preempted batch) does not move it */
    const double d[] = {10, 11, 10.5, 900, 10.2};
    CHECK_NEAR(est_median(d, 5, scratch), 10.5);
}

static void quantile_type7(void)
{
    double scratch[16];
    const double a[] = {5, 1, 4, 2, 3};
    CHECK_NEAR(est_quantile(a, 5, 0.0, scratch), 1.0);     /* minimum */
    CHECK_NEAR(est_quantile(a, 5, 1.0, scratch), 5.0);     /* maximum */
    CHECK_NEAR(est_quantile(a, 5, 0.5, scratch), 3.0);     /* median */
    CHECK_NEAR(est_quantile(a, 5, 0.1, scratch), 1.4);     /* h = 0.4: 1 + 0.4 * (2 - 1) */
    CHECK_NEAR(est_quantile(a, 5, 0.25, scratch), 2.0);    /* h = 1 exactly */
    CHECK_NEAR(a[0], 5.0);                                 /* input untouched */
    const double b[] = {4, 1, 3, 2};
    CHECK_NEAR(est_quantile(b, 4, 0.5, scratch), est_median(b, 4, scratch));   /* 2.5 */
    CHECK_NEAR(est_quantile(b, 4, -1, scratch), 1.0);      /* clamped */
    CHECK_NEAR(est_quantile(b, 4, 2, scratch), 4.0);
    const double c[] = {7};
    CHECK_NEAR(est_quantile(c, 1, 0.3, scratch), 7.0);
    CHECK_NEAR(est_quantile(c, 0, 0.3, scratch), 0.0);
    /* preempted batches (large) do not reach a low quantile at all */
    const double d[] = {100, 9000, 101, 8000, 102, 99, 7000, 103, 98, 100.5};
    CHECK_NEAR(est_quantile(d, 10, 0.0, scratch), 98.0);
    CHECK_NEAR(est_quantile(d, 10, 0.2, scratch), 99.8);   /* h = 1.8: 99 + 0.8 * 1 */
}

static void scale_counterweighted_hand_case(void)
{
    /* c = (1, 2, 4), g = (3, 5, 10): r = c/g = (1/3, 2/5, 2/5)
       s = sum r / sum r^2 = (17/15) / (97/225) = 255/97 */
    const double c[] = {1, 2, 4}, g[] = {3, 5, 10};
    CHECK_NEAR(est_scale_counterweighted(c, g, 3), 255.0 / 97.0);
    /* the general weighted form with w = 1/g^2 is the same problem */
    const double w[] = {1.0 / 9, 1.0 / 25, 1.0 / 100};
    CHECK_NEAR(est_scale(c, g, w, 3), 255.0 / 97.0);
    /* and it is the minimum: nudging s either way increases the weighted l2 error */
    double s = 255.0 / 97.0, e0 = 0, e1 = 0, e2 = 0;
    for (int i = 0; i < 3; i++) {
        double d0 = (s * c[i] - g[i]) / g[i], d1 = ((s + 1e-3) * c[i] - g[i]) / g[i],
               d2 = ((s - 1e-3) * c[i] - g[i]) / g[i];
        e0 += d0 * d0; e1 += d1 * d1; e2 += d2 * d2;
    }
    CHECK(e0 < e1 && e0 < e2);
}

static void scale_unweighted_hand_case(void)
{
    /* w = 1: s = sum c g / sum c^2 = (3 + 10 + 40) / (1 + 4 + 16) = 53/21 */
    const double c[] = {1, 2, 4}, g[] = {3, 5, 10};
    CHECK_NEAR(est_scale(c, g, NULL, 3), 53.0 / 21.0);
}

static void scale_exact_and_degenerate(void)
{
    /* costs exactly proportional to the schedule: the factor is exact, any weights */
    const double c[] = {1.5, 2.5, 5}, g[] = {3, 5, 10};
    CHECK_NEAR(est_scale_counterweighted(c, g, 3), 2.0);
    CHECK_NEAR(est_scale(c, g, NULL, 3), 2.0);
    /* all costs zero: no factor (0, not a division by zero) */
    const double z[] = {0, 0, 0};
    CHECK_NEAR(est_scale_counterweighted(z, g, 3), 0.0);
    CHECK_NEAR(est_scale(z, g, NULL, 3), 0.0);
    /* nominal 0 (STOP-like) is skipped rather than dividing by zero */
    const double c2[] = {1, 7}, g2[] = {2, 0};
    CHECK_NEAR(est_scale_counterweighted(c2, g2, 2), 2.0);
}

static void change_and_distance(void)
{
    CHECK_NEAR(est_change_pct(4.5, 3), 50.0);
    CHECK_NEAR(est_change_pct(1.5, 3), -50.0);
    CHECK_NEAR(est_change_pct(1, 0), 0.0);
    CHECK_NEAR(est_log_distance(6, 3), log(2.0));
    CHECK_NEAR(est_log_distance(3, 6), log(2.0));   /* symmetric */
    CHECK(est_log_distance(-1, 3) == HUGE_VAL);
}

static void exp_hand_case(void)
{
    /* add 1 ns, mul 3 ns (3 + 5 gas): 1 ns = 2 gas; byte 8 ns = 16 gas;
       total 10 ns = 20 gas, base = 20 - 16 = 4; total 6 ns = 12 gas < 16: base clipped to 0 */
    double bg = -1, base = -1;
    CHECK_EQ_INT(est_exp_report(1, 3, 3, 5, 8, 10, &bg, &base), 1);
    CHECK_NEAR(bg, 16.0);
    CHECK_NEAR(base, 4.0);
    CHECK_EQ_INT(est_exp_report(1, 3, 3, 5, 8, 6, &bg, &base), 1);
    CHECK_NEAR(base, 0.0);
    CHECK_EQ_INT(est_exp_report(0, 0, 3, 5, 8, 6, &bg, &base), 0);
}

static void exp_reproduces_the_report_table(void)
{
    /* rows of the report's EXP table (bench/estimate/report_stage3_exp.csv):
       add ns, mul ns, exp per byte ns, exp base ns -> published per-byte gas, base gas
       (published to 2 decimals, some truncated: tolerance 0.01) */
    static const double rows[][6] = {
        {18.30, 30.34, 214.25, 15.35, 35.23, 0},        /* EvmOne */
        {19.78, 28.21, 98.74, 82.88, 16.46, 0},         /* Geth */
        {31.44, 61.78, 274.48, 870.21, 23.55, 51.12},   /* Nethermind */
        {290, 381, 1590, 4623, 18.96, 36.16},           /* EthereumJS */
        {6.68, 7.81, 84.63, 0, 46.72, 0},               /* Erigon */
        {58815, 75348, 154635, 415094, 9.22, 15.53},    /* Besu */
        {2.86, 3.59, 35.13, 15.38, 43.57, 0},           /* Rust EVM */
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        double bg = -1, base = -1;
        CHECK_EQ_INT(est_exp_report(rows[i][0], rows[i][1], 3, 5, rows[i][2], rows[i][3], &bg, &base), 1);
        CHECK(NEAR(bg, rows[i][4], 0.01));
        CHECK(NEAR(base, rows[i][5], 0.01));
    }
}

static void rng_and_shuffle(void)
{
    /* splitmix64 from state 0: its published first output */
    est_rng r = {0};
    CHECK_EQ_UINT(est_rng_next(&r), 0xe220a8397b1dcdafull);
    /* a shuffle is a permutation, and the same seed gives the same order */
    int a[50], b[50], seen[50];
    for (int i = 0; i < 50; i++) a[i] = b[i] = i, seen[i] = 0;
    est_rng r1 = {42}, r2 = {42};
    est_shuffle(a, 50, &r1);
    est_shuffle(b, 50, &r2);
    int moved = 0;
    for (int i = 0; i < 50; i++) {
        CHECK_EQ_INT(a[i], b[i]);
        seen[a[i]]++;
        moved += a[i] != i;
    }
    for (int i = 0; i < 50; i++) CHECK_EQ_INT(seen[i], 1);
    CHECK(moved > 0);
    est_rng r3 = {7};
    for (int i = 0; i < 1000; i++) CHECK(est_rng_below(&r3, 3) < 3);
}

static void ranks_descending_with_ties(void)
{
    double r[6];
    /* 9, 5, 5, 1: places 1, 2-3, 4 -> 1, 2.5, 2.5, 4 */
    const double a[] = {9, 5, 5, 1};
    est_ranks(a, 4, r);
    CHECK_NEAR(r[0], 1.0);
    CHECK_NEAR(r[1], 2.5);
    CHECK_NEAR(r[2], 2.5);
    CHECK_NEAR(r[3], 4.0);
    /* unsorted input, a triple tie: 3 1 4 1 5 1 -> 5: 1, 4: 2, 3: 3, the three 1s share 4..6 = 5 */
    const double b[] = {3, 1, 4, 1, 5, 1};
    est_ranks(b, 6, r);
    CHECK_NEAR(r[0], 3.0);
    CHECK_NEAR(r[1], 5.0);
    CHECK_NEAR(r[2], 2.0);
    CHECK_NEAR(r[3], 5.0);
    CHECK_NEAR(r[4], 1.0);
    CHECK_NEAR(r[5], 5.0);
    /* all equal: everyone shares the mean place (n + 1) / 2 */
    const double c[] = {7, 7, 7};
    est_ranks(c, 3, r);
    CHECK_NEAR(r[0], 2.0);
    CHECK_NEAR(r[2], 2.0);
    /* the ranks always sum to n (n + 1) / 2 */
    est_ranks(b, 6, r);
    CHECK_NEAR(r[0] + r[1] + r[2] + r[3] + r[4] + r[5], 21.0);
}

static void spearman_hand_cases(void)
{
    double scratch[16];
    const double a[] = {1, 2, 3, 4}, same[] = {10, 20, 30, 40}, rev[] = {4, 3, 2, 1};
    CHECK_NEAR(est_spearman(a, same, 4, scratch), 1.0);     /* same order, other scale */
    CHECK_NEAR(est_spearman(a, rev, 4, scratch), -1.0);     /* reversed */
    /* one adjacent swap in four: d = (0, 1, -1, 0), 1 - 6 * 2 / (4 * 15) = 4/5 */
    const double b[] = {1, 3, 2, 4};
    CHECK_NEAR(est_spearman(a, b, 4, scratch), 0.8);
    /* with a tie: ranks of a (descending) 4 3 2 1, of t = {1, 2, 2, 3}: 4 2.5 2.5 1;
       centred (mean 2.5): a 1.5 0.5 -0.5 -1.5, t 1.5 0 0 -1.5;
       sum ab = 4.5, sum aa = 5, sum tt = 4.5: rho = 4.5 / sqrt(22.5) = 3 / sqrt(10) */
    const double t[] = {1, 2, 2, 3};
    CHECK_NEAR(est_spearman(a, t, 4, scratch), 3.0 / sqrt(10.0));
    /* no order to compare: constant list, or fewer than two pairs */
    const double k[] = {5, 5, 5, 5};
    CHECK_NEAR(est_spearman(a, k, 4, scratch), 0.0);
    CHECK_NEAR(est_spearman(a, b, 1, scratch), 0.0);
}

static void check_order(const double *key, int n, const int *want)
{
    int o[8];
    est_order_desc(key, n, o);
    for (int i = 0; i < n; i++) CHECK_EQ_INT(o[i], want[i]);
}

static void order_descending_stable(void)
{
    /* 2 7 7 1 9: 9 (4), the two 7s in input order (1, 2), 2 (0), 1 (3) */
    const double a[] = {2, 7, 7, 1, 9};
    const int wa[] = {4, 1, 2, 0, 3};
    check_order(a, 5, wa);
    /* instructions per gas; a NaN goes last */
    const double b[] = {394.0, NAN, 762.9, 399.1};
    const int wb[] = {2, 3, 0, 1};
    check_order(b, 4, wb);
    /* rank shifts |time rank - instruction rank|: ties keep the opcode order */
    const double c[] = {45.5, 74, 45.5, 63, 74};
    const int wc[] = {1, 4, 3, 0, 2};
    check_order(c, 5, wc);
    check_order(c, 0, wc);                   /* empty: nothing written, no crash */
}

int main(void)
{
    RUN(fit_perfect_line);
    RUN(fit_noisy_four_points);
    RUN(fit_five_points);
    RUN(fit_order_does_not_matter);
    RUN(fit_constant_x);
    RUN(fit_constant_y);
    RUN(fit_too_few_points);
    RUN(fit_large_offset);
    RUN(fit_negative_slope);
    RUN(median_odd_even);
    RUN(quantile_type7);
    RUN(scale_counterweighted_hand_case);
    RUN(scale_unweighted_hand_case);
    RUN(scale_exact_and_degenerate);
    RUN(change_and_distance);
    RUN(exp_hand_case);
    RUN(exp_reproduces_the_report_table);
    RUN(rng_and_shuffle);
    RUN(ranks_descending_with_ties);
    RUN(spearman_hand_cases);
    RUN(order_descending_stable);
    return TEST_END("test_estimator");
}
