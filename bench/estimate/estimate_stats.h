/* estimate_stats.h - the statistics of the gas cost estimator (bench/estimate/estimate.c).

   Kept apart so tests/test_estimator.c can check them on hand-computed data. C99, no POSIX,
   no dependency beyond the C library (qsort, log). Every function is static inline: include the
   header where it is used.

     est_linfit      least squares y = intercept + slope * x, with r^2 and the slope's
                     standard error; "measure marginal" fits time on instance count,
                     "measure arguments" fits cost on argument length
     est_median      robust centre of a set of values (sorts a copy)
     est_quantile    a low quantile of the rounds of one program: its time
     est_scale       the single factor s minimising sum w_i (s c_i - g_i)^2
     est_scale_counterweighted
                     the same with w_i = 1 / g_i^2: relative errors, so that EXP (10 gas)
                     and ADD (3 gas) pull equally (the report's "counterweights")
     est_exp_report  the report's EXP estimate relative to ADD and MUL
     est_ranks       ranks of a set of costs, 1 = the most expensive, ties sharing the
                     mean of their places; the rv64 report compares the order of the
                     opcodes by time with their order by instructions
     est_spearman    Spearman's rank correlation of two cost lists (Pearson's r of the
                     ranks): how alike two orders are, 1 = the same order
     est_order_desc  the indices of a list by descending key, equal keys in input order:
                     the prover's to-do list (instructions per gas) and the opcodes whose
                     rank moves most between time and instructions
     est_rng_*, est_shuffle
                     a seeded PRNG (splitmix64), so that run orders are random but
                     reproducible */
#ifndef EST_STATS_H
#define EST_STATS_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

typedef struct est_fit {
    int ok;              /* 0: fewer than 2 points or all x equal (slope undefined) */
    int n;
    double slope, intercept;
    double r2;           /* 1 - SS_res / SS_tot; 1 when every y is equal and fitted exactly */
    double slope_se;     /* standard error of the slope (0 when n <= 2) */
} est_fit;

/* Ordinary least squares on centred sums (stable for large x offsets). When all x are
   equal, ok = 0, slope = 0 and intercept = mean of y. */
static inline est_fit est_linfit(const double *x, const double *y, int n)
{
    est_fit f;
    memset(&f, 0, sizeof f);
    f.n = n;
    if (n < 1)
        return f;
    double mx = 0, my = 0;
    for (int i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
    mx /= n; my /= n;
    double sxx = 0, sxy = 0, syy = 0;
    for (int i = 0; i < n; i++) {
        double dx = x[i] - mx, dy = y[i] - my;
        sxx += dx * dx; sxy += dx * dy; syy += dy * dy;
    }
    f.intercept = my;
    if (n < 2 || sxx == 0)
        return f;
    f.ok = 1;
    f.slope = sxy / sxx;
    f.intercept = my - f.slope * mx;
    double ss_res = 0;
    for (int i = 0; i < n; i++) {
        double e = y[i] - (f.intercept + f.slope * x[i]);
        ss_res += e * e;
    }
    if (syy > 0)
        f.r2 = 1.0 - ss_res / syy;
    else
        f.r2 = 1.0;            /* constant y: the horizontal line fits it exactly */
    if (f.r2 < 0)
        f.r2 = 0;
    if (n > 2)
        f.slope_se = sqrt(ss_res / (n - 2) / sxx);
    return f;
}

static inline int est__cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y ? 1 : 0;
}

/* Median of n values (mean of the middle two for even n); v is left untouched.
   scratch must hold n doubles. Returns 0 for n == 0. */
static inline double est_median(const double *v, int n, double *scratch)
{
    if (n <= 0)
        return 0;
    memcpy(scratch, v, (size_t)n * sizeof *v);
    qsort(scratch, (size_t)n, sizeof *scratch, est__cmp_double);
    return n % 2 ? scratch[n / 2] : 0.5 * (scratch[n / 2 - 1] + scratch[n / 2]);
}

/* The q-quantile (0 <= q <= 1) of n values, linear interpolation between order statistics
   (Hyndman and Fan type 7: q = 0 is the minimum, 0.5 the median, 1 the maximum); v is left
   untouched, scratch must hold n doubles. Returns 0 for n == 0. On a busy machine the noise
   of a timing is additive and positive (preemption, cache and memory contention), so a low
   quantile estimates the undisturbed time better than the median. */
static inline double est_quantile(const double *v, int n, double q, double *scratch)
{
    if (n <= 0)
        return 0;
    if (q < 0) q = 0;
    if (q > 1) q = 1;
    memcpy(scratch, v, (size_t)n * sizeof *v);
    qsort(scratch, (size_t)n, sizeof *scratch, est__cmp_double);
    double h = (n - 1) * q;
    int lo = (int)h;
    if (lo >= n - 1)
        return scratch[n - 1];
    return scratch[lo] + (h - lo) * (scratch[lo + 1] - scratch[lo]);
}

/* argmin_s sum w_i (s * cost_i - nominal_i)^2 = sum w c g / sum w c^2.
   w may be NULL (all weights 1). Returns 0 when sum w c^2 == 0. */
static inline double est_scale(const double *cost, const double *nominal, const double *w, int n)
{
    double num = 0, den = 0;
    for (int i = 0; i < n; i++) {
        double wi = w ? w[i] : 1.0;
        num += wi * cost[i] * nominal[i];
        den += wi * cost[i] * cost[i];
    }
    return den > 0 ? num / den : 0;
}

/* The report's l2 scale with the nominal schedule as counterweights: minimise
   sum ((s c_i - g_i) / g_i)^2, i.e. w_i = 1 / g_i^2, which gives
   s = sum(c_i / g_i) / sum((c_i / g_i)^2). Entries with g_i <= 0 are skipped. */
static inline double est_scale_counterweighted(const double *cost, const double *nominal, int n)
{
    double num = 0, den = 0;
    for (int i = 0; i < n; i++) {
        if (nominal[i] <= 0)
            continue;
        double r = cost[i] / nominal[i];
        num += r;
        den += r * r;
    }
    return den > 0 ? num / den : 0;
}

/* Relative change of a scaled cost against the nominal gas, in percent. */
static inline double est_change_pct(double scaled, double nominal)
{
    return nominal != 0 ? (scaled / nominal - 1.0) * 100.0 : 0;
}

/* |ln(a / b)|: how far apart two positive costs are, symmetric for over- and underpricing
   (x2 and x0.5 rank equally). Non-positive inputs rank first (HUGE_VAL). */
static inline double est_log_distance(double a, double b)
{
    if (a <= 0 || b <= 0)
        return HUGE_VAL;
    return fabs(log(a / b));
}

/* The report's EXP treatment ("EXP" section): the time of one exponent byte is turned
   into gas relative to ADD and MUL,
       exp_byte_gas = exp_byte_ns / (add_ns + mul_ns) * (add_gas + mul_gas),
   and the base is the total EXP cost in the same units minus the cost of its argument
   byte, clipped at 0 (the report disregards negative bases):
       exp_base_gas = max(0, exp_total_ns / (add_ns + mul_ns) * (add_gas + mul_gas)
                             - exp_byte_gas).
   These formulas reproduce every row of the report's EXP table (test_estimator.c).
   Returns 0 if add_ns + mul_ns <= 0. */
static inline int est_exp_report(double add_ns, double mul_ns, double add_gas, double mul_gas,
                          double exp_byte_ns, double exp_total_ns,
                          double *exp_byte_gas, double *exp_base_gas)
{
    double t = add_ns + mul_ns;
    if (t <= 0)
        return 0;
    *exp_byte_gas = exp_byte_ns / t * (add_gas + mul_gas);
    double base = exp_total_ns / t * (add_gas + mul_gas) - *exp_byte_gas;
    *exp_base_gas = base > 0 ? base : 0;
    return 1;
}

/* Ranks of v[0..n) in descending order: the largest value gets rank 1; equal values share
   the mean of the places they take (1, 2.5, 2.5, 4 for 9, 5, 5, 1). rank must hold n
   doubles. O(n^2), for the few hundred rows of a report. */
static inline void est_ranks(const double *v, int n, double *rank)
{
    for (int i = 0; i < n; i++) {
        int above = 0, equal = 0;
        for (int j = 0; j < n; j++) {
            if (v[j] > v[i]) above++;
            else if (v[j] == v[i]) equal++;
        }
        rank[i] = above + (equal + 1) / 2.0;   /* places above+1 .. above+equal, their mean */
    }
}

/* Spearman's rank correlation of a and b (n pairs): Pearson's correlation of their ranks,
   ties handled by mean ranks. scratch must hold 2n doubles. 0 when n < 2 or either list
   is constant (no order to compare). */
static inline double est_spearman(const double *a, const double *b, int n, double *scratch)
{
    if (n < 2)
        return 0;
    double *ra = scratch, *rb = scratch + n;
    est_ranks(a, n, ra);
    est_ranks(b, n, rb);
    double m = (n + 1) / 2.0, sab = 0, saa = 0, sbb = 0;   /* every rank list has mean (n+1)/2 */
    for (int i = 0; i < n; i++) {
        sab += (ra[i] - m) * (rb[i] - m);
        saa += (ra[i] - m) * (ra[i] - m);
        sbb += (rb[i] - m) * (rb[i] - m);
    }
    return saa > 0 && sbb > 0 ? sab / sqrt(saa * sbb) : 0;
}

/* order[0..n) = the indices of key sorted by descending key; equal keys keep their input
   order (a stable insertion sort: the lists are a few hundred rows, and a report must not
   depend on qsort's handling of ties). NaN keys go last, in input order. */
static inline void est_order_desc(const double *key, int n, int *order)
{
    for (int i = 0; i < n; i++) {
        int j = i;
        double k = key[i];
        while (j > 0) {
            double prev = key[order[j - 1]];
            int after = isnan(k) || (!isnan(prev) && prev >= k);   /* i stays behind prev */
            if (after) break;
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
}

/* splitmix64: a small, well-mixed, seedable generator (Steele, Lea, Flood 2014). */
typedef struct est_rng { uint64_t s; } est_rng;
static inline uint64_t est_rng_next(est_rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}
/* uniform in [0, n), n > 0 (rejection sampling: no modulo bias) */
static inline uint32_t est_rng_below(est_rng *r, uint32_t n)
{
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t v;
    do v = est_rng_next(r); while (v >= limit);
    return (uint32_t)(v % n);
}
/* Fisher-Yates */
static inline void est_shuffle(int *v, int n, est_rng *r)
{
    for (int i = n - 1; i > 0; i--) {
        int j = (int)est_rng_below(r, (uint32_t)i + 1);
        int t = v[i]; v[i] = v[j]; v[j] = t;
    }
}

#endif
